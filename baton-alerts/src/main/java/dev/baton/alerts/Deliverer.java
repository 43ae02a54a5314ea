package dev.baton.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.alert.Alerts;
import dev.baton.engine.BatonEngine;
import dev.baton.engine.store.DeliveryAttemptRow;
import dev.baton.engine.store.DeliveryRow;
import dev.baton.engine.store.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends the deliveries that are due. Each is claimed under a lease first, so that of several
 * processes on one store only one sends it; each attempt is recorded with what the channel
 * answered; a failed attempt is tried again after a wait that doubles, and after the last one the
 * delivery is marked FAILED (shown in the UI and the API, and logged). A delivery whose process
 * died before recording its attempt is claimed again when the lease runs out, so a notification
 * is sent at least once; the webhook and e-mail carry the delivery id for receivers that must not
 * act twice.
 */
final class Deliverer {
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    private static final int BATCH = 32;

    private final BatonEngine engine;
    private final Alerts alerts;
    private final Channels channels;
    private final ObjectMapper json;
    private final String owner;
    /**
     * The most one attempt may take before it is stopped (interrupted: a virtual thread's socket is
     * then closed). The claim's lease is this and 5 s more to record the attempt, so an attempt
     * ends and is recorded while its lease lasts: a slow server (an SMTP tarpit answering each
     * reply just under the timeout) would otherwise outlast the lease, another process would
     * claim and send the delivery too, and neither could record its attempt, forever.
     */
    private final long attemptBudgetMillis;

    Deliverer(BatonEngine engine, Alerts alerts, Channels channels, ObjectMapper json) {
        this.engine = engine;
        this.alerts = alerts;
        this.channels = channels;
        this.json = json;
        this.owner = engine.workerId();
        this.attemptBudgetMillis = 3 * alerts.requestTimeout().toMillis();
    }

    /** Claims the due deliveries and sends them, each on its own virtual thread; returns when all are recorded. */
    @SuppressWarnings("unchecked")
    void pass() {
        long now = engine.clock().millis();
        // Read first: a pass with nothing due makes no write (the writer is the runs' too).
        Long due = engine.store().nextAlertDeliveryAt().orElse(null);
        if (due == null || due > now) {
            return;
        }
        // Long enough for every attempt of the batch, which run side by side, to end and be recorded
        // (an SMTP conversation may take a timeout to connect and one per reply); short enough that
        // a delivery whose process died mid-attempt is soon sent by another.
        long lease = attemptBudgetMillis + 5_000;
        List<DeliveryRow> claimed = (List<DeliveryRow>) engine.writer()
                .submit(new Write.ClaimDeliveries(owner, now, now + lease, BATCH)).join().get(0);
        List<Thread> sending = new ArrayList<>();
        for (DeliveryRow delivery : claimed) {
            sending.add(Thread.ofVirtual().name("baton-alert-delivery-" + delivery.id()).start(() -> deliver(delivery)));
        }
        long stopAt = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(attemptBudgetMillis);
        for (Thread thread : sending) {
            try {
                if (!thread.join(java.time.Duration.ofNanos(Math.max(0, stopAt - System.nanoTime())))) {
                    thread.interrupt();
                }
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(DeliveryRow delivery) {
        int attempt = delivery.attempts() + 1;
        boolean ok;
        boolean retryable;
        String result;
        try {
            AlertNotice notice = json.readValue(delivery.message(), AlertNotice.class);
            Optional<Sender> sender = channels.sender(delivery.channel());
            if (sender.isEmpty()) {
                throw new DeliveryFailure("the channel '" + delivery.channel() + "' is not configured in this process "
                        + "(worker " + owner + "); configure it again or the delivery stays failed", false, null);
            }
            result = sender.get().send(notice, delivery.id());
            ok = true;
            retryable = false;
        } catch (DeliveryFailure e) {
            ok = false;
            retryable = e.retryable();
            result = e.getMessage();
        } catch (Exception e) {
            ok = false;
            retryable = true;
            result = delivery.channel() + ": " + e;
        }
        if (Thread.interrupted() && !ok) {
            result = "stopped after " + attemptBudgetMillis + " ms, the most one attempt may take (3 x requestTimeout): "
                    + result;
        }
        long at = engine.clock().millis();
        boolean last = ok || !retryable || attempt >= alerts.maxAttempts();
        Long next = last ? null : at + backoff(attempt);
        String status = ok ? "SENT" : last ? "FAILED" : "PENDING";
        try {
            Object recorded = engine.writer().submit(new Write.RecordDeliveryAttempt(owner,
                    new DeliveryAttemptRow(delivery.id(), attempt, at, ok, result, next), status)).join().get(0);
            if (!Boolean.TRUE.equals(recorded)) {
                log.warn("alert delivery {} to '{}' was taken over by another worker while it was sent; its attempt {} "
                        + "({}) is not recorded", delivery.id(), delivery.channel(), attempt, result);
            }
        } catch (RuntimeException e) {
            log.warn("the attempt {} of alert delivery {} to '{}' ({}) could not be recorded: {}; it is sent again "
                    + "when its lease runs out", attempt, delivery.id(), delivery.channel(), result, e.toString());
            return;
        }
        if ("FAILED".equals(status)) {
            log.error("alert delivery {} to channel '{}' FAILED after {} attempt(s): {}", delivery.id(),
                    delivery.channel(), attempt, result);
        } else if (!ok) {
            log.warn("alert delivery {} to channel '{}' failed (attempt {} of {}): {}; next attempt in {} ms",
                    delivery.id(), delivery.channel(), attempt, alerts.maxAttempts(), result, next - at);
        }
    }

    /** @return the wait after attempt {@code attempt}: the first retry's wait, doubled per attempt, capped */
    private long backoff(int attempt) {
        long first = alerts.firstRetry().toMillis();
        long max = alerts.maxRetryWait().toMillis();
        long wait = first;
        for (int i = 1; i < attempt && wait < max; i++) {
            wait *= 2;
        }
        return Math.min(wait, max);
    }
}
