package dev.baton;

import java.time.Instant;

/**
 * The declarations a store's last deploy recorded, as {@code baton deploy} wrote them: what the
 * environment runs now, which {@code baton plan} compares a change with.
 *
 * @param id           the deploy's number
 * @param deployedAt   when it was recorded
 * @param author       who deployed
 * @param codeVersion  the code version deployed (a git revision), or null
 * @param manifestHash the hash of the declarations ({@code sha256:HEX})
 * @param format       the manifest's format version
 * @param manifest     the manifest's canonical JSON, as recorded
 */
public record DeployedManifest(long id, Instant deployedAt, String author, String codeVersion, String manifestHash,
                               int format, String manifest) {
}
