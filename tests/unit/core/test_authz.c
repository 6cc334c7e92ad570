/* Tests of src/domain/authz.c: the permission table and the division prefix test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "core/authz.h"
#include "core/store.h"

#include <cmocka.h> /* after the domain headers: it defines a fail() macro */

static principal make(role_grant *g, size_t n)
{
    principal p = {.user_id = 7, .name = "t", .phone = "13800000000", .grants = g, .ngrants = n};
    return p;
}

static void test_roles(void **state)
{
    (void)state;
    for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
        assert_int_equal(role_parse(role_name((role)r)), r);
    assert_int_equal(role_parse("root"), ROLE_NONE);
    assert_int_equal(role_parse(NULL), ROLE_NONE);
}

static void test_nobody_and_citizen(void **state)
{
    (void)state;
    principal nobody = {0};
    assert_true(authz_allows(&nobody, PERM_PUBLIC, NULL));
    assert_false(authz_allows(&nobody, PERM_LOGGED_IN, NULL));
    assert_false(authz_allows(NULL, PERM_ACCOUNTS_READ, "5104"));
    principal citizen = make(NULL, 0);
    assert_true(authz_allows(&citizen, PERM_LOGGED_IN, NULL));
    for (int p = PERM_ACCOUNTS_READ; p < PERM_COUNT; p++)
        assert_false(authz_allows(&citizen, (perm)p, NULL));
    assert_false(authz_allows(&citizen, PERM_UNSET, NULL));
}

static void test_district_admin_scope(void **state)
{
    (void)state;
    role_grant g[] = {{1, 7, "district_admin", "510402"}};
    principal p = make(g, 1);
    assert_true(authz_allows(&p, PERM_ACCOUNTS_MANAGE, "510402"));
    assert_true(authz_allows(&p, PERM_ACCOUNTS_MANAGE, "510402001001"));
    assert_false(authz_allows(&p, PERM_ACCOUNTS_MANAGE, "510403"));
    assert_false(authz_allows(&p, PERM_ACCOUNTS_MANAGE, "5104"));
    assert_true(authz_allows(&p, PERM_ACCOUNTS_MANAGE, NULL));
    assert_false(authz_allows(&p, PERM_REVIEW, "510402"));
    assert_false(authz_allows(&p, PERM_REVIEW_CONFIG, "510402"));
    /* a district admin grants staff roles in the district, not admin roles */
    assert_true(authz_may_grant(&p, ROLE_REVIEWER, "510402001"));
    assert_false(authz_may_grant(&p, ROLE_REVIEWER, "510403"));
    assert_false(authz_may_grant(&p, ROLE_DISTRICT_ADMIN, "510402"));
    assert_false(authz_may_grant(&p, ROLE_CITY_ADMIN, "5104"));
    assert_string_equal(authz_scope(&p, PERM_ACCOUNTS_READ), "510402");
    assert_null(authz_scope(&p, PERM_REVIEW));
}

static void test_city_admin_and_several_grants(void **state)
{
    (void)state;
    role_grant g[] = {{1, 7, "reviewer", "510402"}, {2, 7, "city_admin", "5104"}};
    principal p = make(g, 2);
    assert_true(authz_may_grant(&p, ROLE_DISTRICT_ADMIN, "510403"));
    assert_true(authz_may_grant(&p, ROLE_CITY_ADMIN, "5104"));
    assert_false(authz_may_grant(&p, ROLE_CITY_ADMIN, "5304"));
    assert_true(authz_allows(&p, PERM_REVIEW, "510402001"));
    assert_false(authz_allows(&p, PERM_REVIEW, "510403"));
    assert_true(authz_allows(&p, PERM_REVIEW_CONFIG, "510403"));
    assert_string_equal(authz_scope(&p, PERM_ADMIN_CONSOLE), "5104");
    /* a role name that is not known grants nothing */
    role_grant bad[] = {{3, 7, "superuser", "51"}};
    principal q = make(bad, 1);
    assert_false(authz_allows(&q, PERM_ACCOUNTS_READ, "5104"));
}

static void test_every_scope(void **state)
{
    (void)state;
    const char *out[AUTHZ_SCOPES_MAX];
    /* two towns in two districts, and a reviewer grant that gives no publish */
    role_grant g[] = {{1, 8, "venue_manager", "510403001"},
                      {2, 8, "venue_manager", "510402001"},
                      {3, 8, "reviewer", "510411"}};
    principal p = make(g, 3);
    assert_int_equal(authz_scopes(&p, PERM_PUBLISH, out, AUTHZ_SCOPES_MAX), 2);
    assert_string_equal(out[0], "510402001");
    assert_string_equal(out[1], "510403001");
    /* a wider grant takes in the narrower ones, whichever comes first */
    role_grant w[] = {{1, 8, "venue_manager", "510402001"},
                      {2, 8, "district_admin", "510402"},
                      {3, 8, "venue_manager", "510402002"},
                      {4, 8, "venue_manager", "510403"}};
    principal q = make(w, 4);
    assert_int_equal(authz_scopes(&q, PERM_VENUE_MANAGE, out, AUTHZ_SCOPES_MAX), 2);
    assert_string_equal(out[0], "510402");
    assert_string_equal(out[1], "510403");
    assert_int_equal(authz_scopes(&q, PERM_VENUE_MANAGE, out, 1), 1); /* at most max */
    assert_int_equal(authz_scopes(&q, PERM_REVIEW, out, AUTHZ_SCOPES_MAX), 0);
    assert_int_equal(authz_scopes(NULL, PERM_PUBLISH, out, AUTHZ_SCOPES_MAX), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_nobody_and_citizen),
        cmocka_unit_test(test_district_admin_scope),
        cmocka_unit_test(test_city_admin_and_several_grants),
        cmocka_unit_test(test_every_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
