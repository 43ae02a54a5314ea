package dev.baton.alerts;

import dev.baton.alert.AlertChannel;
import dev.baton.alert.SmtpSecurity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/** E-mail over SMTP: the title as subject and the notification as plain text. */
final class EmailSender implements Sender {
    private final AlertChannel.Email channel;
    private final String password;
    private final Session session;
    private final String protocol;

    EmailSender(AlertChannel.Email channel, String password, Duration timeout) {
        this.channel = channel;
        this.password = password;
        this.protocol = channel.security() == SmtpSecurity.SMTPS ? "smtps" : "smtp";
        Properties props = new Properties();
        String p = "mail." + protocol + ".";
        String millis = Long.toString(timeout.toMillis());
        props.put(p + "host", channel.host());
        props.put(p + "port", Integer.toString(channel.port()));
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        props.put(p + "auth", Boolean.toString(channel.user() != null));
        props.put(p + "from", channel.from());
        if (channel.security() == SmtpSecurity.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (channel.security() != SmtpSecurity.NONE) {
            if (channel.trustServerCertificate()) {
                props.put(p + "ssl.trust", channel.host());
                props.put(p + "ssl.checkserveridentity", "false");
            } else {
                props.put(p + "ssl.checkserveridentity", "true");
            }
        }
        this.session = Session.getInstance(props);
    }

    @Override
    public String send(AlertNotice notice, long deliveryId) throws DeliveryFailure {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(channel.from()));
            for (String to : channel.to()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            }
            message.setSubject(notice.title(), "UTF-8");
            message.setText(notice.text(), "UTF-8");
            message.setSentDate(new Date());
            message.setHeader("X-Baton-Incident", notice.dedupKey());
            message.setHeader("X-Baton-Delivery", Long.toString(deliveryId));
            try (Transport transport = session.getTransport(protocol)) {
                transport.connect(channel.host(), channel.port(), channel.user(), password);
                transport.sendMessage(message, message.getAllRecipients());
                String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : null;
                return "SMTP " + (reply == null ? "accepted" : reply.strip());
            }
        } catch (SMTPSendFailedException e) {
            // 5xx: the server refuses this message and would refuse it again; 4xx: try later.
            throw new DeliveryFailure("email: " + channel.host() + ":" + channel.port() + " refused the message: "
                    + e.getReturnCode() + " " + oneLine(e.getMessage()), e.getReturnCode() < 500, e);
        } catch (MessagingException e) {
            throw new DeliveryFailure("email: " + channel.host() + ":" + channel.port() + " failed: "
                    + oneLine(e.getMessage()) + (e.getNextException() == null ? "" : " (" + oneLine(
                    String.valueOf(e.getNextException().getMessage())) + ")"), true, e);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
