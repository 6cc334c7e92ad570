/*
 * pages_surveys: the staff's pages of surveys (feedback_manage over the survey's division,
 * docs/feedback.md "Pages"):
 *   /admin/feedback/surveys       the surveys of the caller's subtree (?division=), newest
 *                                 first, open or closed, with their numbers of responses
 *   /admin/feedback/surveys/{id}  a survey's results: the responses, each choice and rating
 *                                 question's counts and percentages as SVG bars (with the same
 *                                 figures in words for a reader without images), the free-text
 *                                 answers masked and paged, the exports (XLSX, CSV by division);
 *                                 the forms that close, reopen and, while nobody has answered,
 *                                 edit it (title, introduction, questions one a line).
 * The rules are the API's (feedback.h); a refusal comes back on the page with its reason.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/feedback/feedback.h"
#include "mod/feedback/handlers.h"
#include "mod/feedback/survey_lines.h"
#include "util/strbuf.h"
#include "util/timeutil.h"
#include "web/form.h"

#ifndef N_
#define N_(s) s /* a msgid translated where it is shown */
#endif

#define PAGE       20 /* surveys a page */
#define TEXTS_PAGE 20 /* free-text answers a page, per question */

/* A datetime-local field ("2026-05-01T18:00", China time) in ms; 0 when empty or not one. */
static int64_t local_ms(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    int64_t ms = 0;
    if (v && strlen(v) >= 16) {
        char buf[40];
        snprintf(buf, sizeof(buf), "%.16s:00+08:00", v);
        if (time_parse_rfc3339(buf, &ms) < 0)
            ms = 0;
    }
    return ms;
}

static int is_open(const survey_row *s, int64_t now)
{
    return now >= s->opens_at && now < s->closes_at;
}

static void state_badge(http_req *req, html *h, const survey_row *s, int64_t now)
{
    if (is_open(s, now))
        web_badge(req, h, "open", N_("open"));
    else if (now < s->opens_at)
        web_badge(req, h, "scheduled", N_("not open yet"));
    else
        web_badge(req, h, "closed", N_("closed"));
}

static void kind_label(http_req *req, html *h, const char *kind)
{
    if (!strcmp(kind, "satisfaction"))
        web_t(req, h, "Satisfaction survey");
    else
        web_t(req, h, "Demand survey");
}

/* ---- the list ---------------------------------------------------------------------------- */

void page_admin_surveys(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division = req_query(req, "division");
    if (division && !*division)
        division = NULL;
    const char *cursor = req_query(req, "cursor");
    survey_row *ss;
    size_t n;
    if (feedback_survey_list_staff(ctx, division, cursor ? atoll(cursor) : 0, PAGE, &ss, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Surveys"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Surveys");
    html_lit(&h, "</h1><p><a href=\"/admin/feedback\">");
    web_t(req, &h, "Complaints and suggestions");
    html_lit(&h, "</a> · <a href=\"/admin/feedback/surveys/new\" id=\"new-survey-link\">");
    web_t(req, &h, "Write a survey");
    html_lit(&h, "</a></p>");
    if (!n) {
        web_empty(req, &h, "No surveys yet.");
    } else {
        html_lit(&h, "<div class=\"scroll\"><table id=\"surveys\">");
        static const web_col cols[] = {{N_("Survey"), 0},   {N_("Kind"), 0},   {N_("Division"), 0},
                                       {N_("Opens"), 0},    {N_("Closes"), 0}, {N_("Status"), 0},
                                       {N_("Responses"), 1}};
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            const survey_row *s = &ss[i];
            html_lit(&h, "<tr data-survey=\"");
            html_int(&h, s->id);
            html_lit(&h, "\"><td><a href=\"/admin/feedback/surveys/");
            html_int(&h, s->id);
            html_lit(&h, "\">");
            html_text(&h, s->title);
            html_lit(&h, "</a></td><td>");
            kind_label(req, &h, s->kind);
            html_lit(&h, "</td><td>");
            html_text(&h, s->division);
            html_lit(&h, "</td><td>");
            html_date(&h, s->opens_at);
            html_lit(&h, "</td><td>");
            html_date(&h, s->closes_at);
            html_lit(&h, "</td><td>");
            state_badge(req, &h, s, ctx->now);
            html_lit(&h, "</td><td class=\"num\">");
            html_int(&h, s->responses);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    if (n == PAGE) {
        const char *params[] = {"division", division, NULL};
        web_pager_id(req, &h, "/admin/feedback/surveys", ss[n - 1].id, params);
    }
    web_end(req, &h, 200);
}

/* ---- a survey's results ------------------------------------------------------------------ */

static void pct_text(html *h, int64_t part, int64_t whole)
{
    double p = whole ? round(1000.0 * (double)part / (double)whole) / 10.0 : 0;
    char b[32];
    snprintf(b, sizeof b, "%.1f%%", p);
    html_text(h, b);
}

/* A question's counts as horizontal bars: one row per option (or rating 1 to 5), its label,
 * its bar as wide as its share of those who answered, its count and percentage. */
static void bars(http_req *req, html *h, size_t qi, const survey_question *q, const survey_tally *t)
{
    int rating = !strcmp(q->kind, "rating");
    size_t nc = rating ? 5 : q->noptions;
    enum { LABEL = 200, WIDTH = 640, ROW = 24, SPAN = WIDTH - LABEL - 110 };
    int height = (int)nc * ROW + 4;
    html_lit(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" id=\"q");
    html_int(h, (int64_t)qi);
    html_lit(h, "-chart\" width=\"100%\" viewBox=\"0 0 ");
    html_int(h, WIDTH);
    html_lit(h, " ");
    html_int(h, height);
    html_lit(h, "\" role=\"img\" aria-label=\"");
    html_attr(h, q->text);
    html_lit(h, "\">");
    for (size_t k = 0; k < nc; k++) {
        int64_t c = t->counts ? t->counts[k] : 0;
        int y = (int)k * ROW;
        char label[24];
        snprintf(label, sizeof label, "%zu", k + 1);
        html_lit(h, "<g class=\"bar\"><text font-size=\"12\" x=\"0\" y=\"");
        html_int(h, y + 16);
        html_lit(h, "\">");
        html_text(h, rating ? label : q->options[k]);
        html_lit(h, "</text><rect y=\"");
        html_int(h, y + 4);
        html_lit(h, "\" height=\"16\" fill=\"#3b6ea5\" x=\"");
        html_int(h, LABEL);
        html_lit(h, "\" width=\"");
        int w = t->answered ? (int)lround((double)c * SPAN / (double)t->answered) : 0;
        html_int(h, w > 0 ? w : 1);
        html_lit(h, "\"/><text font-size=\"12\" class=\"figure\" x=\"");
        html_int(h, LABEL + (w > 0 ? w : 1) + 6);
        html_lit(h, "\" y=\"");
        html_int(h, y + 16);
        html_lit(h, "\">");
        html_int(h, c);
        html_lit(h, " (");
        pct_text(h, c, t->answered);
        html_lit(h, ")</text></g>");
    }
    html_lit(h, "</svg>");
    /* the figures in words, for a reader without images and for a printed page */
    html_lit(h, "<ul class=\"small figures\">");
    for (size_t k = 0; k < nc; k++) {
        int64_t c = t->counts ? t->counts[k] : 0;
        html_lit(h, "<li>");
        if (rating)
            html_int(h, (int64_t)k + 1);
        else
            html_text(h, q->options[k]);
        html_lit(h, ": ");
        html_int(h, c);
        html_lit(h, " · ");
        pct_text(h, c, t->answered);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (rating && t->answered) {
        char b[32];
        snprintf(b, sizeof b, "%.2f", t->rating_sum / (double)t->answered);
        html_lit(h, "<p class=\"average\">");
        web_t(req, h, "Average rating");
        html_lit(h, ": <strong>");
        html_text(h, b);
        html_lit(h, "</strong></p>");
    }
}

static void texts(http_req *req, html *h, int64_t id, size_t qi, const survey_tally *t, size_t from)
{
    if (!t->ntexts) {
        web_empty(req, h, "No answer yet.");
        return;
    }
    if (from >= t->ntexts)
        from = 0;
    size_t to = from + TEXTS_PAGE < t->ntexts ? from + TEXTS_PAGE : t->ntexts;
    html_lit(h, "<ol class=\"list texts\" start=\"");
    html_int(h, (int64_t)from + 1);
    html_lit(h, "\">");
    for (size_t k = from; k < to; k++) {
        html_lit(h, "<li>");
        html_text(h, t->texts[k] ? t->texts[k] : "");
        html_lit(h, "</li>");
    }
    html_lit(h, "</ol>");
    if (to < t->ntexts) {
        html_lit(h, "<p><a class=\"next-texts\" href=\"/admin/feedback/surveys/");
        html_int(h, id);
        html_lit(h, "?q=");
        html_int(h, (int64_t)qi);
        html_lit(h, "&amp;from=");
        html_int(h, (int64_t)to);
        html_lit(h, "#q");
        html_int(h, (int64_t)qi);
        html_lit(h, "\">");
        web_t(req, h, "More answers");
        html_lit(h, "</a></p>");
    }
}

/* The questions one a line, as the edit form reads them (survey_lines.h). */
static const char *questions_lines(http_req *req, const survey_question *q, size_t nq)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < nq; i++)
        if (survey_lines_add(&sb, q[i].kind, q[i].required, q[i].text, q[i].options,
                             q[i].noptions) < 0 ||
            sb_addc(&sb, '\n') < 0)
            break;
    const char *out = arena_strdup(&req->a, sb.buf);
    sb_release(&sb);
    return out;
}

/* The questions' field, as the forms to write and to edit a survey show it. */
static void questions_field(http_req *req, html *h, const wy_error *e, const char *value)
{
    web_textarea(req, h, "questions",
                 N_("Questions, one a line: kind (single, multiple, rating or text; followed by ? "
                    "when optional), a colon, the question, then its options after |"),
                 0, e, value);
}

static void manage_forms(http_req *req, html *h, const survey_row *s, const survey_question *q,
                         size_t nq, const char *refused, const wy_error *e)
{
    wy_ctx *ctx = req_ctx(req);
    html_lit(h, "<section class=\"card\" id=\"manage\"><h2>");
    web_t(req, h, "Manage the survey");
    html_lit(h, "</h2>");
    if (e && refused) {
        html_lit(h, "<p class=\"flash error\" role=\"alert\" id=\"refusal\">");
        web_t(req, h, e->message);
        html_lit(h, "</p>");
    }
    if (is_open(s, ctx->now)) {
        web_form_open(
            req, h, "close-form",
            arena_sprintf(&req->a, "/admin/feedback/surveys/%lld/close", (long long)s->id), 0);
        web_submit(req, h, N_("Close the survey now"));
        html_lit(h, "</form>");
    } else if (ctx->now >= s->closes_at) {
        web_form_open(
            req, h, "reopen-form",
            arena_sprintf(&req->a, "/admin/feedback/surveys/%lld/reopen", (long long)s->id), 0);
        web_input(req, h, "closes_at", N_("Open again until"), "datetime-local", 0, 1, NULL, NULL);
        web_submit(req, h, N_("Reopen the survey"));
        html_lit(h, "</form>");
    }
    if (s->responses > 0) {
        html_lit(h, "<p class=\"small\" id=\"edit-closed\">");
        web_t(req, h,
              "The survey has answers: its title and questions stay as they were "
              "answered.");
        html_lit(h, "</p></section>");
        return;
    }
    int again = refused && !strcmp(refused, "edit");
    web_form_open(req, h, "edit-form",
                  arena_sprintf(&req->a, "/admin/feedback/surveys/%lld/edit", (long long)s->id), 0);
    web_input(req, h, "title", N_("Title"), "text", FEEDBACK_TITLE_MAX, 1, NULL,
              again ? req_form(req, "title") : s->title);
    web_textarea(req, h, "intro", N_("Introduction"), FEEDBACK_TEXT_MAX, NULL,
                 again ? req_form(req, "intro") : s->intro);
    questions_field(req, h, NULL, again ? req_form(req, "questions") : questions_lines(req, q, nq));
    web_submit(req, h, N_("Save the survey"));
    html_lit(h, "</form></section>");
}

static void survey_page(http_req *req, int status, const char *refused)
{
    wy_ctx *ctx = req_ctx(req);
    wy_error e = ctx->err;
    ctx->err = (wy_error){0};
    int64_t id = req_id(req, 0);
    survey_row s;
    survey_question *q;
    survey_group *gs;
    size_t nq, ng;
    if (feedback_survey_results(ctx, id, NULL, &s, &q, &nq, &gs, &ng) < 0) {
        resp_fail(req);
        return;
    }
    const char *qsel = req_query(req, "q"), *from = req_query(req, "from");
    size_t qpaged = qsel ? (size_t)atoll(qsel) : (size_t)-1;
    size_t tfrom = from && atoll(from) > 0 ? (size_t)atoll(from) : 0;
    html h;
    web_begin(req, &h, s.title);
    html_lit(&h, "<p><a href=\"/admin/feedback/surveys\">");
    web_t(req, &h, "Surveys");
    html_lit(&h, "</a></p><h1>");
    html_text(&h, s.title);
    html_lit(&h, "</h1>");
    const char *msg = req_query(req, "msg");
    const char *flash = !msg                       ? NULL
                        : !strcmp(msg, "edited")   ? N_("The survey is saved.")
                        : !strcmp(msg, "closed")   ? N_("The survey is closed.")
                        : !strcmp(msg, "reopened") ? N_("The survey is open again.")
                        : !strcmp(msg, "created")  ? N_("The survey is published.")
                                                   : NULL;
    if (flash && status == 200) {
        html_lit(&h, "<p class=\"flash\" role=\"status\">");
        web_t(req, &h, flash);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<p class=\"small\">");
    kind_label(req, &h, s.kind);
    html_lit(&h, " · ");
    html_text(&h, s.division);
    html_lit(&h, " · ");
    html_date(&h, s.opens_at);
    html_lit(&h, " – ");
    html_date(&h, s.closes_at);
    html_lit(&h, " ");
    state_badge(req, &h, &s, ctx->now);
    html_lit(&h, "</p>");
    if (s.intro && *s.intro) {
        html_lit(&h, "<p>");
        html_text(&h, s.intro);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<div class=\"stats\"><div><strong id=\"responses\">");
    html_int(&h, s.responses);
    html_lit(&h, "</strong>");
    web_t(req, &h, "responses");
    html_lit(&h, "</div></div><p id=\"exports\"><a href=\"/api/v1/feedback/surveys/");
    html_int(&h, s.id);
    html_lit(&h, "/results?format=xlsx\">");
    web_t(req, &h, "Results (Excel)");
    html_lit(&h, "</a> · <a href=\"/api/v1/feedback/surveys/");
    html_int(&h, s.id);
    html_lit(&h, "/results?format=csv\">");
    web_t(req, &h, "Results (CSV)");
    html_lit(&h, "</a> · <a href=\"/api/v1/feedback/surveys/");
    html_int(&h, s.id);
    html_lit(&h, "/results?by=division&amp;format=csv\">");
    web_t(req, &h, "by division (CSV)");
    html_lit(&h, "</a></p>");
    for (size_t i = 0; i < nq && ng; i++) {
        const survey_tally *t = &gs[0].tallies[i];
        html_lit(&h, "<section class=\"card question\" id=\"q");
        html_int(&h, (int64_t)i);
        html_lit(&h, "\"><h2>");
        html_int(&h, (int64_t)i + 1);
        html_lit(&h, ". ");
        html_text(&h, q[i].text);
        html_lit(&h, "</h2><p class=\"small\"><span class=\"answered\">");
        html_int(&h, t->answered);
        html_lit(&h, "</span> ");
        web_t(req, &h, "answered");
        html_lit(&h, "</p>");
        if (!strcmp(q[i].kind, "text"))
            texts(req, &h, s.id, i, t, qpaged == i ? tfrom : 0);
        else
            bars(req, &h, i, &q[i], t);
        html_lit(&h, "</section>");
    }
    manage_forms(req, &h, &s, q, nq, refused, status == 200 ? NULL : &e);
    web_end(req, &h, status);
}

void page_admin_survey(http_req *req)
{
    survey_page(req, 200, NULL);
}

/* After a change: back to the page, or the page again with the refusal (400, 403, 404, 409). */
static void after(http_req *req, int r, const char *what, const char *msg)
{
    wy_ctx *ctx = req_ctx(req);
    if (r == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/feedback/surveys/%lld?msg=%s",
                                         (long long)req_id(req, 0), msg));
        return;
    }
    int status = ctx->err.cls == E_INVALID     ? 400
                 : ctx->err.cls == E_FORBIDDEN ? 403
                 : ctx->err.cls == E_CONFLICT  ? 409
                                               : 0;
    if (!status) {
        resp_fail(req);
        return;
    }
    survey_page(req, status, what);
}

/* The form's questions, one a line, as the API's JSON; NULL when a line is not of that form
 * (refused: bad_questions, on the field). */
static json_t *form_questions(http_req *req)
{
    size_t bad;
    json_t *qs = survey_lines_parse(req_form(req, "questions"), &bad);
    if (!qs)
        wy_fail_field(req_ctx(req), E_INVALID, "bad_questions",
                      N_("Write each question on a line: its kind, a colon, the question, then "
                         "its options after |."),
                      "questions");
    return qs;
}

void page_admin_survey_edit(http_req *req)
{
    json_t *qs = form_questions(req);
    const char *title = req_form(req, "title"), *intro = req_form(req, "intro");
    int r = qs ? feedback_survey_edit(req_ctx(req), req_id(req, 0), title ? title : "",
                                      intro ? intro : "", qs)
               : -1;
    json_decref(qs);
    after(req, r, "edit", "edited");
}

void page_admin_survey_close(http_req *req)
{
    after(req, feedback_survey_close(req_ctx(req), req_id(req, 0)), "close", "closed");
}

void page_admin_survey_reopen(http_req *req)
{
    after(req, feedback_survey_reopen(req_ctx(req), req_id(req, 0), local_ms(req, "closes_at")),
          "reopen", "reopened");
}

/* ---- writing a survey: the form, its preview, its publication ---------------------------- */

static const web_term survey_kinds[] = {
    {"demand", N_("Demand survey")}, {"satisfaction", N_("Satisfaction survey")}, {NULL, NULL}};
static const web_term target_kinds[] = {
    {"", N_("Nothing in particular")}, {"activity", N_("An activity")}, {"course", N_("A course")},
    {"service", N_("A service")},      {"venue", N_("A venue")},        {NULL, NULL}};
static const web_term question_kinds[] = {{"single", N_("One choice")},
                                          {"multiple", N_("Several choices")},
                                          {"rating", N_("A rating from 1 to 5")},
                                          {"text", N_("Free text")},
                                          {NULL, NULL}};

/* The questions as the respondents will see them. */
static void preview(http_req *req, html *h, const survey_question *q, size_t nq)
{
    html_lit(h, "<section class=\"card\" id=\"preview\"><h2>");
    web_t(req, h, "Preview");
    html_lit(h, "</h2><ol class=\"list questions\">");
    for (size_t i = 0; i < nq; i++) {
        html_lit(h, "<li class=\"question\"><strong>");
        html_text(h, q[i].text);
        html_lit(h, "</strong> <span class=\"small\">");
        html_text(h, web_term_label(req, question_kinds, q[i].kind));
        if (!q[i].required) {
            html_lit(h, " · ");
            web_t(req, h, "optional");
        }
        html_lit(h, "</span>");
        if (q[i].noptions) {
            html_lit(h, "<ul class=\"options\">");
            for (size_t k = 0; k < q[i].noptions; k++) {
                html_lit(h, "<li>");
                html_text(h, q[i].options[k]);
                html_lit(h, "</li>");
            }
            html_lit(h, "</ul>");
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ol><p class=\"small\">");
    web_t(req, h, "Nothing is published until you publish the survey.");
    html_lit(h, "</p></section>");
}

/* The form to write a survey: empty, or as entered (e: the refusal, or an empty error after a
 * preview, so that the fields keep what was entered); with the preview of its questions. */
static void new_page(http_req *req, int status, const wy_error *e, const survey_question *q,
                     size_t nq)
{
    const char *activity = req_query(req, "activity");
    html h;
    web_begin(req, &h, req_tr(req, "Write a survey"));
    html_lit(&h, "<p><a href=\"/admin/feedback/surveys\">");
    web_t(req, &h, "Surveys");
    html_lit(&h, "</a></p><h1>");
    web_t(req, &h, "Write a survey");
    html_lit(&h, "</h1>");
    if (q)
        preview(req, &h, q, nq);
    html_lit(&h, "<section class=\"card\" id=\"new-survey\">");
    web_form_open(req, &h, "survey-form", "/admin/feedback/surveys/new", 0);
    web_form_error(req, &h, e);
    web_choice(req, &h, "kind", N_("Kind"), survey_kinds, e, activity ? "satisfaction" : "demand");
    web_input(req, &h, "title", N_("Title"), "text", FEEDBACK_TITLE_MAX, 1, e, NULL);
    web_textarea(req, &h, "intro", N_("Introduction"), FEEDBACK_TEXT_MAX, e, NULL);
    web_input(req, &h, "division", N_("Division code (empty: the venue's)"), "text", 12, 0, e,
              NULL);
    web_choice(req, &h, "target_kind", N_("About"), target_kinds, e, activity ? "activity" : "");
    web_input(req, &h, "target_id",
              N_("Number of the activity, course or venue (an activity's survey is offered to "
                 "those who attended it)"),
              "number", 0, 0, e, activity);
    web_input(req, &h, "opens_at", N_("Opens"), "datetime-local", 0, 1, e, NULL);
    web_input(req, &h, "closes_at", N_("Closes"), "datetime-local", 0, 1, e, NULL);
    html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"anonymous\" value=\"1\"");
    if (e && req_form(req, "anonymous"))
        html_lit(&h, " checked");
    html_lit(&h, "> ");
    web_t(req, &h, "Anyone may answer without an account (once per device)");
    html_lit(&h, "</label>");
    questions_field(req, &h, e, NULL);
    html_lit(&h, "<div class=\"actions\"><button type=\"submit\" name=\"step\" value=\"preview\" "
                 "class=\"button secondary\" id=\"preview-button\">");
    web_t(req, &h, "Preview");
    html_lit(&h, "</button> <button type=\"submit\" name=\"step\" value=\"publish\" "
                 "class=\"button\" id=\"publish-button\">");
    web_t(req, &h, "Publish the survey");
    html_lit(&h, "</button></div></form></section>");
    web_end(req, &h, status);
}

void page_admin_survey_new(http_req *req)
{
    new_page(req, 200, NULL, NULL, 0);
}

/* Preview (step=preview: the questions as read, nothing written) or publish the survey, which
 * opens at its opening time; a refusal shows the form again with what was entered. */
void page_admin_survey_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    web_refusal f;
    json_t *qs = form_questions(req);
    int r = -1;
    const char *step = req_form(req, "step");
    if (qs && step && !strcmp(step, "preview")) {
        survey_question *q;
        size_t nq;
        const char *why;
        if (feedback_questions_parse(&req->a, qs, &q, &nq, &why) < 0) {
            wy_fail_field(ctx, E_INVALID, "bad_questions", why, "questions");
        } else {
            json_decref(qs);
            wy_error kept = {0}; /* no refusal: the fields keep what was entered */
            new_page(req, 200, &kept, q, nq);
            return;
        }
    } else if (qs) {
        const char *tid = web_opt(req, "target_id");
        survey_input in = {.kind = web_opt(req, "kind"),
                           .title = req_form(req, "title"),
                           .intro = web_opt(req, "intro"),
                           .division = web_opt(req, "division"),
                           .target_kind = web_opt(req, "target_kind"),
                           .target_id = tid ? atoll(tid) : 0,
                           .opens_at = local_ms(req, "opens_at"),
                           .closes_at = local_ms(req, "closes_at"),
                           .anonymous = req_form(req, "anonymous") != NULL,
                           .questions = qs};
        int64_t id = 0;
        r = feedback_survey_create(ctx, &in, &id);
        if (r == 0) {
            json_decref(qs);
            resp_redirect(req, arena_sprintf(&req->a, "/admin/feedback/surveys/%lld?msg=created",
                                             (long long)id));
            return;
        }
    }
    json_decref(qs);
    int status = web_refused(req, "create", 0, &f, NULL);
    if (status)
        new_page(req, status, &f.e, NULL, 0);
}
