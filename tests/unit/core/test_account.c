/* Tests of src/domain/account.c: validation, registration with a code sent by SMS, password
 * reset, sessions, the login throttle, grants; of src/domain/member_import.c; and the audit
 * log's reader (src/domain/audit.c). */
#include "testlib.h"

#include "core/jobs.h"

#include "core/audit.h"
#include "core/member_import.h"
#include "util/sms.h"

/* The codes "sent": the log provider sends at once in tests, and this sees each message. */
static struct {
    int n;
    char phone[16], purpose[16], code[8];
} sent;

static void on_sms(const sms_message *m, void *ud)
{
    (void)ud;
    sent.n++;
    snprintf(sent.phone, sizeof(sent.phone), "%s", m->phone);
    snprintf(sent.purpose, sizeof(sent.purpose), "%s", m->purpose);
    snprintf(sent.code, sizeof(sent.code), "%s", m->code);
}

static tdb *open_with_sms(void)
{
    tdb *t = tdb_open(1);
    memset(&sent, 0, sizeof(sent));
    sms_observe(on_sms, NULL);
    return t;
}

static int64_t count_rows(tdb *t, const char *sql, const char *arg)
{
    db_stmt *st = db_query(t->ctx.c, sql, "t", arg);
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

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

static void test_register_verify_login_logout(void **state)
{
    (void)state;
    tdb *t = open_with_sms();
    tdb_as(t, NULL);
    int64_t id;
    /* the checks that need no hashing answer first */
    assert_int_equal(account_register(&t->ctx, "13712345679", "short1", "韩梅梅", NULL), -1);
    assert_string_equal(t->ctx.err.code, "weak_password");
    assert_int_equal(account_register(&t->ctx, "13712345679", "abcdefghij", "韩梅梅", NULL), -1);
    assert_int_equal(account_register(&t->ctx, "13712345679", "abc12345", "", NULL), -1);
    assert_string_equal(t->ctx.err.code, "bad_name");
    assert_int_equal(account_register(&t->ctx, "12712345679", "abc12345", "韩梅梅", NULL), -1);
    assert_string_equal(t->ctx.err.code, "bad_phone");
    assert_int_equal(account_register(&t->ctx, "13712345679", "abc12345", "韩梅梅", "1404"), -1);
    assert_string_equal(t->ctx.err.code, "unknown_division");
    assert_int_equal(sent.n, 0);

    /* a registration is no account until its code comes back */
    assert_int_equal(account_register(&t->ctx, "13712345678", "abc12345", "李雷", "510402"), 0);
    assert_int_equal(sent.n, 1);
    assert_string_equal(sent.phone, "13712345678");
    assert_string_equal(sent.purpose, "register");
    assert_int_equal(strlen(sent.code), 6);
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13712345678", &u), WY_NOTFOUND);
    char token[TOKEN_CHARS];
    int64_t uid;
    assert_int_equal(account_login(&t->ctx, "13712345678", "abc12345", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    /* the code is kept only as a hash */
    assert_int_equal(
        count_rows(t, "SELECT count(*) FROM phone_codes WHERE code_hash = ?", sent.code), 0);
    assert_int_equal(account_verify(&t->ctx, "13712345678", "12345", &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_code");
    char wrong[8];
    snprintf(wrong, sizeof(wrong), "%06d", (atoi(sent.code) + 1) % 1000000);
    assert_int_equal(account_verify(&t->ctx, "13712345678", wrong, &id), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    assert_int_equal(t->ctx.err.cls, E_RULE);
    assert_int_equal(account_verify(&t->ctx, "13712345678", sent.code, &id), 0);
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13712345678", &u), WY_OK);
    assert_int_equal(u.id, id);
    assert_string_equal(u.division, "510402");
    assert_true(u.activated_at > 0);
    /* a code is used once */
    assert_int_equal(account_verify(&t->ctx, "13712345678", sent.code, &id), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");

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
    sms_observe(NULL, NULL);
    tdb_close(t);
}

static void test_register_same_answer_for_a_taken_number(void **state)
{
    (void)state;
    tdb *t = open_with_sms();
    tdb_as(t, NULL);
    /* the demo citizen's number: the same answer, and nothing is sent; a code is kept all the
     * same (nobody has it), so that the database does the same work for any number */
    assert_int_equal(account_register(&t->ctx, "13800000006", "Other2026pw", "冒名", NULL), 0);
    assert_int_equal(sent.n, 0);
    assert_int_equal(count_rows(t,
                                "SELECT count(*) FROM phone_codes WHERE phone = ? AND name IS NULL",
                                "13800000006"),
                     1);
    /* a guess at a code gets the answer a wrong code gets */
    int64_t id;
    assert_int_equal(account_verify(&t->ctx, "13800000006", "123456", &id), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    /* and the owner's password is what it was */
    char token[TOKEN_CHARS];
    assert_int_equal(account_login(&t->ctx, "13800000006", "Demo2026cz", token, &id), 0);
    sms_observe(NULL, NULL);
    tdb_close(t);
}

static void test_codes_expire_and_tries_are_bounded(void **state)
{
    (void)state;
    tdb *t = open_with_sms();
    tdb_as(t, NULL);
    t->cfg.code_max_tries = 3;
    t->cfg.code_resend_s = 0;
    int64_t id;
    assert_int_equal(account_register(&t->ctx, "13712340001", "abc12345", "张三", NULL), 0);
    char good[8], wrong[8];
    snprintf(good, sizeof(good), "%s", sent.code);
    snprintf(wrong, sizeof(wrong), "%06d", (atoi(good) + 7) % 1000000);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(account_verify(&t->ctx, "13712340001", wrong, &id), -1);
        assert_string_equal(t->ctx.err.code, "wrong_code");
    }
    /* the tries are spent: the right code no longer works */
    assert_int_equal(account_verify(&t->ctx, "13712340001", good, &id), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    /* a new code replaces it; it expires after code_ttl_s */
    assert_int_equal(account_register(&t->ctx, "13712340001", "abc12345", "张三", NULL), 0);
    snprintf(good, sizeof(good), "%s", sent.code);
    t->ctx.now += (int64_t)t->cfg.code_ttl_s * 1000 + 1;
    assert_int_equal(account_verify(&t->ctx, "13712340001", good, &id), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    /* an address tries code_max_tries codes for each it may ask for, then waits */
    t->cfg.code_per_ip_hour = 2; /* 6 tries an hour */
    t->ctx.now += 3601 * 1000;   /* a new hour: the tries above are in the last one */
    for (int i = 0; i < 6; i++)
        assert_int_equal(account_verify(&t->ctx, "13712340009", wrong, &id), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    assert_int_equal(account_verify(&t->ctx, "13712340009", wrong, &id), -1);
    assert_string_equal(t->ctx.err.code, "too_many_requests");
    assert_true(t->ctx.err.retry_after_s > 3000);
    /* the clean-up forgets it */
    assert_int_equal(account_housekeeping(&t->ctx), 0);
    assert_int_equal(
        count_rows(t, "SELECT count(*) FROM phone_codes WHERE phone = ?", "13712340001"), 0);
    sms_observe(NULL, NULL);
    tdb_close(t);
}

static void test_code_limits_come_before_hashing(void **state)
{
    (void)state;
    tdb *t = open_with_sms();
    tdb_as(t, NULL);
    /* a cost libsodium refuses: any request that reaches the hashing fails with "busy", so
     * each answer below says how far the request went */
    t->cfg.password_opslimit = 0;
    t->cfg.code_resend_s = 60;
    t->cfg.code_per_phone_hour = 3;
    t->cfg.code_per_ip_hour = 4;
    t->cfg.register_per_minute = 1000;
    assert_int_equal(account_register(&t->ctx, "13712340002", "abc12345", "", NULL), -1);
    assert_string_equal(t->ctx.err.code, "bad_name"); /* refused before the limits */
    assert_int_equal(account_register(&t->ctx, "13712340002", "abc12345", "王五", NULL), -1);
    assert_string_equal(t->ctx.err.code, "busy"); /* passed the limits, then hashed */
    t->ctx.err = (wy_error){0};
    assert_int_equal(account_register(&t->ctx, "13712340002", "abc12345", "王五", NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED); /* one code a minute per number */
    assert_string_equal(t->ctx.err.code, "too_many_requests");
    assert_true(t->ctx.err.retry_after_s >= 1 && t->ctx.err.retry_after_s <= 60);
    /* per number: code_per_phone_hour, reset requests and refused requests included */
    t->cfg.password_opslimit = 1;
    t->ctx.now += 61 * 1000;
    assert_int_equal(account_reset_request(&t->ctx, "13712340002"), 0);
    t->ctx.now += 61 * 1000;
    assert_int_equal(account_reset_request(&t->ctx, "13712340002"), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    /* per address: code_per_ip_hour, whatever the numbers (this address asked 5 times) */
    assert_int_equal(account_reset_request(&t->ctx, "13712340003"), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    t->ctx.ip = "192.0.2.7"; /* another address is not held back */
    assert_int_equal(account_reset_request(&t->ctx, "13712340003"), 0);
    /* registrations of everyone together */
    t->cfg.register_per_minute = 2;
    t->ctx.now += 3600 * 1000;
    t->ctx.ip = "192.0.2.8";
    assert_int_equal(account_register(&t->ctx, "13712340004", "abc12345", "赵六", NULL), 0);
    t->ctx.ip = "192.0.2.9";
    assert_int_equal(account_register(&t->ctx, "13712340005", "abc12345", "钱七", NULL), 0);
    t->ctx.ip = "192.0.2.10";
    assert_int_equal(account_register(&t->ctx, "13712340006", "abc12345", "孙八", NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    sms_observe(NULL, NULL);
    tdb_close(t);
}

static void test_reset_by_code(void **state)
{
    (void)state;
    tdb *t = open_with_sms();
    tdb_as(t, NULL);
    char t1[TOKEN_CHARS], t2[TOKEN_CHARS];
    int64_t uid;
    assert_int_equal(account_login(&t->ctx, "13800000006", "Demo2026cz", t1, &uid), 0);
    /* no account, no code sent; the same answer */
    assert_int_equal(account_reset_request(&t->ctx, "13612345678"), 0);
    assert_int_equal(sent.n, 0);
    assert_int_equal(account_reset(&t->ctx, "13612345678", "000000", "Reset2026pw"), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13612345678", &(account){0}),
                     WY_NOTFOUND);
    assert_int_equal(account_reset_request(&t->ctx, "13800000006"), 0);
    assert_int_equal(sent.n, 1);
    assert_string_equal(sent.purpose, "reset");
    char code[8];
    snprintf(code, sizeof(code), "%s", sent.code);
    /* the new password's rules first; a wrong code changes nothing */
    assert_int_equal(account_reset(&t->ctx, "13800000006", code, "weak"), -1);
    assert_string_equal(t->ctx.err.code, "weak_password");
    char wrong[8];
    snprintf(wrong, sizeof(wrong), "%06d", (atoi(code) + 3) % 1000000);
    assert_int_equal(account_reset(&t->ctx, "13800000006", wrong, "Reset2026pw"), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    /* a reset code does not finish a registration */
    int64_t id;
    assert_int_equal(account_verify(&t->ctx, "13800000006", code, &id), -1);
    assert_string_equal(t->ctx.err.code, "wrong_code");
    assert_int_equal(account_reset(&t->ctx, "13800000006", code, "Reset2026pw"), 0);
    /* every session of the account has ended, and the old password is gone */
    principal p;
    assert_int_equal(account_principal(&t->ctx, t1, &p), -1);
    assert_int_equal(account_login(&t->ctx, "13800000006", "Demo2026cz", t2, &uid), -1);
    t->ctx.now += 1000;
    assert_int_equal(account_login(&t->ctx, "13800000006", "Reset2026pw", t2, &uid), 0);
    /* the code was used */
    assert_int_equal(account_reset(&t->ctx, "13800000006", code, "Again2026pw"), -1);
    audit_entry *es;
    size_t n;
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)uid);
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "user", oid, NULL, 0, 10, &es, &n),
                     WY_OK);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(es[i].action, "user.password_reset")) {
            found = 1;
            assert_int_equal(es[i].actor, uid);
        }
    assert_true(found);
    sms_observe(NULL, NULL);
    tdb_close(t);
}

static void test_throttle_grows_and_is_capped(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    t->cfg.login_slow_after = 2;
    t->cfg.login_max_delay_s = 4;
    char token[TOKEN_CHARS];
    int64_t uid;
    const char *phone = "13800000006"; /* the demo citizen */
    assert_int_equal(account_login(&t->ctx, phone, "wrong1pass", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, phone, "wrong2pass", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    /* two failures: the next try waits a second, even with the right password */
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    assert_string_equal(t->ctx.err.code, "too_many_attempts");
    assert_int_equal(t->ctx.err.retry_after_s, 1);
    /* then 2 s, then 4 s, and never more than the cap */
    static const int waits[] = {2, 4, 4, 4};
    for (int i = 0; i < 4; i++) {
        t->ctx.now += 5000;
        assert_int_equal(account_login(&t->ctx, phone, "wrong3pass", token, &uid), -1);
        assert_int_equal(t->ctx.err.cls, E_UNAUTH);
        assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), -1);
        assert_int_equal(t->ctx.err.cls, E_LIMITED);
        assert_int_equal(t->ctx.err.retry_after_s, waits[i]);
    }
    /* refusals are not counted: knocking during the wait does not lengthen it */
    for (int i = 0; i < 5; i++)
        assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), -1);
    assert_int_equal(t->ctx.err.retry_after_s, 4);
    /* an unknown phone is throttled the same way (no account enumeration) */
    for (int i = 0; i < 2; i++) {
        t->ctx.now += 10;
        assert_int_equal(account_login(&t->ctx, "13600000000", "whatever1", token, &uid), -1);
        assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    }
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, "13600000000", "whatever1", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    /* after the wait the right password works, and the count starts again */
    t->ctx.now += 4000;
    assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), 0);
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, phone, "wrong9pass", token, &uid), -1);
    assert_int_equal(t->ctx.err.cls, E_UNAUTH);
    t->ctx.now += 10;
    assert_int_equal(account_login(&t->ctx, phone, "Demo2026cz", token, &uid), 0);
    /* failures and refusals are in the audit log, the phone masked */
    audit_entry *es;
    size_t n;
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "login", NULL, NULL, 0, 200, &es, &n),
                     WY_OK);
    int failed = 0, throttled = 0;
    for (size_t i = 0; i < n; i++) {
        assert_null(strstr(es[i].object_id, "00000006"));
        if (!strcmp(es[i].action, "login.failed") && !strcmp(es[i].object_id, "138****0006")) {
            failed++;
            assert_string_equal(es[i].division, "510402001");
        }
        if (!strcmp(es[i].action, "login.throttled") && !strcmp(es[i].object_id, "138****0006"))
            throttled++;
    }
    assert_int_equal(failed, 7);
    assert_int_equal(throttled, 5); /* once per wait, however often it was knocked on */
    tdb_close(t);
}

static void test_pending_account_cannot_log_in(void **state)
{
    (void)state;
    tdb *t = open_with_sms();
    tdb_as(t, NULL);
    int64_t id, uid;
    assert_int_equal(
        store_user_create_pending(t->ctx.c, "13712349999", "待激活", NULL, t->ctx.now, &id), WY_OK);
    char token[TOKEN_CHARS];
    assert_int_equal(account_login(&t->ctx, "13712349999", "anything1", token, &uid), -1);
    assert_string_equal(t->ctx.err.code, "bad_credentials");
    /* registering the number sends nothing: it has an account */
    assert_int_equal(account_register(&t->ctx, "13712349999", "abc12345", "冒名", NULL), 0);
    assert_int_equal(sent.n, 0);
    /* the member activates it with a reset code */
    t->ctx.now += 61 * 1000;
    assert_int_equal(account_reset_request(&t->ctx, "13712349999"), 0);
    assert_int_equal(sent.n, 1);
    assert_int_equal(account_reset(&t->ctx, "13712349999", sent.code, "First2026pw"), 0);
    account u;
    assert_int_equal(store_user_by_id(t->ctx.c, t->ctx.a, id, &u), WY_OK);
    assert_true(u.activated_at > 0);
    t->ctx.now += 1000;
    assert_int_equal(account_login(&t->ctx, "13712349999", "First2026pw", token, &uid), 0);
    sms_observe(NULL, NULL);
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
    account *us;
    size_t n;
    assert_int_equal(account_list(&t->ctx, NULL, NULL, 0, 100, &us, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(division_contains("510402", us[i].division));
    assert_int_equal(account_list(&t->ctx, "510403", NULL, 0, 100, &us, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* phones are shown whole to the admin, masked to another citizen */
    account u;
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
    char uid[24]; /* the demo grants roles in 510403 too: this account's own entries */
    snprintf(uid, sizeof(uid), "%lld", (long long)u.id);
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "user", uid, "510403", 0, 10, &es, &n),
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
        account *us;
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
    assert_int_equal(res.accepted, 4);
    assert_int_equal(res.rejected, 5);
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722220001", &u), WY_NOTFOUND);
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722220006", &u), WY_NOTFOUND);
    assert_int_equal(account_import_csv(&t->ctx, csv, sizeof(csv) - 1, 0, NULL, NULL, &res), 0);
    assert_int_equal(res.accepted, 4);
    assert_int_equal(res.rejected, 5);
    static const int bad_lines[] = {4, 5, 7, 9, 10};
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
    /* a row without a password: an account that waits for its member's code */
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722220006", &u), WY_OK);
    assert_int_equal(u.activated_at, 0);
    assert_string_equal(u.password_hash, "");
    char token[TOKEN_CHARS];
    int64_t uid;
    assert_int_equal(account_login(&t->ctx, "13722220006", "anything1", token, &uid), -1);
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722220001", &u), WY_OK);
    assert_true(u.activated_at > 0);
    assert_int_equal(account_login(&t->ctx, "13722220001", "Pass2026a", token, &uid), 0);
    tdb_close(t);
}

static int progress_calls, progress_last;

static void on_progress(int done, int total, void *ud)
{
    (void)ud;
    progress_calls++;
    progress_last = done;
    assert_true(done <= total);
}

static void test_member_import_hashes_in_batches(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    t->cfg.hash_threads = 3;
    strbuf sb = STRBUF_INIT;
    for (int i = 0; i < 40; i++)
        sb_addf(&sb, "1372233%04d,成员%d,Pass2026x%d\n", i, i, i);
    account_import_result res;
    progress_calls = 0;
    assert_int_equal(account_import_csv(&t->ctx, sb.buf, sb.len, 0, on_progress, NULL, &res), 0);
    assert_int_equal(res.accepted, 40);
    assert_int_equal(progress_last, 40);
    assert_true(progress_calls >= 2); /* batches of 16 rows at least */
    char token[TOKEN_CHARS];
    int64_t uid;
    assert_int_equal(account_login(&t->ctx, "13722330039", "Pass2026x39", token, &uid), 0);
    sb_release(&sb);
    tdb_close(t);
}

static void test_member_import_job(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000002"); /* the district admin of 东区 */
    const char csv[] = "phone,name,password,role,division\n"
                       "13722240001,甲,Pass2026a,citizen,510402001\n"
                       "13722240002,乙,,citizen,510402001\n"
                       "13722240003,丙,Pass2026c,citizen,510403\n";
    int64_t id;
    /* a citizen may not */
    tdb_as(t, "13800000006");
    assert_int_equal(account_import_submit(&t->ctx, csv, sizeof(csv) - 1, 0, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13900000002");
    assert_int_equal(account_import_submit(&t->ctx, csv, sizeof(csv) - 1, 0, &id), 0);
    account_import_job j;
    import_line *ls;
    size_t n;
    assert_int_equal(account_import_get(&t->ctx, id, 0, 100, &j, &ls, &n), 0);
    assert_string_equal(j.status, "queued");
    assert_int_equal(n, 0);
    /* nobody else reads it */
    tdb_as(t, "13900000001");
    assert_int_equal(account_import_get(&t->ctx, id, 0, 100, &j, &ls, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    /* a server's jobs worker runs it, as the admin who asked */
    assert_int_equal(jobs_run_queued(t->st, &t->cfg), 1);
    assert_int_equal(jobs_run_queued(t->st, &t->cfg), 0);
    tdb_as(t, "13900000002");
    assert_int_equal(account_import_get(&t->ctx, id, 0, 100, &j, &ls, &n), 0);
    assert_string_equal(j.status, "done");
    assert_int_equal(j.rows_total, 3);
    assert_int_equal(j.rows_done, 3);
    assert_int_equal(j.accepted, 2);
    assert_int_equal(j.rejected, 1);
    assert_int_equal(n, 3);
    assert_int_equal(ls[2].line, 4);
    assert_false(ls[2].ok); /* 510403 is outside the district admin's area */
    assert_true(ls[0].ok);
    assert_string_equal(ls[1].phone, "137****0002");
    assert_int_equal(account_import_get(&t->ctx, id, 2, 1, &j, &ls, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ls[0].line, 3);
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722240002", &u), WY_OK);
    assert_int_equal(u.activated_at, 0);

    /* a job whose server stopped after its first row resumes there, and still knows the
     * phones accepted before (a dry run: nothing in the database tells) */
    const char again[] = "13722250001,丁,Pass2026d,citizen,510402001\n"
                         "13722250001,丁二,Pass2026e,citizen,510402001\n"
                         "13722250002,戊,,citizen,510402001\n";
    assert_int_equal(account_import_submit(&t->ctx, again, sizeof(again) - 1, 1, &id), 0);
    int64_t long_ago = t->ctx.now - 3600 * 1000;
    job_row taken;
    assert_int_equal(
        store_job_claim(t->ctx.c, t->ctx.a, "account_import", "gone:1", long_ago, &taken), WY_OK);
    assert_int_equal(taken.id, id);
    import_line first = {1, 1, "137****0001", NULL};
    assert_int_equal(store_import_line_add(t->ctx.c, id, &first), WY_OK);
    assert_int_equal(store_job_save(t->ctx.c, id, 1.0 / 3,
                                    "{\"rows_total\":3,\"rows_done\":1,\"accepted\":1,"
                                    "\"rejected\":0}",
                                    long_ago),
                     WY_OK);
    assert_int_equal(account_import_get(&t->ctx, id, 0, 100, &j, &ls, &n), 0);
    assert_string_equal(j.status, "running");
    assert_int_equal(j.rows_done, 1);
    /* the housekeeping of every queued job puts it back in the queue, not failed */
    assert_int_equal(jobs_housekeeping(&t->ctx), 0);
    assert_int_equal(account_import_get(&t->ctx, id, 0, 100, &j, &ls, &n), 0);
    assert_string_equal(j.status, "queued");
    assert_int_equal(j.rows_done, 1);
    assert_int_equal(jobs_run_queued(t->st, &t->cfg), 1);
    assert_int_equal(account_import_get(&t->ctx, id, 0, 100, &j, &ls, &n), 0);
    assert_string_equal(j.status, "done");
    assert_int_equal(j.accepted, 2);
    assert_int_equal(j.rejected, 1);
    assert_int_equal(n, 3);
    assert_false(ls[1].ok);
    assert_string_equal(ls[1].reason, "This mobile number appears on an earlier row of the file.");
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13722250002", &u), WY_NOTFOUND);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phone_and_mask),
        cmocka_unit_test(test_register_verify_login_logout),
        cmocka_unit_test(test_register_same_answer_for_a_taken_number),
        cmocka_unit_test(test_codes_expire_and_tries_are_bounded),
        cmocka_unit_test(test_code_limits_come_before_hashing),
        cmocka_unit_test(test_reset_by_code),
        cmocka_unit_test(test_throttle_grows_and_is_capped),
        cmocka_unit_test(test_pending_account_cannot_log_in),
        cmocka_unit_test(test_change_password_ends_other_sessions),
        cmocka_unit_test(test_admin_scope_on_accounts),
        cmocka_unit_test(test_member_import),
        cmocka_unit_test(test_no_grant_to_oneself),
        cmocka_unit_test(test_search_takes_wildcards_literally),
        cmocka_unit_test(test_audit_without_division),
        cmocka_unit_test(test_member_import_hashes_in_batches),
        cmocka_unit_test(test_member_import_job),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
