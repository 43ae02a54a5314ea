-- Schedules' state, shared by every worker: paused or not, the last fire handled, the fire held
-- by overlap BUFFER_ONE. A schedule has missed no fire from before it was registered.
CREATE TABLE schedules (
    workflow      TEXT    NOT NULL,
    schedule_id   TEXT    NOT NULL,
    paused        INTEGER NOT NULL DEFAULT 0,
    last_handled  INTEGER,
    buffered      INTEGER,
    registered_at INTEGER NOT NULL,
    PRIMARY KEY (workflow, schedule_id)
);

-- One row per fire. The key makes each fire happen once across processes: the row is inserted in
-- the same transaction as the run the fire starts, and a second insert of it changes nothing.
CREATE TABLE schedule_fires (
    workflow     TEXT    NOT NULL,
    schedule_id  TEXT    NOT NULL,
    logical_time INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    recorded_at  INTEGER NOT NULL,
    run_id       TEXT,
    outcome      TEXT    NOT NULL,
    reason       TEXT,
    PRIMARY KEY (workflow, schedule_id, logical_time)
);
