/*
 * strbuf: see strbuf.h for the invariants. Growth doubles, clamped to max + 1 so that the
 * buffer never holds more than max bytes of content.
 */
#include "util/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char strbuf_empty[1];

void sb_init(strbuf *sb, size_t max)
{
    sb->buf = strbuf_empty;
    sb->len = 0;
    sb->alloc = 0;
    sb->max = max;
}

int sb_grow(strbuf *sb, size_t extra)
{
    if (extra > sb->max || sb->len > sb->max - extra)
        return -1;
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return 0;
    size_t n = sb->alloc ? sb->alloc : 64;
    while (n < need)
        n = n > SIZE_MAX / 2 ? need : n * 2;
    if (n > sb->max + 1)
        n = sb->max + 1;
    char *p = realloc(sb->alloc ? sb->buf : NULL, n);
    if (!p)
        return -1;
    if (!sb->alloc)
        p[0] = '\0';
    sb->buf = p;
    sb->alloc = n;
    return 0;
}

int sb_add(strbuf *sb, const void *data, size_t n)
{
    if (sb_grow(sb, n) < 0)
        return -1;
    if (n)
        memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
    return 0;
}

int sb_adds(strbuf *sb, const char *s)
{
    return sb_add(sb, s, strlen(s));
}

int sb_addc(strbuf *sb, char c)
{
    return sb_add(sb, &c, 1);
}

int sb_vaddf(strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0 || sb_grow(sb, (size_t)n) < 0)
        return -1;
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
    return 0;
}

int sb_addf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sb_vaddf(sb, fmt, ap);
    va_end(ap);
    return rc;
}

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->alloc)
        sb->buf[0] = '\0';
}

void sb_release(strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    sb->buf = strbuf_empty;
    sb->len = sb->alloc = 0;
}

char *sb_detach(strbuf *sb, size_t *len)
{
    char *p = sb->alloc ? sb->buf : strdup("");
    if (len)
        *len = sb->len;
    sb->buf = strbuf_empty;
    sb->len = sb->alloc = 0;
    return p;
}

int sb_read_file(strbuf *sb, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof(buf), f)) > 0)
        rc = sb_add(sb, buf, n);
    if (ferror(f))
        rc = -1;
    fclose(f);
    return rc;
}
