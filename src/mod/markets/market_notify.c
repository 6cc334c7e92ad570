/*
 * market_notify: what stall-holders are told about their applications (market.h), each in the
 * transaction of the change that causes it (core/notify.h). The subject is the application;
 * the snapshot is the market's title, its page of one's applications and its start; the
 * params carry what the sentence needs (pages_market_inbox.c): the category, the reserve
 * position, the time to confirm by, the stall.
 */
#include "mod/markets/market.h"

#include <jansson.h>
#include <stdlib.h>

#include "core/notify.h"
#include "util/timeutil.h"

const notify_kind market_kind_accepted = {"market.accepted", 0};
const notify_kind market_kind_reserve = {"market.reserve", 0};
const notify_kind market_kind_declined = {"market.declined", 0};
const notify_kind market_kind_promoted = {"market.promoted", 0};
const notify_kind market_kind_lapsed = {"market.lapsed", 0};
/* the map may be withdrawn and published again with stalls moved: each publication tells */
const notify_kind market_kind_stall = {"market.stall", 1};
const notify_kind market_kind_reminder = {"market.reminder", 0};

static json_t *time_json(int64_t ms)
{
    char buf[40];
    if (!ms)
        return json_null();
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    return json_string(buf);
}

int market_tell(wy_ctx *ctx, const notify_kind *kind, const market *m, const market_application *a,
                const char *stall)
{
    json_t *p =
        json_pack("{s:I,s:I,s:s,s:s,s:o,s:o,s:o,s:o}", "market_id", (json_int_t)m->id,
                  "application_id", (json_int_t)a->id, "market", m->title, "category", a->category,
                  "position", a->position > 0 ? json_integer(a->position) : json_null(),
                  "confirm_by", time_json(a->confirm_by), "starts_at", time_json(m->starts_at),
                  "stall", stall ? json_string(stall) : json_null());
    char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(p);
    if (!text)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    notify_msg msg = {.kind = kind,
                      .user_id = a->user_id,
                      .subject_type = "market_application",
                      .subject_id = a->id,
                      .title = m->title,
                      .href = "/me/market-applications",
                      .at = m->starts_at,
                      .division = m->division,
                      .params = text};
    int res = notify_send(ctx, &msg, NULL);
    free(text);
    return res;
}
