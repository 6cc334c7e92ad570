/* pages_notices: a notice, and the form that writes one. */
#include <stdio.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/admin/handlers.h"
#include "mod/notices/handlers.h"
#include "mod/notices/notice.h"
#include "util/timeutil.h"

void page_notice(http_req *req)
{
    int64_t id;
    notice n;
    id = req_id(req, 0);
    if (notice_get(req_ctx(req), id, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, n.title);
    html_lit(&h, "<article class=\"card\"><h1>");
    html_text(&h, n.title);
    html_lit(&h, "</h1><p class=\"muted\">");
    if (n.published_at)
        html_date(&h, n.published_at);
    else
        web_t(req, &h, n.status);
    html_lit(&h, "</p><div class=\"prose\">");
    html_text(&h, n.body);
    html_lit(&h, "</div></article>");
    web_end(req, &h, 200);
}

void page_notice_new(http_req *req)
{
    html h;
    web_begin(req, &h, req_tr(req, "New notice"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "New notice");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    html_lit(&h, "<section class=\"card\"><form method=\"post\" action=\"/admin/notices\" "
                 "id=\"notice-form\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<label>");
    web_t(req, &h, "Division code");
    html_lit(&h, "<input name=\"division\" required value=\"");
    html_attr(&h, authz_scope(&req->who, PERM_PUBLISH));
    html_lit(&h, "\"></label><label>");
    web_t(req, &h, "Title");
    html_lit(&h, "<input name=\"title\" required maxlength=\"100\"></label><label>");
    web_t(req, &h, "Text");
    html_lit(&h, "<textarea name=\"body\" rows=\"8\" required></textarea></label>"
                 "<button type=\"submit\">");
    web_t(req, &h, "Submit for review");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, 200);
}

void page_notice_create_post(http_req *req)
{
    int64_t id;
    const char *status;
    wy_ctx *ctx = req_ctx(req);
    if (notice_create(ctx, req_form(req, "division"), req_form(req, "title"), req_form(req, "body"),
                      &id) < 0 ||
        notice_submit(ctx, id, &status) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/admin?msg=submitted");
}
