-- Search over activities, and the private calendar feeds of accounts.
--
-- Free text: Chinese has no spaces between words, so word tokenizers do not work; both
-- backends index character trigrams instead, which find any substring of three or more
-- characters. Shorter queries (2-character words such as 京剧 or 书法 are common) cannot use
-- a trigram index: the store scans for them (see docs/bookings.md).
--   SQLite: an FTS5 table with the trigram tokenizer (rowid = the activity's id), kept in step
--           with activities and venues by triggers. It indexes the title and, as one "body",
--           the organiser, description, address and the venue's name and address.
--   PostgreSQL: pg_trgm GIN indexes on the same text, queried with ILIKE.

{{sqlite}}
CREATE VIRTUAL TABLE activities_fts USING fts5(title, body, tokenize = 'trigram');

CREATE TRIGGER activities_fts_insert AFTER INSERT ON activities BEGIN
    INSERT INTO activities_fts(rowid, title, body)
    SELECT new.id, new.title,
           coalesce(new.organiser, '') || ' ' || new.description || ' ' || coalesce(new.address, '')
           || ' ' || coalesce((SELECT name || ' ' || coalesce(address, '') FROM venues
                               WHERE id = new.venue_id), '');
END;

CREATE TRIGGER activities_fts_update AFTER UPDATE OF title, organiser, description, address,
    venue_id ON activities BEGIN
    DELETE FROM activities_fts WHERE rowid = old.id;
    INSERT INTO activities_fts(rowid, title, body)
    SELECT new.id, new.title,
           coalesce(new.organiser, '') || ' ' || new.description || ' ' || coalesce(new.address, '')
           || ' ' || coalesce((SELECT name || ' ' || coalesce(address, '') FROM venues
                               WHERE id = new.venue_id), '');
END;

CREATE TRIGGER activities_fts_delete AFTER DELETE ON activities BEGIN
    DELETE FROM activities_fts WHERE rowid = old.id;
END;

CREATE TRIGGER venues_fts_update AFTER UPDATE OF name, address ON venues BEGIN
    DELETE FROM activities_fts WHERE rowid IN (SELECT id FROM activities WHERE venue_id = new.id);
    INSERT INTO activities_fts(rowid, title, body)
    SELECT a.id, a.title,
           coalesce(a.organiser, '') || ' ' || a.description || ' ' || coalesce(a.address, '')
           || ' ' || new.name || ' ' || coalesce(new.address, '')
    FROM activities a WHERE a.venue_id = new.id;
END;

INSERT INTO activities_fts(rowid, title, body)
SELECT a.id, a.title,
       coalesce(a.organiser, '') || ' ' || a.description || ' ' || coalesce(a.address, '')
       || ' ' || coalesce(v.name || ' ' || coalesce(v.address, ''), '')
FROM activities a LEFT JOIN venues v ON v.id = a.venue_id;
{{end}}

{{postgres}}
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- the expressions are the store's, character for character (the planner matches them)
CREATE INDEX activities_text_trgm ON activities USING gin
    ((title || ' ' || coalesce(organiser, '') || ' ' || description || ' ' || coalesce(address, ''))
     gin_trgm_ops);
CREATE INDEX venues_text_trgm ON venues USING gin
    ((name || ' ' || coalesce(address, '')) gin_trgm_ops);
{{end}}

-- activities by place (the distance filter's bounding box)
CREATE INDEX activities_lonlat ON activities(lon, lat);

-- One private calendar address per account: a random token given to its owner once and
-- stored only as its hash; a reset replaces it (the old address stops working).
CREATE TABLE calendar_feeds (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
) {{strict}};
