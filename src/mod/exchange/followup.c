/* followup: follow-ups and the conversion time (followup.h). */
#include "mod/exchange/followup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

static const char *const followup_kinds[] = {"agreement",  "return_visit",     "tourism_product",
                                             "investment", "joint_production", "other",
                                             NULL};
static const char *const statuses[] = {"open", "done", "dropped", NULL};

/* The origin of an agreement's follow-ups: its division, partner and signing date. */
static int agreement_origin(wy_ctx *ctx, int64_t id, const char **division, int64_t *partner,
                            const char **signed_on)
{
    int rc = store_exchange_agreement_origin(ctx->c, ctx->a, id, division, partner, signed_on);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_agreement", "No such agreement.",
                             "agreement_id");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "agreement");
}

/* A name, not a phone number: no run of seven digits or more. */
static int has_phone(const char *s)
{
    int run = 0;
    for (; s && *s; s++) {
        run = *s >= '0' && *s <= '9' ? run + 1 : 0;
        if (run >= 7)
            return 1;
    }
    return 0;
}

int exchange_check_owner(wy_ctx *ctx, const char *owner)
{
    if (exchange_check_text(ctx, owner, 0, 100, "bad_owner",
                            N_("An owner has at most 100 characters."), "owner") < 0)
        return -1;
    if (has_phone(owner))
        return wy_fail_field(ctx, E_INVALID, "owner_phone",
                             "An owner is a unit or a person's name, without a phone number.",
                             "owner");
    return 0;
}

int exchange_followup_create(wy_ctx *ctx, const exchange_followup_input *in, int64_t *id)
{
    if (exchange_check_enum(ctx, in->kind, followup_kinds, "bad_kind",
                            N_("No such kind of follow-up."), "kind") < 0 ||
        exchange_check_text(ctx, in->title, 1, 200, "bad_title",
                            N_("A title has 1 to 200 characters."), "title") < 0 ||
        exchange_check_owner(ctx, in->owner) < 0 ||
        exchange_check_date(ctx, in->due_on, 1, "due_on") < 0)
        return -1;
    if ((in->activity_id > 0) == (in->agreement_id > 0) || in->activity_id < 0 ||
        in->agreement_id < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_origin",
                             "A follow-up follows either an activity or an agreement.",
                             "activity_id");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    const char *division = NULL, *origin_on = NULL;
    int64_t partner = 0;
    int res = 0;
    if (in->agreement_id) {
        res = agreement_origin(ctx, in->agreement_id, &division, &partner, &origin_on);
        if (res == 0 && in->partner_id && in->partner_id != partner)
            res = wy_fail_field(ctx, E_RULE, "not_a_partner", "The partner is not the agreement's.",
                                "partner_id");
    } else {
        exchange_activity x;
        rc = store_exchange_activity_get(ctx->c, ctx->a, in->activity_id, &x);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_activity", "No such activity.",
                                "activity_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange activity");
        exchange_activity_partner *ps = NULL;
        size_t np = 0;
        if (res == 0) {
            division = x.division;
            origin_on = x.ends_on;
            rc = store_exchange_activity_partners(ctx->c, ctx->a, &x.id, 1, &ps, &np);
            if (rc != WY_OK)
                res = wy_fail_store(ctx, rc, "exchange activity partners");
        }
        if (res == 0 && in->partner_id) {
            for (size_t i = 0; i < np && !partner; i++)
                if (ps[i].partner_id == in->partner_id)
                    partner = in->partner_id;
            if (!partner)
                res = wy_fail_field(ctx, E_RULE, "not_a_partner",
                                    "The partner is not among the activity's.", "partner_id");
        } else if (res == 0 && np == 1)
            partner = ps[0].partner_id;
        else if (res == 0)
            res = wy_fail_field(ctx, E_RULE, "partner_required",
                                "Name the partner the follow-up is with: one of the activity's.",
                                "partner_id");
    }
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, division);
    if (res == 0) {
        exchange_followup f = {.division = division,
                               .activity_id = in->activity_id,
                               .agreement_id = in->agreement_id,
                               .partner_id = partner,
                               .kind = in->kind,
                               .title = in->title,
                               .owner = in->owner ? in->owner : "",
                               .origin_on = origin_on,
                               .due_on = in->due_on,
                               .status = "open",
                               .outcome = "",
                               .created_by = ctx->who ? ctx->who->user_id : 0};
        rc = store_exchange_followup_create(ctx->c, &f, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange follow-up create");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_followup.create", "exchange_followup", *id, division, NULL,
                        "open", in->title);
    return tx_end(ctx, res);
}

int exchange_followup_update(wy_ctx *ctx, int64_t id, const exchange_followup_change *ch)
{
    if (exchange_check_text(ctx, ch->title, 0, 200, "bad_title",
                            N_("A title has 1 to 200 characters."), "title") < 0 ||
        exchange_check_owner(ctx, ch->owner) < 0 ||
        exchange_check_date(ctx, ch->due_on, 0, "due_on") < 0 ||
        (ch->status &&
         exchange_check_enum(ctx, ch->status, statuses, "bad_status",
                             N_("A follow-up is open, done or dropped."), "status") < 0) ||
        exchange_check_text(ctx, ch->outcome, 0, 5000, "bad_outcome",
                            N_("An outcome has at most 5000 characters."), "outcome") < 0 ||
        exchange_check_date(ctx, ch->outcome_on, 0, "outcome_on") < 0)
        return -1;
    if (ch->title && !*ch->title)
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 200 characters.",
                             "title");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    exchange_followup f;
    int res = 0;
    rc = store_exchange_followup_get(ctx->c, ctx->a, id, &f);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange follow-up");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, f.division);
    const char *from = res == 0 ? f.status : NULL;
    if (res == 0) {
        if (ch->title)
            f.title = ch->title;
        if (ch->owner)
            f.owner = ch->owner;
        if (ch->due_on)
            f.due_on = ch->due_on;
        if (ch->status)
            f.status = ch->status;
        if (ch->outcome)
            f.outcome = ch->outcome;
        if (ch->outcome_on)
            f.outcome_on = ch->outcome_on;
        if (!strcmp(f.status, "open"))
            f.outcome_on = NULL;
        char today[11];
        exchange_date_of(ctx->now, today);
        if (!strcmp(f.status, "done") && (!*f.outcome || !f.outcome_on))
            res = wy_fail_field(ctx, E_RULE, "outcome_required",
                                "A follow-up done says its outcome and the date of it.", "outcome");
        else if (f.outcome_on &&
                 (strcmp(f.outcome_on, f.origin_on) < 0 || strcmp(f.outcome_on, today) > 0))
            res =
                wy_fail_field(ctx, E_RULE, "bad_outcome_date",
                              "The outcome is dated between the exchange and today.", "outcome_on");
    }
    if (res == 0 && (rc = store_exchange_followup_update(ctx->c, &f, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange follow-up update");
    if (res == 0)
        res = audit_add(ctx, "exchange_followup.update", "exchange_followup", id, f.division, from,
                        f.status, f.title);
    return tx_end(ctx, res);
}

int exchange_followup_get(wy_ctx *ctx, int64_t id, exchange_followup *out, int *staff)
{
    int rc = store_exchange_followup_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange follow-up");
    *staff = authz_allows(ctx->who, EXCHANGE_PERM, out->division);
    if (!*staff && !out->public_origin)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

int exchange_followup_list(wy_ctx *ctx, const char *division, int64_t activity, int64_t agreement,
                           int64_t partner, const char *status, int64_t after, int limit,
                           exchange_followup **out, size_t *n, int *staff)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0)
        return -1;
    if (status && *status &&
        exchange_check_enum(ctx, status, statuses, "bad_status",
                            N_("A follow-up is open, done or dropped."), "status") < 0)
        return -1;
    *staff = *div && authz_allows(ctx->who, EXCHANGE_PERM, div);
    exchange_followup_filter f = {.prefix = div,
                                  .activity = activity,
                                  .agreement = agreement,
                                  .partner = partner,
                                  .status = status && *status ? status : NULL,
                                  .public_only = !*staff};
    int rc = store_exchange_followup_list(ctx->c, ctx->a, &f, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange follow-ups");
}

static int64_t day_number(const char *d)
{
    struct tm tm = {.tm_year = atoi(d) - 1900, .tm_mon = atoi(d + 5) - 1, .tm_mday = atoi(d + 8)};
    return (int64_t)timegm(&tm) / 86400;
}

int64_t exchange_days_between(const char *a, const char *b)
{
    return day_number(b) - day_number(a);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* count, mean and median of the days of the rows whose group matches (match NULL: all) */
static void summarise(const int64_t *days, const int *group, int which, size_t n, double *buf,
                      exchange_conversion *out)
{
    size_t k = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (which < 0 || group[i] == which) {
            buf[k++] = (double)days[i];
            sum += (double)days[i];
        }
    out->count = (int64_t)k;
    if (!k) {
        out->mean = out->median = NAN;
        return;
    }
    qsort(buf, k, sizeof(double), cmp_double);
    out->mean = sum / (double)k;
    out->median = k % 2 ? buf[k / 2] : (buf[k / 2 - 1] + buf[k / 2]) / 2;
}

int exchange_conversion_report(wy_ctx *ctx, const char *division, const char *from, const char *to,
                               exchange_conversion *all, exchange_conversion **kinds,
                               size_t *nkinds, exchange_conversion **partners, size_t *npartners)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0 ||
        (from && *from && exchange_check_date(ctx, from, 1, "from") < 0) ||
        (to && *to && exchange_check_date(ctx, to, 1, "to") < 0))
        return -1;
    int staff = *div && authz_allows(ctx->who, EXCHANGE_PERM, div);
    exchange_followup *fs;
    size_t n;
    int rc = store_exchange_followups_done(ctx->c, ctx->a, div, from && *from ? from : NULL,
                                           to && *to ? to : NULL, !staff, &fs, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange follow-ups");
    int64_t *days = arena_alloc(ctx->a, (n + 1) * sizeof(*days));
    int *by_kind = arena_alloc(ctx->a, (n + 1) * sizeof(int));
    int *by_partner = arena_alloc(ctx->a, (n + 1) * sizeof(int));
    double *buf = arena_alloc(ctx->a, (n + 1) * sizeof(double));
    *kinds = arena_alloc(ctx->a, 8 * sizeof(**kinds));
    *partners = arena_alloc(ctx->a, (n + 1) * sizeof(**partners));
    if (!days || !by_kind || !by_partner || !buf || !*kinds || !*partners)
        return check_mem(ctx);
    /* the partners in the order of their ids */
    size_t np = 0;
    int64_t *pids = arena_alloc(ctx->a, (n + 1) * sizeof(int64_t));
    const char **pnames = arena_alloc(ctx->a, (n + 1) * sizeof(char *));
    if (!pids || !pnames)
        return check_mem(ctx);
    for (size_t i = 0; i < n; i++) {
        days[i] = exchange_days_between(fs[i].origin_on, fs[i].outcome_on);
        by_kind[i] = -1;
        for (int k = 0; followup_kinds[k]; k++)
            if (!strcmp(fs[i].kind, followup_kinds[k]))
                by_kind[i] = k;
        size_t p = 0;
        while (p < np && pids[p] != fs[i].partner_id)
            p++;
        if (p == np) {
            size_t at = np;
            while (at > 0 && pids[at - 1] > fs[i].partner_id) {
                pids[at] = pids[at - 1];
                pnames[at] = pnames[at - 1];
                at--;
            }
            pids[at] = fs[i].partner_id;
            pnames[at] = fs[i].partner_name;
            np++;
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t p = 0; p < np; p++)
            if (pids[p] == fs[i].partner_id)
                by_partner[i] = (int)p;
    *all = (exchange_conversion){.key = ""};
    summarise(days, by_kind, -1, n, buf, all);
    *nkinds = 0;
    for (int k = 0; followup_kinds[k]; k++) {
        exchange_conversion c = {.key = followup_kinds[k]};
        summarise(days, by_kind, k, n, buf, &c);
        if (c.count)
            (*kinds)[(*nkinds)++] = c;
    }
    for (size_t p = 0; p < np; p++) {
        exchange_conversion c = {.key = arena_sprintf(ctx->a, "%lld", (long long)pids[p]),
                                 .name = pnames[p]};
        summarise(days, by_partner, (int)p, n, buf, &c);
        (*partners)[p] = c;
    }
    *npartners = np;
    return check_mem(ctx);
}

int exchange_ind_conversion_days(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                 double *out)
{
    char start[11], end[11];
    exchange_date_of(from, start);
    exchange_date_of(to, end);
    exchange_followup *fs;
    size_t n;
    int rc = store_exchange_followups_done(ctx->c, ctx->a, division ? division : "", start, end, 0,
                                           &fs, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange indicator");
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (double)exchange_days_between(fs[i].origin_on, fs[i].outcome_on);
    *out = n ? sum / (double)n : NAN;
    return 0;
}
