/* store_exchange: partners, agreements, channels and intents of the exchange module
 * (exchange_store.h). */
#include "mod/exchange/exchange_store.h"
#include "db/store_util.h"

#define PARTNER_COLS                                                                               \
    "id, division, name, name_en, kind, scope, country, city, organisation, languages, since,"     \
    " coalesce(created_by, 0), created_at, updated_at"

static void fill_partner(arena *a, db_stmt *st, exchange_partner *p)
{
    p->id = db_col_int(st, 0);
    p->division = col_str(a, st, 1);
    p->name = col_str(a, st, 2);
    p->name_en = col_str(a, st, 3);
    p->kind = col_str(a, st, 4);
    p->scope = col_str(a, st, 5);
    p->country = col_str(a, st, 6);
    p->city = col_str(a, st, 7);
    p->organisation = col_str(a, st, 8);
    p->languages = col_str(a, st, 9);
    p->since = db_col_null(st, 10) ? NULL : col_str(a, st, 10);
    p->created_by = db_col_int(st, 11);
    p->created_at = db_col_int(st, 12);
    p->updated_at = db_col_int(st, 13);
}

int store_exchange_partner_create(db *c, const exchange_partner *p, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_partners(division, name, name_en, kind, scope, country,"
                 " city, organisation, languages, since, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ttttttttttIii", p->division, p->name, p->name_en, p->kind, p->scope, p->country,
                 p->city, p->organisation, p->languages, p->since, p->created_by, now, now),
        id);
}

int store_exchange_partner_get(db *c, arena *a, int64_t id, exchange_partner *out)
{
    db_stmt *st =
        db_query(c, "SELECT " PARTNER_COLS " FROM exchange_partners WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_partner, out);
}

int store_exchange_partner_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                                exchange_partner **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " PARTNER_COLS " FROM exchange_partners"
                 " WHERE division >= ? AND division < ? AND id > ? ORDER BY id LIMIT ?",
                 "ttii", prefix ? prefix : "", prefix_end(a, prefix), after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_partner, fill_partner, out, n);
}

#define AGREEMENT_COLS                                                                             \
    "id, partner_id, division, kind, title, signed_on, renew_on, scope, obligations,"              \
    " owner_ours, owner_theirs, coalesce(created_by, 0), created_at, updated_at"

static void fill_agreement(arena *a, db_stmt *st, exchange_agreement *g)
{
    g->id = db_col_int(st, 0);
    g->partner_id = db_col_int(st, 1);
    g->division = col_str(a, st, 2);
    g->kind = col_str(a, st, 3);
    g->title = col_str(a, st, 4);
    g->signed_on = col_str(a, st, 5);
    g->renew_on = db_col_null(st, 6) ? NULL : col_str(a, st, 6);
    g->scope = col_str(a, st, 7);
    g->obligations = col_str(a, st, 8);
    g->owner_ours = col_str(a, st, 9);
    g->owner_theirs = col_str(a, st, 10);
    g->created_by = db_col_int(st, 11);
    g->created_at = db_col_int(st, 12);
    g->updated_at = db_col_int(st, 13);
}

int store_exchange_agreement_create(db *c, const exchange_agreement *g, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_agreements(partner_id, division, kind, title, signed_on,"
                 " renew_on, scope, obligations, owner_ours, owner_theirs, created_by,"
                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "itttttttttIii", g->partner_id, g->division, g->kind, g->title, g->signed_on,
                 g->renew_on, g->scope, g->obligations, g->owner_ours, g->owner_theirs,
                 g->created_by, now, now),
        id);
}

int store_exchange_agreements_of(db *c, arena *a, const int64_t *partners, size_t np,
                                 exchange_agreement **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (np == 0)
        return WY_OK;
    const char *list = id_list_param(a, c, partners, np);
    if (!list)
        return WY_NOMEM;
    db_stmt *st = db_get_dialect(c) == DB_POSTGRES
                      ? db_query(c,
                                 "SELECT " AGREEMENT_COLS " FROM exchange_agreements"
                                 " WHERE partner_id = ANY (CAST(? AS bigint[]))"
                                 " ORDER BY partner_id, signed_on, id",
                                 "t", list)
                      : db_query(c,
                                 "SELECT " AGREEMENT_COLS " FROM exchange_agreements"
                                 " WHERE partner_id IN (SELECT value FROM json_each(?))"
                                 " ORDER BY partner_id, signed_on, id",
                                 "t", list);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_agreement, fill_agreement, out, n);
}

#define CHANNEL_COLS                                                                               \
    "id, division, name, scope, sector, mass_art, established_on, note,"                           \
    " coalesce(created_by, 0), created_at, updated_at"

static void fill_channel(arena *a, db_stmt *st, exchange_channel *ch)
{
    ch->id = db_col_int(st, 0);
    ch->division = col_str(a, st, 1);
    ch->name = col_str(a, st, 2);
    ch->scope = col_str(a, st, 3);
    ch->sector = col_str(a, st, 4);
    ch->mass_art = (int)db_col_int(st, 5);
    ch->established_on = col_str(a, st, 6);
    ch->note = col_str(a, st, 7);
    ch->created_by = db_col_int(st, 8);
    ch->created_at = db_col_int(st, 9);
    ch->updated_at = db_col_int(st, 10);
}

int store_exchange_channel_create(db *c, const exchange_channel *ch, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_channels(division, name, scope, sector, mass_art,"
                 " established_on, note, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ttttittIii", ch->division, ch->name, ch->scope, ch->sector, (int64_t)ch->mass_art,
                 ch->established_on, ch->note, ch->created_by, now, now),
        id);
}

int store_exchange_channel_get(db *c, arena *a, int64_t id, exchange_channel *out)
{
    db_stmt *st =
        db_query(c, "SELECT " CHANNEL_COLS " FROM exchange_channels WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_channel, out);
}

int store_exchange_channel_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                                exchange_channel **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " CHANNEL_COLS " FROM exchange_channels"
                 " WHERE division >= ? AND division < ? AND id > ? ORDER BY id LIMIT ?",
                 "ttii", prefix ? prefix : "", prefix_end(a, prefix), after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_channel, fill_channel, out, n);
}

static void fill_intent(arena *a, db_stmt *st, exchange_intent *it)
{
    it->id = db_col_int(st, 0);
    it->division = col_str(a, st, 1);
    it->channel_id = db_col_int(st, 2);
    it->partner_id = db_col_int(st, 3);
    it->title = col_str(a, st, 4);
    it->reached_on = col_str(a, st, 5);
    it->channel_name = col_str(a, st, 6);
    it->partner_name = col_str(a, st, 7);
    it->sector = col_str(a, st, 8);
    it->created_by = db_col_int(st, 9);
    it->created_at = db_col_int(st, 10);
    it->updated_at = db_col_int(st, 11);
}

int store_exchange_intent_create(db *c, const exchange_intent *it, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_intents(division, channel_id, partner_id, title,"
                 " reached_on, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tiittIii", it->division, it->channel_id, it->partner_id, it->title,
                 it->reached_on, it->created_by, now, now),
        id);
}

int store_exchange_intent_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                               exchange_intent **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT i.id, i.division, i.channel_id, i.partner_id, i.title, i.reached_on,"
                 " ch.name, p.name, ch.sector, coalesce(i.created_by, 0), i.created_at,"
                 " i.updated_at FROM exchange_intents i"
                 " JOIN exchange_channels ch ON ch.id = i.channel_id"
                 " JOIN exchange_partners p ON p.id = i.partner_id"
                 " WHERE i.division >= ? AND i.division < ? AND i.id > ? ORDER BY i.id LIMIT ?",
                 "ttii", prefix ? prefix : "", prefix_end(a, prefix), after, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_intent, fill_intent, out, n);
}

int store_exchange_count_channels(db *c, arena *a, const char *prefix, const char *scope,
                                  const char *to, int64_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*) FROM exchange_channels WHERE division >= ?"
                           " AND division < ? AND scope = ? AND established_on < ?",
                           "tttt", prefix, prefix_end(a, prefix), scope, to);
    return store_one_int(st, n);
}

int store_exchange_count_intents(db *c, arena *a, const char *prefix, const char *sector,
                                 const char *from, const char *to, int64_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*) FROM exchange_intents i"
                           " JOIN exchange_channels ch ON ch.id = i.channel_id"
                           " WHERE i.division >= ? AND i.division < ? AND ch.sector = ?"
                           " AND i.reached_on >= ? AND i.reached_on < ?",
                           "ttttt", prefix, prefix_end(a, prefix), sector, from, to);
    return store_one_int(st, n);
}

static void fill_alert_partner(arena *a, db_stmt *st, exchange_alert_partner *p)
{
    p->id = db_col_int(st, 0);
    p->division = col_str(a, st, 1);
    p->name = col_str(a, st, 2);
    p->last_contact = col_str(a, st, 3);
    p->created_at = db_col_int(st, 4);
}

int store_exchange_alert_partners(db *c, arena *a, const char *prefix, const char *cutoff,
                                  int64_t cutoff_ms, const char *horizon, const char *today,
                                  int64_t yyyymm, int64_t after, int limit,
                                  exchange_alert_partner **out, size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT id, division, name, last_contact, created_at FROM ("
        " SELECT p.id, p.division, p.name, p.created_at, coalesce(("
        "  SELECT max(d) FROM ("
        "   SELECT ea.ends_on AS d FROM exchange_activity_partners eap"
        "    JOIN exchange_activities ea ON ea.id = eap.activity_id"
        "    WHERE eap.partner_id = p.id AND ea.status <> 'rejected'"
        "   UNION ALL SELECT ei.reached_on FROM exchange_intents ei WHERE ei.partner_id = p.id"
        "   UNION ALL SELECT eg.signed_on FROM exchange_agreements eg WHERE eg.partner_id = p.id"
        "  ) contacts), p.since) AS last_contact"
        " FROM exchange_partners p WHERE p.division >= ? AND p.division < ? AND p.id > ?) q"
        " WHERE (last_contact IS NULL AND created_at < ?) OR last_contact < ?"
        " OR EXISTS (SELECT 1 FROM exchange_agreements g WHERE g.partner_id = q.id"
        "  AND g.renew_on IS NOT NULL AND g.renew_on <= ?)"
        " OR EXISTS (SELECT 1 FROM exchange_followups f WHERE f.partner_id = q.id"
        "  AND f.status = 'open' AND f.due_on < ?)"
        " OR EXISTS (SELECT 1 FROM exchange_programme_items pi"
        "  JOIN exchange_agreements pg ON pg.id = pi.agreement_id WHERE pg.partner_id = q.id"
        "  AND pi.status = 'planned' AND pi.year * 100 + pi.month < ?)"
        " ORDER BY id LIMIT ?",
        "ttiitttii", prefix ? prefix : "", prefix_end(a, prefix), after, cutoff_ms, cutoff, horizon,
        today, yyyymm, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_alert_partner, fill_alert_partner, out, n);
}

static void fill_grant(arena *a, db_stmt *st, exchange_grant *g)
{
    g->user_id = db_col_int(st, 0);
    g->role = col_str(a, st, 1);
    g->division = col_str(a, st, 2);
}

int store_exchange_grants(db *c, arena *a, exchange_grant **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT g.user_id, g.role, g.division FROM role_grants g"
                           " JOIN users u ON u.id = g.user_id WHERE u.status = 'active'"
                           " ORDER BY g.user_id, g.division",
                           "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_grant, fill_grant, out, n);
}
