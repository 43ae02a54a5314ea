package dev.baton.engine.store;

import dev.baton.RunStatus;
import dev.baton.StepKind;
import dev.baton.StepStatus;

/**
 * Rows for store tests, with defaults for every field a test does not care about. Times are
 * explicit epoch milliseconds around {@link #T0}; nothing reads a clock.
 */
public final class StoreFixtures {
    /** A fixed "now" for tests. */
    public static final long T0 = 1_700_000_000_000L;

    private StoreFixtures() {
    }

    /** @param id the run's id @return a builder of a PENDING run of workflow "orders" created at T0 */
    public static RunBuilder run(String id) {
        return new RunBuilder(id);
    }

    /**
     * @param runId  the run
     * @param seq    the sequence number
     * @param name   the step's name
     * @param status its state
     * @return a STEP row started at T0, ended at T0 + 5 when finished
     */
    public static StepRow step(String runId, int seq, String name, StepStatus status) {
        boolean finished = status == StepStatus.COMPLETED || status == StepStatus.FAILED
                || status == StepStatus.CANCELLED;
        return new StepRow(runId, seq, name, StepKind.STEP, status, 1, T0, finished ? T0 + 5 : null, null,
                status == StepStatus.COMPLETED ? "\"" + name + "-result\"" : null,
                status == StepStatus.COMPLETED ? "java.lang.String" : null,
                status == StepStatus.FAILED ? "{\"message\":\"boom\"}" : null, null);
    }

    /** A mutable builder of {@link RunRow}s for tests. */
    public static final class RunBuilder {
        private final String id;
        private String workflow = "orders";
        private RunStatus status = RunStatus.PENDING;
        private String input = "{\"order\":42}";
        private String output;
        private String outputType;
        private String error;
        private String idempotencyKey;
        private String parentRunId;
        private int parentSeq;
        private String owner;
        private long leaseUntil;
        private Long wakeAt;
        private String waitingFor;
        private boolean cancelRequested;
        private long createdAt = T0;
        private Long startedAt;
        private Long endedAt;
        private long updatedAt = T0;
        private String codeVersion;

        private RunBuilder(String id) {
            this.id = id;
        }

        public RunBuilder workflow(String value) {
            workflow = value;
            return this;
        }

        public RunBuilder status(RunStatus value) {
            status = value;
            return this;
        }

        public RunBuilder input(String value) {
            input = value;
            return this;
        }

        public RunBuilder output(String value, String type) {
            output = value;
            outputType = type;
            return this;
        }

        public RunBuilder error(String value) {
            error = value;
            return this;
        }

        public RunBuilder idempotencyKey(String value) {
            idempotencyKey = value;
            return this;
        }

        public RunBuilder parent(String runId, int seq) {
            parentRunId = runId;
            parentSeq = seq;
            return this;
        }

        public RunBuilder owner(String value, long until) {
            owner = value;
            leaseUntil = until;
            return this;
        }

        /** Makes the run WAITING until {@code at} (null: until woken). */
        public RunBuilder waiting(Long at, String what) {
            status = RunStatus.WAITING;
            wakeAt = at;
            waitingFor = what;
            return this;
        }

        public RunBuilder cancelRequested(boolean value) {
            cancelRequested = value;
            return this;
        }

        public RunBuilder createdAt(long value) {
            createdAt = value;
            updatedAt = Math.max(updatedAt, value);
            return this;
        }

        public RunBuilder startedAt(Long value) {
            startedAt = value;
            return this;
        }

        public RunBuilder endedAt(Long value) {
            endedAt = value;
            return this;
        }

        public RunBuilder updatedAt(long value) {
            updatedAt = value;
            return this;
        }

        public RunBuilder codeVersion(String value) {
            codeVersion = value;
            return this;
        }

        public RunRow build() {
            return new RunRow(id, workflow, status, input, output, outputType, error, idempotencyKey, parentRunId,
                    parentSeq, owner, leaseUntil, wakeAt, waitingFor, cancelRequested, createdAt, startedAt, endedAt,
                    updatedAt).withCodeVersion(codeVersion);
        }

        /** @return a {@link Write.CreateRun} of the built run */
        public Write.CreateRun create() {
            return new Write.CreateRun(build());
        }
    }
}
