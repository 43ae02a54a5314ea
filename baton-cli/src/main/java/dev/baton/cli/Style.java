package dev.baton.cli;

import dev.baton.RunStatus;
import dev.baton.StepStatus;

/** A little ANSI colour for terminals; plain text otherwise. */
final class Style {
    private static final String RESET = "\u001b[0m";

    private final boolean colour;

    /** @param colour whether to emit ANSI colour codes */
    Style(boolean colour) {
        this.colour = colour;
    }

    String green(String text) {
        return wrap("32", text);
    }

    String red(String text) {
        return wrap("31", text);
    }

    String yellow(String text) {
        return wrap("33", text);
    }

    String cyan(String text) {
        return wrap("36", text);
    }

    String dim(String text) {
        return wrap("2", text);
    }

    String bold(String text) {
        return wrap("1", text);
    }

    /** @param status a run's state @param text the text to colour @return it in the state's colour */
    String status(RunStatus status, String text) {
        return switch (status) {
            case COMPLETED -> green(text);
            case FAILED -> red(text);
            case CANCELLED, WAITING -> yellow(text);
            case RUNNING -> cyan(text);
            case PENDING, SKIPPED -> dim(text);
        };
    }

    /** @param status a step's state @param text the text to colour @return it in the state's colour */
    String status(StepStatus status, String text) {
        return switch (status) {
            case COMPLETED -> green(text);
            case FAILED -> red(text);
            case CANCELLED, WAITING -> yellow(text);
            case RUNNING -> cyan(text);
        };
    }

    private String wrap(String code, String text) {
        return colour && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
    }

    /** @param text text that may hold ANSI codes @return its length as displayed */
    static int visibleLength(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
