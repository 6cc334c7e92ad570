/*
 * store_util: helpers shared by the store's operation files: arena copies of columns,
 * growing result arrays, the upper bound of a division-prefix range, and LIKE patterns.
 */
#ifndef WY_STORE_UTIL_H
#define WY_STORE_UTIL_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "util/arena.h"

static inline const char *col_str(arena *a, db_stmt *st, int col)
{
    return db_col_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

/* A REAL column, NAN for SQL NULL. */
static inline double col_real(db_stmt *st, int col)
{
    return db_col_null(st, col) ? NAN : db_col_double(st, col);
}

/* Division codes are digits, and ':' sorts right after '9': every code that starts with p
 * lies in [p, p + ":"). An empty prefix covers everything. */
static inline const char *prefix_end(arena *a, const char *p)
{
    return arena_sprintf(a, "%s:", p ? p : "");
}

/* Text searched for inside a column: "%q%" with each backslash, % and _ of q escaped by a
 * backslash, so that they match only themselves. A LIKE on such a pattern names its escape
 * character with LIKE_ESCAPE: SQLite has none otherwise (PostgreSQL's default is the
 * backslash already). NULL when out of memory. */
#define LIKE_ESCAPE " ESCAPE '\\'"
static inline const char *like_contains(arena *a, const char *q)
{
    size_t n = strlen(q);
    char *p = arena_alloc(a, 2 * n + 3), *w = p;
    if (!p)
        return NULL;
    *w++ = '%';
    for (const char *c = q; *c; c++) {
        if (*c == '\\' || *c == '%' || *c == '_')
            *w++ = '\\';
        *w++ = *c;
    }
    *w++ = '%';
    *w = '\0';
    return p;
}

/* A list of ids as one text parameter, for "IN (SELECT value FROM json_each(?))" on SQLite
 * and "= ANY (CAST(? AS bigint[]))" on PostgreSQL: one statement whatever the length. */
static inline const char *id_list_param(arena *a, db *c, const int64_t *ids, size_t n)
{
    int pg = db_get_dialect(c) == DB_POSTGRES;
    char *s = arena_alloc(a, n * 21 + 3);
    if (!s)
        return NULL;
    size_t o = 0;
    s[o++] = pg ? '{' : '[';
    for (size_t i = 0; i < n; i++)
        o += (size_t)sprintf(s + o, "%s%lld", i ? "," : "", (long long)ids[i]);
    s[o++] = pg ? '}' : ']';
    s[o] = 0;
    return s;
}

/* The one integer of a query's one row into *out (0 when there is no row); WY_OK or the
 * step's error. */
static inline int store_one_int(db_stmt *st, int64_t *out)
{
    *out = 0;
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1)
        *out = db_col_int(st, 0);
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

/* The two integer columns of every row of a query (an UPDATE ... RETURNING id, user_id) into
 * two arrays of a's, their length in *n; WY_OK, WY_NOMEM, or the step's error. */
static inline int store_two_ints(db_stmt *st, arena *a, int64_t **first, int64_t **second,
                                 size_t *n)
{
    *n = 0;
    *first = *second = NULL;
    if (!st)
        return WY_ERR;
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == 1) {
        if (*n == cap) { /* doubled in the arena: the old arrays stay until the arena goes */
            size_t ncap = cap ? 2 * cap : 16;
            int64_t *f = arena_alloc(a, ncap * sizeof(int64_t));
            int64_t *g = arena_alloc(a, ncap * sizeof(int64_t));
            if (!f || !g) {
                rc = WY_NOMEM;
                break;
            }
            if (*n) {
                memcpy(f, *first, *n * sizeof(int64_t));
                memcpy(g, *second, *n * sizeof(int64_t));
            }
            *first = f;
            *second = g;
            cap = ncap;
        }
        (*first)[*n] = db_col_int(st, 0);
        (*second)[*n] = db_col_int(st, 1);
        ++*n;
    }
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

/* Run an INSERT ... RETURNING id. */
static inline int insert_returning_id(db_stmt *st, int64_t *id)
{
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1 && id)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_ERR : rc;
}

/* Step one row into *out with fill; WY_NOTFOUND when there is none, WY_NOMEM when the arena
 * failed (a row with a hole in it is never handed back). */
#define STORE_ONE(a, st, fill, out)                                                                \
    ({                                                                                             \
        int r_ = WY_ERR;                                                                           \
        if (st) {                                                                                  \
            r_ = db_step(st);                                                                      \
            if (r_ == 1)                                                                           \
                fill((a), (st), (out));                                                            \
            db_done(st);                                                                           \
            r_ = r_ == 1 ? WY_OK : r_ == 0 ? WY_NOTFOUND : r_;                                     \
            if (arena_failed(a))                                                                   \
                r_ = WY_NOMEM;                                                                     \
        }                                                                                          \
        r_;                                                                                        \
    })

/* Step st into an arena array of T filled by fill(a, st, &item); returns a wy_rc (WY_NOMEM
 * when the arena failed, whatever was read). */
#define STORE_COLLECT(a, st, T, fill, out, n)                                                      \
    ({                                                                                             \
        int rc_ = WY_OK;                                                                           \
        size_t cap_ = 16, n_ = 0;                                                                  \
        T *v_ = arena_alloc((a), cap_ * sizeof(T));                                                \
        int s_ = 0;                                                                                \
        while (v_ && (s_ = db_step(st)) == 1) {                                                    \
            if (n_ == cap_) {                                                                      \
                T *w_ = arena_alloc((a), 2 * cap_ * sizeof(T));                                    \
                if (!w_) {                                                                         \
                    v_ = NULL;                                                                     \
                    break;                                                                         \
                }                                                                                  \
                memcpy(w_, v_, n_ * sizeof(T));                                                    \
                v_ = w_;                                                                           \
                cap_ *= 2;                                                                         \
            }                                                                                      \
            fill((a), (st), &v_[n_++]);                                                            \
        }                                                                                          \
        if (!v_ || arena_failed(a))                                                                \
            rc_ = WY_NOMEM;                                                                        \
        else if (s_ < 0)                                                                           \
            rc_ = s_;                                                                              \
        db_done(st);                                                                               \
        *(out) = v_;                                                                               \
        *(n) = n_;                                                                                 \
        rc_;                                                                                       \
    })

#endif
