/*
 * osm: one libreadosm pass gathers node coordinates, walkable ways and POIs; the end of the
 * load resolves way refs against the nodes (sorted by id, binary search), cuts segments whose
 * node is missing, and keeps only the nodes that a segment uses. See osm.h for the rules.
 */
#include "geo/osm.h"
#include "util/log.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readosm.h>

#define DEFAULT_MAX_NODES ((size_t)200 * 1000 * 1000)

/* A node as read: id and fixed-point coordinates (1e-7 degree, OSM's own precision). */
typedef struct raw_node {
    long long id;
    int32_t lat, lon;
} raw_node;

/* A POI while reading: strings are offsets into the string store (it may move). */
typedef struct raw_poi {
    long long osm_id;
    char osm_type;
    double lon, lat;
    size_t name, category, tag; /* offsets */
    size_t ref0, nref;          /* ways: the refs in poi_refs */
} raw_poi;

typedef struct loader {
    osm_network *net;
    osm_tag_filter filters[OSM_MAX_FILTERS];
    int n_filters;
    int want_net, want_pois;
    size_t max_nodes;

    raw_node *nodes;
    size_t n_nodes, cap_nodes;
    int nodes_sorted;

    long long *way_refs; /* refs of walkable ways, back to back */
    size_t n_refs, cap_refs;
    size_t *way_start; /* n_ways + 1 offsets into way_refs */
    size_t n_ways, cap_ways;

    long long *poi_refs;
    size_t n_poi_refs, cap_poi_refs;
    raw_poi *pois;
    size_t n_pois, cap_pois;

    int oom;
    int too_many;
} loader;

/* Grow *p (of *cap elements of size sz) to hold need elements. */
static int grow(void **p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * sz);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

/* ---- tag filters ---- */

static const struct {
    const char *tag, *category;
} default_categories[] = {
    {"amenity=library", "library"},
    {"amenity=arts_centre", "cultural_centre"},
    {"amenity=community_centre", "village_centre"},
    {"amenity=theatre", "theatre"},
    {"amenity=cinema", "cinema"},
    {"tourism=museum", "museum"},
    {"tourism=gallery", "art_gallery"},
    {"amenity=public_bookcase", "new_space"},
};

static int copy_field(char *dst, size_t cap, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n >= cap)
        return -1;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 0;
}

int osm_parse_tag_filters(const char *spec, osm_tag_filter *out, size_t max, char *err,
                          size_t errlen)
{
    if (!spec || !*spec)
        spec = OSM_DEFAULT_POI_TAGS;
    size_t n = 0;
    const char *p = spec;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (len == 0) {
            p += end ? 1 : 0;
            if (!end)
                break;
            continue;
        }
        if (n == max) {
            set_err(err, errlen, "too many tag filters (at most %zu)", max);
            return -1;
        }
        osm_tag_filter *f = &out[n];
        memset(f, 0, sizeof(*f));
        const char *colon = eq ? memchr(eq, ':', len - (size_t)(eq - p)) : NULL;
        size_t vlen = eq ? (size_t)((colon ? colon : p + len) - (eq + 1)) : 0;
        if (!eq || copy_field(f->key, sizeof(f->key), p, (size_t)(eq - p)) < 0 ||
            copy_field(f->value, sizeof(f->value), eq + 1, vlen) < 0 ||
            (colon && copy_field(f->category, sizeof(f->category), colon + 1,
                                 (size_t)(p + len - colon - 1)) < 0)) {
            set_err(err, errlen, "bad tag filter '%.*s' (want key=value[:category])", (int)len, p);
            return -1;
        }
        if (!colon) {
            char tag[130];
            snprintf(tag, sizeof(tag), "%s=%s", f->key, f->value);
            snprintf(f->category, sizeof(f->category), "other");
            for (size_t i = 0; i < sizeof(default_categories) / sizeof(default_categories[0]); i++)
                if (strcmp(tag, default_categories[i].tag) == 0)
                    snprintf(f->category, sizeof(f->category), "%s",
                             default_categories[i].category);
        }
        n++;
        if (!end)
            break;
        p = end + 1;
    }
    return (int)n;
}

/* ---- walkability ---- */

static const char *const walk_classes[] = {
    "footway",     "pedestrian", "path",          "steps",          "living_street",
    "residential", "service",    "unclassified",  "tertiary",       "secondary",
    "primary",     "trunk",      "tertiary_link", "secondary_link", "primary_link",
    "trunk_link",  "track",      "cycleway",      "corridor",
};

int osm_way_walkable(const char *const *keys, const char *const *values, size_t n)
{
    const char *highway = NULL, *foot = NULL, *access = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!keys[i] || !values[i])
            continue;
        if (strcmp(keys[i], "highway") == 0)
            highway = values[i];
        else if (strcmp(keys[i], "foot") == 0)
            foot = values[i];
        else if (strcmp(keys[i], "access") == 0)
            access = values[i];
    }
    if (!highway)
        return 0;
    int known = 0;
    for (size_t i = 0; i < sizeof(walk_classes) / sizeof(walk_classes[0]); i++)
        if (strcmp(highway, walk_classes[i]) == 0)
            known = 1;
    if (!known)
        return 0; /* motorway*, construction, proposed, bridleway, ... */
    if (foot && strcmp(foot, "no") == 0)
        return 0;
    int foot_ok = foot && (strcmp(foot, "yes") == 0 || strcmp(foot, "designated") == 0 ||
                           strcmp(foot, "permissive") == 0);
    if (access && (strcmp(access, "no") == 0 || strcmp(access, "private") == 0) && !foot_ok)
        return 0;
    return 1;
}

/* ---- reading ---- */

static size_t add_string(loader *L, const char *s)
{
    osm_network *net = L->net;
    size_t n = strlen(s) + 1;
    if (grow((void **)&net->strings, &net->strings_cap, net->strings_len + n, 1) < 0) {
        L->oom = 1;
        return 0;
    }
    size_t off = net->strings_len;
    memcpy(net->strings + off, s, n);
    net->strings_len += n;
    return off;
}

/* The filter that these tags match, or -1. */
static int match_poi(const loader *L, const readosm_tag *tags, int n)
{
    for (int f = 0; f < L->n_filters; f++)
        for (int i = 0; i < n; i++)
            if (tags[i].key && tags[i].value && strcmp(tags[i].key, L->filters[f].key) == 0 &&
                (strcmp(L->filters[f].value, "*") == 0 ||
                 strcmp(tags[i].value, L->filters[f].value) == 0))
                return f;
    return -1;
}

static const char *poi_name(const readosm_tag *tags, int n)
{
    static const char *const keys[] = {"name", "name:en", "name:zh"};
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
        for (int i = 0; i < n; i++)
            if (tags[i].key && tags[i].value && strcmp(tags[i].key, keys[k]) == 0)
                return tags[i].value;
    return "";
}

static raw_poi *new_poi(loader *L, int f, const readosm_tag *tags, int n)
{
    if (grow((void **)&L->pois, &L->cap_pois, L->n_pois + 1, sizeof(raw_poi)) < 0) {
        L->oom = 1;
        return NULL;
    }
    raw_poi *p = &L->pois[L->n_pois];
    memset(p, 0, sizeof(*p));
    const char *value = L->filters[f].value;
    for (int i = 0; i < n; i++)
        if (tags[i].key && tags[i].value && strcmp(tags[i].key, L->filters[f].key) == 0)
            value = tags[i].value;
    char tag[260];
    snprintf(tag, sizeof(tag), "%s=%s", L->filters[f].key, value);
    p->name = add_string(L, poi_name(tags, n));
    p->category = add_string(L, L->filters[f].category);
    p->tag = add_string(L, tag);
    if (L->oom)
        return NULL;
    L->n_pois++;
    return p;
}

static int32_t fixed(double deg)
{
    return (int32_t)lround(deg * 1e7);
}

static int on_node(const void *ud, const readosm_node *node)
{
    loader *L = (loader *)ud;
    L->net->stats.nodes_read++;
    /* POI ways need node coordinates too, so nodes are kept even without the network */
    if (L->n_nodes >= L->max_nodes) {
        L->too_many = 1;
        return READOSM_ABORT;
    }
    if (grow((void **)&L->nodes, &L->cap_nodes, L->n_nodes + 1, sizeof(raw_node)) < 0) {
        L->oom = 1;
        return READOSM_ABORT;
    }
    if (L->n_nodes && node->id <= L->nodes[L->n_nodes - 1].id)
        L->nodes_sorted = 0;
    L->nodes[L->n_nodes++] = (raw_node){node->id, fixed(node->latitude), fixed(node->longitude)};
    if (L->want_pois && node->tag_count > 0) {
        int f = match_poi(L, node->tags, node->tag_count);
        if (f >= 0) {
            raw_poi *p = new_poi(L, f, node->tags, node->tag_count);
            if (!p)
                return READOSM_ABORT;
            p->osm_id = node->id;
            p->osm_type = 'n';
            p->lon = node->longitude;
            p->lat = node->latitude;
        }
    }
    return READOSM_OK;
}

static int on_way(const void *ud, const readosm_way *way)
{
    loader *L = (loader *)ud;
    L->net->stats.ways_read++;
    int n = way->tag_count;
    if (n <= 0 || way->node_ref_count <= 0)
        return READOSM_OK;
    size_t nref = (size_t)way->node_ref_count;
    if (L->want_net) {
        const char *keys[64], *values[64];
        size_t k = 0;
        for (int i = 0; i < n && k < 64; i++, k++) {
            keys[k] = way->tags[i].key;
            values[k] = way->tags[i].value;
        }
        if (nref >= 2 && osm_way_walkable(keys, values, k)) {
            if (grow((void **)&L->way_refs, &L->cap_refs, L->n_refs + nref, sizeof(long long)) <
                    0 ||
                grow((void **)&L->way_start, &L->cap_ways, L->n_ways + 2, sizeof(size_t)) < 0) {
                L->oom = 1;
                return READOSM_ABORT;
            }
            if (L->n_ways == 0)
                L->way_start[0] = 0;
            memcpy(L->way_refs + L->n_refs, way->node_refs, nref * sizeof(long long));
            L->n_refs += nref;
            L->way_start[++L->n_ways] = L->n_refs;
            L->net->stats.ways_walkable++;
        }
    }
    if (L->want_pois) {
        int f = match_poi(L, way->tags, n);
        if (f >= 0) {
            if (grow((void **)&L->poi_refs, &L->cap_poi_refs, L->n_poi_refs + nref,
                     sizeof(long long)) < 0) {
                L->oom = 1;
                return READOSM_ABORT;
            }
            raw_poi *p = new_poi(L, f, way->tags, n);
            if (!p)
                return READOSM_ABORT;
            p->osm_id = way->id;
            p->osm_type = 'w';
            p->ref0 = L->n_poi_refs;
            p->nref = nref;
            memcpy(L->poi_refs + L->n_poi_refs, way->node_refs, nref * sizeof(long long));
            L->n_poi_refs += nref;
        }
    }
    return READOSM_OK;
}

/* ---- resolving ---- */

static int cmp_raw_node(const void *a, const void *b)
{
    long long x = ((const raw_node *)a)->id, y = ((const raw_node *)b)->id;
    return (x > y) - (x < y);
}

/* Index of node id in the sorted array, or -1. */
static long find_node(const raw_node *nodes, size_t n, long long id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (nodes[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && nodes[lo].id == id ? (long)lo : -1;
}

static int finish(loader *L, char *err, size_t errlen)
{
    osm_network *net = L->net;
    if (!L->nodes_sorted && L->n_nodes > 1) {
        qsort(L->nodes, L->n_nodes, sizeof(raw_node), cmp_raw_node);
        /* duplicates (a malformed file): keep the first of each id */
        size_t w = 1;
        for (size_t r = 1; r < L->n_nodes; r++)
            if (L->nodes[r].id != L->nodes[w - 1].id)
                L->nodes[w++] = L->nodes[r];
        L->n_nodes = w;
    }

    /* POI ways: the centroid of the nodes present (a closed way counts its first node once) */
    size_t w = 0;
    for (size_t i = 0; i < L->n_pois; i++) {
        raw_poi *p = &L->pois[i];
        if (p->osm_type == 'w') {
            const long long *refs = L->poi_refs + p->ref0;
            size_t nref = p->nref;
            if (nref > 1 && refs[0] == refs[nref - 1])
                nref--;
            double slon = 0, slat = 0;
            size_t got = 0;
            for (size_t k = 0; k < nref; k++) {
                long at = find_node(L->nodes, L->n_nodes, refs[k]);
                if (at < 0)
                    continue;
                slon += L->nodes[at].lon * 1e-7;
                slat += L->nodes[at].lat * 1e-7;
                got++;
            }
            if (!got) {
                net->stats.pois_dropped++;
                continue;
            }
            p->lon = slon / (double)got;
            p->lat = slat / (double)got;
        }
        L->pois[w++] = *p;
    }
    L->n_pois = w;
    if (L->n_pois) {
        net->pois = calloc(L->n_pois, sizeof(osm_poi));
        if (!net->pois)
            goto oom;
        for (size_t i = 0; i < L->n_pois; i++) {
            const raw_poi *p = &L->pois[i];
            net->pois[i] = (osm_poi){.osm_id = p->osm_id,
                                     .osm_type = p->osm_type,
                                     .lon = p->lon,
                                     .lat = p->lat,
                                     .name = net->strings + p->name,
                                     .category = net->strings + p->category,
                                     .tag = net->strings + p->tag};
        }
        net->n_pois = L->n_pois;
    }
    if (!L->want_net)
        return 0;

    /* resolve refs in place: a ref becomes the raw node index, or -1 when missing */
    long *idx = malloc((L->n_refs ? L->n_refs : 1) * sizeof(long));
    uint32_t *remap = malloc((L->n_nodes ? L->n_nodes : 1) * sizeof(uint32_t));
    if (!idx || !remap) {
        free(idx);
        free(remap);
        goto oom;
    }
    for (size_t i = 0; i < L->n_refs; i++) {
        idx[i] = find_node(L->nodes, L->n_nodes, L->way_refs[i]);
        if (idx[i] < 0)
            net->stats.refs_missing++;
    }
    /* keep the nodes that a segment uses; segments are counted first, then filled */
    memset(remap, 0xff, (L->n_nodes ? L->n_nodes : 1) * sizeof(uint32_t));
    size_t n_edges = 0;
    for (size_t wy = 0; wy < L->n_ways; wy++)
        for (size_t k = L->way_start[wy] + 1; k < L->way_start[wy + 1]; k++) {
            long a = idx[k - 1], b = idx[k];
            if (a < 0 || b < 0) {
                net->stats.segments_cut++;
                continue;
            }
            if (a == b)
                continue;
            remap[a] = remap[b] = 0;
            n_edges++;
        }
    size_t n_used = 0;
    for (size_t i = 0; i < L->n_nodes; i++)
        if (remap[i] == 0)
            n_used++;
    if (n_used > UINT32_MAX - 1) {
        free(idx);
        free(remap);
        set_err(err, errlen, "too many network nodes (%zu)", n_used);
        return -1;
    }
    net->node_id = malloc((n_used ? n_used : 1) * sizeof(long long));
    net->lon = malloc((n_used ? n_used : 1) * sizeof(double));
    net->lat = malloc((n_used ? n_used : 1) * sizeof(double));
    net->edge_a = malloc((n_edges ? n_edges : 1) * sizeof(uint32_t));
    net->edge_b = malloc((n_edges ? n_edges : 1) * sizeof(uint32_t));
    if (!net->node_id || !net->lon || !net->lat || !net->edge_a || !net->edge_b) {
        free(idx);
        free(remap);
        goto oom;
    }
    size_t u = 0;
    for (size_t i = 0; i < L->n_nodes; i++)
        if (remap[i] == 0) {
            remap[i] = (uint32_t)u;
            net->node_id[u] = L->nodes[i].id;
            net->lon[u] = L->nodes[i].lon * 1e-7;
            net->lat[u] = L->nodes[i].lat * 1e-7;
            u++;
        }
    net->n_nodes = n_used;
    size_t e = 0;
    for (size_t wy = 0; wy < L->n_ways; wy++)
        for (size_t k = L->way_start[wy] + 1; k < L->way_start[wy + 1]; k++) {
            long a = idx[k - 1], b = idx[k];
            if (a < 0 || b < 0 || a == b)
                continue;
            net->edge_a[e] = remap[a];
            net->edge_b[e] = remap[b];
            e++;
        }
    net->n_edges = e;
    free(idx);
    free(remap);
    return 0;
oom:
    set_err(err, errlen, "out of memory");
    return -1;
}

static void loader_free(loader *L)
{
    free(L->nodes);
    free(L->way_refs);
    free(L->way_start);
    free(L->poi_refs);
    free(L->pois);
}

int osm_load(const char *path, const osm_options *opt, osm_network *out, char *err, size_t errlen)
{
    static const osm_options defaults = {0};
    if (!opt)
        opt = &defaults;
    memset(out, 0, sizeof(*out));
    loader L = {0};
    L.net = out;
    L.want_net = !opt->skip_network;
    L.want_pois = !opt->skip_pois;
    L.max_nodes = opt->max_nodes ? opt->max_nodes : DEFAULT_MAX_NODES;
    L.nodes_sorted = 1;
    if (L.want_pois) {
        L.n_filters = osm_parse_tag_filters(opt->poi_tags, L.filters, OSM_MAX_FILTERS, err, errlen);
        if (L.n_filters < 0)
            return -1;
    }

    const void *h = NULL;
    int rc = readosm_open(path, &h);
    if (rc != READOSM_OK) {
        readosm_close(h);
        if (rc == READOSM_FILE_NOT_FOUND)
            set_err(err, errlen, "%s: %s", path, strerror(ENOENT));
        else if (rc == READOSM_INVALID_SUFFIX)
            set_err(err, errlen, "%s: not an .osm or .osm.pbf file", path);
        else
            set_err(err, errlen, "%s: cannot open (readosm error %d)", path, rc);
        return -1;
    }
    rc = readosm_parse(h, &L, on_node, on_way, NULL);
    readosm_close(h);
    if (L.oom || L.too_many || rc != READOSM_OK) {
        if (L.oom)
            set_err(err, errlen, "%s: out of memory", path);
        else if (L.too_many)
            set_err(err, errlen, "%s: more than %zu nodes", path, L.max_nodes);
        else
            set_err(err, errlen, "%s: unreadable OSM data (readosm error %d)", path, rc);
        loader_free(&L);
        osm_network_free(out);
        return -1;
    }
    rc = finish(&L, err, errlen);
    loader_free(&L);
    if (rc < 0) {
        osm_network_free(out);
        return -1;
    }
    return 0;
}

void osm_network_free(osm_network *net)
{
    if (!net)
        return;
    free(net->node_id);
    free(net->lon);
    free(net->lat);
    free(net->edge_a);
    free(net->edge_b);
    free(net->pois);
    free(net->strings);
    osm_stats keep = net->stats;
    memset(net, 0, sizeof(*net));
    net->stats = keep;
}
