package dev.baton.alerts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on loopback that takes mail but answers every line after a delay (a tarpit):
 * each reply comes within the client's read timeout, the whole conversation takes much longer.
 */
final class SlowSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final long delayMillis;
    private final AtomicInteger accepted = new AtomicInteger();

    SlowSmtpServer(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.ofVirtual().start(() -> converse(client));
                } catch (IOException e) {
                    // closed
                }
            }
        });
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 slow.example.com ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 2.0.0 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private void reply(OutputStream out, String line) throws IOException, InterruptedException {
        Thread.sleep(delayMillis);
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** @return messages taken in full */
    int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
