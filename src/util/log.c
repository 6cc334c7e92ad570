/*
 * log: see log.h. Lines are written with one write() each so threads do not interleave. A
 * message is formatted first and escaped after, so no argument (a path, a header, a database's
 * error text) can end the line early or forge the next one, whatever the format string is.
 */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/timeutil.h"

static enum log_level min_level = LOG_INFO;
static const char *const level_names[] = {"DEBUG", "INFO", "WARN", "ERROR"};

void log_set_level(enum log_level lvl)
{
    min_level = lvl;
}

size_t log_escape(char *dst, size_t cap, const char *src, size_t len, int space)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)src[i];
        char esc[4];
        size_t n = 0;
        if (c == '\n' || c == '\r' || c == '\t') {
            esc[n++] = '\\';
            esc[n++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else if (c < 0x20 || c == 0x7f || (space && c == ' ')) {
            esc[n++] = '\\';
            esc[n++] = 'x';
            esc[n++] = hex[c >> 4];
            esc[n++] = hex[c & 15];
        } else {
            esc[n++] = (char)c;
        }
        if (o + n > cap - 1)
            break; /* an escape is never cut in half */
        memcpy(dst + o, esc, n);
        o += n;
    }
    dst[o] = '\0';
    return o;
}

static void vlog(enum log_level lvl, const char *fmt, va_list ap)
{
    if (lvl < min_level)
        return;
    char ts[40];
    time_format_rfc3339(time_now_ms(), ts, sizeof(ts), 1);
    char msg[2048], line[2048];
    int m = vsnprintf(msg, sizeof(msg), fmt, ap);
    if (m < 0)
        return;
    size_t mlen = (size_t)m < sizeof(msg) ? (size_t)m : sizeof(msg) - 1;
    while (mlen && (msg[mlen - 1] == '\n' || msg[mlen - 1] == '\r')) /* libpq ends in one */
        mlen--;
    int n = snprintf(line, sizeof(line), "%s %s ", ts, level_names[lvl]);
    if (n < 0 || (size_t)n >= sizeof(line) - 2)
        return;
    size_t len = (size_t)n + log_escape(line + n, sizeof(line) - (size_t)n - 1, msg, mlen, 0);
    line[len++] = '\n';
    ssize_t w = write(2, line, len);
    (void)w;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(lvl, fmt, ap);
    va_end(ap);
}

int error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(LOG_ERROR, fmt, ap);
    va_end(ap);
    return -1;
}

void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}
