package dev.baton.store.sqlite;

import dev.baton.engine.store.DeploymentRow;
import dev.baton.engine.store.Write.RecordDeployment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The deploy history in the {@code deployments} table (schema version 7): appended by the writer,
 * read by any connection. A store of an older schema, opened without migrating it (as
 * {@code baton plan} does), has no such table and so no deploys.
 */
final class DeploymentTables {
    private static final String COLUMNS = "id, manifest_hash, format, code_version, author, deployed_at, manifest";

    private final PreparedStatement insert;

    DeploymentTables(Connection connection) throws SQLException {
        insert = connection.prepareStatement("INSERT INTO deployments (manifest_hash, format, code_version, author, "
                + "deployed_at, manifest) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    }

    long record(RecordDeployment w) throws SQLException {
        DeploymentRow d = w.deployment();
        insert.setString(1, d.manifestHash());
        insert.setInt(2, d.format());
        insert.setString(3, d.codeVersion());
        insert.setString(4, d.author());
        insert.setLong(5, d.deployedAt());
        insert.setString(6, d.manifest());
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<DeploymentRow> list(ReadPool.Reader reader, int limit) throws SQLException {
        PreparedStatement exists = reader.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deployments'");
        try (ResultSet rs = exists.executeQuery()) {
            if (!rs.next()) {
                return List.of();
            }
        }
        PreparedStatement ps = reader.prepare("SELECT " + COLUMNS + " FROM deployments ORDER BY id DESC LIMIT ?");
        ps.setInt(1, Math.max(0, limit));
        List<DeploymentRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new DeploymentRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7)));
            }
        }
        return rows;
    }
}
