package dev.baton;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowDefinitionTest {
    private static final Workflow<String, String> ECHO = (flow, input) -> input;

    @Test
    void ownerAndRunbookAreKeptByEveryCopy() {
        WorkflowDefinition<String, String> definition = WorkflowDefinition.of("Echo", String.class, ECHO)
                .withOwner(" team-data ").withRunbook("https://wiki.example.com/runbooks/echo")
                .withDescription("echoes").withLocks("warehouse").withConcurrency(2).withName("Echo2");
        assertThat(definition.owner()).isEqualTo("team-data");
        assertThat(definition.runbook()).isEqualTo("https://wiki.example.com/runbooks/echo");
        assertThat(definition.locks()).isEqualTo(List.of("warehouse"));
        assertThat(definition.concurrency()).isEqualTo(2);
    }

    @Test
    void ownerAndRunbookAreOptional() {
        WorkflowDefinition<String, String> definition = WorkflowDefinition.of("Echo", String.class, ECHO).withOwner("  ");
        assertThat(definition.owner()).isNull();
        assertThat(definition.runbook()).isNull();
        WorkflowInfo info = new WorkflowInfo("Echo", "java.lang.String", "", "Echo");
        assertThat(info.owner()).isNull();
        assertThat(info.triggers()).isEmpty();
        assertThat(info.locks()).isEmpty();
    }
}
