/*
 * circle_rule: the vocabulary of the circle analysis (circle.h): venue categories with their
 * Zhejiang required/free sets, and the coverage rules ("count:N[:cat|...]", "zj[:R:F]") as
 * parsed from the command line, the settings and the API, with their defaults. The run
 * (circle.c) and siting (circle_siting.c) evaluate rules on counts (circle_int.h); the report's
 * JSON (circle_json.c) names categories with the same table.
 */
#include "geo/circle_int.h"
#include "util/log.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- categories ---- */

const char *const circle_cat_names[CIRCLE_NCAT] = {
    "library",           "cultural_centre", "museum",    "art_gallery",    "theatre",
    "town_station",      "village_centre",  "new_space", "street_station", "rural_stage",
    "heritage_workshop", "cinema",          "other",
};

const char *circle_category_name(int cat)
{
    return cat >= 0 && cat < CIRCLE_NCAT ? circle_cat_names[cat] : "other";
}

int circle_category_from_name(const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < CIRCLE_NCAT; i++)
        if (strcmp(s, circle_cat_names[i]) == 0)
            return i;
    return -1;
}

int circle_category_required(int cat)
{
    return cat == CIRCLE_CAT_LIBRARY || cat == CIRCLE_CAT_CULTURAL_CENTRE ||
           cat == CIRCLE_CAT_TOWN_STATION || cat == CIRCLE_CAT_VILLAGE_CENTRE;
}

int circle_category_free(int cat)
{
    return cat >= 0 && cat < CIRCLE_NCAT && cat != CIRCLE_CAT_THEATRE && cat != CIRCLE_CAT_CINEMA &&
           cat != CIRCLE_CAT_OTHER;
}

void circle_venue_set(circle_venue *v, double lon, double lat, const char *category,
                      const char *name, const char *id)
{
    int cat = circle_category_from_name(category);
    if (cat < 0)
        cat = CIRCLE_CAT_OTHER;
    *v = (circle_venue){.lon = lon,
                        .lat = lat,
                        .category = category,
                        .name = name,
                        .id = id,
                        .is_required = circle_category_required(cat),
                        .is_free = circle_category_free(cat)};
}

/* ---- rules ---- */

static int parse_int(const char *s, size_t n, int *out)
{
    if (n == 0 || n > 6)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int circle_rule_parse(const char *s, circle_rule *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof(*r));
    if (!s)
        s = "";
    if (strncmp(s, "count:", 6) == 0) {
        const char *p = s + 6;
        const char *c = strchr(p, ':');
        size_t nlen = c ? (size_t)(c - p) : strlen(p);
        r->kind = CIRCLE_RULE_COUNT;
        if (parse_int(p, nlen, &r->n) < 0 || r->n < 1) {
            set_err(err, errlen, "rule '%s': want count:N with N >= 1", s);
            return -1;
        }
        if (c) {
            const char *q = c + 1;
            if (!*q) {
                set_err(err, errlen, "rule '%s': empty category list", s);
                return -1;
            }
            while (*q) {
                const char *bar = strchr(q, '|');
                size_t len = bar ? (size_t)(bar - q) : strlen(q);
                char name[40];
                int cat = -1;
                if (len > 0 && len < sizeof(name)) {
                    memcpy(name, q, len);
                    name[len] = '\0';
                    cat = circle_category_from_name(name);
                }
                if (cat < 0) {
                    set_err(err, errlen, "rule '%s': unknown category '%.*s'", s, (int)len, q);
                    return -1;
                }
                r->cats |= 1u << cat;
                if (!bar)
                    break;
                q = bar + 1;
            }
        }
        return 0;
    }
    if (strncmp(s, "zj", 2) == 0 && (s[2] == '\0' || s[2] == ':')) {
        r->kind = CIRCLE_RULE_ZJ;
        r->n = 1;
        r->m = 2;
        if (s[2] == ':') {
            const char *p = s + 3;
            const char *c = strchr(p, ':');
            if (!c || parse_int(p, (size_t)(c - p), &r->n) < 0 ||
                parse_int(c + 1, strlen(c + 1), &r->m) < 0 || r->n + r->m < 1) {
                set_err(err, errlen, "rule '%s': want zj or zj:R:F", s);
                return -1;
            }
        }
        return 0;
    }
    set_err(err, errlen, "unknown rule '%s' (want count:N[:cat|cat...] or zj[:R:F])", s);
    return -1;
}

void circle_rule_format(const circle_rule *r, char *buf, size_t len)
{
    if (r->kind == CIRCLE_RULE_ZJ) {
        snprintf(buf, len, "zj:%d:%d", r->n, r->m);
        return;
    }
    int n = snprintf(buf, len, "count:%d", r->n);
    for (int c = 0; c < CIRCLE_NCAT && n >= 0 && (size_t)n < len; c++)
        if (r->cats & (1u << c)) {
            int first = (r->cats & ((1u << c) - 1)) == 0;
            n += snprintf(buf + n, len - (size_t)n, "%s%s", first ? ":" : "|", circle_cat_names[c]);
        }
}

void circle_params_default(circle_params *p)
{
    memset(p, 0, sizeof(*p));
    p->speed_kmh = 4.5;
    p->minutes = 15;
    p->rule = (circle_rule){.kind = CIRCLE_RULE_COUNT, .n = 4};
    p->mode = CIRCLE_NETWORK;
    p->radius_urban_m = 1000;
    p->radius_rural_m = 1500;
    p->max_clusters = 20;
    p->site_spacing_m = 100;
}
