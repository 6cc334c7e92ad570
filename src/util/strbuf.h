/*
 * strbuf: a growable, always NUL-terminated byte buffer with a hard maximum.
 *
 * Invariants (hold after every call, success or failure):
 *   - buf is never NULL: it points at a static "" until the first growth;
 *   - buf[len] == '\0';
 *   - len < alloc once anything was added (alloc counts the terminator);
 *   - len never exceeds max: an append that would pass max fails with -1 and leaves the
 *     buffer as it was, so a caller can answer "too large" (413) without a half-built body.
 */
#ifndef WY_STRBUF_H
#define WY_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#define WY_PRINTF(f, a) __attribute__((format(printf, f, a)))

typedef struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
    size_t max;
} strbuf;

extern char strbuf_empty[];

#define STRBUF_INIT_MAX(m)                                                                         \
    {                                                                                              \
        strbuf_empty, 0, 0, (m)                                                                    \
    }
#define STRBUF_DEFAULT_MAX ((size_t)64 << 20)
#define STRBUF_INIT        STRBUF_INIT_MAX(STRBUF_DEFAULT_MAX)

void sb_init(strbuf *sb, size_t max);
/* Ensure room for extra more bytes (plus the terminator); -1 past max or out of memory. */
int sb_grow(strbuf *sb, size_t extra);
int sb_add(strbuf *sb, const void *data, size_t n);
int sb_adds(strbuf *sb, const char *s);
int sb_addc(strbuf *sb, char c);
int sb_addf(strbuf *sb, const char *fmt, ...) WY_PRINTF(2, 3);
int sb_vaddf(strbuf *sb, const char *fmt, va_list ap) WY_PRINTF(2, 0);
void sb_reset(strbuf *sb);
void sb_release(strbuf *sb);
/* Append the whole file at path; -1 when it cannot be read or would pass max. */
int sb_read_file(strbuf *sb, const char *path);
/* Hand the heap buffer to the caller (free() it); the strbuf is reset to empty. */
char *sb_detach(strbuf *sb, size_t *len);

#endif
