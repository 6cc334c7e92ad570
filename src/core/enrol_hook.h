/*
 * enrol_hook: a place in a course given by another module (a course_place reward), a hook
 * between the module that enrols (courses) and the modules that grant places (rewards), so
 * that neither includes the other. The enrolling module registers itself at start-up (its
 * init); a granting module asks it through enrol_hook_get().
 *
 * Two steps, like the enrolling module's own path: prepare checks, on the caller's
 * connection, that ctx->who may take a place in the course now (its enrolment rules:
 * published, window open, eligible, not enrolled, under the term's limit, a place seemingly
 * left) and returns an opaque request kept in ctx's arena; take is called inside the granting
 * module's write transaction (its savepoint, possibly on the seat writer's connection) and
 * takes the place with the seat inventory's guarded updates. A refused take leaves its
 * outcome: the caller rolls back its savepoint, so nothing of the grant stays either.
 */
#ifndef WY_ENROL_HOOK_H
#define WY_ENROL_HOOK_H

#include <stdint.h>

#include "core/domain.h"

typedef struct enrol_hook {
    /* May a grant of organisation division name course_id? 0, or -1 with the refusal on ctx
     * (400 unknown_course, course_not_first_come; 422 course_out_of_area). */
    int (*check_course)(wy_ctx *ctx, int64_t course_id, const char *division);
    /* Check ctx->who's request for a place in course_id now and prepare it (*req, in ctx's
     * arena); -1 with the refusal on ctx. */
    int (*prepare)(wy_ctx *ctx, int64_t course_id, const void **req);
    /* Take the place inside the caller's transaction. WY_OK with *outcome 0 and *place_id,
     * or with *outcome the refusal (the caller rolls back); else a store error. */
    int (*take)(db *c, const void *req, int *outcome, int64_t *place_id);
    /* The refusal of a take's outcome on ctx (409 full, duplicate, over_limit). */
    int (*refuse)(wy_ctx *ctx, int outcome);
} enrol_hook;

/* Register the enrolling module's hook (one; again is harmless). */
void enrol_hook_register(const enrol_hook *h);
/* The hook, or NULL when no module enrols. */
const enrol_hook *enrol_hook_get(void);

#endif
