/*
 * html: building pages so that only escaped text reaches them. A page is an `html` buffer;
 * markup enters only as string literals (html_lit() refuses anything that is not a literal, at
 * compile time), and every other string goes through the escaper of its context: text,
 * attribute value, or URL component. There is no way to append a runtime string raw. Only the
 * kit itself writes to the buffer directly (numbers formatted by html.c and svgmap.c); pages
 * outside src/web/ never touch h.sb.
 */
#ifndef WY_HTML_H
#define WY_HTML_H

#include <stdint.h>

#include "util/strbuf.h"

typedef struct html {
    strbuf sb;
} html;

#define HTML_MAX ((size_t)8 << 20)

void html_init(html *h);
/* Markup from a string literal only: html_lit(h, "<p>") compiles, html_lit(h, variable) does not.
 */
#define html_lit(h, lit) html_lit_((h), "" lit "", sizeof(lit) - 1)
void html_lit_(html *h, const char *lit, size_t n);
void html_text(html *h, const char *s); /* element content: & < > " ' escaped */
void html_attr(html *h, const char *s); /* inside a quoted attribute value */
void html_url(html *h, const char *s);  /* a URL component, percent-encoded */
void html_int(html *h, int64_t v);
/* The date (YYYY-MM-DD, UTC) of a time in ms. */
void html_date(html *h, int64_t ms);
/* Another part built the same way (a fragment kept for reuse): its bytes, copied. */
void html_append(html *h, const html *part);
/* The QR code of text as inline SVG: markup made by util/qr.c from the code's modules
 * (numbers only), the one producer of raw markup besides literals. -1 if it cannot encode. */
int html_qr(html *h, const char *text);

#endif
