/*
 * api_attendance: after the session. The attendance list as CSV, excusing a no-show, and
 * ratings: rating an activity, its approved ratings, the moderation queue and decisions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/handlers.h"
#include "mod/activities/booking.h"
#include "mod/activities/rating.h"
#include "mod/venues/venue.h"

json_t *api_rating_summary(const rating_summary *s)
{
    return json_pack("{s:o,s:I}", "average",
                     s->count ? json_real(round(s->average * 100) / 100) : json_null(), "count",
                     (json_int_t)s->count);
}

int api_venue_rating(http_req *req, void *out, const void *subject)
{
    const venue_view *vv = subject;
    rating_summary rs;
    if (rating_summary_venue(req_ctx(req), vv->v.id, &rs) < 0)
        return -1;
    json_object_set_new(out, "rating", api_rating_summary(&rs)); /* of its activities */
    return 0;
}

static json_t *rating_json(http_req *req, const rating *r, int staff)
{
    char name[RATING_NAME_MAX];
    rating_mask_name(r->user_name, name);
    json_t *j =
        json_pack("{s:I,s:I,s:s,s:i,s:s,s:s,s:s,s:o}", "id", (json_int_t)r->id, "activity_id",
                  (json_int_t)r->activity_id, "activity_title", r->activity_title, "score",
                  r->score, "comment", r->comment ? r->comment : "", "status", r->status, "user",
                  name, "created_at", api_time(r->created_at));
    json_object_set_new(j, "updated_at", api_time(r->updated_at)); /* rated again: later */
    json_object_set_new(j, "own", json_boolean(rating_own(&req->who, r)));
    if (staff) {
        if (r->reason)
            json_object_set_new(j, "reason", json_string(r->reason));
        if (r->decided_at)
            json_object_set_new(j, "decided_at", api_time(r->decided_at));
    }
    return j;
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

void api_rating_create(http_req *req)
{
    int64_t id, score = 0;
    const char *comment = NULL;
    id = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    rating r;
    int replaced = 0;
    if (api_int(req, b, "score", 1, &score) == 0 && api_str(req, b, "comment", 0, &comment) == 0) {
        if (rating_submit(req_ctx(req), id, score, comment, &r, &replaced) < 0)
            resp_fail(req);
        else
            resp_json(req, replaced ? 200 : 201, rating_json(req, &r, 0));
    }
    json_decref(b);
}

void api_activity_ratings(http_req *req)
{
    int64_t id;
    int limit;
    int64_t before;
    id = req_id(req, 0);
    if (req_page(req, 20, 100, &limit, &before) < 0)
        return;
    rating *rs;
    size_t n;
    rating_summary sum;
    if (rating_list_public(req_ctx(req), id, before, limit, &rs, &n) < 0 ||
        rating_summary_activity(req_ctx(req), id, &sum) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, rating_json(req, &rs[i], 0));
    json_t *page = api_page(items, n == (size_t)limit ? rs[n - 1].id : 0);
    json_object_set_new(page, "rating", api_rating_summary(&sum));
    resp_json(req, 200, page);
}

void api_ratings_list(http_req *req)
{
    int limit;
    int64_t before;
    if (req_page(req, 50, 200, &limit, &before) < 0)
        return;
    rating *rs;
    size_t n;
    if (rating_queue(req_ctx(req), req_query(req, "status"), before, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, rating_json(req, &rs[i], 1));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? rs[n - 1].id : 0));
}

void api_rating_decide(http_req *req)
{
    int64_t id;
    const char *decision, *reason = NULL;
    id = req_id(req, 0);
    json_t *b = req_json(req);
    if (!b)
        return;
    rating r;
    if (api_str(req, b, "decision", 1, &decision) == 0 &&
        api_str(req, b, "reason", 0, &reason) == 0) {
        if (rating_decide(req_ctx(req), id, decision, reason, &r) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, rating_json(req, &r, 1));
    }
    json_decref(b);
}
