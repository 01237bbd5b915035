-- Version 3: the extraction report (JSON, kept as given) of an issue read
-- from a PDF.

CREATE TABLE issue_extractions (
    issue_id BIGINT PRIMARY KEY REFERENCES issues(id),
    report   TEXT NOT NULL
);
