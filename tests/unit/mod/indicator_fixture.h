/*
 * indicator_fixture: what the tests of the computed indicators share: the divisions of a small
 * city (5104 with population, its district 510402 with population, 510403 without, the town
 * 510402001, and 5105 beside it), rows inserted as they are stored, and the period of a local
 * year.
 */
#ifndef WY_INDICATOR_FIXTURE_H
#define WY_INDICATOR_FIXTURE_H

#include <math.h>

#include "testlib.h"

#include "mod/module.h"

#define MIN_MS  ((int64_t)60000)
#define HOUR_MS (60 * MIN_MS)
#define DAY_MS  (24 * HOUR_MS)
/* 2026-01-01T00:00+08:00 and 2027-01-01T00:00+08:00 */
#define Y2026 ((int64_t)1767196800000)
#define Y2027 ((int64_t)1798732800000)
#define Y2028 (Y2027 + 365 * DAY_MS)

static inline void fx_divisions(tdb *t)
{
    const division ds[] = {
        {"51", "四川省", 1, NULL},          {"5104", "攀枝花市", 2, "51"},
        {"510402", "东区", 3, "5104"},      {"510403", "西区", 3, "5104"},
        {"510402001", "街道", 4, "510402"}, {"5105", "泸州市", 2, "51"},
    };
    for (size_t i = 0; i < sizeof(ds) / sizeof(ds[0]); i++)
        assert_int_equal(store_division_upsert(t->ctx.c, &ds[i]), WY_OK);
    population p1 = {"5104", "census", 2020, 1212200, "https://example.org/a"};
    population p2 = {"510402", "year-end", 2022, 412800, "https://example.org/b"};
    population p3 = {"510402", "census", 2020, 400000, "https://example.org/c"}; /* older */
    assert_int_equal(store_population_upsert(t->ctx.c, &p1), WY_OK);
    assert_int_equal(store_population_upsert(t->ctx.c, &p2), WY_OK);
    assert_int_equal(store_population_upsert(t->ctx.c, &p3), WY_OK);
}

/* An account (phone 1380000000n) and its id. */
static inline int64_t fx_user(tdb *t, int n)
{
    char phone[16];
    snprintf(phone, sizeof(phone), "138000000%02d", n);
    db_stmt *st = db_query(t->ctx.c,
                           "INSERT INTO users(phone, name, password_hash, created_at, updated_at)"
                           " VALUES (?, 'x', 'x', 0, 0) RETURNING id",
                           "t", phone);
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t id = db_col_int(st, 0);
    db_done(st);
    return id;
}

/* The id of the row an INSERT ... RETURNING id made. */
static inline int64_t fx_id(db_stmt *st)
{
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t id = db_col_int(st, 0);
    db_done(st);
    return id;
}

/* Every record of an indicator, pages of 2 joined (the paging by id is exercised). */
static inline size_t fx_records(tdb *t, const wy_indicator *ind, const char *division, int64_t from,
                                int64_t to, wy_record *out, size_t max)
{
    size_t total = 0;
    int64_t after = 0;
    for (;;) {
        wy_record *r;
        size_t n;
        assert_int_equal(ind->records(&t->ctx, division, from, to, after, 2, &r, &n), 0);
        assert_true(n <= 2);
        for (size_t i = 0; i < n && total < max; i++)
            out[total++] = r[i];
        if (n < 2)
            return total;
        after = r[n - 1].id;
    }
}

/* The indicator of that code among the module's. */
static inline const wy_indicator *fx_indicator(const wy_module *m, const char *code)
{
    for (size_t i = 0; i < m->nindicators; i++)
        if (!strcmp(m->indicators[i].code, code))
            return &m->indicators[i];
    fail_msg("no indicator %s in %s", code, m->name);
    return NULL;
}

static inline double fx_value(tdb *t, const wy_indicator *ind, const char *division, int64_t from,
                              int64_t to)
{
    double v = -1;
    assert_int_equal(ind->compute(&t->ctx, division, from, to, &v), 0);
    return v;
}

#endif
