package dev.baton.engine.write;

import dev.baton.StoreException;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The single writer: collects the writes of every run in this process and applies them to the
 * store in batches, one transaction per batch. A caller that needs durability waits on the
 * returned future, which completes once its batch has committed; callers that only record
 * (a step's start, a timeline entry) do not wait. While one batch commits the next one fills up,
 * so the cost of a commit (an fsync) is shared by every write in the batch.
 *
 * <p>Writes for the same step ({@link Write.UpsertStep} with the same run and sequence number)
 * within one batch are coalesced: only the last is applied, the others yield null.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /** The most writes in one transaction. */
    static final int MAX_BATCH = 8_192;
    /**
     * How long a batch of writes that nobody waits for (a step's start, a timeline entry) is held
     * back for a write that somebody waits for (typically that step's completion a moment later).
     * Without it the writer commits them alone at once, and the completion that follows waits for
     * that commit and then its own. They are only delayed, never dropped: whatever is queued before
     * a waited-for write commits with it or before it.
     */
    public static final java.time.Duration RECORD_LINGER = java.time.Duration.ofMillis(1);
    /** Queued by {@link #close()} to end a linger at once; never applied. */
    private static final Pending NUDGE = new Pending(List.of(), null, null);

    private final long recordLingerNanos;
    private final Store store;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final BatchObserver batchObserver;
    private final UnaryOperator<Write> rewrite;
    private volatile boolean closing;
    /** Set by {@link #halt()}: nothing more reaches the store, as when the process dies. */
    private volatile boolean halted;
    /** Writes queued or being applied, until their callers have been told. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param store         the store to write
     * @param rewrite       applied to every write before it is stored (secret masking), may be null
     * @param batchObserver told the size and duration of each batch (for metrics), may be null
     */
    public GroupCommitter(Store store, UnaryOperator<Write> rewrite, BatchObserver batchObserver) {
        this(store, rewrite, batchObserver, RECORD_LINGER);
    }

    /**
     * @param store         the store to write
     * @param rewrite       applied to every write before it is stored (secret masking), may be null
     * @param batchObserver told the size and duration of each batch (for metrics), may be null
     * @param recordLinger  how long writes nobody waits for are held back for one somebody waits for
     *                      ({@link #RECORD_LINGER} normally)
     */
    public GroupCommitter(Store store, UnaryOperator<Write> rewrite, BatchObserver batchObserver,
                          java.time.Duration recordLinger) {
        this.recordLingerNanos = recordLinger.toNanos();
        this.store = store;
        this.rewrite = rewrite;
        this.batchObserver = batchObserver;
        this.thread = Thread.ofPlatform().name("baton-writer").daemon(true).unstarted(this::loop);
        this.thread.start();
    }

    /**
     * Queues writes that commit together in one transaction; the caller awaits their durability.
     *
     * @param writes the writes, applied in order
     * @return completes with one result per write once committed, or exceptionally with a StoreException
     */
    public CompletableFuture<List<Object>> submit(Write... writes) {
        CompletableFuture<List<Object>> done = new CompletableFuture<>();
        if (halted) {
            done.completeExceptionally(haltedFailure());
            return done;
        }
        inFlight.incrementAndGet();
        queue.add(new Pending(List.of(writes), done, null));
        return done;
    }

    /**
     * Queues writes whose caller does not wait.
     *
     * @param onFailure told when their batch failed, may be null
     * @param writes    the writes
     */
    public void record(Consumer<Throwable> onFailure, Write... writes) {
        if (halted) {
            return;
        }
        inFlight.incrementAndGet();
        queue.add(new Pending(List.of(writes), null, onFailure));
    }

    /** @return true when nothing is queued or being applied (virtual time waits for this before it jumps) */
    public boolean idle() {
        return inFlight.get() == 0;
    }

    /** @return writes waiting to be applied */
    public int backlog() {
        return queue.size();
    }

    /**
     * Adds {@code next} and then what is queued now to {@code batch}, until {@link #MAX_BATCH}
     * writes (nudges are dropped).
     *
     * @return the number of writes in the batch
     */
    private int takeQueued(Pending next, List<Pending> batch, int size) {
        for (; next != null; next = size < MAX_BATCH ? queue.poll() : null) {
            if (next != NUDGE) {
                batch.add(next);
                size += next.writes.size();
            }
        }
        return size;
    }

    /** @return whether somebody waits for one of the batch's entries from {@code from} on */
    private static boolean anyAwaited(List<Pending> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i).future != null) {
                return true;
            }
        }
        return false;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null || first == NUDGE) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                int size = takeQueued(first, batch, 0);
                boolean awaited = anyAwaited(batch, 0);
                // Nobody waits for these writes: give a write somebody waits for a moment to join them,
                // so that it does not queue behind their commit (one fsync instead of two).
                long lingerEnd = System.nanoTime() + recordLingerNanos;
                while (!awaited && size < MAX_BATCH && !closing && !halted) {
                    long left = lingerEnd - System.nanoTime();
                    Pending next;
                    if (left <= 0 || (next = queue.poll(left, TimeUnit.NANOSECONDS)) == null) {
                        break;
                    }
                    int from = batch.size();
                    size = takeQueued(next, batch, size);
                    awaited = anyAwaited(batch, from);
                }
                commit(batch);
                inFlight.addAndGet(-batch.size());
            } catch (InterruptedException e) {
                closing = true;
            } catch (Throwable unexpected) {
                log.error("the store writer failed unexpectedly; the runs of the batch pause and resume from their last checkpoint", unexpected);
                fail(batch, unexpected);
                inFlight.addAndGet(-batch.size());
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (halted) {
            fail(batch, haltedFailure());
            return;
        }
        List<Write> writes = new ArrayList<>();
        for (Pending pending : batch) {
            if (rewrite == null) {
                writes.addAll(pending.writes);
            } else {
                for (Write write : pending.writes) {
                    writes.add(rewrite.apply(write));
                }
            }
        }
        int[] position = new int[writes.size()];
        List<Write> applied = coalesce(writes, position);
        List<Object> results;
        long started = System.nanoTime();
        try {
            results = store.apply(applied);
        } catch (StoreException e) {
            if (batchObserver != null) {
                batchObserver.failed();
            }
            if (batch.size() == 1) {
                fail(batch, e);
                return;
            }
            // One by one, so that a single bad write does not fail the other runs' writes.
            log.warn("a batch of {} writes failed ({}); applying them one by one", writes.size(), e.getMessage());
            for (Pending pending : batch) {
                commit(new ArrayList<>(List.of(pending)));
            }
            return;
        }
        if (batchObserver != null) {
            batchObserver.committed(applied.size(), System.nanoTime() - started);
        }
        int index = 0;
        for (Pending pending : batch) {
            if (pending.future != null) {
                List<Object> own = new ArrayList<>(pending.writes.size());
                for (int i = 0; i < pending.writes.size(); i++) {
                    int at = position[index + i];
                    own.add(at < 0 ? null : results.get(at));
                }
                pending.future.complete(own);
            }
            index += pending.writes.size();
        }
    }

    /**
     * Drops every upsert of a step that a later upsert of the same step in the batch replaces.
     * {@code position[i]} receives the index of write i in the returned list, or -1 when dropped.
     */
    static List<Write> coalesce(List<Write> writes, int[] position) {
        Set<StepKey> seen = null;
        boolean[] dropped = null;
        for (int i = writes.size() - 1; i >= 0; i--) {
            if (writes.get(i) instanceof Write.UpsertStep upsert) {
                if (seen == null) {
                    seen = new HashSet<>();
                }
                if (!seen.add(new StepKey(upsert.step().runId(), upsert.step().seq()))) {
                    if (dropped == null) {
                        dropped = new boolean[writes.size()];
                    }
                    dropped[i] = true;
                }
            }
        }
        if (dropped == null) {
            Arrays.setAll(position, i -> i);
            return writes;
        }
        List<Write> kept = new ArrayList<>(writes.size());
        for (int i = 0; i < writes.size(); i++) {
            if (dropped[i]) {
                position[i] = -1;
            } else {
                position[i] = kept.size();
                kept.add(writes.get(i));
            }
        }
        return kept;
    }

    private static void fail(List<Pending> batch, Throwable failure) {
        for (Pending pending : batch) {
            if (pending.future != null) {
                pending.future.completeExceptionally(failure);
            }
            if (pending.onFailure != null) {
                try {
                    pending.onFailure.accept(failure);
                } catch (RuntimeException e) {
                    log.warn("a write-failure callback failed", e);
                }
            }
        }
    }

    /**
     * Stops writing at once, as if the process had died: queued and later writes fail without
     * reaching the store (the test kit's crash; a batch being committed at this moment may land,
     * as it may in a real crash).
     */
    public void halt() {
        halted = true;
        queue.add(NUDGE);
    }

    private static StoreException haltedFailure() {
        return new StoreException("the engine was halted; this write never reached the store", null);
    }

    /** Applies everything queued so far, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        queue.add(NUDGE);
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Told about each batch, for metrics; called on the writer thread, so it must be quick. */
    public interface BatchObserver {
        /**
         * @param writes how many writes the batch applied
         * @param nanos  how long the store took to apply and commit them
         */
        void committed(int writes, long nanos);

        /** The store refused a batch. */
        void failed();
    }

    private record StepKey(String runId, int seq) {
    }

    private record Pending(List<Write> writes, CompletableFuture<List<Object>> future, Consumer<Throwable> onFailure) {
    }
}
