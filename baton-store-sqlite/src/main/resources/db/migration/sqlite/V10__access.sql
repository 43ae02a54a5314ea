-- Access control, shared by every server process on the store: users (password hashes only),
-- API tokens (a hash of the secret only; the secret is shown once), UI sessions (a hash of the
-- cookie's value), failed-login counters per account and per remote address, and the audit trail.
CREATE TABLE access_users (
    name          TEXT    PRIMARY KEY,
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
);

CREATE TABLE access_tokens (
    id           TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    secret_hash  TEXT    NOT NULL UNIQUE,
    created_by   TEXT,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    revoked_at   INTEGER,
    last_used_at INTEGER
);

CREATE TABLE access_sessions (
    id_hash     TEXT    PRIMARY KEY,
    user_name   TEXT    NOT NULL REFERENCES access_users (name) ON DELETE CASCADE,
    csrf_token  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

CREATE INDEX access_sessions_expiry ON access_sessions (expires_at);

-- One row per key: 'user:NAME' or 'address:IP'.
CREATE TABLE access_login_failures (
    key          TEXT    PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_at      INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
);

CREATE TABLE access_audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    via        TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    target     TEXT,
    outcome    TEXT    NOT NULL,
    detail     TEXT,
    address    TEXT,
    user_agent TEXT
);

CREATE INDEX access_audit_at ON access_audit (at);
CREATE INDEX access_audit_actor ON access_audit (actor, at);
CREATE INDEX access_audit_action ON access_audit (action, at);
