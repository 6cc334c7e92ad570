-- Courses (文化学堂): teachers, terms, courses with their weekly sessions, first-come
-- enrolments, lottery applications with ranked choices, and attendance by check-in
-- (src/mod/courses/, docs/courses.md).
--
-- A course's places are a pool of the seat inventory (core/seats.h): courses.taken is changed
-- only by the guarded update `taken + 1 <= places`, so the database never lets a course pass
-- its places, whichever app server writes. The per-person limit of a term (at most
-- max_courses courses) is kept the same way, by a guarded upsert of course_holds.held.

-- A teacher's profile, tied to an account that holds the teacher role.
CREATE TABLE course_teachers (
    id          {{id}},
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users(id),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    name        TEXT NOT NULL,
    specialties TEXT NOT NULL DEFAULT '[]',
    titles      TEXT NOT NULL DEFAULT '[]',
    photo_url   TEXT,
    bio         TEXT NOT NULL DEFAULT '',
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) {{strict}};
CREATE INDEX course_teachers_division ON course_teachers(division, id);

-- A term of a cultural centre: its enrolment window, its class dates (local days), and the
-- limits of a person: at most max_courses courses, at most max_choices ranked choices.
CREATE TABLE course_terms (
    id                  {{id}},
    division            {{code}} NOT NULL REFERENCES divisions(code),
    name                TEXT NOT NULL,
    enrol_opens_at      INTEGER NOT NULL,
    enrol_closes_at     INTEGER NOT NULL,
    classes_from        TEXT NOT NULL,
    classes_until       TEXT NOT NULL,
    max_courses         INTEGER NOT NULL CHECK (max_courses BETWEEN 1 AND 20),
    max_choices         INTEGER NOT NULL CHECK (max_choices BETWEEN 1 AND 10),
    returning_after_new INTEGER NOT NULL DEFAULT 0 CHECK (returning_after_new IN (0, 1)),
    created_by          INTEGER NOT NULL REFERENCES users(id),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK (enrol_closes_at > enrol_opens_at),
    CHECK (classes_until >= classes_from)
) {{strict}};
CREATE INDEX course_terms_division ON course_terms(division, id);

CREATE TABLE courses (
    id          {{id}},
    term_id     INTEGER NOT NULL REFERENCES course_terms(id),
    teacher_id  INTEGER REFERENCES course_teachers(id),
    title       TEXT NOT NULL,
    category    TEXT NOT NULL
                CHECK (category IN ('literature', 'art_appreciation', 'music_instruments', 'dance',
                                    'opera', 'calligraphy_painting', 'photography',
                                    'intangible_heritage', 'digital_skills', 'other')),
    level       TEXT NOT NULL DEFAULT 'all'
                CHECK (level IN ('all', 'beginner', 'intermediate', 'advanced')),
    description TEXT NOT NULL DEFAULT '',
    age_min     INTEGER CHECK (age_min BETWEEN 0 AND 150),
    age_max     INTEGER CHECK (age_max BETWEEN 0 AND 150),
    residence   {{code}} REFERENCES divisions(code),
    division    {{code}} NOT NULL REFERENCES divisions(code),
    venue_id    INTEGER REFERENCES venues(id),
    room        TEXT,
    schedule    TEXT NOT NULL,
    places      INTEGER NOT NULL CHECK (places BETWEEN 1 AND 100000),
    taken       INTEGER NOT NULL DEFAULT 0,
    delivery    TEXT NOT NULL DEFAULT 'onsite' CHECK (delivery IN ('onsite', 'online', 'both')),
    online_kind TEXT CHECK (online_kind IN ('live', 'recorded')),
    online_url  TEXT,
    staff_only  INTEGER NOT NULL DEFAULT 0 CHECK (staff_only IN (0, 1)),
    enrolment   TEXT NOT NULL CHECK (enrolment IN ('first_come', 'lottery')),
    status      TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'cancelled')),
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (taken BETWEEN 0 AND places),
    CHECK (age_min IS NULL OR age_max IS NULL OR age_max >= age_min)
) {{strict}};
CREATE INDEX courses_division ON courses(division, status);
CREATE INDEX courses_term ON courses(term_id, status);
CREATE INDEX courses_teacher ON courses(teacher_id);
{{postgres}}
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- the expression is the store's, character for character (the planner matches it)
CREATE INDEX courses_text_trgm ON courses USING gin ((title || ' ' || description) gin_trgm_ops);
{{end}}

-- The sessions of a course, made from its weekly schedule over the term's class dates.
CREATE TABLE course_sessions (
    id        {{id}},
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    starts_at INTEGER NOT NULL,
    ends_at   INTEGER NOT NULL,
    status    TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    CHECK (ends_at > starts_at)
) {{strict}};
CREATE INDEX course_sessions_course ON course_sessions(course_id, starts_at);

-- How many courses a person holds in a term: the per-person limit is the guarded upsert
-- held + 1 <= max_courses in the transaction that enrols.
CREATE TABLE course_holds (
    term_id INTEGER NOT NULL REFERENCES course_terms(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    held    INTEGER NOT NULL CHECK (held >= 0),
    PRIMARY KEY (term_id, user_id)
) {{strict}};

-- A person's place in a course (first-come, or assigned by a lottery later); the code is
-- the check-in code of every session.
CREATE TABLE course_enrolments (
    id         {{id}},
    course_id  INTEGER NOT NULL REFERENCES courses(id),
    term_id    INTEGER NOT NULL REFERENCES course_terms(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    status     TEXT NOT NULL CHECK (status IN ('confirmed', 'withdrawn')),
    source     TEXT NOT NULL CHECK (source IN ('first_come', 'lottery')),
    code       TEXT NOT NULL UNIQUE,
    idem_key   TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) {{strict}};
-- one live place per person per course
CREATE UNIQUE INDEX course_enrolments_one ON course_enrolments(course_id, user_id)
    WHERE status = 'confirmed';
CREATE INDEX course_enrolments_user ON course_enrolments(user_id, term_id);
CREATE INDEX course_enrolments_course ON course_enrolments(course_id, status, id);
CREATE UNIQUE INDEX course_enrolments_idem ON course_enrolments(user_id, idem_key)
    WHERE idem_key IS NOT NULL;

-- Who was at which session: a check-in by code at the door, or marked on the roster.
CREATE TABLE course_attendance (
    session_id    INTEGER NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
    enrolment_id  INTEGER NOT NULL REFERENCES course_enrolments(id),
    checked_in_at INTEGER NOT NULL,
    checked_in_by INTEGER REFERENCES users(id),
    how           TEXT NOT NULL CHECK (how IN ('code', 'roster')),
    PRIMARY KEY (session_id, enrolment_id)
) {{strict}};
CREATE INDEX course_attendance_enrolment ON course_attendance(enrolment_id);

-- What an applicant declares once for the age rules of courses.
CREATE TABLE course_learners (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id),
    birth_date TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) {{strict}};

-- Lottery applications: one per person and term, with a random pseudonym (the lottery
-- publishes pseudonyms, never accounts), a priority tier (0 new, 1 returning when the term
-- serves returning students after new ones) and up to max_choices ranked courses, each
-- checked for eligibility when it was chosen. Changeable until the window closes.
CREATE TABLE course_applications (
    id         {{id}},
    term_id    INTEGER NOT NULL REFERENCES course_terms(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    pseudonym  TEXT NOT NULL,
    tier       INTEGER NOT NULL DEFAULT 0 CHECK (tier IN (0, 1)),
    status     TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (term_id, user_id),
    UNIQUE (term_id, pseudonym)
) {{strict}};
CREATE TABLE course_choices (
    application_id INTEGER NOT NULL REFERENCES course_applications(id) ON DELETE CASCADE,
    rank           INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 10),
    course_id      INTEGER NOT NULL REFERENCES courses(id),
    PRIMARY KEY (application_id, rank),
    UNIQUE (application_id, course_id)
) {{strict}};
CREATE INDEX course_choices_course ON course_choices(course_id);
