/*
 * granted_places: places in first-come courses given by other modules (a course_place reward
 * of the points supermarket), through the hook of core/enrol_hook.h that courses_init
 * registers. The place is taken by the same rules and the same guarded updates as an
 * enrolment of one's own (enrol_prepare, store_course_enrol_one): eligibility, the term's
 * window and limit, one place per person, never more places than the course has. Only the
 * caller's transaction differs: the place and the grant commit together, or neither does.
 */
#include <string.h>

#include "core/division.h"
#include "core/enrol_hook.h"
#include "mod/courses/enrolment.h"

static int check_course(wy_ctx *ctx, int64_t course_id, const char *division)
{
    course k;
    int rc = store_course_get(ctx->c, ctx->a, course_id, &k);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_course", "No such course.", "course_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (!division_contains(division, k.division))
        return wy_fail_field(ctx, E_RULE, "course_out_of_area",
                             "The course is outside the organisation's area.", "course_id");
    if (strcmp(k.enrolment, "first_come"))
        return wy_fail_field(ctx, E_INVALID, "course_not_first_come",
                             "Places of a lottery course are drawn by lot: name a first-come "
                             "course.",
                             "course_id");
    return 0;
}

static int prepare(wy_ctx *ctx, int64_t course_id, const void **req)
{
    course_enrol_req *r = arena_alloc(ctx->a, sizeof(*r));
    if (!r)
        return wy_fail_store(ctx, WY_NOMEM, "enrolment");
    if (enrol_prepare(ctx, course_id, NULL, NULL, r) < 0)
        return -1;
    *req = r;
    return 0;
}

static int take(db *c, const void *req, int *outcome, int64_t *place_id)
{
    course_enrol_res res;
    int rc = store_course_enrol_one(c, req, &res);
    if (rc != WY_OK)
        return rc;
    *outcome = res.outcome == COURSE_ENROLLED ? 0 : res.outcome;
    *place_id = res.id;
    return WY_OK;
}

static const enrol_hook course_places = {check_course, prepare, take, enrol_refuse};

void course_places_register(void)
{
    enrol_hook_register(&course_places);
}
