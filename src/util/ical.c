/* ical: see ical.h. */
#include "util/ical.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Write one logical line, folded: at most 75 octets a line, continuation lines start with a
 * space, and no UTF-8 sequence is cut. */
static void fold(strbuf *sb, const char *line, size_t len)
{
    size_t col = 0;
    for (size_t i = 0; i < len;) {
        size_t n = 1;
        unsigned char c = (unsigned char)line[i];
        if (c >= 0xf0)
            n = 4;
        else if (c >= 0xe0)
            n = 3;
        else if (c >= 0xc0)
            n = 2;
        if (i + n > len)
            n = len - i;
        if (col + n > 75) {
            sb_add(sb, "\r\n ", 3);
            col = 1;
        }
        sb_add(sb, line + i, n);
        col += n;
        i += n;
    }
    sb_add(sb, "\r\n", 2);
}

void ical_raw(strbuf *sb, const char *line)
{
    if (!line) /* an arena string that could not be made: the request fails (util/arena.h) */
        return;
    fold(sb, line, strlen(line));
}

void ical_text(strbuf *sb, const char *name, const char *value)
{
    strbuf l = STRBUF_INIT_MAX(1 << 20);
    sb_addf(&l, "%s:", name);
    for (const char *p = value ? value : ""; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',')
            sb_addc(&l, '\\'), sb_addc(&l, *p);
        else if (*p == '\n')
            sb_adds(&l, "\\n");
        else if (*p != '\r')
            sb_addc(&l, *p);
    }
    fold(sb, l.buf, l.len);
    sb_release(&l);
}

void ical_time(strbuf *sb, const char *name, int64_t ms)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[80];
    snprintf(buf, sizeof(buf), "%s:%04d%02d%02dT%02d%02d%02dZ", name, tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    fold(sb, buf, strlen(buf));
}

void ical_begin(strbuf *sb, const char *name)
{
    ical_raw(sb, "BEGIN:VCALENDAR");
    ical_raw(sb, "VERSION:2.0");
    ical_raw(sb, "PRODID:-//wenyun//public culture//ZH");
    ical_raw(sb, "CALSCALE:GREGORIAN");
    ical_text(sb, "X-WR-CALNAME", name);
    ical_raw(sb, "X-WR-TIMEZONE:Asia/Shanghai");
}

void ical_end(strbuf *sb)
{
    ical_raw(sb, "END:VCALENDAR");
}
