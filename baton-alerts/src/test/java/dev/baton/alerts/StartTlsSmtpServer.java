package dev.baton.alerts;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server on loopback that speaks plain SMTP and, when asked to, offers STARTTLS
 * (RFC 3207) with GreenMail's self-signed server certificate (the one its SMTPS server uses).
 * It accepts every message and keeps it with whether it arrived over TLS.
 */
final class StartTlsSmtpServer implements AutoCloseable {
    /** A message as received: its data (headers and body) and whether the connection was encrypted. */
    record Received(String data, boolean overTls, String protocol) {
    }

    private final ServerSocket socket;
    private final boolean offerStartTls;
    private final SSLContext tls;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StartTlsSmtpServer(boolean offerStartTls) throws Exception {
        this.offerStartTls = offerStartTls;
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = com.icegreen.greenmail.util.GreenMail.class.getClassLoader()
                .getResourceAsStream("greenmail.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException e) {
                    // closed
                }
            }
        });
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void serve(Socket plain) {
        Socket client = plain;
        try {
            BufferedReader in = reader(client);
            OutputStream out = client.getOutputStream();
            say(out, "220 localhost ESMTP test server");
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (data != null) {
                    if (line.equals(".")) {
                        String protocol = client instanceof SSLSocket s ? s.getSession().getProtocol() : null;
                        received.add(new Received(data.toString(), client instanceof SSLSocket, protocol));
                        data = null;
                        say(out, "250 2.0.0 OK queued");
                    } else {
                        data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
                    }
                    continue;
                }
                String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO" -> {
                        boolean offer = offerStartTls && !(client instanceof SSLSocket);
                        say(out, offer ? "250-localhost\r\n250-8BITMIME\r\n250 STARTTLS" : "250-localhost\r\n250 8BITMIME");
                    }
                    case "HELO" -> say(out, "250 localhost");
                    case "STAR" -> {
                        if (!offerStartTls || client instanceof SSLSocket) {
                            say(out, "502 5.5.1 STARTTLS not offered");
                            continue;
                        }
                        say(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain,
                                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
                        secure.setUseClientMode(false);
                        secure.startHandshake();
                        client = secure;
                        in = reader(client);
                        out = client.getOutputStream();
                    }
                    case "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 2.1.0 OK");
                    case "DATA" -> {
                        data = new StringBuilder();
                        say(out, "354 End data with <CR><LF>.<CR><LF>");
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> say(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away or the handshake failed
        } finally {
            try {
                client.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    private static BufferedReader reader(Socket client) throws IOException {
        return new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
