/*
 * assessments_notify: whom the assessments tell of their steps (core/notify.h), inside the
 * transaction of the step:
 *   a self-assessment submitted    the assessors: assessments_assess granted strictly above the
 *                                  venue's division, not the venue's own staff (venue_manage on
 *                                  its division or below), not the one who submitted
 *   the assessors' scores complete the one who submitted and the one who started it
 *   the result published           the same, with the grade
 *   a call's awards announced      whoever made each application: awarded or not
 *   a call's deadline near         the venues' staff of its subtree (call_job_deadlines)
 * Each is sent once per person and subject (notify_kind.repeats 0): an assessor scoring again
 * tells nobody twice.
 */
#include <stdio.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "core/notify.h"
#include "mod/assessments/assessments.h"
#include "mod/assessments/calls.h"

const notify_kind assessments_kind_submitted = {"assessments.submitted", 0};
const notify_kind assessments_kind_scored = {"assessments.scored", 0};
const notify_kind assessments_kind_published = {"assessments.published", 0};
const notify_kind assessments_kind_awarded = {"assessments.awarded", 0};
const notify_kind assessments_kind_not_awarded = {"assessments.not_awarded", 0};
const notify_kind assessments_kind_call_deadline = {"assessments.call_deadline", 0};

static int carries(const assessment_grant *g, perm p)
{
    return authz_role_carries(role_parse(g->role), p);
}

static int send(wy_ctx *ctx, const notify_kind *k, int64_t user, const char *type, int64_t id,
                const char *title, const char *href, const char *division, const char *params)
{
    notify_msg m = {.kind = k,
                    .user_id = user,
                    .subject_type = type,
                    .subject_id = id,
                    .title = title,
                    .href = href,
                    .division = division,
                    .params = params};
    return notify_send(ctx, &m, NULL);
}

static const char *href_of(wy_ctx *ctx, int64_t id)
{
    return arena_sprintf(ctx->a, "/admin/assessments/%lld", (long long)id);
}

int assessments_tell_assessors(wy_ctx *ctx, const assessment_row *a)
{
    assessment_grant *gs;
    size_t n;
    int rc = store_assessment_line_grants(ctx->c, ctx->a, a->division, &gs, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "assessors");
    /* the grants come by account: one verdict per account */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int above = 0, own = 0;
        for (; j < n && gs[j].user_id == gs[i].user_id; j++) {
            if (carries(&gs[j], PERM_ASSESSMENTS_ASSESS) &&
                strlen(gs[j].division) < strlen(a->division))
                above = 1;
            if (carries(&gs[j], PERM_VENUE_MANAGE) &&
                division_contains(a->division, gs[j].division))
                own = 1;
        }
        if (above && !own && gs[i].user_id != a->submitted_by &&
            send(ctx, &assessments_kind_submitted, gs[i].user_id, "assessment", a->id,
                 a->venue_name, href_of(ctx, a->id), a->division, NULL) < 0)
            return -1;
        i = j;
    }
    return 0;
}

int assessments_tell_submitter(wy_ctx *ctx, const assessment_row *a, const notify_kind *k,
                               const char *grade)
{
    const char *params = grade ? arena_sprintf(ctx->a, "{\"grade\":\"%s\"}", grade) : NULL;
    int64_t who[2] = {a->submitted_by, a->created_by};
    for (int i = 0; i < 2; i++) {
        if (!who[i] || (i == 1 && who[1] == who[0]))
            continue;
        if (send(ctx, k, who[i], "assessment", a->id, a->venue_name, href_of(ctx, a->id),
                 a->division, params) < 0)
            return -1;
    }
    return 0;
}

int assessments_tell_applicant(wy_ctx *ctx, const call_row *k, const call_app_row *p, int won)
{
    if (!p->created_by)
        return 0;
    const char *title = arena_sprintf(ctx->a, "%s · %s", k->title, p->venue_name);
    return send(ctx, won ? &assessments_kind_awarded : &assessments_kind_not_awarded, p->created_by,
                "call_application", p->id, title,
                arena_sprintf(ctx->a, "/admin/assessment-calls/%lld", (long long)k->id),
                p->division, NULL);
}

int call_job_deadlines(wy_ctx *ctx)
{
    call_row *ks;
    size_t n;
    int rc = store_call_due(ctx->c, ctx->a, ctx->now,
                            ctx->now + (int64_t)CALL_REMIND_DAYS * 86400000, &ks, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "calls");
    for (size_t i = 0; i < n; i++) {
        assessment_grant *gs;
        size_t ng;
        rc = store_assessment_line_grants(ctx->c, ctx->a, ks[i].division, &gs, &ng);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "staff");
        if (tx_begin(ctx) < 0)
            return -1;
        int res = 0;
        const char *href =
            arena_sprintf(ctx->a, "/admin/assessment-calls/%lld", (long long)ks[i].id);
        for (size_t k = 0; res == 0 && k < ng; k++)
            if (carries(&gs[k], PERM_VENUE_MANAGE) &&
                division_contains(ks[i].division, gs[k].division) &&
                (k == 0 || gs[k - 1].user_id != gs[k].user_id ||
                 !carries(&gs[k - 1], PERM_VENUE_MANAGE) ||
                 !division_contains(ks[i].division, gs[k - 1].division))) {
                notify_msg m = {.kind = &assessments_kind_call_deadline,
                                .user_id = gs[k].user_id,
                                .subject_type = "assessment_call",
                                .subject_id = ks[i].id,
                                .title = ks[i].title,
                                .href = href,
                                .at = ks[i].deadline,
                                .division = ks[i].division};
                res = notify_send(ctx, &m, NULL);
            }
        if (tx_end(ctx, res) < 0)
            return -1;
    }
    return 0;
}
