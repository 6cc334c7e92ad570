/* Tests of src/domain/account.c: validation, sessions, the login throttle, member import,
 * grants, and the audit log's reader (src/domain/audit.c). */
#include "testlib.h"

#include "domain/audit.h"

static void test_phone_and_mask(void **state)
{
    (void)state;
    assert_true(account_phone_valid("13812341234"));
    assert_true(account_phone_valid("19900000000"));
    assert_false(account_phone_valid("12812341234"));
    assert_false(account_phone_valid("1381234123"));
    assert_false(account_phone_valid("138123412345"));
    assert_false(account_phone_valid("1381234123a"));
    assert_false(account_phone_valid(NULL));
    char m[PHONE_MASKED_MAX];
    account_mask_phone("13812341234", m);
    assert_string_equal(m, "138****1234");
    account_mask_phone("123", m);
    assert_string_equal(m, "****");
}

static void test_register_login_logout(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, NULL);
    int64_t id;
    assert_int_equal(account_register(&t->ctx, "13712345678", "abc12345", "李雷", "510402", &id),
                     0);
    assert_int_equal(account_register(&t->ctx, "13712345678", "abc12345", "李雷", NULL, &id), -1);
    assert_string_equal(t->ctx.err.code, "phone_taken");
    assert_int_equal(account_register(&t->ctx, "13712345679", "short1", "韩梅梅", NULL, &id), -1);
    assert_string_equal(t->ctx.err.code, "weak_password");
    assert_int_equal(account_register(&t->ctx, "13712345679", "abcdefghij", "韩梅梅", NULL, &id),
                     -1);
    assert_int_equal(account_register(&t->ctx, "13712345679", "abc12345", "", NULL, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_name");
    assert_int_equal(account_register(&t->ctx, "13712345679", "abc12345", "韩梅梅", "5304", &id),
                     -1);
    assert_string_equal(t->ctx.err.code, "unknown_division");

    char token[TOKEN_CHARS];
    int64_t uid;
    assert_int_equal(account_login(&t->ctx, "13712345678", "abc12345", token, &uid), 0);
    assert_int_equal(strlen(token), TOKEN_CHARS - 1);
    principal p;
    assert_int_equal(account_principal(&t->ctx, token, &p), 0);
    assert_int_equal(p.user_id, uid);
    assert_string_equal(p.name, "李雷");
    /* the token is stored only as a hash */
    db_stmt *st =
        db_query(t->ctx.c, "SELECT count(*) FROM sessions WHERE token_hash = ?", "t", token);
    assert_int_equal(db_step(st), 1);
    assert_int_equal(db_col_int(st, 0), 0);
    db_done(st);
    /* expiry */
    t->ctx.now += t->cfg.session_ttl_s * 1000 + 1;
    assert_int_equal(account_principal(&t->ctx, token, &p), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    t->ctx.now = time_now_ms();
    assert_int_equal(account_logout(&t->ctx, token), 0);
    assert_int_equal(account_principal(&t->ctx, token, &p), -1);
    assert_int_equal(account_principal(&t->ctx, "short", &p), -1);
    tdb_close(t);
}

static void test_throttle_and_lock(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    t->cfg.login_slow_after = 2;
    t->cfg.login_lock_after = 4;
    char token[TOKEN_CHARS];
    int64_t uid;
    const char *phone = "13800000006"; /* the demo citizen */
    assert_int_equal(account_login(&t->ctx, phone, "wrong1pass", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, phone, "wrong2pass", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    /* two failures: the next try must wait a second, even with the right password */
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    assert_int_equal(t->ctx.err.retry_after_s, 1);
    t->ctx.now += 1100;
    assert_int_equal(account_login(&t->ctx, phone, "wrong3pass", token, &uid), -1);
    t->ctx.now += 2100;
    assert_int_equal(account_login(&t->ctx, phone, "wrong4pass", token, &uid), -1);
    /* four failures: locked for login_lock_s */
    t->ctx.now += 60 * 1000;
    assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    assert_string_equal(t->ctx.err.code, "locked");
    assert_true(t->ctx.err.retry_after_s > 700);
    /* an unknown phone is throttled the same way (no account enumeration) */
    for (int i = 0; i < 2; i++) {
        t->ctx.now += 10;
        assert_int_equal(account_login(&t->ctx, "13600000000", "whatever1", token, &uid), -1);
        assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    }
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, "13600000000", "whatever1", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    /* after the lock, the right password works and clears the count */
    t->ctx.now += (int64_t)t->cfg.login_window_s * 1000 + 1000;
    assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), 0);
    tdb_close(t);
}

static void test_change_password_ends_other_sessions(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    char t1[TOKEN_CHARS], t2[TOKEN_CHARS];
    int64_t uid;
    assert_int_equal(account_login(&t->ctx, "13800000006", "Demo2026cz", t1, &uid), 0);
    assert_int_equal(account_login(&t->ctx, "13800000006", "Demo2026cz", t2, &uid), 0);
    tdb_as(t, "13800000006");
    assert_int_equal(account_change_password(&t->ctx, "nope", "New2026pass", t1), -1);
    assert_string_equal(t->ctx.err.code, "wrong_password");
    assert_int_equal(account_change_password(&t->ctx, "Demo2026cz", "weak", t1), -1);
    assert_string_equal(t->ctx.err.code, "weak_password");
    assert_int_equal(account_change_password(&t->ctx, "Demo2026cz", "New2026pass", t1), 0);
    principal p;
    assert_int_equal(account_principal(&t->ctx, t1, &p), 0);
    assert_int_equal(account_principal(&t->ctx, t2, &p), -1);
    char t3[TOKEN_CHARS];
    assert_int_equal(account_login(&t->ctx, "13800000006", "Demo2026cz", t3, &uid), -1);
    assert_int_equal(account_login(&t->ctx, "13800000006", "New2026pass", t3, &uid), 0);
    tdb_close(t);
}

static void test_admin_scope_on_accounts(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id, gid;
    tdb_as(t, "13900000002"); /* district admin of 东区 510402 */
    assert_int_equal(
        account_create(&t->ctx, "13711110001", "Pass2026x", "张三", "reviewer", "510402001", &id),
        0);
    assert_int_equal(
        account_create(&t->ctx, "13711110002", "Pass2026x", "李四", "reviewer", "510403", &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(account_create(&t->ctx, "13711110003", "Pass2026x", "王五", "district_admin",
                                    "510402", &id),
                     -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* listing is limited to the admin's subtree */
    user *us;
    size_t n;
    assert_int_equal(account_list(&t->ctx, NULL, NULL, 0, 100, &us, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(division_contains("510402", us[i].division));
    assert_int_equal(account_list(&t->ctx, "510403", NULL, 0, 100, &us, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* phones are shown whole to the admin, masked to another citizen */
    user u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13800000006", &u), WY_OK);
    assert_true(account_may_see_personal(t->ctx.who, &u));
    tdb_as(t, "13900000005");
    assert_false(account_may_see_personal(t->ctx.who, &u));
    assert_int_equal(account_get(&t->ctx, u.id, &u), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* the city admin grants and revokes district admins */
    tdb_as(t, "13900000001");
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13711110001", &u), WY_OK);
    assert_int_equal(account_grant(&t->ctx, u.id, "district_admin", "510403", &gid), 0);
    assert_int_equal(account_grant(&t->ctx, u.id, "district_admin", "510403", &gid), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    assert_int_equal(account_revoke(&t->ctx, u.id + 1, gid), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(account_revoke(&t->ctx, u.id, gid), 0);
    audit_entry *es;
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "user", NULL, "510403", 0, 10, &es, &n),
                     WY_OK);
    assert_int_equal(n, 2);
    assert_string_equal(es[0].action, "role.revoke");
    assert_string_equal(es[1].action, "role.grant");
    tdb_close(t);
}

/* Nobody grants a role to themselves; revoking one's own stays allowed. */
static void test_no_grant_to_oneself(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t gid;
    tdb_as(t, "13900000002"); /* district admin of 510402 */
    assert_int_equal(account_grant(&t->ctx, t->who.user_id, "reviewer", "510402", &gid), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_string_equal(t->ctx.err.code, "own_account");
    assert_int_equal(account_grant(&t->ctx, t->who.user_id, "venue_manager", "510402001", &gid),
                     -1);
    assert_string_equal(t->ctx.err.code, "own_account");
    /* the city admin may give it the role, and it may give it up */
    int64_t self = t->who.user_id;
    tdb_as(t, "13900000001");
    assert_int_equal(account_grant(&t->ctx, self, "reviewer", "510402", &gid), 0);
    tdb_as(t, "13900000002");
    assert_int_equal(account_revoke(&t->ctx, self, gid), 0);
    tdb_close(t);
}

/* Search text is text: % and _ match only themselves. */
static void test_search_takes_wildcards_literally(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    static const char *const names[][2] = {
        {"13733330001", "百分%号"}, {"13733330002", "下划_线"}, {"13733330003", "反斜\\杠"}};
    int64_t id;
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(
            store_user_create(t->ctx.c, names[i][0], names[i][1], "x", "510402", t->ctx.now, &id),
            WY_OK);
    tdb_as(t, "13900000001");
    static const struct {
        const char *q, *only;
    } cases[] = {{"%", "百分%号"}, {"_", "下划_线"}, {"\\", "反斜\\杠"}, {"分%", "百分%号"}};
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        user *us;
        size_t n;
        assert_int_equal(account_list(&t->ctx, "5104", cases[k].q, 0, 200, &us, &n), 0);
        assert_int_equal(n, 1);
        assert_string_equal(us[0].name, cases[k].only);
    }
    tdb_close(t);
}

/* Entries without a division are read by the city-wide readers of the log, with the city's
 * subtree; nobody else reads them. */
static void test_audit_without_division(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    audit_entry e = {
        .at = t->ctx.now, .action = "test.unplaced", .object_type = "test", .object_id = "1"};
    assert_int_equal(store_audit_add(t->ctx.c, &e), WY_OK);
    static const struct {
        const char *phone, *division;
        int sees;
    } cases[] = {
        {"13900000001", NULL, 1},     /* the city admin, its own scope (5104) */
        {"13900000001", "5104", 1},   /* ... named */
        {"13900000001", "510402", 0}, /* a district's subtree holds no such entry */
        {"13900000002", NULL, 0},     /* a district admin */
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        tdb_as(t, cases[k].phone);
        audit_entry *es;
        size_t n;
        assert_int_equal(audit_list(&t->ctx, cases[k].division, "test", NULL, 0, 50, &es, &n), 0);
        assert_int_equal(n, (size_t)cases[k].sees);
    }
    tdb_close(t);
}

static void test_member_import(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char csv[] = "\xef\xbb\xbfphone,name,password,role,division\n"
                       "13722220001,赵一,Pass2026a\n"
                       "13722220002,钱二,Pass2026b,reviewer,510402\n"
                       "1372222000x,孙三,Pass2026c\n"
                       "13722220001,赵一,Pass2026a\n"
                       "13722220004,\"李,四\",Pass2026d,,510402001002\n"
                       "13722220005,\xd6\xdc\xce\xe5,Pass2026e\n"
                       "13722220006,吴六\n"
                       "13722220007,郑七,Pass2026g,king,510402\n"
                       "13900000001,重复,Pass2026h\n";
    account_import_result res;
    assert_int_equal(account_import_csv(&t->ctx, csv, sizeof(csv) - 1, 1, NULL, NULL, &res), 0);
    assert_int_equal(res.accepted, 3);
    assert_int_equal(res.rejected, 6);
    user u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722220001", &u), WY_NOTFOUND);
    assert_int_equal(account_import_csv(&t->ctx, csv, sizeof(csv) - 1, 0, NULL, NULL, &res), 0);
    assert_int_equal(res.accepted, 3);
    assert_int_equal(res.rejected, 6);
    static const int bad_lines[] = {4, 5, 7, 8, 9, 10};
    int k = 0;
    for (size_t i = 0; i < res.nlines; i++)
        if (!res.lines[i].ok) {
            assert_int_equal(res.lines[i].line, bad_lines[k++]);
            assert_non_null(res.lines[i].reason);
        }
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722220004", &u), WY_OK);
    assert_string_equal(u.name, "李,四");
    assert_string_equal(u.division, "510402001002");
    role_grant *g;
    size_t n;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722220002", &u), WY_OK);
    assert_int_equal(store_roles_of(t->ctx.c, t->ctx.a, u.id, &g, &n), WY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(g[0].role, "reviewer");
    /* the masked phone is reported, never the whole number */
    assert_string_equal(res.lines[0].phone, "137****0001");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_and_mask),
        cmocka_unit_test(test_register_login_logout),
        cmocka_unit_test(test_throttle_and_lock),
        cmocka_unit_test(test_change_password_ends_other_sessions),
        cmocka_unit_test(test_admin_scope_on_accounts),
        cmocka_unit_test(test_member_import),
        cmocka_unit_test(test_no_grant_to_oneself),
        cmocka_unit_test(test_search_takes_wildcards_literally),
        cmocka_unit_test(test_audit_without_division),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
