/*
 * circles: the 15-minute cultural life circle (文化生活圈) for the running server. The walking
 * network of the city (circle.osm_file) is loaded once at start and kept read-only; each
 * analysis takes the venues of the database inside the network's area (and, with
 * circle.osm_pois, the extract's own POIs), the demand points (circle.population_file, or the
 * network's nodes), and runs src/geo/circle.c.
 *
 * Coverage reports (no siting) are cached per (division, rule, minutes, demand source), with
 * the fingerprint of the venues inside the network's area (their count, latest change and
 * highest id: store_venue_fingerprint) taken on every request: a venue added or changed on any
 * app server makes the next request compute the report again. circle.cache_ttl_s bounds the age
 * of a report as a fallback; circle.cache_entries bounds how many are kept (least recently used
 * go first). A cached report is served without touching the analysis lock.
 *
 * Analyses run one at a time per process (a CPU-bound run beside another helps no one). A
 * request never waits for that lock: when a report must be computed and another analysis is
 * running, the answer is E_UNAVAILABLE busy with a Retry-After at once (a stale report whose
 * venues have not changed is served instead when there is one); when the lock is free the
 * request computes the report itself (a fraction of a second on a city's network). A periodic
 * job keeps the default report (the one /circles shows first) computed.
 *
 * Siting (where new venues would cover the most people) is planners' work (PERM_CIRCLES_PLAN)
 * and runs as a queued job (src/domain/jobs.c, kind "circle_siting"): a request queues it and
 * gets its id; the worker takes the analysis lock, waiting for it (it is no request), reports
 * its progress, and stores the report with its sites as the job's result.
 */
#ifndef WY_CIRCLES_H
#define WY_CIRCLES_H

#include <jansson.h>

#include "core/domain.h"
#include "geo/circle.h"

int circles_init(const wy_config *cfg, char *err, size_t errlen);
void circles_free(void);
/* Is a walking network loaded? Only then does this process run the circle jobs (others leave
 * them to servers that have one). */
int circles_ready(void);
/* The periodic job: the default report (the first one /circles shows) stays computed. */
int circles_refresh_default(wy_ctx *ctx);
/* The queued job of kind CIRCLES_SITING_KIND: a siting run. */
#define CIRCLES_SITING_KIND "circle_siting"
int circles_siting_job(wy_ctx *ctx, const job_row *job, char **result);

typedef struct circles_request {
    const char *division; /* restrict the report to points of this subtree (when they carry one) */
    const char *rule;     /* NULL: circle.rule */
    double minutes;       /* 0: circle.minutes */
    int site_k;           /* siting jobs: the number of new sites (1 .. circle.siting_max_k) */
} circles_request;

/* A coverage report, held until circles_release. */
typedef struct circles_view circles_view;

/* The coverage report for rq (site_k must be 0): from the cache, or computed now when no other
 * analysis runs (E_UNAVAILABLE busy otherwise). *how is "hit", "miss" or "stale". */
int circles_get(wy_ctx *ctx, const circles_request *rq, circles_view **out, const char **how);
const circle_report *circles_view_report(const circles_view *v);
/* The report as JSON text (with every demand point when with_points), with the network's file
 * and the attribution; the text without points is kept with the report. NULL when out of
 * memory. The text lives until circles_release (points: in ctx->a). */
const char *circles_view_json(wy_ctx *ctx, circles_view *v, int with_points, size_t *len);
void circles_release(circles_view *v);
/* The walking network (read-only), or NULL without one. */
const geo_graph *circles_graph(void);

/* Queue a siting job for rq (PERM_CIRCLES_PLAN over rq->division, or anywhere when it has
 * none); E_UNAVAILABLE queue_full when circle.siting_queue_max jobs are queued or running. */
int circles_siting_submit(wy_ctx *ctx, const circles_request *rq, int64_t *id);
/* A siting job, for its creator or a holder of PERM_CIRCLES_PLAN over its division (E_NOTFOUND
 * for anyone else); *ahead: queued jobs before it. */
int circles_siting_get(wy_ctx *ctx, int64_t id, job_row *out, int64_t *ahead);

#endif
