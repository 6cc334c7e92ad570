-- Changes to published volunteer projects reviewed on their own, and course_place rewards that
-- enrol their holder (docs/volunteers.md, docs/rewards.md).
--
-- A revision of a published project holds the title and description proposed for it (fields:
-- bit 1 title, bit 2 description) while the published version stays as it is; it is reviewed
-- as content type "volunteer_project_revision" and copied into the project on final approval.
-- At most one revision of a project waits at a time (volunteer_project_revisions_pending).

CREATE TABLE volunteer_project_revisions (
    id          {{id}},
    project_id  INTEGER NOT NULL REFERENCES volunteer_projects(id),
    fields      INTEGER NOT NULL CHECK (fields > 0),
    title       TEXT,
    description TEXT,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected', 'obsolete')),
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    decided_at  INTEGER
) {{strict}};
CREATE INDEX volunteer_project_revisions_project ON volunteer_project_revisions(project_id, id);
CREATE UNIQUE INDEX volunteer_project_revisions_pending ON volunteer_project_revisions(project_id)
    WHERE status = 'pending';

-- A course_place item may name the course it gives a place in (course_id): its redemption
-- enrols the holder through the courses' rules (core/enrol_hook.h), and the place taken is
-- kept with the redemption (enrolment_id).
ALTER TABLE rewards_items ADD COLUMN course_id INTEGER REFERENCES courses(id);
ALTER TABLE rewards_redemptions ADD COLUMN enrolment_id INTEGER REFERENCES course_enrolments(id);
