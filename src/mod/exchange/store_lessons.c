/* store_lessons: lessons learned (先进文化经验) and their Chinese full-text search
 * (followup_store.h). Free text as the activities' search does it (sql/0007_search.sql,
 * src/mod/activities/store_activities.c): SQLite's FTS5 trigram table for three characters or
 * more, a scan (instr) below that; PostgreSQL's pg_trgm index through ILIKE. */
#include "db/store_util.h"
#include "mod/exchange/followup_store.h"

#define LESSON_COLS                                                                                \
    "SELECT l.id, l.division, coalesce(l.activity_id, 0), coalesce(l.partner_id, 0), l.title,"     \
    " l.body, l.tags, coalesce(l.created_by, 0), l.created_at, l.updated_at FROM "                 \
    "exchange_lessons l"
/* the text PostgreSQL's trigram index is built on, character for character */
#define LESSON_DOC_PG "(l.title || ' ' || l.body || ' ' || l.tags)"
#define LESSON_FILTERS                                                                             \
    " WHERE l.division >= ? AND l.division < ?"                                                    \
    " AND (CAST(? AS TEXT) IS NULL OR l.tags LIKE ?" LIKE_ESCAPE ")"                               \
    " AND (? = 0 OR l.activity_id = ?) AND (? = 0 OR l.partner_id = ?)"                            \
    " AND (? = 0 OR l.activity_id IS NULL OR EXISTS (SELECT 1 FROM exchange_activities x"          \
    "      WHERE x.id = l.activity_id AND x.status = 'published'))"                                \
    " AND (? = 0 OR l.id < ?)"
#define LESSON_ORDER " ORDER BY l.id DESC LIMIT ?"

static const char *const sql_plain =
    LESSON_COLS LESSON_FILTERS " AND CAST(? AS TEXT) IS NULL" LESSON_ORDER;
static const char *const sql_sqlite_fts =
    LESSON_COLS LESSON_FILTERS " AND l.id IN (SELECT rowid FROM exchange_lessons_fts"
                               " WHERE exchange_lessons_fts MATCH ?)" LESSON_ORDER;
static const char *const sql_sqlite_short = LESSON_COLS LESSON_FILTERS
    " AND instr(lower(l.title || ' ' || l.body || ' ' || l.tags), lower(?)) > 0" LESSON_ORDER;
static const char *const sql_pg_trgm =
    LESSON_COLS LESSON_FILTERS " AND " LESSON_DOC_PG " ILIKE ?" LESSON_ORDER;

static void fill_lesson(arena *a, db_stmt *st, exchange_lesson *l)
{
    l->id = db_col_int(st, 0);
    l->division = col_str(a, st, 1);
    l->activity_id = db_col_int(st, 2);
    l->partner_id = db_col_int(st, 3);
    l->title = col_str(a, st, 4);
    l->body = col_str(a, st, 5);
    l->tags = col_str(a, st, 6);
    l->created_by = db_col_int(st, 7);
    l->created_at = db_col_int(st, 8);
    l->updated_at = db_col_int(st, 9);
}

int store_exchange_lesson_create(db *c, const exchange_lesson *l, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_lessons(division, activity_id, partner_id, title, body,"
                 " tags, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "tIItttIii", l->division, l->activity_id, l->partner_id, l->title, l->body,
                 l->tags, l->created_by, now, now),
        id);
}

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

int store_exchange_lesson_search(db *c, arena *a, const char *prefix, const char *q,
                                 const char *tag, int64_t activity, int64_t partner,
                                 int public_only, int64_t before, int limit, exchange_lesson **out,
                                 size_t *n)
{
    const char *sql = sql_plain, *text = NULL;
    if (q && *q) {
        if (db_get_dialect(c) == DB_POSTGRES) {
            sql = sql_pg_trgm;
            text = like_contains(a, q);
        } else if (chars_of(q) >= 3) {
            sql = sql_sqlite_fts;
            text = fts_phrase(a, q);
        } else {
            sql = sql_sqlite_short;
            text = q;
        }
        if (!text)
            return WY_NOMEM;
    }
    const char *tag_like = tag && *tag ? like_contains(a, arena_sprintf(a, ",%s,", tag)) : NULL;
    if (tag && *tag && !tag_like)
        return WY_NOMEM;
    db_stmt *st = db_query(c, sql, "ttttiiiiiiiti", prefix ? prefix : "", prefix_end(a, prefix),
                           tag_like, tag_like, activity, activity, partner, partner,
                           (int64_t)public_only, before, before, text, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_lesson, fill_lesson, out, n);
}
