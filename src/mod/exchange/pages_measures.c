/*
 * pages_measures: the staff's pages of what the exchanges achieved (docs/exchange.md), each
 * calling the rules the API calls:
 *   on an activity's staff page and an agreement's (pages_followups.c): the indicators of the
 *   activity or of the agreement's partnership (measures), with a form to record one and one
 *   to change each
 *   /admin/exchange/partners/{id}/measures   a partnership's indicators and their forms
 *   /admin/exchange/ranking/partners   the partnerships ranked by their indicators' attainment
 *   /admin/exchange/rubric             the rubric that applies to the area and a form to set its
 *                                      own (criteria, names and weights adding up to 100)
 *   /admin/exchange/conversion         the conversion time in all, per kind and per partner,
 *                                      as tables and an SVG chart drawn here (no script)
 *   /admin/exchange/funds              the funds' totals of the area by kind over a period
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/followup.h"
#include "mod/exchange/amend.h"
#include "mod/exchange/handlers.h"
#include "mod/exchange/pages_kit.h"

#define N_(s) s /* a msgid translated where it is shown */

#define RUBRIC_SPARE_ROWS 3 /* empty rows of the rubric's form for new criteria */

/* The kinds of follow-ups and funds, as pages_followups.c names them (the same msgids). */
static const web_term followup_kinds[] = {
    {"agreement", N_("an agreement")},
    {"return_visit", N_("a return visit")},
    {"tourism_product", N_("a tourism product")},
    {"investment", N_("an investment")},
    {"joint_production", N_("a joint production")},
    {"other", N_("something else")},
    {NULL, NULL},
};

static const web_term fund_kinds[] = {
    {"grant", N_("grant (资助项目)")},
    {"sponsorship", N_("sponsorship (赞助活动)")},
    {"facilities", N_("facilities provided (提供设施)")},
    {"donation", N_("products donated (捐赠产品)")},
    {NULL, NULL},
};

/* A number for a page: up to two decimals, without trailing zeros; "–" for NAN. */
static const char *num(http_req *req, double v)
{
    if (isnan(v))
        return "–";
    char *s = arena_sprintf(&req->a, "%.2f", v);
    if (!s)
        return "";
    size_t n = strlen(s);
    while (n && s[n - 1] == '0')
        s[--n] = 0;
    if (n && s[n - 1] == '.')
        s[--n] = 0;
    return s;
}

static const char *percent(http_req *req, double v)
{
    return isnan(v) ? "–" : arena_sprintf(&req->a, "%.1f%%", v);
}

/* Money in fen as yuan with two decimals. */
static const char *yuan(http_req *req, int64_t fen)
{
    return arena_sprintf(&req->a, "¥%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

/* ?division= kept in a GET form. */
static void division_field(http_req *req, html *h, const char *div)
{
    if (req_query(req, "division")) {
        html_lit(h, "<input type=\"hidden\" name=\"division\" value=\"");
        html_attr(h, div);
        html_lit(h, "\">");
    }
}

/* A query parameter's value for a GET form's field. */
static void query_input(http_req *req, html *h, const char *name, const char *label,
                        const char *type, const char *value)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <input name=\"");
    html_attr(h, name);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\"");
    if (value && *value) {
        html_lit(h, " value=\"");
        html_attr(h, value);
        html_lit(h, "\"");
    }
    html_lit(h, "></label>");
}

/* A refusal of a GET page's parameters (a bad period or date), shown above its result. */
static int query_refused(http_req *req, wy_error *qe)
{
    wy_ctx *ctx = req_ctx(req);
    *qe = ctx->err;
    if (qe->cls != E_INVALID) {
        resp_fail(req);
        return 0;
    }
    ctx->err = (wy_error){0};
    return 1;
}

static void query_error(http_req *req, html *h, const wy_error *qe)
{
    html_lit(h, "<p class=\"form-error\" role=\"alert\" id=\"query-error\">");
    web_t(req, h, qe->message);
    html_lit(h, "</p>");
}

/* ================= the indicators of an activity or a partnership ================= */

/* The fields of a measure's form: a new one (m NULL) or the change of m (its name and period
 * say which one it replaces, so they are kept). */
static void measure_form(http_req *req, html *h, const char *subject, int64_t subject_id,
                         const exchange_measure *m, const web_refusal *f)
{
    int64_t mid = m ? m->id : 0;
    const wy_error *e = web_refusal_of(f, "measure", mid);
    const char *id =
        m ? arena_sprintf(&req->a, "measure-form-%lld", (long long)mid) : "measure-form";
    web_form_open(req, h, id, "/admin/exchange/measures", 0);
    web_form_error(req, h, e);
    html_lit(h, "<input type=\"hidden\" name=\"subject\" value=\"");
    html_attr(h, subject);
    html_lit(h, "\"><input type=\"hidden\" name=\"subject_id\" value=\"");
    html_int(h, subject_id);
    html_lit(h, "\"><input type=\"hidden\" name=\"measure_id\" value=\"");
    html_int(h, mid);
    html_lit(h, "\">");
    if (m) {
        html_lit(h, "<input type=\"hidden\" name=\"name\" value=\"");
        html_attr(h, m->name);
        html_lit(h, "\"><input type=\"hidden\" name=\"period\" value=\"");
        html_attr(h, m->period);
        html_lit(h, "\">");
    } else {
        web_input(req, h, "name", N_("Indicator"), "text", 100, 1, e, NULL);
        web_input(req, h, "period", N_("Period (YYYY, YYYY-Qn or YYYY-MM)"), "text", 7, 1, e, NULL);
    }
    web_input(req, h, "unit", N_("Unit"), "text", 20, 0, e, m ? m->unit : NULL);
    web_input(req, h, "baseline", N_("Baseline"), "text", 20, 1, e,
              m ? num(req, m->baseline) : NULL);
    web_input(req, h, "target", N_("Target"), "text", 20, 1, e, m ? num(req, m->target) : NULL);
    web_input(req, h, "actual", N_("Actual value (empty: not known yet)"), "text", 20, 0, e,
              m && !isnan(m->actual) ? num(req, m->actual) : NULL);
    web_submit(req, h, m ? N_("Change the values") : N_("Record the indicator"));
    html_lit(h, "</form>");
}

/* The deletion of a measure; the subject says which page to go back to. */
static void measure_delete_form(http_req *req, html *h, const char *subject, int64_t subject_id,
                                int64_t id, const wy_error *e)
{
    html_lit(h, "<form method=\"post\" class=\"inline\" id=\"measure-delete-");
    html_int(h, id);
    html_lit(h, "\" action=\"/admin/exchange/measures/");
    html_int(h, id);
    html_lit(h, "/delete\">");
    web_csrf_field(req, h);
    web_form_error(req, h, e);
    web_hidden(h, "subject", subject);
    web_hidden(h, "subject_id", arena_sprintf(&req->a, "%lld", (long long)subject_id));
    html_lit(h, "<button type=\"submit\" class=\"danger\">");
    web_t(req, h, "Delete");
    html_lit(h, "</button></form>");
}

void exchange_measures_section(http_req *req, html *h, const char *subject, int64_t subject_id,
                               const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_measure *ms = NULL;
    size_t n = 0;
    if (exchange_measures(ctx, subject, subject_id, &ms, &n) < 0)
        n = 0, ctx->err = (wy_error){0};
    html_lit(h, "<section class=\"card\" id=\"measures\"><h2>");
    if (strcmp(subject, "partner"))
        web_t(req, h, "Indicators of the activity");
    else
        web_t(req, h, "Indicators of the partnership");
    html_lit(h, "</h2>");
    if (!n)
        web_empty(req, h, "No indicator recorded yet.");
    else {
        static const web_col cols[] = {
            {N_("Indicator"), 0}, {N_("Period"), 0}, {N_("Baseline"), 1},   {N_("Target"), 1},
            {N_("Actual"), 1},    {N_("Unit"), 0},   {N_("Attainment"), 1}, {N_("Change"), 0}};
        html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"measure-list\">");
        web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            const exchange_measure *m = &ms[i];
            html_lit(h, "<tr id=\"measure-");
            html_int(h, m->id);
            html_lit(h, "\"><td class=\"measure-name\">");
            html_text(h, m->name);
            html_lit(h, "</td><td>");
            html_text(h, m->period);
            html_lit(h, "</td><td class=\"num\">");
            html_text(h, num(req, m->baseline));
            html_lit(h, "</td><td class=\"num\">");
            html_text(h, num(req, m->target));
            html_lit(h, "</td><td class=\"num measure-actual\">");
            if (isnan(m->actual))
                web_t(req, h, "not known yet");
            else
                html_text(h, num(req, m->actual));
            html_lit(h, "</td><td>");
            html_text(h, m->unit);
            html_lit(h, "</td><td class=\"num measure-attainment\">");
            html_text(h, percent(req, exchange_measure_attainment(m)));
            html_lit(h, "</td><td><details");
            if (web_refusal_of(f, "measure", m->id))
                html_lit(h, " open");
            html_lit(h, "><summary>");
            web_t(req, h, "Change");
            html_lit(h, "</summary>");
            measure_form(req, h, subject, subject_id, m, f);
            html_lit(h, "</details>");
            measure_delete_form(req, h, subject, subject_id, m->id,
                                web_refusal_of(f, "measure_delete", m->id));
            html_lit(h, "</td></tr>");
        }
        html_lit(h, "</tbody></table></div><p class=\"small muted\">");
        web_t(req, h,
              "Attainment: how far the actual value went from the baseline towards the target, "
              "in percent.");
        html_lit(h, "</p>");
    }
    html_lit(h, "<h3>");
    web_t(req, h, "Record an indicator");
    html_lit(h, "</h3><p class=\"small muted\">");
    web_t(req, h, "An indicator of the same name and period is replaced.");
    html_lit(h, "</p>");
    measure_form(req, h, subject, subject_id, NULL, f);
    html_lit(h, "</section>");
}

static void partner_measures_page(http_req *req, int64_t id, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_partner p;
    exchange_agreement *ags;
    size_t nags;
    int owners;
    if (exchange_partner_get(ctx, id, &p, &ags, &nags, &owners) < 0 ||
        authz_require(ctx, EXCHANGE_PERM, p.division) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, p.name);
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1 id=\"partner-name\">");
    html_text(&h, p.name);
    html_lit(&h, "</h1><p><span class=\"small\">");
    html_text(&h, exchange_term_label(req, p.kind));
    html_lit(&h, " · ");
    html_text(&h, division_name(ctx, p.division));
    html_lit(&h, "</span> · <a href=\"/exchange/partners/");
    html_int(&h, id);
    html_lit(&h, "\">");
    web_t(req, &h, "Public page");
    html_lit(&h, "</a></p>");
    exchange_flash(req, &h);
    if (nags) {
        html_lit(&h, "<ul class=\"list\" id=\"partner-agreements\">");
        for (size_t i = 0; i < nags; i++) {
            html_lit(&h, "<li><a href=\"/admin/exchange/agreements/");
            html_int(&h, ags[i].id);
            html_lit(&h, "\">");
            html_text(&h, ags[i].title);
            html_lit(&h, "</a> <span class=\"small\">");
            html_text(&h, ags[i].signed_on);
            html_lit(&h, "</span></li>");
        }
        html_lit(&h, "</ul>");
    }
    exchange_measures_section(req, &h, "partner", id, f);
    web_end(req, &h, status);
}

void page_admin_exchange_partner_measures(http_req *req)
{
    partner_measures_page(req, req_id(req, 0), NULL, 200);
}

/* A number of the form: empty is NAN (not given), a bad one INFINITY, which the rules refuse
 * (bad_value) as they refuse any value that is not a finite number. */
static double form_number(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    if (!v || !*v)
        return NAN;
    char *end;
    double d = strtod(v, &end);
    while (*end == ' ')
        end++;
    return *end || !isfinite(d) ? INFINITY : d;
}

void page_admin_exchange_measure_put(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *subject = req_form(req, "subject");
    const char *sid = web_opt(req, "subject_id"), *mid = web_opt(req, "measure_id");
    int activity = subject && !strcmp(subject, "activity");
    if (!activity && !(subject && !strcmp(subject, "partner"))) {
        resp_error(req, 400, "bad_subject", "subject is activity or partner");
        return;
    }
    exchange_measure m = {.subject = subject,
                          .subject_id = sid ? atoll(sid) : 0,
                          .name = req_form(req, "name"),
                          .unit = web_opt(req, "unit"),
                          .period = req_form(req, "period"),
                          .baseline = form_number(req, "baseline"),
                          .target = form_number(req, "target"),
                          .actual = form_number(req, "actual")};
    int64_t id;
    if (exchange_measure_put(ctx, &m, &id) == 0) {
        resp_redirect(
            req, arena_sprintf(
                     &req->a,
                     activity ? "/admin/exchange/activities/%lld?msg=measure_saved#measure-%lld"
                              : "/admin/exchange/partners/%lld/measures"
                                "?msg=measure_saved#measure-%lld",
                     (long long)m.subject_id, (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "measure", mid ? atoll(mid) : 0, &f);
    if (!status)
        return;
    if (activity)
        exchange_activity_page_of(req, m.subject_id, &f, status);
    else
        partner_measures_page(req, m.subject_id, &f, status);
}

void page_admin_exchange_measure_delete(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    const char *subject = req_form(req, "subject"), *sid = req_form(req, "subject_id");
    int activity = subject && !strcmp(subject, "activity");
    int64_t subject_id = sid ? atoll(sid) : 0;
    if ((!activity && !(subject && !strcmp(subject, "partner"))) || subject_id <= 0) {
        resp_error(req, 400, "bad_subject", "subject is activity or partner, with its subject_id");
        return;
    }
    if (exchange_measure_delete(ctx, id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         activity ? "/admin/exchange/activities/%lld"
                                                    "?msg=measure_deleted#measures"
                                                  : "/admin/exchange/partners/%lld/measures"
                                                    "?msg=measure_deleted#measures",
                                         (long long)subject_id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "measure_delete", id, &f);
    if (!status)
        return;
    if (activity)
        exchange_activity_page_of(req, subject_id, &f, status);
    else
        partner_measures_page(req, subject_id, &f, status);
}

/* ================= the partnerships' ranking ================= */

void page_admin_exchange_partner_ranking(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = exchange_area(req), *period = req_query(req, "period");
    exchange_partner_ranked *rs = NULL;
    size_t n = 0;
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0) {
        resp_fail(req);
        return;
    }
    wy_error qe = {0};
    int bad = 0;
    if (exchange_partner_ranking(ctx, div, period, &rs, &n) < 0) {
        if (!query_refused(req, &qe))
            return;
        bad = 1;
        n = 0;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Ranking of partnerships"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Ranking of partnerships");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "A partnership's attainment is the mean, over its indicators of the period with an "
          "actual value, of how far each went from its baseline towards its target; best first.");
    html_lit(&h, "</p><form method=\"get\" class=\"filters\" id=\"partner-ranking-filter\" "
                 "action=\"/admin/exchange/ranking/partners\">");
    query_input(req, &h, "period", N_("Period (YYYY, YYYY-Qn or YYYY-MM; empty: every one)"),
                "text", period);
    division_field(req, &h, div);
    web_submit(req, &h, N_("Show"));
    html_lit(&h, "</form>");
    if (bad)
        query_error(req, &h, &qe);
    html_lit(&h, "<section class=\"card\">");
    if (!n)
        web_empty(req, &h, "No partnership with an indicator attained yet.");
    else {
        static const web_col cols[] = {{N_("Rank"), 0},
                                       {N_("Partner"), 0},
                                       {N_("Division"), 0},
                                       {N_("Attainment"), 1},
                                       {N_("Indicators"), 0}};
        html_lit(&h, "<div class=\"scroll\"><table class=\"data\" id=\"partner-ranking\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            const exchange_partner_ranked *r = &rs[i];
            html_lit(&h, "<tr id=\"rank-partner-");
            html_int(&h, r->partner_id);
            html_lit(&h, "\"><td>");
            html_int(&h, (int64_t)i + 1);
            html_lit(&h, "</td><td><a href=\"/admin/exchange/partners/");
            html_int(&h, r->partner_id);
            html_lit(&h, "/measures\">");
            html_text(&h, r->name);
            html_lit(&h, "</a></td><td>");
            html_text(&h, division_name(ctx, r->division));
            html_lit(&h, "</td><td class=\"num attainment\">");
            html_text(&h, percent(req, r->attainment));
            html_lit(&h, "</td><td class=\"small\">");
            for (size_t k = 0; k < r->nmeasures; k++) {
                if (k)
                    html_lit(&h, "<br>");
                html_text(&h, r->measures[k].name);
                html_lit(&h, " ");
                html_text(&h, r->measures[k].period);
                html_lit(&h, ": ");
                html_text(&h, percent(req, exchange_measure_attainment(&r->measures[k])));
            }
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

/* ================= the rubric ================= */

/* How many rows the rubric's form shows: the criteria and a few empty ones. */
static size_t rubric_rows(size_t n)
{
    size_t rows = n + RUBRIC_SPARE_ROWS;
    return rows > EXCHANGE_MAX_CRITERIA ? EXCHANGE_MAX_CRITERIA : rows;
}

static void rubric_cell(http_req *req, html *h, const char *name, size_t row, const char *type,
                        int maxlength, const char *label, const wy_error *e, const char *value)
{
    const char *field = arena_sprintf(&req->a, "%s%zu", name, row + 1);
    const char *v = web_entered(req, e, field, value);
    html_lit(h, "<td><input name=\"");
    html_attr(h, field);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\" maxlength=\"");
    html_int(h, maxlength);
    html_lit(h, "\" aria-label=\"");
    html_attr(h, arena_sprintf(&req->a, "%s %zu", req_tr(req, label), row + 1));
    html_lit(h, "\"");
    if (!strcmp(type, "number"))
        html_lit(h, " min=\"1\" max=\"100\" inputmode=\"numeric\"");
    if (v && *v) {
        html_lit(h, " value=\"");
        html_attr(h, v);
        html_lit(h, "\"");
    }
    html_lit(h, "></td>");
}

static void rubric_page(http_req *req, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = f ? req_form(req, "division") : exchange_area(req);
    exchange_criterion *cs = NULL, *own = NULL;
    size_t n = 0, nown = 0;
    const char *from = NULL;
    if (authz_require(ctx, EXCHANGE_PERM, div && *div ? div : NULL) < 0 ||
        exchange_rubric_get(ctx, div, &cs, &n, &from) < 0) {
        resp_fail(req);
        return;
    }
    /* the area's own rubric is what its form changes */
    if (from && !strcmp(from, div))
        own = cs, nown = n;
    html h;
    web_begin(req, &h, req_tr(req, "Evaluation rubric"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Evaluation rubric");
    html_lit(&h, "</h1>");
    exchange_flash(req, &h);
    html_lit(&h, "<section class=\"card\" id=\"rubric-applies\"><h2>");
    web_t(req, &h, "The rubric that applies");
    html_lit(&h, "</h2>");
    if (!n)
        web_empty(req, &h, "No rubric applies to this division yet.");
    else {
        html_lit(&h, "<p class=\"small\" id=\"rubric-from\">");
        html_text(
            &h, arena_sprintf(&req->a, req_tr(req, "The rubric of %s."), division_name(ctx, from)));
        html_lit(&h, "</p>");
        static const web_col cols[] = {
            {N_("Criterion code"), 0}, {N_("Criterion"), 0}, {N_("Weight"), 1}};
        html_lit(&h, "<div class=\"scroll\"><table class=\"data\" id=\"rubric\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr id=\"criterion-");
            html_attr(&h, cs[i].code);
            html_lit(&h, "\"><td><code>");
            html_text(&h, cs[i].code);
            html_lit(&h, "</code></td><td>");
            html_text(&h, cs[i].name);
            html_lit(&h, "</td><td class=\"num\">");
            html_int(&h, cs[i].weight);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    html_lit(&h, "</section>");

    const wy_error *e = web_refusal_of(f, "rubric", 0);
    html_lit(&h, "<section class=\"card\" id=\"rubric-edit\"><h2>");
    html_text(&h, arena_sprintf(&req->a, req_tr(req, "The rubric of %s"), division_name(ctx, div)));
    html_lit(&h, "</h2><p class=\"small muted\">");
    web_t(req, &h,
          "A code has 1 to 32 of a-z, 0-9 and _; each criterion has its own name; the weights "
          "(1 to 100) add up to 100. A criterion already scored stays. Rows left empty are "
          "skipped.");
    html_lit(&h, "</p>");
    web_form_open(req, &h, "rubric-form", "/admin/exchange/rubric", 0);
    web_form_error(req, &h, e);
    web_field_error(req, &h, e, "criteria");
    web_field_error(req, &h, e, "division");
    html_lit(&h, "<input type=\"hidden\" name=\"division\" value=\"");
    html_attr(&h, div);
    html_lit(&h, "\">");
    size_t rows = rubric_rows(nown);
    if (e) {
        const char *r = req_form(req, "rows");
        size_t asked = r ? (size_t)atoi(r) : 0;
        if (asked > rows && asked <= EXCHANGE_MAX_CRITERIA)
            rows = asked;
    }
    html_lit(&h, "<input type=\"hidden\" name=\"rows\" value=\"");
    html_int(&h, (int64_t)rows);
    html_lit(&h, "\">");
    static const web_col cols[] = {
        {N_("Criterion code"), 0}, {N_("Criterion"), 0}, {N_("Weight"), 0}};
    html_lit(&h, "<div class=\"scroll\"><table class=\"data\" id=\"rubric-rows\">");
    web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < rows; i++) {
        const exchange_criterion *c = i < nown ? &own[i] : NULL;
        html_lit(&h, "<tr>");
        rubric_cell(req, &h, "code", i, "text", 32, N_("Criterion code"), e, c ? c->code : NULL);
        rubric_cell(req, &h, "name", i, "text", 100, N_("Criterion"), e, c ? c->name : NULL);
        rubric_cell(req, &h, "weight", i, "number", 3, N_("Weight"), e,
                    c ? arena_sprintf(&req->a, "%d", c->weight) : NULL);
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table></div>");
    web_submit(req, &h, N_("Save the rubric"));
    html_lit(&h, "</form></section>");
    web_end(req, &h, status);
}

void page_admin_exchange_rubric(http_req *req)
{
    rubric_page(req, NULL, 200);
}

/* A weight of the form: a whole number, 0 when bad (which the rules refuse). */
static int form_weight(const char *v)
{
    char *end;
    long w = strtol(v, &end, 10);
    return *end || w < 0 || w > 1000 ? 0 : (int)w;
}

void page_admin_exchange_rubric_put(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *r = req_form(req, "rows");
    size_t rows = r ? (size_t)atoi(r) : 0;
    if (rows > EXCHANGE_MAX_CRITERIA)
        rows = EXCHANGE_MAX_CRITERIA;
    exchange_criterion cs[EXCHANGE_MAX_CRITERIA];
    size_t n = 0;
    for (size_t i = 0; i < rows; i++) {
        const char *code = req_form(req, arena_sprintf(&req->a, "code%zu", i + 1));
        const char *name = req_form(req, arena_sprintf(&req->a, "name%zu", i + 1));
        const char *weight = req_form(req, arena_sprintf(&req->a, "weight%zu", i + 1));
        if ((!code || !*code) && (!name || !*name) && (!weight || !*weight))
            continue; /* a row left empty */
        cs[n++] = (exchange_criterion){.code = code ? code : "",
                                       .name = name ? name : "",
                                       .weight = weight ? form_weight(weight) : 0};
    }
    if (exchange_rubric_put(ctx, req_form(req, "division"), cs, n) == 0) {
        const char *div = req_form(req, "division");
        resp_redirect(
            req,
            arena_sprintf(&req->a, "/admin/exchange/rubric?division=%s&msg=rubric_saved", div));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "rubric", 0, &f);
    if (status)
        rubric_page(req, &f, status);
}

/* ================= the conversion time ================= */

/* The mean and median days of each kind as horizontal bars: the mean a bar, the median a
 * mark; the table beside holds the numbers. */
static void conversion_chart(http_req *req, html *h, const exchange_conversion *ks, size_t nk)
{
    double max = 0;
    int bars = 0;
    for (size_t i = 0; i < nk; i++)
        if (ks[i].count) {
            bars++;
            if (ks[i].mean > max)
                max = ks[i].mean;
            if (ks[i].median > max)
                max = ks[i].median;
        }
    if (!bars)
        return;
    if (max <= 0)
        max = 1;
    enum { LABEL = 140, WIDTH = 600, ROW = 24 };
    const int span = WIDTH - LABEL - 70;
    int height = bars * ROW + 8;
    html_lit(h, "<figure class=\"chart\" id=\"conversion-chart\"><svg "
                "xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" viewBox=\"0 0 ");
    html_int(h, WIDTH);
    html_lit(h, " ");
    html_int(h, height);
    html_lit(h, "\" role=\"img\" aria-label=\"");
    html_attr(h, req_tr(req, "Mean days from the exchange to the result, per kind"));
    html_lit(h, "\">");
    int y = 4;
    for (size_t i = 0; i < nk; i++) {
        if (!ks[i].count)
            continue;
        int w = (int)lround(ks[i].mean / max * span),
            mx = LABEL + (int)lround(ks[i].median / max * span);
        if (w < 1)
            w = 1;
        html_lit(h, "<g class=\"bar\" data-kind=\"");
        html_attr(h, ks[i].key);
        html_lit(h, "\"><text font-size=\"12\" x=\"0\" y=\"");
        html_int(h, y + 15);
        html_lit(h, "\">");
        html_text(h, web_term_label(req, followup_kinds, ks[i].key));
        html_lit(h, "</text><rect height=\"16\" fill=\"#3b6ea5\" x=\"");
        html_int(h, LABEL);
        html_lit(h, "\" y=\"");
        html_int(h, y + 2);
        html_lit(h, "\" width=\"");
        html_int(h, w);
        html_lit(h, "\"><title>");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "mean %s days, median %s days"),
                                   num(req, ks[i].mean), num(req, ks[i].median)));
        html_lit(h, "</title></rect><line stroke=\"#b42318\" stroke-width=\"2\" x1=\"");
        html_int(h, mx);
        html_lit(h, "\" x2=\"");
        html_int(h, mx);
        html_lit(h, "\" y1=\"");
        html_int(h, y);
        html_lit(h, "\" y2=\"");
        html_int(h, y + 20);
        html_lit(h, "\"/><text font-size=\"12\" x=\"");
        html_int(h, LABEL + (w > mx - LABEL ? w : mx - LABEL) + 6);
        html_lit(h, "\" y=\"");
        html_int(h, y + 15);
        html_lit(h, "\">");
        html_text(h, num(req, ks[i].mean));
        html_lit(h, "</text></g>");
        y += ROW;
    }
    html_lit(h, "</svg><figcaption class=\"small\">");
    web_t(req, h, "Bars: the mean days per kind; red marks: the median.");
    html_lit(h, "</figcaption></figure>");
}

static void conversion_table(http_req *req, html *h, const char *id, const char *first,
                             const exchange_conversion *rows, size_t n, int kinds)
{
    const web_col cols[] = {
        {first, 0}, {N_("Done"), 1}, {N_("Mean days"), 1}, {N_("Median days"), 1}};
    html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"");
    html_attr(h, id);
    html_lit(h, "\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].count)
            continue;
        html_lit(h, "<tr data-key=\"");
        html_attr(h, rows[i].key);
        html_lit(h, "\"><td>");
        html_text(h, kinds          ? web_term_label(req, followup_kinds, rows[i].key)
                     : rows[i].name ? rows[i].name
                                    : rows[i].key);
        html_lit(h, "</td><td class=\"num\">");
        html_int(h, rows[i].count);
        html_lit(h, "</td><td class=\"num mean\">");
        html_text(h, num(req, rows[i].mean));
        html_lit(h, "</td><td class=\"num median\">");
        html_text(h, num(req, rows[i].median));
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
}

void page_admin_exchange_conversion(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = exchange_area(req);
    const char *from = req_query(req, "from"), *to = req_query(req, "to");
    exchange_conversion all = {0}, *ks = NULL, *ps = NULL;
    size_t nk = 0, np = 0;
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0) {
        resp_fail(req);
        return;
    }
    wy_error qe = {0};
    int bad = 0;
    if (exchange_conversion_report(ctx, div, from, to, &all, &ks, &nk, &ps, &np) < 0) {
        if (!query_refused(req, &qe))
            return;
        bad = 1;
        all = (exchange_conversion){0};
        nk = np = 0;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Conversion time"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Conversion time");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "The days from the exchange (the activity's last day, the agreement's signing) to the "
          "outcome of each follow-up done with its outcome dated in the period.");
    html_lit(&h, "</p><form method=\"get\" class=\"filters\" id=\"conversion-filter\" "
                 "action=\"/admin/exchange/conversion\">");
    query_input(req, &h, "from", N_("Outcomes from"), "date", from);
    query_input(req, &h, "to", N_("until before"), "date", to);
    division_field(req, &h, div);
    web_submit(req, &h, N_("Show"));
    html_lit(&h, "</form>");
    if (bad)
        query_error(req, &h, &qe);
    html_lit(&h, "<section class=\"card\" id=\"conversion\">");
    if (!all.count)
        web_empty(req, &h, "No follow-up done in this period.");
    else {
        html_lit(&h, "<p id=\"conversion-all\">");
        html_text(&h,
                  arena_sprintf(&req->a,
                                req_tr(req, "%lld follow-ups done: mean %s days, median %s days."),
                                (long long)all.count, num(req, all.mean), num(req, all.median)));
        html_lit(&h, "</p>");
        conversion_chart(req, &h, ks, nk);
        html_lit(&h, "<h2>");
        web_t(req, &h, "Per kind");
        html_lit(&h, "</h2>");
        conversion_table(req, &h, "conversion-kinds", N_("Kind"), ks, nk, 1);
        html_lit(&h, "<h2>");
        web_t(req, &h, "Per partner");
        html_lit(&h, "</h2>");
        conversion_table(req, &h, "conversion-partners", N_("Partner"), ps, np, 0);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

/* ================= the funds' totals ================= */

void page_admin_exchange_funds(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = exchange_area(req);
    const char *from = req_query(req, "from"), *to = req_query(req, "to");
    /* this year without a period */
    char today[11];
    exchange_date_of(ctx->now, today);
    if (!from || !*from)
        from = arena_sprintf(&req->a, "%.4s-01-01", today);
    if (!to || !*to)
        to = arena_sprintf(&req->a, "%.4s-12-31", today);
    exchange_fund_total *ts = NULL;
    size_t n = 0;
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0) {
        resp_fail(req);
        return;
    }
    wy_error qe = {0};
    int bad = 0;
    if (exchange_fund_totals(ctx, div, from, to, &ts, &n) < 0) {
        if (!query_refused(req, &qe))
            return;
        bad = 1;
        n = 0;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Funds and sponsorship"));
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Funds and sponsorship");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "The totals of the funds given in the period to the area's activities, by kind.");
    html_lit(&h, "</p><form method=\"get\" class=\"filters\" id=\"funds-filter\" "
                 "action=\"/admin/exchange/funds\">");
    query_input(req, &h, "from", N_("Given from"), "date", from);
    query_input(req, &h, "to", N_("to"), "date", to);
    division_field(req, &h, div);
    web_submit(req, &h, N_("Show"));
    html_lit(&h, "</form>");
    if (bad)
        query_error(req, &h, &qe);
    html_lit(&h, "<section class=\"card\" id=\"funds\">");
    int64_t count = 0, amount = 0, value = 0;
    for (size_t i = 0; i < n; i++) {
        count += ts[i].count;
        amount += ts[i].amount_fen;
        value += ts[i].value_fen;
    }
    if (!count)
        web_empty(req, &h, "No fund given in this period.");
    else {
        static const web_col cols[] = {{N_("Kind"), 0},
                                       {N_("Funds"), 1},
                                       {N_("Money given"), 1},
                                       {N_("Value in kind"), 1},
                                       {N_("Total"), 1}};
        html_lit(&h, "<div class=\"scroll\"><table class=\"data\" id=\"fund-totals\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i <= n; i++) {
            int last = i == n;
            if (!last && !ts[i].count)
                continue;
            if (!last) {
                html_lit(&h, "<tr data-kind=\"");
                html_attr(&h, ts[i].kind);
                html_lit(&h, "\"><td>");
                html_text(&h, web_term_label(req, fund_kinds, ts[i].kind));
                html_lit(&h, "</td>");
            } else {
                html_lit(&h, "<tr id=\"fund-total\"><th scope=\"row\">");
                web_t(req, &h, "All kinds");
                html_lit(&h, "</th>");
            }
            html_lit(&h, "<td class=\"num\">");
            html_int(&h, last ? count : ts[i].count);
            html_lit(&h, "</td><td class=\"num\">");
            html_text(&h, yuan(req, last ? amount : ts[i].amount_fen));
            html_lit(&h, "</td><td class=\"num\">");
            html_text(&h, yuan(req, last ? value : ts[i].value_fen));
            html_lit(&h, "</td><td class=\"num total\">");
            html_text(&h, yuan(req, last ? amount + value : ts[i].amount_fen + ts[i].value_fen));
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}
