-- Version 6: the SQLite backend keeps issue files and texts compressed in
-- independent blocks (its issue_sources.packed). PostgreSQL needs no
-- change, TOAST already compresses large values: this step only brings the
-- version to that of SQLite.
SELECT 1;
