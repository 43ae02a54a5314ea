package dev.baton.server.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds HTML text. Every value that comes from a run, a workflow or a request goes through
 * {@link #text}: inputs, outputs, errors and log lines may hold markup and are shown as text.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(4096);

    /** Appends markup written in this code base (never data). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends a value as text. */
    Html text(Object value) {
        out.append(escape(value == null ? "" : String.valueOf(value)));
        return this;
    }

    /** Appends a link whose label is text. */
    Html link(String href, Object label) {
        return raw("<a href=\"").raw(escape(href)).raw("\">").text(label).raw("</a>");
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * Escapes for both element content and quoted attribute values.
     *
     * @param value any text
     * @return the text with {@code & < > " '} replaced by entities
     */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && escaped == null) {
                escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (escaped != null) {
                if (entity != null) {
                    escaped.append(entity);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? value : escaped.toString();
    }

    /** @param segment a run id, a workflow or schedule name @return it encoded for one URL path segment */
    static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @param value a query parameter value @return it encoded */
    static String query(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
