-- An activity's poster (海报): one image per activity, kept in the database so that every
-- application server can serve it. The bytes are stored as base64 text (the database driver
-- binds no blobs); bytes is the decoded length and etag a hash of the decoded bytes.
CREATE TABLE activity_posters (
    activity_id  INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    data         TEXT NOT NULL,
    bytes        INTEGER NOT NULL CHECK (bytes > 0),
    etag         TEXT NOT NULL,
    updated_by   INTEGER REFERENCES users(id),
    updated_at   INTEGER NOT NULL
) {{strict}};
