package dev.baton.engine.schedule;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerGraphTest {

    @Test
    void aWorkflowThatTriggersItselfIsACycle() {
        assertThat(TriggerGraph.findCycle(Map.of("A", Set.of("A")))).hasValue(List.of("A", "A"));
    }

    @Test
    void aThreeCycleIsNamedInTriggerOrderFromItsFirstWorkflow() {
        Map<String, Set<String>> triggers = Map.of("B", Set.of("C"), "C", Set.of("A"), "A", Set.of("B"), "D", Set.of("A"));
        assertThat(TriggerGraph.findCycle(triggers)).hasValue(List.of("A", "B", "C", "A"));
        assertThatThrownBy(() -> TriggerGraph.requireAcyclic(triggers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workflow 'A': trigger forms a cycle: A -> B -> C -> A; each run would start the next"
                        + " forever, so remove one of these triggers");
    }

    @Test
    void aCycleIsFoundWhereverTheSearchEntersIt() {
        Map<String, Set<String>> triggers = Map.of("Extract", Set.of("Load"), "Load", Set.of("Report"),
                "Report", Set.of("Load"));
        assertThat(TriggerGraph.findCycle(triggers)).hasValue(List.of("Load", "Report", "Load"));
    }

    @Test
    void aDiamondIsNoCycle() {
        Map<String, Set<String>> diamond = Map.of("A", Set.of("B", "C"), "B", Set.of("D"), "C", Set.of("D"));
        assertThat(TriggerGraph.findCycle(diamond)).isEmpty();
        assertThatCode(() -> TriggerGraph.requireAcyclic(diamond)).doesNotThrowAnyException();
    }

    @Test
    void noTriggersIsNoCycle() {
        assertThat(TriggerGraph.findCycle(Map.of())).isEmpty();
        assertThat(TriggerGraph.findCycle(Map.of("A", Set.of()))).isEmpty();
    }
}
