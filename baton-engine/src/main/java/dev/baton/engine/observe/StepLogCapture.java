package dev.baton.engine.observe;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Captures what step bodies log through SLF4J into their attempt's stored log. It needs a hook
 * in the logging backend: with Logback (the engine's optional dependency) it attaches
 * {@link StepLogAppender} on its own; with another backend nothing is captured, and an appender
 * of that backend can forward lines with {@code StepContext.find().ifPresent(s -> s.log(level, line))}.
 */
public final class StepLogCapture {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private StepLogCapture() {
    }

    /**
     * Attaches the capture to the logging backend, once per backend context.
     *
     * @return what was found: {@code "logback"} when capturing, otherwise the backend's factory class
     */
    public static String install() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        String backend = factory.getClass().getName();
        if (!backend.equals(LOGBACK_CONTEXT)) {
            return backend;
        }
        try {
            StepLogAppender.attachTo(factory);
            return "logback";
        } catch (LinkageError e) {
            // Logback classes of another version than the engine was built with: no capture.
            return backend + " (" + e + ")";
        }
    }
}
