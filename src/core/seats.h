/*
 * seats: the seat inventory, the one mechanism behind everything that hands out a limited
 * number of places. An activity session's seats and a museum's entry slots use it today; a
 * course's places, a volunteer shift's slots, a market's stalls and reward stock are meant to
 * use it next, without copying it.
 *
 * The words: a pool is what has a capacity (a session, a shift); a claim is one person's hold
 * on some seats of one pool; a claim is live while it holds or waits for seats (confirmed,
 * waitlisted, checked in), over otherwise. Each kind keeps pools and claims in tables of its
 * own: this file knows none of them.
 *
 * What is generic lives here, once:
 *
 * - The arithmetic: the seats left of a pool, whether n more seats fit, a per-person quota.
 * - Capacity in the database: a kind takes seats with ONE guarded update (in SQL,
 *   `UPDATE pool SET taken = taken + n WHERE id = ? AND taken + n <= capacity`), so no
 *   interleaving of writers, processes or app servers can pass the capacity; a check in C is
 *   only ever an early answer. seats_store_ops.take is that update.
 * - One live claim per person and pool: a unique index on the kind's claims (partial, on the
 *   live statuses) refuses the second; the kind's batch answers it as a duplicate. Nothing
 *   here can check it better than the index, so nothing here tries.
 * - The waiting list: waiting claims are served in the order of their position; when seats
 *   free, seats_promote confirms the first in line while it fits, and stops at the first that
 *   does not (nobody jumps the queue).
 * - The writer: one thread per process takes the queued claims in batches of up to
 *   SEATS_BATCH_MAX and books each batch with one durable commit; a claim is answered (its
 *   done callback, on the writer thread) only after that commit. A crowd costs one fsync per
 *   batch, not per person. Jobs of several kinds share the writer: a batch is split into runs
 *   of one kind, each run one transaction.
 *
 * What a kind gives: a seats_kind (its batch function, for the writer) and a seats_store_ops
 * (its three statements, for the waiting list). A job is a struct of the kind's that begins
 * with a seats_job, so the writer queues it without allocating: a request's job lives in the
 * request's arena. tests/unit/test_seats.c has a second, test-only kind.
 */
#ifndef WY_SEATS_H
#define WY_SEATS_H

#include <stddef.h>
#include <stdint.h>

#include "core/seats_store.h"
#include "db/db.h"

/* the arithmetic and the waiting list: seats_store.h */

/* ---- the writer ---- */

#define SEATS_BATCH_MAX 512 /* one durable commit for up to this many claims */

typedef struct seats_job seats_job;

typedef struct seats_kind {
    const char *name; /* in the log */
    /* Book jobs[0..n), all of this kind, on c in one transaction that ends committed (or
     * rolled back), writing each job's own result into the job. WY_OK, or why the whole
     * batch failed: on WY_RETRY or WY_CONNLOST the writer calls it again a little later with
     * the same jobs, so it starts each call afresh. */
    int (*book_batch)(db *c, seats_job *const *jobs, size_t n);
} seats_kind;

/* The head of a kind's job: the kind fills kind and done, the writer the rest. */
struct seats_job {
    const seats_kind *kind;
    /* Called on the writer thread once the job's batch is committed (or has failed: store_rc
     * says). The job's memory must live until then. */
    void (*done)(seats_job *j);
    int store_rc; /* of the batch: WY_OK, or why the whole batch failed */
    seats_job *next;
};

typedef struct store store;

/* Start the writer over st; at most queue_max jobs wait (then seats_submit refuses). */
int seats_writer_start(store *st, size_t queue_max);
/* Book what is queued, then stop the writer. */
void seats_writer_stop(void);
/* Queue a job; -1 when the queue is full or the writer is not running. */
int seats_submit(seats_job *j);

#endif
