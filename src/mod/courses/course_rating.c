/* course_rating: see course_rating.h. */
#include "mod/courses/course_rating.h"

#include <string.h>

#include "mod/courses/course_rating_store.h"
#include "mod/courses/course_store.h"

#define N_(s) s /* a msgid, translated where the refusal is shown */

/* A course: its raters see it once it is published. */
static int course_find(wy_ctx *ctx, int64_t id, const char **title, const char **division,
                       int *shown)
{
    course k;
    int rc = store_course_get(ctx->c, ctx->a, id, &k);
    if (rc != WY_OK)
        return rc;
    *title = k.title;
    *division = k.division;
    *shown = !strcmp(k.status, "published");
    return WY_OK;
}

static int course_attended(wy_ctx *ctx, int64_t id, int64_t user_id, int *ended, int *upcoming)
{
    return store_course_rating_attended(ctx->c, id, user_id, ctx->now, ended, upcoming);
}

/* A teacher: a profile is public (GET /api/v1/teachers/{id}). */
static int teacher_find(wy_ctx *ctx, int64_t id, const char **title, const char **division,
                        int *shown)
{
    course_teacher t;
    int rc = store_teacher_get(ctx->c, ctx->a, id, &t);
    if (rc != WY_OK)
        return rc;
    *title = t.name;
    *division = t.division;
    *shown = 1;
    return WY_OK;
}

static int teacher_attended(wy_ctx *ctx, int64_t id, int64_t user_id, int *ended, int *upcoming)
{
    return store_teacher_rating_attended(ctx->c, id, user_id, ctx->now, ended, upcoming);
}

const rating_subject course_rating_subject = {
    .kind = COURSE_RATING_KIND,
    .href = "/courses/%lld",
    .find = course_find,
    .attended = course_attended,
    .not_attended = N_("Only people who attended a session of this course may rate it."),
    .not_ended = N_("You can rate the course once a session you attended has ended."),
};

const rating_subject teacher_rating_subject = {
    .kind = TEACHER_RATING_KIND,
    .href = "/teachers/%lld",
    .find = teacher_find,
    .attended = teacher_attended,
    .not_attended =
        N_("Only people who attended a session of this teacher's courses may rate the teacher."),
    .not_ended = N_("You can rate the teacher once a session you attended has ended."),
};

int course_rating_register(void)
{
    return rating_subject_register(&course_rating_subject) < 0 ||
                   rating_subject_register(&teacher_rating_subject) < 0
               ? -1
               : 0;
}
