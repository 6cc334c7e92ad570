/* store_indicators: the aggregates behind the activities' indicators (activity_store.h,
 * act_tally): one statement each, over the sessions of a division subtree; attendance is read
 * from the sessions' counts of checked-in seats (migration 0021), not from the bookings. */
#include "mod/activities/activity_store.h"
#include "db/store_util.h"

/* The held sessions of a subtree in [from, to): parameters from, to, prefix x3. */
#define HELD                                                                                       \
    " FROM activity_sessions s JOIN activities a ON a.id = s.activity_id"                          \
    " WHERE a.status = 'published' AND s.status = 'scheduled'"                                     \
    " AND s.starts_at >= ? AND s.starts_at < ?"                                                    \
    " AND (? = '' OR (a.division >= ? AND a.division < ?))"                                        \
    " AND a.category <> 'timed_entry'"
/* The sessions of a subtree starting in [from, to) whatever their activity's state, for the
 * seats checked in there (a check-in means it happened): parameters from, to, prefix x3. */
#define SERVED                                                                                     \
    " FROM activity_sessions s JOIN activities a ON a.id = s.activity_id"                          \
    " WHERE s.starts_at >= ? AND s.starts_at < ?"                                                  \
    " AND (? = '' OR (a.division >= ? AND a.division < ?))"
#define CATS                                                                                       \
    " AND (CAST(? AS TEXT) IS NULL OR ('|' || CAST(? AS TEXT) || '|') LIKE ('%|' || a.category "   \
    "|| '|%'))"
static int one_row(db_stmt *st, double *value, double *total)
{
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1) {
        *value = db_col_null(st, 0) ? 0 : db_col_double(st, 0);
        if (total)
            *total = db_col_null(st, 1) ? 0 : db_col_double(st, 1);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc < 0 ? rc : WY_ERR;
}

int store_act_tally(db *c, arena *a, const act_tally *t, double *value, double *total)
{
    const char *p = t->prefix ? t->prefix : "", *pe = prefix_end(a, t->prefix);
    switch (t->kind) {
    case ACT_TALLY_SESSIONS:
        return one_row(db_query(c, "SELECT count(*)" HELD, "iittt", t->from, t->to, p, p, pe),
                       value, NULL);
    case ACT_TALLY_ACTIVITIES:
        return one_row(db_query(c, "SELECT count(DISTINCT a.id)" HELD CATS, "iittttt", t->from,
                                t->to, p, p, pe, t->categories, t->categories),
                       value, NULL);
    case ACT_TALLY_SERVED:
        return one_row(
            db_query(c, "SELECT sum(s.checked_in_seats)" SERVED, "iittt", t->from, t->to, p, p, pe),
            value, NULL);
    case ACT_TALLY_OCCUPANCY:
        return one_row(db_query(c,
                                "SELECT sum(s.checked_in_seats), sum(s.capacity)" HELD
                                " AND s.ends_at <= ?",
                                "iittti", t->from, t->to, p, p, pe, t->ended_by),
                       value, total);
    }
    return WY_ERR;
}

static void fill_row(arena *a, db_stmt *st, tally_row *r)
{
    r->id = db_col_int(st, 0);
    r->title = col_str(a, st, 1);
    r->at = db_col_int(st, 2);
    r->value = db_col_double(st, 3);
}

int store_act_tally_rows(db *c, arena *a, const act_tally *t, int64_t after, int limit,
                         tally_row **out, size_t *n)
{
    const char *p = t->prefix ? t->prefix : "", *pe = prefix_end(a, t->prefix);
    int64_t lim = limit > 0 ? limit : 50;
    db_stmt *st = NULL;
    switch (t->kind) {
    case ACT_TALLY_SESSIONS:
        st = db_query(
            c, "SELECT s.id, a.title, s.starts_at, 1.0" HELD " AND s.id > ? ORDER BY s.id LIMIT ?",
            "iitttii", t->from, t->to, p, p, pe, after, lim);
        break;
    case ACT_TALLY_ACTIVITIES:
        st = db_query(c,
                      "SELECT a.id, a.title, min(s.starts_at), 1.0" HELD CATS
                      " AND a.id > ? GROUP BY a.id, a.title ORDER BY a.id LIMIT ?",
                      "iitttttii", t->from, t->to, p, p, pe, t->categories, t->categories, after,
                      lim);
        break;
    case ACT_TALLY_SERVED:
        st = db_query(c,
                      "SELECT b.id, a.title, b.checked_in_at, CAST(b.seats AS REAL)"
                      " FROM bookings b JOIN activity_sessions s ON s.id = b.session_id"
                      " JOIN activities a ON a.id = s.activity_id"
                      " WHERE b.status = 'checked_in' AND s.starts_at >= ? AND s.starts_at < ?"
                      " AND (? = '' OR (a.division >= ? AND a.division < ?))"
                      " AND b.id > ? ORDER BY b.id LIMIT ?",
                      "iitttii", t->from, t->to, p, p, pe, after, lim);
        break;
    case ACT_TALLY_OCCUPANCY:
        st = db_query(c,
                      "SELECT s.id, a.title, s.starts_at, CAST(s.checked_in_seats AS REAL)" HELD
                      " AND s.ends_at <= ? AND s.id > ? ORDER BY s.id LIMIT ?",
                      "iitttiii", t->from, t->to, p, p, pe, t->ended_by, after, lim);
        break;
    }
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, tally_row, fill_row, out, n);
}
