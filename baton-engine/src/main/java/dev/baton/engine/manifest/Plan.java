package dev.baton.engine.manifest;

import dev.baton.engine.simulate.Finding;

import java.time.Instant;
import java.util.List;

/**
 * What deploying a manifest to a target would do, for review: the items it adds, removes and
 * changes, the runs in flight it would break, and the schedule conflicts it introduces (or
 * resolves) in the days simulated. Read-only: making a plan writes nothing anywhere.
 *
 * @param target      the target, as described by its store
 * @param deployed    what the target runs now, or null when nothing was ever deployed to it
 * @param planned     the manifest being planned: its hash and code version
 * @param changes     the items added, removed and changed
 * @param inFlight    the runs in flight and those the deploy would break
 * @param conflicts   the schedule conflicts the change introduces and resolves
 */
public record Plan(String target, Deployed deployed, Planned planned, List<Change> changes, InFlightReport inFlight,
                   Conflicts conflicts) {

    /** Copies the list. */
    public Plan {
        changes = List.copyOf(changes);
    }

    /** @return whether the deploy changes any declaration or would break a run in flight */
    public boolean hasChanges() {
        return !changes.isEmpty() || !inFlight.broken().isEmpty();
    }

    /** @param action an action @return how many changes of that action */
    public long count(Change.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /**
     * The target's last deploy.
     *
     * @param id          the deploy's id in the target store
     * @param hash        its manifest's hash
     * @param codeVersion its code version, or null
     * @param author      who deployed it
     * @param deployedAt  when
     */
    public record Deployed(long id, String hash, String codeVersion, String author, Instant deployedAt) {
    }

    /**
     * The manifest being planned.
     *
     * @param hash        its hash
     * @param codeVersion its code version, or null
     */
    public record Planned(String hash, String codeVersion) {
    }

    /**
     * The schedule conflicts found by simulating the deployed and the planned manifest over the
     * same days with the same durations: findings of the planned one that the deployed one does
     * not have are introduced, and the other way round resolved. Waits within the threshold are
     * left out: a lock serialising two runs is what it is for.
     *
     * @param from       the first instant simulated
     * @param days       how many days
     * @param zone       the zone times are shown in
     * @param durations  where the durations came from, for people
     * @param introduced the conflicts the change introduces
     * @param resolved   the conflicts the change resolves
     */
    public record Conflicts(Instant from, int days, String zone, String durations, List<Finding> introduced, List<Finding> resolved) {
        /** Copies the lists. */
        public Conflicts {
            introduced = List.copyOf(introduced);
            resolved = List.copyOf(resolved);
        }
    }
}
