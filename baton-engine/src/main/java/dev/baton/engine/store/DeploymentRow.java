package dev.baton.engine.store;

/**
 * A deploy as recorded: which declarations (the manifest) and which code went live, when and by
 * whom. Deploys are only ever added, so the history says what changed when.
 *
 * @param id           assigned by the store, increasing; ignored when recording
 * @param manifestHash the manifest's hash ({@code sha256:HEX})
 * @param format       the manifest's format version
 * @param codeVersion  the code's version (for instance a git commit), or null
 * @param author       who deployed
 * @param deployedAt   when, epoch ms
 * @param manifest     the manifest's canonical JSON
 */
public record DeploymentRow(long id, String manifestHash, int format, String codeVersion, String author,
                            long deployedAt, String manifest) {
}
