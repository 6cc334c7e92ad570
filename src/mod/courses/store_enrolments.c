/*
 * store_enrolments: places in courses, the holds of a term, lottery applications and
 * attendance. The enrolment batch is the first-come hot path: the seat writer (core/seats.h)
 * runs it for many requests in one transaction, each taking its hold and its place with one
 * guarded statement apiece, so the database keeps the limits whatever runs above it, and one
 * commit makes the whole batch durable.
 */
#include <stdio.h>
#include <string.h>

#include "core/seats_store.h"
#include "mod/courses/course_store.h"
#include "db/store_util.h"

/* ---- the enrolment batch ---- */

static int one_enrolment(db *c, const course_enrol_req *r, course_enrol_res *o)
{
    memset(o, 0, sizeof(*o));
    if (r->idem_key) { /* the same request again: answer what it got the first time */
        db_stmt *st = db_query(c,
                               "SELECT id, code, course_id FROM course_enrolments"
                               " WHERE user_id = ? AND idem_key = ?",
                               "it", r->user_id, r->idem_key);
        int s = st ? db_step(st) : WY_ERR;
        if (s == 1 && db_col_int(st, 2) == r->course_id) {
            o->id = db_col_int(st, 0);
            snprintf(o->code, sizeof(o->code), "%s", db_col_text(st, 1));
            o->outcome = COURSE_ENROLLED;
            o->replay = 1;
        } else if (s == 1) {
            o->outcome = COURSE_DUPLICATE; /* the key was used for another course */
        }
        db_done(st);
        if (s != 0)
            return s == 1 ? WY_OK : s;
    }
    /* the hold first: a person over the limit of the term takes no place */
    int rc = db_run(c,
                    "INSERT INTO course_holds(term_id, user_id, held) VALUES (?, ?, 1)"
                    " ON CONFLICT (term_id, user_id) DO UPDATE SET held = course_holds.held + 1"
                    " WHERE course_holds.held + 1 <= ?",
                    "iii", r->term_id, r->user_id, (int64_t)r->max_courses);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0) {
        o->outcome = COURSE_OVER_LIMIT;
        return WY_OK;
    }
    /* the place: the seat inventory's guarded update */
    rc = db_run(c,
                "UPDATE courses SET taken = taken + 1 WHERE id = ? AND status = 'published'"
                " AND enrolment = 'first_come' AND taken + 1 <= places",
                "i", r->course_id);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0) {
        o->outcome = COURSE_FULL; /* the savepoint gives the hold back */
        return WY_NOTFOUND;
    }
    /* a second live place of the person is refused by course_enrolments_one: the batch rolls
     * the request back to its savepoint, hold and place included */
    rc = insert_returning_id(
        db_query(c,
                 "INSERT INTO course_enrolments(course_id, term_id, user_id, status, source, code,"
                 " idem_key, created_at, updated_at)"
                 " VALUES (?, ?, ?, 'confirmed', 'first_come', ?, ?, ?, ?) RETURNING id",
                 "iiittii", r->course_id, r->term_id, r->user_id, r->code, r->idem_key, r->now,
                 r->now),
        &o->id);
    if (rc != WY_OK)
        return rc;
    o->outcome = COURSE_ENROLLED;
    snprintf(o->code, sizeof(o->code), "%s", r->code);
    /* told in the same transaction: the place and its notification commit together */
    return r->title ? store_course_notify(c, &course_kind_enrolled, r->user_id, "course_enrolment",
                                          o->id, r->course_id, r->title, r->division, NULL, r->now)
                    : WY_OK;
}

int store_course_enrol_one(db *c, const course_enrol_req *r, course_enrol_res *out)
{
    int rc = one_enrolment(c, r, out);
    if (rc == WY_CONSTRAINT) { /* the unique index: a duplicate */
        out->outcome = COURSE_DUPLICATE;
        return WY_OK;
    }
    if (rc == WY_NOTFOUND && out->outcome == COURSE_FULL)
        return WY_OK;
    return rc;
}

int store_course_enrol_batch(db *c, const course_enrol_req *r, size_t n, course_enrol_res *out)
{
    int rc = db_begin_write(c);
    if (rc != WY_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        /* a savepoint each: one request's failure leaves the others of the batch standing */
        rc = db_savepoint(c);
        if (rc != WY_OK)
            break;
        out[i].rc = one_enrolment(c, &r[i], &out[i]);
        if (out[i].rc == WY_CONSTRAINT) { /* the unique index: a duplicate */
            out[i].rc = WY_OK;
            out[i].outcome = COURSE_DUPLICATE;
            rc = db_savepoint_rollback(c);
        } else if (out[i].rc == WY_NOTFOUND && out[i].outcome == COURSE_FULL) {
            out[i].rc = WY_OK; /* full: undo its hold */
            rc = db_savepoint_rollback(c);
        } else if (out[i].rc != WY_OK) {
            rc = db_savepoint_rollback(c);
        } else {
            rc = db_savepoint_release(c);
        }
        if (rc != WY_OK)
            break;
    }
    if (rc == WY_OK)
        rc = db_commit(c);
    if (rc != WY_OK)
        db_rollback(c);
    return rc;
}

/* ---- enrolments ---- */

/* The columns of fill_enrolment (0 to 9), without and with the table's alias e. The status a
 * place shows: an offer waiting for its answer is 'offered', an offer that ended unconfirmed
 * 'declined' or 'lapsed' (sql/0027_course_offers.sql). */
#define ENROL_COLS                                                                                 \
    "id, course_id, term_id, user_id, CASE WHEN status = 'confirmed' AND confirm_by IS NOT NULL"   \
    " THEN 'offered' WHEN ended IS NOT NULL THEN ended ELSE status END, source, code,"             \
    " created_at, updated_at, coalesce(confirm_by, 0)"
#define ENROL_COLS_E                                                                               \
    "e.id, e.course_id, e.term_id, e.user_id, CASE WHEN e.status = 'confirmed'"                    \
    " AND e.confirm_by IS NOT NULL THEN 'offered' WHEN e.ended IS NOT NULL THEN e.ended"           \
    " ELSE e.status END, e.source, e.code, e.created_at, e.updated_at,"                            \
    " coalesce(e.confirm_by, 0)"

static void fill_enrolment(arena *a, db_stmt *st, course_enrolment *e)
{
    e->id = db_col_int(st, 0);
    e->course_id = db_col_int(st, 1);
    e->term_id = db_col_int(st, 2);
    e->user_id = db_col_int(st, 3);
    e->status = col_str(a, st, 4);
    e->source = col_str(a, st, 5);
    e->code = col_str(a, st, 6);
    e->created_at = db_col_int(st, 7);
    e->updated_at = db_col_int(st, 8);
    e->confirm_by = db_col_int(st, 9);
}

int store_enrolment_get(db *c, arena *a, int64_t id, course_enrolment *out)
{
    db_stmt *st = db_query(c, "SELECT " ENROL_COLS " FROM course_enrolments WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_enrolment, out);
}

int store_enrolment_by_code(db *c, arena *a, const char *code, course_enrolment *out)
{
    db_stmt *st =
        db_query(c, "SELECT " ENROL_COLS " FROM course_enrolments WHERE code = ?", "t", code);
    return STORE_ONE(a, st, fill_enrolment, out);
}

int store_enrolment_live(db *c, arena *a, int64_t course_id, int64_t user_id, course_enrolment *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " ENROL_COLS " FROM course_enrolments WHERE course_id = ?"
                           " AND user_id = ? AND status = 'confirmed'",
                           "ii", course_id, user_id);
    return STORE_ONE(a, st, fill_enrolment, out);
}

/* The place of a row just withdrawn (st: its UPDATE ... RETURNING course_id, term_id,
 * user_id) goes back to the course, its hold to the person. */
static int give_back(db *c, db_stmt *st)
{
    int s = st ? db_step(st) : WY_ERR;
    int64_t course = 0, term = 0, user = 0;
    if (s == 1) {
        course = db_col_int(st, 0);
        term = db_col_int(st, 1);
        user = db_col_int(st, 2);
    }
    db_done(st);
    if (s != 1)
        return s == 0 ? WY_NOTFOUND : s;
    int rc =
        db_run(c, "UPDATE courses SET taken = taken - 1 WHERE id = ? AND taken > 0", "i", course);
    if (rc == WY_OK)
        rc = db_run(c,
                    "UPDATE course_holds SET held = held - 1 WHERE term_id = ? AND user_id = ?"
                    " AND held > 0",
                    "ii", term, user);
    return rc;
}

int store_enrolment_withdraw(db *c, int64_t id, int64_t now)
{
    return give_back(c, db_query(c,
                                 "UPDATE course_enrolments SET status = 'withdrawn', updated_at = ?"
                                 " WHERE id = ? AND status = 'confirmed' AND confirm_by IS NULL"
                                 " RETURNING course_id, term_id, user_id",
                                 "ii", now, id));
}

int store_enrolment_annul(db *c, int64_t id, int64_t now)
{
    return give_back(c, db_query(c,
                                 "UPDATE course_enrolments SET status = 'withdrawn', updated_at = ?"
                                 " WHERE id = ? AND status = 'confirmed' AND source = 'lottery'"
                                 " RETURNING course_id, term_id, user_id",
                                 "ii", now, id));
}

int store_lottery_places_of(db *c, arena *a, int64_t term_id, int64_t user_id,
                            course_enrolment **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " ENROL_COLS " FROM course_enrolments WHERE term_id = ?"
                           " AND user_id = ? AND source = 'lottery' AND status = 'confirmed'"
                           " ORDER BY id",
                           "ii", term_id, user_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_enrolment, fill_enrolment, out, n);
}

int store_holds_of(db *c, int64_t term_id, int64_t user_id, int64_t *held)
{
    return store_one_int(db_query(c,
                                  "SELECT held FROM course_holds WHERE term_id = ? AND user_id = ?",
                                  "ii", term_id, user_id),
                         held);
}

int store_returning(db *c, int64_t term_id, const char *division, int64_t user_id, int *returning)
{
    int64_t v;
    int rc = store_one_int(db_query(c,
                                    "SELECT 1 FROM course_enrolments e"
                                    " JOIN course_terms t ON t.id = e.term_id"
                                    " WHERE e.user_id = ? AND e.term_id <> ? AND t.division = ?"
                                    " AND e.status = 'confirmed' AND e.confirm_by IS NULL LIMIT 1",
                                    "iit", user_id, term_id, division),
                           &v);
    *returning = v == 1;
    return rc;
}

/* ---- a person's courses ---- */

static void fill_my(arena *a, db_stmt *st, my_course *m)
{
    fill_enrolment(a, st, &m->e);
    m->title = col_str(a, st, 10);
    m->category = col_str(a, st, 11);
    m->term_name = col_str(a, st, 12);
    m->first_start = db_col_int(st, 13);
    m->last_end = db_col_int(st, 14);
    m->sessions = (int)db_col_int(st, 15);
    m->attended = (int)db_col_int(st, 16);
}

int store_courses_of_user(db *c, arena *a, int64_t user_id, int64_t after, int limit,
                          my_course **out, size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT " ENROL_COLS_E ", k.title, k.category, t.name,"
        " coalesce((SELECT min(s.starts_at) FROM course_sessions s WHERE s.course_id = k.id"
        "           AND s.status = 'scheduled'), 0),"
        " coalesce((SELECT max(s.ends_at) FROM course_sessions s WHERE s.course_id = k.id"
        "           AND s.status = 'scheduled'), 0),"
        " (SELECT count(*) FROM course_sessions s WHERE s.course_id = k.id"
        "  AND s.status = 'scheduled'),"
        " (SELECT count(*) FROM course_attendance x WHERE x.enrolment_id = e.id)"
        " FROM course_enrolments e JOIN courses k ON k.id = e.course_id"
        " JOIN course_terms t ON t.id = e.term_id"
        " WHERE e.user_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?",
        "iii", user_id, after > 0 ? after : INT64_MAX, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, my_course, fill_my, out, n);
}

/* ---- the roster and attendance ---- */

static void fill_roster(arena *a, db_stmt *st, roster_row *r)
{
    fill_enrolment(a, st, &r->e);
    r->name = col_str(a, st, 10);
    r->phone = col_str(a, st, 11);
    r->attended = (int)db_col_int(st, 12);
}

int store_course_roster(db *c, arena *a, int64_t course_id, roster_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " ENROL_COLS_E ", u.name, u.phone,"
                           " (SELECT count(*) FROM course_attendance x"
                           "  WHERE x.enrolment_id = e.id)"
                           " FROM course_enrolments e JOIN users u ON u.id = e.user_id"
                           " WHERE e.course_id = ? AND e.status = 'confirmed'"
                           " AND e.confirm_by IS NULL ORDER BY e.id",
                           "i", course_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, roster_row, fill_roster, out, n);
}

int store_attendance_add(db *c, int64_t session_id, int64_t enrolment_id, int64_t by,
                         const char *how, int64_t now)
{
    return db_run(c,
                  "INSERT INTO course_attendance(session_id, enrolment_id, checked_in_at,"
                  " checked_in_by, how) VALUES (?, ?, ?, ?, ?)",
                  "iiiIt", session_id, enrolment_id, now, by, how);
}

static void fill_mark(arena *a, db_stmt *st, attendance_mark *m)
{
    (void)a;
    m->session_id = db_col_int(st, 0);
    m->enrolment_id = db_col_int(st, 1);
    m->at = db_col_int(st, 2);
}

int store_course_attendance(db *c, arena *a, int64_t course_id, attendance_mark **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT x.session_id, x.enrolment_id, x.checked_in_at"
                           " FROM course_attendance x JOIN course_sessions s ON s.id = x.session_id"
                           " WHERE s.course_id = ? ORDER BY x.session_id, x.enrolment_id",
                           "i", course_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, attendance_mark, fill_mark, out, n);
}

/* ---- what a learner declares ---- */

int store_learner_birth_date(db *c, arena *a, int64_t user_id, const char **out)
{
    db_stmt *st =
        db_query(c, "SELECT birth_date FROM course_learners WHERE user_id = ?", "i", user_id);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1)
        *out = arena_strdup(a, db_col_text(st, 0));
    db_done(st);
    if (s == 1 && !*out)
        return WY_NOMEM;
    return s == 1 ? WY_OK : s == 0 ? WY_NOTFOUND : s;
}

int store_learner_set_birth_date(db *c, arena *a, int64_t user_id, const char *birth_date,
                                 int64_t now, const char **kept)
{
    int rc = db_run(c,
                    "INSERT INTO course_learners(user_id, birth_date, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (user_id) DO NOTHING",
                    "iti", user_id, birth_date, now);
    return rc == WY_OK ? store_learner_birth_date(c, a, user_id, kept) : rc;
}

/* ---- lottery applications ---- */

/* The choices of application id into ids (by rank); their count in *n. */
static int choices_of(db *c, int64_t id, int64_t *ids, int *n)
{
    db_stmt *st = db_query(c,
                           "SELECT course_id FROM course_choices WHERE application_id = ?"
                           " ORDER BY rank",
                           "i", id);
    if (!st)
        return WY_ERR;
    int s;
    *n = 0;
    while ((s = db_step(st)) == 1)
        if (*n < 10)
            ids[(*n)++] = db_col_int(st, 0);
    db_done(st);
    return s < 0 ? s : WY_OK;
}

static void fill_application(arena *a, db_stmt *st, course_application *p)
{
    p->id = db_col_int(st, 0);
    p->term_id = db_col_int(st, 1);
    p->user_id = db_col_int(st, 2);
    p->pseudonym = col_str(a, st, 3);
    p->tier = (int)db_col_int(st, 4);
    p->status = col_str(a, st, 5);
    p->created_at = db_col_int(st, 6);
    p->updated_at = db_col_int(st, 7);
    p->nchoices = 0;
    p->lottery_id = 0;
    p->ticket = NULL;
    p->rank = p->places = 0;
}

/* An application with its receipt of the term's lottery (columns 8 to 11, NULL before). */
static void fill_application_receipt(arena *a, db_stmt *st, course_application *p)
{
    fill_application(a, st, p);
    if (!db_col_null(st, 8)) {
        p->lottery_id = db_col_int(st, 8);
        p->ticket = col_str(a, st, 9);
        p->rank = (int)db_col_int(st, 10);
        p->places = (int)db_col_int(st, 11);
    }
}

int store_application_get(db *c, arena *a, int64_t term_id, int64_t user_id,
                          course_application *out)
{
    db_stmt *st = db_query(c,
                           "SELECT id, term_id, user_id, pseudonym, tier, status, created_at,"
                           " updated_at FROM course_applications WHERE term_id = ? AND user_id = ?",
                           "ii", term_id, user_id);
    int rc = STORE_ONE(a, st, fill_application, out);
    return rc == WY_OK ? choices_of(c, out->id, out->choices, &out->nchoices) : rc;
}

int store_application_by_pseudonym(db *c, arena *a, int64_t term_id, const char *pseudonym,
                                   course_application *out)
{
    db_stmt *st =
        db_query(c,
                 "SELECT id, term_id, user_id, pseudonym, tier, status, created_at,"
                 " updated_at FROM course_applications WHERE term_id = ? AND pseudonym = ?",
                 "it", term_id, pseudonym);
    return STORE_ONE(a, st, fill_application, out);
}

int store_application_put(db *c, int64_t term_id, int64_t user_id, const char *pseudonym, int tier,
                          const char *status, const int64_t *choices, int n, int64_t now,
                          int64_t *id)
{
    int rc = insert_returning_id(
        db_query(c,
                 "INSERT INTO course_applications(term_id, user_id, pseudonym, tier, status,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT (term_id, user_id) DO UPDATE SET tier = excluded.tier,"
                 " status = excluded.status, updated_at = excluded.updated_at RETURNING id",
                 "iititii", term_id, user_id, pseudonym, (int64_t)tier, status, now, now),
        id);
    if (rc == WY_OK)
        rc = db_run(c, "DELETE FROM course_choices WHERE application_id = ?", "i", *id);
    for (int i = 0; rc == WY_OK && i < n; i++)
        rc = db_run(c,
                    "INSERT INTO course_choices(application_id, rank, course_id) VALUES (?, ?, ?)",
                    "iii", *id, (int64_t)(i + 1), choices[i]);
    return rc;
}

int store_applications_of_user(db *c, arena *a, int64_t user_id, course_application **out,
                               size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT p.id, p.term_id, p.user_id, p.pseudonym, p.tier, p.status,"
                           " p.created_at, p.updated_at, r.lottery_id, r.ticket, r.rank, r.places"
                           " FROM course_applications p"
                           " LEFT JOIN course_lottery_receipts r ON r.application_id = p.id"
                           " WHERE p.user_id = ? AND p.status = 'active'"
                           " ORDER BY p.term_id DESC LIMIT 50",
                           "i", user_id);
    if (!st)
        return WY_ERR;
    int rc = STORE_COLLECT(a, st, course_application, fill_application_receipt, out, n);
    for (size_t i = 0; rc == WY_OK && i < *n; i++)
        rc = choices_of(c, (*out)[i].id, (*out)[i].choices, &(*out)[i].nchoices);
    return rc;
}

int store_course_applicants(db *c, int64_t course_id, int64_t *n)
{
    return store_one_int(db_query(c,
                                  "SELECT count(*) FROM course_choices x"
                                  " JOIN course_applications p ON p.id = x.application_id"
                                  " WHERE x.course_id = ? AND p.status = 'active'",
                                  "i", course_id),
                         n);
}

int store_lottery_applicants(db *c, arena *a, int64_t term_id, course_lottery_applicant **out,
                             size_t *n)
{
    /* one row per choice, by pseudonym then rank: folded into applicants here */
    db_stmt *st =
        db_query(c,
                 "SELECT p.pseudonym, p.tier,"
                 " coalesce((SELECT h.held FROM course_holds h WHERE h.term_id = p.term_id"
                 "           AND h.user_id = p.user_id), 0), x.course_id"
                 " FROM course_applications p"
                 " JOIN course_choices x ON x.application_id = p.id"
                 " WHERE p.term_id = ? AND p.status = 'active'"
                 " ORDER BY p.pseudonym, x.rank",
                 "i", term_id);
    if (!st)
        return WY_ERR;
    size_t cap = 64, k = 0;
    course_lottery_applicant *v = arena_alloc(a, cap * sizeof(*v));
    int s = 0;
    while (v && (s = db_step(st)) == 1) {
        const char *ps = db_col_text(st, 0);
        if (k == 0 || strcmp(v[k - 1].pseudonym, ps)) {
            if (k == cap) {
                course_lottery_applicant *w = arena_alloc(a, 2 * cap * sizeof(*v));
                if (!w) {
                    v = NULL;
                    break;
                }
                memcpy(w, v, k * sizeof(*v));
                v = w;
                cap *= 2;
            }
            v[k] = (course_lottery_applicant){.pseudonym = arena_strdup(a, ps),
                                              .tier = (int)db_col_int(st, 1),
                                              .held = (int)db_col_int(st, 2)};
            k++;
        }
        course_lottery_applicant *p = &v[k - 1];
        if (p->nchoices < 10)
            p->choices[p->nchoices++] = db_col_int(st, 3);
    }
    db_done(st);
    if (!v || arena_failed(a))
        return WY_NOMEM;
    if (s < 0)
        return s;
    *out = v;
    *n = k;
    return WY_OK;
}

/* ---- the term's lottery, drawn ---- */

int store_lottery_applications(db *c, arena *a, int64_t term_id, course_application **out,
                               size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, term_id, user_id, pseudonym, tier, status, created_at,"
                           " updated_at FROM course_applications WHERE term_id = ?"
                           " AND status = 'active'",
                           "i", term_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_application, fill_application, out, n);
}

int store_lottery_enrol(db *c, int64_t term_id, int64_t course_id, int64_t user_id,
                        const char *code, int max_courses, int64_t confirm_by, int64_t now,
                        int64_t *id)
{
    int rc = db_run(c,
                    "INSERT INTO course_holds(term_id, user_id, held) VALUES (?, ?, 1)"
                    " ON CONFLICT (term_id, user_id) DO UPDATE SET held = course_holds.held + 1"
                    " WHERE course_holds.held + 1 <= ?",
                    "iii", term_id, user_id, (int64_t)max_courses);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_CONSTRAINT;
    rc = db_run(c,
                "UPDATE courses SET taken = taken + 1 WHERE id = ? AND term_id = ?"
                " AND enrolment = 'lottery' AND taken + 1 <= places",
                "ii", course_id, term_id);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_CONSTRAINT;
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO course_enrolments(course_id, term_id, user_id, status, source, code,"
                 " confirm_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, 'confirmed', 'lottery', ?, ?, ?, ?) RETURNING id",
                 "iiitiii", course_id, term_id, user_id, code, confirm_by, now, now),
        id);
}

int store_lottery_receipt_add(db *c, int64_t application_id, int64_t lottery_id, const char *ticket,
                              int rank, int places)
{
    return db_run(c,
                  "INSERT INTO course_lottery_receipts(application_id, lottery_id, ticket, rank,"
                  " places) VALUES (?, ?, ?, ?, ?)",
                  "iitii", application_id, lottery_id, ticket, (int64_t)rank, (int64_t)places);
}

int store_course_waiting_add(db *c, int64_t course_id, int position, int64_t application_id,
                             int64_t user_id)
{
    return db_run(c,
                  "INSERT INTO course_waiting(course_id, position, application_id, user_id)"
                  " VALUES (?, ?, ?, ?)",
                  "iiii", course_id, (int64_t)position, application_id, user_id);
}

#define WAITER_COLS "position, application_id, user_id, id, course_id, status, enrolment_id"

static void fill_waiter(arena *a, db_stmt *st, course_waiter *w)
{
    w->position = (int)db_col_int(st, 0);
    w->application_id = db_col_int(st, 1);
    w->user_id = db_col_int(st, 2);
    w->id = db_col_int(st, 3);
    w->course_id = db_col_int(st, 4);
    w->status = col_str(a, st, 5);
    w->enrolment_id = db_col_int(st, 6);
}

int store_course_waiting(db *c, arena *a, int64_t course_id, course_waiter **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " WAITER_COLS " FROM course_waiting"
                           " WHERE course_id = ? AND status = 'waiting' ORDER BY position",
                           "i", course_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_waiter, fill_waiter, out, n);
}

int store_waiter_get(db *c, arena *a, int64_t id, course_waiter *out)
{
    db_stmt *st = db_query(c, "SELECT " WAITER_COLS " FROM course_waiting WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_waiter, out);
}

int store_waiter_skip(db *c, int64_t id)
{
    return db_run(
        c, "UPDATE course_waiting SET status = 'skipped' WHERE id = ? AND status = 'waiting'", "i",
        id);
}

int store_waiting_of_user(db *c, arena *a, int64_t user_id, course_waiter **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " WAITER_COLS " FROM course_waiting"
                           " WHERE user_id = ? AND status = 'waiting' ORDER BY course_id",
                           "i", user_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_waiter, fill_waiter, out, n);
}

/* ---- offers, and the waiting list as a waiting list of the seat inventory ---- */

/* The pool is the lottery course, its claims the rows of its waiting list in position order,
 * one place each. */
static int waiting_next(db *c, int64_t pool, int64_t *claim, int64_t *need)
{
    *need = 1;
    return store_one_int(db_query(c,
                                  "SELECT id FROM course_waiting WHERE course_id = ?"
                                  " AND status = 'waiting' ORDER BY position LIMIT 1",
                                  "i", pool),
                         claim);
}

static int waiting_take(db *c, int64_t pool, int64_t n, int *taken)
{
    int rc = db_run(c,
                    "UPDATE courses SET taken = taken + ? WHERE id = ? AND status = 'published'"
                    " AND enrolment = 'lottery' AND taken + ? <= places",
                    "iii", n, pool, n);
    *taken = rc == WY_OK && db_changes(c) > 0;
    return rc;
}

/* The waiter's offer: the hold of the term (held + 1 <= max_courses: WY_CONSTRAINT when it is
 * full, which the admission checked just before) and the place, its code and deadline left
 * for store_offer_arm (confirm_by 0 until then; the code a placeholder, unique). */
static int waiting_confirm(db *c, int64_t claim, int64_t now)
{
    db_stmt *st = db_query(c,
                           "UPDATE course_waiting SET status = 'served' WHERE id = ?"
                           " AND status = 'waiting' RETURNING course_id, user_id",
                           "i", claim);
    int s = st ? db_step(st) : WY_ERR;
    int64_t course = s == 1 ? db_col_int(st, 0) : 0, user = s == 1 ? db_col_int(st, 1) : 0;
    db_done(st);
    if (s != 1)
        return s == 0 ? WY_NOTFOUND : s;
    int rc = db_run(c,
                    "INSERT INTO course_holds(term_id, user_id, held)"
                    " SELECT k.term_id, ?, 1 FROM courses k WHERE k.id = ?"
                    " ON CONFLICT (term_id, user_id) DO UPDATE SET held = course_holds.held + 1"
                    " WHERE course_holds.held + 1 <= (SELECT t.max_courses FROM course_terms t"
                    " WHERE t.id = course_holds.term_id)",
                    "ii", user, course);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_CONSTRAINT;
    char code[40];
    snprintf(code, sizeof(code), "unarmed-%lld", (long long)claim);
    int64_t id;
    rc = insert_returning_id(
        db_query(c,
                 "INSERT INTO course_enrolments(course_id, term_id, user_id, status, source, code,"
                 " confirm_by, created_at, updated_at)"
                 " SELECT k.id, k.term_id, ?, 'confirmed', 'lottery', ?, 0, ?, ? FROM courses k"
                 " WHERE k.id = ? RETURNING id",
                 "itiii", user, code, now, now, course),
        &id);
    if (rc == WY_OK)
        rc = db_run(c, "UPDATE course_waiting SET enrolment_id = ? WHERE id = ?", "ii", id, claim);
    return rc;
}

const seats_store_ops course_waiting_ops = {waiting_next, waiting_take, waiting_confirm};

int store_offers_unarmed(db *c, arena *a, int64_t course_id, course_enrolment **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " ENROL_COLS " FROM course_enrolments WHERE course_id = ?"
                           " AND status = 'confirmed' AND confirm_by = 0 ORDER BY id",
                           "i", course_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_enrolment, fill_enrolment, out, n);
}

int store_offer_arm(db *c, int64_t id, const char *code, int64_t confirm_by)
{
    int rc = db_run(c,
                    "UPDATE course_enrolments SET code = ?, confirm_by = ? WHERE id = ?"
                    " AND status = 'confirmed' AND confirm_by = 0",
                    "tii", code, confirm_by, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_offer_confirm(db *c, int64_t id, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE course_enrolments SET confirm_by = NULL, updated_at = ? WHERE id = ?"
                    " AND status = 'confirmed' AND confirm_by > ?",
                    "iii", now, id, now);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_offer_end(db *c, int64_t id, const char *ended, int64_t now)
{
    return give_back(c, db_query(c,
                                 "UPDATE course_enrolments SET status = 'withdrawn', ended = ?,"
                                 " confirm_by = NULL, updated_at = ? WHERE id = ?"
                                 " AND status = 'confirmed' AND confirm_by IS NOT NULL"
                                 " RETURNING course_id, term_id, user_id",
                                 "tii", ended, now, id));
}

static void fill_id(arena *a, db_stmt *st, int64_t *v)
{
    (void)a;
    *v = db_col_int(st, 0);
}

int store_offers_due_courses(db *c, arena *a, int64_t now, int64_t **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT DISTINCT course_id FROM course_enrolments"
                           " WHERE confirm_by IS NOT NULL AND confirm_by > 0 AND confirm_by <= ?"
                           " AND status = 'confirmed' ORDER BY course_id LIMIT 500",
                           "i", now);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, int64_t, fill_id, out, n);
}

int store_offers_due(db *c, arena *a, int64_t course_id, int64_t now, course_enrolment **out,
                     size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " ENROL_COLS " FROM course_enrolments WHERE course_id = ?"
                           " AND status = 'confirmed' AND confirm_by > 0 AND confirm_by <= ?"
                           " ORDER BY id",
                           "ii", course_id, now);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, course_enrolment, fill_enrolment, out, n);
}

int store_course_first_start(db *c, int64_t course_id, int64_t *at)
{
    return store_one_int(db_query(c,
                                  "SELECT coalesce(min(starts_at), 0) FROM course_sessions"
                                  " WHERE course_id = ? AND status = 'scheduled'",
                                  "i", course_id),
                         at);
}

/* ---- notifications ---- */

const notify_kind course_kind_enrolled = {"course.enrolled", 0};
const notify_kind course_kind_lottery = {"course.lottery_result", 0};
const notify_kind course_kind_offer = {"course.offer", 0};
const notify_kind course_kind_lapsed = {"course.offer_lapsed", 0};
const notify_kind course_kind_withdrawn = {"course.withdrawn", 0};
const notify_kind course_kind_annulled = {"course.annulled", 0};

int store_course_notify(db *c, const notify_kind *kind, int64_t user_id, const char *subject_type,
                        int64_t subject_id, int64_t course_id, const char *title,
                        const char *division, const char *params, int64_t now)
{
    char dflt[96];
    if (!params) {
        snprintf(dflt, sizeof(dflt), "{\"course_id\":%lld,\"%s_id\":%lld}", (long long)course_id,
                 subject_type, (long long)subject_id);
        params = dflt;
    }
    notify_msg m = {.kind = kind,
                    .user_id = user_id,
                    .subject_type = subject_type,
                    .subject_id = subject_id,
                    .title = title,
                    .href = "/me/courses",
                    .division = division,
                    .params = params};
    return store_notify(c, &m, now, NULL);
}
