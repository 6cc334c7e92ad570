/*
 * widgets: the small pieces many pages share, written once so they look and read the same
 * everywhere: the empty state, the "next page" link and the tabs of a status filter.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "web/web.h"

void web_empty(http_req *req, html *h, const char *msgid)
{
    H(h, "<p class=\"empty\">");
    web_t(req, h, msgid);
    H(h, "</p>");
}

void web_empty_card(http_req *req, html *h, const char *msgid, const char *href,
                    const char *link_msgid)
{
    H(h, "<section class=\"card\"><p class=\"empty\">");
    web_t(req, h, msgid);
    if (href) {
        H(h, " <a href=\"");
        html_attr(h, href);
        H(h, "\">");
        web_t(req, h, link_msgid);
        H(h, "</a>");
    }
    H(h, "</p></section>");
}

void web_pager(http_req *req, html *h, const char *path, const char *cursor,
               const char *const *params)
{
    H(h, "<p><a id=\"next-page\" href=\"");
    html_attr(h, path);
    H(h, "?cursor=");
    html_url(h, cursor);
    for (; params && params[0]; params += 2) {
        if (!params[1] || !*params[1])
            continue;
        H(h, "&amp;");
        html_attr(h, params[0]);
        H(h, "=");
        html_url(h, params[1]);
    }
    H(h, "\">");
    web_t(req, h, "Next page");
    H(h, "</a></p>");
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
    H(h, "<nav class=\"");
    html_attr(h, nav_class);
    H(h, "\">");
    for (int i = 0; values[i]; i++) {
        H(h, "<a href=\"");
        html_attr(h, base);
        html_url(h, values[i]);
        H(h, "\"");
        if (current ? !strcmp(current, values[i]) : i == 0)
            H(h, " aria-current=\"page\"");
        H(h, ">");
        web_t(req, h, values[i]);
        H(h, "</a>");
    }
    H(h, "</nav>");
}
