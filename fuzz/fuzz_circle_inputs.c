/*
 * fuzz_circle_inputs: the inputs of the circle analysis (src/geo/circle_io.c) as `wenyun
 * circle` and the server read them: demand points (CSV name,lon,lat,population[,division
 * [,rural]], with or without a header) and venues (CSV with a header, or GeoJSON). The first
 * byte picks the reader ('v' venues, else points); what is read then goes through the analysis
 * itself in radius mode, with siting, against a few fixed venues or points, so that coordinates
 * at the edges of the globe, zero or huge populations and odd categories reach circle_run.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo/circle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const circle_point fixed_points[] = {
    {.lon = 101.718, .lat = 26.58, .weight = 1000, .name = "炳草岗", .division = "510402001"},
    {.lon = 101.72, .lat = 26.585, .weight = 0, .division = "510402"},
    {.lon = 101.6, .lat = 26.5, .weight = 30, .rural = 1},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 16384)
        return 0;
    arena a;
    arena_init(&a, 1 << 24);
    char err[256] = "";
    circle_venue *v = NULL;
    circle_point *p = NULL;
    size_t nv = 0, np = 0;
    int venues = data[0] == 'v';
    int rc =
        venues
            ? circle_venues_parse((const char *)data + 1, size - 1, &a, &v, &nv, err, sizeof(err))
            : circle_points_parse((const char *)data + 1, size - 1, &a, &p, &np, err, sizeof(err));
    if (rc < 0) {
        if (!err[0] || v || p)
            abort();
        arena_free(&a);
        return 0;
    }
    for (size_t i = 0; i < nv; i++)
        if (!(fabs(v[i].lon) <= 180 && fabs(v[i].lat) <= 90) || !v[i].category)
            abort();
    for (size_t i = 0; i < np; i++)
        if (!(fabs(p[i].lon) <= 180 && fabs(p[i].lat) <= 90) || !(p[i].weight >= 0))
            abort();
    circle_venue fixed_venues[3];
    circle_venue_set(&fixed_venues[0], 101.719, 26.581, "library", "图书馆", "venue/1");
    circle_venue_set(&fixed_venues[1], 101.7, 26.57, "theatre", NULL, NULL);
    circle_venue_set(&fixed_venues[2], -180, 90, "nonsense", "edge", NULL);
    if (nv + np <= 400) {
        circle_params prm;
        circle_params_default(&prm);
        prm.mode = CIRCLE_RADIUS;
        prm.site_k = 2;
        circle_report r;
        char e2[256];
        const circle_venue *vs = venues ? v : fixed_venues;
        size_t n_vs = venues ? nv : 3;
        const circle_point *ps = venues ? fixed_points : p;
        size_t n_ps = venues ? 3 : np;
        if (n_ps && circle_run(&prm, NULL, vs, n_vs, ps, n_ps, &r, e2, sizeof(e2)) == 0) {
            if (r.n_points != n_ps || r.covered_points > r.n_points || r.n_sites > 2 ||
                !(r.share >= 0 && r.share <= 1))
                abort();
            json_t *j = circle_report_json(&r, 1);
            json_decref(j);
            circle_report_free(&r);
        }
    }
    free(v);
    free(p);
    arena_free(&a);
    return 0;
}
