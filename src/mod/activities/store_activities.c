/*
 * store_activities: activities (their rows) and the activity search: one statement shape in
 * four variants, ordered by relevance with a keyset cursor, on each backend's own text index.
 */
#include <string.h>

#include "mod/activities/activity_store.h"
#include "db/store_util.h"
#include "util/strbuf.h"

#define ACT_COLS                                                                                   \
    "id, title, category, organiser, coalesce(venue_id, 0), division, address, lon, lat,"          \
    " description, audience, live_url, replay_url, waitlist, max_companions, status,"              \
    " created_by, created_at, updated_at"

static void fill_activity(arena *a, db_stmt *st, activity *x)
{
    x->id = db_col_int(st, 0);
    x->title = col_str(a, st, 1);
    x->category = col_str(a, st, 2);
    x->organiser = col_str(a, st, 3);
    x->venue_id = db_col_int(st, 4);
    x->division = col_str(a, st, 5);
    x->address = col_str(a, st, 6);
    x->lon = col_real(st, 7);
    x->lat = col_real(st, 8);
    x->description = col_str(a, st, 9);
    x->audience = col_str(a, st, 10);
    x->live_url = col_str(a, st, 11);
    x->replay_url = col_str(a, st, 12);
    x->waitlist = (int)db_col_int(st, 13);
    x->max_companions = (int)db_col_int(st, 14);
    x->status = col_str(a, st, 15);
    x->created_by = db_col_int(st, 16);
    x->created_at = db_col_int(st, 17);
    x->updated_at = db_col_int(st, 18);
}

int store_activity_create(db *c, const activity *x, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(
            c,
            "INSERT INTO activities(title, category, organiser, venue_id, division, address,"
            " lon, lat, description, audience, live_url, replay_url, waitlist,"
            " max_companions, status, created_by, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
            "tttIttDDttttiiiii", x->title, x->category, x->organiser, x->venue_id, x->division,
            x->address, x->lon, x->lat, x->description ? x->description : "", x->audience,
            x->live_url, x->replay_url, (int64_t)x->waitlist, (int64_t)x->max_companions,
            x->created_by, now, now),
        id);
}

int store_activity_get(db *c, arena *ar, int64_t id, activity *out)
{
    db_stmt *st = db_query(c, "SELECT " ACT_COLS " FROM activities WHERE id = ?", "i", id);
    return STORE_ONE(ar, st, fill_activity, out);
}

int store_activity_update(db *c, const activity *x, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE activities SET title = ?, category = ?, organiser = ?, venue_id = ?,"
                    " division = ?, address = ?, lon = ?, lat = ?, description = ?, audience = ?,"
                    " live_url = ?, replay_url = ?, waitlist = ?, max_companions = ?,"
                    " updated_at = ? WHERE id = ?",
                    "tttIttDDttttiiii", x->title, x->category, x->organiser, x->venue_id,
                    x->division, x->address, x->lon, x->lat, x->description ? x->description : "",
                    x->audience, x->live_url, x->replay_url, (int64_t)x->waitlist,
                    (int64_t)x->max_companions, now, x->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_activity_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c, "UPDATE activities SET status = ?, updated_at = ? WHERE id = ?", "tii",
                    status, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_published_division_span(db *c, arena *a, const char **lo, const char **hi)
{
    *lo = *hi = NULL;
    db_stmt *st = db_query(c,
                           "SELECT min(division), max(division) FROM activities"
                           " WHERE status = 'published'",
                           "");
    int s = st ? db_step(st) : WY_ERR;
    if (s == 1 && !db_col_null(st, 0)) {
        *lo = arena_strdup(a, db_col_text(st, 0));
        *hi = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    if (arena_failed(a))
        return WY_NOMEM;
    return s == 1 ? WY_OK : s == 0 ? WY_NOTFOUND : s;
}

/* ---- listing and search ----
 *
 * One statement shape, four variants (a statement is cached by the address of its text, so
 * each variant is a literal): no text (id order), and three text searches ordered by
 * relevance: the title matching first, then the soonest scheduled session, then the id. The
 * keyset cursor is that triple, so pages neither repeat nor skip rows whatever is inserted
 * meanwhile. Free text needs a backend's own index: SQLite's FTS5 trigram table for three
 * characters or more, a scan (instr) below that; PostgreSQL's pg_trgm indexes through ILIKE
 * (for fewer than three characters the index cannot help and PostgreSQL scans). */

#define ACT_COLS_A                                                                                 \
    "a.id, a.title, a.category, a.organiser, coalesce(a.venue_id, 0) AS venue_id, a.division,"     \
    " a.address, coalesce(a.lon, v.lon) AS lon, coalesce(a.lat, v.lat) AS lat, a.description,"     \
    " a.audience, a.live_url, a.replay_url, a.waitlist, a.max_companions, a.status,"               \
    " a.created_by, a.created_at, a.updated_at"

/* the soonest scheduled session from ? (and before ? unless 0); far future when none */
#define NEXT_START                                                                                 \
    "coalesce((SELECT min(s.starts_at) FROM activity_sessions s WHERE s.activity_id = a.id"        \
    " AND s.status = 'scheduled' AND s.starts_at >= ?"                                             \
    " AND (CAST(? AS BIGINT) = 0 OR s.starts_at < ?)), 9000000000000000000) AS ns"

#define FILTERS                                                                                    \
    " FROM activities a LEFT JOIN venues v ON v.id = a.venue_id"                                   \
    " WHERE (CAST(? AS TEXT) IS NULL OR a.status = ?)"                                             \
    " AND (? = '' OR (a.division >= ? AND a.division < ?))"                                        \
    " AND (CAST(? AS TEXT) IS NULL OR a.category = ?)"                                             \
    " AND (CAST(? AS BIGINT) = 0 OR a.venue_id = ?)"                                               \
    " AND (? = 0 OR (coalesce(a.lon, v.lon) BETWEEN ? AND ?"                                       \
    "                AND coalesce(a.lat, v.lat) BETWEEN ? AND ?))"                                 \
    " AND (? = 0 OR EXISTS (SELECT 1 FROM activity_sessions s WHERE s.activity_id = a.id"          \
    "      AND s.status = 'scheduled' AND s.starts_at >= ?"                                        \
    "      AND (CAST(? AS BIGINT) = 0 OR s.starts_at < ?)"                                         \
    "      AND (? = 0 OR s.confirmed_seats < s.capacity)))"

#define OUTER_COLS                                                                                 \
    "SELECT id, title, category, organiser, venue_id, division, address, lon, lat, description,"   \
    " audience, live_url, replay_url, waitlist, max_companions, status, created_by, created_at,"   \
    " updated_at, rk, ns FROM (SELECT " ACT_COLS_A ", "

#define BY_ID   ") t WHERE id > ? ORDER BY id LIMIT ?"
#define BY_RANK ") t WHERE (rk, ns, id) > (?, ?, ?) ORDER BY rk, ns, id LIMIT ?"

/* the searchable text of an activity: the expression of PostgreSQL's trigram index */
#define DOC_PG                                                                                     \
    "(title || ' ' || coalesce(organiser, '') || ' ' || description || ' ' || coalesce(address,"   \
    " ''))"
#define DOC_SQLITE                                                                                 \
    "(a.title || ' ' || coalesce(a.organiser, '') || ' ' || a.description || ' ' ||"               \
    " coalesce(a.address, '') || ' ' || coalesce(v.name || ' ' || coalesce(v.address, ''), ''))"

#define SQL_PLAIN OUTER_COLS "0 AS rk, " NEXT_START FILTERS BY_ID
#define SQL_SOON  OUTER_COLS "0 AS rk, " NEXT_START FILTERS BY_RANK
#define SQL_SQLITE_SHORT                                                                           \
    OUTER_COLS                                                                                     \
    "CASE WHEN instr(lower(a.title), lower(?)) > 0 THEN 0 ELSE 1 END AS rk, " NEXT_START FILTERS   \
    " AND instr(lower(" DOC_SQLITE "), lower(?)) > 0" BY_RANK
#define SQL_SQLITE_FTS                                                                             \
    OUTER_COLS                                                                                     \
    "CASE WHEN instr(lower(a.title), lower(?)) > 0 THEN 0 ELSE 1 END AS rk, " NEXT_START FILTERS   \
    " AND a.id IN (SELECT rowid FROM activities_fts WHERE activities_fts MATCH ?)" BY_RANK
#define SQL_PG_TRGM                                                                                \
    OUTER_COLS "CASE WHEN a.title ILIKE ? THEN 0 ELSE 1 END AS rk, " NEXT_START FILTERS            \
               " AND a.id IN (SELECT id FROM activities WHERE " DOC_PG " ILIKE ?"                  \
               " UNION SELECT x.id FROM activities x JOIN venues w ON w.id = x.venue_id"           \
               " WHERE (w.name || ' ' || coalesce(w.address, '')) ILIKE ?)" BY_RANK

static const char *const sql_plain = SQL_PLAIN;
static const char *const sql_soon = SQL_SOON;
static const char *const sql_sqlite_short = SQL_SQLITE_SHORT;
static const char *const sql_sqlite_fts = SQL_SQLITE_FTS;
static const char *const sql_pg_trgm = SQL_PG_TRGM;
/* the same, explained (store_activity_search_plan) */
static const char *const plan_plain = "EXPLAIN QUERY PLAN " SQL_PLAIN;
static const char *const plan_soon = "EXPLAIN QUERY PLAN " SQL_SOON;
static const char *const plan_sqlite_short = "EXPLAIN QUERY PLAN " SQL_SQLITE_SHORT;
static const char *const plan_sqlite_fts = "EXPLAIN QUERY PLAN " SQL_SQLITE_FTS;
static const char *const plan_pg_trgm = "EXPLAIN " SQL_PG_TRGM;

/* q as one FTS5 phrase: "q" with its double quotes doubled */
static const char *fts_phrase(arena *ar, const char *q)
{
    size_t n = strlen(q);
    char *p = arena_alloc(ar, 2 * n + 3), *w = p;
    if (!p)
        return NULL;
    *w++ = '"';
    for (const char *c = q; *c; c++) {
        if (*c == '"')
            *w++ = '"';
        *w++ = *c;
    }
    *w++ = '"';
    *w = '\0';
    return p;
}

/* Characters (not bytes) of a UTF-8 string: a trigram is three characters. */
static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static void fill_hit(arena *a, db_stmt *st, activity_hit *h)
{
    fill_activity(a, st, &h->a);
    h->title_rank = (int)db_col_int(st, 19);
    h->next_start = db_col_int(st, 20);
}

/* The variant for q; the plan's twin in *plan. */
static const char *search_sql(db *c, const char *q, int by_soonest, const char **plan)
{
    if (!q && by_soonest) {
        *plan = db_get_dialect(c) == DB_POSTGRES ? "EXPLAIN " SQL_SOON : plan_soon;
        return sql_soon;
    }
    if (!q) {
        *plan = plan_plain;
        return sql_plain;
    }
    if (db_get_dialect(c) == DB_POSTGRES) {
        *plan = plan_pg_trgm;
        return sql_pg_trgm;
    }
    if (chars_of(q) >= 3) {
        *plan = plan_sqlite_fts;
        return sql_sqlite_fts;
    }
    *plan = plan_sqlite_short;
    return sql_sqlite_short;
}

/* Prepare and bind the search of f (explained with explain). */
static db_stmt *search_stmt(db *c, arena *ar, const activity_filter *f, int explain)
{
    const char *q = f->q && *f->q ? f->q : NULL;
    const char *plan, *sql = search_sql(c, q, f->by_soonest, &plan);
    const char *pattern = NULL, *match = NULL;
    /* PostgreSQL's LIKE escapes with a backslash by default: the statement needs no ESCAPE */
    if (sql == sql_pg_trgm && !(pattern = like_contains(ar, q)))
        return NULL;
    if (sql == sql_sqlite_fts && !(match = fts_phrase(ar, q)))
        return NULL;
    db_stmt *st = db_prepare(c, explain ? plan : sql);
    if (!st)
        return NULL;
    int i = 1;
    int64_t any_session = f->from || f->to || f->has_free_seats;
    const char *prefix = f->prefix ? f->prefix : "";
    /* the title rank */
    if (sql == sql_pg_trgm)
        db_bind_text(st, i++, pattern);
    else if (q)
        db_bind_text(st, i++, q);
    /* the soonest session */
    db_bind_int(st, i++, f->soon_from);
    db_bind_int(st, i++, f->to);
    db_bind_int(st, i++, f->to);
    /* the filters */
    db_bind_text(st, i++, f->status);
    db_bind_text(st, i++, f->status);
    db_bind_text(st, i++, prefix);
    db_bind_text(st, i++, prefix);
    db_bind_text(st, i++, prefix_end(ar, f->prefix));
    db_bind_text(st, i++, f->category);
    db_bind_text(st, i++, f->category);
    db_bind_int(st, i++, f->venue_id);
    db_bind_int(st, i++, f->venue_id);
    db_bind_int(st, i++, f->has_bbox);
    db_bind_double(st, i++, f->min_lon);
    db_bind_double(st, i++, f->max_lon);
    db_bind_double(st, i++, f->min_lat);
    db_bind_double(st, i++, f->max_lat);
    db_bind_int(st, i++, any_session);
    db_bind_int(st, i++, f->from);
    db_bind_int(st, i++, f->to);
    db_bind_int(st, i++, f->to);
    db_bind_int(st, i++, f->has_free_seats);
    /* the text */
    if (sql == sql_pg_trgm) {
        db_bind_text(st, i++, pattern);
        db_bind_text(st, i++, pattern);
    } else if (sql == sql_sqlite_fts) {
        db_bind_text(st, i++, match);
    } else if (q) {
        db_bind_text(st, i++, q);
    }
    /* the cursor */
    if (q || sql == sql_soon) {
        db_bind_int(st, i++, f->after_rank);
        db_bind_int(st, i++, f->after_next);
    }
    db_bind_int(st, i++, f->after);
    db_bind_int(st, i++, f->limit > 0 ? f->limit : 50);
    return st;
}

int store_activity_list(db *c, arena *ar, const activity_filter *f, activity_hit **out, size_t *n)
{
    db_stmt *st = search_stmt(c, ar, f, 0);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, activity_hit, fill_hit, out, n);
}

int store_activity_search_plan(db *c, arena *ar, const activity_filter *f, const char **plan)
{
    db_stmt *st = search_stmt(c, ar, f, 1);
    if (!st)
        return WY_ERR;
    strbuf sb = STRBUF_INIT_MAX(1 << 16);
    int s;
    /* SQLite: id, parent, notused, detail; PostgreSQL: one column of text */
    int col = db_get_dialect(c) == DB_POSTGRES ? 0 : 3;
    while ((s = db_step(st)) == 1)
        sb_addf(&sb, "%s\n", db_col_text(st, col));
    db_done(st);
    *plan = arena_strdup(ar, sb.buf ? sb.buf : "");
    sb_release(&sb);
    return s < 0 ? s : WY_OK;
}
