/*
 * pages_feedback: the public pages of feedback (docs/feedback.md, "Pages"), phone first:
 * /feedback lists the open surveys, holds the form to file a complaint or a suggestion and
 * shows the answered ones, anonymised; /feedback/surveys/{id} is a survey to fill. The same
 * rules as the API (feedback.h). An anonymous answer is kept once per browser: the page gives
 * the browser a random device cookie.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/division.h"
#include "core/site.h"
#include "mod/feedback/feedback.h"
#include "mod/feedback/handlers.h"

#define DEVICE_COOKIE "wy_device"

#ifndef N_
#define N_(s) s /* a msgid translated where it is shown */
#endif

static void message(http_req *req, html *h)
{
    const char *m = req_query(req, "msg");
    const char *t = !m                       ? NULL
                    : !strcmp(m, "answered") ? N_("Thank you: your answers have been recorded.")
                    : !strcmp(m, "complaint_filed") ? N_("Thank you: your message has been sent to "
                                                         "the staff responsible.")
                                                    : NULL;
    if (!t)
        return;
    html_lit(h, "<p class=\"flash\" role=\"status\">");
    web_t(req, h, t);
    html_lit(h, "</p>");
}

static void refusal(http_req *req, html *h, const wy_ctx *ctx)
{
    html_lit(h, "<p class=\"flash error\" role=\"alert\">");
    web_t(req, h, ctx->err.message);
    html_lit(h, "</p>");
}

void feedback_kind_label(http_req *req, html *h, const char *kind)
{
    if (!strcmp(kind, "complaint"))
        web_t(req, h, "Complaint");
    else
        web_t(req, h, "Suggestion");
}

/* The surveys about the activities the reader attended and has not answered yet. */
static void offers_section(http_req *req, html *h)
{
    wy_ctx *ctx = req_ctx(req);
    survey_row *os;
    size_t n;
    wy_error err = ctx->err;
    if (feedback_survey_offers(ctx, &os, &n) < 0)
        n = 0; /* the page stands without them */
    ctx->err = err;
    if (!n)
        return;
    html_lit(h, "<section class=\"card\" id=\"feedback-offers\"><h2>");
    web_t(req, h, "Tell us how it went");
    html_lit(h, "</h2><p class=\"small\">");
    web_t(req, h, "You took part in these activities: a few questions about each.");
    html_lit(h, "</p><ul class=\"list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li class=\"offer\" data-survey=\"");
        html_int(h, os[i].id);
        html_lit(h, "\"><a href=\"/feedback/surveys/");
        html_int(h, os[i].id);
        html_lit(h, "\">");
        html_text(h, os[i].title);
        html_lit(h, "</a> <span class=\"small\">");
        web_t(req, h, "until");
        html_lit(h, " ");
        html_date(h, os[i].closes_at);
        html_lit(h, "</span></li>");
    }
    html_lit(h, "</ul></section>");
}

static void feedback_page(http_req *req, int status, int failed)
{
    wy_ctx *ctx = req_ctx(req);
    survey_row *ss = NULL;
    complaint_row *cs = NULL;
    size_t ns = 0, nc = 0;
    int64_t cursor = 0;
    int limit;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    wy_error err = ctx->err;
    if (feedback_survey_list(ctx, NULL, 1, 0, 50, &ss, &ns) < 0 ||
        feedback_complaint_list_public(ctx, req_query(req, "division"), cursor, limit, &cs, &nc) <
            0) {
        resp_fail(req);
        return;
    }
    ctx->err = err;
    char city[DIVISION_CODE_MAX];
    site_city(ctx->cfg, city);
    division *ds = NULL;
    size_t nd = 0;
    if (division_children(ctx, city, &ds, &nd) < 0)
        nd = 0;
    html h;
    web_begin(req, &h, req_tr(req, "Feedback"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Feedback");
    html_lit(&h, "</h1>");
    message(req, &h);
    offers_section(req, &h);
    html_lit(&h, "<section id=\"feedback-surveys\"><h2>");
    web_t(req, &h, "Open surveys");
    html_lit(&h, "</h2>");
    if (!ns)
        web_empty(req, &h, "No survey is open now.");
    else
        html_lit(&h, "<ul class=\"cards\">");
    for (size_t i = 0; i < ns; i++) {
        html_lit(&h, "<li class=\"card\"><a href=\"/feedback/surveys/");
        html_int(&h, ss[i].id);
        html_lit(&h, "\">");
        html_text(&h, ss[i].title);
        html_lit(&h, "</a><br><span class=\"small\">");
        if (!strcmp(ss[i].kind, "demand"))
            web_t(req, &h, "Demand survey");
        else
            web_t(req, &h, "Satisfaction survey");
        html_lit(&h, "</span></li>");
    }
    if (ns)
        html_lit(&h, "</ul>");
    html_lit(&h, "</section><section id=\"feedback-file\"><h2>");
    web_t(req, &h, "Send a complaint or a suggestion");
    html_lit(&h, "</h2>");
    if (failed)
        refusal(req, &h, ctx);
    html_lit(&h, "<form method=\"post\" action=\"/feedback/complaints\" class=\"stack\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<fieldset><legend>");
    web_t(req, &h, "Kind");
    html_lit(&h, "</legend><label><input type=\"radio\" name=\"kind\" value=\"complaint\" "
                 "checked> ");
    web_t(req, &h, "Complaint");
    html_lit(&h, "</label> <label><input type=\"radio\" name=\"kind\" value=\"suggestion\"> ");
    web_t(req, &h, "Suggestion");
    html_lit(&h, "</label></fieldset><label>");
    web_t(req, &h, "Which area");
    html_lit(&h, "<select name=\"division\" id=\"feedback-division\"><option value=\"");
    html_attr(&h, city);
    html_lit(&h, "\">");
    web_t(req, &h, "The whole city");
    html_lit(&h, "</option>");
    for (size_t i = 0; i < nd; i++) {
        html_lit(&h, "<option value=\"");
        html_attr(&h, ds[i].code);
        html_lit(&h, "\">");
        html_text(&h, ds[i].name);
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select></label><label>");
    web_t(req, &h, "Your message");
    html_lit(&h, "<textarea name=\"text\" id=\"feedback-text\" rows=\"5\" maxlength=\"2000\" "
                 "required></textarea></label><label>");
    web_t(req, &h, "Contact (optional; only staff see it, masked)");
    html_lit(&h, "<input name=\"contact\" id=\"feedback-contact\" maxlength=\"100\" "
                 "autocomplete=\"tel\"></label><button type=\"submit\" id=\"feedback-send\">");
    web_t(req, &h, "Send");
    html_lit(&h, "</button></form></section><section id=\"feedback-answered\"><h2>");
    web_t(req, &h, "Answered");
    html_lit(&h, "</h2>");
    if (!nc)
        web_empty(req, &h, "No answered complaint or suggestion yet.");
    for (size_t i = 0; i < nc; i++) {
        html_lit(&h, "<article class=\"card complaint\" id=\"complaint-");
        html_int(&h, cs[i].id);
        html_lit(&h, "\"><p class=\"small\">");
        feedback_kind_label(req, &h, cs[i].kind);
        html_lit(&h, " · ");
        html_date(&h, cs[i].created_at);
        if (cs[i].venue_name) {
            html_lit(&h, " · ");
            html_text(&h, cs[i].venue_name);
        }
        html_lit(&h, "</p><p>");
        html_text(&h, cs[i].body);
        html_lit(&h, "</p><p class=\"answer\"><strong>");
        web_t(req, &h, "Answer");
        html_lit(&h, ":</strong> ");
        html_text(&h, cs[i].answer ? cs[i].answer : "");
        html_lit(&h, "</p></article>");
    }
    if (nc == (size_t)limit)
        web_pager_id(req, &h, "/feedback", cs[nc - 1].id, NULL);
    html_lit(&h, "</section>");
    web_end(req, &h, status);
}

void page_feedback(http_req *req)
{
    feedback_page(req, 200, 0);
}

void page_feedback_complaint_post(http_req *req)
{
    complaint_input in = {.kind = req_form(req, "kind"),
                          .body = req_form(req, "text"),
                          .division = req_form(req, "division"),
                          .contact = req_form(req, "contact")};
    int64_t id, due;
    if (feedback_complaint_file(req_ctx(req), &in, &id, &due) == 0) {
        resp_redirect(req, "/feedback?msg=complaint_filed");
        return;
    }
    wy_ctx *ctx = req_ctx(req);
    if (ctx->err.cls != E_INVALID) {
        resp_fail(req);
        return;
    }
    feedback_page(req, 400, 1);
}

/* The browser's device id: its cookie, or a new one set on this answer. */
static const char *device_of(http_req *req)
{
    const char *d = req_cookie(req, DEVICE_COOKIE);
    if (d && strlen(d) == 32)
        return d;
    unsigned char raw[16];
    char *hex = arena_alloc(&req->a, 33);
    if (!hex)
        return NULL;
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(hex, 33, raw, sizeof raw);
    resp_set_cookie(req, DEVICE_COOKIE, hex, 365LL * 24 * 3600, 1);
    return hex;
}

static void survey_page(http_req *req, int status, int failed)
{
    wy_ctx *ctx = req_ctx(req);
    survey_row s;
    survey_question *q;
    size_t nq;
    wy_error err = ctx->err;
    if (feedback_survey_get(ctx, req_id(req, 0), &s, &q, &nq) < 0) {
        resp_fail(req);
        return;
    }
    ctx->err = err;
    device_of(req);
    int open = ctx->now >= s.opens_at && ctx->now < s.closes_at;
    html h;
    web_begin(req, &h, s.title);
    html_lit(&h, "<h1>");
    html_text(&h, s.title);
    html_lit(&h, "</h1>");
    if (*s.intro) {
        html_lit(&h, "<p>");
        html_text(&h, s.intro);
        html_lit(&h, "</p>");
    }
    if (failed)
        refusal(req, &h, ctx);
    if (!open) {
        web_empty(req, &h, "This survey is not open.");
        web_end(req, &h, status);
        return;
    }
    if (!(ctx->who && ctx->who->user_id) && !s.anonymous) {
        html_lit(&h, "<p class=\"flash\"><a href=\"/login\">");
        web_t(req, &h, "Log in to answer this survey.");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "<form method=\"post\" class=\"stack survey\" id=\"survey-form\" "
                 "action=\"/feedback/surveys/");
    html_int(&h, s.id);
    html_lit(&h, "\">");
    web_csrf_field(req, &h);
    for (size_t i = 0; i < nq; i++) {
        char name[48];
        snprintf(name, sizeof name, "q%zu", i);
        html_lit(&h, "<fieldset class=\"question\" id=\"question-");
        html_int(&h, (int64_t)i);
        html_lit(&h, "\"><legend>");
        html_int(&h, (int64_t)i + 1);
        html_lit(&h, ". ");
        html_text(&h, q[i].text);
        if (q[i].required)
            html_lit(&h, " <span class=\"req\">*</span>");
        html_lit(&h, "</legend>");
        if (!strcmp(q[i].kind, "text")) {
            html_lit(&h, "<textarea rows=\"3\" maxlength=\"2000\" name=\"");
            html_attr(&h, name);
            html_lit(&h, "\"></textarea>");
        } else {
            int rating = !strcmp(q[i].kind, "rating");
            int multi = !strcmp(q[i].kind, "multiple");
            size_t no = rating ? 5 : q[i].noptions;
            for (size_t k = 0; k < no; k++) {
                html_lit(&h, "<label class=\"choice\"><input type=\"");
                if (multi)
                    html_lit(&h, "checkbox");
                else
                    html_lit(&h, "radio");
                html_lit(&h, "\" name=\"");
                html_attr(&h, name);
                if (multi) {
                    html_lit(&h, "_");
                    html_int(&h, (int64_t)k);
                }
                html_lit(&h, "\" value=\"");
                html_int(&h, rating ? (int64_t)k + 1 : (int64_t)k);
                html_lit(&h, "\"> ");
                if (rating)
                    html_int(&h, (int64_t)k + 1);
                else
                    html_text(&h, q[i].options[k]);
                html_lit(&h, "</label>");
            }
        }
        html_lit(&h, "</fieldset>");
    }
    html_lit(&h, "<button type=\"submit\" id=\"survey-send\">");
    web_t(req, &h, "Send my answers");
    html_lit(&h, "</button></form>");
    web_end(req, &h, status);
}

void page_feedback_survey(http_req *req)
{
    survey_page(req, 200, 0);
}

void page_feedback_survey_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    survey_row s;
    survey_question *q;
    size_t nq;
    if (feedback_survey_get(ctx, req_id(req, 0), &s, &q, &nq) < 0) {
        resp_fail(req);
        return;
    }
    /* the form's fields as the API's answers */
    json_t *answers = json_array();
    for (size_t i = 0; i < nq; i++) {
        char name[48];
        snprintf(name, sizeof name, "q%zu", i);
        json_t *a = NULL;
        if (!strcmp(q[i].kind, "multiple")) {
            json_t *cs = json_array();
            for (size_t k = 0; k < q[i].noptions; k++) {
                snprintf(name, sizeof name, "q%zu_%zu", i, k);
                if (req_form(req, name))
                    json_array_append_new(cs, json_integer((json_int_t)k));
            }
            if (json_array_size(cs))
                a = json_pack("{s:o}", "choices", cs);
            else
                json_decref(cs);
        } else {
            const char *v = req_form(req, name);
            if (v && *v) {
                if (!strcmp(q[i].kind, "text"))
                    a = json_pack("{s:s}", "text", v);
                else
                    a = json_pack("{s:I}", !strcmp(q[i].kind, "rating") ? "rating" : "choice",
                                  (json_int_t)atoll(v));
            }
        }
        if (a) {
            json_object_set_new(a, "question", json_integer((json_int_t)i));
            json_array_append_new(answers, a);
        }
    }
    int64_t rid;
    int rc = feedback_survey_respond(
        ctx, s.id, ctx->who && ctx->who->user_id ? NULL : device_of(req), NULL, 0, answers, &rid);
    json_decref(answers);
    if (rc == 0) {
        resp_redirect(req, "/feedback?msg=answered");
        return;
    }
    if (ctx->err.cls == E_INTERNAL || ctx->err.cls == E_UNAVAILABLE) {
        resp_fail(req);
        return;
    }
    survey_page(req, errclass_status(ctx->err.cls), 1);
}
