/*
 * activity_store: the store interface of the exchange activities (store_activities.c).
 * Conventions as in core/store.h. A figure that was never given is -1 here and NULL in SQL.
 */
#ifndef WY_EXCHANGE_ACTIVITY_STORE_H
#define WY_EXCHANGE_ACTIVITY_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct exchange_stop {
    int64_t id;
    int seq;
    const char *place, *city, *country, *starts_on, *ends_on;
    int64_t shows, audience;
    int located;     /* the stop has coordinates: lat and lon (degrees, WGS 84) */
    double lat, lon; /* NAN in a located stop: a coordinate missing (refused) */
} exchange_stop;

typedef struct exchange_activity {
    int64_t id;
    const char *division;
    const char *title, *title_en, *summary, *summary_en;
    const char *kind, *scope;
    int64_t channel_id; /* 0: none */
    const char *channel_name;
    const char *starts_on, *ends_on;
    int64_t ends_at; /* the end of ends_on (local midnight after it), ms */
    int64_t participants, audience, media_reports, online_reach, new_followers; /* -1: none */
    int64_t figures_at; /* 0: no participant number yet */
    const char *status;
    int64_t author, created_at, updated_at, published_at;
} exchange_activity;

/* An activity's partner, named. */
typedef struct exchange_activity_partner {
    int64_t activity_id, partner_id;
    const char *name, *name_en, *country;
} exchange_activity_partner;

int store_exchange_activity_create(db *c, const exchange_activity *a, int64_t now, int64_t *id);
int store_exchange_activity_add_partner(db *c, int64_t activity, int64_t partner);
int store_exchange_activity_add_stop(db *c, int64_t activity, const exchange_stop *s);
int store_exchange_activity_get(db *c, arena *a, int64_t id, exchange_activity *out);
int store_exchange_activity_set_status(db *c, int64_t id, const char *status, int64_t now);
/* The figures that are >= 0 replace the recorded ones; figures_at is set when participants
 * are given for the first time. */
int store_exchange_activity_set_figures(db *c, int64_t id, int64_t participants, int64_t audience,
                                        int64_t media_reports, int64_t online_reach,
                                        int64_t new_followers, int64_t now);
/* The public query: published activities of the subtree, newest first (id < before when
 * before > 0); q (NULL: any) inside the title, English title, summary or English summary
 * (the trigram index of sql/0047 for three characters or more, a scan below that);
 * partner (0: any) among its partners; kind (NULL: any). */
int store_exchange_activity_search(db *c, arena *a, const char *prefix, const char *q,
                                   int64_t partner, const char *kind, int64_t before, int limit,
                                   exchange_activity **out, size_t *n);
/* The partners and stops of these activities, by activity then name or seq. */
int store_exchange_activity_partners(db *c, arena *a, const int64_t *ids, size_t n,
                                     exchange_activity_partner **out, size_t *nout);
int store_exchange_activity_stops(db *c, arena *a, const int64_t *ids, size_t n,
                                  int64_t **activity_of, exchange_stop **out, size_t *nout);

/* Indicators: published activities of the subtree of a kind (and scope, NULL: any) that ended
 * before the date to; of all activities (any status) that ended in [from, to), how many and
 * how many had their participant number recorded by end + grace_ms; the sums of new followers
 * and participants of published activities that ended in [from, to) with both. */
int store_exchange_count_activities(db *c, arena *a, const char *prefix, const char *kind,
                                    const char *scope, const char *to, int64_t *n);
int store_exchange_recorded(db *c, arena *a, const char *prefix, const char *from, const char *to,
                            int64_t grace_ms, int64_t *ended, int64_t *recorded);
int store_exchange_followers(db *c, arena *a, const char *prefix, const char *from, const char *to,
                             int64_t *followers, int64_t *participants);

#endif
