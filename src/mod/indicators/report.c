/*
 * report: the annual analysis report (report.h, docs/report.md): the figures, the workbook,
 * the snapshot and its verification. The HTML page is drawn by pages_report.c; the command
 * `wenyun report` is cli_report.c.
 */
#include "mod/indicators/report.h"

#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/authz.h"
#include "core/division.h"
#include "core/store.h"
#include "util/timeutil.h"

/* ---- themes ----------------------------------------------------------------------------- */

static const report_theme themes[] = {
    {"venues", "公共文化设施", "Venues"},
    {"spaces", "新型公共文化空间", "Public cultural spaces"},
    {"circles", "文化生活圈", "Life circles"},
    {"activities", "文化活动", "Activities"},
    {"occupancy", "设施利用", "Utilisation"},
    {"libraries", "图书馆总分馆", "Library branches"},
    {"resources", "数字资源", "Digital resources"},
    {"talent", "人才队伍", "Talent"},
    {"troupes", "群文队伍", "Performing groups"},
    {"volunteers", "文化志愿服务", "Volunteers"},
    {"works", "文艺创作", "New works"},
    {"assessment", "评选评估", "Assessment"},
    {"brands", "文化品牌", "Brands"},
    {"youth_palaces", "乡村少年宫", "Youth palaces"},
    {"reading", "全民阅读", "Reading"},
    {"exchange", "对外文化交流", "Exchange"},
};

report_theme report_theme_of(const char *code)
{
    const char *dot = strchr(code, '.');
    size_t n = dot ? (size_t)(dot - code) : strlen(code);
    for (size_t i = 0; i < sizeof(themes) / sizeof(themes[0]); i++)
        if (strlen(themes[i].prefix) == n && !strncmp(themes[i].prefix, code, n))
            return themes[i];
    /* a prefix the list does not know yet: the prefix names it in both languages */
    static __thread char other[64];
    snprintf(other, sizeof(other), "%.*s", (int)(n < 63 ? n : 63), code);
    return (report_theme){other, other, other};
}

/* ---- figures ---------------------------------------------------------------------------- */

static int bad_year(wy_ctx *ctx)
{
    return wy_fail_field(ctx, E_INVALID, "bad_year", "A year between 1900 and 2999.", "year");
}

int report_compute(wy_ctx *ctx, const char *code, int year,
                   void (*progress)(const char *division, const char *name, void *ud), void *ud,
                   report_figures *out)
{
    memset(out, 0, sizeof(*out));
    if (year < 1900 || year > 2999)
        return bad_year(ctx);
    char div[DIVISION_CODE_MAX];
    if (!code || division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    division self, *kids = NULL;
    size_t nkids = 0;
    int rc = store_division_get(ctx->c, ctx->a, div, &self);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_NOTFOUND, "unknown_division", "No such division.", "division");
    if (rc == WY_OK)
        rc = store_division_children(ctx->c, ctx->a, div, &kids, &nkids);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "divisions");
    const char *period = arena_sprintf(ctx->a, "%d", year);
    ind_value **vals = arena_alloc(ctx->a, (nkids + 1) * sizeof(*vals));
    size_t *nvals = arena_alloc(ctx->a, (nkids + 1) * sizeof(*nvals)), total = 0;
    if (!period || !vals || !nvals)
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    for (size_t i = 0; i <= nkids; i++) {
        const division *dv = i == 0 ? &self : &kids[i - 1];
        if (progress)
            progress(dv->code, dv->name, ud);
        /* afresh where the caller may ask for it: a report recomputed later must see the
         * records as they are then, not a cached value */
        ind_opts o = {.recompute = authz_allows(ctx->who, PERM_INDICATORS_MANAGE, dv->code)};
        if (ind_values(ctx, dv->code, period, &o, &vals[i], &nvals[i]) < 0)
            return -1;
        total += nvals[i];
    }
    ind_export_row *rows = arena_alloc(ctx->a, (total ? total : 1) * sizeof(*rows));
    ind_value *flat = arena_alloc(ctx->a, (total ? total : 1) * sizeof(*flat));
    if (!rows || !flat)
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    size_t k = 0;
    for (size_t i = 0; i <= nkids; i++) {
        const division *dv = i == 0 ? &self : &kids[i - 1];
        for (size_t j = 0; j < nvals[i]; j++) {
            rows[k] = (ind_export_row){dv->code, dv->name, vals[i][j]};
            flat[k++] = vals[i][j];
        }
    }
    *out = (report_figures){.division = self.code,
                            .division_name = self.name,
                            .year = year,
                            .period = period,
                            .rows = rows,
                            .n = total,
                            .ndivisions = nkids + 1,
                            .hash = ind_snapshot_hash(ctx, flat, total),
                            .computed_at = ctx->now};
    if (!out->hash)
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    return 0;
}

static json_t *num_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

const char *report_figures_json(wy_ctx *ctx, const report_figures *f)
{
    json_t *a = json_array();
    for (size_t i = 0; i < f->n; i++) {
        const ind_value *v = &f->rows[i].v;
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o}", "code", v->def.code, "division",
                                           f->rows[i].division, "value", num_or_null(v->value),
                                           "target",
                                           num_or_null(v->has_target ? v->target.target : NAN)));
    }
    char *s = json_dumps(a, JSON_COMPACT | JSON_REAL_PRECISION(17));
    json_decref(a);
    const char *r = s ? arena_strdup(ctx->a, s) : NULL;
    free(s);
    return r;
}

/* ---- the workbook ----------------------------------------------------------------------- */

static const char *status_zh(ind_status s)
{
    switch (s) {
    case IND_MET:
        return "已达成";
    case IND_ON_TRACK:
        return "进度正常";
    case IND_BEHIND:
        return "滞后";
    default:
        return "无数据";
    }
}

static const char *attribute_zh(const char *a)
{
    if (!a)
        return "";
    return !strcmp(a, "binding") ? "约束性" : !strcmp(a, "expected") ? "预期性" : a;
}

/* Excel's serial date of a time in ms, as a clock in China (+08:00) reads it. */
static double excel_date(int64_t ms)
{
    return (double)(ms + 8 * 3600 * 1000LL) / 86400000.0 + 25569.0;
}

/* The columns of a theme's sheet: Chinese header, English header, width. */
static const struct {
    const char *zh, *en;
    double width;
} cols[] = {
    {"指标代码", "Code", 26},
    {"指标名称", "Indicator", 34},
    {"单位", "Unit", 12},
    {"属性", "Attribute", 9},
    {"区划代码", "Division code", 12},
    {"区划", "Division", 14},
    {"数值", "Value", 14},
    {"目标", "Target", 14},
    {"完成率", "% of target", 10},
    {"基线年", "Baseline year", 9},
    {"基线值", "Baseline", 12},
    {"状态", "Status", 10},
    {"预测值", "Projected", 14},
    {"来源", "Source", 10},
    {"计算时间", "Computed at", 17},
    {"英文名称", "Name (English)", 34},
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

typedef struct xfmt {
    lxw_format *head, *head_en, *num, *pct, *date, *text, *title;
} xfmt;

static void put_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
    if (isfinite(v))
        worksheet_write_number(ws, r, c, v, f);
    else
        worksheet_write_blank(ws, r, c, f);
}

static void put_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    if (s && *s)
        worksheet_write_string(ws, r, c, s, f);
}

static void theme_sheet(lxw_workbook *wb, const xfmt *x, const report_figures *f,
                        const report_theme *t)
{
    char name[96];
    snprintf(name, sizeof(name), "%s %s", t->name_zh, t->name_en);
    /* a sheet's name has at most 31 characters: keep the Chinese when the English overflows */
    if (workbook_validate_sheet_name(wb, name) != LXW_NO_ERROR)
        snprintf(name, sizeof(name), "%s", t->name_zh);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws)
        ws = workbook_add_worksheet(wb, NULL);
    for (lxw_col_t c = 0; c < NCOLS; c++) {
        worksheet_write_string(ws, 0, c, cols[c].zh, x->head);
        worksheet_write_string(ws, 1, c, cols[c].en, x->head_en);
        worksheet_set_column(ws, c, c, cols[c].width, NULL);
    }
    worksheet_freeze_panes(ws, 2, 2);
    lxw_row_t r = 2;
    /* indicator by indicator, the division first and then its districts */
    for (size_t i = 0; i < f->n; i++) {
        const ind_value *v0 = &f->rows[i].v;
        if (strcmp(report_theme_of(v0->def.code).prefix, t->prefix))
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(f->rows[j].v.def.code, v0->def.code);
        if (seen)
            continue;
        for (size_t j = i; j < f->n; j++) {
            const ind_value *v = &f->rows[j].v;
            if (strcmp(v->def.code, v0->def.code))
                continue;
            double target = v->has_target ? v->target.target : NAN;
            put_str(ws, r, 0, v->def.code, x->text);
            put_str(ws, r, 1, v->def.name_zh, x->text);
            put_str(ws, r, 2, v->def.unit, x->text);
            put_str(ws, r, 3, attribute_zh(v->def.attribute), x->text);
            put_str(ws, r, 4, f->rows[j].division, x->text);
            put_str(ws, r, 5, f->rows[j].division_name, x->text);
            put_num(ws, r, 6, v->value, x->num);
            put_num(ws, r, 7, target, x->num);
            put_num(ws, r, 8,
                    isfinite(v->value) && isfinite(target) && target != 0 ? v->value / target : NAN,
                    x->pct);
            if (v->has_target && v->target.baseline_year)
                worksheet_write_number(ws, r, 9, v->target.baseline_year, NULL);
            put_num(ws, r, 10, v->has_target ? v->target.baseline : NAN, x->num);
            put_str(ws, r, 11, status_zh(v->status), x->text);
            put_num(ws, r, 12, v->projected, x->num);
            put_str(ws, r, 13, !strcmp(v->def.source, "computed") ? "计算" : "填报", x->text);
            if (v->computed_at)
                worksheet_write_number(ws, r, 14, excel_date(v->computed_at), x->date);
            put_str(ws, r, 15, v->def.name_en, x->text);
            r++;
        }
    }
    worksheet_autofilter(ws, 1, 0, r > 2 ? r - 1 : 1, NCOLS - 1);
}

static void summary_sheet(lxw_workbook *wb, const xfmt *x, const report_figures *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "概况 Summary");
    char title[256];
    snprintf(title, sizeof(title), "%s %d 年度公共文化服务指标分析报告", f->division_name, f->year);
    worksheet_set_column(ws, 0, 0, 30, NULL);
    worksheet_set_column(ws, 1, 1, 70, NULL);
    worksheet_write_string(ws, 0, 0, title, x->title);
    worksheet_write_string(ws, 1, 0, "Annual report of the public cultural service indicators",
                           NULL);
    const char *labels[][2] = {{"区划 Division", f->division_name},
                               {"区划代码 Division code", f->division},
                               {"年度 Year", f->period},
                               {"快照哈希 Snapshot SHA-256", f->hash}};
    lxw_row_t r = 3;
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++, r++) {
        worksheet_write_string(ws, r, 0, labels[i][0], x->head);
        worksheet_write_string(ws, r, 1, labels[i][1], x->text);
    }
    worksheet_write_string(ws, r, 0, "计算时间 Computed at", x->head);
    worksheet_write_number(ws, r++, 1, excel_date(f->computed_at), x->date);
    worksheet_write_string(ws, r, 0, "指标数 Figures", x->head);
    worksheet_write_number(ws, r++, 1, (double)f->n, NULL);
    size_t count[4] = {0};
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->rows[i].division, f->division))
            count[f->rows[i].v.status]++;
    static const struct {
        ind_status s;
        const char *label;
    } st[] = {{IND_MET, "已达成 Met"},
              {IND_ON_TRACK, "进度正常 On track"},
              {IND_BEHIND, "滞后 Behind"},
              {IND_NO_DATA, "无数据 No data"}};
    r++;
    worksheet_write_string(ws, r++, 0, "本级指标状态 Status of the division's indicators",
                           x->title);
    for (size_t i = 0; i < 4; i++, r++) {
        worksheet_write_string(ws, r, 0, st[i].label, x->head);
        worksheet_write_number(ws, r, 1, (double)count[st[i].s], NULL);
    }
}

int report_write_xlsx(wy_ctx *ctx, const report_figures *f, const char *path)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb)
        return wy_fail(ctx, E_UNAVAILABLE, "report_write_failed", "The report cannot be written.");
    xfmt x;
    x.head = workbook_add_format(wb);
    format_set_bold(x.head);
    format_set_bg_color(x.head, 0xDDE6F0);
    format_set_border(x.head, LXW_BORDER_THIN);
    x.head_en = workbook_add_format(wb);
    format_set_italic(x.head_en);
    format_set_font_color(x.head_en, 0x555555);
    format_set_bg_color(x.head_en, 0xEEF2F7);
    format_set_border(x.head_en, LXW_BORDER_THIN);
    x.num = workbook_add_format(wb);
    format_set_num_format(x.num, "#,##0.00");
    x.pct = workbook_add_format(wb);
    format_set_num_format(x.pct, "0.0%");
    x.date = workbook_add_format(wb);
    format_set_num_format(x.date, "yyyy-mm-dd hh:mm");
    format_set_align(x.date, LXW_ALIGN_LEFT);
    x.text = workbook_add_format(wb);
    x.title = workbook_add_format(wb);
    format_set_bold(x.title);
    format_set_font_size(x.title, 14);
    lxw_doc_properties props = {.title = "年度公共文化服务指标分析报告 Annual report",
                                .author = "wenyun",
                                .comments = (char *)f->hash};
    workbook_set_properties(wb, &props);
    summary_sheet(wb, &x, f);
    /* one sheet a theme, in the order the themes first appear in the catalogue */
    for (size_t i = 0; i < f->n; i++) {
        report_theme t = report_theme_of(f->rows[i].v.def.code);
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(report_theme_of(f->rows[j].v.def.code).prefix, t.prefix);
        if (!seen) {
            char prefix[64];
            snprintf(prefix, sizeof(prefix), "%s", t.prefix);
            t.prefix = prefix; /* the theme of an unknown prefix lives in a shared buffer */
            theme_sheet(wb, &x, f, &t);
        }
    }
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR)
        return wy_fail(ctx, E_UNAVAILABLE, "report_write_failed", "The report cannot be written.");
    return 0;
}

/* ---- the snapshot ----------------------------------------------------------------------- */

int report_record(wy_ctx *ctx, const report_figures *f, const char *xlsx, size_t xlsx_len,
                  const char *html, report_row *out)
{
    const char *figures = report_figures_json(ctx, f);
    char *b64 = NULL;
    if (xlsx) {
        size_t n = sodium_base64_ENCODED_LEN(xlsx_len, sodium_base64_VARIANT_ORIGINAL);
        b64 = arena_alloc(ctx->a, n);
        if (b64)
            sodium_bin2base64(b64, n, (const unsigned char *)xlsx, xlsx_len,
                              sodium_base64_VARIANT_ORIGINAL);
    }
    if (!figures || (xlsx && !b64))
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    *out = (report_row){.division = f->division,
                        .year = f->year,
                        .computed_at = f->computed_at,
                        .figures_hash = f->hash,
                        .nfigures = (int)f->n,
                        .figures = figures,
                        .has_xlsx = xlsx != NULL,
                        .has_html = html != NULL,
                        .made_by = ctx->who ? ctx->who->user_id : 0,
                        .made_at = ctx->now};
    int rc = store_report_add(ctx->c, out, b64, html, &out->id);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "report");
}

static char *figure_text(wy_ctx *ctx, json_t *v)
{
    return json_is_number(v) ? arena_sprintf(ctx->a, "%.17g", json_number_value(v))
                             : arena_strdup(ctx->a, "null");
}

int report_verify(wy_ctx *ctx, int64_t id, report_check *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_report_get(ctx->c, ctx->a, id, &out->report);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "unknown_report", "No such report.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "report");
    if (ctx->who && authz_require(ctx, PERM_INDICATORS_READ, out->report.division) < 0)
        return -1;
    report_figures f;
    if (report_compute(ctx, out->report.division, out->report.year, NULL, NULL, &f) < 0)
        return -1;
    out->hash = f.hash;
    out->checked_at = ctx->now;
    out->matches = !strcmp(f.hash, out->report.figures_hash);
    if (out->matches)
        return 0;
    /* figure by figure: what was recorded against what the records give now */
    json_t *was = json_loads(out->report.figures, 0, NULL);
    json_t *now = json_loads(report_figures_json(ctx, &f), 0, NULL);
    enum { MAX_LISTED = 50 };
    out->changed = arena_alloc(ctx->a, MAX_LISTED * sizeof(*out->changed));
    size_t i;
    json_t *w;
    json_array_foreach(was, i, w)
    {
        const char *code = json_string_value(json_object_get(w, "code"));
        const char *div = json_string_value(json_object_get(w, "division"));
        json_t *match = NULL, *n;
        size_t j;
        json_array_foreach(now, j, n)
        {
            if (code && div && json_equal(json_object_get(n, "code"), json_object_get(w, "code")) &&
                json_equal(json_object_get(n, "division"), json_object_get(w, "division"))) {
                match = n;
                break;
            }
        }
        const char *a = figure_text(ctx, json_object_get(w, "value"));
        const char *b = match ? figure_text(ctx, json_object_get(match, "value")) : "absent";
        const char *ta = figure_text(ctx, json_object_get(w, "target"));
        const char *tb = match ? figure_text(ctx, json_object_get(match, "target")) : "absent";
        if (a && b && ta && tb && !strcmp(a, b) && !strcmp(ta, tb))
            continue;
        if (out->changed && out->nchanged < MAX_LISTED)
            out->changed[out->nchanged] =
                arena_sprintf(ctx->a, "%s@%s: %s -> %s (target %s -> %s)", code ? code : "?",
                              div ? div : "?", a, b, ta, tb);
        out->nchanged++;
    }
    /* figures that the report did not have (a new indicator, a new district) */
    json_array_foreach(now, i, w)
    {
        json_t *o;
        size_t j;
        int found = 0;
        json_array_foreach(was, j, o)
        {
            if (json_equal(json_object_get(o, "code"), json_object_get(w, "code")) &&
                json_equal(json_object_get(o, "division"), json_object_get(w, "division"))) {
                found = 1;
                break;
            }
        }
        if (found)
            continue;
        const char *code = json_string_value(json_object_get(w, "code"));
        const char *div = json_string_value(json_object_get(w, "division"));
        if (out->changed && out->nchanged < MAX_LISTED)
            out->changed[out->nchanged] = arena_sprintf(
                ctx->a, "%s@%s: absent -> %s (target absent -> %s)", code ? code : "?",
                div ? div : "?", figure_text(ctx, json_object_get(w, "value")),
                figure_text(ctx, json_object_get(w, "target")));
        out->nchanged++;
    }
    json_decref(was);
    json_decref(now);
    return 0;
}

/* ---- from the console ------------------------------------------------------------------- */

int report_list(wy_ctx *ctx, const char *division, report_row **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (!division || division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (authz_require(ctx, PERM_INDICATORS_READ, div) < 0)
        return -1;
    int rc = store_reports_of(ctx->c, ctx->a, div, 100, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "reports");
}

int report_get(wy_ctx *ctx, int64_t id, const char *which, report_row *out, const char **data,
               size_t *len)
{
    int rc = store_report_get(ctx->c, ctx->a, id, out);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "unknown_report", "No such report.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "report");
    if (!authz_allows(ctx->who, PERM_INDICATORS_READ, out->division))
        return wy_fail(ctx, E_NOTFOUND, "unknown_report", "No such report.");
    if (!which)
        return 0;
    const char *text;
    rc = store_report_file(ctx->c, ctx->a, id, which, &text);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "no_file", "This report kept no such file.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "report");
    if (!strcmp(which, "html")) {
        *data = text;
        *len = strlen(text);
        return 0;
    }
    size_t cap = strlen(text), n = 0;
    unsigned char *bin = arena_alloc(ctx->a, cap ? cap : 1);
    if (!bin || sodium_base642bin(bin, cap, text, strlen(text), NULL, &n, NULL,
                                  sodium_base64_VARIANT_ORIGINAL) != 0)
        return check_mem(ctx) < 0
                   ? -1
                   : wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    *data = (const char *)bin;
    *len = n;
    return 0;
}

/* The division of the caller's first grant that lets it read indicators. */
static const char *own_division(wy_ctx *ctx)
{
    for (size_t i = 0; ctx->who && i < ctx->who->ngrants; i++)
        if (authz_allows(ctx->who, PERM_INDICATORS_READ, ctx->who->grants[i].division))
            return ctx->who->grants[i].division;
    return NULL;
}

int report_make(wy_ctx *ctx, const char *division, int year, report_row *out)
{
    char div[DIVISION_CODE_MAX];
    if (!division || !*division)
        division = own_division(ctx);
    if (!division && authz_require(ctx, PERM_INDICATORS_READ, NULL) < 0)
        return -1; /* no grant that reads indicators anywhere: nothing to default to */
    if (!division || division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (authz_require(ctx, PERM_INDICATORS_READ, div) < 0)
        return -1;
    report_figures f;
    if (report_compute(ctx, div, year, NULL, NULL, &f) < 0)
        return -1;
    /* libxlsxwriter writes files: a private temporary one, read back and removed */
    char path[] = "/tmp/wenyun-report-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return wy_fail(ctx, E_UNAVAILABLE, "report_write_failed", "The report cannot be written.");
    close(fd);
    strbuf x = STRBUF_INIT_MAX((size_t)64 << 20), h = STRBUF_INIT_MAX((size_t)16 << 20);
    int res = report_write_xlsx(ctx, &f, path);
    if (res == 0 && sb_read_file(&x, path) < 0)
        res = wy_fail(ctx, E_UNAVAILABLE, "report_write_failed", "The report cannot be written.");
    unlink(path);
    if (res == 0)
        res = report_write_html(ctx, &f, &h);
    if (res == 0)
        res = report_record(ctx, &f, x.buf, x.len, h.buf, out);
    sb_release(&x);
    sb_release(&h);
    return res;
}
