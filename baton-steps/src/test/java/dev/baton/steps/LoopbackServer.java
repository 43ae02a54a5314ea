package dev.baton.steps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 and a free port, answering with scripted responses in order
 * (the last one repeats) and recording every request.
 */
final class LoopbackServer implements AutoCloseable {

    /** A request as received. */
    record Received(String method, URI uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What the server does for one request. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final BlockingQueue<Responder> script = new LinkedBlockingQueue<>();
    private volatile Responder last = exchange -> send(exchange, 200, "text/plain", "ok");
    private final List<Received> received = new CopyOnWriteArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
                Responder next = script.poll();
                if (next != null) {
                    last = next;
                } else {
                    next = last;
                }
                next.respond(exchange);
            } catch (Exception e) {
                // The client went away (a cancelled or timed-out request): nothing to answer.
            }
        });
        server.start();
    }

    /** Queues responses, answered in order; the last one repeats. */
    LoopbackServer then(Responder... responders) {
        script.addAll(List.of(responders));
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    static Responder status(int status, String contentType, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            send(exchange, status, contentType, body);
        };
    }

    static Responder json(int status, String body, String... headers) {
        return status(status, "application/json", body, headers);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** A responder that answers only once {@code release} is counted down. */
    static Responder blockUntil(java.util.concurrent.CountDownLatch release) {
        return exchange -> {
            release.await(60, TimeUnit.SECONDS);
            send(exchange, 200, "text/plain", "late");
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
