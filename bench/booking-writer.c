/*
 * bench/booking-writer: the write path of the seat inventory alone, without HTTP: how many
 * bookings a second the booking writer's batch (store_booking_batch: a savepoint, the guarded
 * seat update, the booking row, its notification and outbox rows, one durable commit per
 * batch) books on one SQLite connection, against raw SQLite inserting the same number of
 * rows into a plain table in batches of the same size with the same durability (the
 * physical ceiling: what group commit can do on this disk).
 *
 *   bench_booking_writer DB USERS BATCH
 *
 * DB is a database made by `wenyun demo` (bench/booking-writer.sh makes one); USERS accounts
 * are added to it and each books one seat of a session with room for all. Prints the wall
 * time and the writer thread's CPU time per booking for both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/store.h"
#include "mod/activities/activity_store.h"
#include "util/timeutil.h"

static double now_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s DB USERS BATCH\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    long users = atol(argv[2]), batch = atol(argv[3]);
    if (users < 1 || batch < 1 || batch > 4096) {
        fprintf(stderr, "booking-writer: USERS >= 1, 1 <= BATCH <= 4096\n");
        return 2;
    }
    char url[4200], err[256];
    snprintf(url, sizeof(url), "sqlite:%s", path);
    store *st;
    if (store_open(url, 2, 5000, &st, err, sizeof(err)) != WY_OK) {
        fprintf(stderr, "booking-writer: %s\n", err);
        return 1;
    }
    db *c = store_acquire(st);
    int64_t t0 = time_now_ms();
    /* the accounts and a session with a seat for each */
    if (db_exec(c, "BEGIN") != WY_OK)
        return 1;
    for (long i = 0; i < users; i++) {
        char phone[32];
        snprintf(phone, sizeof(phone), "1770%07ld", i);
        if (db_run(c,
                   "INSERT INTO users(phone, name, password_hash, status, created_at, updated_at)"
                   " VALUES (?, 'bench', 'x', 'active', ?, ?)",
                   "tii", phone, t0, t0) != WY_OK) {
            fprintf(stderr, "booking-writer: cannot add users: %s\n", db_errmsg(c));
            return 1;
        }
    }
    if (db_run(c,
               "UPDATE activity_sessions SET capacity = ?, confirmed_seats = 0,"
               " status = 'scheduled' WHERE id = (SELECT min(id) FROM activity_sessions)",
               "i", (int64_t)users * 2) != WY_OK ||
        db_exec(c, "COMMIT") != WY_OK) {
        fprintf(stderr, "booking-writer: %s\n", db_errmsg(c));
        return 1;
    }
    db_stmt *q = db_query(c, "SELECT min(id) FROM activity_sessions", "");
    int64_t session = q && db_step(q) == 1 ? db_col_int(q, 0) : 0;
    db_done(q);
    q = db_query(c, "SELECT min(id) FROM users WHERE phone LIKE '1770%'", "");
    int64_t first = q && db_step(q) == 1 ? db_col_int(q, 0) : 0;
    db_done(q);

    booking_req *r = calloc((size_t)batch, sizeof(*r));
    booking_res *o = calloc((size_t)batch, sizeof(*o));
    char(*codes)[24] = calloc((size_t)batch, sizeof(*codes));
    double w0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_THREAD_CPUTIME_ID);
    long booked = 0;
    for (long i = 0; i < users; i += batch) {
        long n = users - i < batch ? users - i : batch;
        int64_t now = time_now_ms();
        for (long j = 0; j < n; j++) {
            snprintf(codes[j], sizeof(codes[j]), "B%010ld", i + j);
            r[j] = (booking_req){.session_id = session,
                                 .user_id = first + i + j,
                                 .seats = 1,
                                 .code = codes[j],
                                 .now = now,
                                 .max_seats_today = 1000,
                                 .day_start = now - 3600000};
        }
        if (store_booking_batch(c, r, (size_t)n, o) != WY_OK) {
            fprintf(stderr, "booking-writer: batch failed: %s\n", db_errmsg(c));
            return 1;
        }
        for (long j = 0; j < n; j++)
            booked += o[j].rc == WY_OK && o[j].outcome == BOOK_CONFIRMED;
    }
    double w1 = now_s(CLOCK_MONOTONIC), c1 = now_s(CLOCK_THREAD_CPUTIME_ID);
    printf("wenyun writer: %ld of %ld confirmed, batches of %ld: %.0f bookings/s,"
           " %.1f us CPU each\n",
           booked, users, batch, (double)users / (w1 - w0), (c1 - c0) * 1e6 / (double)users);

    /* the baseline: the same number of rows of about the same size, plain inserts */
    if (db_exec(c, "CREATE TABLE IF NOT EXISTS bench_rows(id INTEGER PRIMARY KEY,"
                   " a INTEGER, b INTEGER, c TEXT, d INTEGER)") != WY_OK)
        return 1;
    w0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_THREAD_CPUTIME_ID);
    for (long i = 0; i < users; i += batch) {
        long n = users - i < batch ? users - i : batch;
        if (db_exec(c, "BEGIN IMMEDIATE") != WY_OK)
            return 1;
        for (long j = 0; j < n; j++)
            if (db_run(c, "INSERT INTO bench_rows(a, b, c, d) VALUES (?, ?, ?, ?)", "iiti", session,
                       first + i + j, "B0000000000", time_now_ms()) != WY_OK)
                return 1;
        if (db_exec(c, "COMMIT") != WY_OK)
            return 1;
    }
    w1 = now_s(CLOCK_MONOTONIC), c1 = now_s(CLOCK_THREAD_CPUTIME_ID);
    printf("raw SQLite:    %ld rows, batches of %ld: %.0f rows/s, %.1f us CPU each\n", users, batch,
           (double)users / (w1 - w0), (c1 - c0) * 1e6 / (double)users);
    store_release(st, c);
    store_close(st);
    return 0;
}
