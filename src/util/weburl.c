/* weburl: see weburl.h. One check for every address a person gives, so that a link shown to
 * citizens or called by the server always has somewhere to go. */
#include "util/weburl.h"

#include <string.h>

#include "util/csvread.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int prefix_ci(const char *s, const char *p)
{
    for (; *p; s++, p++)
        if (lower((unsigned char)*s) != *p)
            return 0;
    return 1;
}

/* No space or control character: C0 and space, DEL, and C1 (U+0080..U+009F, C2 80..C2 9F). */
static int clean(const unsigned char *s)
{
    for (; *s; s++)
        if (*s <= ' ' || *s == 0x7f || (*s == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f))
            return 0;
    return 1;
}

/* The port after ':' at s[0..n): 1 to 65535, digits only. */
static int port_ok(const char *s, size_t n)
{
    if (n == 0 || n > 5)
        return 0;
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    return v >= 1 && v <= 65535;
}

/* host[:port] at s[0..n). */
static int authority_ok(const char *s, size_t n)
{
    size_t i = 0;
    if (n && s[0] == '[') { /* an IPv6 address */
        for (i = 1; i < n && s[i] != ']'; i++) {
            int c = lower((unsigned char)s[i]);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.'))
                return 0;
        }
        if (i == n || i < 3)
            return 0;
        i++;
    } else {
        for (; i < n && s[i] != ':'; i++) {
            unsigned char c = (unsigned char)lower((unsigned char)s[i]);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_' ||
                  c >= 0x80 || (c == '.' && i > 0 && s[i - 1] != '.')))
                return 0;
        }
        if (i == 0)
            return 0;
    }
    return i == n || (s[i] == ':' && port_ok(s + i + 1, n - i - 1));
}

int weburl_valid(const char *u, unsigned flags)
{
    if (!u)
        return 0;
    size_t len = strlen(u);
    if (len == 0 || len > WEBURL_MAX || !utf8_valid(u, len) || !clean((const unsigned char *)u))
        return 0;
    if (flags & WEBURL_LOCAL && u[0] == '/')
        return u[1] != '/' && u[1] != '\\';
    size_t sl = prefix_ci(u, "https://") ? 8 : prefix_ci(u, "http://") ? 7 : 0;
    if (!sl)
        return 0;
    const char *a = u + sl;
    return authority_ok(a, strcspn(a, "/?#"));
}
