-- Alerts. One row holds the evaluator's state: the lease that lets one process evaluate at a
-- time, its cursor over the events table, and when its last pass covered deadlines and fires up to.
CREATE TABLE alert_evaluator (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    owner       TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0,
    event_id    INTEGER NOT NULL,
    checked_at  INTEGER NOT NULL,
    since       INTEGER NOT NULL
);

-- The evaluator follows the events of the runs that ended.
CREATE INDEX events_by_type_id ON events (type, id);

-- Incidents: one workflow, one cause, from the first failure until resolved.
CREATE TABLE alert_incidents (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key      TEXT    NOT NULL,
    workflow       TEXT    NOT NULL,
    cause          TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    count          INTEGER NOT NULL,
    notified_count INTEGER NOT NULL,
    first_at       INTEGER NOT NULL,
    last_at        INTEGER NOT NULL,
    notified_at    INTEGER NOT NULL,
    resolved_at    INTEGER,
    run_id         TEXT,
    summary        TEXT
);
-- At most one open incident per dedup key.
CREATE UNIQUE INDEX alert_incidents_open ON alert_incidents (dedup_key) WHERE status = 'OPEN';

-- Notifications, each to one channel, claimed under a lease by the process that sends it.
CREATE TABLE alert_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id     INTEGER NOT NULL,
    channel         TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    last_result     TEXT,
    owner           TEXT,
    lease_until     INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX alert_deliveries_by_incident ON alert_deliveries (incident_id, id);

CREATE TABLE alert_delivery_attempts (
    delivery_id     INTEGER NOT NULL,
    attempt         INTEGER NOT NULL,
    at              INTEGER NOT NULL,
    ok              INTEGER NOT NULL,
    result          TEXT,
    next_attempt_at INTEGER,
    PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;

-- Subjects already alerted on (a run's deadline, a fire), so that each is alerted once.
CREATE TABLE alert_marks (
    subject TEXT    NOT NULL PRIMARY KEY,
    at      INTEGER NOT NULL
) WITHOUT ROWID;
