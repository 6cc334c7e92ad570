/* store_activities: exchange activities, their partners and stops, the public query and the
 * activity indicators' counts (activity_store.h). */
#include "mod/exchange/activity_store.h"
#include "db/store_util.h"

#define ACTIVITY_COLS                                                                              \
    "x.id, x.division, x.title, x.title_en, x.summary, x.summary_en, x.kind, x.scope,"             \
    " coalesce(x.channel_id, 0), coalesce(ch.name, ''), x.starts_on, x.ends_on, x.ends_at,"        \
    " coalesce(x.participants, -1), coalesce(x.audience, -1), coalesce(x.media_reports, -1),"      \
    " coalesce(x.online_reach, -1), coalesce(x.new_followers, -1), coalesce(x.figures_at, 0),"     \
    " x.status, coalesce(x.author, 0), x.created_at, x.updated_at, coalesce(x.published_at, 0)"
#define ACTIVITY_FROM                                                                              \
    " FROM exchange_activities x LEFT JOIN exchange_channels ch ON ch.id = x.channel_id"

static void fill_activity(arena *a, db_stmt *st, exchange_activity *x)
{
    x->id = db_col_int(st, 0);
    x->division = col_str(a, st, 1);
    x->title = col_str(a, st, 2);
    x->title_en = col_str(a, st, 3);
    x->summary = col_str(a, st, 4);
    x->summary_en = col_str(a, st, 5);
    x->kind = col_str(a, st, 6);
    x->scope = col_str(a, st, 7);
    x->channel_id = db_col_int(st, 8);
    x->channel_name = col_str(a, st, 9);
    x->starts_on = col_str(a, st, 10);
    x->ends_on = col_str(a, st, 11);
    x->ends_at = db_col_int(st, 12);
    x->participants = db_col_int(st, 13);
    x->audience = db_col_int(st, 14);
    x->media_reports = db_col_int(st, 15);
    x->online_reach = db_col_int(st, 16);
    x->new_followers = db_col_int(st, 17);
    x->figures_at = db_col_int(st, 18);
    x->status = col_str(a, st, 19);
    x->author = db_col_int(st, 20);
    x->created_at = db_col_int(st, 21);
    x->updated_at = db_col_int(st, 22);
    x->published_at = db_col_int(st, 23);
}

int store_exchange_activity_create(db *c, const exchange_activity *x, int64_t now, int64_t *id)
{
    int64_t fig_at = x->participants >= 0 ? now : 0;
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_activities(division, title, title_en, summary, summary_en,"
                 " kind, scope, channel_id, starts_on, ends_on, ends_at, participants, audience,"
                 " media_reports, online_reach, new_followers, figures_at, status, author,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, -1),"
                 " NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, -1), NULLIF(?, -1), ?, 'draft', ?, ?,"
                 " ?) RETURNING id",
                 "tttttttIttiiiiiiIIii", x->division, x->title, x->title_en, x->summary,
                 x->summary_en, x->kind, x->scope, x->channel_id, x->starts_on, x->ends_on,
                 x->ends_at, x->participants, x->audience, x->media_reports, x->online_reach,
                 x->new_followers, fig_at, x->author, now, now),
        id);
}

int store_exchange_activity_add_partner(db *c, int64_t activity, int64_t partner)
{
    return db_run(c,
                  "INSERT INTO exchange_activity_partners(activity_id, partner_id) VALUES (?, ?)",
                  "ii", activity, partner);
}

int store_exchange_activity_add_stop(db *c, int64_t activity, const exchange_stop *s)
{
    return db_run(c,
                  "INSERT INTO exchange_stops(activity_id, seq, place, city, country, starts_on,"
                  " ends_on, shows, audience, lat, lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "iitttttiiDD", activity, (int64_t)s->seq, s->place, s->city, s->country,
                  s->starts_on, s->ends_on, s->shows, s->audience, s->located ? s->lat : NAN,
                  s->located ? s->lon : NAN);
}

int store_exchange_activity_get(db *c, arena *a, int64_t id, exchange_activity *out)
{
    db_stmt *st = db_query(c, "SELECT " ACTIVITY_COLS ACTIVITY_FROM " WHERE x.id = ?", "i", id);
    return STORE_ONE(a, st, fill_activity, out);
}

int store_exchange_activity_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE exchange_activities SET status = ?, updated_at = ?,"
                    " published_at = CASE WHEN ? = 'published' THEN ? ELSE published_at END"
                    " WHERE id = ?",
                    "titii", status, now, status, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_exchange_activity_set_figures(db *c, int64_t id, int64_t participants, int64_t audience,
                                        int64_t media_reports, int64_t online_reach,
                                        int64_t new_followers, int64_t now)
{
    int rc = db_run(
        c,
        "UPDATE exchange_activities SET"
        " figures_at = CASE WHEN figures_at IS NULL AND ? >= 0 THEN ? ELSE figures_at END,"
        " participants = coalesce(NULLIF(?, -1), participants),"
        " audience = coalesce(NULLIF(?, -1), audience),"
        " media_reports = coalesce(NULLIF(?, -1), media_reports),"
        " online_reach = coalesce(NULLIF(?, -1), online_reach),"
        " new_followers = coalesce(NULLIF(?, -1), new_followers), updated_at = ? WHERE id = ?",
        "iiiiiiiii", participants, now, participants, audience, media_reports, online_reach,
        new_followers, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

/* The public query's text: the activities' trigram index (sql/0047), as the activities' search
 * of the bookings does (src/mod/activities/store_activities.c): SQLite's FTS5 trigram table for
 * three characters or more, a LIKE scan below that; PostgreSQL's pg_trgm index through ILIKE
 * on the indexed expression (for fewer than three characters PostgreSQL scans). */
#define SEARCH_FILTERS                                                                             \
    " WHERE x.status = 'published' AND x.division >= ? AND x.division < ?"                         \
    " AND (? = 0 OR x.id IN (SELECT activity_id FROM exchange_activity_partners"                   \
    " WHERE partner_id = ?))"                                                                      \
    " AND (CAST(? AS TEXT) IS NULL OR x.kind = ?)"                                                 \
    " AND (? = 0 OR x.id < ?)"
#define SEARCH_ORDER " ORDER BY x.id DESC LIMIT ?"

static const char *const search_plain = "SELECT " ACTIVITY_COLS ACTIVITY_FROM SEARCH_FILTERS
                                        " AND CAST(? AS TEXT) IS NULL" SEARCH_ORDER;
static const char *const search_sqlite_fts =
    "SELECT " ACTIVITY_COLS ACTIVITY_FROM SEARCH_FILTERS
    " AND x.id IN (SELECT rowid FROM exchange_activities_fts"
    " WHERE exchange_activities_fts MATCH ?)" SEARCH_ORDER;
/* a short query binds its pattern once per column */
static const char *const search_sqlite_short =
    "SELECT " ACTIVITY_COLS ACTIVITY_FROM SEARCH_FILTERS
    " AND (x.title || char(10) || x.title_en || char(10) || x.summary || char(10) ||"
    " x.summary_en) LIKE ?" LIKE_ESCAPE SEARCH_ORDER;
static const char *const search_pg_trgm = "SELECT " ACTIVITY_COLS ACTIVITY_FROM SEARCH_FILTERS
                                          " AND (x.title || ' ' || x.title_en || ' ' || x.summary "
                                          "|| ' ' || x.summary_en) ILIKE ?" SEARCH_ORDER;

/* Characters (not bytes) of a UTF-8 string: a trigram is three characters. */
static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

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

int store_exchange_activity_search(db *c, arena *a, const char *prefix, const char *q,
                                   int64_t partner, const char *kind, int64_t before, int limit,
                                   exchange_activity **out, size_t *n)
{
    const char *sql = search_plain, *text = NULL;
    if (q && *q) {
        if (db_get_dialect(c) == DB_POSTGRES) {
            sql = search_pg_trgm;
            text = like_contains(a, q);
        } else if (chars_of(q) >= 3) {
            sql = search_sqlite_fts;
            text = fts_phrase(a, q);
        } else {
            sql = search_sqlite_short;
            text = like_contains(a, q);
        }
        if (!text)
            return WY_NOMEM;
    }
    db_stmt *st = db_query(c, sql, "ttiittiiti", prefix ? prefix : "", prefix_end(a, prefix),
                           partner, partner, kind, kind, before, before, text, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_activity, fill_activity, out, n);
}

/* "IN (the list)" for either backend */
/* "IN the list of ids" of each backend. The statements are literals, one per backend: the
 * connection caches a prepared statement by the address of its text, so a text built in a
 * request's arena could meet another statement's cached at the same address later. */
#define IN_PG              "= ANY (CAST(? AS bigint[]))"
#define IN_SQLITE          "IN (SELECT value FROM json_each(?))"
#define BY_DIALECT(c, sql) (db_get_dialect(c) == DB_POSTGRES ? sql(IN_PG) : sql(IN_SQLITE))

static void fill_activity_partner(arena *a, db_stmt *st, exchange_activity_partner *p)
{
    p->activity_id = db_col_int(st, 0);
    p->partner_id = db_col_int(st, 1);
    p->name = col_str(a, st, 2);
    p->name_en = col_str(a, st, 3);
    p->country = col_str(a, st, 4);
}

int store_exchange_activity_partners(db *c, arena *a, const int64_t *ids, size_t n,
                                     exchange_activity_partner **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (n == 0)
        return WY_OK;
    const char *list = id_list_param(a, c, ids, n);
#define PARTNERS_SQL(in)                                                                           \
    "SELECT ap.activity_id, p.id, p.name, p.name_en, p.country"                                    \
    " FROM exchange_activity_partners ap JOIN exchange_partners p ON p.id = ap.partner_id"         \
    " WHERE ap.activity_id " in " ORDER BY ap.activity_id, p.id"
    const char *sql = BY_DIALECT(c, PARTNERS_SQL);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_query(c, sql, "t", list);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_activity_partner, fill_activity_partner, out, nout);
}

typedef struct stop_row {
    int64_t activity;
    exchange_stop s;
} stop_row;

static void fill_stop(arena *a, db_stmt *st, stop_row *r)
{
    r->activity = db_col_int(st, 0);
    r->s.id = db_col_int(st, 1);
    r->s.seq = (int)db_col_int(st, 2);
    r->s.place = col_str(a, st, 3);
    r->s.city = col_str(a, st, 4);
    r->s.country = col_str(a, st, 5);
    r->s.starts_on = col_str(a, st, 6);
    r->s.ends_on = col_str(a, st, 7);
    r->s.shows = db_col_int(st, 8);
    r->s.audience = db_col_int(st, 9);
    r->s.lat = col_real(st, 10);
    r->s.lon = col_real(st, 11);
    r->s.located = !isnan(r->s.lat) && !isnan(r->s.lon);
}

int store_exchange_activity_stops(db *c, arena *a, const int64_t *ids, size_t n,
                                  int64_t **activity_of, exchange_stop **out, size_t *nout)
{
    *activity_of = NULL;
    *out = NULL;
    *nout = 0;
    if (n == 0)
        return WY_OK;
    const char *list = id_list_param(a, c, ids, n);
#define STOPS_SQL(in)                                                                              \
    "SELECT activity_id, id, seq, place, city, country, starts_on, ends_on, shows, audience,"      \
    " lat, lon FROM exchange_stops WHERE activity_id " in " ORDER BY activity_id, seq"
    const char *sql = BY_DIALECT(c, STOPS_SQL);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_query(c, sql, "t", list);
    if (!st)
        return WY_ERR;
    stop_row *rows;
    size_t nr;
    int rc = STORE_COLLECT(a, st, stop_row, fill_stop, &rows, &nr);
    if (rc != WY_OK)
        return rc;
    *activity_of = arena_alloc(a, (nr + 1) * sizeof(int64_t));
    *out = arena_alloc(a, (nr + 1) * sizeof(exchange_stop));
    if (!*activity_of || !*out)
        return WY_NOMEM;
    for (size_t i = 0; i < nr; i++) {
        (*activity_of)[i] = rows[i].activity;
        (*out)[i] = rows[i].s;
    }
    *nout = nr;
    return WY_OK;
}

/* the two integers of a query's one row */
static int two_ints_row(db_stmt *st, int64_t *x, int64_t *y)
{
    *x = *y = 0;
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        *x = db_col_int(st, 0);
        *y = db_col_int(st, 1);
    }
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

int store_exchange_count_activities(db *c, arena *a, const char *prefix, const char *kind,
                                    const char *scope, const char *to, int64_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*) FROM exchange_activities WHERE status = 'published'"
                           " AND division >= ? AND division < ? AND kind = ?"
                           " AND (CAST(? AS TEXT) IS NULL OR scope = ?) AND ends_on < ?",
                           "tttttt", prefix, prefix_end(a, prefix), kind, scope, scope, to);
    return store_one_int(st, n);
}

int store_exchange_recorded(db *c, arena *a, const char *prefix, const char *from, const char *to,
                            int64_t grace_ms, int64_t *ended, int64_t *recorded)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*), coalesce(sum(CASE WHEN figures_at IS NOT NULL"
                           " AND figures_at <= ends_at + ? THEN 1 ELSE 0 END), 0)"
                           " FROM exchange_activities WHERE division >= ? AND division < ?"
                           " AND ends_on >= ? AND ends_on < ?",
                           "itttt", grace_ms, prefix, prefix_end(a, prefix), from, to);
    return two_ints_row(st, ended, recorded);
}

int store_exchange_followers(db *c, arena *a, const char *prefix, const char *from, const char *to,
                             int64_t *followers, int64_t *participants)
{
    db_stmt *st = db_query(c,
                           "SELECT coalesce(sum(new_followers), 0), coalesce(sum(participants), 0)"
                           " FROM exchange_activities WHERE status = 'published'"
                           " AND division >= ? AND division < ? AND ends_on >= ? AND ends_on < ?"
                           " AND new_followers IS NOT NULL AND participants IS NOT NULL",
                           "tttt", prefix, prefix_end(a, prefix), from, to);
    return two_ints_row(st, followers, participants);
}
