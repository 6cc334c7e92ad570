/*
 * linkage: the rules of regional cultural linkage programmes (区域文化联动, docs/linkage.md).
 *
 * A programme belongs to a division (its owner: the level that deploys it) and has themes,
 * stages with their dates and participants (divisions anywhere in the tree, across provinces).
 * Each participant submits one plan before the plans_due stage ends; the plan goes to core
 * review at the level above the participant (a province's own reviewers for a province, which
 * has no level above it in wenyun's tree). Under an approved plan the participant's staff
 * record activities (hosted in its subtree, with guests from anywhere; an alliance with its
 * agreement); after each one the host gives a summary and media (attachments). Participants
 * evaluate themselves; experts (reviewers over the owner division) score the 听看评 sessions
 * and the participants on the programme's rubric, never their own division's; the
 * comprehensive evaluation weighs the two; the owner records commendations.
 *
 * Who sees what: staff (tasks_manage, review, audit_read or indicators_read) over the owner
 * division see the whole programme; other staff see the participants inside their subtrees,
 * with their plans and the activities they host or visit. Writing: tasks_manage over the owner
 * division (the programme, its participants, rubric and commendations) or over the
 * participant's or host's division (plans, activities, materials, self-evaluation).
 */
#ifndef WY_LINKAGE_H
#define WY_LINKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/attachment.h"
#include "core/domain.h"
#include "core/notify.h"
#include "core/review.h"
#include "mod/linkage/linkage_store.h"

#define LINKAGE_TEXT_MAX  20000 /* a plan's content, a summary, a self-evaluation */
#define LINKAGE_TITLE_MAX 200
#define LINKAGE_LIST_MAX  32 /* themes, stages, guests, members, criteria */

extern const review_type linkage_review_plan;
extern const notify_kind linkage_kind_materials;

typedef struct lk_programme_input {
    const char *division, *title, *description;
    int year, weight_participant, weight_sessions; /* weights 0, 0: 70, 30 */
    const char *themes[LINKAGE_LIST_MAX];
    size_t nthemes;
    lk_stage stages[LINKAGE_LIST_MAX];
    size_t nstages;
} lk_programme_input;

/* A programme as the caller may see it. */
typedef struct lk_view {
    lk_programme p;
    int all; /* the caller sees the whole programme (staff over its owner division) */
    lk_stage *stages;
    size_t nstages;
    lk_participant *parts; /* the visible ones */
    size_t nparts;
} lk_view;

typedef struct lk_activity_input {
    int64_t plan_id;
    const char *kind, *theme, *title, *starts_on, *ends_on, *host;
    const char *guests[LINKAGE_LIST_MAX];
    size_t nguests;
    /* an alliance's agreement */
    const char *agreement_text, *agreement_signed_on;
    const char *members[LINKAGE_LIST_MAX];
    size_t nmembers;
} lk_activity_input;

typedef struct lk_media {
    const char *kind; /* programme | photo | video */
    attachment a;
} lk_media;

/* An activity with what belongs to it. */
typedef struct lk_activity_view {
    lk_activity x;
    lk_guest *guests;
    size_t nguests;
    lk_agreement agreement; /* id 0: none */
    lk_guest *members;
    size_t nmembers;
    lk_media *media;
    size_t nmedia;
} lk_activity_view;

/* A participant's comprehensive result; a score < 0 is none. */
typedef struct lk_result {
    const lk_participant *part;
    double participant_score, session_score, result;
    int experts, sessions, self_score, rank; /* rank 0: no result */
} lk_result;

typedef struct lk_summary {
    lk_view v;
    lk_plan *plans;
    size_t nplans;
    lk_activity_view *acts;
    size_t nacts;
    lk_result *results;
    size_t nresults;
    lk_commendation *commends;
    size_t ncommends;
} lk_summary;

int linkage_programme_create(wy_ctx *ctx, const lk_programme_input *in, int64_t *id);
/* The programmes the caller sees, newest first (id < before); *next: the cursor or 0. */
int linkage_programme_list(wy_ctx *ctx, int64_t before, int limit, lk_programme **out, size_t *n,
                           int64_t *next);
/* E_NOTFOUND when it does not exist or the caller sees none of it. */
int linkage_programme_view(wy_ctx *ctx, int64_t id, lk_view *out);
int linkage_participant_add(wy_ctx *ctx, int64_t programme_id, const char *division, int64_t *id);

/* Submit (or, once rejected or taken back, submit again) the participant's plan to review.
 * Refused after the plans_due stage: plans_closed (E_RULE). */
int linkage_plan_submit(wy_ctx *ctx, int64_t programme_id, const char *division, const char *title,
                        const char *content, lk_plan *out);
int linkage_plans(wy_ctx *ctx, int64_t programme_id, lk_plan **out, size_t *n);
/* The review item of a plan (id 0: none) and whether the caller may decide it now (core
 * review: a reviewer of the level above the participant, never on their own plan). */
int linkage_plan_item(wy_ctx *ctx, const lk_plan *p, review_item *out, int *may_decide);
/* Take a pending plan back from review (by the participant's writers, as they submit it):
 * it is a draft again and may be submitted again while plans_due is open. E_CONFLICT
 * not_pending when it does not wait for review. *out: the plan after, or as it was when
 * refused once it was found (programme_id 0 when it was not). */
int linkage_plan_withdraw(wy_ctx *ctx, int64_t plan_id, lk_plan *out);
/* Approve or return (reject, with a reason) a plan through core review; *programme_id: its
 * programme. */
int linkage_plan_decide(wy_ctx *ctx, int64_t plan_id, const char *decision, const char *reason,
                        int64_t *programme_id);
/* Is the stage still open at now (today on or before its last day; a programme without the
 * stage: open)? plans_due bounds the plans, self_evaluate the self-evaluations. */
int linkage_stage_open(const lk_view *v, const char *stage, int64_t now);

int linkage_activity_create(wy_ctx *ctx, int64_t programme_id, const lk_activity_input *in,
                            int64_t *id);
int linkage_activities(wy_ctx *ctx, int64_t programme_id, lk_activity_view **out, size_t *n);
int linkage_activity_get(wy_ctx *ctx, int64_t id, lk_activity_view *out);
int linkage_summary_set(wy_ctx *ctx, int64_t activity_id, const char *summary);
int linkage_media_add(wy_ctx *ctx, int64_t activity_id, const char *kind, const attachment_file *f,
                      attachment *out);
/* Remove a material (the host's staff); *activity_id: its activity, once found. The activity
 * lacks its materials again when no medium is left. */
int linkage_media_remove(wy_ctx *ctx, int64_t attachment_id, int64_t *activity_id);
int linkage_media_get(wy_ctx *ctx, int64_t attachment_id, attachment *out, const char **data,
                      size_t *len);

int linkage_self_evaluate(wy_ctx *ctx, int64_t programme_id, const char *division, const char *text,
                          int score);
int linkage_criteria_set(wy_ctx *ctx, int64_t programme_id, const lk_criterion *k, size_t n);
int linkage_criteria(wy_ctx *ctx, int64_t programme_id, lk_criterion **out, size_t *n);
/* An expert's scores of a subject (an activity for target session, a participant's division
 * for target participant), one per criterion of the target; again: replaced. */
int linkage_score(wy_ctx *ctx, int64_t programme_id, const char *target, int64_t activity_id,
                  const char *division, const int64_t *criteria, const int *scores, size_t n,
                  const char *comment);
int linkage_evaluation(wy_ctx *ctx, int64_t programme_id, lk_view *v, lk_result **out, size_t *n);
int linkage_commend(wy_ctx *ctx, int64_t programme_id, const char *division, const char *title,
                    const char *citation, int64_t *id);
int linkage_commendations(wy_ctx *ctx, int64_t programme_id, lk_commendation **out, size_t *n);

/* Everything the summary for the level above holds, as the caller may see it. */
int linkage_summary(wy_ctx *ctx, int64_t programme_id, lk_summary *out);
/* The summary as Markdown (in ctx->a). */
const char *linkage_summary_markdown(wy_ctx *ctx, const lk_summary *s);

/* Publish a programme (what "programme": its themes, stages, participants and activities on
 * the public pages) or its results ("results": the ranking and the commendations, once the
 * programme is published: not_published, E_RULE); the owner's staff (tasks_manage). Again:
 * the first time is kept. */
int linkage_publish(wy_ctx *ctx, int64_t programme_id, const char *what);
/* The published programmes, newest first (id < before); *next: the cursor or 0. Anyone. */
int linkage_public_list(wy_ctx *ctx, int64_t before, int limit, lk_programme **out, size_t *n,
                        int64_t *next);
/* A published programme as the public sees it, whoever asks: every participant (names only:
 * no plans, no self-evaluations), the activities (no summaries, media, agreements' texts or
 * authors), and the results and commendations once published (no self scores). E_NOTFOUND
 * when it does not exist or is not published. */
int linkage_public(wy_ctx *ctx, int64_t programme_id, lk_summary *out);

/* The job linkage-materials: chase hosts whose materials are missing [linkage]
 * materials_days after their activity, once a week per activity. */
int linkage_job_materials(wy_ctx *ctx);

/* YYYY-MM-DD of ms in China time. */
void linkage_date_of(int64_t ms, char out[11]);

#endif
