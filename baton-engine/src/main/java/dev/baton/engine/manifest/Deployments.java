package dev.baton.engine.manifest;

import dev.baton.DeploymentInfo;
import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.store.Store;
import dev.baton.engine.store.Write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Records deploys in a store ({@code baton deploy} on a store file, {@code POST /api/deployments}
 * on a server: the same code) and reads them back as read models, each with what it changed
 * against the deploy before it.
 */
public final class Deployments {
    private Deployments() {
    }

    /**
     * A deploy just recorded.
     *
     * @param row      the deploy as stored, with its id
     * @param previous the deploy before it, or null for the first
     * @param changes  what it added, removed or changed against {@code previous}
     */
    public record Recorded(DeploymentRow row, DeploymentRow previous, List<Change> changes) {
        /** @return the deploy as a read model, its changes one line each */
        public DeploymentInfo info() {
            return infos(previous == null ? List.of(row) : List.of(row, previous)).get(0);
        }
    }

    /**
     * Records {@code manifest} as deployed now.
     *
     * @param store    the store
     * @param manifest what is deployed
     * @param author   who deploys
     * @param now      when, epoch milliseconds
     * @return the deploy with what it changed against the last one
     * @throws ManifestFormatException when the last deploy's manifest is of a format this Baton cannot read
     */
    public static Recorded record(Store store, Manifest manifest, String author, long now) {
        java.util.Optional<DeploymentRow> last = store.latestDeployment();
        Manifest before = last.map(d -> ManifestJson.read(d.manifest())).orElse(null);
        List<Change> changes = ManifestDiff.between(before, manifest);
        DeploymentRow row = new DeploymentRow(0, manifest.hash(), manifest.format(), manifest.codeVersion(), author, now,
                ManifestJson.write(manifest));
        long id = (Long) store.apply(List.of(new Write.RecordDeployment(row))).get(0);
        return new Recorded(new DeploymentRow(id, row.manifestHash(), row.format(), row.codeVersion(), author, now,
                row.manifest()), last.orElse(null), changes);
    }

    /**
     * Reads a manifest sent to be deployed, checking more than {@link ManifestJson#read} does: the
     * {@code hash} it states must be the hash of its declarations, so that a manifest changed by
     * hand after {@code baton manifest} wrote it (or cut short) is refused rather than deployed.
     *
     * @param json a manifest as {@code baton manifest} writes it
     * @return the manifest
     * @throws ManifestFormatException when it is not a manifest, is of a newer format, or its hash does not match
     */
    public static Manifest readChecked(String json) {
        Manifest manifest = ManifestJson.read(json);
        String stated;
        try {
            com.fasterxml.jackson.databind.JsonNode hash = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                    .get("hash");
            stated = hash == null || !hash.isTextual() ? null : hash.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ManifestFormatException("not a Baton manifest: its JSON is malformed", e);
        }
        if (stated == null) {
            throw new ManifestFormatException("the manifest has no field 'hash'; send it as `baton manifest` writes it",
                    null);
        }
        if (!stated.equals(manifest.hash())) {
            throw new ManifestFormatException("the manifest's hash " + stated + " is not the hash of its declarations ("
                    + manifest.hash() + "): it was changed after `baton manifest` wrote it. Write it again with "
                    + "`baton manifest`", null);
        }
        return manifest;
    }

    /**
     * @param rows deploys, newest first (as the store lists them); the oldest one's predecessor, when
     *             not among them, is taken as unknown
     * @return the read models, newest first
     */
    public static List<DeploymentInfo> infos(List<DeploymentRow> rows) {
        List<DeploymentInfo> infos = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            DeploymentRow row = rows.get(i);
            DeploymentRow before = i + 1 < rows.size() ? rows.get(i + 1) : null;
            infos.add(new DeploymentInfo(row.id(), Instant.ofEpochMilli(row.deployedAt()), row.author(), row.codeVersion(),
                    row.manifestHash(), changes(row, before)));
        }
        return infos;
    }

    /**
     * @param row    a deploy
     * @param before the deploy before it, or null for the first
     * @return what {@code row} added, removed or changed against {@code before}
     * @throws ManifestFormatException when either manifest is of a format this Baton cannot read
     */
    public static List<Change> diff(DeploymentRow row, DeploymentRow before) {
        return ManifestDiff.between(before == null ? null : ManifestJson.read(before.manifest()),
                ManifestJson.read(row.manifest()));
    }

    private static List<String> changes(DeploymentRow row, DeploymentRow before) {
        try {
            if (before == null) {
                return List.of("first deploy: " + ManifestJson.read(row.manifest()).workflows().size() + " workflows");
            }
            List<String> lines = new ArrayList<>();
            for (Change change : diff(row, before)) {
                String sign = switch (change.action()) {
                    case ADDED -> "+";
                    case REMOVED -> "-";
                    case CHANGED -> "~";
                };
                StringBuilder line = new StringBuilder(sign + " " + change.kind() + " " + change.name());
                for (Change.FieldChange field : change.fields()) {
                    line.append(line.indexOf(":") < 0 ? ": " : ", ").append(field.field()).append(' ')
                            .append(field.before()).append(" -> ").append(field.after());
                }
                lines.add(line.toString());
            }
            return lines;
        } catch (ManifestFormatException e) {
            return List.of("unreadable here: " + e.getMessage());
        }
    }
}
