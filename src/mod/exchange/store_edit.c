/* store_edit: changes to partners, agreements, channels and intents, and the deletion of a
 * channel or an intent (calendar_store.h). */
#include "mod/exchange/calendar_store.h"
#include "db/store_util.h"

static int changed(db *c, int rc)
{
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_exchange_partner_update(db *c, const exchange_partner *p, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_partners SET name = ?, name_en = ?, kind = ?,"
                             " scope = ?, country = ?, city = ?, organisation = ?, languages = ?,"
                             " since = ?, updated_at = ? WHERE id = ?",
                             "tttttttttii", p->name, p->name_en, p->kind, p->scope, p->country,
                             p->city, p->organisation, p->languages, p->since, now, p->id));
}

static void fill_agreement(arena *a, db_stmt *st, exchange_agreement *g)
{
    g->id = db_col_int(st, 0);
    g->partner_id = db_col_int(st, 1);
    g->division = col_str(a, st, 2);
    g->kind = col_str(a, st, 3);
    g->title = col_str(a, st, 4);
    g->signed_on = col_str(a, st, 5);
    g->renew_on = col_str(a, st, 6);
    g->scope = col_str(a, st, 7);
    g->obligations = col_str(a, st, 8);
    g->owner_ours = col_str(a, st, 9);
    g->owner_theirs = col_str(a, st, 10);
    g->created_by = db_col_int(st, 11);
    g->created_at = db_col_int(st, 12);
    g->updated_at = db_col_int(st, 13);
}

int store_exchange_agreement_get(db *c, arena *a, int64_t id, exchange_agreement *out)
{
    db_stmt *st = db_query(c,
                           "SELECT id, partner_id, division, kind, title, signed_on, renew_on,"
                           " scope, obligations, owner_ours, owner_theirs,"
                           " coalesce(created_by, 0), created_at, updated_at"
                           " FROM exchange_agreements WHERE id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_agreement, out);
}

int store_exchange_agreement_update(db *c, const exchange_agreement *g, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_agreements SET kind = ?, title = ?, signed_on = ?,"
                             " renew_on = ?, scope = ?, obligations = ?, owner_ours = ?,"
                             " owner_theirs = ?, updated_at = ? WHERE id = ?",
                             "ttttttttii", g->kind, g->title, g->signed_on, g->renew_on, g->scope,
                             g->obligations, g->owner_ours, g->owner_theirs, now, g->id));
}

int store_exchange_channel_update(db *c, const exchange_channel *ch, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_channels SET name = ?, scope = ?, sector = ?,"
                             " mass_art = ?, established_on = ?, note = ?, updated_at = ?"
                             " WHERE id = ?",
                             "tttittii", ch->name, ch->scope, ch->sector, (int64_t)ch->mass_art,
                             ch->established_on, ch->note, now, ch->id));
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

int store_exchange_intent_get(db *c, arena *a, int64_t id, exchange_intent *out)
{
    db_stmt *st = db_query(c,
                           "SELECT i.id, i.division, i.channel_id, i.partner_id, i.title,"
                           " i.reached_on, ch.name, p.name, ch.sector, coalesce(i.created_by, 0),"
                           " i.created_at, i.updated_at FROM exchange_intents i"
                           " JOIN exchange_channels ch ON ch.id = i.channel_id"
                           " JOIN exchange_partners p ON p.id = i.partner_id WHERE i.id = ?",
                           "i", id);
    return STORE_ONE(a, st, fill_intent, out);
}

int store_exchange_intent_update(db *c, const exchange_intent *it, int64_t now)
{
    return changed(c, db_run(c,
                             "UPDATE exchange_intents SET channel_id = ?, partner_id = ?,"
                             " title = ?, reached_on = ?, updated_at = ? WHERE id = ?",
                             "iittii", it->channel_id, it->partner_id, it->title, it->reached_on,
                             now, it->id));
}

int store_exchange_channel_refs(db *c, int64_t id, int64_t *n)
{
    return store_one_int(db_query(c,
                                  "SELECT (SELECT count(*) FROM exchange_intents"
                                  " WHERE channel_id = ?) + (SELECT count(*)"
                                  " FROM exchange_activities WHERE channel_id = ?)",
                                  "ii", id, id),
                         n);
}

int store_exchange_channel_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_channels WHERE id = ?", "i", id));
}

int store_exchange_intent_delete(db *c, int64_t id)
{
    return changed(c, db_run(c, "DELETE FROM exchange_intents WHERE id = ?", "i", id));
}
