/*
 * pages_assessments: the staff's pages of assessments against standards (docs/assessments.md,
 * "Pages"), for the admin console's holders; every write goes through the same rules as the API
 * (assessments.h, calls.h), which decide who may:
 *   /admin/assessments        the assessments of the caller's area (filtered by year), a summary
 *                             by division with its chart, the form that starts an assessment,
 *                             the standards with the import of a standard's table (read first:
 *                             a dry run and its per-row report, then confirmed, the file carried
 *                             by the form), and the calls for recommendations with the form that
 *                             opens one
 *   /admin/assessments/{id}   one assessment: its items with the self-assessment, the figures
 *                             drawn from wenyun's records, the evidence files (downloaded through
 *                             GET /api/v1/assessment-evidence/{id}), the assessors' scores, a chart
 *                             of the scores by item; and the form the caller may use at this step:
 *                             the self-assessment with its files and the submission (the venue's
 *                             staff), the assessors' scoring, or the publication and its grade
 * No script: forms post and the page answers with a redirect and a ?msg= flash, or is shown
 * again with the refusal.
 */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/authz.h"
#include "core/division.h"
#include "http/parse.h"
#include "mod/admin/handlers.h"
#include "mod/assessments/assessments.h"
#include "mod/assessments/calls.h"
#include "mod/assessments/handlers.h"
#include "mod/module.h" /* N_ */
#include "mod/tasks/progress.h"
#include "mod/venues/venue.h"
#include "web/form.h"
#include "util/timeutil.h"

#define PAGE_SIZE   50
#define SUMMARY_MAX 500
#define VENUES_MAX  300
/* the file travels back in the preview's form as base64, and a page is at most HTML_MAX */
#define PAGE_FILE_MAX ((size_t)4 << 20)

/* What went wrong with a form, to show the page again with it. */
typedef struct page_outcome {
    web_refusal f; /* form: "import", "start", "call", "self", ...; e.cls 0: none (a dry run
                      that passed) */
    const standard_import_result *res;
    const char *name, *version, *division; /* the import's fields as entered */
    const char *data64;                    /* the file read by a dry run that passed */
} page_outcome;

static const web_flash_msg flashes[] = {
    {"standard_imported", N_("The standard is imported."), 0},
    {"assessment_started", N_("The assessment is started: score each item."), 0},
    {"self_saved", N_("The self-assessment is saved."), 0},
    {"evidence_added", N_("The file is added as evidence."), 0},
    {"submitted", N_("The self-assessment is submitted to the assessors."), 0},
    {"reviewed", N_("Your scores are recorded."), 0},
    {"published", N_("The assessment is published and its grade written on the venue's record."),
     0},
    {"call_opened", N_("The call is open."), 0},
    {"applied", N_("The application is made."), 0},
    {"visit_set", N_("The site visit is scheduled."), 0},
    {"announced", N_("The awards are announced and the call is closed."), 0},
};

static void flash(http_req *req, html *h)
{
    WEB_FLASH(req, h, flashes);
}

static const struct {
    const char *key, *msgid;
} terms[] = {
    {"special", N_("special grade")},
    {"1", N_("grade one")},
    {"2", N_("grade two")},
    {"3", N_("grade three")},
    {"draft", N_("draft")},
    {"submitted", N_("submitted")},
    {"reviewed", N_("reviewed")},
    {"published", N_("published")},
    {"open", N_("open")},
    {"announced", N_("announced")},
    {"applied", N_("applied for")},
    {"recommended", N_("recommended")},
    {"visit_scheduled", N_("visit scheduled")},
    {"awarded", N_("awarded")},
    {"not_awarded", N_("not awarded")},
};

static const char *term(http_req *req, const char *key)
{
    for (size_t i = 0; key && i < sizeof(terms) / sizeof(terms[0]); i++)
        if (!strcmp(key, terms[i].key))
            return req_tr(req, terms[i].msgid);
    return key ? key : "";
}

static void badge(http_req *req, html *h, const char *status)
{
    html_lit(h, "<span class=\"badge ");
    html_attr(h, status);
    html_lit(h, "\">");
    html_text(h, term(req, status));
    html_lit(h, "</span>");
}

/* A score with one decimal; nothing for NAN. */
static void points(http_req *req, html *h, double v)
{
    if (!isfinite(v))
        return;
    html_text(h, arena_sprintf(&req->a, "%.1f", v));
}

/* The refusal of form, when o holds it, at the top of the form whether or not it names a
 * field (the selects and score tables here are not the kit's fields), with why the file could
 * not be read. */
static void form_error(http_req *req, html *h, const page_outcome *o, const char *form)
{
    const wy_error *e = o ? web_refusal_of(&o->f, form, 0) : NULL;
    if (!e || !e->cls)
        return;
    wy_error top = *e;
    top.field = NULL;
    web_form_error(req, h, &top);
    if (o->res && o->res->detail) {
        html_lit(h, "<p class=\"muted small\" id=\"form-error-detail\">");
        html_text(h, o->res->detail);
        html_lit(h, "</p>");
    }
}

/* A form refused: the outcome to show the page again with and its status, or 0 when the
 * failure was answered as it is. Nobody scores or publishes their own submission: that
 * refusal is shown on the page (403). */
static int refused(http_req *req, const char *form, page_outcome *o)
{
    static const char *const own[] = {"own_submission", NULL};
    return web_refused(req, form, 0, &o->f, own);
}

static int64_t form_id(http_req *req, const char *name)
{
    int64_t n = web_number(req, name);
    return n < 0 ? 0 : n;
}

/* ---- /admin/assessments ------------------------------------------------------------------ */

/* The year now, in China time. */
static int this_year(const wy_ctx *ctx)
{
    time_t t = (time_t)(ctx->now / 1000 + WY_TZ_OFFSET_MIN * 60);
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

static const char *area_of(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = req_query(req, "division");
    if (div && *div)
        return div;
    static const perm order[] = {PERM_ASSESSMENTS_MANAGE, PERM_ASSESSMENTS_ASSESS,
                                 PERM_VENUE_MANAGE, PERM_ADMIN_CONSOLE};
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        const char *s = authz_scope(ctx->who, order[i]);
        if (s)
            return s;
    }
    return "";
}

static int year_of(http_req *req)
{
    const char *y = req_query(req, "year");
    return y && *y ? atoi(y) : 0;
}

static int assessments_section(http_req *req, html *h, const char *div, int year)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor, next;
    if (req_page(req, PAGE_SIZE, 200, &limit, &cursor) < 0)
        return 1;
    assessment_row *rows;
    size_t n;
    if (assessment_list(ctx, div, year, cursor, limit, &rows, &n, &next) < 0)
        return -1;
    html_lit(h, "<section class=\"card\" id=\"assessments-card\"><h2>");
    web_t(req, h, "Assessments");
    html_lit(h, "</h2><form method=\"get\" class=\"filters\" id=\"assessment-filters\" "
                "action=\"/admin/assessments\">");
    web_input(req, h, "division", N_("Division code"), "text", 0, 0, NULL, div);
    char y[16] = "";
    if (year)
        snprintf(y, sizeof(y), "%d", year);
    web_input(req, h, "year", N_("Year"), "number", 0, 0, NULL, y);
    html_lit(h, "<button type=\"submit\">");
    web_t(req, h, "Filter");
    html_lit(h, "</button></form>");
    if (!n) {
        web_empty(req, h, "No assessment in this area and year.");
        html_lit(h, "</section>");
        return 0;
    }
    static const web_col cols[] = {{N_("Venue or unit"), 0},
                                   {N_("Standard"), 0},
                                   {N_("Year"), 1},
                                   {N_("Status"), 0},
                                   {N_("Self-assessed total"), 1},
                                   {N_("Assessed total"), 1},
                                   {N_("Grade"), 0}};
    html_lit(h, "<div class=\"scroll\"><table id=\"assessments\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < n; i++) {
        const assessment_row *a = &rows[i];
        html_lit(h, "<tr data-assessment=\"");
        html_int(h, a->id);
        html_lit(h, "\"><td><a href=\"/admin/assessments/");
        html_int(h, a->id);
        html_lit(h, "\">");
        html_text(h, a->venue_name);
        html_lit(h, "</a></td><td>");
        html_text(h, a->standard_name);
        html_lit(h, " <span class=\"muted small\">");
        html_text(h, a->standard_version);
        html_lit(h, "</span></td><td class=\"num\">");
        html_int(h, a->year);
        html_lit(h, "</td><td>");
        badge(req, h, a->status);
        html_lit(h, "</td><td class=\"num\">");
        if (strcmp(a->status, "draft"))
            points(req, h, a->self_total);
        html_lit(h, "</td><td class=\"num\">");
        points(req, h, a->review_total);
        html_lit(h, "</td><td class=\"grade\">");
        if (a->grade)
            html_text(h, term(req, a->grade));
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    if (next) {
        char c[24];
        snprintf(c, sizeof(c), "%lld", (long long)next);
        web_pager(req, h, "/admin/assessments", c,
                  (const char *[]){"division", req_query(req, "division"), "year",
                                   req_query(req, "year"), NULL});
    }
    html_lit(h, "</section>");
    return 0;
}

/* One division's line of the summary. */
typedef struct div_sum {
    const char *division;
    int n, published, graded[4];
    double total; /* of the published */
} div_sum;

static int grade_index(const char *g)
{
    return !g ? -1 : !strcmp(g, "special") ? 0 : g[0] >= '1' && g[0] <= '3' ? g[0] - '0' : -1;
}

/* The assessments of the area and year by county (the area's children's level), with the mean
 * assessed total of the published ones, as a table and as bars. */
static int summary_section(http_req *req, html *h, const char *div, int year)
{
    wy_ctx *ctx = req_ctx(req);
    assessment_row *rows;
    size_t n;
    int64_t next;
    if (assessment_list(ctx, div, year, 0, SUMMARY_MAX, &rows, &n, &next) < 0)
        return -1;
    if (!n)
        return 0;
    div_sum *s = arena_alloc(ctx->a, n * sizeof(*s));
    if (!s)
        return check_mem(ctx);
    size_t ns = 0;
    /* a level below the area (a county of a city, a town of a county), or the venue's own */
    size_t want = strlen(div) < 4 ? 4 : strlen(div) < 6 ? 6 : strlen(div) < 9 ? 9 : 12;
    for (size_t i = 0; i < n; i++) {
        char *code = arena_strdup(ctx->a, rows[i].division);
        if (!code)
            return check_mem(ctx);
        if (strlen(code) > want)
            code[want] = '\0';
        size_t k = 0;
        while (k < ns && strcmp(s[k].division, code))
            k++;
        if (k == ns)
            s[ns++] = (div_sum){.division = code};
        s[k].n++;
        if (!strcmp(rows[i].status, "published")) {
            s[k].published++;
            s[k].total += isfinite(rows[i].review_total) ? rows[i].review_total : 0;
            int g = grade_index(rows[i].grade);
            if (g >= 0)
                s[k].graded[g]++;
        }
    }
    html_lit(h, "<section class=\"card\" id=\"summary\"><h2>");
    web_t(req, h, "Summary by division");
    html_lit(h, "</h2>");
    static const web_col cols[] = {{N_("Division"), 0},      {N_("Assessments"), 1},
                                   {N_("published"), 1},     {N_("Mean assessed total"), 1},
                                   {N_("special grade"), 1}, {N_("grade one"), 1},
                                   {N_("grade two"), 1},     {N_("grade three"), 1}};
    html_lit(h, "<div class=\"scroll\"><table id=\"summary-table\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    double top = 0;
    for (size_t k = 0; k < ns; k++)
        if (s[k].published && s[k].total / s[k].published > top)
            top = s[k].total / s[k].published;
    for (size_t k = 0; k < ns; k++) {
        const char *name = division_name(ctx, s[k].division);
        html_lit(h, "<tr data-division=\"");
        html_attr(h, s[k].division);
        html_lit(h, "\"><td>");
        html_text(h, name && *name ? name : s[k].division);
        html_lit(h, "</td><td class=\"num\">");
        html_int(h, s[k].n);
        html_lit(h, "</td><td class=\"num\">");
        html_int(h, s[k].published);
        html_lit(h, "</td><td class=\"num\">");
        if (s[k].published)
            points(req, h, s[k].total / s[k].published);
        for (int g = 0; g < 4; g++) {
            html_lit(h, "</td><td class=\"num\">");
            html_int(h, s[k].graded[g]);
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    if (top <= 0) {
        html_lit(h, "</section>");
        return 0;
    }
    /* bars of the mean assessed totals, on a scale of the highest */
    int height = (int)ns * 28 + 8;
    html_lit(h, "<figure id=\"summary-chart\"><svg viewBox=\"0 0 1000 ");
    html_int(h, height);
    html_lit(h, "\" width=\"100%\" role=\"img\" aria-label=\"");
    html_attr(h, req_tr(req, "Mean assessed total by division"));
    html_lit(h, "\">");
    for (size_t k = 0; k < ns; k++) {
        const char *name = division_name(ctx, s[k].division);
        int y = 4 + (int)k * 28;
        html_lit(h, "<text x=\"0\" font-size=\"14\" y=\"");
        html_int(h, y + 17);
        html_lit(h, "\">");
        html_text(h, name && *name ? name : s[k].division);
        html_lit(h, "</text>");
        if (!s[k].published)
            continue;
        double mean = s[k].total / s[k].published;
        html_lit(h, "<rect class=\"bar\" x=\"260\" height=\"20\" fill=\"#1f7a4d\" y=\"");
        html_int(h, y + 2);
        html_lit(h, "\" width=\"");
        html_int(h, (int64_t)(mean / top * 640) + 1);
        html_lit(h, "\"/><text font-size=\"14\" y=\"");
        html_int(h, y + 17);
        html_lit(h, "\" x=\"");
        html_int(h, 270 + (int64_t)(mean / top * 640));
        html_lit(h, "\">");
        points(req, h, mean);
        html_lit(h, "</text>");
    }
    html_lit(h, "</svg><figcaption class=\"muted small\">");
    web_t(req, h, "Mean assessed total by division");
    html_lit(h, "</figcaption></figure></section>");
    return 0;
}

static int start_section(http_req *req, html *h, standard_row *ss, size_t nss,
                         const page_outcome *o)
{
    wy_ctx *ctx = req_ctx(req);
    const char *scope = authz_scope(ctx->who, PERM_VENUE_MANAGE);
    if (!scope)
        return 0;
    venue_query q = {.division = scope, .limit = VENUES_MAX};
    venue_view *vs;
    size_t nv;
    double *dist;
    if (venue_list(ctx, &q, &vs, &nv, &dist) < 0)
        return -1;
    unit_row *us;
    size_t nu;
    if (progress_unit_list(ctx, scope, 0, VENUES_MAX, &us, &nu) < 0)
        return -1;
    html_lit(h, "<section class=\"card\" id=\"start\"><h2>");
    web_t(req, h, "Start an assessment");
    html_lit(h, "</h2>");
    form_error(req, h, o, "start");
    if (!nss || (!nv && !nu)) {
        web_empty(req, h, "A standard and a venue or unit of your area are needed first.");
        html_lit(h, "</section>");
        return 0;
    }
    web_form_open(req, h, "start-form", "/admin/assessments", 0);
    html_lit(h, "<label>");
    web_t(req, h, "Standard");
    html_lit(h, " <select name=\"standard_id\" required>");
    for (size_t i = 0; i < nss; i++) {
        char id[24];
        snprintf(id, sizeof(id), "%lld", (long long)ss[i].id);
        web_option(h, id, arena_sprintf(&req->a, "%s (%s)", ss[i].name, ss[i].version),
                   req_form(req, "standard_id"));
    }
    html_lit(h, "</select></label>");
    /* a venue or a unit: the other left at "none" */
    web_record_select(req, h, "venue_id", N_("Venue"),
                      WEB_RECORDS(vs, nv, venue_view, v.id, v.name), 1, NULL,
                      form_id(req, "venue_id"));
    web_record_select(req, h, "unit_id", N_("Unit"), WEB_RECORDS(us, nu, unit_row, id, name), 1,
                      NULL, form_id(req, "unit_id"));
    const char *y = req_form(req, "year");
    web_input(req, h, "year", N_("Year"), "number", 0, 1, NULL,
              y ? y : arena_sprintf(&req->a, "%d", this_year(ctx)));
    web_submit(req, h, N_("Start the self-assessment"));
    html_lit(h, "</form>");
    html_lit(h, "</section>");
    return 0;
}

/* The report of a read table: each row as read, the items and grades as read. */
static void std_import_report(http_req *req, html *h, const stdimport *im)
{
    html_lit(h, "<div class=\"stats\" id=\"import-counts\"><div><strong>");
    html_int(h, (int64_t)im->nitems);
    html_lit(h, "</strong>");
    web_t(req, h, "items read");
    html_lit(h, "</div><div><strong>");
    html_int(h, (int64_t)im->ngrades);
    html_lit(h, "</strong>");
    web_t(req, h, "grades read");
    html_lit(h, "</div><div><strong>");
    html_int(h, (int64_t)im->nrefused);
    html_lit(h, "</strong>");
    web_t(req, h, "rows refused");
    html_lit(h, "</div><div><strong>");
    points(req, h, im->total);
    html_lit(h, "</strong>");
    web_t(req, h, "points in all");
    html_lit(h, "</div></div><div class=\"scroll\"><table id=\"import-rows\">");
    static const web_col cols[] = {{N_("Row"), 1}, {N_("Read as"), 0}, {N_("Notes"), 0}};
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < im->nrows; i++) {
        const stdimport_row *r = &im->rows[i];
        html_lit(h, "<tr class=\"");
        html_attr(h, stdimport_kind_name(r->kind));
        html_lit(h, "\"><td class=\"num\">");
        html_int(h, r->line);
        html_lit(h, "</td><td>");
        html_text(h, stdimport_kind_name(r->kind));
        html_lit(h, "</td><td>");
        if (r->problem) {
            web_t(req, h, r->problem);
            if (r->detail && *r->detail) {
                html_lit(h, " <span class=\"muted\">");
                html_text(h, r->detail);
                html_lit(h, "</span>");
            }
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    if (!im->nitems)
        return;
    html_lit(h, "<div class=\"scroll\"><table id=\"import-items\">");
    static const web_col icols[] = {{N_("Section"), 0}, {N_("No."), 0},      {N_("Item"), 0},
                                    {N_("Points"), 1},  {N_("Evidence"), 0}, {N_("Source"), 0}};
    web_thead(req, h, icols, sizeof(icols) / sizeof(icols[0]));
    for (size_t i = 0; i < im->nitems; i++) {
        const stdimport_item *it = &im->items[i];
        html_lit(h, "<tr><td>");
        html_text(h, it->section ? it->section : "");
        html_lit(h, "</td><td>");
        html_text(h, it->number ? it->number : "");
        html_lit(h, "</td><td>");
        html_text(h, it->title);
        html_lit(h, "</td><td class=\"num\">");
        points(req, h, it->max_points);
        html_lit(h, "</td><td>");
        html_text(h, it->evidence ? it->evidence : "");
        html_lit(h, "</td><td>");
        html_text(h, it->source ? it->source : "");
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div><p class=\"small\" id=\"import-grades\">");
    for (size_t i = 0; i < im->ngrades; i++) {
        if (i)
            html_lit(h, " · ");
        html_text(h, term(req, im->grades[i].grade));
        html_lit(h, " ≥ ");
        points(req, h, im->grades[i].min_total);
    }
    html_lit(h, "</p>");
}

static int standards_section(http_req *req, html *h, standard_row *ss, size_t nss,
                             const page_outcome *o)
{
    wy_ctx *ctx = req_ctx(req);
    html_lit(h, "<section class=\"card\" id=\"standards\"><h2>");
    web_t(req, h, "Standards");
    html_lit(h, "</h2>");
    if (!nss)
        web_empty(req, h, "No standard has been imported yet.");
    else {
        static const web_col cols[] = {
            {N_("Standard"), 0}, {N_("Version"), 0}, {N_("Division"), 0}, {N_("Points"), 1}};
        html_lit(h, "<div class=\"scroll\"><table id=\"standards-table\">");
        web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < nss; i++) {
            html_lit(h, "<tr data-standard=\"");
            html_int(h, ss[i].id);
            html_lit(h, "\"><td>");
            html_text(h, ss[i].name);
            html_lit(h, "</td><td>");
            html_text(h, ss[i].version);
            html_lit(h, "</td><td>");
            html_text(h, ss[i].division);
            html_lit(h, "</td><td class=\"num\">");
            points(req, h, ss[i].total);
            html_lit(h, "</td></tr>");
        }
        html_lit(h, "</tbody></table></div>");
    }
    const char *scope = authz_scope(ctx->who, PERM_ASSESSMENTS_MANAGE);
    if (!scope) {
        html_lit(h, "</section>");
        return 0;
    }
    html_lit(h, "<h3>");
    web_t(req, h, "Import a standard's table");
    html_lit(h, "</h3>");
    int ours = o && !strcmp(o->f.form, "import");
    if (ours) {
        html_lit(h, "<div id=\"import-report\">");
        form_error(req, h, o, "import");
        if (!o->f.e.cls) {
            html_lit(h, "<p class=\"flash\" role=\"status\" id=\"dry-run-ok\">");
            web_t(req, h,
                  "The table was read and nothing was written yet. Check the report, then "
                  "import it.");
            html_lit(h, "</p>");
        }
        if (o->res && o->res->im.nrows)
            std_import_report(req, h, &o->res->im);
        if (!o->f.e.cls && o->data64) {
            web_form_open(req, h, "confirm-import", "/admin/assessments/standards/import", 1);
            web_hidden(h, "confirm", "1");
            web_hidden(h, "name", o->name);
            web_hidden(h, "version", o->version);
            web_hidden(h, "division", o->division);
            web_hidden(h, "data", o->data64);
            web_submit(req, h, N_("Import the standard"));
            html_lit(h, "</form>");
        }
        html_lit(h, "</div>");
    }
    html_lit(h, "<p class=\"muted small\">");
    web_t(req, h,
          "A CSV file in UTF-8 or an Excel workbook with the columns 章节, 序号, 评估项目, 分值, "
          "佐证材料, 数据来源, 满分标准, and rows 等级 giving each grade's least total. The table "
          "is read first and nothing is written until you confirm.");
    html_lit(h, "</p>");
    web_form_open(req, h, "import-form", "/admin/assessments/standards/import", 1);
    web_input(req, h, "name", N_("Standard's name"), "text", 0, 1, NULL, ours ? o->name : NULL);
    web_input(req, h, "version", N_("Version"), "text", 0, 1, NULL, ours ? o->version : NULL);
    web_input(req, h, "division", N_("Division code"), "text", 0, 1, NULL,
              ours ? o->division : scope);
    html_lit(h, "<label>");
    web_t(req, h, "Standard's table");
    html_lit(h, " <input type=\"file\" name=\"file\" required accept=\".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></label>");
    web_submit(req, h, N_("Read the table"));
    html_lit(h, "</form>");
    html_lit(h, "</section>");
    return 0;
}

static int calls_section(http_req *req, html *h, const char *div, const page_outcome *o)
{
    wy_ctx *ctx = req_ctx(req);
    call_row *cs;
    size_t n;
    if (call_list(ctx, div, 0, 50, &cs, &n) < 0)
        return -1;
    html_lit(h, "<section class=\"card\" id=\"calls\"><h2>");
    web_t(req, h, "Calls for recommendations");
    html_lit(h, "</h2>");
    if (!n)
        web_empty(req, h, "No call in this area yet.");
    else {
        static const web_col cols[] = {
            {N_("Call"), 0},     {N_("Division"), 0},     {N_("Year"), 1},  {N_("Places"), 1},
            {N_("Last day"), 0}, {N_("Applications"), 1}, {N_("Status"), 0}};
        html_lit(h, "<div class=\"scroll\"><table id=\"calls-table\">");
        web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            html_lit(h, "<tr data-call=\"");
            html_int(h, cs[i].id);
            html_lit(h, "\"><td><a href=\"/admin/assessment-calls/");
            html_int(h, cs[i].id);
            html_lit(h, "\">");
            html_text(h, cs[i].title);
            html_lit(h, "</a></td><td>");
            html_text(h, cs[i].division);
            html_lit(h, "</td><td class=\"num\">");
            html_int(h, cs[i].year);
            html_lit(h, "</td><td class=\"num\">");
            html_int(h, cs[i].quota);
            html_lit(h, "</td><td>");
            html_date(h, cs[i].deadline);
            html_lit(h, "</td><td class=\"num\">");
            html_int(h, cs[i].napplications);
            html_lit(h, "</td><td>");
            badge(req, h, cs[i].status);
            html_lit(h, "</td></tr>");
        }
        html_lit(h, "</tbody></table></div>");
    }
    const char *scope = authz_scope(ctx->who, PERM_ASSESSMENTS_MANAGE);
    if (scope) {
        html_lit(h, "<h3>");
        web_t(req, h, "Open a call");
        html_lit(h, "</h3>");
        form_error(req, h, o, "call");
        int ours = o && !strcmp(o->f.form, "call");
        web_form_open(req, h, "call-form", "/admin/assessment-calls", 0);
        web_input(req, h, "title", N_("Title"), "text", 0, 1, NULL,
                  ours ? req_form(req, "title") : NULL);
        web_input(req, h, "division", N_("Division code"), "text", 0, 1, NULL,
                  ours ? req_form(req, "division") : scope);
        web_input(req, h, "year", N_("Year"), "number", 0, 1, NULL,
                  ours ? req_form(req, "year") : arena_sprintf(&req->a, "%d", this_year(ctx)));
        web_input(req, h, "quota", N_("Places"), "number", 0, 1, NULL,
                  ours ? req_form(req, "quota") : "10");
        web_input(req, h, "deadline", N_("Last day"), "date", 0, 1, NULL,
                  ours ? req_form(req, "deadline") : NULL);
        web_submit(req, h, N_("Open the call"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</section>");
    return 0;
}

static void index_page(http_req *req, const page_outcome *o, int status)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = area_of(req);
    int year = year_of(req);
    standard_row *ss = NULL;
    size_t nss = 0;
    if (assessments_standard_list(ctx, 0, 100, &ss, &nss) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Assessments and grades"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Assessments and grades");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    flash(req, &h);
    int rc = assessments_section(req, &h, div, year);
    if (rc == 0)
        rc = summary_section(req, &h, div, year);
    if (rc == 0)
        rc = start_section(req, &h, ss, nss, o);
    if (rc == 0)
        rc = standards_section(req, &h, ss, nss, o);
    if (rc == 0)
        rc = calls_section(req, &h, div, o);
    if (rc != 0) {
        sb_release(&h.sb);
        if (rc < 0)
            resp_fail(req);
        return;
    }
    web_end(req, &h, status);
}

void page_admin_assessments(http_req *req)
{
    index_page(req, NULL, 200);
}

void page_admin_standards_import(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int confirm = req_form(req, "confirm") != NULL;
    const char *data = NULL, *type;
    size_t len = 0;
    if (confirm) {
        /* the file read by the dry run, carried by the form */
        const char *b64 = req_form(req, "data");
        size_t blen = b64 ? strlen(b64) : 0;
        unsigned char *bin = arena_alloc(&req->a, blen + 1);
        if (bin && b64 &&
            sodium_base642bin(bin, blen + 1, b64, blen, NULL, &len, NULL,
                              sodium_base64_VARIANT_ORIGINAL) == 0)
            data = (const char *)bin;
        else
            len = 0;
    } else if (req_file(req, "file", &data, &len, &type) < 0) {
        data = NULL;
        len = 0;
    }
    standard_import_result res;
    memset(&res, 0, sizeof(res));
    page_outcome o = {.f = {.form = "import"},
                      .res = &res,
                      .name = req_form(req, "name"),
                      .version = req_form(req, "version"),
                      .division = req_form(req, "division")};
    if (len > PAGE_FILE_MAX) {
        o.f.e = (wy_error){.cls = E_INVALID,
                           .code = "file_too_large",
                           .message = N_("The file is too large for this page (at most 4 MiB): "
                                         "import it through the API."),
                           .field = "file"};
        index_page(req, &o, 413);
        return;
    }
    if (assessments_standard_import(ctx, o.name, o.version, o.division, data, len, !confirm, &res) <
        0) {
        int status = refused(req, "import", &o);
        if (status)
            index_page(req, &o, status);
        return;
    }
    if (confirm) {
        resp_redirect(req, "/admin/assessments?msg=standard_imported#standards");
        return;
    }
    size_t n64 = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = arena_alloc(&req->a, n64);
    if (!b64) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    sodium_bin2base64(b64, n64, (const unsigned char *)data, len, sodium_base64_VARIANT_ORIGINAL);
    o.data64 = b64;
    index_page(req, &o, 200);
}

void page_admin_assessment_start(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *y = req_form(req, "year");
    int64_t id;
    if (assessment_create_of(ctx, form_id(req, "standard_id"), form_id(req, "venue_id"),
                             form_id(req, "unit_id"), y && *y ? atoi(y) : 0, &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/assessments/%lld?msg=assessment_started",
                                         (long long)id));
        return;
    }
    page_outcome o = {0};
    int status = refused(req, "start", &o);
    if (status)
        index_page(req, &o, status);
}

void page_admin_call_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *year = req_form(req, "year"), *quota = req_form(req, "quota"),
               *day = req_form(req, "deadline");
    call_row r = {.division = req_form(req, "division"),
                  .title = req_form(req, "title"),
                  .year = year && *year ? atoi(year) : 0,
                  .quota = quota && *quota ? atoi(quota) : 0};
    /* the deadline is the end of the day given, in China time */
    int64_t ms = 0;
    if (day && strlen(day) == 10 &&
        time_parse_rfc3339(arena_sprintf(&req->a, "%sT23:59:59+08:00", day), &ms) == 0)
        r.deadline = ms;
    int64_t id;
    if (call_create(ctx, &r, &id) == 0) {
        resp_redirect(req, "/admin/assessments?msg=call_opened#calls");
        return;
    }
    page_outcome o = {0};
    int status = refused(req, "call", &o);
    if (status)
        index_page(req, &o, status);
}

/* ---- /admin/assessment-calls/{id} ------------------------------------------------------- */

static void call_page(http_req *req, int64_t id, const page_outcome *o, int status)
{
    wy_ctx *ctx = req_ctx(req);
    call_row k;
    call_app_row *apps;
    size_t na;
    if (call_get(ctx, id, &k, &apps, &na) < 0) {
        resp_fail(req);
        return;
    }
    int manage = authz_allows(ctx->who, PERM_ASSESSMENTS_MANAGE, k.division);
    int open = !strcmp(k.status, "open");
    html h;
    web_begin(req, &h, k.title);
    html_lit(&h, "<h1>");
    html_text(&h, k.title);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    flash(req, &h);
    html_lit(&h, "<p class=\"small\" id=\"call-facts\"><a href=\"/admin/assessments#calls\">");
    web_t(req, &h, "All assessments");
    html_lit(&h, "</a> · ");
    html_text(&h, k.division);
    html_lit(&h, " · ");
    html_int(&h, k.year);
    html_lit(&h, " · ");
    web_t(req, &h, "Places");
    html_lit(&h, " ");
    html_int(&h, k.quota);
    html_lit(&h, " · ");
    web_t(req, &h, "Last day");
    html_lit(&h, " ");
    html_date(&h, k.deadline);
    html_lit(&h, " · <span id=\"call-status\" data-status=\"");
    html_attr(&h, k.status);
    html_lit(&h, "\">");
    badge(req, &h, k.status);
    html_lit(&h, "</span></p><section class=\"card\" id=\"applications\"><h2>");
    web_t(req, &h, "Applications");
    html_lit(&h, "</h2>");
    form_error(req, &h, o, "visit");
    form_error(req, &h, o, "announce");
    if (!na)
        web_empty(req, &h, "No venue has applied yet.");
    else {
        if (manage && open)
            web_form_open(
                req, &h, "announce-form",
                arena_sprintf(&req->a, "/admin/assessment-calls/%lld/announce", (long long)k.id),
                0);
        static const web_col cols[] = {{N_("Venue"), 0},      {N_("Division"), 0},
                                       {N_("How"), 0},        {N_("Why this venue"), 0},
                                       {N_("Site visit"), 0}, {N_("Status"), 0},
                                       {N_("Award it"), 0}};
        html_lit(&h, "<div class=\"scroll\"><table id=\"applications-table\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < na; i++) {
            const call_app_row *p = &apps[i];
            html_lit(&h, "<tr data-application=\"");
            html_int(&h, p->id);
            html_lit(&h, "\"><td>");
            html_text(&h, p->venue_name);
            html_lit(&h, "</td><td>");
            html_text(&h, p->division);
            html_lit(&h, "</td><td>");
            html_text(&h, term(req, p->kind));
            html_lit(&h, "</td><td>");
            html_text(&h, p->statement);
            html_lit(&h, "</td><td>");
            if (p->visit_on) {
                html_text(&h, p->visit_on);
                html_lit(&h, " <span class=\"muted small\">");
                html_text(&h, p->visitors ? p->visitors : "");
                html_lit(&h, "</span>");
            }
            html_lit(&h, "</td><td>");
            badge(req, &h, p->status);
            html_lit(&h, "</td><td>");
            if (manage && open && p->visit_on) {
                html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" value=\"1\" "
                             "name=\"award_");
                html_int(&h, p->id);
                html_lit(&h, "\"> ");
                web_t(req, &h, "Award it");
                html_lit(&h, "</label>");
            }
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
        if (manage && open) {
            html_lit(&h, "<p class=\"muted small\">");
            web_t(req, &h,
                  "Announcing closes the call: the ticked applications are awarded, the others "
                  "not. An application is awarded after its site visit.");
            html_lit(&h, "</p>");
            web_submit(req, &h, N_("Announce the awards"));
            html_lit(&h, "</form>");
        }
    }
    html_lit(&h, "</section>");
    if (manage && open && na) {
        html_lit(&h, "<section class=\"card\" id=\"visit\"><h2>");
        web_t(req, &h, "Schedule a site visit");
        html_lit(&h, "</h2>");
        web_form_open(
            req, &h, "visit-form",
            arena_sprintf(&req->a, "/admin/assessment-calls/%lld/visits", (long long)k.id), 0);
        html_lit(&h, "<label>");
        web_t(req, &h, "Application");
        html_lit(&h, " <select name=\"application\" required>");
        for (size_t i = 0; i < na; i++) {
            char aid[24];
            snprintf(aid, sizeof(aid), "%lld", (long long)apps[i].id);
            web_option(&h, aid, apps[i].venue_name, NULL);
        }
        html_lit(&h, "</select></label>");
        web_input(req, &h, "visit_on", N_("Day of the visit"), "date", 0, 1, NULL, NULL);
        web_input(req, &h, "visitors", N_("Visitors"), "text", 0, 1, NULL, NULL);
        web_submit(req, &h, N_("Schedule the visit"));
        html_lit(&h, "</form>");
        html_lit(&h, "</section>");
    }
    const char *scope = authz_scope(ctx->who, PERM_VENUE_MANAGE);
    if (open && scope) {
        venue_query q = {.division = scope, .limit = VENUES_MAX};
        venue_view *vs;
        size_t nv;
        double *dist;
        if (venue_list(ctx, &q, &vs, &nv, &dist) < 0) {
            sb_release(&h.sb);
            resp_fail(req);
            return;
        }
        html_lit(&h, "<section class=\"card\" id=\"apply\"><h2>");
        web_t(req, &h, "Apply or recommend a venue");
        html_lit(&h, "</h2>");
        form_error(req, &h, o, "apply");
        web_form_open(
            req, &h, "apply-form",
            arena_sprintf(&req->a, "/admin/assessment-calls/%lld/applications", (long long)k.id),
            0);
        html_lit(&h, "<label>");
        web_t(req, &h, "Venue");
        html_lit(&h, " <select name=\"venue_id\" required>");
        for (size_t i = 0; i < nv; i++) {
            char vid[24];
            snprintf(vid, sizeof(vid), "%lld", (long long)vs[i].v.id);
            web_option(&h, vid, vs[i].v.name, NULL);
        }
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Why this venue");
        html_lit(&h,
                 " <textarea name=\"statement\" rows=\"3\" maxlength=\"2000\"></textarea></label>");
        web_submit(req, &h, N_("Apply or recommend"));
        html_lit(&h, "</form>");
        html_lit(&h, "</section>");
    }
    web_end(req, &h, status);
}

void page_admin_call(http_req *req)
{
    call_page(req, req_id(req, 0), NULL, 200);
}

static void call_answer(http_req *req, int rc, const char *form, const char *msg)
{
    int64_t id = req_id(req, 0);
    if (rc == 0) {
        resp_redirect(
            req, arena_sprintf(&req->a, "/admin/assessment-calls/%lld?msg=%s", (long long)id, msg));
        return;
    }
    page_outcome o = {0};
    int status = refused(req, form, &o);
    if (status)
        call_page(req, id, &o, status);
}

void page_admin_call_apply(http_req *req)
{
    int64_t app;
    call_answer(req,
                call_apply(req_ctx(req), req_id(req, 0), form_id(req, "venue_id"),
                           req_form(req, "statement"), &app),
                "apply", "applied");
}

void page_admin_call_visit(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t app = form_id(req, "application");
    call_row k;
    call_app_row *apps;
    size_t na;
    if (call_get(ctx, req_id(req, 0), &k, &apps, &na) < 0) {
        resp_fail(req);
        return;
    }
    /* an application of this call only */
    int found = 0;
    for (size_t i = 0; i < na; i++)
        found |= apps[i].id == app;
    int rc =
        found ? call_visit(ctx, app, req_form(req, "visit_on"), req_form(req, "visitors"))
              : wy_fail_field(ctx, E_INVALID, "bad_application",
                              "An award names an application of this call, once.", "application");
    call_answer(req, rc, "visit", "visit_set");
}

void page_admin_call_announce(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    call_row k;
    call_app_row *apps;
    size_t na;
    if (call_get(ctx, req_id(req, 0), &k, &apps, &na) < 0) {
        resp_fail(req);
        return;
    }
    int64_t *won = arena_alloc(&req->a, (na + 1) * sizeof(*won));
    if (!won) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < na; i++) {
        char name[40];
        snprintf(name, sizeof(name), "award_%lld", (long long)apps[i].id);
        if (req_form(req, name))
            won[n++] = apps[i].id;
    }
    call_answer(req, call_announce(ctx, k.id, won, n), "announce", "announced");
}

/* ---- /admin/assessments/{id} ------------------------------------------------------------- */

static const assessment_item_row *answer_of(const assessment_view *v, int64_t item_id)
{
    for (size_t i = 0; i < v->nanswers; i++)
        if (v->answers[i].item_id == item_id)
            return &v->answers[i];
    return NULL;
}

/* The mean of the assessors' scores of an item (NAN: none yet). */
static double assessed_mean(const assessment_view *v, int64_t item_id)
{
    double sum = 0;
    int k = 0;
    for (size_t i = 0; i < v->nscores; i++)
        if (v->scores[i].item_id == item_id) {
            sum += v->scores[i].score;
            k++;
        }
    return k ? sum / k : NAN;
}

static void evidence_links(html *h, const assessment_view *v, int64_t answer_id)
{
    int first = 1;
    for (size_t k = 0; k < v->nevidence; k++) {
        if (v->evidence[k].owner_id != answer_id)
            continue;
        if (first)
            html_lit(h, "<ul class=\"list files\">");
        first = 0;
        html_lit(h, "<li><a class=\"evidence\" download href=\"/api/v1/assessment-evidence/");
        html_int(h, v->evidence[k].id);
        html_lit(h, "\">");
        html_text(h, v->evidence[k].filename);
        html_lit(h, "</a> <span class=\"muted small\">");
        html_int(h, (v->evidence[k].bytes + 1023) / 1024);
        html_lit(h, " KiB</span></li>");
    }
    if (!first)
        html_lit(h, "</ul>");
}

/* The items: what each asks, its points, the figure drawn, the self-assessment with its files,
 * the assessors' mean; the self-assessment's inputs when the caller may edit it. */
static void items_table(http_req *req, html *h, const assessment_view *v)
{
    static const web_col cols[] = {{N_("No."), 0},        {N_("Item"), 0},
                                   {N_("Points"), 1},     {N_("From wenyun's records"), 1},
                                   {N_("Self score"), 1}, {N_("Note and evidence"), 0},
                                   {N_("Assessed"), 1}};
    if (v->may_edit) {
        web_form_open(req, h, "self-form",
                      arena_sprintf(&req->a, "/admin/assessments/%lld/self", (long long)v->a.id),
                      0);
    }
    html_lit(h, "<div class=\"scroll\"><table id=\"items\">");
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    const char *sec = NULL;
    for (size_t i = 0; i < v->nitems; i++) {
        const standard_item_row *it = &v->items[i];
        const assessment_item_row *ans = answer_of(v, it->id);
        if (*it->section && (!sec || strcmp(sec, it->section))) {
            html_lit(h, "<tr class=\"section\"><th colspan=\"7\">");
            html_text(h, it->section);
            html_lit(h, "</th></tr>");
        }
        sec = it->section;
        html_lit(h, "<tr data-item=\"");
        html_int(h, it->id);
        html_lit(h, "\"><td>");
        html_text(h, it->number);
        html_lit(h, "</td><td>");
        html_text(h, it->title);
        if (*it->evidence) {
            html_lit(h, "<br><span class=\"muted small\">");
            web_t(req, h, "Evidence:");
            html_lit(h, " ");
            html_text(h, it->evidence);
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td class=\"num\">");
        points(req, h, it->max_points);
        html_lit(h, "</td><td class=\"num drawn\">");
        if (ans && isfinite(ans->drawn)) {
            points(req, h, ans->drawn);
            html_lit(h, " <span class=\"muted small\">/ ");
            points(req, h, it->full_at);
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td class=\"num self\">");
        if (v->may_edit) {
            html_lit(h, "<input type=\"number\" min=\"0\" step=\"0.1\" inputmode=\"decimal\" "
                        "class=\"score\" name=\"score_");
            html_int(h, it->id);
            html_lit(h, "\" max=\"");
            points(req, h, it->max_points);
            html_lit(h, "\" value=\"");
            if (ans)
                points(req, h, ans->self_score);
            html_lit(h, "\" aria-label=\"");
            html_attr(h, it->title);
            html_lit(h, "\">");
        } else if (ans)
            points(req, h, ans->self_score);
        html_lit(h, "</td><td>");
        if (v->may_edit) {
            html_lit(h, "<textarea rows=\"2\" maxlength=\"1000\" name=\"note_");
            html_int(h, it->id);
            html_lit(h, "\">");
            html_text(h, ans ? ans->note : "");
            html_lit(h, "</textarea>");
        } else if (ans)
            html_text(h, ans->note);
        if (ans)
            evidence_links(h, v, ans->id);
        html_lit(h, "</td><td class=\"num assessed\">");
        points(req, h, assessed_mean(v, it->id));
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    if (v->may_edit) {
        web_submit(req, h, N_("Save the self-assessment"));
        html_lit(h, "</form>");
    }
}

/* A bar chart of each item's self score and assessed mean as shares of its points. */
static void items_chart(http_req *req, html *h, const assessment_view *v)
{
    if (!v->nitems)
        return;
    int height = (int)v->nitems * 34 + 30;
    html_lit(h, "<figure id=\"items-chart\"><svg viewBox=\"0 0 1000 ");
    html_int(h, height);
    html_lit(h, "\" width=\"100%\" role=\"img\" aria-label=\"");
    html_attr(h, req_tr(req, "Scores by item, as a share of its points"));
    html_lit(h, "\"><rect x=\"300\" y=\"4\" width=\"12\" height=\"12\" fill=\"#d4a017\"/>"
                "<text x=\"318\" y=\"15\" font-size=\"13\">");
    web_t(req, h, "Self score");
    html_lit(h, "</text><rect x=\"480\" y=\"4\" width=\"12\" height=\"12\" fill=\"#1f7a4d\"/>"
                "<text x=\"498\" y=\"15\" font-size=\"13\">");
    web_t(req, h, "Assessed");
    html_lit(h, "</text>");
    for (size_t i = 0; i < v->nitems; i++) {
        const standard_item_row *it = &v->items[i];
        const assessment_item_row *ans = answer_of(v, it->id);
        double self = ans ? ans->self_score : NAN, assessed = assessed_mean(v, it->id);
        int y = 26 + (int)i * 34;
        html_lit(h, "<g class=\"item-bars\" data-item=\"");
        html_int(h, it->id);
        html_lit(h, "\"><text x=\"0\" font-size=\"13\" y=\"");
        html_int(h, y + 19);
        html_lit(h, "\">");
        html_text(h, *it->number ? it->number : it->title);
        html_lit(h, "</text><rect x=\"300\" height=\"28\" width=\"600\" fill=\"#f4f1ea\" y=\"");
        html_int(h, y);
        html_lit(h, "\"/>");
        if (isfinite(self) && it->max_points > 0) {
            html_lit(h, "<rect class=\"self\" x=\"300\" height=\"12\" fill=\"#d4a017\" y=\"");
            html_int(h, y + 1);
            html_lit(h, "\" width=\"");
            html_int(h, (int64_t)(self / it->max_points * 600));
            html_lit(h, "\"/>");
        }
        if (isfinite(assessed) && it->max_points > 0) {
            html_lit(h, "<rect class=\"assessed\" x=\"300\" height=\"12\" fill=\"#1f7a4d\" y=\"");
            html_int(h, y + 15);
            html_lit(h, "\" width=\"");
            html_int(h, (int64_t)(assessed / it->max_points * 600));
            html_lit(h, "\"/>");
        }
        html_lit(h, "<text x=\"910\" font-size=\"13\" y=\"");
        html_int(h, y + 19);
        html_lit(h, "\">");
        points(req, h, isfinite(assessed) ? assessed : self);
        html_lit(h, " / ");
        points(req, h, it->max_points);
        html_lit(h, "</text></g>");
    }
    html_lit(h, "</svg><figcaption class=\"muted small\">");
    web_t(req, h, "Scores by item, as a share of its points");
    html_lit(h, "</figcaption></figure>");
}

static void evidence_form(http_req *req, html *h, const assessment_view *v)
{
    html_lit(h, "<h3>");
    web_t(req, h, "Add a file as evidence");
    html_lit(h, "</h3>");
    web_form_open(req, h, "evidence-form",
                  arena_sprintf(&req->a, "/admin/assessments/%lld/evidence", (long long)v->a.id),
                  1);
    html_lit(h, "<label>");
    web_t(req, h, "Item");
    html_lit(h, " <select name=\"item\" required>");
    for (size_t i = 0; i < v->nitems; i++) {
        char id[24];
        snprintf(id, sizeof(id), "%lld", (long long)v->items[i].id);
        web_option(h, id, arena_sprintf(&req->a, "%s %s", v->items[i].number, v->items[i].title),
                   NULL);
    }
    html_lit(h, "</select></label><label>");
    web_t(req, h, "File (at most 10 MiB)");
    html_lit(h, " <input type=\"file\" name=\"file\" required></label>");
    web_submit(req, h, N_("Add the file"));
    html_lit(h, "</form>");
}

static void review_form(http_req *req, html *h, const assessment_view *v)
{
    html_lit(h, "<section class=\"card\" id=\"review\"><h2>");
    web_t(req, h, "Your scores as assessor");
    html_lit(h, "</h2><p class=\"muted small\">");
    web_t(req, h,
          "Score every item from 0 to its points, with a comment. Scoring again replaces your "
          "scores.");
    html_lit(h, "</p>");
    web_form_open(req, h, "review-form",
                  arena_sprintf(&req->a, "/admin/assessments/%lld/review", (long long)v->a.id), 0);
    html_lit(h, "<div class=\"scroll\"><table id=\"review-items\">");
    static const web_col cols[] = {{N_("No."), 0},        {N_("Item"), 0},
                                   {N_("Points"), 1},     {N_("Self score"), 1},
                                   {N_("Your score"), 1}, {N_("Comment"), 0}};
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    int64_t me = req_ctx(req)->who ? req_ctx(req)->who->user_id : 0;
    for (size_t i = 0; i < v->nitems; i++) {
        const standard_item_row *it = &v->items[i];
        const assessment_item_row *ans = answer_of(v, it->id);
        const assessment_score_row *mine = NULL;
        for (size_t k = 0; k < v->nscores; k++)
            if (v->scores[k].item_id == it->id && v->scores[k].assessor_id == me)
                mine = &v->scores[k];
        html_lit(h, "<tr data-item=\"");
        html_int(h, it->id);
        html_lit(h, "\"><td>");
        html_text(h, it->number);
        html_lit(h, "</td><td>");
        html_text(h, it->title);
        html_lit(h, "</td><td class=\"num\">");
        points(req, h, it->max_points);
        html_lit(h, "</td><td class=\"num\">");
        if (ans)
            points(req, h, ans->self_score);
        html_lit(h, "</td><td class=\"num\"><input type=\"number\" min=\"0\" step=\"0.1\" "
                    "inputmode=\"decimal\" required class=\"score\" name=\"score_");
        html_int(h, it->id);
        html_lit(h, "\" max=\"");
        points(req, h, it->max_points);
        html_lit(h, "\" value=\"");
        if (mine)
            points(req, h, mine->score);
        html_lit(h, "\" aria-label=\"");
        html_attr(h, it->title);
        html_lit(h, "\"></td><td><textarea rows=\"1\" maxlength=\"1000\" name=\"comment_");
        html_int(h, it->id);
        html_lit(h, "\">");
        html_text(h, mine ? mine->comment : "");
        html_lit(h, "</textarea></td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
    web_submit(req, h, N_("Record my scores"));
    html_lit(h, "</form>");
    html_lit(h, "</section>");
}

static void scores_table(http_req *req, html *h, const assessment_view *v)
{
    if (!v->nscores)
        return;
    html_lit(h, "<section class=\"card\" id=\"scores\"><h2>");
    web_t(req, h, "The assessors' scores");
    html_lit(h, "</h2><div class=\"scroll\"><table id=\"scores-table\">");
    static const web_col cols[] = {
        {N_("Item"), 0}, {N_("Assessor"), 0}, {N_("Score"), 1}, {N_("Comment"), 0}};
    web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < v->nscores; i++) {
        const assessment_score_row *s = &v->scores[i];
        const char *num = "";
        for (size_t k = 0; k < v->nitems; k++)
            if (v->items[k].id == s->item_id)
                num = v->items[k].number;
        html_lit(h, "<tr><td>");
        html_text(h, num);
        html_lit(h, "</td><td>");
        html_text(h, s->assessor_name ? s->assessor_name : "");
        html_lit(h, "</td><td class=\"num\">");
        points(req, h, s->score);
        html_lit(h, "</td><td>");
        html_text(h, s->comment ? s->comment : "");
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div></section>");
}

static void assessment_page(http_req *req, int64_t id, const page_outcome *o, int status)
{
    wy_ctx *ctx = req_ctx(req);
    assessment_view v;
    if (assessment_get(ctx, id, &v) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, v.a.venue_name);
    html_lit(&h, "<h1>");
    html_text(&h, v.a.venue_name);
    html_lit(&h, " · ");
    html_int(&h, v.a.year);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    flash(req, &h);
    html_lit(&h, "<p class=\"small\" id=\"assessment-facts\"><a href=\"/admin/assessments\">");
    web_t(req, &h, "All assessments");
    html_lit(&h, "</a> · ");
    html_text(&h, v.a.standard_name);
    html_lit(&h, " ");
    html_text(&h, v.a.standard_version);
    html_lit(&h, " · ");
    html_text(&h, v.a.division);
    html_lit(&h, " · <span id=\"assessment-status\" data-status=\"");
    html_attr(&h, v.a.status);
    html_lit(&h, "\">");
    badge(req, &h, v.a.status);
    html_lit(&h, "</span></p><div class=\"stats\" id=\"assessment-totals\"><div><strong "
                 "id=\"self-total\">");
    if (strcmp(v.a.status, "draft"))
        points(req, &h, v.a.self_total);
    else
        html_lit(&h, "–");
    html_lit(&h, "</strong>");
    web_t(req, &h, "Self-assessed total");
    html_lit(&h, "</div><div><strong id=\"review-total\">");
    if (isfinite(v.a.review_total))
        points(req, &h, v.a.review_total);
    else
        html_lit(&h, "–");
    html_lit(&h, "</strong>");
    web_t(req, &h, "Assessed total");
    html_lit(&h, "</div><div><strong id=\"grade\" data-grade=\"");
    html_attr(&h, v.a.grade ? v.a.grade : "");
    html_lit(&h, "\">");
    if (v.a.grade)
        html_text(&h, term(req, v.a.grade));
    else
        html_lit(&h, "–");
    html_lit(&h, "</strong>");
    web_t(req, &h, "Grade");
    html_lit(&h, "</div></div><p class=\"small\" id=\"thresholds\">");
    for (size_t i = 0; i < v.ngrades; i++) {
        if (i)
            html_lit(&h, " · ");
        html_text(&h, term(req, v.grades[i].grade));
        html_lit(&h, " ≥ ");
        points(req, &h, v.grades[i].min_total);
    }
    if (!strcmp(v.a.status, "published") && v.a.venue_id) {
        html_lit(&h, " · <a id=\"venue-link\" href=\"/venues/");
        html_int(&h, v.a.venue_id);
        html_lit(&h, "\">");
        web_t(req, &h, "The venue's page");
        html_lit(&h, "</a>");
    }
    html_lit(&h, "</p>");

    html_lit(&h, "<section class=\"card\" id=\"self\"><h2>");
    web_t(req, &h, "Self-assessment");
    html_lit(&h, "</h2>");
    if (o)
        for (size_t i = 0; i < 3; i++)
            form_error(req, &h, o, (const char *[]){"self", "evidence", "submit"}[i]);
    items_table(req, &h, &v);
    if (v.may_edit) {
        evidence_form(req, &h, &v);
        html_lit(&h, "<h3>");
        web_t(req, &h, "Submit to the assessors");
        html_lit(&h, "</h3><p class=\"muted small\">");
        web_t(req, &h,
              "Every item needs a score. Once submitted, the self-assessment is fixed and the "
              "figures from wenyun's records are drawn again.");
        html_lit(&h, "</p>");
        web_form_open(req, &h, "submit-form",
                      arena_sprintf(&req->a, "/admin/assessments/%lld/submit", (long long)v.a.id),
                      0);
        web_submit(req, &h, N_("Submit the self-assessment"));
        html_lit(&h, "</form>");
    }
    items_chart(req, &h, &v);
    html_lit(&h, "</section>");
    if (o)
        form_error(req, &h, o, "review");
    if (v.may_assess)
        review_form(req, &h, &v);
    scores_table(req, &h, &v);
    if (o)
        form_error(req, &h, o, "publish");
    if (v.may_publish) {
        html_lit(&h, "<section class=\"card\" id=\"publish\"><h2>");
        web_t(req, &h, "Publish the result");
        html_lit(&h, "</h2><p class=\"muted small\">");
        web_t(req, &h,
              "Each item's score is the mean of the assessors' scores; the grade the total "
              "reaches is written on the venue's record.");
        html_lit(&h, "</p>");
        web_form_open(req, &h, "publish-form",
                      arena_sprintf(&req->a, "/admin/assessments/%lld/publish", (long long)v.a.id),
                      0);
        web_submit(req, &h, N_("Publish and grade the venue"));
        html_lit(&h, "</form>");
        html_lit(&h, "</section>");
    }
    web_end(req, &h, status);
}

void page_admin_assessment(http_req *req)
{
    assessment_page(req, req_id(req, 0), NULL, 200);
}

/* After a write: to the assessment's page with its flash, or the page again with the refusal. */
static void answer(http_req *req, int rc, const char *form, const char *msg)
{
    int64_t id = req_id(req, 0);
    if (rc == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/assessments/%lld?msg=%s", (long long)id, msg));
        return;
    }
    page_outcome o = {0};
    int status = refused(req, form, &o);
    if (status)
        assessment_page(req, id, &o, status);
}

/* A score of the form for an item: score_ITEM and its text (note_ITEM or comment_ITEM). */
typedef struct form_score {
    int64_t item_id;
    double score; /* NAN: left empty; -1: not a number, refused by the rules */
    const char *text;
} form_score;

/* The assessment (answered as it is when the caller may not see it: -1) and the scores its
 * form gives, one per item the form names (neither field sent: not named). */
static int form_scores(http_req *req, const char *text_prefix, assessment_view *v, form_score **out,
                       size_t *n)
{
    wy_ctx *ctx = req_ctx(req);
    if (assessment_get(ctx, req_id(req, 0), v) < 0) {
        resp_fail(req);
        return -1;
    }
    form_score *fs = arena_alloc(&req->a, (v->nitems + 1) * sizeof(*fs));
    if (!fs) {
        check_mem(ctx);
        resp_fail(req);
        return -1;
    }
    *n = 0;
    for (size_t i = 0; i < v->nitems; i++) {
        long long id = (long long)v->items[i].id;
        const char *s = req_form(req, arena_sprintf(&req->a, "score_%lld", id));
        const char *t = req_form(req, arena_sprintf(&req->a, "%s_%lld", text_prefix, id));
        if (!s && !t)
            continue;
        char *end = NULL;
        double d = s && *s ? strtod(s, &end) : NAN;
        if (end && *end)
            d = -1;
        fs[(*n)++] = (form_score){v->items[i].id, d, t ? t : ""};
    }
    *out = fs;
    return 0;
}

void page_admin_assessment_self(http_req *req)
{
    assessment_view v;
    form_score *fs;
    size_t n;
    if (form_scores(req, "note", &v, &fs, &n) < 0)
        return;
    assessment_answer *ans = arena_alloc(&req->a, (n + 1) * sizeof(*ans));
    for (size_t i = 0; ans && i < n; i++)
        ans[i] = (assessment_answer){fs[i].item_id, fs[i].score, fs[i].text};
    if (!ans) {
        check_mem(req_ctx(req));
        resp_fail(req);
        return;
    }
    answer(req, assessment_self(req_ctx(req), v.a.id, ans, n), "self", "self_saved");
}

void page_admin_assessment_evidence(http_req *req)
{
    attachment_file f = {.name = "file"}; /* no file chosen: the rule says it is empty */
    if (req_file(req, "file", &f.data, &f.len, &f.content_type) == 0) {
        const mpart *part = mpart_get(&req->in.parts, "file");
        f.name = part && part->filename && *part->filename ? part->filename : "file";
    }
    attachment a;
    answer(req, assessment_evidence_add(req_ctx(req), req_id(req, 0), form_id(req, "item"), &f, &a),
           "evidence", "evidence_added");
}

void page_admin_assessment_submit(http_req *req)
{
    answer(req, assessment_submit(req_ctx(req), req_id(req, 0), NULL), "submit", "submitted");
}

void page_admin_assessment_review(http_req *req)
{
    assessment_view v;
    form_score *fs;
    size_t n;
    if (form_scores(req, "comment", &v, &fs, &n) < 0)
        return;
    /* an empty score is not a score: bad_score, from the rules; an item left out of the form
     * is missing_items */
    assessment_mark *m = arena_alloc(&req->a, (n + 1) * sizeof(*m));
    for (size_t i = 0; m && i < n; i++)
        m[i] = (assessment_mark){fs[i].item_id, fs[i].score, fs[i].text};
    if (!m) {
        check_mem(req_ctx(req));
        resp_fail(req);
        return;
    }
    answer(req, assessment_review(req_ctx(req), v.a.id, m, n), "review", "reviewed");
}

void page_admin_assessment_publish(http_req *req)
{
    assessment_view v;
    answer(req, assessment_publish(req_ctx(req), req_id(req, 0), &v), "publish", "published");
}
