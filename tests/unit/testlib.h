/*
 * testlib: what the unit tests share: a fresh SQLite database in a temporary directory with
 * the schema applied (and, on request, the demo data), a domain context over it, and
 * principals for the demo accounts. Password hashing uses libsodium's minimum cost here, so
 * tests that create many accounts stay fast; the algorithm is the same.
 *
 * With WY_TEST_PG_HOST set (the socket directory of the test PostgreSQL server, as CTest
 * sets it for the unit-pg.* tests) each test gets a new PostgreSQL database instead.
 */
#ifndef WY_TESTLIB_H
#define WY_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "http/app.h"
#include "demo.h"
#include "core/account.h"
#include "core/division.h"
#include "core/store.h"
#include "db/migrate.h"
#include "util/timeutil.h"

/* after the domain headers: cmocka defines a fail() macro of its own */
#include <cmocka.h>

typedef struct tdb {
    char dir[256];
    char path[600];  /* a file, or a postgresql:// URL */
    char pgname[64]; /* the PostgreSQL database made for this test */
    wy_config cfg;
    store *st;
    arena a;
    wy_ctx ctx;
    principal who;
} tdb;

static inline const char *test_data_dir(void)
{
    const char *d = getenv("WY_DATA_DIR");
    return d ? d : WY_SOURCE_DIR "/data";
}

/* Run one statement on the test server's maintenance database. */
static inline void pg_admin(const char *host, const char *sql)
{
    char url[400];
    snprintf(url, sizeof(url), "postgresql:///postgres?host=%s&user=postgres", host);
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK)
        fail_msg("test PostgreSQL: %s", PQerrorMessage(c));
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        fail_msg("test PostgreSQL: %s: %s", sql, PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
}

/* A fresh database (SQLite in a temporary folder, or a new PostgreSQL database when
 * WY_TEST_PG_HOST is set) opened with the tests' settings, nothing applied yet. */
static inline tdb *tdb_create(void)
{
    static int seq;
    tdb *t = calloc(1, sizeof(*t));
    snprintf(t->dir, sizeof(t->dir), "/tmp/wy-unit-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    const char *pg = getenv("WY_TEST_PG_HOST");
    if (pg && *pg) {
        char sql[128];
        snprintf(t->pgname, sizeof(t->pgname), "wyu_%d_%d", (int)getpid(), seq++);
        snprintf(sql, sizeof(sql), "CREATE DATABASE %s", t->pgname);
        pg_admin(pg, sql);
        snprintf(t->path, sizeof(t->path), "postgresql:///%s?host=%s&user=postgres", t->pgname, pg);
    } else {
        snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
    }
    config_defaults(&t->cfg);
    t->cfg.password_memlimit_kib = 8 * 1024;
    t->cfg.password_opslimit = 1;
    char err[256];
    assert_int_equal(account_init(), 0);
    app_domain_init();
    assert_int_equal(store_open(t->path, 2, 5000, &t->st, err, sizeof(err)), WY_OK);
    arena_init(&t->a, 0);
    t->ctx = (wy_ctx){.c = store_acquire(t->st),
                      .a = &t->a,
                      .cfg = &t->cfg,
                      .now = time_now_ms(),
                      .ip = "127.0.0.1"};
    return t;
}

static inline tdb *tdb_open(int with_demo)
{
    tdb *t = tdb_create();
    char err[256];
    assert_int_equal(store_migrate(t->st, err, sizeof(err)), WY_OK);
    if (with_demo)
        assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    return t;
}

/* A database with only the migrations named before `before` ("0023") applied, and nothing
 * else: for a test of a migration over rows in the form they had before it (store_migrate
 * then applies the rest). */
static inline tdb *tdb_open_before(const char *before)
{
    tdb *t = tdb_create();
    db *d = t->ctx.c;
    assert_int_equal(db_exec(d, "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY"
                                " KEY, applied_at BIGINT NOT NULL)"),
                     WY_OK);
    for (int i = 0; i < wy_migrations_count; i++) {
        if (strcmp(wy_migrations[i].name, before) >= 0)
            continue;
        char *sql = migrate_render(wy_migrations[i].sql, db_get_dialect(d));
        assert_int_equal(db_begin_write(d), WY_OK);
        if (db_exec(d, sql) != WY_OK)
            fail_msg("migration %s: %s", wy_migrations[i].name, db_errmsg(d));
        free(sql);
        assert_int_equal(db_run(d, "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)",
                                "ti", wy_migrations[i].name, (int64_t)1),
                         WY_OK);
        assert_int_equal(db_commit(d), WY_OK);
    }
    return t;
}

/* Act as the account with this phone (NULL: nobody). */
static inline void tdb_as(tdb *t, const char *phone)
{
    t->ctx.err = (wy_error){0};
    if (!phone) {
        memset(&t->who, 0, sizeof(t->who));
        t->ctx.who = &t->who;
        return;
    }
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u), WY_OK);
    assert_int_equal(account_principal_by_id(&t->ctx, u.id, &t->who), 0);
    t->ctx.who = &t->who;
}

/* An active webhook over the whole city, so that events go to the outbox (with none, nobody
 * would read them and none is written). Its delivery is never attempted by these tests. */
static inline int64_t tdb_webhook(tdb *t)
{
    int64_t uid, id;
    /* a database without the demo has no divisions yet */
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO divisions(code, name, level, parent)"
                            " VALUES ('51', '四川省', 1, NULL) ON CONFLICT DO NOTHING",
                            ""),
                     WY_OK);
    db_stmt *st = db_query(t->ctx.c,
                           "SELECT code FROM divisions ORDER BY length(code), code"
                           " LIMIT 1",
                           "");
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    char division[32];
    snprintf(division, sizeof(division), "%s", db_col_text(st, 0));
    db_done(st);
    assert_int_equal(
        store_user_create(t->ctx.c, "19900000999", "接收", "x", NULL, t->ctx.now, &uid), WY_OK);
    webhook w = {.url = "https://hub.example.org/events",
                 .secret = "test-secret",
                 .division = division,
                 .active = 1,
                 .created_by = uid};
    assert_int_equal(store_webhook_create(t->ctx.c, &w, t->ctx.now, &id), WY_OK);
    return id;
}

static inline void tdb_close(tdb *t)
{
    store_release(t->st, t->ctx.c);
    store_close(t->st);
    arena_free(&t->a);
    if (t->pgname[0]) {
        char sql[128];
        snprintf(sql, sizeof(sql), "DROP DATABASE %s WITH (FORCE)", t->pgname);
        pg_admin(getenv("WY_TEST_PG_HOST"), sql);
    }
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", t->dir);
    free(t);
}

#endif
