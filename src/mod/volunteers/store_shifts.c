/*
 * store_shifts: volunteer shifts and sign-ups (sql/0031_volunteer_shifts.sql). A shift is a
 * pool of the seat inventory: its places are taken by the one guarded update
 * `taken = taken + 1 WHERE taken + 1 <= capacity`, so no interleaving of writers passes its
 * capacity; a sign-up that finds no place joins the waiting list at its end. The sign-up batch
 * is run by the seat writer (core/seats.h) for many requests in one durable commit.
 */
#include <stdio.h>
#include <string.h>

#include "db/store_util.h"
#include "mod/volunteers/shift_store.h"

#define SHIFT_COLS                                                                                 \
    "h.id, h.project_id, h.division, h.title, h.starts_at, h.ends_at, h.place,"                    \
    " coalesce(h.venue_id, 0), h.capacity, h.taken, h.skills, h.status, h.check_code,"             \
    " coalesce(h.created_by, 0), h.created_at, h.updated_at,"                                      \
    " (SELECT count(*) FROM volunteer_signups w WHERE w.shift_id = h.id"                           \
    "  AND w.status = 'waitlisted')"

static void fill_shift(arena *a, db_stmt *st, volunteer_shift *s)
{
    s->id = db_col_int(st, 0);
    s->project_id = db_col_int(st, 1);
    s->division = col_str(a, st, 2);
    s->title = col_str(a, st, 3);
    s->starts_at = db_col_int(st, 4);
    s->ends_at = db_col_int(st, 5);
    s->place = col_str(a, st, 6);
    s->venue_id = db_col_int(st, 7);
    s->capacity = (int)db_col_int(st, 8);
    s->taken = (int)db_col_int(st, 9);
    s->skills = col_str(a, st, 10);
    s->status = col_str(a, st, 11);
    s->check_code = col_str(a, st, 12);
    s->created_by = db_col_int(st, 13);
    s->created_at = db_col_int(st, 14);
    s->updated_at = db_col_int(st, 15);
    s->waiting = (int)db_col_int(st, 16);
}

int store_shift_venue_known(db *c, int64_t venue_id, int *known)
{
    int64_t v = 0;
    int rc =
        store_one_int(db_query(c, "SELECT count(*) FROM venues WHERE id = ?", "i", venue_id), &v);
    *known = v > 0;
    return rc;
}

int store_shift_create(db *c, const volunteer_shift *s, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_shifts(project_id, division, title, starts_at, ends_at,"
                 " place, venue_id, capacity, skills, check_code, created_by, created_at,"
                 " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ittiitIittIii", s->project_id, s->division, s->title, s->starts_at, s->ends_at,
                 s->place, s->venue_id, (int64_t)s->capacity, s->skills, s->check_code,
                 s->created_by, now, now),
        id);
}

int store_shift_get(db *c, arena *a, int64_t id, volunteer_shift *out)
{
    db_stmt *st =
        db_query(c, "SELECT " SHIFT_COLS " FROM volunteer_shifts h WHERE h.id = ?", "i", id);
    return STORE_ONE(a, st, fill_shift, out);
}

int store_shift_list(db *c, arena *a, int64_t project_id, int64_t from, volunteer_shift **out,
                     size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SHIFT_COLS " FROM volunteer_shifts h WHERE h.project_id = ?"
                           " AND h.ends_at > ? ORDER BY h.starts_at, h.id LIMIT 500",
                           "ii", project_id, from);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, volunteer_shift, fill_shift, out, n);
}

int store_shift_update(db *c, const volunteer_shift *s, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_shifts SET title = ?, starts_at = ?, ends_at = ?, place = ?,"
                    " venue_id = ?, skills = ?, capacity = ?, updated_at = ?"
                    " WHERE id = ? AND status = 'open' AND taken <= ?",
                    "tiitItiiii", s->title, s->starts_at, s->ends_at, s->place, s->venue_id,
                    s->skills, (int64_t)s->capacity, now, s->id, (int64_t)s->capacity);
    if (rc != WY_OK || db_changes(c) > 0)
        return rc;
    int64_t open = 0;
    rc = store_one_int(db_query(c,
                                "SELECT count(*) FROM volunteer_shifts WHERE id = ? AND"
                                " status = 'open'",
                                "i", s->id),
                       &open);
    return rc != WY_OK ? rc : open ? WY_CONSTRAINT : WY_NOTFOUND;
}

int store_shift_cancel(db *c, arena *a, int64_t id, int64_t now, int64_t **signups, int64_t **users,
                       size_t *n)
{
    *n = 0;
    int rc = db_run(c,
                    "UPDATE volunteer_shifts SET status = 'cancelled', taken = 0, updated_at = ?"
                    " WHERE id = ? AND status = 'open'",
                    "ii", now, id);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) == 0)
        return WY_NOTFOUND;
    db_stmt *st = db_query(c,
                           "UPDATE volunteer_signups SET status = 'cancelled', position = NULL,"
                           " updated_at = ? WHERE shift_id = ? AND status IN ('invited',"
                           " 'confirmed', 'waitlisted', 'checked_in') RETURNING id, user_id",
                           "ii", now, id);
    return store_two_ints(st, a, signups, users, n);
}

/* ---- sign-ups ---- */

#define SIGNUP_COLS                                                                                \
    "s.id, s.shift_id, s.volunteer_id, s.user_id, s.status, coalesce(s.position, 0),"              \
    " coalesce(s.invited_by, 0), s.created_at, s.updated_at, h.title, h.starts_at, h.ends_at,"     \
    " h.place, h.status, h.project_id, p.title, h.division, v.real_name, u.phone,"                 \
    " CASE WHEN s.status = 'waitlisted' THEN (SELECT count(*) FROM volunteer_signups w"            \
    "  WHERE w.shift_id = s.shift_id AND w.status = 'waitlisted' AND w.position < s.position)"     \
    " ELSE 0 END, coalesce(s.ended, ''), coalesce(s.settled_at, 0), coalesce(s.excused_at, 0),"    \
    " coalesce(s.excuse, '')"
#define SIGNUP_FROM                                                                                \
    " FROM volunteer_signups s JOIN volunteer_shifts h ON h.id = s.shift_id"                       \
    " JOIN volunteer_projects p ON p.id = h.project_id JOIN volunteers v ON v.id = s.volunteer_id" \
    " JOIN users u ON u.id = s.user_id"
#define LIVE "('invited', 'confirmed', 'waitlisted', 'checked_in')"

static void fill_signup(arena *a, db_stmt *st, shift_signup *s)
{
    s->id = db_col_int(st, 0);
    s->shift_id = db_col_int(st, 1);
    s->volunteer_id = db_col_int(st, 2);
    s->user_id = db_col_int(st, 3);
    s->status = col_str(a, st, 4);
    s->position = (int)db_col_int(st, 5);
    s->invited_by = db_col_int(st, 6);
    s->created_at = db_col_int(st, 7);
    s->updated_at = db_col_int(st, 8);
    s->shift_title = col_str(a, st, 9);
    s->starts_at = db_col_int(st, 10);
    s->ends_at = db_col_int(st, 11);
    s->place = col_str(a, st, 12);
    s->shift_status = col_str(a, st, 13);
    s->project_id = db_col_int(st, 14);
    s->project_title = col_str(a, st, 15);
    s->division = col_str(a, st, 16);
    s->real_name = col_str(a, st, 17);
    s->phone = col_str(a, st, 18);
    s->ahead = (int)db_col_int(st, 19);
    s->ended = col_str(a, st, 20);
    s->settled_at = db_col_int(st, 21);
    s->excused_at = db_col_int(st, 22);
    s->excuse = col_str(a, st, 23);
}

int store_signup_get(db *c, arena *a, int64_t id, shift_signup *out)
{
    db_stmt *st = db_query(c, "SELECT " SIGNUP_COLS SIGNUP_FROM " WHERE s.id = ?", "i", id);
    return STORE_ONE(a, st, fill_signup, out);
}

int store_signup_live(db *c, arena *a, int64_t shift_id, int64_t user_id, shift_signup *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " SIGNUP_COLS SIGNUP_FROM " WHERE s.shift_id = ?"
                           " AND s.user_id = ? AND s.status IN " LIVE,
                           "ii", shift_id, user_id);
    return STORE_ONE(a, st, fill_signup, out);
}

int store_signups_of_user(db *c, arena *a, int64_t user_id, int live, int limit, shift_signup **out,
                          size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SIGNUP_COLS SIGNUP_FROM " WHERE s.user_id = ?"
                           " AND (? = 0 OR s.status IN " LIVE ")"
                           " ORDER BY h.starts_at DESC, s.id DESC LIMIT ?",
                           "iii", user_id, (int64_t)live, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, shift_signup, fill_signup, out, n);
}

int store_shift_roster(db *c, arena *a, int64_t shift_id, shift_signup **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SIGNUP_COLS SIGNUP_FROM " WHERE s.shift_id = ?"
                           " AND (s.status IN " LIVE " OR s.status IN ('completed', 'no_show')"
                           "  OR s.ended = 'expired') ORDER BY CASE s.status"
                           " WHEN 'waitlisted' THEN 1 WHEN 'invited' THEN 2 WHEN 'completed' THEN 3"
                           " WHEN 'no_show' THEN 4 WHEN 'cancelled' THEN 5 ELSE 0 END,"
                           " s.position, s.id",
                           "i", shift_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, shift_signup, fill_signup, out, n);
}

int store_signup_overlap(db *c, int64_t user_id, int64_t shift_id, int64_t from, int64_t to,
                         int *overlap)
{
    int64_t v = 0;
    int rc = store_one_int(db_query(c,
                                    "SELECT count(*) FROM volunteer_signups s"
                                    " JOIN volunteer_shifts h ON h.id = s.shift_id"
                                    " WHERE s.user_id = ? AND s.shift_id <> ?"
                                    " AND s.status IN ('confirmed', 'waitlisted', 'checked_in')"
                                    " AND h.status = 'open' AND h.starts_at < ? AND h.ends_at > ?",
                                    "iiii", user_id, shift_id, to, from),
                           &v);
    *overlap = v > 0;
    return rc;
}

/* The guarded update: one place of an open shift when it fits. */
static int take_place(db *c, int64_t shift_id, int64_t n, int *taken)
{
    int rc = db_run(c,
                    "UPDATE volunteer_shifts SET taken = taken + ? WHERE id = ?"
                    " AND status = 'open' AND taken + ? <= capacity",
                    "iii", n, shift_id, n);
    *taken = rc == WY_OK && db_changes(c) > 0;
    return rc;
}

static int next_position(db *c, int64_t shift_id, int64_t *pos)
{
    return store_one_int(db_query(c,
                                  "SELECT coalesce(max(position), 0) + 1 FROM volunteer_signups"
                                  " WHERE shift_id = ?",
                                  "i", shift_id),
                         pos);
}

/* Lock the shift's row for the rest of the transaction (PostgreSQL takes a row lock with any
 * update; SQLite's write transaction holds the database already), so that waiting-list
 * positions are given one at a time; *open whether it still takes sign-ups. */
static int lock_shift(db *c, int64_t shift_id, int *open)
{
    db_stmt *st = db_query(c,
                           "UPDATE volunteer_shifts SET updated_at = updated_at WHERE id = ?"
                           " RETURNING status",
                           "i", shift_id);
    int s = st ? db_step(st) : WY_ERR;
    *open = s == 1 && !strcmp(db_col_text(st, 0), "open");
    db_done(st);
    return s < 0 ? s : WY_OK;
}

/* Lock the volunteer's row likewise: one person's sign-ups are decided one at a time, so two
 * overlapping shifts are never both taken. */
static int lock_volunteer(db *c, int64_t volunteer_id)
{
    return db_run(c, "UPDATE volunteers SET updated_at = updated_at WHERE id = ?", "i",
                  volunteer_id);
}

static int one_signup(db *c, const shift_signup_req *r, shift_signup_res *o)
{
    memset(o, 0, sizeof(*o));
    if (r->idem_key) { /* the same request again: answer what it got the first time */
        db_stmt *st = db_query(c,
                               "SELECT id, shift_id, status, coalesce(position, 0)"
                               " FROM volunteer_signups WHERE user_id = ? AND idem_key = ?",
                               "it", r->user_id, r->idem_key);
        int s = st ? db_step(st) : WY_ERR;
        if (s == 1 && db_col_int(st, 1) == r->shift_id) {
            o->id = db_col_int(st, 0);
            o->outcome =
                !strcmp(db_col_text(st, 2), "waitlisted") ? SHIFT_WAITLISTED : SHIFT_CONFIRMED;
            o->position = (int)db_col_int(st, 3);
            o->replay = 1;
        } else if (s == 1) {
            o->outcome = SHIFT_DUPLICATE; /* the key was used for another shift */
        }
        db_done(st);
        if (s != 0)
            return s == 1 ? WY_OK : s;
    }
    int open, overlap;
    int rc = lock_volunteer(c, r->volunteer_id);
    if (rc == WY_OK)
        rc = lock_shift(c, r->shift_id, &open);
    if (rc != WY_OK)
        return rc;
    if (!open) {
        o->outcome = SHIFT_CLOSED;
        return WY_OK;
    }
    /* decided here, in the writer's transaction: no other sign-up interleaves */
    rc = store_signup_overlap(c, r->user_id, r->shift_id, r->starts_at, r->ends_at, &overlap);
    if (rc != WY_OK)
        return rc;
    if (overlap) {
        o->outcome = SHIFT_OVERLAP;
        return WY_OK;
    }
    int taken;
    rc = take_place(c, r->shift_id, 1, &taken);
    int64_t pos = 0;
    if (rc == WY_OK && !taken)
        rc = next_position(c, r->shift_id, &pos);
    if (rc != WY_OK)
        return rc;
    /* a second live sign-up is refused by volunteer_signups_one: the batch rolls this request
     * back to its savepoint, the place included */
    rc = insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_signups(shift_id, volunteer_id, user_id, status, position,"
                 " idem_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "iiitItii", r->shift_id, r->volunteer_id, r->user_id,
                 taken ? "confirmed" : "waitlisted", pos, r->idem_key, r->now, r->now),
        &o->id);
    if (rc != WY_OK)
        return rc;
    o->outcome = taken ? SHIFT_CONFIRMED : SHIFT_WAITLISTED;
    o->position = (int)pos;
    return r->title ? store_shift_notify(c, taken ? &shift_kind_signed_up : &shift_kind_waitlisted,
                                         r->user_id, o->id, r->shift_id, r->title, r->starts_at,
                                         r->division, r->now)
                    : WY_OK;
}

int store_shift_signup_batch(db *c, const shift_signup_req *r, size_t n, shift_signup_res *out)
{
    int rc = db_begin_write(c);
    if (rc != WY_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        /* a savepoint each: one request's failure leaves the others of the batch standing */
        rc = db_savepoint(c);
        if (rc != WY_OK)
            break;
        out[i].rc = one_signup(c, &r[i], &out[i]);
        if (out[i].rc == WY_CONSTRAINT) { /* the unique index: a duplicate */
            out[i].rc = WY_OK;
            out[i].outcome = SHIFT_DUPLICATE;
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

int store_signup_lock_volunteer(db *c, int64_t signup_id)
{
    return db_run(c,
                  "UPDATE volunteers SET updated_at = updated_at WHERE id ="
                  " (SELECT volunteer_id FROM volunteer_signups WHERE id = ?)",
                  "i", signup_id);
}

int store_signup_take_or_wait(db *c, int64_t signup_id, int64_t shift_id, int64_t now, int *outcome,
                              int *position)
{
    int taken, open;
    int64_t pos = 0;
    int rc = lock_shift(c, shift_id, &open);
    if (rc == WY_OK)
        rc = take_place(c, shift_id, 1, &taken);
    if (rc == WY_OK && !taken)
        rc = next_position(c, shift_id, &pos);
    if (rc != WY_OK)
        return rc;
    rc = db_run(c,
                "UPDATE volunteer_signups SET status = ?, position = ?, updated_at = ?"
                " WHERE id = ? AND status = 'invited'",
                "tIii", taken ? "confirmed" : "waitlisted", pos, now, signup_id);
    if (rc == WY_OK && db_changes(c) == 0)
        rc = WY_NOTFOUND;
    *outcome = taken ? SHIFT_CONFIRMED : SHIFT_WAITLISTED;
    *position = (int)pos;
    return rc;
}

int store_signup_end(db *c, int64_t id, const char *from_statuses, const char *to, int64_t now,
                     int *held)
{
    db_stmt *st = db_query(c,
                           "SELECT shift_id, status FROM volunteer_signups WHERE id = ?"
                           " AND ? LIKE '%,' || status || ',%'",
                           "it", id, from_statuses);
    int s = st ? db_step(st) : WY_ERR;
    int64_t shift = 0;
    *held = 0;
    if (s == 1) {
        shift = db_col_int(st, 0);
        *held =
            !strcmp(db_col_text(st, 1), "confirmed") || !strcmp(db_col_text(st, 1), "checked_in");
    }
    db_done(st);
    if (s != 1)
        return s == 0 ? WY_NOTFOUND : s;
    int rc = db_run(c,
                    "UPDATE volunteer_signups SET status = ?, position = NULL, updated_at = ?"
                    " WHERE id = ?",
                    "tii", to, now, id);
    if (rc == WY_OK && *held)
        rc = db_run(c, "UPDATE volunteer_shifts SET taken = taken - 1 WHERE id = ? AND taken > 0",
                    "i", shift);
    return rc;
}

int store_signup_invite(db *c, int64_t shift_id, int64_t volunteer_id, int64_t user_id,
                        int64_t invited_by, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO volunteer_signups(shift_id, volunteer_id, user_id, status,"
                 " invited_by, created_at, updated_at) VALUES (?, ?, ?, 'invited', ?, ?, ?)"
                 " RETURNING id",
                 "iiiiii", shift_id, volunteer_id, user_id, invited_by, now, now),
        id);
}

/* ---- the waiting list, for seats_promote ---- */

static int waiting_next(db *c, int64_t pool, int64_t *claim, int64_t *need)
{
    *need = 1;
    *claim = 0;
    int rc = store_one_int(db_query(c,
                                    "SELECT id FROM volunteer_signups WHERE shift_id = ?"
                                    " AND status = 'waitlisted' ORDER BY position LIMIT 1",
                                    "i", pool),
                           claim);
    return rc == WY_NOTFOUND ? WY_OK : rc;
}

static int waiting_take(db *c, int64_t pool, int64_t n, int *taken)
{
    return take_place(c, pool, n, taken);
}

static int waiting_confirm(db *c, int64_t claim, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE volunteer_signups SET status = 'confirmed', position = NULL,"
                    " updated_at = ? WHERE id = ? AND status = 'waitlisted'",
                    "ii", now, claim);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

const seats_store_ops shift_waiting_ops = {waiting_next, waiting_take, waiting_confirm};

/* ---- finding volunteers ---- */

static void fill_vol(arena *a, db_stmt *st, volunteer *v)
{
    v->id = db_col_int(st, 0);
    v->user_id = db_col_int(st, 1);
    v->real_name = col_str(a, st, 2);
    v->phone = col_str(a, st, 3);
    v->birth_date = col_str(a, st, 4);
    v->skills = col_str(a, st, 5);
    v->availability = col_str(a, st, 6);
    v->areas = col_str(a, st, 7);
    v->division = col_str(a, st, 8);
    v->guardian_name = db_col_null(st, 9) ? NULL : col_str(a, st, 9);
    v->guardian_phone = db_col_null(st, 10) ? NULL : col_str(a, st, 10);
    v->guardian_consent = db_col_null(st, 11) ? NULL : col_str(a, st, 11);
    v->created_at = db_col_int(st, 12);
}

int store_shift_available(db *c, arena *a, const char *prefix, const char *const *ancestors,
                          size_t nancestors, const char *skill, int64_t from, int64_t to,
                          int64_t after, int limit, volunteer **out, size_t *n)
{
    const char *anc[5] = {"", "", "", "", ""};
    for (size_t i = 0; i < nancestors && i < 5; i++)
        anc[i] = ancestors[i];
    db_stmt *st = db_query(
        c,
        "SELECT v.id, v.user_id, v.real_name, u.phone, v.birth_date, v.skills, v.availability,"
        " v.areas, v.division, v.guardian_name, v.guardian_phone, v.guardian_consent, v.created_at"
        " FROM volunteers v JOIN users u ON u.id = v.user_id"
        " WHERE v.id > ? AND (CAST(? AS TEXT) IS NULL OR v.skills LIKE '%,' || ? || ',%')"
        " AND (v.areas LIKE '%,' || ? || '%'"
        "      OR (? <> '' AND v.areas LIKE '%,' || ? || ',%')"
        "      OR (? <> '' AND v.areas LIKE '%,' || ? || ',%')"
        "      OR (? <> '' AND v.areas LIKE '%,' || ? || ',%')"
        "      OR (? <> '' AND v.areas LIKE '%,' || ? || ',%')"
        "      OR (? <> '' AND v.areas LIKE '%,' || ? || ',%'))"
        " AND NOT EXISTS (SELECT 1 FROM volunteer_signups s"
        "  JOIN volunteer_shifts h ON h.id = s.shift_id WHERE s.volunteer_id = v.id"
        "  AND s.status IN " LIVE " AND h.status = 'open' AND h.starts_at < ? AND h.ends_at > ?)"
        " ORDER BY v.id LIMIT ?",
        "itttttttttttttiii", after, skill, skill, prefix, anc[0], anc[0], anc[1], anc[1], anc[2],
        anc[2], anc[3], anc[3], anc[4], anc[4], to, from, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, volunteer, fill_vol, out, n);
}

/* ---- notifications ---- */

const notify_kind shift_kind_signed_up = {"volunteer.shift_signed_up", 0};
const notify_kind shift_kind_waitlisted = {"volunteer.shift_waitlisted", 0};
const notify_kind shift_kind_promoted = {"volunteer.shift_promoted", 0};
const notify_kind shift_kind_cancelled = {"volunteer.shift_cancelled", 0};
const notify_kind shift_kind_invited = {"volunteer.shift_invited", 0};
const notify_kind shift_kind_completed = {"volunteer.shift_completed", 0};
const notify_kind shift_kind_no_show = {"volunteer.shift_no_show", 0};
const notify_kind shift_kind_expired = {"volunteer.shift_expired", 0};

int store_shift_notify(db *c, const notify_kind *kind, int64_t user_id, int64_t signup_id,
                       int64_t shift_id, const char *title, int64_t at, const char *division,
                       int64_t now)
{
    return store_shift_notify_minutes(c, kind, user_id, signup_id, shift_id, title, at, division,
                                      -1, now);
}

int store_shift_notify_minutes(db *c, const notify_kind *kind, int64_t user_id, int64_t signup_id,
                               int64_t shift_id, const char *title, int64_t at,
                               const char *division, int64_t minutes, int64_t now)
{
    char params[128];
    if (minutes >= 0)
        snprintf(params, sizeof(params), "{\"shift_id\":%lld,\"signup_id\":%lld,\"minutes\":%lld}",
                 (long long)shift_id, (long long)signup_id, (long long)minutes);
    else
        snprintf(params, sizeof(params), "{\"shift_id\":%lld,\"signup_id\":%lld}",
                 (long long)shift_id, (long long)signup_id);
    notify_msg m = {.kind = kind,
                    .user_id = user_id,
                    .subject_type = "volunteer_signup",
                    .subject_id = signup_id,
                    .title = title,
                    .href = "/me/volunteering",
                    .at = at,
                    .division = division,
                    .params = params};
    return store_notify(c, &m, now, NULL);
}
