package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.alert.Alerts;
import dev.baton.engine.BatonEngine;
import dev.baton.engine.alert.AlertServiceProvider;
import dev.baton.spi.BatonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Two loops on virtual threads of their own: the evaluator (which of the store's runs, deadlines
 * and fires call for an alert) and the deliverer (sending what the evaluator queued). Neither
 * touches a run's thread: a run that fails only writes its failure, as it always does.
 */
final class AlertRuntime implements AlertServiceProvider.AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertRuntime.class);
    /** Writes queued for the store's writer above which a pass waits: the runs' writes go first. */
    static final int BUSY_BACKLOG = 8;
    private static final long BUSY_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final BatonConfig config;
    private final Channels channels;
    private final ObjectMapper json;
    private volatile boolean stopped;
    private Thread evaluating;
    private Thread delivering;
    private BatonEngine engine;

    AlertRuntime(BatonConfig config, Channels channels, ObjectMapper json) {
        this.config = config;
        this.channels = channels;
        this.json = json;
    }

    @Override
    public synchronized void start(BatonEngine engine) {
        this.engine = engine;
        Alerts alerts = config.alerts();
        AlertEvaluator evaluator = new AlertEvaluator(engine, alerts, json);
        Deliverer deliverer = new Deliverer(engine, alerts, channels, json);
        // Fixes where a new store's alerting begins before any run of this process can end: a run
        // that failed before the cursor existed would be taken for history and never alerted.
        try {
            evaluator.claim();
        } catch (RuntimeException e) {
            log.warn("alerts could not claim their evaluation yet: {}; trying again in the first pass", e.toString());
        }
        long every = alerts.checkEvery().toNanos();
        // Deliveries retry on their own schedule; they are looked for at least once a second.
        long deliverEvery = Math.min(every, Duration.ofSeconds(1).toNanos());
        evaluating = Thread.ofVirtual().name("baton-alerts-evaluator").start(() -> loop("evaluating alerts", every,
                evaluator::pass));
        delivering = Thread.ofVirtual().name("baton-alerts-delivery").start(() -> loop("delivering alerts",
                deliverEvery, () -> {
                    deliverer.pass();
                    return false;
                }));
    }

    /**
     * Runs a pass every {@code everyNanos}. While the store's writer has a backlog (runs are
     * writing), a pass waits, by at most one more period: alerting is then at most that much
     * later, and the runs' transactions are not lengthened by the alerts' reads and writes.
     */
    private void loop(String doing, long everyNanos, java.util.function.BooleanSupplier pass) {
        long deferredSince = -1;
        while (!stopped) {
            if (engine.writer().backlog() > BUSY_BACKLOG) {
                long now = System.nanoTime();
                if (deferredSince < 0) {
                    deferredSince = now;
                }
                if (now - deferredSince < everyNanos) {
                    LockSupport.parkNanos(Math.min(everyNanos, BUSY_RECHECK_NANOS));
                    continue;
                }
            }
            deferredSince = -1;
            try {
                if (pass.getAsBoolean()) {
                    continue;
                }
            } catch (RuntimeException e) {
                if (!stopped) {
                    log.warn("{} failed: {}; trying again in {} ms", doing, e.toString(),
                            TimeUnit.NANOSECONDS.toMillis(everyNanos));
                }
            }
            LockSupport.parkNanos(everyNanos);
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        for (Thread thread : new Thread[] {evaluating, delivering}) {
            if (thread != null) {
                LockSupport.unpark(thread);
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        channels.close();
        if (engine != null) {
            // Hands the evaluation over at once: a lease that ends now is free for the next claim.
            try {
                long now = engine.clock().millis();
                engine.writer().submit(new dev.baton.engine.store.Write.ClaimAlertEvaluator(engine.workerId(), now, now))
                        .join();
            } catch (RuntimeException e) {
                log.debug("the alert evaluator's lease was not handed over: {}; it ends by itself", e.toString());
            }
        }
    }
}
