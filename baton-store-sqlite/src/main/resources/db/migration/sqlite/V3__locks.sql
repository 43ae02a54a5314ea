-- Named locks and pools. A holder is a step of a run (seq > 0) or the run itself (seq 0).
ALTER TABLE runs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;

CREATE TABLE lock_holders (
    lock        TEXT    NOT NULL,
    run_id      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    token       INTEGER NOT NULL,
    acquired_at INTEGER NOT NULL,
    PRIMARY KEY (lock, run_id, seq)
);
CREATE INDEX lock_holders_by_run ON lock_holders (run_id);

-- The line of each lock: served by priority, then arrival (rowid breaks ties in arrival order).
CREATE TABLE lock_waiters (
    lock        TEXT    NOT NULL,
    run_id      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    priority    INTEGER NOT NULL,
    enqueued_at INTEGER NOT NULL,
    PRIMARY KEY (lock, run_id, seq)
);
CREATE INDEX lock_waiters_in_order ON lock_waiters (lock, priority DESC, enqueued_at);
CREATE INDEX lock_waiters_by_run ON lock_waiters (run_id);

-- The last fencing token handed out per lock; tokens only grow.
CREATE TABLE lock_tokens (
    lock       TEXT    NOT NULL PRIMARY KEY,
    last_token INTEGER NOT NULL
);
