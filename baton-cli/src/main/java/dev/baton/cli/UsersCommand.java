package dev.baton.cli;

import dev.baton.access.Role;
import dev.baton.access.UserInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton users}: the people who log in to the web UI, managed on the store file. */
@Command(name = "users", description = {
        "Manages the users who log in to the web UI of a server on this store (--db). Works on the store",
        "file itself, so the first admin is made before any server runs. Passwords are stored hashed.",
        "Roles: viewer (reads), operator (also starts, cancels, retries, signals, pauses, backfills),",
        "admin (also manages users and tokens and reads the audit trail)."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.SetRole.class,
                UsersCommand.Password.class, UsersCommand.Disable.class})
final class UsersCommand extends CliCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** What the subcommands share. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        Terminal terminal() {
            return parent.terminal();
        }
    }

    @Command(name = "add", description = "Adds a user. The password is asked for twice, or read from standard input.")
    static final class Add extends Sub {
        @Parameters(paramLabel = "NAME", description = "The login name: letters, digits, . _ - @")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, operator or admin.")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from standard input (one line).")
        boolean passwordStdin;

        @Override
        public Integer call() {
            Role parsed = AccessStoreFile.role(role);
            char[] password = AccessStoreFile.password(passwordStdin, System.in);
            UserInfo user = AccessStoreFile.with(parent.db(), access -> {
                UserInfo added = access.createUser(name, parsed, password);
                AccessStoreFile.audit(access, "user.create", name, "as " + parsed.label());
                return added;
            });
            terminal().println("Added user " + user.name() + " (" + user.role().label() + ") to " + parent.db() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Lists the users.")
    static final class ListUsers extends Sub {
        @Override
        public Integer call() {
            List<UserInfo> users = AccessStoreFile.with(parent.db(), access -> access.users());
            Terminal terminal = terminal();
            if (users.isEmpty()) {
                terminal.println("No users in " + parent.db() + ". Add the first admin with `"
                        + terminal.command("users add NAME --role admin") + "`.");
                return ExitCodes.OK;
            }
            Table table = new Table("NAME", "ROLE", "ADDED", "STATE");
            for (UserInfo u : users) {
                table.row(u.name(), u.role().label(), terminal.formats().dateTime(u.createdAt()),
                        u.disabled() ? "disabled" : "active");
            }
            table.render(terminal.style(), "").forEach(terminal::println);
            return ExitCodes.OK;
        }
    }

    @Command(name = "role", description = "Changes a user's role.")
    static final class SetRole extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "viewer, operator or admin.")
        String role;

        @Override
        public Integer call() {
            Role parsed = AccessStoreFile.role(role);
            AccessStoreFile.with(parent.db(), access -> {
                access.setRole(name, parsed);
                AccessStoreFile.audit(access, "user.role", name, "to " + parsed.label());
                return null;
            });
            terminal().println("User " + name + " is now " + parsed.label() + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "password", description = "Sets a user's password; the user's sessions end.")
    static final class Password extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from standard input (one line).")
        boolean passwordStdin;

        @Override
        public Integer call() {
            char[] password = AccessStoreFile.password(passwordStdin, System.in);
            AccessStoreFile.with(parent.db(), access -> {
                access.setPassword(name, password);
                AccessStoreFile.audit(access, "user.password", name, null);
                return null;
            });
            terminal().println("Password of " + name + " changed; the user's sessions ended.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "disable", description = "Refuses the user's logins from now on; the user's sessions end.")
    static final class Disable extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            AccessStoreFile.with(parent.db(), access -> {
                access.disableUser(name);
                AccessStoreFile.audit(access, "user.disable", name, null);
                return null;
            });
            terminal().println("User " + name + " is disabled.");
            return ExitCodes.OK;
        }
    }
}
