package dev.baton.store.sqlite;

import dev.baton.engine.store.RunRow;
import dev.baton.engine.store.Write.ClaimRuns;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The selection of the runs that {@link ClaimRuns} takes: the rules of its javadoc, as one query
 * made of four parts that each read one index, so that polling for work stays cheap however many
 * runs the file holds. Each part yields the moment its runs became due; the whole is ordered by
 * that moment (then by id) and cut at the limit.
 *
 * <ol>
 *   <li>PENDING runs, unowned or with an expired lease, due since they were created (the
 *       {@code runs_by_status_wake} index: a PENDING run's wake_at is null, so its entries are in
 *       creation order);</li>
 *   <li>WAITING runs whose wake_at has come, unowned, owned by the claimer, or with an expired
 *       lease, due since wake_at ({@code runs_by_status_wake});</li>
 *   <li>RUNNING runs and not-yet-due WAITING runs of another worker whose lease expired, due since
 *       the lease ended ({@code runs_by_lease});</li>
 *   <li>RUNNING runs without owner, which {@link dev.baton.engine.store.Write.ReleaseOwner} leaves
 *       behind, due since their last change ({@code runs_released}).</li>
 * </ol>
 *
 * <p>The last two parts name their index: without statistics SQLite's planner would read every
 * RUNNING run through {@code runs_by_status_wake} instead, at every poll.
 *
 * <p>Each part keeps only runs of an accepted code version ({@code ?4}, a JSON array of versions,
 * or null for any) or of no recorded version.
 *
 * <p>A lease has expired when {@code lease_until <= now}. The caller runs the query inside the
 * transaction that then updates the selected runs, which holds SQLite's write lock from its
 * start, so no other process can claim the same runs in between.
 */
final class ClaimQuery {
    /** A run of an accepted code version: any when ?4 is null; unrecorded versions are everyone's. */
    private static final String ACCEPTED = "(?4 IS NULL OR code_version IS NULL "
            + "OR code_version IN (SELECT value FROM json_each(?4)))";
    /** Parameters: ?1 now, ?2 owner, ?3 limit, ?4 the accepted versions as a JSON array, or null for any. */
    static final String SQL = "SELECT " + Rows.RUN_COLUMNS + " FROM ("
            + " SELECT * FROM (SELECT " + Rows.RUN_COLUMNS + ", created_at AS due FROM runs"
            + "   WHERE status = 'PENDING' AND (owner IS NULL OR lease_until <= ?1)"
            + "   AND " + ACCEPTED + " ORDER BY wake_at, created_at LIMIT ?3)"
            + " UNION ALL"
            + " SELECT * FROM (SELECT " + Rows.RUN_COLUMNS + ", wake_at AS due FROM runs"
            + "   WHERE status = 'WAITING' AND wake_at <= ?1 AND (owner IS NULL OR owner = ?2 OR lease_until <= ?1)"
            + "   AND " + ACCEPTED + " ORDER BY wake_at LIMIT ?3)"
            + " UNION ALL"
            + " SELECT * FROM (SELECT " + Rows.RUN_COLUMNS + ", lease_until AS due FROM runs INDEXED BY runs_by_lease"
            + "   WHERE owner IS NOT NULL AND lease_until <= ?1 AND owner <> ?2"
            + "   AND (status = 'RUNNING' OR (status = 'WAITING' AND (wake_at IS NULL OR wake_at > ?1)))"
            + "   AND " + ACCEPTED + " ORDER BY lease_until LIMIT ?3)"
            + " UNION ALL"
            + " SELECT * FROM (SELECT " + Rows.RUN_COLUMNS + ", updated_at AS due FROM runs INDEXED BY runs_released"
            + "   WHERE status = 'RUNNING' AND owner IS NULL"
            + "   AND " + ACCEPTED + " ORDER BY updated_at LIMIT ?3)"
            + ") ORDER BY due, id LIMIT ?3";

    private ClaimQuery() {
    }

    /**
     * @param query the prepared {@link #SQL}
     * @param claim the claim
     * @return the runs to claim, as they are before the claim, in claim order
     * @throws SQLException when the query fails
     */
    static List<RunRow> select(PreparedStatement query, ClaimRuns claim) throws SQLException {
        query.setLong(1, claim.now());
        query.setString(2, claim.owner());
        query.setInt(3, claim.limit());
        query.setString(4, claim.acceptedVersions() == null ? null : jsonArray(claim.acceptedVersions()));
        List<RunRow> due = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                due.add(Rows.run(rs));
            }
        }
        return due;
    }

    private static String jsonArray(List<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }
}
