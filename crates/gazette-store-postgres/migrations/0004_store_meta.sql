-- Version 4: facts about the store itself; store_id is a random 128-bit
-- identity (32 hex digits) made with the table, which derived indexes
-- record to know which store they were built from.

CREATE TABLE store_meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO store_meta (key, value)
    VALUES ('store_id', replace(gen_random_uuid()::text, '-', ''));
