package dev.baton.engine.manifest;

import dev.baton.DeploymentInfo;
import dev.baton.engine.store.DeploymentRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The deploys of a store as read models: each with what it changed against the deploy before it. */
public final class Deployments {
    private Deployments() {
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
