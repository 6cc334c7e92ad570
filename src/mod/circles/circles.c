/* circles: see circles.h. */
#include "mod/circles/circles.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "core/jobs.h"
#include "geo/osm.h"
#include "util/log.h"
#include "util/timeutil.h"
#include "mod/venues/venue_store.h"

static struct {
    int ready;
    osm_network net;
    geo_graph g;
    arena strings; /* POI venue strings and demand point strings */
    circle_venue *osm_venues;
    size_t n_osm_venues;
    circle_point *points;
    size_t n_points;
    double min_lon, min_lat, max_lon, max_lat;
    const wy_config *cfg;
    pthread_mutex_t run; /* one analysis at a time */
    char demand[64];     /* the demand source, as the cache key names it */
    pthread_mutex_t cache_mu;
    circles_view *cache; /* most recently used first */
    size_t ncache;
} C = {.run = PTHREAD_MUTEX_INITIALIZER, .cache_mu = PTHREAD_MUTEX_INITIALIZER};

/* A cached coverage report. refs: one for the cache's list while listed, one per holder. */
struct circles_view {
    circles_view *next;
    char key[256];
    int64_t v_count, v_updated, v_max_id; /* the venues' fingerprint it was computed with */
    int64_t made_ms;                      /* monotonic */
    int refs, listed;
    circle_report rep;
    pthread_mutex_t mu; /* json */
    char *json;
    size_t json_len;
};

int circles_init(const wy_config *cfg, char *err, size_t errlen)
{
    C.cfg = cfg;
    if (!cfg->circle_osm_file[0])
        return 0;
    arena_init(&C.strings, 0);
    osm_options opt = {.max_nodes = (size_t)cfg->circle_osm_max_nodes,
                       .max_bytes = (size_t)cfg->circle_osm_max_bytes};
    if (osm_load(cfg->circle_osm_file, &opt, &C.net, err, errlen) < 0 ||
        geo_graph_from_osm(&C.g, &C.net, err, errlen) < 0) {
        circles_free();
        return -1;
    }
    if (cfg->circle_osm_pois &&
        circle_venues_from_osm(&C.net, &C.strings, &C.osm_venues, &C.n_osm_venues) < 0) {
        snprintf(err, errlen, "out of memory reading the POIs of %s", cfg->circle_osm_file);
        circles_free();
        return -1;
    }
    if (cfg->circle_population[0] && circle_points_load(cfg->circle_population, &C.strings,
                                                        &C.points, &C.n_points, err, errlen) < 0) {
        circles_free();
        return -1;
    }
    C.min_lon = C.min_lat = INFINITY;
    C.max_lon = C.max_lat = -INFINITY;
    for (uint32_t i = 0; i < C.g.n; i++) {
        C.min_lon = fmin(C.min_lon, C.g.lon[i]);
        C.max_lon = fmax(C.max_lon, C.g.lon[i]);
        C.min_lat = fmin(C.min_lat, C.g.lat[i]);
        C.max_lat = fmax(C.max_lat, C.g.lat[i]);
    }
    snprintf(C.demand, sizeof(C.demand), "%s",
             cfg->circle_population[0] ? "population file" : "network nodes");
    C.ready = 1;
    log_info("circles: walking network of %s: %u nodes, %zu edges, %.1f km; %zu venues from "
             "its POIs",
             cfg->circle_osm_file, C.g.n, C.g.m, C.g.total_len / 1000, C.n_osm_venues);
    return 0;
}

static void view_unref_locked(circles_view *v);

void circles_free(void)
{
    pthread_mutex_lock(&C.cache_mu);
    while (C.cache) {
        circles_view *v = C.cache;
        C.cache = v->next;
        v->listed = 0;
        view_unref_locked(v);
    }
    C.ncache = 0;
    pthread_mutex_unlock(&C.cache_mu);
    geo_graph_free(&C.g);
    osm_network_free(&C.net);
    free(C.osm_venues);
    free(C.points);
    arena_free(&C.strings);
    C.osm_venues = NULL;
    C.points = NULL;
    C.n_osm_venues = C.n_points = 0;
    C.ready = 0;
}

/* The database's venues inside the network's area, then the extract's POIs. */
static int gather_venues(wy_ctx *ctx, circle_venue **out, size_t *n)
{
    venue_filter f = {.has_bbox = 1,
                      .min_lon = C.min_lon,
                      .max_lon = C.max_lon,
                      .min_lat = C.min_lat,
                      .max_lat = C.max_lat,
                      .limit = 100000};
    venue *vs;
    size_t nv;
    int rc = store_venue_list(ctx->c, ctx->a, &f, &vs, &nv);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "circle venues");
    size_t total = nv + C.n_osm_venues;
    circle_venue *cv = arena_alloc(ctx->a, (total + 1) * sizeof(*cv));
    if (!cv)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    size_t k = 0;
    for (size_t i = 0; i < nv; i++)
        if (!strcmp(vs[i].status, "open"))
            circle_venue_set(&cv[k++], vs[i].lon, vs[i].lat, vs[i].category, vs[i].name,
                             arena_sprintf(ctx->a, "venue/%lld", (long long)vs[i].id));
    /* the extract's POIs, unless imported already (external id osm:node/N): none twice */
    for (size_t i = 0; i < C.n_osm_venues; i++) {
        int dup = 0;
        for (size_t j = 0; j < nv && !dup; j++)
            dup = vs[j].external_id && !strncmp(vs[j].external_id, "osm:", 4) &&
                  C.osm_venues[i].id && !strcmp(vs[j].external_id + 4, C.osm_venues[i].id);
        if (!dup)
            cv[k++] = C.osm_venues[i];
    }
    *out = cv;
    *n = k;
    return 0;
}

const geo_graph *circles_graph(void)
{
    return C.ready ? &C.g : NULL;
}

/* ---- one analysis ---- */

typedef struct prepared {
    circle_params p;
    circle_rule_override ov[16];
    char div[DIVISION_CODE_MAX];
    char rule[96]; /* canonical */
    char key[256];
} prepared;

/* Check a request and turn it into parameters (and the cache key). */
static int prepare(wy_ctx *ctx, const circles_request *rq, prepared *pp)
{
    if (!C.ready)
        return wy_fail(
            ctx, E_UNAVAILABLE, "no_network",
            "The circle analysis needs the city's walking network: set circle.osm_file.");
    memset(pp, 0, sizeof(*pp));
    circle_params *p = &pp->p;
    circle_params_default(p);
    char err[256];
    const char *rule = rq->rule && *rq->rule ? rq->rule : C.cfg->circle_rule;
    if (circle_rule_parse(rule, &p->rule, err, sizeof(err)) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_rule",
                             "The rule is count:N[:categories] or zj[:R:F].", "rule");
    circle_rule_format(&p->rule, pp->rule, sizeof(pp->rule));
    /* rules per division subtree: "330282=zj;5104=count:4" (the longest prefix wins) */
    size_t nov = 0;
    char spec[sizeof(C.cfg->circle_rule_by_division)];
    snprintf(spec, sizeof(spec), "%s", C.cfg->circle_rule_by_division);
    for (char *sv = NULL, *tk = strtok_r(spec, ";", &sv); tk && nov < 16;
         tk = strtok_r(NULL, ";", &sv)) {
        char *eq = strchr(tk, '=');
        char code[DIVISION_CODE_MAX];
        if (!eq)
            continue;
        *eq = '\0';
        if (division_normalize(tk, code) < 0 ||
            circle_rule_parse(eq + 1, &pp->ov[nov].rule, err, sizeof(err)) < 0) {
            error("circles: ignored circle.rule_by_division entry %s", tk);
            continue;
        }
        pp->ov[nov++].division_prefix = arena_strdup(ctx->a, code);
    }
    p->overrides = pp->ov;
    p->n_overrides = nov;
    p->speed_kmh = C.cfg->circle_speed_kmh;
    p->minutes = rq->minutes ? rq->minutes : C.cfg->circle_minutes;
    if (!(p->minutes >= 1 && p->minutes <= 120)) /* NaN too */
        return wy_fail_field(ctx, E_INVALID, "bad_minutes", "minutes is 1 to 120.", "minutes");
    if (rq->site_k < 0 || rq->site_k > C.cfg->circle_siting_max_k)
        return wy_fail_field(ctx, E_INVALID, "bad_k",
                             "k, the number of new sites, is 1 to circle.siting_max_k (50).", "k");
    p->site_k = rq->site_k;
    if (rq->division && *rq->division && division_normalize(rq->division, pp->div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    snprintf(pp->key, sizeof(pp->key), "%s|%s|%.9g|%s", pp->div, pp->rule, p->minutes, C.demand);
    return 0;
}

/* Demand points of the requested subtree, when they carry divisions (else every point). */
static int select_points(wy_ctx *ctx, const prepared *pp, const circle_point **pts, size_t *np)
{
    *pts = C.points;
    *np = C.n_points;
    if (!pp->div[0] || !C.n_points)
        return 0;
    circle_point *sel = arena_alloc(ctx->a, C.n_points * sizeof(*sel));
    if (!sel)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    size_t k = 0;
    for (size_t i = 0; i < C.n_points; i++)
        if (C.points[i].division && division_contains(pp->div, C.points[i].division))
            sel[k++] = C.points[i];
    if (k == 0)
        return wy_fail_field(ctx, E_NOTFOUND, "no_points", "No demand point lies in that division.",
                             "division");
    *pts = sel;
    *np = k;
    return 0;
}

/* Run the analysis; the caller holds C.run. */
static int analyse(wy_ctx *ctx, prepared *pp, circle_report *out)
{
    circle_venue *cv = NULL;
    size_t nv = 0, np;
    const circle_point *pts;
    if (gather_venues(ctx, &cv, &nv) < 0 || select_points(ctx, pp, &pts, &np) < 0)
        return -1;
    if (check_mem(ctx) < 0) /* the rules' prefixes, the venues' ids: all there, or no run */
        return -1;
    char err[256];
    if (circle_run(&pp->p, &C.g, cv, nv, np ? pts : NULL, np, out, err, sizeof(err)) < 0) {
        error("circles: %s", err);
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    return 0;
}

/* The report as the API gives it. */
static json_t *report_json(const circle_report *r, int with_points)
{
    json_t *o = circle_report_json(r, with_points);
    if (!o)
        return NULL;
    json_object_set_new(o, "network_file", json_string(C.cfg->circle_osm_file));
    json_object_set_new(o, "attribution",
                        json_string("Walking network and POIs © OpenStreetMap contributors "
                                    "(ODbL)"));
    return o;
}

/* ---- the cache ---- */

static void view_unref_locked(circles_view *v)
{
    if (--v->refs > 0)
        return;
    circle_report_free(&v->rep);
    free(v->json);
    pthread_mutex_destroy(&v->mu);
    free(v);
}

void circles_release(circles_view *v)
{
    if (!v)
        return;
    pthread_mutex_lock(&C.cache_mu);
    view_unref_locked(v);
    pthread_mutex_unlock(&C.cache_mu);
}

const circle_report *circles_view_report(const circles_view *v)
{
    return &v->rep;
}

/* The listed report for key (moved to the front), or NULL; the caller holds cache_mu. */
static circles_view *cache_find(const char *key)
{
    for (circles_view **pv = &C.cache; *pv; pv = &(*pv)->next)
        if (!strcmp((*pv)->key, key)) {
            circles_view *v = *pv;
            *pv = v->next;
            v->next = C.cache;
            C.cache = v;
            return v;
        }
    return NULL;
}

/* Put v first, instead of any report of the same key; drop the least recently used beyond
 * circle.cache_entries. The caller holds cache_mu. */
static void cache_put(circles_view *v)
{
    circles_view *old = cache_find(v->key);
    if (old) {
        C.cache = old->next;
        old->listed = 0;
        C.ncache--;
        view_unref_locked(old);
    }
    v->next = C.cache;
    C.cache = v;
    v->listed = 1;
    v->refs++;
    C.ncache++;
    size_t n = 0;
    for (circles_view **pv = &C.cache; *pv;) {
        if (++n > (size_t)C.cfg->circle_cache_entries) {
            circles_view *d = *pv;
            *pv = d->next;
            d->listed = 0;
            C.ncache--;
            view_unref_locked(d);
        } else {
            pv = &(*pv)->next;
        }
    }
}

static int same_venues(const circles_view *v, int64_t count, int64_t updated, int64_t max_id)
{
    return v->v_count == count && v->v_updated == updated && v->v_max_id == max_id;
}

int circles_get(wy_ctx *ctx, const circles_request *rq, circles_view **out, const char **how)
{
    *out = NULL;
    *how = "miss";
    prepared pp;
    if (rq->site_k)
        return wy_fail_field(ctx, E_INVALID, "bad_k", "Siting runs as a job.", "k");
    if (prepare(ctx, rq, &pp) < 0)
        return -1;
    venue_filter f = {
        .min_lon = C.min_lon, .max_lon = C.max_lon, .min_lat = C.min_lat, .max_lat = C.max_lat};
    int64_t count, updated, max_id;
    int rc = store_venue_fingerprint(ctx->c, &f, &count, &updated, &max_id);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "circle venues");
    int64_t ttl_ms = (int64_t)C.cfg->circle_cache_ttl_s * 1000;
    circles_view *stale = NULL;
    pthread_mutex_lock(&C.cache_mu);
    circles_view *v = cache_find(pp.key);
    if (v && same_venues(v, count, updated, max_id)) {
        v->refs++;
        if (time_mono_ms() - v->made_ms < ttl_ms) {
            pthread_mutex_unlock(&C.cache_mu);
            *out = v;
            *how = "hit";
            return 0;
        }
        stale = v; /* the venues are the same: better than nothing while the lock is taken */
    }
    pthread_mutex_unlock(&C.cache_mu);

    if (pthread_mutex_trylock(&C.run) != 0) {
        if (stale) {
            *out = stale;
            *how = "stale";
            return 0;
        }
        ctx->err.retry_after_s = 2;
        return wy_fail(ctx, E_UNAVAILABLE, "busy",
                       "The circle analysis is busy with another request; try again in a moment.");
    }
    /* another request may have computed it while this one waited for the lock */
    pthread_mutex_lock(&C.cache_mu);
    v = cache_find(pp.key);
    if (v && same_venues(v, count, updated, max_id) && time_mono_ms() - v->made_ms < ttl_ms) {
        v->refs++;
        if (stale)
            view_unref_locked(stale);
        pthread_mutex_unlock(&C.cache_mu);
        pthread_mutex_unlock(&C.run);
        *out = v;
        *how = "hit";
        return 0;
    }
    pthread_mutex_unlock(&C.cache_mu);

    v = calloc(1, sizeof(*v));
    if (!v) {
        pthread_mutex_unlock(&C.run);
        circles_release(stale);
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    snprintf(v->key, sizeof(v->key), "%s", pp.key);
    v->v_count = count;
    v->v_updated = updated;
    v->v_max_id = max_id;
    pthread_mutex_init(&v->mu, NULL);
    v->refs = 1;
    rc = analyse(ctx, &pp, &v->rep);
    pthread_mutex_unlock(&C.run);
    pthread_mutex_lock(&C.cache_mu);
    if (stale)
        view_unref_locked(stale);
    if (rc < 0) {
        memset(&v->rep, 0, sizeof(v->rep)); /* released by circle_run already */
        view_unref_locked(v);
        pthread_mutex_unlock(&C.cache_mu);
        return -1;
    }
    v->made_ms = time_mono_ms();
    if (ttl_ms > 0)
        cache_put(v);
    pthread_mutex_unlock(&C.cache_mu);
    *out = v;
    return 0;
}

const char *circles_view_json(wy_ctx *ctx, circles_view *v, int with_points, size_t *len)
{
    if (with_points) {
        json_t *o = report_json(&v->rep, 1);
        char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        char *copy = s ? arena_strdup(ctx->a, s) : NULL;
        free(s);
        *len = copy ? strlen(copy) : 0;
        return copy;
    }
    pthread_mutex_lock(&v->mu);
    if (!v->json) {
        json_t *o = report_json(&v->rep, 0);
        v->json = o ? json_dumps(o, JSON_COMPACT) : NULL;
        v->json_len = v->json ? strlen(v->json) : 0;
        json_decref(o);
    }
    pthread_mutex_unlock(&v->mu);
    *len = v->json_len;
    return v->json;
}

/* The periodic job: the default report (the first one /circles shows) stays computed. */
int circles_refresh_default(wy_ctx *ctx)
{
    circles_request rq = {0};
    circles_view *v;
    const char *how;
    if (circles_get(ctx, &rq, &v, &how) < 0)
        return ctx->err.cls == E_UNAVAILABLE ? 0 : -1; /* busy: next time */
    circles_release(v);
    return 0;
}

/* ---- siting jobs ---- */

#define SITING_KIND CIRCLES_SITING_KIND

int circles_siting_submit(wy_ctx *ctx, const circles_request *rq, int64_t *id)
{
    prepared pp;
    if (rq->site_k < 1)
        return wy_fail_field(ctx, E_INVALID, "bad_k",
                             "k, the number of new sites, is 1 to circle.siting_max_k (50).", "k");
    if (prepare(ctx, rq, &pp) < 0 ||
        authz_require(ctx, PERM_CIRCLES_PLAN, pp.div[0] ? pp.div : NULL) < 0)
        return -1;
    const circle_point *pts;
    size_t np;
    if (select_points(ctx, &pp, &pts, &np) < 0)
        return -1;
    json_t *params =
        json_pack("{s:i, s:s, s:f}", "k", rq->site_k, "rule", pp.rule, "minutes", pp.p.minutes);
    if (params && pp.div[0])
        json_object_set_new(params, "division", json_string(pp.div));
    char *text = params ? json_dumps(params, JSON_COMPACT) : NULL;
    json_decref(params);
    if (!text)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    int rc = jobs_submit(ctx, SITING_KIND, text, pp.div[0] ? pp.div : NULL,
                         C.cfg->circle_siting_queue_max, id);
    free(text);
    return rc;
}

int circles_siting_get(wy_ctx *ctx, int64_t id, job_row *out, int64_t *ahead)
{
    if (jobs_get(ctx, id, out, ahead) < 0)
        return -1;
    int mine = ctx->who && ctx->who->user_id && ctx->who->user_id == out->created_by;
    if (strcmp(out->kind, SITING_KIND) ||
        (!mine && !authz_allows(ctx->who, PERM_CIRCLES_PLAN, out->division)))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

typedef struct siting_run {
    wy_ctx *ctx;
    const job_row *job;
} siting_run;

/* Reaching is about a tenth of a siting run's time; choosing the sites the rest. A run stops
 * when the server does (the job goes back to the queue). */
static int siting_progress(void *ud, const char *stage, size_t done, size_t total)
{
    siting_run *sr = ud;
    double f = total ? (double)done / (double)total : 0;
    jobs_progress(sr->ctx, sr->job, strcmp(stage, "reach") ? 0.1 + 0.9 * f : 0.1 * f, stage);
    return jobs_stopping();
}

int circles_siting_job(wy_ctx *ctx, const job_row *job, char **result)
{
    json_t *pj = json_loads(job->params, 0, NULL);
    circles_request rq = {.division = json_string_value(json_object_get(pj, "division")),
                          .rule = json_string_value(json_object_get(pj, "rule")),
                          .minutes = json_number_value(json_object_get(pj, "minutes")),
                          .site_k = (int)json_integer_value(json_object_get(pj, "k"))};
    prepared pp;
    int rc = rq.site_k >= 1 ? prepare(ctx, &rq, &pp)
                            : wy_fail(ctx, E_INVALID, "bad_k", "The job has no k.");
    json_decref(pj); /* prepare copied what it keeps */
    if (rc < 0)
        return -1;
    siting_run sr = {ctx, job};
    pp.p.progress = siting_progress;
    pp.p.progress_ud = &sr;
    jobs_progress(ctx, job, 0, "waiting");
    circle_report r;
    pthread_mutex_lock(&C.run); /* a worker may wait: it holds no request */
    rc = analyse(ctx, &pp, &r);
    pthread_mutex_unlock(&C.run);
    if (rc < 0)
        return -1;
    json_t *o = report_json(&r, 0);
    circle_report_free(&r);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    *result = s ? arena_strdup(ctx->a, s) : NULL;
    free(s);
    return *result ? 0 : wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
}

int circles_ready(void)
{
    return C.ready;
}
