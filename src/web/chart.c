/*
 * chart: charts drawn in the browser by Apache ECharts (vendored from npm at build time and
 * served by wenyun itself: the CSP allows only its own scripts) from JSON the page embeds, and
 * the status badge many lists share. The JSON travels in an attribute (data-chart, escaped as
 * any attribute value), not in an inline <script>: pages hold no inline script at all. A chart
 * is an enhancement: the page that draws one also holds its numbers in a table, so it reads
 * and prints without script.
 */
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

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
    html_attr(h, text);
    html_lit(h, "\"></div></figure>");
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
