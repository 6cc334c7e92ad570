/*
 * api_attendance: after the session. The attendance list as CSV, excusing a no-show, and
 * ratings: rating an activity, its approved ratings, the moderation queue and decisions.
 */
#include <stdlib.h>
#include <string.h>

#include "mod/activities/handlers.h"
#include "mod/activities/booking.h"
#include "mod/activities/rating.h"
#include "mod/venues/venue.h"
#include "web/ratings.h"

int api_venue_rating(http_req *req, void *out, const void *subject)
{
    const venue_view *vv = subject;
    rating_summary rs;
    if (rating_summary_venue(req_ctx(req), vv->v.id, &rs) < 0)
        return -1;
    json_object_set_new(out, "rating", web_rating_summary_json(&rs)); /* of its activities */
    return 0;
}

void api_attendance_csv(http_req *req)
{
    int64_t sid = req_id(req, 0);
    strbuf sb = STRBUF_INIT;
    if (booking_attendance_csv(req_ctx(req), sid, &sb) < 0) {
        resp_fail(req);
    } else {
        resp_text(req, 200, "text/csv; charset=utf-8", sb.buf, sb.len);
        resp_header(
            req, "Content-Disposition",
            arena_sprintf(&req->a, "attachment; filename=\"attendance-%lld.csv\"", (long long)sid));
    }
    sb_release(&sb);
}

void api_booking_excuse(http_req *req)
{
    int64_t id;
    const char *reason = NULL;
    json_t *b = NULL;
    id = req_id(req, 0);
    if (req->body.len) {
        if (!(b = req_json(req)))
            return;
        if (api_str(req, b, "reason", 0, &reason) < 0)
            goto out;
    }
    booking bk;
    if (booking_excuse(req_ctx(req), id, reason, &bk) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:I,s:s,s:b,s:o}", "id", (json_int_t)id, "status", bk.status,
                            "excused", 1, "excused_at", api_time(bk.excused_at)));
out:
    json_decref(b);
}

/* The ratings (web/ratings.h): of an activity, and the moderation queue of every kind. */
void api_rating_create(http_req *req)
{
    web_api_rating_post(req, ACTIVITY_RATING_KIND);
}

void api_activity_ratings(http_req *req)
{
    web_api_subject_ratings(req, ACTIVITY_RATING_KIND);
}

void api_ratings_list(http_req *req)
{
    web_api_ratings_queue(req);
}

void api_rating_decide(http_req *req)
{
    web_api_rating_decide(req);
}
