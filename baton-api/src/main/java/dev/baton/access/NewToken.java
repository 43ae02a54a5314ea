package dev.baton.access;

/**
 * A token just created: its secret is here once and never again.
 *
 * @param info   the token
 * @param secret what its bearer sends as {@code Authorization: Bearer SECRET}
 */
public record NewToken(TokenInfo info, String secret) {
    @Override
    public String toString() {
        return "NewToken[" + info + ", secret hidden]";
    }
}
