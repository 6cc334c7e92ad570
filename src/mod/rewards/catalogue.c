/*
 * catalogue: the reward items of the points supermarket (积分超市), rewards.h. Staff with
 * volunteers_manage over an organisation's division publish its items; anyone reads the
 * published ones with what is left of their stock.
 */
#include <string.h>

#include "core/audit.h"
#include "core/enrol_hook.h"
#include "core/authz.h"
#include "core/division.h"
#include "mod/activities/activity_store.h"
#include "mod/rewards/rewards.h"
#include "mod/volunteers/volunteer.h"
#include "util/csvread.h"

static const char *const kinds[] = {"ticket",           "book",  "course_place",
                                    "priority_booking", "other", NULL};

int reward_kind_known(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (!strcmp(kind, kinds[i]))
            return 1;
    return 0;
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    if (!utf8_valid(s, strlen(s)))
        return 0;
    size_t len = utf8_length(s);
    return len >= min && len <= max;
}

int reward_item_create(wy_ctx *ctx, const reward_input *in, int64_t *id)
{
    if (!text_ok(in->title, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (!text_ok(in->description, 0, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 2000 characters.", "description");
    if (!reward_kind_known(in->kind))
        return wy_fail_field(ctx, E_INVALID, "bad_kind",
                             "The kind is ticket, book, course_place, priority_booking or other.",
                             "kind");
    if (in->cost <= 0 || in->cost > 1000000)
        return wy_fail_field(ctx, E_INVALID, "bad_cost", "A cost is 1 to 1000000 points.", "cost");
    if (in->stock < 0 || in->stock > 1000000)
        return wy_fail_field(ctx, E_INVALID, "bad_stock", "The stock is 0 to 1000000.", "stock");
    if (!text_ok(in->place, 0, 500))
        return wy_fail_field(ctx, E_INVALID, "bad_place",
                             "Where to collect it has at most 500 characters.", "place");
    int priority = !strcmp(in->kind, "priority_booking");
    if (priority ? in->activity_id <= 0 : in->activity_id != 0 || in->priority_hours != 0)
        return wy_fail_field(ctx, E_INVALID, "bad_activity",
                             "A priority booking window names its activity; other rewards name "
                             "none.",
                             "activity_id");
    if (priority && (in->priority_hours < 1 || in->priority_hours > REWARD_PRIORITY_HOURS_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_hours",
                             "A priority booking window is 1 to 720 hours early.",
                             "priority_hours");
    int place = !strcmp(in->kind, "course_place");
    if (!place && in->course_id != 0)
        return wy_fail_field(ctx, E_INVALID, "bad_course", "Only a course place names a course.",
                             "course_id");
    const enrol_hook *enrol = enrol_hook_get();
    if (place && in->course_id && !enrol)
        return wy_fail_field(ctx, E_INVALID, "unknown_course", "No such course.", "course_id");
    if (tx_begin(ctx) < 0)
        return -1;
    volunteer_org o;
    int res = 0, rc = store_volunteer_org_get(ctx->c, ctx->a, in->org_id, &o);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_INVALID, "unknown_org", "No such volunteer organisation.",
                            "org_id");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "organisation");
    if (res == 0)
        res = authz_require(ctx, PERM_VOLUNTEERS_MANAGE, o.division);
    /* the activity it opens early: one of the organisation's area, so that a coordinator
     * grants no early access to another area's activities */
    if (res == 0 && priority) {
        activity act;
        rc = store_activity_get(ctx->c, ctx->a, in->activity_id, &act);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_activity", "No such activity.",
                                "activity_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "activity");
        else if (!division_contains(o.division, act.division))
            res = wy_fail_field(ctx, E_RULE, "activity_out_of_area",
                                "The activity is outside the organisation's area.", "activity_id");
    }
    /* the course it enrols in: a first-come course of the organisation's area */
    if (res == 0 && place && in->course_id)
        res = enrol->check_course(ctx, in->course_id, o.division);
    if (res == 0) {
        reward_item it = {.org_id = in->org_id,
                          .division = o.division,
                          .title = in->title,
                          .description = in->description ? in->description : "",
                          .kind = in->kind,
                          .cost = in->cost,
                          .stock = in->stock,
                          .place = in->place ? in->place : "",
                          .created_by = ctx->who ? ctx->who->user_id : 0,
                          .activity_id = priority ? in->activity_id : 0,
                          .priority_hours = priority ? (int)in->priority_hours : 0,
                          .course_id = place ? in->course_id : 0};
        rc = store_reward_item_create(ctx->c, &it, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "item create");
    }
    if (res == 0)
        res = audit_add(ctx, "reward_item.create", "reward_item", *id, o.division, NULL,
                        "published", in->title);
    res = tx_end(ctx, res);
    if (res == 0 && priority)
        reward_priority_invalidate(); /* the booking path sees it at once in this process */
    return res;
}

int reward_item_get(wy_ctx *ctx, int64_t id, reward_item *out)
{
    int rc = store_reward_item_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "item");
    if (!strcmp(out->status, "published") ||
        authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, out->division))
        return 0;
    return wy_fail(ctx, E_NOTFOUND, "not_found", "No such item.");
}

int reward_item_list(wy_ctx *ctx, const char *division, int64_t after, int limit, reward_item **out,
                     size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_reward_item_list(ctx->c, ctx->a, div, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "item list");
}
