/* Tests of the store of draws (src/core/lottery_record.c, store_lotteries.c) on both backends:
 * open -> committed -> drawn, what never changes once committed or drawn (the store's guards
 * and the database's triggers), a draw refused before its round, and a draw whose owner fails
 * half-way: nothing is kept, and the rerun gives the same draw. The owner is a kind of the
 * test's own. The clock is the test's (ctx.now). */
#include "testlib.h"

#include "core/audit.h"
#include "core/lottery_record.h"

/* src/demo.c: the district admin manages courses in 510402; the citizen nothing */
static const char *DA = "13900000002", *CITIZEN = "13800000006", *CA = "13900000001";
static const char *VALUE = "fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671";

static int fail_apply; /* the next apply fails after writing */
static int applied;    /* applies that succeeded */

static int t_describe(wy_ctx *ctx, int64_t owner_id, const char **division, const char **title)
{
    if (owner_id != 7)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such owner.");
    *division = "510402";
    *title = "测试摇号";
    return 0;
}

static int t_build(wy_ctx *ctx, int64_t owner_id, lottery_inputs *in)
{
    (void)ctx;
    (void)owner_id;
    static const lottery_item items[] = {{"c1", "书法", 1}, {"c2", "古典舞", 2}};
    static const char *const both[] = {"c1", "c2"}, *const one[] = {"c2"};
    static const lottery_entry entries[] = {{"P3", both, 2, 0, NULL, 0},
                                            {"P1", both, 2, 1, NULL, 0},
                                            {"P2", one, 1, 0, NULL, 0},
                                            {"P4", both, 2, 1, NULL, 0}};
    in->title = NULL;
    in->max_choices = 2;
    in->max_places = 1;
    in->priority_rule = "新学员优先";
    in->items = items;
    in->nitems = 2;
    in->entries = entries;
    in->nentries = 4;
    return 0;
}

static int t_apply(wy_ctx *ctx, int64_t owner_id, const lottery *l)
{
    size_t n;
    lottery_applicants(l, &n);
    assert_int_equal(n, 4);
    if (audit_add(ctx, "test.apply", "owner", owner_id, "510402", NULL, NULL, NULL) < 0)
        return -1;
    if (fail_apply) {
        fail_apply = 0;
        return wy_fail(ctx, E_INTERNAL, "internal", "The owner failed half-way.");
    }
    applied++;
    return 0;
}

static int fail_annul;       /* the next annulment fails after writing */
static char annulled[16][8]; /* the applicants annulled, in order */
static int nannulled;

static int t_annul(wy_ctx *ctx, int64_t owner_id, const lottery_correction_row *cr)
{
    if (audit_add(ctx, "test.annul", "owner", owner_id, "510402", NULL, NULL, cr->applicant) < 0)
        return -1;
    if (fail_annul) {
        fail_annul = 0;
        return wy_fail(ctx, E_CONFLICT, "changed", "The owner failed half-way.");
    }
    snprintf(annulled[nannulled++], sizeof(annulled[0]), "%s", cr->applicant);
    return 0;
}

static const lottery_kind KIND = {"test_owner", PERM_COURSES_MANAGE, t_describe, t_build, t_apply,
                                  t_annul};

static int64_t count(tdb *t, const char *sql)
{
    db_stmt *st = db_query(t->ctx.c, sql, "");
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void test_lifecycle(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    lottery_register_kind(&KIND);
    applied = 0;
    lottery_row r;
    /* staff of the owner's area only */
    tdb_as(t, CITIZEN);
    assert_int_equal(lottery_record_open(&t->ctx, "test_owner", 7, &r), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DA);
    assert_int_equal(lottery_record_open(&t->ctx, "test_owner", 8, &r), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(lottery_record_open(&t->ctx, "test_owner", 7, &r), 0);
    assert_string_equal(r.status, "open");
    assert_string_equal(r.division, "510402");
    assert_null(r.commitment);
    int64_t id = r.id;
    assert_int_equal(lottery_record_open(&t->ctx, "test_owner", 7, &r), 0); /* one per owner */
    assert_int_equal(r.id, id);
    /* nothing published before the commitment */
    const char *text;
    size_t len;
    assert_int_equal(lottery_record_inputs(&t->ctx, id, &text, &len), -1);
    assert_string_equal(t->ctx.err.code, "not_committed");
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    /* a beacon whose rounds do not follow the clock is refused */
    assert_int_equal(lottery_record_commit(&t->ctx, id, "nist/2.0/chain/2", 0, &r), -1);
    assert_string_equal(t->ctx.err.code, "beacon_not_timed");
    tdb_as(t, CITIZEN);
    assert_int_equal(lottery_record_commit(&t->ctx, id, NULL, 0, &r), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* committed: a round out after the commitment */
    tdb_as(t, DA);
    int64_t at = t->ctx.now + 3600 * 1000;
    assert_int_equal(lottery_record_commit(&t->ctx, id, NULL, at, &r), 0);
    assert_string_equal(r.status, "committed");
    assert_string_equal(r.beacon_source, "drand/quicknet");
    assert_true(r.beacon_due_at >= at && r.beacon_due_at < at + 4000);
    uint64_t round;
    int64_t when;
    assert_int_equal(
        lottery_beacon_round_at("drand/quicknet", r.beacon_due_at / 1000, &round, &when), 0);
    assert_int_equal((int64_t)round, r.beacon_round);
    assert_int_equal(strlen(r.commitment), 64);
    const char *commitment = r.commitment;
    /* the published inputs are the bytes the commitment hashes */
    assert_int_equal(lottery_record_inputs(&t->ctx, id, &text, &len), 0);
    lottery *l;
    char err[256], beacon[2 * LOTTERY_BEACON_MAX + 1], hex[LOTTERY_HEX];
    assert_int_equal(lottery_read(text, len, &l, beacon, err, sizeof(err)), 0);
    lottery_hex(lottery_commitment(l), LOTTERY_HASH, hex);
    assert_string_equal(hex, commitment);
    assert_non_null(strstr(text, "\"title\":\"测试摇号\""));
    lottery_free(l);
    /* committed once */
    assert_int_equal(lottery_record_commit(&t->ctx, id, NULL, at, &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    /* not before the round is out */
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), -1);
    assert_string_equal(t->ctx.err.code, "too_early");
    assert_int_equal(t->ctx.err.opens_at, r.beacon_due_at);
    assert_int_equal(lottery_record_file(&t->ctx, id, &text, &len), -1);
    assert_string_equal(t->ctx.err.code, "not_drawn");
    t->ctx.now = r.beacon_due_at;
    tdb_as(t, CITIZEN);
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DA);
    assert_int_equal(lottery_record_draw(&t->ctx, id, "xyz", &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_beacon_value");
    /* the owner fails half-way: nothing is kept, neither the draw nor what it wrote */
    fail_apply = 1;
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), -1);
    assert_int_equal(lottery_record_get(&t->ctx, id, &r), 0);
    assert_string_equal(r.status, "committed");
    assert_null(r.seed);
    assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'test.apply'"), 0);
    assert_int_equal(applied, 0);
    /* the rerun draws, and gives what the draw of the published inputs gives offline */
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), 0);
    assert_string_equal(r.status, "drawn");
    assert_string_equal(r.beacon_value, VALUE);
    assert_int_equal(applied, 1);
    assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'test.apply'"), 1);
    assert_int_equal(lottery_record_inputs(&t->ctx, id, &text, &len), 0);
    assert_int_equal(lottery_read(text, len, &l, beacon, err, sizeof(err)), 0);
    assert_int_equal(lottery_draw(l, VALUE, err, sizeof(err)), 0);
    strbuf want = STRBUF_INIT;
    assert_int_equal(lottery_write(l, &want), 0);
    lottery_free(l);
    assert_int_equal(lottery_record_file(&t->ctx, id, &text, &len), 0);
    assert_int_equal(len, want.len);
    assert_memory_equal(text, want.buf, len);
    sb_release(&want);
    char msg[256];
    assert_int_equal(lottery_verify(text, len, NULL, msg, sizeof(msg)), LOTTERY_VERIFIED);
    assert_non_null(strstr(text, r.seed));
    /* drawn once: the same value answers the same draw, another is refused */
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), 0);
    assert_int_equal(applied, 1);
    assert_int_equal(lottery_record_draw(&t->ctx, id, "00112233445566778899aabbccddeeff", &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    /* listed, newest first, by division subtree */
    lottery_row *rows;
    size_t n;
    assert_int_equal(lottery_record_list(&t->ctx, "5104", 0, 10, &rows, &n), 0);
    assert_true(n >= 1); /* the demo's past term has one too */
    assert_int_equal(rows[0].id, id);
    for (size_t i = 1; i < n; i++)
        assert_true(rows[i].id < rows[i - 1].id);
    assert_int_equal(lottery_record_list(&t->ctx, "510403", 0, 10, &rows, &n), 0);
    assert_int_equal(n, 0);
    /* the verification is kept: a second view gets the same check, verified once */
    lottery_check *c1, *c2, *c3;
    assert_int_equal(lottery_record_check(&t->ctx, &r, &c1), 0);
    assert_int_equal(c1->outcome, LOTTERY_VERIFIED);
    assert_non_null(c1->l);
    assert_int_equal(lottery_record_check(&t->ctx, &r, &c2), 0);
    assert_ptr_equal(c1, c2);
    lottery_check_release(c2);
    /* at most LOTTERY_CHECKS_KEPT: other draws (here: other seeds) give up the oldest, which
     * stays whole for the one still reading it */
    char seeds[LOTTERY_CHECKS_KEPT][LOTTERY_HEX];
    for (int i = 0; i < LOTTERY_CHECKS_KEPT; i++) {
        lottery_row other = r;
        snprintf(seeds[i], sizeof(seeds[i]), "%064d", i);
        other.seed = seeds[i];
        assert_int_equal(lottery_record_check(&t->ctx, &other, &c3), 0);
        assert_ptr_not_equal(c3, c1);
        lottery_check_release(c3);
    }
    assert_int_equal(lottery_record_check(&t->ctx, &r, &c2), 0);
    assert_ptr_not_equal(c1, c2);
    assert_int_equal(c2->outcome, LOTTERY_VERIFIED);
    size_t n1, n2;
    assert_int_equal(lottery_applicants(c1->l, &n1)[0].id[0], 'P');
    lottery_applicants(c2->l, &n2);
    assert_int_equal(n1, n2);
    lottery_check_release(c1);
    lottery_check_release(c2);
    tdb_close(t);
}

/* Whoever writes, the database keeps what a commitment and a draw fixed. */
static void test_immutable(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    lottery_register_kind(&KIND);
    lottery_row r;
    tdb_as(t, DA);
    assert_int_equal(lottery_record_open(&t->ctx, "test_owner", 7, &r), 0);
    int64_t id = r.id;
    /* an open lottery may change and go */
    assert_int_equal(db_run(t->ctx.c, "UPDATE lotteries SET title = 'x' WHERE id = ?", "i", id),
                     WY_OK);
    assert_int_equal(lottery_record_commit(&t->ctx, id, NULL, 0, &r), 0);
    db *c = t->ctx.c;
    assert_true(db_run(c, "UPDATE lotteries SET inputs = 'x' WHERE id = ?", "i", id) != WY_OK);
    assert_true(db_run(c, "UPDATE lotteries SET commitment = 'x' WHERE id = ?", "i", id) != WY_OK);
    assert_true(db_run(c, "UPDATE lotteries SET beacon_round = 1 WHERE id = ?", "i", id) != WY_OK);
    assert_true(db_run(c, "UPDATE lotteries SET status = 'open' WHERE id = ?", "i", id) != WY_OK);
    assert_true(db_run(c, "DELETE FROM lotteries WHERE id = ?", "i", id) != WY_OK);
    /* the store's guard: committing again changes nothing */
    assert_int_equal(store_lottery_commit(c, id, "{}", "00", "test", 1, 0, 0, 0), WY_NOTFOUND);
    t->ctx.now = r.beacon_due_at + 1;
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), 0);
    assert_true(db_run(c, "UPDATE lotteries SET draw_file = 'x' WHERE id = ?", "i", id) != WY_OK);
    assert_true(db_run(c, "UPDATE lotteries SET seed = 'x' WHERE id = ?", "i", id) != WY_OK);
    assert_true(db_run(c, "UPDATE lotteries SET status = 'committed' WHERE id = ?", "i", id) !=
                WY_OK);
    assert_int_equal(store_lottery_drawn(c, id, "00", "00", "x", 0, 0), WY_NOTFOUND);
    const char *text;
    size_t len;
    assert_int_equal(lottery_record_file(&t->ctx, id, &text, &len), 0);
    char msg[256];
    assert_int_equal(lottery_verify(text, len, NULL, msg, sizeof(msg)), LOTTERY_VERIFIED);
    tdb_close(t);
}

/* A drawn lottery's results are corrected by records of their own: proposed by one member of
 * staff, applied by another, published, and never changed; the draw file stays as drawn. */
static void test_corrections(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    lottery_register_kind(&KIND);
    nannulled = 0;
    lottery_row r;
    lottery_correction_row c, *cs;
    size_t n;
    int all;
    tdb_as(t, DA);
    assert_int_equal(lottery_record_open(&t->ctx, "test_owner", 7, &r), 0);
    int64_t id = r.id;
    const char *why = "经核查，该申请人户籍不在本区，不符合报名条件。";
    /* nothing to correct before the draw */
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "erratum", NULL, why, &c), -1);
    assert_string_equal(t->ctx.err.code, "not_drawn");
    assert_int_equal(lottery_record_commit(&t->ctx, id, NULL, 0, &r), 0);
    t->ctx.now = r.beacon_due_at + 1;
    assert_int_equal(lottery_record_draw(&t->ctx, id, VALUE, &r), 0);
    const char *file0;
    size_t len0;
    assert_int_equal(lottery_record_file(&t->ctx, id, &file0, &len0), 0);
    /* validation: the action, the applicant, the reason */
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "edit", "P1", why, &c), -1);
    assert_string_equal(t->ctx.err.code, "bad_action");
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "annul", "", why, &c), -1);
    assert_string_equal(t->ctx.err.field, "applicant");
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "erratum", "P1", why, &c), -1);
    assert_string_equal(t->ctx.err.code, "bad_applicant");
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "annul", "P1", "错", &c), -1);
    assert_string_equal(t->ctx.err.code, "bad_reason");
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "annul", "P9", why, &c), -1);
    assert_string_equal(t->ctx.err.code, "unknown_applicant");
    tdb_as(t, CITIZEN);
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "annul", "P1", why, &c), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* proposed: staff see it, the public does not yet */
    tdb_as(t, DA);
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "annul", "P1", why, &c), 0);
    assert_string_equal(c.status, "proposed");
    int64_t cid = c.id;
    assert_int_equal(lottery_correction_propose(&t->ctx, id, "annul", "P1", why, &c), -1);
    assert_string_equal(t->ctx.err.code, "already_annulled");
    assert_int_equal(lottery_correction_list(&t->ctx, id, &cs, &n, &all), 0);
    assert_int_equal(n, 1);
    assert_true(all);
    tdb_as(t, CITIZEN);
    assert_int_equal(lottery_correction_list(&t->ctx, id, &cs, &n, &all), 0);
    assert_int_equal(n, 0);
    assert_false(all);
    /* nobody applies their own correction; a citizen none */
    assert_int_equal(lottery_correction_decide(&t->ctx, cid, 1, &c), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DA);
    assert_int_equal(lottery_correction_decide(&t->ctx, cid, 1, &c), -1);
    assert_string_equal(t->ctx.err.code, "own_correction");
    /* the owner fails half-way: the correction stays proposed, nothing of it is kept */
    tdb_as(t, CA);
    fail_annul = 1;
    assert_int_equal(lottery_correction_decide(&t->ctx, cid, 1, &c), -1);
    assert_int_equal(nannulled, 0);
    assert_int_equal(count(t, "SELECT count(*) FROM audit_log WHERE action = 'test.annul'"), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM lottery_corrections WHERE status = 'proposed'"),
                     1);
    /* applied by a second member of staff: the owner annuls, the public sees it */
    assert_int_equal(lottery_correction_decide(&t->ctx, cid, 1, &c), 0);
    assert_string_equal(c.status, "applied");
    assert_int_equal(nannulled, 1);
    assert_string_equal(annulled[0], "P1");
    assert_int_equal(lottery_correction_decide(&t->ctx, cid, 0, &c), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    tdb_as(t, CITIZEN);
    assert_int_equal(lottery_correction_list(&t->ctx, id, &cs, &n, &all), 0);
    assert_int_equal(n, 1);
    assert_string_equal(cs[0].applicant, "P1");
    assert_string_equal(cs[0].reason, why);
    /* an erratum, proposed then cancelled by its proposer: kept, never published */
    tdb_as(t, DA);
    assert_int_equal(
        lottery_correction_propose(&t->ctx, id, "erratum", NULL, "公示标题有误，应为春季班。", &c),
        0);
    assert_int_equal(lottery_correction_decide(&t->ctx, c.id, 0, &c), 0);
    assert_string_equal(c.status, "cancelled");
    assert_int_equal(lottery_correction_list(&t->ctx, id, &cs, &n, &all), 0);
    assert_int_equal(n, 2);
    tdb_as(t, CITIZEN);
    assert_int_equal(lottery_correction_list(&t->ctx, id, &cs, &n, &all), 0);
    assert_int_equal(n, 1);
    /* every step audited; the draw file unchanged and still verified */
    assert_int_equal(
        count(t, "SELECT count(*) FROM audit_log WHERE action LIKE 'lottery_correction.%'"), 4);
    const char *file;
    size_t len;
    assert_int_equal(lottery_record_file(&t->ctx, id, &file, &len), 0);
    assert_int_equal(len, len0);
    assert_memory_equal(file, file0, len);
    /* the database keeps a decided correction as it is, and every correction */
    db *d = t->ctx.c;
    assert_true(db_run(d, "UPDATE lottery_corrections SET reason = 'x' WHERE id = ?", "i", cid) !=
                WY_OK);
    assert_true(db_run(d, "UPDATE lottery_corrections SET status = 'cancelled' WHERE id = ?", "i",
                       cid) != WY_OK);
    assert_true(db_run(d, "DELETE FROM lottery_corrections WHERE id = ?", "i", cid) != WY_OK);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lifecycle),
        cmocka_unit_test(test_immutable),
        cmocka_unit_test(test_corrections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
