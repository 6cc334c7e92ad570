/*
 * Tests of src/core/revision.c, the one mechanism for changing published records through
 * review, over a record type of the test's own (notes kept in memory): what a proposal keeps
 * and refuses (one at a time, only the type's editable fields, nothing to change), who sees a
 * pending revision, that its proposer never decides it, what approval, rejection, an empty
 * chain and a record no longer published do, the audit lines, and the types kept apart.
 */
#include "testlib.h"

#include "core/audit.h"
#include "core/authz.h"
#include "core/revision.h"

static const char *PUBLISHER = "13900000005", *RV1 = "13900000003", *RV2 = "13900000004",
                  *CITIZEN = "13800000006";

/* ---- the test's record type: notes, in memory ---- */

enum { NOTE_TITLE = 1u, NOTE_BODY = 2u, NOTE_TAG = 4u };

typedef struct note {
    int64_t id;
    const char *division, *status;
    char title[64], body[64];
    int body_null, applied;
} note;

static note notes[2];

static int note_load(wy_ctx *ctx, int64_t id, revision_target *out)
{
    for (size_t i = 0; i < sizeof(notes) / sizeof(*notes); i++)
        if (notes[i].id == id) {
            *out = (revision_target){id, notes[i].division, notes[i].status, notes[i].title,
                                     &notes[i]};
            return 0;
        }
    return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
}

static int note_manages(const principal *who, const revision_target *t)
{
    return authz_allows(who, PERM_PUBLISH, t->division);
}

static int note_apply(wy_ctx *ctx, const revision_target *t, const revision *r)
{
    (void)ctx;
    note *n = t->record;
    if (r->fields & NOTE_TITLE)
        snprintf(n->title, sizeof(n->title), "%s", r->values[0]);
    if (r->fields & NOTE_BODY) {
        n->body_null = r->values[1] == NULL;
        snprintf(n->body, sizeof(n->body), "%s", r->values[1] ? r->values[1] : "");
    }
    n->applied++;
    return 0;
}

static const char *const note_fields[] = {"title", "body", "tag", NULL};

static const revision_type note_revision = {
    .review = {"test_note_revision", revision_on_status},
    .object_type = "test_note",
    .fields = note_fields,
    .editable = NOTE_TITLE | NOTE_BODY, /* not the tag */
    .pending_refusal = "A change of this note waits already.",
    .load = note_load,
    .manages = note_manages,
    .apply = note_apply,
};

/* A second type over the same notes: its revisions are not the first one's. */
static const revision_type other_revision = {
    .review = {"test_other_revision", revision_on_status},
    .object_type = "test_note",
    .fields = note_fields,
    .editable = NOTE_TAG,
    .pending_refusal = "A change of this note waits already.",
    .load = note_load,
    .manages = note_manages,
    .apply = note_apply,
};

static tdb *open_notes(void)
{
    tdb *t = tdb_open(1);
    review_register_type(&note_revision.review);
    review_register_type(&other_revision.review);
    memset(notes, 0, sizeof(notes));
    notes[0] = (note){.id = 41, .division = "510402001", .status = "published"};
    snprintf(notes[0].title, sizeof(notes[0].title), "原标题");
    snprintf(notes[0].body, sizeof(notes[0].body), "原正文");
    notes[1] = notes[0];
    notes[1].id = 42;
    return t;
}

/* Propose as phone in a transaction of its own: 0 with *status, or -1 with the refusal. */
static int propose(tdb *t, const char *phone, int64_t id, unsigned set, const char *title,
                   const char *body, const char **status)
{
    tdb_as(t, phone);
    revision_target target;
    assert_int_equal(note_load(&t->ctx, id, &target), 0);
    const char *values[REVISION_MAX_FIELDS] = {title, body, "标签"};
    if (tx_begin(&t->ctx) < 0)
        return -1;
    return tx_end(&t->ctx, revision_propose(&t->ctx, &note_revision, &target, set, values, status));
}

static int pending_as(tdb *t, const char *phone, int64_t id, revision *r, int64_t *review_id)
{
    tdb_as(t, phone);
    revision_target target;
    assert_int_equal(note_load(&t->ctx, id, &target), 0);
    return revision_pending(&t->ctx, &note_revision, &target, r, review_id);
}

static audit_entry last_audit(tdb *t)
{
    audit_entry *e;
    size_t n;
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, "test_note", "41", NULL, 0, 1, &e, &n),
                     WY_OK);
    assert_int_equal(n, 1);
    return e[0];
}

static const char *decide(tdb *t, int64_t review_id, const char *phone, const char *decision,
                          const char *reason)
{
    tdb_as(t, phone);
    review_item it;
    assert_int_equal(review_decide(&t->ctx, review_id, decision, reason, &it), 0);
    return it.status;
}

/* Proposed, seen by those who manage or review the note only, applied on the last approval. */
static void test_propose_and_approve(void **state)
{
    (void)state;
    tdb *t = open_notes();
    const char *status;
    /* nothing the type may change: refused, nothing kept */
    assert_int_equal(propose(t, PUBLISHER, 41, NOTE_TAG, NULL, NULL, &status), -1);
    assert_string_equal(t->ctx.err.code, "nothing_to_change");
    revision r;
    int64_t review_id;
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 0);

    assert_int_equal(
        propose(t, PUBLISHER, 41, NOTE_TITLE | NOTE_BODY | NOTE_TAG, "新标题", "新正文", &status),
        0);
    assert_string_equal(status, "pending");
    audit_entry e = last_audit(t);
    assert_string_equal(e.action, "test_note.revise");
    assert_string_equal(e.reason, "title, body"); /* the tag is not the type's to change */
    assert_string_equal(e.division, "510402001");
    /* one at a time: the type's own refusal */
    assert_int_equal(propose(t, PUBLISHER, 41, NOTE_BODY, NULL, "再改", &status), -1);
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    assert_string_equal(t->ctx.err.code, "revision_pending");
    assert_string_equal(t->ctx.err.message, "A change of this note waits already.");
    /* another note is another record */
    assert_int_equal(propose(t, PUBLISHER, 42, NOTE_BODY, NULL, "另一条", &status), 0);

    /* the publisher and the reviewers see it, with its review item */
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 1);
    assert_true(review_id > 0);
    assert_int_equal(r.fields, NOTE_TITLE | NOTE_BODY);
    assert_string_equal(r.values[0], "新标题");
    assert_string_equal(r.values[1], "新正文");
    assert_null(r.values[2]);
    assert_string_equal(r.status, "pending");
    assert_int_equal(r.target_id, 41);
    review_item it;
    assert_int_equal(
        store_review_item_by_content(t->ctx.c, t->ctx.a, "test_note_revision", r.id, &it), WY_OK);
    assert_int_equal(it.id, review_id);
    assert_string_equal(it.title, "原标题");
    assert_string_equal(it.division, "510402001");
    int64_t where = 0;
    assert_int_equal(pending_as(t, RV1, 41, &r, &review_id), 1);
    assert_int_equal(revision_where(&t->ctx, &note_revision, r.id, &where), 0);
    assert_int_equal(where, 41);
    /* nobody else knows of it */
    int64_t none = -1;
    assert_int_equal(pending_as(t, CITIZEN, 41, &r, &none), 0);
    assert_int_equal(none, 0);
    assert_int_equal(revision_where(&t->ctx, &note_revision, r.id, &where), -1);
    assert_string_equal(t->ctx.err.code, "not_found");
    /* nor is it another type's */
    tdb_as(t, RV1);
    assert_int_equal(revision_where(&t->ctx, &other_revision, r.id, &where), -1);
    assert_string_equal(t->ctx.err.code, "not_found");
    revision got;
    assert_int_equal(revision_get(&t->ctx, &other_revision, r.id, &got), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);

    /* its proposer never decides it, even as a reviewer */
    account u;
    int64_t gid;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, PUBLISHER, &u), WY_OK);
    assert_int_equal(store_role_grant(t->ctx.c, u.id, "reviewer", "510402", 0, t->ctx.now, &gid),
                     WY_OK);
    tdb_as(t, PUBLISHER);
    assert_int_equal(review_decide(&t->ctx, review_id, "approve", NULL, NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");

    /* the first level is not the last: the note as it was */
    assert_string_equal(decide(t, review_id, RV1, "approve", NULL), "pending");
    assert_string_equal(notes[0].title, "原标题");
    assert_int_equal(notes[0].applied, 0);
    assert_string_equal(decide(t, review_id, RV2, "approve", NULL), "published");
    assert_int_equal(notes[0].applied, 1);
    assert_string_equal(notes[0].title, "新标题");
    assert_string_equal(notes[0].body, "新正文");
    e = last_audit(t);
    assert_string_equal(e.action, "test_note.revision_apply");
    assert_string_equal(e.reason, "title, body");
    assert_int_equal(revision_get(&t->ctx, &note_revision, r.id, &got), 0);
    assert_string_equal(got.status, "approved");
    assert_true(got.decided_at > 0);
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 0);
    /* the other note's waits still, untouched */
    assert_int_equal(notes[1].applied, 0);
    assert_int_equal(pending_as(t, PUBLISHER, 42, &r, &review_id), 1);
    tdb_close(t);
}

/* A rejection discards (the note as it was, a new proposal welcome); a value may clear a
 * field; a note no longer published takes nothing; an empty chain applies at once. */
static void test_reject_clear_obsolete_empty_chain(void **state)
{
    (void)state;
    tdb *t = open_notes();
    const char *status;
    revision r;
    int64_t review_id;
    assert_int_equal(propose(t, PUBLISHER, 41, NOTE_TITLE, "被拒的", NULL, &status), 0);
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 1);
    assert_string_equal(decide(t, review_id, RV1, "reject", "不妥"), "rejected");
    assert_string_equal(notes[0].title, "原标题");
    assert_int_equal(notes[0].applied, 0);
    audit_entry e = last_audit(t);
    assert_string_equal(e.action, "test_note.revision_discard");
    assert_string_equal(e.to_state, "published");
    assert_string_equal(e.reason, "rejected");
    revision got;
    assert_int_equal(revision_get(&t->ctx, &note_revision, r.id, &got), 0);
    assert_string_equal(got.status, "rejected");

    /* clearing the body is a change: null kept, null applied */
    assert_int_equal(propose(t, PUBLISHER, 41, NOTE_BODY, NULL, NULL, &status), 0);
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 1);
    assert_int_equal(r.fields, NOTE_BODY);
    assert_null(r.values[1]);
    decide(t, review_id, RV1, "approve", NULL);
    assert_string_equal(decide(t, review_id, RV2, "approve", NULL), "published");
    assert_int_equal(notes[0].applied, 1);
    assert_true(notes[0].body_null);
    assert_string_equal(notes[0].title, "原标题");

    /* no longer published when approved: obsolete, nothing applied */
    assert_int_equal(propose(t, PUBLISHER, 41, NOTE_TITLE, "取消之后", NULL, &status), 0);
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 1);
    decide(t, review_id, RV1, "approve", NULL);
    notes[0].status = "cancelled";
    assert_string_equal(decide(t, review_id, RV2, "approve", NULL), "published");
    assert_int_equal(notes[0].applied, 1);
    assert_string_equal(notes[0].title, "原标题");
    assert_int_equal(revision_get(&t->ctx, &note_revision, r.id, &got), 0);
    assert_string_equal(got.status, "obsolete");
    e = last_audit(t);
    assert_string_equal(e.action, "test_note.revision_discard");
    assert_string_equal(e.to_state, "cancelled");
    assert_string_equal(e.reason, "obsolete");

    /* withdrawn from review: discarded as well */
    notes[0].status = "published";
    assert_int_equal(propose(t, PUBLISHER, 41, NOTE_TITLE, "撤回的", NULL, &status), 0);
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 1);
    assert_int_equal(tx_begin(&t->ctx), 0);
    assert_int_equal(tx_end(&t->ctx, review_withdraw_tx(&t->ctx, "test_note_revision", r.id)), 0);
    assert_int_equal(revision_get(&t->ctx, &note_revision, r.id, &got), 0);
    assert_string_equal(got.status, "rejected");
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 0);

    /* an empty chain: applied at once */
    assert_int_equal(store_review_chain_set(t->ctx.c, "test_note_revision", "5104", ""), WY_OK);
    assert_int_equal(propose(t, PUBLISHER, 41, NOTE_TITLE, "即时生效", NULL, &status), 0);
    assert_string_equal(status, "published");
    assert_string_equal(notes[0].title, "即时生效");
    assert_int_equal(notes[0].applied, 2);
    assert_int_equal(pending_as(t, PUBLISHER, 41, &r, &review_id), 0);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_propose_and_approve),
        cmocka_unit_test(test_reject_clear_obsolete_empty_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
