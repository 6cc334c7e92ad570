/*
 * amend: what the exchange module changes or deletes after a record is written
 * (docs/exchange.md, "Changing and deleting records"), and the agreements' annual programmes:
 *
 * - a partner or an agreement written by mistake is deleted; one that other records name
 *   (activities, intents, follow-ups, plans, programme items, ...) is refused, 409 in_use: the
 *   history of a relationship is the evidence behind the plan's indicators and stays;
 * - an activity's text, kind, scope, channel, dates, partners and stops change at once while it
 *   is a draft or rejected; a published one changes through review: the change, checked whole,
 *   becomes a pending revision (exchange_revision.h) that a reviewer other than its proposer
 *   approves; one in review is refused, 409 not_editable; a plan entry likewise (an approved
 *   one is changed through review), and a draft, rejected or pending plan is withdrawn
 *   (deleted; a pending one is first taken back from review), an approved one stays on the
 *   calendar (409 not_editable);
 * - funds, members of a delegation and lessons change or are deleted, attachments and
 *   measures deleted, by staff over the record's division;
 * - a closed evaluation is reopened by staff over the activity's city (the city's admins), with
 *   a reason: a district that closed its own cannot reopen it;
 * - an agreement's annual programme: per year, items planned for a month with an owner, a
 *   status (planned, done, dropped) and, once done, the activity that did it; an item still
 *   planned after its month is an alert (programme_overdue, exchange_alerts.c).
 *
 * Every write is audited; a refused one changes nothing.
 */
#ifndef WY_EXCHANGE_AMEND_H
#define WY_EXCHANGE_AMEND_H

#include "core/domain.h"
#include "mod/exchange/amend_store.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"

/* Begin a write transaction: 0, or -1 with the refusal. */
int exchange_begin(wy_ctx *ctx);
/* A record loaded by its store (rc, the store call's result) for a write by the caller: 0 when
 * it is there and the caller holds EXCHANGE_PERM over *division (read after the load), else -1
 * with the refusal (404, 403). */
int exchange_loaded(wy_ctx *ctx, int rc, const char *what, const char *const *division);

/* ",a,b," (a partner's languages, a lesson's tags) as at most max texts in the arena. */
size_t exchange_split_list(arena *a, const char *s, const char **out, size_t max);

int exchange_partner_delete(wy_ctx *ctx, int64_t id);
int exchange_agreement_delete(wy_ctx *ctx, int64_t id);

/* A change of an activity: NULL leaves a text; channel_id -1 leaves it, 0 clears it; partners
 * and stops replace the activity's when given (npartners, nstops may be 0 then). Figures are
 * not changed here (exchange_activity_set_figures). */
typedef struct exchange_activity_change_input {
    const char *title, *title_en, *summary, *summary_en, *kind, *scope, *starts_on, *ends_on;
    int64_t channel_id;
    int partners_given, stops_given;
    const int64_t *partners;
    size_t npartners;
    const exchange_stop *stops;
    size_t nstops;
} exchange_activity_change_input;

/* 0 when changed (a draft or a rejected activity), 1 when proposed as a revision waiting for
 * review (a published one), -1 when refused. */
int exchange_activity_change(wy_ctx *ctx, int64_t id, const exchange_activity_change_input *in);
/* Inside the caller's transaction, whoever the caller and whatever the status: check change in
 * of activity a whole, as it would be written, and write it when write (an approved revision
 * is applied by it, exchange_revision.c). */
int exchange_activity_rewrite_tx(wy_ctx *ctx, const exchange_activity *a,
                                 const exchange_activity_change_input *in, int write);

/* A change of a plan: NULL leaves a text; partners replace the plan's when partners_given.
 * 0 when changed (a draft or a rejected plan), 1 when proposed as a revision (an approved one),
 * -1 when refused. */
int exchange_plan_change(wy_ctx *ctx, int64_t id, const exchange_plan_input *in,
                         int partners_given);
/* As exchange_activity_rewrite_tx, for a plan. */
int exchange_plan_rewrite_tx(wy_ctx *ctx, const exchange_plan *p, const exchange_plan_input *in,
                             int partners_given, int write);
int exchange_plan_withdraw(wy_ctx *ctx, int64_t id);

/* A change of a fund: NULL leaves a text, -1 an amount or a value. */
int exchange_fund_change(wy_ctx *ctx, int64_t id, const exchange_fund_input *in);
int exchange_fund_delete(wy_ctx *ctx, int64_t id);
/* A change of a member of a delegation: NULL leaves a field. */
int exchange_delegate_change(wy_ctx *ctx, int64_t id, const char *kind, const char *name,
                             const char *role, const char *organisation);
int exchange_delegate_delete(wy_ctx *ctx, int64_t id);
int exchange_attachment_delete(wy_ctx *ctx, int64_t id);
/* A change of a lesson: NULL leaves the title or the text; tags replace its tags when
 * tags_given. */
int exchange_lesson_change(wy_ctx *ctx, int64_t id, const char *title, const char *body,
                           const char *const *tags, size_t ntags, int tags_given);
int exchange_lesson_delete(wy_ctx *ctx, int64_t id);
int exchange_measure_delete(wy_ctx *ctx, int64_t id);

/* Reopen a closed evaluation (409 evaluation_open when it is not closed): staff with
 * EXCHANGE_PERM over the activity's city; a reason of 1 to 500 characters (bad_reason). */
int exchange_evaluation_reopen(wy_ctx *ctx, int64_t activity, const char *reason);

/* An item of an annual programme as given: year 0, month 0 leave them (on a change); NULL
 * leaves a text; activity_id -1 leaves it, 0 clears it. */
typedef struct exchange_programme_input {
    int year, month;
    const char *title, *owner, *status;
    int64_t activity_id;
} exchange_programme_input;

/* The activity a fund or a member of a delegation is of, and a programme item, for staff over
 * its division (403 otherwise, 404 when there is none): what the staff's forms go back to. */
int exchange_fund_activity(wy_ctx *ctx, int64_t id, int64_t *activity);
int exchange_delegate_activity(wy_ctx *ctx, int64_t id, int64_t *activity);
int exchange_programme_item_get(wy_ctx *ctx, int64_t id, exchange_programme_item *out);

int exchange_programme_add(wy_ctx *ctx, int64_t agreement, const exchange_programme_input *in,
                           int64_t *id);
int exchange_programme_change(wy_ctx *ctx, int64_t id, const exchange_programme_input *in);
int exchange_programme_delete(wy_ctx *ctx, int64_t id);
/* The programme of an agreement (year 0: every year), for anyone; *owners: the caller is staff
 * over the agreement's division and sees the items' owners. */
int exchange_programme_of(wy_ctx *ctx, int64_t agreement, int year, exchange_programme_item **out,
                          size_t *n, int *owners);

#endif
