/* store_lotteries: the store of draws (lottery_store.h). */
#include "core/lottery_store.h"
#include "db/store_util.h"

#define COLS                                                                                       \
    "id, owner_type, owner_id, division, title, status, algorithm, commitment, beacon_source,"     \
    " coalesce(beacon_round, 0), coalesce(beacon_due_at, 0), coalesce(committed_at, 0),"           \
    " coalesce(committed_by, 0), beacon_value, seed, coalesce(drawn_at, 0),"                       \
    " coalesce(drawn_by, 0), created_at"

static void fill(arena *a, db_stmt *st, lottery_row *r)
{
    r->id = db_col_int(st, 0);
    r->owner_type = col_str(a, st, 1);
    r->owner_id = db_col_int(st, 2);
    r->division = col_str(a, st, 3);
    r->title = col_str(a, st, 4);
    r->status = col_str(a, st, 5);
    r->algorithm = col_str(a, st, 6);
    r->commitment = col_str(a, st, 7);
    r->beacon_source = col_str(a, st, 8);
    r->beacon_round = db_col_int(st, 9);
    r->beacon_due_at = db_col_int(st, 10);
    r->committed_at = db_col_int(st, 11);
    r->committed_by = db_col_int(st, 12);
    r->beacon_value = col_str(a, st, 13);
    r->seed = col_str(a, st, 14);
    r->drawn_at = db_col_int(st, 15);
    r->drawn_by = db_col_int(st, 16);
    r->created_at = db_col_int(st, 17);
}

int store_lottery_open(db *c, const char *owner_type, int64_t owner_id, const char *division,
                       const char *title, const char *algorithm, int64_t now, int64_t *id)
{
    int rc = db_run(c,
                    "INSERT INTO lotteries(owner_type, owner_id, division, title, algorithm,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (owner_type, owner_id) DO NOTHING",
                    "tittti", owner_type, owner_id, division, title, algorithm, now);
    if (rc != WY_OK)
        return rc;
    db_stmt *st = db_query(c, "SELECT id FROM lotteries WHERE owner_type = ? AND owner_id = ?",
                           "ti", owner_type, owner_id);
    if (!st)
        return WY_ERR;
    rc = db_step(st);
    if (rc == 1)
        *id = db_col_int(st, 0);
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_lottery_get(db *c, arena *a, int64_t id, lottery_row *out)
{
    db_stmt *st = db_query(c, "SELECT " COLS " FROM lotteries WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill, out);
}

int store_lottery_by_owner(db *c, arena *a, const char *owner_type, int64_t owner_id,
                           lottery_row *out)
{
    db_stmt *st =
        db_query(c, "SELECT " COLS " FROM lotteries WHERE owner_type = ? AND owner_id = ?", "ti",
                 owner_type, owner_id);
    return STORE_ONE(a, st, fill, out);
}

int store_lottery_list(db *c, arena *a, const char *division, int64_t before, int limit,
                       lottery_row **out, size_t *n)
{
    const char *p = division ? division : "";
    db_stmt *st = db_query(c,
                           "SELECT " COLS " FROM lotteries WHERE division >= ? AND division < ?"
                           " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?",
                           "ttiii", p, prefix_end(a, p), before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lottery_row, fill, out, n);
}

static int one_text(db *c, arena *a, const char *sql, int64_t id, const char **text, size_t *len)
{
    db_stmt *st = db_query(c, sql, "i", id);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1 && !db_col_null(st, 0)) {
        const char *s = db_col_text(st, 0);
        size_t l = strlen(s);
        char *copy = arena_alloc(a, l + 1);
        if (copy)
            memcpy(copy, s, l + 1);
        *text = copy;
        if (len)
            *len = l;
    } else if (rc == 1)
        rc = 0;
    db_done(st);
    if (arena_failed(a))
        return WY_NOMEM;
    return rc == 1 ? WY_OK : rc == 0 ? WY_NOTFOUND : rc;
}

int store_lottery_inputs(db *c, arena *a, int64_t id, const char **text, size_t *len)
{
    return one_text(c, a, "SELECT inputs FROM lotteries WHERE id = ?", id, text, len);
}

int store_lottery_draw_file(db *c, arena *a, int64_t id, const char **text, size_t *len)
{
    return one_text(c, a, "SELECT draw_file FROM lotteries WHERE id = ? AND status = 'drawn'", id,
                    text, len);
}

int store_lottery_commit(db *c, int64_t id, const char *inputs, const char *commitment,
                         const char *beacon_source, int64_t beacon_round, int64_t due_at,
                         int64_t now, int64_t by)
{
    int rc =
        db_run(c,
               "UPDATE lotteries SET status = 'committed', inputs = ?, commitment = ?,"
               " beacon_source = ?, beacon_round = ?, beacon_due_at = ?, committed_at = ?,"
               " committed_by = ? WHERE id = ? AND status = 'open'",
               "tttiiiIi", inputs, commitment, beacon_source, beacon_round, due_at, now, by, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) == 1 ? WY_OK : WY_NOTFOUND;
}

int store_lottery_drawn(db *c, int64_t id, const char *beacon_value, const char *seed,
                        const char *draw_file, int64_t now, int64_t by)
{
    int rc =
        db_run(c,
               "UPDATE lotteries SET status = 'drawn', beacon_value = ?, seed = ?,"
               " draw_file = ?, drawn_at = ?, drawn_by = ? WHERE id = ? AND status = 'committed'",
               "tttiIi", beacon_value, seed, draw_file, now, by, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) == 1 ? WY_OK : WY_NOTFOUND;
}

/* ---- corrections ---- */

#define CORR_COLS                                                                                  \
    "id, lottery_id, action, applicant, reason, status, proposed_by, proposed_at,"                 \
    " coalesce(decided_by, 0), coalesce(decided_at, 0)"

static void fill_correction(arena *a, db_stmt *st, lottery_correction_row *r)
{
    r->id = db_col_int(st, 0);
    r->lottery_id = db_col_int(st, 1);
    r->action = col_str(a, st, 2);
    r->applicant = col_str(a, st, 3);
    r->reason = col_str(a, st, 4);
    r->status = col_str(a, st, 5);
    r->proposed_by = db_col_int(st, 6);
    r->proposed_at = db_col_int(st, 7);
    r->decided_by = db_col_int(st, 8);
    r->decided_at = db_col_int(st, 9);
}

int store_lottery_correction_add(db *c, int64_t lottery_id, const char *action,
                                 const char *applicant, const char *reason, int64_t by, int64_t now,
                                 int64_t *id)
{
    return insert_returning_id(db_query(c,
                                        "INSERT INTO lottery_corrections(lottery_id, action,"
                                        " applicant, reason, proposed_by, proposed_at)"
                                        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                        "itttii", lottery_id, action, applicant, reason, by, now),
                               id);
}

int store_lottery_correction_get(db *c, arena *a, int64_t id, lottery_correction_row *out)
{
    db_stmt *st =
        db_query(c, "SELECT " CORR_COLS " FROM lottery_corrections WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_correction, out);
}

int store_lottery_corrections(db *c, arena *a, int64_t lottery_id, int all,
                              lottery_correction_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " CORR_COLS " FROM lottery_corrections WHERE lottery_id = ?"
                           " AND (? = 1 OR status = 'applied') ORDER BY id",
                           "ii", lottery_id, (int64_t)(all != 0));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, lottery_correction_row, fill_correction, out, n);
}

int store_lottery_correction_decide(db *c, int64_t id, const char *status, int64_t by, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE lottery_corrections SET status = ?, decided_by = ?, decided_at = ?"
                    " WHERE id = ? AND status = 'proposed'",
                    "tiii", status, by, now, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) == 1 ? WY_OK : WY_NOTFOUND;
}
