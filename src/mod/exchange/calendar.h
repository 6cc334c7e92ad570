/*
 * calendar: the exchange module's coordination of planned exchanges, their funds and
 * delegations (docs/exchange.md):
 *
 * - the calendar (calendar.c): plan entries of units across the city's divisions, each with
 *   its partners and dates, warned of clashes (the same partner in overlapping periods, with
 *   another plan or an exchange activity; overlapping dates in the same division) when written
 *   and on the calendar; a plan is approved through the review chain as content type
 *   exchange_plan (by default one level, the city's: counties submit, the city approves;
 *   nobody decides their own). The approved calendar is public, as JSON and iCalendar.
 * - funds (funds.c): special funds and sponsorship recorded against an activity (资助项目、
 *   赞助活动、提供设施、捐赠产品) in fen, or in kind with its value; totals per activity and
 *   per period of a subtree. Staff over the activity's division.
 * - delegations and attachments (delegation.c): the troupes (public) and people (personal
 *   data: staff over the division only) who went, and the activity's programmes, photos,
 *   videos and press through the core attachments.
 * - changes (edit.c): partners, agreements, channels and intents changed, a channel or intent
 *   written by mistake deleted (refused while something names it).
 *
 * Writers hold EXCHANGE_PERM over the record's division; every write is audited.
 */
#ifndef WY_EXCHANGE_CALENDAR_H
#define WY_EXCHANGE_CALENDAR_H

#include "core/attachment.h"
#include "core/domain.h"
#include "core/review.h"
#include "mod/exchange/calendar_store.h"
#include "mod/exchange/exchange.h"

#define EXCHANGE_PLAN_MAX_PARTNERS 20
/* The most plans one calendar answer holds. */
#define EXCHANGE_CALENDAR_MAX 500

extern const review_type exchange_plan_review_type;

typedef struct exchange_plan_input {
    const char *division, *unit, *title, *kind, *starts_on, *ends_on, *note;
    const int64_t *partners;
    size_t npartners;
} exchange_plan_input;

/* A plan with its partners and its clashes (clashes only for staff). */
typedef struct exchange_plan_full {
    exchange_plan p;
    exchange_plan_partner *partners;
    size_t npartners;
    exchange_clash *clashes;
    size_t nclashes;
    int staff; /* the clashes were looked up: the caller is staff or a reviewer over it */
} exchange_plan_full;

/* The checks of a plan as written (create and change). */
int exchange_plan_check(wy_ctx *ctx, const exchange_plan_input *in);
/* Write a plan (a draft) and answer it with its clashes: a clash warns, it does not refuse. */
int exchange_plan_create(wy_ctx *ctx, const exchange_plan_input *in, exchange_plan_full *out);
int exchange_plan_submit(wy_ctx *ctx, int64_t id, const char **status);
/* Approve a pending plan at its level of the review chain (review_decide: a reviewer of the
 * level; 403 own_submission for its authors, whatever roles they hold). */
int exchange_plan_approve(wy_ctx *ctx, int64_t id);
/* A plan: an approved one for anyone, others for staff and reviewers over its division and its
 * author (404 for everyone else); clashes for staff and reviewers. */
int exchange_plan_get(wy_ctx *ctx, int64_t id, exchange_plan_full *out);
/* The calendar of a subtree over [from, to] (dates, at most 366 days apart), by start: the
 * plans of every state with their clashes when the caller holds EXCHANGE_PERM or review over
 * the subtree asked (*staff set), else the approved plans only, without clashes. */
int exchange_calendar(wy_ctx *ctx, const char *division, const char *from, const char *to,
                      int approved_only, exchange_plan_full **out, size_t *n, int *staff);

typedef struct exchange_fund_input {
    const char *kind, *sponsor, *in_kind, *given_on;
    int64_t amount_fen, value_fen; /* -1: not given */
} exchange_fund_input;

/* The checks of a fund as written (create and change). */
int exchange_fund_check(wy_ctx *ctx, const exchange_fund_input *in);
int exchange_fund_add(wy_ctx *ctx, int64_t activity, const exchange_fund_input *in, int64_t *id);
/* The funds of an activity and their totals (money, value in kind); staff over it. */
int exchange_funds_of(wy_ctx *ctx, int64_t activity, exchange_fund **out, size_t *n,
                      int64_t *amount_fen, int64_t *value_fen);
/* Totals by kind of the funds given in [from, to] in a subtree (staff over it). */
int exchange_fund_totals(wy_ctx *ctx, const char *division, const char *from, const char *to,
                         exchange_fund_total **out, size_t *n);

/* The checks of a member of a delegation as written (create and change). */
int exchange_delegate_check(wy_ctx *ctx, const char *kind, const char *name, const char *role,
                            const char *organisation);
int exchange_delegate_add(wy_ctx *ctx, int64_t activity, const char *kind, const char *name,
                          const char *role, const char *organisation, int64_t *id);
/* The delegation of an activity the caller may see: troupes, and people for staff over its
 * division (*people set). */
int exchange_delegation(wy_ctx *ctx, int64_t activity, exchange_delegate **out, size_t *n,
                        int *people);

/* An activity's attachment: kind programme | photo | video | press. */
typedef struct exchange_attachment {
    const char *kind;
    attachment a;
} exchange_attachment;

int exchange_attachment_add(wy_ctx *ctx, int64_t activity, const char *kind,
                            const attachment_file *f, attachment *out);
int exchange_attachments(wy_ctx *ctx, int64_t activity, exchange_attachment **out, size_t *n);
/* One attachment's bytes, for whoever may see its activity. */
int exchange_attachment_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data,
                            size_t *len);

/* Changes: each field NULL is left as it is; "" clears an optional date (since, renew_on). */
int exchange_partner_change(wy_ctx *ctx, int64_t id, const exchange_partner_input *in,
                            int languages_given);
/* An agreement with its owners, for staff over its division (403 otherwise). */
int exchange_agreement_get_staff(wy_ctx *ctx, int64_t id, exchange_agreement *out);
int exchange_agreement_change(wy_ctx *ctx, int64_t id, const exchange_agreement_input *in);
/* mass_art: -1 leaves it. */
int exchange_channel_change(wy_ctx *ctx, int64_t id, const exchange_channel_input *in);
/* channel, partner: 0 leaves them. */
int exchange_intent_change(wy_ctx *ctx, int64_t id, int64_t channel, int64_t partner,
                           const char *title, const char *reached_on);
int exchange_channel_delete(wy_ctx *ctx, int64_t id);
int exchange_intent_delete(wy_ctx *ctx, int64_t id);

/* `wenyun demo`: 玉溪市's plan calendar (demo_calendar.c), written by its demo admin and
 * approved by its demo reviewer; idempotent. */
int exchange_demo_calendar(wy_ctx *ctx, const char *admin_phone, const char *reviewer_phone);

#endif
