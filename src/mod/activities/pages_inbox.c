/*
 * pages_inbox: what the inbox (mod/inbox) says of the notifications about bookings, in the
 * reader's language: one sentence per kind, from the notification's snapshot (the activity's
 * title, the session's start at the time) and its params. The descriptor (module.c) lends
 * them to the inbox with the kinds.
 */
#include <jansson.h>
#include <string.h>

#include "mod/activities/handlers.h"
#include "util/timeutil.h"

static const char *local_time(http_req *req, int64_t ms)
{
    char buf[40];
    if (!ms)
        return "";
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0'; /* YYYY-MM-DDTHH:MM */
    buf[10] = ' ';
    return arena_strdup(&req->a, buf);
}

static const char *title_of(const notification *n)
{
    return n->title ? n->title : "?";
}

const char *web_booking_confirmed_text(http_req *req, const notification *n)
{
    return arena_sprintf(&req->a, req_tr(req, "Your booking for “%s” is confirmed."), title_of(n));
}

const char *web_booking_promoted_text(http_req *req, const notification *n)
{
    return arena_sprintf(&req->a,
                         req_tr(req, "A seat came free: your booking for “%s” has moved from the "
                                     "waiting list to confirmed."),
                         title_of(n));
}

const char *web_session_reminder_text(http_req *req, const notification *n)
{
    return arena_sprintf(&req->a, req_tr(req, "Reminder: “%s” starts at %s."), title_of(n),
                         local_time(req, n->at));
}

const char *web_session_changed_text(http_req *req, const notification *n)
{
    return arena_sprintf(&req->a,
                         req_tr(req, "The session of “%s” has changed: it now starts at %s."),
                         title_of(n), local_time(req, n->at));
}

const char *web_session_cancelled_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    const char *why = json_string_value(json_object_get(p, "reason"));
    const char *t = arena_sprintf(&req->a,
                                  req_tr(req, "The session of “%s” at %s has been cancelled. "
                                              "Reason: %s"),
                                  title_of(n), local_time(req, n->at), why ? why : "");
    json_decref(p);
    return t;
}
