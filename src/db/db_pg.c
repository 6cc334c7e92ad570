/*
 * db_pg: the PostgreSQL backend, on libpq. Statements are prepared on the server once per
 * connection (PQprepare) and run with text parameters (PQexecPrepared), so the store's SQL,
 * written with '?' placeholders, runs here after a rewrite to $1, $2, ...
 *
 * Errors map by SQLSTATE onto the classes every backend shares: 23xxx constraint,
 * 40001/40P01 (serialization failure, deadlock) retry, 08xxx and 57P01 connection lost. A
 * lost connection is re-established at the next transaction or statement (PQreset); the
 * server-side prepared statements died with it, so each statement notes the connection
 * generation it was prepared on and prepares again when that has changed.
 */
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_driver.h"
#include "util/strbuf.h"

typedef struct pg_conn {
    PGconn *c;
    unsigned generation; /* bumped at each reconnect */
    unsigned next_name;
    int64_t changes;
    char err[512];
} pg_conn;

typedef struct pg_stmt {
    db_stmt base;
    char name[24];
    char *sql; /* rewritten with $n */
    unsigned prepared_gen;
    int nparams;
    char **values; /* text parameters; NULL is SQL NULL */
    PGresult *res;
    int row, nrows, executed;
} pg_stmt;

#define PGC(d) ((pg_conn *)(d)->impl)
#define PST(s) ((pg_stmt *)(s))

static void set_err(pg_conn *pc, const char *msg)
{
    snprintf(pc->err, sizeof(pc->err), "%s", msg ? msg : "");
    size_t n = strlen(pc->err);
    while (n && (pc->err[n - 1] == '\n' || pc->err[n - 1] == ' '))
        pc->err[--n] = '\0';
}

static int map_state(const char *state)
{
    if (!state)
        return WY_CONNLOST; /* no result at all: the connection is gone */
    if (!strncmp(state, "23", 2))
        return WY_CONSTRAINT;
    if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
        return WY_RETRY;
    if (!strncmp(state, "08", 2) || !strcmp(state, "57P01"))
        return WY_CONNLOST;
    return WY_ERR;
}

/* Reconnect when the connection broke; 0 when it is usable. */
static int ensure_connected(pg_conn *pc)
{
    if (PQstatus(pc->c) == CONNECTION_OK)
        return 0;
    PQreset(pc->c);
    if (PQstatus(pc->c) != CONNECTION_OK) {
        set_err(pc, PQerrorMessage(pc->c));
        return -1;
    }
    pc->generation++;
    return 0;
}

static int result_rc(pg_conn *pc, PGresult *r)
{
    ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY)
        return WY_OK;
    set_err(pc, r ? PQresultErrorMessage(r) : PQerrorMessage(pc->c));
    return map_state(r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL);
}

static int pg_exec(db *d, const char *sql)
{
    pg_conn *pc = PGC(d);
    if (ensure_connected(pc) < 0)
        return WY_CONNLOST;
    PGresult *r = PQexec(pc->c, sql);
    int rc = result_rc(pc, r);
    PQclear(r);
    return rc;
}

static void on_notice(void *arg, const char *msg)
{
    (void)arg;
    (void)msg; /* NOTICEs ("relation exists, skipping") are not errors: drop them */
}

static int pg_open(db *d, const char *url, const db_options *opt, char *err, size_t errlen)
{
    pg_conn *pc = calloc(1, sizeof(*pc));
    if (!pc)
        return WY_NOMEM;
    pc->c = PQconnectdb(url);
    if (PQstatus(pc->c) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(pc->c));
        size_t n = strlen(err);
        while (n && err[n - 1] == '\n')
            err[--n] = '\0';
        PQfinish(pc->c);
        free(pc);
        return WY_ERR;
    }
    PQsetNoticeProcessor(pc->c, on_notice, NULL);
    d->impl = pc;
    char setup[160];
    snprintf(setup, sizeof(setup),
             "SET TIME ZONE 'UTC'; SET lock_timeout = %d; SET client_min_messages = warning%s",
             opt && opt->busy_timeout_ms ? opt->busy_timeout_ms : 5000,
             opt && opt->read_only ? "; SET default_transaction_read_only = on" : "");
    if (pg_exec(d, setup) != WY_OK) {
        snprintf(err, errlen, "cannot set up the PostgreSQL session: %s", pc->err);
        PQfinish(pc->c);
        free(pc);
        return WY_ERR;
    }
    return WY_OK;
}

static void pg_close(db *d)
{
    pg_conn *pc = PGC(d);
    PQfinish(pc->c);
    free(pc);
}

/* '?' -> $n, outside quoted strings and identifiers. */
static char *rewrite(const char *sql, int *nparams)
{
    strbuf sb = STRBUF_INIT;
    int n = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
            sb_addc(&sb, *p);
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            sb_addc(&sb, *p);
        } else if (*p == '?') {
            sb_addf(&sb, "$%d", ++n);
        } else {
            sb_addc(&sb, *p);
        }
    }
    *nparams = n;
    return sb_detach(&sb, NULL);
}

static int prepare_on_server(pg_conn *pc, pg_stmt *s)
{
    PGresult *r = PQprepare(pc->c, s->name, s->sql, 0, NULL);
    int rc = result_rc(pc, r);
    PQclear(r);
    if (rc == WY_OK)
        s->prepared_gen = pc->generation;
    return rc;
}

static db_stmt *pg_prepare(db *d, const char *sql)
{
    pg_conn *pc = PGC(d);
    if (ensure_connected(pc) < 0)
        return NULL;
    pg_stmt *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->sql = rewrite(sql, &s->nparams);
    s->values = calloc((size_t)s->nparams + 1, sizeof(char *));
    snprintf(s->name, sizeof(s->name), "wy%u", pc->next_name++);
    if (!s->values || prepare_on_server(pc, s) != WY_OK) {
        free(s->values);
        free(s->sql);
        free(s);
        return NULL;
    }
    return &s->base;
}

static void clear_values(pg_stmt *s)
{
    for (int i = 0; i < s->nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
}

static void pg_reset(db_stmt *st)
{
    pg_stmt *s = PST(st);
    PQclear(s->res);
    s->res = NULL;
    s->executed = 0;
    s->row = s->nrows = 0;
    clear_values(s);
}

static void pg_finalize(db_stmt *st)
{
    pg_stmt *s = PST(st);
    pg_reset(st);
    /* the server forgets prepared statements when the connection closes */
    free(s->values);
    free(s->sql);
    free(s);
}

static int pg_param_count(db_stmt *st)
{
    return PST(st)->nparams;
}

static void set_value(db_stmt *st, int idx, char *v)
{
    pg_stmt *s = PST(st);
    if (idx < 1 || idx > s->nparams) {
        free(v);
        return;
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = v;
}

static void pg_bind_int(db_stmt *st, int idx, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof(buf), "%lld", (long long)v);
    set_value(st, idx, strdup(buf));
}

static void pg_bind_double(db_stmt *st, int idx, double v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%.17g", v);
    set_value(st, idx, strdup(buf));
}

static void pg_bind_text(db_stmt *st, int idx, const char *v)
{
    set_value(st, idx, strdup(v));
}

static void pg_bind_null(db_stmt *st, int idx)
{
    set_value(st, idx, NULL);
}

static int pg_step(db_stmt *st)
{
    pg_stmt *s = PST(st);
    pg_conn *pc = PGC(st->owner);
    if (!s->executed) {
        s->executed = 1;
        if (ensure_connected(pc) < 0)
            return WY_CONNLOST;
        if (s->prepared_gen != pc->generation) {
            int rc = prepare_on_server(pc, s);
            if (rc != WY_OK)
                return rc;
        }
        s->res = PQexecPrepared(pc->c, s->name, s->nparams, (const char *const *)s->values, NULL,
                                NULL, 0);
        int rc = result_rc(pc, s->res);
        /* the server restarted under an idle connection: outside a transaction nothing is
         * lost by reconnecting and running the statement once more */
        if (rc == WY_CONNLOST && !st->owner->in_write && PQstatus(pc->c) != CONNECTION_OK &&
            ensure_connected(pc) == 0 && prepare_on_server(pc, s) == WY_OK) {
            PQclear(s->res);
            s->res = PQexecPrepared(pc->c, s->name, s->nparams, (const char *const *)s->values,
                                    NULL, NULL, 0);
            rc = result_rc(pc, s->res);
        }
        if (rc != WY_OK)
            return rc;
        const char *ct = PQcmdTuples(s->res);
        pc->changes = ct && *ct ? strtoll(ct, NULL, 10) : 0;
        s->nrows = PQresultStatus(s->res) == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
        s->row = -1;
    }
    if (s->row + 1 >= s->nrows)
        return 0;
    s->row++;
    return 1;
}

static int64_t pg_col_int(db_stmt *st, int col)
{
    pg_stmt *s = PST(st);
    if (!s->res || PQgetisnull(s->res, s->row, col))
        return 0;
    const char *v = PQgetvalue(s->res, s->row, col);
    if (v[0] == 't' || v[0] == 'f') /* a boolean */
        return v[0] == 't';
    return strtoll(v, NULL, 10);
}

static double pg_col_double(db_stmt *st, int col)
{
    pg_stmt *s = PST(st);
    return s->res && !PQgetisnull(s->res, s->row, col)
               ? strtod(PQgetvalue(s->res, s->row, col), NULL)
               : 0;
}

static const char *pg_col_text(db_stmt *st, int col)
{
    pg_stmt *s = PST(st);
    return s->res && !PQgetisnull(s->res, s->row, col) ? PQgetvalue(s->res, s->row, col) : NULL;
}

static int pg_col_null(db_stmt *st, int col)
{
    pg_stmt *s = PST(st);
    return !s->res || PQgetisnull(s->res, s->row, col);
}

static int64_t pg_changes(db *d)
{
    return PGC(d)->changes;
}

static const char *pg_errmsg(db *d)
{
    pg_conn *pc = PGC(d);
    return pc->err[0] ? pc->err : PQerrorMessage(pc->c);
}

static int pg_begin(db *d, int write)
{
    (void)write; /* row locks and constraints do the work; no process-wide writer lock */
    return pg_exec(d, "BEGIN");
}

static int pg_commit(db *d)
{
    pg_conn *pc = PGC(d);
    PGresult *r = PQexec(pc->c, "COMMIT");
    int rc = result_rc(pc, r);
    /* COMMIT of a transaction that failed earlier answers ROLLBACK */
    if (rc == WY_OK && strcmp(PQcmdStatus(r), "COMMIT")) {
        set_err(pc, "the transaction failed and was rolled back");
        rc = WY_ERR;
    }
    PQclear(r);
    return rc;
}

static void pg_rollback(db *d)
{
    pg_conn *pc = PGC(d);
    if (PQtransactionStatus(pc->c) != PQTRANS_IDLE) {
        PGresult *r = PQexec(pc->c, "ROLLBACK");
        PQclear(r);
    }
}

/* ---- LISTEN: a thread with a connection of its own ---- */

struct db_listener {
    pthread_t thread;
    char *url, *channel;
    db_notify_fn cb;
    void *ud;
    int stop_fd[2]; /* a byte written here ends the thread */
};

/* Connect and LISTEN; NULL when the server cannot be reached. */
static PGconn *listen_connect(db_listener *l)
{
    PGconn *c = PQconnectdb(l->url);
    if (PQstatus(c) == CONNECTION_OK) {
        PQsetNoticeProcessor(c, on_notice, NULL);
        char *ident = PQescapeIdentifier(c, l->channel, strlen(l->channel));
        char sql[160];
        snprintf(sql, sizeof(sql), "LISTEN %s", ident ? ident : "\"\"");
        PQfreemem(ident);
        PGresult *r = PQexec(c, sql);
        int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        if (ok)
            return c;
    }
    PQfinish(c);
    return NULL;
}

static void *listen_main(void *arg)
{
    db_listener *l = arg;
    PGconn *c = NULL;
    int backoff_ms = 100;
    for (;;) {
        if (!c) {
            c = listen_connect(l);
            if (c) {
                backoff_ms = 100;
                l->cb("", l->ud); /* following again: what came before may be stale */
            }
        }
        struct pollfd p[2] = {{.fd = l->stop_fd[0], .events = POLLIN},
                              {.fd = c ? PQsocket(c) : -1, .events = POLLIN}};
        int n = poll(p, 2, c ? 1000 : backoff_ms);
        if (n > 0 && (p[0].revents & POLLIN))
            break;
        if (!c) {
            backoff_ms = backoff_ms < 5000 ? backoff_ms * 2 : 5000;
            continue;
        }
        if (n > 0 && !PQconsumeInput(c)) {
            PQfinish(c);
            c = NULL;
            l->cb(NULL, l->ud);
            continue;
        }
        PGnotify *nt;
        while ((nt = PQnotifies(c)) != NULL) {
            l->cb(nt->extra ? nt->extra : "", l->ud);
            PQfreemem(nt);
        }
        if (PQstatus(c) != CONNECTION_OK) {
            PQfinish(c);
            c = NULL;
            l->cb(NULL, l->ud);
        }
    }
    PQfinish(c);
    return NULL;
}

static void pg_listen_stop(db_listener *l)
{
    if (write(l->stop_fd[1], "x", 1) != 1)
        return;
    pthread_join(l->thread, NULL);
    close(l->stop_fd[0]);
    close(l->stop_fd[1]);
    free(l->url);
    free(l->channel);
    free(l);
}

static int pg_listen(const char *url, const char *channel, db_notify_fn cb, void *ud,
                     db_listener **out)
{
    db_listener *l = calloc(1, sizeof(*l));
    if (!l)
        return WY_NOMEM;
    l->url = strdup(url);
    l->channel = strdup(channel);
    l->cb = cb;
    l->ud = ud;
    if (!l->url || !l->channel || pipe(l->stop_fd) != 0) {
        free(l->url);
        free(l->channel);
        free(l);
        return WY_ERR;
    }
    if (pthread_create(&l->thread, NULL, listen_main, l) != 0) {
        close(l->stop_fd[0]);
        close(l->stop_fd[1]);
        free(l->url);
        free(l->channel);
        free(l);
        return WY_ERR;
    }
    *out = l;
    return WY_OK;
}

const db_driver db_pg_driver = {
    .name = "postgresql",
    .dialect = DB_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .param_count = pg_param_count,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_null = pg_col_null,
    .reset = pg_reset,
    .changes = pg_changes,
    .errmsg = pg_errmsg,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .listen = pg_listen,
    .listen_stop = pg_listen_stop,
};
