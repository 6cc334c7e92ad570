/*
 * lottery: the mechanism (see lottery.h; every byte defined in docs/lottery.md). This file
 * checks the inputs, writes them canonically and hashes them (the commitment), draws (seed,
 * tickets, ranks), assigns places by deferred acceptance, builds the waiting lists and writes
 * the draw file. Reading and verifying a file is lottery_file.c; the command lottery_cli.c.
 *
 * Built for a city's scale (400,000 applicants ranking 3 of 2,000 items in well under two
 * seconds): flat arrays indexed by applicant and item, one string pool, each ticket hashed
 * once, one sort by ticket, an item's held places in a heap of 64-bit keys (class, rank), and
 * a writer that fills the output buffer directly rather than building a JSON tree.
 */
#include "core/lottery.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/csvread.h" /* utf8_valid */

struct lottery {
    lottery_inputs rules; /* title, rules, beacon; items and entries are not kept here */
    char *pool;           /* the strings of the rules and the items */
    char *app_ids;        /* applicant a's id at app_ids + a * app_stride */
    size_t app_stride;    /* the longest id and its NUL: ids are found without a load */
    size_t nitems, napp, nchoices;
    lottery_item_result *items;     /* sorted by id */
    lottery_applicant_result *apps; /* sorted by id */
    uint8_t *app_len, *item_len;    /* the ids' lengths */
    uint8_t *quota;                 /* each applicant's limit of places (M, or lower) */
    uint32_t *choice_off;           /* napp + 1: applicant a's choices are [off[a], off[a+1]) */
    uint32_t *choice_item;          /* item index of each choice */
    int32_t *choice_class;          /* priority class of each choice */
    uint32_t *item_hash;            /* open addressing: item index + 1, 0 empty */
    size_t hash_mask;
    uint8_t commitment[LOTTERY_HASH];
    /* the draw */
    int drawn;
    uint8_t beacon[LOTTERY_BEACON_MAX];
    size_t nbeacon;
    uint8_t seed[LOTTERY_HASH];
    uint32_t *order;    /* applicant indexes in rank order */
    uint32_t *assigned; /* the applicants' assigned items, in one pool */
    uint32_t *lists;    /* the items' admitted and waiting lists, in one pool */
};

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt,
                                                      ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* ---- checking the inputs ---- */

static int id_ok(const char *s)
{
    if (!s)
        return 0;
    size_t n = 0;
    for (; s[n]; n++) {
        unsigned char c = (unsigned char)s[n];
        if (c < 0x21 || c > 0x7e || c == '"' || c == '\\' || n >= LOTTERY_MAX_ID)
            return 0;
    }
    return n > 0;
}

static int text_ok(const char *s)
{
    if (!s)
        return 1;
    size_t n = strlen(s);
    if (n > LOTTERY_MAX_TEXT || !utf8_valid(s, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

static int source_ok(const char *s)
{
    if (!s || !*s || strlen(s) > LOTTERY_MAX_SOURCE)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr("/._-", *s)))
            return 0;
    return 1;
}

#define ID_RULE   "1 to 64 bytes of printable ASCII without spaces, quotes or backslashes"
#define TEXT_RULE "UTF-8 without control characters, up to 2000 bytes"

/* ---- the item index: open addressing on FNV-1a ---- */

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

long lottery_find_item(const lottery *l, const char *id)
{
    if (!l->item_hash || !id)
        return -1;
    for (size_t i = fnv1a(id) & l->hash_mask;; i = (i + 1) & l->hash_mask) {
        uint32_t v = l->item_hash[i];
        if (!v)
            return -1;
        if (!strcmp(l->items[v - 1].id, id))
            return (long)v - 1;
    }
}

long lottery_find_applicant(const lottery *l, const char *id)
{
    size_t lo = 0, hi = l->napp;
    while (id && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->apps[mid].id, id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* ---- big arrays ----
 * A lottery at a city's scale touches a few hundred megabytes once. On a virtual machine a
 * fault on a fresh 4 KiB page can cost ten microseconds, more than the work done on it, so
 * big arrays ask for transparent huge pages (where the kernel has them on madvise). */

static void *big_alloc(size_t n, int zero)
{
#ifdef MADV_HUGEPAGE
    const size_t huge = (size_t)2 << 20;
    if (n >= huge / 2) {
        void *p;
        size_t span = (n + huge - 1) & ~(huge - 1);
        if (posix_memalign(&p, huge, span))
            return NULL;
        madvise(p, span, MADV_HUGEPAGE);
        if (zero)
            memset(p, 0, n);
        return p;
    }
#endif
    return zero ? calloc(1, n) : malloc(n);
}

/* ---- the canonical writer ----
 * Output goes through one chunk of CW_CHUNK bytes handed to a sink as it fills, so writing a
 * draw file of a hundred megabytes needs no buffer of that size: the sink hashes it (the
 * commitment), writes it to a file, compares it with a file being verified, or appends it to
 * a strbuf. room() before each record with its largest size, then put*() without checks. */

#define CW_CHUNK ((size_t)256 << 10)

typedef struct cw {
    char *buf;
    size_t len;
    lottery_sink sink;
    void *user;
    int failed;
} cw;

static int cw_flush(cw *w)
{
    if (w->len && !w->failed && w->sink(w->user, w->buf, w->len) < 0)
        w->failed = 1;
    w->len = 0;
    return w->failed ? -1 : 0;
}

static inline int room(cw *w, size_t n)
{
    if (w->len + n > CW_CHUNK)
        return cw_flush(w);
    return w->failed ? -1 : 0;
}

static inline void put(cw *w, const char *s, size_t n)
{
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

#define PUTS(w, lit) put((w), (lit), sizeof(lit) - 1)

static inline void put_idn(cw *w, const char *s, size_t n)
{
    w->buf[w->len++] = '"';
    put(w, s, n);
    w->buf[w->len++] = '"';
}

#define put_id(w, s) put_idn((w), (s), strlen(s))
/* an applicant's or an item's id, whose length is known */
#define put_app(w, l, a)  put_idn((w), (l)->app_ids + (a) * (l)->app_stride, (l)->app_len[a])
#define put_item(w, l, x) put_idn((w), (l)->items[x].id, (l)->item_len[x])

static inline void put_u64(cw *w, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        w->buf[w->len++] = tmp[--n];
}

static const char hexdig[] = "0123456789abcdef";

static inline void put_hex(cw *w, const uint8_t *b, size_t n)
{
    char *o = w->buf + w->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        *o++ = hexdig[b[i] >> 4];
        *o++ = hexdig[b[i] & 15];
    }
    *o++ = '"';
    w->len = (size_t)(o - w->buf);
}

/* A text: only '"' and '\' are escaped (texts hold no control characters), which is what
 * JSON.stringify and Python's json.dumps(ensure_ascii=False) write too. */
static int put_text(cw *w, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (room(w, 2 * n + 2) < 0)
        return -1;
    w->buf[w->len++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\')
            w->buf[w->len++] = '\\';
        w->buf[w->len++] = s[i];
    }
    w->buf[w->len++] = '"';
    return 0;
}

/* Run a writer over a fresh chunk and the sink; 0, or -1 when the sink refused or memory ran
 * out. */
static int cw_run(const lottery *l, int (*fn)(const lottery *, cw *), lottery_sink sink, void *user)
{
    cw w = {malloc(CW_CHUNK), 0, sink, user, 0};
    if (!w.buf)
        return -1;
    int rc = fn(l, &w) < 0 || cw_flush(&w) < 0 ? -1 : 0;
    free(w.buf);
    return rc;
}

void lottery_hex(const uint8_t *bytes, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexdig[bytes[i] >> 4];
        out[2 * i + 1] = hexdig[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

/* The canonical inputs: docs/lottery.md, "The inputs and the commitment". */
static int write_inputs(const lottery *l, cw *w)
{
    const lottery_inputs *r = &l->rules;
    if (room(w, 512) < 0)
        return -1;
    PUTS(w, "{\"algorithm\":\"" LOTTERY_ALGORITHM "\",\"title\":");
    if (put_text(w, r->title) < 0 || room(w, 512) < 0)
        return -1;
    PUTS(w, ",\"rules\":{\"max_choices\":");
    put_u64(w, (uint64_t)r->max_choices);
    PUTS(w, ",\"max_places\":");
    put_u64(w, (uint64_t)r->max_places);
    PUTS(w, ",\"priority_rule\":");
    if (put_text(w, r->priority_rule) < 0 || room(w, 512) < 0)
        return -1;
    PUTS(w, "},\"beacon\":{\"source\":");
    put_id(w, r->beacon_source);
    PUTS(w, ",\"round\":");
    put_u64(w, r->beacon_round);
    PUTS(w, "},\"items\":[");
    for (size_t i = 0; i < l->nitems; i++) {
        const lottery_item_result *it = &l->items[i];
        if (room(w, 256) < 0)
            return -1;
        if (i)
            w->buf[w->len++] = ',';
        PUTS(w, "{\"id\":");
        put_item(w, l, i);
        PUTS(w, ",\"name\":");
        if (put_text(w, it->name) < 0 || room(w, 64) < 0)
            return -1;
        PUTS(w, ",\"places\":");
        put_u64(w, (uint64_t)it->places);
        w->buf[w->len++] = '}';
    }
    PUTS(w, "],\"applicants\":[");
    for (size_t a = 0; a < l->napp; a++) {
        uint32_t c0 = l->choice_off[a], c1 = l->choice_off[a + 1];
        if (room(w, 160 + (c1 - c0) * (LOTTERY_MAX_ID + 16)) < 0)
            return -1;
        if (a)
            w->buf[w->len++] = ',';
        PUTS(w, "{\"id\":");
        put_app(w, l, a);
        PUTS(w, ",\"choices\":[");
        int same = 1;
        for (uint32_t c = c0; c < c1; c++) {
            if (c > c0)
                w->buf[w->len++] = ',';
            put_item(w, l, l->choice_item[c]);
            same &= l->choice_class[c] == l->choice_class[c0];
        }
        PUTS(w, "],\"priority\":");
        if (same) {
            put_u64(w, (uint64_t)l->choice_class[c0]);
        } else {
            w->buf[w->len++] = '[';
            for (uint32_t c = c0; c < c1; c++) {
                if (c > c0)
                    w->buf[w->len++] = ',';
                put_u64(w, (uint64_t)l->choice_class[c]);
            }
            w->buf[w->len++] = ']';
        }
        if (l->quota[a] != r->max_places) {
            PUTS(w, ",\"max_places\":");
            put_u64(w, l->quota[a]);
        }
        w->buf[w->len++] = '}';
    }
    if (room(w, 8) < 0)
        return -1;
    PUTS(w, "]}");
    return 0;
}

/* ---- prepare ---- */

static int cmp_item(const void *x, const void *y)
{
    return strcmp(((const lottery_item_result *)x)->id, ((const lottery_item_result *)y)->id);
}

/* An applicant's id for sorting: its first 16 bytes, big-endian and zero-padded, decide
 * almost every comparison without reading the id itself. */
typedef struct id_key {
    uint64_t k0, k1;
    uint32_t idx; /* in the entries given */
    uint8_t len;
} id_key;

static int cmp_id_key(const void *x, const void *y, void *ctx)
{
    const id_key *a = x, *b = y;
    if (a->k0 != b->k0)
        return a->k0 < b->k0 ? -1 : 1;
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    /* the same first 16 bytes: the same id if either is shorter (ids hold no NUL) */
    if (a->len < 16 || b->len < 16)
        return 0;
    const lottery_entry *e = ctx;
    return strcmp(e[a->idx].id + 16, e[b->idx].id + 16);
}

static int hash_sink(void *user, const char *data, size_t len)
{
    crypto_hash_sha256_update(user, (const unsigned char *)data, len);
    return 0;
}

static char *pool_add(char **p, const char *s)
{
    char *r = *p;
    size_t n = s ? strlen(s) : 0;
    if (n)
        memcpy(r, s, n);
    r[n] = '\0';
    *p += n + 1;
    return r;
}

void lottery_free(lottery *l)
{
    if (!l)
        return;
    free(l->pool);
    free(l->app_ids);
    free(l->items);
    free(l->apps);
    free(l->choice_off);
    free(l->app_len);
    free(l->quota);
    free(l->item_len);
    free(l->choice_item);
    free(l->choice_class);
    free(l->item_hash);
    free(l->order);
    free(l->assigned);
    free(l->lists);
    free(l);
}

int lottery_prepare(const lottery_inputs *in, lottery **out, char *err, size_t errlen)
{
    *out = NULL;
    if (sodium_init() < 0)
        return fail(err, errlen, "libsodium cannot start");
    if (in->algorithm && strcmp(in->algorithm, LOTTERY_ALGORITHM))
        return fail(err, errlen, "algorithm %.80s is not known here (this is %s)", in->algorithm,
                    LOTTERY_ALGORITHM);
    if (!text_ok(in->title))
        return fail(err, errlen, "title: " TEXT_RULE);
    if (in->max_choices < 1 || in->max_choices > LOTTERY_MAX_CHOICES)
        return fail(err, errlen, "rules: max_choices (N) is 1 to %d, not %d", LOTTERY_MAX_CHOICES,
                    in->max_choices);
    if (in->max_places < 1 || in->max_places > in->max_choices)
        return fail(err, errlen, "rules: max_places (M) is 1 to max_choices (%d), not %d",
                    in->max_choices, in->max_places);
    if (!text_ok(in->priority_rule))
        return fail(err, errlen, "rules: priority_rule: " TEXT_RULE);
    if (!source_ok(in->beacon_source))
        return fail(err, errlen,
                    "beacon: the source is 1 to 64 characters of a-z, 0-9, '/', '.', '_', '-'");
    if (in->beacon_round < 1 || in->beacon_round > LOTTERY_MAX_ROUND)
        return fail(err, errlen, "beacon: the round is 1 to %llu",
                    (unsigned long long)LOTTERY_MAX_ROUND);
    if (in->nitems > LOTTERY_MAX_ITEMS)
        return fail(err, errlen, "more than %d items", LOTTERY_MAX_ITEMS);
    if (in->nentries > LOTTERY_MAX_APPLICANTS)
        return fail(err, errlen, "more than %d applicants", LOTTERY_MAX_APPLICANTS);

    /* the sizes, checking ids and texts on the way */
    size_t poolsz = strlen(in->beacon_source) + 3 + (in->title ? strlen(in->title) : 0) +
                    (in->priority_rule ? strlen(in->priority_rule) : 0);
    for (size_t i = 0; i < in->nitems; i++) {
        const lottery_item *it = &in->items[i];
        if (!id_ok(it->id))
            return fail(err, errlen, "item %zu (in the order given): an id is " ID_RULE, i + 1);
        if (!text_ok(it->name))
            return fail(err, errlen, "item %s: the name: " TEXT_RULE, it->id);
        if (it->places < 0 || it->places > LOTTERY_MAX_PLACES)
            return fail(err, errlen, "item %s: places are 0 to %d, not %d", it->id,
                        LOTTERY_MAX_PLACES, (int)it->places);
        poolsz += strlen(it->id) + (it->name ? strlen(it->name) : 0) + 2;
    }
    size_t nchoices = 0, stride = 1;
    for (size_t i = 0; i < in->nentries; i++) {
        const lottery_entry *e = &in->entries[i];
        if (!id_ok(e->id))
            return fail(err, errlen, "applicant %zu (in the order given): an id is " ID_RULE,
                        i + 1);
        if (e->nchoices < 1 || e->nchoices > (size_t)in->max_choices)
            return fail(err, errlen, "applicant %s ranks %zu items; the rules allow 1 to %d", e->id,
                        e->nchoices, in->max_choices);
        size_t n = strlen(e->id) + 1;
        if (n > stride)
            stride = n;
        nchoices += e->nchoices;
    }

    lottery *l = calloc(1, sizeof(*l));
    if (!l)
        return fail(err, errlen, "out of memory");
    l->nitems = in->nitems;
    l->napp = in->nentries;
    l->nchoices = nchoices;
    l->pool = big_alloc(poolsz, 0);
    l->app_stride = stride;
    l->app_ids = big_alloc(in->nentries * stride + 1, 0);
    l->items = calloc(in->nitems + 1, sizeof(*l->items));
    l->apps = big_alloc((in->nentries + 1) * sizeof(*l->apps), 1);
    l->choice_off = big_alloc((in->nentries + 1) * sizeof(uint32_t), 0);
    l->app_len = big_alloc(in->nentries + 1, 0);
    l->quota = big_alloc(in->nentries + 1, 0);
    l->item_len = malloc(in->nitems + 1);
    l->choice_item = big_alloc((nchoices + 1) * sizeof(uint32_t), 0);
    l->choice_class = big_alloc((nchoices + 1) * sizeof(int32_t), 0);
    size_t hsize = 16;
    while (hsize < 2 * in->nitems)
        hsize <<= 1;
    l->item_hash = calloc(hsize, sizeof(uint32_t));
    l->hash_mask = hsize - 1;
    id_key *keys = big_alloc((in->nentries + 1) * sizeof(*keys), 0);
    uint32_t *pos = big_alloc((in->nentries + 1) * 2 * sizeof(uint32_t), 0);
    if (!l->pool || !l->app_ids || !l->items || !l->apps || !l->choice_off || !l->choice_item ||
        !l->choice_class || !l->item_hash || !l->app_len || !l->quota || !l->item_len || !keys ||
        !pos) {
        free(keys);
        free(pos);
        lottery_free(l);
        return fail(err, errlen, "out of memory");
    }
    char *p = l->pool;
    lottery_inputs *r = &l->rules;
    r->algorithm = LOTTERY_ALGORITHM;
    r->title = pool_add(&p, in->title);
    r->max_choices = in->max_choices;
    r->max_places = in->max_places;
    r->priority_rule = pool_add(&p, in->priority_rule);
    r->beacon_source = pool_add(&p, in->beacon_source);
    r->beacon_round = in->beacon_round;

    /* items, sorted by id */
    for (size_t i = 0; i < in->nitems; i++) {
        l->items[i].id = pool_add(&p, in->items[i].id);
        l->items[i].name = pool_add(&p, in->items[i].name);
        l->items[i].places = in->items[i].places;
    }
    qsort(l->items, l->nitems, sizeof(*l->items), cmp_item);
    for (size_t i = 0; i < l->nitems; i++) {
        if (i && !strcmp(l->items[i - 1].id, l->items[i].id)) {
            fail(err, errlen, "item %s is listed twice", l->items[i].id);
            goto bad;
        }
        l->item_len[i] = (uint8_t)strlen(l->items[i].id);
        size_t h = fnv1a(l->items[i].id) & l->hash_mask;
        while (l->item_hash[h])
            h = (h + 1) & l->hash_mask;
        l->item_hash[h] = (uint32_t)i + 1;
    }

    /* Applicants, sorted by id, in three passes that each read one array in order: keys
     * (the first 16 bytes of each id) in the order given; sorted (unless they are already, as
     * a draw file's are), the offsets of each applicant's id and choices; then the copy, in
     * the order given, each entry to its sorted place. */
    int sorted = 1;
    for (size_t i = 0; i < in->nentries; i++) {
        const char *id = in->entries[i].id;
        size_t n = strlen(id);
        uint8_t b[16] = {0};
        memcpy(b, id, n < 16 ? n : 16);
        uint64_t k0 = 0, k1 = 0;
        for (int j = 0; j < 8; j++) {
            k0 = k0 << 8 | b[j];
            k1 = k1 << 8 | b[8 + j];
        }
        keys[i] = (id_key){k0, k1, (uint32_t)i, (uint8_t)n};
        if (i && cmp_id_key(&keys[i - 1], &keys[i], (void *)in->entries) >= 0)
            sorted = 0;
    }
    if (!sorted)
        qsort_r(keys, in->nentries, sizeof(*keys), cmp_id_key, (void *)in->entries);
    uint32_t c = 0;
    for (size_t a = 0; a < in->nentries; a++) {
        const lottery_entry *e = &in->entries[keys[a].idx];
        if (a && !cmp_id_key(&keys[a - 1], &keys[a], (void *)in->entries)) {
            fail(err, errlen, "applicant %s is listed twice", e->id);
            goto bad;
        }
        /* for the copy below, which reads the entries in the order given: where each goes */
        pos[2 * keys[a].idx] = (uint32_t)a;
        pos[2 * keys[a].idx + 1] = c;
        l->app_len[a] = keys[a].len;
        l->apps[a].id = l->app_ids + a * stride;
        l->choice_off[a] = c;
        c += (uint32_t)e->nchoices;
    }
    l->choice_off[in->nentries] = c;
    for (size_t i = 0; i < in->nentries; i++) {
        const lottery_entry *e = &in->entries[i];
        uint32_t a = pos[2 * i], c0 = pos[2 * i + 1];
        memcpy(l->app_ids + a * stride, e->id, strlen(e->id) + 1);
        if (e->max_places < 0 || e->max_places > in->max_places) {
            fail(err, errlen, "applicant %s: their limit of places is 1 to max_places (%d), not %d",
                 e->id, in->max_places, e->max_places);
            goto bad;
        }
        l->quota[a] = (uint8_t)(e->max_places ? e->max_places : in->max_places);
        c = c0;
        for (size_t k = 0; k < e->nchoices; k++, c++) {
            long x = lottery_find_item(l, e->choices[k]);
            if (x < 0) {
                if (id_ok(e->choices[k]))
                    fail(err, errlen, "applicant %s ranks item %s, which is not in the lottery",
                         e->id, e->choices[k]);
                else
                    fail(err, errlen, "applicant %s: choice %zu is not an item id", e->id, k + 1);
                goto bad;
            }
            for (uint32_t j = c0; j < c; j++)
                if (l->choice_item[j] == (uint32_t)x) {
                    fail(err, errlen, "applicant %s ranks item %s twice", e->id, e->choices[k]);
                    goto bad;
                }
            int32_t cls = e->choice_priority ? e->choice_priority[k] : e->priority;
            if (cls < 0 || cls > LOTTERY_MAX_CLASS) {
                fail(err, errlen, "applicant %s: a priority class is 0 to %d, not %d", e->id,
                     LOTTERY_MAX_CLASS, (int)cls);
                goto bad;
            }
            l->choice_item[c] = (uint32_t)x;
            l->choice_class[c] = cls;
        }
    }
    free(keys);
    free(pos);
    keys = NULL;
    pos = NULL;

    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    if (cw_run(l, write_inputs, hash_sink, &h) < 0) {
        fail(err, errlen, "out of memory");
        goto bad;
    }
    crypto_hash_sha256_final(&h, l->commitment);
    *out = l;
    return 0;
bad:
    free(keys);
    free(pos);
    lottery_free(l);
    return -1;
}

const uint8_t *lottery_commitment(const lottery *l)
{
    return l->commitment;
}

int lottery_write_inputs(const lottery *l, lottery_sink sink, void *user)
{
    return cw_run(l, write_inputs, sink, user);
}

const lottery_inputs *lottery_rules(const lottery *l)
{
    return &l->rules;
}

const lottery_applicant_result *lottery_applicants(const lottery *l, size_t *n)
{
    *n = l->napp;
    return l->apps;
}

const lottery_item_result *lottery_items(const lottery *l, size_t *n)
{
    *n = l->nitems;
    return l->items;
}

const uint32_t *lottery_order(const lottery *l)
{
    return l->drawn ? l->order : NULL;
}

const uint8_t *lottery_seed(const lottery *l)
{
    return l->seed;
}

const uint8_t *lottery_beacon_value(const lottery *l, size_t *len)
{
    *len = l->nbeacon;
    return l->beacon;
}

int lottery_drawn(const lottery *l)
{
    return l->drawn;
}

/* ---- the draw: seed, tickets, ranks ---- */

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

typedef struct ticket_key {
    uint64_t hi; /* the ticket's first 8 bytes, big-endian: most comparisons end here */
    uint32_t app;
} ticket_key;

static int cmp_ticket(const void *x, const void *y, void *ctx)
{
    const ticket_key *a = x, *b = y;
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    const lottery *l = ctx;
    int c = memcmp(l->apps[a->app].ticket, l->apps[b->app].ticket, LOTTERY_HASH);
    /* equal tickets would be a SHA-256 collision; the ids, distinct, still decide */
    return c ? c : strcmp(l->apps[a->app].id, l->apps[b->app].id);
}

/* Tickets are uniform (SHA-256), so their top bits spread them evenly over 2^bits buckets of a
 * few tickets each: one counting pass, then each small bucket in order by insertion (a large
 * one, which only a broken hash could make, by qsort). */
static int sort_tickets(lottery *l, ticket_key *tk, size_t n)
{
    int bits = 4;
    while (bits < 20 && ((size_t)1 << bits) < n)
        bits++;
    size_t nb = (size_t)1 << bits;
    size_t *start = calloc(nb + 1, sizeof(size_t));
    ticket_key *tmp = big_alloc((n + 1) * sizeof(*tmp), 0);
    if (!start || !tmp) {
        free(start);
        free(tmp);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        start[(tk[i].hi >> (64 - bits)) + 1]++;
    for (size_t b = 0; b < nb; b++)
        start[b + 1] += start[b];
    for (size_t i = 0; i < n; i++)
        tmp[start[tk[i].hi >> (64 - bits)]++] = tk[i];
    /* start[b] is now the end of bucket b */
    for (size_t b = 0, lo = 0; b < nb; lo = start[b++]) {
        size_t hi = start[b];
        if (hi - lo > 32) {
            qsort_r(tmp + lo, hi - lo, sizeof(*tmp), cmp_ticket, l);
            continue;
        }
        for (size_t i = lo + 1; i < hi; i++) {
            ticket_key v = tmp[i];
            size_t j = i;
            while (j > lo && cmp_ticket(&tmp[j - 1], &v, l) > 0) {
                tmp[j] = tmp[j - 1];
                j--;
            }
            tmp[j] = v;
        }
    }
    memcpy(tk, tmp, n * sizeof(*tk));
    free(start);
    free(tmp);
    return 0;
}

static void release_results(lottery *l)
{
    free(l->order);
    free(l->assigned);
    free(l->lists);
    l->order = l->assigned = l->lists = NULL;
    for (size_t a = 0; a < l->napp; a++) {
        l->apps[a].rank = 0;
        l->apps[a].nassigned = 0;
        l->apps[a].assigned = NULL;
        memset(l->apps[a].ticket, 0, LOTTERY_HASH);
    }
    for (size_t i = 0; i < l->nitems; i++) {
        l->items[i].nadmitted = l->items[i].nwaiting = 0;
        l->items[i].admitted = l->items[i].waiting = NULL;
    }
    l->drawn = 0;
}

/* ---- deferred acceptance ----
 * An applicant a at item x has the key (class << 32) | rank: the lower, the better. Each item
 * keeps the keys it holds in a max-heap of at most min(places, applicants who ranked it)
 * entries, so its worst holder is at the top. */

static void heap_up(uint64_t *h, size_t i)
{
    uint64_t v = h[i];
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (h[p] >= v)
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = v;
}

static void heap_down(uint64_t *h, size_t n, size_t i)
{
    uint64_t v = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && h[c + 1] > h[c])
            c++;
        if (h[c] <= v)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
}

/* Sort v[0..n) ascending: insertion for a few keys, else a least-significant-digit radix
 * sort over the bytes in which the keys differ (a class and the low bytes of a rank: four
 * passes or so), through tmp (n keys). */
static void sort_u64(uint64_t *v, size_t n, uint64_t *tmp)
{
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            uint64_t k = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > k; j--)
                v[j] = v[j - 1];
            v[j] = k;
        }
        return;
    }
    uint64_t all_or = 0, all_and = ~(uint64_t)0;
    for (size_t i = 0; i < n; i++) {
        all_or |= v[i];
        all_and &= v[i];
    }
    uint64_t *src = v, *dst = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        if ((((all_or ^ all_and) >> shift) & 0xff) == 0)
            continue; /* every key has the same byte here */
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i] >> shift) & 0xff) + 1]++;
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 0xff]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof(*v));
}

static inline uint64_t key_of(const lottery *l, uint32_t a, uint32_t c)
{
    return ((uint64_t)(uint32_t)l->choice_class[c] << 32) | l->apps[a].rank;
}

static int assign(lottery *l)
{
    size_t ni = l->nitems, na = l->napp;
    int rc = -1;
    uint32_t *rankers = calloc(ni + 1, sizeof(uint32_t));
    size_t *hoff = malloc((ni + 1) * sizeof(size_t));
    uint32_t *hsize = calloc(ni + 1, sizeof(uint32_t));
    uint8_t *held = calloc(na + 1, 1), *next = calloc(na + 1, 1), *queued = calloc(na + 1, 1);
    uint32_t *stack = big_alloc((na + 1) * sizeof(uint32_t), 0);
    uint8_t *got = calloc(l->nchoices + 1, 1);
    uint64_t *heap = NULL, *keys = NULL, *tmp = NULL;
    size_t *loff = NULL, *lfill = NULL;
    int32_t *cmin = NULL, *cmax = NULL;
    if (!rankers || !hoff || !hsize || !held || !next || !queued || !stack || !got)
        goto out;
    for (size_t c = 0; c < l->nchoices; c++)
        rankers[l->choice_item[c]]++;
    size_t total = 0;
    for (size_t x = 0; x < ni; x++) {
        hoff[x] = total;
        total +=
            (uint32_t)l->items[x].places < rankers[x] ? (uint32_t)l->items[x].places : rankers[x];
    }
    hoff[ni] = total;
    heap = malloc((total + 1) * sizeof(uint64_t));
    if (!heap)
        goto out;

    /* Everyone starts in the queue, in the order of their ids (the order of the arrays, which
     * is kinder to the cache than the order of the ranks). An applicant proposes down their list
     * while they hold fewer than their limit (M or lower); an item full of better keys rejects
     * them; an item that takes them when full bumps its worst holder, who goes back to the queue.
     * The outcome is the applicant-optimal stable assignment, whatever the order of the proposals.
     */
    size_t sp = 0;
    for (size_t a = na; a-- > 0;) {
        stack[sp++] = (uint32_t)a;
        queued[a] = 1;
    }
    while (sp) {
        uint32_t a = stack[--sp];
        queued[a] = 0;
        uint32_t c0 = l->choice_off[a], n = l->choice_off[a + 1] - c0;
        while (held[a] < l->quota[a] && next[a] < n) {
            uint32_t c = c0 + next[a]++;
            uint32_t x = l->choice_item[c];
            size_t cap = hoff[x + 1] - hoff[x];
            uint64_t k = key_of(l, a, c), *h = heap + hoff[x];
            if (hsize[x] < cap) {
                h[hsize[x]] = k;
                heap_up(h, hsize[x]++);
                held[a]++;
            } else if (cap > 0 && k < h[0]) {
                uint32_t w = l->order[(uint32_t)h[0] - 1];
                h[0] = k;
                heap_down(h, hsize[x], 0);
                held[a]++;
                held[w]--;
                if (!queued[w]) {
                    stack[sp++] = w;
                    queued[w] = 1;
                }
            }
        }
    }

    /* who got what: each key an item holds marks the choice it came from */
    for (size_t x = 0; x < ni; x++)
        for (uint32_t i = 0; i < hsize[x]; i++) {
            uint32_t a = l->order[(uint32_t)heap[hoff[x] + i] - 1];
            for (uint32_t c = l->choice_off[a]; c < l->choice_off[a + 1]; c++)
                if (l->choice_item[c] == x)
                    got[c] = 1;
        }

    /* the lists: item x's admitted then waiting keys at loff[x]; filled in rank order, so only
     * an item whose applicants have different classes needs sorting */
    keys = big_alloc((l->nchoices + 1) * sizeof(uint64_t), 0);
    tmp = big_alloc((na + 1) * sizeof(uint64_t), 0); /* a list is at most one key a person */
    loff = malloc((ni + 1) * sizeof(size_t));
    lfill = malloc((2 * ni + 1) * sizeof(size_t));
    cmin = malloc((ni + 1) * sizeof(int32_t));
    cmax = malloc((ni + 1) * sizeof(int32_t));
    l->lists = big_alloc((l->nchoices + 1) * sizeof(uint32_t), 0);
    l->assigned = big_alloc((l->nchoices + 1) * sizeof(uint32_t), 0);
    if (!keys || !tmp || !loff || !lfill || !cmin || !cmax || !l->lists || !l->assigned)
        goto out;
    size_t o = 0;
    for (size_t x = 0; x < ni; x++) {
        loff[x] = o;
        lfill[2 * x] = o;                /* admitted */
        lfill[2 * x + 1] = o + hsize[x]; /* waiting */
        o += rankers[x];
        cmin[x] = INT32_MAX;
        cmax[x] = -1;
    }
    uint32_t *as = l->assigned;
    for (size_t r = 0; r < na; r++) {
        uint32_t a = l->order[r];
        l->apps[a].assigned = as;
        for (uint32_t c = l->choice_off[a]; c < l->choice_off[a + 1]; c++) {
            uint32_t x = l->choice_item[c];
            keys[lfill[2 * x + !got[c]]++] = key_of(l, a, c);
            if (l->choice_class[c] < cmin[x])
                cmin[x] = l->choice_class[c];
            if (l->choice_class[c] > cmax[x])
                cmax[x] = l->choice_class[c];
            if (got[c])
                *as++ = x;
        }
        l->apps[a].nassigned = (uint32_t)(as - l->apps[a].assigned);
    }
    for (size_t x = 0; x < ni; x++) {
        lottery_item_result *it = &l->items[x];
        it->nadmitted = hsize[x];
        it->nwaiting = rankers[x] - hsize[x];
        if (cmin[x] != cmax[x] && rankers[x] > 1) {
            sort_u64(keys + loff[x], hsize[x], tmp);
            sort_u64(keys + loff[x] + hsize[x], it->nwaiting, tmp);
        }
        for (size_t i = loff[x]; i < loff[x] + rankers[x]; i++)
            l->lists[i] = l->order[(uint32_t)keys[i] - 1];
        it->admitted = l->lists + loff[x];
        it->waiting = l->lists + loff[x] + hsize[x];
    }
    rc = 0;
out:
    free(rankers);
    free(hoff);
    free(hsize);
    free(held);
    free(next);
    free(queued);
    free(stack);
    free(got);
    free(heap);
    free(keys);
    free(tmp);
    free(loff);
    free(lfill);
    free(cmin);
    free(cmax);
    return rc;
}

int lottery_draw(lottery *l, const char *beacon_hex, char *err, size_t errlen)
{
    release_results(l);
    size_t hl = beacon_hex ? strlen(beacon_hex) : 0;
    if (hl % 2 || hl < 2 * LOTTERY_BEACON_MIN || hl > 2 * LOTTERY_BEACON_MAX)
        return fail(err, errlen,
                    "the beacon value is %d to %d bytes in hex (an even number of "
                    "hex digits)",
                    LOTTERY_BEACON_MIN, LOTTERY_BEACON_MAX);
    for (size_t i = 0; i < hl; i += 2) {
        int hi = hexval(beacon_hex[i]), lo = hexval(beacon_hex[i + 1]);
        if (hi < 0 || lo < 0)
            return fail(err, errlen, "the beacon value has a character that is not hex");
        l->beacon[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    l->nbeacon = hl / 2;

    /* seed = SHA-256("<commitment hex>\n<source>\n<round>\n<beacon value hex>\n") */
    char commit_hex[LOTTERY_HEX], value_hex[2 * LOTTERY_BEACON_MAX + 1];
    lottery_hex(l->commitment, LOTTERY_HASH, commit_hex);
    lottery_hex(l->beacon, l->nbeacon, value_hex);
    strbuf s = STRBUF_INIT;
    if (sb_addf(&s, "%s\n%s\n%llu\n%s\n", commit_hex, l->rules.beacon_source,
                (unsigned long long)l->rules.beacon_round, value_hex) < 0) {
        sb_release(&s);
        return fail(err, errlen, "out of memory");
    }
    crypto_hash_sha256(l->seed, (const unsigned char *)s.buf, s.len);
    sb_release(&s);

    /* ticket = SHA-256(seed || id); rank = place in ascending ticket order */
    ticket_key *tk = big_alloc((l->napp + 1) * sizeof(*tk), 0);
    l->order = big_alloc((l->napp + 1) * sizeof(uint32_t), 0);
    if (!tk || !l->order) {
        free(tk);
        release_results(l);
        return fail(err, errlen, "out of memory");
    }
    uint8_t msg[LOTTERY_HASH + LOTTERY_MAX_ID];
    memcpy(msg, l->seed, LOTTERY_HASH);
    for (size_t a = 0; a < l->napp; a++) {
        size_t n = strlen(l->apps[a].id);
        memcpy(msg + LOTTERY_HASH, l->apps[a].id, n);
        uint8_t *t = l->apps[a].ticket;
        crypto_hash_sha256(t, msg, LOTTERY_HASH + n);
        uint64_t hi = 0;
        for (int i = 0; i < 8; i++)
            hi = hi << 8 | t[i];
        tk[a] = (ticket_key){hi, (uint32_t)a};
    }
    if (sort_tickets(l, tk, l->napp) < 0) {
        free(tk);
        release_results(l);
        return fail(err, errlen, "out of memory");
    }
    for (size_t r = 0; r < l->napp; r++) {
        l->order[r] = tk[r].app;
        l->apps[tk[r].app].rank = (uint32_t)r + 1;
    }
    free(tk);
    if (assign(l) < 0) {
        release_results(l);
        return fail(err, errlen, "out of memory");
    }
    l->drawn = 1;
    return 0;
}

/* ---- the draw file ---- */

static int put_list(cw *w, const lottery *l, const uint32_t *v, uint32_t n, int apps)
{
    if (room(w, 4) < 0)
        return -1;
    w->buf[w->len++] = '[';
    for (uint32_t i = 0; i < n; i++) {
        if (room(w, LOTTERY_MAX_ID + 4) < 0)
            return -1;
        if (i)
            w->buf[w->len++] = ',';
        if (apps)
            put_app(w, l, v[i]);
        else
            put_item(w, l, v[i]);
    }
    w->buf[w->len++] = ']';
    return 0;
}

static int write_draw(const lottery *l, cw *w)
{
    PUTS(w, "{\"inputs\":");
    if (write_inputs(l, w) < 0 || room(w, 2 * LOTTERY_BEACON_MAX + 256) < 0)
        return -1;
    PUTS(w, ",\"commitment\":");
    put_hex(w, l->commitment, LOTTERY_HASH);
    PUTS(w, ",\"beacon_value\":");
    put_hex(w, l->beacon, l->nbeacon);
    PUTS(w, ",\"seed\":");
    put_hex(w, l->seed, LOTTERY_HASH);
    PUTS(w, ",\"applicants\":[");
    for (size_t a = 0; a < l->napp; a++) {
        const lottery_applicant_result *ap = &l->apps[a];
        if (room(w, 192) < 0)
            return -1;
        if (a)
            w->buf[w->len++] = ',';
        PUTS(w, "{\"id\":");
        put_app(w, l, a);
        PUTS(w, ",\"ticket\":");
        put_hex(w, ap->ticket, LOTTERY_HASH);
        PUTS(w, ",\"rank\":");
        put_u64(w, ap->rank);
        PUTS(w, ",\"assigned\":");
        if (put_list(w, l, ap->assigned, ap->nassigned, 0) < 0 || room(w, 4) < 0)
            return -1;
        w->buf[w->len++] = '}';
    }
    if (room(w, 32) < 0)
        return -1;
    PUTS(w, "],\"items\":[");
    for (size_t x = 0; x < l->nitems; x++) {
        const lottery_item_result *it = &l->items[x];
        if (room(w, 128) < 0)
            return -1;
        if (x)
            w->buf[w->len++] = ',';
        PUTS(w, "{\"id\":");
        put_item(w, l, x);
        PUTS(w, ",\"admitted\":");
        if (put_list(w, l, it->admitted, it->nadmitted, 1) < 0 || room(w, 16) < 0)
            return -1;
        PUTS(w, ",\"waiting\":");
        if (put_list(w, l, it->waiting, it->nwaiting, 1) < 0 || room(w, 4) < 0)
            return -1;
        w->buf[w->len++] = '}';
    }
    if (room(w, 4) < 0)
        return -1;
    PUTS(w, "]}\n");
    return 0;
}

int lottery_write_to(const lottery *l, lottery_sink sink, void *user)
{
    return l->drawn ? cw_run(l, write_draw, sink, user) : -1;
}

static int strbuf_sink(void *user, const char *data, size_t len)
{
    return sb_add(user, data, len);
}

int lottery_write(const lottery *l, strbuf *out)
{
    size_t start = out->len;
    if (lottery_write_to(l, strbuf_sink, out) == 0)
        return 0;
    out->len = start; /* nothing half-written */
    if (out->alloc)
        out->buf[start] = '\0';
    return -1;
}

/* ---- the beacons anyone can check ---- */

static const struct beacon_kind {
    const char *source;
    const char *url; /* printf: the round */
    const char *field;
    int64_t genesis, period; /* drand: round r is out at genesis + (r - 1) * period */
} beacons[] = {
    {"drand/quicknet",
     "https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/"
     "public/%llu",
     "randomness", 1692803367, 3},
    {"drand/default",
     "https://api.drand.sh/8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce/"
     "public/%llu",
     "randomness", 1595431050, 30},
};

int lottery_beacon_check(const char *source, uint64_t round, char *url, size_t urlsz,
                         const char **field)
{
    for (size_t i = 0; i < sizeof(beacons) / sizeof(beacons[0]); i++)
        if (!strcmp(source, beacons[i].source)) {
            snprintf(url, urlsz, beacons[i].url, (unsigned long long)round);
            *field = beacons[i].field;
            return 0;
        }
    /* nist/2.0/chain/C: pulse ROUND of chain C of the NIST beacon 2.0 */
    unsigned chain;
    int end = 0;
    if (sscanf(source, "nist/2.0/chain/%u%n", &chain, &end) == 1 && source[end] == '\0') {
        snprintf(url, urlsz, "https://beacon.nist.gov/beacon/2.0/chain/%u/pulse/%llu", chain,
                 (unsigned long long)round);
        *field = "pulse.outputValue";
        return 0;
    }
    return -1;
}

int lottery_beacon_round_at(const char *source, int64_t t, uint64_t *round, int64_t *when)
{
    for (size_t i = 0; i < sizeof(beacons) / sizeof(beacons[0]); i++)
        if (!strcmp(source, beacons[i].source)) {
            const struct beacon_kind *b = &beacons[i];
            int64_t r = t <= b->genesis ? 1 : (t - b->genesis + b->period - 1) / b->period + 1;
            *round = (uint64_t)r;
            *when = b->genesis + (r - 1) * b->period;
            return 0;
        }
    return -1;
}
