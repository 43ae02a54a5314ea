package dev.baton.steps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The secrets one step attempt resolved: resolves them through the step's context and masks
 * their values in every text the step produces (log lines, output summaries, exception messages),
 * with the same rule as the engine: values shorter than {@value #MIN_MASKED_LENGTH} characters are
 * not masked, since replacing them would garble every text.
 */
final class SecretScope {
    /** What a secret's value is replaced with. */
    static final String MASK = "***";
    /** The shortest value that is masked. */
    static final int MIN_MASKED_LENGTH = 3;

    private final UnaryOperator<String> resolver;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String[] values = new String[0];

    /** @param resolver resolves a secret's name to its value, e.g. {@code StepContext::secret} */
    SecretScope(UnaryOperator<String> resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * @param secret a reference
     * @return the text it stands for, with the value in it; the value is masked from now on
     */
    String resolve(Secret secret) {
        String value = resolver.apply(secret.name());
        if (value == null) {
            throw new IllegalStateException("secret '" + secret.name() + "' resolved to null");
        }
        register(value);
        return secret.apply(value);
    }

    /** @param value a value to mask from now on */
    void register(String value) {
        if (value == null || value.length() < MIN_MASKED_LENGTH) {
            return;
        }
        List<String> forms = new ArrayList<>();
        forms.add(value);
        // Output is masked line by line: each line of a multi-line value (a key file) is masked too.
        value.lines().filter(line -> line.length() >= MIN_MASKED_LENGTH).forEach(forms::add);
        lock.lock();
        try {
            List<String> next = new ArrayList<>(List.of(values));
            forms.stream().filter(form -> !next.contains(form)).distinct().forEach(next::add);
            // Longest first, so that a value containing another is masked whole.
            next.sort(Comparator.comparingInt(String::length).reversed());
            values = next.toArray(String[]::new);
        } finally {
            lock.unlock();
        }
    }

    /** @param text any text, or null @return it with every resolved value replaced by {@value #MASK} */
    String mask(String text) {
        String[] current = values;
        if (text == null || current.length == 0) {
            return text;
        }
        String masked = text;
        for (String value : current) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }

    /**
     * @param failure an exception from a library, whose message may quote a resolved value
     * @return it unchanged when no message in its cause chain contains a resolved value, else a
     * stand-in with masked messages and the same stack traces
     */
    Throwable sanitize(Throwable failure) {
        if (failure == null || !leaks(failure)) {
            return failure;
        }
        Throwable cause = sanitize(failure.getCause());
        MaskedFailure masked = new MaskedFailure(failure.getClass().getName() + ": " + mask(failure.getMessage()), cause);
        masked.setStackTrace(failure.getStackTrace());
        return masked;
    }

    private boolean leaks(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.equals(mask(message))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Stands in for a library exception whose message quoted a secret. */
    static final class MaskedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MaskedFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
