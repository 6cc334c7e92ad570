/* venue: see venue.h. */
#include "mod/venues/venue.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "geo/osm.h"
#include "util/csvread.h"
#include "util/csvwrite.h"
#include "util/geodesy.h"
#include "util/log.h"
#include "util/timeutil.h"
#include "util/weburl.h"

const venue_category venue_categories[] = {
    {"library", "公共图书馆", "Public library"},
    {"cultural_centre", "文化馆", "Cultural centre"},
    {"museum", "博物馆", "Museum"},
    {"art_gallery", "美术馆", "Art gallery"},
    {"theatre", "剧院", "Theatre"},
    {"town_station", "乡镇综合文化站", "Town cultural station"},
    {"village_centre", "村（社区）综合文化服务中心", "Village or community cultural centre"},
    {"new_space", "新型公共文化空间", "New public cultural space"},
    {"street_station", "街头文化站", "Street culture station"},
    {"rural_stage", "乡村舞台", "Rural stage"},
    {"heritage_workshop", "非遗工坊", "Intangible heritage workshop"},
    {"cinema", "电影院", "Cinema"},
    {"other", "其他", "Other"},
};
const int venue_ncategories = sizeof(venue_categories) / sizeof(venue_categories[0]);

const venue_category *venue_category_find(const char *id)
{
    for (int i = 0; id && i < venue_ncategories; i++)
        if (!strcmp(venue_categories[i].id, id))
            return &venue_categories[i];
    return NULL;
}

int venue_parse_hhmm(const char *s)
{
    if (!s || strlen(s) != 5 || !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
        s[2] != ':' || !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
        return -1;
    int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
    if (m > 59 || h > 24 || (h == 24 && m))
        return -1;
    return h * 60 + m;
}

void venue_format_hhmm(int minutes, char out[6])
{
    unsigned m = minutes < 0 ? 0u : minutes > 1440 ? 1440u : (unsigned)minutes;
    out[0] = (char)('0' + m / 600);
    out[1] = (char)('0' + m / 60 % 10);
    out[2] = ':';
    out[3] = (char)('0' + m % 60 / 10);
    out[4] = (char)('0' + m % 10);
    out[5] = '\0';
}

int venue_weekly_minutes(const venue_hours *h, size_t n)
{
    int total = 0;
    for (int d = 1; d <= 7; d++) {
        unsigned char open[1440] = {0};
        for (size_t i = 0; i < n; i++)
            if (h[i].weekday == d)
                for (int m = h[i].opens; m < h[i].closes && m < 1440; m++)
                    open[m] = 1;
        for (int m = 0; m < 1440; m++)
            total += open[m];
    }
    return total;
}

void venue_local_time(int64_t ms, char day[11], int *weekday, int *minute)
{
    time_t t = (time_t)(ms / 1000) + WY_TZ_OFFSET_MIN * 60;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(day, 11, "%Y-%m-%d", &tm);
    *weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
    *minute = tm.tm_hour * 60 + tm.tm_min;
}

int venue_open_at(const venue_hours *h, size_t nh, const venue_closure *cl, size_t nc,
                  const char *day, int weekday, int minute)
{
    for (size_t i = 0; i < nc; i++)
        if (!strcmp(cl[i].day, day))
            return cl[i].opens >= 0 && minute >= cl[i].opens && minute < cl[i].closes;
    for (size_t i = 0; i < nh; i++)
        if (h[i].weekday == weekday && minute >= h[i].opens && minute < h[i].closes)
            return 1;
    return 0;
}

static int fill_view(wy_ctx *ctx, venue_view *out)
{
    char day[11];
    int wd, minute;
    venue_local_time(ctx->now, day, &wd, &minute);
    int rc = store_venue_hours(ctx->c, ctx->a, out->v.id, &out->hours, &out->nhours);
    if (rc == WY_OK)
        rc = store_venue_closures(ctx->c, ctx->a, out->v.id, day, &out->closures, &out->nclosures);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue hours");
    out->open_now =
        !strcmp(out->v.status, "open") &&
        venue_open_at(out->hours, out->nhours, out->closures, out->nclosures, day, wd, minute);
    out->weekly_minutes = venue_weekly_minutes(out->hours, out->nhours);
    out->meets_minimum = out->weekly_minutes >= ctx->cfg->venue_min_weekly_hours * 60;
    division d;
    out->division_name =
        store_division_get(ctx->c, ctx->a, out->v.division, &d) == WY_OK ? d.name : NULL;
    return 0;
}

int venue_get(wy_ctx *ctx, int64_t id, venue_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_venue_get(ctx->c, ctx->a, id, &out->v);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue");
    return fill_view(ctx, out);
}

int venue_brief(wy_ctx *ctx, int64_t id, venue *out)
{
    int rc = store_venue_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "venue");
}

static int text_ok(const char *s, size_t max_chars)
{
    return !s || (utf8_valid(s, strlen(s)) && utf8_length(s) <= max_chars);
}

/* Check v and normalise its division in place (into the arena). */
static int validate(wy_ctx *ctx, venue *v)
{
    if (!v->name || !*v->name || !text_ok(v->name, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 100 characters.", "name");
    if (!venue_category_find(v->category))
        return wy_fail_field(ctx, E_INVALID, "bad_category", "No such venue category.", "category");
    char div[DIVISION_CODE_MAX];
    if (!v->division || division_normalize(v->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    v->division = arena_strdup(ctx->a, div);
    if (isnan(v->lon) != isnan(v->lat) ||
        (!isnan(v->lon) && (v->lon < -180 || v->lon > 180 || v->lat < -90 || v->lat > 90)))
        return wy_fail_field(ctx, E_INVALID, "bad_location",
                             "A location is a longitude from -180 to 180 and a latitude from -90 "
                             "to 90 (WGS84).",
                             "lon");
    if (!isnan(v->area_m2) && (v->area_m2 < 0 || v->area_m2 > 1e7))
        return wy_fail_field(ctx, E_INVALID, "bad_area", "The floor area is 0 to 10,000,000 m².",
                             "area_m2");
    if (v->grade && strcmp(v->grade, "special") && strcmp(v->grade, "1") && strcmp(v->grade, "2") &&
        strcmp(v->grade, "3"))
        return wy_fail_field(ctx, E_INVALID, "bad_grade", "The grade is special, 1, 2 or 3.",
                             "grade");
    if (v->grade_year && (v->grade_year < 1990 || v->grade_year > 2100))
        return wy_fail_field(ctx, E_INVALID, "bad_grade_year",
                             "The year of the grade is from 1990 to 2100.", "grade_year");
    if (!text_ok(v->address, 200) || !text_ok(v->contact, 100) || !text_ok(v->awards, 500))
        return wy_fail(ctx, E_INVALID, "bad_text", "A text field is too long or not UTF-8.");
    if (v->photos) {
        json_error_t e;
        json_t *j = json_loads(v->photos, 0, &e);
        int ok = j && json_is_array(j) && json_array_size(j) <= 20;
        for (size_t i = 0; ok && i < json_array_size(j); i++) {
            const char *u = json_string_value(json_array_get(j, i));
            ok = weburl_valid(u, WEBURL_LOCAL);
        }
        json_decref(j);
        if (!ok)
            return wy_fail_field(ctx, E_INVALID, "bad_photos",
                                 "Photos are a list of at most 20 web addresses (http:// or "
                                 "https:// and a host name, or a path on this site), without "
                                 "spaces.",
                                 "photos");
    }
    if (v->status && strcmp(v->status, "open") && strcmp(v->status, "closed") &&
        strcmp(v->status, "planned"))
        return wy_fail_field(ctx, E_INVALID, "bad_status", "The status is open, closed or planned.",
                             "status");
    if (v->branch_of) {
        venue parent;
        if (v->branch_of == v->id)
            return wy_fail_field(ctx, E_INVALID, "bad_branch", "A venue is not its own branch.",
                                 "branch_of");
        rc = store_venue_get(ctx->c, ctx->a, v->branch_of, &parent);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "bad_branch", "The main venue does not exist.",
                                 "branch_of");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue");
    }
    return 0;
}

static int audit_venue(wy_ctx *ctx, const venue *v, const char *action, const char *what)
{
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)v->id);
    audit_entry e = {0,           ctx->now, ctx->who ? ctx->who->user_id : 0,
                     action,      "venue",  oid,
                     v->division, NULL,     v->status,
                     what};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

/* Create or update inside the caller's transaction. */
static int save(wy_ctx *ctx, venue *v, int create)
{
    if (validate(ctx, v) < 0)
        return -1;
    if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, v->division) < 0)
        return -1;
    int rc;
    if (create) {
        rc = store_venue_create(ctx->c, v, ctx->now, &v->id);
        if (rc == WY_CONSTRAINT)
            return wy_fail_field(ctx, E_CONFLICT, "duplicate_external_id",
                                 "Another venue has this external id.", "external_id");
    } else {
        rc = store_venue_update(ctx->c, v, ctx->now);
    }
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue save");
    return audit_venue(ctx, v, create ? "venue.create" : "venue.update", NULL);
}

int venue_create(wy_ctx *ctx, venue *v, int64_t *id)
{
    v->id = 0;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = save(ctx, v, 1);
    if (res == 0)
        *id = v->id;
    return tx_end(ctx, res);
}

int venue_update(wy_ctx *ctx, venue *v)
{
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    venue old;
    int res = 0;
    rc = store_venue_get(ctx->c, ctx->a, v->id, &old);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "venue");
    /* the editor must hold the venue where it is and where it goes */
    else if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, old.division) < 0)
        res = -1;
    if (res == 0)
        res = save(ctx, v, 0);
    return tx_end(ctx, res);
}

int venue_set_grade_tx(wy_ctx *ctx, int64_t id, const char *grade, int year, const char *reason)
{
    if (!grade || (strcmp(grade, "special") && strcmp(grade, "1") && strcmp(grade, "2") &&
                   strcmp(grade, "3")))
        return wy_fail_field(ctx, E_INVALID, "bad_grade", "The grade is special, 1, 2 or 3.",
                             "grade");
    if (year < 1990 || year > 2100)
        return wy_fail_field(ctx, E_INVALID, "bad_grade_year",
                             "The year of the grade is from 1990 to 2100.", "grade_year");
    venue old;
    int rc = store_venue_get(ctx->c, ctx->a, id, &old);
    if (rc == WY_OK)
        rc = store_venue_set_grade(ctx->c, id, grade, year, ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue");
    const char *from = old.grade ? arena_sprintf(ctx->a, "%s/%d", old.grade, old.grade_year) : NULL;
    const char *to = arena_sprintf(ctx->a, "%s/%d", grade, year);
    return audit_add(ctx, "venue.grade", "venue", id, old.division, from, to, reason);
}

static int valid_day(const char *s)
{
    int64_t ms;
    char buf[40];
    if (!s || strlen(s) != 10)
        return 0;
    snprintf(buf, sizeof(buf), "%sT00:00:00+08:00", s);
    return time_parse_rfc3339(buf, &ms) == 0;
}

/* Written by the modules' init before any request, read only after. */
static const venue_hours_listener *hours_listeners[8];
static size_t nhours_listeners;

void venue_on_hours_changed(const venue_hours_listener *l)
{
    for (size_t i = 0; i < nhours_listeners; i++)
        if (hours_listeners[i] == l)
            return;
    if (nhours_listeners == sizeof(hours_listeners) / sizeof(hours_listeners[0]))
        abort(); /* at start-up: a ninth listener needs a longer list */
    hours_listeners[nhours_listeners++] = l;
}

int venue_set_hours(wy_ctx *ctx, int64_t id, const venue_hours *h, size_t nh,
                    const venue_closure *cl, size_t nc)
{
    if (nh > 70 || nc > 400)
        return wy_fail(ctx, E_INVALID, "too_many", "Too many opening times or exceptions.");
    for (size_t i = 0; i < nh; i++)
        if (h[i].weekday < 1 || h[i].weekday > 7 || h[i].opens < 0 || h[i].closes > 1440 ||
            h[i].opens >= h[i].closes)
            return wy_fail_field(ctx, E_INVALID, "bad_hours",
                                 "Each opening time has a weekday 1-7 and opens before it closes.",
                                 "weekly");
    for (size_t i = 0; i < nc; i++)
        if (!valid_day(cl[i].day) ||
            (cl[i].opens >= 0 && (cl[i].closes > 1440 || cl[i].opens >= cl[i].closes)) ||
            !text_ok(cl[i].note, 100))
            return wy_fail_field(ctx, E_INVALID, "bad_exception",
                                 "An exception has a day (YYYY-MM-DD) and, unless closed all day, "
                                 "opens before it closes.",
                                 "exceptions");
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    venue v;
    int res = 0;
    rc = store_venue_get(ctx->c, ctx->a, id, &v);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "venue");
    else if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, v.division) < 0)
        res = -1;
    if (res == 0 && (rc = store_venue_set_hours(ctx->c, id, h, nh)) == WY_OK &&
        (rc = store_venue_set_closures(ctx->c, id, cl, nc)) == WY_OK)
        for (size_t i = 0; i < nhours_listeners && rc == WY_OK; i++)
            if (hours_listeners[i]->changed)
                rc = hours_listeners[i]->changed(ctx, id);
    if (res == 0 && rc != WY_OK)
        res = wy_fail_store(ctx, rc, "venue hours");
    if (res == 0) {
        char what[64];
        snprintf(what, sizeof(what), "hours: %d min/week", venue_weekly_minutes(h, nh));
        res = audit_venue(ctx, &v, "venue.hours", what);
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    for (size_t i = 0; i < nhours_listeners; i++)
        if (hours_listeners[i]->committed && hours_listeners[i]->committed(ctx, id) < 0) {
            error("venue: what follows the hours of venue %lld not updated: %s", (long long)id,
                  ctx->err.message ? ctx->err.message : "unknown");
            ctx->err = (wy_error){0};
        }
    return 0;
}

int venue_list(wy_ctx *ctx, const venue_query *q, venue_view **out, size_t *n, double **dist)
{
    venue_filter f = {.category = q->category && *q->category ? q->category : NULL,
                      .q = q->q,
                      .after = q->after,
                      .limit = q->limit};
    char div[DIVISION_CODE_MAX];
    if (q->division && *q->division) {
        if (division_normalize(q->division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        f.prefix = div;
    }
    if (f.category && !venue_category_find(f.category))
        return wy_fail_field(ctx, E_INVALID, "bad_category", "No such venue category.", "category");
    if (q->has_near) {
        if (q->lon < -180 || q->lon > 180 || q->lat < -90 || q->lat > 90 || q->radius_m <= 0 ||
            q->radius_m > 100000)
            return wy_fail_field(ctx, E_INVALID, "bad_near",
                                 "near is lon,lat (WGS84) and radius 1 to 100000 metres.", "near");
        double dlon, dlat;
        geo_degrees_for(q->lat, q->radius_m * 1.01, &dlon, &dlat);
        f.has_bbox = 1;
        f.min_lon = q->lon - dlon;
        f.max_lon = q->lon + dlon;
        f.min_lat = q->lat - dlat;
        f.max_lat = q->lat + dlat;
    }
    /* filters applied after the store (distance, open now) may drop rows: read ahead */
    int want = q->limit > 0 ? q->limit : 50;
    venue_view *res = arena_alloc(ctx->a, (size_t)want * sizeof(*res));
    double *d = arena_alloc(ctx->a, (size_t)want * sizeof(*d));
    size_t got = 0;
    if (!res || !d)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    for (int rounds = 0; got < (size_t)want && rounds < 50; rounds++) {
        venue *vs;
        size_t nv;
        f.limit = want * 2;
        int rc = store_venue_list(ctx->c, ctx->a, &f, &vs, &nv);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue list");
        for (size_t i = 0; i < nv && got < (size_t)want; i++) {
            f.after = vs[i].id;
            double m = 0;
            if (q->has_near) {
                if (isnan(vs[i].lon))
                    continue;
                m = geo_distance_m(q->lon, q->lat, vs[i].lon, vs[i].lat);
                if (m > q->radius_m)
                    continue;
            }
            venue_view *vv = &res[got];
            memset(vv, 0, sizeof(*vv));
            vv->v = vs[i];
            if (fill_view(ctx, vv) < 0)
                return -1;
            if (q->open_now && !vv->open_now)
                continue;
            d[got++] = m;
        }
        if (nv < (size_t)f.limit)
            break;
    }
    *out = res;
    *n = got;
    if (dist)
        *dist = d;
    return 0;
}

/* ---- import ---- */

static const char *const csv_columns[] = {
    "external_id", "name",       "category", "division", "address", "lon",       "lat", "area_m2",
    "grade",       "grade_year", "awards",   "contact",  "status",  "branch_of", "crs", NULL,
};

typedef struct import_state {
    wy_ctx *ctx;
    venue_import_result *res;
    size_t cap;
    const char *crs; /* of the whole file */
    int col[16];     /* column index of each csv_columns entry, -1 when absent */
    int header_done;
    int fatal;
    const char **seen; /* external ids of accepted rows */
    int *seen_line;
    size_t nseen, capseen;
} import_state;

static void add_result(import_state *st, int line, int ok, const char *action, const char *xid,
                       const char *reason)
{
    venue_import_result *r = st->res;
    if (r->nlines == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        venue_import_line *v = arena_alloc(st->ctx->a, cap * sizeof(*v));
        if (!v)
            return;
        if (r->nlines)
            memcpy(v, r->lines, r->nlines * sizeof(*v));
        r->lines = v;
        st->cap = cap;
    }
    r->lines[r->nlines++] = (venue_import_line){line, ok, action, arena_strdup(st->ctx->a, xid),
                                                arena_strdup(st->ctx->a, reason)};
    if (!ok)
        r->rejected++;
    else if (!strcmp(action, "create"))
        r->created++;
    else
        r->updated++;
}

static int seen_at(import_state *st, const char *xid)
{
    for (size_t i = 0; i < st->nseen; i++)
        if (!strcmp(st->seen[i], xid))
            return st->seen_line[i];
    return 0;
}

static void remember(import_state *st, const char *xid, int line)
{
    if (st->nseen == st->capseen) {
        size_t cap = st->capseen ? st->capseen * 2 : 64;
        const char **v = arena_alloc(st->ctx->a, cap * sizeof(*v));
        int *l = arena_alloc(st->ctx->a, cap * sizeof(*l));
        if (!v || !l)
            return;
        if (st->nseen) {
            memcpy(v, st->seen, st->nseen * sizeof(*v));
            memcpy(l, st->seen_line, st->nseen * sizeof(*l));
        }
        st->seen = v;
        st->seen_line = l;
        st->capseen = cap;
    }
    const char *x = arena_strdup(st->ctx->a, xid);
    if (!x) /* seen_at() compares them */
        return;
    st->seen[st->nseen] = x;
    st->seen_line[st->nseen++] = line;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    if (!s || !*s) {
        *out = NAN;
        return 0;
    }
    double v = strtod(s, &end);
    if (*end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* One row or feature: fields by name (NULL when absent). Returns 0, or -1 on a fatal error. */
static int import_one(import_state *st, int line, const char *const *f)
{
    wy_ctx *ctx = st->ctx;
    ctx->err = (wy_error){0};
    const char *xid = f[0] && *f[0] ? f[0] : NULL;
    venue v = {0};
    v.name = f[1];
    v.category = f[2];
    v.division = f[3];
    v.address = f[4] && *f[4] ? f[4] : NULL;
    v.grade = f[8] && *f[8] ? f[8] : NULL;
    v.awards = f[10] && *f[10] ? f[10] : NULL;
    v.contact = f[11] && *f[11] ? f[11] : NULL;
    v.status = f[12] && *f[12] ? f[12] : "open";
    v.external_id = xid;
    const char *crs = f[14] && *f[14] ? f[14] : st->crs;
    double gy = NAN;
    if (!xid) {
        add_result(st, line, 0, NULL, NULL, "an external_id is needed, to update on re-import");
        return 0;
    }
    int prev = seen_at(st, xid);
    if (prev) {
        add_result(st, line, 0, NULL, xid,
                   arena_sprintf(ctx->a, "the external_id is on line %d already", prev));
        return 0;
    }
    if (parse_number(f[5], &v.lon) < 0 || parse_number(f[6], &v.lat) < 0) {
        add_result(st, line, 0, NULL, xid, "lon and lat must be numbers");
        return 0;
    }
    if (parse_number(f[7], &v.area_m2) < 0 || parse_number(f[9], &gy) < 0 ||
        (!isnan(gy) && gy != floor(gy))) {
        add_result(st, line, 0, NULL, xid, "area_m2 and grade_year must be numbers");
        return 0;
    }
    v.grade_year = isnan(gy) ? 0 : (int)gy;
    if (crs && strcmp(crs, "wgs84") && strcmp(crs, "gcj02")) {
        add_result(st, line, 0, NULL, xid, "crs is wgs84 or gcj02");
        return 0;
    }
    if (crs && !strcmp(crs, "gcj02") && !isnan(v.lon) && !isnan(v.lat))
        gcj02_to_wgs84(v.lon, v.lat, &v.lon, &v.lat);
    if (store_savepoint(ctx->c) != WY_OK) {
        st->fatal = 1;
        return -1;
    }
    int res = 0;
    if (f[13] && *f[13]) {
        venue main_v;
        int rc = store_venue_by_external(ctx->c, ctx->a, f[13], &main_v);
        if (rc == WY_OK)
            v.branch_of = main_v.id;
        else
            res = wy_fail_field(ctx, E_INVALID, "bad_branch",
                                "The main venue (branch_of) is not known: list it before its "
                                "branches.",
                                "branch_of");
    }
    venue old;
    int exists = store_venue_by_external(ctx->c, ctx->a, xid, &old) == WY_OK;
    if (res == 0 && exists) {
        v.id = old.id;
        if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, old.division) < 0)
            res = -1;
    }
    if (res == 0)
        res = save(ctx, &v, !exists);
    if (res < 0) {
        store_savepoint_rollback(ctx->c);
        if (ctx->err.cls == E_INTERNAL || ctx->err.cls == E_UNAVAILABLE) {
            st->fatal = 1;
            return -1;
        }
        add_result(st, line, 0, NULL, xid, ctx->err.message);
        return 0;
    }
    if (store_savepoint_release(ctx->c) != WY_OK) {
        st->fatal = 1;
        return -1;
    }
    remember(st, xid, line);
    add_result(st, line, 1, exists ? "update" : "create", xid, NULL);
    return 0;
}

static int on_csv_row(const csv_row *row, void *user)
{
    import_state *st = user;
    if (!st->header_done) {
        st->header_done = 1;
        for (int k = 0; csv_columns[k]; k++) {
            st->col[k] = -1;
            for (size_t i = 0; i < row->n; i++)
                if (!strcmp(row->f[i], csv_columns[k]))
                    st->col[k] = (int)i;
        }
        if (st->col[0] < 0 || st->col[1] < 0 || st->col[2] < 0 || st->col[3] < 0) {
            wy_fail(st->ctx, E_INVALID, "bad_header",
                    "The first line must name the columns, at least external_id, name, category "
                    "and division.");
            return -1;
        }
        return 0;
    }
    if (row->bad_utf8) {
        add_result(st, row->line, 0, NULL, NULL,
                   "not UTF-8 text (save the file as CSV UTF-8; GBK is not read)");
        return 0;
    }
    const char *f[16] = {0};
    /* a file exported here imports as it is: cells neutralised against formulas are read
     * back without their apostrophe */
    for (int k = 0; csv_columns[k]; k++)
        f[k] =
            st->col[k] >= 0 && (size_t)st->col[k] < row->n ? csvw_plain(row->f[st->col[k]]) : NULL;
    return import_one(st, row->line, f);
}

static const char *json_field(json_t *props, const char *key, arena *a)
{
    json_t *v = json_object_get(props, key);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_sprintf(a, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return arena_sprintf(a, "%.10g", json_real_value(v));
    return NULL;
}

static int import_geojson(import_state *st, const char *data, size_t len)
{
    wy_ctx *ctx = st->ctx;
    json_error_t e;
    json_t *doc = json_loadb(data, len, 0, &e);
    json_t *features = doc ? json_object_get(doc, "features") : NULL;
    if (!doc || !json_is_array(features)) {
        json_decref(doc);
        return wy_fail(ctx, E_INVALID, "bad_geojson",
                       "The file is not a GeoJSON FeatureCollection.");
    }
    /* a named crs member ("urn:...:GCJ-02" or "GCJ-02") says the datum of the whole file */
    const char *crs_name = json_string_value(
        json_object_get(json_object_get(json_object_get(doc, "crs"), "properties"), "name"));
    if (crs_name && strcasestr(crs_name, "gcj"))
        st->crs = "gcj02";
    for (size_t i = 0; i < json_array_size(features); i++) {
        json_t *ft = json_array_get(features, i), *props = json_object_get(ft, "properties");
        json_t *geom = json_object_get(ft, "geometry");
        const char *f[16] = {0};
        for (int k = 0; csv_columns[k]; k++)
            f[k] = json_field(props, csv_columns[k], ctx->a);
        if (json_is_object(geom)) {
            json_t *c = json_object_get(geom, "coordinates");
            const char *type = json_string_value(json_object_get(geom, "type"));
            if (!type || strcmp(type, "Point") || !json_is_array(c) || json_array_size(c) < 2 ||
                !json_is_number(json_array_get(c, 0)) || !json_is_number(json_array_get(c, 1))) {
                add_result(st, (int)i + 1, 0, NULL, f[0], "the geometry must be a Point");
                continue;
            }
            f[5] = arena_sprintf(ctx->a, "%.10f", json_number_value(json_array_get(c, 0)));
            f[6] = arena_sprintf(ctx->a, "%.10f", json_number_value(json_array_get(c, 1)));
        }
        if (import_one(st, (int)i + 1, f) < 0)
            break;
    }
    json_decref(doc);
    return st->fatal ? -1 : 0;
}

int venue_import(wy_ctx *ctx, const char *format, const char *crs, const char *data, size_t len,
                 int dry_run, venue_import_result *res)
{
    memset(res, 0, sizeof(*res));
    if (crs && *crs && strcmp(crs, "wgs84") && strcmp(crs, "gcj02"))
        return wy_fail_field(ctx, E_INVALID, "bad_crs", "crs is wgs84 or gcj02.", "crs");
    int csv = !format || !*format || !strcmp(format, "csv");
    if (!csv && strcmp(format, "geojson"))
        return wy_fail_field(ctx, E_INVALID, "bad_format", "The format is csv or geojson.",
                             "format");
    if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, NULL) < 0)
        return -1;
    import_state st = {.ctx = ctx, .res = res, .crs = crs && *crs ? crs : NULL};
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int r;
    if (csv) {
        char err[256] = "";
        r = csv_read_buffer(data, len, on_csv_row, &st, err, sizeof(err));
        if (r != 0 && !st.fatal && ctx->err.cls == E_NONE)
            wy_fail(ctx, E_INVALID, "bad_csv", arena_strdup(ctx->a, err));
        if (!st.header_done)
            r = wy_fail(ctx, E_INVALID, "bad_header", "The file is empty.");
    } else {
        r = import_geojson(&st, data, len);
    }
    if (r != 0 || st.fatal) {
        store_rollback(ctx->c);
        return -1;
    }
    /* a dry run did everything a real one does, and undoes it */
    if (dry_run) {
        store_rollback(ctx->c);
        return 0;
    }
    return tx_end(ctx, 0);
}

/* One OSM import at a time: each may decompress up to venue.osm_max_bytes. */
static pthread_mutex_t osm_import_mu = PTHREAD_MUTEX_INITIALIZER;

static int import_osm(wy_ctx *ctx, const char *path, const void *data, size_t len, const char *tags,
                      const char *division, int dry_run, venue_import_result *res);

int venue_import_osm(wy_ctx *ctx, const char *path, const void *data, size_t len, const char *tags,
                     const char *division, int dry_run, venue_import_result *res)
{
    memset(res, 0, sizeof(*res));
    if (!division || !*division)
        return wy_fail_field(ctx, E_INVALID, "division_required",
                             "Give the division the imported venues belong to.", "division");
    if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, NULL) < 0)
        return -1;
    if (pthread_mutex_trylock(&osm_import_mu) != 0) {
        ctx->err.retry_after_s = 10;
        return wy_fail(ctx, E_UNAVAILABLE, "import_busy",
                       "Another OpenStreetMap import is running; try again when it has finished.");
    }
    int rc = import_osm(ctx, path, data, len, tags, division, dry_run, res);
    pthread_mutex_unlock(&osm_import_mu);
    return rc;
}

static int import_osm(wy_ctx *ctx, const char *path, const void *data, size_t len, const char *tags,
                      const char *division, int dry_run, venue_import_result *res)
{
    osm_options opt = {.poi_tags = tags && *tags ? tags : NULL,
                       .skip_network = 1,
                       .max_nodes = (size_t)ctx->cfg->venue_osm_max_nodes,
                       .max_bytes = (size_t)ctx->cfg->venue_osm_max_bytes};
    osm_network net;
    char err[256];
    int lr = path ? osm_load(path, &opt, &net, err, sizeof(err))
                  : osm_load_buffer(data, len, &opt, &net, err, sizeof(err));
    if (lr < 0) {
        osm_network_free(&net);
        log_info("venue import: %s", err);
        if (lr == OSM_TOO_LARGE)
            return wy_fail(ctx, E_RULE, "osm_too_large",
                           "The extract is too large for a venue import (more nodes or data than "
                           "venue.osm_max_nodes and venue.osm_max_bytes allow): import a smaller "
                           "area.");
        if (lr == OSM_NO_MEMORY)
            return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
        return wy_fail(ctx, E_INVALID, "bad_osm", arena_strdup(ctx->a, err));
    }
    import_state st = {.ctx = ctx, .res = res};
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK) {
        osm_network_free(&net);
        return wy_fail_store(ctx, rc, "begin");
    }
    for (size_t i = 0; i < net.n_pois && !st.fatal; i++) {
        const osm_poi *p = &net.pois[i];
        const char *f[16] = {0};
        f[0] = arena_sprintf(ctx->a, "osm:%s/%lld", p->osm_type == 'w' ? "way" : "node", p->osm_id);
        f[1] = p->name && *p->name ? arena_strdup(ctx->a, p->name)
                                   : arena_sprintf(ctx->a, "%s %lld", p->tag, p->osm_id);
        f[2] = venue_category_find(p->category) ? p->category : "other";
        f[3] = division;
        f[5] = arena_sprintf(ctx->a, "%.7f", p->lon);
        f[6] = arena_sprintf(ctx->a, "%.7f", p->lat);
        import_one(&st, (int)i + 1, f);
    }
    osm_network_free(&net);
    if (st.fatal || dry_run) {
        store_rollback(ctx->c);
        return st.fatal ? -1 : 0;
    }
    return tx_end(ctx, 0);
}

/* ---- export ---- */

static int export_all(wy_ctx *ctx, const char *division, venue **out, size_t *n)
{
    venue_filter f = {.limit = 100000};
    char div[DIVISION_CODE_MAX];
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        f.prefix = div;
    }
    int rc = store_venue_list(ctx->c, ctx->a, &f, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "venue export");
}

int venue_export_csv(wy_ctx *ctx, const char *division, strbuf *out)
{
    venue *vs;
    size_t n;
    if (export_all(ctx, division, &vs, &n) < 0)
        return -1;
    csvw w;
    csvw_begin(&w, out);
    for (int k = 0; k < 14; k++)
        csvw_text(&w, csv_columns[k]);
    csvw_text(&w, "id");
    csvw_row_end(&w);
    for (size_t i = 0; i < n; i++) {
        const venue *v = &vs[i];
        venue main_v;
        const char *branch =
            v->branch_of && store_venue_get(ctx->c, ctx->a, v->branch_of, &main_v) == WY_OK
                ? main_v.external_id
                : NULL;
        csvw_text(&w, v->external_id);
        csvw_text(&w, v->name);
        csvw_text(&w, v->category);
        csvw_text(&w, v->division);
        csvw_text(&w, v->address);
        csvw_real(&w, v->lon, 7);
        csvw_real(&w, v->lat, 7);
        csvw_real(&w, v->area_m2, 1);
        csvw_text(&w, v->grade);
        if (v->grade_year)
            csvw_int(&w, v->grade_year);
        else
            csvw_text(&w, NULL);
        csvw_text(&w, v->awards);
        csvw_text(&w, v->contact);
        csvw_text(&w, v->status);
        csvw_text(&w, branch);
        csvw_int(&w, v->id);
        csvw_row_end(&w);
    }
    if (csvw_finish(&w) < 0)
        return wy_fail(ctx, E_UNAVAILABLE, "too_large",
                       "The export is too large: export one division at a time.");
    return 0;
}

int venue_export_geojson(wy_ctx *ctx, const char *division, strbuf *out)
{
    venue *vs;
    size_t n;
    if (export_all(ctx, division, &vs, &n) < 0)
        return -1;
    json_t *features = json_array();
    for (size_t i = 0; i < n; i++) {
        const venue *v = &vs[i];
        json_t *props =
            json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)v->id, "name", v->name, "category",
                      v->category, "division", v->division, "status", v->status);
        if (v->external_id)
            json_object_set_new(props, "external_id", json_string(v->external_id));
        if (v->address)
            json_object_set_new(props, "address", json_string(v->address));
        if (!isnan(v->area_m2))
            json_object_set_new(props, "area_m2", json_real(v->area_m2));
        if (v->grade)
            json_object_set_new(props, "grade", json_string(v->grade));
        json_t *geom = isnan(v->lon) ? json_null()
                                     : json_pack("{s:s,s:[f,f]}", "type", "Point", "coordinates",
                                                 v->lon, v->lat);
        json_array_append_new(features, json_pack("{s:s,s:o,s:o}", "type", "Feature", "geometry",
                                                  geom, "properties", props));
    }
    json_t *doc =
        json_pack("{s:s,s:o,s:s}", "type", "FeatureCollection", "features", features, "attribution",
                  "Venue data: the culture and tourism bureau; locations may derive "
                  "from OpenStreetMap (© OpenStreetMap contributors, ODbL)");
    char *s = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(10));
    json_decref(doc);
    if (!s)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    sb_adds(out, s);
    free(s);
    return 0;
}

int venue_indicator_count(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms,
                          double *out)
{
    (void)from_ms;
    int64_t n;
    int rc = store_venue_count(ctx->c, ctx->a, division, to_ms, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue count");
    *out = (double)n;
    return 0;
}
