/*
 * shift: the shifts of a volunteer project and volunteers' sign-ups to them (docs/volunteers.md,
 * "Shifts and sign-ups").
 *
 * A shift (a time, a place, places, skills wanted) is written by whoever holds
 * volunteers_manage over its project's division, and read by anyone once the project is
 * published. Its places are a pool of the seat inventory (core/seats.h): a registered volunteer
 * signs up through the seat writer (a seats_kind of this module, the same writer thread and
 * group commit as bookings and course places), which takes a place by the guarded update or
 * puts the sign-up at the end of the shift's waiting list, in one durable transaction; only then
 * is the volunteer answered. A volunteer holds no two live sign-ups of shifts that overlap in
 * time. Giving a place up before the shift starts promotes the first waiter (seats_promote).
 * Coordinators find volunteers free at the shift's time by skill and service area and invite
 * them (指挥调度); an invitation is a sign-up 'invited' that its volunteer accepts (a place or the
 * waiting list, by the same rules) or declines. A cancelled shift frees everyone and tells them.
 */
#ifndef WY_SHIFT_H
#define WY_SHIFT_H

#include "core/domain.h"
#include "core/seats.h"
#include "mod/volunteers/shift_store.h"
#include "mod/volunteers/volunteer.h"

#define SHIFT_CAPACITY_MAX 1000
#define SHIFT_SKILLS_MAX   5
#define SHIFT_LENGTH_MAX   (24 * 3600 * 1000LL) /* a shift lasts at most a day */

typedef struct shift_input {
    const char *title; /* 0-100 characters; NULL: "" (create) or unchanged (update) */
    int64_t starts_at, ends_at;
    const char *place; /* 1-200 characters */
    int64_t venue_id;  /* 0: none */
    int capacity;      /* 1-1000 */
    const char *const *skills;
    size_t nskills; /* 0-5, from volunteer_skills */
} shift_input;

/* ---- shifts ---- */
/* A shift of project_id (volunteers_manage over its division; the project not rejected):
 * starts in the future, ends after it starts and within a day. Refusals name the field:
 * bad_time, bad_place, bad_title, bad_capacity, bad_skill, unknown_venue. */
int shift_create(wy_ctx *ctx, int64_t project_id, const shift_input *in, int64_t *id);
/* A shift whose project ctx->who may read (E_NOTFOUND otherwise); p: its project (may be NULL). */
int shift_get(wy_ctx *ctx, int64_t id, volunteer_shift *out, volunteer_project *p);
/* The shifts of a project ctx->who may read, by start, ending after from (0: all). */
int shift_list(wy_ctx *ctx, int64_t project_id, int64_t from, volunteer_shift **out, size_t *n);
/* May ctx->who manage s (volunteers_manage over its division)? Then its check_code may be shown. */
int shift_may_manage(const wy_ctx *ctx, const volunteer_shift *s);
/* Change an open shift that has not started: in as in shift_create; capacity never below the
 * places taken (422 capacity_below_taken); a raised capacity serves the waiting list. */
int shift_update(wy_ctx *ctx, int64_t id, const shift_input *in);
/* Cancel an open shift: every live sign-up is cancelled and told (volunteer.shift_cancelled). */
int shift_cancel(wy_ctx *ctx, int64_t id);

/* ---- sign-ups ---- */
typedef struct signup_job signup_job;
struct signup_job {
    seats_job base; /* first: the writer queues the job by it */
    shift_signup_req req;
    shift_signup_res res;
    int store_rc; /* of the batch */
    void (*done)(signup_job *j);
    void *ud;
};
/* Check ctx->who's sign-up to a shift and fill req: registered (404 not_registered), a minor only
 * with a guardian's consent (422 guardian_consent_required), the project published and the
 * shift open (409 cancelled) and not started (409 started), no live sign-up there (409
 * duplicate) nor at an overlapping shift (409 overlap). idem_key: a retry with it gets its
 * first answer. */
int shift_signup_prepare(wy_ctx *ctx, int64_t shift_id, const char *idem_key,
                         shift_signup_req *req);
/* Queue a job for the seat writer; -1 when the queue is full (shift_busy: 503 busy). */
int shift_signup_submit(signup_job *j);
int shift_busy(wy_ctx *ctx);
/* Sign up synchronously (pages, tests, the demo). */
int shift_signup_now(wy_ctx *ctx, const shift_signup_req *req, shift_signup_res *res);
/* The refusal an outcome means (duplicate, overlap: 409; closed: 409 cancelled); 0 for a place
 * or the waiting list. */
int shift_signup_refuse(wy_ctx *ctx, int outcome);
/* ctx->who gives up their sign-up (a place or the waiting list) before the shift starts
 * (E_NOTFOUND for anyone else's; 422 started after; 409 not_live when it is over already); a
 * freed place goes to the first waiter, told: volunteer.shift_promoted. */
int shift_signup_cancel(wy_ctx *ctx, int64_t signup_id);
/* ctx->who's live sign-up or invitation of a shift: 1 (and out), 0 when none, -1 refused. */
int shift_mine_in(wy_ctx *ctx, int64_t shift_id, shift_signup *out);
/* ctx->who's sign-ups and invitations (live only when live), the latest shift first. */
int shift_mine(wy_ctx *ctx, int live, int limit, shift_signup **out, size_t *n);

/* ---- coordinators: roster, finding and inviting (指挥调度) ---- */
/* The projects, not rejected, of the subtrees where ctx->who holds volunteers_manage, newest
 * first (at most limit). */
int shift_managed_projects(wy_ctx *ctx, int limit, volunteer_project **out, size_t *n);
/* The live sign-ups of a shift with real names (phones masked by the caller), for whoever
 * manages it; recorded as personal.read. */
int shift_roster(wy_ctx *ctx, int64_t shift_id, volunteer_shift *s, shift_signup **out, size_t *n);
/* Volunteers free at the shift's time: skill (NULL: any), service area in division's subtree or
 * containing it (NULL: the shift's division), no live sign-up at an overlapping shift. */
int shift_available(wy_ctx *ctx, int64_t shift_id, const char *division, const char *skill,
                    int64_t after, int limit, volunteer **out, size_t *n);
/* Invite a volunteer to an open shift not started (409 duplicate, 409 overlap; 404 for an
 * unknown volunteer); told: volunteer.shift_invited. */
int shift_invite(wy_ctx *ctx, int64_t shift_id, int64_t volunteer_id, int64_t *id);
/* ctx->who answers their invitation: accept takes a place or joins the waiting list (the shift
 * open and not started; no overlap), decline ends it. out: the sign-up after. */
int shift_invitation_answer(wy_ctx *ctx, int64_t signup_id, int accept, shift_signup *out);

/* `wenyun demo`: shifts of the demo project, sign-ups and an invitation (demo_shifts.c). */
int shifts_demo(wy_ctx *ctx);

#endif
