-- What steps log (a shell step's stdout and stderr, lines a step logs), per run, step and attempt.
-- Read by run in arrival order, and followed by id.
CREATE TABLE step_logs (
    id      INTEGER PRIMARY KEY,
    run_id  TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    stream  TEXT    NOT NULL,
    line    TEXT    NOT NULL
);
CREATE INDEX step_logs_by_run ON step_logs (run_id, id);
