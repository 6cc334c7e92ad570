/*
 * csvread: rows of a CSV file or buffer (RFC 4180, via libcsv), one callback per row with
 * its fields and the line it starts on. A UTF-8 byte-order mark (as Excel writes) is
 * skipped. Fields that are not valid UTF-8 are reported as such, so an importer can reject
 * a file saved as GBK with a clear reason instead of storing mojibake.
 */
#ifndef WY_CSVREAD_H
#define WY_CSVREAD_H

#include <stddef.h>

#include "util/strbuf.h"

#define CSV_MAX_FIELDS 64

typedef struct csv_row {
    const char *f[CSV_MAX_FIELDS]; /* NUL-terminated fields */
    size_t n;                      /* fields in this row (more than CSV_MAX_FIELDS: truncated) */
    int line;                      /* 1-based line the row starts on */
    int bad_utf8;                  /* some field is not valid UTF-8 */
    int too_many;                  /* the row had more than CSV_MAX_FIELDS fields */
} csv_row;

/* Return non-zero from the callback to stop early (csv_read_* then returns that value). */
typedef int (*csv_row_fn)(const csv_row *row, void *user);

/* 0 when every row was read; -1 on a malformed file (err says where); or the callback's stop
 * value. max_bytes bounds the input (0: 256 MiB). */
int csv_read_buffer(const char *data, size_t len, csv_row_fn fn, void *user, char *err,
                    size_t errlen);
int csv_read_file(const char *path, csv_row_fn fn, void *user, char *err, size_t errlen);

/* Is s[0..n) valid UTF-8 (no overlongs, no surrogates)? */
int utf8_valid(const char *s, size_t n);
/* Code points in a valid UTF-8 string. */
size_t utf8_length(const char *s);

#endif
