-- Baton's schema for SQLite. Times are epoch milliseconds (INTEGER); states and kinds are enum
-- names (TEXT) so that the file reads well in the sqlite3 shell; payloads are JSON (TEXT).
-- Integrity between tables (a step's run exists) is kept by the engine's single writer, not by
-- foreign keys: a foreign key costs an index probe per step write, the hottest path there is.

CREATE TABLE runs (
    -- A small, stable integer for each run, so that steps can be keyed by it (see steps).
    run_key          INTEGER PRIMARY KEY,
    id               TEXT    NOT NULL UNIQUE,
    workflow         TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    input            TEXT,
    output           TEXT,
    output_type      TEXT,
    error            TEXT,
    idempotency_key  TEXT,
    parent_run_id    TEXT,
    parent_seq       INTEGER NOT NULL DEFAULT 0,
    owner            TEXT,
    lease_until      INTEGER NOT NULL DEFAULT 0,
    wake_at          INTEGER,
    waiting_for      TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    ended_at         INTEGER,
    updated_at       INTEGER NOT NULL
);

-- Claims of PENDING runs (oldest created first) and of due WAITING runs (earliest wake_at first),
-- and the next wake-up time.
CREATE INDEX runs_by_status_wake ON runs (status, wake_at, created_at);
-- Listing runs, newest first, of one workflow or of all.
CREATE INDEX runs_by_workflow_created ON runs (workflow, created_at);
CREATE INDEX runs_by_created ON runs (created_at);
-- Child runs of a parent; most runs have no parent, so only children are indexed.
CREATE INDEX runs_by_parent ON runs (parent_run_id) WHERE parent_run_id IS NOT NULL;
-- Runs held by a worker: lease renewal, release, cancellation requests, owners.
CREATE INDEX runs_by_owner ON runs (owner) WHERE owner IS NOT NULL;
-- Leases that expired (their worker died) are found by a range scan instead of a table scan.
CREATE INDEX runs_by_lease ON runs (lease_until) WHERE owner IS NOT NULL;
-- RUNNING runs released by their owner wait here for another worker; normally empty.
CREATE INDEX runs_released ON runs (updated_at) WHERE status = 'RUNNING' AND owner IS NULL;
-- Idempotent starts. SQLite treats NULLs as distinct, so runs without a key never collide.
CREATE UNIQUE INDEX runs_by_idempotency_key ON runs (idempotency_key);

-- One row per durable call. Rows are appended in time order (a rowid table) and found through a
-- unique index on (run_key, seq). Clustering the rows themselves by run would make each commit
-- rewrite one full page per active run; with the small integer key only the index's entries are
-- spread over the active runs, which measured 2-3x faster with a thousand runs in flight.
CREATE TABLE steps (
    run_key     INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    attempts    INTEGER NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    wake_at     INTEGER,
    output      TEXT,
    output_type TEXT,
    error       TEXT,
    detail      TEXT
);
CREATE UNIQUE INDEX steps_by_run ON steps (run_key, seq);

-- Failed attempts of steps.
CREATE TABLE attempts (
    run_id          TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    attempt         INTEGER NOT NULL,
    started_at      INTEGER NOT NULL,
    ended_at        INTEGER NOT NULL,
    error           TEXT,
    next_attempt_at INTEGER,
    PRIMARY KEY (run_id, seq, attempt)
) WITHOUT ROWID;

-- A run's timeline. The rowid keeps insertion order among entries of the same time.
CREATE TABLE events (
    id     INTEGER PRIMARY KEY,
    run_id TEXT    NOT NULL,
    at     INTEGER NOT NULL,
    type   TEXT    NOT NULL,
    detail TEXT
);
CREATE INDEX events_by_run ON events (run_id, at);

-- Signals sent to runs. AUTOINCREMENT: an id is never reused, even after rows are deleted.
CREATE TABLE signals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    payload      TEXT,
    received_at  INTEGER NOT NULL,
    consumed_seq INTEGER
);
CREATE INDEX signals_unconsumed ON signals (run_id, name, id) WHERE consumed_seq IS NULL;

-- Worker processes sharing this file, with their heartbeats.
CREATE TABLE workers (
    id           TEXT    NOT NULL PRIMARY KEY,
    host         TEXT    NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL
);
