/*
 * pages_stops: the partners and stops of an activity's or a plan's form, and the map of an
 * activity's stops (pages_kit.h). A stop records a place, a city and a country, and may
 * record its coordinates: a stop is put on the map by them, else when its city is one the
 * module knows (the cities of the exchange plans it serves and of their partners, in Chinese
 * or English); the map says how many it could not place.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mod/exchange/pages_kit.h"
#include "web/svgmap.h"

#define N_(s) s /* a msgid translated where it is shown */

void exchange_partner_checks(http_req *req, html *h, const char *id, const exchange_partner *ps,
                             size_t np, const wy_error *e, const int64_t *chosen, size_t nchosen)
{
    html_lit(h, "<fieldset id=\"");
    html_attr(h, id);
    html_lit(h, "\"><legend>");
    web_t(req, h, "Partners");
    html_lit(h, "</legend>");
    if (!np)
        web_empty(req, h, "No partner recorded yet.");
    for (size_t i = 0; i < np; i++) {
        const char *name = arena_sprintf(&req->a, "partner_%lld", (long long)ps[i].id);
        int on = 0;
        if (e)
            on = req_form(req, name) != NULL;
        else
            for (size_t k = 0; k < nchosen && !on; k++)
                on = chosen[k] == ps[i].id;
        html_lit(h, "<label class=\"check\"><input type=\"checkbox\" value=\"1\" name=\"");
        html_attr(h, name);
        html_lit(h, "\"");
        if (on)
            html_lit(h, " checked");
        html_lit(h, "> ");
        html_text(h, ps[i].name);
        html_lit(h, "</label> ");
    }
    html_lit(h, "</fieldset>");
    web_field_error(req, h, e, "partners");
}

int64_t *exchange_partners_ticked(http_req *req, const exchange_partner *ps, size_t np, size_t *n)
{
    *n = 0;
    int64_t *ids = arena_alloc(&req->a, (np + 1) * sizeof(*ids));
    if (!ids)
        return NULL;
    for (size_t i = 0; i < np; i++)
        if (req_form(req, arena_sprintf(&req->a, "partner_%lld", (long long)ps[i].id)))
            ids[(*n)++] = ps[i].id;
    return ids;
}

static const struct {
    const char *name, *label, *type;
    int max;
} stop_cols[] = {
    {"place", N_("Place"), "text", 200},
    {"city", N_("City"), "text", 100},
    {"country", N_("Country"), "text", 100},
    {"starts_on", N_("From"), "date", 10},
    {"ends_on", N_("To"), "date", 10},
    {"shows", N_("Shows"), "number", 0},
    {"audience", N_("Audience reached"), "number", 0},
    {"lat", N_("Latitude (−90 to 90)"), "text", 20},
    {"lon", N_("Longitude (−180 to 180)"), "text", 20},
};
#define STOP_COLS (sizeof(stop_cols) / sizeof(stop_cols[0]))

void exchange_stop_row(http_req *req, html *h, int i, const wy_error *e, const exchange_stop *s)
{
    const char *v[STOP_COLS] = {0};
    if (s) {
        v[0] = s->place, v[1] = s->city, v[2] = s->country, v[3] = s->starts_on;
        v[4] = s->ends_on;
        v[5] = arena_sprintf(&req->a, "%lld", (long long)s->shows);
        v[6] = arena_sprintf(&req->a, "%lld", (long long)s->audience);
        if (s->located) {
            v[7] = arena_sprintf(&req->a, "%.6g", s->lat);
            v[8] = arena_sprintf(&req->a, "%.6g", s->lon);
        }
    }
    html_lit(h, "<fieldset class=\"stop-row\"><legend>");
    html_text(h, arena_sprintf(&req->a, req_tr(req, "Stop %d"), i));
    html_lit(h, "</legend>");
    for (size_t k = 0; k < STOP_COLS; k++)
        web_input(req, h, arena_sprintf(&req->a, "stop%d_%s", i, stop_cols[k].name),
                  stop_cols[k].label, stop_cols[k].type, stop_cols[k].max, 0, e, v[k]);
    html_lit(h, "</fieldset>");
}

/* A coordinate written in a form: NAN when empty or not a number (the rules refuse it). */
static double coordinate_of(const char *v)
{
    char *end;
    double d = v && *v ? strtod(v, &end) : NAN;
    return v && *v && !*end && isfinite(d) ? d : NAN;
}

size_t exchange_stops_of_form(http_req *req, int rows, exchange_stop *stops)
{
    size_t n = 0;
    for (int i = 1; i <= rows && n < EXCHANGE_MAX_STOPS; i++) {
        const char *v[STOP_COLS];
        int any = 0;
        for (size_t k = 0; k < STOP_COLS; k++) {
            v[k] = req_form(req, arena_sprintf(&req->a, "stop%d_%s", i, stop_cols[k].name));
            /* a row is a stop when a place, a city, a country or a date is written: the
             * numbers of a row emptied to remove its stop may stay */
            any |= k < 5 && v[k] && *v[k];
        }
        if (!any)
            continue;
        int64_t shows = web_number(req, arena_sprintf(&req->a, "stop%d_shows", i));
        int64_t aud = web_number(req, arena_sprintf(&req->a, "stop%d_audience", i));
        /* coordinates: both empty for none; one empty or not a number is refused */
        int located = (v[7] && *v[7]) || (v[8] && *v[8]);
        stops[n++] = (exchange_stop){.located = located,
                                     .lat = coordinate_of(v[7]),
                                     .lon = coordinate_of(v[8]),
                                     .place = v[0],
                                     .city = v[1],
                                     .country = v[2],
                                     .starts_on = v[3],
                                     .ends_on = v[4],
                                     /* not given: 0; a bad number: refused */
                                     .shows = shows == -1 ? 0 : shows,
                                     .audience = aud == -1 ? 0 : aud};
    }
    return n;
}

/* The cities the map places: of Yuxi's and Cixi's plans, their partners and the cities their
 * tours go to; a name is matched whole, with or without 市. */
static const struct city {
    const char *zh, *en;
    double lon, lat;
} cities[] = {
    {"玉溪", "Yuxi", 102.543, 24.352},
    {"昆明", "Kunming", 102.833, 24.880},
    {"攀枝花", "Panzhihua", 101.719, 26.582},
    {"北京", "Beijing", 116.407, 39.904},
    {"上海", "Shanghai", 121.474, 31.230},
    {"广州", "Guangzhou", 113.264, 23.129},
    {"深圳", "Shenzhen", 114.058, 22.543},
    {"佛山", "Foshan", 113.122, 23.021},
    {"成都", "Chengdu", 104.066, 30.573},
    {"重庆", "Chongqing", 106.551, 29.563},
    {"贵阳", "Guiyang", 106.630, 26.647},
    {"南宁", "Nanning", 108.366, 22.817},
    {"长沙", "Changsha", 112.939, 28.228},
    {"武汉", "Wuhan", 114.305, 30.593},
    {"杭州", "Hangzhou", 120.155, 30.274},
    {"宁波", "Ningbo", 121.550, 29.875},
    {"慈溪", "Cixi", 121.266, 30.170},
    {"南京", "Nanjing", 118.797, 32.060},
    {"西安", "Xi'an", 108.940, 34.342},
    {"长治", "Changzhi", 113.117, 36.195},
    {"太原", "Taiyuan", 112.549, 37.871},
    {"天津", "Tianjin", 117.200, 39.084},
    {"大理", "Dali", 100.268, 25.606},
    {"丽江", "Lijiang", 100.227, 26.856},
    {"西双版纳", "Xishuangbanna", 100.797, 22.007},
    {"香港", "Hong Kong", 114.169, 22.319},
    {"澳门", "Macao", 113.544, 22.199},
    {"台北", "Taipei", 121.565, 25.033},
    {"圣塞巴斯蒂安", "San Sebastián", -1.981, 43.318},
    {"清莱", "Chiang Rai", 99.833, 19.910},
    {"曼谷", "Bangkok", 100.502, 13.756},
    {"巨济", "Geoje", 128.621, 34.880},
    {"首尔", "Seoul", 126.978, 37.567},
    {"罗斯密", "Rosemead", -118.073, 34.081},
    {"洛杉矶", "Los Angeles", -118.244, 34.052},
    {"卡尔斯克鲁纳", "Karlskrona", 15.587, 56.161},
    {"布莱金厄", "Blekinge", 15.587, 56.161},
    {"安沛", "Yen Bai", 104.875, 21.722},
    {"河内", "Hanoi", 105.834, 21.028},
    {"奥多棉吉", "Oddar Meanchey", 103.800, 14.180},
    {"金边", "Phnom Penh", 104.928, 11.556},
    {"占巴塞", "Champasak", 105.875, 14.890},
    {"万象", "Vientiane", 102.633, 17.975},
    {"仰光", "Yangon", 96.196, 16.866},
    {"新加坡", "Singapore", 103.820, 1.352},
    {"东京", "Tokyo", 139.692, 35.690},
    {"巴黎", "Paris", 2.352, 48.857},
    {"伦敦", "London", -0.128, 51.507},
    {"马德里", "Madrid", -3.704, 40.417},
    {"斯德哥尔摩", "Stockholm", 18.069, 59.329},
    {"布达佩斯", "Budapest", 19.040, 47.498},
    {"华沙", "Warsaw", 21.012, 52.230},
    {"布拉格", "Prague", 14.438, 50.076},
};

/* The city of a stop, or NULL when the module cannot place it. */
static const struct city *city_of(const char *name)
{
    if (!name || !*name)
        return NULL;
    size_t n = strlen(name);
    static const char shi[] = "市";
    if (n > sizeof(shi) - 1 && !strcmp(name + n - (sizeof(shi) - 1), shi))
        n -= sizeof(shi) - 1;
    for (size_t i = 0; i < sizeof(cities) / sizeof(cities[0]); i++)
        if ((strlen(cities[i].zh) == n && !strncmp(cities[i].zh, name, n)) ||
            !strcasecmp(cities[i].en, name))
            return &cities[i];
    return NULL;
}

/* Where a stop is on the map: its coordinates, else its city's; 0 when neither. */
static int where(const exchange_stop *s, double *lon, double *lat)
{
    if (s->located) {
        *lon = s->lon, *lat = s->lat;
        return 1;
    }
    const struct city *c = city_of(s->city);
    if (c)
        *lon = c->lon, *lat = c->lat;
    return c != NULL;
}

void exchange_stops_map(http_req *req, html *h, const exchange_stop *stops, size_t n)
{
    bbox b;
    bbox_init(&b);
    size_t placed = 0;
    double lon, lat;
    for (size_t i = 0; i < n; i++)
        if (where(&stops[i], &lon, &lat))
            bbox_add(&b, lon, lat), placed++;
    html_lit(h, "<div id=\"stops-map\">");
    if (!placed) {
        if (n)
            web_empty(req, h, "None of the stops' cities can be placed on the map.");
        else
            web_empty(req, h, "No stop recorded: there is no map.");
        html_lit(h, "</div>");
        return;
    }
    /* no taller than wide: a tour from south to north is widened around its middle */
    double span = b.max_lat - b.min_lat, mid = (b.min_lon + b.max_lon) / 2;
    if (b.max_lon - b.min_lon < span) {
        bbox_add(&b, mid - span / 2, b.min_lat);
        bbox_add(&b, mid + span / 2, b.min_lat);
    }
    svgmap m;
    svgmap_begin(&m, h, &b, 800, req_tr(req, "Map of the stops"));
    /* the route, stop after stop */
    svgmap_segments_begin(&m, "map-road");
    int have = 0;
    double plon = 0, plat = 0;
    for (size_t i = 0; i < n; i++) {
        if (!where(&stops[i], &lon, &lat))
            continue;
        if (have && (plon != lon || plat != lat))
            svgmap_segment(&m, plon, plat, lon, lat);
        have = 1, plon = lon, plat = lat;
    }
    svgmap_segments_end(&m);
    for (size_t i = 0; i < n; i++) {
        if (!where(&stops[i], &lon, &lat))
            continue;
        const char *t = arena_sprintf(
            &req->a, "%zu. %s %s %s–%s", i + 1, stops[i].city, stops[i].place ? stops[i].place : "",
            stops[i].starts_on ? stops[i].starts_on : "", stops[i].ends_on ? stops[i].ends_on : "");
        svgmap_point(&m, lon, lat, 6, stops[i].located ? "map-venue located" : "map-venue", t,
                     NULL);
        svgmap_label(&m, lon, lat, arena_sprintf(&req->a, "%zu", i + 1), "map-label");
    }
    svgmap_end(&m,
               req_tr(req, "Places: the stops' coordinates where recorded, else their cities."));
    if (placed < n) {
        html_lit(h, "<p class=\"small muted\" id=\"stops-unplaced\">");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%zu of the stops could not be placed."),
                                   n - placed));
        html_lit(h, "</p>");
    }
    html_lit(h, "</div>");
}
