/* store_ratings: the ratings table (rating_store.h). */
#include <stdlib.h>
#include <string.h>

#include "core/rating_store.h"
#include "db/store_util.h"

int store_rating_put(db *c, const char *kind, int64_t subject_id, const char *division,
                     int64_t user_id, int score, const char *comment, int64_t now, int64_t *id,
                     int *replaced)
{
    db_stmt *st = db_query(c,
                           "SELECT id FROM ratings WHERE subject_kind = ? AND subject_id = ?"
                           " AND user_id = ?",
                           "tii", kind, subject_id, user_id);
    int s = st ? db_step(st) : WY_ERR;
    if (s == 1)
        *id = db_col_int(st, 0);
    db_done(st);
    if (s < 0)
        return s;
    *replaced = s == 1;
    if (*replaced) /* a new opinion: moderated again */
        return db_run(c,
                      "UPDATE ratings SET score = ?, comment = ?, division = ?, status = 'pending',"
                      " reason = NULL, decided_by = NULL, decided_at = NULL, updated_at = ?"
                      " WHERE id = ?",
                      "ittii", (int64_t)score, comment ? comment : "", division, now, *id);
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO ratings(subject_kind, subject_id, division, user_id, score, comment,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "titiitii", kind, subject_id, division, user_id, (int64_t)score,
                 comment ? comment : "", now, now),
        id);
}

#define RATING_COLS                                                                                \
    "r.id, r.subject_kind, r.subject_id, r.division, r.user_id, r.score, r.comment, r.status,"     \
    " r.reason, r.created_at, r.updated_at, coalesce(r.decided_by, 0),"                            \
    " coalesce(r.decided_at, 0), u.name"
#define RATING_FROM " FROM ratings r JOIN users u ON u.id = r.user_id"

static void fill_rating(arena *a, db_stmt *st, rating *r)
{
    r->id = db_col_int(st, 0);
    r->kind = col_str(a, st, 1);
    r->subject_id = db_col_int(st, 2);
    r->division = col_str(a, st, 3);
    r->user_id = db_col_int(st, 4);
    r->score = (int)db_col_int(st, 5);
    r->comment = col_str(a, st, 6);
    r->status = col_str(a, st, 7);
    r->reason = col_str(a, st, 8);
    r->created_at = db_col_int(st, 9);
    r->updated_at = db_col_int(st, 10);
    r->decided_by = db_col_int(st, 11);
    r->decided_at = db_col_int(st, 12);
    r->user_name = col_str(a, st, 13);
    r->subject_title = NULL;
}

int store_rating_get(db *c, arena *ar, int64_t id, rating *out)
{
    db_stmt *st = db_query(c, "SELECT " RATING_COLS RATING_FROM " WHERE r.id = ?", "i", id);
    return STORE_ONE(ar, st, fill_rating, out);
}

int store_rating_decide(db *c, int64_t id, const char *status, const char *reason, int64_t by,
                        int64_t now)
{
    int rc = db_run(c,
                    "UPDATE ratings SET status = ?, reason = ?, decided_by = ?, decided_at = ?,"
                    " updated_at = ? WHERE id = ? AND status = 'pending'",
                    "ttiiii", status, reason, by, now, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_rating_list(db *c, arena *ar, const rating_filter *f, rating **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " RATING_COLS RATING_FROM " WHERE (? = 0 OR r.id < ?)"
                           " AND (CAST(? AS TEXT) IS NULL OR r.status = ?)"
                           " AND (CAST(? AS TEXT) IS NULL OR r.subject_kind = ?)"
                           " AND (? = 0 OR r.subject_id = ?)"
                           " AND (? = '' OR (r.division >= ? AND r.division < ?))"
                           " ORDER BY r.id DESC LIMIT ?",
                           "iittttiittti", f->before, f->before, f->status, f->status, f->kind,
                           f->kind, f->subject_id, f->subject_id, f->prefix ? f->prefix : "",
                           f->prefix ? f->prefix : "", prefix_end(ar, f->prefix),
                           (int64_t)(f->limit > 0 ? f->limit : 50));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, rating, fill_rating, out, n);
}

int store_rating_sum(db *c, const char *kind, int64_t subject_id, int64_t *sum, int64_t *count)
{
    *sum = *count = 0;
    db_stmt *st = db_query(c,
                           "SELECT coalesce(sum(score), 0), count(*) FROM ratings"
                           " WHERE subject_kind = ? AND subject_id = ? AND status = 'approved'",
                           "ti", kind, subject_id);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1) {
        *sum = db_col_int(st, 0);
        *count = db_col_int(st, 1);
    }
    db_done(st);
    return s < 0 ? s : WY_OK;
}

int store_rating_sums(db *c, const char *kind, const int64_t *ids, size_t n, int64_t *sums,
                      int64_t *counts)
{
    memset(sums, 0, n * sizeof(*sums));
    memset(counts, 0, n * sizeof(*counts));
    if (n == 0)
        return WY_OK;
    arena a;
    arena_init(&a, 0);
    const char *list = id_list_param(&a, c, ids, n);
    if (!list) {
        arena_free(&a);
        return WY_NOMEM;
    }
#define SUMS_SQL(IN)                                                                               \
    "SELECT subject_id, coalesce(sum(score), 0), count(*) FROM ratings"                            \
    " WHERE subject_kind = ? AND status = 'approved' AND subject_id " IN " GROUP BY subject_id"
    db_stmt *st =
        db_get_dialect(c) == DB_POSTGRES
            ? db_query(c, SUMS_SQL("= ANY (CAST(? AS bigint[]))"), "tt", kind, list)
            : db_query(c, SUMS_SQL("IN (SELECT value FROM json_each(?))"), "tt", kind, list);
#undef SUMS_SQL
    int s = WY_ERR;
    while (st && (s = db_step(st)) == 1) {
        int64_t id = db_col_int(st, 0);
        for (size_t i = 0; i < n; i++) /* a page of subjects: a hundred at most */
            if (ids[i] == id) {
                sums[i] = db_col_int(st, 1);
                counts[i] = db_col_int(st, 2);
            }
    }
    db_done(st);
    arena_free(&a);
    return s < 0 ? s : WY_OK;
}
