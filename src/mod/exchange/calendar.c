/* calendar: the coordination calendar of planned exchanges (calendar.h). */
#include "mod/exchange/calendar.h"

#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/exchange/exchange_activity.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

static int on_review_status(wy_ctx *ctx, int64_t id, const char *status)
{
    int rc = store_exchange_plan_set_status(ctx->c, id, status, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange plan status");
}

const review_type exchange_plan_review_type = {"exchange_plan", on_review_status};

/* The day number of a valid date YYYY-MM-DD (days since 1970-01-01). */
static int64_t day_of(const char *d)
{
    struct tm tm = {.tm_year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
                               (d[3] - '0') - 1900,
                    .tm_mon = (d[5] - '0') * 10 + (d[6] - '0') - 1,
                    .tm_mday = (d[8] - '0') * 10 + (d[9] - '0')};
    return (int64_t)timegm(&tm) / 86400;
}

/* The days from date a to date b (both valid). */
static int64_t days_between(const char *a, const char *b)
{
    return day_of(b) - day_of(a);
}

int exchange_plan_check(wy_ctx *ctx, const exchange_plan_input *in)
{
    if (exchange_check_text(ctx, in->unit, 1, 100, "bad_unit",
                            N_("A unit has 1 to 100 characters."), "unit") < 0 ||
        exchange_check_text(ctx, in->title, 1, 200, "bad_title",
                            N_("A title has 1 to 200 characters."), "title") < 0 ||
        exchange_check_text(ctx, in->note, 0, 2000, "bad_note",
                            N_("A note has at most 2000 characters."), "note") < 0 ||
        exchange_check_date(ctx, in->starts_on, 1, "starts_on") < 0 ||
        exchange_check_date(ctx, in->ends_on, 1, "ends_on") < 0)
        return -1;
    if (!in->kind || (strcmp(in->kind, "visit") && !exchange_activity_kind_valid(in->kind)))
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "No such kind of exchange.", "kind");
    if (strcmp(in->ends_on, in->starts_on) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_dates", "The end is not before the start.",
                             "ends_on");
    if (in->npartners > EXCHANGE_PLAN_MAX_PARTNERS)
        return wy_fail_field(ctx, E_INVALID, "bad_partners", "At most 20 partners.", "partners");
    for (size_t i = 0; i < in->npartners; i++)
        for (size_t k = 0; k < i; k++)
            if (in->partners[i] == in->partners[k])
                return wy_fail_field(ctx, E_INVALID, "bad_partners", "A partner named twice.",
                                     "partners");
    return 0;
}

/* The partners and (for staff) clashes of n plans, into each. */
static int complete(wy_ctx *ctx, exchange_plan_full *ps, size_t n, int clashes)
{
    int64_t *ids = arena_alloc(ctx->a, (n + 1) * sizeof(*ids));
    if (!ids)
        return check_mem(ctx);
    for (size_t i = 0; i < n; i++)
        ids[i] = ps[i].p.id;
    exchange_plan_partner *pp;
    size_t np;
    int rc = store_exchange_plan_partners(ctx->c, ctx->a, ids, n, &pp, &np);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange plan partners");
    for (size_t i = 0; i < n; i++) {
        ps[i].partners = NULL;
        ps[i].npartners = 0;
        for (size_t k = 0; k < np; k++) /* ordered by plan: each plan's run is contiguous */
            if (pp[k].plan_id == ids[i]) {
                if (!ps[i].partners)
                    ps[i].partners = &pp[k];
                ps[i].npartners++;
            }
        ps[i].clashes = NULL;
        ps[i].nclashes = 0;
        ps[i].staff = clashes;
        if (clashes && (rc = store_exchange_plan_clashes(ctx->c, ctx->a, ids[i], &ps[i].clashes,
                                                         &ps[i].nclashes)) != WY_OK)
            return wy_fail_store(ctx, rc, "exchange plan clashes");
    }
    return 0;
}

int exchange_plan_create(wy_ctx *ctx, const exchange_plan_input *in, exchange_plan_full *out)
{
    memset(out, 0, sizeof(*out));
    if (exchange_plan_check(ctx, in) < 0)
        return -1;
    char div[DIVISION_CODE_MAX];
    int64_t id = 0;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = exchange_writable_division(ctx, in->division, div);
    for (size_t i = 0; res == 0 && i < in->npartners; i++) {
        exchange_partner p;
        rc = store_exchange_partner_get(ctx->c, ctx->a, in->partners[i], &p);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_partner", "No such partner.", "partners");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "partner");
        else if (strncmp(p.division, div, 4))
            res = wy_fail_field(ctx, E_RULE, "other_city", "The partner is another city's.",
                                "partners");
    }
    if (res == 0) {
        exchange_plan p = {.division = div,
                           .unit = in->unit,
                           .title = in->title,
                           .kind = in->kind,
                           .starts_on = in->starts_on,
                           .ends_on = in->ends_on,
                           .note = in->note ? in->note : "",
                           .created_by = ctx->who ? ctx->who->user_id : 0};
        if ((rc = store_exchange_plan_create(ctx->c, &p, ctx->now, &id)) != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange plan create");
    }
    for (size_t i = 0; res == 0 && i < in->npartners; i++)
        if ((rc = store_exchange_plan_add_partner(ctx->c, id, in->partners[i])) != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange plan partner");
    if (res == 0)
        res = review_author_add(ctx, "exchange_plan", id);
    if (res == 0)
        res = audit_add(ctx, "exchange_plan.create", "exchange_plan", id, div, NULL, "draft",
                        in->title);
    if (res == 0 && (rc = store_exchange_plan_get(ctx->c, ctx->a, id, &out->p)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange plan");
    if (res == 0)
        res = complete(ctx, out, 1, 1);
    return tx_end(ctx, res);
}

int exchange_plan_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    exchange_plan p;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = 0;
    if ((rc = store_exchange_plan_get(ctx->c, ctx->a, id, &p)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange plan");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, p.division);
    if (res == 0 && strcmp(p.status, "draft") && strcmp(p.status, "rejected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a draft or a rejected plan can be submitted.");
    if (res == 0)
        res = review_submit_tx(ctx, "exchange_plan", id, p.division, p.title, status);
    return tx_end(ctx, res);
}

/* Staff and reviewers over a division see its plans in every state, and their clashes. */
static int staff_over(wy_ctx *ctx, const char *division)
{
    return authz_allows(ctx->who, EXCHANGE_PERM, division) ||
           authz_allows(ctx->who, PERM_REVIEW, division);
}

int exchange_plan_get(wy_ctx *ctx, int64_t id, exchange_plan_full *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_exchange_plan_get(ctx->c, ctx->a, id, &out->p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange plan");
    int staff = staff_over(ctx, out->p.division);
    if (strcmp(out->p.status, "published") && !staff &&
        !(ctx->who && ctx->who->user_id && ctx->who->user_id == out->p.created_by))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return complete(ctx, out, 1, staff);
}

int exchange_calendar(wy_ctx *ctx, const char *division, const char *from, const char *to,
                      int approved_only, exchange_plan_full **out, size_t *n, int *staff)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0 ||
        exchange_check_date(ctx, from, 1, "from") < 0 || exchange_check_date(ctx, to, 1, "to") < 0)
        return -1;
    if (strcmp(to, from) < 0 || days_between(from, to) > 366)
        return wy_fail_field(ctx, E_INVALID, "bad_period",
                             "A calendar covers from one date to another at most 366 days later.",
                             "to");
    /* every division's drafts are nobody's whole view: staff see them for a subtree asked */
    *staff = !approved_only && *div && staff_over(ctx, div);
    exchange_plan *ps;
    int rc = store_exchange_plan_list(ctx->c, ctx->a, div, from, to, !*staff, EXCHANGE_CALENDAR_MAX,
                                      &ps, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange plans");
    *out = arena_alloc(ctx->a, (*n + 1) * sizeof(**out));
    if (!*out)
        return check_mem(ctx);
    for (size_t i = 0; i < *n; i++)
        (*out)[i].p = ps[i];
    return complete(ctx, *out, *n, *staff);
}

int exchange_plan_approve(wy_ctx *ctx, int64_t id)
{
    review_item it;
    int rc = store_review_item_by_content(ctx->c, ctx->a, "exchange_plan", id, &it);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange plan review");
    review_item after;
    return review_decide(ctx, it.id, "approve", NULL, &after);
}
