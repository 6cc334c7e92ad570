/*
 * pages_ratings: the ratings of a course and of a teacher on their pages (the core's ratings,
 * web/ratings.h): the average, the approved ratings, the form for those who attended, and the
 * forms' posts.
 */
#include <string.h>

#include "mod/courses/course_rating.h"
#include "mod/courses/handlers.h"
#include "web/ratings.h"

void web_course_ratings(http_req *req, html *h, const char *kind, int64_t id)
{
    int course = !strcmp(kind, COURSE_RATING_KIND);
    html_lit(h, "<section class=\"card\" id=\"");
    html_attr(h, course ? "course-ratings" : "teacher-ratings");
    html_lit(h, "\">");
    web_ratings_section(req, h, kind, id,
                        arena_sprintf(&req->a,
                                      course ? "/courses/%lld/rate" : "/teachers/%lld/rate",
                                      (long long)id));
    html_lit(h, "</section>");
}

void page_course_rate_post(http_req *req)
{
    web_rate_post(req, COURSE_RATING_KIND,
                  arena_sprintf(&req->a, "/courses/%lld", (long long)req_id(req, 0)));
}

void page_teacher_rate_post(http_req *req)
{
    web_rate_post(req, TEACHER_RATING_KIND,
                  arena_sprintf(&req->a, "/teachers/%lld", (long long)req_id(req, 0)));
}
