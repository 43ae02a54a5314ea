-- The time a run is for: a schedule's fire time, inherited by the runs it triggers. Fan-in
-- triggers look for the successful runs of several workflows at one logical time.
ALTER TABLE runs ADD COLUMN logical_time INTEGER;
CREATE INDEX runs_by_workflow_logical_time ON runs (workflow, logical_time) WHERE logical_time IS NOT NULL;
