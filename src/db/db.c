/*
 * db: dispatch to the backend named by the URL, the per-connection statement cache, and the
 * typed helpers the store is written with.
 */
#include "db/db.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_driver.h"
#include "util/arena.h"
#include "util/log.h"

/* Statistics are bumped by the connection's thread and read by /metrics from another:
 * relaxed atomics keep that free of data races at no real cost. */
#define STAT_INC(x) __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)

static const db_driver *driver_for(const char *url)
{
    /* a postgresql:// URL, or a libpq keyword string ("host=... dbname=...") */
    if (!strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11) ||
        strstr(url, "dbname=") || strstr(url, "host="))
        return &db_pg_driver;
    return &db_sqlite_driver;
}

void db_redact(const char *url, char *out, size_t n)
{
    snprintf(out, n, "%s", url);
    /* scheme://user:PASSWORD@host... */
    char *scheme = strstr(out, "://");
    char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (at && colon && colon < at) {
        size_t tail = strlen(at);
        if ((size_t)(colon + 1 - out) + 3 + tail < n) {
            memmove(colon + 4, at, tail + 1);
            memcpy(colon + 1, "***", 3);
        }
    }
    /* password=... in a keyword string or a query parameter */
    char *pw = strstr(out, "password=");
    if (pw) {
        char *end = pw + 9;
        while (*end && *end != ' ' && *end != '&')
            end++;
        size_t tail = strlen(end);
        if ((size_t)(pw + 9 - out) + 3 + tail < n) {
            memmove(pw + 12, end, tail + 1);
            memcpy(pw + 9, "***", 3);
        }
    }
}

int db_listen(const char *url, const char *channel, db_notify_fn cb, void *ud, db_listener **out)
{
    const db_driver *drv = driver_for(url);
    *out = NULL;
    return drv->listen ? drv->listen(url, channel, cb, ud, out) : WY_NOTFOUND;
}

void db_listen_stop(db_listener *l)
{
    if (l)
        db_pg_driver.listen_stop(l);
}

int db_notify(db *d, const char *channel, const char *payload)
{
    if (d->drv->dialect != DB_POSTGRES)
        return WY_OK;
    db_stmt *st = db_query(d, "SELECT pg_notify(?, ?)", "tt", channel, payload);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

int db_open(const char *url, const db_options *opt, db **out, char *err, size_t errlen)
{
    const db_driver *drv = driver_for(url);
    if (!drv) {
        snprintf(err, errlen, "no database backend for %s", url);
        return WY_ERR;
    }
    db *d = calloc(1, sizeof(*d));
    if (!d)
        return WY_NOMEM;
    d->drv = drv;
    int rc = drv->open(d, url, opt, err, errlen);
    if (rc != WY_OK) {
        free(d);
        return rc;
    }
    *out = d;
    return WY_OK;
}

void db_close(db *d)
{
    if (!d)
        return;
    for (int i = 0; i < DB_STMT_CACHE; i++) {
        db_stmt *st = d->cache[i];
        while (st) {
            db_stmt *n = st->next;
            d->drv->finalize(st);
            st = n;
        }
    }
    d->drv->close(d);
    free(d);
}

db_dialect db_get_dialect(const db *d)
{
    return d->drv->dialect;
}

const char *db_errmsg(db *d)
{
    return d->drv->errmsg(d);
}

void db_guard(db *d, const arena *a)
{
    d->guard = a;
}

int db_exec(db *d, const char *sql)
{
    return d->drv->exec(d, sql);
}

static size_t slot_of(const char *sql)
{
    uintptr_t p = (uintptr_t)sql;
    return (size_t)((p >> 3) ^ (p >> 13)) % DB_STMT_CACHE;
}

db_stmt *db_prepare(db *d, const char *sql)
{
    size_t slot = slot_of(sql);
    for (db_stmt *st = d->cache[slot]; st; st = st->next)
        if (st->sql == sql)
            return st;
    db_stmt *st = d->drv->prepare(d, sql);
    if (!st) {
        STAT_INC(d->stats.errors);
        error("db: cannot prepare: %s: %.200s", d->drv->errmsg(d), sql);
        return NULL;
    }
    st->owner = d;
    st->sql = sql;
    st->next = d->cache[slot];
    d->cache[slot] = st;
    return st;
}

void db_bind_int(db_stmt *st, int idx, int64_t v)
{
    st->owner->drv->bind_int(st, idx, v);
}

void db_bind_text(db_stmt *st, int idx, const char *s)
{
    if (s)
        st->owner->drv->bind_text(st, idx, s);
    else
        st->owner->drv->bind_null(st, idx);
}

void db_bind_double(db_stmt *st, int idx, double v)
{
    st->owner->drv->bind_double(st, idx, v);
}

void db_bind_null(db_stmt *st, int idx)
{
    st->owner->drv->bind_null(st, idx);
}

int db_step(db_stmt *st)
{
    db *d = st->owner;
    if (arena_failed(d->guard))
        return WY_NOMEM;
    int rc = d->drv->step(st);
    if (rc < 0) {
        STAT_INC(d->stats.errors);
        if (rc == WY_RETRY)
            STAT_INC(d->stats.retries);
        else if (rc != WY_CONSTRAINT)
            error("db: %s: %.200s", d->drv->errmsg(d), st->sql);
    }
    return rc;
}

int64_t db_col_int(db_stmt *st, int col)
{
    return st->owner->drv->col_int(st, col);
}

double db_col_double(db_stmt *st, int col)
{
    return st->owner->drv->col_double(st, col);
}

const char *db_col_text(db_stmt *st, int col)
{
    return st->owner->drv->col_text(st, col);
}

int db_col_null(db_stmt *st, int col)
{
    return st->owner->drv->col_null(st, col);
}

void db_done(db_stmt *st)
{
    if (st)
        st->owner->drv->reset(st);
}

int64_t db_changes(db *d)
{
    return d->drv->changes(d);
}

static db_stmt *vquery(db *d, const char *sql, const char *types, va_list ap)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return NULL;
    STAT_INC(d->stats.statements);
    /* a type letter per placeholder: a mismatch is a bug in the store, caught here rather
     * than as a wild pointer read */
    if ((int)strlen(types ? types : "") != d->drv->param_count(st)) {
        error("db: %d parameters but type letters \"%s\" for %.120s", d->drv->param_count(st),
              types ? types : "", sql);
        return NULL;
    }
    for (int i = 0; types && types[i]; i++) {
        switch (types[i]) {
        case 'i':
            db_bind_int(st, i + 1, va_arg(ap, int64_t));
            break;
        case 'I': {
            int64_t v = va_arg(ap, int64_t);
            if (v)
                db_bind_int(st, i + 1, v);
            else
                db_bind_null(st, i + 1);
            break;
        }
        case 't':
            db_bind_text(st, i + 1, va_arg(ap, const char *));
            break;
        case 'd':
            db_bind_double(st, i + 1, va_arg(ap, double));
            break;
        case 'D': {
            double v = va_arg(ap, double);
            if (v != v) /* NAN */
                db_bind_null(st, i + 1);
            else
                db_bind_double(st, i + 1, v);
            break;
        }
        default:
            error("db: bad type letter '%c' for %.80s", types[i], sql);
            db_done(st);
            return NULL;
        }
    }
    return st;
}

db_stmt *db_query(db *d, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    db_stmt *st = vquery(d, sql, types, ap);
    va_end(ap);
    return st;
}

int db_run(db *d, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    db_stmt *st = vquery(d, sql, types, ap);
    va_end(ap);
    if (!st)
        return WY_ERR;
    int rc;
    while ((rc = db_step(st)) == 1)
        ;
    db_done(st);
    return rc < 0 ? rc : WY_OK;
}

int db_savepoint(db *d)
{
    return db_run(d, "SAVEPOINT wy_sp", "");
}

int db_savepoint_release(db *d)
{
    return db_run(d, "RELEASE SAVEPOINT wy_sp", "");
}

int db_savepoint_rollback(db *d)
{
    int rc = db_run(d, "ROLLBACK TO SAVEPOINT wy_sp", "");
    return rc == WY_OK ? db_savepoint_release(d) : rc;
}

int db_begin_read(db *d)
{
    return d->drv->begin(d, 0);
}

int db_begin_write(db *d)
{
    if (arena_failed(d->guard))
        return WY_NOMEM;
    int rc = d->drv->begin(d, 1);
    if (rc == WY_OK)
        d->in_write = 1;
    return rc;
}

int db_commit(db *d)
{
    if (arena_failed(d->guard))
        return WY_NOMEM; /* the caller rolls back */
    int rc = d->drv->commit(d);
    if (rc == WY_OK)
        d->in_write = 0;
    return rc;
}

void db_rollback(db *d)
{
    d->drv->rollback(d);
    d->in_write = 0;
}

void db_stats_get(db *d, db_stats *out)
{
    out->statements = __atomic_load_n(&d->stats.statements, __ATOMIC_RELAXED);
    out->errors = __atomic_load_n(&d->stats.errors, __ATOMIC_RELAXED);
    out->retries = __atomic_load_n(&d->stats.retries, __ATOMIC_RELAXED);
}
