/* Tests of assessments against standards on a database (both backends): a standard read from
 * a table with a dry run and a per-row report, a refused row writing nothing, who may write
 * one, standard_exists and a new version beside the old; an assessment of a venue from the
 * self-assessment to the grade on the venue's record, with figures drawn from wenyun's own
 * records (the venue's area and hours, the sessions held there); the assessors' rules (a
 * level above, not the venue's own staff, never the one who submitted); calls for
 * recommendations with their deadline, visits, quota and awards; and the demo's grading. */
#include <math.h>

#include "testlib.h"

#include "db/store_util.h"
#include "core/assess_source.h"
#include "demo.h"
#include "mod/assessments/assessments.h"
#include "mod/assessments/calls.h"
#include "mod/venues/venue.h"

#define CITY_ADMIN      "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN  "13900000002" /* district_admin of 东区 (510402) */
#define DISTRICT_REVIEW "13900000003" /* reviewer of 东区 (510402) */
#define CITY_REVIEW     "13900000004" /* reviewer of 5104 */
#define VENUE_MANAGER   "13900000005" /* venue_manager of 510402001 */
#define CITIZEN         "13800000006"

static int64_t count(tdb *t, const char *sql, const char *arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "t", arg), &v), WY_OK);
    return v;
}

/* How many notifications of kind about subject (type, id) the account of phone has. */
static int64_t told(tdb *t, const char *kind, const char *phone, const char *type, int64_t id)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c,
                                            "SELECT count(*) FROM notifications n JOIN users u"
                                            " ON u.id = n.user_id WHERE n.kind = ? AND"
                                            " u.phone = ? AND n.subject_type = ? AND"
                                            " n.subject_id = ?",
                                            "ttti", kind, phone, type, id),
                                   &v),
                     WY_OK);
    return v;
}

static const char table[] = "某某标准（测试）,,,,,,\n"
                            "章节,序号,评估项目,分值,佐证材料,数据来源,满分标准\n"
                            "一、设施,,,,,,\n"
                            ",1.1,建筑面积,20,产权证明,venue.area_m2,4000\n"
                            ",1.2,每周开放时间,10,公示照片,venue.weekly_hours,56\n"
                            "二、服务,,,,,,\n"
                            ",2.1,年活动场次,30,活动台账,activities.sessions,10\n"
                            ",2.2,公益培训,40,培训记录,,\n"
                            "等级,,一级,90,,,\n"
                            "等级,,二级,60,,,\n"
                            "等级,,三级,40,,,\n";

static int64_t import(tdb *t, const char *version)
{
    standard_import_result res;
    assert_int_equal(assessments_standard_import(&t->ctx, "测试标准", version, "5104", table,
                                                 strlen(table), 0, &res),
                     0);
    assert_true(res.standard_id > 0);
    return res.standard_id;
}

static void test_standard_import(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t before = count(t, "SELECT count(*) FROM standards WHERE name <> ?", "");
    standard_import_result res;
    /* who: admins only */
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(assessments_standard_import(&t->ctx, "测试标准", "v1", "5104", table,
                                                 strlen(table), 1, &res),
                     -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(assessments_standard_import(&t->ctx, "测试标准", "v1", "5104", table,
                                                 strlen(table), 1, &res),
                     -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    /* a dry run: the report, nothing written */
    assert_int_equal(assessments_standard_import(&t->ctx, "测试标准", "v1", "5104", table,
                                                 strlen(table), 1, &res),
                     0);
    assert_int_equal(res.standard_id, 0);
    assert_int_equal(res.im.nitems, 4);
    assert_int_equal(res.im.ngrades, 3);
    assert_true(fabs(res.im.total - 100) < 1e-9);
    assert_int_equal(res.im.rows[0].kind, STDROW_BLANK); /* the title line */
    assert_int_equal(res.im.rows[1].kind, STDROW_HEADER);
    assert_int_equal(res.im.rows[2].kind, STDROW_SECTION);
    assert_int_equal(res.im.rows[3].kind, STDROW_ITEM);
    assert_int_equal(res.im.rows[8].kind, STDROW_GRADE);
    assert_string_equal(res.im.items[2].section, "二、服务");
    assert_string_equal(res.im.items[0].source, "venue.area_m2");
    assert_int_equal(count(t, "SELECT count(*) FROM standards WHERE name <> ?", ""), before);
    /* refused rows: bad points, an unknown source, an unknown grade; nothing written */
    const char *bad = "评估项目,分值,数据来源,满分标准\n面积,abc,,\n场次,5,no.such,3\n"
                      "好,5,,\n";
    assert_int_equal(
        assessments_standard_import(&t->ctx, "测试标准", "v1", "5104", bad, strlen(bad), 0, &res),
        -1);
    assert_string_equal(t->ctx.err.code, "bad_rows");
    assert_int_equal(res.im.nrefused, 2);
    assert_int_equal(res.im.rows[1].kind, STDROW_REFUSED);
    assert_int_equal(res.im.rows[2].kind, STDROW_REFUSED);
    assert_int_equal(res.im.rows[3].kind, STDROW_ITEM);
    assert_int_equal(count(t, "SELECT count(*) FROM standards WHERE name <> ?", ""), before);
    /* no header */
    assert_int_equal(
        assessments_standard_import(&t->ctx, "测试标准", "v1", "5104", "a,b\n1,2\n", 8, 0, &res),
        -1);
    assert_string_equal(t->ctx.err.code, "bad_file");
    /* grades out of order: 二级 above 一级 */
    const char *grades = "章节,评估项目,分值\n,甲,50\n等级,一级,30\n等级,二级,40\n";
    assert_int_equal(assessments_standard_import(&t->ctx, "测试标准", "v1", "5104", grades,
                                                 strlen(grades), 0, &res),
                     -1);
    assert_string_equal(t->ctx.err.code, "bad_grade");
    /* written; the same version again is refused; a new version stands beside it */
    int64_t v1 = import(t, "v1");
    assert_int_equal(assessments_standard_import(&t->ctx, "测试标准", "v1", "5104", table,
                                                 strlen(table), 0, &res),
                     -1);
    assert_string_equal(t->ctx.err.code, "standard_exists");
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    int64_t v2 = import(t, "v2");
    assert_true(v2 != v1);
    standard_row s;
    standard_item_row *items;
    standard_grade_row *gs;
    size_t ni, ng;
    assert_int_equal(assessments_standard_get(&t->ctx, v1, &s, &items, &ni, &gs, &ng), 0);
    assert_int_equal(ni, 4);
    assert_int_equal(ng, 3);
    assert_string_equal(gs[0].grade, "1"); /* highest first */
    assert_true(fabs(s.total - 100) < 1e-9);
    assert_int_equal(
        count(t, "SELECT count(*) FROM audit_log WHERE action = 'standard.create' AND division = ?",
              "5104"),
        3); /* the demo's and these two */
    tdb_close(t);
}

static int64_t venue_of(tdb *t, const char *external_id)
{
    venue v;
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, external_id, &v), WY_OK);
    return v.id;
}

static const standard_item_row *item_no(const assessment_view *v, const char *number)
{
    for (size_t i = 0; i < v->nitems; i++)
        if (!strcmp(v->items[i].number, number))
            return &v->items[i];
    fail_msg("no item %s", number);
    return NULL;
}

static const assessment_item_row *answer_no(const assessment_view *v, const char *number)
{
    const standard_item_row *it = item_no(v, number);
    for (size_t i = 0; i < v->nanswers; i++)
        if (v->answers[i].item_id == it->id)
            return &v->answers[i];
    return NULL;
}

static void test_assessment_to_grade(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, CITY_ADMIN);
    int64_t std = import(t, "v1");
    int64_t centre = venue_of(t, "pzh-cc-city"); /* 攀枝花市文化馆, 东区 (510402), 6500 m² */
    /* the venue's own staff start it; a venue manager of a town may not */
    int64_t id;
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(assessment_create(&t->ctx, std, centre, 2026, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(assessment_create(&t->ctx, std, centre, 1980, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_year");
    assert_int_equal(assessment_create(&t->ctx, std, centre, 2026, &id), 0);
    assert_int_equal(assessment_create(&t->ctx, std, centre, 2026, &id), -1);
    assert_string_equal(t->ctx.err.code, "assessment_exists");
    int64_t aid = count(t, "SELECT max(id) FROM assessments WHERE division = ?", "510402");
    /* the figures drawn from the records: the venue's area and hours, the sessions held */
    assessment_view v;
    assert_int_equal(assessment_get(&t->ctx, aid, &v), 0);
    assert_string_equal(v.a.status, "draft");
    assert_true(v.may_edit);
    const assessment_item_row *area = answer_no(&v, "1.1");
    assert_non_null(area);
    assert_true(fabs(area->drawn - 6500) < 1e-9);
    assert_true(fabs(area->self_score - 20) < 1e-9); /* 6500 >= 4000: the full points */
    venue_view vv;
    assert_int_equal(venue_get(&t->ctx, centre, &vv), 0);
    const assessment_item_row *hours = answer_no(&v, "1.2");
    assert_true(fabs(hours->drawn - round(vv.weekly_minutes / 6.0) / 10) < 1e-9);
    int64_t from, to;
    assess_year_bounds(2026, &from, &to);
    int64_t held = -1;
    assert_int_equal(
        store_one_int(db_query(t->ctx.c,
                               "SELECT count(*) FROM activity_sessions s JOIN activities a"
                               " ON a.id = s.activity_id WHERE a.venue_id = ? AND"
                               " a.status = 'published' AND a.category <> 'timed_entry' AND"
                               " s.status = 'scheduled' AND s.starts_at >= ? AND s.starts_at < ?",
                               "iii", centre, from, to),
                      &held),
        WY_OK);
    const assessment_item_row *sessions = answer_no(&v, "2.1");
    assert_true(fabs(sessions->drawn - (double)held) < 1e-9);
    /* an unscored item: submit refused; bad scores refused and nothing changes */
    const char *st;
    assert_int_equal(assessment_submit(&t->ctx, aid, &st), -1);
    assert_string_equal(t->ctx.err.code, "unscored_items");
    assessment_answer a = {item_no(&v, "2.2")->id, 41, "超出分值"};
    assert_int_equal(assessment_self(&t->ctx, aid, &a, 1), -1);
    assert_string_equal(t->ctx.err.code, "bad_score");
    a.score = 35.5;
    a.note = "全年 24 期培训班";
    assert_int_equal(assessment_self(&t->ctx, aid, &a, 1), 0);
    attachment file;
    attachment_file f = {"培训台账.txt", "text/plain", "2026 年培训 24 期", 21};
    assert_int_equal(assessment_evidence_add(&t->ctx, aid, a.item_id, &f, &file), 0);
    assert_int_equal(assessment_submit(&t->ctx, aid, &st), 0);
    assert_string_equal(st, "submitted");
    /* the assessors are told: the city's reviewer and admin, not the district's own staff */
    const char *sub = "assessments.submitted";
    assert_int_equal(told(t, sub, CITY_REVIEW, "assessment", aid), 1);
    assert_int_equal(told(t, sub, CITY_ADMIN, "assessment", aid), 1);
    assert_int_equal(told(t, sub, DISTRICT_REVIEW, "assessment", aid), 0);
    assert_int_equal(told(t, sub, DISTRICT_ADMIN, "assessment", aid), 0);
    assert_int_equal(told(t, sub, VENUE_MANAGER, "assessment", aid), 0);
    assert_int_equal(assessment_self(&t->ctx, aid, &a, 1), -1);
    assert_string_equal(t->ctx.err.code, "not_draft");
    assert_int_equal(assessment_get(&t->ctx, aid, &v), 0);
    assert_int_equal(v.nevidence, 1);
    /* the file back for the venue's staff; before publication not for a citizen, nor for a
     * town's venue manager; no file of that id */
    attachment got;
    const char *bytes;
    size_t blen;
    assert_int_equal(assessment_evidence_get(&t->ctx, file.id, &got, &bytes, &blen), 0);
    assert_int_equal(blen, 21);
    assert_memory_equal(bytes, "2026 年培训 24 期", 21);
    assert_string_equal(got.filename, "培训台账.txt");
    tdb_as(t, CITIZEN);
    assert_int_equal(assessment_evidence_get(&t->ctx, file.id, &got, &bytes, &blen), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(assessment_evidence_get(&t->ctx, file.id, &got, &bytes, &blen), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(assessment_evidence_get(&t->ctx, file.id + 1000000, &got, &bytes, &blen), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    /* assessors: the venue's own district (its admin, its reviewer) may not; the city's
     * reviewer scores every item */
    assessment_mark m[4];
    for (size_t i = 0; i < v.nitems; i++)
        m[i] = (assessment_mark){v.items[i].id, v.items[i].max_points * 0.5, "核实"};
    assert_int_equal(assessment_review(&t->ctx, aid, m, 4), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    tdb_as(t, DISTRICT_REVIEW);
    assert_int_equal(assessment_review(&t->ctx, aid, m, 4), -1);
    assert_string_equal(t->ctx.err.code, "not_assessor");
    tdb_as(t, CITY_REVIEW);
    assert_int_equal(assessment_review(&t->ctx, aid, m, 3), -1);
    assert_string_equal(t->ctx.err.code, "missing_items");
    m[0].score = 20.5;
    assert_int_equal(assessment_review(&t->ctx, aid, m, 4), -1);
    assert_string_equal(t->ctx.err.code, "bad_score");
    m[0].score = 20;   /* area */
    m[1].score = 10;   /* hours */
    m[2].score = 25;   /* sessions */
    m[3].score = 35.5; /* training: 90.5 in all */
    assert_int_equal(told(t, "assessments.scored", DISTRICT_ADMIN, "assessment", aid), 0);
    assert_int_equal(assessment_review(&t->ctx, aid, m, 4), 0);
    assert_int_equal(told(t, "assessments.scored", DISTRICT_ADMIN, "assessment", aid), 1);
    /* a second assessor, lower on training: the mean counts (20 + 10 + 25 + 32.5 = 87.5) */
    tdb_as(t, CITY_ADMIN);
    m[3].score = 29.5;
    assert_int_equal(assessment_review(&t->ctx, aid, m, 4), 0);
    /* publishing: not by the district's admin (the venue's level), by the city's */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(assessment_publish(&t->ctx, aid, &v), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(assessment_publish(&t->ctx, aid, &v), 0);
    assert_string_equal(v.a.status, "published");
    assert_true(fabs(v.a.review_total - 87.5) < 1e-9);
    assert_string_equal(v.a.grade, "2"); /* 60 <= 87.5 < 90 */
    venue rec;
    assert_int_equal(venue_brief(&t->ctx, centre, &rec), 0);
    assert_string_equal(rec.grade, "2");
    assert_int_equal(rec.grade_year, 2026);
    /* the venue's side told of the scores once, and of the result */
    assert_int_equal(told(t, "assessments.scored", DISTRICT_ADMIN, "assessment", aid), 1);
    assert_int_equal(told(t, "assessments.published", DISTRICT_ADMIN, "assessment", aid), 1);
    assert_int_equal(told(t, "assessments.published", CITY_REVIEW, "assessment", aid), 0);
    assert_int_equal(
        count(t, "SELECT count(*) FROM audit_log WHERE action = 'venue.grade' AND division = ?",
              "510402"),
        2); /* the demo's grading and this one */
    assert_int_equal(assessment_publish(&t->ctx, aid, &v), -1);
    assert_string_equal(t->ctx.err.code, "not_reviewed");
    /* anyone sees it now, and its evidence */
    tdb_as(t, NULL);
    assert_int_equal(assessment_get(&t->ctx, aid, &v), 0);
    tdb_as(t, CITIZEN);
    assert_int_equal(assessment_evidence_get(&t->ctx, file.id, &got, &bytes, &blen), 0);
    assert_int_equal(blen, 21);
    tdb_close(t);
}

static void test_own_review_refused(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, CITY_ADMIN);
    int64_t std = import(t, "v1");
    int64_t centre = venue_of(t, "pzh-cc-xq"); /* 西区文化馆 (510403) */
    int64_t id;
    const char *st;
    assert_int_equal(assessment_create(&t->ctx, std, centre, 2025, &id), 0);
    id = count(t, "SELECT max(id) FROM assessments WHERE division = ?", "510403");
    assessment_view v;
    assert_int_equal(assessment_get(&t->ctx, id, &v), 0);
    assessment_answer a = {item_no(&v, "2.2")->id, 30, ""};
    assert_int_equal(assessment_self(&t->ctx, id, &a, 1), 0);
    assert_int_equal(assessment_submit(&t->ctx, id, &st), 0);
    /* the city's admin submitted it for the centre: it may not score it, nor publish it */
    assessment_mark m[4];
    for (size_t i = 0; i < v.nitems; i++)
        m[i] = (assessment_mark){v.items[i].id, 1, ""};
    assert_int_equal(assessment_review(&t->ctx, id, m, 4), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    int64_t scores = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c,
                                            "SELECT count(*) FROM assessment_scores"
                                            " WHERE assessment_id = ?",
                                            "i", id),
                                   &scores),
                     WY_OK);
    assert_int_equal(scores, 0);
    tdb_as(t, CITY_REVIEW);
    assert_int_equal(assessment_review(&t->ctx, id, m, 4), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(assessment_publish(&t->ctx, id, &v), -1);
    assert_string_equal(t->ctx.err.code, "own_submission");
    /* before publication a citizen does not see it */
    tdb_as(t, CITIZEN);
    assert_int_equal(assessment_get(&t->ctx, id, &v), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    tdb_close(t);
}

/* An assessment of a unit (the tasks module's units) instead of a venue: exactly one of the
 * two, the unit's division and its staff, sourced items scored by hand, the grade on the
 * assessment and none on a venue's record. */
static void test_unit_assessment(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, CITY_ADMIN);
    int64_t std = import(t, "v1");
    int64_t centre = venue_of(t, "pzh-cc-city");
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO units(division, name, created_at) VALUES (?, ?, 0)", "tt",
                            "510402", "东区文化馆测试单位"),
                     WY_OK);
    int64_t unit = count(t, "SELECT id FROM units WHERE name = ?", "东区文化馆测试单位");
    int64_t before = count(t, "SELECT count(*) FROM assessments WHERE division <> ?", "");
    int64_t graded = count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'venue.grade' AND"
                           " division = ?",
                           "510402");
    int64_t id;
    tdb_as(t, DISTRICT_ADMIN);
    /* both, neither, a unit that is none: refused, nothing written */
    assert_int_equal(assessment_create_of(&t->ctx, std, centre, unit, 2026, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_subject");
    assert_int_equal(assessment_create_of(&t->ctx, std, 0, 0, 2026, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_subject");
    assert_int_equal(assessment_create_of(&t->ctx, std, 0, unit + 100000, 2026, &id), -1);
    assert_string_equal(t->ctx.err.code, "unknown_unit");
    assert_int_equal(count(t, "SELECT count(*) FROM assessments WHERE division <> ?", ""), before);
    /* a town's venue manager is not the unit's division's staff */
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(assessment_create_of(&t->ctx, std, 0, unit, 2026, &id), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(assessment_create_of(&t->ctx, std, 0, unit, 2026, &id), 0);
    assert_int_equal(assessment_create_of(&t->ctx, std, 0, unit, 2026, &id), -1);
    assert_string_equal(t->ctx.err.code, "assessment_exists");
    assert_string_equal(t->ctx.err.field, "unit_id");
    int64_t aid = count(t, "SELECT max(id) FROM assessments WHERE division = ?", "510402");
    assessment_view v;
    assert_int_equal(assessment_get(&t->ctx, aid, &v), 0);
    assert_int_equal(v.a.unit_id, unit);
    assert_int_equal(v.a.venue_id, 0);
    assert_string_equal(v.a.venue_name, "东区文化馆测试单位");
    assert_string_equal(v.a.division, "510402");
    assert_true(v.may_edit);
    /* a unit has no venue's records: the sourced items draw nothing and wait for a score */
    assert_null(answer_no(&v, "1.1"));
    const char *st;
    assert_int_equal(assessment_submit(&t->ctx, aid, &st), -1);
    assert_string_equal(t->ctx.err.code, "unscored_items");
    assessment_answer ans[4];
    for (size_t i = 0; i < v.nitems; i++)
        ans[i] = (assessment_answer){v.items[i].id, v.items[i].max_points, "自评"};
    assert_int_equal(assessment_self(&t->ctx, aid, ans, 4), 0);
    assert_int_equal(assessment_submit(&t->ctx, aid, &st), 0);
    assert_int_equal(told(t, "assessments.submitted", CITY_REVIEW, "assessment", aid), 1);
    assessment_mark m[4];
    for (size_t i = 0; i < v.nitems; i++)
        m[i] = (assessment_mark){v.items[i].id, v.items[i].max_points, "核实"};
    tdb_as(t, DISTRICT_REVIEW);
    assert_int_equal(assessment_review(&t->ctx, aid, m, 4), -1);
    assert_string_equal(t->ctx.err.code, "not_assessor");
    tdb_as(t, CITY_REVIEW);
    assert_int_equal(assessment_review(&t->ctx, aid, m, 4), 0);
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(assessment_publish(&t->ctx, aid, &v), 0);
    assert_string_equal(v.a.grade, "1");
    assert_true(fabs(v.a.review_total - 100) < 1e-9);
    /* no venue's record graded */
    assert_int_equal(count(t,
                           "SELECT count(*) FROM audit_log WHERE action = 'venue.grade' AND"
                           " division = ?",
                           "510402"),
                     graded);
    /* in the public list with the unit's name */
    tdb_as(t, NULL);
    assessment_row *rows;
    size_t n;
    int64_t next;
    assert_int_equal(assessment_list(&t->ctx, "510402", 2026, 0, 50, &rows, &n, &next), 0);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].id == aid) {
            found = 1;
            assert_int_equal(rows[i].unit_id, unit);
            assert_string_equal(rows[i].venue_name, "东区文化馆测试单位");
        }
    assert_true(found);
    /* the table refuses a row of both or neither */
    assert_int_not_equal(
        db_run(t->ctx.c, "UPDATE assessments SET venue_id = ? WHERE id = ?", "ii", centre, aid),
        WY_OK);
    tdb_close(t);
}

/* The stars of village culture halls by the band table: the bands' edges, and none for a draft,
 * a unit or a venue of another category. */
static void test_star_bands(void **state)
{
    (void)state;
    assessment_row a = {.venue_id = 1,
                        .status = "published",
                        .venue_category = "village_centre",
                        .standard_total = 200};
    static const struct {
        double total;
        int stars;
    } cases[] = {{200, 5},   {180, 5}, {179.9, 4}, {160, 4},  {140, 3},
                 {139.9, 2}, {120, 2}, {100, 1},   {99.9, 0}, {0, 0}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        a.review_total = cases[i].total;
        assert_int_equal(assessment_stars(&a), cases[i].stars);
    }
    a.review_total = 190;
    a.status = "reviewed";
    assert_int_equal(assessment_stars(&a), -1);
    a.status = "published";
    a.venue_category = "cultural_centre";
    assert_int_equal(assessment_stars(&a), -1);
    a.venue_category = "";
    a.venue_id = 0;
    a.unit_id = 3;
    assert_int_equal(assessment_stars(&a), -1);
}

static void test_calls(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t dq = venue_of(t, "pzh-cc-city"), xq = venue_of(t, "pzh-cc-xq");
    call_row k = {.division = "5104",
                  .title = "最美新型公共文化空间",
                  .year = 2026,
                  .quota = 1,
                  .deadline = t->ctx.now + 3600 * 1000};
    int64_t call, a1, a2;
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(call_create(&t->ctx, &k, &call), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, CITY_ADMIN);
    k.deadline = t->ctx.now - 1;
    assert_int_equal(call_create(&t->ctx, &k, &call), -1);
    assert_string_equal(t->ctx.err.code, "bad_deadline");
    k.deadline = t->ctx.now + 3600 * 1000;
    assert_int_equal(call_create(&t->ctx, &k, &call), 0);
    /* applied for by the venue's own district; recommended by the city */
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(call_apply(&t->ctx, call, xq, "", &a1), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    assert_int_equal(call_apply(&t->ctx, call, dq, "社区文化空间", &a1), 0);
    assert_int_equal(call_apply(&t->ctx, call, dq, "", &a1), -1);
    assert_string_equal(t->ctx.err.code, "already_applied");
    tdb_as(t, CITY_ADMIN);
    assert_int_equal(call_apply(&t->ctx, call, xq, "推荐", &a2), 0);
    call_row got;
    call_app_row *apps;
    size_t n;
    assert_int_equal(call_get(&t->ctx, call, &got, &apps, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(apps[0].kind, "applied");
    assert_string_equal(apps[1].kind, "recommended");
    /* the deadline is within the reminder's days: the venues' staff of 5104 are told once */
    assert_int_equal(call_job_deadlines(&t->ctx), 0);
    assert_int_equal(call_job_deadlines(&t->ctx), 0);
    const char *due = "assessments.call_deadline";
    assert_int_equal(told(t, due, DISTRICT_ADMIN, "assessment_call", call), 1);
    assert_int_equal(told(t, due, VENUE_MANAGER, "assessment_call", call), 1);
    assert_int_equal(told(t, due, CITY_REVIEW, "assessment_call", call), 0);
    assert_int_equal(told(t, due, CITIZEN, "assessment_call", call), 0);
    /* a visit first, the quota at most */
    int64_t both[2] = {apps[0].id, apps[1].id};
    assert_int_equal(call_announce(&t->ctx, call, both, 1), -1);
    assert_string_equal(t->ctx.err.code, "visit_required");
    assert_int_equal(call_visit(&t->ctx, both[0], "2026-13-01", "张专家"), -1);
    assert_string_equal(t->ctx.err.code, "bad_date");
    assert_int_equal(call_visit(&t->ctx, both[0], "2026-12-20", "张专家、李专家"), 0);
    assert_int_equal(call_announce(&t->ctx, call, both, 2), -1);
    assert_string_equal(t->ctx.err.code, "over_quota");
    /* late: refused */
    int64_t now = t->ctx.now;
    t->ctx.now = k.deadline + 1;
    int64_t pl = venue_of(t, "pzh-cc-yb");
    assert_int_equal(call_apply(&t->ctx, call, pl, "", &a1), -1);
    assert_string_equal(t->ctx.err.code, "deadline_passed");
    t->ctx.now = now;
    assert_int_equal(call_announce(&t->ctx, call, both, 1), 0);
    assert_int_equal(call_get(&t->ctx, call, &got, &apps, &n), 0);
    assert_string_equal(got.status, "announced");
    assert_string_equal(apps[0].status, "awarded");
    assert_string_equal(apps[1].status, "not_awarded");
    /* each applicant is told: the district of its award, the city of its refusal */
    assert_int_equal(told(t, "assessments.awarded", DISTRICT_ADMIN, "call_application", both[0]),
                     1);
    assert_int_equal(told(t, "assessments.not_awarded", CITY_ADMIN, "call_application", both[1]),
                     1);
    assert_int_equal(told(t, "assessments.awarded", CITY_ADMIN, "call_application", both[1]), 0);
    assert_int_equal(call_announce(&t->ctx, call, both, 1), -1);
    assert_string_equal(t->ctx.err.code, "call_closed");
    tdb_close(t);
}

static void test_demo(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *q = "SELECT count(*) FROM assessments WHERE status = ?";
    assert_int_equal(count(t, q, "published"), 1);
    assert_int_equal(count(t, q, "reviewed"), 2);
    venue v;
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-cc-city", &v), WY_OK);
    assert_int_equal(v.grade_year, 2026);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM standards WHERE name <> ?", ""), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM assessments WHERE status >= ?", ""), 3);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_import),
        cmocka_unit_test(test_assessment_to_grade),
        cmocka_unit_test(test_own_review_refused),
        cmocka_unit_test(test_unit_assessment),
        cmocka_unit_test(test_star_bands),
        cmocka_unit_test(test_calls),
        cmocka_unit_test(test_demo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
