/*
 * pages_notify: the inbox page (/me/inbox), where a person reads what happened to them. The
 * sentence of each notification comes from the module that sends its kind (mod/module.h,
 * wy_notify_kind, found with modules_notify_kind), so this module includes none of them; a
 * notification whose kind no module sends any more shows what it was about.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/notify.h"
#include "mod/module.h"
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

const char *inbox_text(http_req *req, const notification *n)
{
    const wy_notify_kind *k = modules_notify_kind(n->kind);
    const char *t = k && k->text ? k->text(req, n) : NULL;
    if (t)
        return t;
    if (!n->title)
        return n->kind;
    return n->at ? arena_sprintf(&req->a, "%s (%s)", n->title, local_time(req, n->at)) : n->title;
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
        html_lit(&h, "\">");
        /* a page of the site only: a path, never another address */
        int link = ns[i].href && ns[i].href[0] == '/' && ns[i].href[1] != '/';
        if (link) {
            html_lit(&h, "<a href=\"");
            html_attr(&h, ns[i].href);
            html_lit(&h, "\">");
        }
        html_text(&h, inbox_text(req, &ns[i]));
        if (link)
            html_lit(&h, "</a>");
        html_lit(&h, " <span class=\"muted\">");
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
