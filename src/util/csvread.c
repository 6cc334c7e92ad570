/*
 * csvread: libcsv does the quoting rules; this file gathers its field and row callbacks into
 * whole rows and tracks line numbers (libcsv counts bytes, people count lines).
 */
#include "util/csvread.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

#define CSV_MAX_BYTES ((size_t)256 << 20)

typedef struct reader {
    csv_row row;
    char *fields[CSV_MAX_FIELDS];
    size_t nfields;
    int too_many, bad_utf8;
    int line;         /* line where the current row started */
    int next_line;    /* line of the next byte to feed */
    int at_row_start; /* the next non-blank line starts a row (libcsv skips blank lines) */
    csv_row_fn fn;
    void *user;
    int stop;
} reader;

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t need;
        unsigned cp;
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if ((size_t)(end - p) <= need)
            return 0;
        for (size_t i = 1; i <= need; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
            return 0;
        p += need + 1;
    }
    return 1;
}

size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xc0) != 0x80)
            n++;
    return n;
}

static void on_field(void *data, size_t len, void *user)
{
    reader *r = user;
    if (r->nfields >= CSV_MAX_FIELDS) {
        r->too_many = 1;
        return;
    }
    char *f = malloc(len + 1);
    if (!f) {
        r->too_many = 1;
        return;
    }
    if (len)
        memcpy(f, data, len);
    f[len] = '\0';
    if (!utf8_valid(f, len) || memchr(f, '\0', len))
        r->bad_utf8 = 1;
    r->fields[r->nfields++] = f;
}

static void clear_fields(reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i]);
    r->nfields = 0;
    r->too_many = r->bad_utf8 = 0;
}

static void on_row(int term, void *user)
{
    (void)term;
    reader *r = user;
    if (!r->stop) {
        /* a row of one empty field is a blank line: skip it */
        if (!(r->nfields == 1 && r->fields[0][0] == '\0')) {
            for (size_t i = 0; i < r->nfields; i++)
                r->row.f[i] = r->fields[i];
            r->row.n = r->nfields;
            r->row.line = r->line;
            r->row.bad_utf8 = r->bad_utf8;
            r->row.too_many = r->too_many;
            r->stop = r->fn(&r->row, r->user);
        }
    }
    clear_fields(r);
    r->at_row_start = 1;
}

int csv_read_buffer(const char *data, size_t len, csv_row_fn fn, void *user, char *err,
                    size_t errlen)
{
    if (len > CSV_MAX_BYTES) {
        snprintf(err, errlen, "file is larger than %zu bytes", CSV_MAX_BYTES);
        return -1;
    }
    if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
        data += 3;
        len -= 3;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    reader r = {.fn = fn, .user = user, .line = 1, .next_line = 1, .at_row_start = 1};
    /* feed line by line so that row callbacks know where their row started */
    size_t off = 0;
    int rc = 0;
    while (off < len && !r.stop) {
        const char *nl = memchr(data + off, '\n', len - off);
        size_t chunk = nl ? (size_t)(nl - (data + off)) + 1 : len - off;
        int blank = chunk == 1 || (chunk == 2 && data[off] == '\r');
        if (r.at_row_start && !blank) {
            r.line = r.next_line;
            r.at_row_start = 0;
        }
        r.next_line++;
        if (csv_parse(&p, data + off, chunk, on_field, on_row, &r) != chunk) {
            snprintf(err, errlen, "line %d: %s", r.next_line - 1, csv_strerror(csv_error(&p)));
            rc = -1;
            break;
        }
        off += chunk;
    }
    if (rc == 0 && !r.stop && csv_fini(&p, on_field, on_row, &r) != 0) {
        snprintf(err, errlen, "line %d: %s (an unclosed quote?)", r.line,
                 csv_strerror(csv_error(&p)));
        rc = -1;
    }
    clear_fields(&r);
    csv_free(&p);
    return rc ? rc : r.stop;
}

int csv_read_file(const char *path, csv_row_fn fn, void *user, char *err, size_t errlen)
{
    strbuf sb = STRBUF_INIT_MAX(CSV_MAX_BYTES);
    int rc = sb_read_file(&sb, path);
    if (rc < 0)
        snprintf(err, errlen, "cannot read %s (missing, or larger than %zu bytes)", path,
                 CSV_MAX_BYTES);
    else
        rc = csv_read_buffer(sb.buf, sb.len, fn, user, err, errlen);
    sb_release(&sb);
    return rc;
}
