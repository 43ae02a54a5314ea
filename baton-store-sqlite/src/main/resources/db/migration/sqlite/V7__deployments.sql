-- The deploy history: each row is a manifest (the application's declarations as canonical JSON)
-- that went live, with its hash, the code version, who deployed it and when. Rows are only ever
-- added; the newest row is what the store's application runs now.
CREATE TABLE deployments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    manifest_hash TEXT    NOT NULL,
    format        INTEGER NOT NULL,
    code_version  TEXT,
    author        TEXT    NOT NULL,
    deployed_at   INTEGER NOT NULL,
    manifest      TEXT    NOT NULL
);
