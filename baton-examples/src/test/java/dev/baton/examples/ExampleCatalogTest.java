package dev.baton.examples;

import dev.baton.WorkflowCatalog;
import dev.baton.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleCatalogTest {

    @Test
    void theCatalogIsFoundOnTheClassPath() {
        List<WorkflowCatalog> catalogs = ServiceLoader.load(WorkflowCatalog.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(catalogs).hasAtLeastOneElementOfType(ExampleCatalog.class);
    }

    @Test
    void offersTheSixExamplesWithDescriptions() {
        List<WorkflowDefinition<?, ?>> workflows = new ExampleCatalog().workflows();

        assertThat(workflows).extracting(WorkflowDefinition::name)
                .containsExactly("OrderRouting", "FlakyPayment", "FanOut", "DelayedReminder", "ReleaseApproval", "NightlyExport");
        assertThat(workflows).allSatisfy(w -> assertThat(w.description()).isNotBlank());
    }

    @Test
    void everyDemoCaseNamesACatalogWorkflowAndFitsItsInputType() {
        Map<String, WorkflowDefinition<?, ?>> byName = new ExampleCatalog().workflows().stream()
                .collect(Collectors.toMap(WorkflowDefinition::name, Function.identity()));

        assertThat(DemoCases.all()).hasSize(7).allSatisfy(demo -> {
            assertThat(byName).containsKey(demo.workflow());
            assertThat(demo.input()).isInstanceOf((Class<?>) byName.get(demo.workflow()).inputType());
            assertThat(demo.description()).isNotBlank();
            assertThat(demo.expectedStatus()).isNotNull();
            boolean signals = demo.signalName() != null;
            assertThat(demo.signalAfter() != null).as("signalAfter is set exactly when a signal is").isEqualTo(signals);
        });
    }
}
