/* html: the escapers; see html.h for why there are three. */
#include "web/html.h"

#include "util/qr.h"
#include "util/timeutil.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_init(html *h)
{
    sb_init(&h->sb, HTML_MAX);
}

void html_lit_(html *h, const char *lit, size_t n)
{
    sb_add(&h->sb, lit, n);
}

void html_append(html *h, const html *part)
{
    if (part->sb.len)
        sb_add(&h->sb, part->sb.buf, part->sb.len);
}

static void escape(strbuf *sb, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&':
            sb_adds(sb, "&amp;");
            break;
        case '<':
            sb_adds(sb, "&lt;");
            break;
        case '>':
            sb_adds(sb, "&gt;");
            break;
        case '"':
            sb_adds(sb, "&quot;");
            break;
        case '\'':
            sb_adds(sb, "&#39;");
            break;
        default:
            sb_addc(sb, *p);
        }
    }
}

void html_text(html *h, const char *s)
{
    escape(&h->sb, s);
}

void html_attr(html *h, const char *s)
{
    /* the same set suffices inside a double-quoted value; attributes are always quoted */
    escape(&h->sb, s);
}

void html_url(html *h, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            sb_addc(&h->sb, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sb_add(&h->sb, e, 3);
        }
    }
}

void html_date(html *h, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[10] = '\0';
    html_text(h, buf);
}

void html_int(html *h, int64_t v)
{
    sb_addf(&h->sb, "%" PRId64, v);
}

int html_qr(html *h, const char *text)
{
    return qr_svg(text, &h->sb);
}
