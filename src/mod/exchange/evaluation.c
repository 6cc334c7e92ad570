/* evaluation: the rubric, reviewers' scores, the ranking and the indicators of an activity or
 * a partnership (followup.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

static int code_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return 1;
}

int exchange_rubric_put(wy_ctx *ctx, const char *division, const exchange_criterion *cs, size_t n)
{
    if (n < 1 || n > EXCHANGE_MAX_CRITERIA)
        return wy_fail_field(ctx, E_INVALID, "bad_criteria", "A rubric has 1 to 20 criteria.",
                             "criteria");
    /* ",a,b,": each code at most 32 bytes and its comma */
    char *codes = arena_alloc(ctx->a, 2 + 33 * n), *w = codes;
    if (!codes)
        return check_mem(ctx);
    *w++ = ',';
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (!code_valid(cs[i].code))
            return wy_fail_field(ctx, E_INVALID, "bad_code",
                                 "A criterion's code has 1 to 32 of a-z, 0-9 and _.", "criteria");
        if (exchange_check_text(ctx, cs[i].name, 1, 100, "bad_name",
                                N_("A criterion's name has 1 to 100 characters."), "criteria") < 0)
            return -1;
        if (cs[i].weight < 1 || cs[i].weight > 100)
            return wy_fail_field(ctx, E_INVALID, "bad_weight",
                                 "A criterion's weight is a whole number from 1 to 100.",
                                 "criteria");
        for (size_t k = 0; k < i; k++) {
            if (!strcmp(cs[i].code, cs[k].code))
                return wy_fail_field(ctx, E_INVALID, "bad_code", "A code named twice.", "criteria");
            if (!strcmp(cs[i].name, cs[k].name))
                return wy_fail_field(ctx, E_INVALID, "bad_name", "Two criteria have the same name.",
                                     "criteria");
        }
        sum += cs[i].weight;
        size_t len = strlen(cs[i].code);
        memcpy(w, cs[i].code, len);
        w += len;
        *w++ = ',';
    }
    *w = 0;
    if (sum != 100)
        return wy_fail_field(ctx, E_INVALID, "bad_weights", "The criteria's weights add up to 100.",
                             "criteria");
    char div[DIVISION_CODE_MAX];
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = exchange_writable_division(ctx, division, div);
    int64_t scored = 0;
    if (res == 0 &&
        (rc = store_exchange_rubric_scored_outside(ctx->c, div, codes, &scored)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange rubric");
    if (res == 0 && scored)
        res = wy_fail_field(ctx, E_CONFLICT, "criterion_scored",
                            "A criterion already scored stays in the rubric.", "criteria");
    if (res == 0 && (rc = store_exchange_rubric_put(ctx->c, ctx->a, div, cs, n, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange rubric");
    if (res == 0)
        res = audit_add(ctx, "exchange_rubric.put", "exchange_rubric", 0, div, NULL, NULL, codes);
    return tx_end(ctx, res);
}

/* The rubric that applies to div: its own, else the nearest division above with one. */
static int rubric_for(wy_ctx *ctx, const char *div, exchange_criterion **out, size_t *n,
                      const char **from)
{
    *out = NULL;
    *n = 0;
    *from = NULL;
    for (int level = division_level_of(div); level >= 1; level--) {
        char anc[DIVISION_CODE_MAX];
        if (!division_ancestor(div, level, anc))
            continue;
        int rc = store_exchange_rubric_of(ctx->c, ctx->a, anc, out, n);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "exchange rubric");
        if (*n) {
            *from = arena_strdup(ctx->a, anc);
            return check_mem(ctx);
        }
    }
    return 0;
}

int exchange_rubric_get(wy_ctx *ctx, const char *division, exchange_criterion **out, size_t *n,
                        const char **from)
{
    char div[DIVISION_CODE_MAX];
    if (!division || division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    return rubric_for(ctx, div, out, n, from);
}

int exchange_scores_put(wy_ctx *ctx, int64_t activity, const exchange_score_input *scores, size_t n)
{
    if (n > EXCHANGE_MAX_CRITERIA)
        return wy_fail_field(ctx, E_INVALID, "bad_scores", "At most 20 scores.", "scores");
    for (size_t i = 0; i < n; i++)
        if (!code_valid(scores[i].code) || scores[i].score < 0 || scores[i].score > 100)
            return wy_fail_field(ctx, E_INVALID, "bad_scores",
                                 "A score is a whole number from 0 to 100 for a criterion.",
                                 "scores");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    exchange_activity x;
    int res = 0;
    int64_t me = ctx->who ? ctx->who->user_id : 0, own = 0, closed = 0;
    rc = store_exchange_activity_get(ctx->c, ctx->a, activity, &x);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange activity");
    if (res == 0)
        res = authz_require(ctx, PERM_REVIEW, x.division);
    /* nobody scores what they wrote or submitted */
    if (res == 0 && (rc = store_exchange_is_author(ctx->c, activity, me, &own)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange activity authors");
    if (res == 0 && (own || x.author == me))
        res = wy_fail(ctx, E_FORBIDDEN, "own_work", "Nobody scores an activity they wrote.");
    if (res == 0 && strcmp(x.status, "published"))
        res = wy_fail(ctx, E_CONFLICT, "not_published", "Only a published activity is scored.");
    if (res == 0 && (rc = store_exchange_evaluation_closed(ctx->c, activity, &closed)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange evaluation");
    if (res == 0 && closed)
        res = wy_fail(ctx, E_CONFLICT, "evaluation_closed", "The evaluation is closed.");
    exchange_criterion *cs = NULL;
    size_t nc = 0;
    const char *from;
    if (res == 0)
        res = rubric_for(ctx, x.division, &cs, &nc, &from);
    if (res == 0 && !nc)
        res = wy_fail(ctx, E_CONFLICT, "no_rubric", "No rubric applies to this activity yet.");
    int64_t *ids = arena_alloc(ctx->a, (nc + 1) * sizeof(*ids));
    int *vals = arena_alloc(ctx->a, (nc + 1) * sizeof(*vals));
    if (res == 0 && (!ids || !vals))
        res = check_mem(ctx);
    /* one score for each criterion of the rubric, no other */
    if (res == 0 && n != nc)
        res = wy_fail_field(ctx, E_INVALID, "bad_scores",
                            "Score every criterion of the rubric, once.", "scores");
    for (size_t i = 0; res == 0 && i < nc; i++) {
        size_t k = 0;
        while (k < n && strcmp(scores[k].code, cs[i].code))
            k++;
        if (k == n)
            res = wy_fail_field(ctx, E_INVALID, "bad_scores",
                                "Score every criterion of the rubric, once.", "scores");
        else {
            ids[i] = cs[i].id;
            vals[i] = scores[k].score;
        }
    }
    if (res == 0 &&
        (rc = store_exchange_scores_put(ctx->c, activity, me, ids, vals, nc, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange scores");
    if (res == 0)
        res = audit_add(ctx, "exchange_scores.put", "exchange_activity", activity, x.division, NULL,
                        NULL, "scores");
    return tx_end(ctx, res);
}

int exchange_evaluation_close(wy_ctx *ctx, int64_t activity)
{
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    exchange_activity x;
    int res = 0;
    int64_t closed = 0;
    rc = store_exchange_activity_get(ctx->c, ctx->a, activity, &x);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange activity");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, x.division);
    if (res == 0 && (rc = store_exchange_evaluation_closed(ctx->c, activity, &closed)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange evaluation");
    if (res == 0 && closed)
        res = wy_fail(ctx, E_CONFLICT, "evaluation_closed", "The evaluation is closed already.");
    if (res == 0 && (rc = store_exchange_evaluation_close(
                         ctx->c, activity, ctx->who ? ctx->who->user_id : 0, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange evaluation close");
    if (res == 0)
        res = audit_add(ctx, "exchange_evaluation.close", "exchange_activity", activity, x.division,
                        "open", "closed", x.title);
    return tx_end(ctx, res);
}

/* The rank entry of activity x from its score rows rs[0..nr) (ordered by reviewer). */
static int rank_one(wy_ctx *ctx, const exchange_activity *x, const exchange_score_row *rs,
                    size_t nr, exchange_ranked *out)
{
    memset(out, 0, sizeof(*out));
    out->activity_id = x->id;
    out->title = x->title;
    out->kind = x->kind;
    out->division = x->division;
    out->ends_on = x->ends_on;
    exchange_criterion *cs;
    size_t nc;
    const char *from;
    if (rubric_for(ctx, x->division, &cs, &nc, &from) < 0)
        return -1;
    out->criteria = cs;
    out->ncriteria = nc;
    out->means = arena_alloc(ctx->a, (nc + 1) * sizeof(double));
    double *sums = arena_alloc(ctx->a, (nc + 1) * sizeof(double));
    int *counts = arena_alloc(ctx->a, (nc + 1) * sizeof(int));
    if (!out->means || !sums || !counts)
        return check_mem(ctx);
    int64_t closed = 0;
    int rc = store_exchange_evaluation_closed(ctx->c, x->id, &closed);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange evaluation");
    out->closed = closed > 0;
    double total = 0;
    for (size_t i = 0; i < nr;) {
        int64_t reviewer = rs[i].reviewer_id;
        double ws = 0, w = 0;
        for (; i < nr && rs[i].reviewer_id == reviewer; i++) {
            ws += (double)rs[i].weight * rs[i].score;
            w += rs[i].weight;
            for (size_t k = 0; k < nc; k++)
                if (cs[k].id == rs[i].criterion_id) {
                    sums[k] += rs[i].score;
                    counts[k]++;
                }
        }
        if (w > 0) {
            total += ws / w;
            out->reviewers++;
        }
    }
    out->score = out->reviewers ? total / out->reviewers : NAN;
    for (size_t k = 0; k < nc; k++)
        out->means[k] = counts[k] ? sums[k] / counts[k] : NAN;
    return 0;
}

static int by_score(const void *a, const void *b)
{
    const exchange_ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->activity_id < y->activity_id ? -1 : x->activity_id > y->activity_id;
}

int exchange_ranking(wy_ctx *ctx, const char *division, exchange_ranked **out, size_t *n)
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
    exchange_score_row *rs;
    size_t nr;
    int rc = store_exchange_scores_of(ctx->c, ctx->a, div, 0, &rs, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange scores");
    *out = arena_alloc(ctx->a, (nr + 1) * sizeof(**out));
    if (!*out)
        return check_mem(ctx);
    *n = 0;
    for (size_t i = 0; i < nr;) {
        size_t j = i;
        while (j < nr && rs[j].activity_id == rs[i].activity_id)
            j++;
        exchange_activity x;
        if ((rc = store_exchange_activity_get(ctx->c, ctx->a, rs[i].activity_id, &x)) != WY_OK)
            return wy_fail_store(ctx, rc, "exchange activity");
        if (rank_one(ctx, &x, rs + i, j - i, &(*out)[*n]) < 0)
            return -1;
        if ((*out)[*n].reviewers)
            (*n)++;
        i = j;
    }
    qsort(*out, *n, sizeof(**out), by_score);
    return 0;
}

int exchange_evaluation_get(wy_ctx *ctx, int64_t activity, exchange_ranked *out)
{
    exchange_activity x;
    int rc = store_exchange_activity_get(ctx->c, ctx->a, activity, &x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity");
    if (authz_require(ctx, EXCHANGE_PERM, x.division) < 0)
        return -1;
    exchange_score_row *rs;
    size_t nr;
    if ((rc = store_exchange_scores_of(ctx->c, ctx->a, x.division, activity, &rs, &nr)) != WY_OK)
        return wy_fail_store(ctx, rc, "exchange scores");
    return rank_one(ctx, &x, rs, nr, out);
}

/* YYYY, YYYY-Qn (1-4) or YYYY-MM */
static int period_valid(const char *p)
{
    size_t n = p ? strlen(p) : 0;
    for (size_t i = 0; i < 4 && i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    if (n == 4)
        return 1;
    if (n == 7 && p[4] == '-' && p[5] == 'Q')
        return p[6] >= '1' && p[6] <= '4';
    if (n == 7 && p[4] == '-' && p[5] >= '0' && p[5] <= '1' && p[6] >= '0' && p[6] <= '9') {
        int m = (p[5] - '0') * 10 + (p[6] - '0');
        return m >= 1 && m <= 12;
    }
    return 0;
}

/* The division of a measure's subject, into *division; a missing subject is 422. */
static int subject_division(wy_ctx *ctx, const char *subject, int64_t id, const char **division)
{
    int rc;
    if (!strcmp(subject, "activity")) {
        exchange_activity x;
        rc = store_exchange_activity_get(ctx->c, ctx->a, id, &x);
        *division = rc == WY_OK ? x.division : NULL;
    } else {
        exchange_partner p;
        rc = store_exchange_partner_get(ctx->c, ctx->a, id, &p);
        *division = rc == WY_OK ? p.division : NULL;
    }
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_subject", "No such activity or partner.",
                             "subject_id");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange measure subject");
}

static const char *const subjects[] = {"activity", "partner", NULL};

int exchange_measure_put(wy_ctx *ctx, const exchange_measure *m, int64_t *id)
{
    if (exchange_check_enum(ctx, m->subject, subjects, "bad_subject",
                            N_("An indicator is an activity's or a partnership's."),
                            "subject") < 0 ||
        exchange_check_text(ctx, m->name, 1, 100, "bad_name", N_("A name has 1 to 100 characters."),
                            "name") < 0 ||
        exchange_check_text(ctx, m->unit, 0, 20, "bad_unit",
                            N_("A unit has at most 20 characters."), "unit") < 0)
        return -1;
    if (!period_valid(m->period))
        return wy_fail_field(ctx, E_INVALID, "bad_period", "A period is YYYY, YYYY-Qn or YYYY-MM.",
                             "period");
    if (!isfinite(m->baseline) || !isfinite(m->target) || isinf(m->actual) ||
        fabs(m->baseline) > 1e15 || fabs(m->target) > 1e15 ||
        (isfinite(m->actual) && fabs(m->actual) > 1e15))
        return wy_fail_field(ctx, E_INVALID, "bad_value",
                             "Baseline and target are numbers, the actual one a number or null.",
                             "target");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    const char *division = NULL;
    int res = subject_division(ctx, m->subject, m->subject_id, &division);
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, division);
    if (res == 0) {
        exchange_measure w = *m;
        w.division = division;
        w.unit = m->unit ? m->unit : "";
        rc = store_exchange_measure_put(ctx->c, &w, ctx->who ? ctx->who->user_id : 0, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange measure");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_measure.put", "exchange_measure", *id, division, NULL,
                        m->period, m->name);
    return tx_end(ctx, res);
}

int exchange_measures(wy_ctx *ctx, const char *subject, int64_t subject_id, exchange_measure **out,
                      size_t *n)
{
    if (exchange_check_enum(ctx, subject, subjects, "bad_subject",
                            N_("An indicator is an activity's or a partnership's."), "subject") < 0)
        return -1;
    const char *division;
    if (subject_division(ctx, subject, subject_id, &division) < 0 ||
        authz_require(ctx, EXCHANGE_PERM, division) < 0)
        return -1;
    int rc = store_exchange_measures_of(ctx->c, ctx->a, subject, subject_id, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange measures");
}

double exchange_measure_attainment(const exchange_measure *m)
{
    if (isnan(m->actual) || m->target == m->baseline)
        return NAN;
    return (m->actual - m->baseline) / (m->target - m->baseline) * 100.0;
}

static int by_attainment(const void *a, const void *b)
{
    const exchange_partner_ranked *x = a, *y = b;
    if (x->attainment != y->attainment)
        return x->attainment > y->attainment ? -1 : 1;
    return x->partner_id < y->partner_id ? -1 : x->partner_id > y->partner_id;
}

int exchange_partner_ranking(wy_ctx *ctx, const char *division, const char *period,
                             exchange_partner_ranked **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0)
        return -1;
    if (period && *period && !period_valid(period))
        return wy_fail_field(ctx, E_INVALID, "bad_period", "A period is YYYY, YYYY-Qn or YYYY-MM.",
                             "period");
    if (!*div) {
        const char *scope = authz_scope(ctx->who, EXCHANGE_PERM);
        if (scope && strlen(scope) < sizeof div)
            strcpy(div, scope);
    }
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0)
        return -1;
    exchange_measure *ms;
    size_t nm;
    int rc = store_exchange_measures_in(ctx->c, ctx->a, div, "partner",
                                        period && *period ? period : NULL, &ms, &nm);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange measures");
    *out = arena_alloc(ctx->a, (nm + 1) * sizeof(**out));
    if (!*out)
        return check_mem(ctx);
    *n = 0;
    for (size_t i = 0; i < nm;) {
        size_t j = i;
        double sum = 0;
        int known = 0;
        for (; j < nm && ms[j].subject_id == ms[i].subject_id; j++) {
            double v = exchange_measure_attainment(&ms[j]);
            if (!isnan(v)) {
                sum += v;
                known++;
            }
        }
        if (known) {
            exchange_partner p;
            if ((rc = store_exchange_partner_get(ctx->c, ctx->a, ms[i].subject_id, &p)) != WY_OK)
                return wy_fail_store(ctx, rc, "exchange partner");
            (*out)[(*n)++] = (exchange_partner_ranked){.partner_id = p.id,
                                                       .name = p.name,
                                                       .division = p.division,
                                                       .measures = ms + i,
                                                       .nmeasures = j - i,
                                                       .known = known,
                                                       .attainment = sum / known};
        }
        i = j;
    }
    qsort(*out, *n, sizeof(**out), by_attainment);
    return 0;
}
