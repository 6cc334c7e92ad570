/*
 * router: a linear scan of the table, segment by segment. The table is a few dozen routes;
 * a scan costs less than the hashing a trie would need, and stays obvious.
 */
#include "http/router.h"

#include <string.h>

#include "util/strbuf.h"

/* Does path match pattern? Fill params with the parameter segments. */
static int match(arena *a, const char *pattern, const char *path, const char **params, int *nparams)
{
    int np = 0;
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
        return 0;
    if (nparams)
        *nparams = np;
    return 1;
}

match_result router_match(arena *a, const char *method, const char *path, const route **out,
                          const char **params, int *nparams, const char **allow)
{
    size_t n;
    const route *t = routes_table(&n);
    strbuf methods = STRBUF_INIT_MAX(256);
    int path_hit = 0;
    for (size_t i = 0; i < n; i++) {
        if (!match(a, t[i].pattern, path, NULL, NULL))
            continue;
        path_hit = 1;
        if (!strcmp(t[i].method, method) ||
            (!strcmp(method, "HEAD") && !strcmp(t[i].method, "GET"))) {
            match(a, t[i].pattern, path, params, nparams);
            *out = &t[i];
            sb_release(&methods);
            return MATCH_OK;
        }
        if (!strstr(methods.buf, t[i].method))
            sb_addf(&methods, "%s%s", methods.len ? ", " : "", t[i].method);
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
