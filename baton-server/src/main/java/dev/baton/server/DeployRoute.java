package dev.baton.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.DeploymentInfo;
import dev.baton.server.access.AuditTrail;
import dev.baton.server.access.Caller;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Set;

/**
 * {@code POST /api/deployments}: records a deploy through the server, as {@code baton deploy}
 * does on a store file (the engine's same code), for a caller with the role admin. The body is
 * {@code {"manifest": {...}, "author": "...", "note": "..."}} with the manifest as
 * {@code baton manifest} writes it; author and note are optional (the author defaults to the
 * caller). The answer (201) is the deploy with what it changed against the previous one. The
 * audit trail names the caller as the actor, whoever the author is said to be.
 */
final class DeployRoute {
    private static final int MAX_NOTE = 500;

    private final ServerContext context;
    private final ObjectMapper json;

    private DeployRoute(ServerContext context) {
        this.context = context;
        this.json = context.json();
    }

    static void register(JavalinConfig config, ServerContext context) {
        DeployRoute route = new DeployRoute(context);
        config.routes.post("/api/deployments", ctx -> {
            try {
                route.deploy(ctx);
            } catch (Exception e) {
                if (ctx.attribute(AuditTrail.DETAIL) == null) {
                    ctx.attribute(AuditTrail.DETAIL, e.getMessage());
                }
                ApiErrors.answer(ctx, route.json, e);
            }
        });
    }

    private void deploy(Context ctx) throws JsonProcessingException {
        QueryParams.of(ctx, Set.of());
        ObjectNode body = RequestBody.object(ctx, json, context.maxBodyBytes(), Set.of("manifest", "author", "note"));
        JsonNode manifest = body.get("manifest");
        if (manifest == null || !manifest.isObject()) {
            throw ApiException.badField("manifest", "the body needs the field 'manifest': the JSON object `baton "
                    + "manifest` writes");
        }
        String note = RequestBody.string(body, "note");
        if (note != null && (note.length() > MAX_NOTE || note.chars().anyMatch(c -> c < 0x20 && c != '\t'))) {
            throw ApiException.badField("note", "a note is one line of at most " + MAX_NOTE + " characters");
        }
        String author = RequestBody.string(body, "author");
        if (author != null && (author.isBlank() || author.length() > 100
                || author.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badField("author", "an author is a name of 1 to 100 characters, was '" + author + "'");
        }
        Caller caller = Caller.of(ctx);
        String who = author == null ? caller.name() : author.strip();
        DeploymentInfo deploy;
        try {
            deploy = context.baton().deploy(json.writeValueAsString(manifest), who);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("manifest", e.getMessage());
        }
        ctx.attribute(AuditTrail.TARGET, "deploy #" + deploy.id());
        ctx.attribute(AuditTrail.DETAIL, deploy.manifestHash() + (deploy.codeVersion() == null ? ""
                : " code " + deploy.codeVersion()) + ", author " + who + ", " + deploy.changes().size() + " changes"
                + (note == null || note.isBlank() ? "" : "; note: " + note.strip()));
        ObjectNode answer = json.createObjectNode();
        answer.set("deployment", json.valueToTree(deploy));
        answer.put("note", note == null || note.isBlank() ? null : note.strip());
        ctx.status(201).header("Location", "/api/deployments/" + deploy.id()).contentType("application/json")
                .result(json.writeValueAsString(answer));
    }
}
