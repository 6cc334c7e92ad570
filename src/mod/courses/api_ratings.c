/*
 * api_ratings: rating a course or a teacher, and their approved ratings (the core's ratings,
 * web/ratings.h; the moderation queue of every kind is GET /api/v1/ratings).
 */
#include "mod/courses/course_rating.h"
#include "mod/courses/handlers.h"
#include "web/ratings.h"

void api_course_rating_post(http_req *req)
{
    web_api_rating_post(req, COURSE_RATING_KIND);
}

void api_course_ratings(http_req *req)
{
    web_api_subject_ratings(req, COURSE_RATING_KIND);
}

void api_teacher_rating_post(http_req *req)
{
    web_api_rating_post(req, TEACHER_RATING_KIND);
}

void api_teacher_ratings(http_req *req)
{
    web_api_subject_ratings(req, TEACHER_RATING_KIND);
}

int api_rating_add(http_req *req, json_t *j, const char *kind, int64_t id)
{
    rating_summary s;
    if (rating_summary_of(req_ctx(req), kind, id, &s) < 0)
        return -1;
    json_object_set_new(j, "rating", web_rating_summary_json(&s));
    return 0;
}
