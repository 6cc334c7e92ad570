/*
 * test_poster: the pure parts of src/domain/poster.c: recognising JPEG, PNG and WebP by their
 * first bytes (and nothing else: a truncated signature, a RIFF that is not WebP, text), reading
 * a declared Content-Type, and matching If-None-Match against an ETag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/activities/poster.h"

/* after the domain headers: cmocka defines a fail() macro of its own */
#include <cmocka.h>

static void test_sniff_accepts_the_three_types(void **state)
{
    (void)state;
    static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F'};
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    static const char webp[] = "RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00";
    static const char webpl[] = "RIFF\x24\x00\x00\x00WEBPVP8L\x18\x00\x00\x00";
    static const char webpx[] = "RIFF\x24\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00";
    assert_string_equal(poster_sniff(jpeg, sizeof(jpeg)), "image/jpeg");
    assert_string_equal(poster_sniff(png, sizeof(png)), "image/png");
    assert_string_equal(poster_sniff(webp, sizeof(webp) - 1), "image/webp");
    assert_string_equal(poster_sniff(webpl, sizeof(webpl) - 1), "image/webp");
    assert_string_equal(poster_sniff(webpx, sizeof(webpx) - 1), "image/webp");
    /* the shortest signatures are enough */
    assert_string_equal(poster_sniff(jpeg, 3), "image/jpeg");
    assert_string_equal(poster_sniff(png, 8), "image/png");
    assert_string_equal(poster_sniff(webp, 16), "image/webp");
}

static void test_sniff_refuses_the_rest(void **state)
{
    (void)state;
    static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF};
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    assert_null(poster_sniff(NULL, 10));
    assert_null(poster_sniff("", 0));
    assert_null(poster_sniff(jpeg, 2));                       /* cut short */
    assert_null(poster_sniff(png, 7));                        /* cut short */
    assert_null(poster_sniff("\x89PNG\n\r\x1a\n", 8));        /* line ends swapped */
    assert_null(poster_sniff("GIF89a\x01\x00\x01\x00", 10));  /* GIF is not taken */
    assert_null(poster_sniff("<svg xmlns=\"x\"></svg>", 21)); /* nor SVG (it can hold script) */
    assert_null(poster_sniff("RIFF\x24\x00\x00\x00WAVEfmt ", 16)); /* RIFF, but audio */
    assert_null(poster_sniff("RIFF\x24\x00\x00\x00WEBPVP8", 15));  /* WebP cut short */
    assert_null(poster_sniff("RIFF\x24\x00\x00\x00WEBPVP8Q", 16)); /* no such chunk */
    assert_null(poster_sniff("hello, world", 12));
}

static void test_declared_type(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1 << 16);
    assert_string_equal(poster_declared_type(&a, "image/png"), "image/png");
    assert_string_equal(poster_declared_type(&a, "IMAGE/PNG"), "image/png");
    assert_string_equal(poster_declared_type(&a, "image/jpeg; charset=binary"), "image/jpeg");
    assert_string_equal(poster_declared_type(&a, "image/jpg"), "image/jpeg");
    assert_string_equal(poster_declared_type(&a, "image/webp "), "image/webp");
    assert_null(poster_declared_type(&a, NULL));
    assert_null(poster_declared_type(&a, ""));
    assert_null(poster_declared_type(&a, "text/plain"));
    assert_null(poster_declared_type(&a, "image/gif"));
    assert_null(poster_declared_type(&a, "image/svg+xml"));
    assert_null(poster_declared_type(&a, "image/pngx"));
    assert_null(poster_declared_type(&a, "application/octet-stream"));
    arena_free(&a);
}

static void test_etag_matches(void **state)
{
    (void)state;
    const char *e = "0123456789abcdef0123456789abcdef";
    assert_true(poster_etag_matches("\"0123456789abcdef0123456789abcdef\"", e));
    assert_true(poster_etag_matches("W/\"0123456789abcdef0123456789abcdef\"", e));
    assert_true(poster_etag_matches("\"x\", \"0123456789abcdef0123456789abcdef\"", e));
    assert_true(poster_etag_matches("*", e));
    assert_false(poster_etag_matches(NULL, e));
    assert_false(poster_etag_matches("", e));
    assert_false(poster_etag_matches("\"0123456789abcdef0123456789abcde\"", e));   /* shorter */
    assert_false(poster_etag_matches("\"0123456789abcdef0123456789abcdef0\"", e)); /* longer */
    assert_false(poster_etag_matches("0123456789abcdef0123456789abcdef", e));      /* unquoted */
    assert_false(poster_etag_matches("\"x\", \"y\"", e));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff_accepts_the_three_types),
        cmocka_unit_test(test_sniff_refuses_the_rest),
        cmocka_unit_test(test_declared_type),
        cmocka_unit_test(test_etag_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
