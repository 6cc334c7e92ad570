/*
 * lottery_file: reading a draw file (or an inputs object alone) with jansson, and verifying a
 * draw file. Reading is lenient about order and spacing (a module or an operator writes the
 * inputs; lottery_prepare sorts them) and strict about everything else: every member has its
 * type, no member is unknown, no key is given twice. Verifying recomputes the whole draw from
 * the file's inputs and beacon value, writes it canonically and compares the bytes; when they
 * differ it walks the file and the recomputed draw side by side to say where, in words.
 */
#include "core/lottery.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Only these members, and every member of `required`; NULL-terminated lists. */
static int members_ok(json_t *o, const char *where, const char *const *allowed,
                      const char *const *required, char *err, size_t errlen)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        int known = 0;
        for (const char *const *a = allowed; *a; a++)
            known |= !strcmp(*a, k);
        if (!known)
            return fail(err, errlen, "%s: unknown member \"%.64s\"", where, k);
    }
    for (const char *const *r = required; *r; r++)
        if (!json_object_get(o, *r))
            return fail(err, errlen, "%s: the member \"%s\" is missing", where, *r);
    return 0;
}

/* An integer member in [lo, hi]; absent gives def (when def_ok). */
static int get_int(json_t *o, const char *key, long long lo, long long hi, int def_ok,
                   long long def, long long *out, const char *where, char *err, size_t errlen)
{
    json_t *v = json_object_get(o, key);
    if (!v && def_ok) {
        *out = def;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return fail(err, errlen, "%s.%s: an integer from %lld to %lld is wanted", where, key, lo,
                    hi);
    *out = json_integer_value(v);
    return 0;
}

/* A string member; absent gives NULL when optional. Strings with a NUL are refused by the
 * parser (no JSON_ALLOW_NUL), so strlen is the length. */
static int get_str(json_t *o, const char *key, int optional, const char **out, const char *where,
                   char *err, size_t errlen)
{
    json_t *v = json_object_get(o, key);
    if (!v && optional) {
        *out = NULL;
        return 0;
    }
    if (!json_is_string(v))
        return fail(err, errlen, "%s.%s: a string is wanted", where, key);
    *out = json_string_value(v);
    return 0;
}

/* The inputs object into in (pointers into the JSON tree and into the arrays given back,
 * which the caller frees). */
static int read_inputs(json_t *o, lottery_inputs *in, lottery_item **items, lottery_entry **ents,
                       const char ***choices, int32_t **classes, char *err, size_t errlen)
{
    static const char *const keys[] = {"algorithm", "title",      "rules", "beacon",
                                       "items",     "applicants", NULL};
    static const char *const req[] = {"algorithm", "rules", "beacon", "items", "applicants", NULL};
    static const char *const rkeys[] = {"max_choices", "max_places", "priority_rule", NULL};
    static const char *const rreq[] = {"max_choices", "max_places", NULL};
    static const char *const bkeys[] = {"source", "round", NULL};
    static const char *const ikeys[] = {"id", "name", "places", NULL};
    static const char *const ireq[] = {"id", "places", NULL};
    static const char *const akeys[] = {"id", "choices", "priority", "max_places", NULL};
    static const char *const areq[] = {"id", "choices", NULL};
    char where[96];
    long long v;
    *items = NULL;
    *ents = NULL;
    *choices = NULL;
    *classes = NULL;
    memset(in, 0, sizeof(*in));
    if (!json_is_object(o))
        return fail(err, errlen, "inputs: an object is wanted");
    /* the version first: another version may have other members */
    if (get_str(o, "algorithm", 0, &in->algorithm, "inputs", err, errlen) < 0)
        return -1;
    if (strcmp(in->algorithm, LOTTERY_ALGORITHM))
        return fail(err, errlen, "inputs.algorithm: %.80s is not known here (this is %s)",
                    in->algorithm, LOTTERY_ALGORITHM);
    if (members_ok(o, "inputs", keys, req, err, errlen) < 0 ||
        get_str(o, "title", 1, &in->title, "inputs", err, errlen) < 0)
        return -1;
    json_t *r = json_object_get(o, "rules");
    if (!json_is_object(r))
        return fail(err, errlen, "inputs.rules: an object is wanted");
    if (members_ok(r, "inputs.rules", rkeys, rreq, err, errlen) < 0 ||
        get_int(r, "max_choices", 1, LOTTERY_MAX_CHOICES, 0, 0, &v, "inputs.rules", err, errlen) <
            0)
        return -1;
    in->max_choices = (int)v;
    if (get_int(r, "max_places", 1, LOTTERY_MAX_CHOICES, 0, 0, &v, "inputs.rules", err, errlen) <
            0 ||
        get_str(r, "priority_rule", 1, &in->priority_rule, "inputs.rules", err, errlen) < 0)
        return -1;
    in->max_places = (int)v;
    json_t *b = json_object_get(o, "beacon");
    if (!json_is_object(b))
        return fail(err, errlen, "inputs.beacon: an object is wanted");
    if (members_ok(b, "inputs.beacon", bkeys, bkeys, err, errlen) < 0 ||
        get_str(b, "source", 0, &in->beacon_source, "inputs.beacon", err, errlen) < 0 ||
        get_int(b, "round", 1, (long long)LOTTERY_MAX_ROUND, 0, 0, &v, "inputs.beacon", err,
                errlen) < 0)
        return -1;
    in->beacon_round = (uint64_t)v;

    json_t *its = json_object_get(o, "items"), *aps = json_object_get(o, "applicants");
    if (!json_is_array(its))
        return fail(err, errlen, "inputs.items: an array is wanted");
    if (!json_is_array(aps))
        return fail(err, errlen, "inputs.applicants: an array is wanted");
    size_t ni = json_array_size(its), na = json_array_size(aps), nc = 0;
    if (ni > LOTTERY_MAX_ITEMS)
        return fail(err, errlen, "inputs.items: more than %d items", LOTTERY_MAX_ITEMS);
    if (na > LOTTERY_MAX_APPLICANTS)
        return fail(err, errlen, "inputs.applicants: more than %d applicants",
                    LOTTERY_MAX_APPLICANTS);
    for (size_t i = 0; i < na; i++) {
        json_t *c = json_object_get(json_array_get(aps, i), "choices");
        nc += json_is_array(c) ? json_array_size(c) : 0;
    }
    *items = calloc(ni + 1, sizeof(**items));
    *ents = calloc(na + 1, sizeof(**ents));
    *choices = calloc(nc + 1, sizeof(**choices));
    *classes = calloc(nc + 1, sizeof(**classes));
    if (!*items || !*ents || !*choices || !*classes)
        return fail(err, errlen, "out of memory");
    for (size_t i = 0; i < ni; i++) {
        json_t *it = json_array_get(its, i);
        snprintf(where, sizeof(where), "inputs.items[%zu]", i);
        if (!json_is_object(it))
            return fail(err, errlen, "%s: an object is wanted", where);
        if (members_ok(it, where, ikeys, ireq, err, errlen) < 0 ||
            get_str(it, "id", 0, &(*items)[i].id, where, err, errlen) < 0 ||
            get_str(it, "name", 1, &(*items)[i].name, where, err, errlen) < 0 ||
            get_int(it, "places", 0, LOTTERY_MAX_PLACES, 0, 0, &v, where, err, errlen) < 0)
            return -1;
        (*items)[i].places = (int32_t)v;
    }
    size_t c = 0;
    for (size_t i = 0; i < na; i++) {
        json_t *a = json_array_get(aps, i);
        lottery_entry *e = &(*ents)[i];
        snprintf(where, sizeof(where), "inputs.applicants[%zu]", i);
        if (!json_is_object(a))
            return fail(err, errlen, "%s: an object is wanted", where);
        if (members_ok(a, where, akeys, areq, err, errlen) < 0 ||
            get_str(a, "id", 0, &e->id, where, err, errlen) < 0)
            return -1;
        json_t *ch = json_object_get(a, "choices"), *pr = json_object_get(a, "priority");
        if (!json_is_array(ch))
            return fail(err, errlen, "%s.choices: an array of item ids is wanted", where);
        e->choices = *choices + c;
        e->nchoices = json_array_size(ch);
        for (size_t k = 0; k < e->nchoices; k++) {
            json_t *s = json_array_get(ch, k);
            if (!json_is_string(s))
                return fail(err, errlen, "%s.choices[%zu]: an item id (a string) is wanted", where,
                            k);
            (*choices)[c + k] = json_string_value(s);
        }
        if (json_is_array(pr)) {
            if (json_array_size(pr) != e->nchoices)
                return fail(err, errlen,
                            "%s.priority: one class per choice (%zu) is wanted, not %zu", where,
                            e->nchoices, json_array_size(pr));
            for (size_t k = 0; k < e->nchoices; k++) {
                json_t *p = json_array_get(pr, k);
                if (!json_is_integer(p) || json_integer_value(p) < 0 ||
                    json_integer_value(p) > LOTTERY_MAX_CLASS)
                    return fail(err, errlen, "%s.priority[%zu]: a class from 0 to %d is wanted",
                                where, k, LOTTERY_MAX_CLASS);
                (*classes)[c + k] = (int32_t)json_integer_value(p);
            }
            e->choice_priority = *classes + c;
        } else if (pr) {
            if (!json_is_integer(pr) || json_integer_value(pr) < 0 ||
                json_integer_value(pr) > LOTTERY_MAX_CLASS)
                return fail(err, errlen,
                            "%s.priority: a class from 0 to %d, or one per choice, is wanted",
                            where, LOTTERY_MAX_CLASS);
            e->priority = (int32_t)json_integer_value(pr);
        }
        if (get_int(a, "max_places", 1, LOTTERY_MAX_CHOICES, 1, 0, &v, where, err, errlen) < 0)
            return -1;
        e->max_places = (int)v;
        c += e->nchoices;
    }
    in->items = *items;
    in->nitems = ni;
    in->entries = *ents;
    in->nentries = na;
    return 0;
}

/* An inputs object, prepared. */
static int prepare_inputs(json_t *o, lottery **out, char *err, size_t errlen)
{
    lottery_inputs in;
    lottery_item *items;
    lottery_entry *ents;
    const char **choices;
    int32_t *classes;
    int rc = read_inputs(o, &in, &items, &ents, &choices, &classes, err, errlen);
    if (rc == 0)
        rc = lottery_prepare(&in, out, err, errlen);
    free(items);
    free(ents);
    free(choices);
    free(classes);
    return rc;
}

/* The inputs of a document: a draw file's "inputs", or the document itself. */
static int prepare_doc(json_t *doc, lottery **out, char *err, size_t errlen)
{
    json_t *o = json_object_get(doc, "inputs");
    return prepare_inputs(o ? o : doc, out, err, errlen);
}

static json_t *parse(const char *buf, size_t len, char *err, size_t errlen)
{
    json_error_t je;
    json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc) {
        fail(err, errlen, "not JSON: line %d, column %d: %s", je.line, je.column, je.text);
        return NULL;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        fail(err, errlen, "not a draw file: the document is not an object");
        return NULL;
    }
    return doc;
}

/* A file in its canonical form begins {"inputs":{...},"commitment":"<64 hex>",
 * "beacon_value":"<hex>",...: read only the inputs and the beacon value, and leave the rest of
 * the file unparsed, since it is compared byte for byte. 0 with *inputs and value, or -1 when
 * the file does not begin so (then it is parsed whole). Which bytes were read matters not for
 * the verdict: the file verifies only if it is, byte for byte, the draw of what was read. */
static int canonical_head(const char *buf, size_t len, json_t **inputs, char *value)
{
    static const char head[] = "{\"inputs\":", mid[] = ",\"commitment\":\"",
                      bv[] = "\",\"beacon_value\":\"";
    const size_t hl = sizeof(head) - 1, ml = sizeof(mid) - 1, bl = sizeof(bv) - 1;
    if (len < hl || memcmp(buf, head, hl))
        return -1;
    json_error_t je;
    json_t *o =
        json_loadb(buf + hl, len - hl, JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &je);
    if (!o)
        return -1;
    size_t p = hl + (size_t)je.position;
    if (!json_is_object(o) || p + ml + 2 * LOTTERY_HASH + bl > len || memcmp(buf + p, mid, ml) ||
        memcmp(buf + p + ml + 2 * LOTTERY_HASH, bv, bl)) {
        json_decref(o);
        return -1;
    }
    p += ml + 2 * LOTTERY_HASH + bl;
    size_t n = 0;
    while (p + n < len && n <= 2 * LOTTERY_BEACON_MAX && buf[p + n] != '"')
        n++;
    if (p + n >= len || n > 2 * LOTTERY_BEACON_MAX) {
        json_decref(o);
        return -1;
    }
    memcpy(value, buf + p, n);
    value[n] = '\0';
    *inputs = o;
    return 0;
}

int lottery_read(const char *buf, size_t len, lottery **out, char *beacon_hex, char *err,
                 size_t errlen)
{
    *out = NULL;
    beacon_hex[0] = '\0';
    json_t *inputs;
    if (canonical_head(buf, len, &inputs, beacon_hex) == 0) { /* a draw file: its head only */
        int rc = prepare_inputs(inputs, out, err, errlen);
        json_decref(inputs);
        return rc;
    }
    json_t *doc = parse(buf, len, err, errlen);
    if (!doc)
        return -1;
    int rc = -1;
    json_t *bv = json_object_get(doc, "beacon_value");
    if (json_object_get(doc, "inputs") && bv) {
        if (!json_is_string(bv) || json_string_length(bv) > 2 * LOTTERY_BEACON_MAX) {
            fail(err, errlen, "beacon_value: the beacon's value in hex is wanted");
            goto out;
        }
        memcpy(beacon_hex, json_string_value(bv), json_string_length(bv) + 1);
    }
    rc = prepare_doc(doc, out, err, errlen);
out:
    json_decref(doc);
    return rc;
}

/* ---- verifying ---- */

typedef struct differ {
    char *msg;
    size_t msglen;
    char path[256];
} differ;

/* A JSON value, shortened, for a message. */
static void show(json_t *v, char *out, size_t n)
{
    char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    if (!s)
        snprintf(out, n, "nothing");
    else if (strlen(s) > 90)
        snprintf(out, n, "%.80s…", s);
    else
        snprintf(out, n, "%s", s);
    free(s);
}

static const char *hint(const char *path)
{
    if (!strcmp(path, "commitment"))
        return " (the inputs are not the ones committed to, or the commitment was changed)";
    if (!strcmp(path, "seed"))
        return " (the seed does not follow from the commitment and the beacon's round and value)";
    if (strstr(path, ".ticket"))
        return " (a ticket is SHA-256 of the seed and the applicant's id)";
    if (strstr(path, ".rank"))
        return " (ranks follow the order of the tickets)";
    if (strstr(path, ".assigned") || strstr(path, ".admitted"))
        return " (the assignment does not follow from the ranks and the preferences)";
    if (strstr(path, ".waiting"))
        return " (a waiting list is in the item's order: priority class, then rank)";
    if (!strncmp(path, "inputs", 6))
        return " (the inputs are not in their canonical form)";
    return "";
}

static int differs(differ *d, json_t *want, json_t *got)
{
    char a[128], b[128];
    show(got, a, sizeof(a));
    show(want, b, sizeof(b));
    snprintf(d->msg, d->msglen, "%s: the file has %s, the recomputed draw has %s%s",
             d->path[0] ? d->path : "the file", a, b, hint(d->path));
    return 1;
}

/* 1 at the first difference (message in d), 0 when equal. Objects are walked in the order of
 * the recomputed draw, so the first difference reported is the first in the file's order. */
static int diff(differ *d, json_t *want, json_t *got)
{
    size_t plen = strlen(d->path);
    if (json_typeof(want) != json_typeof(got))
        return differs(d, want, got);
    if (json_is_object(want)) {
        const char *k;
        json_t *v;
        json_object_foreach(want, k, v)
        {
            snprintf(d->path + plen, sizeof(d->path) - plen, "%s%s", plen ? "." : "", k);
            json_t *g = json_object_get(got, k);
            if (!g) {
                snprintf(d->msg, d->msglen, "%s: missing from the file", d->path);
                return 1;
            }
            if (diff(d, v, g))
                return 1;
        }
        d->path[plen] = '\0';
        json_object_foreach(got, k, v)
        {
            if (!json_object_get(want, k)) {
                snprintf(d->msg, d->msglen, "%s%s%s: a member that a draw file does not have",
                         d->path, plen ? "." : "", k);
                return 1;
            }
        }
        return 0;
    }
    if (json_is_array(want)) {
        size_t n = json_array_size(want), m = json_array_size(got);
        for (size_t i = 0; i < n && i < m; i++) {
            json_t *w = json_array_get(want, i), *id = json_object_get(w, "id");
            if (json_is_string(id))
                snprintf(d->path + plen, sizeof(d->path) - plen, "[%zu] (%s)", i,
                         json_string_value(id));
            else
                snprintf(d->path + plen, sizeof(d->path) - plen, "[%zu]", i);
            if (diff(d, w, json_array_get(got, i)))
                return 1;
        }
        d->path[plen] = '\0';
        if (n != m) {
            snprintf(d->msg, d->msglen, "%s: %zu in the file, %zu in the recomputed draw%s",
                     d->path, m, n, hint(d->path));
            return 1;
        }
        return 0;
    }
    return json_equal(want, got) ? 0 : differs(d, want, got);
}

typedef struct same_bytes {
    const char *buf;
    size_t len, off;
} same_bytes;

/* A sink that compares what is written with the file, and stops at the first difference. */
static int compare_sink(void *user, const char *data, size_t n)
{
    same_bytes *c = user;
    if (n > c->len - c->off || memcmp(c->buf + c->off, data, n))
        return -1;
    c->off += n;
    return 0;
}

/* Say where the file and the canonical draw of l differ: walk both, parsed, side by side. */
static void explain(const char *buf, size_t len, json_t *doc, const lottery *l, char *msg,
                    size_t msglen)
{
    strbuf sb = STRBUF_INIT_MAX(STRBUF_DEFAULT_MAX << 6);
    if (lottery_write(l, &sb) < 0) {
        fail(msg, msglen, "the file differs from the recomputed draw (too large to say where)");
        return;
    }
    json_t *want = json_loadb(sb.buf, sb.len, 0, NULL);
    differ d = {msg, msglen, ""};
    int found = want && diff(&d, want, doc);
    json_decref(want);
    if (!found) {
        size_t i = 0;
        while (i < len && i < sb.len && buf[i] == sb.buf[i])
            i++;
        if (i == len)
            fail(msg, msglen,
                 "the file ends at byte %zu, before the end of its canonical form (%zu bytes)", len,
                 sb.len);
        else if (i == sb.len)
            fail(msg, msglen,
                 "the file goes on after its canonical form ends at byte %zu (%zu bytes more)",
                 sb.len, len - sb.len);
        else
            fail(msg, msglen,
                 "the file is not in its canonical form: byte %zu is 0x%02x where the canonical "
                 "form has 0x%02x%s",
                 i, (unsigned char)buf[i], (unsigned char)sb.buf[i],
                 sb.buf[i] == '\n' ? " (the newline that ends it)" : "");
    }
    sb_release(&sb);
}

int lottery_verify(const char *buf, size_t len, lottery **out, char *msg, size_t msglen)
{
    if (out)
        *out = NULL;
    json_t *doc = NULL, *inputs = NULL;
    char value[2 * LOTTERY_BEACON_MAX + 2];
    if (canonical_head(buf, len, &inputs, value) < 0) {
        doc = parse(buf, len, msg, msglen);
        if (!doc)
            return LOTTERY_UNREADABLE;
        inputs = json_incref(json_object_get(doc, "inputs"));
        json_t *bv = json_object_get(doc, "beacon_value");
        if (!json_is_object(inputs)) {
            json_decref(inputs);
            json_decref(doc);
            fail(msg, msglen, "not a draw file: it has no inputs object");
            return LOTTERY_UNREADABLE;
        }
        if (json_is_string(bv) && json_string_length(bv) <= 2 * LOTTERY_BEACON_MAX)
            memcpy(value, json_string_value(bv), json_string_length(bv) + 1);
        else
            value[0] = '\0';
    }
    lottery *l = NULL;
    char err[512];
    int rc = LOTTERY_DIFFERS;
    if (prepare_inputs(inputs, &l, err, sizeof(err)) < 0) {
        fail(msg, msglen, "the inputs are refused: %s", err);
        goto out;
    }
    if (!value[0]) {
        fail(msg, msglen, "beacon_value: the beacon's value (a string of hex) is missing");
        goto out;
    }
    if (lottery_draw(l, value, err, sizeof(err)) < 0) {
        fail(msg, msglen, "beacon_value: %s", err);
        goto out;
    }
    same_bytes c = {buf, len, 0};
    if (lottery_write_to(l, compare_sink, &c) == 0 && c.off == len) {
        rc = LOTTERY_VERIFIED;
        goto out;
    }
    /* It differs. Say where, from the file parsed whole. */
    if (!doc && !(doc = parse(buf, len, msg, msglen))) {
        rc = LOTTERY_UNREADABLE;
        goto out;
    }
    explain(buf, len, doc, l, msg, msglen);
out:
    json_decref(inputs);
    json_decref(doc);
    if (rc == LOTTERY_VERIFIED && out)
        *out = l;
    else
        lottery_free(l);
    return rc;
}
