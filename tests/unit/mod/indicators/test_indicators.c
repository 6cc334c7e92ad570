/* Tests of src/mod/indicators: periods in China time, the status rule and its projection,
 * the seeded catalogue, targets (scope, validation, audit, which target holds), reported
 * values with evidence and corrections kept as new records, computed values and their cache,
 * and what a caller may see. On both backends (the -pg twin). */
#include <math.h>
#include <sodium.h>

#include "testlib.h"

#include "core/audit.h"
#include "mod/indicators/indicators.h"

static int64_t at(const char *rfc3339)
{
    int64_t ms;
    assert_int_equal(time_parse_rfc3339(rfc3339, &ms), 0);
    return ms;
}

/* ---- periods ---------------------------------------------------------------------------- */

static void test_periods(void **state)
{
    (void)state;
    ind_period p;
    assert_int_equal(ind_period_parse_text("2026", &p), 0);
    assert_int_equal(p.kind, IND_YEAR);
    assert_string_equal(p.text, "2026");
    assert_int_equal(p.from, at("2026-01-01T00:00:00+08:00"));
    assert_int_equal(p.to, at("2027-01-01T00:00:00+08:00"));
    assert_int_equal(ind_period_parse_text("2026-Q1", &p), 0);
    assert_int_equal(p.kind, IND_QUARTER);
    assert_int_equal(p.from, at("2026-01-01T00:00:00+08:00"));
    assert_int_equal(p.to, at("2026-04-01T00:00:00+08:00"));
    assert_int_equal(ind_period_parse_text("2026-q4", &p), 0);
    assert_string_equal(p.text, "2026-Q4");
    assert_int_equal(p.to, at("2027-01-01T00:00:00+08:00"));
    assert_int_equal(ind_period_parse_text("2026-03", &p), 0);
    assert_int_equal(p.kind, IND_MONTH);
    assert_int_equal(p.from, at("2026-03-01T00:00:00+08:00"));
    assert_int_equal(p.to, at("2026-04-01T00:00:00+08:00"));
    assert_int_equal(ind_period_parse_text("2026-12", &p), 0);
    assert_int_equal(p.to, at("2027-01-01T00:00:00+08:00"));
    static const char *const bad[] = {"",        "26",       "2026-13", "2026-00", "2026-Q0",
                                      "2026-Q5", "2026-3",   "abcd",    "1899",    "3000",
                                      "2026-",   "2026-Q1x", "20261",   "2026/03", " 2026"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_int_equal(ind_period_parse_text(bad[i], &p), -1);
    assert_int_equal(ind_period_parse_text(NULL, &p), -1);

    /* a clear refusal on the context */
    wy_ctx ctx = {0};
    assert_int_equal(ind_period_parse(&ctx, "2026-13", &p), -1);
    assert_int_equal(ctx.err.cls, E_INVALID);
    assert_string_equal(ctx.err.code, "bad_period");
    assert_string_equal(ctx.err.field, "period");
    ctx.err = (wy_error){0};
    assert_int_equal(ind_period_parse(&ctx, NULL, &p), -1);
    assert_string_equal(ctx.err.code, "bad_period");

    /* the period that holds an instant: 2026-03-31 20:00 UTC is already April in China */
    ind_period_at(IND_MONTH, at("2026-03-31T20:00:00Z"), &p);
    assert_string_equal(p.text, "2026-04");
    ind_period_at(IND_QUARTER, at("2026-03-31T20:00:00Z"), &p);
    assert_string_equal(p.text, "2026-Q2");
    ind_period_at(IND_YEAR, at("2025-12-31T16:00:00Z"), &p);
    assert_string_equal(p.text, "2026");
    ind_period_at(IND_YEAR, at("2025-12-31T15:59:59Z"), &p);
    assert_string_equal(p.text, "2025");
    /* before 1970 too: the last millisecond of a period is still in it (the chart of an
     * indicator steps back through periods from the one before's last instant) */
    assert_int_equal(ind_period_parse_text("1960", &p), 0);
    ind_period q;
    ind_period_at(IND_YEAR, p.to - 1, &q);
    assert_string_equal(q.text, "1960");
    ind_period_at(IND_YEAR, p.from - 1, &q);
    assert_string_equal(q.text, "1959");
    assert_int_equal(ind_period_parse_text("1970-01", &p), 0); /* starts in 1969 in UTC */
    ind_period_at(IND_MONTH, p.from - 1, &q);
    assert_string_equal(q.text, "1969-12");
    ind_period_at(IND_QUARTER, p.from - 1, &q);
    assert_string_equal(q.text, "1969-Q4");
}

/* ---- status ----------------------------------------------------------------------------- */

static void test_status_rule(void **state)
{
    (void)state;
    int64_t y2021 = at("2021-01-01T00:00:00+08:00"), y2023 = at("2023-01-01T00:00:00+08:00"),
            y2026 = at("2026-01-01T00:00:00+08:00");
    double proj;
    /* no value, or no target: no data */
    ind_trend t = {.value = NAN, .target = 10, .baseline = NAN, .at = y2023, .deadline = y2026};
    assert_int_equal(ind_judge(&t, &proj), IND_NO_DATA);
    assert_true(isnan(proj));
    t.value = 5;
    t.target = NAN;
    assert_int_equal(ind_judge(&t, &proj), IND_NO_DATA);

    /* met, up and down */
    t.target = 5;
    assert_int_equal(ind_judge(&t, &proj), IND_MET);
    assert_true(proj == 5);
    t = (ind_trend){
        .value = 3, .target = 4, .baseline = 10, .base_at = y2021, .at = y2023, .deadline = y2026};
    assert_int_equal(ind_judge(&t, &proj), IND_MET); /* fewer is better: 3 <= 4 */

    /* Cixi's facility area: 194 (2020) -> 250 (2025). At the start of 2023 (two years on),
     * 220 projects to 194 + 26 * 5 / 2 = 259: on track; 210 projects to 234: behind */
    t = (ind_trend){.value = 220,
                    .target = 250,
                    .baseline = 194,
                    .base_at = y2021,
                    .at = y2023,
                    .deadline = y2026};
    assert_int_equal(ind_judge(&t, &proj), IND_ON_TRACK);
    assert_true(fabs(proj - 259) < 0.1); /* years differ by a leap day */
    t.value = 210;
    assert_int_equal(ind_judge(&t, &proj), IND_BEHIND);
    assert_true(fabs(proj - 234) < 0.1);

    /* past the deadline and short of the target: behind, whatever the trend */
    t.value = 249;
    t.at = y2026;
    assert_int_equal(ind_judge(&t, &proj), IND_BEHIND);
    assert_true(proj == 249);

    /* a flow without a baseline: pro rata over its period. 300 sessions by the end of
     * March project to about 1,210 in the year */
    int64_t from = at("2026-01-01T00:00:00+08:00"), to = at("2027-01-01T00:00:00+08:00");
    t = (ind_trend){.value = 300,
                    .target = 800,
                    .baseline = NAN,
                    .from = from,
                    .at = at("2026-04-01T00:00:00+08:00"),
                    .deadline = to,
                    .flow = 1};
    assert_int_equal(ind_judge(&t, &proj), IND_ON_TRACK);
    assert_true(proj > 1200 && proj < 1220);
    t.value = 150;
    assert_int_equal(ind_judge(&t, &proj), IND_BEHIND);

    /* a stock without a baseline has no trend: its value is its projection */
    t.flow = 0;
    assert_int_equal(ind_judge(&t, &proj), IND_BEHIND);
    assert_true(proj == 150);

    assert_string_equal(ind_status_name(IND_MET), "met");
    assert_string_equal(ind_status_name(IND_ON_TRACK), "on_track");
    assert_string_equal(ind_status_name(IND_BEHIND), "behind");
    assert_string_equal(ind_status_name(IND_NO_DATA), "no_data");
}

/* ---- catalogue -------------------------------------------------------------------------- */

static void test_catalogue(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    tdb_as(t, NULL);
    ind_def *defs;
    size_t n;
    assert_int_equal(ind_catalogue(&t->ctx, &defs, &n), 0);
    assert_true(n >= 30);
    static const char *const plans[] = {"panzhihua", "changzhi", "cixi", "yuxi"};
    for (size_t k = 0; k < sizeof(plans) / sizeof(plans[0]); k++) {
        int seen = 0;
        for (size_t i = 0; i < n; i++)
            seen |= strstr(defs[i].plans, plans[k]) != NULL;
        assert_true(seen);
    }
    for (size_t i = 0; i < n; i++) {
        assert_true(!strcmp(defs[i].source, "computed") || !strcmp(defs[i].source, "reported"));
        assert_true(defs[i].name_zh[0] && defs[i].name_en[0] && defs[i].definition[0]);
        if (i)
            assert_true(defs[i - 1].sort <= defs[i].sort);
    }
    ind_def d;
    assert_int_equal(ind_def_get(&t->ctx, "venues.area_per_10k", &d), 0);
    assert_non_null(d.flag); /* Changzhi's 5,000 m², stored as written and flagged */
    assert_string_equal(d.attribute, "expected");
    assert_int_equal(ind_def_get(&t->ctx, "youth_palaces.model", &d), 0);
    assert_string_equal(d.attribute, "binding");
    assert_int_equal(ind_def_get(&t->ctx, "no.such", &d), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_string_equal(t->ctx.err.code, "unknown_indicator");

    /* the levels an indicator applies to */
    assert_int_equal(ind_def_get(&t->ctx, "youth_palaces.model", &d), 0);
    assert_true(ind_def_applies(&d, "330282"));
    assert_false(ind_def_applies(&d, "3302"));
    assert_false(ind_def_applies(&d, "330282001"));

    /* the computed ones name a module's indicator: venues.count is the venues module's */
    const wy_indicator *src = ind_source_of("venues.count");
    assert_non_null(src);
    assert_non_null(src->compute);
    assert_null(ind_source_of("no.such"));

    /* the plans' targets: Changzhi's figure as written, Cixi's with its 2020 baseline */
    ind_target *ts;
    assert_int_equal(store_ind_targets(t->ctx.c, t->ctx.a, "venues.area_per_10k", "1404", &ts, &n),
                     WY_OK);
    assert_int_equal(n, 1);
    assert_true(ts[0].target == 5000);
    assert_non_null(ts[0].note);
    assert_int_equal(
        store_ind_targets(t->ctx.c, t->ctx.a, "venues.area_per_10k", "330282", &ts, &n), WY_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ts[0].baseline_year, 2020);
    assert_true(ts[0].baseline == 194 && ts[0].target == 250);
    assert_string_equal(ts[0].period, "2025");
    tdb_close(t);
}

/* ---- targets ---------------------------------------------------------------------------- */

static void test_targets(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    ind_target tg;
    /* a district admin over its own district, not the neighbour's; a citizen nowhere */
    tdb_as(t, "13900000002");
    assert_int_equal(ind_target_set(&t->ctx, "activities.sessions", "510402", "2027", 220, 2026,
                                    180, 1, "两年计划", &tg),
                     0);
    assert_true(tg.id > 0);
    assert_int_equal(
        ind_target_set(&t->ctx, "activities.sessions", "510403", "2027", 220, 0, NAN, 0, NULL, &tg),
        -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, "13800000006");
    assert_int_equal(
        ind_target_set(&t->ctx, "activities.sessions", "510402", "2027", 1, 0, NAN, 0, NULL, &tg),
        -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);

    /* validation, each with its code */
    tdb_as(t, "13900000001");
    struct {
        const char *code, *division, *period;
        double target;
        int year;
        double baseline;
        const char *err;
    } bad[] = {
        {"no.such", "5104", "2027", 1, 0, NAN, "unknown_indicator"},
        {"venues.count", "51x4", "2027", 1, 0, NAN, "bad_division"},
        {"venues.count", "5199", "2027", 1, 0, NAN, "unknown_division"},
        {"venues.count", "5104", "2027-13", 1, 0, NAN, "bad_period"},
        {"venues.count", "5104", "2027", NAN, 0, NAN, "bad_target"},
        {"venues.count", "5104", "2027", INFINITY, 0, NAN, "bad_target"},
        {"venues.count", "5104", "2027", 1, 2030, 3, "bad_baseline_year"},
        {"venues.count", "5104", "2027", 1, 2020, NAN, "bad_baseline"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        t->ctx.err = (wy_error){0};
        assert_int_equal(ind_target_set(&t->ctx, bad[i].code, bad[i].division, bad[i].period,
                                        bad[i].target, bad[i].year, bad[i].baseline, 0, NULL, &tg),
                         -1);
        assert_string_equal(t->ctx.err.code, bad[i].err);
    }

    /* replacing a target keeps one row, and the audit log has both settings */
    assert_int_equal(ind_target_set(&t->ctx, "activities.sessions", "510402", "2027", 250, 2026,
                                    180, 1, NULL, &tg),
                     0);
    ind_target *ts;
    size_t n;
    assert_int_equal(ind_targets(&t->ctx, "activities.sessions", "510402", &ts, &n), 0);
    size_t in2027 = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ts[i].period, "2027")) {
            in2027++;
            assert_true(ts[i].target == 250);
        }
    assert_int_equal(in2027, 1);
    audit_entry *log;
    assert_int_equal(
        store_audit_list(t->ctx.c, t->ctx.a, "indicator_target", NULL, "510402", 0, 10, &log, &n),
        WY_OK);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].from_state, "220");
    assert_string_equal(log[0].to_state, "250");

    /* which target holds: the period's own; a recurring one for each year up to its end; a
     * stock's nearest deadline after the period */
    ind_def d;
    ind_period p;
    assert_int_equal(ind_def_get(&t->ctx, "activities.sessions", &d), 0);
    assert_int_equal(ind_period_parse_text("2027", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "510402", &p, &tg), 1);
    assert_true(tg.target == 250);
    assert_int_equal(
        ind_target_set(&t->ctx, "activities.sessions", "510403", "2028", 90, 0, NAN, 1, NULL, &tg),
        0);
    assert_int_equal(ind_period_parse_text("2027", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "510403", &p, &tg), 1);
    assert_true(tg.target == 90);
    assert_int_equal(ind_period_parse_text("2029", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "510403", &p, &tg), 0); /* past its end */
    assert_int_equal(ind_period_parse_text("2027-Q1", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "510403", &p, &tg), 0); /* a yearly flow */
    assert_int_equal(ind_def_get(&t->ctx, "venues.township_stations", &d), 0);
    assert_int_equal(ind_period_parse_text("2023", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "5104", &p, &tg), 1); /* 37 by 2024 */
    assert_true(tg.target == 37);
    assert_int_equal(ind_period_parse_text("2026", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "5104", &p, &tg), 0);
    /* not before the plan began: Cixi's 2025 target stands on its 2020 baseline */
    assert_int_equal(ind_def_get(&t->ctx, "venues.area_per_10k", &d), 0);
    assert_int_equal(ind_period_parse_text("2020", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "330282", &p, &tg), 0);
    assert_int_equal(ind_period_parse_text("2021-Q3", &p), 0);
    assert_int_equal(ind_target_for(&t->ctx, &d, "330282", &p, &tg), 1);
    assert_true(tg.target == 250);
    tdb_close(t);
}

/* ---- reported values -------------------------------------------------------------------- */

static void test_reported_corrections(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, "13900000002");
    static const char pdf[] = "%PDF-1.4 年报\x00\x01\x02 binary";
    ind_file f = {"东区群文队伍统计.pdf", "application/pdf", pdf, sizeof(pdf) - 1};
    ind_report r1, r2;
    assert_int_equal(
        ind_report_add(&t->ctx, "troupes.grassroots", "510402", "2026", 40, "首次报送", &f, 1, &r1),
        0);
    assert_int_equal(r1.supersedes, 0);
    assert_int_equal(r1.nevidence, 1);
    t->ctx.now += 1000;
    assert_int_equal(ind_report_add(&t->ctx, "troupes.grassroots", "510402", "2026", 42,
                                    "更正：漏报两支队伍", NULL, 0, &r2),
                     0);
    assert_int_equal(r2.supersedes, r1.id);

    /* the value is the latest entry's; the history has both, newest first */
    ind_value v;
    assert_int_equal(ind_value_get(&t->ctx, "troupes.grassroots", "510402", "2026", NULL, &v), 0);
    assert_true(v.value == 42);
    assert_int_equal(v.report_id, r2.id);
    assert_int_equal(v.computed_at, r2.entered_at);
    ind_report *h;
    size_t n;
    assert_int_equal(ind_history(&t->ctx, "troupes.grassroots", "510402", "2026", &h, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(h[0].id, r2.id);
    assert_true(h[0].current);
    assert_false(h[1].current);
    assert_true(h[1].value == 40);
    assert_int_equal(h[1].nevidence, 1);
    assert_string_equal(h[1].evidence[0].filename, "东区群文队伍统计.pdf");
    assert_int_equal(h[1].evidence[0].bytes, (int64_t)sizeof(pdf) - 1);

    /* the evidence comes back byte for byte, with its hash */
    ind_evidence e;
    const char *data;
    size_t len;
    assert_int_equal(ind_evidence_get(&t->ctx, h[1].evidence[0].id, &e, &data, &len), 0);
    assert_int_equal(len, sizeof(pdf) - 1);
    assert_memory_equal(data, pdf, len);
    unsigned char hash[crypto_hash_sha256_BYTES];
    char hex[2 * sizeof(hash) + 1];
    crypto_hash_sha256(hash, (const unsigned char *)pdf, sizeof(pdf) - 1);
    sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
    assert_string_equal(e.sha256, hex);

    /* another file for the correction */
    ind_file f2 = {"说明.txt", NULL, "补报", strlen("补报")};
    assert_int_equal(ind_evidence_add(&t->ctx, r2.id, &f2, &e), 0);
    assert_string_equal(e.content_type, "application/octet-stream");

    /* the audit log: a report, then a correction from 40 to 42 */
    audit_entry *log;
    assert_int_equal(
        store_audit_list(t->ctx.c, t->ctx.a, "indicator_report", NULL, "510402", 0, 10, &log, &n),
        WY_OK);
    assert_int_equal(n, 3);
    assert_string_equal(log[1].action, "indicator.correct");
    assert_string_equal(log[1].from_state, "40");
    assert_string_equal(log[1].to_state, "42");

    /* refusals */
    assert_int_equal(
        ind_report_add(&t->ctx, "venues.count", "510402", "2026", 1, NULL, NULL, 0, &r1), -1);
    assert_string_equal(t->ctx.err.code, "not_reported");
    assert_int_equal(t->ctx.err.cls, E_RULE);
    assert_int_equal(
        ind_report_add(&t->ctx, "troupes.grassroots", "510402", "2026-Q1", 1, NULL, NULL, 0, &r1),
        -1);
    assert_string_equal(t->ctx.err.code, "wrong_period_kind");
    assert_int_equal(
        ind_report_add(&t->ctx, "troupes.grassroots", "510402", "2026", NAN, NULL, NULL, 0, &r1),
        -1);
    assert_string_equal(t->ctx.err.code, "bad_value");
    ind_file empty = {"a.pdf", NULL, "", 0}, slash = {"../a.pdf", NULL, "x", 1};
    assert_int_equal(
        ind_report_add(&t->ctx, "troupes.grassroots", "510402", "2026", 1, NULL, &empty, 1, &r1),
        -1);
    assert_string_equal(t->ctx.err.code, "empty_file");
    assert_int_equal(
        ind_report_add(&t->ctx, "troupes.grassroots", "510402", "2026", 1, NULL, &slash, 1, &r1),
        -1);
    assert_string_equal(t->ctx.err.code, "bad_filename");
    assert_int_equal(
        ind_report_add(&t->ctx, "troupes.grassroots", "510403", "2026", 1, NULL, NULL, 0, &r1), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* the history and the files are staff's: a citizen is refused */
    tdb_as(t, "13800000006");
    assert_int_equal(ind_history(&t->ctx, "troupes.grassroots", "510402", "2026", &h, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(ind_evidence_get(&t->ctx, e.id, &e, &data, &len), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    /* but the published value is anyone's */
    assert_int_equal(ind_value_get(&t->ctx, "troupes.grassroots", "510402", "2026", NULL, &v), 0);
    assert_true(v.value == 42);
    tdb_close(t);
}

/* ---- computed values, the cache, visibility ---------------------------------------------- */

static const ind_value *find(const ind_value *v, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].def.code, code))
            return &v[i];
    return NULL;
}

static void test_values_and_cache(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    /* an indicator in the catalogue that no module computes: no data, never an error */
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO indicator_defs(code, name_zh, name_en, unit, definition,"
                            " levels, period_kind, source, measure, sort) VALUES ('test.none',"
                            " '测试', 'Test', 'x', 'Nothing computes it.', 'city,county', 'year',"
                            " 'computed', 'stock', 9999)",
                            ""),
                     WY_OK);
    tdb_as(t, NULL);
    ind_period y;
    ind_period_at(IND_YEAR, t->ctx.now, &y);
    ind_value *v;
    size_t n;
    int64_t t0 = time_mono_us();
    assert_int_equal(ind_values(&t->ctx, "5104", y.text, NULL, &v, &n), 0);
    int64_t t1 = time_mono_us();
    fprintf(stderr, "indicators: %zu values of the demo city for %s in %.1f ms (cold)\n", n, y.text,
            (double)(t1 - t0) / 1000);
    assert_int_equal(ind_values(&t->ctx, "5104", y.text, NULL, &v, &n), 0);
    fprintf(stderr, "indicators: the same from the cache in %.1f ms\n",
            (double)(time_mono_us() - t1) / 1000);

    const ind_value *none = find(v, n, "test.none");
    assert_non_null(none);
    assert_true(isnan(none->value));
    assert_int_equal(none->status, IND_NO_DATA);
    assert_false(none->provided);
    assert_int_equal(none->computed_at, 0);

    /* venues.count: the demo's venues, against the demo's target for the year */
    const ind_value *vc = find(v, n, "venues.count");
    assert_non_null(vc);
    assert_true(vc->value > 0);
    assert_true(vc->provided);
    assert_true(vc->has_target);
    assert_int_equal(vc->target.baseline_year, y.year - 1);
    assert_true(vc->status != IND_NO_DATA);
    assert_non_null(vc->hash);
    assert_int_equal(strlen(vc->hash), 64);
    double real = vc->value;

    /* not published: anonymous callers do not see the utilisation figures; staff do */
    assert_null(find(v, n, "occupancy.sessions"));
    tdb_as(t, "13900000001");
    assert_int_equal(ind_values(&t->ctx, "5104", y.text, NULL, &v, &n), 0);
    assert_non_null(find(v, n, "occupancy.sessions"));
    /* levels: a county-only indicator is not in the city's list */
    assert_null(find(v, n, "youth_palaces.model"));

    /* the cache serves until recomputed: a changed row shows, recompute puts it right */
    assert_int_equal(db_run(t->ctx.c,
                            "UPDATE indicator_values SET value = 999 WHERE code = 'venues.count'"
                            " AND division = '5104'",
                            ""),
                     WY_OK);
    ind_value one;
    assert_int_equal(ind_value_get(&t->ctx, "venues.count", "5104", y.text, NULL, &one), 0);
    assert_true(one.value == 999);
    ind_opts re = {.recompute = 1};
    assert_int_equal(ind_value_get(&t->ctx, "venues.count", "5104", y.text, &re, &one), 0);
    assert_true(one.value == real);
    ind_cached c;
    assert_int_equal(store_ind_cached_get(t->ctx.c, t->ctx.a, "venues.count", "5104", y.text, &c),
                     WY_OK);
    assert_true(c.value == real);
    /* recomputing is for managers */
    tdb_as(t, "13800000006");
    assert_int_equal(ind_values(&t->ctx, "5104", y.text, &re, &v, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);

    /* a period with no target, a division that does not exist, a bad period */
    tdb_as(t, NULL);
    assert_int_equal(ind_values(&t->ctx, "5104", "2031", NULL, &v, &n), 0);
    vc = find(v, n, "venues.count");
    assert_false(vc->has_target);
    assert_int_equal(vc->status, IND_NO_DATA);
    assert_true(vc->value == real);
    assert_int_equal(ind_values(&t->ctx, "5199", y.text, NULL, &v, &n), -1);
    assert_string_equal(t->ctx.err.code, "unknown_division");
    assert_int_equal(ind_values(&t->ctx, "5104", "2026-Q9", NULL, &v, &n), -1);
    assert_string_equal(t->ctx.err.code, "bad_period");

    /* a series for charts: one value a year, the last the same as the list's */
    ind_value *sv;
    size_t sn;
    char first[16];
    snprintf(first, sizeof(first), "%04d", y.year - 2);
    assert_int_equal(ind_series(&t->ctx, "venues.count", "5104", first, y.text, &sv, &sn), 0);
    assert_int_equal(sn, 3);
    assert_string_equal(sv[0].period, first);
    assert_string_equal(sv[2].period, y.text);
    assert_true(sv[2].value == real);
    assert_int_equal(ind_series(&t->ctx, "venues.count", "5104", "2026-01", "2026-06", &sv, &sn),
                     0);
    assert_int_equal(sn, 6);
    assert_string_equal(sv[5].period, "2026-06");
    assert_int_equal(ind_series(&t->ctx, "venues.count", "5104", "2026-Q4", "2027-Q1", &sv, &sn),
                     0);
    assert_int_equal(sn, 2);
    static const char *const bad_series[][2] = {
        {"2026", "2025"}, {"2026", "2026-Q1"}, {"1900-01", "2026-01"}, {"2026", "20x6"}};
    for (size_t i = 0; i < sizeof(bad_series) / sizeof(bad_series[0]); i++) {
        assert_int_equal(ind_series(&t->ctx, "venues.count", "5104", bad_series[i][0],
                                    bad_series[i][1], &sv, &sn),
                         -1);
        assert_string_equal(t->ctx.err.code, "bad_period");
    }

    /* records: 404 unknown, 422 for a reported one */
    wy_record *recs;
    assert_int_equal(ind_records(&t->ctx, "no.such", "5104", y.text, 0, 10, &recs, &n), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    assert_int_equal(ind_records(&t->ctx, "troupes.grassroots", "5104", y.text, 0, 10, &recs, &n),
                     -1);
    assert_int_equal(t->ctx.err.cls, E_RULE);

    /* the export: the city and each of its districts, and the same snapshot hash twice */
    ind_export_row *rows;
    assert_int_equal(ind_export(&t->ctx, "5104", y.text, &rows, &n), 0);
    int districts = 0;
    for (size_t i = 0; i < n; i++)
        districts += !strcmp(rows[i].v.def.code, "venues.count") && strlen(rows[i].division) == 6;
    assert_true(districts >= 3);
    strbuf csv = STRBUF_INIT;
    assert_int_equal(ind_export_csv(&t->ctx, "5104", y.text, &csv), 0);
    assert_memory_equal(csv.buf,
                        "\xEF\xBB\xBF"
                        "division,",
                        12);
    sb_release(&csv);
    assert_int_equal(ind_values(&t->ctx, "5104", y.text, NULL, &v, &n), 0);
    const char *h1 = ind_snapshot_hash(&t->ctx, v, n);
    assert_int_equal(ind_values(&t->ctx, "5104", y.text, NULL, &v, &n), 0);
    assert_string_equal(h1, ind_snapshot_hash(&t->ctx, v, n));
    tdb_close(t);
}

/* The job "refresh": the current periods of divisions someone looked at are computed afresh
 * before their cached values expire; an ended period, a fresh value and a division nobody
 * looked at are left alone; refresh_per_tick bounds a run and 0 turns it off. */
static void test_refresh_job(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, NULL);
    ind_period y, q;
    ind_period_at(IND_YEAR, t->ctx.now, &y);
    ind_period_at(IND_QUARTER, t->ctx.now, &q);
    ind_value *v;
    size_t n;
    assert_int_equal(ind_values(&t->ctx, "5104", y.text, NULL, &v, &n), 0);
    assert_int_equal(ind_values(&t->ctx, "510402", q.text, NULL, &v, &n), 0);
    assert_int_equal(ind_values(&t->ctx, "5104", "2021", NULL, &v, &n), 0); /* ended */
    int64_t looked = t->ctx.now;
    t->ctx.who = NULL; /* as the jobs run */
    /* fresh: nothing to do */
    assert_int_equal(ind_refresh_job(&t->ctx), 0);
    /* four minutes on (the TTL is five, the job runs every minute): both current ones */
    t->ctx.now = looked + 4 * 60 * 1000;
    assert_int_equal(ind_refresh_job(&t->ctx), 2);
    ind_cached c;
    assert_int_equal(store_ind_cached_get(t->ctx.c, t->ctx.a, "venues.count", "5104", y.text, &c),
                     WY_OK);
    assert_int_equal(c.computed_at, t->ctx.now);
    assert_int_equal(store_ind_cached_get(t->ctx.c, t->ctx.a, "venues.count", "510402", q.text, &c),
                     WY_OK);
    assert_int_equal(c.computed_at, t->ctx.now);
    assert_int_equal(store_ind_cached_get(t->ctx.c, t->ctx.a, "venues.count", "5104", "2021", &c),
                     WY_OK);
    assert_int_equal(c.computed_at, looked);
    /* nobody looked at 510403: not computed */
    assert_int_equal(store_ind_cached_get(t->ctx.c, t->ctx.a, "venues.count", "510403", y.text, &c),
                     WY_NOTFOUND);
    assert_int_equal(ind_refresh_job(&t->ctx), 0);
    /* a run does at most refresh_per_tick, the oldest first; 0: off */
    char err[128];
    t->ctx.now += 4 * 60 * 1000;
    assert_int_equal(config_set(&t->cfg, "indicators", "refresh_per_tick", "1", err, sizeof(err)),
                     0);
    assert_int_equal(ind_refresh_job(&t->ctx), 1);
    assert_int_equal(ind_refresh_job(&t->ctx), 1);
    assert_int_equal(ind_refresh_job(&t->ctx), 0);
    t->ctx.now += 4 * 60 * 1000;
    assert_int_equal(config_set(&t->cfg, "indicators", "refresh_per_tick", "0", err, sizeof(err)),
                     0);
    assert_int_equal(ind_refresh_job(&t->ctx), 0);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_status_rule),
        cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_reported_corrections),
        cmocka_unit_test(test_values_and_cache),
        cmocka_unit_test(test_refresh_job),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
