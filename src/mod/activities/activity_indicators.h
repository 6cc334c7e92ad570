/*
 * activity_indicators: the indicators the activities module computes from its sessions and
 * bookings (mod/module.h, wy_indicator), over the published activities of a division's
 * subtree and a period [from, to), and the records behind each. docs/indicators-computed.md
 * gives each one's definition and query; each compute is one aggregate statement
 * (store_act_tally).
 */
#ifndef WY_ACTIVITY_INDICATORS_H
#define WY_ACTIVITY_INDICATORS_H

#include "mod/activities/activity_store.h"
#include "core/indicator.h"

/* The activity categories of art popularisation (艺术普及: knowledge, appreciation, talent shows,
 * exhibitions of works): lecture (knowledge), performance and film (appreciation), festival
 * (talent shows and festivals), exhibition (exhibitions of works). Reading, training, heritage
 * and other are counted elsewhere or not at all. */
#define ACTIVITY_ART_POPULARISATION "lecture|performance|film|festival|exhibition"

/* activities.sessions: scheduled (not cancelled) sessions of published activities starting in
 * the period; timed entry slots (category timed_entry) are visits, not sessions held, and are
 * left out. Records: the sessions. */
int activity_indicator_sessions(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                double *out);
int activity_indicator_sessions_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                        int64_t to_ms, int64_t after, int limit, wy_record **out,
                                        size_t *n);
/* activities.people_served: people checked in during the period: the seats of the checked-in
 * bookings (a booking's seats are the person and the companions who came with them), timed
 * entry visits included. Records: the bookings, value their seats. */
int activity_indicator_people_served(wy_ctx *ctx, const char *division, int64_t from_ms,
                                     int64_t to_ms, double *out);
int activity_indicator_people_served_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                             int64_t to_ms, int64_t after, int limit,
                                             wy_record **out, size_t *n);
/* activities.art_popularisation: published activities of the ACTIVITY_ART_POPULARISATION
 * categories with at least one session held in the period (an activity of many sessions
 * counts once). Records: the activities. */
int activity_indicator_art_popularisation(wy_ctx *ctx, const char *division, int64_t from_ms,
                                          int64_t to_ms, double *out);
int activity_indicator_art_popularisation_records(wy_ctx *ctx, const char *division,
                                                  int64_t from_ms, int64_t to_ms, int64_t after,
                                                  int limit, wy_record **out, size_t *n);
/* occupancy.sessions: 100 × checked-in seats / capacity of the sessions of
 * activities.sessions that have ended (by ctx->now): sessions still to come would count as
 * empty. NAN when none has ended. Records: those sessions, value their checked-in seats. */
int activity_indicator_occupancy(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                                 double *out);
int activity_indicator_occupancy_records(wy_ctx *ctx, const char *division, int64_t from_ms,
                                         int64_t to_ms, int64_t after, int limit, wy_record **out,
                                         size_t *n);

#endif
