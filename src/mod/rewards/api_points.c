/* api_points: a volunteer's points (balance and statement, gifts), coordinators' awards,
 * staff's reversals and the auditors' reconciliation under /api/v1. */
#include <string.h>

#include "mod/rewards/handlers.h"
#include "mod/rewards/rewards.h"

/* An entry as its person sees it: signed for their account (+ in, - out). */
static json_t *points_entry_json(const ledger_entry *e, const char *account)
{
    int in = !strcmp(e->credit, account);
    return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:I,s:s,s:o,s:o,s:s}", "id", (json_int_t)e->id,
                     "seq", (json_int_t)e->seq, "kind", e->kind, "amount",
                     (json_int_t)(in ? e->amount : -e->amount), "from", e->debit, "to", e->credit,
                     "ref_type", e->ref_type, "ref_id", (json_int_t)e->ref_id, "unit", e->unit,
                     "reverses", e->reverses ? json_integer(e->reverses) : json_null(),
                     "created_at", api_time(e->created_at), "hash", e->hash);
}

void api_points_me(http_req *req)
{
    int limit;
    int64_t cursor, balance;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    ledger_entry *es;
    size_t n;
    if (points_mine(req_ctx(req), cursor, limit, &balance, &es, &n) < 0) {
        resp_fail(req);
        return;
    }
    char acct[32];
    points_account(req_ctx(req)->who->user_id, acct);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, points_entry_json(&es[i], acct));
    json_t *j = api_page(arr, n == (size_t)limit ? es[n - 1].seq : 0);
    json_object_set_new(j, "account", json_string(acct));
    json_object_set_new(j, "balance", json_integer(balance));
    resp_json(req, 200, j);
}

void api_points_gift(http_req *req)
{
    json_t *b = req_json(req);
    const char *to;
    int64_t amount;
    if (!b)
        return;
    if (api_str(req, b, "to_phone", 1, &to) < 0 || api_int(req, b, "amount", 1, &amount) < 0) {
        json_decref(b);
        return;
    }
    ledger_entry e;
    if (points_gift(req_ctx(req), to, amount, &e) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, points_entry_json(&e, e.debit));
    json_decref(b);
}

void api_points_award(http_req *req)
{
    json_t *b = req_json(req);
    const char *reason;
    int64_t org, amount, id;
    if (!b)
        return;
    if (api_int(req, b, "org_id", 1, &org) < 0 || api_int(req, b, "amount", 1, &amount) < 0 ||
        api_str(req, b, "reason", 1, &reason) < 0) {
        json_decref(b);
        return;
    }
    json_t *us = json_object_get(b, "user_ids"), *sj = json_object_get(b, "session_id");
    if (sj && !json_is_null(sj)) { /* by attendance: those checked in at the session */
        int64_t people = 0;
        if (us && !json_is_null(us)) {
            resp_error(req, 400, "bad_users",
                       req_tr(req, "An award names user_ids or a session_id, not both."));
        } else if (!json_is_integer(sj) || json_integer_value(sj) <= 0) {
            resp_error(req, 400, "unknown_session", req_tr(req, "No such activity session."));
        } else if (points_award_session(req_ctx(req), org, amount, reason, json_integer_value(sj),
                                        &id, &people) < 0) {
            resp_fail(req);
        } else {
            resp_json(req, 201,
                      json_pack("{s:I,s:I,s:I,s:s,s:I,s:I}", "id", (json_int_t)id, "org_id",
                                (json_int_t)org, "amount", (json_int_t)amount, "reason", reason,
                                "people", (json_int_t)people, "session_id",
                                json_integer_value(sj)));
        }
        json_decref(b);
        return;
    }
    size_t n = json_is_array(us) ? json_array_size(us) : 0;
    int64_t *ids =
        n && n <= POINTS_AWARD_MAX_PEOPLE ? arena_alloc(&req->a, n * sizeof(*ids)) : NULL;
    for (size_t i = 0; ids && i < n; i++) {
        json_t *v = json_array_get(us, i);
        if (!json_is_integer(v))
            ids = NULL;
        else
            ids[i] = json_integer_value(v);
    }
    if (!ids) {
        resp_error(req, 400, "bad_users",
                   req_tr(req, "user_ids is a list of 1 to 500 volunteers' account ids."));
        json_decref(b);
        return;
    }
    if (points_award(req_ctx(req), org, amount, reason, ids, n, &id) < 0)
        resp_fail(req);
    else
        resp_json(req, 201,
                  json_pack("{s:I,s:I,s:I,s:s,s:I,s:n}", "id", (json_int_t)id, "org_id",
                            (json_int_t)org, "amount", (json_int_t)amount, "reason", reason,
                            "people", (json_int_t)n, "session_id"));
    json_decref(b);
}

void api_points_reverse(http_req *req)
{
    json_t *b = req_json(req);
    const char *reason;
    if (!b)
        return;
    if (api_str(req, b, "reason", 1, &reason) < 0) {
        json_decref(b);
        return;
    }
    ledger_entry e;
    if (points_reverse(req_ctx(req), req_id(req, 0), reason, &e) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, points_entry_json(&e, e.credit));
    json_decref(b);
}

void api_points_reconcile(http_req *req)
{
    ledger_report r;
    int rc = points_reconcile(req_ctx(req), &r);
    if (rc < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = json_pack("{s:s,s:b,s:I,s:I}", "book", POINTS_BOOK, "ok", rc == 0, "entries",
                          (json_int_t)r.entries, "accounts", (json_int_t)r.accounts);
    if (rc == 1)
        json_object_set_new(j, "problem",
                            json_pack("{s:s,s:I,s:I,s:s,s:I,s:I,s:s}", "code", r.problem,
                                      "entry_id", (json_int_t)r.bad_id, "seq",
                                      (json_int_t)r.bad_seq, "account", r.account, "expected",
                                      (json_int_t)r.expected, "found", (json_int_t)r.found,
                                      "detail", r.detail));
    resp_json(req, 200, j);
}
