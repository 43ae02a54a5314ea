package dev.baton.cli;

import dev.baton.access.AccessRegistry;
import dev.baton.access.NewToken;
import dev.baton.access.Role;
import dev.baton.access.TokenExpiry;
import dev.baton.access.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton tokens}: the API tokens of a store, managed on the store file. */
@Command(name = "tokens", description = {
        "Manages the API tokens that clients (the CLI's --server commands, CI, scripts) send as",
        "'Authorization: Bearer TOKEN'. Works on the store file (--db). A token's secret is printed once,",
        "when it is created, and stored only as a hash."},
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand extends CliCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** What the subcommands share. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        TokensCommand parent;
    }

    @Command(name = "create", description = "Creates a token and prints its secret, this once.")
    static final class Create extends Sub {
        @Parameters(paramLabel = "NAME", description = "What it is for, e.g. ci-deploy.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, operator or admin.")
        String role;

        @Option(names = "--expires", paramLabel = "WHEN", defaultValue = "90d",
                description = "A lifetime (30d, 12h, 90m), an instant (2027-01-01T00:00:00Z) or never. Default: ${DEFAULT-VALUE}.")
        String expires;

        @Override
        public Integer call() {
            Role parsed = AccessStoreFile.role(role);
            Instant expiresAt;
            try {
                expiresAt = TokenExpiry.parse(expires, Instant.now());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--expires: " + e.getMessage());
            }
            NewToken token = AccessStoreFile.with(parent.db(), access -> {
                NewToken made = access.createToken(name, parsed, expiresAt, AccessStoreFile.osUser());
                AccessStoreFile.audit(access, "token.create", made.info().id(), "'" + name + "' as " + parsed.label());
                return made;
            });
            Terminal terminal = parent.terminal();
            terminal.println(token.secret());
            terminal.error("Token " + token.info().id() + " ('" + name + "', " + parsed.label() + ", "
                    + (expiresAt == null ? "never expires" : "expires " + terminal.formats().dateTime(expiresAt))
                    + "). The secret above is shown only now; give it to the client as BATON_TOKEN.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Lists the tokens, without their secrets.")
    static final class ListTokens extends Sub {
        @Override
        public Integer call() {
            List<TokenInfo> tokens = AccessStoreFile.with(parent.db(), AccessRegistry::tokens);
            Terminal terminal = parent.terminal();
            if (tokens.isEmpty()) {
                terminal.println("No tokens in " + parent.db() + ". Create one with `"
                        + terminal.command("tokens create NAME --role operator") + "`.");
                return ExitCodes.OK;
            }
            Instant now = Instant.now();
            Table table = new Table("ID", "NAME", "ROLE", "STATE", "CREATED", "BY", "EXPIRES", "LAST USED");
            for (TokenInfo t : tokens) {
                table.row(t.id(), t.name(), t.role().label(), t.state(now), terminal.formats().dateTime(t.createdAt()),
                        t.createdBy() == null ? "-" : t.createdBy(),
                        t.expiresAt() == null ? "never" : terminal.formats().dateTime(t.expiresAt()),
                        t.lastUsedAt() == null ? "-" : terminal.formats().dateTime(t.lastUsedAt()));
            }
            table.render(terminal.style(), "").forEach(terminal::println);
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revokes a token at once.")
    static final class Revoke extends Sub {
        @Parameters(paramLabel = "ID", description = "The token's id, as `baton tokens list` shows it.")
        String id;

        @Override
        public Integer call() {
            TokenInfo token = AccessStoreFile.with(parent.db(), access -> {
                TokenInfo revoked = access.revokeToken(id);
                AccessStoreFile.audit(access, "token.revoke", revoked.id(), null);
                return revoked;
            });
            parent.terminal().println("Token " + token.id() + " ('" + token.name() + "') is revoked.");
            return ExitCodes.OK;
        }
    }
}
