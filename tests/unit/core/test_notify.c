/*
 * Notifications, the core's part, with kinds of its own (as a module of tomorrow would bring):
 * the registry of kinds, once per person and subject for a kind that may not repeat and as
 * often as sent for one that may, the webhook body (generic, or the module's own description
 * of the subject), what the inbox reads back, webhooks accepting registered kinds only, the
 * outbox's lease, retries and giving up, the signature (RFC 4231's HMAC-SHA256 vectors) and
 * the addresses a webhook may reach. The activities' and the spaces' kinds are tested with
 * their modules (test_booking_notify.c, test_spaces.c).
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>

#include "testlib.h"

#include "core/notify.h"

#define HOUR ((int64_t)3600 * 1000)

/* 2026-11-22T16:05:40+08:00 */
#define NOW ((int64_t)1795334740000)

static const notify_kind told = {"test.told", 0};         /* once per person and subject */
static const notify_kind again = {"test.again", 1};       /* as often as it is sent */
static const notify_kind unlisted = {"test.unlisted", 0}; /* never registered */

static void register_kinds(void)
{
    assert_int_equal(notify_kind_register(&told), 0);
    assert_int_equal(notify_kind_register(&again), 0);
}

/* A database without the demo, with the kinds registered, at a fixed time. */
static tdb *open_db(void)
{
    tdb *t = tdb_open(0);
    register_kinds();
    t->ctx.now = NOW;
    return t;
}

static int64_t user_of(tdb *t, const char *phone)
{
    int64_t id;
    assert_int_equal(store_user_create(t->ctx.c, phone, "测试", "x", NULL, t->ctx.now, &id), WY_OK);
    return id;
}

static notify_msg msg(const notify_kind *k, int64_t user_id, int64_t subject_id)
{
    return (notify_msg){.kind = k,
                        .user_id = user_id,
                        .subject_type = "test_subject",
                        .subject_id = subject_id,
                        .title = "社区读书会",
                        .href = "/tests/5",
                        .at = NOW + 48 * HOUR,
                        .division = "510402001",
                        .params = "{\"n\":1}"};
}

static size_t inbox_of(tdb *t, int64_t uid, const char *kind)
{
    notification *ns;
    size_t n, k = 0;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, uid, 0, 100, &ns, &n), WY_OK);
    for (size_t i = 0; i < n; i++)
        k += !kind || !strcmp(ns[i].kind, kind);
    return k;
}

static size_t outbox_due(tdb *t, int64_t at, outbox_row **rows)
{
    outbox_row *r;
    size_t n;
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, at, at + 1, 1000, rows ? rows : &r, &n),
                     WY_OK);
    return n;
}

static void test_signature(void **state)
{
    (void)state;
    char sig[72];
    /* RFC 4231, test case 2 */
    notify_signature("Jefe", "what do ya want for nothing?", 28, sig);
    assert_string_equal(sig,
                        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    /* a key longer than the block (test case 6) is hashed first */
    char key[132];
    memset(key, 0xaa, 131);
    key[131] = '\0';
    const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";
    notify_signature(key, msg, strlen(msg), sig);
    assert_string_equal(sig,
                        "sha256=60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

static void test_kind_registry(void **state)
{
    (void)state;
    register_kinds();
    assert_int_equal(notify_kind_register(&told), 0); /* the same again: kept once */
    assert_true(notify_kind_known("test.told"));
    assert_ptr_equal(notify_kind_find("test.again"), &again);
    assert_false(notify_kind_known("test.unlisted"));
    assert_false(notify_kind_known(NULL));
    /* another kind under a taken name */
    static const notify_kind twin = {"test.told", 1};
    assert_int_equal(notify_kind_register(&twin), -1);
    assert_ptr_equal(notify_kind_find("test.told"), &told);
    /* names a webhook's list of kinds could not hold, or no name at all */
    static const notify_kind bad[] = {{"Test.upper", 0}, {"test,comma", 0}, {"", 0},
                                      {NULL, 0},         {"test told", 0},  {"测试", 0}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(notify_kind_register(&bad[i]), -1);
    char longname[80];
    memset(longname, 'a', 64);
    longname[64] = '\0';
    const notify_kind too_long = {longname, 0};
    assert_int_equal(notify_kind_register(&too_long), -1);
    /* the modules' kinds are registered at start-up (app_domain_init, run by tdb_open) */
    tdb *t = tdb_open(0);
    assert_true(notify_kind_known("booking.confirmed"));
    assert_true(notify_kind_known("space_booking.rejected"));
    tdb_close(t);
}

static void test_once_and_repeats(void **state)
{
    (void)state;
    tdb *t = open_db();
    int64_t u1 = user_of(t, "13800000101"), u2 = user_of(t, "13800000102");
    tdb_webhook(t);
    int64_t id = -1, first;
    notify_msg m = msg(&told, u1, 5);
    assert_int_equal(notify_send(&t->ctx, &m, &first), 0);
    assert_true(first > 0);
    /* the same kind about the same subject to the same person: nothing more, no outbox row */
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_int_equal(id, 0);
    assert_int_equal(inbox_of(t, u1, "test.told"), 1);
    assert_int_equal(outbox_due(t, NOW, NULL), 1);
    /* another subject, or another person about the same subject: told */
    m.subject_id = 6;
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_true(id > first);
    m = msg(&told, u2, 5);
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_true(id > 0);
    /* the same subject of another type is another subject */
    m = msg(&told, u1, 5);
    m.subject_type = "other_subject";
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_true(id > 0);
    assert_int_equal(inbox_of(t, u1, "test.told"), 3);
    /* a kind that may repeat: every time */
    m = msg(&again, u1, 5);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
        assert_true(id > 0);
    }
    assert_int_equal(inbox_of(t, u1, "test.again"), 3);
    assert_int_equal(outbox_due(t, NOW, NULL), 3 + 3);
    /* unread, and marking read: one's own only */
    int64_t unread, changed;
    assert_int_equal(store_notifications_unread(t->ctx.c, u1, &unread), WY_OK);
    assert_int_equal(unread, 6);
    principal who = {.user_id = u1};
    t->ctx.who = &who;
    assert_int_equal(notify_mark_read(&t->ctx, &first, 1, 0, &changed, &unread), 0);
    assert_int_equal(changed, 1);
    assert_int_equal(unread, 5);
    assert_int_equal(notify_mark_read(&t->ctx, NULL, 0, 1, &changed, &unread), 0);
    assert_int_equal(changed, 5);
    assert_int_equal(unread, 0);
    assert_int_equal(store_notifications_unread(t->ctx.c, u2, &unread), WY_OK);
    assert_int_equal(unread, 1);
    tdb_close(t);
}

/* What is not a message to send is the sender's fault, and writes nothing. */
static void test_refused(void **state)
{
    (void)state;
    tdb *t = open_db();
    int64_t u = user_of(t, "13800000103");
    notify_msg bad[6];
    for (int i = 0; i < 6; i++)
        bad[i] = msg(&told, u, 5);
    bad[0].kind = &unlisted;
    bad[1].user_id = 0;
    bad[2].subject_type = NULL;
    bad[3].subject_type = "Not a word";
    bad[4].subject_id = 0;
    bad[5].division = NULL;
    static const notify_kind impostor = {"test.told", 1}; /* not the registered one */
    for (int i = 0; i < 7; i++) {
        notify_msg m = i < 6 ? bad[i] : msg(&impostor, u, 5);
        int64_t id = -1;
        t->ctx.err = (wy_error){0};
        assert_int_equal(notify_send(&t->ctx, &m, &id), -1);
        assert_int_equal(t->ctx.err.cls, E_INTERNAL);
        assert_int_equal(id, 0);
    }
    assert_int_equal(inbox_of(t, u, NULL), 0);
    assert_int_equal(outbox_due(t, NOW, NULL), 0);
    tdb_close(t);
}

/* The webhook body of a kind without a description of its own, byte for byte; the inbox reads
 * the snapshot back. */
static void test_generic_body(void **state)
{
    (void)state;
    tdb *t = open_db();
    int64_t u = user_of(t, "13800000104"), id;
    tdb_webhook(t);
    notify_msg m = msg(&told, u, 5);
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    outbox_row *rows;
    assert_int_equal(outbox_due(t, NOW, &rows), 1);
    assert_string_equal(rows[0].kind, "test.told");
    assert_string_equal(rows[0].division, "510402001");
    char *want = arena_sprintf(
        t->ctx.a,
        "{\"at\":\"2026-11-24T16:05:40+08:00\",\"created_at\":\"2026-11-22T16:05:40+08:00\","
        "\"division\":\"510402001\",\"event\":\"test.told\",\"href\":\"/tests/5\","
        "\"notification_id\":%lld,\"params\":{\"n\":1},"
        "\"subject\":{\"id\":5,\"type\":\"test_subject\"},\"title\":\"社区读书会\","
        "\"user_id\":%lld}",
        (long long)id, (long long)u);
    assert_string_equal(rows[0].payload, want);
    /* without a title, a page, a time or params: nulls and {} */
    m = (notify_msg){.kind = &again,
                     .user_id = u,
                     .subject_type = "test_subject",
                     .subject_id = 7,
                     .division = "5104"};
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_int_equal(outbox_due(t, NOW, &rows), 1);
    want = arena_sprintf(t->ctx.a,
                         "{\"at\":null,\"created_at\":\"2026-11-22T16:05:40+08:00\","
                         "\"division\":\"5104\",\"event\":\"test.again\",\"href\":null,"
                         "\"notification_id\":%lld,\"params\":{},"
                         "\"subject\":{\"id\":7,\"type\":\"test_subject\"},\"title\":null,"
                         "\"user_id\":%lld}",
                         (long long)id, (long long)u);
    assert_string_equal(rows[0].payload, want);
    /* the inbox, newest first, as sent */
    notification *ns;
    size_t n;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, u, 0, 10, &ns, &n), WY_OK);
    assert_int_equal(n, 2);
    assert_string_equal(ns[1].kind, "test.told");
    assert_string_equal(ns[1].subject_type, "test_subject");
    assert_int_equal(ns[1].subject_id, 5);
    assert_string_equal(ns[1].title, "社区读书会");
    assert_string_equal(ns[1].href, "/tests/5");
    assert_int_equal(ns[1].at, NOW + 48 * HOUR);
    assert_string_equal(ns[1].division, "510402001");
    assert_string_equal(ns[1].params, "{\"n\":1}");
    assert_null(ns[1].extra);
    assert_int_equal(ns[1].created_at, NOW);
    assert_int_equal(ns[1].read_at, 0);
    assert_null(ns[0].title);
    assert_null(ns[0].href);
    assert_int_equal(ns[0].at, 0);
    assert_null(ns[0].params);
    tdb_close(t);
}

/* A module's own description of the subject (extra) replaces the generic one in the body, and
 * is kept with the notification. */
static void test_extra_body(void **state)
{
    (void)state;
    tdb *t = open_db();
    int64_t u = user_of(t, "13800000105"), id;
    tdb_webhook(t);
    notify_msg m = msg(&told, u, 5);
    m.extra = json_pack("{s:{s:I,s:s},s:I}", "thing", "id", (json_int_t)9, "name", "书", "thing_id",
                        (json_int_t)9);
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_int_equal(m.extra->refcount, 1); /* borrowed: the caller's reference only */
    json_decref(m.extra);
    outbox_row *rows;
    assert_int_equal(outbox_due(t, NOW, &rows), 1);
    assert_string_equal(rows[0].division, "510402001"); /* the webhooks are still chosen by it */
    char *want = arena_sprintf(t->ctx.a,
                               "{\"created_at\":\"2026-11-22T16:05:40+08:00\","
                               "\"event\":\"test.told\",\"notification_id\":%lld,"
                               "\"params\":{\"n\":1},\"thing\":{\"id\":9,\"name\":\"书\"},"
                               "\"thing_id\":9,\"user_id\":%lld}",
                               (long long)id, (long long)u);
    assert_string_equal(rows[0].payload, want);
    notification *ns;
    size_t n;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, u, 0, 10, &ns, &n), WY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ns[0].extra, "{\"thing\":{\"id\":9,\"name\":\"书\"},\"thing_id\":9}");
    assert_string_equal(ns[0].title, "社区读书会"); /* the snapshot is kept all the same */
    tdb_close(t);
}

/* A notification commits with the change that causes it, or not at all. */
static void test_rolled_back(void **state)
{
    (void)state;
    tdb *t = open_db();
    int64_t u = user_of(t, "13800000106"), id;
    notify_msg m = msg(&told, u, 5);
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_true(id > 0);
    store_rollback(t->ctx.c);
    assert_int_equal(inbox_of(t, u, NULL), 0);
    assert_int_equal(outbox_due(t, NOW, NULL), 0);
    /* and the kind may be told after all: the rolled-back one does not count */
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_true(id > 0);
    tdb_close(t);
}

/* Webhooks take the registered kinds only. */
static void test_webhook_kinds(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    register_kinds();
    tdb_as(t, "13900000001"); /* the city admin */
    webhook w;
    assert_int_equal(webhook_create(&t->ctx, "https://hub.example.org/a", "5104",
                                    "test.told,booking.confirmed", NULL, &w),
                     0);
    assert_string_equal(w.kinds, "test.told,booking.confirmed");
    const char *refused[] = {"test.unlisted", "", "test.told,test.unlisted", "test"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        t->ctx.err = (wy_error){0};
        assert_int_equal(
            webhook_create(&t->ctx, "https://hub.example.org/b", "5104", refused[i], NULL, &w), -1);
        assert_string_equal(t->ctx.err.code, "bad_kinds");
    }
    tdb_close(t);
}

/* The outbox is for webhooks: with none active an event goes to the inbox alone; once one is
 * active, the events that follow go out too (not those before it). */
static void test_outbox_only_with_webhooks(void **state)
{
    (void)state;
    tdb *t = open_db();
    int64_t u = user_of(t, "13800000108"), id;
    notify_msg m = msg(&again, u, 5);
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_true(id > 0);
    assert_int_equal(inbox_of(t, u, "test.again"), 1);
    assert_int_equal(outbox_due(t, NOW, NULL), 0);
    int64_t hook = tdb_webhook(t);
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    outbox_row *rows;
    assert_int_equal(outbox_due(t, NOW, &rows), 1);
    assert_non_null(strstr(rows[0].payload, "\"event\":\"test.again\""));
    /* an inactive webhook counts for nothing */
    assert_int_equal(db_run(t->ctx.c, "UPDATE webhooks SET active = 0 WHERE id = ?", "i", hook),
                     WY_OK);
    assert_int_equal(notify_send(&t->ctx, &m, &id), 0);
    assert_int_equal(outbox_due(t, NOW, NULL), 0);
    assert_int_equal(inbox_of(t, u, "test.again"), 3);
    tdb_close(t);
}

static void test_outbox_lease_retry_give_up(void **state)
{
    (void)state;
    tdb *t = open_db();
    t->ctx.now = time_now_ms();
    int64_t u1 = user_of(t, "13800000107");
    int64_t hook = tdb_webhook(t);
    notify_msg m = msg(&again, u1, 5);
    assert_int_equal(notify_send(&t->ctx, &m, NULL), 0);
    int64_t now = t->ctx.now + 1;
    outbox_row *rows;
    size_t n;
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, now, now + 60000, 10, &rows, &n),
                     WY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].kind, "test.again");
    assert_non_null(strstr(rows[0].payload, "\"event\":\"test.again\""));
    int64_t oid = rows[0].id;
    /* leased: another claim before the lease ends gets nothing */
    assert_int_equal(outbox_due(t, now + 1000, NULL), 0);
    /* a failure: due again at the retry time, with its attempt counted */
    assert_int_equal(store_outbox_result(t->ctx.c, oid, now, "HTTP 500", now + 5000), WY_OK);
    assert_int_equal(outbox_due(t, now + 4999, NULL), 0);
    assert_int_equal(store_outbox_claim(t->ctx.c, t->ctx.a, now + 5000, now + 9000, 10, &rows, &n),
                     WY_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].attempts, 1);
    /* given up: never due again; the error stays */
    assert_int_equal(store_outbox_result(t->ctx.c, oid, now, "HTTP 502", 0), WY_OK);
    assert_int_equal(outbox_due(t, now + HOUR * 1000, NULL), 0);
    outbox_row o;
    int64_t delivered;
    const char *last;
    assert_int_equal(store_outbox_get(t->ctx.c, t->ctx.a, oid, &o, &delivered, &last), WY_OK);
    assert_int_equal(o.attempts, 2);
    assert_int_equal(delivered, 0);
    assert_string_equal(last, "HTTP 502");
    /* an event queued while a webhook was active, the webhook gone since: the delivery
     * thread's pass takes what is due and, with no webhook to reach, marks it delivered */
    assert_int_equal(notify_send(&t->ctx, &m, NULL), 0);
    assert_int_equal(store_webhook_delete(t->ctx.c, hook), WY_OK);
    assert_int_equal(notify_deliver_once(t->st, &t->cfg), 1);
    assert_int_equal(outbox_due(t, time_now_ms() + HOUR, NULL), 0);
    tdb_close(t);
}

/* Is this textual address public for a webhook? */
static int public_addr(const char *text)
{
    struct sockaddr_in v4 = {.sin_family = AF_INET};
    struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
    if (inet_pton(AF_INET, text, &v4.sin_addr) == 1)
        return notify_address_public((const struct sockaddr *)&v4);
    assert_int_equal(inet_pton(AF_INET6, text, &v6.sin6_addr), 1);
    return notify_address_public((const struct sockaddr *)&v6);
}

static void test_webhook_targets(void **state)
{
    (void)state;
    const char *refused[] = {"127.0.0.1",
                             "127.1.2.3",
                             "10.0.0.5",
                             "172.16.0.1",
                             "172.31.255.255",
                             "192.168.1.1",
                             "169.254.169.254",
                             "100.64.0.1",
                             "0.0.0.0",
                             "255.255.255.255",
                             "224.0.0.1",
                             "192.0.2.10",
                             "198.18.0.1",
                             "::1",
                             "::",
                             "fe80::1",
                             "fd00::1",
                             "fc12::3",
                             "ff02::1",
                             "::ffff:127.0.0.1",
                             "::ffff:10.1.2.3",
                             "64:ff9b::a9fe:a9fe",
                             "2001:db8::1",
                             "2002:c0a8:0101::1"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
        if (public_addr(refused[i]))
            fail_msg("%s was taken for a public address", refused[i]);
    const char *allowed[] = {"8.8.8.8",      "1.1.1.1",        "172.32.0.1",
                             "100.128.0.1",  "192.169.0.1",    "223.5.5.5",
                             "2400:3200::1", "::ffff:8.8.8.8", "2001:4860::8888"};
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
        if (!public_addr(allowed[i]))
            fail_msg("%s was taken for a private address", allowed[i]);
    struct sockaddr other = {.sa_family = AF_UNIX};
    assert_false(notify_address_public(&other));
    assert_false(notify_address_public(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_signature),        cmocka_unit_test(test_kind_registry),
        cmocka_unit_test(test_once_and_repeats), cmocka_unit_test(test_refused),
        cmocka_unit_test(test_generic_body),     cmocka_unit_test(test_extra_body),
        cmocka_unit_test(test_rolled_back),      cmocka_unit_test(test_outbox_only_with_webhooks),
        cmocka_unit_test(test_webhook_kinds),    cmocka_unit_test(test_outbox_lease_retry_give_up),
        cmocka_unit_test(test_webhook_targets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
