/*
 * store_markets: the statements of the markets module. The rules (who may apply, score and
 * decide, the ranking, the assignment of stalls) are in market.c and its siblings; here are
 * the rows, the guarded update that keeps a category's quota, and the reserve list's three
 * statements for the seat inventory's promotion in order (core/seats_store.h).
 */
#include "mod/markets/market_store.h"
#include "db/store_util.h"

/* ---- markets ---- */

#define MARKET_COLS                                                                                \
    "id, title, description, division, coalesce(venue_id, 0), address, lon, lat, starts_at,"       \
    " ends_at, apply_opens_at, apply_closes_at, confirm_by, fee_fen, deposit_fen, rubric,"         \
    " min_reviews, pass_mark, confirm_hours, late_minutes, rule_apart, rule_food, rule_access,"    \
    " status, coalesce(decided_at, 0), coalesce(map_published_at, 0), coalesce(created_by, 0),"    \
    " created_at, updated_at"

static void fill_market(arena *a, db_stmt *st, market *m)
{
    m->id = db_col_int(st, 0);
    m->title = col_str(a, st, 1);
    m->description = col_str(a, st, 2);
    m->division = col_str(a, st, 3);
    m->venue_id = db_col_int(st, 4);
    m->address = col_str(a, st, 5);
    m->lon = col_real(st, 6);
    m->lat = col_real(st, 7);
    m->starts_at = db_col_int(st, 8);
    m->ends_at = db_col_int(st, 9);
    m->apply_opens_at = db_col_int(st, 10);
    m->apply_closes_at = db_col_int(st, 11);
    m->confirm_by = db_col_int(st, 12);
    m->fee_fen = db_col_int(st, 13);
    m->deposit_fen = db_col_int(st, 14);
    m->rubric = col_str(a, st, 15);
    m->min_reviews = (int)db_col_int(st, 16);
    m->pass_mark = (int)db_col_int(st, 17);
    m->confirm_hours = (int)db_col_int(st, 18);
    m->late_minutes = (int)db_col_int(st, 19);
    m->rule_apart = (int)db_col_int(st, 20);
    m->rule_food = (int)db_col_int(st, 21);
    m->rule_access = (int)db_col_int(st, 22);
    m->status = col_str(a, st, 23);
    m->decided_at = db_col_int(st, 24);
    m->map_published_at = db_col_int(st, 25);
    m->created_by = db_col_int(st, 26);
    m->created_at = db_col_int(st, 27);
    m->updated_at = db_col_int(st, 28);
}

int store_market_create(db *c, const market *m, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO markets(title, description, division, venue_id, address, lon, lat,"
                 " starts_at, ends_at, apply_opens_at, apply_closes_at, confirm_by, fee_fen,"
                 " deposit_fen, rubric, min_reviews, pass_mark, confirm_hours, late_minutes,"
                 " rule_apart, rule_food, rule_access, status, created_by, created_at,"
                 " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                 " ?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
                 "tttItDDiiiiiiitiiiiiiiIii", m->title, m->description ? m->description : "",
                 m->division, m->venue_id, m->address, m->lon, m->lat, m->starts_at, m->ends_at,
                 m->apply_opens_at, m->apply_closes_at, m->confirm_by, m->fee_fen, m->deposit_fen,
                 m->rubric, (int64_t)m->min_reviews, (int64_t)m->pass_mark,
                 (int64_t)m->confirm_hours, (int64_t)m->late_minutes, (int64_t)m->rule_apart,
                 (int64_t)m->rule_food, (int64_t)m->rule_access, m->created_by, now, now),
        id);
}

int store_market_update(db *c, const market *m, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE markets SET title = ?, description = ?, division = ?, venue_id = ?,"
                    " address = ?, lon = ?, lat = ?, starts_at = ?, ends_at = ?,"
                    " apply_opens_at = ?, apply_closes_at = ?, confirm_by = ?, fee_fen = ?,"
                    " deposit_fen = ?, rubric = ?, min_reviews = ?, pass_mark = ?,"
                    " confirm_hours = ?, late_minutes = ?, rule_apart = ?, rule_food = ?,"
                    " rule_access = ?, updated_at = ? WHERE id = ?",
                    "tttItDDiiiiiiitiiiiiiiii", m->title, m->description ? m->description : "",
                    m->division, m->venue_id, m->address, m->lon, m->lat, m->starts_at, m->ends_at,
                    m->apply_opens_at, m->apply_closes_at, m->confirm_by, m->fee_fen,
                    m->deposit_fen, m->rubric, (int64_t)m->min_reviews, (int64_t)m->pass_mark,
                    (int64_t)m->confirm_hours, (int64_t)m->late_minutes, (int64_t)m->rule_apart,
                    (int64_t)m->rule_food, (int64_t)m->rule_access, now, m->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_get(db *c, arena *a, int64_t id, market *out)
{
    db_stmt *st = db_query(c, "SELECT " MARKET_COLS " FROM markets WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_market, out);
}

int store_market_set_status(db *c, int64_t id, const char *status, int64_t now)
{
    int rc = db_run(c, "UPDATE markets SET status = ?, updated_at = ? WHERE id = ?", "tii", status,
                    now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_set_decided(db *c, int64_t id, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE markets SET decided_at = ?, updated_at = ?"
                    " WHERE id = ? AND decided_at IS NULL",
                    "iii", now, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_CONSTRAINT : rc;
}

int store_market_set_map_published(db *c, int64_t id, int64_t at, int64_t now)
{
    int rc = db_run(c, "UPDATE markets SET map_published_at = ?, updated_at = ? WHERE id = ?",
                    "Iii", at, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_list(db *c, arena *a, const char *prefix, const char *status, int64_t before,
                      int limit, market **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " MARKET_COLS " FROM markets"
                           " WHERE (CAST(? AS TEXT) IS NULL OR status = ?)"
                           " AND division >= ? AND division < ? AND (? = 0 OR id < ?)"
                           " ORDER BY id DESC LIMIT ?",
                           "ttttiii", status, status, prefix ? prefix : "", prefix_end(a, prefix),
                           before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, market, fill_market, out, n);
}

static void fill_id(arena *a, db_stmt *st, int64_t *id)
{
    (void)a;
    *id = db_col_int(st, 0);
}

int store_markets_to_sweep(db *c, arena *a, int64_t now, int64_t **ids, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id FROM markets WHERE status = 'published'"
                           " AND decided_at IS NOT NULL AND ends_at > ? ORDER BY id",
                           "i", now - 24 * 3600 * 1000LL);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, int64_t, fill_id, ids, n);
}

/* ---- categories ---- */

static void fill_category(arena *a, db_stmt *st, market_category *k)
{
    k->id = db_col_int(st, 0);
    k->market_id = db_col_int(st, 1);
    k->category = col_str(a, st, 2);
    k->quota = (int)db_col_int(st, 3);
    k->accepted = (int)db_col_int(st, 4);
}

int store_market_categories_set(db *c, int64_t market_id, const market_category *cats, size_t n)
{
    int rc = db_run(c, "DELETE FROM market_categories WHERE market_id = ?", "i", market_id);
    for (size_t i = 0; rc == WY_OK && i < n; i++)
        rc = db_run(c,
                    "INSERT INTO market_categories(market_id, category, quota, accepted)"
                    " VALUES (?, ?, ?, 0)",
                    "iti", market_id, cats[i].category, (int64_t)cats[i].quota);
    return rc;
}

int store_market_categories(db *c, arena *a, int64_t market_id, market_category **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, market_id, category, quota, accepted FROM market_categories"
                           " WHERE market_id = ? ORDER BY id",
                           "i", market_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, market_category, fill_category, out, n);
}

int store_market_category_set_accepted(db *c, int64_t id, int accepted)
{
    /* the CHECK (accepted BETWEEN 0 AND quota) refuses more than the quota */
    return db_run(c, "UPDATE market_categories SET accepted = ? WHERE id = ?", "ii",
                  (int64_t)accepted, id);
}

int store_market_category_release(db *c, int64_t market_id, const char *category)
{
    int rc = db_run(c,
                    "UPDATE market_categories SET accepted = accepted - 1"
                    " WHERE market_id = ? AND category = ? AND accepted > 0",
                    "it", market_id, category);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

/* The reserve list as a waiting list of the seat inventory: the pool is the category, its
 * capacity the quota and its seats taken the accepted count. */
static int reserve_next(db *c, int64_t pool, int64_t *claim, int64_t *need)
{
    *need = 1;
    return store_one_int(db_query(c,
                                  "SELECT a.id FROM market_applications a JOIN market_categories k"
                                  " ON k.market_id = a.market_id AND k.category = a.category"
                                  " WHERE k.id = ? AND a.status = 'reserve'"
                                  " ORDER BY a.position, a.id LIMIT 1",
                                  "i", pool),
                         claim);
}

static int reserve_take(db *c, int64_t pool, int64_t n, int *taken)
{
    int rc = db_run(c,
                    "UPDATE market_categories SET accepted = accepted + ?"
                    " WHERE id = ? AND accepted + ? <= quota",
                    "iii", n, pool, n);
    *taken = rc == WY_OK && db_changes(c) > 0;
    return rc;
}

static int reserve_confirm(db *c, int64_t claim, int64_t now)
{
    /* a promoted reserve has confirm_hours to confirm, and never past the market's start */
    return db_run(c,
                  "UPDATE market_applications SET status = 'accepted', position = NULL,"
                  " decided_at = ?, updated_at = ?, confirm_by = (SELECT CASE WHEN"
                  " CAST(? AS BIGINT) + m.confirm_hours * 3600000 < m.starts_at"
                  " THEN CAST(? AS BIGINT) + m.confirm_hours * 3600000 ELSE m.starts_at END"
                  " FROM markets m WHERE m.id = market_applications.market_id)"
                  " WHERE id = ? AND status = 'reserve'",
                  "iiiii", now, now, now, now, claim);
}

const seats_store_ops market_reserve_ops = {reserve_next, reserve_take, reserve_confirm};

/* ---- the stall plan ---- */

#define STALL_COLS                                                                                 \
    "id, market_id, number, row_label, position, width_cm, depth_cm, power, water,"                \
    " near_entrance, zone"

static void fill_stall(arena *a, db_stmt *st, market_stall *s)
{
    s->id = db_col_int(st, 0);
    s->market_id = db_col_int(st, 1);
    s->number = col_str(a, st, 2);
    s->row_label = col_str(a, st, 3);
    s->position = (int)db_col_int(st, 4);
    s->width_cm = (int)db_col_int(st, 5);
    s->depth_cm = (int)db_col_int(st, 6);
    s->power = (int)db_col_int(st, 7);
    s->water = (int)db_col_int(st, 8);
    s->near_entrance = (int)db_col_int(st, 9);
    s->zone = col_str(a, st, 10);
}

int store_market_stalls_set(db *c, int64_t market_id, const market_stall *s, size_t n)
{
    int rc = db_run(c, "DELETE FROM market_stalls WHERE market_id = ?", "i", market_id);
    for (size_t i = 0; rc == WY_OK && i < n; i++)
        rc = db_run(c,
                    "INSERT INTO market_stalls(market_id, number, row_label, position, width_cm,"
                    " depth_cm, power, water, near_entrance, zone)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "ittiiiiiit", market_id, s[i].number, s[i].row_label, (int64_t)s[i].position,
                    (int64_t)s[i].width_cm, (int64_t)s[i].depth_cm, (int64_t)s[i].power,
                    (int64_t)s[i].water, (int64_t)s[i].near_entrance, s[i].zone ? s[i].zone : "");
    return rc;
}

int store_market_stalls(db *c, arena *a, int64_t market_id, market_stall **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " STALL_COLS " FROM market_stalls WHERE market_id = ?"
                           " ORDER BY row_label, position",
                           "i", market_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, market_stall, fill_stall, out, n);
}

/* ---- applications ---- */

#define APP_COLS                                                                                   \
    "a.id, a.market_id, a.user_id, a.pseudonym, a.stall_name, a.contact_name, a.contact_phone,"    \
    " a.category, a.products, a.licence_no, a.needs_power, a.needs_water, a.needs_access,"         \
    " a.status, coalesce(a.position, 0), coalesce(a.ranked, 0), coalesce(a.confirm_by, 0),"        \
    " coalesce(a.stall_id, 0), coalesce(a.checked_in_at, 0), a.late, a.no_show,"                   \
    " coalesce(a.submitted_at, 0), coalesce(a.decided_at, 0), a.created_at, a.updated_at,"         \
    " (SELECT coalesce(sum(s.total), 0) FROM market_scores s WHERE s.application_id = a.id),"      \
    " (SELECT count(*) FROM market_scores s WHERE s.application_id = a.id), t.number"
#define APP_FROM " FROM market_applications a LEFT JOIN market_stalls t ON t.id = a.stall_id"

static void fill_app(arena *a, db_stmt *st, market_application *m)
{
    m->id = db_col_int(st, 0);
    m->market_id = db_col_int(st, 1);
    m->user_id = db_col_int(st, 2);
    m->pseudonym = col_str(a, st, 3);
    m->stall_name = col_str(a, st, 4);
    m->contact_name = col_str(a, st, 5);
    m->contact_phone = col_str(a, st, 6);
    m->category = col_str(a, st, 7);
    m->products = col_str(a, st, 8);
    m->licence_no = col_str(a, st, 9);
    m->needs_power = (int)db_col_int(st, 10);
    m->needs_water = (int)db_col_int(st, 11);
    m->needs_access = (int)db_col_int(st, 12);
    m->status = col_str(a, st, 13);
    m->position = (int)db_col_int(st, 14);
    m->ranked = (int)db_col_int(st, 15);
    m->confirm_by = db_col_int(st, 16);
    m->stall_id = db_col_int(st, 17);
    m->checked_in_at = db_col_int(st, 18);
    m->late = (int)db_col_int(st, 19);
    m->no_show = (int)db_col_int(st, 20);
    m->submitted_at = db_col_int(st, 21);
    m->decided_at = db_col_int(st, 22);
    m->created_at = db_col_int(st, 23);
    m->updated_at = db_col_int(st, 24);
    m->score_sum = db_col_int(st, 25);
    m->nscores = (int)db_col_int(st, 26);
    m->stall_number = col_str(a, st, 27);
}

int store_market_app_create(db *c, const market_application *m, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO market_applications(market_id, user_id, pseudonym, stall_name,"
                 " contact_name, contact_phone, category, products, licence_no, needs_power,"
                 " needs_water, needs_access, status, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
                 "iitttttttiiiii", m->market_id, m->user_id, m->pseudonym, m->stall_name,
                 m->contact_name, m->contact_phone, m->category, m->products, m->licence_no,
                 (int64_t)m->needs_power, (int64_t)m->needs_water, (int64_t)m->needs_access, now,
                 now),
        id);
}

int store_market_app_update(db *c, const market_application *m, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE market_applications SET stall_name = ?, contact_name = ?,"
                    " contact_phone = ?, category = ?, products = ?, licence_no = ?,"
                    " needs_power = ?, needs_water = ?, needs_access = ?, updated_at = ?"
                    " WHERE id = ?",
                    "ttttttiiiii", m->stall_name, m->contact_name, m->contact_phone, m->category,
                    m->products, m->licence_no, (int64_t)m->needs_power, (int64_t)m->needs_water,
                    (int64_t)m->needs_access, now, m->id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_app_get(db *c, arena *a, int64_t id, market_application *out)
{
    db_stmt *st = db_query(c, "SELECT " APP_COLS APP_FROM " WHERE a.id = ?", "i", id);
    return STORE_ONE(a, st, fill_app, out);
}

int store_market_app_set_status(db *c, int64_t id, const char *from, const char *to, int64_t now)
{
    int rc = db_run(c,
                    "UPDATE market_applications SET status = ?, updated_at = ?,"
                    " submitted_at = CASE WHEN ? = 'submitted' THEN ? ELSE submitted_at END,"
                    " position = CASE WHEN ? = 'reserve' THEN position ELSE NULL END,"
                    " stall_id = CASE WHEN ? IN ('withdrawn', 'lapsed') THEN NULL ELSE stall_id END"
                    " WHERE id = ? AND (CAST(? AS TEXT) IS NULL OR status = ?)",
                    "titittitt", to, now, to, now, to, to, id, from, from);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_app_decide(db *c, int64_t id, const char *status, int ranked, int position,
                            int64_t confirm_by, int64_t now)
{
    int rc =
        db_run(c,
               "UPDATE market_applications SET status = ?, ranked = ?, position = ?,"
               " confirm_by = ?, decided_at = ?, updated_at = ?"
               " WHERE id = ? AND status = 'submitted'",
               "tIIIiii", status, (int64_t)ranked, (int64_t)position, confirm_by, now, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_app_set_stall(db *c, int64_t id, int64_t stall_id, int64_t now)
{
    int rc = db_run(c, "UPDATE market_applications SET stall_id = ?, updated_at = ? WHERE id = ?",
                    "Iii", stall_id, now, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_app_clear_stalls(db *c, int64_t market_id, int64_t now)
{
    return db_run(c,
                  "UPDATE market_applications SET stall_id = NULL, updated_at = ?"
                  " WHERE market_id = ? AND stall_id IS NOT NULL",
                  "ii", now, market_id);
}

int store_market_app_checkin(db *c, int64_t id, int64_t at, int late)
{
    int rc = db_run(c,
                    "UPDATE market_applications SET checked_in_at = ?, late = ?, no_show = 0,"
                    " updated_at = ? WHERE id = ? AND status = 'confirmed'"
                    " AND checked_in_at IS NULL",
                    "iiii", at, (int64_t)late, at, id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_market_app_no_shows(db *c, int64_t market_id, int64_t now, int64_t *n)
{
    int rc = db_run(c,
                    "UPDATE market_applications SET no_show = 1, updated_at = ?"
                    " WHERE market_id = ? AND status = 'confirmed' AND stall_id IS NOT NULL"
                    " AND checked_in_at IS NULL AND no_show = 0",
                    "ii", now, market_id);
    if (n)
        *n = rc == WY_OK ? db_changes(c) : 0;
    return rc;
}

int store_market_apps_unconfirmed(db *c, arena *a, int64_t market_id, int64_t now,
                                  market_application **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " APP_COLS APP_FROM " WHERE a.market_id = ?"
                           " AND a.status = 'accepted' AND a.confirm_by <= ? ORDER BY a.id",
                           "ii", market_id, now);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, market_application, fill_app, out, n);
}

int store_market_apps(db *c, arena *a, int64_t market_id, const char *status, const char *category,
                      market_application **out, size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT " APP_COLS APP_FROM " WHERE a.market_id = ?"
        " AND (CASE WHEN CAST(? AS TEXT) IS NULL THEN a.status <> 'draft' ELSE a.status = ? END)"
        " AND (CAST(? AS TEXT) IS NULL OR a.category = ?)"
        " ORDER BY a.category, a.status, coalesce(a.ranked, 0), coalesce(a.position, 0), a.id",
        "itttt", market_id, status, status, category, category);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, market_application, fill_app, out, n);
}

int store_market_apps_of_user(db *c, arena *a, int64_t user_id, int64_t before, int limit,
                              market_application **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " APP_COLS APP_FROM " WHERE a.user_id = ?"
                           " AND (? = 0 OR a.id < ?) ORDER BY a.id DESC LIMIT ?",
                           "iiii", user_id, before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, market_application, fill_app, out, n);
}

int store_market_record(db *c, int64_t user_id, int64_t before, market_record *out)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*), coalesce(sum(a.late), 0), coalesce(sum(a.no_show), 0)"
                           " FROM market_applications a JOIN markets m ON m.id = a.market_id"
                           " WHERE a.user_id = ? AND m.ends_at <= ? AND a.status = 'confirmed'"
                           " AND a.stall_id IS NOT NULL",
                           "ii", user_id, before);
    if (!st)
        return WY_ERR;
    int rc = db_step(st);
    if (rc == 1) {
        out->markets = (int)db_col_int(st, 0);
        out->late = (int)db_col_int(st, 1);
        out->no_shows = (int)db_col_int(st, 2);
    }
    db_done(st);
    return rc == 1 ? WY_OK : rc == 0 ? WY_ERR : rc;
}

/* ---- scores ---- */

static void fill_score(arena *a, db_stmt *st, market_score *s)
{
    s->application_id = db_col_int(st, 0);
    s->reviewer_id = db_col_int(st, 1);
    s->points = col_str(a, st, 2);
    s->total = db_col_int(st, 3);
    s->comment = col_str(a, st, 4);
    s->created_at = db_col_int(st, 5);
    s->reviewer_name = col_str(a, st, 6);
}

int store_market_score_add(db *c, const market_score *s, int64_t now)
{
    return db_run(c,
                  "INSERT INTO market_scores(application_id, reviewer_id, points, total, comment,"
                  " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                  "iititi", s->application_id, s->reviewer_id, s->points, s->total,
                  s->comment ? s->comment : "", now);
}

int store_market_scores(db *c, arena *a, int64_t application_id, market_score **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT s.application_id, s.reviewer_id, s.points, s.total, s.comment,"
                           " s.created_at, u.name FROM market_scores s"
                           " JOIN users u ON u.id = s.reviewer_id WHERE s.application_id = ?"
                           " ORDER BY s.created_at, s.reviewer_id",
                           "i", application_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, market_score, fill_score, out, n);
}

int store_market_scored_by(db *c, arena *a, int64_t market_id, int64_t reviewer_id, int64_t **ids,
                           size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT s.application_id FROM market_scores s"
                           " JOIN market_applications a ON a.id = s.application_id"
                           " WHERE a.market_id = ? AND s.reviewer_id = ? ORDER BY 1",
                           "ii", market_id, reviewer_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, int64_t, fill_id, ids, n);
}
