package dev.baton.server;

/** The server could not start, usually because its address is taken. */
public final class ServerStartException extends RuntimeException {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
