/*
 * pages_notify: the inbox page (/me/inbox), where a person reads what happened to their
 * bookings, and the organisers' forms that change or cancel a session from its activity's
 * page. The same domain calls as the API.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/activity.h"
#include "core/notify.h"
#include "util/timeutil.h"
#include "mod/inbox/handlers.h"

static const char *local_time(http_req *req, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0'; /* YYYY-MM-DDTHH:MM */
    buf[10] = ' ';
    return arena_strdup(&req->a, buf);
}

/* A decision on a space booking: what, where, when (and how many weeks of a series), and
 * the reason of a rejection; all from the notification's params. */
static const char *space_decision_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    const char *title = json_string_value(json_object_get(p, "title"));
    const char *space = json_string_value(json_object_get(p, "space"));
    const char *why = json_string_value(json_object_get(p, "reason"));
    const char *starts = json_string_value(json_object_get(p, "starts_at"));
    json_int_t weeks = json_integer_value(json_object_get(p, "occurrences"));
    int64_t ms = 0;
    const char *at = starts && time_parse_rfc3339(starts, &ms) == 0 ? local_time(req, ms) : "";
    title = title ? title : "?";
    space = space ? space : "?";
    const char *t =
        !strcmp(n->kind, "space_booking.approved")
            ? arena_sprintf(&req->a, req_tr(req, "Your request for “%s” at %s on %s is approved."),
                            title, space, at)
            : arena_sprintf(&req->a,
                            req_tr(req, "Your request for “%s” at %s on %s is not approved. "
                                        "Reason: %s"),
                            title, space, at, why ? why : "");
    if (t && weeks > 1)
        t = arena_sprintf(
            &req->a, "%s %s", t,
            arena_sprintf(&req->a, req_tr(req, "(%lld weeks of the series)"), (long long)weeks));
    json_decref(p);
    return t;
}

/* The sentence of a notification, in the reader's language. */
static const char *notification_text(http_req *req, const notification *n)
{
    const char *title = n->activity_title ? n->activity_title : "?";
    const char *at = n->starts_at ? local_time(req, n->starts_at) : "";
    if (!strcmp(n->kind, "booking.confirmed"))
        return arena_sprintf(&req->a, req_tr(req, "Your booking for “%s” is confirmed."), title);
    if (!strcmp(n->kind, "booking.promoted"))
        return arena_sprintf(&req->a,
                             req_tr(req,
                                    "A seat came free: your booking for “%s” has moved from the "
                                    "waiting list to confirmed."),
                             title);
    if (!strcmp(n->kind, "session.reminder"))
        return arena_sprintf(&req->a, req_tr(req, "Reminder: “%s” starts at %s."), title, at);
    if (!strcmp(n->kind, "session.cancelled")) {
        json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
        const char *why = json_string_value(json_object_get(p, "reason"));
        const char *t = arena_sprintf(&req->a,
                                      req_tr(req, "The session of “%s” at %s has been cancelled. "
                                                  "Reason: %s"),
                                      title, at, why ? why : "");
        json_decref(p);
        return t;
    }
    if (!strcmp(n->kind, "session.changed"))
        return arena_sprintf(&req->a,
                             req_tr(req, "The session of “%s” has changed: it now starts at %s."),
                             title, at);
    if (!strncmp(n->kind, "space_booking.", 14))
        return space_decision_text(req, n);
    return n->kind;
}

void page_inbox(http_req *req)
{
    int limit;
    int64_t cursor, unread;
    if (req_page(req, 30, 100, &limit, &cursor) < 0)
        return;
    notification *ns;
    size_t n;
    if (notify_inbox(req_ctx(req), cursor, limit, &ns, &n, &unread) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Inbox"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Inbox");
    html_lit(&h, "</h1>");
    web_flash(req, &h);
    html_lit(&h, "<p class=\"muted\" id=\"inbox-unread\">");
    html_text(&h, arena_sprintf(&req->a, req_tr(req, "%lld unread"), (long long)unread));
    html_lit(&h, " · <a href=\"/me/bookings\">");
    web_t(req, &h, "My bookings");
    html_lit(&h, "</a></p>");
    if (unread) {
        html_lit(&h, "<form method=\"post\" action=\"/me/inbox/read\" class=\"inline\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
        web_t(req, &h, "Mark all read");
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "<section class=\"card\">");
    if (n == 0) {
        web_empty(req, &h, "No notifications yet.");
    }
    html_lit(&h, "<ul class=\"list\" id=\"inbox\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li class=\"");
        html_attr(&h, ns[i].read_at ? "read" : "unread");
        if (ns[i].activity_id) {
            html_lit(&h, "\"><a href=\"/activities/");
            html_int(&h, ns[i].activity_id);
            html_lit(&h, "\">");
        } else { /* a space booking's decision */
            html_lit(&h, "\"><a href=\"/me/space-bookings\">");
        }
        html_text(&h, notification_text(req, &ns[i]));
        html_lit(&h, "</a> <span class=\"muted\">");
        html_text(&h, local_time(req, ns[i].created_at));
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/me/inbox", ns[n - 1].id, NULL);
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_inbox_read_post(http_req *req)
{
    int64_t changed, unread;
    if (notify_mark_read(req_ctx(req), NULL, 0, 1, &changed, &unread) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/inbox?msg=read");
}
