/*
 * Tests of src/core/ledger.c (and store_ledger.c, sql/0029), on both backends: the canonical
 * form and its hash against a known answer (docs/ledger.md); postings move an amount between
 * two accounts and chain; an overdraw is refused and changes nothing; reversals once, never of
 * a reversal, never below zero; the journal refuses UPDATE and DELETE; a property test of
 * seeded random earn, redeem, gift, expire and reverse against a model (balance = sum of the
 * entries, never negative, verify holds); tampering with an entry, a chain link, the head or a
 * balance is found by ledger_verify with the entry or account named; concurrent appenders
 * leave one unbroken chain.
 */
#include "testlib.h"

#include <pthread.h>

#include "core/ledger.h"

#define BOOK "points"

static int post(db *c, const char *debit, const char *credit, int64_t amount, const char *kind,
                ledger_entry *out)
{
    ledger_posting p = {.book = BOOK,
                        .debit = debit,
                        .credit = credit,
                        .amount = amount,
                        .kind = kind,
                        .ref_type = "test",
                        .ref_id = 1,
                        .unit = "攀枝花市文化馆",
                        .recorded_by = 0};
    assert_int_equal(db_begin_write(c), WY_OK);
    int rc = ledger_post(c, &p, 1767225600000, out);
    assert_int_equal(db_commit(c), WY_OK);
    return rc;
}

static int64_t balance(db *c, const char *account)
{
    int64_t b = -1;
    assert_int_equal(ledger_balance(c, BOOK, account, &b), WY_OK);
    return b;
}

static int64_t scalar(db *c, const char *sql, const char *arg)
{
    db_stmt *st = arg ? db_query(c, sql, "t", arg) : db_query(c, sql, "");
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t v = db_col_int(st, 0);
    db_done(st);
    return v;
}

/* The sum of an account's entries: credits less debits. */
static int64_t entries_sum(db *c, const char *account)
{
    db_stmt *st =
        db_query(c,
                 "SELECT coalesce(sum(CASE WHEN credit = ? THEN amount ELSE -amount END),"
                 " 0) FROM ledger_entries WHERE book = 'points' AND (credit = ? OR debit = ?)",
                 "ttt", account, account, account);
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t v = db_col_int(st, 0);
    db_done(st);
    return v;
}

static void open_system(db *c)
{
    assert_int_equal(db_begin_write(c), WY_OK);
    assert_int_equal(ledger_open_account(c, BOOK, "issuer", 1), WY_OK);
    assert_int_equal(db_commit(c), WY_OK);
}

static void test_canonical_known_answer(void **state)
{
    (void)state;
    ledger_entry e = {.book = "points",
                      .seq = 1,
                      .debit = "issuer",
                      .credit = "u:42",
                      .amount = 60,
                      .kind = "earn",
                      .ref_type = "volunteer_hours",
                      .ref_id = 7,
                      .unit = "攀枝花市文化馆志愿服务队",
                      .recorded_by = 3,
                      .created_at = 1767225600000};
    memset(e.prev_hash, '0', LEDGER_HASH_HEX);
    const char *want = "15:wenyun-ledger/1,6:points,1:1,6:issuer,4:u:42,2:60,4:earn,"
                       "15:volunteer_hours,1:7,1:0,36:攀枝花市文化馆志愿服务队,1:3,"
                       "13:1767225600000,64:"
                       "0000000000000000000000000000000000000000000000000000000000000000,";
    char buf[512];
    size_t n = ledger_canonical(&e, buf, sizeof(buf));
    assert_int_equal(n, strlen(want));
    assert_memory_equal(buf, want, n);
    assert_int_equal(ledger_canonical(&e, buf, 10), n); /* the length even when it does not fit */
    char h[LEDGER_HASH_HEX + 1];
    ledger_hash(&e, h);
    assert_string_equal(h, "9925962483e5a12d43c57751177494d0435e95076e744944b26590fbf5d6d2ae");
}

static void test_post_chain(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    db *c = t->ctx.c;
    open_system(c);
    ledger_entry a, b;
    assert_int_equal(post(c, "issuer", "u:1", 600, "earn", &a), WY_OK);
    assert_int_equal(a.seq, 1);
    assert_true(a.id > 0);
    assert_string_equal(a.prev_hash,
                        "0000000000000000000000000000000000000000000000000000000000000000");
    char h[LEDGER_HASH_HEX + 1];
    ledger_hash(&a, h);
    assert_string_equal(a.hash, h);
    assert_int_equal(post(c, "u:1", "u:2", 100, "gift", &b), WY_OK);
    assert_int_equal(b.seq, 2);
    assert_string_equal(b.prev_hash, a.hash);
    assert_int_equal(balance(c, "issuer"), -600);
    assert_int_equal(balance(c, "u:1"), 500);
    assert_int_equal(balance(c, "u:2"), 100);
    assert_int_equal(balance(c, "nobody"), 0);
    /* what is stored is what was hashed */
    ledger_entry g;
    assert_int_equal(store_ledger_get(c, t->ctx.a, b.id, &g), WY_OK);
    assert_string_equal(g.hash, b.hash);
    assert_string_equal(g.unit, "攀枝花市文化馆");
    ledger_hash(&g, h);
    assert_string_equal(g.hash, h);
    /* invalid postings */
    assert_int_equal(post(c, "u:1", "u:1", 1, "gift", NULL), WY_ERR);
    assert_int_equal(post(c, "u:1", "u:2", 0, "gift", NULL), WY_ERR);
    assert_int_equal(post(c, "u:1", "u:2", -5, "gift", NULL), WY_ERR);
    assert_int_equal(post(c, "", "u:2", 1, "gift", NULL), WY_ERR);
    assert_int_equal(post(c, "u:1", "u:2", 1, NULL, NULL), WY_ERR);
    char longname[LEDGER_NAME_MAX + 2];
    memset(longname, 'x', sizeof(longname) - 1);
    longname[LEDGER_NAME_MAX + 1] = '\0';
    assert_int_equal(post(c, "issuer", longname, 1, "earn", NULL), WY_ERR);
    longname[LEDGER_NAME_MAX] = '\0'; /* the longest there may be */
    assert_int_equal(post(c, "issuer", longname, 1, "earn", NULL), WY_OK);
    /* another book has a chain of its own */
    ledger_posting p = {
        .book = "hours", .debit = "issuer", .credit = "u:1", .amount = 90, .kind = "verified"};
    ledger_entry hrs;
    assert_int_equal(db_begin_write(c), WY_OK);
    assert_int_equal(ledger_open_account(c, "hours", "issuer", 1), WY_OK);
    assert_int_equal(ledger_post(c, &p, 1, &hrs), WY_OK);
    assert_int_equal(db_commit(c), WY_OK);
    assert_int_equal(hrs.seq, 1);
    ledger_report r;
    assert_int_equal(ledger_verify(c, BOOK, &r), 0);
    assert_int_equal(r.entries, 3);
    assert_int_equal(r.accounts, 4);
    assert_string_equal(r.problem, "");
    assert_int_equal(ledger_verify(c, "hours", &r), 0);
    assert_int_equal(r.entries, 1);
    assert_int_equal(ledger_verify(c, "empty", &r), 0);
    assert_int_equal(r.entries, 0);
    tdb_close(t);
}

static void test_overdraw_changes_nothing(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    db *c = t->ctx.c;
    open_system(c);
    assert_int_equal(post(c, "issuer", "u:1", 10, "earn", NULL), WY_OK);
    int64_t entries = scalar(c, "SELECT count(*) FROM ledger_entries", NULL);
    int64_t head = scalar(c, "SELECT seq FROM ledger_books WHERE book = ?", BOOK);
    /* in a transaction that writes other things too: only the posting is undone */
    assert_int_equal(db_begin_write(c), WY_OK);
    assert_int_equal(ledger_open_account(c, BOOK, "redemptions", 0), WY_OK);
    ledger_posting p = {
        .book = BOOK, .debit = "u:1", .credit = "redemptions", .amount = 11, .kind = "redeem"};
    assert_int_equal(ledger_post(c, &p, 1, NULL), WY_CONSTRAINT);
    p.debit = "u:9"; /* never credited */
    p.amount = 1;
    assert_int_equal(ledger_post(c, &p, 1, NULL), WY_CONSTRAINT);
    assert_int_equal(db_commit(c), WY_OK);
    assert_int_equal(scalar(c, "SELECT count(*) FROM ledger_entries", NULL), entries);
    assert_int_equal(scalar(c, "SELECT seq FROM ledger_books WHERE book = ?", BOOK), head);
    assert_int_equal(balance(c, "u:1"), 10);
    assert_int_equal(balance(c, "redemptions"), 0);
    assert_int_equal(scalar(c, "SELECT count(*) FROM ledger_balances WHERE account = ?", "u:9"), 0);
    /* the exact balance may be taken */
    p.debit = "u:1";
    p.amount = 10;
    assert_int_equal(db_begin_write(c), WY_OK);
    assert_int_equal(ledger_post(c, &p, 1, NULL), WY_OK);
    assert_int_equal(db_commit(c), WY_OK);
    assert_int_equal(balance(c, "u:1"), 0);
    ledger_report r;
    assert_int_equal(ledger_verify(c, BOOK, &r), 0);
    tdb_close(t);
}

static void test_reverse(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    db *c = t->ctx.c;
    open_system(c);
    ledger_entry e1, e2, rv;
    assert_int_equal(post(c, "issuer", "u:1", 50, "earn", &e1), WY_OK);
    assert_int_equal(post(c, "issuer", "u:1", 30, "earn", &e2), WY_OK);
    assert_int_equal(post(c, "u:1", "redemptions", 40, "redeem", NULL), WY_OK);
    assert_int_equal(db_begin_write(c), WY_OK);
    /* 40 left: reversing the 50 would take u:1 below zero */
    assert_int_equal(ledger_reverse(c, t->ctx.a, BOOK, e1.id, NULL, NULL, 5, 2, &rv),
                     WY_CONSTRAINT);
    assert_int_equal(ledger_reverse(c, t->ctx.a, BOOK, e2.id, NULL, NULL, 5, 2, &rv), WY_OK);
    assert_int_equal(rv.reverses, e2.id);
    assert_string_equal(rv.debit, "u:1");
    assert_string_equal(rv.credit, "issuer");
    assert_string_equal(rv.kind, "reverse");
    assert_string_equal(rv.unit, "攀枝花市文化馆");
    assert_string_equal(rv.ref_type, "test");
    assert_int_equal(rv.amount, 30);
    /* once, and never a reversal */
    assert_int_equal(ledger_reverse(c, t->ctx.a, BOOK, e2.id, NULL, NULL, 5, 2, NULL),
                     WY_CONSTRAINT);
    assert_int_equal(ledger_reverse(c, t->ctx.a, BOOK, rv.id, NULL, NULL, 5, 2, NULL),
                     WY_CONSTRAINT);
    assert_int_equal(ledger_reverse(c, t->ctx.a, BOOK, 9999, NULL, NULL, 5, 2, NULL), WY_NOTFOUND);
    assert_int_equal(ledger_reverse(c, t->ctx.a, "hours", e1.id, NULL, NULL, 5, 2, NULL),
                     WY_NOTFOUND);
    assert_int_equal(db_commit(c), WY_OK);
    assert_int_equal(balance(c, "u:1"), 10);
    assert_int_equal(balance(c, "redemptions"), 40);
    assert_int_equal(balance(c, "issuer"), -50);
    ledger_report r;
    assert_int_equal(ledger_verify(c, BOOK, &r), 0);
    assert_int_equal(r.entries, 4);
    tdb_close(t);
}

static void test_append_only(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    db *c = t->ctx.c;
    open_system(c);
    assert_int_equal(post(c, "issuer", "u:1", 50, "earn", NULL), WY_OK);
    assert_int_not_equal(db_run(c, "UPDATE ledger_entries SET amount = 5000", ""), WY_OK);
    assert_int_not_equal(db_run(c, "UPDATE ledger_entries SET kind = kind", ""), WY_OK);
    assert_int_not_equal(db_run(c, "DELETE FROM ledger_entries", ""), WY_OK);
    if (db_get_dialect(c) == DB_POSTGRES)
        assert_int_not_equal(db_exec(c, "TRUNCATE ledger_entries"), WY_OK);
    assert_int_equal(scalar(c, "SELECT amount FROM ledger_entries", NULL), 50);
    /* a balance row may not go negative even by hand */
    assert_int_not_equal(
        db_run(c, "UPDATE ledger_balances SET balance = -1 WHERE account = 'u:1'", ""), WY_OK);
    tdb_close(t);
}

/* ---- the property test ----------------------------------------------------------------- */

#define PEOPLE 6

static uint64_t rng;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

typedef struct model_entry {
    int64_t id;
    int debit, credit; /* index into names */
    int64_t amount;
    int reversal, reversed;
} model_entry;

static const char *names[] = {"issuer", "redemptions", "expired", "u:1", "u:2",
                              "u:3",    "u:4",         "u:5",     "u:6"};
#define NAMES (sizeof(names) / sizeof(*names))

static void check_model(db *c, const int64_t *bal)
{
    for (size_t i = 0; i < NAMES; i++) {
        int64_t b = balance(c, names[i]);
        assert_int_equal(b, bal[i]);
        assert_int_equal(b, entries_sum(c, names[i]));
        if (i != 0)
            assert_true(b >= 0);
    }
}

static void property_run(uint64_t seed, int steps)
{
    tdb *t = tdb_open(0);
    db *c = t->ctx.c;
    open_system(c);
    rng = seed;
    int64_t bal[NAMES] = {0};
    model_entry *log = calloc((size_t)steps, sizeof(*log));
    int n = 0, refused = 0;
    for (int step = 0; step < steps; step++) {
        int op = (int)(rnd() % 10), who = 3 + (int)(rnd() % PEOPLE);
        int64_t amount = 1 + (int64_t)(rnd() % 40);
        int debit, credit, target = -1;
        const char *kind;
        if (op < 3) { /* earn */
            debit = 0, credit = who, kind = "earn";
        } else if (op < 5) { /* redeem */
            debit = who, credit = 1, kind = "redeem";
        } else if (op < 7) { /* gift to someone else */
            int to = 3 + (int)(rnd() % (PEOPLE - 1));
            debit = who, credit = to >= who ? to + 1 : to, kind = "gift";
        } else if (op < 8) { /* expire */
            debit = who, credit = 2, kind = "expire";
        } else { /* reverse an earlier entry */
            if (n == 0)
                continue;
            target = (int)(rnd() % (unsigned)n);
            debit = log[target].credit, credit = log[target].debit;
            amount = log[target].amount, kind = "reverse";
        }
        int expect_ok = debit == 0 || bal[debit] >= amount;
        if (target >= 0 && (log[target].reversal || log[target].reversed))
            expect_ok = 0;
        ledger_entry e;
        int rc;
        assert_int_equal(db_begin_write(c), WY_OK);
        if (target >= 0) {
            rc = ledger_reverse(c, t->ctx.a, BOOK, log[target].id, NULL, NULL, 0, step, &e);
        } else {
            ledger_posting p = {.book = BOOK,
                                .debit = names[debit],
                                .credit = names[credit],
                                .amount = amount,
                                .kind = kind,
                                .ref_type = "step",
                                .ref_id = step};
            rc = ledger_post(c, &p, step, &e);
        }
        assert_int_equal(db_commit(c), WY_OK);
        if (!expect_ok) {
            assert_int_equal(rc, WY_CONSTRAINT);
            refused++;
        } else {
            assert_int_equal(rc, WY_OK);
            bal[debit] -= amount;
            bal[credit] += amount;
            log[n++] = (model_entry){e.id, debit, credit, amount, target >= 0, 0};
            if (target >= 0)
                log[target].reversed = 1;
        }
        if (step % 25 == 0)
            check_model(c, bal);
    }
    check_model(c, bal);
    ledger_report r;
    assert_int_equal(ledger_verify(c, BOOK, &r), 0);
    assert_int_equal(r.entries, n);
    assert_true(refused > 0 && n > steps / 2); /* both paths were taken */
    free(log);
    tdb_close(t);
}

static void test_property(void **state)
{
    (void)state;
    static const uint64_t seeds[] = {0x9e3779b97f4a7c15ULL, 42, 20261206};
    static const size_t pages[] = {20000, 7, 1};
    for (size_t i = 0; i < sizeof(seeds) / sizeof(*seeds); i++) {
        ledger_verify_page = pages[i]; /* one page, many, one entry each */
        property_run(seeds[i], 300);
    }
    ledger_verify_page = 20000;
}

/* ---- tampering ------------------------------------------------------------------------- */

static void bypass_triggers(db *c)
{
    if (db_get_dialect(c) == DB_POSTGRES)
        assert_int_equal(
            db_exec(c, "ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only"),
            WY_OK);
    else
        assert_int_equal(db_exec(c, "DROP TRIGGER ledger_entries_no_update;"
                                    " DROP TRIGGER ledger_entries_no_delete;"),
                         WY_OK);
}

static tdb *ten_entries(int64_t *ids)
{
    tdb *t = tdb_open(0);
    open_system(t->ctx.c);
    for (int i = 0; i < 10; i++) {
        ledger_entry e;
        assert_int_equal(post(t->ctx.c, "issuer", i % 2 ? "u:1" : "u:2", 10 + i, "earn", &e),
                         WY_OK);
        ids[i] = e.id;
    }
    ledger_report r;
    assert_int_equal(ledger_verify(t->ctx.c, BOOK, &r), 0);
    bypass_triggers(t->ctx.c);
    return t;
}

static void test_tamper_amount(void **state)
{
    (void)state;
    int64_t ids[10];
    tdb *t = ten_entries(ids);
    ledger_verify_page = 3; /* the entry in the third page of the pipeline */
    db *c = t->ctx.c;
    /* a row changed, its balance changed to match: the hash still tells */
    assert_int_equal(
        db_run(c, "UPDATE ledger_entries SET amount = amount + 100 WHERE id = ?", "i", ids[6]),
        WY_OK);
    assert_int_equal(
        db_run(c, "UPDATE ledger_balances SET balance = balance + 100 WHERE account = 'u:2'", ""),
        WY_OK);
    assert_int_equal(
        db_run(c, "UPDATE ledger_balances SET balance = balance - 100 WHERE account = 'issuer'",
               ""),
        WY_OK);
    ledger_report r;
    assert_int_equal(ledger_verify(c, BOOK, &r), 1);
    assert_string_equal(r.problem, "hash");
    assert_int_equal(r.bad_id, ids[6]);
    assert_int_equal(r.bad_seq, 7);
    assert_int_equal(r.entries, 6);
    assert_non_null(strstr(r.detail, "seq 7"));
    ledger_verify_page = 20000;
    tdb_close(t);
}

static void test_tamper_rehashed(void **state)
{
    (void)state;
    int64_t ids[10];
    tdb *t = ten_entries(ids);
    db *c = t->ctx.c;
    /* a row changed and its own hash recomputed: the next entry's link breaks */
    ledger_entry e;
    assert_int_equal(store_ledger_get(c, t->ctx.a, ids[3], &e), WY_OK);
    e.credit = "u:3";
    ledger_hash(&e, e.hash);
    assert_int_equal(db_run(c, "UPDATE ledger_entries SET credit = 'u:3', hash = ? WHERE id = ?",
                            "ti", e.hash, ids[3]),
                     WY_OK);
    ledger_report r;
    assert_int_equal(ledger_verify(c, BOOK, &r), 1);
    assert_string_equal(r.problem, "prev_hash");
    assert_int_equal(r.bad_id, ids[4]);
    assert_int_equal(r.bad_seq, 5);
    tdb_close(t);
}

static void test_tamper_deleted(void **state)
{
    (void)state;
    int64_t ids[10];
    tdb *t = ten_entries(ids);
    db *c = t->ctx.c;
    ledger_report r;
    /* the last entry removed: the head still names it */
    assert_int_equal(db_run(c, "DELETE FROM ledger_entries WHERE id = ?", "i", ids[9]), WY_OK);
    assert_int_equal(ledger_verify(c, BOOK, &r), 1);
    assert_string_equal(r.problem, "head");
    assert_int_equal(r.bad_seq, 10);
    /* one in the middle: the chain has a hole (read two entries a page) */
    ledger_verify_page = 2;
    assert_int_equal(db_run(c, "DELETE FROM ledger_entries WHERE id = ?", "i", ids[2]), WY_OK);
    assert_int_equal(ledger_verify(c, BOOK, &r), 1);
    assert_string_equal(r.problem, "seq");
    assert_int_equal(r.bad_id, ids[3]);
    ledger_verify_page = 20000;
    tdb_close(t);
}

static void test_tamper_balance(void **state)
{
    (void)state;
    int64_t ids[10];
    tdb *t = ten_entries(ids);
    db *c = t->ctx.c;
    ledger_report r;
    assert_int_equal(
        db_run(c, "UPDATE ledger_balances SET balance = balance + 1 WHERE account = 'u:1'", ""),
        WY_OK);
    assert_int_equal(ledger_verify(c, BOOK, &r), 1);
    assert_string_equal(r.problem, "balance");
    assert_string_equal(r.account, "u:1");
    assert_int_equal(r.expected, 11 + 13 + 15 + 17 + 19);
    assert_int_equal(r.found, r.expected + 1);
    assert_int_equal(r.entries, 10);
    /* a balance with no entry at all */
    assert_int_equal(
        db_run(c, "UPDATE ledger_balances SET balance = balance - 1 WHERE account = 'u:1'", ""),
        WY_OK);
    assert_int_equal(db_run(c,
                            "INSERT INTO ledger_balances(book, account, balance)"
                            " VALUES ('points', 'u:0', 5)",
                            ""),
                     WY_OK);
    assert_int_equal(ledger_verify(c, BOOK, &r), 1);
    assert_string_equal(r.account, "u:0");
    assert_int_equal(r.expected, 0);
    tdb_close(t);
}

/* ---- concurrency ----------------------------------------------------------------------- */

typedef struct appender {
    store *st;
    const char *account;
    int n, failed;
} appender;

static void *append_many(void *ud)
{
    appender *a = ud;
    db *c = store_acquire(a->st);
    for (int i = 0; i < a->n; i++) {
        ledger_posting p = {
            .book = BOOK, .debit = "issuer", .credit = a->account, .amount = 1, .kind = "earn"};
        int rc;
        do {
            rc = db_begin_write(c);
            if (rc == WY_OK)
                rc = ledger_post(c, &p, i, NULL);
            if (rc == WY_OK)
                rc = db_commit(c);
            else
                db_rollback(c);
        } while (rc == WY_RETRY);
        if (rc != WY_OK)
            a->failed++;
    }
    store_release(a->st, c);
    return NULL;
}

static void test_concurrent_appends(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    db *c = t->ctx.c;
    open_system(c);
    /* the test's own connection goes back, so that the pool of 2 has one for each thread */
    store_release(t->st, c);
    appender a = {t->st, "u:1", 150, 0}, b = {t->st, "u:2", 150, 0};
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, append_many, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, append_many, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    t->ctx.c = c = store_acquire(t->st);
    assert_int_equal(a.failed + b.failed, 0);
    ledger_report r;
    assert_int_equal(ledger_verify(c, BOOK, &r), 0);
    assert_int_equal(r.entries, 300);
    assert_int_equal(balance(c, "u:1"), 150);
    assert_int_equal(balance(c, "u:2"), 150);
    assert_int_equal(balance(c, "issuer"), -300);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_known_answer),
        cmocka_unit_test(test_post_chain),
        cmocka_unit_test(test_overdraw_changes_nothing),
        cmocka_unit_test(test_reverse),
        cmocka_unit_test(test_append_only),
        cmocka_unit_test(test_property),
        cmocka_unit_test(test_tamper_amount),
        cmocka_unit_test(test_tamper_rehashed),
        cmocka_unit_test(test_tamper_deleted),
        cmocka_unit_test(test_tamper_balance),
        cmocka_unit_test(test_concurrent_appends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
