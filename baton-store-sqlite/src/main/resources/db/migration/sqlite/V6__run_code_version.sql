-- The version of the code a run started under (a git revision, or what the deployment declares).
-- Workers that accept only some versions claim only those runs, so that a deploy lets old runs
-- finish on the code they started under. NULL for runs stored before versions were recorded:
-- every worker accepts them.
ALTER TABLE runs ADD COLUMN code_version TEXT;
