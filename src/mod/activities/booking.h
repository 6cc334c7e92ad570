/*
 * booking: seats for activity sessions, under a flash crowd. A request is checked against
 * the rules here (the session takes bookings now, companions within the activity's limit,
 * the per-account daily limit: booking_rules.h), then queued; the seat writer
 * (core/seats.h: one thread per process) takes the queue in batches and books each batch in
 * one transaction (store_booking_batch: one durable commit for many bookings, SQLite
 * synchronous=FULL). Only then is a booking confirmed to
 * anyone. The capacity is enforced by the database statement that takes the seats, so the
 * answer is right even with several app servers on one PostgreSQL.
 *
 * The HTTP layer suspends the connection while its request waits in the queue, so a crowd
 * of waiting requests holds no threads; the job's done() callback (on the writer thread)
 * resumes it.
 */
#ifndef WY_BOOKING_H
#define WY_BOOKING_H

#include "core/domain.h"
#include "mod/activities/activity_store.h"
#include "core/seats.h"
#include "util/strbuf.h"

/* A booking queued for the seat writer (core/seats.h): the request's own memory (its arena)
 * holds it until done() has run. */
typedef struct booking_job booking_job;
struct booking_job {
    seats_job base; /* first: the writer queues the job by it */
    booking_req req;
    booking_res res;
    int store_rc; /* of the batch: WY_OK, or why the whole batch failed */
    void (*done)(booking_job *j);
    void *ud;
};

/* Start the seat writer with the booking queue's length (booking.queue_max). */
int booking_service_start(store *st, const wy_config *cfg);
void booking_service_stop(void); /* books what is queued, then stops the writer */

/* Check a request for session_id by ctx->who and fill req (codes, seats). */
int booking_prepare(wy_ctx *ctx, int64_t session_id, const char *const *companions, size_t nc,
                    const char *idem_key, booking_req *req);
/* The hours of priority booking (core/priority.h) ctx->who holds for the activity of s, when
 * s is not open yet at ctx->now (0 otherwise, and for nobody logged in). An activity that no
 * grant names costs no database read (the source's cached flag); for one that a grant names,
 * one read, so that a holder asking early is told their own opening. */
int booking_priority(wy_ctx *ctx, const activity_session *s, int *hours);
/* Queue a job; -1 when the queue is full (the caller answers 503 with Retry-After). */
int booking_submit(booking_job *j);
/* The refusal when the queue is full: 503 with a Retry-After. */
int booking_busy(wy_ctx *ctx);
/* Book synchronously (the command line, tests). */
int booking_book_now(wy_ctx *ctx, const booking_req *req, booking_res *res);

/* Cancel one's own confirmed or waitlisted booking, before its session starts (and before
 * the session's cancel_deadline when it has one): after that, 422 too_late. */
int booking_cancel(wy_ctx *ctx, int64_t id);
/* Check in by code: only staff of the activity's division; a code works once, only for
 * its session when session_id is given, and only from booking.checkin_early_min minutes
 * before the session starts until it ends. */
int booking_checkin(wy_ctx *ctx, const char *code, int64_t session_id, booking *out);

/* ---- attendance: no-shows, the ban, excuses, the organiser's figures ----
 *
 * A booking still confirmed when its session ends is a no-show, provided check-in took
 * place at that session (at least one of its bookings is checked in): staff who never
 * scanned do not turn everyone booked into a no-show. The sweep marks such bookings
 * 'no_show'; the ban rule does not wait for it, it counts them either way.
 *
 * The ban: a no-show "reaches the limit" when, counting it, the account has
 * booking.no_show_limit no-shows (not excused) whose sessions ended within
 * booking.no_show_window_days before its own session's end. The account may not book
 * until booking.ban_days after the end of that session (the latest such, when several). */

/* How far back the sweep looks: sessions that ended within this window. */
#define BOOKING_SWEEP_WINDOW_MS (2LL * 86400000)
/* Sessions of each activity on the organiser's page: those ended within the sweep window and
 * the coming ones, at most this many (the rest through the activity's sessions list). */
#define BOOKING_ORGANISER_SESSIONS 20

/* Mark the no-shows of the sessions that ended within BOOKING_SWEEP_WINDOW_MS and had
 * check-ins (a session where nobody was checked in makes no no-shows): one UPDATE
 * (the periodic job's), in a transaction; running it again changes nothing. Nothing that is
 * read waits for it: every figure counts a confirmed booking of an ended session as a
 * no-show. The number marked, or -1 with the refusal on ctx. */
int booking_sweep_no_shows(wy_ctx *ctx);
/* The ban rule on a person's no-shows (their sessions' end times, oldest first): the time
 * the ban ends, or 0 when there is none at now. limit 0: no bans. */
int64_t booking_ban_end(const int64_t *ends, size_t n, int limit, int64_t window_ms, int64_t ban_ms,
                        int64_t now);
/* When user's ban ends (0: not banned), from the settings. */
int booking_ban_until(wy_ctx *ctx, int64_t user_id, int64_t *until);
/* Excuse a no-show (staff who manage the activity; audited). A confirmed booking of a
 * session that has ended is swept first, so it can be excused at once. */
int booking_excuse(wy_ctx *ctx, int64_t booking_id, const char *reason, booking *out);
/* A session whose activity ctx->who manages (E_NOTFOUND, E_FORBIDDEN otherwise). */
int booking_staff_session(wy_ctx *ctx, int64_t session_id, activity_session *s, activity *a);
/* The attendance list of a session for its staff, in booking order: the bookings after the
 * booking id after, at most limit (0: all), with the session's figures in *k (unless NULL).
 * A read: a confirmed booking of an ended session is listed as 'no_show'. It shows names and
 * numbers: the audit log records it ("personal.read" of the session). */
int booking_attendance(wy_ctx *ctx, int64_t session_id, int64_t after, int limit,
                       activity_session *s, activity *a, attendance_row **rows, size_t *n,
                       session_counts *k);
/* The same as CSV that Excel opens (util/csvwrite.h); phones masked. Recorded in the audit
 * log as "personal.export" of the session. */
int booking_attendance_csv(wy_ctx *ctx, int64_t session_id, strbuf *out);

typedef struct organiser_session {
    activity_session s;
    session_counts k;
} organiser_session;

typedef struct organiser_activity {
    activity a;
    organiser_session *sessions;
    size_t nsessions;
    size_t sessions_total;            /* the activity's sessions from the same time on */
    int64_t rating_sum, rating_count; /* approved ratings */
} organiser_activity;

/* The activities ctx->who manages (in its publish subtree), any status, with the figures of
 * their sessions that ended within BOOKING_SWEEP_WINDOW_MS or are to come (the first
 * BOOKING_ORGANISER_SESSIONS of them). after/limit page by activity id. Four queries a page. */
int booking_organiser_overview(wy_ctx *ctx, int64_t after, int limit, organiser_activity **out,
                               size_t *n);

/* ---- the owner's ticket (booking_code.c) ---- */

/* The booking, with its check-in code, when ctx->who holds it; E_NOTFOUND otherwise (for
 * anyone else the booking does not exist). */
int booking_own_code(wy_ctx *ctx, int64_t booking_id, booking *out);
/* The QR code of the caller's own booking as SVG into out. */
int booking_qr_svg(wy_ctx *ctx, int64_t booking_id, strbuf *out);
/* The bookings of ctx->who, the coming ones first (soonest first), then the past ones
 * (latest first), limit a page (0: 20), after cursor (NULL or "": the first page);
 * *next_cursor is NULL on the last page. */
int booking_mine(wy_ctx *ctx, const char *cursor, int limit, my_booking **out, size_t *n,
                 const char **next_cursor);

/* ---- telling people of their bookings (core/notify.h) ---- */

/* Tell the owner of b of kind (one of the booking_kind_* of activity_store.h) inside the
 * caller's transaction; ab holds the facts of b's session, read into it when it holds
 * another's (the caller releases it: booking_about_release). params: a JSON object's text or
 * NULL. */
int booking_tell(wy_ctx *ctx, const notify_kind *kind, booking_about *ab, const booking *b,
                 const char *params);
/* Tell those promoted from a waiting list (the bookings ids) their seat, inside the caller's
 * transaction. */
int booking_notify_promoted(wy_ctx *ctx, const int64_t *ids, size_t n);
/* The periodic job of day-before reminders (a job of the activities module). */
int booking_job_reminders(wy_ctx *ctx);

#endif
