package dev.baton.examples;

import dev.baton.WorkflowCatalog;
import dev.baton.examples.story.StoryCatalog;
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
    void theCatalogsAreFoundOnTheClassPath() {
        List<WorkflowCatalog> catalogs = ServiceLoader.load(WorkflowCatalog.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        assertThat(catalogs).hasAtLeastOneElementOfType(ExampleCatalog.class).hasAtLeastOneElementOfType(StoryCatalog.class);
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
        Map<String, WorkflowDefinition<?, ?>> byName = java.util.stream.Stream.concat(
                        new ExampleCatalog().workflows().stream(), new StoryCatalog().workflows().stream())
                .collect(Collectors.toMap(WorkflowDefinition::name, Function.identity()));

        assertThat(DemoCases.all()).hasSize(9).allSatisfy(demo -> {
            assertThat(byName).containsKey(demo.workflow());
            Class<?> inputType = (Class<?>) byName.get(demo.workflow()).inputType();
            if (inputType == Void.class) {
                assertThat(demo.input()).isNull();
            } else {
                assertThat(demo.input()).isInstanceOf(inputType);
            }
            assertThat(demo.description()).isNotBlank();
            assertThat(demo.expectedStatus()).isNotNull();
            boolean signals = demo.signalName() != null;
            assertThat(demo.signalAfter() != null).as("signalAfter is set exactly when a signal is").isEqualTo(signals);
        });
    }
}
