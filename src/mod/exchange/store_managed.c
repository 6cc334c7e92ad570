/* store_managed: the staff's list of exchange activities in every state (managed_store.h). */
#include "mod/exchange/managed_store.h"
#include "db/store_util.h"

static void fill_managed(arena *a, db_stmt *st, exchange_activity *x)
{
    *x = (exchange_activity){.summary = "", .summary_en = ""};
    x->id = db_col_int(st, 0);
    x->division = col_str(a, st, 1);
    x->title = col_str(a, st, 2);
    x->title_en = col_str(a, st, 3);
    x->kind = col_str(a, st, 4);
    x->scope = col_str(a, st, 5);
    x->channel_id = db_col_int(st, 6);
    x->channel_name = col_str(a, st, 7);
    x->starts_on = col_str(a, st, 8);
    x->ends_on = col_str(a, st, 9);
    x->participants = db_col_int(st, 10);
    x->audience = db_col_int(st, 11);
    x->media_reports = db_col_int(st, 12);
    x->online_reach = db_col_int(st, 13);
    x->new_followers = db_col_int(st, 14);
    x->status = col_str(a, st, 15);
    x->author = db_col_int(st, 16);
    x->published_at = db_col_int(st, 17);
}

int store_exchange_activity_managed(db *c, arena *a, const char *prefix, int64_t before, int limit,
                                    exchange_activity **out, size_t *n)
{
    db_stmt *st = db_query(
        c,
        "SELECT x.id, x.division, x.title, x.title_en, x.kind, x.scope, coalesce(x.channel_id, 0),"
        " coalesce(ch.name, ''), x.starts_on, x.ends_on, coalesce(x.participants, -1),"
        " coalesce(x.audience, -1), coalesce(x.media_reports, -1), coalesce(x.online_reach, -1),"
        " coalesce(x.new_followers, -1), x.status, coalesce(x.author, 0),"
        " coalesce(x.published_at, 0)"
        " FROM exchange_activities x LEFT JOIN exchange_channels ch ON ch.id = x.channel_id"
        " WHERE x.division >= ? AND x.division < ? AND (? = 0 OR x.id < ?)"
        " ORDER BY x.id DESC LIMIT ?",
        "ttiii", prefix ? prefix : "", prefix_end(a, prefix), before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_activity, fill_managed, out, n);
}
