/*
 * linkage_store: the store interface of the linkage module (store_linkage.c): programmes, their
 * stages, participants, plans, activities with guests and agreements, the rubric, scores and
 * commendations. Conventions as in core/store.h; the rules (linkage.c) check the rest.
 */
#ifndef WY_LINKAGE_STORE_H
#define WY_LINKAGE_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct lk_programme {
    int64_t id;
    const char *division, *title, *description, *themes; /* themes: "a,b,c" */
    int year, weight_participant, weight_sessions;
    int64_t created_by, created_at, updated_at;
    int64_t published_at, results_published_at; /* 0: not published */
} lk_programme;

typedef struct lk_stage {
    const char *stage, *starts_on /* NULL: none */, *due_on;
} lk_stage;

typedef struct lk_participant {
    int64_t id, programme_id;
    const char *division, *name;
    const char *self_text; /* NULL: no self-evaluation yet */
    int self_score;
    int64_t self_at;
} lk_participant;

typedef struct lk_plan {
    int64_t id, programme_id, participant_id;
    const char *division; /* the participant's */
    const char *title, *content, *status;
    int64_t submitted_by, submitted_at, updated_at;
} lk_plan;

typedef struct lk_activity {
    int64_t id, programme_id, plan_id;
    const char *kind, *theme, *title, *starts_on, *ends_on, *host, *host_name;
    const char *summary;
    int64_t summary_at, chased_at, created_by, created_at;
    int64_t nmedia; /* attachments */
} lk_activity;

typedef struct lk_guest {
    int64_t activity_id;
    const char *division, *name;
} lk_guest;

typedef struct lk_agreement {
    int64_t id, activity_id;
    const char *text, *signed_on;
} lk_agreement;

typedef struct lk_criterion {
    int64_t id;
    const char *target, *name;
    int weight;
} lk_criterion;

typedef struct lk_score {
    const char *target;
    int64_t subject_id, expert_id, criterion_id;
    int score;
    const char *comment;
} lk_score;

typedef struct lk_commendation {
    int64_t id, participant_id;
    const char *division, *title, *citation;
    int64_t created_at;
} lk_commendation;

int store_lk_programme_create(db *c, const lk_programme *p, int64_t now, int64_t *id);
int store_lk_programme_get(db *c, arena *a, int64_t id, lk_programme *out);
/* Newest first, id < before (0: from the newest). */
int store_lk_programme_list(db *c, arena *a, int64_t before, int limit, lk_programme **out,
                            size_t *n);
/* Published programmes, newest first (id < before unless before is 0). */
int store_lk_programme_list_published(db *c, arena *a, int64_t before, int limit,
                                      lk_programme **out, size_t *n);
/* Publish the programme (results 0) or its results (1) at now; published already: kept. */
int store_lk_programme_publish(db *c, int64_t id, int results, int64_t now);
int store_lk_stage_set(db *c, int64_t programme_id, const lk_stage *s);
int store_lk_stages(db *c, arena *a, int64_t programme_id, lk_stage **out, size_t *n);

int store_lk_participant_add(db *c, int64_t programme_id, const char *division, int64_t now,
                             int64_t *id);
/* In division order, with the division's name. */
int store_lk_participants(db *c, arena *a, int64_t programme_id, lk_participant **out, size_t *n);
int store_lk_self_set(db *c, int64_t participant_id, const char *text, int score, int64_t by,
                      int64_t now);

int store_lk_plan_by_participant(db *c, arena *a, int64_t participant_id, lk_plan *out);
int store_lk_plan_get(db *c, arena *a, int64_t id, lk_plan *out);
int store_lk_plan_create(db *c, const lk_plan *p, int64_t now, int64_t *id);
int store_lk_plan_update(db *c, int64_t id, const char *title, const char *content, int64_t by,
                         int64_t now);
int store_lk_plan_status(db *c, int64_t id, const char *status, int64_t now);
int store_lk_plans(db *c, arena *a, int64_t programme_id, lk_plan **out, size_t *n);

int store_lk_activity_create(db *c, const lk_activity *x, int64_t now, int64_t *id);
int store_lk_activity_get(db *c, arena *a, int64_t id, lk_activity *out);
int store_lk_activities(db *c, arena *a, int64_t programme_id, lk_activity **out, size_t *n);
int store_lk_guest_add(db *c, int64_t activity_id, const char *division);
int store_lk_guests(db *c, arena *a, int64_t programme_id, lk_guest **out, size_t *n);
int store_lk_summary_set(db *c, int64_t activity_id, const char *summary, int64_t now);
/* Activities that ended on or before last_day whose summary or media are missing and whose
 * host was not chased since chased_before (ms). */
int store_lk_missing_materials(db *c, arena *a, const char *last_day, int64_t chased_before,
                               lk_activity **out, size_t *n);
int store_lk_chased(db *c, int64_t activity_id, int64_t now);
/* The accounts holding district_admin or city_admin on exactly this division. */
int store_lk_host_staff(db *c, arena *a, const char *division, int64_t **out, size_t *n);

int store_lk_agreement_create(db *c, int64_t activity_id, const char *text, const char *signed_on,
                              int64_t now, int64_t *id);
int store_lk_agreement_member_add(db *c, int64_t agreement_id, const char *division);
int store_lk_agreements(db *c, arena *a, int64_t programme_id, lk_agreement **out, size_t *n);
/* The members of the programme's agreements, as (agreement id in activity_id, division). */
int store_lk_agreement_members(db *c, arena *a, int64_t programme_id, lk_guest **out, size_t *n);

int store_lk_criteria_clear(db *c, int64_t programme_id);
int store_lk_criterion_add(db *c, int64_t programme_id, const lk_criterion *k, int ord);
int store_lk_criteria(db *c, arena *a, int64_t programme_id, lk_criterion **out, size_t *n);
int store_lk_score_count(db *c, int64_t programme_id, int64_t *n);
int store_lk_scores_clear(db *c, const char *target, int64_t subject_id, int64_t expert_id);
int store_lk_score_add(db *c, int64_t programme_id, const lk_score *s, int64_t now);
int store_lk_scores(db *c, arena *a, int64_t programme_id, lk_score **out, size_t *n);

int store_lk_commendation_add(db *c, int64_t programme_id, int64_t participant_id,
                              const char *title, const char *citation, int64_t by, int64_t now,
                              int64_t *id);
int store_lk_commendations(db *c, arena *a, int64_t programme_id, lk_commendation **out, size_t *n);

#endif
