/*
 * pages_evaluation: the evaluation of exchange activities and the lessons learned, for staff
 * and reviewers (docs/exchange.md):
 *   on an activity's staff page (pages_followups.c): the rubric that applies, a reviewer's
 *   score form (the activity's authors are refused: own_work), the scores so far and the
 *   closing of the evaluation for staff
 *   /admin/exchange/ranking   the scored activities of the area, best first
 *   /admin/exchange/lessons   the lessons learned with the full-text search and a form to add one
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/exchange/amend.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"
#include "mod/exchange/handlers.h"
#include "mod/exchange/pages_kit.h"

#define N_(s) s /* a msgid translated where it is shown */

#define LESSONS_PAGE 20
#define LIST_MAX     100 /* partners and activities offered in the lesson's form */

static const char *one_decimal(http_req *req, double v)
{
    return isnan(v) ? "–" : arena_sprintf(&req->a, "%.1f", v);
}

/* ================= on an activity's page ================= */

void exchange_evaluation_section(http_req *req, html *h, const exchange_activity_full *x, int staff,
                                 int reviewer, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_criterion *cs = NULL;
    size_t nc = 0;
    const char *from = NULL;
    if (exchange_rubric_get(ctx, x->a.division, &cs, &nc, &from) < 0)
        nc = 0, ctx->err = (wy_error){0};
    html_lit(h, "<section class=\"card\" id=\"evaluation\"><h2>");
    web_t(req, h, "Evaluation");
    html_lit(h, "</h2>");
    if (!nc) {
        web_empty(req, h, "No rubric applies to this division yet.");
        html_lit(h, "</section>");
        return;
    }
    exchange_ranked r = {0};
    int have = staff && exchange_evaluation_get(ctx, x->a.id, &r) == 0;
    if (staff && !have)
        ctx->err = (wy_error){0};
    if (have) {
        html_lit(h, "<p id=\"evaluation-score\">");
        if (r.reviewers)
            html_text(h, arena_sprintf(&req->a, req_tr(req, "Score %s from %d reviewers."),
                                       one_decimal(req, r.score), r.reviewers));
        else
            web_t(req, h, "Not scored yet.");
        if (r.closed) {
            html_lit(h, " ");
            web_badge(req, h, "closed", N_("evaluation closed"));
        }
        html_lit(h, "</p>");
    }
    static const web_col cols[] = {{N_("Criterion"), 0}, {N_("Weight"), 0}, {N_("Mean score"), 0}};
    html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"rubric\">");
    web_thead(req, h, cols, have ? 3 : 2);
    for (size_t i = 0; i < nc; i++) {
        html_lit(h, "<tr id=\"criterion-");
        html_attr(h, cs[i].code);
        html_lit(h, "\"><td>");
        html_text(h, cs[i].name);
        html_lit(h, "</td><td>");
        html_int(h, cs[i].weight);
        html_lit(h, "</td>");
        if (have) {
            double m = NAN;
            for (size_t k = 0; k < r.ncriteria; k++)
                if (!strcmp(r.criteria[k].code, cs[i].code))
                    m = r.means[k];
            html_lit(h, "<td>");
            html_text(h, one_decimal(req, m));
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
    }
    html_lit(h, "</tbody></table></div>");
    int published = !strcmp(x->a.status, "published");
    const wy_error *ce = web_refusal_of(f, "close", x->a.id);
    web_form_error(req, h, ce);
    if (have && published && !r.closed) {
        html_lit(h, "<form method=\"post\" class=\"inline\" id=\"evaluation-close\" "
                    "action=\"/admin/exchange/activities/");
        html_int(h, x->a.id);
        html_lit(h, "/evaluation/close\">");
        web_csrf_field(req, h);
        web_submit(req, h, N_("Close the evaluation"));
        html_lit(h, "</form>");
    }
    /* the city's staff reopen a closed evaluation (amend.h) */
    if (have && r.closed && staff)
        exchange_reopen_form(req, h, x->a.id, f);
    /* a reviewer's scores: one per criterion, all at once; the API refuses the authors */
    if (reviewer && published && !(have && r.closed)) {
        const wy_error *e = web_refusal_of(f, "scores", x->a.id);
        html_lit(h, "<h3>");
        web_t(req, h, "Your scores (0–100)");
        html_lit(h, "</h3>");
        web_form_open(
            req, h, "scores-form",
            arena_sprintf(&req->a, "/admin/exchange/activities/%lld/scores", (long long)x->a.id),
            0);
        web_form_error(req, h, e);
        for (size_t i = 0; i < nc; i++) {
            const char *name = arena_sprintf(&req->a, "score_%s", cs[i].code);
            const char *v = e ? req_form(req, name) : NULL;
            html_lit(h, "<label>");
            html_text(h, cs[i].name);
            html_lit(h, " <input type=\"number\" min=\"0\" max=\"100\" inputmode=\"numeric\" "
                        "required name=\"");
            html_attr(h, name);
            html_lit(h, "\"");
            if (v) {
                html_lit(h, " value=\"");
                html_attr(h, v);
                html_lit(h, "\"");
            }
            html_lit(h, "></label>");
        }
        web_field_error(req, h, e, "scores");
        web_submit(req, h, N_("Save my scores"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</section>");
}

void page_admin_exchange_scores(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    exchange_activity_full x;
    exchange_criterion *cs = NULL;
    size_t nc = 0;
    const char *from;
    if (exchange_activity_get(ctx, id, &x) < 0 ||
        exchange_rubric_get(ctx, x.a.division, &cs, &nc, &from) < 0) {
        resp_fail(req);
        return;
    }
    exchange_score_input *in = arena_alloc(&req->a, (nc + 1) * sizeof(*in));
    if (!in) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return;
    }
    int res = 0;
    for (size_t i = 0; i < nc && res == 0; i++) {
        const char *v = req_form(req, arena_sprintf(&req->a, "score_%s", cs[i].code));
        char *end = NULL;
        long s = v && *v ? strtol(v, &end, 10) : -1;
        if (!v || !*v || *end || s < 0 || s > 100)
            res = wy_fail_field(ctx, E_INVALID, "bad_score",
                                "A score is a whole number from 0 to 100.", "scores");
        in[i] = (exchange_score_input){cs[i].code, (int)s};
    }
    if (res == 0 && exchange_scores_put(ctx, id, in, nc) == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a,
                                    "/admin/exchange/activities/%lld?msg=scores_saved#evaluation",
                                    (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "scores", id, &f);
    if (status)
        exchange_activity_staff_page(req, &f, status);
}

void page_admin_exchange_evaluation_close(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (exchange_evaluation_close(req_ctx(req), id) == 0) {
        resp_redirect(
            req, arena_sprintf(&req->a,
                               "/admin/exchange/activities/%lld?msg=evaluation_closed#evaluation",
                               (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "close", id, &f);
    if (status)
        exchange_activity_staff_page(req, &f, status);
}

/* ================= the ranking ================= */

void page_admin_exchange_ranking(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = exchange_area(req);
    exchange_ranked *rs;
    size_t n;
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0 ||
        exchange_ranking(ctx, div, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Ranking of exchange activities"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Ranking of exchange activities");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "An activity's score is the mean over its reviewers of each one's weighted mean score; "
          "best first.");
    html_lit(&h, "</p><section class=\"card\">");
    if (!n)
        web_empty(req, &h, "No activity scored yet.");
    else {
        static const web_col cols[] = {{N_("Rank"), 0},      {N_("Activity"), 0},
                                       {N_("Division"), 0},  {N_("Score"), 0},
                                       {N_("Reviewers"), 0}, {N_("Evaluation"), 0}};
        html_lit(&h, "<div class=\"scroll\"><table class=\"data\" id=\"ranking\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr id=\"rank-");
            html_int(&h, rs[i].activity_id);
            html_lit(&h, "\"><td>");
            html_int(&h, (int64_t)i + 1);
            html_lit(&h, "</td><td><a href=\"/admin/exchange/activities/");
            html_int(&h, rs[i].activity_id);
            html_lit(&h, "\">");
            html_text(&h, rs[i].title);
            html_lit(&h, "</a></td><td>");
            html_text(&h, division_name(ctx, rs[i].division));
            html_lit(&h, "</td><td class=\"score\">");
            html_text(&h, one_decimal(req, rs[i].score));
            html_lit(&h, "</td><td>");
            html_int(&h, rs[i].reviewers);
            html_lit(&h, "</td><td>");
            if (rs[i].closed)
                web_badge(req, &h, "closed", N_("evaluation closed"));
            else
                web_badge(req, &h, "open", N_("open"));
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

/* ================= lessons learned ================= */

/* The change of a lesson: its title, text and tags. */
static void lesson_edit_form(http_req *req, html *h, const exchange_lesson *l, const wy_error *e)
{
    const char *tags = NULL;
    if (l->tags && strlen(l->tags) > 2) /* ",a,b," as "a,b" */
        tags = arena_strndup(&req->a, l->tags + 1, strlen(l->tags) - 2);
    html_lit(h, "<details class=\"lesson-edit\"");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Change the lesson");
    html_lit(h, "</summary>");
    web_form_open(req, h, arena_sprintf(&req->a, "lesson-edit-%lld", (long long)l->id),
                  arena_sprintf(&req->a, "/admin/exchange/lessons/%lld/edit", (long long)l->id), 0);
    web_form_error(req, h, e);
    web_input(req, h, "title", N_("Title"), "text", 200, 1, e, l->title);
    web_textarea(req, h, "body", N_("What to borrow"), 20000, e, l->body);
    web_input(req, h, "tags", N_("Tags (separated by commas)"), "text", 220, 0, e, tags);
    web_submit(req, h, N_("Save the lesson"));
    html_lit(h, "</form></details>");
}

static void lessons_page(http_req *req, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = exchange_area(req);
    const char *q = req_query(req, "q"), *tag = req_query(req, "tag");
    int64_t before = 0;
    const char *c = req_query(req, "cursor");
    if (c && *c)
        before = atoll(c);
    exchange_lesson *ls;
    size_t n;
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t np, nags;
    int owners;
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0 ||
        exchange_partner_list(ctx, exchange_city_of(req, div), 0, LIST_MAX, &ps, &np, &ags, &nags,
                              &owners) < 0) {
        resp_fail(req);
        return;
    }
    int bad_query = exchange_lesson_search(ctx, div, q && *q ? q : NULL, tag && *tag ? tag : NULL,
                                           0, 0, before, LESSONS_PAGE, &ls, &n) < 0;
    wy_error qe = ctx->err;
    if (bad_query) {
        if (qe.cls != E_INVALID) {
            resp_fail(req);
            return;
        }
        ctx->err = (wy_error){0};
        n = 0;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Lessons learned"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Lessons learned");
    html_lit(&h, "</h1>");
    exchange_flash(req, &h);
    html_lit(&h, "<form method=\"get\" class=\"filters\" id=\"lesson-search\" "
                 "action=\"/admin/exchange/lessons\"><label>");
    web_t(req, &h, "Search");
    html_lit(&h, " <input type=\"search\" name=\"q\" maxlength=\"100\"");
    if (q) {
        html_lit(&h, " value=\"");
        html_attr(&h, q);
        html_lit(&h, "\"");
    }
    html_lit(&h, "></label>");
    if (req_query(req, "division")) {
        html_lit(&h, "<input type=\"hidden\" name=\"division\" value=\"");
        html_attr(&h, div);
        html_lit(&h, "\">");
    }
    web_submit(req, &h, N_("Search"));
    html_lit(&h, "</form>");
    if (bad_query) {
        html_lit(&h, "<p class=\"form-error\" role=\"alert\">");
        web_t(req, &h, qe.message);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<section class=\"card\">");
    if (!n)
        web_empty(req, &h, "No lesson found.");
    html_lit(&h, "<ul class=\"list\" id=\"lesson-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li id=\"lesson-");
        html_int(&h, ls[i].id);
        html_lit(&h, "\"><strong>");
        html_text(&h, ls[i].title);
        html_lit(&h, "</strong>");
        if (ls[i].activity_id) {
            html_lit(&h, " <a class=\"small\" href=\"/admin/exchange/activities/");
            html_int(&h, ls[i].activity_id);
            html_lit(&h, "\">");
            web_t(req, &h, "the activity");
            html_lit(&h, "</a>");
        }
        html_lit(&h, "<p class=\"lesson-body\">");
        html_text(&h, ls[i].body);
        html_lit(&h, "</p>");
        if (ls[i].tags && strlen(ls[i].tags) > 2) {
            html_lit(&h, "<p class=\"small tags\">");
            const char *t = ls[i].tags + 1;
            while (*t) {
                const char *e = strchr(t, ',');
                if (!e)
                    break;
                char *one = arena_strndup(&req->a, t, (size_t)(e - t));
                html_lit(&h, "<a href=\"/admin/exchange/lessons?tag=");
                html_attr(&h, url_encode(&req->a, one ? one : ""));
                html_lit(&h, "\">#");
                html_text(&h, one ? one : "");
                html_lit(&h, "</a> ");
                t = e + 1;
            }
            html_lit(&h, "</p>");
        }
        lesson_edit_form(req, &h, &ls[i], web_refusal_of(f, "lesson_edit", ls[i].id));
        web_button_form(
            req, &h, arena_sprintf(&req->a, "lesson-delete-%lld", (long long)ls[i].id),
            arena_sprintf(&req->a, "/admin/exchange/lessons/%lld/delete", (long long)ls[i].id),
            N_("Delete the lesson"), web_refusal_of(f, "lesson_delete", ls[i].id));
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (n == LESSONS_PAGE)
        web_pager_id(
            req, &h, "/admin/exchange/lessons", ls[n - 1].id,
            (const char *[]){"division", req_query(req, "division"), "q", q, "tag", tag, NULL});
    html_lit(&h, "</section>");

    const wy_error *e = web_refusal_of(f, "lesson", 0);
    html_lit(&h, "<section class=\"card\" id=\"new-lesson\"><h2>");
    web_t(req, &h, "Record a lesson");
    html_lit(&h, "</h2>");
    web_form_open(req, &h, "lesson-form", "/admin/exchange/lessons", 0);
    web_form_error(req, &h, e);
    web_input(req, &h, "division", N_("Division code"), "text", 12, 1, e, div);
    web_input(req, &h, "title", N_("Title"), "text", 200, 1, e, NULL);
    web_textarea(req, &h, "body", N_("What to borrow"), 20000, e, NULL);
    web_input(req, &h, "tags", N_("Tags (separated by commas)"), "text", 220, 0, e, NULL);
    web_input(req, &h, "activity_id", N_("Activity number (optional)"), "number", 0, 0, e, NULL);
    web_record_select(req, &h, "partner_id", N_("Partner"),
                      WEB_RECORDS(ps, np, exchange_partner, id, name), 1, e, 0);
    web_submit(req, &h, N_("Record the lesson"));
    html_lit(&h, "</form></section>");
    web_end(req, &h, status);
}

void page_admin_exchange_lessons(http_req *req)
{
    lessons_page(req, NULL, 200);
}

/* The tags of the form, split at commas (also Chinese ones) and trimmed; one more than
 * allowed is kept so the rules refuse too many. -1 with a 503 answered when out of memory. */
static int tags_of_form(http_req *req, const char **tags, size_t *ntags)
{
    *ntags = 0;
    const char *t = req_form(req, "tags");
    char *copy = arena_strndup(&req->a, t ? t : "", t ? strlen(t) : 0);
    if (!copy) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return -1;
    }
    for (char *p; (p = strstr(copy, "，"));) /* a Chinese comma: three bytes */
        memcpy(p, ",,,", 3);
    char *save = NULL;
    for (char *s = strtok_r(copy, ",", &save); s && *ntags < 11; s = strtok_r(NULL, ",", &save)) {
        while (*s == ' ')
            s++;
        size_t l = strlen(s);
        while (l && s[l - 1] == ' ')
            s[--l] = 0;
        if (*s)
            tags[(*ntags)++] = s;
    }
    return 0;
}

void page_admin_exchange_lesson_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *tags[11];
    size_t ntags;
    if (tags_of_form(req, tags, &ntags) < 0)
        return;
    const char *ac = web_opt(req, "activity_id"), *pa = web_opt(req, "partner_id");
    exchange_lesson_input in = {.division = req_form(req, "division"),
                                .title = req_form(req, "title"),
                                .body = req_form(req, "body"),
                                .activity_id = ac ? atoll(ac) : 0,
                                .partner_id = pa ? atoll(pa) : 0,
                                .tags = tags,
                                .ntags = ntags};
    int64_t id;
    if (exchange_lesson_create(ctx, &in, &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/lessons?msg=lesson_created#lesson-%lld",
                                         (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "lesson", 0, &f);
    if (status)
        lessons_page(req, &f, status);
}

void page_admin_exchange_lesson_edit(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *tags[11];
    size_t ntags;
    if (tags_of_form(req, tags, &ntags) < 0)
        return;
    if (exchange_lesson_change(req_ctx(req), id, req_form(req, "title"), req_form(req, "body"),
                               tags, ntags, req_form(req, "tags") != NULL) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/lessons?msg=lesson_updated#lesson-%lld",
                                         (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "lesson_edit", id, &f);
    if (status)
        lessons_page(req, &f, status);
}

void page_admin_exchange_lesson_delete(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (exchange_lesson_delete(req_ctx(req), id) == 0) {
        resp_redirect(req, "/admin/exchange/lessons?msg=lesson_deleted");
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "lesson_delete", id, &f);
    if (status)
        lessons_page(req, &f, status);
}
