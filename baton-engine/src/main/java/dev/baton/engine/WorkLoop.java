package dev.baton.engine;

import dev.baton.engine.store.Claim;
import dev.baton.engine.store.Write;
import dev.baton.engine.work.WorkerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The worker's background loop: claims due runs under a lease (new runs started elsewhere, runs
 * whose wait is over, runs of dead workers), delivers cancellations requested from other
 * processes, renews this worker's leases and heartbeat, and resumes at once the runs of workers
 * on this host whose process has died, and fires the schedules that are due. It sleeps until the
 * next due time known to the store or the next schedule fire, or until poked.
 */
final class WorkLoop {
    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);
    private static final int CLAIM_BATCH = 512;

    private final BatonEngine engine;
    private final WorkerIdentity identity;
    private final EngineClock.Parker pokes;
    private Thread thread;
    private volatile boolean stopped;
    /** Set by a poke: something may have become claimable (or cancelled) here. */
    private volatile boolean claimAsked = true;

    WorkLoop(BatonEngine engine, WorkerIdentity identity) {
        this.engine = engine;
        this.identity = identity;
        this.pokes = engine.clock().newParker();
    }

    void start() {
        thread = Thread.ofPlatform().name("baton-work-loop").daemon(true).unstarted(engine.clock().track(this::loop));
        thread.start();
    }

    void poke() {
        claimAsked = true;
        pokes.unpark();
    }

    void stop() {
        stopped = true;
        poke();
        if (thread == null) {
            return;
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long nextHeartbeat = 0;
        long leaseMillis = engine.leaseMillis();
        // When to claim again without a poke: at the poll, or when the store's next waiting run is due.
        long nextClaim = 0;
        while (!stopped) {
            try {
                long now = engine.clock().millis();
                if (now >= nextHeartbeat) {
                    heartbeat(now);
                    nextHeartbeat = now + Math.max(1_000, leaseMillis / 3);
                }
                // Schedules first: a pass woken for a fire starts it before it waits on a claim's commit.
                long nextFire = engine.fireSchedules();
                // A pass woken only for a schedule's fire claims nothing: a claim waits for a commit,
                // and the next fire, perhaps milliseconds away, would wait behind it.
                if (claimAsked || now >= nextClaim) {
                    claimAsked = false;
                    int claimed = claim(now);
                    deliverCancellations();
                    if (claimed >= CLAIM_BATCH) {
                        claimAsked = true;
                        continue;
                    }
                    nextClaim = now + engine.pollIntervalMillis();
                    // A run due already was claimed above if it could be; one still due is executing here
                    // (woken, re-checking its wait) or not ours to take (another worker's lease, another
                    // code version). Waiting for it would spin: wait for a poke, the poll or a later time.
                    Optional<Long> due = engine.store().nextWakeAt();
                    long justNow = engine.clock().millis();
                    if (due.isPresent() && due.get() > justNow) {
                        nextClaim = Math.min(nextClaim, due.get());
                    }
                }
                // Never later than the next heartbeat, which keeps this worker's leases alive.
                long wait = Math.min(Math.max(1, nextClaim - engine.clock().millis()),
                        Math.max(1, nextHeartbeat - engine.clock().millis()));
                // Wake for the next schedule fire too; a millisecond late, so that it is due when checked.
                if (nextFire != Long.MAX_VALUE) {
                    wait = Math.min(wait, Math.max(0, nextFire + 1 - engine.clock().millis()));
                }
                if (wait > 0) {
                    pokes.park(wait);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                log.warn("the work loop of worker {} failed: {}; retrying in 1s", identity.id(), e.getMessage());
                sleepQuietly(1_000);
            }
        }
    }

    private int claim(long now) {
        int capacity = engine.capacity();
        if (capacity <= 0) {
            return 0;
        }
        int limit = Math.min(capacity, CLAIM_BATCH);
        @SuppressWarnings("unchecked")
        List<Claim> claims = (List<Claim>) engine.writer()
                .submit(new Write.ClaimRuns(identity.id(), now, now + engine.leaseMillis(), limit, engine.acceptedVersions()))
                .join().get(0);
        for (Claim claim : claims) {
            engine.claimed(claim);
        }
        return claims.size();
    }

    private void deliverCancellations() {
        for (String runId : engine.store().cancelRequested(identity.id())) {
            engine.deliverCancel(runId);
        }
    }

    private void heartbeat(long now) {
        engine.writer().submit(
                new Write.UpsertWorker(new dev.baton.engine.store.WorkerRow(identity.id(), identity.host(), identity.pid(),
                        identity.start(), now)),
                new Write.RenewLeases(identity.id(), now + engine.leaseMillis())).join();
        for (String owner : engine.store().owners()) {
            if (identity.isDeadLocalWorker(owner)) {
                Object released = engine.writer().submit(new Write.ReleaseOwner(owner), new Write.DeleteWorker(owner))
                        .join().get(0);
                log.info("worker {} is gone; resuming its {} runs", owner, released);
                claimAsked = true; // claimed in this very pass
            }
        }
    }

    private void sleepQuietly(long millis) {
        try {
            engine.clock().sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
