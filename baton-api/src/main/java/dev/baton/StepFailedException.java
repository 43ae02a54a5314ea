package dev.baton;

import java.util.List;

/**
 * A step (or a child run) failed after its last attempt. Thrown from the durable call into the
 * workflow, on first execution and identically on replay, so that a workflow can branch on it:
 *
 * <pre>{@code
 * try {
 *     flow.step("extract", opts, () -> source.extract());
 * } catch (StepFailedException e) {
 *     if (e.isCausedBy(IOException.class)) { ... }
 * }
 * }</pre>
 *
 * <p>On first execution {@link #getCause()} is the original exception; on replay it is a
 * {@link RecordedFailure} with the recorded type, message and stack trace.
 */
public class StepFailedException extends BatonException {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final String stepName;
    private final int seq;
    private final int attempts;
    private final String failureType;
    private final String failureMessage;
    private final List<String> failureTypes;

    /**
     * @param runId          the run
     * @param stepName       the step
     * @param seq            the step's sequence number
     * @param attempts       how many attempts were made
     * @param failureType    the class name of the last attempt's exception
     * @param failureMessage its message
     * @param failureTypes   the class names of that exception and of its superclasses
     * @param cause          the original or recorded exception
     */
    public StepFailedException(String runId, String stepName, int seq, int attempts, String failureType,
                               String failureMessage, List<String> failureTypes, Throwable cause) {
        super("step '" + stepName + "' (seq " + seq + ") of run " + runId + " failed after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + failureType
                + (failureMessage == null ? "" : ": " + failureMessage), cause);
        this.runId = runId;
        this.stepName = stepName;
        this.seq = seq;
        this.attempts = attempts;
        this.failureType = failureType;
        this.failureMessage = failureMessage;
        this.failureTypes = List.copyOf(failureTypes);
    }

    /** @return the run's id */
    public String runId() {
        return runId;
    }

    /** @return the step's name */
    public String stepName() {
        return stepName;
    }

    /** @return the step's sequence number */
    public int seq() {
        return seq;
    }

    /** @return how many attempts were made */
    public int attempts() {
        return attempts;
    }

    /** @return the class name of the last attempt's exception */
    public String failureType() {
        return failureType;
    }

    /** @return the message of the last attempt's exception, or null */
    public String failureMessage() {
        return failureMessage;
    }

    /**
     * @param type an exception type
     * @return whether the last attempt failed with {@code type} or a subclass of it; answers
     * the same on first execution and on replay
     */
    public boolean isCausedBy(Class<? extends Throwable> type) {
        return failureTypes.contains(type.getName());
    }
}
