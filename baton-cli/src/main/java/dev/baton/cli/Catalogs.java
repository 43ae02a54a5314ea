package dev.baton.cli;

import dev.baton.WorkflowCatalog;
import dev.baton.WorkflowDefinition;
import dev.baton.WorkflowInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The workflows the command offers: those of every {@link WorkflowCatalog} on the class path. */
final class Catalogs {
    private Catalogs() {
    }

    /** @return every catalog found through {@code META-INF/services/dev.baton.WorkflowCatalog} */
    static List<WorkflowCatalog> all() {
        List<WorkflowCatalog> catalogs = new ArrayList<>();
        ServiceLoader.load(WorkflowCatalog.class).forEach(catalogs::add);
        return catalogs;
    }

    /** @return the catalogs' workflows as the catalog shows them, by name */
    static List<WorkflowInfo> workflows() {
        List<WorkflowInfo> infos = new ArrayList<>();
        for (WorkflowCatalog catalog : all()) {
            for (WorkflowDefinition<?, ?> definition : catalog.workflows()) {
                infos.add(new WorkflowInfo(definition.name(), definition.inputType().getTypeName(),
                        definition.description(), definition.workflow().getClass().getName(), definition.owner(),
                        definition.runbook(), List.of(), List.of(), definition.deadline()));
            }
        }
        infos.sort(Comparator.comparing(WorkflowInfo::name));
        return infos;
    }
}
