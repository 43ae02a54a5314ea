package dev.baton;

import java.time.Instant;
import java.util.List;

/**
 * One deploy recorded by {@code baton deploy}: which code, by whom, when, and what it changed
 * against the deploy before it.
 *
 * @param id           the deploy's number, growing
 * @param deployedAt   when it was recorded
 * @param author       who deployed
 * @param codeVersion  the code version deployed (a git revision), or null
 * @param manifestHash the hash of the declarations deployed
 * @param changes      what it added, removed or changed, one line each (e.g.
 *                     {@code ~ schedule HourlyRefresh / 0 * * * * Europe/Berlin: overlap SKIP -> BUFFER_ONE})
 */
public record DeploymentInfo(long id, Instant deployedAt, String author, String codeVersion, String manifestHash,
                             List<String> changes) {
    public DeploymentInfo {
        changes = List.copyOf(changes);
    }
}
