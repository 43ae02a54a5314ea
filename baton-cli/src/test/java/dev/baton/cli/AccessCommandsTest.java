package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.StoreConfig;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import dev.baton.examples.ExampleCatalog;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton users}, {@code baton tokens}, {@code baton audit} on a real store file, a token used
 * by {@code --server} against a real server that asks for one, and the audit entry of a deploy.
 */
@Timeout(120)
class AccessCommandsTest {
    @TempDir
    Path dir;

    @Test
    void theFirstAdminIsAddedOnTheStoreFileWithThePasswordFromStandardInput() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        Cli.Result added = withStdin("a long password\n", () -> cli.run("users", "add", "ada", "--role", "admin",
                "--password-stdin"));
        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).contains("Added user ada (admin)");
        assertThat(cli.run("users", "list").out()).contains("ada", "admin", "active");

        Cli.Result twice = withStdin("a long password\n", () -> cli.run("users", "add", "ada", "--role", "admin",
                "--password-stdin"));
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("there is already a user 'ada'");
        Cli.Result shortOne = withStdin("short\n", () -> cli.run("users", "add", "bob", "--role", "viewer",
                "--password-stdin"));
        assertThat(shortOne.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(shortOne.err()).contains("at least 10 characters");

        assertThat(cli.run("users", "role", "ada", "operator").exitCode()).isZero();
        assertThat(cli.run("users", "list").out()).contains("operator");
        Cli.Result unknown = cli.run("users", "role", "nobody", "viewer");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("there is no user 'nobody'");
        assertThat(cli.run("users", "disable", "ada").exitCode()).isZero();
        assertThat(cli.run("users", "list").out()).contains("disabled");
    }

    @Test
    void aRoleThatDoesNotExistIsAUsageErrorListingTheRoles() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        Cli.Result token = cli.run("tokens", "create", "ci", "--role", "superuser");
        assertThat(token.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(token.err()).contains("there is no role 'superuser'; the roles are viewer, operator, admin");
        Cli.Result expiry = cli.run("tokens", "create", "ci", "--role", "viewer", "--expires", "soonish");
        assertThat(expiry.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(expiry.err()).contains("cannot read the expiry 'soonish'; give a lifetime such as 30d");
    }

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretUsedByServerCommandsAndRevoked() {
        Path db = dir.resolve("baton.db");
        Cli cli = new Cli(db);
        Cli.Result created = cli.run("tokens", "create", "ci", "--role", "operator", "--expires", "30d");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String secret = created.out().strip();
        assertThat(secret).startsWith("baton_");
        assertThat(created.err()).contains("('ci', operator, expires", "shown only now");
        Cli.Result list = cli.run("tokens", "list");
        assertThat(list.out()).contains("ci", "operator", "active", System.getProperty("user.name")).doesNotContain(secret);
        String id = list.out().lines().filter(l -> l.contains(" ci ")).findFirst().orElseThrow().strip().split("\\s+")[0];

        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).workflows(new ExampleCatalog()).build()) {
            baton.start();
            try (BatonServer server = BatonServer.start(baton, "127.0.0.1", 0, BatonServer.DEFAULT_MAX_BODY_BYTES,
                    null, ServerSecurity.required())) {
                Cli.Result without = Cli.runRaw("workflows", "--server", server.url(), "--db", dir.resolve("x.db").toString());
                assertThat(without.exitCode()).isEqualTo(ExitCodes.USAGE);
                assertThat(without.err()).contains("authentication required", "give an API token with --token or "
                        + "BATON_TOKEN");
                Cli.Result with = Cli.runRaw("workflows", "--server", server.url(), "--token", secret);
                assertThat(with.exitCode()).as(with.toString()).isZero();
                assertThat(with.out()).contains("OrderRouting");

                assertThat(cli.run("tokens", "revoke", id).out()).contains("is revoked");
                Cli.Result revoked = Cli.runRaw("workflows", "--server", server.url(), "--token", secret);
                assertThat(revoked.exitCode()).isEqualTo(ExitCodes.USAGE);
                assertThat(revoked.err()).contains("was revoked at");
            }
        }
        Cli.Result again = cli.run("tokens", "revoke", "t-nope");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("there is no token 't-nope'");
    }

    @Test
    void aDeployAndTheChangesToUsersAndTokensAreInTheAuditTrail() {
        Path db = dir.resolve("baton.db");
        Cli cli = new Cli(db);
        Cli.Result deploy = cli.run("deploy", "--create", "--author", "alice", "--code-version", "abc123");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        cli.run("tokens", "create", "ci", "--role", "viewer");

        Cli.Result audit = cli.run("audit");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.out()).contains("alice", "cli", "deploy", "deploy #1", "ok", "token.create");
        Cli.Result deploys = cli.run("audit", "--action", "deploy", "--json");
        assertThat(deploys.out().lines().toList()).hasSize(1);
        assertThat(deploys.out()).contains("\"actor\":\"alice\"", "\"address\":\"cli@");

        try (Baton baton = Baton.builder().store(StoreConfig.sqlite(db)).build()) {
            List<AuditEntry> entries = baton.access().audit(new AuditQuery("alice", "deploy", null, null, 10, 0));
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.via()).isEqualTo("cli");
                assertThat(e.detail()).contains("code abc123");
            });
        }
    }

    @Test
    void aServerBeyondLoopbackWithoutAuthenticationIsRefusedUnlessItIsSaidToBeMeant() {
        Cli cli = new Cli(dir.resolve("baton.db"));
        Cli.Result refused = cli.run("server", "--bind", "0.0.0.0", "--port", "0", "--auth", "off");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("refusing to serve on 0.0.0.0 without authentication", "--insecure-no-auth");
        Cli.Result badMode = cli.run("server", "--auth", "maybe");
        assertThat(badMode.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badMode.err()).contains("--auth");
    }

    @Test
    void badSessionSpansOrTrustedProxiesAreRefusedBeforeTheStoreIsOpened() {
        Cli cli = new Cli(dir.resolve("never.db"));
        Cli.Result span = cli.run("server", "--port", "0", "--session-idle", "soon");
        assertThat(span.exitCode()).as(span.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(span.err()).contains("--session-idle must be a span such as 30m, 2h or 1d, was 'soon'");
        Cli.Result longer = cli.run("server", "--port", "0", "--session-idle", "13h", "--session-max", "12h");
        assertThat(longer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(longer.err()).contains("idle timeout (PT13H) is longer than its maximum (PT12H)");
        Cli.Result proxy = cli.run("server", "--port", "0", "--trusted-proxy", "10.0.0.0/8,proxy.local");
        assertThat(proxy.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(proxy.err()).contains("trusted proxy 'proxy.local' is not an IP address or a CIDR range");
        assertThat(dir.resolve("never.db")).doesNotExist();
    }

    private static Cli.Result withStdin(String text, java.util.function.Supplier<Cli.Result> command) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.get();
        } finally {
            System.setIn(before);
        }
    }
}
