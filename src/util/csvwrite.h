/*
 * csvwrite: the one writer of CSV exports, so that no export can forget what a file opened in
 * a spreadsheet needs. A file starts with the UTF-8 byte-order mark (Excel then reads UTF-8);
 * rows end in CRLF; a field is quoted when it holds a comma, a double quote, CR or LF (RFC
 * 4180). Text that a spreadsheet would run as a formula — it starts with = + - @, a tab or a
 * carriage return — gets a leading apostrophe, which Excel and LibreOffice show as plain text
 * (OWASP's advice against CSV injection). Numbers the program formats itself are written as
 * numbers; every other field goes through csvw_text.
 */
#ifndef WY_CSVWRITE_H
#define WY_CSVWRITE_H

#include "util/strbuf.h"

typedef struct csvw {
    strbuf *out;
    int col; /* fields written on the current row */
    int err; /* an append failed (the output passed its maximum) */
} csvw;

/* Start a file in out: the byte-order mark. */
void csvw_begin(csvw *w, strbuf *out);
/* A text field (NULL: empty), neutralised and quoted as needed. */
void csvw_text(csvw *w, const char *s);
/* A whole number. */
void csvw_int(csvw *w, long long v);
/* A number with this many decimals (NAN: empty). */
void csvw_real(csvw *w, double v, int decimals);
/* End the row (CRLF). */
void csvw_row_end(csvw *w);
/* 0 when everything was written, -1 when the output ran past its maximum. */
int csvw_finish(const csvw *w);

/* Would a spreadsheet take text starting like s for a formula? */
int csvw_formula_like(const char *s);
/* What a text field read back from such a file stands for: cell without the apostrophe
 * that csvw_text put before a formula-like start (an import of an export gets the original). */
const char *csvw_plain(const char *cell);

#endif
