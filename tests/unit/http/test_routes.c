/*
 * The route table: every route has a rule (a permission other than PERM_UNSET), no two routes
 * take the same method and pattern, and the router finds each route by its own pattern. (The
 * API description against the routes: test_openapi.c.)
 */
#include <stdio.h>
#include <string.h>

#include "http/router.h"
#include "util/arena.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h> /* after the domain headers: it defines a fail() macro */

static void test_every_route_has_a_rule(void **state)
{
    (void)state;
    size_t n;
    const route *t = routes_table(&n);
    assert_true(n > 20);
    for (size_t i = 0; i < n; i++) {
        if (t[i].perm <= PERM_UNSET || t[i].perm >= PERM_COUNT)
            fprintf(stderr, "route without a rule: %s %s\n", t[i].method, t[i].pattern);
        assert_true(t[i].perm > PERM_UNSET && t[i].perm < PERM_COUNT);
        assert_non_null(t[i].fn);
        /* API routes are marked as such, so their errors are JSON */
        int api = !strncmp(t[i].pattern, "/api/", 5) || !strcmp(t[i].pattern, "/healthz") ||
                  !strcmp(t[i].pattern, "/metrics");
        assert_int_equal(api, (t[i].flags & ROUTE_API) != 0);
        for (size_t j = 0; j < i; j++)
            assert_false(!strcmp(t[i].method, t[j].method) && !strcmp(t[i].pattern, t[j].pattern));
    }
}

/* The routes that take a file: the large body limit and any content type (so no JSON-only
 * guard against a cross-site form), hence never public and never a safe method. */
static void test_upload_routes(void **state)
{
    (void)state;
    static const char *const uploads[] = {"PUT /api/v1/activities/{id}/poster",
                                          "POST /activities/{id}/poster",
                                          "POST /api/v1/venues/import",
                                          "POST /api/v1/accounts/import",
                                          "POST /api/v1/indicators/{code}/reports",
                                          "POST /api/v1/indicator-reports/{id}/evidence",
                                          "POST /admin/indicators/{code}/report",
                                          "POST /api/v1/market-applications/{id}/files",
                                          "POST /markets/{id}/apply",
                                          "POST /api/v1/courses/{id}/materials",
                                          "POST /courses/{id}/materials",
                                          "PUT /api/v1/me/volunteer/photo",
                                          "POST /me/volunteering/profile/photo",
                                          "POST /api/v1/workdays/import",
                                          "POST /admin/workdays/import",
                                          "POST /api/v1/exchange/activities/{id}/attachments",
                                          "POST /api/v1/plans/import",
                                          "POST /admin/plans/import",
                                          "POST /admin/plans/{id}/tasks/{tid}/reports",
                                          "POST /api/v1/linkage/activities/{id}/materials",
                                          "POST /admin/exchange/activities/{id}/attachments",
                                          "POST /api/v1/standards/import",
                                          "POST /api/v1/assessments/{id}/evidence",
                                          "POST /api/v1/task-reports/{id}/attachments",
                                          "POST /admin/linkage/activities/{id}/materials",
                                          "POST /admin/assessments/standards/import",
                                          "POST /admin/assessments/{id}/evidence"};
    size_t n, found = 0;
    const route *t = routes_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & ROUTE_UPLOAD))
            continue;
        char name[128];
        snprintf(name, sizeof(name), "%s %s", t[i].method, t[i].pattern);
        int listed = 0;
        for (size_t k = 0; k < sizeof(uploads) / sizeof(uploads[0]); k++)
            listed |= !strcmp(name, uploads[k]);
        if (!listed)
            fprintf(stderr, "an upload route not in this test: %s\n", name);
        assert_true(listed);
        assert_true(t[i].perm != PERM_PUBLIC);
        assert_true(strcmp(t[i].method, "GET") != 0);
        found++;
    }
    assert_int_equal(found, sizeof(uploads) / sizeof(uploads[0]));

    wy_config cfg;
    config_defaults(&cfg);
    const route *r = NULL;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(t[i].pattern, "/api/v1/auth/login"))
            r = &t[i];
    assert_non_null(r);
    assert_int_equal(route_body_limit(r, &cfg), 64 << 10);
    assert_int_equal(route_body_limit(NULL, &cfg), 64 << 10);
    for (size_t i = 0; i < n; i++)
        if (t[i].flags & ROUTE_UPLOAD)
            assert_int_equal(route_body_limit(&t[i], &cfg), 8 << 20);
    /* the small limit never exceeds the large one */
    cfg.max_body_bytes = 4096;
    assert_int_equal(route_body_limit(r, &cfg), 4096);
}

static void test_router_matches(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    const route *r;
    const char *params[REQ_MAX_PARAMS];
    int np = 0;
    const char *allow = NULL;
    assert_int_equal(router_match(&a, "GET", "/api/v1/divisions/5104", &r, params, &np, &allow),
                     MATCH_OK);
    assert_string_equal(r->pattern, "/api/v1/divisions/{code}");
    assert_int_equal(np, 1);
    assert_string_equal(params[0], "5104");
    assert_int_equal(
        router_match(&a, "DELETE", "/api/v1/accounts/3/roles/9", &r, params, &np, &allow),
        MATCH_OK);
    assert_string_equal(params[0], "3");
    assert_string_equal(params[1], "9");
    assert_int_equal(router_match(&a, "HEAD", "/healthz", &r, params, &np, &allow), MATCH_OK);
    assert_int_equal(router_match(&a, "PUT", "/api/v1/me", &r, params, &np, &allow),
                     MATCH_NO_METHOD);
    assert_string_equal(allow, "GET");
    assert_int_equal(router_match(&a, "GET", "/api/v1/divisions/", &r, params, &np, &allow),
                     MATCH_NO_PATH);
    assert_int_equal(router_match(&a, "GET", "/api/v1/divisions/51/x", &r, params, &np, &allow),
                     MATCH_NO_PATH);
    assert_int_equal(router_match(&a, "GET", "/nope", &r, params, &np, &allow), MATCH_NO_PATH);
    arena_free(&a);
}

/* {id} and {grant} take a positive int64 in decimal digits, nothing else (router.h) */
static void test_router_types_ids(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    const route *r;
    const char *params[REQ_MAX_PARAMS];
    int np = 0;
    const char *allow = NULL;
    int64_t id;

    assert_int_equal(router_match(&a, "GET", "/api/v1/notices/42", &r, params, &np, &allow),
                     MATCH_OK);
    assert_string_equal(r->pattern, "/api/v1/notices/{id}");
    assert_string_equal(params[0], "42");
    /* the largest int64 is an id; leading zeros are allowed, as before */
    assert_int_equal(
        router_match(&a, "GET", "/api/v1/notices/9223372036854775807", &r, params, &np, &allow),
        MATCH_OK);
    assert_int_equal(router_match(&a, "GET", "/api/v1/notices/007", &r, params, &np, &allow),
                     MATCH_OK);
    assert_int_equal(router_parse_id("007", 3, &id), 0);
    assert_int_equal(id, 7);
    assert_int_equal(router_parse_id("9223372036854775807", 19, &id), 0);
    assert_true(id == INT64_MAX);

    /* not an id: the route is found (its checks run) and the server answers 404 */
    const char *bad[] = {"abc",
                         "0",
                         "00",
                         "-1",
                         "+1",
                         "1a",
                         "a1",
                         " 7",
                         "7 ",
                         "1.5",
                         "0x10",
                         "1e3",
                         "9223372036854775808",  /* 2^63 */
                         "18446744073709551616", /* 2^64: wraps in 64 bits */
                         "99999999999999999999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        const char *path = arena_sprintf(&a, "/api/v1/notices/%s", bad[i]);
        r = NULL;
        np = 0;
        assert_int_equal(router_match(&a, "GET", path, &r, params, &np, &allow), MATCH_BAD_ID);
        assert_non_null(r);
        assert_string_equal(r->pattern, "/api/v1/notices/{id}");
        assert_int_equal(np, 1);
        assert_string_equal(params[0], bad[i]);
        assert_int_equal(router_parse_id(bad[i], strlen(bad[i]), &id), -1);
    }
    assert_int_equal(router_parse_id("", 0, &id), -1);
    /* an empty segment matches no parameter at all */
    assert_int_equal(router_match(&a, "GET", "/api/v1/notices/", &r, params, &np, &allow),
                     MATCH_NO_PATH);
    assert_int_equal(router_match(&a, "GET", "/api/v1/notices//submit", &r, params, &np, &allow),
                     MATCH_NO_PATH);
    /* every typed parameter is checked: {grant} as well as {id} */
    assert_int_equal(
        router_match(&a, "DELETE", "/api/v1/accounts/3/roles/x", &r, params, &np, &allow),
        MATCH_BAD_ID);
    assert_int_equal(
        router_match(&a, "DELETE", "/api/v1/accounts/0/roles/9", &r, params, &np, &allow),
        MATCH_BAD_ID);
    /* a page route too, and a typed parameter before a suffix (.ics) */
    assert_int_equal(router_match(&a, "GET", "/venues/-5", &r, params, &np, &allow), MATCH_BAD_ID);
    assert_int_equal(router_match(&a, "GET", "/calendar/venue/abc.ics", &r, params, &np, &allow),
                     MATCH_BAD_ID);
    assert_int_equal(router_match(&a, "GET", "/calendar/venue/12.ics", &r, params, &np, &allow),
                     MATCH_OK);
    assert_string_equal(params[0], "12");
    /* a literal segment still wins where a typed one would not take it */
    assert_int_equal(router_match(&a, "GET", "/venues/new", &r, params, &np, &allow), MATCH_OK);
    assert_string_equal(r->pattern, "/venues/new");
    /* untyped parameters take any segment */
    assert_int_equal(router_match(&a, "GET", "/api/v1/divisions/abc", &r, params, &np, &allow),
                     MATCH_OK);
    /* a method the path does not take is still 405, whatever the id */
    assert_int_equal(router_match(&a, "PUT", "/api/v1/notices/abc", &r, params, &np, &allow),
                     MATCH_NO_METHOD);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_has_a_rule),
        cmocka_unit_test(test_upload_routes),
        cmocka_unit_test(test_router_matches),
        cmocka_unit_test(test_router_types_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
