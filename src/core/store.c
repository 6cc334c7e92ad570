/*
 * store: the connection pool. Connections are opened at start-up and handed out to one
 * request at a time; a request that finds none free waits on a condition variable (the
 * pool is sized to the worker threads, so waiting is rare and short).
 */
#include "core/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_driver.h"
#include "db/migrate.h"
#include "util/log.h"

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    db **all;
    db **free_list;
    int size, nfree;
    uint64_t acquires, waits;
} pool;

struct store {
    pool primary;
    pool replica; /* size 0 when there is none */
};

static void pool_close(pool *p)
{
    for (int i = 0; i < p->size; i++)
        db_close(p->all[i]);
    if (p->all) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
    }
    free(p->all);
    free(p->free_list);
    memset(p, 0, sizeof(*p));
}

static int pool_open(pool *p, const char *url, int size, const db_options *opt, int replica,
                     char *err, size_t errlen)
{
    p->all = calloc((size_t)size, sizeof(db *));
    p->free_list = calloc((size_t)size, sizeof(db *));
    if (!p->all || !p->free_list) {
        free(p->all);
        free(p->free_list);
        p->all = p->free_list = NULL;
        return WY_NOMEM;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    for (int i = 0; i < size; i++) {
        int rc = db_open(url, opt, &p->all[i], err, errlen);
        if (rc != WY_OK) {
            p->size = i;
            pool_close(p);
            return rc;
        }
        p->all[i]->replica = replica;
        p->free_list[i] = p->all[i];
    }
    p->size = p->nfree = size;
    return WY_OK;
}

int store_open(const char *url, int pool_size, int busy_timeout_ms, store **out, char *err,
               size_t errlen)
{
    store *s = calloc(1, sizeof(*s));
    if (!s)
        return WY_NOMEM;
    db_options opt = {.busy_timeout_ms = busy_timeout_ms};
    int rc = pool_open(&s->primary, url, pool_size, &opt, 0, err, errlen);
    if (rc != WY_OK) {
        free(s);
        return rc;
    }
    *out = s;
    return WY_OK;
}

int store_open_replica(store *s, const char *url, int pool_size, int busy_timeout_ms, char *err,
                       size_t errlen)
{
    db_options opt = {.busy_timeout_ms = busy_timeout_ms, .read_only = 1};
    return pool_open(&s->replica, url, pool_size, &opt, 1, err, errlen);
}

int store_has_replica(store *s)
{
    return s->replica.size > 0;
}

void store_close(store *s)
{
    if (!s)
        return;
    pool_close(&s->primary);
    pool_close(&s->replica);
    free(s);
}

static db *pool_acquire(pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->acquires++;
    if (p->nfree == 0)
        p->waits++;
    while (p->nfree == 0)
        pthread_cond_wait(&p->cv, &p->mu);
    db *d = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->mu);
    return d;
}

db *store_acquire(store *s)
{
    return pool_acquire(&s->primary);
}

db *store_acquire_read(store *s)
{
    return pool_acquire(s->replica.size ? &s->replica : &s->primary);
}

void store_release(store *s, db *d)
{
    if (!d)
        return;
    if (d->in_write) {
        /* a handler returned inside a transaction: a bug, but never leak the write lock */
        error("store: connection released inside a write transaction; rolled back");
        db_rollback(d);
    }
    d->guard = NULL;
    pool *p = d->replica ? &s->replica : &s->primary;
    pthread_mutex_lock(&p->mu);
    p->free_list[p->nfree++] = d;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

int store_migrate(store *s, char *err, size_t errlen)
{
    db *d = store_acquire(s);
    int applied = 0;
    int rc = migrate_run(d, &applied, err, errlen);
    store_release(s, d);
    if (rc == WY_OK && applied)
        log_info("migrations: applied %d", applied);
    return rc;
}

static void pool_stats(pool *p, store_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (!p->size)
        return;
    pthread_mutex_lock(&p->mu);
    out->pool_size = p->size;
    out->pool_in_use = p->size - p->nfree;
    out->acquires = p->acquires;
    out->waits = p->waits;
    for (int i = 0; i < p->size; i++) {
        db_stats ds;
        db_stats_get(p->all[i], &ds);
        out->statements += ds.statements;
        out->errors += ds.errors;
        out->retries += ds.retries;
    }
    pthread_mutex_unlock(&p->mu);
}

void store_stats_get(store *s, store_stats *out)
{
    pool_stats(&s->primary, out);
}

void store_stats_replica(store *s, store_stats *out)
{
    pool_stats(&s->replica, out);
}

int store_begin(db *c, int write)
{
    return write ? db_begin_write(c) : db_begin_read(c);
}

int store_commit(db *c)
{
    return db_commit(c);
}

void store_rollback(db *c)
{
    db_rollback(c);
}

int store_savepoint(db *c)
{
    return db_savepoint(c);
}

int store_savepoint_release(db *c)
{
    return db_savepoint_release(c);
}

void store_savepoint_rollback(db *c)
{
    db_savepoint_rollback(c);
}
