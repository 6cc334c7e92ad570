/* poster: see poster.h. */
#include "mod/activities/poster.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "mod/activities/activity.h"
#include "core/authz.h"

const char *poster_sniff(const void *data, size_t len)
{
    const unsigned char *d = data;
    if (!d)
        return NULL;
    if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return "image/jpeg";
    if (len >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
        return "image/png";
    /* RIFF, the chunk size, WEBP, and the first chunk: VP8 , VP8L or VP8X */
    if (len >= 16 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBPVP8", 7) &&
        (d[15] == ' ' || d[15] == 'L' || d[15] == 'X'))
        return "image/webp";
    return NULL;
}

const char *poster_declared_type(arena *a, const char *content_type)
{
    static const char *const types[] = {"image/jpeg", "image/png", "image/webp"};
    if (!content_type)
        return NULL;
    size_t n = strcspn(content_type, ";");
    while (n > 0 && isspace((unsigned char)content_type[n - 1]))
        n--;
    char *t = arena_strndup(a, content_type, n);
    if (!t)
        return NULL;
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    if (!strcmp(t, "image/jpg")) /* a common misspelling of the JPEG type */
        return types[0];
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        if (!strcmp(t, types[i]))
            return types[i];
    return NULL;
}

/* The activity, if the caller may see it (published, or its managers and reviewers). */
static int load_visible(wy_ctx *ctx, int64_t id, activity *a)
{
    int rc = store_activity_get(ctx->c, ctx->a, id, a);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    if (strcmp(a->status, "published") && !activity_managed_by(ctx->who, a) &&
        !authz_allows(ctx->who, PERM_REVIEW, a->division))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

/* Only the activity's managers change its poster. */
static int load_managed(wy_ctx *ctx, int64_t id, activity *a)
{
    if (load_visible(ctx, id, a) < 0)
        return -1;
    if (activity_managed_by(ctx->who, a))
        return 0;
    return authz_require(ctx, PERM_PUBLISH, a->division) < 0
               ? -1
               : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
}

static int audit(wy_ctx *ctx, const char *action, const activity *a, const char *from,
                 const char *to)
{
    audit_entry e = {.at = ctx->now,
                     .actor = ctx->who ? ctx->who->user_id : 0,
                     .action = action,
                     .object_type = "activity",
                     .object_id = arena_sprintf(ctx->a, "%lld", (long long)a->id),
                     .division = a->division,
                     .from_state = from,
                     .to_state = to};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

static int check_image(wy_ctx *ctx, const char *declared, const void *data, size_t len,
                       const char **type)
{
    if (!data || len == 0)
        return wy_fail(ctx, E_INVALID, "empty_poster",
                       "Send the poster image as the request body.");
    const char *want = poster_declared_type(ctx->a, declared);
    if (!want)
        return wy_fail(ctx, E_INVALID, "unsupported_type",
                       "A poster is a JPEG, PNG or WebP image (Content-Type image/jpeg, image/png "
                       "or image/webp).");
    if ((int64_t)len > ctx->cfg->poster_max_bytes) /* the edge says the limit in words */
        return wy_fail(ctx, E_RULE, "poster_too_large", "The image is larger than posters may be.");
    const char *got = poster_sniff(data, len);
    if (!got)
        return wy_fail(ctx, E_INVALID, "not_an_image",
                       "The file is not a JPEG, PNG or WebP image.");
    if (strcmp(got, want))
        return wy_fail(ctx, E_INVALID, "type_mismatch",
                       "The image's type does not match the Content-Type it was sent with.");
    *type = got;
    return 0;
}

int poster_set(wy_ctx *ctx, int64_t id, const char *content_type, const void *data, size_t len,
               activity_poster *out)
{
    activity a;
    activity_poster old, p = {0};
    const char *type = NULL;
    if (tx_begin(ctx) < 0)
        return -1;
    /* who may first: a stranger learns nothing of the image rules or of a draft */
    int rc = load_managed(ctx, id, &a);
    if (rc == 0)
        rc = check_image(ctx, content_type, data, len, &type);
    if (rc == 0) {
        unsigned char h[POSTER_ETAG_HEX / 2];
        char etag[POSTER_ETAG_HEX + 1];
        crypto_generichash(h, sizeof(h), data, len, NULL, 0);
        sodium_bin2hex(etag, sizeof(etag), h, sizeof(h));
        size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
        char *b64 = arena_alloc(ctx->a, b64len);
        if (b64)
            sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
        p = (activity_poster){.activity_id = id,
                              .content_type = type,
                              .data = b64,
                              .bytes = (int64_t)len,
                              .etag = arena_strdup(ctx->a, etag),
                              .updated_by = ctx->who ? ctx->who->user_id : 0,
                              .updated_at = ctx->now};
        if (!b64 || !p.etag)
            rc = wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    int had = 0;
    if (rc == 0) {
        int s = store_poster_meta(ctx->c, ctx->a, id, &old);
        had = s == WY_OK;
        rc = s == WY_OK || s == WY_NOTFOUND ? 0 : wy_fail_store(ctx, s, "poster");
    }
    if (rc == 0) {
        int s = store_poster_put(ctx->c, &p, ctx->now);
        rc = s == WY_OK ? 0 : wy_fail_store(ctx, s, "poster");
    }
    if (rc == 0)
        rc = audit(ctx, "poster.set", &a, had ? old.etag : NULL, p.etag);
    if (tx_end(ctx, rc) < 0)
        return -1;
    if (out) {
        *out = p;
        out->data = NULL;
    }
    return 0;
}

int poster_delete(wy_ctx *ctx, int64_t id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    activity a;
    activity_poster old;
    int rc = load_managed(ctx, id, &a);
    if (rc == 0) {
        int s = store_poster_meta(ctx->c, ctx->a, id, &old);
        rc = s == WY_OK ? 0
             : s == WY_NOTFOUND
                 ? wy_fail(ctx, E_NOTFOUND, "no_poster", "This activity has no poster.")
                 : wy_fail_store(ctx, s, "poster");
    }
    if (rc == 0) {
        int s = store_poster_delete(ctx->c, id);
        rc = s == WY_OK ? 0 : wy_fail_store(ctx, s, "poster");
    }
    if (rc == 0)
        rc = audit(ctx, "poster.delete", &a, old.etag, NULL);
    return tx_end(ctx, rc);
}

int poster_get(wy_ctx *ctx, int64_t id, poster_image *out)
{
    activity a;
    memset(out, 0, sizeof(*out));
    if (load_visible(ctx, id, &a) < 0)
        return -1;
    int rc = store_poster_get(ctx->c, ctx->a, id, &out->p);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "no_poster", "This activity has no poster.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "poster");
    size_t b64len = strlen(out->p.data), n = 0;
    unsigned char *bin = arena_alloc(ctx->a, b64len / 4 * 3 + 3);
    if (!bin || sodium_base642bin(bin, b64len / 4 * 3 + 3, out->p.data, b64len, NULL, &n, NULL,
                                  sodium_base64_VARIANT_ORIGINAL) != 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    out->data = bin;
    out->p.bytes = (int64_t)n;
    out->p.data = NULL;
    out->public_cache = !strcmp(a.status, "published");
    return 0;
}

int poster_info(wy_ctx *ctx, int64_t id, activity_poster *out)
{
    int rc = store_poster_meta(ctx->c, ctx->a, id, out);
    if (rc == WY_OK)
        return 1;
    if (rc == WY_NOTFOUND)
        return 0;
    return wy_fail_store(ctx, rc, "poster");
}

const char *poster_url(arena *a, const activity_poster *p)
{
    return arena_sprintf(a, "/activities/%lld/poster?v=%.12s", (long long)p->activity_id,
                         p->etag ? p->etag : "");
}

int poster_etag_matches(const char *ref, const char *etag)
{
    if (!ref || !etag)
        return 0;
    size_t n = strlen(etag);
    for (const char *p = ref; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return 1;
        if (!strncmp(p, "W/", 2))
            p += 2;
        if (*p == '"' && !strncmp(p + 1, etag, n) && p[1 + n] == '"')
            return 1;
        while (*p && *p != ',') /* on to the next one */
            p++;
    }
    return 0;
}
