/*
 * store_rewards: reward items, redemptions and awards of the points supermarket, and the
 * reads of a person's points beyond balances (rewards_store.h). The redemption batch itself
 * is a rule (redemption.c): it joins these statements with the ledger's posting in one
 * transaction.
 */
#include <stdio.h>
#include <string.h>

#include "mod/rewards/rewards_store.h"
#include "db/store_util.h"

#define ITEM_COLS                                                                                  \
    "i.id, i.org_id, o.name, i.division, i.title, i.description, i.kind, i.cost, i.stock,"         \
    " i.taken, i.place, i.status, coalesce(i.created_by, 0), i.created_at,"                        \
    " coalesce(i.activity_id, 0), coalesce(act.title, ''), i.priority_hours,"                      \
    " coalesce(i.course_id, 0)"

static void fill_item(arena *a, db_stmt *st, reward_item *it)
{
    it->id = db_col_int(st, 0);
    it->org_id = db_col_int(st, 1);
    it->org_name = col_str(a, st, 2);
    it->division = col_str(a, st, 3);
    it->title = col_str(a, st, 4);
    it->description = col_str(a, st, 5);
    it->kind = col_str(a, st, 6);
    it->cost = db_col_int(st, 7);
    it->stock = db_col_int(st, 8);
    it->taken = db_col_int(st, 9);
    it->place = col_str(a, st, 10);
    it->status = col_str(a, st, 11);
    it->created_by = db_col_int(st, 12);
    it->created_at = db_col_int(st, 13);
    it->activity_id = db_col_int(st, 14);
    it->activity_title = col_str(a, st, 15);
    it->priority_hours = (int)db_col_int(st, 16);
    it->course_id = db_col_int(st, 17);
}

/* the activity a priority_booking item names, for its title */
#define ITEM_ACTIVITY " LEFT JOIN activities act ON act.id = i.activity_id"

int store_reward_item_create(db *c, const reward_item *it, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO rewards_items(org_id, division, title, description, kind, cost,"
                 " stock, place, created_by, created_at, updated_at, activity_id, priority_hours,"
                 " course_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ittttiitIiiIiI", it->org_id, it->division, it->title, it->description, it->kind,
                 it->cost, it->stock, it->place, it->created_by, now, now, it->activity_id,
                 (int64_t)it->priority_hours, it->course_id),
        id);
}

int store_reward_item_get(db *c, arena *a, int64_t id, reward_item *out)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " ITEM_COLS " FROM rewards_items i"
                 " JOIN volunteer_orgs o ON o.id = i.org_id" ITEM_ACTIVITY " WHERE i.id = ?",
                 "i", id);
    return STORE_ONE(a, st, fill_item, out);
}

int store_reward_item_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                           reward_item **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " ITEM_COLS " FROM rewards_items i"
                 " JOIN volunteer_orgs o ON o.id = i.org_id" ITEM_ACTIVITY
                 " WHERE i.division >= ? AND i.division < ? AND i.id > ?"
                 " AND i.status = 'published' ORDER BY i.id LIMIT ?",
                 "ttii", prefix ? prefix : "", prefix_end(a, prefix), after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, reward_item, fill_item, out, n);
}

int store_reward_item_take(db *c, int64_t id, int *taken, int64_t *cost)
{
    db_stmt *st = db_query(c,
                           "UPDATE rewards_items SET taken = taken + 1 WHERE id = ?"
                           " AND status = 'published' AND taken + 1 <= stock RETURNING cost",
                           "i", id);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    *taken = s == 1;
    if (s == 1)
        *cost = db_col_int(st, 0);
    db_done(st);
    return s < 0 ? s : WY_OK;
}

int store_reward_item_give_back(db *c, int64_t id)
{
    return db_run(c, "UPDATE rewards_items SET taken = taken - 1 WHERE id = ? AND taken > 0", "i",
                  id);
}

#define RED_COLS                                                                                   \
    "r.id, r.item_id, i.title, i.place, i.division, r.user_id, r.cost, r.code, r.status,"          \
    " r.entry_id, r.refund_id, r.created_at, coalesce(r.collected_at, 0),"                         \
    " coalesce(r.enrolment_id, 0)"

static void fill_redemption(arena *a, db_stmt *st, reward_redemption *r)
{
    r->id = db_col_int(st, 0);
    r->item_id = db_col_int(st, 1);
    r->item_title = col_str(a, st, 2);
    r->place = col_str(a, st, 3);
    r->division = col_str(a, st, 4);
    r->user_id = db_col_int(st, 5);
    r->cost = db_col_int(st, 6);
    r->code = col_str(a, st, 7);
    r->status = col_str(a, st, 8);
    r->entry_id = db_col_int(st, 9);
    r->refund_id = db_col_int(st, 10);
    r->created_at = db_col_int(st, 11);
    r->collected_at = db_col_int(st, 12);
    r->enrolment_id = db_col_int(st, 13);
}

int store_redemption_insert(db *c, int64_t item_id, int64_t user_id, int64_t cost, const char *code,
                            const char *idem_key, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO rewards_redemptions(item_id, user_id, cost, code, idem_key, status,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?) RETURNING id",
                 "iiittii", item_id, user_id, cost, code, idem_key, now, now),
        id);
}

int store_redemption_set_entry(db *c, int64_t id, int64_t entry_id)
{
    return db_run(c, "UPDATE rewards_redemptions SET entry_id = ? WHERE id = ?", "ii", entry_id,
                  id);
}

int store_redemption_set_enrolment(db *c, int64_t id, int64_t enrolment_id)
{
    return db_run(c, "UPDATE rewards_redemptions SET enrolment_id = ? WHERE id = ?", "ii",
                  enrolment_id, id);
}

int store_redemption_get(db *c, arena *a, int64_t id, reward_redemption *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " RED_COLS " FROM rewards_redemptions r"
                           " JOIN rewards_items i ON i.id = r.item_id WHERE r.id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_redemption, out);
}

int store_redemption_by_key(db *c, arena *a, int64_t user_id, const char *idem_key,
                            reward_redemption *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " RED_COLS " FROM rewards_redemptions r"
                           " JOIN rewards_items i ON i.id = r.item_id"
                           " WHERE r.user_id = ? AND r.idem_key = ?",
                           "it", user_id, idem_key);
    return STORE_ONE(a, st, fill_redemption, out);
}

int store_redemption_by_code(db *c, arena *a, const char *code, reward_redemption *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " RED_COLS " FROM rewards_redemptions r"
                           " JOIN rewards_items i ON i.id = r.item_id WHERE r.code = ?",
                           "t", code);
    return STORE_ONE(a, st, fill_redemption, out);
}

int store_redemption_list(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                          reward_redemption **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " RED_COLS " FROM rewards_redemptions r"
                 " JOIN rewards_items i ON i.id = r.item_id"
                 " WHERE r.user_id = ? AND (? = 0 OR r.id < ?) ORDER BY r.id DESC LIMIT ?",
                 "iiii", user_id, before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, reward_redemption, fill_redemption, out, n);
}

int store_redemption_cancel(db *c, int64_t id, int64_t refund_id, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE rewards_redemptions SET status = 'cancelled', refund_id = ?,"
                    " updated_at = ? WHERE id = ? AND status = 'confirmed'",
                    "iii", refund_id, now, id);
    return rc != WY_OK ? rc : db_changes(c) ? WY_OK : WY_NOTFOUND;
}

int store_redemption_collect(db *c, int64_t id, int64_t by, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE rewards_redemptions SET status = 'collected', collected_by = ?,"
                    " collected_at = ?, updated_at = ? WHERE id = ? AND status = 'confirmed'",
                    "iiii", by, now, now, id);
    return rc != WY_OK ? rc : db_changes(c) ? WY_OK : WY_NOTFOUND;
}

int store_reward_award_create(db *c, int64_t org_id, const char *division, int64_t amount,
                              const char *reason, int64_t session_id, int64_t by, int64_t now,
                              int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO rewards_awards(org_id, division, amount, reason, created_by,"
                 " created_at, session_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ititIiI", org_id, division, amount, reason, by, now, session_id),
        id);
}

static void fill_int(arena *a, db_stmt *st, int64_t *v)
{
    (void)a;
    *v = db_col_int(st, 0);
}

int store_reward_session_attendees(db *c, arena *a, int64_t session_id, int max, int64_t **users,
                                   size_t *n)
{
    /* bookings_session (session_id, status, ...) finds the checked-in bookings */
    db_stmt *st = db_query(c,
                           "SELECT DISTINCT b.user_id FROM bookings b"
                           " JOIN volunteers v ON v.user_id = b.user_id"
                           " WHERE b.session_id = ? AND b.status = 'checked_in'"
                           " ORDER BY b.user_id LIMIT ?",
                           "ii", session_id, (int64_t)max);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, int64_t, fill_int, users, n);
}

typedef struct act_hours {
    int64_t activity;
    int hours;
} act_hours;

static void fill_act_hours(arena *a, db_stmt *st, act_hours *v)
{
    (void)a;
    v->activity = db_col_int(st, 0);
    v->hours = (int)db_col_int(st, 1);
}

int store_reward_priority_activities(db *c, arena *a, int max, int64_t **activities, int **hours,
                                     size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT activity_id, max(priority_hours) FROM rewards_items"
                           " WHERE activity_id IS NOT NULL AND kind = 'priority_booking'"
                           " GROUP BY activity_id ORDER BY activity_id LIMIT ?",
                           "i", (int64_t)max);
    if (!st)
        return WY_ERR;
    act_hours *v;
    int rc = STORE_COLLECT(a, st, act_hours, fill_act_hours, &v, n);
    if (rc != WY_OK)
        return rc;
    *activities = arena_alloc(a, (*n + 1) * sizeof(**activities));
    *hours = arena_alloc(a, (*n + 1) * sizeof(**hours));
    if (!*activities || !*hours)
        return WY_NOMEM;
    for (size_t i = 0; i < *n; i++) {
        (*activities)[i] = v[i].activity;
        (*hours)[i] = v[i].hours;
    }
    return WY_OK;
}

int store_reward_priority_hours(db *c, int64_t user_id, int64_t activity_id, int *hours)
{
    /* rewards_redemptions_user (user_id, id): a person's few redemptions */
    int64_t h = 0;
    int rc =
        store_one_int(db_query(c,
                               "SELECT coalesce(max(i.priority_hours), 0)"
                               " FROM rewards_redemptions r"
                               " JOIN rewards_items i ON i.id = r.item_id"
                               " WHERE r.user_id = ? AND r.status IN ('confirmed', 'collected')"
                               " AND i.kind = 'priority_booking' AND i.activity_id = ?",
                               "ii", user_id, activity_id),
                      &h);
    *hours = (int)h;
    return rc;
}

int store_reward_award_people(db *c, int64_t id, int64_t people)
{
    return db_run(c, "UPDATE rewards_awards SET people = ? WHERE id = ?", "ii", people, id);
}

#define ENTRY_COLS                                                                                 \
    "id, book, seq, debit, credit, amount, kind, ref_type, ref_id, coalesce(reverses, 0), unit,"   \
    " recorded_by, created_at, prev_hash, hash"

static void fill_entry(arena *a, db_stmt *st, ledger_entry *e)
{
    e->id = db_col_int(st, 0);
    e->book = col_str(a, st, 1);
    e->seq = db_col_int(st, 2);
    e->debit = col_str(a, st, 3);
    e->credit = col_str(a, st, 4);
    e->amount = db_col_int(st, 5);
    e->kind = col_str(a, st, 6);
    e->ref_type = col_str(a, st, 7);
    e->ref_id = db_col_int(st, 8);
    e->reverses = db_col_int(st, 9);
    e->unit = col_str(a, st, 10);
    e->recorded_by = db_col_int(st, 11);
    e->created_at = db_col_int(st, 12);
    const char *p = db_col_text(st, 13), *h = db_col_text(st, 14);
    snprintf(e->prev_hash, sizeof(e->prev_hash), "%s", p ? p : "");
    snprintf(e->hash, sizeof(e->hash), "%s", h ? h : "");
}

int store_points_statement(db *c, arena *a, const char *book, const char *account, int64_t before,
                           int limit, ledger_entry **out, size_t *n)
{
    /* the two indexes (book, debit, seq) and (book, credit, seq), each read newest first */
    db_stmt *st = db_query(c,
                           "SELECT " ENTRY_COLS " FROM ("
                           " SELECT * FROM (SELECT * FROM ledger_entries WHERE book = ?"
                           " AND debit = ? AND (? = 0 OR seq < ?) ORDER BY seq DESC LIMIT ?) d"
                           " UNION ALL"
                           " SELECT * FROM (SELECT * FROM ledger_entries WHERE book = ?"
                           " AND credit = ? AND (? = 0 OR seq < ?) ORDER BY seq DESC LIMIT ?) k"
                           ") e ORDER BY seq DESC LIMIT ?",
                           "ttiiittiiii", book, account, before, before, (int64_t)limit, book,
                           account, before, before, (int64_t)limit, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, ledger_entry, fill_entry, out, n);
}

int store_points_fifo_sums(db *c, const char *book, const char *account, int64_t before,
                           int64_t *in, int64_t *out)
{
    int rc = store_one_int(db_query(c,
                                    "SELECT coalesce(sum(amount), 0) FROM ledger_entries"
                                    " WHERE book = ? AND credit = ? AND created_at < ?",
                                    "tti", book, account, before),
                           in);
    if (rc == WY_OK)
        rc = store_one_int(db_query(c,
                                    "SELECT coalesce(sum(amount), 0) FROM ledger_entries"
                                    " WHERE book = ? AND debit = ?",
                                    "tt", book, account),
                           out);
    return rc;
}

int store_points_debited_since(db *c, const char *book, const char *account, const char *kind,
                               int64_t since, int64_t *sum)
{
    return store_one_int(db_query(c,
                                  "SELECT coalesce(sum(amount), 0) FROM ledger_entries"
                                  " WHERE book = ? AND debit = ? AND kind = ? AND created_at >= ?",
                                  "ttti", book, account, kind, since),
                         sum);
}
