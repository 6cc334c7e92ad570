/*
 * fuzz_weburl: the web addresses people give (activity links, venue photos, webhooks) reach
 * util/weburl.c as text. The target aborts when a promise of weburl.h is broken: an address
 * accepted is at most WEBURL_MAX bytes, starts with http:// or https:// (any case), or with one
 * '/' when a local path is allowed, and holds no space, control character or backslash; one
 * accepted without WEBURL_LOCAL is accepted with it too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/weburl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *u, unsigned flags)
{
    size_t n = strlen(u);
    if (n == 0 || n > WEBURL_MAX)
        abort();
    for (const unsigned char *p = (const unsigned char *)u; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '\\')
            abort();
    int web = !strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8);
    int local = flags & WEBURL_LOCAL && u[0] == '/' && u[1] != '/';
    if (!web && !local)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    text[size] = '\0'; /* a string from a form or JSON ends at its first NUL */
    int plain = weburl_valid(text, 0);
    if (plain)
        check(text, 0);
    if (weburl_valid(text, WEBURL_LOCAL))
        check(text, WEBURL_LOCAL);
    else if (plain)
        abort();
    free(text);
    return 0;
}
