/* funds: special funds and sponsorship recorded against exchange activities (calendar.h). */
#include "mod/exchange/calendar.h"

#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/exchange/exchange_activity.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

static const char *const fund_kinds[] = {"grant", "sponsorship", "facilities", "donation", NULL};

/* 10^12 fen: ten billion yuan, more than any fund of a city's exchange */
#define MAX_FEN 1000000000000LL

int exchange_fund_check(wy_ctx *ctx, const exchange_fund_input *in)
{
    if (exchange_check_enum(ctx, in->kind, fund_kinds, "bad_kind",
                            N_("A fund is a grant, a sponsorship, facilities or a donation."),
                            "kind") < 0 ||
        exchange_check_text(ctx, in->sponsor, 1, 200, "bad_sponsor",
                            N_("The sponsor or funder has 1 to 200 characters."), "sponsor") < 0 ||
        exchange_check_text(ctx, in->in_kind, 0, 500, "bad_in_kind",
                            N_("What was given in kind has at most 500 characters."),
                            "in_kind") < 0 ||
        exchange_check_date(ctx, in->given_on, 1, "given_on") < 0)
        return -1;
    if (in->amount_fen < -1 || in->amount_fen > MAX_FEN)
        return wy_fail_field(ctx, E_INVALID, "bad_amount",
                             "An amount is a whole number of fen from 0.", "amount_fen");
    if (in->value_fen < -1 || in->value_fen > MAX_FEN)
        return wy_fail_field(ctx, E_INVALID, "bad_value",
                             "A value is a whole number of fen from 0.", "value_fen");
    int in_kind = in->in_kind && *in->in_kind;
    if (in->value_fen >= 0 && !in_kind)
        return wy_fail_field(ctx, E_INVALID, "in_kind_required",
                             "A value in kind says what was given.", "in_kind");
    if (in->amount_fen <= 0 && !in_kind)
        return wy_fail_field(ctx, E_INVALID, "amount_required",
                             "A fund gives an amount of money or something in kind.", "amount_fen");
    return 0;
}

int exchange_fund_add(wy_ctx *ctx, int64_t activity, const exchange_fund_input *in, int64_t *id)
{
    if (exchange_fund_check(ctx, in) < 0)
        return -1;
    exchange_activity x;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = 0;
    if ((rc = store_exchange_activity_get(ctx->c, ctx->a, activity, &x)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange activity");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, x.division);
    if (res == 0) {
        exchange_fund f = {.activity_id = activity,
                           .division = x.division,
                           .kind = in->kind,
                           .sponsor = in->sponsor,
                           .amount_fen = in->amount_fen > 0 ? in->amount_fen : 0,
                           .in_kind = in->in_kind ? in->in_kind : "",
                           .value_fen = in->value_fen > 0 ? in->value_fen : 0,
                           .given_on = in->given_on,
                           .created_by = ctx->who ? ctx->who->user_id : 0};
        if ((rc = store_exchange_fund_add(ctx->c, &f, ctx->now, id)) != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange fund");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_fund.create", "exchange_activity", activity, x.division,
                        NULL, in->kind, in->sponsor);
    return tx_end(ctx, res);
}

int exchange_funds_of(wy_ctx *ctx, int64_t activity, exchange_fund **out, size_t *n,
                      int64_t *amount_fen, int64_t *value_fen)
{
    exchange_activity x;
    int rc = store_exchange_activity_get(ctx->c, ctx->a, activity, &x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity");
    if (authz_require(ctx, EXCHANGE_PERM, x.division) < 0)
        return -1;
    if ((rc = store_exchange_funds_of(ctx->c, ctx->a, activity, out, n)) != WY_OK)
        return wy_fail_store(ctx, rc, "exchange funds");
    *amount_fen = *value_fen = 0;
    for (size_t i = 0; i < *n; i++) {
        *amount_fen += (*out)[i].amount_fen;
        *value_fen += (*out)[i].value_fen;
    }
    return 0;
}

int exchange_fund_totals(wy_ctx *ctx, const char *division, const char *from, const char *to,
                         exchange_fund_total **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (!division || !*division)
        return wy_fail_field(ctx, E_INVALID, "bad_division", "Name the division.", "division");
    if (exchange_list_division(ctx, division, div) < 0 ||
        exchange_check_date(ctx, from, 1, "from") < 0 || exchange_check_date(ctx, to, 1, "to") < 0)
        return -1;
    if (strcmp(to, from) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_period", "The end is not before the start.",
                             "to");
    if (authz_require(ctx, EXCHANGE_PERM, div) < 0)
        return -1;
    int rc = store_exchange_fund_totals(ctx->c, ctx->a, div, from, to, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange fund totals");
}
