/*
 * circles: the 15-minute cultural life circle (文化生活圈) for the running server. The walking
 * network of the city (circle.osm_file) is loaded once at start and kept read-only; each
 * analysis takes the venues of the database inside the network's area (and, with
 * circle.osm_pois, the extract's own POIs), the demand points (circle.population_file, or the
 * network's nodes), and runs src/geo/circle.c. Analyses run one at a time: each takes a
 * fraction of a second, and a queue is fairer to a crowd than parallel CPU-bound runs.
 */
#ifndef WY_CIRCLES_H
#define WY_CIRCLES_H

#include <jansson.h>

#include "domain/domain.h"
#include "geo/circle.h"

int circles_init(const wy_config *cfg, char *err, size_t errlen);
void circles_free(void);
int circles_available(void);

typedef struct circles_request {
    const char *division; /* restrict the report to points of this subtree (when they carry one) */
    const char *rule;     /* NULL: circle.rule */
    double minutes;       /* 0: circle.minutes */
    int site_k;           /* 0: no siting */
    int with_points;
} circles_request;

/* Run the analysis; *out is the report as JSON (the caller owns it). */
int circles_report(wy_ctx *ctx, const circles_request *rq, json_t **out);

/* Run and hand the report itself to draw (free it with circle_report_free); *g is the
 * network (read-only, owned by this module). */
int circles_run(wy_ctx *ctx, const circles_request *rq, circle_report *out, const geo_graph **g);

#endif
