package dev.baton.cli;

import dev.baton.StoreConfig;
import dev.baton.StoreException;
import dev.baton.access.AccessException;
import dev.baton.access.AccessRegistry;
import dev.baton.access.AuditEntry;
import dev.baton.access.Role;
import dev.baton.engine.access.StoreAccess;
import dev.baton.store.sqlite.SqliteStore;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The users, tokens and audit trail of a store file, for the commands that manage them
 * ({@code baton users}, {@code baton tokens}, {@code baton audit}): they work on the store itself,
 * so that the first admin can be made before any server runs, by whoever may write the file.
 */
final class AccessStoreFile {
    private AccessStoreFile() {
    }

    /** Opens the store (creating it when missing), runs {@code work} on its registry, closes it. */
    static <T> T with(Path db, Function<AccessRegistry, T> work) {
        try (SqliteStore store = SqliteStore.open(StoreConfig.sqlite(db))) {
            return work.apply(new StoreAccess(store.access()));
        } catch (AccessException e) {
            throw new CliException(e.reason() == AccessException.Reason.NOT_FOUND
                    || e.reason() == AccessException.Reason.BAD_INPUT
                    || e.reason() == AccessException.Reason.CONFLICT ? ExitCodes.USAGE : ExitCodes.ERROR,
                    e.getMessage());
        } catch (StoreException e) {
            throw new CliException(ExitCodes.ERROR, "store " + db + ": " + e.getMessage());
        }
    }

    /** @return the role, or a usage error listing the roles */
    static Role role(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--role: " + e.getMessage());
        }
    }

    /**
     * @param fromStdin read one line from standard input rather than asking
     * @param in        standard input
     * @return the password, typed twice at a prompt or read from standard input
     */
    static char[] password(boolean fromStdin, InputStream in) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException(ExitCodes.USAGE, "--password-stdin: standard input had no password");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "--password-stdin: cannot read standard input: " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException(ExitCodes.USAGE, "no terminal to ask for the password on; pipe it in with "
                    + "--password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new CliException(ExitCodes.USAGE, "the two passwords differ; nothing was changed");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    /** @return where the CLI runs, for the audit trail: {@code cli@HOST} */
    static String source() {
        try {
            return "cli@" + InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "cli@localhost";
        }
    }

    /** @return who runs the CLI, for the audit trail */
    static String osUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    /** Records a change the CLI made to users or tokens in the audit trail, as the OS user, from {@code cli@HOST}. */
    static void audit(AccessRegistry access, String action, String target, String detail) {
        access.record(new AuditEntry(0, null, osUser(), "cli", action, target, "ok", detail, source(), null));
    }
}
