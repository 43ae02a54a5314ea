package dev.baton.cli;

import dev.baton.WorkflowInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code baton workflows}: what can run. */
@Command(name = "workflows", description = "Lists the workflows that can run: name, input type, description.")
final class WorkflowsCommand extends CliCommand {

    @Option(names = "--json", description = "Print a JSON array of {name, inputType, description, className}.")
    boolean json;

    @Override
    public Integer call() {
        Terminal terminal = terminal();
        List<WorkflowInfo> workflows;
        if (server() == null) {
            workflows = Catalogs.workflows();
        } else {
            try (Session session = open(null, false)) {
                workflows = session.baton().workflows().stream()
                        .sorted(java.util.Comparator.comparing(WorkflowInfo::name)).toList();
            }
        }
        if (json) {
            terminal.println(Json.write(workflows));
            return ExitCodes.OK;
        }
        if (workflows.isEmpty()) {
            terminal.println("No workflows: no jar on the class path declares a dev.baton.WorkflowCatalog.");
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "INPUT", "DESCRIPTION");
        for (WorkflowInfo workflow : workflows) {
            table.row(terminal.style().cyan(workflow.name()), inputType(workflow.inputType()), workflow.description());
        }
        table.render(terminal.style(), "").forEach(terminal::println);
        terminal.println();
        terminal.println("Start one with:  " + terminal.command("run " + workflows.get(0).name() + " --input JSON"));
        return ExitCodes.OK;
    }

    /** @param typeName e.g. {@code dev.baton.examples.OrderRouting$Order} @return {@code OrderRouting.Order} */
    static String inputType(String typeName) {
        StringBuilder out = new StringBuilder();
        // Generic names hold several qualified names: shorten each.
        for (String part : typeName.split("(?<=[<>, ])|(?=[<>, ])")) {
            out.append(part.matches("[\\w.$]+") ? Formats.simpleType(part).replace('$', '.') : part);
        }
        return out.toString();
    }
}
