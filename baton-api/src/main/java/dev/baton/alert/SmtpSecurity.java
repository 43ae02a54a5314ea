package dev.baton.alert;

/** How an e-mail channel secures its connection to the SMTP server. */
public enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS, which the server must offer (usually port 587). */
    STARTTLS,
    /** TLS from the first byte (usually port 465). */
    SMTPS,
    /** No encryption: only for a relay on the same host or a trusted network (and tests). */
    NONE
}
