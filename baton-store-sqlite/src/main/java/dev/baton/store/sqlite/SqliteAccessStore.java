package dev.baton.store.sqlite;

import dev.baton.StoreException;
import dev.baton.access.AuditQuery;
import dev.baton.engine.store.AccessStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access-control tables of schema version 10 ({@code access_*}): written in short transactions
 * of their own on the write connection, read on the read pool.
 */
final class SqliteAccessStore implements AccessStore {
    private static final String USER_COLUMNS = "name, role, password_hash, created_at, disabled_at";
    private static final String TOKEN_COLUMNS = "id, name, role, secret_hash, created_by, created_at, expires_at, "
            + "revoked_at, last_used_at";
    private static final String SESSION_COLUMNS = "id_hash, user_name, csrf_token, created_at, expires_at";
    private static final String AUDIT_COLUMNS = "id, at, actor, via, action, target, outcome, detail, address, user_agent";

    private final String file;
    private final SqliteWriter writer;
    private final ReadPool readers;
    private final SqliteErrors errors;

    SqliteAccessStore(String file, SqliteWriter writer, ReadPool readers, SqliteErrors errors) {
        this.file = file;
        this.writer = writer;
        this.readers = readers;
        this.errors = errors;
    }

    // ---- users ----

    @Override
    public boolean insertUser(UserRow user) {
        return write("adding user " + user.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_users (" + USER_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, user.name());
                ps.setString(2, user.role());
                ps.setString(3, user.passwordHash());
                ps.setLong(4, user.createdAt());
                setLong(ps, 5, user.disabledAt());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<UserRow> user(String name) {
        return read("reading user " + name, r -> {
            PreparedStatement ps = r.prepare("SELECT " + USER_COLUMNS + " FROM access_users WHERE name = ?");
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public List<UserRow> users() {
        return read("reading the users", r -> {
            List<UserRow> rows = new ArrayList<>();
            try (ResultSet rs = r.prepare("SELECT " + USER_COLUMNS + " FROM access_users ORDER BY name").executeQuery()) {
                while (rs.next()) {
                    rows.add(user(rs));
                }
            }
            return rows;
        });
    }

    @Override
    public boolean setUserRole(String name, String role) {
        return update("changing the role of user " + name, "UPDATE access_users SET role = ? WHERE name = ?", role, name) == 1;
    }

    @Override
    public boolean setUserPassword(String name, String passwordHash) {
        return write("changing the password of user " + name, c -> {
            boolean found = run(c, "UPDATE access_users SET password_hash = ? WHERE name = ?", passwordHash, name) == 1;
            run(c, "DELETE FROM access_sessions WHERE user_name = ?", name);
            return found;
        });
    }

    @Override
    public boolean disableUser(String name, long at) {
        return write("disabling user " + name, c -> {
            boolean found = run(c, "UPDATE access_users SET disabled_at = coalesce(disabled_at, ?) WHERE name = ?",
                    at, name) == 1;
            run(c, "DELETE FROM access_sessions WHERE user_name = ?", name);
            return found;
        });
    }

    // ---- tokens ----

    @Override
    public void insertToken(TokenRow t) {
        write("adding token " + t.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_tokens (" + TOKEN_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.id());
                ps.setString(2, t.name());
                ps.setString(3, t.role());
                ps.setString(4, t.secretHash());
                ps.setString(5, t.createdBy());
                ps.setLong(6, t.createdAt());
                setLong(ps, 7, t.expiresAt());
                setLong(ps, 8, t.revokedAt());
                setLong(ps, 9, t.lastUsedAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<TokenRow> token(String id) {
        return oneToken("reading token " + id, "id", id);
    }

    @Override
    public Optional<TokenRow> tokenBySecretHash(String secretHash) {
        return oneToken("looking up a token", "secret_hash", secretHash);
    }

    private Optional<TokenRow> oneToken(String doing, String column, String value) {
        return read(doing, r -> {
            PreparedStatement ps = r.prepare("SELECT " + TOKEN_COLUMNS + " FROM access_tokens WHERE " + column + " = ?");
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(token(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public List<TokenRow> tokens() {
        return read("reading the tokens", r -> {
            List<TokenRow> rows = new ArrayList<>();
            try (ResultSet rs = r.prepare("SELECT " + TOKEN_COLUMNS + " FROM access_tokens ORDER BY created_at DESC, id")
                    .executeQuery()) {
                while (rs.next()) {
                    rows.add(token(rs));
                }
            }
            return rows;
        });
    }

    @Override
    public boolean revokeToken(String id, long at) {
        return update("revoking token " + id, "UPDATE access_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                at, id) == 1;
    }

    @Override
    public void touchToken(String id, long at) {
        update("recording a use of token " + id, "UPDATE access_tokens SET last_used_at = ? WHERE id = ? "
                + "AND (last_used_at IS NULL OR last_used_at < ?)", at, id, at);
    }

    // ---- sessions ----

    @Override
    public void insertSession(SessionRow s) {
        write("opening a session for " + s.user(), c -> run(c, "INSERT INTO access_sessions (" + SESSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?)", s.idHash(), s.user(), s.csrfToken(), s.createdAt(), s.expiresAt()));
    }

    @Override
    public Optional<SessionRow> session(String idHash) {
        return read("reading a session", r -> {
            PreparedStatement ps = r.prepare("SELECT " + SESSION_COLUMNS + " FROM access_sessions WHERE id_hash = ?");
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SessionRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5))) : Optional.empty();
            }
        });
    }

    @Override
    public void deleteSession(String idHash) {
        update("ending a session", "DELETE FROM access_sessions WHERE id_hash = ?", idHash);
    }

    @Override
    public boolean renewSession(String idHash, long expiresAt) {
        return update("renewing a session", "UPDATE access_sessions SET expires_at = ? WHERE id_hash = ? "
                + "AND expires_at < ?", expiresAt, idHash, expiresAt) > 0;
    }

    @Override
    public int deleteExpiredSessions(long now) {
        return update("deleting expired sessions", "DELETE FROM access_sessions WHERE expires_at <= ?", now);
    }

    // ---- failed logins ----

    @Override
    public FailureRow recordLoginFailure(String key, long at, long forgetAfterMs) {
        return write("counting a failed login", c -> {
            run(c, "INSERT INTO access_login_failures (key, failures, last_at, locked_until) VALUES (?, 1, ?, 0) "
                    + "ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN last_at < ? THEN 1 ELSE failures + 1 END, "
                    + "last_at = excluded.last_at", key, at, at - forgetAfterMs);
            return failures(c, key).orElseThrow();
        });
    }

    @Override
    public void lockLogin(String key, long until) {
        update("locking logins", "UPDATE access_login_failures SET locked_until = max(locked_until, ?) WHERE key = ?",
                until, key);
    }

    @Override
    public Optional<FailureRow> loginFailures(String key) {
        return read("reading failed logins", r -> {
            PreparedStatement ps = r.prepare("SELECT key, failures, last_at, locked_until FROM access_login_failures "
                    + "WHERE key = ?");
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new FailureRow(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)))
                        : Optional.empty();
            }
        });
    }

    private static Optional<FailureRow> failures(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key, failures, last_at, locked_until "
                + "FROM access_login_failures WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new FailureRow(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)))
                        : Optional.empty();
            }
        }
    }

    @Override
    public void clearLoginFailures(String key) {
        update("clearing failed logins", "DELETE FROM access_login_failures WHERE key = ?", key);
    }

    // ---- audit ----

    @Override
    public long appendAudit(AuditRow a) {
        return write("appending to the audit trail", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_audit (at, actor, via, action, target, "
                    + "outcome, detail, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setLong(1, a.at());
                ps.setString(2, a.actor());
                ps.setString(3, a.via());
                ps.setString(4, a.action());
                ps.setString(5, a.target());
                ps.setString(6, a.outcome());
                ps.setString(7, a.detail());
                ps.setString(8, a.address());
                ps.setString(9, a.userAgent());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<AuditRow> audit(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + AUDIT_COLUMNS + " FROM access_audit WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            args.add(q.action());
        }
        if (q.after() != null) {
            sql.append(" AND at >= ?");
            args.add(q.after().toEpochMilli());
        }
        if (q.before() != null) {
            sql.append(" AND at < ?");
            args.add(q.before().toEpochMilli());
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return read("reading the audit trail", r -> {
            PreparedStatement ps = r.prepare(sql.toString());
            bind(ps, args.toArray());
            List<AuditRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
            return rows;
        });
    }

    // ---- plumbing ----

    private static UserRow user(ResultSet rs) throws SQLException {
        return new UserRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), nullableLong(rs, 5));
    }

    private static TokenRow token(ResultSet rs) throws SQLException {
        return new TokenRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), nullableLong(rs, 7), nullableLong(rs, 8), nullableLong(rs, 9));
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case String s -> ps.setString(i + 1, s);
                case Integer n -> ps.setInt(i + 1, n);
                case Long n -> ps.setLong(i + 1, n);
                default -> throw new IllegalArgumentException("cannot bind " + args[i]);
            }
        }
    }

    private static int run(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private int update(String doing, String sql, Object... args) {
        return write(doing, c -> run(c, sql, args));
    }

    private <T> T write(String doing, SqliteWriter.Work<T> work) {
        if (writer == null) {
            throw new StoreException("The store " + file + " was opened read-only; nothing was written.", null);
        }
        return writer.transaction(doing, work);
    }

    private <T> T read(String doing, ReadPool.Read<T> read) {
        try {
            return readers.read(read);
        } catch (SQLException e) {
            throw errors.translate(doing, e);
        }
    }
}
