package dev.baton.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.InvalidInputException;
import dev.baton.PayloadException;
import dev.baton.RunNotFoundException;
import dev.baton.RunStateException;
import dev.baton.WorkflowNotFoundException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API error is a JSON object {@code {"status", "error", "message", "field"?}}: the HTTP
 * status, its reason phrase, a message that says what is wrong and what to do, and for bad input
 * the field at fault. Which failure maps to which status:
 * <ul>
 *   <li>400: malformed query parameter, path parameter or body; input that does not fit the
 *       workflow's input type;</li>
 *   <li>404: unknown run, workflow, schedule or route;</li>
 *   <li>401: no valid credentials (missing, unknown, expired or revoked token); 403: the caller's
 *       role does not allow the route (both answered by the access gate);</li>
 *   <li>409: an action the run's state refuses (retry of a run that did not fail, a signal to a
 *       finished run, cancelling a finished run);</li>
 *   <li>413: a body over the server's cap;</li>
 *   <li>501: what the engine behind the server does not offer (for instance histories);</li>
 *   <li>500: anything else, logged with its stack trace.</li>
 * </ul>
 */
final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** Answers {@code failure} as a JSON error. */
    static void answer(Context ctx, ObjectMapper json, Throwable failure) {
        int status;
        String field = null;
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        switch (failure) {
            case ApiException api -> {
                status = api.status();
                field = api.field();
            }
            case dev.baton.access.AccessException access -> status = switch (access.reason()) {
                case BAD_CREDENTIALS, TOKEN_UNKNOWN, TOKEN_EXPIRED, TOKEN_REVOKED -> 401;
                case USER_DISABLED -> 403;
                case LOCKED -> 429;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case BAD_INPUT -> 400;
            };
            case RunNotFoundException ignored -> status = 404;
            case WorkflowNotFoundException ignored -> status = 404;
            case RunStateException ignored -> status = 409;
            case InvalidInputException ignored -> {
                status = 400;
                field = "input";
            }
            case PayloadException ignored -> status = 400;
            case UnsupportedOperationException ignored -> status = 501;
            default -> {
                status = 500;
                log.error("{} {} failed", ctx.method(), ctx.path(), failure);
                message = "the server failed: " + message + "; the server's log has the details";
            }
        }
        write(ctx, json, status, message, field);
    }

    /** Writes an error object with {@code status}. */
    static void write(Context ctx, ObjectMapper json, int status, String message, String field) {
        ObjectNode body = json.createObjectNode();
        body.put("status", status);
        HttpStatus known = HttpStatus.forStatus(status);
        body.put("error", known == HttpStatus.UNKNOWN ? "Error" : known.getMessage());
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(500).contentType("text/plain").result(message);
        }
    }
}
