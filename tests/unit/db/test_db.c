/* Tests of src/store/db.c's guard (db_guard): a connection tied to an arena that has refused
 * an allocation runs no statement and commits nothing, but still rolls back; the store's row
 * readers answer WY_NOMEM rather than a row with a hole; and a domain write on such a request
 * leaves nothing behind and says request_too_large. On both backends. */
#include "testlib.h"

#include "mod/notices/notice.h"

static int64_t count(tdb *t, const char *sql)
{
    db_stmt *st = db_query(t->ctx.c, sql, "");
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void test_guard(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    db *c = t->ctx.c;
    assert_int_equal(
        db_run(c, "CREATE TABLE guard_probe(key TEXT NOT NULL, at BIGINT NOT NULL)", ""), WY_OK);
    arena a;
    arena_init(&a, 0);
    db_guard(c, &a);
    /* a transaction begun before the arena failed, and a write in it */
    assert_int_equal(db_begin_write(c), WY_OK);
    assert_int_equal(db_run(c, "INSERT INTO guard_probe(key, at) VALUES (?, ?)", "ti",
                            "guard:before", (int64_t)1),
                     WY_OK);
    assert_null(arena_alloc(&a, (size_t)1 << 40)); /* refused: the arena has failed */
    assert_int_equal(db_run(c, "INSERT INTO guard_probe(key, at) VALUES (?, ?)", "ti",
                            "guard:after", (int64_t)2),
                     WY_NOMEM);
    db_stmt *st = db_query(c, "SELECT count(*) FROM guard_probe", "");
    assert_non_null(st);
    assert_int_equal(db_step(st), WY_NOMEM); /* reads too */
    db_done(st);
    assert_int_equal(db_commit(c), WY_NOMEM);
    db_rollback(c); /* still runs */
    assert_int_equal(db_begin_write(c), WY_NOMEM);
    /* the store's readers say so rather than hand back a row */
    account u;
    assert_int_equal(store_user_by_phone(c, &a, "13900000001", &u), WY_NOMEM);
    /* untied (the pool unties what it takes back): the connection works, nothing was kept */
    db_guard(c, NULL);
    assert_int_equal(count(t, "SELECT count(*) FROM guard_probe WHERE key LIKE 'guard:%'"), 0);
    arena_free(&a);
    tdb_close(t);
}

static void test_row_readers(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    /* an arena that fails while the row is copied: the row is not handed back */
    for (unsigned n = 1; n <= 6; n++) {
        arena a;
        arena_init(&a, 0);
        arena_fail_after(&a, n);
        account u;
        int rc = store_user_by_phone(t->ctx.c, &a, "13900000001", &u);
        if (arena_failed(&a))
            assert_int_equal(rc, WY_NOMEM);
        else {
            assert_int_equal(rc, WY_OK);
            assert_non_null(u.phone);
            assert_non_null(u.status);
        }
        division *ds;
        size_t nd;
        arena_free(&a);
        arena_fail_after(&a, n);
        rc = store_division_children(t->ctx.c, &a, "5104", &ds, &nd);
        assert_int_equal(rc, arena_failed(&a) ? WY_NOMEM : WY_OK);
        arena_free(&a);
    }
    tdb_close(t);
}

static void test_domain_write(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000005");
    int64_t before = count(t, "SELECT count(*) FROM notices");
    /* a request that ran out of memory before it wrote: whatever it built, nothing is written */
    arena a;
    arena_init(&a, 0);
    wy_ctx ctx = t->ctx;
    ctx.a = &a;
    db_guard(ctx.c, &a);
    assert_null(arena_alloc(&a, (size_t)1 << 40));
    int64_t id = 0;
    assert_int_equal(notice_create(&ctx, "510402001", "通知", "正文", &id), -1);
    assert_int_equal(ctx.err.cls, E_UNAVAILABLE);
    assert_string_equal(ctx.err.code, "request_too_large");
    assert_int_equal(check_mem(&ctx), -1);
    db_guard(ctx.c, NULL);
    arena_free(&a);
    assert_int_equal(count(t, "SELECT count(*) FROM notices"), before);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guard),
        cmocka_unit_test(test_row_readers),
        cmocka_unit_test(test_domain_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
