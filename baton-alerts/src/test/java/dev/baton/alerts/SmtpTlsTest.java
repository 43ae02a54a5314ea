package dev.baton.alerts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.baton.alert.AlertChannel;
import dev.baton.alert.AlertRule;
import dev.baton.alert.SmtpSecurity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * E-mail over SMTPS to GreenMail and over STARTTLS to an in-process server with the same
 * self-signed certificate: refused as untrusted (a failure that names the cause) unless the
 * channel is told to trust the server's certificate; and refused, with nothing sent, by a server
 * that does not offer STARTTLS when the channel requires it.
 */
class SmtpTlsTest {
    private GreenMail smtps;

    @BeforeEach
    void server() {
        smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        smtps.start();
    }

    @AfterEach
    void stop() {
        smtps.stop();
    }

    private static AlertNotice notice() {
        return new AlertNotice("TRIGGER", 1, "Load/RUN_FAILED", AlertRule.RUN_FAILED.name(), "Load", "r-1", null,
                null, null, "[Baton] Load: run failed", "Run r-1 of Load failed", "IOException: disk full", List.of(),
                1, "2026-11-26T02:00:00Z", "2026-11-26T02:00:00Z");
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessTrustedOnPurpose() throws Exception {
        AlertChannel.Email channel = AlertChannel.email("127.0.0.1", smtps.getSmtps().getPort(), SmtpSecurity.SMTPS,
                "baton@example.com", "oncall@example.com");
        assertThatThrownBy(() -> new EmailSender(channel, null, Duration.ofSeconds(5)).send(notice(), 1))
                .isInstanceOf(DeliveryFailure.class)
                .hasMessageContaining("127.0.0.1:" + smtps.getSmtps().getPort())
                .satisfies(e -> assertThat(((DeliveryFailure) e).retryable()).isTrue());
        assertThat(smtps.getReceivedMessages()).isEmpty();

        String reply = new EmailSender(channel.trustingServerCertificate(), null, Duration.ofSeconds(5)).send(notice(), 2);
        assertThat(reply).startsWith("SMTP 250");
        assertThat(smtps.getReceivedMessages()).hasSize(1);
        assertThat(smtps.getReceivedMessages()[0].getSubject()).isEqualTo("[Baton] Load: run failed");
    }

    @Test
    void startTlsUpgradesThePlainConnectionBeforeTheMessageAndChecksTheCertificate() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer(true)) {
            AlertChannel.Email channel = AlertChannel.email("127.0.0.1", server.port(), SmtpSecurity.STARTTLS,
                    "baton@example.com", "oncall@example.com");
            assertThatThrownBy(() -> new EmailSender(channel, null, Duration.ofSeconds(5)).send(notice(), 1))
                    .as("the self-signed certificate is not trusted by default")
                    .isInstanceOf(DeliveryFailure.class).hasMessageContaining("127.0.0.1:" + server.port());
            assertThat(server.received()).isEmpty();

            String reply = new EmailSender(channel.trustingServerCertificate(), null, Duration.ofSeconds(5))
                    .send(notice(), 2);
            assertThat(reply).startsWith("SMTP 250");
            assertThat(server.received()).hasSize(1);
            StartTlsSmtpServer.Received message = server.received().get(0);
            assertThat(message.overTls()).as("the message went over the upgraded connection").isTrue();
            assertThat(message.protocol()).startsWith("TLSv1.");
            assertThat(message.data()).contains("Subject: [Baton] Load: run failed", "X-Baton-Delivery: 2");
        }
    }

    @Test
    void aServerThatDoesNotOfferStartTlsIsRefusedBeforeAnythingIsSent() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer(false)) {
            AlertChannel.Email channel = AlertChannel.email("127.0.0.1", server.port(), SmtpSecurity.STARTTLS,
                    "baton@example.com", "oncall@example.com").trustingServerCertificate();
            assertThatThrownBy(() -> new EmailSender(channel, null, Duration.ofSeconds(5)).send(notice(), 1))
                    .isInstanceOf(DeliveryFailure.class)
                    .hasMessageContaining("127.0.0.1:" + server.port())
                    .hasMessageContaining("STARTTLS");
            assertThat(server.received()).as("nothing sent in clear text").isEmpty();

            // The same server is fine for a channel that asks for no encryption (a local relay).
            AlertChannel.Email plain = AlertChannel.email("127.0.0.1", server.port(), SmtpSecurity.NONE,
                    "baton@example.com", "oncall@example.com");
            new EmailSender(plain, null, Duration.ofSeconds(5)).send(notice(), 2);
            assertThat(server.received()).hasSize(1);
            assertThat(server.received().get(0).overTls()).isFalse();
        }
    }

    @Test
    void trustingACertificateNeedsTls() {
        assertThatThrownBy(() -> AlertChannel.email("relay", 25, SmtpSecurity.NONE, "a@example.com", "b@example.com")
                .trustingServerCertificate()).hasMessageContaining("needs STARTTLS or SMTPS");
    }
}
