/*
 * store_courses: the teachers, terms and courses of 文化学堂, the sessions of a course, and
 * the catalogue's search. Free text is a substring of a course's title or description:
 * PostgreSQL serves it from the pg_trgm index on that expression (sql/0022_courses.sql);
 * SQLite scans the courses left by the other filters (a centre's catalogue is a few hundred
 * courses a term, so a scan is cheap there).
 */
#include <string.h>

#include "mod/courses/course_store.h"
#include "db/store_util.h"

/* ---- teachers ---- */

#define TEACHER_COLS                                                                               \
    "id, user_id, division, name, specialties, titles, photo_url, bio, created_by, created_at,"    \
    " updated_at"

static void fill_teacher(arena *a, db_stmt *st, course_teacher *t)
{
    t->id = db_col_int(st, 0);
    t->user_id = db_col_int(st, 1);
    t->division = col_str(a, st, 2);
    t->name = col_str(a, st, 3);
    t->specialties = col_str(a, st, 4);
    t->titles = col_str(a, st, 5);
    t->photo_url = col_str(a, st, 6);
    t->bio = col_str(a, st, 7);
    t->created_by = db_col_int(st, 8);
    t->created_at = db_col_int(st, 9);
    t->updated_at = db_col_int(st, 10);
}

int store_teacher_create(db *c, const course_teacher *t, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO course_teachers(user_id, division, name, specialties, titles,"
                 " photo_url, bio, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "itttttt"
                 "iii",
                 t->user_id, t->division, t->name, t->specialties, t->titles, t->photo_url, t->bio,
                 t->created_by, now, now),
        id);
}

int store_teacher_update(db *c, const course_teacher *t, int64_t now)
{
    int rc =
        db_run(c,
               "UPDATE course_teachers SET division = ?, name = ?, specialties = ?,"
               " titles = ?, photo_url = ?, bio = ?, updated_at = ? WHERE id = ?",
               "tttttti"
               "i",
               t->division, t->name, t->specialties, t->titles, t->photo_url, t->bio, now, t->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_teacher_get(db *c, arena *a, int64_t id, course_teacher *out)
{
    db_stmt *st = db_query(c, "SELECT " TEACHER_COLS " FROM course_teachers WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_teacher, out);
}

int store_teacher_by_user(db *c, arena *a, int64_t user_id, course_teacher *out)
{
    db_stmt *st =
        db_query(c, "SELECT " TEACHER_COLS " FROM course_teachers WHERE user_id = ?", "i", user_id);
    return STORE_ONE(a, st, fill_teacher, out);
}

int store_teacher_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                       course_teacher **out, size_t *n)
{
    const char *p = prefix ? prefix : "";
    db_stmt *st = db_query(c,
                           "SELECT " TEACHER_COLS " FROM course_teachers"
                           " WHERE (? = '' OR (division >= ? AND division < ?)) AND id > ?"
                           " ORDER BY id LIMIT ?",
                           "tttii", p, p, prefix_end(a, p), after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_teacher, fill_teacher, out, n);
}

/* ---- terms ---- */

#define TERM_COLS                                                                                  \
    "id, division, name, enrol_opens_at, enrol_closes_at, classes_from, classes_until,"            \
    " max_courses, max_choices, returning_after_new, created_by, created_at, updated_at"

static void fill_term(arena *a, db_stmt *st, course_term *t)
{
    t->id = db_col_int(st, 0);
    t->division = col_str(a, st, 1);
    t->name = col_str(a, st, 2);
    t->enrol_opens_at = db_col_int(st, 3);
    t->enrol_closes_at = db_col_int(st, 4);
    t->classes_from = col_str(a, st, 5);
    t->classes_until = col_str(a, st, 6);
    t->max_courses = (int)db_col_int(st, 7);
    t->max_choices = (int)db_col_int(st, 8);
    t->returning_after_new = (int)db_col_int(st, 9);
    t->created_by = db_col_int(st, 10);
    t->created_at = db_col_int(st, 11);
    t->updated_at = db_col_int(st, 12);
}

int store_term_create(db *c, const course_term *t, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO course_terms(division, name, enrol_opens_at, enrol_closes_at,"
                 " classes_from, classes_until, max_courses, max_choices, returning_after_new,"
                 " created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ttiittiiiiii", t->division, t->name, t->enrol_opens_at, t->enrol_closes_at,
                 t->classes_from, t->classes_until, (int64_t)t->max_courses,
                 (int64_t)t->max_choices, (int64_t)t->returning_after_new, t->created_by, now, now),
        id);
}

int store_term_update(db *c, const course_term *t, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE course_terms SET name = ?, enrol_opens_at = ?, enrol_closes_at = ?,"
                    " classes_from = ?, classes_until = ?, max_courses = ?, max_choices = ?,"
                    " returning_after_new = ?, updated_at = ? WHERE id = ?",
                    "tiittiiiii", t->name, t->enrol_opens_at, t->enrol_closes_at, t->classes_from,
                    t->classes_until, (int64_t)t->max_courses, (int64_t)t->max_choices,
                    (int64_t)t->returning_after_new, now, t->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_term_get(db *c, arena *a, int64_t id, course_term *out)
{
    db_stmt *st = db_query(c, "SELECT " TERM_COLS " FROM course_terms WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_term, out);
}

int store_term_list(db *c, arena *a, const char *prefix, int64_t before, int limit,
                    course_term **out, size_t *n)
{
    const char *p = prefix ? prefix : "";
    db_stmt *st = db_query(c,
                           "SELECT " TERM_COLS " FROM course_terms"
                           " WHERE (? = '' OR (division >= ? AND division < ?))"
                           " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                           "tttiii", p, p, prefix_end(a, p), before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_term, fill_term, out, n);
}

/* ---- courses ---- */

#define COURSE_COLS                                                                                \
    "id, term_id, coalesce(teacher_id, 0), title, category, level, description,"                   \
    " coalesce(age_min, -1), coalesce(age_max, -1), residence, division, coalesce(venue_id, 0),"   \
    " room, schedule, places, taken, delivery, online_kind, online_url, staff_only, enrolment,"    \
    " status, created_by, created_at, updated_at"

static void fill_course(arena *a, db_stmt *st, course *k)
{
    k->id = db_col_int(st, 0);
    k->term_id = db_col_int(st, 1);
    k->teacher_id = db_col_int(st, 2);
    k->title = col_str(a, st, 3);
    k->category = col_str(a, st, 4);
    k->level = col_str(a, st, 5);
    k->description = col_str(a, st, 6);
    k->age_min = (int)db_col_int(st, 7);
    k->age_max = (int)db_col_int(st, 8);
    k->residence = col_str(a, st, 9);
    k->division = col_str(a, st, 10);
    k->venue_id = db_col_int(st, 11);
    k->room = col_str(a, st, 12);
    k->schedule = col_str(a, st, 13);
    k->places = (int)db_col_int(st, 14);
    k->taken = (int)db_col_int(st, 15);
    k->delivery = col_str(a, st, 16);
    k->online_kind = col_str(a, st, 17);
    k->online_url = col_str(a, st, 18);
    k->staff_only = (int)db_col_int(st, 19);
    k->enrolment = col_str(a, st, 20);
    k->status = col_str(a, st, 21);
    k->created_by = db_col_int(st, 22);
    k->created_at = db_col_int(st, 23);
    k->updated_at = db_col_int(st, 24);
}

/* Bind the fields a course's insert and update share, from parameter 1; the next index. */
static int bind_course(db_stmt *st, const course *k)
{
    int i = 1;
    db_bind_int(st, i++, k->term_id);
    if (k->teacher_id)
        db_bind_int(st, i++, k->teacher_id);
    else
        db_bind_null(st, i++);
    db_bind_text(st, i++, k->title);
    db_bind_text(st, i++, k->category);
    db_bind_text(st, i++, k->level);
    db_bind_text(st, i++, k->description ? k->description : "");
    if (k->age_min >= 0)
        db_bind_int(st, i++, k->age_min);
    else
        db_bind_null(st, i++);
    if (k->age_max >= 0)
        db_bind_int(st, i++, k->age_max);
    else
        db_bind_null(st, i++);
    db_bind_text(st, i++, k->residence);
    db_bind_text(st, i++, k->division);
    if (k->venue_id)
        db_bind_int(st, i++, k->venue_id);
    else
        db_bind_null(st, i++);
    db_bind_text(st, i++, k->room);
    db_bind_text(st, i++, k->schedule);
    db_bind_int(st, i++, k->places);
    db_bind_text(st, i++, k->delivery);
    db_bind_text(st, i++, k->online_kind);
    db_bind_text(st, i++, k->online_url);
    db_bind_int(st, i++, k->staff_only);
    db_bind_text(st, i++, k->enrolment);
    return i;
}

int store_course_create(db *c, const course *k, int64_t now, int64_t *id)
{
    db_stmt *st = db_prepare(
        c, "INSERT INTO courses(term_id, teacher_id, title, category, level, description, age_min,"
           " age_max, residence, division, venue_id, room, schedule, places, delivery,"
           " online_kind, online_url, staff_only, enrolment, created_by, created_at, updated_at)"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
           " RETURNING id");
    if (!st)
        return WY_ERR;
    int i = bind_course(st, k);
    db_bind_int(st, i++, k->created_by);
    db_bind_int(st, i++, now);
    db_bind_int(st, i++, now);
    return insert_returning_id(st, id);
}

int store_course_update(db *c, const course *k, int64_t now)
{
    db_stmt *st = db_prepare(
        c, "UPDATE courses SET term_id = ?, teacher_id = ?, title = ?, category = ?, level = ?,"
           " description = ?, age_min = ?, age_max = ?, residence = ?, division = ?,"
           " venue_id = ?, room = ?, schedule = ?, places = ?, delivery = ?, online_kind = ?,"
           " online_url = ?, staff_only = ?, enrolment = ?, updated_at = ? WHERE id = ?");
    if (!st)
        return WY_ERR;
    int i = bind_course(st, k);
    db_bind_int(st, i++, now);
    db_bind_int(st, i++, k->id);
    int rc = db_step(st);
    db_done(st);
    if (rc < 0)
        return rc;
    return db_changes(c) == 0 ? WY_NOTFOUND : WY_OK;
}

int store_course_get(db *c, arena *a, int64_t id, course *out)
{
    db_stmt *st = db_query(c, "SELECT " COURSE_COLS " FROM courses WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_course, out);
}

int store_course_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c, "UPDATE courses SET status = ?, updated_at = ? WHERE id = ?", "tii", status,
                    now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

/* ---- the catalogue ----
 *
 * One shape, three variants (a statement is cached by the address of its text): without
 * text, by id; with text, the title matching first, then id, so the keyset cursor (rank, id)
 * neither repeats nor skips rows. */

#define FILTERS                                                                                    \
    " FROM courses WHERE (CAST(? AS TEXT) IS NULL OR status = ?)"                                  \
    " AND (? = '' OR (division >= ? AND division < ?))"                                            \
    " AND (CAST(? AS TEXT) IS NULL OR category = ?)"                                               \
    " AND (CAST(? AS BIGINT) = 0 OR term_id = ?)"                                                  \
    " AND (CAST(? AS BIGINT) = 0 OR teacher_id = ?)"

#define SQL_PLAIN "SELECT " COURSE_COLS ", 0" FILTERS " AND id > ? ORDER BY id LIMIT ?"
#define OUTER     "SELECT * FROM (SELECT " COURSE_COLS ", "
#define BY_RANK   ") t WHERE (rk, id) > (?, ?) ORDER BY rk, id LIMIT ?"
#define SQL_SQLITE                                                                                 \
    OUTER "CASE WHEN instr(lower(title), lower(?)) > 0 THEN 0 ELSE 1 END AS rk" FILTERS            \
          " AND instr(lower(title || ' ' || description), lower(?)) > 0" BY_RANK
#define SQL_PG                                                                                     \
    OUTER "CASE WHEN title ILIKE ? THEN 0 ELSE 1 END AS rk" FILTERS                                \
          " AND (title || ' ' || description) ILIKE ?" BY_RANK

static const char *const sql_plain = SQL_PLAIN;
static const char *const sql_sqlite = SQL_SQLITE;
static const char *const sql_pg = SQL_PG;

static void fill_hit(arena *a, db_stmt *st, course_hit *h)
{
    fill_course(a, st, &h->k);
    h->title_rank = (int)db_col_int(st, 25);
}

int store_course_list(db *c, arena *a, const course_filter *f, course_hit **out, size_t *n)
{
    const char *q = f->q && *f->q ? f->q : NULL;
    int pg = db_get_dialect(c) == DB_POSTGRES;
    const char *sql = !q ? sql_plain : pg ? sql_pg : sql_sqlite;
    const char *pattern = NULL;
    /* PostgreSQL's LIKE escapes with a backslash by default: the statement needs no ESCAPE */
    if (q && pg && !(pattern = like_contains(a, q)))
        return WY_NOMEM;
    db_stmt *st = db_prepare(c, sql);
    if (!st)
        return WY_ERR;
    const char *prefix = f->prefix ? f->prefix : "";
    int i = 1;
    if (q)
        db_bind_text(st, i++, pg ? pattern : q);
    db_bind_text(st, i++, f->status);
    db_bind_text(st, i++, f->status);
    db_bind_text(st, i++, prefix);
    db_bind_text(st, i++, prefix);
    db_bind_text(st, i++, prefix_end(a, prefix));
    db_bind_text(st, i++, f->category);
    db_bind_text(st, i++, f->category);
    db_bind_int(st, i++, f->term_id);
    db_bind_int(st, i++, f->term_id);
    db_bind_int(st, i++, f->teacher_id);
    db_bind_int(st, i++, f->teacher_id);
    if (q) {
        db_bind_text(st, i++, pg ? pattern : q);
        db_bind_int(st, i++, f->after_rank);
    }
    db_bind_int(st, i++, f->after);
    db_bind_int(st, i++, f->limit > 0 ? f->limit : 20);
    return STORE_COLLECT(a, st, course_hit, fill_hit, out, n);
}

/* ---- sessions ---- */

static void fill_session(arena *a, db_stmt *st, course_session *s)
{
    s->id = db_col_int(st, 0);
    s->course_id = db_col_int(st, 1);
    s->starts_at = db_col_int(st, 2);
    s->ends_at = db_col_int(st, 3);
    s->status = col_str(a, st, 4);
}

int store_course_sessions_replace(db *c, int64_t course_id, const course_session *s, size_t n)
{
    int rc = db_run(c, "DELETE FROM course_sessions WHERE course_id = ?", "i", course_id);
    for (size_t i = 0; rc == WY_OK && i < n; i++)
        rc =
            db_run(c, "INSERT INTO course_sessions(course_id, starts_at, ends_at) VALUES (?, ?, ?)",
                   "iii", course_id, s[i].starts_at, s[i].ends_at);
    return rc;
}

int store_course_sessions(db *c, arena *a, int64_t course_id, course_session **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, course_id, starts_at, ends_at, status FROM course_sessions"
                           " WHERE course_id = ? ORDER BY starts_at, id",
                           "i", course_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_session, fill_session, out, n);
}

int store_course_session_get(db *c, arena *a, int64_t id, course_session *out)
{
    db_stmt *st = db_query(c,
                           "SELECT id, course_id, starts_at, ends_at, status FROM course_sessions"
                           " WHERE id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_session, out);
}
