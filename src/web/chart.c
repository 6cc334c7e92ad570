/*
 * chart: charts drawn in the browser by Apache ECharts (vendored from npm at build time and
 * served by wenyun itself: the CSP allows only its own scripts) from JSON the page embeds, and
 * the status badge many lists share. A chart is an enhancement: the page that draws one also
 * holds its numbers in a table, so it reads and prints without script.
 */
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

/* JSON inside <script type="application/json">: the text may not close the element or open a
 * comment, so <, > and & are written as JSON escapes (JSON.parse reads them back). */
static void json_for_script(html *h, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            sb_adds(&h->sb, "\\u003c");
            break;
        case '>':
            sb_adds(&h->sb, "\\u003e");
            break;
        case '&':
            sb_adds(&h->sb, "\\u0026");
            break;
        default:
            sb_addc(&h->sb, *s);
        }
    }
}

void web_chart(http_req *req, html *h, const char *id, const char *label, json_t *spec)
{
    char *text = spec ? json_dumps(spec, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(spec);
    if (!text)
        return;
    html_lit(h, "<figure class=\"chart\" id=\"");
    html_attr(h, id);
    html_lit(h, "-chart\"><figcaption>");
    html_text(h, label);
    html_lit(h, "</figcaption><div class=\"chart-box\" hidden role=\"img\" aria-label=\"");
    html_attr(h, label);
    html_lit(h, "\" data-chart=\"");
    html_attr(h, id);
    html_lit(h, "-data\"></div><script type=\"application/json\" id=\"");
    html_attr(h, id);
    html_lit(h, "-data\">");
    json_for_script(h, text);
    html_lit(h, "</script></figure>");
    free(text);
    (void)req;
}

void web_chart_scripts(html *h)
{
    html_lit(h, "<script src=\"/static/echarts.min.js\" defer></script>"
                "<script src=\"/static/charts.js\" defer></script>");
}

void web_badge(http_req *req, html *h, const char *cls, const char *msgid)
{
    html_lit(h, "<span class=\"badge ");
    html_attr(h, cls);
    html_lit(h, "\">");
    web_t(req, h, msgid);
    html_lit(h, "</span>");
}
