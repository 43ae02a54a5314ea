package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.access.AuditEntry;
import dev.baton.access.AuditQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code baton audit}: the audit trail of the store, newest first. */
@Command(name = "audit", description = {
        "Prints the audit trail of the store (--db), newest first: who started, cancelled, retried,",
        "signalled, paused, resumed, backfilled or deployed what, when, from where, and how it went;",
        "logins and user and token changes too. A running server exports it at GET /api/audit."})
final class AuditCommand extends CliCommand {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "The most entries. Default: 50.")
    int limit;

    @Option(names = "--actor", paramLabel = "WHO", description = "Only this user's or token's entries.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. cancel or deploy.")
    String action;

    @Option(names = "--json", description = "Print one JSON object per line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 100_000) {
            throw new CliException(ExitCodes.USAGE, "--limit must be from 1 to 100000, was " + limit);
        }
        List<AuditEntry> entries = AccessStoreFile.with(db(), access -> access.audit(
                new AuditQuery(actor, action, null, null, limit, 0)));
        Terminal terminal = terminal();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            for (AuditEntry e : entries) {
                terminal.println(mapper.writeValueAsString(e));
            }
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            terminal.println("No audit entries in " + db() + (actor != null || action != null ? " that match." : "."));
            return ExitCodes.OK;
        }
        Table table = new Table("WHEN", "WHO", "VIA", "ACTION", "TARGET", "OUTCOME", "FROM", "DETAIL");
        for (AuditEntry e : entries) {
            table.row(terminal.formats().dateTime(e.at()), e.actor(), e.via(), e.action(), dash(e.target()), e.outcome(),
                    dash(e.address()), dash(e.detail()));
        }
        table.render(terminal.style(), "").forEach(terminal::println);
        return ExitCodes.OK;
    }

    private static String dash(String text) {
        return text == null ? "-" : text;
    }
}
