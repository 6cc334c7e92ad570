/*
 * test_forwarded: who the client is behind a proxy (src/http/forwarded.c). The setting's
 * syntax, the prefix test in both families, and the walk of X-Forwarded-For from the right,
 * including what a client writes to the left to pass for someone else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http/forwarded.h"

static void addr(const char *s, unsigned char out[16])
{
    assert_int_equal(ip_parse(s, strlen(s), out), 0);
}

/* The client chosen for peer and xff, with the trusted list given as text. */
static const char *client(const char *trusted, const char *peer, const char *xff)
{
    static char out[IP_TEXT_MAX];
    ipnet_list l;
    char err[128];
    unsigned char p[16];
    assert_int_equal(ipnet_list_parse(trusted, &l, err, sizeof(err)), 0);
    addr(peer, p);
    forwarded_client(&l, p, xff, out);
    return out;
}

static void test_ip_parse_and_format(void **state)
{
    (void)state;
    unsigned char a[16];
    char t[IP_TEXT_MAX];
    const char *same[] = {"127.0.0.1", "10.1.2.3", "::1", "2001:db8::1", "fe80::1:2"};
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        addr(same[i], a);
        ip_format(a, t);
        assert_string_equal(t, same[i]);
    }
    /* the forms of a header entry, written back canonically */
    const char *in[] = {"[2001:db8::1]", "[2001:db8::1]:443", "198.51.100.7:5678",
                        "::ffff:198.51.100.7", "2001:DB8:0:0::1"};
    const char *out[] = {"2001:db8::1", "2001:db8::1", "198.51.100.7", "198.51.100.7",
                         "2001:db8::1"};
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        addr(in[i], a);
        ip_format(a, t);
        assert_string_equal(t, out[i]);
    }
    const char *bad[] = {"",          "unknown",  "1.2.3",         "1.2.3.4.5", "01.2.3.4",
                         "256.1.1.1", "1.2.3.4:", "1.2.3.4:99999", "1.2.3.4:x", "[::1",
                         "[::1]x",    "[::1]:",   "fe80::1%eth0",  " 1.2.3.4",  "1.2.3.4 ",
                         "[]",        "_hidden",  "1.2.3.4\n",     "::1::2"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(ip_parse(bad[i], strlen(bad[i]), a), -1);
    /* a NUL inside the given length is not an address */
    assert_int_equal(ip_parse("1.2.3.4\0x", 9, a), -1);
}

static void test_ipnet_list(void **state)
{
    (void)state;
    ipnet_list l;
    char err[128];
    unsigned char a[16];
    assert_int_equal(ipnet_list_parse("127.0.0.1, ::1, 10.0.0.0/8 192.168.1.0/24,,fd00::/8", &l,
                                      err, sizeof(err)),
                     0);
    assert_int_equal(l.n, 5);
    const char *in[] = {"127.0.0.1",    "::1",     "10.0.0.1",       "10.255.255.255",
                        "192.168.1.77", "fd12::3", "::ffff:10.9.9.9"};
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        addr(in[i], a);
        assert_true(ipnet_list_contains(&l, a));
    }
    const char *out[] = {"127.0.0.2", "::2", "11.0.0.1", "192.168.2.1", "fe00::1", "9.255.255.255"};
    for (size_t i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
        addr(out[i], a);
        assert_false(ipnet_list_contains(&l, a));
    }
    /* host bits past the prefix are cleared; /0 trusts everything of its family */
    assert_int_equal(ipnet_list_parse("10.1.2.3/8", &l, err, sizeof(err)), 0);
    addr("10.200.0.1", a);
    assert_true(ipnet_list_contains(&l, a));
    assert_int_equal(ipnet_list_parse("0.0.0.0/0", &l, err, sizeof(err)), 0);
    addr("203.0.113.1", a);
    assert_true(ipnet_list_contains(&l, a));
    addr("2001:db8::1", a);
    assert_false(ipnet_list_contains(&l, a));
    /* a prefix that is not a multiple of 8 */
    assert_int_equal(ipnet_list_parse("172.16.0.0/12", &l, err, sizeof(err)), 0);
    addr("172.31.255.255", a);
    assert_true(ipnet_list_contains(&l, a));
    addr("172.32.0.0", a);
    assert_false(ipnet_list_contains(&l, a));
    /* empty: nobody */
    assert_int_equal(ipnet_list_parse("", &l, err, sizeof(err)), 0);
    assert_int_equal(l.n, 0);
    assert_int_equal(ipnet_list_parse(" , ", &l, err, sizeof(err)), 0);
    assert_int_equal(l.n, 0);
    assert_false(ipnet_list_contains(&l, a));
    /* refused, naming the entry */
    const char *bad[] = {"nginx.local",  "10.0.0.0/33", "::1/129",      "10.0.0.0/",  "10.0.0.0/x",
                         "127.0.0.1:80", "[::1]",       "10.0.0.0/8/8", "10.0.0.0/-1"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(ipnet_list_parse(bad[i], &l, err, sizeof(err)), -1);
        assert_non_null(strstr(err, "not an address"));
    }
    assert_int_equal(ipnet_list_parse("127.0.0.1, nginx.local", &l, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "'nginx.local'"));
    /* a bounded list */
    char many[IPNET_MAX * 16 + 32] = "";
    for (int i = 0; i <= IPNET_MAX; i++)
        snprintf(many + strlen(many), sizeof(many) - strlen(many), "10.0.%d.%d ", i / 256, i % 256);
    assert_int_equal(ipnet_list_parse(many, &l, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "more than"));
}

static void test_forwarded_client(void **state)
{
    (void)state;
    const char *t = "127.0.0.1, ::1, 10.0.0.0/8";
    /* an untrusted peer: the header is ignored, whatever it says */
    assert_string_equal(client(t, "203.0.113.5", "198.51.100.7"), "203.0.113.5");
    assert_string_equal(client("", "127.0.0.1", "198.51.100.7"), "127.0.0.1");
    assert_string_equal(client(t, "::ffff:203.0.113.5", NULL), "203.0.113.5");
    /* a trusted peer: the right-most untrusted entry */
    assert_string_equal(client(t, "127.0.0.1", "198.51.100.7"), "198.51.100.7");
    assert_string_equal(client(t, "127.0.0.1", " 198.51.100.7 "), "198.51.100.7");
    assert_string_equal(client(t, "::1", "192.0.2.1, 198.51.100.7"), "198.51.100.7");
    assert_string_equal(client(t, "127.0.0.1", "192.0.2.1, 198.51.100.7, 10.0.0.5"),
                        "198.51.100.7");
    assert_string_equal(client(t, "127.0.0.1", "192.0.2.1,198.51.100.7,10.0.0.5,10.0.0.6"),
                        "198.51.100.7");
    assert_string_equal(client(t, "127.0.0.1", "[2001:db8::7]:443"), "2001:db8::7");
    assert_string_equal(client(t, "127.0.0.1", "198.51.100.7:1234"), "198.51.100.7");
    /* no header, or an empty one: the proxy itself */
    assert_string_equal(client(t, "127.0.0.1", NULL), "127.0.0.1");
    assert_string_equal(client(t, "127.0.0.1", ""), "127.0.0.1");
    /* every entry trusted: the left-most */
    assert_string_equal(client(t, "127.0.0.1", "10.0.0.9, 10.0.0.5"), "10.0.0.9");
    /* an entry that is not an address stops the walk at the last trusted hop */
    assert_string_equal(client(t, "127.0.0.1", "198.51.100.7, unknown"), "127.0.0.1");
    assert_string_equal(client(t, "127.0.0.1", "198.51.100.7, unknown, 10.0.0.5"), "10.0.0.5");
    assert_string_equal(client(t, "127.0.0.1", "198.51.100.7, , 10.0.0.5"), "10.0.0.5");
    assert_string_equal(client(t, "127.0.0.1", "198.51.100.7,"), "127.0.0.1");
    assert_string_equal(client(t, "127.0.0.1", "evil\r\nline"), "127.0.0.1");
    /* an address is written canonically: no spelling of one address is another key */
    assert_string_equal(client(t, "127.0.0.1", "2001:DB8:0::7"), "2001:db8::7");
    /* a bounded walk: far to the left of FORWARDED_HOPS trusted hops is not reached */
    char many[FORWARDED_HOPS * 12 + 64] = "198.51.100.7";
    for (int i = 0; i < FORWARDED_HOPS; i++)
        snprintf(many + strlen(many), sizeof(many) - strlen(many), ", 10.0.0.%d", i + 1);
    assert_string_equal(client(t, "127.0.0.1", many), "10.0.0.1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ip_parse_and_format),
        cmocka_unit_test(test_ipnet_list),
        cmocka_unit_test(test_forwarded_client),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
