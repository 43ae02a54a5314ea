package dev.baton.engine.run;

/**
 * How a durable wait ended.
 *
 * @param outcome what ended it
 * @param value   what was awaited, when READY
 * @param <T>     the awaited value's type
 */
record WaitResult<T>(Outcome outcome, T value) {
    enum Outcome {
        /** What was awaited is there. */
        READY,
        /** The deadline passed. */
        DUE,
        /** The run was cancelled. */
        CANCELLED
    }

    static <T> WaitResult<T> ready(T value) {
        return new WaitResult<>(Outcome.READY, value);
    }

    static <T> WaitResult<T> due() {
        return new WaitResult<>(Outcome.DUE, null);
    }

    static <T> WaitResult<T> cancelled() {
        return new WaitResult<>(Outcome.CANCELLED, null);
    }
}
