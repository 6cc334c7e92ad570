/*
 * db_sqlite: the embedded backend. WAL mode so readers never block the writer; synchronous
 * FULL so a commit that returned is on disk (a confirmed booking must survive power loss);
 * foreign keys on; a busy timeout for writers in other processes (the CLI next to a server).
 *
 * Inside one process, write transactions take a mutex before BEGIN IMMEDIATE: SQLite admits
 * one writer at a time anyway, and waiting on a mutex is cheaper and fairer than the busy
 * handler's sleep-and-retry loop.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_driver.h"

typedef struct sq_stmt {
    db_stmt base;
    sqlite3_stmt *st;
} sq_stmt;

static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

#define SQ(d) ((sqlite3 *)(d)->impl)

static int map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return WY_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return WY_RETRY;
    case SQLITE_CONSTRAINT:
        return WY_CONSTRAINT;
    case SQLITE_NOMEM:
        return WY_NOMEM;
    default:
        return WY_ERR;
    }
}

static int sq_exec(db *d, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(SQ(d), sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return map_rc(rc);
}

/* Before SQLite starts: no memory statistics. They are kept under one process-wide mutex
 * that every allocation of every connection takes, so the worker threads queue on it under
 * load, and nothing here reads them. */
static void sq_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(db *d, const char *url, const db_options *opt, char *err, size_t errlen)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sq_configure);
    const char *path = url;
    if (!strncmp(path, "sqlite:", 7))
        path += 7;
    sqlite3 *h = NULL;
    int flags =
        SQLITE_OPEN_NOMUTEX |
        (opt && opt->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path, &h, flags, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database %s: %s", path,
                 h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
        sqlite3_close(h);
        return WY_ERR;
    }
    sqlite3_busy_timeout(h, opt && opt->busy_timeout_ms ? opt->busy_timeout_ms : 5000);
    sqlite3_extended_result_codes(h, 1);
    d->impl = h;
    /* mmap_size: reads of the first 256 MiB of the file come straight from the operating
     * system's page cache, shared by every connection, instead of each connection's small page
     * cache (2 MiB) refilled through read(): a report over a city-year's sessions reads
     * three times faster (docs/performance.md). Writes still go through the WAL. */
    const char *setup = "PRAGMA journal_mode=WAL;"
                        "PRAGMA synchronous=FULL;"
                        "PRAGMA foreign_keys=ON;"
                        "PRAGMA temp_store=MEMORY;"
                        "PRAGMA mmap_size=268435456;";
    if (sq_exec(d, setup) != WY_OK) {
        snprintf(err, errlen, "cannot set up database %s: %s", path, sqlite3_errmsg(h));
        sqlite3_close(h);
        return WY_ERR;
    }
    return WY_OK;
}

static void sq_close(db *d)
{
    sqlite3_close(SQ(d));
}

static db_stmt *sq_prepare(db *d, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(SQ(d), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    sq_stmt *s = calloc(1, sizeof(*s));
    if (!s) {
        sqlite3_finalize(st);
        return NULL;
    }
    s->st = st;
    return &s->base;
}

static void sq_finalize(db_stmt *st)
{
    sqlite3_finalize(((sq_stmt *)st)->st);
    free(st);
}

#define ST(s) (((sq_stmt *)(s))->st)

static int sq_param_count(db_stmt *st)
{
    return sqlite3_bind_parameter_count(ST(st));
}

static void sq_bind_int(db_stmt *st, int idx, int64_t v)
{
    sqlite3_bind_int64(ST(st), idx, v);
}

static void sq_bind_double(db_stmt *st, int idx, double v)
{
    sqlite3_bind_double(ST(st), idx, v);
}

static void sq_bind_text(db_stmt *st, int idx, const char *s)
{
    sqlite3_bind_text(ST(st), idx, s, -1, SQLITE_TRANSIENT);
}

static void sq_bind_null(db_stmt *st, int idx)
{
    sqlite3_bind_null(ST(st), idx);
}

static int sq_step(db_stmt *st)
{
    int rc = sqlite3_step(ST(st));
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return map_rc(rc);
}

static int64_t sq_col_int(db_stmt *st, int col)
{
    return sqlite3_column_int64(ST(st), col);
}

static double sq_col_double(db_stmt *st, int col)
{
    return sqlite3_column_double(ST(st), col);
}

static const char *sq_col_text(db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(ST(st), col);
}

static int sq_col_null(db_stmt *st, int col)
{
    return sqlite3_column_type(ST(st), col) == SQLITE_NULL;
}

static void sq_reset(db_stmt *st)
{
    sqlite3_reset(ST(st));
    sqlite3_clear_bindings(ST(st));
}

static int64_t sq_changes(db *d)
{
    return sqlite3_changes64(SQ(d));
}

static const char *sq_errmsg(db *d)
{
    return sqlite3_errmsg(SQ(d));
}

static int sq_begin(db *d, int write)
{
    if (!write)
        return sq_exec(d, "BEGIN DEFERRED");
    pthread_mutex_lock(&write_lock);
    int rc = sq_exec(d, "BEGIN IMMEDIATE");
    if (rc != WY_OK)
        pthread_mutex_unlock(&write_lock);
    return rc;
}

static int sq_commit(db *d)
{
    int rc = sq_exec(d, "COMMIT");
    if (rc != WY_OK)
        return rc; /* still in the transaction: the caller rolls back */
    if (d->in_write)
        pthread_mutex_unlock(&write_lock);
    return WY_OK;
}

static void sq_rollback(db *d)
{
    if (!sqlite3_get_autocommit(SQ(d)))
        sq_exec(d, "ROLLBACK");
    if (d->in_write)
        pthread_mutex_unlock(&write_lock);
}

const db_driver db_sqlite_driver = {
    .name = "sqlite",
    .dialect = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .param_count = sq_param_count,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_null = sq_col_null,
    .reset = sq_reset,
    .changes = sq_changes,
    .errmsg = sq_errmsg,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
};
