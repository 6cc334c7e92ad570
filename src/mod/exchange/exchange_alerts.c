/* exchange_alerts: dormant partners and agreements due for renewal (exchange.h). */
#include "mod/exchange/exchange.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/authz.h"
#include "core/notify.h"
#include "mod/exchange/amend_store.h"
#include "mod/exchange/followup.h"
#include "util/log.h"

#define CHINA_S (8 * 3600)
#define DAY_MS  (24LL * 3600 * 1000)

/* Once per admin and alert: a partner dormant, an agreement due, the same overdue. */
const notify_kind exchange_kind_dormant = {"exchange.partner_dormant", 0};
const notify_kind exchange_kind_renewal_due = {"exchange.renewal_due", 0};
const notify_kind exchange_kind_renewal_overdue = {"exchange.renewal_overdue", 0};
const notify_kind exchange_kind_followup_overdue = {"exchange.followup_overdue", 0};
const notify_kind exchange_kind_programme_overdue = {"exchange.programme_overdue", 0};

/* The China date `months` months before now's (the day past a short month's end rolls over),
 * and the ms of its start. */
static void months_back(int64_t now, int months, char out[11], int64_t *ms)
{
    time_t t = (time_t)(now / 1000) + CHINA_S;
    struct tm tm;
    gmtime_r(&t, &tm);
    tm.tm_mon -= months;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = 0;
    time_t b = timegm(&tm);
    struct tm r;
    gmtime_r(&b, &r);
    strftime(out, 11, "%Y-%m-%d", &r);
    *ms = ((int64_t)b - CHINA_S) * 1000;
}

/* The alerts of the subtree prefix, without asking who may see them. */
static int alerts_of(wy_ctx *ctx, const char *prefix, int64_t after, int limit,
                     exchange_alert **out, size_t *n, int64_t *next)
{
    int months = (int)config_module_int(ctx->cfg, "exchange", "dormant_months");
    int days = (int)config_module_int(ctx->cfg, "exchange", "renewal_days");
    char today[11], cutoff[11], horizon[11];
    int64_t cutoff_ms;
    exchange_date_of(ctx->now, today);
    exchange_date_of(ctx->now + days * DAY_MS, horizon);
    months_back(ctx->now, months, cutoff, &cutoff_ms);

    /* this month, as a number: a programme item of an earlier month still planned is late */
    int64_t yyyymm = (today[0] - '0') * 100000 + (today[1] - '0') * 10000 +
                     (today[2] - '0') * 1000 + (today[3] - '0') * 100 + (today[5] - '0') * 10 +
                     (today[6] - '0');
    exchange_alert_partner *ps;
    size_t np;
    int rc = store_exchange_alert_partners(ctx->c, ctx->a, prefix, cutoff, cutoff_ms, horizon,
                                           today, yyyymm, after, limit, &ps, &np);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "partners");
    int64_t *ids = arena_alloc(ctx->a, (np + 1) * sizeof(*ids));
    if (!ids)
        return check_mem(ctx);
    for (size_t i = 0; i < np; i++)
        ids[i] = ps[i].id;
    exchange_agreement *ags;
    size_t nags;
    rc = store_exchange_agreements_of(ctx->c, ctx->a, ids, np, &ags, &nags);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "agreements");
    exchange_followup *fs;
    size_t nfs;
    rc = store_exchange_followups_overdue(ctx->c, ctx->a, ids, np, today, &fs, &nfs);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "follow-ups");
    exchange_programme_item *pis;
    size_t npis;
    rc = store_exchange_programme_overdue(ctx->c, ctx->a, ids, np, yyyymm, &pis, &npis);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "programme items");
    exchange_alert *al = arena_alloc(ctx->a, (np + nags + nfs + npis + 1) * sizeof(*al));
    if (!al)
        return check_mem(ctx);
    size_t k = 0;
    for (size_t i = 0; i < np; i++) {
        const exchange_alert_partner *p = &ps[i];
        if (p->last_contact ? strcmp(p->last_contact, cutoff) < 0 : p->created_at < cutoff_ms)
            al[k++] = (exchange_alert){.kind = "dormant",
                                       .partner_id = p->id,
                                       .partner_name = p->name,
                                       .division = p->division,
                                       .last_contact = p->last_contact};
        for (size_t j = 0; j < nags; j++) {
            const exchange_agreement *g = &ags[j];
            if (g->partner_id != p->id || !g->renew_on || strcmp(g->renew_on, horizon) > 0)
                continue;
            al[k++] = (exchange_alert){.kind = strcmp(g->renew_on, today) < 0 ? "renewal_overdue"
                                                                              : "renewal_due",
                                       .partner_id = p->id,
                                       .partner_name = p->name,
                                       .division = g->division,
                                       .agreement_id = g->id,
                                       .agreement = g->title,
                                       .renew_on = g->renew_on};
        }
        for (size_t j = 0; j < nfs; j++)
            if (fs[j].partner_id == p->id)
                al[k++] = (exchange_alert){.kind = "followup_overdue",
                                           .partner_id = p->id,
                                           .partner_name = p->name,
                                           .division = fs[j].division,
                                           .followup_id = fs[j].id,
                                           .followup = fs[j].title,
                                           .due_on = fs[j].due_on};
        for (size_t j = 0; j < npis; j++)
            if (pis[j].partner_id == p->id)
                al[k++] = (exchange_alert){
                    .kind = "programme_overdue",
                    .partner_id = p->id,
                    .partner_name = p->name,
                    .division = pis[j].division,
                    .agreement_id = pis[j].agreement_id,
                    .agreement = pis[j].agreement,
                    .programme_id = pis[j].id,
                    .programme = pis[j].title,
                    .month = arena_sprintf(ctx->a, "%04d-%02d", pis[j].year, pis[j].month)};
    }
    *out = al;
    *n = k;
    *next = np == (size_t)limit && np ? ps[np - 1].id : 0;
    return 0;
}

int exchange_alerts(wy_ctx *ctx, const char *division, int64_t after, int limit,
                    exchange_alert **out, size_t *n, int64_t *next)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0)
        return -1;
    if (!*div) {
        const char *scope = authz_scope(ctx->who, EXCHANGE_PERM);
        if (scope && strlen(scope) < sizeof div)
            strcpy(div, scope);
    }
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0)
        return -1;
    return alerts_of(ctx, div, after, limit, out, n, next);
}

/* Tell each city or district admin over the alert's division, once (the kinds do not
 * repeat). */
static int tell(wy_ctx *ctx, const exchange_alert *al, const exchange_grant *gs, size_t ng,
                int *sent)
{
    const notify_kind *kind = !strcmp(al->kind, "dormant")       ? &exchange_kind_dormant
                              : !strcmp(al->kind, "renewal_due") ? &exchange_kind_renewal_due
                              : al->followup_id                  ? &exchange_kind_followup_overdue
                              : al->programme_id                 ? &exchange_kind_programme_overdue
                                                                 : &exchange_kind_renewal_overdue;
    json_t *params =
        al->programme_id ? json_pack("{s:s,s:s,s:s}", "partner", al->partner_name, "agreement",
                                     al->agreement, "month", al->month)
        : al->followup_id
            ? json_pack("{s:s,s:s}", "partner", al->partner_name, "due_on", al->due_on)
        : al->agreement_id
            ? json_pack("{s:s,s:s}", "partner", al->partner_name, "renew_on", al->renew_on)
            : json_pack("{s:o}", "last_contact",
                        al->last_contact ? json_string(al->last_contact) : json_null());
    char *text = params ? json_dumps(params, JSON_COMPACT) : NULL;
    json_decref(params);
    const char *ptext = text ? arena_strdup(ctx->a, text) : NULL;
    free(text);
    if (!ptext)
        return check_mem(ctx);
    int64_t last_user = 0;
    for (size_t i = 0; i < ng; i++) {
        role r = role_parse(gs[i].role);
        if ((r != ROLE_CITY_ADMIN && r != ROLE_DISTRICT_ADMIN) || gs[i].user_id == last_user ||
            !division_contains(gs[i].division, al->division))
            continue;
        last_user = gs[i].user_id;
        notify_msg m = {.kind = kind,
                        .user_id = gs[i].user_id,
                        .subject_type = al->programme_id   ? "exchange_programme_item"
                                        : al->followup_id  ? "exchange_followup"
                                        : al->agreement_id ? "exchange_agreement"
                                                           : "exchange_partner",
                        .subject_id = al->programme_id   ? al->programme_id
                                      : al->followup_id  ? al->followup_id
                                      : al->agreement_id ? al->agreement_id
                                                         : al->partner_id,
                        .title = al->programme_id   ? al->programme
                                 : al->followup_id  ? al->followup
                                 : al->agreement_id ? al->agreement
                                                    : al->partner_name,
                        .division = al->division,
                        .params = ptext};
        int64_t id = 0;
        if (notify_send(ctx, &m, &id) < 0)
            return -1;
        if (id)
            (*sent)++;
    }
    return 0;
}

int exchange_job_alerts(wy_ctx *ctx)
{
    if (tx_begin(ctx) < 0)
        return -1;
    exchange_grant *gs;
    size_t ng;
    int res = 0, sent = 0;
    int rc = store_exchange_grants(ctx->c, ctx->a, &gs, &ng);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "grants");
    int64_t after = 0;
    while (res == 0) {
        exchange_alert *al;
        size_t n;
        int64_t next;
        if ((res = alerts_of(ctx, "", after, 100, &al, &n, &next)) < 0)
            break;
        for (size_t i = 0; i < n && res == 0; i++)
            res = tell(ctx, &al[i], gs, ng, &sent);
        if (!next)
            break;
        after = next;
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    if (sent > 0)
        log_info("exchange: %d alerts sent to admins", sent);
    return sent;
}
