-- Version 6: the SQLite backend keeps issue files and texts compressed in
-- independent blocks, marked by issue_sources.packed = 1. PostgreSQL keeps
-- them as they are (TOAST already compresses large values): the column is
-- added so that both schemas stay the same, and is always 0 here.

ALTER TABLE issue_sources ADD COLUMN packed INTEGER NOT NULL DEFAULT 0;
