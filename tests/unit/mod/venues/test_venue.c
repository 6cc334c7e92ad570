/* Tests of src/domain/venue.c and src/util/geodesy.c: hours, open now, validation, scope,
 * import (with a broken file and a dry run) and export. */
#include <math.h>

#include "testlib.h"

#include "mod/venues/venue.h"
#include "geo/circle.h"
#include "util/geodesy.h"

/* The directory's categories are the circle analysis's, in the same order, so the Zhejiang
 * rule's required and free sets there (the one place they are stated) cover every venue. */
static void test_categories_are_the_circle_ones(void **state)
{
    (void)state;
    assert_int_equal(venue_ncategories, CIRCLE_NCAT);
    for (int i = 0; i < venue_ncategories; i++)
        assert_int_equal(circle_category_from_name(venue_categories[i].id), i);
}

static void test_hours(void **state)
{
    (void)state;
    assert_int_equal(venue_parse_hhmm("09:30"), 570);
    assert_int_equal(venue_parse_hhmm("24:00"), 1440);
    assert_int_equal(venue_parse_hhmm("24:01"), -1);
    assert_int_equal(venue_parse_hhmm("9:30"), -1);
    assert_int_equal(venue_parse_hhmm("09:60"), -1);
    char out[6];
    venue_format_hhmm(570, out);
    assert_string_equal(out, "09:30");
    /* Monday 9-12 and 11-17 overlap: 8 hours, not 9; Saturday evening extended 18-21 */
    venue_hours h[] = {{1, 540, 720, 0}, {1, 660, 1020, 0}, {6, 1080, 1260, 1}};
    assert_int_equal(venue_weekly_minutes(h, 3), 8 * 60 + 3 * 60);
    venue_closure cl[] = {{"2026-11-23", -1, -1, "维护闭馆"}, {"2026-11-28", 600, 660, NULL}};
    /* 2026-11-23 is a Monday: closed all day by the exception */
    assert_false(venue_open_at(h, 3, cl, 2, "2026-11-23", 1, 600));
    assert_true(venue_open_at(h, 3, cl, 2, "2026-11-30", 1, 600));
    assert_false(venue_open_at(h, 3, cl, 2, "2026-11-30", 1, 1020)); /* closes at 17:00 */
    /* Saturday 2026-11-28 has special hours 10-11 instead of the evening */
    assert_true(venue_open_at(h, 3, cl, 2, "2026-11-28", 6, 630));
    assert_false(venue_open_at(h, 3, cl, 2, "2026-11-28", 6, 1100));
    char day[11];
    int wd, minute;
    venue_local_time(1795329000000LL, day, &wd, &minute); /* 2026-11-22T14:30+08:00 */
    assert_string_equal(day, "2026-11-22");
    assert_int_equal(wd, 7);
    assert_int_equal(minute, 14 * 60 + 30);
}

static void test_geodesy(void **state)
{
    (void)state;
    /* one degree of latitude at the equator on WGS84: 110574.389 m */
    assert_true(fabs(geo_distance_m(0, 0, 0, 1) - 110574.389) < 0.01);
    /* GCJ-02 shifts points in China by hundreds of metres; the inverse comes back exactly */
    double glon, glat, lon, lat;
    wgs84_to_gcj02(101.7186, 26.5823, &glon, &glat);
    double shift = geo_distance_m(101.7186, 26.5823, glon, glat);
    assert_true(shift > 100 && shift < 1000);
    gcj02_to_wgs84(glon, glat, &lon, &lat);
    assert_true(geo_distance_m(lon, lat, 101.7186, 26.5823) < 0.01);
    /* outside China nothing moves (Monaco) */
    wgs84_to_gcj02(7.42, 43.73, &glon, &glat);
    assert_true(glon == 7.42 && glat == 43.73);
}

static venue sample(const char *name, const char *division)
{
    venue v = {0};
    v.name = name;
    v.category = "library";
    v.division = division;
    v.lon = 101.7186;
    v.lat = 26.5823;
    v.area_m2 = NAN;
    return v;
}

static void test_create_scope_and_validation(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t id;
    tdb_as(t, "13900000005"); /* venue manager of 510402001 */
    venue v = sample("大渡口街道文化站", "510402001");
    v.category = "town_station";
    assert_int_equal(venue_create(&t->ctx, &v, &id), 0);
    venue w = sample("西区图书馆", "510403");
    assert_int_equal(venue_create(&t->ctx, &w, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13800000006"); /* a citizen */
    w = sample("x", "510402001");
    assert_int_equal(venue_create(&t->ctx, &w, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13900000001");
    struct {
        const char *field;
        venue v;
    } bad[] = {
        {"name", sample("", "5104")},      {"category", sample("x", "5104")},
        {"division", sample("x", "1404")}, {"lon", sample("x", "5104")},
        {"grade", sample("x", "5104")},    {"photos", sample("x", "5104")},
        {"photos", sample("x", "5104")},   {"photos", sample("x", "5104")},
    };
    bad[1].v.category = "disco";
    bad[3].v.lon = 200;
    bad[4].v.grade = "4";
    bad[5].v.photos = "[\"https://\"]"; /* no host */
    bad[6].v.photos = "[\"/a.jpg\", \"//evil.example/b.jpg\"]";
    bad[7].v.photos = "[\"https://img.example.org/a b.jpg\"]";
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(venue_create(&t->ctx, &bad[i].v, &id), -1);
        assert_string_equal(t->ctx.err.field, bad[i].field);
    }
    venue ph = sample("有照片的文化站", "510402");
    ph.photos = "[\"https://img.example.org/1.jpg\", \"/files/2.jpg\"]";
    assert_int_equal(venue_create(&t->ctx, &ph, &id), 0);
    /* a branch of a county library (总分馆), then its hours */
    venue lib = sample("东区图书馆", "510402");
    int64_t lib_id, branch_id;
    assert_int_equal(venue_create(&t->ctx, &lib, &lib_id), 0);
    venue br = sample("东区图书馆炳草岗分馆", "510402002");
    br.branch_of = lib_id;
    assert_int_equal(venue_create(&t->ctx, &br, &branch_id), 0);
    venue_hours h[] = {{1, 540, 1260, 0}, {2, 540, 1260, 0}, {3, 540, 1260, 0},
                       {4, 540, 1260, 0}, {5, 540, 1260, 1}, {6, 540, 1260, 1}};
    assert_int_equal(venue_set_hours(&t->ctx, branch_id, h, 6, NULL, 0), 0);
    venue_view vv;
    assert_int_equal(venue_get(&t->ctx, branch_id, &vv), 0);
    assert_int_equal(vv.weekly_minutes, 6 * 12 * 60);
    assert_true(vv.meets_minimum); /* 72 h >= 42 h */
    assert_int_equal(vv.v.branch_of, lib_id);
    venue_hours bad_h[] = {{8, 540, 600, 0}};
    assert_int_equal(venue_set_hours(&t->ctx, branch_id, bad_h, 1, NULL, 0), -1);
    /* 东区's admin edits 东区's venue, but may not move it out of 东区 */
    tdb_as(t, "13900000002");
    assert_int_equal(venue_get(&t->ctx, lib_id, &vv), 0);
    vv.v.name = "改名";
    assert_int_equal(venue_update(&t->ctx, &vv.v), 0);
    vv.v.division = "510403";
    assert_int_equal(venue_update(&t->ctx, &vv.v), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_close(t);
}

static int64_t count_venues(tdb *t)
{
    db_stmt *st = db_query(t->ctx.c, "SELECT count(*) FROM venues", "");
    assert_int_equal(db_step(st), 1);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void test_import_broken_csv(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000002"); /* district admin of 东区 */
    const char csv[] = "\xef\xbb\xbf"
                       "external_id,name,category,division,address,lon,lat,area_m2\n"
                       "pzh-1,东区图书馆,library,510402,炳草岗大街,101.7186,26.5823,3200\n"
                       "pzh-2,坐标错误,library,510402,,101.7,95.1,\n" /* lat > 90 */
                       "pzh-3,未知区划,library,519999,,101.7,26.5,\n" /* unknown division */
                       "pzh-1,重复编号,museum,510402,,101.7,26.5,\n"  /* duplicate id */
                       "pzh-4,\xb6\xab\xc7\xf8\xce\xc4\xbb\xaf,library,510402,,101.7,26.5,\n"
                       "pzh-5,文化站,town_station,510402001,,101.71,26.57,800\n"
                       "pzh-6,非数字,library,510402,,abc,26.5,\n"
                       "pzh-7,西区的,library,510403,,101.6,26.5,\n"; /* outside the area */
    venue_import_result r;
    int64_t base = count_venues(t); /* the demo's venues */
    assert_int_equal(venue_import(&t->ctx, "csv", NULL, csv, sizeof(csv) - 1, 1, &r), 0);
    assert_int_equal(r.created, 2);
    assert_int_equal(r.rejected, 6);
    static const int bad_lines[] = {3, 4, 5, 6, 8, 9};
    int k = 0;
    for (size_t i = 0; i < r.nlines; i++)
        if (!r.lines[i].ok) {
            assert_int_equal(r.lines[i].line, bad_lines[k++]);
            assert_non_null(r.lines[i].reason);
        }
    assert_int_equal(count_venues(t), base); /* the dry run changed nothing */
    assert_int_equal(venue_import(&t->ctx, "csv", NULL, csv, sizeof(csv) - 1, 0, &r), 0);
    assert_int_equal(r.created, 2);
    assert_int_equal(count_venues(t), base + 2);
    /* importing again updates by external id instead of duplicating */
    assert_int_equal(venue_import(&t->ctx, "csv", NULL, csv, sizeof(csv) - 1, 0, &r), 0);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.updated, 2);
    assert_int_equal(count_venues(t), base + 2);
    tdb_close(t);
}

static void test_gcj02_and_geojson_roundtrip(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000001");
    double glon, glat;
    wgs84_to_gcj02(101.7186, 26.5823, &glon, &glat);
    char csv[256];
    snprintf(
        csv, sizeof(csv),
        "external_id,name,category,division,lon,lat\nm-1,攀枝花市博物馆,museum,5104,%.8f,%.8f\n",
        glon, glat);
    venue_import_result r;
    assert_int_equal(venue_import(&t->ctx, "csv", "gcj02", csv, strlen(csv), 0, &r), 0);
    assert_int_equal(r.created, 1);
    venue v;
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "m-1", &v), WY_OK);
    assert_true(geo_distance_m(v.lon, v.lat, 101.7186, 26.5823) < 0.05);
    /* export as GeoJSON and CSV; importing the exports changes nothing but updates */
    strbuf gj = STRBUF_INIT, cs = STRBUF_INIT;
    assert_int_equal(venue_export_geojson(&t->ctx, "5104", &gj), 0);
    assert_int_equal(venue_export_csv(&t->ctx, "5104", &cs), 0);
    assert_memory_equal(cs.buf, "\xef\xbb\xbf", 3);
    assert_non_null(strstr(cs.buf, "\r\n"));
    int64_t all = count_venues(t); /* the demo's and this one */
    assert_int_equal(venue_import(&t->ctx, "geojson", NULL, gj.buf, gj.len, 0, &r), 0);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.updated, all);
    assert_int_equal(r.rejected, 0);
    assert_int_equal(venue_import(&t->ctx, "csv", NULL, cs.buf, cs.len, 0, &r), 0);
    assert_int_equal(r.created, 0);
    assert_int_equal(r.updated, all);
    assert_int_equal(r.rejected, 0);
    assert_int_equal(count_venues(t), all);
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "m-1", &v), WY_OK);
    assert_true(geo_distance_m(v.lon, v.lat, 101.7186, 26.5823) < 0.05);
    sb_release(&gj);
    sb_release(&cs);
    /* a broken GeoJSON is refused whole */
    assert_int_equal(venue_import(&t->ctx, "geojson", NULL, "{\"type\":1}", 10, 1, &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_geojson");
    tdb_close(t);
}

static void test_list_near_and_open(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000001");
    int64_t a, b;
    /* north of 仁和区, where no demo venue stands */
    venue v1 = sample("近", "510402"), v2 = sample("远", "510402");
    v1.lon = 101.8000;
    v1.lat = v2.lat = 26.7000;
    v2.lon = 101.8300; /* about 3 km east */
    assert_int_equal(venue_create(&t->ctx, &v1, &a), 0);
    assert_int_equal(venue_create(&t->ctx, &v2, &b), 0);
    venue_query q = {.has_near = 1, .lon = 101.8004, .lat = 26.7000, .radius_m = 1000, .limit = 10};
    venue_view *vs;
    size_t n;
    double *d;
    assert_int_equal(venue_list(&t->ctx, &q, &vs, &n, &d), 0);
    assert_int_equal(n, 1);
    assert_int_equal(vs[0].v.id, a);
    assert_true(d[0] > 35 && d[0] < 45);
    /* open now: only the one open at this moment */
    char day[11];
    int wd, minute;
    venue_local_time(t->ctx.now, day, &wd, &minute);
    venue_hours h[] = {{wd, 0, 1440, 0}};
    assert_int_equal(venue_set_hours(&t->ctx, b, h, 1, NULL, 0), 0);
    venue_query q2 = {.open_now = 1, .q = "远", .limit = 10};
    assert_int_equal(venue_list(&t->ctx, &q2, &vs, &n, &d), 0);
    assert_int_equal(n, 1);
    assert_int_equal(vs[0].v.id, b);
    venue_query q3 = {.open_now = 1, .q = "近", .limit = 10}; /* no hours: never open */
    assert_int_equal(venue_list(&t->ctx, &q3, &vs, &n, &d), 0);
    assert_int_equal(n, 0);
    tdb_close(t);
}

/* What follows a venue's hours in another module (venue_on_hours_changed): changed() runs
 * inside the transaction, its failure rolls the new hours back; committed() runs once they
 * are committed, its failure is logged and the hours stand. */
static int hook_fail_changed, hook_fail_committed, hook_calls;
static int64_t hook_seen_minutes;

static int hook_changed(wy_ctx *ctx, int64_t venue_id)
{
    (void)ctx;
    (void)venue_id;
    hook_calls++;
    return hook_fail_changed ? WY_ERR : WY_OK;
}

static int hook_committed(wy_ctx *ctx, int64_t venue_id)
{
    venue_view vv;
    assert_int_equal(venue_get(ctx, venue_id, &vv), 0); /* the new hours, committed */
    hook_seen_minutes = vv.weekly_minutes;
    hook_calls++;
    return hook_fail_committed ? wy_fail(ctx, E_INTERNAL, "x", "failed") : 0;
}

static void test_hours_listener(void **state)
{
    (void)state;
    static const venue_hours_listener l = {hook_changed, hook_committed};
    venue_on_hours_changed(&l);
    venue_on_hours_changed(&l); /* kept once */
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000001");
    venue v = sample("钩子馆", "510402");
    int64_t id;
    assert_int_equal(venue_create(&t->ctx, &v, &id), 0);
    venue_hours h[] = {{1, 540, 600, 0}};
    hook_calls = 0;
    assert_int_equal(venue_set_hours(&t->ctx, id, h, 1, NULL, 0), 0);
    assert_int_equal(hook_calls, 2);
    assert_int_equal(hook_seen_minutes, 60);
    /* a failing listener inside the transaction: nothing changes */
    venue_hours h2[] = {{1, 540, 720, 0}};
    hook_fail_changed = 1;
    hook_calls = 0;
    assert_int_equal(venue_set_hours(&t->ctx, id, h2, 1, NULL, 0), -1);
    assert_int_equal(t->ctx.err.cls, E_INTERNAL);
    assert_int_equal(hook_calls, 1); /* and committed() is not called */
    t->ctx.err = (wy_error){0};
    venue_view vv;
    assert_int_equal(venue_get(&t->ctx, id, &vv), 0);
    assert_int_equal(vv.weekly_minutes, 60);
    /* a failing listener after the commit: the hours stand, the call succeeds */
    hook_fail_changed = 0;
    hook_fail_committed = 1;
    assert_int_equal(venue_set_hours(&t->ctx, id, h2, 1, NULL, 0), 0);
    assert_int_equal(t->ctx.err.cls, E_NONE);
    assert_int_equal(venue_get(&t->ctx, id, &vv), 0);
    assert_int_equal(vv.weekly_minutes, 180);
    hook_fail_committed = 0;
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_categories_are_the_circle_ones),
        cmocka_unit_test(test_hours),
        cmocka_unit_test(test_geodesy),
        cmocka_unit_test(test_create_scope_and_validation),
        cmocka_unit_test(test_import_broken_csv),
        cmocka_unit_test(test_gcj02_and_geojson_roundtrip),
        cmocka_unit_test(test_list_near_and_open),
        cmocka_unit_test(test_hours_listener),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
