/*
 * store: the connection pool. Connections are opened at start-up and handed out to one
 * request at a time; a request that finds none free waits on a condition variable (the
 * pool is sized to the worker threads, so waiting is rare and short).
 */
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_driver.h"
#include "store/migrate.h"
#include "util/log.h"

struct store {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    db **all;
    db **free_list;
    int size, nfree;
    uint64_t acquires, waits;
};

int store_open(const char *url, int pool_size, int busy_timeout_ms, store **out, char *err,
               size_t errlen)
{
    store *s = calloc(1, sizeof(*s));
    if (!s)
        return WY_NOMEM;
    s->all = calloc((size_t)pool_size, sizeof(db *));
    s->free_list = calloc((size_t)pool_size, sizeof(db *));
    if (!s->all || !s->free_list) {
        free(s->all);
        free(s->free_list);
        free(s);
        return WY_NOMEM;
    }
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    db_options opt = {.busy_timeout_ms = busy_timeout_ms};
    for (int i = 0; i < pool_size; i++) {
        int rc = db_open(url, &opt, &s->all[i], err, errlen);
        if (rc != WY_OK) {
            s->size = i;
            store_close(s);
            return rc;
        }
        s->free_list[i] = s->all[i];
    }
    s->size = s->nfree = pool_size;
    *out = s;
    return WY_OK;
}

void store_close(store *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->size; i++)
        db_close(s->all[i]);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s->all);
    free(s->free_list);
    free(s);
}

db *store_acquire(store *s)
{
    pthread_mutex_lock(&s->mu);
    s->acquires++;
    if (s->nfree == 0)
        s->waits++;
    while (s->nfree == 0)
        pthread_cond_wait(&s->cv, &s->mu);
    db *d = s->free_list[--s->nfree];
    pthread_mutex_unlock(&s->mu);
    return d;
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
    pthread_mutex_lock(&s->mu);
    s->free_list[s->nfree++] = d;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
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

void store_stats_get(store *s, store_stats *out)
{
    memset(out, 0, sizeof(*out));
    pthread_mutex_lock(&s->mu);
    out->pool_size = s->size;
    out->pool_in_use = s->size - s->nfree;
    out->acquires = s->acquires;
    out->waits = s->waits;
    for (int i = 0; i < s->size; i++) {
        db_stats ds;
        db_stats_get(s->all[i], &ds);
        out->statements += ds.statements;
        out->errors += ds.errors;
        out->retries += ds.retries;
    }
    pthread_mutex_unlock(&s->mu);
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
