/*
 * fuzz_origin: the headers the server judges a request's origin and form by (Origin, Referer,
 * Host, Content-Type) and the redirect target after a login (next=) reach parse.c as text. The
 * input is split at its first newline: the first part is read as each of them, the second as
 * a Host header. The target aborts when a promise of parse.h is broken: an origin read is
 * lowercase http(s) with a host and a port in range; a local path starts with one '/' and has
 * no control character, space or backslash; url_encode decodes back to its input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/parse.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_origin(const url_origin *o)
{
    if (strcmp(o->scheme, "http") && strcmp(o->scheme, "https"))
        abort();
    if (!o->host[0] || o->port == 0 || o->port > 65535 || !origin_equal(o, o))
        abort();
    for (const char *p = o->host; *p; p++)
        if ((*p >= 'A' && *p <= 'Z') || (unsigned char)*p <= ' ')
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    text[size] = '\0'; /* an embedded NUL ends the header early, as in the HTTP library */
    char *host = strchr(text, '\n');
    if (host)
        *host++ = '\0';

    url_origin o, r;
    if (origin_parse(text, 0, &o) == 0) {
        check_origin(&o);
        /* an origin is also the start of a URL */
        if (origin_parse(text, 1, &r) < 0 || !origin_equal(&o, &r))
            abort();
        if (host)
            (void)origin_matches_host(&o, host);
    }
    if (origin_parse(text, 1, &r) == 0)
        check_origin(&r);

    (void)media_type_is(text, "application/json");

    if (is_local_path(text)) {
        if (text[0] != '/' || text[1] == '/' || strpbrk(text, " \t\r\n\\\x7f"))
            abort();
        if (local_path_or(text, "/") != text)
            abort();
    } else if (strcmp(local_path_or(text, "/"), "/")) {
        abort();
    }

    arena a;
    arena_init(&a, 1 << 20);
    char *e = url_encode(&a, text);
    size_t n;
    char *d = e ? url_decode(&a, e, strlen(e), 0, &n) : NULL;
    if (e && (!d || strcmp(d, text)))
        abort();
    arena_free(&a);
    free(text);
    return 0;
}
