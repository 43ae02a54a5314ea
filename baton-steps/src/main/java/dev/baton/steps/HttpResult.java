package dev.baton.steps;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an HTTP step returns when it expects no type: the response of a 2xx status, checkpointed
 * like any step result. Secrets the step resolved are masked in headers and body.
 *
 * @param status  the status code
 * @param headers the response headers, names in lower case, in name order
 * @param body    the body decoded with the charset of its {@code Content-Type} (UTF-8 by default)
 */
public record HttpResult(int status, Map<String, List<String>> headers, String body) {

    /** Copies the headers. */
    public HttpResult {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        body = body == null ? "" : body;
    }

    /**
     * @param name a header's name, in any case
     * @return its first value
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
