package dev.baton.server.ui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Reads a server-sent event stream over real HTTP, as a browser's EventSource would. */
final class SseReader implements AutoCloseable {
    record Event(String name, String data) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final List<Event> seen = new ArrayList<>();

    SseReader(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            String[] current = {"message", null};
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    current[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    current[1] = line.substring(5).strip();
                } else if (line.isEmpty() && current[1] != null) {
                    events.add(new Event(current[0], current[1]));
                    current[0] = "message";
                    current[1] = null;
                }
            });
        });
    }

    /** @return the first event matching, waiting at most {@code timeout} */
    Event await(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            seen.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
        throw new AssertionError("no matching event within " + timeout + "; seen: " + seen);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
