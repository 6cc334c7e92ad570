/*
 * followup_store: the store interface of the exchange module's follow-ups, evaluation and
 * lessons learned (store_followups.c, store_evaluation.c, store_lessons.c). Conventions as in
 * core/store.h; the rules (followup.c, evaluation.c, lessons.c) check the rest.
 */
#ifndef WY_EXCHANGE_FOLLOWUP_STORE_H
#define WY_EXCHANGE_FOLLOWUP_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct exchange_followup {
    int64_t id;
    const char *division;
    int64_t activity_id, agreement_id, partner_id; /* 0: none */
    const char *kind; /* agreement | return_visit | tourism_product | investment | ... */
    const char *title, *owner;
    const char *origin_on, *due_on;
    const char *status;               /* open | done | dropped */
    const char *outcome, *outcome_on; /* outcome_on NULL: none */
    int64_t created_by, created_at, updated_at;
    /* joined: the partner's name; is the origin public (an agreement, a published activity)? */
    const char *partner_name;
    int public_origin;
} exchange_followup;

int store_exchange_followup_create(db *c, const exchange_followup *f, int64_t now, int64_t *id);
int store_exchange_followup_get(db *c, arena *a, int64_t id, exchange_followup *out);
int store_exchange_followup_update(db *c, const exchange_followup *f, int64_t now);
/* Follow-ups of the subtree by id (id > after), filtered by activity, agreement, partner (0:
 * any), status (NULL: any); public_only: only those of an agreement or a published activity. */
typedef struct exchange_followup_filter {
    const char *prefix;
    int64_t activity, agreement, partner;
    const char *status;
    int public_only;
} exchange_followup_filter;
int store_exchange_followup_list(db *c, arena *a, const exchange_followup_filter *f, int64_t after,
                                 int limit, exchange_followup **out, size_t *n);
/* The done follow-ups of the subtree with an outcome dated in [from, to) (either NULL: no
 * bound), of a public origin when public_only: kind, partner, origin and outcome dates. */
int store_exchange_followups_done(db *c, arena *a, const char *prefix, const char *from,
                                  const char *to, int public_only, exchange_followup **out,
                                  size_t *n);
/* The open follow-ups of these partners due before today, by partner then due date. */
int store_exchange_followups_overdue(db *c, arena *a, const int64_t *partners, size_t np,
                                     const char *today, exchange_followup **out, size_t *n);

/* An agreement's division, partner and signing date. */
int store_exchange_agreement_origin(db *c, arena *a, int64_t id, const char **division,
                                    int64_t *partner, const char **signed_on);

/* Evaluation. A criterion of a division's rubric. */
typedef struct exchange_criterion {
    int64_t id;
    const char *division, *code, *name;
    int weight, seq;
} exchange_criterion;

/* The rubric of exactly this division, by seq. */
int store_exchange_rubric_of(db *c, arena *a, const char *division, exchange_criterion **out,
                             size_t *n);
/* Replace a division's rubric: criteria whose code is not in the new list are deleted (the
 * caller checked they have no score), the others updated or inserted. */
int store_exchange_rubric_put(db *c, arena *a, const char *division, const exchange_criterion *cs,
                              size_t n, int64_t now);
/* How many scores the criteria of this division not in codes (",a,b,") have. */
int store_exchange_rubric_scored_outside(db *c, const char *division, const char *codes,
                                         int64_t *n);

/* A reviewer's score set: replaces what they gave the activity before. */
int store_exchange_scores_put(db *c, int64_t activity, int64_t reviewer, const int64_t *criteria,
                              const int *scores, size_t n, int64_t now);
/* How many times the account is among the activity's authors (review_authors). */
int store_exchange_is_author(db *c, int64_t activity, int64_t user, int64_t *n);
/* Is the activity's evaluation closed (*closed_at > 0)? */
int store_exchange_evaluation_closed(db *c, int64_t activity, int64_t *closed_at);
int store_exchange_evaluation_close(db *c, int64_t activity, int64_t by, int64_t now);

/* The scores of the activities of a subtree, by activity, reviewer, criterion. */
typedef struct exchange_score_row {
    int64_t activity_id, reviewer_id, criterion_id;
    int score, weight;
    const char *code;
} exchange_score_row;
int store_exchange_scores_of(db *c, arena *a, const char *prefix, int64_t activity,
                             exchange_score_row **out, size_t *n);

/* Indicators of an activity or a partnership, per period. */
typedef struct exchange_measure {
    int64_t id;
    const char *division, *subject; /* activity | partner */
    int64_t subject_id;
    const char *name, *unit, *period;
    double baseline, target, actual; /* actual NAN: not known */
    int64_t updated_at;
} exchange_measure;
/* Insert, or update the one of the same subject, name and period. */
int store_exchange_measure_put(db *c, const exchange_measure *m, int64_t by, int64_t now,
                               int64_t *id);
int store_exchange_measures_of(db *c, arena *a, const char *subject, int64_t subject_id,
                               exchange_measure **out, size_t *n);
/* The measures of a subject kind (activity | partner) lying in a subtree, of one period (""
 * or NULL: every period), by subject, name, period. */
int store_exchange_measures_in(db *c, arena *a, const char *prefix, const char *subject,
                               const char *period, exchange_measure **out, size_t *n);

/* Lessons learned. */
typedef struct exchange_lesson {
    int64_t id;
    const char *division;
    int64_t activity_id, partner_id; /* 0: none */
    const char *title, *body, *tags; /* tags ",a,b," */
    int64_t created_by, created_at, updated_at;
} exchange_lesson;

int store_exchange_lesson_create(db *c, const exchange_lesson *l, int64_t now, int64_t *id);
/* Lessons of the subtree, newest first (id < before when before > 0): q (NULL: any) in the
 * title, body or tags (the trigram index for three characters or more), tag (NULL: any) one of
 * its tags, activity and partner (0: any); public_only: not tied to an activity unpublished. */
int store_exchange_lesson_search(db *c, arena *a, const char *prefix, const char *q,
                                 const char *tag, int64_t activity, int64_t partner,
                                 int public_only, int64_t before, int limit, exchange_lesson **out,
                                 size_t *n);

#endif
