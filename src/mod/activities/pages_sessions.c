/* pages_sessions: the organiser's forms that change or cancel a session. */
#include <stdio.h>
#include <string.h>

#include "mod/activities/activity.h"
#include "mod/activities/handlers.h"
#include "util/timeutil.h"

/* Back to the activity of session sid, or an error page. */
static void after_change(http_req *req, int64_t sid, int failed, const char *msg)
{
    if (failed) {
        web_error_page(req, errclass_status(req->ctx.err.cls), req_tr(req, req->ctx.err.message));
        return;
    }
    activity_session s;
    if (activity_session_get(req_ctx(req), sid, &s, NULL) < 0) {
        web_error_page(req, 404, req_tr(req, "There is no such page."));
        return;
    }
    resp_redirect(req,
                  arena_sprintf(&req->a, "/activities/%lld?msg=%s", (long long)s.activity_id, msg));
}

void page_session_cancel_post(http_req *req)
{
    int64_t sid;
    size_t n;
    sid = req_id(req, 0);
    int rc = activity_session_cancel(req_ctx(req), sid, req_form(req, "reason"), &n);
    after_change(req, sid, rc < 0, "session_cancelled");
}

void page_session_change_post(http_req *req)
{
    int64_t sid = req_id(req, 0);
    session_patch p = {0};
    const char *starts = req_form(req, "starts_at"), *ends = req_form(req, "ends_at");
    const char *cap = req_form(req, "capacity");
    if ((starts && *starts && time_parse_rfc3339(starts, &p.v.starts_at) < 0) ||
        (ends && *ends && time_parse_rfc3339(ends, &p.v.ends_at) < 0)) {
        web_error_page(req, 400, req_tr(req, "Times are written like 2026-05-01T19:30:00+08:00."));
        return;
    }
    p.set |= starts && *starts ? SF_STARTS : 0;
    p.set |= ends && *ends ? SF_ENDS : 0;
    if (cap && *cap) {
        char *end;
        long v = strtol(cap, &end, 10);
        if (*end || v < 1 || v > 1000000) {
            web_error_page(req, 400, req_tr(req, "The capacity is a whole number from 1."));
            return;
        }
        p.v.capacity = (int)v;
        p.set |= SF_CAPACITY;
    }
    /* only a change of time is sent to those booked: the flash says what happened */
    activity_session before, out;
    int had = activity_session_get(req_ctx(req), sid, &before, NULL) == 0;
    req->ctx.err = (wy_error){0}; /* activity_session_change says why, when it refuses */
    int rc = activity_session_change(req_ctx(req), sid, &p, &out);
    int told = !had || before.starts_at != out.starts_at || before.ends_at != out.ends_at;
    after_change(req, sid, rc < 0, told ? "session_changed" : "session_updated");
}
