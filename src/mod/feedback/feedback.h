/*
 * feedback: the rules of public feedback (docs/feedback.md). Surveys (demand surveys and
 * satisfaction surveys about an activity, a course, a service or a venue) with their questions,
 * one answer per account (or per device when a survey takes anonymous answers) while the survey
 * is open, and results by question, division and venue for staff. Complaints and suggestions
 * (意见反馈) routed to the staff of their division, answered within a deadline, escalated once
 * to the level above when overdue (the job feedback-overdue), and shown anonymised with their
 * answers. Staff: feedback_manage over the record's division.
 */
#ifndef WY_FEEDBACK_H
#define WY_FEEDBACK_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"
#include "mod/feedback/feedback_store.h"

#define FEEDBACK_PERM          PERM_FEEDBACK_MANAGE
#define FEEDBACK_TITLE_MAX     200
#define FEEDBACK_TEXT_MAX      2000 /* characters of a free-text answer, a complaint, an answer */
#define FEEDBACK_QUESTIONS_MAX 50
#define FEEDBACK_OPTIONS_MAX   20
#define FEEDBACK_DEVICE_MIN    16
#define FEEDBACK_DEVICE_MAX    64

/* A question of a survey: kind single | multiple | rating | text. */
typedef struct survey_question {
    const char *kind;
    const char *text;
    const char **options; /* single and multiple */
    size_t noptions;
    int required;
} survey_question;

/* Read a survey's questions (a JSON array of {"kind", "text", "options", "required"}): 0, or -1
 * with *why (an English sentence) when they are not acceptable. Strings in the arena. */
int feedback_questions_parse(arena *a, const json_t *arr, survey_question **out, size_t *n,
                             const char **why);

typedef struct survey_input {
    const char *kind, *title, *intro, *division, *target_kind;
    int64_t target_id, venue_id;
    int64_t opens_at, closes_at;
    int anonymous;
    const json_t *questions;
} survey_input;

/* feedback_manage over the division (the venue's when one is named). Refusals: bad_kind,
 * bad_title, bad_division, unknown_division, bad_target, unknown_venue, bad_window,
 * bad_questions. */
int feedback_survey_create(wy_ctx *ctx, const survey_input *in, int64_t *id);
/* Edit a survey's title, introduction and questions (NULL: kept): feedback_manage over its
 * division, while it has no response (has_responses, 409, once it has one: the answers were
 * given to the questions as they stand). Refusals: bad_title, bad_intro, bad_questions,
 * nothing_to_change. Audited. */
int feedback_survey_edit(wy_ctx *ctx, int64_t id, const char *title, const char *intro,
                         const json_t *questions);
/* Close an open survey now (not_open when it is not open): feedback_manage over its division;
 * audited. Reopen a closed one until closes_at, in the future (bad_window; not_closed when it
 * has not closed). */
int feedback_survey_close(wy_ctx *ctx, int64_t id);
int feedback_survey_reopen(wy_ctx *ctx, int64_t id, int64_t closes_at);
/* Anyone may read a survey and its questions. */
int feedback_survey_get(wy_ctx *ctx, int64_t id, survey_row *out, survey_question **q, size_t *nq);
/* Surveys of a subtree (NULL: all), newest first; open_only: those open now. */
int feedback_survey_list(wy_ctx *ctx, const char *division, int open_only, int64_t before,
                         int limit, survey_row **out, size_t *n);
/* The same for staff: feedback_manage over the subtree (NULL: the widest the caller holds). */
int feedback_survey_list_staff(wy_ctx *ctx, const char *division, int64_t before, int limit,
                               survey_row **out, size_t *n);
/* Answer a survey: the caller's account, or device (16 to 64 of A-Z a-z 0-9 _ -) when nobody is
 * logged in and the survey takes anonymous answers. answers: a JSON array of {"question": i and
 * "choice": i, "choices": [i...], "rating": 1-5 or "text"}. division: the respondent's (NULL:
 * the account's); venue_id: the venue answered about (0: the survey's). Refusals: not_open,
 * login_required, bad_device, bad_division, unknown_venue, bad_answers, missing_answer,
 * already_answered. */
int feedback_survey_respond(wy_ctx *ctx, int64_t id, const char *device, const char *division,
                            int64_t venue_id, const json_t *answers, int64_t *response_id);

/* The tally of a question over a group of responses. */
typedef struct survey_tally {
    int64_t answered;
    int64_t *counts; /* by option (single, multiple), by rating 1..5 (rating: counts[0..4]) */
    double rating_sum;
    const char **texts; /* free text, masked */
    size_t ntexts;
} survey_tally;

typedef struct survey_group {
    const char *key;  /* "all", a division code, a venue id as text ("0": none) */
    const char *name; /* the division's or venue's name, or NULL */
    int64_t responses;
    survey_tally *tallies; /* one per question */
} survey_group;

/* The results of a survey for staff (feedback_manage over its division): one group "all", or
 * by = "division" | "venue". Refusal: bad_group. */
int feedback_survey_results(wy_ctx *ctx, int64_t id, const char *by, survey_row *s,
                            survey_question **q, size_t *nq, survey_group **groups, size_t *ng);

/* Mask what looks like personal data in text (runs of 7 digits or more: phones, ID numbers,
 * keep their first 3 and last 2; e-mail addresses: their local part), in the arena. */
const char *feedback_mask_text(arena *a, const char *text);

typedef struct complaint_input {
    const char *kind, *body, *division, *contact;
    int64_t venue_id, activity_id;
} complaint_input;

/* File a complaint or a suggestion (anyone; the account is kept when logged in). Its division is
 * the venue's (or the activity's) when one is named, else the one chosen. Its deadline:
 * [feedback] answer_days working days (calendar days with working_days = 0). The staff of the
 * division (feedback_manage, the closest level holding it) are told. Refusals: bad_kind,
 * bad_body, bad_division, unknown_division, unknown_venue, unknown_activity, bad_contact. */
int feedback_complaint_file(wy_ctx *ctx, const complaint_input *in, int64_t *id, int64_t *due_at);
/* Answered complaints of a subtree, newest first: what the public sees. */
int feedback_complaint_list_public(wy_ctx *ctx, const char *division, int64_t before, int limit,
                                   complaint_row **out, size_t *n);
/* Complaints for staff (feedback_manage; a subtree the caller holds it on, NULL: the widest),
 * status NULL: any; contact masked. */
int feedback_complaint_list_staff(wy_ctx *ctx, const char *division, const char *status,
                                  int64_t before, int limit, complaint_row **out, size_t *n);
/* Answer a pending complaint (feedback_manage over its division; not one the caller filed).
 * public_text NULL: the filer's text is published as written. The filer is told. Refusals:
 * bad_answer, bad_public_text, own_complaint, already_answered. */
int feedback_complaint_answer(wy_ctx *ctx, int64_t id, const char *answer, const char *public_text);

/* Mask a contact (a phone, an e-mail or other text) for staff lists. */
const char *feedback_mask_contact(arena *a, const char *contact);

/* The job feedback-overdue: pending complaints past their deadline are told, once, to the
 * staff of the level above the one responsible; the number of complaints escalated. */
int feedback_job_overdue(wy_ctx *ctx);

extern const notify_kind feedback_kind_complaint_filed;
extern const notify_kind feedback_kind_complaint_answered;
extern const notify_kind feedback_kind_complaint_overdue;

/* Indicators (feedback_indicators.c). */
int feedback_ind_received(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int feedback_ind_in_time(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int feedback_ind_response_days(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                               double *out);
int feedback_ind_satisfaction(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                              double *out);

/* Surveys offered after activities (survey_offers.c): the open satisfaction surveys about an
 * activity the caller attended (checked in at a session that has ended) and has not answered;
 * none when nobody is logged in. */
int feedback_survey_offers(wy_ctx *ctx, survey_row **out, size_t *n);
/* The job feedback-survey-offers: each person who attended an activity with an open survey is
 * told once (feedback.survey_offered) after their session ends; the number told. */
int feedback_job_survey_offers(wy_ctx *ctx);
extern const notify_kind feedback_kind_survey_offered;

#endif
