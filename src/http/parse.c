/*
 * parse: every byte a client sends outside a JSON body passes through here first, so this is
 * where hostile input is met. The parsers are strict where leniency would let two readers of
 * the same bytes disagree (a key with a NUL in it, a duplicated Content-Disposition, a part
 * with no name), and lenient only where browsers really send odd but harmless things
 * (preambles, epilogues, empty query segments, junk cookie pairs). They hold no state, call
 * nothing but the arena and <string.h>, and check every index against len before reading it,
 * which is what lets the fuzz targets in fuzz/ drive them directly.
 */
#include "http/parse.h"

#include <stdint.h>
#include <string.h>

/* RFC 2046 5.1.1: a boundary is 1 to 70 characters. */
#define BOUNDARY_MAX 70

/* ---------------------------------------------------------------- character classes */

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

/* RFC 9110 tchar: the characters of a header name, a media type or a parameter name. */
static int is_tchar(char c)
{
    unsigned char u = (unsigned char)c;
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
        return 1;
    return u != 0 && strchr("!#$%&'*+-.^_`|~", u) != NULL;
}

/* Control characters other than HT: never valid inside a header line. */
static int is_ctl(char c)
{
    unsigned char u = (unsigned char)c;
    return (u < 0x20 && u != '\t') || u == 0x7f;
}

/* RFC 2046 bcharsnospace, plus the space (which may not end a boundary). */
static int is_bchar(char c)
{
    unsigned char u = (unsigned char)c;
    if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
        return 1;
    return u != 0 && strchr("'()+_,-./:=? ", u) != NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static char lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s[0..n) equals lit, ignoring ASCII case; lit is lowercase. */
static int span_ieq(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return 0;
    }
    return 1;
}

/* s starts with lit (lowercase), ignoring ASCII case. */
static int strncasecmp_ascii(const char *s, const char *lit, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!s[i] || lower_ascii(s[i]) != lit[i])
            return 1;
    }
    return 0;
}

static int boundary_ok(const char *b, size_t n)
{
    if (n == 0 || n > BOUNDARY_MAX || b[n - 1] == ' ')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_bchar(b[i]))
            return 0;
    return 1;
}

/* ---------------------------------------------------------------- percent-decoding */

char *url_decode(arena *a, const char *s, size_t len, int plus_is_space, size_t *out_len)
{
    if (!s && len)
        return NULL;
    if (len == SIZE_MAX)
        return NULL;
    char *out = arena_alloc(a, len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%') {
            if (len - i < 3)
                return NULL;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0)
                return NULL;
            out[o++] = (char)(hi << 4 | lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out[o++] = ' ';
        } else {
            out[o++] = c;
        }
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

/* ---------------------------------------------------------------- urlencoded */

int parse_urlencoded(arena *a, const char *s, size_t len, kvlist *out)
{
    out->items = NULL;
    out->n = 0;
    if (!s)
        return len ? -1 : 0;

    /* Count the non-empty segments first, so the array is allocated once and an input
     * with too many fields is refused before any decoding work. */
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - s) : len;
        if (end > i && ++count > PARSE_MAX_FIELDS)
            return -1;
        i = end + 1;
    }
    if (count == 0)
        return 0;
    kv *items = arena_alloc(a, count * sizeof(*items));
    if (!items)
        return -1;

    size_t n = 0;
    for (size_t i = 0; i < len;) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - s) : len;
        if (end > i) {
            const char *seg = s + i;
            size_t seglen = end - i;
            const char *eq = memchr(seg, '=', seglen);
            size_t klen = eq ? (size_t)(eq - seg) : seglen;
            size_t dklen, dvlen;
            char *key = url_decode(a, seg, klen, 1, &dklen);
            /* A key is looked up as a C string; one with a NUL inside would match a
             * different, shorter key, so it is refused rather than truncated. */
            if (!key || strlen(key) != dklen)
                return -1;
            char *val = eq ? url_decode(a, eq + 1, seglen - klen - 1, 1, &dvlen)
                           : url_decode(a, "", 0, 1, &dvlen);
            if (!val)
                return -1;
            items[n].key = key;
            items[n].val = val;
            items[n].val_len = dvlen;
            n++;
        }
        i = end + 1;
    }
    out->items = items;
    out->n = n;
    return 0;
}

/* ---------------------------------------------------------------- cookies */

int parse_cookies(arena *a, const char *header, kvlist *out)
{
    out->items = NULL;
    out->n = 0;
    if (!header)
        return 0;
    size_t len = strlen(header);

    size_t cap = 1;
    for (size_t i = 0; i < len && cap <= PARSE_MAX_FIELDS; i++)
        if (header[i] == ';')
            cap++;
    if (cap > PARSE_MAX_FIELDS)
        cap = PARSE_MAX_FIELDS;
    kv *items = NULL;
    size_t n = 0;

    for (size_t i = 0; i <= len;) {
        const char *semi = memchr(header + i, ';', len - i);
        size_t end = semi ? (size_t)(semi - header) : len;
        size_t b = i, e = end;
        i = end + 1;
        while (b < e && is_ows(header[b]))
            b++;
        while (e > b && is_ows(header[e - 1]))
            e--;
        const char *eq = memchr(header + b, '=', e - b);
        if (!eq)
            continue;
        size_t ne = (size_t)(eq - header), vb = ne + 1;
        while (ne > b && is_ows(header[ne - 1]))
            ne--;
        while (vb < e && is_ows(header[vb]))
            vb++;
        if (ne == b)
            continue;
        size_t ve = e;
        if (ve - vb >= 2 && header[vb] == '"' && header[ve - 1] == '"') {
            vb++;
            ve--;
        }
        if (n == PARSE_MAX_FIELDS)
            return -1;
        if (!items && !(items = arena_alloc(a, cap * sizeof(*items))))
            return -1;
        items[n].key = arena_strndup(a, header + b, ne - b);
        items[n].val = arena_strndup(a, header + vb, ve - vb);
        items[n].val_len = ve - vb;
        if (!items[n].key || !items[n].val)
            return -1;
        n++;
    }
    out->items = items;
    out->n = n;
    return 0;
}

/* ---------------------------------------------------------------- header parameters */

/* One `; name=value` of a Content-Type or Content-Disposition value. The value is left raw
 * (quoted says whether it was a quoted-string) and unquoted on demand, so the parameters
 * nobody asked for cost no allocation. */
typedef struct param {
    const char *name;
    size_t name_len;
    const char *val;
    size_t val_len;
    int quoted;
} param;

/* Inside a quoted-string a backslash escapes only '"' and '\'. Any other backslash is kept
 * as it is: browsers do not escape at all, and old ones send Windows paths such as
 * "C:\dir\f.txt" that full quoted-pair rules would garble. */
static int quoted_escape_at(const char *s, size_t len, size_t i)
{
    return s[i] == '\\' && len - i >= 2 && (s[i + 1] == '"' || s[i + 1] == '\\');
}

/* Reads the next parameter from s[*pos..len). 1 with *p filled, 0 at the end, -1 when the
 * text is not a parameter list. Empty parameters (";;") and a trailing ';' are allowed. */
static int next_param(const char *s, size_t len, size_t *pos, param *p)
{
    size_t i = *pos;
    for (;;) {
        while (i < len && is_ows(s[i]))
            i++;
        if (i == len) {
            *pos = i;
            return 0;
        }
        if (s[i] != ';')
            return -1;
        i++;
        while (i < len && is_ows(s[i]))
            i++;
        if (i == len) {
            *pos = i;
            return 0;
        }
        if (s[i] != ';')
            break;
    }
    size_t nb = i;
    while (i < len && is_tchar(s[i]))
        i++;
    if (i == nb)
        return -1;
    p->name = s + nb;
    p->name_len = i - nb;
    while (i < len && is_ows(s[i]))
        i++;
    if (i == len || s[i] != '=')
        return -1;
    i++;
    while (i < len && is_ows(s[i]))
        i++;
    if (i < len && s[i] == '"') {
        size_t vb = ++i;
        while (i < len && s[i] != '"')
            i += quoted_escape_at(s, len, i) ? 2 : 1;
        if (i == len)
            return -1;
        p->val = s + vb;
        p->val_len = i - vb;
        p->quoted = 1;
        i++;
    } else {
        size_t vb = i;
        while (i < len && !is_ows(s[i]) && s[i] != ';' && s[i] != '"' && !is_ctl(s[i]) &&
               s[i] != '\0')
            i++;
        p->val = s + vb;
        p->val_len = i - vb;
        p->quoted = 0;
    }
    *pos = i;
    return 1;
}

/* The value of p as an arena string, escapes resolved; *out_len its length. */
static char *param_value(arena *a, const param *p, size_t *out_len)
{
    char *v = arena_alloc(a, p->val_len + 1);
    if (!v)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < p->val_len; i++) {
        if (p->quoted && quoted_escape_at(p->val, p->val_len, i))
            i++;
        v[o++] = p->val[i];
    }
    v[o] = '\0';
    *out_len = o;
    return v;
}

const char *multipart_boundary(arena *a, const char *content_type)
{
    if (!content_type)
        return NULL;
    const char *s = content_type;
    size_t len = strlen(s), i = 0;
    while (i < len && is_ows(s[i]))
        i++;
    size_t tb = i;
    while (i < len && (is_tchar(s[i]) || s[i] == '/'))
        i++;
    if (!span_ieq(s + tb, i - tb, "multipart/form-data"))
        return NULL;

    param p, found = {0};
    int r, seen = 0;
    while ((r = next_param(s, len, &i, &p)) > 0) {
        if (!span_ieq(p.name, p.name_len, "boundary"))
            continue;
        if (seen++) /* two boundaries: which one the client meant is anyone's guess */
            return NULL;
        found = p;
    }
    if (r < 0 || !seen)
        return NULL;
    size_t blen;
    char *b = param_value(a, &found, &blen);
    if (!b || !boundary_ok(b, blen))
        return NULL;
    return b;
}

/* ---------------------------------------------------------------- multipart */

enum { DELIM_NONE, DELIM_PART, DELIM_CLOSE };

/* Is there a "--boundary" at body[at], followed by transport padding and CRLF (another part
 * follows at *next) or by "--" (the close delimiter; whatever follows is epilogue)? A line
 * that merely starts with the boundary ("--boundaryX") is content, not a delimiter. */
static int delim_at(const char *body, size_t len, const char *b, size_t blen, size_t at,
                    size_t *next)
{
    if (len - at < 2 + blen || body[at] != '-' || body[at + 1] != '-' ||
        memcmp(body + at + 2, b, blen) != 0)
        return DELIM_NONE;
    size_t i = at + 2 + blen;
    if (len - i >= 2 && body[i] == '-' && body[i + 1] == '-')
        return DELIM_CLOSE;
    while (i < len && is_ows(body[i]))
        i++;
    if (len - i >= 2 && body[i] == '\r' && body[i + 1] == '\n') {
        *next = i + 2;
        return DELIM_PART;
    }
    return DELIM_NONE;
}

/* The first CRLF "--boundary" delimiter at or after from; *at is the position of its CR. */
static int find_delim(const char *body, size_t len, const char *b, size_t blen, size_t from,
                      size_t *at, size_t *next)
{
    for (size_t i = from; i < len; i++) {
        const char *cr = memchr(body + i, '\r', len - i);
        if (!cr)
            return DELIM_NONE;
        i = (size_t)(cr - body);
        if (len - i >= 2 && body[i + 1] == '\n') {
            int k = delim_at(body, len, b, blen, i + 2, next);
            if (k != DELIM_NONE) {
                *at = i;
                return k;
            }
        }
    }
    return DELIM_NONE;
}

/* Content-Disposition: form-data; name="..."; filename="..." (RFC 7578 4.2). Names are kept
 * as sent: browsers percent-encode '"', CR and LF in them but not '%' itself, so decoding
 * would be guesswork. filename* is ignored, as RFC 7578 tells senders not to use it. */
static int parse_disposition(arena *a, const char *v, size_t len, mpart *part)
{
    size_t i = 0;
    while (i < len && is_tchar(v[i]))
        i++;
    if (!span_ieq(v, i, "form-data"))
        return -1;
    param p;
    int r;
    while ((r = next_param(v, len, &i, &p)) > 0) {
        const char **dst;
        if (span_ieq(p.name, p.name_len, "name"))
            dst = &part->name;
        else if (span_ieq(p.name, p.name_len, "filename"))
            dst = &part->filename;
        else
            continue;
        if (*dst)
            return -1;
        size_t n;
        if (!(*dst = param_value(a, &p, &n)))
            return -1;
    }
    return r;
}

/* The header lines of one part, starting at pos. On success *hend is the position of the
 * CRLF that ends the header block (the empty line). */
static int parse_part_headers(arena *a, const char *body, size_t len, size_t pos, mpart *part,
                              size_t *hend)
{
    int seen_cd = 0, seen_ct = 0;
    for (;;) {
        size_t e = pos;
        while (e < len && body[e] != '\r') {
            if (is_ctl(body[e]))
                return -1;
            e++;
        }
        if (len - e < 2 || body[e + 1] != '\n')
            return -1;
        if (e == pos) {
            *hend = pos;
            break;
        }
        /* obsolete line folding (a line starting with whitespace) is refused, as HTTP does */
        size_t i = pos;
        while (i < e && is_tchar(body[i]))
            i++;
        if (i == pos || i == e || body[i] != ':')
            return -1;
        const char *name = body + pos;
        size_t name_len = i - pos;
        size_t vb = i + 1, ve = e;
        while (vb < ve && is_ows(body[vb]))
            vb++;
        while (ve > vb && is_ows(body[ve - 1]))
            ve--;
        if (span_ieq(name, name_len, "content-disposition")) {
            if (seen_cd++ || parse_disposition(a, body + vb, ve - vb, part) < 0)
                return -1;
        } else if (span_ieq(name, name_len, "content-type")) {
            if (seen_ct++ || !(part->content_type = arena_strndup(a, body + vb, ve - vb)))
                return -1;
        }
        pos = e + 2;
    }
    return part->name && part->name[0] ? 0 : -1;
}

int parse_multipart(arena *a, const char *boundary, const char *body, size_t len, mpartlist *out)
{
    out->items = NULL;
    out->n = 0;
    if (!boundary || (!body && len))
        return -1;
    size_t blen = 0;
    while (blen <= BOUNDARY_MAX && boundary[blen])
        blen++;
    if (!boundary_ok(boundary, blen))
        return -1;
    if (!body)
        return -1; /* len is 0: there is no closing boundary */

    size_t next = 0, at;
    int kind = delim_at(body, len, boundary, blen, 0, &next);
    if (kind == DELIM_NONE) /* a preamble: the first delimiter starts a later line */
        kind = find_delim(body, len, boundary, blen, 0, &at, &next);
    if (kind == DELIM_NONE)
        return -1;

    mpart *items = NULL;
    size_t n = 0, cap = 0;
    while (kind == DELIM_PART) {
        mpart part = {0};
        size_t hend;
        if (parse_part_headers(a, body, len, next, &part, &hend) < 0)
            return -1;
        /* Either the header block's own CRLF is the delimiter's (a part with no body) or
         * the body runs from after the empty line to the next delimiter. */
        kind = find_delim(body, len, boundary, blen, hend, &at, &next);
        if (kind == DELIM_NONE)
            return -1;
        size_t db = at == hend ? hend : hend + 2;
        part.len = at - db;
        if (!(part.data = arena_strndup(a, body + db, part.len)))
            return -1;
        if (n == PARSE_MAX_FIELDS)
            return -1;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            mpart *p = arena_alloc(a, ncap * sizeof(*p));
            if (!p)
                return -1;
            if (n)
                memcpy(p, items, n * sizeof(*p));
            items = p;
            cap = ncap;
        }
        items[n++] = part;
    }
    out->items = items;
    out->n = n;
    return 0;
}

/* ---------------------------------------------------------------- percent-encoding */

char *url_encode(arena *a, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t len = s ? strlen(s) : 0;
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = arena_alloc(a, len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            strchr("-._~/", c)) {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
    return out;
}

/* ---------------------------------------------------------------- redirect targets */

int is_local_path(const char *s)
{
    if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\')
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '\\')
            return 0;
    return 1;
}

const char *local_path_or(const char *s, const char *fallback)
{
    return is_local_path(s) ? s : fallback;
}

/* ---------------------------------------------------------------- media types */

int media_type_is(const char *ct, const char *type)
{
    if (!ct || !type)
        return 0;
    size_t len = strlen(ct), i = 0;
    while (i < len && is_ows(ct[i]))
        i++;
    size_t tb = i;
    while (i < len && (is_tchar(ct[i]) || ct[i] == '/'))
        i++;
    if (!span_ieq(ct + tb, i - tb, type))
        return 0;
    param p;
    int r;
    while ((r = next_param(ct, len, &i, &p)) > 0)
        ;
    return r == 0;
}

/* ---------------------------------------------------------------- origins */

/* host[:port] at s[0..len): a name or IPv4 address (letters, digits, '-', '.', '_') or an IPv6
 * address in brackets, lowercased into host; *port 0 when none is given. */
static int parse_authority(const char *s, size_t len, char host[256], unsigned *port)
{
    size_t i = 0, h = 0;
    if (len && s[0] == '[') {
        while (i < len && s[i] != ']') {
            char c = s[i];
            if (i && !((c >= '0' && c <= '9') || (lower_ascii(c) >= 'a' && lower_ascii(c) <= 'f') ||
                       c == ':' || c == '.'))
                return -1;
            i++;
        }
        if (i == len || i < 3)
            return -1;
        i++;
    } else {
        while (i < len && s[i] != ':') {
            char c = lower_ascii(s[i]);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '.' ||
                  c == '_'))
                return -1;
            i++;
        }
        if (i == 0)
            return -1;
    }
    if (i > 255)
        return -1;
    for (h = 0; h < i; h++)
        host[h] = lower_ascii(s[h]);
    host[h] = '\0';
    *port = 0;
    if (i == len)
        return 0;
    if (s[i] != ':' || i + 1 == len || len - i - 1 > 5)
        return -1;
    unsigned v = 0;
    for (size_t k = i + 1; k < len; k++) {
        if (s[k] < '0' || s[k] > '9')
            return -1;
        v = v * 10 + (unsigned)(s[k] - '0');
    }
    if (v == 0 || v > 65535)
        return -1;
    *port = v;
    return 0;
}

int origin_parse(const char *url, int rest, url_origin *o)
{
    if (!url)
        return -1;
    size_t sl;
    if (!strncasecmp_ascii(url, "http://", 7)) {
        sl = 7;
        memcpy(o->scheme, "http", 5);
    } else if (!strncasecmp_ascii(url, "https://", 8)) {
        sl = 8;
        memcpy(o->scheme, "https", 6);
    } else {
        return -1;
    }
    const char *a = url + sl;
    size_t n = strcspn(a, "/?#");
    const char *after = a + n;
    if (!rest && *after && strcmp(after, "/"))
        return -1;
    for (const unsigned char *p = (const unsigned char *)after; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return -1;
    if (parse_authority(a, n, o->host, &o->port) < 0)
        return -1;
    if (!o->port)
        o->port = sl == 7 ? 80 : 443;
    return 0;
}

int origin_equal(const url_origin *a, const url_origin *b)
{
    return !strcmp(a->scheme, b->scheme) && !strcmp(a->host, b->host) && a->port == b->port;
}

int origin_matches_host(const url_origin *o, const char *host)
{
    char h[256];
    unsigned port;
    if (!host || parse_authority(host, strlen(host), h, &port) < 0)
        return 0;
    if (!port)
        port = !strcmp(o->scheme, "https") ? 443 : 80;
    return !strcmp(h, o->host) && port == o->port;
}

/* ---------------------------------------------------------------- lookups */

const char *kv_get(const kvlist *l, const char *key)
{
    if (!l || !key)
        return NULL;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return l->items[i].val;
    return NULL;
}

const mpart *mpart_get(const mpartlist *l, const char *name)
{
    if (!l || !name)
        return NULL;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0)
            return &l->items[i];
    return NULL;
}
