-- Nobody approves their own work. review_authors lists, for each piece of content that goes
-- through review, every account that wrote it, changed it or submitted it; none of them may
-- decide it at any level (src/core/review.c). The domain adds a row in the same
-- transaction as each such write. The rows of what exists already come from the tables:
-- notice authors, activity and revision creators, and every submission the audit log holds.
CREATE TABLE review_authors (
    content_type TEXT NOT NULL,
    content_id   INTEGER NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (content_type, content_id, user_id)
) {{strict}};

INSERT INTO review_authors(content_type, content_id, user_id)
    SELECT 'notice', id, author FROM notices
    UNION SELECT 'activity', id, created_by FROM activities
    UNION SELECT 'activity_revision', id, created_by FROM activity_revisions
    UNION SELECT content_type, content_id, submitted_by FROM review_items
        WHERE submitted_by IS NOT NULL
    UNION SELECT i.content_type, i.content_id, l.actor
        FROM audit_log l JOIN review_items i
          ON l.object_type = 'review_item' AND l.object_id = CAST(i.id AS TEXT)
        WHERE l.action = 'review.submit' AND l.actor IS NOT NULL;
