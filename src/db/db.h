/*
 * db: the one interface to a SQL database, below the store. A connection (db) belongs to one
 * thread at a time (the store's pool hands it out). Statements are prepared once per
 * connection and cached, keyed by the address of their SQL text, which is always a string
 * literal in the store: so "prepare" in a hot loop costs a hash lookup.
 *
 * SQL is written once with '?' placeholders; a backend rewrites what its dialect needs.
 * Results use one small set of codes for every backend (wy_rc), as callers must react to
 * "try again" or "constraint" the same way whatever the database is.
 */
#ifndef WY_DB_H
#define WY_DB_H

#include <stddef.h>
#include <stdint.h>

typedef enum wy_rc {
    WY_OK = 0,
    WY_ERR = -1,        /* anything else: a bug or an I/O failure; logged */
    WY_RETRY = -2,      /* busy, serialization failure, deadlock: run the transaction again */
    WY_CONSTRAINT = -3, /* unique, foreign key or check constraint */
    WY_NOTFOUND = -4,
    WY_CONNLOST = -5,
    WY_NOMEM = -6,
} wy_rc;

typedef enum db_dialect { DB_SQLITE, DB_POSTGRES } db_dialect;

typedef struct db db;
typedef struct db_stmt db_stmt;
struct arena;

typedef struct db_options {
    int busy_timeout_ms;
    int read_only;
} db_options;

/* The URL with any password replaced by "***", for logs (into out, n bytes). */
void db_redact(const char *url, char *out, size_t n);
int db_open(const char *url, const db_options *opt, db **out, char *err, size_t errlen);
void db_close(db *d);
db_dialect db_get_dialect(const db *d);
const char *db_errmsg(db *d);

/* Tie the connection to the arena of the work using it (a request's): once that arena has
 * refused an allocation (util/arena.h), every statement and commit on the connection fails
 * with WY_NOMEM and only a rollback still runs, so nothing built from a failed allocation is
 * ever written. NULL unties it; the store's pool unties a connection it takes back. */
void db_guard(db *d, const struct arena *a);

/* Run a script of statements with no parameters (migrations). */
int db_exec(db *d, const char *sql);

/* Prepared statements (cached per connection; sql must outlive the connection). */
db_stmt *db_prepare(db *d, const char *sql);
void db_bind_int(db_stmt *st, int idx, int64_t v);      /* idx counts from 1 */
void db_bind_text(db_stmt *st, int idx, const char *s); /* NULL binds SQL NULL */
void db_bind_double(db_stmt *st, int idx, double v);
void db_bind_null(db_stmt *st, int idx);
/* 1: a row is ready; 0: done; < 0: a wy_rc. */
int db_step(db_stmt *st);
int64_t db_col_int(db_stmt *st, int col);
double db_col_double(db_stmt *st, int col);
const char *db_col_text(db_stmt *st, int col); /* valid until the next step or db_done */
int db_col_null(db_stmt *st, int col);
/* Finish with a statement: reset it and clear its bindings. Always call it. */
void db_done(db_stmt *st);
/* Rows changed by the last statement. */
int64_t db_changes(db *d);

/* Prepare and bind in one call. types has one letter per parameter: 'i' int64_t, 'I' an
 * int64_t id where 0 binds SQL NULL, 't' const char * (NULL binds SQL NULL), 'd' double,
 * 'D' a double where NAN binds SQL NULL. NULL on a prepare
 * error. */
db_stmt *db_query(db *d, const char *sql, const char *types, ...);
/* Prepare, bind and run to completion; WY_OK or a wy_rc. */
int db_run(db *d, const char *sql, const char *types, ...);

/* Transactions. A write transaction takes the write lock at its start (BEGIN IMMEDIATE on
 * SQLite), so it cannot fail half-way for a lock another writer holds. */
int db_begin_read(db *d);
int db_begin_write(db *d);
int db_commit(db *d);
void db_rollback(db *d);

/* Savepoints inside a transaction, one name for all (they nest: each release or rollback
 * applies to the innermost). Run as cached prepared statements, not parsed each time: a
 * booking batch takes one per booking. db_savepoint_rollback undoes what followed the
 * savepoint and releases it. */
int db_savepoint(db *d);
int db_savepoint_release(db *d);
int db_savepoint_rollback(db *d);

/* Notifications between processes sharing one database (PostgreSQL LISTEN/NOTIFY): a thread
 * with a connection of its own calls cb(payload, ud) for each notification on channel, and
 * cb(NULL, ud) whenever it may have missed some (the connection was lost; it reconnects) and
 * again with "" once it follows the channel again. WY_NOTFOUND for a backend without
 * notifications (SQLite: every writer of the file is expected to be this process). */
typedef void (*db_notify_fn)(const char *payload, void *ud);
typedef struct db_listener db_listener;
int db_listen(const char *url, const char *channel, db_notify_fn cb, void *ud, db_listener **out);
void db_listen_stop(db_listener *l);
/* Send a notification on channel inside d's transaction (delivered when it commits); a
 * no-op on a backend without notifications. */
int db_notify(db *d, const char *channel, const char *payload);

/* Statistics for /metrics. */
typedef struct db_stats {
    uint64_t statements;
    uint64_t errors;
    uint64_t retries;
} db_stats;
void db_stats_get(db *d, db_stats *out);

#endif
