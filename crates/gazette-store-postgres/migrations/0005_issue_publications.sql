-- Version 5: an issue as published (its gazette, year, 期号, 总期号, date,
-- where each value came from), as the JSON of gazette_model's
-- IssuePublication, with the gazette's slug, the year and the number as
-- columns for lookups.

CREATE TABLE issue_publications (
    issue_id     BIGINT PRIMARY KEY REFERENCES issues(id),
    gazette_slug TEXT   COLLATE "C" NOT NULL,
    year         INTEGER,
    number       BIGINT,
    json         TEXT   NOT NULL
);
CREATE INDEX issue_publications_gazette ON issue_publications (gazette_slug, year, number);
