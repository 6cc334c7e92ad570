/*
 * test_parse: the request parsers of src/http/parse.c. These are the first code to touch what
 * a client sends, so besides the ordinary cases each function is pushed at its edges (empty
 * input, the field limit, bad escapes, missing delimiters) where a parser goes wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/parse.h"
#include "util/arena.h"
#include "util/strbuf.h"

static int setup_arena(void **state)
{
    arena *a = malloc(sizeof(*a));
    if (!a)
        return -1;
    arena_init(a, 1 << 20);
    *state = a;
    return 0;
}

static int teardown_arena(void **state)
{
    arena_free(*state);
    free(*state);
    return 0;
}

/* ---------------------------------------------------------------- url_decode */

static void test_url_decode_plain(void **state)
{
    size_t n = 99;
    char *s = url_decode(*state, "hello", 5, 1, &n);
    assert_non_null(s);
    assert_string_equal(s, "hello");
    assert_int_equal(n, 5);
}

static void test_url_decode_empty(void **state)
{
    size_t n = 99;
    char *s = url_decode(*state, "", 0, 1, &n);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(n, 0);
    /* a NULL source of length 0 is an empty string too; out_len may be NULL */
    s = url_decode(*state, NULL, 0, 0, NULL);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_null(url_decode(*state, NULL, 3, 0, &n));
}

static void test_url_decode_plus(void **state)
{
    size_t n;
    assert_string_equal(url_decode(*state, "a+b", 3, 1, &n), "a b");
    assert_string_equal(url_decode(*state, "a+b", 3, 0, &n), "a+b");
    /* an encoded plus is always a plus */
    assert_string_equal(url_decode(*state, "a%2Bb", 5, 1, &n), "a+b");
    assert_int_equal(n, 3);
}

static void test_url_decode_percent(void **state)
{
    size_t n;
    assert_string_equal(url_decode(*state, "x%20y", 5, 0, &n), "x y");
    assert_int_equal(n, 3);
    /* hex digits in either case */
    assert_string_equal(url_decode(*state, "%2f%2F%41", 9, 0, &n), "//A");
    assert_string_equal(url_decode(*state, "%25", 3, 0, &n), "%");
}

static void test_url_decode_chinese(void **state)
{
    size_t n;
    const char *in = "%E6%96%87%E4%BA%91";
    char *s = url_decode(*state, in, strlen(in), 1, &n);
    assert_non_null(s);
    assert_string_equal(s, "文云");
    assert_int_equal(n, 6);
    /* raw UTF-8 passes through untouched */
    s = url_decode(*state, "文化馆", strlen("文化馆"), 1, &n);
    assert_string_equal(s, "文化馆");
}

static void test_url_decode_nul(void **state)
{
    size_t n;
    char *s = url_decode(*state, "a%00b", 5, 0, &n);
    assert_non_null(s);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "a\0b", 4);
}

static void test_url_decode_bad_escapes(void **state)
{
    size_t n;
    assert_null(url_decode(*state, "%", 1, 0, &n));
    assert_null(url_decode(*state, "%2", 2, 0, &n));
    assert_null(url_decode(*state, "ab%", 3, 0, &n));
    assert_null(url_decode(*state, "%zz", 3, 0, &n));
    assert_null(url_decode(*state, "%g0", 3, 0, &n));
    assert_null(url_decode(*state, "%0g", 3, 0, &n));
    assert_null(url_decode(*state, "%%41", 4, 0, &n));
    assert_null(url_decode(*state, "% 1", 3, 0, &n));
}

static void test_url_decode_respects_len(void **state)
{
    size_t n;
    /* the escape straddles len: the bytes after it must not be read */
    assert_null(url_decode(*state, "ab%41", 4, 0, &n));
    char *s = url_decode(*state, "abcdef", 3, 0, &n);
    assert_string_equal(s, "abc");
    assert_int_equal(n, 3);
}

static void test_url_decode_arena_exhausted(void **state)
{
    (void)state;
    arena small;
    arena_init(&small, 64);
    char big[200];
    memset(big, 'x', sizeof(big));
    assert_null(url_decode(&small, big, sizeof(big), 0, NULL));
    arena_free(&small);
}

/* ---------------------------------------------------------------- parse_urlencoded */

static void test_urlencoded_basic(void **state)
{
    kvlist l;
    const char *q = "a=1&b=x%20y&name=%E6%96%87%E4%BA%91";
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.items[0].key, "a");
    assert_string_equal(l.items[0].val, "1");
    assert_int_equal(l.items[0].val_len, 1);
    assert_string_equal(l.items[1].key, "b");
    assert_string_equal(l.items[1].val, "x y");
    assert_string_equal(kv_get(&l, "name"), "文云");
    assert_int_equal(l.items[2].val_len, 6);
}

static void test_urlencoded_empty(void **state)
{
    kvlist l = {(kv *)1, 99};
    assert_int_equal(parse_urlencoded(*state, "", 0, &l), 0);
    assert_int_equal(l.n, 0);
    assert_null(kv_get(&l, "a"));
    assert_int_equal(parse_urlencoded(*state, NULL, 0, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(parse_urlencoded(*state, "&&&", 3, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(parse_urlencoded(*state, NULL, 5, &l), -1);
}

static void test_urlencoded_plus(void **state)
{
    kvlist l;
    const char *q = "q=%E6%96%87+%E4%BA%91&first+name=li+lei&op=1%2B1";
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, 3);
    assert_string_equal(kv_get(&l, "q"), "文 云");
    assert_string_equal(kv_get(&l, "first name"), "li lei");
    assert_string_equal(kv_get(&l, "op"), "1+1");
}

static void test_urlencoded_no_equals_and_empty_segments(void **state)
{
    kvlist l;
    const char *q = "&flag&&a=1&&b=&=v&";
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.items[0].key, "flag");
    assert_string_equal(l.items[0].val, "");
    assert_int_equal(l.items[0].val_len, 0);
    assert_string_equal(kv_get(&l, "a"), "1");
    assert_string_equal(kv_get(&l, "b"), "");
    /* an empty name is kept (it is not an empty segment) */
    assert_string_equal(l.items[3].key, "");
    assert_string_equal(l.items[3].val, "v");
}

static void test_urlencoded_value_with_equals(void **state)
{
    kvlist l;
    const char *q = "token=abc==&eq==";
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(kv_get(&l, "token"), "abc==");
    assert_string_equal(kv_get(&l, "eq"), "=");
}

static void test_urlencoded_duplicates_first_wins(void **state)
{
    kvlist l;
    const char *q = "tag=a&tag=b";
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(kv_get(&l, "tag"), "a");
    assert_string_equal(l.items[1].val, "b");
    assert_null(kv_get(&l, "ta"));
    assert_null(kv_get(&l, "tags"));
    assert_null(kv_get(NULL, "tag"));
    assert_null(kv_get(&l, NULL));
}

static void test_urlencoded_nul_in_value(void **state)
{
    kvlist l;
    const char *q = "v=a%00b&w=%00";
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.items[0].val_len, 3);
    assert_memory_equal(l.items[0].val, "a\0b", 4);
    assert_int_equal(l.items[1].val_len, 1);
    assert_int_equal(l.items[1].val[0], '\0');
}

static void test_urlencoded_nul_in_key(void **state)
{
    kvlist l;
    const char *q = "admin%00x=1";
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), -1);
    assert_int_equal(l.n, 0);
    assert_null(l.items);
}

static void test_urlencoded_bad_escape(void **state)
{
    kvlist l;
    assert_int_equal(parse_urlencoded(*state, "a=1&b=%zz", 9, &l), -1);
    assert_int_equal(l.n, 0);
    assert_int_equal(parse_urlencoded(*state, "a%=1", 4, &l), -1);
    assert_int_equal(parse_urlencoded(*state, "a=%4", 4, &l), -1);
}

static void test_urlencoded_respects_len(void **state)
{
    kvlist l;
    /* len stops before "&b=2", and before the second hex digit of the escape */
    assert_int_equal(parse_urlencoded(*state, "a=1&b=2", 3, &l), 0);
    assert_int_equal(l.n, 1);
    assert_null(kv_get(&l, "b"));
    assert_int_equal(parse_urlencoded(*state, "a=%41", 4, &l), -1);
}

static char *repeat_fields(int n, const char *sep, const char *fmt)
{
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i)
            sb_adds(&sb, sep);
        sb_addf(&sb, fmt, i);
    }
    return sb_detach(&sb, NULL);
}

static void test_urlencoded_max_fields(void **state)
{
    kvlist l;
    char *q = repeat_fields(PARSE_MAX_FIELDS, "&", "k%d=v");
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, PARSE_MAX_FIELDS);
    assert_string_equal(kv_get(&l, "k255"), "v");
    free(q);

    q = repeat_fields(PARSE_MAX_FIELDS + 1, "&", "k%d=v");
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), -1);
    assert_int_equal(l.n, 0);
    free(q);

    /* empty segments do not count towards the limit */
    q = repeat_fields(PARSE_MAX_FIELDS, "&&&", "k%d");
    assert_int_equal(parse_urlencoded(*state, q, strlen(q), &l), 0);
    assert_int_equal(l.n, PARSE_MAX_FIELDS);
    free(q);
}

/* ---------------------------------------------------------------- parse_cookies */

static void test_cookies_basic(void **state)
{
    kvlist l;
    assert_int_equal(parse_cookies(*state, "sid=abc123; lang=zh-CN; theme=dark", &l), 0);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.items[0].key, "sid");
    assert_string_equal(l.items[0].val, "abc123");
    assert_int_equal(l.items[0].val_len, 6);
    assert_string_equal(kv_get(&l, "lang"), "zh-CN");
    assert_string_equal(kv_get(&l, "theme"), "dark");
}

static void test_cookies_empty(void **state)
{
    kvlist l = {(kv *)1, 99};
    assert_int_equal(parse_cookies(*state, "", &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(parse_cookies(*state, NULL, &l), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(parse_cookies(*state, " ; ;; ", &l), 0);
    assert_int_equal(l.n, 0);
}

static void test_cookies_quoting(void **state)
{
    kvlist l;
    assert_int_equal(parse_cookies(*state, "a=\"quoted value\"; b=\"\"; c=\"; d=x\"y\"", &l), 0);
    assert_int_equal(l.n, 4);
    assert_string_equal(kv_get(&l, "a"), "quoted value");
    assert_string_equal(kv_get(&l, "b"), "");
    assert_int_equal(l.items[1].val_len, 0);
    /* a lone quote is not a quoted value, nor is one quoted only at the end */
    assert_string_equal(kv_get(&l, "c"), "\"");
    assert_string_equal(kv_get(&l, "d"), "x\"y\"");
}

static void test_cookies_no_decoding(void **state)
{
    kvlist l;
    assert_int_equal(parse_cookies(*state, "n=%E6%96%87+x; t=a=b=c", &l), 0);
    assert_string_equal(kv_get(&l, "n"), "%E6%96%87+x");
    assert_string_equal(kv_get(&l, "t"), "a=b=c");
}

static void test_cookies_whitespace(void **state)
{
    kvlist l;
    assert_int_equal(parse_cookies(*state, "  a = 1 ;\tb=2;c=3  ;", &l), 0);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.items[0].key, "a");
    assert_string_equal(l.items[0].val, "1");
    assert_string_equal(kv_get(&l, "b"), "2");
    assert_string_equal(kv_get(&l, "c"), "3");
    /* space inside a value is kept */
    assert_int_equal(parse_cookies(*state, "a=x y", &l), 0);
    assert_string_equal(kv_get(&l, "a"), "x y");
}

static void test_cookies_malformed_pairs_skipped(void **state)
{
    kvlist l;
    assert_int_equal(parse_cookies(*state, "junk; =nope; a=1;   = ; b; c=", &l), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(kv_get(&l, "a"), "1");
    assert_string_equal(kv_get(&l, "c"), "");
    assert_null(kv_get(&l, "junk"));
    assert_null(kv_get(&l, "b"));
    assert_null(kv_get(&l, ""));
}

static void test_cookies_max_fields(void **state)
{
    kvlist l;
    char *h = repeat_fields(PARSE_MAX_FIELDS, "; ", "c%d=1");
    assert_int_equal(parse_cookies(*state, h, &l), 0);
    assert_int_equal(l.n, PARSE_MAX_FIELDS);
    free(h);

    h = repeat_fields(PARSE_MAX_FIELDS + 1, "; ", "c%d=1");
    assert_int_equal(parse_cookies(*state, h, &l), -1);
    assert_int_equal(l.n, 0);
    free(h);

    /* skipped pairs do not count */
    h = repeat_fields(PARSE_MAX_FIELDS * 2, ";", "junk%d");
    assert_int_equal(parse_cookies(*state, h, &l), 0);
    assert_int_equal(l.n, 0);
    free(h);
}

/* ---------------------------------------------------------------- multipart_boundary */

static void test_boundary_plain(void **state)
{
    const char *b = multipart_boundary(
        *state, "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW");
    assert_non_null(b);
    assert_string_equal(b, "----WebKitFormBoundary7MA4YWxkTrZu0gW");
}

static void test_boundary_quoted_with_params(void **state)
{
    const char *b = multipart_boundary(
        *state, "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b:c=d?\" ; x=\"y;z\"");
    assert_non_null(b);
    assert_string_equal(b, "a b:c=d?");

    b = multipart_boundary(*state, "multipart/form-data;charset=\"utf-8\";boundary=\"xyz\"");
    assert_string_equal(b, "xyz");

    b = multipart_boundary(*state, "  multipart/form-data ; boundary = abc ;");
    assert_string_equal(b, "abc");
}

static void test_boundary_missing_or_wrong_type(void **state)
{
    assert_null(multipart_boundary(*state, NULL));
    assert_null(multipart_boundary(*state, ""));
    assert_null(multipart_boundary(*state, "multipart/form-data"));
    assert_null(multipart_boundary(*state, "multipart/form-data; charset=utf-8"));
    assert_null(multipart_boundary(*state, "multipart/mixed; boundary=abc"));
    assert_null(multipart_boundary(*state, "application/x-www-form-urlencoded"));
    assert_null(multipart_boundary(*state, "multipart/form-datax; boundary=abc"));
    /* "xboundary" is a different parameter */
    assert_null(multipart_boundary(*state, "multipart/form-data; xboundary=abc"));
}

static void test_boundary_malformed(void **state)
{
    /* unterminated quote, empty value, bad characters, too long, trailing space */
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=\"abc"));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary="));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=\"\""));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=\"a\\\"b\""));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=a{b"));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=\"abc \""));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=\"a\rb\""));
    assert_null(multipart_boundary(*state, "multipart/form-data boundary=abc"));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=abc def"));
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary"));
    /* two boundaries are ambiguous */
    assert_null(multipart_boundary(*state, "multipart/form-data; boundary=a; boundary=b"));

    char ct[200];
    snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 7);
    assert_non_null(multipart_boundary(*state, ct));
    snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 7);
    assert_null(multipart_boundary(*state, ct));
}

/* ---------------------------------------------------------------- parse_multipart */

#define CRLF "\r\n"

static void test_multipart_file_and_text(void **state)
{
    const char body[] =
        "--XyZ" CRLF "Content-Disposition: form-data; name=\"title\"" CRLF CRLF "文化节 2024" CRLF
        "--XyZ" CRLF "Content-Disposition: form-data; name=\"poster\"; filename=\"a b.png\"" CRLF
        "Content-Type: image/png" CRLF CRLF "\x89PNG\r\n\x1a\n\0\0binary" CRLF "--XyZ--" CRLF;
    mpartlist l;
    assert_int_equal(parse_multipart(*state, "XyZ", body, sizeof(body) - 1, &l), 0);
    assert_int_equal(l.n, 2);

    const mpart *t = mpart_get(&l, "title");
    assert_non_null(t);
    assert_null(t->filename);
    assert_null(t->content_type);
    assert_int_equal(t->len, strlen("文化节 2024"));
    assert_memory_equal(t->data, "文化节 2024", t->len);
    assert_int_equal(t->data[t->len], '\0');

    const mpart *f = mpart_get(&l, "poster");
    assert_non_null(f);
    assert_string_equal(f->filename, "a b.png");
    assert_string_equal(f->content_type, "image/png");
    const char png[] = "\x89PNG\r\n\x1a\n\0\0binary";
    assert_int_equal(f->len, sizeof(png) - 1);
    assert_memory_equal(f->data, png, f->len);

    assert_null(mpart_get(&l, "missing"));
    assert_null(mpart_get(NULL, "title"));
    assert_null(mpart_get(&l, NULL));
}

static void test_multipart_preamble_epilogue(void **state)
{
    const char body[] = "This is the preamble." CRLF "--b--not-a-delimiter" CRLF "--b" CRLF
                        "content-disposition: FORM-DATA; NAME=a" CRLF CRLF "1" CRLF "--b--" CRLF
                        "epilogue, ignored" CRLF "--b" CRLF "more";
    mpartlist l;
    /* "--b--not-a-delimiter" is a close delimiter at a line start, so the preamble must not
     * contain it: this body ends right there with no parts */
    assert_int_equal(parse_multipart(*state, "b", body, sizeof(body) - 1, &l), 0);
    assert_int_equal(l.n, 0);

    const char body2[] = "preamble --b here" CRLF "--bx not a delimiter" CRLF "--b  \t" CRLF
                         "content-disposition: FORM-DATA; NAME=a" CRLF CRLF "1" CRLF "--b--" CRLF
                         "epilogue" CRLF "--b" CRLF "junk";
    assert_int_equal(parse_multipart(*state, "b", body2, sizeof(body2) - 1, &l), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].name, "a");
    assert_string_equal(l.items[0].data, "1");
}

static void test_multipart_empty_values(void **state)
{
    mpartlist l;
    /* an empty value, a part whose headers end right at the delimiter, an empty file */
    const char body[] =
        "--b" CRLF "Content-Disposition: form-data; name=\"empty\"" CRLF CRLF CRLF "--b" CRLF
        "Content-Disposition: form-data; name=\"nobody\"" CRLF CRLF "--b" CRLF
        "Content-Disposition: form-data; name=\"file\"; filename=\"\"" CRLF
        "Content-Type: application/octet-stream" CRLF CRLF CRLF "--b--";
    assert_int_equal(parse_multipart(*state, "b", body, sizeof(body) - 1, &l), 0);
    assert_int_equal(l.n, 3);
    assert_int_equal(mpart_get(&l, "empty")->len, 0);
    assert_string_equal(mpart_get(&l, "empty")->data, "");
    assert_int_equal(mpart_get(&l, "nobody")->len, 0);
    const mpart *f = mpart_get(&l, "file");
    assert_non_null(f->filename);
    assert_string_equal(f->filename, "");
    assert_int_equal(f->len, 0);

    /* only the close delimiter: an empty form */
    assert_int_equal(parse_multipart(*state, "b", "--b--" CRLF, 7, &l), 0);
    assert_int_equal(l.n, 0);
}

static void test_multipart_data_contains_near_delimiters(void **state)
{
    const char body[] = "--b" CRLF "Content-Disposition: form-data; name=t" CRLF CRLF "line1" CRLF
                        "--bb" CRLF "-b" CRLF "x--b" CRLF "\n--b" CRLF "--b" CRLF
                        "Content-Disposition: form-data; name=u" CRLF CRLF "2" CRLF "--b--";
    mpartlist l;
    assert_int_equal(parse_multipart(*state, "b", body, sizeof(body) - 1, &l), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(mpart_get(&l, "t")->data,
                        "line1" CRLF "--bb" CRLF "-b" CRLF "x--b" CRLF "\n--b");
    assert_string_equal(mpart_get(&l, "u")->data, "2");
}

static void test_multipart_quoted_escapes(void **state)
{
    const char body[] =
        "--b" CRLF
        "Content-Disposition: form-data; name=\"a\\\"q\\\\\"; filename=\"C:\\dir\\f;1.txt\"" CRLF
        "Content-Type:text/plain; charset=utf-8  " CRLF "X-Other: ignored" CRLF CRLF "x" CRLF
        "--b--";
    mpartlist l;
    assert_int_equal(parse_multipart(*state, "b", body, sizeof(body) - 1, &l), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].name, "a\"q\\");
    assert_string_equal(l.items[0].filename, "C:\\dir\\f;1.txt");
    assert_string_equal(l.items[0].content_type, "text/plain; charset=utf-8");
}

static void test_multipart_missing_close(void **state)
{
    mpartlist l = {(mpart *)1, 99};
    const char body[] =
        "--b" CRLF "Content-Disposition: form-data; name=a" CRLF CRLF "1" CRLF "--b" CRLF;
    assert_int_equal(parse_multipart(*state, "b", body, sizeof(body) - 1, &l), -1);
    assert_int_equal(l.n, 0);
    assert_null(l.items);

    const char body2[] = "--b" CRLF "Content-Disposition: form-data; name=a" CRLF CRLF "1";
    assert_int_equal(parse_multipart(*state, "b", body2, sizeof(body2) - 1, &l), -1);
    /* the close delimiter lies beyond len */
    const char body3[] =
        "--b" CRLF "Content-Disposition: form-data; name=a" CRLF CRLF "1" CRLF "--b--";
    assert_int_equal(parse_multipart(*state, "b", body3, sizeof(body3) - 3, &l), -1);
    assert_int_equal(parse_multipart(*state, "b", body3, sizeof(body3) - 1, &l), 0);
    /* a close delimiter with a different boundary */
    const char body4[] =
        "--b" CRLF "Content-Disposition: form-data; name=a" CRLF CRLF "1" CRLF "--c--";
    assert_int_equal(parse_multipart(*state, "b", body4, sizeof(body4) - 1, &l), -1);
}

static void test_multipart_empty_and_no_delimiter(void **state)
{
    mpartlist l;
    assert_int_equal(parse_multipart(*state, "b", "", 0, &l), -1);
    assert_int_equal(parse_multipart(*state, "b", NULL, 0, &l), -1);
    assert_int_equal(parse_multipart(*state, "b", "just text", 9, &l), -1);
    assert_int_equal(parse_multipart(*state, "b", "--b", 3, &l), -1);
    assert_int_equal(parse_multipart(*state, "b", "--b" CRLF, 5, &l), -1);
}

static void test_multipart_bad_boundary_argument(void **state)
{
    mpartlist l;
    const char body[] = "--b--";
    assert_int_equal(parse_multipart(*state, NULL, body, 5, &l), -1);
    assert_int_equal(parse_multipart(*state, "", body, 5, &l), -1);
    assert_int_equal(parse_multipart(*state, "b\r\n", body, 5, &l), -1);
    char longb[80];
    memset(longb, 'b', 71);
    longb[71] = '\0';
    assert_int_equal(parse_multipart(*state, longb, body, 5, &l), -1);
}

static void test_multipart_malformed_parts(void **state)
{
    mpartlist l;
    static const char *const bad[] = {
        /* no Content-Disposition at all */
        "--b" CRLF "Content-Type: text/plain" CRLF CRLF "1" CRLF "--b--",
        /* no headers */
        "--b" CRLF CRLF "1" CRLF "--b--",
        /* disposition without a name, with an empty name, of the wrong type */
        "--b" CRLF "Content-Disposition: form-data; filename=x" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data; name=\"\"" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: attachment; name=a" CRLF CRLF "1" CRLF "--b--",
        /* an unterminated quote, a parameter without a value or without a name */
        "--b" CRLF "Content-Disposition: form-data; name=\"a" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data; name" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data; =x; name=a" CRLF CRLF "1" CRLF "--b--",
        /* duplicated headers or parameters */
        "--b" CRLF "Content-Disposition: form-data; name=a" CRLF
        "Content-Disposition: form-data; name=b" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data; name=a; name=b" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data; filename=x" CRLF
        "Content-Disposition: form-data; name=a" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data; name=a" CRLF "Content-Type: a/b" CRLF
        "content-type: c/d" CRLF CRLF "1" CRLF "--b--",
        /* header lines that are not "Name: value", a folded line, a bare LF */
        "--b" CRLF "Content-Disposition form-data; name=a" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition : form-data; name=a" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data;" CRLF " name=a" CRLF CRLF "1" CRLF "--b--",
        "--b" CRLF "Content-Disposition: form-data; name=a\nX: y" CRLF CRLF "1" CRLF "--b--",
        /* headers never end */
        "--b" CRLF "Content-Disposition: form-data; name=a" CRLF "--b--",
        /* LF-only line ends */
        "--b\nContent-Disposition: form-data; name=a\n\n1\n--b--\n",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int r = parse_multipart(*state, "b", bad[i], strlen(bad[i]), &l);
        if (r != -1)
            fail_msg("bad[%zu] parsed: %s", i, bad[i]);
        assert_int_equal(l.n, 0);
    }

    /* the same thing well-formed parses, so the failures above are the defects */
    const char *good =
        "--b" CRLF "Content-Disposition: form-data; name=a" CRLF CRLF "1" CRLF "--b--";
    assert_int_equal(parse_multipart(*state, "b", good, strlen(good), &l), 0);
    assert_int_equal(l.n, 1);
}

static void test_multipart_unknown_params_ignored(void **state)
{
    /* filename* (RFC 5987) is ignored as RFC 7578 says; so are parameters nobody knows */
    const char body[] =
        "--b" CRLF "Content-Disposition: form-data; size=12; name=\"doc\"; "
        "filename*=UTF-8''%E6%96%87.txt; filename=\"wen.txt\"" CRLF CRLF "x" CRLF "--b--";
    mpartlist l;
    assert_int_equal(parse_multipart(*state, "b", body, sizeof(body) - 1, &l), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.items[0].name, "doc");
    assert_string_equal(l.items[0].filename, "wen.txt");
}

static void test_multipart_nul_in_header(void **state)
{
    mpartlist l;
    const char body[] =
        "--b" CRLF "Content-Disposition: form-data; name=\"a\0b\"" CRLF CRLF "1" CRLF "--b--";
    assert_int_equal(parse_multipart(*state, "b", body, sizeof(body) - 1, &l), -1);
}

static void test_multipart_max_parts(void **state)
{
    mpartlist l;
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < PARSE_MAX_FIELDS; i++)
        sb_addf(&sb, "--b\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
    sb_adds(&sb, "--b--\r\n");
    assert_int_equal(parse_multipart(*state, "b", sb.buf, sb.len, &l), 0);
    assert_int_equal(l.n, PARSE_MAX_FIELDS);
    assert_string_equal(mpart_get(&l, "f255")->data, "255");
    assert_string_equal(mpart_get(&l, "f0")->data, "0");
    sb_release(&sb);

    for (int i = 0; i <= PARSE_MAX_FIELDS; i++)
        sb_addf(&sb, "--b\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
    sb_adds(&sb, "--b--\r\n");
    assert_int_equal(parse_multipart(*state, "b", sb.buf, sb.len, &l), -1);
    assert_int_equal(l.n, 0);
    sb_release(&sb);
}

static void test_multipart_with_header_boundary(void **state)
{
    /* the path a request takes: boundary from the header, then the body */
    const char *b =
        multipart_boundary(*state, "multipart/form-data; boundary=\"----7MA4YWxk TrZu0gW\"");
    assert_non_null(b);
    const char body[] =
        "------7MA4YWxk TrZu0gW" CRLF "Content-Disposition: form-data; name=\"venue\"" CRLF CRLF
        "%E6%96%87" CRLF "------7MA4YWxk TrZu0gW--" CRLF;
    mpartlist l;
    assert_int_equal(parse_multipart(*state, b, body, sizeof(body) - 1, &l), 0);
    assert_int_equal(l.n, 1);
    /* multipart values are not percent-decoded */
    assert_string_equal(mpart_get(&l, "venue")->data, "%E6%96%87");
}

/* ---------------------------------------------------------------- bad escapes in a request */

/* A query string with one bad escape is refused whole (the server answers 400): no field of
 * it may come back, or a list would be served without its filters. */
static void test_urlencoded_bad_escape_refuses_all(void **state)
{
    const char *cases[] = {
        "q=%zz",     "division=5104&q=%zz", "q=%",         "q=%4", "q=ok&%g0=1", "q=%%41",
        "q=%4g&x=1", "a=1&b=2&c=%e4%b",     "q=%C3%A9%zz", "%=1"};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        kvlist l = {(kv *)1, 99};
        assert_int_equal(parse_urlencoded(*state, cases[i], strlen(cases[i]), &l), -1);
        assert_int_equal(l.n, 0);
        assert_null(kv_get(&l, "division"));
    }
}

/* ---------------------------------------------------------------- url_encode */

static void test_url_encode(void **state)
{
    assert_string_equal(url_encode(*state, "/admin/divisions/5104"), "/admin/divisions/5104");
    assert_string_equal(url_encode(*state, "/a b?c=d&e#f"), "/a%20b%3Fc%3Dd%26e%23f");
    assert_string_equal(url_encode(*state, "/\t\n\\%"), "/%09%0A%5C%25");
    assert_string_equal(url_encode(*state, "/文"), "/%E6%96%87");
    assert_string_equal(url_encode(*state, "-._~"), "-._~");
    assert_string_equal(url_encode(*state, ""), "");
    /* what it encodes decodes back */
    const char *s = "/x y/\x01?&=+";
    char *e = url_encode(*state, s);
    size_t n;
    assert_string_equal(url_decode(*state, e, strlen(e), 0, &n), s);
}

/* ---------------------------------------------------------------- redirect targets */

static void test_local_path(void **state)
{
    (void)state;
    const char *good[] = {"/",      "/account", "/activities?division=5104&q=%E4",
                          "/a/b#c", "/文化",    "/%2F%2Fevil.example"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(is_local_path(good[i]));
    const char *bad[] = {NULL,
                         "",
                         "account",
                         "//evil.example",
                         "/\\evil.example",
                         "/\t/evil.example/", /* browsers drop the tab: //evil.example */
                         "/\n/evil.example",
                         "/\r\n/evil.example",
                         "/ /evil.example",
                         "/a\\b",
                         "/a\x7f",
                         "/a\x01",
                         "https://evil.example/",
                         "\t/evil.example",
                         " /account",
                         "/account "};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(is_local_path(bad[i]));
    assert_string_equal(local_path_or("/x", "/"), "/x");
    assert_string_equal(local_path_or("/\t/evil.example/", "/"), "/");
    assert_string_equal(local_path_or(NULL, "/"), "/");
}

/* ---------------------------------------------------------------- media types */

static void test_media_type(void **state)
{
    (void)state;
    const char *json[] = {"application/json",
                          "Application/JSON",
                          "application/json; charset=utf-8",
                          "application/json;charset=\"UTF-8\"",
                          " application/json ; a=b ; c=d",
                          "application/json;"};
    for (size_t i = 0; i < sizeof(json) / sizeof(json[0]); i++)
        assert_true(media_type_is(json[i], "application/json"));
    const char *not_json[] = {NULL,
                              "",
                              "text/plain",
                              "text/plain; x=application/json",
                              "application/jsonx",
                              "application/json-patch+json",
                              "application/geo+json",
                              "application/json, text/plain",
                              "application/json; charset",
                              "application/json; charset=\"utf-8",
                              "application /json",
                              "multipart/form-data; boundary=application/json"};
    for (size_t i = 0; i < sizeof(not_json) / sizeof(not_json[0]); i++)
        assert_false(media_type_is(not_json[i], "application/json"));
}

/* ---------------------------------------------------------------- origins */

static void test_origin_parse(void **state)
{
    (void)state;
    url_origin o;
    assert_int_equal(origin_parse("https://Wenyun.Example.gov.cn", 0, &o), 0);
    assert_string_equal(o.scheme, "https");
    assert_string_equal(o.host, "wenyun.example.gov.cn");
    assert_int_equal(o.port, 443);
    assert_int_equal(origin_parse("HTTP://127.0.0.1:8080/", 0, &o), 0);
    assert_string_equal(o.scheme, "http");
    assert_string_equal(o.host, "127.0.0.1");
    assert_int_equal(o.port, 8080);
    assert_int_equal(origin_parse("http://[::1]:8080", 0, &o), 0);
    assert_string_equal(o.host, "[::1]");
    assert_int_equal(o.port, 8080);
    assert_int_equal(origin_parse("http://x.example", 0, &o), 0);
    assert_int_equal(o.port, 80);
    /* a Referer: the origin of a whole URL */
    assert_int_equal(origin_parse("https://x.example/login?next=/a#b", 1, &o), 0);
    assert_string_equal(o.host, "x.example");
    assert_int_equal(origin_parse("https://x.example?q", 1, &o), 0);
    const char *bad[] = {NULL,
                         "",
                         "null",
                         "x.example",
                         "ftp://x.example",
                         "https://",
                         "https:///path",
                         "https://user@x.example",
                         "https://x.example:",
                         "https://x.example:0",
                         "https://x.example:65536",
                         "https://x.example:80a",
                         "https://x exa.example",
                         "https://x.example%2fevil",
                         "https://[::1",
                         "https://[]",
                         "https://x.example/path"}; /* not an origin without rest */
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(origin_parse(bad[i], 0, &o), -1);
    assert_int_equal(origin_parse("https://x.example/a b", 1, &o), -1);
    assert_int_equal(origin_parse("https://x.example/a\n", 1, &o), -1);
}

static void test_origin_compare(void **state)
{
    (void)state;
    url_origin a, b;
    assert_int_equal(origin_parse("https://x.example", 0, &a), 0);
    assert_int_equal(origin_parse("HTTPS://X.EXAMPLE:443/", 0, &b), 0);
    assert_true(origin_equal(&a, &b));
    assert_int_equal(origin_parse("http://x.example:443", 0, &b), 0);
    assert_false(origin_equal(&a, &b));
    assert_int_equal(origin_parse("https://x.example.evil", 0, &b), 0);
    assert_false(origin_equal(&a, &b));
    /* against a Host header: its port, or the default port of the origin's scheme */
    assert_true(origin_matches_host(&a, "x.example"));
    assert_true(origin_matches_host(&a, "X.Example:443"));
    assert_false(origin_matches_host(&a, "x.example:8443"));
    assert_false(origin_matches_host(&a, "evil.example"));
    assert_false(origin_matches_host(&a, NULL));
    assert_false(origin_matches_host(&a, ""));
    assert_false(origin_matches_host(&a, "x.example\r\n"));
    assert_int_equal(origin_parse("http://127.0.0.1:8080", 0, &b), 0);
    assert_true(origin_matches_host(&b, "127.0.0.1:8080"));
    assert_false(origin_matches_host(&b, "127.0.0.1"));
    assert_false(origin_matches_host(&b, "127.0.0.1:8081"));
    assert_int_equal(origin_parse("http://[::1]:8080", 0, &b), 0);
    assert_true(origin_matches_host(&b, "[::1]:8080"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup_arena, teardown_arena)
        T(test_url_decode_plain),
        T(test_url_decode_empty),
        T(test_url_decode_plus),
        T(test_url_decode_percent),
        T(test_url_decode_chinese),
        T(test_url_decode_nul),
        T(test_url_decode_bad_escapes),
        T(test_url_decode_respects_len),
        cmocka_unit_test(test_url_decode_arena_exhausted),
        T(test_urlencoded_basic),
        T(test_urlencoded_empty),
        T(test_urlencoded_plus),
        T(test_urlencoded_no_equals_and_empty_segments),
        T(test_urlencoded_value_with_equals),
        T(test_urlencoded_duplicates_first_wins),
        T(test_urlencoded_nul_in_value),
        T(test_urlencoded_nul_in_key),
        T(test_urlencoded_bad_escape),
        T(test_urlencoded_respects_len),
        T(test_urlencoded_max_fields),
        T(test_urlencoded_bad_escape_refuses_all),
        T(test_url_encode),
        T(test_local_path),
        T(test_media_type),
        T(test_origin_parse),
        T(test_origin_compare),
        T(test_cookies_basic),
        T(test_cookies_empty),
        T(test_cookies_quoting),
        T(test_cookies_no_decoding),
        T(test_cookies_whitespace),
        T(test_cookies_malformed_pairs_skipped),
        T(test_cookies_max_fields),
        T(test_boundary_plain),
        T(test_boundary_quoted_with_params),
        T(test_boundary_missing_or_wrong_type),
        T(test_boundary_malformed),
        T(test_multipart_file_and_text),
        T(test_multipart_preamble_epilogue),
        T(test_multipart_empty_values),
        T(test_multipart_data_contains_near_delimiters),
        T(test_multipart_quoted_escapes),
        T(test_multipart_missing_close),
        T(test_multipart_empty_and_no_delimiter),
        T(test_multipart_bad_boundary_argument),
        T(test_multipart_malformed_parts),
        T(test_multipart_unknown_params_ignored),
        T(test_multipart_nul_in_header),
        T(test_multipart_max_parts),
        T(test_multipart_with_header_boundary),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
