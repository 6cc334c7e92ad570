/* complaint: complaints and suggestions, their answers and the overdue job (feedback.h). */
#include "mod/feedback/feedback.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/notify.h"
#include "core/workday.h"
#include "util/csvread.h"
#include "util/log.h"

#define DAY_MS (24LL * 3600 * 1000)

/* Once per person and complaint. */
const notify_kind feedback_kind_complaint_filed = {"feedback.complaint_filed", 0};
const notify_kind feedback_kind_complaint_answered = {"feedback.complaint_answered", 0};
const notify_kind feedback_kind_complaint_overdue = {"feedback.complaint_overdue", 0};

#define CONTACT_MAX 100

static int text_ok(const char *s, size_t max)
{
    return s && *s && utf8_valid(s, strlen(s)) && utf8_length(s) <= max;
}

const char *feedback_mask_contact(arena *a, const char *contact)
{
    if (!contact)
        return NULL;
    size_t n = strlen(contact);
    const char *at = strchr(contact, '@');
    size_t digits = 0;
    for (size_t i = 0; i < n; i++)
        digits += contact[i] >= '0' && contact[i] <= '9';
    char *o = arena_alloc(a, n + 1);
    if (!o)
        return NULL;
    memcpy(o, contact, n + 1);
    if (at) {
        for (size_t i = 1; i < (size_t)(at - contact); i++)
            o[i] = '*';
    } else if (digits >= 7) {
        /* a phone: keep its first 3 and last 4 digits */
        size_t seen = 0;
        for (size_t i = 0; i < n; i++)
            if (o[i] >= '0' && o[i] <= '9') {
                seen++;
                if (seen > 3 && seen <= digits - 4)
                    o[i] = '*';
            }
    } else {
        /* anything else: its first character (a whole UTF-8 sequence) and stars */
        size_t k = 1;
        while (k < n && ((unsigned char)o[k] & 0xC0) == 0x80)
            k++;
        snprintf(o + k, n + 1 - k, "%s", "***");
    }
    return o;
}

/* The grants of feedback_manage over division, the closest level first. */
static int staff_of(wy_ctx *ctx, const char *division, role_grant **out, size_t *n)
{
    role_grant *gs;
    size_t ng;
    int rc = store_feedback_grants(ctx->c, ctx->a, division, &gs, &ng);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "grants");
    size_t k = 0;
    for (size_t i = 0; i < ng; i++)
        if (authz_role_carries(role_parse(gs[i].role), FEEDBACK_PERM))
            gs[k++] = gs[i];
    *out = gs;
    *n = k;
    return 0;
}

/* Tell the staff whose grant is level long (the division's length) about c. */
static int tell_level(wy_ctx *ctx, const complaint_row *c, const role_grant *gs, size_t ng,
                      size_t level, const notify_kind *kind, int *sent)
{
    char title[96];
    snprintf(title, sizeof title, "%s #%lld", c->kind, (long long)c->id);
    int64_t last = 0;
    for (size_t i = 0; i < ng; i++) {
        if (strlen(gs[i].division) != level || gs[i].user_id == last)
            continue;
        last = gs[i].user_id;
        notify_msg m = {.kind = kind,
                        .user_id = gs[i].user_id,
                        .subject_type = "complaint",
                        .subject_id = c->id,
                        .title = title,
                        .href = "/admin/feedback",
                        .at = c->due_at,
                        .division = c->division};
        int64_t id = 0;
        if (notify_send(ctx, &m, &id) < 0)
            return -1;
        *sent += id != 0;
    }
    return 0;
}

static int due_of(wy_ctx *ctx, int64_t *due)
{
    int days = (int)config_module_int(ctx->cfg, "feedback", "answer_days");
    if (config_module_bool(ctx->cfg, "feedback", "working_days"))
        return workday_add(ctx, ctx->now, days, due);
    /* the end of the days-th calendar day after today (China time) */
    int64_t day = workday_dayno(ctx->now) + days + 1;
    *due = day * DAY_MS - 8LL * 3600 * 1000;
    return 0;
}

int feedback_complaint_file(wy_ctx *ctx, const complaint_input *in, int64_t *id, int64_t *due_at)
{
    if (!in->kind || (strcmp(in->kind, "complaint") && strcmp(in->kind, "suggestion")))
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "A complaint or a suggestion.", "kind");
    if (!text_ok(in->body, FEEDBACK_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_body", "A text of 1 to 2000 characters.", "body");
    if (in->contact && *in->contact && !text_ok(in->contact, CONTACT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_contact", "A contact of at most 100 characters.",
                             "contact");
    const char *divsrc = in->division;
    int64_t venue = in->venue_id;
    if (in->activity_id) {
        int64_t av;
        const char *ad;
        int rc = store_feedback_activity_division(ctx->c, ctx->a, in->activity_id, &av, &ad);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_activity", "No such activity.",
                                 "activity_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "activity");
        divsrc = ad;
        if (!venue)
            venue = av;
    }
    if (venue) {
        const char *vd;
        int rc = store_feedback_venue_division(ctx->c, ctx->a, venue, &vd);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue");
        divsrc = vd;
    }
    char div[DIVISION_CODE_MAX];
    if (!divsrc || division_normalize(divsrc, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    complaint_row c = {.kind = in->kind,
                       .body = in->body,
                       .division = div,
                       .venue_id = venue,
                       .activity_id = in->activity_id,
                       .contact = in->contact && *in->contact ? in->contact : NULL,
                       .user_id = ctx->who ? ctx->who->user_id : 0};
    if (due_of(ctx, &c.due_at) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_complaint_create(ctx->c, &c, ctx->now, id);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "complaint");
    c.id = *id;
    role_grant *gs;
    size_t ng;
    int sent = 0;
    if (res == 0)
        res = staff_of(ctx, div, &gs, &ng);
    if (res == 0 && ng)
        res = tell_level(ctx, &c, gs, ng, strlen(gs[0].division), &feedback_kind_complaint_filed,
                         &sent);
    if (tx_end(ctx, res) < 0)
        return -1;
    *due_at = c.due_at;
    return 0;
}

int feedback_complaint_list_public(wy_ctx *ctx, const char *division, int64_t before, int limit,
                                   complaint_row **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_complaint_list(ctx->c, ctx->a, div, "answered", before, limit, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "complaints");
    /* what the public may see: the published text and the answer, nobody's name or contact */
    for (size_t i = 0; i < *n; i++) {
        (*out)[i].body = (*out)[i].public_text ? (*out)[i].public_text : (*out)[i].body;
        (*out)[i].contact = NULL;
        (*out)[i].user_id = 0;
        (*out)[i].answered_by = 0;
    }
    return 0;
}

int feedback_complaint_list_staff(wy_ctx *ctx, const char *division, const char *status,
                                  int64_t before, int limit, complaint_row **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (status && strcmp(status, "pending") && strcmp(status, "answered"))
        return wy_fail_field(ctx, E_INVALID, "bad_status", "A status is pending or answered.",
                             "status");
    if (!*div) {
        const char *scope = authz_scope(ctx->who, FEEDBACK_PERM);
        if (scope && strlen(scope) < sizeof div)
            snprintf(div, sizeof div, "%s", scope);
    }
    if (authz_require(ctx, FEEDBACK_PERM, *div ? div : NULL) < 0)
        return -1;
    int rc = store_complaint_list(ctx->c, ctx->a, div, status, before, limit, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "complaints");
    for (size_t i = 0; i < *n; i++)
        (*out)[i].contact = feedback_mask_contact(ctx->a, (*out)[i].contact);
    return 0;
}

int feedback_complaint_answer(wy_ctx *ctx, int64_t id, const char *answer, const char *public_text)
{
    if (!text_ok(answer, FEEDBACK_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_answer", "An answer of 1 to 2000 characters.",
                             "answer");
    if (public_text && !text_ok(public_text, FEEDBACK_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_public_text",
                             "The published text has 1 to 2000 characters.", "public_text");
    complaint_row c;
    int rc = store_complaint_get(ctx->c, ctx->a, id, &c);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "complaint");
    if (authz_require(ctx, FEEDBACK_PERM, c.division) < 0)
        return -1;
    if (c.user_id && ctx->who && c.user_id == ctx->who->user_id)
        return wy_fail(ctx, E_FORBIDDEN, "own_complaint",
                       "Someone else answers a complaint you filed.");
    if (strcmp(c.status, "pending"))
        return wy_fail(ctx, E_CONFLICT, "already_answered",
                       "This complaint has an answer already.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_complaint_answer(ctx->c, id, answer, public_text ? public_text : c.body,
                                ctx->who ? ctx->who->user_id : 0, ctx->now);
    int res = 0;
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "already_answered", "This complaint has an answer already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "complaint");
    if (res == 0)
        res = audit_add(ctx, "complaint.answer", "complaint", id, c.division, "pending", "answered",
                        public_text ? "redacted" : NULL);
    if (res == 0 && c.user_id) {
        char title[96];
        snprintf(title, sizeof title, "%s #%lld", c.kind, (long long)c.id);
        notify_msg m = {.kind = &feedback_kind_complaint_answered,
                        .user_id = c.user_id,
                        .subject_type = "complaint",
                        .subject_id = c.id,
                        .title = title,
                        .href = "/feedback/complaints",
                        .division = c.division};
        res = notify_send(ctx, &m, NULL);
    }
    return tx_end(ctx, res);
}

int feedback_job_overdue(wy_ctx *ctx)
{
    complaint_row *cs;
    size_t n;
    int rc = store_complaint_overdue(ctx->c, ctx->a, ctx->now, 200, &cs, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "complaints");
    int escalated = 0;
    for (size_t i = 0; i < n; i++) {
        if (tx_begin(ctx) < 0)
            return -1;
        role_grant *gs;
        size_t ng;
        int sent = 0;
        int res = staff_of(ctx, cs[i].division, &gs, &ng);
        if (res == 0) {
            /* the level above the closest one holding the permission; none above: the same */
            size_t closest = ng ? strlen(gs[0].division) : 0, above = closest;
            for (size_t k = 0; k < ng; k++)
                if (strlen(gs[k].division) < closest) {
                    above = strlen(gs[k].division);
                    break;
                }
            if (ng)
                res =
                    tell_level(ctx, &cs[i], gs, ng, above, &feedback_kind_complaint_overdue, &sent);
        }
        if (res == 0) {
            rc = store_complaint_mark_escalated(ctx->c, cs[i].id, ctx->now);
            if (rc != WY_OK)
                res = wy_fail_store(ctx, rc, "complaint");
        }
        if (tx_end(ctx, res) < 0)
            return -1;
        escalated++;
    }
    if (escalated)
        log_info("feedback: %d overdue complaints escalated", escalated);
    return escalated;
}

/* Indicators: complaints of the subtree filed in the period. */
static int figures(wy_ctx *ctx, const char *division, int64_t from, int64_t to, int64_t *recv,
                   int64_t *answered, int64_t *in_time, double *sum_ms)
{
    const char *p = division ? division : "";
    char hi[DIVISION_CODE_MAX + 2];
    snprintf(hi, sizeof hi, "%s:", p);
    int rc = store_complaint_figures(ctx->c, p, hi, from, to, recv, answered, in_time, sum_ms);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "feedback indicator");
}

int feedback_ind_received(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    int64_t r, a, t;
    double s;
    if (figures(ctx, division, from, to, &r, &a, &t, &s) < 0)
        return -1;
    *out = (double)r;
    return 0;
}

int feedback_ind_in_time(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out)
{
    int64_t r, a, t;
    double s;
    if (figures(ctx, division, from, to, &r, &a, &t, &s) < 0)
        return -1;
    *out = r ? 100.0 * (double)t / (double)r : NAN;
    return 0;
}

int feedback_ind_response_days(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                               double *out)
{
    int64_t r, a, t;
    double s;
    if (figures(ctx, division, from, to, &r, &a, &t, &s) < 0)
        return -1;
    *out = a ? s / (double)a / (double)DAY_MS : NAN;
    return 0;
}

int feedback_ind_satisfaction(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                              double *out)
{
    const char *p = division ? division : "";
    char hi[DIVISION_CODE_MAX + 2];
    snprintf(hi, sizeof hi, "%s:", p);
    double sum;
    int64_t n;
    int rc = store_survey_rating_figures(ctx->c, p, hi, from, to, &sum, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "feedback indicator");
    *out = n ? sum / (double)n : NAN;
    return 0;
}
