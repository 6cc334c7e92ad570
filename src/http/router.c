/*
 * router: a linear scan of the table, segment by segment. The table is a few dozen routes;
 * a scan costs less than the hashing a trie would need, and stays obvious.
 */
#include "http/router.h"

#include <stdint.h>
#include <string.h>

#include "util/strbuf.h"

int router_parse_id(const char *s, size_t len, int64_t *id)
{
    int64_t v = 0;
    if (len == 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        int d = s[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (v == 0)
        return -1;
    *id = v;
    return 0;
}

/* Is the parameter named by the len bytes at name typed as an id? (router.h) */
static int typed_id(const char *name, size_t len)
{
    return (len == 2 && !memcmp(name, "id", 2)) || (len == 5 && !memcmp(name, "grant", 5));
}

enum { NO_MATCH, MATCHED, MATCHED_BAD_ID };

/* Does path match pattern? Fill params with the parameter segments. MATCHED_BAD_ID: it would
 * but for a typed parameter that is not an id. */
static int match(arena *a, const char *pattern, const char *path, const char **params, int *nparams)
{
    int np = 0, bad = 0;
    int64_t id;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *pe = strchr(p, '}');
            const char *se = strchr(s, '/');
            size_t slen = se ? (size_t)(se - s) : strlen(s);
            if (!pe || slen == 0 || np >= REQ_MAX_PARAMS)
                return 0;
            /* a suffix after the parameter inside the segment, as in {code}.ics */
            size_t suffix = 0;
            while (pe[1 + suffix] && pe[1 + suffix] != '/')
                suffix++;
            if (suffix) {
                if (slen <= suffix || strncmp(s + slen - suffix, pe + 1, suffix))
                    return 0;
                slen -= suffix;
            }
            if (typed_id(p + 1, (size_t)(pe - p - 1)) && router_parse_id(s, slen, &id) < 0)
                bad = 1;
            if (params)
                params[np] = arena_strndup(a, s, slen);
            np++;
            p = pe + 1 + suffix;
            s += slen + suffix;
            continue;
        }
        if (*p != *s)
            return 0;
        p++;
        s++;
    }
    if (*p || *s)
        return NO_MATCH;
    if (nparams)
        *nparams = np;
    return bad ? MATCHED_BAD_ID : MATCHED;
}

match_result router_match(arena *a, const char *method, const char *path, const route **out,
                          const char **params, int *nparams, const char **allow)
{
    size_t n;
    const route *t = routes_table(&n);
    strbuf methods = STRBUF_INIT_MAX(256);
    int path_hit = 0;
    const route *bad = NULL; /* the first route that takes this method but not these ids */
    for (size_t i = 0; i < n; i++) {
        int m = match(a, t[i].pattern, path, NULL, NULL);
        if (m == NO_MATCH)
            continue;
        path_hit = 1;
        if (!strcmp(t[i].method, method) ||
            (!strcmp(method, "HEAD") && !strcmp(t[i].method, "GET"))) {
            if (m == MATCHED_BAD_ID) {
                if (!bad)
                    bad = &t[i];
                continue; /* a later route may take this segment as it is */
            }
            match(a, t[i].pattern, path, params, nparams);
            *out = &t[i];
            sb_release(&methods);
            return MATCH_OK;
        }
        if (!strstr(methods.buf, t[i].method))
            sb_addf(&methods, "%s%s", methods.len ? ", " : "", t[i].method);
    }
    if (bad) {
        match(a, bad->pattern, path, params, nparams);
        *out = bad;
        sb_release(&methods);
        return MATCH_BAD_ID;
    }
    if (path_hit && allow)
        *allow = arena_strdup(a, methods.buf);
    sb_release(&methods);
    return path_hit ? MATCH_NO_METHOD : MATCH_NO_PATH;
}

int64_t route_body_limit(const route *r, const wy_config *cfg)
{
    int64_t small =
        cfg->small_body_bytes < cfg->max_body_bytes ? cfg->small_body_bytes : cfg->max_body_bytes;
    return r && (r->flags & ROUTE_UPLOAD) ? cfg->max_body_bytes : small;
}

int route_index(const route *r)
{
    size_t n;
    const route *t = routes_table(&n);
    return r && r >= t && r < t + n ? (int)(r - t) : -1;
}
