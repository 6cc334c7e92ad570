/*
 * posts: posts at venues (阵地资源管理), pairings of teams with venues (驻堂/结对) and the
 * accident insurance of projects (docs/volunteers.md, "Posts, pairings and insurance").
 *
 * A post is a standing need of a venue, written and closed by whoever holds volunteers_manage
 * over the venue's division; anyone reads the open ones. A registered volunteer offers to take
 * an open post (an application, pending); a coordinator over the venue's division, never the
 * applicant, accepts or declines it and the volunteer is told; the volunteer may withdraw a
 * pending one. One live (pending or accepted) application per volunteer and post. A pairing
 * of a team or organisation with a venue and a project's insurance are written the same way.
 */
#ifndef WY_POSTS_H
#define WY_POSTS_H

#include "core/domain.h"
#include "mod/volunteers/posts_store.h"
#include "mod/volunteers/volunteer.h"

typedef struct post_input {
    int64_t venue_id;
    const char *title;       /* 1-100 characters */
    const char *description; /* 0-2000; NULL: "" */
    const char *schedule;    /* 0-200; NULL: "" */
    int wanted;              /* 1-100 */
    const char *const *skills;
    size_t nskills; /* 0-5, from volunteer_skills */
} post_input;

/* ---- posts ---- */
/* A post at in->venue_id (volunteers_manage over the venue's division); refusals name the
 * field: unknown_venue, bad_title, bad_description, bad_schedule, bad_wanted, bad_skill.
 * Audited: volunteer_post.create. */
int post_create(wy_ctx *ctx, const post_input *in, int64_t *id);
/* Change a post (open or closed): in as post_create takes it, but for the venue, which stays;
 * the same refusals, and 422 wanted_below_accepted under the offers accepted. Audited:
 * volunteer_post.update with the names of the fields that changed. */
int post_update(wy_ctx *ctx, int64_t id, const post_input *in);
/* Open a closed post again (409 open when it is open); the offers declined when it closed stay
 * declined. Audited: volunteer_post.reopen. */
int post_reopen(wy_ctx *ctx, int64_t id);
/* Any post (open or closed) by id. */
int post_get(wy_ctx *ctx, int64_t id, volunteer_post *out);
/* An application its volunteer or a coordinator over the post's division may read (404 for
 * anyone else). */
int post_application_get(wy_ctx *ctx, int64_t id, post_application *out);
/* Open posts (all posts when all and ctx->who manages the subtree) in division's subtree
 * (NULL or "": everywhere) or at venue_id (0: any), newest first, before cursor. */
int post_list(wy_ctx *ctx, const char *division, int64_t venue_id, int all, int64_t before,
              int limit, volunteer_post **out, size_t *n);
/* May ctx->who manage p (volunteers_manage over its division)? */
int post_may_manage(const wy_ctx *ctx, const volunteer_post *p);
/* Close an open post (409 closed when it is not); pending applications are declined.
 * Audited: volunteer_post.close. */
int post_close(wy_ctx *ctx, int64_t id);

/* ---- applications ---- */
/* ctx->who offers to take an open post: registered (404 not_registered), the post open (409
 * closed), no live application there (409 duplicate); note at most 200 characters. */
int post_apply(wy_ctx *ctx, int64_t post_id, const char *note, int64_t *id);
/* ctx->who withdraws their own pending application (404 for anyone else's; 409 not_pending). */
int post_withdraw(wy_ctx *ctx, int64_t application_id);
/* A coordinator over the post's division accepts or declines a pending application (403
 * own_application for one's own; 409 not_pending); the volunteer is told. */
int post_decide(wy_ctx *ctx, int64_t application_id, int accept);
/* The applications of a post (live only when live), with real names, for its coordinators;
 * recorded as personal.read. */
int post_applications(wy_ctx *ctx, int64_t post_id, int live, post_application **out, size_t *n);
/* The accepted volunteers of a post with their names (the caller masks them for the public). */
int post_accepted(wy_ctx *ctx, int64_t post_id, post_application **out, size_t *n);
/* ctx->who's live application of a post: 1 (and out), 0 none, -1 refused. */
int post_mine_in(wy_ctx *ctx, int64_t post_id, post_application *out);

/* ---- pairings (驻堂/结对) ---- */
/* Pair org_id with venue_id from starts_on, until ends_on (NULL: open), note at most 200
 * characters; volunteers_manage over the venue's division. Refusals: unknown_org,
 * unknown_venue, bad_date, bad_note. Audited: volunteer_pairing.create. */
int pairing_create(wy_ctx *ctx, int64_t org_id, int64_t venue_id, const char *starts_on,
                   const char *ends_on, const char *note, int64_t *id);
/* End a pairing on ends_on (not before it started; 409 ended when it has an end already).
 * Audited: volunteer_pairing.end. */
int pairing_end(wy_ctx *ctx, int64_t id, const char *ends_on);
int pairing_get(wy_ctx *ctx, int64_t id, volunteer_pairing *out);
/* Pairings of a venue or of an organisation (one of them non-zero), newest first. */
int pairing_list(wy_ctx *ctx, int64_t venue_id, int64_t org_id, volunteer_pairing **out, size_t *n);

/* ---- insurance ---- */
/* Record (or replace) a project's insurance: volunteers_manage over the project's division.
 * Refusals: bad_insurer, bad_policy_no, bad_date, bad_summary. Audited:
 * volunteer_project.insurance. */
int insurance_put(wy_ctx *ctx, int64_t project_id, const project_insurance *in);
/* A project's insurance: 1 (and out), 0 none; the project visible to ctx->who. */
int insurance_get(wy_ctx *ctx, int64_t project_id, project_insurance *out);
/* May ctx->who see the policy number (volunteers_manage over the project's division)? */
int insurance_may_see_policy(const wy_ctx *ctx, const volunteer_project *p);

/* The venues (at most limit each scope) and the posts (open and closed) of the subtrees where
 * ctx->who holds volunteers_manage, for the coordinators' page. */
int post_managed(wy_ctx *ctx, int limit, post_venue **venues, size_t *nv, volunteer_post **posts,
                 size_t *np);

/* `wenyun demo`: a post at a venue of 东区, the demo team paired with it, the demo project
 * insured (demo_posts.c). */
int posts_demo(wy_ctx *ctx);

#endif
