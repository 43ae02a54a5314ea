package dev.baton.engine.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.baton.engine.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The part of the store contract about the deploy history ({@link Write.RecordDeployment},
 * {@link Store#deployments}, {@link Store#latestDeployment}). A dialect's test extends this class
 * as it extends {@link StoreContract}.
 */
public abstract class DeploymentStoreContract {
    /** The store under test, fresh and empty for each test. */
    protected Store store;
    private Store second;

    /** @return a new, empty store; closed after the test */
    protected abstract Store openStore();

    /** @return a second store on the same database as a second process would open it, or null */
    protected Store openSecondStoreOnSameDatabase() {
        return null;
    }

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        if (second != null) {
            second.close();
        }
        store.close();
    }

    private static DeploymentRow deploy(String hash, String code, String author, long at) {
        return new DeploymentRow(0, hash, 1, code, author, at, "{\"format\":1,\"hash\":\"" + hash + "\"}");
    }

    private long record(DeploymentRow row) {
        return (Long) store.apply(List.of(new Write.RecordDeployment(row))).get(0);
    }

    @Test
    void aStoreNeverDeployedToHasNoDeploys() {
        assertThat(store.deployments(10)).isEmpty();
        assertThat(store.latestDeployment()).isEmpty();
    }

    @Test
    void deploysAreKeptInOrderWithEveryFieldAndTheNewestIsWhatRunsNow() {
        long first = record(deploy("sha256:aa", "abc123", "alice", T0));
        long second = record(deploy("sha256:bb", null, "bob", T0 + 60_000));
        assertThat(second).isGreaterThan(first);

        List<DeploymentRow> rows = store.deployments(10);
        assertThat(rows).containsExactly(
                new DeploymentRow(second, "sha256:bb", 1, null, "bob", T0 + 60_000, "{\"format\":1,\"hash\":\"sha256:bb\"}"),
                new DeploymentRow(first, "sha256:aa", 1, "abc123", "alice", T0, "{\"format\":1,\"hash\":\"sha256:aa\"}"));
        assertThat(store.deployments(1)).containsExactly(rows.get(0));
        assertThat(store.latestDeployment()).contains(rows.get(0));
    }

    @Test
    void theDeployLiveAtAMomentIsTheNewestRecordedAtOrBeforeIt() {
        record(deploy("sha256:aa", "v1", "alice", T0));
        record(deploy("sha256:bb", "v2", "bob", T0 + 60_000));
        assertThat(store.deploymentAt(T0 - 1)).isEmpty();
        assertThat(store.deploymentAt(T0).orElseThrow().codeVersion()).isEqualTo("v1");
        assertThat(store.deploymentAt(T0 + 59_999).orElseThrow().codeVersion()).isEqualTo("v1");
        assertThat(store.deploymentAt(T0 + 60_000).orElseThrow().codeVersion()).isEqualTo("v2");
    }

    @Test
    void theSameManifestDeployedTwiceIsTwoDeploys() {
        record(deploy("sha256:aa", "v1", "alice", T0));
        record(deploy("sha256:aa", "v1", "alice", T0 + 1));
        assertThat(store.deployments(10)).hasSize(2).extracting(DeploymentRow::deployedAt).containsExactly(T0 + 1, T0);
    }

    @Test
    void aFailedBatchRecordsNoDeploy() {
        DeploymentRow ok = deploy("sha256:aa", "v1", "alice", T0);
        Write rejected = new Write.RecordDeployment(new DeploymentRow(0, null, 1, null, "alice", T0, "{}"));
        try {
            store.apply(List.of(new Write.RecordDeployment(ok), rejected));
        } catch (RuntimeException expected) {
            // a deploy without a hash breaks the schema's NOT NULL: the whole batch is rolled back
        }
        assertThat(store.deployments(10)).isEmpty();
    }

    @Test
    void aSecondProcessSeesTheDeploy() {
        second = openSecondStoreOnSameDatabase();
        assumeTrue(second != null, "the dialect cannot open a second store on the same database");
        record(deploy("sha256:cc", "v2", "carol", T0));
        assertThat(second.latestDeployment()).hasValueSatisfying(d -> assertThat(d.author()).isEqualTo("carol"));
    }
}
