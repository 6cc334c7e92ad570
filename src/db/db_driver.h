/*
 * db_driver: what a database backend implements (the Dovecot lib-sql pattern). db.c holds
 * what is common (statement cache, typed binding helpers, statistics) and dispatches here.
 */
#ifndef WY_DB_DRIVER_H
#define WY_DB_DRIVER_H

#include <pthread.h>

#include "db/db.h"

#define DB_STMT_CACHE 512

typedef struct db_driver {
    const char *name;
    db_dialect dialect;
    int (*open)(db *d, const char *url, const db_options *opt, char *err, size_t errlen);
    void (*close)(db *d);
    int (*exec)(db *d, const char *sql);
    db_stmt *(*prepare)(db *d, const char *sql);
    void (*finalize)(db_stmt *st);
    int (*param_count)(db_stmt *st);
    void (*bind_int)(db_stmt *st, int idx, int64_t v);
    void (*bind_double)(db_stmt *st, int idx, double v);
    void (*bind_text)(db_stmt *st, int idx, const char *s);
    void (*bind_null)(db_stmt *st, int idx);
    int (*step)(db_stmt *st);
    int64_t (*col_int)(db_stmt *st, int col);
    double (*col_double)(db_stmt *st, int col);
    const char *(*col_text)(db_stmt *st, int col);
    int (*col_null)(db_stmt *st, int col);
    void (*reset)(db_stmt *st);
    int64_t (*changes)(db *d);
    const char *(*errmsg)(db *d);
    int (*begin)(db *d, int write);
    int (*commit)(db *d);
    void (*rollback)(db *d);
    /* notifications from other processes; NULL when the backend has none */
    int (*listen)(const char *url, const char *channel, db_notify_fn cb, void *ud,
                  db_listener **out);
    void (*listen_stop)(db_listener *l);
} db_driver;

struct db_stmt {
    db *owner;
    const char *sql; /* cache key */
    db_stmt *next;   /* cache chain */
};

struct db {
    const db_driver *drv;
    void *impl;
    int in_write; /* a write transaction is open */
    int replica;  /* belongs to the store's read-replica pool */
    /* the arena whose failure stops the connection: see db_guard() */
    const struct arena *guard;
    db_stmt *cache[DB_STMT_CACHE];
    db_stats stats;
};

extern const db_driver db_sqlite_driver;
extern const db_driver db_pg_driver;

#endif
