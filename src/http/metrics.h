/*
 * metrics: counters for /metrics in the Prometheus text format: requests by route and
 * status, a latency histogram by route, requests in flight, and the store's statistics.
 */
#ifndef WY_METRICS_H
#define WY_METRICS_H

#include <stdint.h>

#include "core/store.h"
#include "util/strbuf.h"

typedef struct metrics metrics;

metrics *metrics_new(int nroutes);
void metrics_free(metrics *m);
/* route is an index into the route table, or -1 for requests no route took. */
void metrics_observe(metrics *m, int route, int status, int64_t duration_us);
void metrics_inflight(metrics *m, int delta);
int64_t metrics_inflight_now(metrics *m);
/* Write the exposition; route_name(i) labels route i. */
int metrics_render(metrics *m, strbuf *out, const char *(*route_name)(int i, char *buf, size_t n),
                   store *st, int64_t uptime_ms);

#endif
