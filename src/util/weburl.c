/* weburl: see weburl.h. One check for every address a person gives, so that a link shown to
 * citizens or called by the server always has somewhere to go. The parsing is libcurl's URL
 * API (the parser the server's own requests use); what it leaves open (credentials, schemes
 * other than the web's, control characters, a host made of dots) is refused here. */
#include "util/weburl.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>

#include "util/csvread.h" /* utf8_valid */

/* No space or control character: C0 and space, DEL, and C1 (U+0080..U+009F, C2 80..C2 9F). */
static int clean(const unsigned char *s)
{
    for (; *s; s++)
        if (*s <= ' ' || *s == 0x7f || (*s == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f))
            return 0;
    return 1;
}

/* A host name has no empty label: not ".a", "a..b" (curl takes them as they are). */
static int labels_ok(const char *host)
{
    if (host[0] == '[') /* an IPv6 address, checked by curl */
        return 1;
    return host[0] != '.' && !strstr(host, "..");
}

int weburl_valid(const char *u, unsigned flags)
{
    if (!u)
        return 0;
    size_t len = strlen(u);
    if (len == 0 || len > WEBURL_MAX || !utf8_valid(u, len) || !clean((const unsigned char *)u))
        return 0;
    if (strchr(u, '\\')) /* browsers read it as '/': "https://a\@b" goes to b */
        return 0;
    if (flags & WEBURL_LOCAL && u[0] == '/')
        return u[1] != '/';
    /* "https:host" and "https:/host" are addresses to curl, not to a person */
    if (strncasecmp(u, "http://", 7) && strncasecmp(u, "https://", 8))
        return 0;
    CURLU *h = curl_url();
    if (!h)
        return 0;
    char *scheme = NULL, *host = NULL, *user = NULL, *port = NULL;
    /* no CURLU_DEFAULT_SCHEME, CURLU_NON_SUPPORT_SCHEME or CURLU_ALLOW_SPACE: a scheme is
     * needed, one curl knows, and no space */
    int ok = curl_url_set(h, CURLUPART_URL, u, 0) == CURLUE_OK &&
             curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
             (!strcmp(scheme, "http") || !strcmp(scheme, "https")) &&
             curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK && *host && labels_ok(host) &&
             curl_url_get(h, CURLUPART_USER, &user, 0) == CURLUE_NO_USER;
    /* a port curl took is 1..65535; ":" alone leaves none, and an address that names none
     * must not end its authority with ':' */
    if (ok && curl_url_get(h, CURLUPART_PORT, &port, 0) != CURLUE_OK) {
        const char *a = strstr(u, "//") + 2;
        size_t n = strcspn(a, "/?#");
        ok = n > 0 && a[n - 1] != ':';
    }
    if (ok && port && !strcmp(port, "0"))
        ok = 0;
    curl_free(scheme);
    curl_free(host);
    curl_free(user);
    curl_free(port);
    curl_url_cleanup(h);
    return ok;
}
