/*
 * market: culture markets (文化市集). An organiser (markets_manage over the market's division)
 * writes a market event: its dates, its site (a venue, or a place with an address and a
 * location), the window for applications, the confirmation deadline, fees and deposits in
 * fen, the rubric its panel scores on, the categories with their quotas, the stall plan and
 * the rules its stalls are assigned under. It is published through review (content type
 * "market"): nobody approves their own work.
 *
 * Stall-holders apply while the window is open (a draft, then submitted: a food stall needs
 * its food-business licence attached). The panel, every holder of markets_review over the
 * market's division, scores each submitted application on the rubric; a reviewer never
 * scores an application of their own account or with their own number, and a score is final.
 * Once the window has closed and each application has min_reviews scores, the organiser
 * decides: in each category the applications are ranked by their mean score
 * (market_rules.h), the first `quota` passing ones are accepted (正取), the other passing ones
 * go to the reserve list in order (备取), the rest are declined. A tie at a category's quota
 * line is broken by the core's verifiable lottery (market_ties.c): the organiser opens the
 * market's tie lottery, commits it and draws it, and the draw makes the decision with the
 * draw's order (market_decide refuses with tie_at_cutoff while there is a tie).
 *
 * Accepted stall-holders confirm before their deadline; one who withdraws, or lapses
 * unconfirmed (market_sweep), frees a place, and the category's reserve list is promoted in
 * order through the seat inventory (core/seats_store.h, seats_promote: a promoted reserve
 * has confirm_hours to confirm). Stalls are proposed under the organiser's rules
 * (market_assign.c), adjusted by hand (a move that breaks a rule of the stall itself is
 * refused, one that puts two of a category side by side is warned of), and published as a
 * stall map with a public list of stall-holders. On the day the organiser checks stall-holders
 * in; a check-in after the start and late_minutes is late, and confirmed stall-holders not
 * checked in by the end are no-shows. A person's lateness and no-shows at earlier markets are
 * shown to the panel of the next.
 */
#ifndef WY_MARKET_H
#define WY_MARKET_H

#include "core/attachment.h"
#include "core/authz.h"
#include "core/lottery_record.h"
#include "core/domain.h"
#include "core/review.h"
#include "mod/markets/market_rules.h"
#include "mod/markets/market_store.h"

/* The "market" review type (the module registers it: mod/markets/module.c). */
extern const review_type market_review_type;

#define MARKET_MAX_STALLS 500
#define MARKET_MAX_PHOTOS 6

/* ---- markets ---- */
typedef struct market_view {
    market m;
    market_category *cats;
    size_t ncats;
    market_stall *stalls;
    size_t nstalls;
    market_criterion rubric[MARKET_RUBRIC_MAX];
    size_t nrubric;
    const char *division_name;
    const char *venue_name; /* NULL: none */
    int manage;             /* the caller organises it */
    int review;             /* the caller is on its panel */
} market_view;

/* Does who organise markets of this division / sit on their panel? */
int market_manages(const principal *who, const market *m);
int market_on_panel(const principal *who, const market *m);
/* Create a draft (m->rubric NULL: the default rubric; m->venue_id set: the division, address
 * and place are the venue's unless given). cats: the categories offered with their quotas. */
int market_create(wy_ctx *ctx, market *m, const market_category *cats, size_t ncats, int64_t *id);
/* Change a market: m is the whole record as the caller read and changed it. A draft or a
 * rejected market takes any change (cats non-NULL replaces the categories); a published or
 * pending one only its window's close, the confirmation deadline and its rules of
 * assignment, before its decision (bad_state otherwise). */
int market_update(wy_ctx *ctx, market *m, const market_category *cats, size_t ncats);
int market_submit(wy_ctx *ctx, int64_t id, const char **status);
/* A published market is public; others are seen by their organisers and panel. */
int market_get(wy_ctx *ctx, int64_t id, market_view *out);
/* Markets of a subtree, newest first: with PERM_PUBLIC the published ones; with
 * PERM_MARKETS_MANAGE every market of the caller's subtree for it (the organiser's list); with
 * PERM_MARKETS_REVIEW the published ones of the caller's subtree for it (the panel's). */
int market_list(wy_ctx *ctx, const char *division, perm p, int64_t before, int limit, market **out,
                size_t *n);
/* Replace the stall plan (before any stall is assigned). */
int market_set_stalls(wy_ctx *ctx, int64_t id, const market_stall *s, size_t n);

/* ---- applications ---- */
/* Apply: a draft of ctx->who's in the open window of a published market (contact_phone NULL:
 * the account's number). */
int market_apply(wy_ctx *ctx, int64_t market_id, market_application *in, int64_t *id);
/* Attach a photo ("photo") or the food-business licence ("licence") to one's own draft. */
int market_app_attach(wy_ctx *ctx, int64_t app_id, const char *kind, const attachment_file *f,
                      attachment *out);
int market_app_submit(wy_ctx *ctx, int64_t app_id);
/* The applicant withdraws (before the market starts); a place it held goes to the reserve
 * list, in order. */
int market_app_withdraw(wy_ctx *ctx, int64_t app_id);
/* The applicant confirms an accepted place before its deadline. */
int market_app_confirm(wy_ctx *ctx, int64_t app_id);

typedef struct market_app_view {
    market_application a;
    market m;
    market_record record; /* at markets that ended before this one started */
    attachment *photos;
    size_t nphotos;
    attachment *licences;
    size_t nlicences;
    market_score *scores; /* the organiser's and the owner's view only once decided */
    size_t nscores;
    int own;       /* the caller applied */
    int manage;    /* the caller organises the market: contact shown */
    int may_score; /* the caller may score it now */
    int scored;    /* the caller has scored it */
    int excluded;  /* the caller is on the panel but may never score it (own) */
} market_app_view;

/* An application, for its applicant, the market's organisers and its panel (the panel sees
 * no contact). */
int market_app_get(wy_ctx *ctx, int64_t app_id, market_app_view *out);
/* A file of an application, for those who may see the application. */
int market_file_get(wy_ctx *ctx, int64_t file_id, attachment *out, const char **data, size_t *len);
/* The caller's applications, newest first. */
int market_my_apps(wy_ctx *ctx, int64_t before, int limit, market_application **out, size_t *n);

typedef struct market_app_row {
    market_application a;
    market_record record;
    int scored;   /* the caller has scored it */
    int excluded; /* the caller may never score it */
} market_app_row;

/* The organiser's list (every application but drafts, with contacts: the read is written to
 * the audit log) or, with panel 1, the panel's (submitted and decided ones, without contacts,
 * with the caller's own exclusions and scores). status/category filter (NULL: any). */
int market_apps_list(wy_ctx *ctx, int64_t market_id, int panel, const char *status,
                     const char *category, market_app_row **out, size_t *n);
/* Score an application on the market's rubric (points: a JSON object's text). Final. */
int market_score_add(wy_ctx *ctx, int64_t app_id, const char *points, const char *comment);

/* ---- ranking, the tie at the line, the decision ---- */
typedef struct market_ranking {
    market_category cat;
    market_candidate *ranked; /* by market_rank (a tie at the line in draw order if given) */
    size_t n;
    size_t unscored; /* submitted applications with fewer than min_reviews scores */
    int tie;         /* a tie straddles the quota line */
    market_tie t;
    market_verdict *verdict; /* what the decision would give (valid when !tie && !unscored) */
    int *position;
} market_ranking;

/* Each category's ranking as the decision would make it (the organisers'). */
int market_rank_all(wy_ctx *ctx, int64_t market_id, market_ranking **out, size_t *n);

/* The hand-off to the verifiable lottery: for each category whose quota line falls inside a
 * group of equal mean scores, the tied applications' pseudonymous ids (sorted) and the places
 * of the quota left for them. The draw orders the group; the first places_left of its order
 * are accepted, the rest go to the reserve list in that order, ahead of those ranked lower. */
typedef struct market_cutoff {
    const char *category;
    int places_left;
    const char **pseudonyms;
    size_t n;
} market_cutoff;
int market_cutoff_ties(wy_ctx *ctx, int64_t market_id, market_cutoff **out, size_t *n);

typedef struct market_decision {
    int accepted, reserve, declined;
} market_decision;

/* Decide once the window has closed and every submitted application has its scores: the
 * accepted, reserve and declined lists of every category, each applicant told their verdict.
 * A tie at a quota line is refused (E_RULE tie_at_cutoff): its order comes from the market's
 * tie lottery, whose draw decides the market (market_tie_lottery). */
int market_decide(wy_ctx *ctx, int64_t market_id, market_decision *out);

/* ---- the tie lottery (market_ties.c) ---- */
/* The kind of the core's store of draws whose owner is a market (the module registers it). */
#define MARKET_CUTOFF_KIND "market_cutoff"
extern const lottery_kind market_cutoff_kind;
/* Open the market's tie lottery (or find the one it has): the organisers', once the window
 * has closed, every application is scored and a tie blocks the decision (422 no_tie
 * otherwise). It is committed and drawn through /api/v1/lotteries; the draw decides. */
int market_tie_lottery(wy_ctx *ctx, int64_t market_id, lottery_row *out);
/* The market's tie lottery: 1 with *out, 0 when it has none, -1 on a store error. */
int market_tie_lottery_of(wy_ctx *ctx, int64_t market_id, lottery_row *out);
/* -1 with 409 draw_pending while the market's tie lottery is committed and not drawn yet (a
 * score, a withdrawal of a submitted application, a new close of the window would move a
 * line the draw is committed to); else 0. */
int market_draw_pending(wy_ctx *ctx, int64_t market_id);

/* Inside the module: a draw's order of one category's tied group (its pseudonyms, best
 * first), and the decision with them, inside the caller's transaction (the draw's). */
typedef struct market_tie_order {
    const char *category;
    const char *const *order;
    size_t n;
} market_tie_order;
int market_decide_drawn(wy_ctx *ctx, int64_t market_id, const market_tie_order *orders,
                        size_t norders, market_decision *out);
/* Lapse the accepted who did not confirm in time, promote reserves in order, remind the
 * stall-holders the day before (once each), and once the market is over mark the no-shows.
 * *changed: how many applications it moved. */
int market_sweep(wy_ctx *ctx, int64_t market_id, int *changed);
/* The periodic job: market_sweep over every market still in play. */
int market_job_sweep(wy_ctx *ctx);

/* ---- stalls ---- */
typedef struct market_assignment {
    market_application *holders; /* accepted and confirmed, in order of priority */
    size_t nh;
    market_slot *slots; /* the plan */
    market_stall *stalls;
    size_t ns;
    long *at; /* per holder: index into stalls, -1 none */
    market_problem *problems;
    size_t nproblems;
} market_assignment;

/* The stall-holders with their stalls now, and every rule the assignment breaks. */
int market_assignment_get(wy_ctx *ctx, int64_t market_id, market_assignment *out);
/* Propose the assignment under the market's rules and save it (the map is unpublished until
 * published again); *out says what it could not keep. */
int market_assign_stalls(wy_ctx *ctx, int64_t market_id, market_assignment *out);
/* Move one stall-holder to the stall numbered number (by hand). A stall taken is refused
 * (stall_taken), and so is a stall that breaks a rule by itself (food without water and
 * power, a need of the holder's) unless the organiser has turned that rule off; what it puts
 * side by side with its own category comes back as warnings in *warnings. */
int market_move_stall(wy_ctx *ctx, int64_t app_id, const char *number, market_problem **warnings,
                      size_t *nwarnings, market_assignment *after);
/* Publish (publish 1) or withdraw the stall map and the public list of stall-holders. */
int market_publish_map(wy_ctx *ctx, int64_t market_id, int publish);

/* The public list of stall-holders (published maps only): stall number, stall name and
 * category of each confirmed or accepted holder with a stall. */
int market_holders_public(wy_ctx *ctx, int64_t market_id, market_assignment *out);

/* ---- the day ---- */
/* Check a stall-holder in (the organiser; from three hours before the start to the end);
 * *late says whether it was after the start and late_minutes. */
int market_checkin(wy_ctx *ctx, int64_t app_id, int *late);

/* Inside the module: lapse the accepted of m who have not confirmed in time and promote the
 * reserves in their place, inside the caller's transaction (market_sweep calls it). */
int market_lapse_unconfirmed(wy_ctx *ctx, const market *m, int *changed);

/* ---- notifications (market_notify.c) ---- */
/* What the stall-holders are told, in the transaction of the change: the verdict (accepted,
 * reserve with its position, declined), a reserve promoted to a place, an acceptance that
 * lapsed, their stall once the map is published, and the day-before reminder. All but the
 * stall may not repeat (once per person and application). */
extern const notify_kind market_kind_accepted, market_kind_reserve, market_kind_declined,
    market_kind_promoted, market_kind_lapsed, market_kind_stall, market_kind_reminder;
/* Tell the applicant of a about m (kind: one of the above); stall: its number or NULL. */
int market_tell(wy_ctx *ctx, const notify_kind *kind, const market *m, const market_application *a,
                const char *stall);

/* `wenyun demo`: the module's demonstration data (mod/module.h). */
int markets_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
