/*
 * pages_staff: /admin/feedback, the staff's page of the complaints and suggestions of their
 * subtree (feedback_manage): the pending ones first by deadline as the API lists them, the
 * overdue and escalated ones marked, the contact masked, and under each pending one the form
 * that answers it (the answer, and the text to publish when the filer's words must be
 * redacted); the answered ones on their own tab. The rules are the API's (feedback.h): nobody
 * answers what they filed, a complaint is answered once. Links to each survey's results.
 */
#include <stdlib.h>
#include <string.h>

#include "mod/feedback/feedback.h"
#include "mod/feedback/handlers.h"

#ifndef N_
#define N_(s) s /* a msgid translated where it is shown */
#endif

#define PAGE 20

static void complaint(http_req *req, html *h, const complaint_row *c, int64_t refused_id,
                      const wy_error *e)
{
    wy_ctx *ctx = req_ctx(req);
    int pending = !strcmp(c->status, "pending");
    int overdue = pending && c->due_at && c->due_at < ctx->now;
    html_lit(h, "<article class=\"card complaint");
    if (overdue)
        html_lit(h, " overdue");
    html_lit(h, "\" id=\"complaint-");
    html_int(h, c->id);
    html_lit(h, "\"><p class=\"small\">");
    feedback_kind_label(req, h, c->kind);
    html_lit(h, " · ");
    html_date(h, c->created_at);
    html_lit(h, " · ");
    html_text(h, c->division);
    if (c->venue_name) {
        html_lit(h, " · ");
        html_text(h, c->venue_name);
    }
    if (pending) {
        html_lit(h, " · ");
        web_t(req, h, "due");
        html_lit(h, " ");
        html_date(h, c->due_at);
    }
    if (overdue) {
        html_lit(h, " ");
        web_badge(req, h, "overdue", N_("overdue"));
    }
    if (c->escalated_at) {
        html_lit(h, " ");
        web_badge(req, h, "escalated", N_("escalated"));
    }
    html_lit(h, "</p><p>");
    html_text(h, c->body);
    html_lit(h, "</p>");
    if (c->contact) {
        html_lit(h, "<p class=\"small\">");
        web_t(req, h, "Contact");
        html_lit(h, ": ");
        html_text(h, feedback_mask_contact(&req->a, c->contact));
        html_lit(h, "</p>");
    }
    if (!pending) {
        html_lit(h, "<p class=\"answer\"><strong>");
        web_t(req, h, "Answer");
        html_lit(h, ":</strong> ");
        html_text(h, c->answer ? c->answer : "");
        html_lit(h, "</p>");
        if (c->public_text) {
            html_lit(h, "<p class=\"small\">");
            web_t(req, h, "Published as");
            html_lit(h, ": ");
            html_text(h, c->public_text);
            html_lit(h, "</p>");
        }
        html_lit(h, "</article>");
        return;
    }
    int mine = e && refused_id == c->id;
    if (mine) {
        html_lit(h, "<p class=\"flash error\" role=\"alert\">");
        web_t(req, h, e->message);
        html_lit(h, "</p>");
    }
    html_lit(h, "<form method=\"post\" class=\"stack\" action=\"/admin/feedback/complaints/");
    html_int(h, c->id);
    html_lit(h, "/answer\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Answer");
    html_lit(h, " <textarea name=\"answer\" rows=\"3\" maxlength=\"2000\" required>");
    if (mine)
        html_text(h, req_form(req, "answer") ? req_form(req, "answer") : "");
    html_lit(h, "</textarea></label><label>");
    web_t(req, h, "Text to publish (leave empty to publish the message as written)");
    html_lit(h, " <textarea name=\"public_text\" rows=\"2\" maxlength=\"2000\">");
    if (mine)
        html_text(h, req_form(req, "public_text") ? req_form(req, "public_text") : "");
    html_lit(h, "</textarea></label><button type=\"submit\" class=\"button\">");
    web_t(req, h, "Send the answer");
    html_lit(h, "</button></form></article>");
}

static void staff_page(http_req *req, int status, int64_t refused_id)
{
    wy_ctx *ctx = req_ctx(req);
    wy_error e = ctx->err;
    ctx->err = (wy_error){0};
    const char *st = req_query(req, "status");
    if (!st || strcmp(st, "answered"))
        st = "pending";
    const char *division = req_query(req, "division");
    if (division && !*division)
        division = NULL;
    const char *cursor = req_query(req, "cursor");
    complaint_row *cs;
    size_t n;
    if (feedback_complaint_list_staff(ctx, division, st, cursor ? atoll(cursor) : 0, PAGE, &cs,
                                      &n) < 0) {
        resp_fail(req);
        return;
    }
    survey_row *ss;
    size_t ns;
    if (feedback_survey_list(ctx, division, 0, 0, 50, &ss, &ns) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Complaints and suggestions"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Complaints and suggestions");
    html_lit(&h, "</h1>");
    if (req_query(req, "msg") && !strcmp(req_query(req, "msg"), "answered")) {
        html_lit(&h, "<p class=\"flash\" role=\"status\">");
        web_t(req, &h, "The answer is sent; the filer is told.");
        html_lit(&h, "</p>");
    }
    static const char *const tabs[] = {"pending", "answered", NULL};
    web_tabs(req, &h, "tabs", "/admin/feedback?status=", tabs, st);
    html_lit(&h, "<section id=\"complaints\">");
    if (!n)
        web_empty(req, &h,
                  !strcmp(st, "pending") ? N_("Nothing waits for an answer.")
                                         : N_("No answered complaint or suggestion yet."));
    for (size_t i = 0; i < n; i++)
        complaint(req, &h, &cs[i], refused_id, status == 200 ? NULL : &e);
    if (n == PAGE) {
        const char *params[] = {"status", st, "division", division, NULL};
        web_pager_id(req, &h, "/admin/feedback", cs[n - 1].id, params);
    }
    html_lit(&h, "</section><section class=\"card\" id=\"surveys\"><h2>");
    web_t(req, &h, "Surveys");
    html_lit(&h, "</h2>");
    if (!ns)
        web_empty(req, &h, "No surveys yet.");
    html_lit(&h, "<ul class=\"list\">");
    for (size_t i = 0; i < ns; i++) {
        html_lit(&h, "<li><a href=\"/admin/feedback/surveys/");
        html_int(&h, ss[i].id);
        html_lit(&h, "\">");
        html_text(&h, ss[i].title);
        html_lit(&h, "</a> · <a href=\"/api/v1/feedback/surveys/");
        html_int(&h, ss[i].id);
        html_lit(&h, "/results?format=xlsx\">");
        web_t(req, &h, "Results (Excel)");
        html_lit(&h, "</a> · <a href=\"/api/v1/feedback/surveys/");
        html_int(&h, ss[i].id);
        html_lit(&h, "/results?by=division&format=csv\">");
        web_t(req, &h, "by division (CSV)");
        html_lit(&h, "</a></li>");
    }
    html_lit(&h, "</ul><p><a href=\"/admin/feedback/surveys\" id=\"all-surveys\">");
    web_t(req, &h, "All surveys and their results");
    html_lit(&h, "</a></p></section>");
    web_end(req, &h, status);
}

void page_admin_feedback(http_req *req)
{
    staff_page(req, 200, 0);
}

void page_admin_feedback_answer(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *pub = req_form(req, "public_text");
    if (feedback_complaint_answer(req_ctx(req), id, req_form(req, "answer"),
                                  pub && *pub ? pub : NULL) == 0) {
        resp_redirect(req, "/admin/feedback?msg=answered");
        return;
    }
    wy_ctx *ctx = req_ctx(req);
    int status = ctx->err.cls == E_INVALID     ? 400
                 : ctx->err.cls == E_FORBIDDEN ? 403
                 : ctx->err.cls == E_CONFLICT  ? 409
                                               : 0;
    if (!status) {
        resp_fail(req);
        return;
    }
    staff_page(req, status, id);
}
