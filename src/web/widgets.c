/*
 * widgets: the small pieces many pages share, written once so they look and read the same
 * everywhere: the empty state, the "next page" link, the tabs of a status filter and the head of
 * a table.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "web/web.h"

void web_empty(http_req *req, html *h, const char *msgid)
{
    html_lit(h, "<p class=\"empty\">");
    web_t(req, h, msgid);
    html_lit(h, "</p>");
}

void web_empty_card(http_req *req, html *h, const char *msgid, const char *href,
                    const char *link_msgid)
{
    html_lit(h, "<section class=\"card\"><p class=\"empty\">");
    web_t(req, h, msgid);
    if (href) {
        html_lit(h, " <a href=\"");
        html_attr(h, href);
        html_lit(h, "\">");
        web_t(req, h, link_msgid);
        html_lit(h, "</a>");
    }
    html_lit(h, "</p></section>");
}

void web_pager(http_req *req, html *h, const char *path, const char *cursor,
               const char *const *params)
{
    html_lit(h, "<p><a id=\"next-page\" href=\"");
    html_attr(h, path);
    html_lit(h, "?cursor=");
    html_url(h, cursor);
    for (; params && params[0]; params += 2) {
        if (!params[1] || !*params[1])
            continue;
        html_lit(h, "&amp;");
        html_attr(h, params[0]);
        html_lit(h, "=");
        html_url(h, params[1]);
    }
    html_lit(h, "\">");
    web_t(req, h, "Next page");
    html_lit(h, "</a></p>");
}

void web_pager_id(http_req *req, html *h, const char *path, int64_t cursor,
                  const char *const *params)
{
    char c[24];
    snprintf(c, sizeof(c), "%" PRId64, cursor);
    web_pager(req, h, path, c, params);
}

void web_tabs(http_req *req, html *h, const char *nav_class, const char *base,
              const char *const *values, const char *current)
{
    html_lit(h, "<nav class=\"");
    html_attr(h, nav_class);
    html_lit(h, "\">");
    for (int i = 0; values[i]; i++) {
        html_lit(h, "<a href=\"");
        html_attr(h, base);
        html_url(h, values[i]);
        html_lit(h, "\"");
        if (current ? !strcmp(current, values[i]) : i == 0)
            html_lit(h, " aria-current=\"page\"");
        html_lit(h, ">");
        web_t(req, h, values[i]);
        html_lit(h, "</a>");
    }
    html_lit(h, "</nav>");
}

void web_thead(http_req *req, html *h, const web_col *cols, size_t n)
{
    html_lit(h, "<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        if (cols[i].num)
            html_lit(h, "<th class=\"num\">");
        else
            html_lit(h, "<th>");
        if (cols[i].label)
            web_t(req, h, cols[i].label);
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead><tbody>");
}
