-- One table for the revisions of published records (src/core/revision.h): a change proposed
-- to a published activity or volunteer project waits here, reviewed as the content type of
-- its kind ("activity_revision", "volunteer_project_revision"), while the published version
-- stays. changes is a JSON object of the fields the revision sets, each with its proposed
-- value (a string, or null to clear it). target_id is the record of that kind (no foreign key:
-- the kinds live in different tables). At most one revision of a record waits at a time
-- (content_revisions_pending).
--
-- The rows of activity_revisions and volunteer_project_revisions move over, their fields
-- bits becoming the keys of changes (an activity's: 64 description, 128 audience, 256
-- live_url, 512 replay_url; a project's: 1 title, 2 description). An activity revision keeps
-- its id; a project revision's id becomes its old id plus the largest id of both old tables,
-- and the review items and review authors that point at it follow, so that what waits for
-- review before the upgrade is decided as before after it.

CREATE TABLE content_revisions (
    id           {{id}},
    content_type TEXT NOT NULL,
    target_id    INTEGER NOT NULL,
    changes      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'rejected', 'obsolete')),
    created_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER
) {{strict}};
CREATE INDEX content_revisions_target ON content_revisions(content_type, target_id, id);
CREATE UNIQUE INDEX content_revisions_pending ON content_revisions(content_type, target_id)
    WHERE status = 'pending';

CREATE TABLE revision_moves (
    content_type TEXT NOT NULL,
    old_id       INTEGER NOT NULL,
    new_id       INTEGER NOT NULL,
    PRIMARY KEY (content_type, old_id)
);
INSERT INTO revision_moves(content_type, old_id, new_id)
    SELECT 'activity_revision', id, id FROM activity_revisions;
INSERT INTO revision_moves(content_type, old_id, new_id)
    SELECT 'volunteer_project_revision', id,
           id + (SELECT coalesce(max(id), 0) FROM
                   (SELECT id FROM activity_revisions
                    UNION ALL SELECT id FROM volunteer_project_revisions) AS ids)
    FROM volunteer_project_revisions;

-- a JSON value of a column: json_quote on SQLite, to_json on PostgreSQL (null for NULL)
{{sqlite}}
INSERT INTO content_revisions(id, content_type, target_id, changes, status, created_by,
                              created_at, decided_at)
    SELECT m.new_id, m.content_type, r.activity_id,
           '{' || ltrim(
               CASE WHEN (r.fields & 64) <> 0
                    THEN ',"description":' || json_quote(r.description) ELSE '' END
               || CASE WHEN (r.fields & 128) <> 0
                    THEN ',"audience":' || json_quote(r.audience) ELSE '' END
               || CASE WHEN (r.fields & 256) <> 0
                    THEN ',"live_url":' || json_quote(r.live_url) ELSE '' END
               || CASE WHEN (r.fields & 512) <> 0
                    THEN ',"replay_url":' || json_quote(r.replay_url) ELSE '' END, ',') || '}',
           r.status, r.created_by, r.created_at, r.decided_at
    FROM activity_revisions r
    JOIN revision_moves m ON m.content_type = 'activity_revision' AND m.old_id = r.id;
INSERT INTO content_revisions(id, content_type, target_id, changes, status, created_by,
                              created_at, decided_at)
    SELECT m.new_id, m.content_type, r.project_id,
           '{' || ltrim(
               CASE WHEN (r.fields & 1) <> 0
                    THEN ',"title":' || json_quote(r.title) ELSE '' END
               || CASE WHEN (r.fields & 2) <> 0
                    THEN ',"description":' || json_quote(r.description) ELSE '' END, ',') || '}',
           r.status, r.created_by, r.created_at, r.decided_at
    FROM volunteer_project_revisions r
    JOIN revision_moves m ON m.content_type = 'volunteer_project_revision' AND m.old_id = r.id;
{{end}}
{{postgres}}
INSERT INTO content_revisions(id, content_type, target_id, changes, status, created_by,
                              created_at, decided_at)
    SELECT m.new_id, m.content_type, r.activity_id,
           '{' || ltrim(
               CASE WHEN (r.fields & 64) <> 0 THEN ',"description":'
                    || coalesce(to_json(r.description)::text, 'null') ELSE '' END
               || CASE WHEN (r.fields & 128) <> 0 THEN ',"audience":'
                    || coalesce(to_json(r.audience)::text, 'null') ELSE '' END
               || CASE WHEN (r.fields & 256) <> 0 THEN ',"live_url":'
                    || coalesce(to_json(r.live_url)::text, 'null') ELSE '' END
               || CASE WHEN (r.fields & 512) <> 0 THEN ',"replay_url":'
                    || coalesce(to_json(r.replay_url)::text, 'null') ELSE '' END, ',') || '}',
           r.status, r.created_by, r.created_at, r.decided_at
    FROM activity_revisions r
    JOIN revision_moves m ON m.content_type = 'activity_revision' AND m.old_id = r.id;
INSERT INTO content_revisions(id, content_type, target_id, changes, status, created_by,
                              created_at, decided_at)
    SELECT m.new_id, m.content_type, r.project_id,
           '{' || ltrim(
               CASE WHEN (r.fields & 1) <> 0 THEN ',"title":'
                    || coalesce(to_json(r.title)::text, 'null') ELSE '' END
               || CASE WHEN (r.fields & 2) <> 0 THEN ',"description":'
                    || coalesce(to_json(r.description)::text, 'null') ELSE '' END, ',') || '}',
           r.status, r.created_by, r.created_at, r.decided_at
    FROM volunteer_project_revisions r
    JOIN revision_moves m ON m.content_type = 'volunteer_project_revision' AND m.old_id = r.id;
-- ids were given explicitly: the next one comes after them
SELECT setval(pg_get_serial_sequence('content_revisions', 'id'), max(id)) FROM content_revisions
    HAVING count(*) > 0;
{{end}}

-- what review knows of them follows their new ids
UPDATE review_items SET content_id = (SELECT m.new_id FROM revision_moves m
                                      WHERE m.content_type = review_items.content_type
                                        AND m.old_id = review_items.content_id)
    WHERE EXISTS (SELECT 1 FROM revision_moves m WHERE m.content_type = review_items.content_type
                    AND m.old_id = review_items.content_id AND m.new_id <> m.old_id);
UPDATE review_authors SET content_id = (SELECT m.new_id FROM revision_moves m
                                        WHERE m.content_type = review_authors.content_type
                                          AND m.old_id = review_authors.content_id)
    WHERE EXISTS (SELECT 1 FROM revision_moves m
                  WHERE m.content_type = review_authors.content_type
                    AND m.old_id = review_authors.content_id AND m.new_id <> m.old_id);

DROP TABLE activity_revisions;
DROP TABLE volunteer_project_revisions;
DROP TABLE revision_moves;
