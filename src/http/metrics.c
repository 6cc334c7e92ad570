/*
 * metrics: a fixed table of counters, one row per route (plus one for unmatched requests),
 * one column per status class and a histogram per row; a mutex guards it (an increment under
 * an uncontended mutex costs tens of nanoseconds, far below a request).
 */
#include "http/metrics.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static const double buckets_s[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                   0.05,   0.1,   0.25,   0.5,   1,    2.5};
#define NBUCKETS (sizeof(buckets_s) / sizeof(buckets_s[0]))
#define NSTATUS  600

typedef struct row {
    uint64_t by_status[NSTATUS];
    uint64_t hist[NBUCKETS];
    uint64_t count;
    double sum_s;
} row;

struct metrics {
    pthread_mutex_t mu;
    int nroutes;
    row *rows; /* nroutes + 1; the last is "unmatched" */
    int64_t inflight;
};

metrics *metrics_new(int nroutes)
{
    metrics *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->rows = calloc((size_t)nroutes + 1, sizeof(row));
    if (!m->rows) {
        free(m);
        return NULL;
    }
    m->nroutes = nroutes;
    pthread_mutex_init(&m->mu, NULL);
    return m;
}

void metrics_free(metrics *m)
{
    if (!m)
        return;
    pthread_mutex_destroy(&m->mu);
    free(m->rows);
    free(m);
}

void metrics_observe(metrics *m, int route, int status, int64_t duration_us)
{
    if (route < 0 || route >= m->nroutes)
        route = m->nroutes;
    if (status < 100 || status >= NSTATUS)
        status = 500;
    double s = (double)duration_us / 1e6;
    pthread_mutex_lock(&m->mu);
    row *r = &m->rows[route];
    r->by_status[status]++;
    r->count++;
    r->sum_s += s;
    for (size_t i = 0; i < NBUCKETS; i++)
        if (s <= buckets_s[i])
            r->hist[i]++;
    pthread_mutex_unlock(&m->mu);
}

void metrics_inflight(metrics *m, int delta)
{
    pthread_mutex_lock(&m->mu);
    m->inflight += delta;
    pthread_mutex_unlock(&m->mu);
}

int64_t metrics_inflight_now(metrics *m)
{
    pthread_mutex_lock(&m->mu);
    int64_t v = m->inflight;
    pthread_mutex_unlock(&m->mu);
    return v;
}

int metrics_render(metrics *m, strbuf *o, const char *(*route_name)(int i, char *buf, size_t n),
                   store *st, int64_t uptime_ms)
{
    char name[256];
    pthread_mutex_lock(&m->mu);
    sb_adds(o, "# HELP wenyun_http_requests_total HTTP requests answered, by route and status.\n"
               "# TYPE wenyun_http_requests_total counter\n");
    for (int i = 0; i <= m->nroutes; i++) {
        const char *rn = i < m->nroutes ? route_name(i, name, sizeof(name)) : "unmatched";
        for (int s = 100; s < NSTATUS; s++)
            if (m->rows[i].by_status[s])
                sb_addf(o, "wenyun_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n", rn, s,
                        (unsigned long long)m->rows[i].by_status[s]);
    }
    sb_adds(o, "# HELP wenyun_http_request_duration_seconds Time from the request's first byte "
               "to its answer, by route.\n"
               "# TYPE wenyun_http_request_duration_seconds histogram\n");
    for (int i = 0; i <= m->nroutes; i++) {
        row *r = &m->rows[i];
        if (!r->count)
            continue;
        const char *rn = i < m->nroutes ? route_name(i, name, sizeof(name)) : "unmatched";
        for (size_t b = 0; b < NBUCKETS; b++)
            sb_addf(o, "wenyun_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                    rn, buckets_s[b], (unsigned long long)r->hist[b]);
        sb_addf(o,
                "wenyun_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                "wenyun_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                "wenyun_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                rn, (unsigned long long)r->count, rn, r->sum_s, rn, (unsigned long long)r->count);
    }
    sb_addf(o,
            "# HELP wenyun_http_requests_in_flight Requests being handled now.\n"
            "# TYPE wenyun_http_requests_in_flight gauge\n"
            "wenyun_http_requests_in_flight %lld\n",
            (long long)m->inflight);
    pthread_mutex_unlock(&m->mu);
    /* the database pools, labelled: "primary", and "replica" when one is configured */
    store_stats pools[2];
    store_stats_get(st, &pools[0]);
    store_stats_replica(st, &pools[1]);
    static const char *const names[] = {"primary", "replica"};
    int npools = pools[1].pool_size ? 2 : 1;
    static const struct {
        const char *name, *type, *help;
    } series[] = {
        {"wenyun_db_pool_connections", "gauge", "Database connections in the pool."},
        {"wenyun_db_pool_in_use", "gauge", "Database connections lent out now."},
        {"wenyun_db_pool_waits_total", "counter", "Times a request waited for a connection."},
        {"wenyun_db_statements_total", "counter", "SQL statements run."},
        {"wenyun_db_errors_total", "counter", "SQL statements that failed (constraints included)."},
        {"wenyun_db_retries_total", "counter", "Statements that found the database busy."},
    };
    for (size_t k = 0; k < sizeof(series) / sizeof(series[0]); k++) {
        sb_addf(o, "# HELP %s %s\n# TYPE %s %s\n", series[k].name, series[k].help, series[k].name,
                series[k].type);
        for (int i = 0; i < npools; i++) {
            const store_stats *ss = &pools[i];
            unsigned long long v = k == 0   ? (unsigned long long)ss->pool_size
                                   : k == 1 ? (unsigned long long)ss->pool_in_use
                                   : k == 2 ? ss->waits
                                   : k == 3 ? ss->statements
                                   : k == 4 ? ss->errors
                                            : ss->retries;
            sb_addf(o, "%s{pool=\"%s\"} %llu\n", series[k].name, names[i], v);
        }
    }
    return sb_addf(o,
                   "# HELP wenyun_uptime_seconds Seconds since the server started.\n"
                   "# TYPE wenyun_uptime_seconds gauge\n"
                   "wenyun_uptime_seconds %lld\n",
                   (long long)(uptime_ms / 1000));
}
