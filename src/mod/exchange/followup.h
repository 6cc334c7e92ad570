/*
 * followup: the rules of what comes after an exchange (docs/exchange.md): follow-ups of an
 * activity or an agreement and the conversion time from the exchange to its result
 * (followup.c); the evaluation, a rubric a division configures scored by reviewers, the
 * indicators of an activity or a partnership and the ranking of activities (evaluation.c);
 * lessons learned with Chinese full-text search (lessons.c). Staff with EXCHANGE_PERM over the
 * record's division write; every write is audited.
 */
#ifndef WY_EXCHANGE_FOLLOWUP_H
#define WY_EXCHANGE_FOLLOWUP_H

#include "core/domain.h"
#include "mod/exchange/followup_store.h"

/* What a writer gives: the activity or the agreement it follows (exactly one), the partner
 * (an activity's: one of its partners, implied when it has only one; an agreement's is its
 * own), the kind, a title, the owner (a unit or a person's name: no phone number), the due
 * date. */
typedef struct exchange_followup_input {
    int64_t activity_id, agreement_id, partner_id;
    const char *kind, *title, *owner, *due_on;
} exchange_followup_input;

int exchange_followup_create(wy_ctx *ctx, const exchange_followup_input *in, int64_t *id);

/* A change: the fields given (NULL: unchanged). Done needs an outcome and its date (not before
 * the exchange); a follow-up done or dropped may be reopened (status open clears the outcome
 * date). */
typedef struct exchange_followup_change {
    const char *title, *owner, *due_on, *status, *outcome, *outcome_on;
} exchange_followup_change;

int exchange_followup_update(wy_ctx *ctx, int64_t id, const exchange_followup_change *ch);
/* One follow-up: staff over its division see any, with its owner (*staff); everyone else
 * those of an agreement or a published activity, without the owner. */
int exchange_followup_get(wy_ctx *ctx, int64_t id, exchange_followup *out, int *staff);
/* Follow-ups of a subtree, as above; *staff: the caller holds EXCHANGE_PERM over the
 * subtree asked (the whole list shows owners then). */
int exchange_followup_list(wy_ctx *ctx, const char *division, int64_t activity, int64_t agreement,
                           int64_t partner, const char *status, int64_t after, int limit,
                           exchange_followup **out, size_t *n, int *staff);

/* Days from a to b (YYYY-MM-DD, both valid). */
int64_t exchange_days_between(const char *a, const char *b);

/* The conversion time: for the done follow-ups with an outcome dated in [from, to) (NULL: no
 * bound), the days from the exchange to the outcome, per group (a kind, a partner) and in all:
 * how many, the mean and the median. Staff over the subtree count every follow-up; everyone
 * else those of an agreement or a published activity. */
typedef struct exchange_conversion {
    const char *key;  /* the kind, or the partner's id as text; "" for all */
    const char *name; /* the partner's name (partners), else NULL */
    int64_t count;
    double mean, median; /* days */
} exchange_conversion;

int exchange_conversion_report(wy_ctx *ctx, const char *division, const char *from, const char *to,
                               exchange_conversion *all, exchange_conversion **kinds,
                               size_t *nkinds, exchange_conversion **partners, size_t *npartners);

/* Evaluation. The rubric of a division: criteria (code [a-z0-9_], 1-32; a name, not another
 * criterion's; a weight 1-100; the weights add up to 100), at most 20; replacing it may not
 * drop a criterion already scored (409). */
#define EXCHANGE_MAX_CRITERIA 20
int exchange_rubric_put(wy_ctx *ctx, const char *division, const exchange_criterion *cs, size_t n);
/* The rubric that applies to a division: its own, else the nearest above (*from: whose). */
int exchange_rubric_get(wy_ctx *ctx, const char *division, exchange_criterion **out, size_t *n,
                        const char **from);

/* A reviewer's score set for a published activity (0-100 for every criterion of the rubric
 * that applies, by code): a reviewer (PERM_REVIEW over the activity's division) who is not the
 * activity's author nor among its authors; replaced as a whole until the evaluation is
 * closed. */
typedef struct exchange_score_input {
    const char *code;
    int score;
} exchange_score_input;
int exchange_scores_put(wy_ctx *ctx, int64_t activity, const exchange_score_input *scores,
                        size_t n);
/* Close an activity's evaluation (staff over its division): its scores are final. */
int exchange_evaluation_close(wy_ctx *ctx, int64_t activity);

/* An activity's place in the ranking: the mean over its reviewers of each one's weighted mean
 * score, per criterion the mean score. */
typedef struct exchange_ranked {
    int64_t activity_id;
    const char *title, *kind, *division, *ends_on;
    int reviewers, closed;
    double score;
    const exchange_criterion *criteria; /* the rubric that applies */
    size_t ncriteria;
    double *means; /* per criterion, NAN when none */
} exchange_ranked;

/* The scored activities of a subtree (staff: EXCHANGE_PERM over it; none named: the caller's
 * widest scope), best first (ties by id). */
int exchange_ranking(wy_ctx *ctx, const char *division, exchange_ranked **out, size_t *n);
/* One activity's evaluation: its rank entry (reviewers 0 when none scored yet). */
int exchange_evaluation_get(wy_ctx *ctx, int64_t activity, exchange_ranked *out);

/* Indicators of an activity or a partnership (subject "activity" or "partner"): name, unit,
 * period (YYYY, YYYY-Qn or YYYY-MM), baseline, target, actual (NAN: not known yet). */
int exchange_measure_put(wy_ctx *ctx, const exchange_measure *m, int64_t *id);
int exchange_measures(wy_ctx *ctx, const char *subject, int64_t subject_id, exchange_measure **out,
                      size_t *n);

/* The attainment of a measure in percent: (actual - baseline) / (target - baseline) x 100; NAN
 * when its actual value is not known or its target is its baseline. */
double exchange_measure_attainment(const exchange_measure *m);

/* A partnership's place in the ranking: over the partner's measures of the period asked, the
 * mean attainment of those with one (known). */
typedef struct exchange_partner_ranked {
    int64_t partner_id;
    const char *name, *division;
    const exchange_measure *measures; /* the partner's measures of the period, by name, period */
    size_t nmeasures;
    int known;
    double attainment; /* percent */
} exchange_partner_ranked;

/* The partnerships of a subtree with at least one measure attained (staff: EXCHANGE_PERM over
 * it; none named: the caller's widest scope), of one period (YYYY, YYYY-Qn, YYYY-MM; NULL or
 * empty: every period), best first (ties by partner id). */
int exchange_partner_ranking(wy_ctx *ctx, const char *division, const char *period,
                             exchange_partner_ranked **out, size_t *n);

/* Lessons learned (先进文化经验): tied to an activity and/or a partner of the division's city,
 * title (1-200), body (1-20000), tags (at most 10, 1-20 characters each, no comma). */
typedef struct exchange_lesson_input {
    const char *division, *title, *body;
    int64_t activity_id, partner_id;
    const char *const *tags;
    size_t ntags;
} exchange_lesson_input;
/* An owner: at most 100 characters, a unit or a person's name without a phone number (no run
 * of seven digits: owner_phone). */
int exchange_check_owner(wy_ctx *ctx, const char *owner);
/* The checks of a lesson's title, text and tags (create and change); *tags: as stored
 * (",a,b,"). */
int exchange_lesson_check(wy_ctx *ctx, const char *title, const char *body, const char *const *tags,
                          size_t ntags, const char **out);
int exchange_lesson_create(wy_ctx *ctx, const exchange_lesson_input *in, int64_t *id);
/* The search: newest first; q (at most 100 characters) in the title, body or tags; tag one of
 * its tags. Everyone sees the lessons not tied to an unpublished activity; staff over the
 * subtree every one. */
int exchange_lesson_search(wy_ctx *ctx, const char *division, const char *q, const char *tag,
                           int64_t activity, int64_t partner, int64_t before, int limit,
                           exchange_lesson **out, size_t *n);

/* `wenyun demo`: what followed 玉溪市's demo exchanges, as the demo admin (ctx->who), scored by
 * the demo reviewer of this phone (demo_followups.c); once. */
int exchange_demo_followups(wy_ctx *ctx, const char *reviewer_phone);

/* The indicator exchange.conversion_days (module.c). */
int exchange_ind_conversion_days(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                 double *out);

#endif
