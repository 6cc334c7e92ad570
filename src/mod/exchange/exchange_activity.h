/*
 * exchange_activity: the rules of exchange activities (docs/exchange.md): what one holds, who
 * writes it (indicators_manage over its division), publication through the review chain as
 * content type exchange_activity (nobody decides their own: core/review.h), the figures
 * recorded afterwards, and the public query of published activities. An activity holds no
 * personal data: its figures are counts, its partners are cities and organisations.
 */
#ifndef WY_EXCHANGE_ACTIVITY_H
#define WY_EXCHANGE_ACTIVITY_H

#include "core/domain.h"
#include "core/review.h"
#include "mod/exchange/activity_store.h"

#define EXCHANGE_MAX_STOPS    100
#define EXCHANGE_MAX_PARTNERS 20

extern const review_type exchange_activity_review_type;

/* What a writer gives. Figures: -1 when not given. channel_id 0: none. */
typedef struct exchange_activity_input {
    const char *division, *title, *title_en, *summary, *summary_en, *kind, *scope;
    int64_t channel_id;
    const char *starts_on, *ends_on;
    int64_t participants, audience, media_reports, online_reach, new_followers;
    const int64_t *partners;
    size_t npartners;
    const exchange_stop *stops; /* seq is given by the order */
    size_t nstops;
} exchange_activity_input;

/* Is kind one of the activities' kinds? */
int exchange_activity_kind_valid(const char *kind);

/* The checks of an activity as written (create and change); the end of a valid date's day
 * (local midnight after it, +08:00) in ms. */
int exchange_activity_check(wy_ctx *ctx, const exchange_activity_input *in);
int64_t exchange_end_of_day(const char *date);

int exchange_activity_create(wy_ctx *ctx, const exchange_activity_input *in, int64_t *id);
int exchange_activity_submit(wy_ctx *ctx, int64_t id, const char **status);
/* Record the figures (those >= 0) of an activity in any state. */
int exchange_activity_set_figures(wy_ctx *ctx, int64_t id, int64_t participants, int64_t audience,
                                  int64_t media_reports, int64_t online_reach,
                                  int64_t new_followers);

/* An activity with its partners and stops: published ones for anyone, others for staff over
 * its division (writers and reviewers) and its author; 404 for everyone else. */
typedef struct exchange_activity_full {
    exchange_activity a;
    exchange_activity_partner *partners;
    size_t npartners;
    exchange_stop *stops;
    size_t nstops;
} exchange_activity_full;

int exchange_activity_get(wy_ctx *ctx, int64_t id, exchange_activity_full *out);
/* The public query: published activities, newest first, with partners and stops. q: text
 * inside the Chinese or English title or summary (at most 100 characters); partner: a
 * partner's id (0: any); kind: one of the kinds (NULL or "": any). */
int exchange_activity_search(wy_ctx *ctx, const char *division, const char *q, int64_t partner,
                             const char *kind, int64_t before, int limit,
                             exchange_activity_full **out, size_t *n);

/* Indicators (exchange_indicators.c). */
int exchange_ind_tours_international(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                     double *out);
int exchange_ind_tours_domestic(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                double *out);
int exchange_ind_festivals(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                           double *out);
int exchange_ind_expos(wy_ctx *ctx, const char *division, int64_t from, int64_t to, double *out);
int exchange_ind_system_use(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                            double *out);
int exchange_ind_followers(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                           double *out);

/* A stop's coordinates in JSON (the API's and a kept revision's): the lat and lon members of o
 * read into s (numbers, or null or absent for none: one given is the stop located, a member
 * missing or not a number NAN, which the rules refuse, bad_coordinates); and one of them as it
 * is answered, a number or null. */
struct json_t;
void exchange_stop_coordinates(struct json_t *o, exchange_stop *s);
struct json_t *exchange_stop_coordinate(const exchange_stop *s, double v);

#endif
