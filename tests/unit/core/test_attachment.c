/* Tests of src/core/attachment.c (and store_attachments.c): the checks on a file, a file
 * kept byte for byte with its hash, the files of an owner and of no other. */
#include <sodium.h>

#include "testlib.h"

#include "core/attachment.h"

static void test_check(void **state)
{
    (void)state;
    wy_ctx ctx = {0};
    struct {
        attachment_file f;
        const char *err;
    } cases[] = {
        {{"a.pdf", "application/pdf", "x", 1}, NULL},
        {{"", NULL, "x", 1}, "bad_filename"},
        {{NULL, NULL, "x", 1}, "bad_filename"},
        {{"../a.pdf", NULL, "x", 1}, "bad_filename"},
        {{"a\\b.pdf", NULL, "x", 1}, "bad_filename"},
        {{"a\r\nb", NULL, "x", 1}, "bad_filename"},
        {{"a.pdf", NULL, "", 0}, "empty_file"},
        {{"a.pdf", NULL, "xxxxxxxxxxx", 11}, "file_too_large"},
        {{"a.pdf", "text/plain\r\nX-Evil: 1", "x", 1}, "bad_content_type"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ctx.err = (wy_error){0};
        int rc = attachment_check(&ctx, &cases[i].f, 10, "file");
        if (!cases[i].err) {
            assert_int_equal(rc, 0);
            continue;
        }
        assert_int_equal(rc, -1);
        assert_int_equal(ctx.err.cls, E_INVALID);
        assert_string_equal(ctx.err.code, cases[i].err);
        assert_string_equal(ctx.err.field, "file");
    }
}

static void test_round_trip(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    tdb_as(t, NULL);
    static const char bin[] = "\x00\x01\xff 年报 \x7f";
    attachment_file f = {"年报.bin", NULL, bin, sizeof(bin) - 1};
    attachment a, b;
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    assert_int_equal(attachment_add_tx(&t->ctx, "thing", 7, "510402", &f, &a), 0);
    attachment_file g = {"other.txt", "text/plain", "x", 1};
    assert_int_equal(attachment_add_tx(&t->ctx, "other", 7, "510402", &g, &b), 0);
    assert_int_equal(store_commit(t->ctx.c), WY_OK);
    assert_string_equal(a.content_type, "application/octet-stream");

    attachment got;
    const char *data;
    size_t len;
    assert_int_equal(attachment_get(&t->ctx, a.id, &got, &data, &len), 0);
    assert_int_equal(len, sizeof(bin) - 1);
    assert_memory_equal(data, bin, len);
    assert_string_equal(got.filename, "年报.bin");
    assert_string_equal(got.owner_type, "thing");
    assert_int_equal(got.owner_id, 7);
    assert_string_equal(got.division, "510402");
    assert_int_equal(got.bytes, (int64_t)sizeof(bin) - 1);
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * sizeof(h) + 1];
    crypto_hash_sha256(h, (const unsigned char *)bin, sizeof(bin) - 1);
    assert_string_equal(got.sha256, sodium_bin2hex(hex, sizeof(hex), h, sizeof(h)));

    attachment *list;
    size_t n;
    assert_int_equal(attachment_list(&t->ctx, "thing", 7, &list, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, a.id);
    assert_int_equal(attachment_list(&t->ctx, "thing", 8, &list, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(attachment_get(&t->ctx, b.id + 100, &got, &data, &len), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_close(t);
}

/* A photo is an image by its declared type and by its first bytes alike. */
static void test_check_image(void **state)
{
    (void)state;
    wy_ctx ctx = {0};
    static const char png[] = "\x89PNG\r\n\x1a\n....", jpeg[] = "\xff\xd8\xff\xe0..",
                      webp[] = "RIFF....WEBPVP8 ", gif[] = "GIF89a......";
    struct {
        attachment_file f;
        const char *err;
    } cases[] = {
        {{"a.png", "image/png", png, sizeof png - 1}, NULL},
        {{"a.jpg", "image/jpeg", jpeg, sizeof jpeg - 1}, NULL},
        {{"a.webp", "image/webp", webp, sizeof webp - 1}, NULL},
        {{"a.png", "image/jpeg", png, sizeof png - 1}, "bad_content_type"}, /* says jpeg */
        {{"a.gif", "image/gif", gif, sizeof gif - 1}, "bad_content_type"},
        {{"a.png", NULL, png, sizeof png - 1}, "bad_content_type"},
        {{"a.png", "image/png", png, 4}, "bad_content_type"}, /* cut short */
        {{"a.png", "image/png", "", 0}, "empty_file"},
        {{"a.png", "image/png", png, sizeof png - 1}, "file_too_large"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ctx.err = (wy_error){0};
        int max = i == sizeof(cases) / sizeof(cases[0]) - 1 ? 8 : 100;
        int rc = attachment_check_image(&ctx, &cases[i].f, max, "photo");
        if (!cases[i].err) {
            assert_int_equal(rc, 0);
            continue;
        }
        assert_int_equal(rc, -1);
        assert_string_equal(ctx.err.code, cases[i].err);
        assert_string_equal(ctx.err.field, "photo");
    }
}

/* A removed attachment is gone from its owner's list and cannot be read. */
static void test_remove(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    attachment_file f = {"a.txt", "text/plain", "abc", 3};
    attachment a;
    assert_int_equal(tx_begin(&t->ctx), 0);
    assert_int_equal(attachment_add_tx(&t->ctx, "thing", 9, NULL, &f, &a), 0);
    assert_int_equal(tx_end(&t->ctx, 0), 0);
    assert_int_equal(tx_begin(&t->ctx), 0);
    assert_int_equal(attachment_remove_tx(&t->ctx, a.id), 0);
    assert_int_equal(tx_end(&t->ctx, 0), 0);
    attachment *list;
    size_t n;
    assert_int_equal(attachment_list(&t->ctx, "thing", 9, &list, &n), 0);
    assert_int_equal(n, 0);
    const char *data;
    size_t len;
    attachment got;
    assert_int_equal(attachment_get(&t->ctx, a.id, &got, &data, &len), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(tx_begin(&t->ctx), 0);
    assert_int_equal(attachment_remove_tx(&t->ctx, a.id), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tx_end(&t->ctx, -1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_check_image),
        cmocka_unit_test(test_remove),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
