/*
 * booking: seats for activity sessions, under a flash crowd. A request is checked against
 * the rules here (the session takes bookings now, companions within the activity's limit,
 * the per-account daily limit), then queued; one writer thread per process takes the queue
 * in batches and books each batch in one transaction (store_booking_batch: one durable
 * commit for many bookings, SQLite synchronous=FULL). Only then is a booking confirmed to
 * anyone. The capacity is enforced by the database statement that takes the seats, so the
 * answer is right even with several app servers on one PostgreSQL.
 *
 * The HTTP layer suspends the connection while its request waits in the queue, so a crowd
 * of waiting requests holds no threads; the job's done() callback (on the writer thread)
 * resumes it.
 */
#ifndef WY_BOOKING_H
#define WY_BOOKING_H

#include "domain/domain.h"

typedef struct booking_job booking_job;
struct booking_job {
    booking_req req;
    booking_res res;
    int store_rc; /* of the batch: WY_OK, or why the whole batch failed */
    void (*done)(booking_job *j);
    void *ud;
    booking_job *next;
};

int booking_service_start(store *st, const wy_config *cfg);
void booking_service_stop(void); /* books what is queued, then stops the writer */

/* Check a request for session_id by ctx->who and fill req (codes, seats). */
int booking_prepare(wy_ctx *ctx, int64_t session_id, const char *const *companions, size_t nc,
                    const char *idem_key, booking_req *req);
/* Queue a job; -1 when the queue is full (the caller answers 503 with Retry-After). */
int booking_submit(booking_job *j);
/* The refusal when the queue is full: 503 with a Retry-After. */
int booking_busy(wy_ctx *ctx);
/* Book synchronously (the command line, tests). */
int booking_book_now(wy_ctx *ctx, const booking_req *req, booking_res *res);

int booking_cancel(wy_ctx *ctx, int64_t id);
/* Check in by code: only staff of the activity's division; a code works once, only for
 * its session when session_id is given. */
int booking_checkin(wy_ctx *ctx, const char *code, int64_t session_id, booking *out);

#endif
