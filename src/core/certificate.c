/* certificate: see certificate.h. */
#include "core/certificate.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/throttle.h"
#include "util/csvread.h" /* utf8_valid, utf8_length */
#include "util/timeutil.h"

/* ---- kinds ---- */

static const certificate_kind *kinds[CERTIFICATE_KINDS_MAX];
static size_t nkinds;

static int prefix_ok(const char *p)
{
    size_t n = p ? strlen(p) : 0;
    if (n < 1 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= '0' && p[i] <= '9')))
            return 0;
    return 1;
}

int certificate_register_kind(const certificate_kind *k)
{
    if (!k || !k->name || !*k->name || !prefix_ok(k->prefix))
        return -1;
    for (size_t i = 0; i < nkinds; i++) {
        if (kinds[i] == k)
            return 0;
        if (!strcmp(kinds[i]->name, k->name) || !strcmp(kinds[i]->prefix, k->prefix))
            return -1;
    }
    if (nkinds == CERTIFICATE_KINDS_MAX)
        return -1;
    kinds[nkinds++] = k;
    return 0;
}

const certificate_kind *certificate_kind_of(const char *name)
{
    for (size_t i = 0; name && i < nkinds; i++)
        if (!strcmp(kinds[i]->name, name))
            return kinds[i];
    return NULL;
}

/* ---- codes and names ---- */

/* Crockford's base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void new_code(char out[CERTIFICATE_CODE_LEN + 1])
{
    unsigned char raw[CERTIFICATE_CODE_LEN * 5 / 8]; /* 80 bits */
    randombytes_buf(raw, sizeof(raw));
    for (int i = 0; i < CERTIFICATE_CODE_LEN; i++) {
        int bit = i * 5, v = 0;
        for (int b = 0; b < 5; b++, bit++)
            v = (v << 1) | ((raw[bit / 8] >> (7 - bit % 8)) & 1);
        out[i] = alphabet[v];
    }
    out[CERTIFICATE_CODE_LEN] = '\0';
    sodium_memzero(raw, sizeof(raw));
}

int certificate_code_normalize(const char *in, char out[CERTIFICATE_CODE_LEN + 1])
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = in; p && *p; p++) {
        char ch = *p;
        if (ch == ' ' || ch == '-' || ch == '\t')
            continue;
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if (ch == 'O')
            ch = '0';
        else if (ch == 'I' || ch == 'L')
            ch = '1';
        if (!strchr(alphabet, ch) || ch == '\0' || n == CERTIFICATE_CODE_LEN)
            return -1;
        out[n++] = ch;
    }
    out[n] = '\0';
    return n == CERTIFICATE_CODE_LEN ? 0 : -1;
}

void certificate_code_shown(const char *code, char out[CERTIFICATE_CODE_SHOWN])
{
    size_t o = 0;
    for (size_t i = 0; code && code[i] && i < CERTIFICATE_CODE_LEN; i++) {
        if (i && i % 4 == 0)
            out[o++] = '-';
        out[o++] = code[i];
    }
    out[o] = '\0';
}

/* the length of the UTF-8 character at s (1 for a stray byte) */
static size_t char_len(const char *s)
{
    size_t n = 1;
    while (s[n] && ((unsigned char)s[n] & 0xc0) == 0x80 && n < 4)
        n++;
    return n;
}

void certificate_mask_name(const char *name, char out[CERTIFICATE_NAME_MASKED])
{
    size_t o = 0, count = 0;
    out[0] = '\0';
    if (!name || !*name)
        return;
    for (const char *p = name; *p; p += char_len(p))
        count++;
    if (count == 1) {
        strcpy(out, "*");
        return;
    }
    size_t i = 0, k = 0;
    for (const char *p = name; *p && o < CERTIFICATE_NAME_MASKED - 5; p += char_len(p), i++) {
        size_t len = char_len(p);
        if (i == 0 || (count >= 3 && i == count - 1)) {
            memcpy(out + o, p, len);
            o += len;
        } else if (k++ < 8) { /* a long name does not fill the buffer with stars */
            out[o++] = '*';
        }
    }
    out[o] = '\0';
}

/* ---- issuing ---- */

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return 0;
    size_t chars = utf8_length(s);
    return chars >= min && chars <= max;
}

static int check_spec(wy_ctx *ctx, const certificate_spec *s)
{
    if (!text_ok(s->holder_name, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_holder",
                             "A holder's name has 1 to 100 characters.", "holder_name");
    if (!text_ok(s->title, 1, 50))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 50 characters.",
                             "title");
    if (!text_ok(s->body, 0, 1000))
        return wy_fail_field(ctx, E_INVALID, "bad_body",
                             "A certificate's text has at most 1000 characters.", "body");
    if (!text_ok(s->issuer, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_issuer",
                             "An issuing organisation has 1 to 100 characters.", "issuer");
    if (s->nfacts > CERTIFICATE_FACTS_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_facts", "A certificate states at most 20 facts.",
                             "facts");
    for (size_t i = 0; i < s->nfacts; i++)
        if (!text_ok(s->facts[i].label, 1, 50) || !text_ok(s->facts[i].value, 1, 200))
            return wy_fail_field(ctx, E_INVALID, "bad_facts",
                                 "A fact has a label (1 to 50 characters) and a value (1 to 200).",
                                 "facts");
    if (!s->division || !*s->division)
        return wy_fail_field(ctx, E_INVALID, "bad_division", "A certificate belongs to a division.",
                             "division");
    return 0;
}

/* The facts as stored: a JSON array of {label, value}. */
static const char *facts_json(wy_ctx *ctx, const certificate_fact *f, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s,s:s}", "label", f[i].label, "value", f[i].value));
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    const char *out = text ? arena_strdup(ctx->a, text) : NULL;
    free(text);
    return out;
}

int certificate_issue_tx(wy_ctx *ctx, const certificate_spec *s, certificate *out, int *existing)
{
    *existing = 0;
    const certificate_kind *k = certificate_kind_of(s->kind);
    if (!k)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    if (check_spec(ctx, s) < 0)
        return -1;
    /* the local day and year of issue */
    char day[40];
    time_format_rfc3339(ctx->now, day, sizeof(day), 0);
    day[10] = '\0';
    int year = atoi(day);
    /* the counter first: its lock orders concurrent issuers, so the check below sees what
     * an issuer before this one wrote */
    int64_t last;
    int rc = store_certificate_counter_lock(ctx->c, k->prefix, year, &last);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "certificate number");
    if (s->holder_id) {
        rc = store_certificate_valid_of(ctx->c, ctx->a, k->name, s->subject_id, s->holder_id, out);
        if (rc == WY_OK) {
            *existing = 1;
            return 0;
        }
        if (rc != WY_NOTFOUND)
            return wy_fail_store(ctx, rc, "certificate");
    }
    char code[CERTIFICATE_CODE_LEN + 1];
    new_code(code);
    certificate c = {
        .number = arena_sprintf(ctx->a, "%s-%04d-%06lld", k->prefix, year, (long long)(last + 1)),
        .code = arena_strdup(ctx->a, code),
        .kind = k->name,
        .subject_id = s->subject_id,
        .holder_id = s->holder_id,
        .holder_name = s->holder_name,
        .title = s->title,
        .body = s->body ? s->body : "",
        .facts = facts_json(ctx, s->facts, s->nfacts),
        .issuer = s->issuer,
        .division = s->division,
        .issued_on = arena_strdup(ctx->a, day),
        .issued_at = ctx->now,
        .issued_by = ctx->who ? ctx->who->user_id : 0,
        .status = "valid",
    };
    if (!c.number || !c.code || !c.facts || !c.issued_on)
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    rc = store_certificate_counter_set(ctx->c, k->prefix, year, last + 1);
    if (rc == WY_OK)
        rc = store_certificate_add(ctx->c, &c, &c.id);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "certificate");
    if (audit_add(ctx, "certificate.issue", "certificate", c.id, c.division, NULL, "valid",
                  arena_sprintf(ctx->a, "%s %s #%lld", c.number, c.kind, (long long)c.subject_id)) <
        0)
        return -1;
    *out = c;
    return 0;
}

/* ---- checking a code ---- */

void certificate_public_of(const certificate *c, certificate_public *out)
{
    const certificate_kind *k = certificate_kind_of(c->kind);
    memset(out, 0, sizeof(*out));
    out->verdict = !strcmp(c->status, "valid") ? CERTIFICATE_VALID : CERTIFICATE_REVOKED;
    out->number = c->number;
    out->kind = c->kind;
    out->kind_label = k ? k->label : c->kind;
    out->title = c->title;
    out->body = c->body;
    out->facts = c->facts;
    out->issuer = c->issuer;
    out->issued_on = c->issued_on;
    out->revoked_at = out->verdict == CERTIFICATE_REVOKED ? c->revoked_at : 0;
    certificate_mask_name(c->holder_name, out->holder);
}

int certificate_verify(wy_ctx *ctx, const char *code, const certificate_limits *lim,
                       certificate_public *out)
{
    memset(out, 0, sizeof(*out));
    const char *ip = ctx->ip && *ctx->ip ? ctx->ip : "-";
    throttle_rule rules[2];
    size_t n = 0;
    if (lim && lim->per_minute > 0)
        rules[n++] = (throttle_rule){arena_sprintf(ctx->a, "certificate:minute:%s", ip),
                                     lim->per_minute, 60};
    if (lim && lim->per_hour > 0)
        rules[n++] =
            (throttle_rule){arena_sprintf(ctx->a, "certificate:hour:%s", ip), lim->per_hour, 3600};
    for (size_t i = 0; i < n; i++)
        if (!rules[i].key)
            return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    if (n && throttle_hits(ctx, rules, n) < 0)
        return -1;
    char canon[CERTIFICATE_CODE_LEN + 1];
    if (certificate_code_normalize(code, canon) < 0)
        return 0; /* unknown */
    certificate c;
    int rc = store_certificate_by_code(ctx->c, ctx->a, canon, &c);
    if (rc == WY_NOTFOUND)
        return 0;
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "certificate");
    certificate_public_of(&c, out);
    return 0;
}

/* ---- the whole certificate ---- */

int certificate_may_manage(const principal *who, const certificate *c)
{
    const certificate_kind *k = certificate_kind_of(c->kind);
    return k && authz_allows(who, k->manage, c->division);
}

int certificate_may_read(const principal *who, const certificate *c)
{
    return (who && who->user_id && c->holder_id == who->user_id) || certificate_may_manage(who, c);
}

int certificate_get(wy_ctx *ctx, int64_t id, certificate *out)
{
    int rc = store_certificate_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "certificate");
    if (!certificate_may_read(ctx->who, out))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (ctx->who && ctx->who->user_id == out->holder_id)
        return 0;
    /* the staff read another person's name on it: on record, before it is shown */
    return audit_personal(ctx, "personal.read", "certificate",
                          arena_sprintf(ctx->a, "%lld", (long long)id), out->division, out->number);
}

int certificate_revoke(wy_ctx *ctx, int64_t id, const char *reason)
{
    if (tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, certificate_revoke_tx(ctx, id, reason));
}

int certificate_revoke_tx(wy_ctx *ctx, int64_t id, const char *reason)
{
    if (!text_ok(reason, 1, CERTIFICATE_REASON_MAX) || !reason[strspn(reason, " \t\r\n")])
        return wy_fail_field(ctx, E_INVALID, "reason_required",
                             "Say why the certificate is revoked (1 to 500 characters).", "reason");
    certificate c;
    int res = 0;
    int rc = store_certificate_get(ctx->c, ctx->a, id, &c);
    if (rc != WY_OK) {
        res = wy_fail_store(ctx, rc, "certificate");
    } else if (!certificate_may_manage(ctx->who, &c)) {
        const certificate_kind *k = certificate_kind_of(c.kind);
        res = certificate_may_read(ctx->who, &c) && k
                  ? authz_require(ctx, k->manage, c.division)
                  : wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
        if (res == 0) /* cannot happen: may_manage said no */
            res = wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    } else if ((rc = store_certificate_revoke(ctx->c, id, ctx->who->user_id, reason, ctx->now)) ==
               WY_NOTFOUND) {
        res = wy_fail(ctx, E_CONFLICT, "not_valid", "This certificate is revoked already.");
    } else if (rc != WY_OK) {
        res = wy_fail_store(ctx, rc, "certificate");
    } else {
        res = audit_add(ctx, "certificate.revoke", "certificate", id, c.division, "valid",
                        "revoked", reason);
    }
    return res;
}

int certificate_mine(wy_ctx *ctx, int64_t before, int limit, certificate **out, size_t *n)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int rc = store_certificates_of_holder(ctx->c, ctx->a, ctx->who->user_id, before,
                                          limit > 0 ? limit : 20, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "certificates");
}

int certificate_of_subject(wy_ctx *ctx, const char *kind, int64_t subject_id, certificate **out,
                           size_t *n)
{
    int rc = store_certificates_of_subject(ctx->c, ctx->a, kind, subject_id, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "certificates");
}
