package dev.baton.steps;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which exit codes succeed, which are worth another attempt, and which end the step at once.
 *
 * @param success      the success codes, never empty
 * @param retryable    the retryable failing codes, or null for "every failing code not in
 *                     {@code nonRetryable}"
 * @param nonRetryable failing codes that end the step at once
 */
record ExitCodePolicy(Set<Integer> success, Set<Integer> retryable, Set<Integer> nonRetryable) {

    static final ExitCodePolicy DEFAULT = new ExitCodePolicy(Set.of(0), null, Set.of());

    /** What an exit code means. */
    enum Outcome { SUCCESS, RETRYABLE, FATAL }

    ExitCodePolicy {
        success = Set.copyOf(success);
        retryable = retryable == null ? null : Set.copyOf(retryable);
        nonRetryable = Set.copyOf(nonRetryable);
    }

    ExitCodePolicy withSuccess(int... codes) {
        Set<Integer> set = codes("successCodes", codes);
        requireDisjoint("successCodes", set, "retryableCodes", retryable);
        requireDisjoint("successCodes", set, "nonRetryableCodes", nonRetryable);
        return new ExitCodePolicy(set, retryable, nonRetryable);
    }

    ExitCodePolicy withRetryable(int... codes) {
        Set<Integer> set = codes("retryableCodes", codes);
        requireDisjoint("retryableCodes", set, "successCodes", success);
        requireDisjoint("retryableCodes", set, "nonRetryableCodes", nonRetryable);
        return new ExitCodePolicy(success, set, nonRetryable);
    }

    ExitCodePolicy withNonRetryable(int... codes) {
        Set<Integer> set = codes == null || codes.length == 0 ? Set.of() : codes("nonRetryableCodes", codes);
        requireDisjoint("nonRetryableCodes", set, "successCodes", success);
        requireDisjoint("nonRetryableCodes", set, "retryableCodes", retryable);
        return new ExitCodePolicy(success, retryable, set);
    }

    /** @param code an exit code @return what it means */
    Outcome classify(int code) {
        if (success.contains(code)) {
            return Outcome.SUCCESS;
        }
        if (nonRetryable.contains(code)) {
            return Outcome.FATAL;
        }
        return retryable == null || retryable.contains(code) ? Outcome.RETRYABLE : Outcome.FATAL;
    }

    /** @param code a failing code @return why it is or is not retried, for error messages */
    String explain(int code) {
        return switch (classify(code)) {
            case SUCCESS -> "success";
            case RETRYABLE -> "retryable; success codes " + list(success);
            case FATAL -> nonRetryable.contains(code)
                    ? "not retryable: " + code + " is a non-retryable code"
                    : "not retryable: only " + list(retryable) + " are retryable";
        };
    }

    static String list(Set<Integer> codes) {
        return new TreeSet<>(codes).stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    private static Set<Integer> codes(String field, int[] codes) {
        if (codes == null || codes.length == 0) {
            throw new IllegalArgumentException(field + " must name at least one exit code, was []");
        }
        for (int code : codes) {
            if (code < 0) {
                throw new IllegalArgumentException(field + " must be exit codes >= 0, was " + Arrays.toString(codes));
            }
        }
        return Arrays.stream(codes).boxed().collect(Collectors.toUnmodifiableSet());
    }

    private static void requireDisjoint(String field, Set<Integer> codes, String otherField, Set<Integer> other) {
        if (other == null) {
            return;
        }
        Set<Integer> both = new TreeSet<>(codes);
        both.retainAll(other);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(field + " and " + otherField + " must not share codes, both have " + both);
        }
    }
}
