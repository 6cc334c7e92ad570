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
#include "util/timeutil.h"

#ifndef N_
#define N_(s) s /* a msgid translated where it is shown */
#endif

#define PAGE       20 /* surveys a page */
#define TEXTS_PAGE 20 /* free-text answers a page, per question */

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

/* The questions one a line, as the edit form reads them: "kind: text | option | option", an
 * optional question's kind followed by "?". */
static void questions_lines(html *h, const survey_question *q, size_t nq)
{
    for (size_t i = 0; i < nq; i++) {
        html_text(h, q[i].kind);
        if (!q[i].required)
            html_lit(h, "?");
        html_lit(h, ": ");
        html_text(h, q[i].text);
        for (size_t k = 0; k < q[i].noptions; k++) {
            html_lit(h, " | ");
            html_text(h, q[i].options[k]);
        }
        html_lit(h, "\n");
    }
}

static void text_field(http_req *req, html *h, const char *label, const char *name,
                       const char *value, int rows, int max)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <textarea name=\"");
    html_attr(h, name);
    html_lit(h, "\" rows=\"");
    html_int(h, rows);
    html_lit(h, "\" maxlength=\"");
    html_int(h, max);
    html_lit(h, "\">");
    html_text(h, value ? value : "");
    html_lit(h, "</textarea></label>");
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
        html_lit(h, "<form method=\"post\" id=\"close-form\" action=\"/admin/feedback/surveys/");
        html_int(h, s->id);
        html_lit(h, "/close\">");
        web_csrf_field(req, h);
        html_lit(h, "<button type=\"submit\" class=\"button\">");
        web_t(req, h, "Close the survey now");
        html_lit(h, "</button></form>");
    } else if (ctx->now >= s->closes_at) {
        html_lit(h, "<form method=\"post\" class=\"stack\" id=\"reopen-form\" "
                    "action=\"/admin/feedback/surveys/");
        html_int(h, s->id);
        html_lit(h, "/reopen\">");
        web_csrf_field(req, h);
        html_lit(h, "<label>");
        web_t(req, h, "Open again until");
        html_lit(h, " <input type=\"datetime-local\" name=\"closes_at\" required></label>"
                    "<button type=\"submit\" class=\"button\">");
        web_t(req, h, "Reopen the survey");
        html_lit(h, "</button></form>");
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
    html_lit(h, "<form method=\"post\" class=\"stack\" id=\"edit-form\" "
                "action=\"/admin/feedback/surveys/");
    html_int(h, s->id);
    html_lit(h, "/edit\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    web_t(req, h, "Title");
    html_lit(h, " <input name=\"title\" maxlength=\"200\" required value=\"");
    html_attr(h, again && req_form(req, "title") ? req_form(req, "title") : s->title);
    html_lit(h, "\"></label>");
    text_field(req, h, N_("Introduction"), "intro",
               again && req_form(req, "intro") ? req_form(req, "intro") : s->intro, 3, 2000);
    html_lit(h, "<label>");
    web_t(req, h,
          "Questions, one a line: kind (single, multiple, rating or text; followed by ? "
          "when optional), a colon, the question, then its options after |");
    html_lit(h, " <textarea name=\"questions\" rows=\"8\" required>");
    if (again && req_form(req, "questions"))
        html_text(h, req_form(req, "questions"));
    else
        questions_lines(h, q, nq);
    html_lit(h, "</textarea></label><button type=\"submit\" class=\"button\">");
    web_t(req, h, "Save the survey");
    html_lit(h, "</button></form></section>");
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

/* The edit form's questions ("kind: text | option | option", one a line) as the API's JSON;
 * NULL when a line is not of that form (the rules then say what a question is). */
static json_t *questions_from_lines(const char *text)
{
    json_t *arr = json_array();
    char *copy = strdup(text ? text : "");
    if (!arr || !copy) {
        free(copy);
        json_decref(arr);
        return NULL;
    }
    char *save = NULL;
    for (char *line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        while (*line == ' ' || *line == '\t')
            line++;
        if (!*line)
            continue;
        char *colon = strchr(line, ':');
        if (!colon) {
            json_decref(arr);
            arr = NULL;
            break;
        }
        *colon = '\0';
        char *kind = line;
        size_t kl = strlen(kind);
        while (kl && kind[kl - 1] == ' ')
            kind[--kl] = '\0';
        int optional = kl && kind[kl - 1] == '?';
        if (optional)
            kind[--kl] = '\0';
        json_t *opts = json_array();
        json_t *o = json_pack("{s:s,s:b}", "kind", kind, "required", !optional);
        char *part = colon + 1, *bar;
        int first = 1;
        do {
            bar = strchr(part, '|');
            if (bar)
                *bar = '\0';
            while (*part == ' ')
                part++;
            size_t pl = strlen(part);
            while (pl && (part[pl - 1] == ' ' || part[pl - 1] == '\t'))
                part[--pl] = '\0';
            if (first)
                json_object_set_new(o, "text", json_string(part));
            else
                json_array_append_new(opts, json_string(part));
            first = 0;
            part = bar ? bar + 1 : NULL;
        } while (part);
        if (json_array_size(opts))
            json_object_set_new(o, "options", opts);
        else
            json_decref(opts);
        json_array_append_new(arr, o);
    }
    free(copy);
    return arr;
}

void page_admin_survey_edit(http_req *req)
{
    json_t *qs = questions_from_lines(req_form(req, "questions"));
    json_t *none = json_array();
    const char *title = req_form(req, "title"), *intro = req_form(req, "intro");
    int r = feedback_survey_edit(req_ctx(req), req_id(req, 0), title ? title : "",
                                 intro ? intro : "", qs ? qs : none);
    json_decref(qs);
    json_decref(none);
    after(req, r, "edit", "edited");
}

void page_admin_survey_close(http_req *req)
{
    after(req, feedback_survey_close(req_ctx(req), req_id(req, 0)), "close", "closed");
}

void page_admin_survey_reopen(http_req *req)
{
    const char *v = req_form(req, "closes_at");
    int64_t ms = 0;
    if (v && strlen(v) >= 16) {
        char buf[40];
        snprintf(buf, sizeof(buf), "%.16s:00+08:00", v);
        if (time_parse_rfc3339(buf, &ms) < 0)
            ms = 0;
    }
    after(req, feedback_survey_reopen(req_ctx(req), req_id(req, 0), ms), "reopen", "reopened");
}
