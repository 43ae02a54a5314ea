-- Listing runs newest first (the JSON API, the web UI, `baton runs`) over a large history.
-- The list is ordered by (created_at, id). With id in the index, SQLite walks the index in that
-- order with no sort, and skips the rows before a deep page's offset without reading them from
-- the table: measured on 100,000 runs, a page at offset 90,000 went from ~390 ms to a few ms.
DROP INDEX runs_by_created;
CREATE INDEX runs_by_created ON runs (created_at, id);
DROP INDEX runs_by_workflow_created;
CREATE INDEX runs_by_workflow_created ON runs (workflow, created_at, id);
-- Filtering by state (the failed runs, the waiting ones) newest first. Without it SQLite reads
-- every run in that state through the claim index and sorts them all for one page.
CREATE INDEX runs_by_status_created ON runs (status, created_at, id);
