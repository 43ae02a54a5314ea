package dev.baton.engine.write;

import dev.baton.StepKind;
import dev.baton.StepStatus;
import dev.baton.engine.store.StepRow;
import dev.baton.engine.store.Write;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitterCoalesceTest {
    private static Write upsert(String run, int seq, StepStatus status) {
        return new Write.UpsertStep(new StepRow(run, seq, "s", StepKind.STEP, status, 1, 0, null, null, null, null, null, null));
    }

    @Test
    void onlyTheLastUpsertOfAStepInABatchIsAppliedAndPositionsMapBack() {
        Write startA = upsert("a", 1, StepStatus.RUNNING);
        Write startB = upsert("b", 1, StepStatus.RUNNING);
        Write wake = new Write.WakeRun("a", 5);
        Write doneA = upsert("a", 1, StepStatus.COMPLETED);
        List<Write> writes = List.of(startA, startB, wake, doneA);
        int[] position = new int[writes.size()];
        List<Write> applied = GroupCommitter.coalesce(writes, position);
        assertThat(applied).containsExactly(startB, wake, doneA);
        assertThat(position).containsExactly(-1, 0, 1, 2);
    }

    @Test
    void aBatchWithoutRepeatsIsAppliedAsIs() {
        List<Write> writes = List.of(upsert("a", 1, StepStatus.RUNNING), upsert("a", 2, StepStatus.RUNNING));
        int[] position = new int[2];
        assertThat(GroupCommitter.coalesce(writes, position)).isSameAs(writes);
        assertThat(position).containsExactly(0, 1);
    }
}
