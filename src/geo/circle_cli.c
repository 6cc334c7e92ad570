/*
 * circle_cli: `wenyun circle`, the command-line face of the circle analysis. It loads the
 * extract, builds the graph, gathers venues (a file, the database through a loader that
 * main.c provides, or the extract's own POIs) and demand points, runs circle_run and prints
 * a table for people or the whole report as JSON; --geojson writes a map layer. Progress
 * lines go to stderr so stdout stays clean for --json.
 */
#include "geo/circle.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RULES 32

static circle_db_loader db_loader;

void circle_cli_set_db_loader(circle_db_loader fn)
{
    db_loader = fn;
}

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: wenyun circle --osm FILE.osm.pbf|FILE.osm [options]\n"
            "  --venues FILE        venues: CSV (lon,lat,category[,id,name,required,free]) or "
            "GeoJSON\n"
            "  --db D [--division C] venues from the database\n"
            "  --venue-tags K=V[:category],...  OSM POIs used as venues when none are given\n"
            "                       (default: amenity=library, arts_centre, community_centre,\n"
            "                       theatre, cinema, tourism=museum)\n"
            "  --population FILE    demand points: CSV name,lon,lat,population[,division[,rural]]\n"
            "                       (default: every network node, weight 1)\n"
            "  --rule R             count:N[:cat|cat...] or zj[:R:F] (default count:4);\n"
            "                       PREFIX=R sets the rule for a division subtree (repeatable)\n"
            "  --speed KMH          walking speed (4.5)\n"
            "  --minutes M          time budget (15)\n"
            "  --radius M           straight-line radius mode with M metres for every point\n"
            "  --radius-mode        radius mode with 1000 m urban / 1500 m rural\n"
            "  --site K             choose K new sites (greedy maximum coverage)\n"
            "  --site-category C    category of the new sites\n"
            "  --site-spacing M     candidate network nodes thinned to one per M metres (100)\n"
            "  --candidates FILE    candidate sites (CSV name,lon,lat)\n"
            "  --json               the whole report as JSON on stdout\n"
            "  --geojson OUT        write points, venues, clusters and sites as GeoJSON\n"
            "  --quiet              no progress lines\n"
            "  --max-nodes N        refuse an extract with more than N nodes (200000000)\n"
            "  --max-bytes N        refuse an extract of more than N bytes, decompressed\n"
            "                       (17179869184: 16 GiB)\n");
}

typedef struct cli {
    int quiet;
    double t_stage;
} cli;

static int progress(void *ud, const char *stage, size_t done, size_t total)
{
    (void)total;
    cli *c = ud;
    if (done) /* a line as each stage starts */
        return 0;
    c->t_stage = ms_now();
    if (!c->quiet)
        fprintf(stderr, "circle: %s ...\n", stage);
    return 0;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static void fmt_min(char *buf, size_t n, double metres, double mpm)
{
    if (isfinite(metres))
        snprintf(buf, n, "%.1f", metres / mpm);
    else
        snprintf(buf, n, "-");
}

static void print_table(const circle_report *r, const char *osm, const osm_stats *st)
{
    double mpm = r->speed_kmh * 1000.0 / 60.0;
    printf("15-minute cultural life circle%s%s\n", osm ? " — " : "", osm ? osm : "");
    if (r->graph_nodes)
        printf("network      %zu nodes, %zu edges, %.1f km of walkable ways%s\n", r->graph_nodes,
               r->graph_edges, r->graph_km, st ? "" : "");
    if (st && st->segments_cut)
        printf("             %zu segments cut at the extract's edge\n", st->segments_cut);
    if (r->mode == CIRCLE_NETWORK)
        printf("walk         %.1f km/h x %.0f min = %.0f m along the network\n", r->speed_kmh,
               r->minutes, r->budget_m);
    else
        printf("radius       %.0f m urban, %.0f m rural (straight line)\n", r->radius_urban_m,
               r->radius_rural_m);
    printf("venues       %zu:", r->n_venues);
    for (int c = 0; c < CIRCLE_NCAT; c++)
        if (r->venues_by_cat[c])
            printf(" %s %zu", circle_category_name(c), r->venues_by_cat[c]);
    printf("\n");
    if (r->venues_unsnapped)
        printf("             %zu venues are farther than the budget from the network\n",
               r->venues_unsnapped);
    printf("rule         %s\n", r->rule_text);
    if (r->points_are_nodes)
        printf("demand       %zu network nodes (weight 1 each)\n", r->n_points);
    else
        printf("demand       %zu points, population %.0f\n", r->n_points, r->total_weight);
    printf("covered      %zu of %zu points (%.1f%%), weight %.0f of %.0f (%.1f%%)\n",
           r->covered_points, r->n_points, 100 * r->share_points, r->covered_weight,
           r->total_weight, 100 * r->share);

    printf("\nreachable venues     points    weight   share\n");
    for (int b = 0; b < CIRCLE_HIST_BINS; b++) {
        if (!r->hist_points[b])
            continue;
        char lab[16];
        snprintf(lab, sizeof(lab), b == CIRCLE_HIST_BINS - 1 ? "%d+" : "%d", b);
        printf("  %-18s %8zu %9.0f %6.1f%%\n", lab, r->hist_points[b], r->hist_weight[b],
               r->total_weight > 0 ? 100 * r->hist_weight[b] / r->total_weight : 0.0);
    }

    char p[5][16];
    for (int k = 0; k < 5; k++)
        fmt_min(p[k], sizeof(p[k]), r->nth_pct_m[k], mpm);
    printf("\ntime to the %d%s nearest counted venue (minutes; '-' beyond %.0f min):\n", r->nth,
           r->nth == 1   ? "st"
           : r->nth == 2 ? "nd"
           : r->nth == 3 ? "rd"
                         : "th",
           r->nth_horizon_m / mpm);
    printf("  p10 %s  p25 %s  p50 %s  p75 %s  p90 %s   within budget: %.1f%%\n", p[0], p[1], p[2],
           p[3], p[4], 100 * r->nth_within_budget);

    if (r->n_divisions) {
        printf("\ndivision               points   covered    weight   share\n");
        for (size_t i = 0; i < r->n_divisions; i++) {
            const circle_division_stat *d = &r->divisions[i];
            printf("  %-20s %8zu %9zu %9.0f %6.1f%%\n", d->division, d->points, d->covered_points,
                   d->weight, 100 * d->share);
        }
    }

    if (r->clusters_total) {
        printf("\nuncovered clusters: %zu (%zu uncovered nodes); largest:\n", r->clusters_total,
               r->uncovered_nodes);
        printf("  #     nodes    weight   lon          lat         osm node\n");
        size_t show = r->n_clusters < 10 ? r->n_clusters : 10;
        for (size_t i = 0; i < show; i++) {
            const circle_cluster *c = &r->clusters[i];
            printf("  %-3zu %7zu %9.0f   %-12.7f %-11.7f %lld\n", i + 1, c->nodes, c->weight,
                   c->lon, c->lat, c->osm_node);
        }
    } else if (r->mode == CIRCLE_NETWORK) {
        printf("\nuncovered clusters: none\n");
    }

    if (r->site_k > 0) {
        printf("\nsiting: k=%d new %s among %zu candidates\n", r->site_k,
               r->site_category ? r->site_category : "?", r->site_candidates);
        if (!r->n_sites)
            printf("  no site adds coverage\n");
        else
            printf("  rank  lon          lat          osm node      gain  progress   share "
                   "after\n");
        for (size_t i = 0; i < r->n_sites; i++) {
            const circle_site *s = &r->sites[i];
            printf("  %-4zu  %-12.7f %-12.7f %-12lld %6.0f %9.0f %9.1f%%%s%s\n", i + 1, s->lon,
                   s->lat, s->osm_node, s->gain, s->progress, 100 * s->share_after,
                   s->name ? "  " : "", s->name ? s->name : "");
        }
    }
    printf("\n(c) OpenStreetMap contributors, ODbL\n");
}

static int write_json_file(const char *path, json_t *j)
{
    if (json_dump_file(j, path, JSON_COMPACT | JSON_REAL_PRECISION(12)) < 0) {
        fprintf(stderr, "circle: cannot write %s\n", path);
        return -1;
    }
    return 0;
}

static const struct option opts[] = {
    {"osm", required_argument, 0, 'o'},
    {"venues", required_argument, 0, 'v'},
    {"db", required_argument, 0, 'd'},
    {"division", required_argument, 0, 'D'},
    {"venue-tags", required_argument, 0, 't'},
    {"population", required_argument, 0, 'p'},
    {"rule", required_argument, 0, 'r'},
    {"speed", required_argument, 0, 's'},
    {"minutes", required_argument, 0, 'm'},
    {"radius", required_argument, 0, 'R'},
    {"radius-mode", no_argument, 0, 'M'},
    {"site", required_argument, 0, 'k'},
    {"site-category", required_argument, 0, 'c'},
    {"site-spacing", required_argument, 0, 'S'},
    {"candidates", required_argument, 0, 'C'},
    {"json", no_argument, 0, 'j'},
    {"geojson", required_argument, 0, 'g'},
    {"quiet", no_argument, 0, 'q'},
    {"max-nodes", required_argument, 0, 'N'},
    {"max-bytes", required_argument, 0, 'B'},
    {"help", no_argument, 0, 'h'},
    {0, 0, 0, 0},
};

/* What the command line asks for. */
typedef struct args {
    const char *osm, *venues, *db, *division, *tags;
    const char *population, *candidates, *geojson;
    int json;
    size_t max_nodes, max_bytes;
    circle_params p;
    circle_rule_override ovr[MAX_RULES];
    char prefixes[MAX_RULES][32];
    size_t n_ovr;
    cli c;
} args;

/* The inputs as loaded, the report, and how long loading took. */
typedef struct inputs {
    osm_network net;
    geo_graph g;
    int have_graph;
    arena a;
    circle_venue *vs;
    circle_point *pts, *cands;
    size_t nv, np, nc;
    circle_report rep;
    int have_rep;
    double t_load, t_graph;
} inputs;

/* --rule RULE (the whole city) or --rule PREFIX=RULE (one division); 2 when it is bad. */
static int parse_rule(args *ar, const char *arg)
{
    char err[512];
    const char *eq = strchr(arg, '=');
    if (!eq) {
        if (circle_rule_parse(arg, &ar->p.rule, err, sizeof(err)) < 0) {
            fprintf(stderr, "circle: %s\n", err);
            return 2;
        }
        return 0;
    }
    if (ar->n_ovr == MAX_RULES) {
        fprintf(stderr, "circle: at most %d division rules\n", MAX_RULES);
        return 2;
    }
    size_t plen = (size_t)(eq - arg);
    if (plen == 0 || plen >= sizeof(ar->prefixes[0])) {
        fprintf(stderr, "circle: bad division prefix in --rule %s\n", arg);
        return 2;
    }
    memcpy(ar->prefixes[ar->n_ovr], arg, plen);
    ar->prefixes[ar->n_ovr][plen] = '\0';
    ar->ovr[ar->n_ovr].division_prefix = ar->prefixes[ar->n_ovr];
    if (circle_rule_parse(eq + 1, &ar->ovr[ar->n_ovr].rule, err, sizeof(err)) < 0) {
        fprintf(stderr, "circle: %s\n", err);
        return 2;
    }
    ar->n_ovr++;
    return 0;
}

/* One of the numeric options; 2 when its value is bad. */
static int parse_number(args *ar, int o, const char *arg)
{
    circle_params *p = &ar->p;
    double x;
    switch (o) {
    case 's':
        if (parse_double(arg, &p->speed_kmh) < 0 || p->speed_kmh <= 0) {
            fprintf(stderr, "circle: --speed wants a positive number\n");
            return 2;
        }
        return 0;
    case 'm':
        if (parse_double(arg, &p->minutes) < 0 || p->minutes <= 0) {
            fprintf(stderr, "circle: --minutes wants a positive number\n");
            return 2;
        }
        return 0;
    case 'R':
        if (parse_double(arg, &x) < 0 || x <= 0) {
            fprintf(stderr, "circle: --radius wants a positive number of metres\n");
            return 2;
        }
        p->mode = CIRCLE_RADIUS;
        p->radius_urban_m = p->radius_rural_m = x;
        return 0;
    case 'k':
        if (parse_double(arg, &x) < 0 || x < 0 || x > 1000 || x != floor(x)) {
            fprintf(stderr, "circle: --site wants a whole number 0..1000\n");
            return 2;
        }
        p->site_k = (int)x;
        return 0;
    case 'S':
        if (parse_double(arg, &p->site_spacing_m) < 0 || p->site_spacing_m < 0) {
            fprintf(stderr, "circle: --site-spacing wants metres (0: every node)\n");
            return 2;
        }
        return 0;
    default: /* 'N', 'B' */
        if (parse_double(arg, &x) < 0 || x < 1 || x > 1e15 || x != floor(x)) {
            fprintf(stderr, "circle: --%s wants a whole number\n",
                    o == 'N' ? "max-nodes" : "max-bytes");
            return 2;
        }
        *(o == 'N' ? &ar->max_nodes : &ar->max_bytes) = (size_t)x;
        return 0;
    }
}

/* One option; -1 to go on, else the exit status (0 after --help). */
static int parse_option(args *ar, int o, char **argv)
{
    switch (o) {
    case 'o':
        ar->osm = optarg;
        return -1;
    case 'v':
        ar->venues = optarg;
        return -1;
    case 'd':
        ar->db = optarg;
        return -1;
    case 'D':
        ar->division = optarg;
        return -1;
    case 't':
        ar->tags = optarg;
        return -1;
    case 'p':
        ar->population = optarg;
        return -1;
    case 'r':
        return parse_rule(ar, optarg) ? 2 : -1;
    case 's':
    case 'm':
    case 'R':
    case 'k':
    case 'S':
    case 'N':
    case 'B':
        return parse_number(ar, o, optarg) ? 2 : -1;
    case 'M':
        ar->p.mode = CIRCLE_RADIUS;
        return -1;
    case 'c':
        if (circle_category_from_name(optarg) < 0) {
            fprintf(stderr, "circle: unknown category '%s'\n", optarg);
            return 2;
        }
        ar->p.site_category = optarg;
        return -1;
    case 'C':
        ar->candidates = optarg;
        return -1;
    case 'j':
        ar->json = 1;
        return -1;
    case 'g':
        ar->geojson = optarg;
        return -1;
    case 'q':
        ar->c.quiet = 1;
        return -1;
    case 'h':
        usage(stdout);
        return 0;
    default:
        fprintf(stderr, "circle: unknown or incomplete option '%s'\n", argv[optind - 1]);
        usage(stderr);
        return 2;
    }
}

/* The command line into *ar; -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, args *ar)
{
    ar->max_nodes = OSM_DEFAULT_MAX_NODES;
    ar->max_bytes = OSM_DEFAULT_MAX_BYTES;
    circle_params_default(&ar->p);
#ifdef __GLIBC__
    optind = 0; /* glibc: a full re-initialisation, so circle_main can run more than once */
#else
    optind = 1;
#endif
    opterr = 0;
    int o, rc;
    while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1)
        if ((rc = parse_option(ar, o, argv)) >= 0)
            return rc;
    if (optind < argc) {
        fprintf(stderr, "circle: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (!ar->osm && !(ar->p.mode == CIRCLE_RADIUS && ar->population && (ar->venues || ar->db))) {
        fprintf(stderr, "circle: --osm FILE is required (or --radius with --population and "
                        "--venues)\n");
        usage(stderr);
        return 2;
    }
    if (ar->venues && ar->db) {
        fprintf(stderr, "circle: --venues and --db exclude each other\n");
        return 2;
    }
    if (ar->db && !db_loader) {
        fprintf(stderr, "circle: --db is not available in this build\n");
        return 2;
    }
    ar->p.overrides = ar->ovr;
    ar->p.n_overrides = ar->n_ovr;
    ar->p.progress = progress;
    ar->p.progress_ud = &ar->c;
    return -1;
}

/* The OSM extract and its walking graph. */
static int load_network(args *ar, inputs *in, char *err, size_t errlen)
{
    progress(&ar->c, "loading", 0, 0);
    double t0 = ms_now();
    osm_options oo = {.poi_tags = ar->tags,
                      .skip_pois = ar->venues || ar->db,
                      .max_nodes = ar->max_nodes,
                      .max_bytes = ar->max_bytes};
    if (osm_load(ar->osm, &oo, &in->net, err, errlen) < 0) {
        fprintf(stderr, "circle: %s\n", err);
        return -1;
    }
    in->t_load = ms_now() - t0;
    osm_network *net = &in->net;
    if (!ar->c.quiet)
        fprintf(stderr,
                "circle: read %zu nodes, %zu ways (%zu walkable, %zu segments cut), %zu POIs "
                "in %.0f ms\n",
                net->stats.nodes_read, net->stats.ways_read, net->stats.ways_walkable,
                net->stats.segments_cut, net->n_pois, in->t_load);
    progress(&ar->c, "graph", 0, 0);
    t0 = ms_now();
    if (geo_graph_from_osm(&in->g, net, err, errlen) < 0) {
        fprintf(stderr, "circle: %s\n", err);
        return -1;
    }
    in->have_graph = 1;
    in->t_graph = ms_now() - t0;
    if (!ar->c.quiet)
        fprintf(stderr, "circle: graph of %u nodes, %zu edges in %.0f ms\n", in->g.n, in->g.m,
                in->t_graph);
    if (in->g.n == 0 && ar->p.mode == CIRCLE_NETWORK) {
        fprintf(stderr, "circle: %s has no walkable ways (try --radius)\n", ar->osm);
        return -1;
    }
    return 0;
}

/* The venues, the demand points and the candidate sites. */
static int load_points(args *ar, inputs *in, char *err, size_t errlen)
{
    if (ar->venues) {
        if (circle_venues_load(ar->venues, &in->a, &in->vs, &in->nv, err, errlen) < 0) {
            fprintf(stderr, "circle: %s\n", err);
            return -1;
        }
    } else if (ar->db) {
        if (db_loader(ar->db, ar->division, &in->a, &in->vs, &in->nv, err, errlen) < 0) {
            fprintf(stderr, "circle: %s\n", err);
            return -1;
        }
    } else if (circle_venues_from_osm(&in->net, &in->a, &in->vs, &in->nv) < 0) {
        fprintf(stderr, "circle: out of memory\n");
        return -1;
    }
    if (ar->population &&
        circle_points_load(ar->population, &in->a, &in->pts, &in->np, err, errlen) < 0) {
        fprintf(stderr, "circle: %s\n", err);
        return -1;
    }
    if (ar->population && in->np == 0) {
        fprintf(stderr, "circle: %s has no demand points\n", ar->population);
        return -1;
    }
    if (ar->candidates) {
        if (circle_points_load(ar->candidates, &in->a, &in->cands, &in->nc, err, errlen) < 0) {
            fprintf(stderr, "circle: %s\n", err);
            return -1;
        }
        ar->p.candidates = in->cands;
        ar->p.n_candidates = in->nc;
    }
    if (!ar->c.quiet)
        fprintf(stderr, "circle: %zu venues, %s demand points\n", in->nv,
                in->pts ? "community" : "network-node");
    return 0;
}

/* The report as JSON on stdout, with its sources and the loading times. */
static int print_json(const args *ar, const inputs *in)
{
    json_t *j = circle_report_json(&in->rep, 1);
    if (!j) {
        fprintf(stderr, "circle: out of memory\n");
        return -1;
    }
    const osm_network *net = &in->net;
    json_t *src = json_object();
    if (ar->osm) {
        json_object_set_new(src, "osm", json_string(ar->osm));
        json_object_set_new(src, "osm_stats",
                            json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "nodes_read",
                                      (json_int_t)net->stats.nodes_read, "ways_read",
                                      (json_int_t)net->stats.ways_read, "ways_walkable",
                                      (json_int_t)net->stats.ways_walkable, "refs_missing",
                                      (json_int_t)net->stats.refs_missing, "segments_cut",
                                      (json_int_t)net->stats.segments_cut, "pois",
                                      (json_int_t)net->n_pois));
    }
    json_object_set_new(src, "venues",
                        json_string(ar->venues ? ar->venues
                                    : ar->db   ? "db"
                                               : "osm"));
    if (ar->population)
        json_object_set_new(src, "population", json_string(ar->population));
    json_object_set_new(src, "attribution", json_string("© OpenStreetMap contributors (ODbL)"));
    json_object_set_new(j, "source", src);
    json_t *tm = json_object_get(j, "timing_ms");
    json_object_set_new(tm, "load", json_real(round(in->t_load * 1000) / 1000));
    json_object_set_new(tm, "graph", json_real(round(in->t_graph * 1000) / 1000));
    int e = json_dumpf(j, stdout, JSON_INDENT(1) | JSON_REAL_PRECISION(12));
    json_decref(j);
    fputc('\n', stdout);
    if (e < 0) {
        fprintf(stderr, "circle: cannot write the report\n");
        return -1;
    }
    return 0;
}

/* The report: JSON or a table on stdout, and the GeoJSON file if asked for. */
static int write_report(const args *ar, const inputs *in)
{
    if (ar->json) {
        if (print_json(ar, in) < 0)
            return -1;
    } else {
        print_table(&in->rep, ar->osm, ar->osm ? &in->net.stats : NULL);
    }
    if (ar->geojson) {
        json_t *gj = circle_report_geojson(&in->rep);
        if (!gj || write_json_file(ar->geojson, gj) < 0) {
            json_decref(gj);
            return -1;
        }
        json_decref(gj);
        if (!ar->c.quiet)
            fprintf(stderr, "circle: wrote %s\n", ar->geojson);
    }
    return 0;
}

int circle_main(int argc, char **argv)
{
    args ar = {0};
    int rc = parse_args(argc, argv, &ar);
    if (rc >= 0)
        return rc;
    rc = 1;
    char err[512];
    inputs in = {0};
    arena_init(&in.a, (size_t)1 << 30);
    if (ar.osm && load_network(&ar, &in, err, sizeof(err)) < 0)
        goto out;
    if (load_points(&ar, &in, err, sizeof(err)) < 0)
        goto out;
    if (circle_run(&ar.p, in.have_graph ? &in.g : NULL, in.vs, in.nv, in.pts, in.np, &in.rep, err,
                   sizeof(err)) < 0) {
        fprintf(stderr, "circle: %s\n", err);
        goto out;
    }
    in.have_rep = 1;
    if (!ar.c.quiet) {
        fprintf(stderr, "circle: reach in %.0f ms", in.rep.reach_ms);
        if (ar.p.site_k > 0)
            fprintf(stderr, ", siting in %.0f ms", in.rep.siting_ms);
        fprintf(stderr, " (load %.0f ms, graph %.0f ms)\n", in.t_load, in.t_graph);
    }
    if (write_report(&ar, &in) < 0)
        goto out;
    rc = fflush(stdout) == 0 ? 0 : 1;
out:
    if (in.have_rep)
        circle_report_free(&in.rep);
    free(in.vs);
    free(in.pts);
    free(in.cands);
    arena_free(&in.a);
    geo_graph_free(&in.g);
    osm_network_free(&in.net);
    return rc;
}
