/*
 * pages_report: the annual report as one printable HTML page (report.h, report_write_html):
 * self-contained (its style inline, its charts inline SVG, no script, no outside link), so it
 * can be published as a file, printed or saved as PDF as it is. Chinese first, English
 * second. Everything that is not a literal goes through the page kit's escapers (web/html.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mod/indicators/report.h"
#include "util/i18n.h"
#include "util/timeutil.h"
#include "web/html.h"

/* a macro, so that html_lit takes it as the literal it is */
#define REPORT_STYLE                                                                               \
    "<style>"                                                                                      \
    "body{font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;margin:2em auto;max-width:"     \
    "60em;color:#222;line-height:1.45}"                                                            \
    "h1{font-size:1.6em;margin-bottom:.1em}h2{font-size:1.25em;border-bottom:2px solid #3b6ea5;"   \
    "padding-bottom:.2em;margin-top:1.6em;break-after:avoid}"                                      \
    ".en{color:#666;font-size:.85em;font-weight:normal}"                                           \
    "table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0;table-layout:fixed}"  \
    "th:nth-child(1){width:38%}th:nth-child(2){width:12%}th:nth-child(6){width:14%}"               \
    "th,td{border:1px solid #ccc;padding:.25em .4em;text-align:left;vertical-align:top}"           \
    "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#e8eef5}"               \
    ".met{color:#1a7f37}.on_track{color:#3b6ea5}.behind{color:#b42318}.no_data{color:#888}"        \
    ".chart{break-inside:avoid;margin:.6em 0}.chart h3{font-size:.95em;margin:.2em 0}"             \
    ".snap{font-family:monospace;font-size:.8em;word-break:break-all}"                             \
    "section{break-inside:auto}"                                                                   \
    "@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}"             \
    "@page{size:A4;margin:15mm}"                                                                   \
    "</style>"

static const struct {
    ind_status s;
    const char *cls, *zh, *en, *color;
} statuses[] = {
    {IND_MET, "met", "已达成", "met", "#1a7f37"},
    {IND_ON_TRACK, "on_track", "进度正常", "on track", "#3b6ea5"},
    {IND_BEHIND, "behind", "滞后", "behind", "#b42318"},
    {IND_NO_DATA, "no_data", "无数据", "no data", "#bbbbbb"},
};

/* A figure as text: up to two decimals, no trailing zeros; "—" for no data. */
static void number(html *h, double v)
{
    if (!isfinite(v)) {
        html_text(h, "—");
        return;
    }
    char buf[64];
    snprintf(buf, sizeof(buf), "%.2f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    html_text(h, buf);
}

/* An indicator's unit: that of the module that computes it (its descriptor's msgid, in
 * Chinese, the English after it when they differ), else the catalogue's. */
static void unit(html *h, const ind_def *d)
{
    const wy_indicator *src = strcmp(d->source, "computed") ? NULL : ind_source_of(d->code);
    if (!src || !src->unit) {
        html_text(h, d->unit);
        return;
    }
    const char *zh = i18n_zh(src->unit);
    html_text(h, zh);
    if (strcmp(zh, src->unit)) {
        html_lit(h, " <span class=\"en\">");
        html_text(h, src->unit);
        html_lit(h, "</span>");
    }
}

static void status_cell(html *h, ind_status s)
{
    for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
        if (statuses[i].s == s) {
            html_lit(h, "<td class=\"");
            html_attr(h, statuses[i].cls);
            html_lit(h, "\">");
            html_text(h, statuses[i].zh);
            html_lit(h, " <span class=\"en\">");
            html_text(h, statuses[i].en);
            html_lit(h, "</span></td>");
        }
}

/* The division's indicators by status: one stacked bar, 600 by 40. */
static void status_chart(html *h, const report_figures *f)
{
    int count[4] = {0}, total = 0;
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->rows[i].division, f->division)) {
            count[f->rows[i].v.status]++;
            total++;
        }
    html_lit(h, "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" "
                "height=\"60\" viewBox=\"0 0 600 60\" role=\"img\" aria-label=\"");
    html_attr(h, "指标状态 Status of the indicators");
    html_lit(h, "\">");
    int x = 0;
    for (size_t i = 0; i < 4 && total; i++) {
        int w = count[statuses[i].s] * 600 / total;
        if (i == 3)
            w = 600 - x;
        if (w <= 0)
            continue;
        html_lit(h, "<rect y=\"0\" height=\"30\" x=\"");
        html_int(h, x);
        html_lit(h, "\" width=\"");
        html_int(h, w);
        html_lit(h, "\" fill=\"");
        html_attr(h, statuses[i].color);
        html_lit(h, "\"><title>");
        html_text(h, statuses[i].zh);
        html_lit(h, "</title></rect>");
        x += w;
    }
    x = 0;
    for (size_t i = 0; i < 4; i++) {
        html_lit(h, "<rect y=\"42\" width=\"12\" height=\"12\" x=\"");
        html_int(h, x);
        html_lit(h, "\" fill=\"");
        html_attr(h, statuses[i].color);
        html_lit(h, "\"/><text y=\"53\" font-size=\"12\" x=\"");
        html_int(h, x + 16);
        html_lit(h, "\">");
        html_text(h, statuses[i].zh);
        html_lit(h, " ");
        html_int(h, count[statuses[i].s]);
        html_lit(h, "</text>");
        x += 150;
    }
    html_lit(h, "</svg></div>");
}

/* The districts compared on one indicator: a bar each, the target as a dashed line. */
static void district_chart(html *h, const report_figures *f, const char *code)
{
    double max = 0;
    int bars = 0;
    const ind_value *top = NULL;
    for (size_t i = 0; i < f->n; i++) {
        const ind_value *v = &f->rows[i].v;
        if (strcmp(v->def.code, code))
            continue;
        if (!strcmp(f->rows[i].division, f->division)) {
            top = v;
            continue;
        }
        bars++;
        if (isfinite(v->value) && v->value > max)
            max = v->value;
        if (v->has_target && isfinite(v->target.target) && v->target.target > max)
            max = v->target.target;
    }
    if (!bars || max <= 0)
        return;
    enum { LABEL = 150, WIDTH = 600, ROW = 20 };
    int height = bars * ROW + 10;
    html_lit(h, "<div class=\"chart\"><h3>");
    html_text(h, top ? top->def.name_zh : code);
    html_lit(h, " <span class=\"en\">");
    html_text(h, top ? top->def.name_en : "");
    html_lit(h, "</span>");
    if (top) {
        html_lit(h, " · ");
        unit(h, &top->def);
    }
    html_lit(h, "</h3><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    html_int(h, WIDTH);
    html_lit(h, "\" height=\"");
    html_int(h, height);
    html_lit(h, "\" viewBox=\"0 0 ");
    html_int(h, WIDTH);
    html_lit(h, " ");
    html_int(h, height);
    html_lit(h, "\" role=\"img\" aria-label=\"");
    html_attr(h, code);
    html_lit(h, "\">");
    int y = 0;
    const int span = WIDTH - LABEL - 60;
    for (size_t i = 0; i < f->n; i++) {
        const ind_value *v = &f->rows[i].v;
        if (strcmp(v->def.code, code) || !strcmp(f->rows[i].division, f->division))
            continue;
        html_lit(h, "<text font-size=\"11\" x=\"0\" y=\"");
        html_int(h, y + 14);
        html_lit(h, "\">");
        html_text(h, f->rows[i].division_name);
        html_lit(h, "</text>");
        if (isfinite(v->value)) {
            int w = (int)lround(v->value / max * span);
            html_lit(h, "<rect height=\"14\" fill=\"#3b6ea5\" x=\"");
            html_int(h, LABEL);
            html_lit(h, "\" y=\"");
            html_int(h, y + 3);
            html_lit(h, "\" width=\"");
            html_int(h, w > 0 ? w : 1);
            html_lit(h, "\"/><text font-size=\"11\" x=\"");
            html_int(h, LABEL + (w > 0 ? w : 1) + 4);
            html_lit(h, "\" y=\"");
            html_int(h, y + 14);
            html_lit(h, "\">");
            number(h, v->value);
            html_lit(h, "</text>");
        } else {
            html_lit(h, "<text font-size=\"11\" fill=\"#888\" x=\"");
            html_int(h, LABEL);
            html_lit(h, "\" y=\"");
            html_int(h, y + 14);
            html_lit(h, "\">无数据 no data</text>");
        }
        if (v->has_target && isfinite(v->target.target)) {
            int tx = LABEL + (int)lround(v->target.target / max * span);
            html_lit(h, "<line stroke=\"#b42318\" stroke-dasharray=\"3,2\" x1=\"");
            html_int(h, tx);
            html_lit(h, "\" x2=\"");
            html_int(h, tx);
            html_lit(h, "\" y1=\"");
            html_int(h, y + 1);
            html_lit(h, "\" y2=\"");
            html_int(h, y + 19);
            html_lit(h, "\"><title>目标 target</title></line>");
        }
        y += ROW;
    }
    html_lit(h, "</svg></div>");
}

static void theme_section(html *h, const report_figures *f, const report_theme *t)
{
    html_lit(h, "<section><h2>");
    html_text(h, t->name_zh);
    html_lit(h, " <span class=\"en\">");
    html_text(h, t->name_en);
    html_lit(h, "</span></h2><table><thead><tr><th>指标 <span class=\"en\">Indicator</span></th>"
                "<th>单位 <span class=\"en\">Unit</span></th>"
                "<th>数值 <span class=\"en\">Value</span></th>"
                "<th>目标 <span class=\"en\">Target</span></th>"
                "<th>完成率 <span class=\"en\">% of target</span></th>"
                "<th>状态 <span class=\"en\">Status</span></th></tr></thead><tbody>");
    for (size_t i = 0; i < f->n; i++) {
        const ind_value *v = &f->rows[i].v;
        if (strcmp(f->rows[i].division, f->division) ||
            strcmp(report_theme_of(v->def.code).prefix, t->prefix))
            continue;
        double target = v->has_target ? v->target.target : NAN;
        html_lit(h, "<tr><td>");
        html_text(h, v->def.name_zh);
        html_lit(h, "<br><span class=\"en\">");
        html_text(h, v->def.name_en);
        if (v->def.flag) {
            html_lit(h, " ⚑ ");
            html_text(h, v->def.flag);
        }
        html_lit(h, "</span></td><td>");
        unit(h, &v->def);
        html_lit(h, "</td><td class=\"n\">");
        number(h, v->value);
        html_lit(h, "</td><td class=\"n\">");
        number(h, target);
        html_lit(h, "</td><td class=\"n\">");
        if (isfinite(v->value) && isfinite(target) && target != 0) {
            number(h, 100 * v->value / target);
            html_lit(h, "%");
        } else
            html_text(h, "—");
        html_lit(h, "</td>");
        status_cell(h, v->status);
        html_lit(h, "</tr>");
    }
    html_lit(h, "</tbody></table>");
    if (f->ndivisions > 1)
        for (size_t i = 0; i < f->n; i++) {
            const ind_value *v = &f->rows[i].v;
            if (!strcmp(f->rows[i].division, f->division) &&
                !strcmp(report_theme_of(v->def.code).prefix, t->prefix))
                district_chart(h, f, v->def.code);
        }
    html_lit(h, "</section>");
}

int report_write_html(wy_ctx *ctx, const report_figures *f, strbuf *out)
{
    html h;
    html_init(&h);
    char year[16], at[40];
    snprintf(year, sizeof(year), "%d", f->year);
    time_format_rfc3339(f->computed_at, at, sizeof(at), 0);
    html_lit(&h, "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>");
    html_text(&h, f->division_name);
    html_text(&h, year);
    html_lit(&h, "年度公共文化服务指标分析报告</title>");
    html_lit(&h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    html_lit(&h, REPORT_STYLE);
    html_lit(&h, "</head><body><header><h1>");
    html_text(&h, f->division_name);
    html_text(&h, year);
    html_lit(&h, "年度公共文化服务指标分析报告</h1><p class=\"en\">Annual report of the public "
                 "cultural service indicators: ");
    html_text(&h, f->division_name);
    html_lit(&h, " (");
    html_text(&h, f->division);
    html_lit(&h, "), ");
    html_text(&h, year);
    html_lit(&h, "</p><p>计算时间 <span class=\"en\">Computed at</span> ");
    html_text(&h, at);
    html_lit(&h, "<br>快照 SHA-256 <span class=\"en\">snapshot</span> <span class=\"snap\">");
    html_text(&h, f->hash);
    html_lit(&h, "</span></p></header><section><h2>概况 <span class=\"en\">Summary</span></h2>"
                 "<p>本级指标 <span class=\"en\">indicators of the division</span>: ");
    int own = 0;
    for (size_t i = 0; i < f->n; i++)
        own += !strcmp(f->rows[i].division, f->division);
    html_int(&h, own);
    html_lit(&h, "; 下级区划 <span class=\"en\">districts compared</span>: ");
    html_int(&h, (int64_t)f->ndivisions - 1);
    html_lit(&h, "</p>");
    status_chart(&h, f);
    html_lit(&h, "</section>");
    for (size_t i = 0; i < f->n; i++) {
        report_theme t = report_theme_of(f->rows[i].v.def.code);
        if (strcmp(f->rows[i].division, f->division))
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(f->rows[j].division, f->division) &&
                   !strcmp(report_theme_of(f->rows[j].v.def.code).prefix, t.prefix);
        if (!seen) {
            char prefix[64];
            snprintf(prefix, sizeof(prefix), "%s", t.prefix);
            t.prefix = prefix;
            theme_section(&h, f, &t);
        }
    }
    html_lit(&h, "<footer><p class=\"en\">wenyun · 文云. 数值可按快照重新计算核对 (wenyun report "
                 "--verify). The figures can be recomputed and compared with the snapshot."
                 "</p></footer></body></html>");
    if (h.sb.len == 0 && h.sb.alloc == 0)
        return wy_fail(ctx, E_UNAVAILABLE, "report_too_large", "The report is too large.");
    int rc = sb_add(out, h.sb.buf, h.sb.len);
    sb_release(&h.sb);
    return rc < 0 ? wy_fail(ctx, E_UNAVAILABLE, "report_too_large", "The report is too large.") : 0;
}
