/* attachment: see attachment.h. */
#include "core/attachment.h"

#include <sodium.h>
#include <string.h>

#include "util/csvread.h" /* utf8_valid */

int attachment_check(wy_ctx *ctx, const attachment_file *f, int64_t max_bytes, const char *field)
{
    if (!f->name || !*f->name || !utf8_valid(f->name, strlen(f->name)) ||
        utf8_length(f->name) > 200 || strpbrk(f->name, "/\\\r\n"))
        return wy_fail_field(ctx, E_INVALID, "bad_filename",
                             "A file name has 1 to 200 characters and no slashes.", field);
    if (!f->data || f->len == 0)
        return wy_fail_field(ctx, E_INVALID, "empty_file", "The file is empty.", field);
    if ((int64_t)f->len > max_bytes)
        return wy_fail_field(ctx, E_INVALID, "file_too_large", "The file is too large.", field);
    if (f->content_type && (strlen(f->content_type) > 100 || strpbrk(f->content_type, "\r\n")))
        return wy_fail_field(ctx, E_INVALID, "bad_content_type", "The file's type is not valid.",
                             field);
    return 0;
}

/* The image types a photo may have, each with the bytes its files begin with. */
static int image_magic_ok(const char *type, const unsigned char *d, size_t n)
{
    if (!strcmp(type, "image/jpeg"))
        return n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff;
    if (!strcmp(type, "image/png"))
        return n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8);
    if (!strcmp(type, "image/webp"))
        return n >= 12 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4);
    return 0;
}

int attachment_check_image(wy_ctx *ctx, const attachment_file *f, int64_t max_bytes,
                           const char *field)
{
    if (attachment_check(ctx, f, max_bytes, field) < 0)
        return -1;
    if (!f->content_type ||
        !image_magic_ok(f->content_type, (const unsigned char *)f->data, f->len))
        return wy_fail_field(ctx, E_INVALID, "bad_content_type",
                             "A photo is a JPEG, PNG or WebP image.", field);
    return 0;
}

int attachment_remove_tx(wy_ctx *ctx, int64_t id)
{
    int rc = store_attachment_delete(ctx->c, id);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "attachment");
}

static int out_of_memory(wy_ctx *ctx)
{
    return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
}

int attachment_add_tx(wy_ctx *ctx, const char *owner_type, int64_t owner_id, const char *division,
                      const attachment_file *f, attachment *out)
{
    size_t b64len = sodium_base64_encoded_len(f->len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = arena_alloc(ctx->a, b64len);
    unsigned char h[crypto_hash_sha256_BYTES];
    char *hex = arena_alloc(ctx->a, 2 * sizeof(h) + 1);
    if (!b64 || !hex)
        return out_of_memory(ctx);
    sodium_bin2base64(b64, b64len, (const unsigned char *)f->data, f->len,
                      sodium_base64_VARIANT_ORIGINAL);
    crypto_hash_sha256(h, (const unsigned char *)f->data, f->len);
    sodium_bin2hex(hex, 2 * sizeof(h) + 1, h, sizeof(h));
    attachment x = {.owner_type = owner_type,
                    .owner_id = owner_id,
                    .division = division,
                    .filename = f->name,
                    .content_type = f->content_type && *f->content_type
                                        ? f->content_type
                                        : "application/octet-stream",
                    .bytes = (int64_t)f->len,
                    .sha256 = hex,
                    .created_by = ctx->who ? ctx->who->user_id : 0,
                    .created_at = ctx->now};
    int rc = store_attachment_add(ctx->c, &x, b64, &x.id);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "attachment");
    if (out)
        *out = x;
    return 0;
}

int attachment_list(wy_ctx *ctx, const char *owner_type, int64_t owner_id, attachment **out,
                    size_t *n)
{
    int rc = store_attachments_of(ctx->c, ctx->a, owner_type, owner_id, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "attachments");
}

int attachment_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data, size_t *len)
{
    const char *b64;
    int rc = store_attachment_get(ctx->c, ctx->a, id, out, &b64);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "attachment");
    size_t n = strlen(b64), cap = n / 4 * 3 + 3;
    unsigned char *bin = arena_alloc(ctx->a, cap);
    if (!bin)
        return out_of_memory(ctx);
    if (sodium_base642bin(bin, cap, b64, n, NULL, len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    *data = (const char *)bin;
    return 0;
}
