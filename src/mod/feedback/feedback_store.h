/*
 * feedback_store: the store interface of the feedback module (store_feedback.c): surveys,
 * their responses and answers, complaints. Conventions as in core/store.h; the store checks
 * only what the tables' constraints say, the rules (survey.c, complaint.c) the rest.
 */
#ifndef WY_FEEDBACK_STORE_H
#define WY_FEEDBACK_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct survey_row {
    int64_t id;
    const char *kind; /* demand | satisfaction */
    const char *title, *intro, *division;
    const char *target_kind;     /* '' | activity | course | service | venue */
    int64_t target_id, venue_id; /* 0: none */
    int64_t opens_at, closes_at;
    int anonymous;
    const char *questions; /* JSON array text */
    int64_t created_by, created_at;
    int64_t responses;
} survey_row;

/* One answer row with its response's grouping keys. */
typedef struct survey_answer_row {
    int64_t response_id;
    const char *division; /* NULL: not said */
    int64_t venue_id;     /* 0: none */
    const char *venue_name;
    int question;
    int choice; /* -1: none */
    int rating; /* 0: none */
    const char *text;
} survey_answer_row;

typedef struct complaint_row {
    int64_t id;
    const char *kind, *body, *division;
    int64_t venue_id, activity_id;
    const char *venue_name; /* NULL: none */
    const char *contact;    /* NULL: none */
    int64_t user_id;
    const char *status;
    int64_t due_at;
    const char *answer, *public_text;
    int64_t answered_by, answered_at, escalated_at, created_at;
} complaint_row;

int store_survey_create(db *c, const survey_row *s, int64_t now, int64_t *id);
int store_survey_get(db *c, arena *a, int64_t id, survey_row *out);
/* Surveys of the subtree prefix, newest first (id < before; 0: from the newest); open_at
 * non-zero: only those open at that instant. */
int store_survey_list(db *c, arena *a, const char *prefix, int64_t open_at, int64_t before,
                      int limit, survey_row **out, size_t *n);
/* Change the title, introduction and questions of a survey with no response yet; WY_CONSTRAINT
 * when it has one (WY_NOTFOUND: no such survey). */
int store_survey_edit(db *c, int64_t id, const char *title, const char *intro,
                      const char *questions);
/* Set the closing time of a survey (its opening time too when opens_at is non-zero). */
int store_survey_set_window(db *c, int64_t id, int64_t opens_at, int64_t closes_at);
/* The division of a venue (WY_NOTFOUND when there is none), in the arena. */
int store_feedback_venue_division(db *c, arena *a, int64_t venue_id, const char **division);
int store_feedback_activity_division(db *c, arena *a, int64_t activity_id, int64_t *venue_id,
                                     const char **division);
/* A response; WY_CONSTRAINT when the account or the device has answered already. */
int store_survey_response_add(db *c, int64_t survey_id, int64_t user_id, const char *device,
                              const char *division, int64_t venue_id, int64_t now, int64_t *id);
int store_survey_answer_add(db *c, int64_t response_id, int question, int choice, int rating,
                            const char *text);
/* Every answer of the survey, by response. */
int store_survey_answers(db *c, arena *a, int64_t survey_id, survey_answer_row **out, size_t *n);

int store_complaint_create(db *c, const complaint_row *r, int64_t now, int64_t *id);
int store_complaint_get(db *c, arena *a, int64_t id, complaint_row *out);
/* Complaints of the subtree prefix, newest first (id < before); status NULL: any. */
int store_complaint_list(db *c, arena *a, const char *prefix, const char *status, int64_t before,
                         int limit, complaint_row **out, size_t *n);
/* Answer a pending one; WY_NOTFOUND when it is not pending any more. */
int store_complaint_answer(db *c, int64_t id, const char *answer, const char *public_text,
                           int64_t by, int64_t now);
/* Pending complaints past their deadline at now and not escalated yet. */
int store_complaint_overdue(db *c, arena *a, int64_t now, int limit, complaint_row **out,
                            size_t *n);
int store_complaint_mark_escalated(db *c, int64_t id, int64_t now);
/* Counts over complaints of the subtree filed in [from, to): received; answered ones, those
 * answered by their deadline and the sum of their response times (ms). */
int store_complaint_figures(db *c, const char *prefix, const char *prefix_hi, int64_t from,
                            int64_t to, int64_t *received, int64_t *answered, int64_t *in_time,
                            double *sum_ms);
/* The sum and count of ratings given in satisfaction surveys of the subtree in [from, to). */
int store_survey_rating_figures(db *c, const char *prefix, const char *prefix_hi, int64_t from,
                                int64_t to, double *sum, int64_t *n);
/* Active holders of grants whose division contains division (user, role, division). */
int store_feedback_grants(db *c, arena *a, const char *division, role_grant **out, size_t *n);

/* The demo's: the first activity and venue of a subtree (0: none). */
int store_feedback_first(db *c, const char *table, const char *prefix, int64_t *id);
/* A survey of the division by its title (WY_NOTFOUND when none). */
int store_survey_find(db *c, arena *a, const char *division, const char *title, survey_row *out);
/* How many complaints a division has (the demo adds its own once). */
int store_complaint_count(db *c, const char *prefix, int64_t *n);

/* ---- surveys offered after an activity (survey_offers.c) ---- */

/* A survey to offer to a person who attended its activity. */
typedef struct survey_offer_row {
    int64_t survey_id, user_id;
    const char *title, *division;
    int64_t closes_at;
} survey_offer_row;

/* The open surveys about an activity that user attended (a checked-in booking of a session
 * that ended by now) and has not answered, closing soonest first (at most 50). */
int store_survey_offers(db *c, arena *a, int64_t user_id, int64_t now, survey_row **out, size_t *n);
/* The same for everyone, not yet told (no feedback.survey_offered notification about the
 * survey): at most limit, by survey and person. */
int store_survey_offers_due(db *c, arena *a, int64_t now, int limit, survey_offer_row **out,
                            size_t *n);

#endif
