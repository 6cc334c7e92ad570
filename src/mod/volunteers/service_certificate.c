/*
 * service_certificate: the certificates of the volunteers module. A star level's certificate
 * (星级志愿者证书, kind volunteer_star) is issued with the grant, in its transaction, and
 * revoked with the level. And the service-record certificate (志愿服务记录证明) of a volunteer, a
 * kind of the core's certificates (core/certificate.h). 谁记录谁证明: the organisation whose
 * records they are issues it, through a coordinator over its division; the certificate says the
 * verified hours of that organisation's records (corrections included, so a correction taking
 * minutes away shows), the period of service, the organisation, and the core's number, date and
 * verification code. Its subject is the newest record it covers: issued again without a newer
 * verified record, it is the same certificate.
 */
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/volunteers/star.h"
#include "mod/volunteers/volunteer.h"

#define N_(s) s

const certificate_kind volunteer_certificate_kind = {
    VOLUNTEER_CERTIFICATE_KIND,
    "ZY", /* 志愿 */
    N_("Volunteer service record"),
    PERM_VOLUNTEERS_MANAGE,
};

const certificate_kind volunteer_star_certificate_kind = {
    VOLUNTEER_STAR_CERTIFICATE_KIND,
    "XJ", /* 星级 */
    N_("Star volunteer"),
    PERM_VOLUNTEERS_MANAGE,
};

static const char *const level_names[] = {"", "一星级", "二星级", "三星级", "四星级", "五星级"};

int star_certificate_issue_tx(wy_ctx *ctx, const star_application *a, int64_t minutes)
{
    volunteer v;
    division d;
    int rc = store_volunteer_get(ctx->c, ctx->a, a->volunteer_id, &v);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer");
    rc = store_division_get(ctx->c, ctx->a, a->division, &d);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    const char *level = level_names[a->level < 1 || a->level > 5 ? 0 : a->level];
    const char *hours = arena_sprintf(ctx->a, "%lld小时", (long long)(minutes / 60));
    certificate_fact facts[] = {
        {"星级", level},
        {"认定时累计志愿服务时长", hours},
        {"所在地区", d.name},
    };
    certificate_spec s = {
        .kind = VOLUNTEER_STAR_CERTIFICATE_KIND,
        .subject_id = a->id,
        .holder_id = v.user_id,
        .holder_name = v.real_name,
        .title = "星级志愿者证书",
        .body = arena_sprintf(ctx->a, "经申请、公示，该志愿者被认定为%s志愿者。", level),
        .facts = facts,
        .nfacts = sizeof(facts) / sizeof(facts[0]),
        .issuer = a->org_name && *a->org_name ? a->org_name : d.name,
        .division = a->division,
    };
    if (!s.body || !hours)
        return wy_fail_store(ctx, WY_NOMEM, "certificate");
    certificate c;
    int existing;
    return certificate_issue_tx(ctx, &s, &c, &existing);
}

int star_certificate_revoke_tx(wy_ctx *ctx, int64_t application_id, const char *reason)
{
    certificate *cs;
    size_t n;
    if (certificate_of_subject(ctx, VOLUNTEER_STAR_CERTIFICATE_KIND, application_id, &cs, &n) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(cs[i].status, "valid") && certificate_revoke_tx(ctx, cs[i].id, reason) < 0)
            return -1;
    return 0;
}

/* "2026-03-07" of ms, China time. */
static const char *day_of(wy_ctx *ctx, int64_t ms)
{
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return arena_sprintf(ctx->a, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000,
                         (tm.tm_mon + 1) % 100, tm.tm_mday % 100);
}

int volunteer_certificate_issue(wy_ctx *ctx, int64_t org_id, int64_t volunteer_id, certificate *out,
                                int *existing)
{
    *existing = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    volunteer_org o;
    volunteer v;
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, &o);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "organisation");
    if (res == 0)
        res = volunteer_org_require(ctx, org_id, o.division);
    if (res == 0) {
        rc = store_volunteer_get(ctx->c, ctx->a, volunteer_id, &v);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_volunteer", "No such volunteer.",
                                "volunteer_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "volunteer");
    }
    int64_t minutes = 0, first = 0, last = 0, last_id = 0;
    if (res == 0) {
        rc = store_star_service(ctx->c, v.user_id, org_id, &minutes, &first, &last, &last_id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "hours");
        else if (minutes <= 0 || !last_id)
            res = wy_fail(ctx, E_RULE, "no_hours",
                          "The volunteer has no verified service hours with this organisation.");
    }
    if (res == 0) {
        const char *hours =
            minutes % 60 ? arena_sprintf(ctx->a, "%lld小时%lld分钟", (long long)(minutes / 60),
                                         (long long)(minutes % 60))
                         : arena_sprintf(ctx->a, "%lld小时", (long long)(minutes / 60));
        const char *period =
            arena_sprintf(ctx->a, "%s 至 %s", day_of(ctx, first), day_of(ctx, last));
        /* the certificate is a document in Chinese, as the organisation issues it */
        certificate_fact facts[] = {
            {"志愿服务组织", o.name},
            {"服务时段", period},
            {"累计志愿服务时长", hours},
        };
        certificate_spec s = {
            .kind = VOLUNTEER_CERTIFICATE_KIND,
            .subject_id = last_id,
            .holder_id = v.user_id,
            .holder_name = v.real_name,
            .title = "志愿服务记录证明",
            .body = arena_sprintf(ctx->a,
                                  "兹证明该志愿者于%s参加%s组织的志愿服务，经核实累计志愿服务时长%s"
                                  "（不含往返交通时间）。",
                                  period, o.name, hours),
            .facts = facts,
            .nfacts = sizeof(facts) / sizeof(facts[0]),
            .issuer = o.name,
            .division = o.division,
        };
        if (!s.body || !hours || !period)
            res = wy_fail_store(ctx, WY_NOMEM, "certificate");
        else
            res = certificate_issue_tx(ctx, &s, out, existing);
    }
    if (res == 0 && !*existing)
        res = audit_add(ctx, "volunteer_certificate.issue", "certificate", out->id, o.division,
                        NULL, out->number, NULL);
    return tx_end(ctx, res);
}
