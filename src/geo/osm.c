/*
 * osm: the two readers (PBF and XML) feed one loader; the first pass gathers ways, POI nodes
 * and counts, the second the coordinates of the nodes the ways need; the end of the load
 * resolves way refs against those nodes (sorted by id, binary search), cuts segments whose
 * node is missing, and keeps only the nodes that a segment uses. See osm.h for the rules and
 * the limits.
 *
 * PBF (https://wiki.openstreetmap.org/wiki/PBF_Format): a file is a sequence of blocks, each a
 * 4-byte big-endian length, a BlobHeader (type, datasize) and a Blob (raw bytes, or zlib data
 * with its raw_size). The first block is an OSMHeader; OSMData blocks hold a PrimitiveBlock:
 * a string table, then groups of nodes, dense nodes, ways or relations whose tags are indices
 * into the string table. Every protobuf field is read through pb_next, which checks each
 * length against what is left; every index is checked against the table.
 */
#include "geo/osm.h"
#include "util/csvread.h"
#include "util/log.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define PBF_MAX_HEADER   (64 * 1024)
#define PBF_MAX_BLOB     ((size_t)32 << 20)
#define OSM_MAX_TAGS     1024
#define OSM_MAX_WAY_REFS 100000
#define PBF_MAX_STRINGS  ((size_t)1 << 20)
#define XML_CHUNK        (64 * 1024)

/* A node as kept: id and fixed-point coordinates (1e-7 degree, OSM's own precision). */
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

typedef struct rtag {
    const char *key, *value;
} rtag;

typedef struct loader {
    osm_network *net;
    osm_tag_filter filters[OSM_MAX_FILTERS];
    int n_filters;
    int want_net, want_pois;
    size_t max_nodes, max_bytes;
    int pass;     /* 1: ways, POI nodes, counts; 2: the coordinates of the nodes needed */
    size_t bytes; /* of this pass: decompressed PBF, or XML */

    raw_node *nodes; /* pass 2: the nodes needed, in file order */
    size_t n_nodes, cap_nodes;
    int nodes_sorted;
    long long *needed; /* sorted, unique: the ids whose coordinates pass 2 keeps */
    size_t n_needed;

    long long *way_refs; /* refs of walkable ways, back to back */
    size_t n_refs, cap_refs;
    size_t *way_start; /* n_ways + 1 offsets into way_refs */
    size_t n_ways, cap_ways;

    long long *poi_refs;
    size_t n_poi_refs, cap_poi_refs;
    raw_poi *pois;
    size_t n_pois, cap_pois;

    int status; /* 0, or the OSM_* that stops the load, with msg */
    char msg[200];

    /* the readers' scratch, reused from block to block */
    unsigned char *blob, *raw;
    size_t cap_blob, cap_raw;
    char *strbuf;
    size_t cap_strbuf;
    const char **strs;
    size_t n_strs, cap_strs;
    rtag *tags;
    size_t cap_tags;
    long long *refs;
    size_t cap_refs_tmp;
} loader;

static int stop(loader *L, int status, const char *fmt, ...) WY_PRINTF(3, 4);

/* Stop the load (the first reason wins); -1. */
static int stop(loader *L, int status, const char *fmt, ...)
{
    if (!L->status) {
        L->status = status;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(L->msg, sizeof(L->msg), fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int oom(loader *L)
{
    return stop(L, OSM_NO_MEMORY, "out of memory");
}

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

static int walkable(const char *highway, const char *foot, const char *access)
{
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
    return walkable(highway, foot, access);
}

static int tags_walkable(const rtag *t, size_t n)
{
    const char *highway = NULL, *foot = NULL, *access = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(t[i].key, "highway") == 0)
            highway = t[i].value;
        else if (strcmp(t[i].key, "foot") == 0)
            foot = t[i].value;
        else if (strcmp(t[i].key, "access") == 0)
            access = t[i].value;
    }
    return walkable(highway, foot, access);
}

/* ---- what the readers find ---- */

static size_t add_string(loader *L, const char *s)
{
    osm_network *net = L->net;
    size_t n = strlen(s) + 1;
    if (grow((void **)&net->strings, &net->strings_cap, net->strings_len + n, 1) < 0) {
        oom(L);
        return 0;
    }
    size_t off = net->strings_len;
    memcpy(net->strings + off, s, n);
    net->strings_len += n;
    return off;
}

/* The filter that these tags match, or -1. */
static int match_poi(const loader *L, const rtag *tags, size_t n)
{
    for (int f = 0; f < L->n_filters; f++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(tags[i].key, L->filters[f].key) == 0 &&
                (strcmp(L->filters[f].value, "*") == 0 ||
                 strcmp(tags[i].value, L->filters[f].value) == 0))
                return f;
    return -1;
}

/* The name (PBF strings are not checked for UTF-8 by anyone else: a bad one is no name). */
static const char *poi_name(const rtag *tags, size_t n)
{
    static const char *const keys[] = {"name", "name:en", "name:zh"};
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
        for (size_t i = 0; i < n; i++)
            if (strcmp(tags[i].key, keys[k]) == 0)
                return utf8_valid(tags[i].value, strlen(tags[i].value)) ? tags[i].value : "";
    return "";
}

static raw_poi *new_poi(loader *L, int f, const rtag *tags, size_t n)
{
    if (grow((void **)&L->pois, &L->cap_pois, L->n_pois + 1, sizeof(raw_poi)) < 0) {
        oom(L);
        return NULL;
    }
    raw_poi *p = &L->pois[L->n_pois];
    memset(p, 0, sizeof(*p));
    const char *value = L->filters[f].value;
    for (size_t i = 0; i < n; i++)
        if (strcmp(tags[i].key, L->filters[f].key) == 0 &&
            utf8_valid(tags[i].value, strlen(tags[i].value)))
            value = tags[i].value;
    char tag[260];
    snprintf(tag, sizeof(tag), "%s=%s", L->filters[f].key, value);
    p->name = add_string(L, poi_name(tags, n));
    p->category = add_string(L, L->filters[f].category);
    p->tag = add_string(L, tag);
    if (L->status)
        return NULL;
    L->n_pois++;
    return p;
}

static int32_t fixed(double deg)
{
    return (int32_t)lround(deg * 1e7);
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static int is_needed(const loader *L, long long id)
{
    size_t lo = 0, hi = L->n_needed;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->needed[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < L->n_needed && L->needed[lo] == id;
}

static int got_node(loader *L, long long id, double lon, double lat, const rtag *tags, size_t nt)
{
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) /* NaN too */
        return stop(L, OSM_ERROR, "node %lld: coordinates out of range", id);
    if (L->pass == 1) {
        if (++L->net->stats.nodes_read > L->max_nodes)
            return stop(L, OSM_TOO_LARGE, "more than %zu nodes", L->max_nodes);
        if (L->want_pois && nt > 0) {
            int f = match_poi(L, tags, nt);
            if (f >= 0) {
                raw_poi *p = new_poi(L, f, tags, nt);
                if (!p)
                    return -1;
                p->osm_id = id;
                p->osm_type = 'n';
                p->lon = lon;
                p->lat = lat;
            }
        }
        return 0;
    }
    if (!is_needed(L, id))
        return 0;
    if (L->n_nodes >= L->max_nodes) /* the file changed between the passes, or repeats ids */
        return stop(L, OSM_TOO_LARGE, "more than %zu nodes", L->max_nodes);
    if (grow((void **)&L->nodes, &L->cap_nodes, L->n_nodes + 1, sizeof(raw_node)) < 0)
        return oom(L);
    if (L->n_nodes && id <= L->nodes[L->n_nodes - 1].id)
        L->nodes_sorted = 0;
    L->nodes[L->n_nodes++] = (raw_node){id, fixed(lat), fixed(lon)};
    return 0;
}

/* Room for nref more kept refs, within max_nodes. */
static int refs_room(loader *L, size_t nref)
{
    if (L->n_refs + L->n_poi_refs + nref > L->max_nodes)
        return stop(L, OSM_TOO_LARGE, "more than %zu node references in the ways kept",
                    L->max_nodes);
    return 0;
}

static int got_way(loader *L, long long id, const long long *refs, size_t nref, const rtag *tags,
                   size_t nt)
{
    L->net->stats.ways_read++;
    if (nt == 0 || nref == 0)
        return 0;
    if (L->want_net && nref >= 2 && tags_walkable(tags, nt)) {
        if (refs_room(L, nref) < 0)
            return -1;
        if (grow((void **)&L->way_refs, &L->cap_refs, L->n_refs + nref, sizeof(long long)) < 0 ||
            grow((void **)&L->way_start, &L->cap_ways, L->n_ways + 2, sizeof(size_t)) < 0)
            return oom(L);
        if (L->n_ways == 0)
            L->way_start[0] = 0;
        memcpy(L->way_refs + L->n_refs, refs, nref * sizeof(long long));
        L->n_refs += nref;
        L->way_start[++L->n_ways] = L->n_refs;
        L->net->stats.ways_walkable++;
    }
    if (L->want_pois) {
        int f = match_poi(L, tags, nt);
        if (f >= 0) {
            if (refs_room(L, nref) < 0)
                return -1;
            if (grow((void **)&L->poi_refs, &L->cap_poi_refs, L->n_poi_refs + nref,
                     sizeof(long long)) < 0)
                return oom(L);
            raw_poi *p = new_poi(L, f, tags, nt);
            if (!p)
                return -1;
            p->osm_id = id;
            p->osm_type = 'w';
            p->ref0 = L->n_poi_refs;
            p->nref = nref;
            memcpy(L->poi_refs + L->n_poi_refs, refs, nref * sizeof(long long));
            L->n_poi_refs += nref;
        }
    }
    return 0;
}

/* Count bytes of this pass against max_bytes. */
static int count_bytes(loader *L, size_t n)
{
    if (n > L->max_bytes - L->bytes)
        return stop(L, OSM_TOO_LARGE, "more than %zu bytes of OSM data", L->max_bytes);
    L->bytes += n;
    return 0;
}

static int push_tag(loader *L, size_t *nt, const char *k, const char *v, const char *what,
                    long long id)
{
    if (*nt == OSM_MAX_TAGS)
        return stop(L, OSM_ERROR, "%s %lld has more than %d tags", what, id, OSM_MAX_TAGS);
    if (grow((void **)&L->tags, &L->cap_tags, *nt + 1, sizeof(rtag)) < 0)
        return oom(L);
    L->tags[(*nt)++] = (rtag){k, v};
    return 0;
}

static int push_ref(loader *L, size_t *nr, long long ref, long long way)
{
    if (*nr == OSM_MAX_WAY_REFS)
        return stop(L, OSM_ERROR, "way %lld has more than %d nodes", way, OSM_MAX_WAY_REFS);
    if (grow((void **)&L->refs, &L->cap_refs_tmp, *nr + 1, sizeof(long long)) < 0)
        return oom(L);
    L->refs[(*nr)++] = ref;
    return 0;
}

/* ---- input: a file (read twice) or a buffer ---- */

typedef struct src {
    FILE *f;
    const unsigned char *buf;
    size_t len, pos;
    int err; /* a read error, not the end */
} src;

static size_t src_read(src *s, void *dst, size_t n)
{
    if (s->f) {
        size_t r = fread(dst, 1, n, s->f);
        if (r < n && ferror(s->f))
            s->err = 1;
        return r;
    }
    size_t r = n < s->len - s->pos ? n : s->len - s->pos;
    if (r)
        memcpy(dst, s->buf + s->pos, r);
    s->pos += r;
    return r;
}

static int src_rewind(src *s)
{
    if (s->f) {
        clearerr(s->f);
        return fseek(s->f, 0, SEEK_SET);
    }
    s->pos = 0;
    return 0;
}

/* Read exactly n bytes into the scratch buffer *buf (grown to hold them). */
static int src_read_all(loader *L, src *s, unsigned char **buf, size_t *cap, size_t n)
{
    if (grow((void **)buf, cap, n, 1) < 0)
        return oom(L);
    if (src_read(s, *buf, n) != n)
        return stop(L, OSM_ERROR, s->err ? "read error" : "the file ends inside a block");
    return 0;
}
/* ---- PBF ---- */

typedef struct pb {
    const unsigned char *p, *end;
} pb;

typedef struct pb_field {
    uint64_t num;
    int wire;
    uint64_t v; /* wire type 0 */
    pb sub;     /* wire type 2 */
} pb_field;

static int pb_varint(pb *b, uint64_t *out)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (b->p >= b->end)
            return -1;
        unsigned c = *b->p++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

/* The next field of a message; -1 when it does not fit in what is left. */
static int pb_next(pb *b, pb_field *f)
{
    uint64_t key, n;
    if (pb_varint(b, &key) < 0)
        return -1;
    f->num = key >> 3;
    f->wire = (int)(key & 7);
    if (f->num == 0)
        return -1;
    switch (f->wire) {
    case 0:
        return pb_varint(b, &f->v);
    case 1:
    case 5: {
        size_t w = f->wire == 1 ? 8 : 4;
        if ((size_t)(b->end - b->p) < w)
            return -1;
        b->p += w;
        return 0;
    }
    case 2:
        if (pb_varint(b, &n) < 0 || n > (uint64_t)(b->end - b->p))
            return -1;
        f->sub.p = b->p;
        f->sub.end = b->p + n;
        b->p += n;
        return 0;
    default: /* groups (3, 4) are not used by the format */
        return -1;
    }
}

static int64_t unzigzag(uint64_t v)
{
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static int malformed(loader *L, const char *what)
{
    return stop(L, OSM_ERROR, "malformed PBF data (%s)", what);
}

typedef struct pbf_block {
    int64_t granularity, lat_offset, lon_offset; /* nanodegrees */
    size_t nstr;
} pbf_block;

static double pbf_deg(int64_t offset, int64_t granularity, int64_t v)
{
    return 1e-9 * ((double)offset + (double)granularity * (double)v);
}

/* The string table, as NUL-terminated copies in L->strs. */
static int pbf_strings(loader *L, pb st)
{
    pb b = st;
    pb_field f;
    size_t n = 0, bytes = 0;
    L->n_strs = 0;
    while (b.p < b.end) {
        if (pb_next(&b, &f) < 0)
            return malformed(L, "string table");
        if (f.num == 1 && f.wire == 2) {
            n++;
            bytes += (size_t)(f.sub.end - f.sub.p) + 1;
        }
    }
    if (n > PBF_MAX_STRINGS)
        return stop(L, OSM_ERROR, "a block holds more than %zu strings", PBF_MAX_STRINGS);
    if (grow((void **)&L->strbuf, &L->cap_strbuf, bytes, 1) < 0 ||
        grow((void **)&L->strs, &L->cap_strs, n, sizeof(char *)) < 0)
        return oom(L);
    char *w = L->strbuf;
    b = st;
    while (b.p < b.end && pb_next(&b, &f) == 0)
        if (f.num == 1 && f.wire == 2) {
            size_t len = (size_t)(f.sub.end - f.sub.p);
            memcpy(w, f.sub.p, len);
            w[len] = '\0';
            L->strs[L->n_strs++] = w;
            w += len + 1;
        }
    return 0;
}

/* Tags given as parallel packed lists of string indices. */
static int pbf_tags(loader *L, pb keys, pb vals, size_t nstr, size_t *nt, const char *what,
                    long long id)
{
    *nt = 0;
    while (keys.p < keys.end) {
        uint64_t k, v;
        if (pb_varint(&keys, &k) < 0 || pb_varint(&vals, &v) < 0)
            return malformed(L, "keys and values differ in number");
        if (k >= nstr || v >= nstr)
            return malformed(L, "string index out of range");
        if (push_tag(L, nt, L->strs[k], L->strs[v], what, id) < 0)
            return -1;
    }
    return vals.p == vals.end ? 0 : malformed(L, "keys and values differ in number");
}

static int pbf_node(loader *L, pb m, const pbf_block *bk)
{
    pb_field f;
    pb keys = {0}, vals = {0};
    int64_t id = 0, lat = 0, lon = 0;
    while (m.p < m.end) {
        if (pb_next(&m, &f) < 0)
            return malformed(L, "node");
        if (f.wire == 0 && f.num == 1)
            id = unzigzag(f.v);
        else if (f.wire == 0 && f.num == 8)
            lat = unzigzag(f.v);
        else if (f.wire == 0 && f.num == 9)
            lon = unzigzag(f.v);
        else if (f.wire == 2 && f.num == 2)
            keys = f.sub;
        else if (f.wire == 2 && f.num == 3)
            vals = f.sub;
    }
    size_t nt;
    if (pbf_tags(L, keys, vals, bk->nstr, &nt, "node", id) < 0)
        return -1;
    return got_node(L, id, pbf_deg(bk->lon_offset, bk->granularity, lon),
                    pbf_deg(bk->lat_offset, bk->granularity, lat), L->tags, nt);
}

static int pbf_dense(loader *L, pb m, const pbf_block *bk)
{
    pb_field f;
    pb ids = {0}, lats = {0}, lons = {0}, kv = {0};
    while (m.p < m.end) {
        if (pb_next(&m, &f) < 0)
            return malformed(L, "dense nodes");
        if (f.wire != 2)
            continue;
        if (f.num == 1)
            ids = f.sub;
        else if (f.num == 8)
            lats = f.sub;
        else if (f.num == 9)
            lons = f.sub;
        else if (f.num == 10)
            kv = f.sub;
    }
    /* running sums of the deltas, wrapping as the format's 64-bit integers would */
    uint64_t id = 0, lat = 0, lon = 0;
    while (ids.p < ids.end) {
        uint64_t a, b, c;
        if (pb_varint(&ids, &a) < 0 || pb_varint(&lats, &b) < 0 || pb_varint(&lons, &c) < 0)
            return malformed(L, "dense nodes: ids and coordinates differ in number");
        id += (uint64_t)unzigzag(a);
        lat += (uint64_t)unzigzag(b);
        lon += (uint64_t)unzigzag(c);
        size_t nt = 0;
        /* keys_vals: each node's key and value indices, then 0; empty when no node has tags */
        while (kv.p < kv.end) {
            uint64_t k, v;
            if (pb_varint(&kv, &k) < 0)
                return malformed(L, "dense nodes: tags");
            if (k == 0)
                break;
            if (pb_varint(&kv, &v) < 0)
                return malformed(L, "dense nodes: a key without a value");
            if (k >= bk->nstr || v >= bk->nstr)
                return malformed(L, "string index out of range");
            if (push_tag(L, &nt, L->strs[k], L->strs[v], "node", (long long)id) < 0)
                return -1;
        }
        if (got_node(L, (long long)id, pbf_deg(bk->lon_offset, bk->granularity, (int64_t)lon),
                     pbf_deg(bk->lat_offset, bk->granularity, (int64_t)lat), L->tags, nt) < 0)
            return -1;
    }
    if (lats.p != lats.end || lons.p != lons.end)
        return malformed(L, "dense nodes: ids and coordinates differ in number");
    return 0;
}

static int pbf_way(loader *L, pb m, const pbf_block *bk)
{
    pb_field f;
    pb keys = {0}, vals = {0}, refs = {0};
    long long id = 0;
    while (m.p < m.end) {
        if (pb_next(&m, &f) < 0)
            return malformed(L, "way");
        if (f.wire == 0 && f.num == 1)
            id = (long long)f.v;
        else if (f.wire == 2 && f.num == 2)
            keys = f.sub;
        else if (f.wire == 2 && f.num == 3)
            vals = f.sub;
        else if (f.wire == 2 && f.num == 8)
            refs = f.sub;
    }
    size_t nt, nr = 0;
    if (pbf_tags(L, keys, vals, bk->nstr, &nt, "way", id) < 0)
        return -1;
    uint64_t ref = 0;
    while (refs.p < refs.end) {
        uint64_t d;
        if (pb_varint(&refs, &d) < 0)
            return malformed(L, "way refs");
        ref += (uint64_t)unzigzag(d);
        if (push_ref(L, &nr, (long long)ref, id) < 0)
            return -1;
    }
    return got_way(L, id, L->refs, nr, L->tags, nt);
}

static int pbf_group(loader *L, pb g, const pbf_block *bk)
{
    pb_field f;
    while (g.p < g.end) {
        if (pb_next(&g, &f) < 0)
            return malformed(L, "group");
        if (f.wire != 2)
            continue;
        int rc = 0;
        if (f.num == 1)
            rc = pbf_node(L, f.sub, bk);
        else if (f.num == 2)
            rc = pbf_dense(L, f.sub, bk);
        else if (f.num == 3 && L->pass == 1)
            rc = pbf_way(L, f.sub, bk);
        /* 4 relations and 5 changesets are not read */
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int pbf_data(loader *L, pb m)
{
    pbf_block bk = {.granularity = 100};
    pb st = {0}, b = m;
    pb_field f;
    while (b.p < b.end) {
        if (pb_next(&b, &f) < 0)
            return malformed(L, "primitive block");
        if (f.num == 1 && f.wire == 2)
            st = f.sub;
        else if (f.num == 17 && f.wire == 0)
            bk.granularity = (int32_t)(uint32_t)f.v;
        else if (f.num == 19 && f.wire == 0)
            bk.lat_offset = (int64_t)f.v;
        else if (f.num == 20 && f.wire == 0)
            bk.lon_offset = (int64_t)f.v;
    }
    if (bk.granularity <= 0)
        return malformed(L, "granularity");
    if (pbf_strings(L, st) < 0)
        return -1;
    bk.nstr = L->n_strs;
    b = m;
    while (b.p < b.end && pb_next(&b, &f) == 0)
        if (f.num == 2 && f.wire == 2 && pbf_group(L, f.sub, &bk) < 0)
            return -1;
    return 0;
}

static int pbf_header(loader *L, pb m)
{
    pb_field f;
    while (m.p < m.end) {
        if (pb_next(&m, &f) < 0)
            return malformed(L, "header block");
        if (f.num == 4 && f.wire == 2) { /* required_features */
            size_t n = (size_t)(f.sub.end - f.sub.p);
            const char *s = (const char *)f.sub.p;
            if (!(n == 14 && !memcmp(s, "OsmSchema-V0.6", 14)) &&
                !(n == 10 && !memcmp(s, "DenseNodes", 10)))
                return stop(L, OSM_ERROR, "the file needs the feature \"%.*s\", which is not read",
                            (int)(n > 64 ? 64 : n), s);
        }
    }
    return 0;
}

static int pbf_read(loader *L, src *s)
{
    for (int first = 1;; first = 0) {
        unsigned char lb[4];
        size_t got = src_read(s, lb, 4);
        if (got == 0 && !s->err) {
            if (first)
                return stop(L, OSM_ERROR, "empty file");
            return 0;
        }
        if (got < 4)
            return stop(L, OSM_ERROR, s->err ? "read error" : "the file ends inside a block");
        size_t hl = (size_t)lb[0] << 24 | (size_t)lb[1] << 16 | (size_t)lb[2] << 8 | lb[3];
        if (hl == 0 || hl > PBF_MAX_HEADER)
            return first ? stop(L, OSM_ERROR, "not OSM data (neither PBF nor XML)")
                         : malformed(L, "block header length");
        if (src_read_all(L, s, &L->blob, &L->cap_blob, hl) < 0)
            return -1;
        pb h = {L->blob, L->blob + hl};
        pb_field f;
        char type[16] = "";
        uint64_t datasize = 0;
        while (h.p < h.end) {
            if (pb_next(&h, &f) < 0)
                return first ? stop(L, OSM_ERROR, "not OSM data (neither PBF nor XML)")
                             : malformed(L, "block header");
            if (f.num == 1 && f.wire == 2) {
                size_t n = (size_t)(f.sub.end - f.sub.p);
                if (n >= sizeof(type))
                    n = sizeof(type) - 1;
                memcpy(type, f.sub.p, n);
                type[n] = '\0';
            } else if (f.num == 3 && f.wire == 0) {
                datasize = f.v;
            }
        }
        int is_header = !strcmp(type, "OSMHeader"), is_data = !strcmp(type, "OSMData");
        if (first && !is_header)
            return stop(L, OSM_ERROR, "not OSM data (a PBF file starts with an OSMHeader block)");
        if (datasize == 0 || datasize > PBF_MAX_BLOB)
            return malformed(L, "block size");
        if (src_read_all(L, s, &L->blob, &L->cap_blob, (size_t)datasize) < 0)
            return -1;
        if (!is_header && !is_data)
            continue; /* unknown block types are skipped, as the format says */
        pb b = {L->blob, L->blob + datasize}, raw = {0}, zip = {0};
        uint64_t raw_size = 0;
        int have_raw = 0, have_zip = 0;
        while (b.p < b.end) {
            if (pb_next(&b, &f) < 0)
                return malformed(L, "blob");
            if (f.num == 1 && f.wire == 2) {
                raw = f.sub;
                have_raw = 1;
            } else if (f.num == 2 && f.wire == 0) {
                raw_size = f.v;
            } else if (f.num == 3 && f.wire == 2) {
                zip = f.sub;
                have_zip = 1;
            } else if (f.num >= 4 && f.num <= 7) {
                return stop(L, OSM_ERROR, "a block is compressed with a method other than zlib");
            }
        }
        pb data;
        if (have_raw) {
            if (count_bytes(L, (size_t)(raw.end - raw.p)) < 0)
                return -1;
            data = raw;
        } else if (have_zip) {
            if (raw_size == 0 || raw_size > PBF_MAX_BLOB)
                return malformed(L, "raw_size");
            if (count_bytes(L, (size_t)raw_size) < 0)
                return -1;
            if (grow((void **)&L->raw, &L->cap_raw, (size_t)raw_size, 1) < 0)
                return oom(L);
            z_stream z;
            memset(&z, 0, sizeof(z));
            if (inflateInit(&z) != Z_OK)
                return oom(L);
            z.next_in = (unsigned char *)zip.p;
            z.avail_in = (uInt)(zip.end - zip.p);
            z.next_out = L->raw;
            z.avail_out = (uInt)raw_size;
            int zr = inflate(&z, Z_FINISH);
            int whole = zr == Z_STREAM_END && z.avail_out == 0;
            inflateEnd(&z);
            if (!whole)
                return malformed(L, "zlib data, or its size");
            data = (pb){L->raw, L->raw + raw_size};
        } else {
            return malformed(L, "a block without data");
        }
        if ((is_header ? pbf_header(L, data) : pbf_data(L, data)) < 0)
            return -1;
    }
}
/* ---- XML ---- */

typedef struct xml_rd {
    loader *L;
    XML_Parser p;
    int root_seen;
    char in; /* 0, 'n' node, 'w' way, 'r' relation */
    int has_coords;
    long long id;
    double lon, lat;
    char *text; /* the element's tag keys and values, back to back */
    size_t text_len, text_cap;
    size_t *off; /* key and value offsets into text */
    size_t n_off, cap_off;
    size_t nrefs;
} xml_rd;

static const char *xml_attr(const char **a, const char *name)
{
    for (; a[0]; a += 2)
        if (!strcmp(a[0], name))
            return a[1];
    return NULL;
}

static int parse_id(const char *s, long long *v)
{
    char *end;
    if (!s || !*s)
        return -1;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (*end || errno)
        return -1;
    *v = x;
    return 0;
}

static int parse_deg(const char *s, double *v)
{
    char *end;
    if (!s || !*s)
        return -1;
    double x = strtod(s, &end);
    if (*end || !isfinite(x))
        return -1;
    *v = x;
    return 0;
}

static void xml_halt(xml_rd *X)
{
    XML_StopParser(X->p, XML_FALSE);
}

static int xml_text(xml_rd *X, const char *s)
{
    size_t n = strlen(s) + 1;
    if (grow((void **)&X->text, &X->text_cap, X->text_len + n, 1) < 0 ||
        grow((void **)&X->off, &X->cap_off, X->n_off + 1, sizeof(size_t)) < 0)
        return oom(X->L);
    memcpy(X->text + X->text_len, s, n);
    X->off[X->n_off++] = X->text_len;
    X->text_len += n;
    return 0;
}

static void XMLCALL xml_start(void *ud, const XML_Char *el, const XML_Char **attr)
{
    xml_rd *X = ud;
    loader *L = X->L;
    if (L->status)
        return;
    if (!X->root_seen) {
        X->root_seen = 1;
        if (strcmp(el, "osm")) {
            stop(L, OSM_ERROR, "not OSM data (the XML root element is not <osm>)");
            xml_halt(X);
        }
        return;
    }
    int bad = 0;
    if (!strcmp(el, "node") || !strcmp(el, "way")) {
        X->in = el[0];
        X->text_len = X->n_off = X->nrefs = 0;
        X->has_coords = 0;
        bad = parse_id(xml_attr(attr, "id"), &X->id) < 0;
        const char *lat = xml_attr(attr, "lat"), *lon = xml_attr(attr, "lon");
        if (!bad && X->in == 'n' && lat && lon) { /* without coordinates: deleted, skipped */
            bad = parse_deg(lat, &X->lat) < 0 || parse_deg(lon, &X->lon) < 0;
            X->has_coords = 1;
        }
        if (bad)
            stop(L, OSM_ERROR, "XML line %lu: a %s with a bad id or coordinates",
                 (unsigned long)XML_GetCurrentLineNumber(X->p), el);
    } else if (!strcmp(el, "relation")) {
        X->in = 'r';
    } else if (!strcmp(el, "tag") && (X->in == 'n' || X->in == 'w')) {
        const char *k = xml_attr(attr, "k"), *v = xml_attr(attr, "v");
        if (k && v) {
            if (X->n_off / 2 == OSM_MAX_TAGS)
                stop(L, OSM_ERROR, "%s %lld has more than %d tags", X->in == 'n' ? "node" : "way",
                     X->id, OSM_MAX_TAGS);
            else if (xml_text(X, k) == 0)
                xml_text(X, v);
        }
    } else if (!strcmp(el, "nd") && X->in == 'w' && L->pass == 1) {
        long long ref;
        if (parse_id(xml_attr(attr, "ref"), &ref) < 0)
            stop(L, OSM_ERROR, "XML line %lu: an nd with a bad ref",
                 (unsigned long)XML_GetCurrentLineNumber(X->p));
        else
            push_ref(L, &X->nrefs, ref, X->id);
    }
    if (L->status)
        xml_halt(X);
}

static void XMLCALL xml_end(void *ud, const XML_Char *el)
{
    xml_rd *X = ud;
    loader *L = X->L;
    if (L->status)
        return;
    char in = X->in;
    if (!((in == 'n' && !strcmp(el, "node")) || (in == 'w' && !strcmp(el, "way")) ||
          (in == 'r' && !strcmp(el, "relation"))))
        return;
    X->in = 0;
    if (in == 'r' || (in == 'n' && !X->has_coords) || (in == 'w' && L->pass != 1))
        return;
    size_t nt = 0;
    for (size_t i = 0; i + 1 < X->n_off; i += 2)
        if (push_tag(L, &nt, X->text + X->off[i], X->text + X->off[i + 1], "element", X->id) < 0)
            break;
    if (!L->status) {
        if (in == 'n')
            got_node(L, X->id, X->lon, X->lat, L->tags, nt);
        else
            got_way(L, X->id, L->refs, X->nrefs, L->tags, nt);
    }
    if (L->status)
        xml_halt(X);
}

/* Entities are how XML bombs are made; OSM files have no use for them. */
static void XMLCALL xml_entity(void *ud, const XML_Char *name, int param, const XML_Char *value,
                               int value_len, const XML_Char *base, const XML_Char *system_id,
                               const XML_Char *public_id, const XML_Char *notation)
{
    (void)name, (void)param, (void)value, (void)value_len, (void)base, (void)system_id;
    (void)public_id, (void)notation;
    xml_rd *X = ud;
    stop(X->L, OSM_ERROR, "XML entity declarations are not allowed");
    xml_halt(X);
}

static int xml_read(loader *L, src *s)
{
    xml_rd X = {.L = L};
    X.p = XML_ParserCreate("UTF-8");
    if (!X.p || grow((void **)&L->blob, &L->cap_blob, XML_CHUNK, 1) < 0) {
        if (X.p)
            XML_ParserFree(X.p);
        return oom(L);
    }
    XML_SetUserData(X.p, &X);
    XML_SetElementHandler(X.p, xml_start, xml_end);
    XML_SetEntityDeclHandler(X.p, xml_entity);
    for (;;) {
        size_t n = src_read(s, L->blob, XML_CHUNK);
        if (s->err) {
            stop(L, OSM_ERROR, "read error");
            break;
        }
        if (count_bytes(L, n) < 0)
            break;
        int final = n < XML_CHUNK;
        if (XML_Parse(X.p, (const char *)L->blob, (int)n, final) != XML_STATUS_OK) {
            stop(L, OSM_ERROR, "XML line %lu: %s", (unsigned long)XML_GetCurrentLineNumber(X.p),
                 XML_ErrorString(XML_GetErrorCode(X.p)));
            break;
        }
        if (L->status || final)
            break;
    }
    XML_ParserFree(X.p);
    free(X.text);
    free(X.off);
    if (!L->status && !X.root_seen)
        stop(L, OSM_ERROR, "empty file");
    return L->status ? -1 : 0;
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

/* Build the network from what the passes kept; 0 or an OSM_* status (with L->msg). */
static int finish(loader *L)
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
        return stop(L, OSM_TOO_LARGE, "too many network nodes (%zu)", n_used);
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
    return oom(L);
}

static void loader_free(loader *L)
{
    free(L->nodes);
    free(L->needed);
    free(L->way_refs);
    free(L->way_start);
    free(L->poi_refs);
    free(L->pois);
    free(L->blob);
    free(L->raw);
    free(L->strbuf);
    free(L->strs);
    free(L->tags);
    free(L->refs);
}

/* One pass over the input. */
static int read_pass(loader *L, src *s, int pass)
{
    if (src_rewind(s) < 0)
        return stop(L, OSM_ERROR, "cannot be read twice (not a regular file)");
    L->pass = pass;
    L->bytes = 0;
    unsigned char c;
    if (src_read(s, &c, 1) != 1)
        return stop(L, OSM_ERROR, s->err ? "read error" : "empty file");
    if (src_rewind(s) < 0)
        return stop(L, OSM_ERROR, "cannot be read twice (not a regular file)");
    /* a PBF file starts with the zero byte of a block length; XML with '<', a byte-order
     * mark or white space */
    int rc;
    if (c == 0)
        rc = pbf_read(L, s);
    else if (c == '<' || c == 0xef || c == ' ' || c == '\t' || c == '\r' || c == '\n')
        rc = xml_read(L, s);
    else
        rc = stop(L, OSM_ERROR, "not OSM data (neither PBF nor XML)");
    if (pass == 1)
        L->net->stats.bytes_read = L->bytes;
    return rc;
}

/* The ids of the nodes that the kept ways name, sorted and unique. */
static int collect_needed(loader *L)
{
    size_t n = L->n_refs + L->n_poi_refs;
    L->needed = malloc((n ? n : 1) * sizeof(long long));
    if (!L->needed)
        return oom(L);
    if (L->n_refs)
        memcpy(L->needed, L->way_refs, L->n_refs * sizeof(long long));
    if (L->n_poi_refs)
        memcpy(L->needed + L->n_refs, L->poi_refs, L->n_poi_refs * sizeof(long long));
    qsort(L->needed, n, sizeof(long long), cmp_ll);
    size_t w = 0;
    for (size_t r = 0; r < n; r++)
        if (w == 0 || L->needed[r] != L->needed[w - 1])
            L->needed[w++] = L->needed[r];
    L->n_needed = w;
    return 0;
}

static int load(src *s, const char *name, const osm_options *opt, osm_network *out, char *err,
                size_t errlen)
{
    static const osm_options defaults = {0};
    if (!opt)
        opt = &defaults;
    loader L = {0};
    L.net = out;
    L.want_net = !opt->skip_network;
    L.want_pois = !opt->skip_pois;
    L.max_nodes = opt->max_nodes ? opt->max_nodes : OSM_DEFAULT_MAX_NODES;
    L.max_bytes = opt->max_bytes ? opt->max_bytes : OSM_DEFAULT_MAX_BYTES;
    L.nodes_sorted = 1;
    if (L.want_pois) {
        L.n_filters = osm_parse_tag_filters(opt->poi_tags, L.filters, OSM_MAX_FILTERS, err, errlen);
        if (L.n_filters < 0)
            return OSM_ERROR;
    }
    if (read_pass(&L, s, 1) == 0 && (L.n_refs || L.n_poi_refs) && collect_needed(&L) == 0)
        read_pass(&L, s, 2);
    if (!L.status)
        finish(&L);
    loader_free(&L);
    if (L.status) {
        set_err(err, errlen, "%s: %s", name, L.msg);
        osm_network_free(out);
        return L.status;
    }
    return 0;
}

int osm_load(const char *path, const osm_options *opt, osm_network *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    src s = {.f = fopen(path, "rb")};
    if (!s.f) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
        return OSM_ERROR;
    }
    int rc = load(&s, path, opt, out, err, errlen);
    fclose(s.f);
    return rc;
}

int osm_load_buffer(const void *data, size_t len, const osm_options *opt, osm_network *out,
                    char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    src s = {.buf = data, .len = len};
    return load(&s, "the extract", opt, out, err, errlen);
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
