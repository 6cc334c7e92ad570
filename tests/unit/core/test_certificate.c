/* Tests of src/core/certificate.c (and store_certificates.c), on both backends: codes as typed
 * are read back, names are masked, numbers are PREFIX-YEAR-SEQUENCE and unique and without a
 * gap when many connections issue at once, a code checks as valid until it is revoked and as
 * revoked after, a second certificate of the same subject is not issued, only the holder and
 * the kind's managers read one whole, and checks from one address are limited. */
#include <pthread.h>

#include "testlib.h"

#include "core/audit.h"
#include "core/certificate.h"

static const certificate_kind test_kind = {"test", "TS", "Test", PERM_CERTIFICATES_MANAGE};

static int64_t user_id(tdb *t, const char *phone)
{
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u), WY_OK);
    return u.id;
}

static certificate_spec spec(int64_t subject, int64_t holder, const char *name)
{
    static const certificate_fact facts[] = {{"课程", "书法入门（楷书）"}, {"课时", "14/16"}};
    return (certificate_spec){.kind = "test",
                              .subject_id = subject,
                              .holder_id = holder,
                              .holder_name = name,
                              .title = "结业证书",
                              .body = "修完本课程，准予结业。",
                              .facts = facts,
                              .nfacts = 2,
                              .issuer = "攀枝花市文化馆",
                              .division = "510402"};
}

static int issue(tdb *t, const certificate_spec *s, certificate *out, int *existing)
{
    assert_int_equal(store_begin(t->ctx.c, 1), WY_OK);
    int rc = certificate_issue_tx(&t->ctx, s, out, existing);
    if (rc == 0)
        assert_int_equal(store_commit(t->ctx.c), WY_OK);
    else
        store_rollback(t->ctx.c);
    return rc;
}

static void test_codes_and_names(void **state)
{
    (void)state;
    char c[CERTIFICATE_CODE_LEN + 1], shown[CERTIFICATE_CODE_SHOWN];
    assert_int_equal(certificate_code_normalize("7K3M-Q9XD-2HPA-W4TZ", c), 0);
    assert_string_equal(c, "7K3MQ9XD2HPAW4TZ");
    /* typed in lower case, with spaces, O for 0 and l for 1 */
    assert_int_equal(certificate_code_normalize(" 7k3m q9xd 2hpa w4tz ", c), 0);
    assert_string_equal(c, "7K3MQ9XD2HPAW4TZ");
    assert_int_equal(certificate_code_normalize("OOOO-llll-IIII-0000", c), 0);
    assert_string_equal(c, "0000111111110000");
    certificate_code_shown(c, shown);
    assert_string_equal(shown, "0000-1111-1111-0000");
    assert_int_equal(certificate_code_normalize("7K3M-Q9XD-2HPA-W4T", c), -1);   /* short */
    assert_int_equal(certificate_code_normalize("7K3M-Q9XD-2HPA-W4TZZ", c), -1); /* long */
    assert_int_equal(certificate_code_normalize("7K3M-Q9XD-2HPA-W4TU", c), -1);  /* U */
    assert_int_equal(certificate_code_normalize("7K3M-Q9XD-2HPA-W4T%", c), -1);
    assert_int_equal(certificate_code_normalize("", c), -1);
    assert_int_equal(certificate_code_normalize(NULL, c), -1);

    char m[CERTIFICATE_NAME_MASKED];
    certificate_mask_name("王小梅", m);
    assert_string_equal(m, "王*梅");
    certificate_mask_name("欧阳小梅", m);
    assert_string_equal(m, "欧**梅");
    certificate_mask_name("王梅", m);
    assert_string_equal(m, "王*");
    certificate_mask_name("王", m);
    assert_string_equal(m, "*");
    certificate_mask_name("Alice", m);
    assert_string_equal(m, "A***e");
    certificate_mask_name("", m);
    assert_string_equal(m, "");
    /* a long name: the stars are bounded, the last character is kept */
    certificate_mask_name("阿卜杜热合曼·买买提明·艾力江·阿不都热西提", m);
    assert_true(strlen(m) < CERTIFICATE_NAME_MASKED);
    assert_string_equal(m + strlen(m) - 3, "提");
}

static void test_kinds(void **state)
{
    (void)state;
    static const certificate_kind same_prefix = {"other", "TS", "Other", PERM_PUBLISH};
    static const certificate_kind bad_prefix = {"bad", "ts-1", "Bad", PERM_PUBLISH};
    app_domain_init(); /* the modules' init: the courses module registers its kind */
    assert_int_equal(certificate_register_kind(&test_kind), 0);
    assert_int_equal(certificate_register_kind(&test_kind), 0); /* again: nothing */
    assert_int_equal(certificate_register_kind(&same_prefix), -1);
    assert_int_equal(certificate_register_kind(&bad_prefix), -1);
    assert_ptr_equal(certificate_kind_of("test"), &test_kind);
    assert_null(certificate_kind_of("nothing"));
    /* the courses module registers its own at start-up */
    assert_non_null(certificate_kind_of("course"));
}

static void test_issue_verify_revoke(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    assert_int_equal(certificate_register_kind(&test_kind), 0);
    tdb_as(t, "13900000002"); /* the district admin of 510402 */
    int64_t citizen = user_id(t, "13800000006");
    certificate a, b, again;
    int existing;
    certificate_spec s = spec(7, citizen, "王小梅");
    assert_int_equal(issue(t, &s, &a, &existing), 0);
    assert_false(existing);
    char year[40];
    time_format_rfc3339(t->ctx.now, year, sizeof(year), 0);
    year[4] = '\0';
    assert_string_equal(a.number, arena_sprintf(t->ctx.a, "TS-%s-000001", year));
    assert_int_equal(strlen(a.code), CERTIFICATE_CODE_LEN);
    assert_string_equal(a.status, "valid");
    /* as stored: read back whole */
    certificate back;
    assert_int_equal(store_certificate_get(t->ctx.c, t->ctx.a, a.id, &back), WY_OK);
    char today[40];
    time_format_rfc3339(t->ctx.now, today, sizeof(today), 0);
    today[10] = '\0';
    assert_string_equal(back.issued_on, today);
    assert_string_equal(back.number, a.number);
    assert_string_equal(back.code, a.code);
    assert_string_equal(back.kind, "test");
    assert_int_equal(back.subject_id, 7);
    assert_int_equal(back.holder_id, citizen);
    assert_string_equal(back.holder_name, "王小梅");
    assert_string_equal(back.body, "修完本课程，准予结业。");
    assert_string_equal(back.facts, "[{\"label\":\"课程\",\"value\":\"书法入门（楷书）\"},"
                                    "{\"label\":\"课时\",\"value\":\"14/16\"}]");
    assert_string_equal(back.issuer, "攀枝花市文化馆");
    assert_string_equal(back.division, "510402");
    assert_int_equal(back.issued_at, t->ctx.now);
    assert_true(back.issued_by > 0);
    assert_null(back.revoke_reason);
    /* the same subject and holder: the certificate there is, not another */
    assert_int_equal(issue(t, &s, &again, &existing), 0);
    assert_true(existing);
    assert_int_equal(again.id, a.id);
    /* another subject: the next number */
    certificate_spec s2 = spec(8, citizen, "王小梅");
    assert_int_equal(issue(t, &s2, &b, &existing), 0);
    assert_string_equal(b.number, arena_sprintf(t->ctx.a, "TS-%s-000002", year));
    assert_string_not_equal(a.code, b.code);
    /* a spec the checks refuse */
    certificate_spec bad = spec(9, citizen, "");
    assert_int_equal(issue(t, &bad, &again, &existing), -1);
    assert_string_equal(t->ctx.err.code, "bad_holder");
    t->ctx.err = (wy_error){0};

    /* anyone checks the code, as typed: valid, the holder masked, what the paper says */
    tdb_as(t, NULL);
    certificate_public p;
    certificate_limits none = {0, 0};
    char shown[CERTIFICATE_CODE_SHOWN];
    certificate_code_shown(a.code, shown);
    for (char *q = shown; *q; q++)
        if (*q >= 'A' && *q <= 'Z')
            *q = (char)(*q - 'A' + 'a');
    assert_int_equal(certificate_verify(&t->ctx, shown, &none, &p), 0);
    assert_int_equal(p.verdict, CERTIFICATE_VALID);
    assert_string_equal(p.number, a.number);
    assert_string_equal(p.holder, "王*梅");
    assert_string_equal(p.title, "结业证书");
    assert_string_equal(p.issuer, "攀枝花市文化馆");
    assert_non_null(strstr(p.facts, "书法入门"));
    assert_int_equal(p.revoked_at, 0);
    assert_int_equal(certificate_verify(&t->ctx, "0000-0000-0000-0000", &none, &p), 0);
    assert_int_equal(p.verdict, CERTIFICATE_UNKNOWN);
    assert_int_equal(certificate_verify(&t->ctx, "not a code", &none, &p), 0);
    assert_int_equal(p.verdict, CERTIFICATE_UNKNOWN);

    /* read whole: the holder and the kind's managers over the division; not others */
    certificate got;
    assert_int_equal(certificate_get(&t->ctx, a.id, &got), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, "13800000006");
    assert_int_equal(certificate_get(&t->ctx, a.id, &got), 0);
    assert_string_equal(got.holder_name, "王小梅");
    certificate *mine;
    size_t n;
    assert_int_equal(certificate_mine(&t->ctx, 0, 10, &mine, &n), 0);
    assert_int_equal(n, 3);             /* these two, and the demo's course certificate */
    assert_int_equal(mine[0].id, b.id); /* newest first */
    assert_int_equal(mine[1].id, a.id);
    assert_string_equal(mine[2].kind, "course");
    /* the holder may not revoke */
    assert_int_equal(certificate_revoke(&t->ctx, a.id, "不符合"), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13900000003"); /* a reviewer: reads nothing of it */
    assert_int_equal(certificate_get(&t->ctx, a.id, &got), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);

    /* revoked by the district's admin, with a reason; the code then says so */
    tdb_as(t, "13900000002");
    assert_int_equal(certificate_revoke(&t->ctx, a.id, "   "), -1);
    assert_string_equal(t->ctx.err.code, "reason_required");
    t->ctx.err = (wy_error){0};
    assert_int_equal(certificate_revoke(&t->ctx, a.id, "出勤记录有误"), 0);
    assert_int_equal(certificate_revoke(&t->ctx, a.id, "again"), -1);
    assert_string_equal(t->ctx.err.code, "not_valid");
    t->ctx.err = (wy_error){0};
    assert_int_equal(certificate_get(&t->ctx, a.id, &got), 0);
    assert_string_equal(got.status, "revoked");
    assert_string_equal(got.revoke_reason, "出勤记录有误");
    tdb_as(t, NULL);
    assert_int_equal(certificate_verify(&t->ctx, a.code, &none, &p), 0);
    assert_int_equal(p.verdict, CERTIFICATE_REVOKED);
    assert_true(p.revoked_at > 0);
    /* the revocation is in the audit log, with its reason */
    tdb_as(t, "13900000001");
    audit_entry *log;
    assert_int_equal(audit_list(&t->ctx, "5104", "certificate", NULL, 0, 50, &log, &n), 0);
    int found = 0, reads = 0;
    for (size_t i = 0; i < n; i++) {
        found += !strcmp(log[i].action, "certificate.revoke") && log[i].reason &&
                 !strcmp(log[i].reason, "出勤记录有误");
        /* the staff's read of it is on record too; the holder's own are not */
        reads += !strcmp(log[i].action, "personal.read");
    }
    assert_int_equal(found, 1);
    assert_int_equal(reads, 1);
    /* a revoked certificate may be issued again, under a new number */
    tdb_as(t, "13900000002");
    assert_int_equal(issue(t, &s, &again, &existing), 0);
    assert_false(existing);
    assert_string_equal(again.number, arena_sprintf(t->ctx.a, "TS-%s-000003", year));
    tdb_close(t);
}

static void test_verify_is_limited(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, NULL);
    certificate_public p;
    certificate_limits lim = {3, 0};
    for (int i = 0; i < 3; i++)
        assert_int_equal(certificate_verify(&t->ctx, "0000-0000-0000-0000", &lim, &p), 0);
    assert_int_equal(certificate_verify(&t->ctx, "0000-0000-0000-0000", &lim, &p), -1);
    assert_int_equal(t->ctx.err.cls, E_LIMITED);
    assert_true(t->ctx.err.retry_after_s > 0 && t->ctx.err.retry_after_s <= 60);
    /* another address is counted apart */
    t->ctx.err = (wy_error){0};
    t->ctx.ip = "10.0.0.9";
    assert_int_equal(certificate_verify(&t->ctx, "0000-0000-0000-0000", &lim, &p), 0);
    tdb_close(t);
}

/* ---- many issuers at once ---- */

#define THREADS 6
#define EACH    15

typedef struct worker {
    tdb *t;
    int index;
    int64_t holder;
    const char *numbers[EACH];
    int failures;
} worker;

static void *issue_many(void *arg)
{
    worker *w = arg;
    arena a;
    arena_init(&a, 0);
    principal who = {0};
    wy_ctx ctx = {.c = store_acquire(w->t->st),
                  .a = &a,
                  .cfg = &w->t->cfg,
                  .now = w->t->ctx.now,
                  .who = &who,
                  .ip = "127.0.0.1"};
    for (int i = 0; i < EACH; i++) {
        certificate_spec s = spec(1000 * (w->index + 1) + i, w->holder, "王小梅");
        certificate c;
        int existing = 0;
        int rc = store_begin(ctx.c, 1);
        if (rc == WY_OK && certificate_issue_tx(&ctx, &s, &c, &existing) == 0 && !existing &&
            store_commit(ctx.c) == WY_OK) {
            w->numbers[i] = strdup(c.number);
        } else {
            store_rollback(ctx.c);
            w->failures++;
        }
        ctx.err = (wy_error){0};
    }
    store_release(w->t->st, ctx.c);
    arena_free(&a);
    return NULL;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void test_numbers_under_concurrency(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    assert_int_equal(certificate_register_kind(&test_kind), 0);
    /* the pool: a connection for each worker and the test's own */
    store_release(t->st, t->ctx.c);
    store_close(t->st);
    char err[256];
    assert_int_equal(store_open(t->path, THREADS + 1, 20000, &t->st, err, sizeof(err)), WY_OK);
    t->ctx.c = store_acquire(t->st);
    int64_t holder = user_id(t, "13800000006");
    worker w[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){.t = t, .index = i, .holder = holder};
        assert_int_equal(pthread_create(&th[i], NULL, issue_many, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    const char *all[THREADS * EACH];
    size_t n = 0;
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(w[i].failures, 0);
        for (int k = 0; k < EACH; k++)
            all[n++] = w[i].numbers[k];
    }
    qsort(all, n, sizeof(all[0]), cmp_str);
    char year[40];
    time_format_rfc3339(t->ctx.now, year, sizeof(year), 0);
    year[4] = '\0';
    /* every number once, 1 .. THREADS * EACH: unique and without a gap */
    for (size_t i = 0; i < n; i++)
        assert_string_equal(all[i], arena_sprintf(t->ctx.a, "TS-%s-%06zu", year, i + 1));
    /* and each in the database with its own code */
    certificate *cs;
    size_t nc;
    tdb_as(t, "13800000006");
    assert_int_equal(certificate_mine(&t->ctx, 0, 200, &cs, &nc), 0);
    assert_int_equal(nc, (size_t)THREADS * EACH + 1); /* and the demo's course certificate */
    for (size_t i = 1; i < nc; i++)
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(cs[i].code, cs[k].code);
    for (size_t i = 0; i < n; i++)
        free((void *)all[i]);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_and_names),           cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_issue_verify_revoke),       cmocka_unit_test(test_verify_is_limited),
        cmocka_unit_test(test_numbers_under_concurrency),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
