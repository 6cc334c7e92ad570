/*
 * parse: the parsers of what a client sends besides JSON: query strings and urlencoded form
 * bodies, Cookie headers, and multipart/form-data bodies. Pure functions over a buffer, with
 * every result allocated in the request's arena, so they can be fuzzed on their own.
 *
 * All of them bound their work: at most PARSE_MAX_FIELDS fields (more is an error, not a
 * truncation), and they never read past len. Keys and values are NUL-terminated copies;
 * values may contain NUL bytes (val_len says how long they are).
 */
#ifndef WY_HTTP_PARSE_H
#define WY_HTTP_PARSE_H

#include <stddef.h>

#include "util/arena.h"

#define PARSE_MAX_FIELDS 256

typedef struct kv {
    const char *key;
    const char *val;
    size_t val_len;
} kv;

typedef struct kvlist {
    kv *items;
    size_t n;
} kvlist;

typedef struct mpart {
    const char *name;         /* form field name (from Content-Disposition) */
    const char *filename;     /* NULL when the part is not a file */
    const char *content_type; /* NULL when the part has none */
    const char *data;
    size_t len;
} mpart;

typedef struct mpartlist {
    mpart *items;
    size_t n;
} mpartlist;

/* Percent-decode s[0..len) ('+' is a space when plus_is_space) into an arena string.
 * Returns NULL on a malformed escape or when the arena is exhausted. A malformed escape is
 * a '%' not followed by two hex digits. The result is NUL-terminated; *out_len (when
 * out_len is not NULL) is its length, which counts any decoded NUL bytes. */
char *url_decode(arena *a, const char *s, size_t len, int plus_is_space, size_t *out_len);

/* "a=1&b=x%20y" (query string or application/x-www-form-urlencoded body). A field without
 * '=' has the empty value. Empty segments ("a=1&&b=2") are skipped. 0 or -1 on malformed
 * input or too many fields. Keys and values are both decoded with '+' as a space; a key
 * that decodes to something containing a NUL byte is malformed (it could not be looked up
 * unambiguously). */
int parse_urlencoded(arena *a, const char *s, size_t len, kvlist *out);

/* A Cookie header: "a=1; b=2". Values are taken as sent (no percent-decoding); surrounding
 * double quotes are removed. Malformed pairs (no '=' or empty name) are skipped, as browsers
 * do. 0 or -1 (too many). */
int parse_cookies(arena *a, const char *header, kvlist *out);

/* The boundary parameter of a multipart/form-data Content-Type, or NULL. The type and the
 * parameter name match without regard to case; a quoted value is unquoted. NULL too when
 * the parameter list is malformed, the boundary appears twice, or it is not a valid
 * RFC 2046 boundary (1 to 70 of the characters bchars, not ending in a space). */
const char *multipart_boundary(arena *a, const char *content_type);

/* A multipart/form-data body (RFC 7578). 0 or -1 on malformed input (no closing boundary,
 * a part without a name, too many parts). Lines end in CRLF; a preamble before the first
 * delimiter and an epilogue after the closing one are ignored; a body that is only the
 * closing delimiter is an empty form (n == 0). Each part's data is a NUL-terminated arena
 * copy of len bytes. Also -1: an invalid boundary, a part header that is not "Name: value",
 * or a second Content-Disposition or Content-Type header in one part. */
int parse_multipart(arena *a, const char *boundary, const char *body, size_t len, mpartlist *out);

/* Percent-encode s for a query value: every byte but the unreserved characters of RFC 3986
 * and '/' becomes %XX. An arena string, or NULL when the arena is exhausted. */
char *url_encode(arena *a, const char *s);

/* Is s a path on this site, safe as a redirect target? It starts with one '/' (not "//" nor
 * "/\", which browsers read as another host) and holds no control character, whitespace or
 * backslash anywhere (browsers drop tabs and newlines from a URL, so "/\t/evil.example" is
 * "//evil.example"). s is the decoded value. */
int is_local_path(const char *s);
/* s when it is a local path, else fallback. */
const char *local_path_or(const char *s, const char *fallback);

/* Is the Content-Type header value ct of the media type type (lowercase, "application/json"),
 * with any parameters ("; charset=utf-8")? The type matches without regard to case; 0 when ct
 * is NULL or its parameter list is malformed. */
int media_type_is(const char *ct, const char *type);

/* The origin of a URL: scheme (http or https), host and port, as in an Origin or Referer header
 * or server.public_url. Scheme and host are lowercased; the port is the explicit one or the
 * scheme's default. */
typedef struct url_origin {
    char scheme[6];
    char host[256]; /* an IPv6 address keeps its brackets */
    unsigned port;
} url_origin;

/* "scheme://host[:port]" followed by nothing or "/" (rest == 0), or by any path, query or
 * fragment (rest == 1: a Referer). 0, or -1 for anything else (another scheme, userinfo, an
 * empty or malformed host or port, the "null" origin). */
int origin_parse(const char *url, int rest, url_origin *o);
/* Same scheme, host and port. */
int origin_equal(const url_origin *a, const url_origin *b);
/* Does a Host header ("host" or "host:port") name o's host and port? A Host without a port
 * names the default port of o's scheme (the scheme a proxy in front may have ended). */
int origin_matches_host(const url_origin *o, const char *host);

/* First value for key, or NULL. */
const char *kv_get(const kvlist *l, const char *key);
const mpart *mpart_get(const mpartlist *l, const char *name);

#endif
