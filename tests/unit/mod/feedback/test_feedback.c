/* Tests of public feedback on a database (both backends): who creates a survey, answers once
 * per account or device and bad answers writing nothing, results by division with free text
 * masked; a complaint routed to the closest staff, answered (not by its filer), published
 * without contact, escalated once to the level above by the job; the indicators; and the demo,
 * which a second run leaves as it is. */
#include <math.h>

#include "testlib.h"

#include "db/store_util.h"
#include "demo.h"
#include "mod/feedback/feedback.h"

#define CITY_ADMIN     "13900000001" /* city_admin of 攀枝花市 (5104) */
#define DISTRICT_ADMIN "13900000002" /* district_admin of 东区 (510402) */
#define VENUE_MANAGER  "13900000005" /* venue_manager of 大渡口街道 (510402001) */
#define CITIZEN        "13800000006"
#define DAY_MS         (24LL * 3600 * 1000)

static int64_t count(tdb *t, const char *sql, const char *arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "t", arg), &v), WY_OK);
    return v;
}

static int64_t user_id(tdb *t, const char *phone)
{
    return count(t, "SELECT id FROM users WHERE phone = ?", phone);
}

static const char questions[] =
    "[{\"kind\":\"single\",\"text\":\"最想要\",\"options\":[\"演出\",\"讲座\",\"培训\"]},"
    "{\"kind\":\"multiple\",\"text\":\"渠道\",\"options\":[\"微信\",\"公告栏\"]},"
    "{\"kind\":\"rating\",\"text\":\"满意度\"},"
    "{\"kind\":\"text\",\"text\":\"建议\",\"required\":false}]";

static int64_t make_survey(tdb *t, const char *division, int anonymous)
{
    json_t *q = json_loads(questions, 0, NULL);
    survey_input in = {.kind = "demand",
                       .title = "需求调研",
                       .division = division,
                       .opens_at = t->ctx.now - DAY_MS,
                       .closes_at = t->ctx.now + DAY_MS,
                       .anonymous = anonymous,
                       .questions = q};
    int64_t id = 0;
    int rc = feedback_survey_create(&t->ctx, &in, &id);
    json_decref(q);
    return rc == 0 ? id : -1;
}

static int answer(tdb *t, int64_t survey, const char *device, const char *division, const char *a)
{
    json_t *j = json_loads(a, 0, NULL);
    int64_t rid;
    int rc = feedback_survey_respond(&t->ctx, survey, device, division, 0, j, &rid);
    json_decref(j);
    return rc;
}

static void test_surveys(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    tdb_as(t, CITIZEN);
    assert_int_equal(make_survey(t, "510402", 1), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(make_survey(t, "510402", 1), -1); /* above their town */
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    /* bad questions: refused with the reason */
    json_t *bad = json_loads("[{\"kind\":\"single\",\"text\":\"x\",\"options\":[\"a\"]}]", 0, NULL);
    survey_input in = {.kind = "demand",
                       .title = "t",
                       .division = "510402",
                       .opens_at = t->ctx.now,
                       .closes_at = t->ctx.now + DAY_MS,
                       .questions = bad};
    int64_t id;
    assert_int_equal(feedback_survey_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_questions");
    json_decref(bad);
    in.questions = NULL;
    assert_int_equal(feedback_survey_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_questions");
    in.kind = "satisfaction"; /* needs a target */
    assert_int_equal(feedback_survey_create(&t->ctx, &in, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_target");
    int64_t s = make_survey(t, "510402", 0);
    assert_true(s > 0);
    survey_row *list;
    size_t nl;
    tdb_as(t, NULL);
    assert_int_equal(feedback_survey_list(&t->ctx, "510402", 1, 0, 20, &list, &nl), 0);
    assert_int_equal(nl, 1);
    assert_int_equal(list[0].id, s);
    assert_int_equal(feedback_survey_list(&t->ctx, "510403", 1, 0, 20, &list, &nl), 0);
    assert_int_equal(nl, 0);

    /* a survey without anonymous answers: nobody is refused */
    tdb_as(t, NULL);
    assert_int_equal(answer(t, s, "device-abcdefghijklmnop", NULL, "[]"), -1);
    assert_string_equal(t->ctx.err.code, "login_required");
    /* the citizen answers once; bad answers write nothing */
    tdb_as(t, CITIZEN);
    assert_int_equal(answer(t, s, NULL, NULL, "[{\"question\":0,\"choice\":3}]"), -1);
    assert_string_equal(t->ctx.err.code, "bad_answers");
    assert_int_equal(answer(t, s, NULL, NULL, "[{\"question\":0,\"choice\":1}]"), -1);
    assert_string_equal(t->ctx.err.code, "missing_answer");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM survey_responses WHERE device IS NULL AND"
                           " division = ?",
                           "510402001"),
                     0);
    const char *good =
        "[{\"question\":0,\"choice\":1},{\"question\":1,\"choices\":[0,1]},"
        "{\"question\":2,\"rating\":4},{\"question\":3,\"text\":\"电话13812345678找我\"}]";
    assert_int_equal(answer(t, s, NULL, NULL, good), 0);
    assert_int_equal(answer(t, s, NULL, NULL, good), -1);
    assert_string_equal(t->ctx.err.code, "already_answered");
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(answer(t, s, NULL, "510403",
                            "[{\"question\":0,\"choice\":0},"
                            "{\"question\":1,\"choices\":[1]},"
                            "{\"question\":2,\"rating\":2}]"),
                     0);

    /* results: staff over the division only; by division */
    survey_row sr;
    survey_question *q;
    survey_group *gs;
    size_t nq, ng;
    tdb_as(t, CITIZEN);
    assert_int_equal(feedback_survey_results(&t->ctx, s, NULL, &sr, &q, &nq, &gs, &ng), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DISTRICT_ADMIN);
    assert_int_equal(feedback_survey_results(&t->ctx, s, NULL, &sr, &q, &nq, &gs, &ng), 0);
    assert_int_equal(ng, 1);
    assert_int_equal(gs[0].responses, 2);
    assert_int_equal(gs[0].tallies[0].answered, 2);
    assert_int_equal(gs[0].tallies[0].counts[0], 1);
    assert_int_equal(gs[0].tallies[0].counts[1], 1);
    assert_int_equal(gs[0].tallies[1].answered, 2); /* one multiple answer counts once */
    assert_int_equal(gs[0].tallies[1].counts[1], 2);
    assert_true(fabs(gs[0].tallies[2].rating_sum - 6.0) < 1e-9);
    assert_int_equal(gs[0].tallies[3].ntexts, 1);
    assert_string_equal(gs[0].tallies[3].texts[0], "电话138******78找我");
    assert_int_equal(feedback_survey_results(&t->ctx, s, "division", &sr, &q, &nq, &gs, &ng), 0);
    assert_int_equal(ng, 2);
    assert_string_equal(gs[0].key, "510402001");
    assert_string_equal(gs[1].key, "510403");
    assert_int_equal(gs[1].tallies[2].counts[1], 1);
    assert_int_equal(feedback_survey_results(&t->ctx, s, "town", &sr, &q, &nq, &gs, &ng), -1);
    assert_string_equal(t->ctx.err.code, "bad_group");

    /* anonymous answers, one per device */
    int64_t a = make_survey(t, "510402", 1);
    tdb_as(t, NULL);
    assert_int_equal(answer(t, a, "short", NULL, good), -1);
    assert_string_equal(t->ctx.err.code, "bad_device");
    assert_int_equal(answer(t, a, "device-0000000000000001", "510402001", good), 0);
    assert_int_equal(answer(t, a, "device-0000000000000001", "510402001", good), -1);
    assert_string_equal(t->ctx.err.code, "already_answered");
    assert_int_equal(answer(t, a, "device-0000000000000002", NULL, good), 0);
    tdb_close(t);
}

static void test_complaints(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t vm = user_id(t, VENUE_MANAGER), da = user_id(t, DISTRICT_ADMIN);
    char filed[160], over[160];
    tdb_as(t, CITIZEN);
    complaint_input in = {.kind = "complaint", .body = "", .division = "510402001"};
    int64_t id, due;
    assert_int_equal(feedback_complaint_file(&t->ctx, &in, &id, &due), -1);
    assert_string_equal(t->ctx.err.code, "bad_body");
    in.body = "活动室不按时开门";
    in.contact = "13812345678";
    int64_t before = count(t, "SELECT count(*) FROM notifications WHERE user_id >= ?", "0");
    assert_int_equal(feedback_complaint_file(&t->ctx, &in, &id, &due), 0);
    snprintf(filed, sizeof filed,
             "SELECT count(*) FROM notifications WHERE kind = 'feedback.complaint_filed'"
             " AND subject_id = %lld AND user_id = ?",
             (long long)id);
    snprintf(over, sizeof over,
             "SELECT count(*) FROM notifications WHERE kind = 'feedback.complaint_overdue'"
             " AND subject_id = %lld AND user_id = ?",
             (long long)id);
    assert_true(due > t->ctx.now + 15 * DAY_MS); /* 15 working days are more than 15 days */
    /* routed to the closest staff: the town's venue manager, not the district */
    char uid[24];
    snprintf(uid, sizeof uid, "%lld", (long long)vm);
    assert_int_equal(count(t, filed, uid), 1);
    snprintf(uid, sizeof uid, "%lld", (long long)da);
    assert_int_equal(count(t, filed, uid), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM notifications WHERE user_id >= ?", "0"),
                     before + 1);

    /* staff see it with the contact masked; the public sees nothing yet */
    complaint_row *cs;
    size_t n;
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(feedback_complaint_list_staff(&t->ctx, NULL, "pending", 0, 50, &cs, &n), 0);
    assert_true(n >= 1);
    assert_int_equal(cs[0].id, id);
    assert_string_equal(cs[0].contact, "138****5678");
    tdb_as(t, NULL);
    assert_int_equal(feedback_complaint_list_public(&t->ctx, "510402001", 0, 50, &cs, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(cs[i].id != id);

    /* the overdue job: nothing before the deadline; after it, the level above once */
    int64_t now = t->ctx.now;
    assert_int_equal(feedback_job_overdue(&t->ctx), 0);
    t->ctx.now = due + 1;
    int esc = feedback_job_overdue(&t->ctx);
    assert_true(esc >= 1);
    assert_int_equal(count(t, over, uid), 1); /* the district admin */
    snprintf(uid, sizeof uid, "%lld", (long long)vm);
    assert_int_equal(count(t, over, uid), 0);
    assert_int_equal(feedback_job_overdue(&t->ctx), 0);
    t->ctx.now = now;

    /* answered: not by a citizen, not by its filer; published without the contact */
    tdb_as(t, CITIZEN);
    assert_int_equal(feedback_complaint_answer(&t->ctx, id, "已处理", NULL), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, VENUE_MANAGER);
    assert_int_equal(feedback_complaint_answer(&t->ctx, id, "", NULL), -1);
    assert_string_equal(t->ctx.err.code, "bad_answer");
    assert_int_equal(feedback_complaint_answer(&t->ctx, id, "已要求按时开门",
                                               "活动室不按时开门（已隐去个人信息）"),
                     0);
    assert_int_equal(feedback_complaint_answer(&t->ctx, id, "again", NULL), -1);
    assert_string_equal(t->ctx.err.code, "already_answered");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE kind ="
                           " 'feedback.complaint_answered' AND subject_id >= ?",
                           "0") >= 1,
                     1);
    tdb_as(t, NULL);
    assert_int_equal(feedback_complaint_list_public(&t->ctx, "510402001", 0, 50, &cs, &n), 0);
    assert_true(n >= 1);
    assert_int_equal(cs[0].id, id);
    assert_string_equal(cs[0].body, "活动室不按时开门（已隐去个人信息）");
    assert_null(cs[0].contact);
    assert_int_equal(cs[0].user_id, 0);

    /* a staff member's own complaint is answered by someone else */
    tdb_as(t, VENUE_MANAGER);
    in.contact = NULL;
    assert_int_equal(feedback_complaint_file(&t->ctx, &in, &id, &due), 0);
    assert_int_equal(feedback_complaint_answer(&t->ctx, id, "自己答复", NULL), -1);
    assert_string_equal(t->ctx.err.code, "own_complaint");

    /* indicators over the town: received, answered in time, response time */
    double v;
    assert_int_equal(feedback_ind_received(&t->ctx, "510402001", now - DAY_MS, now + DAY_MS, &v),
                     0);
    assert_true(fabs(v - 2) < 1e-9);
    assert_int_equal(feedback_ind_in_time(&t->ctx, "510402001", now - DAY_MS, now + DAY_MS, &v), 0);
    assert_true(fabs(v - 50) < 1e-9);
    assert_int_equal(
        feedback_ind_response_days(&t->ctx, "510402001", now - DAY_MS, now + DAY_MS, &v), 0);
    assert_true(v >= 0 && v < 1);
    /* a period before any complaint: none, and no share */
    assert_int_equal(
        feedback_ind_received(&t->ctx, "5104", now - 90 * DAY_MS, now - 60 * DAY_MS, &v), 0);
    assert_true(v == 0);
    assert_int_equal(
        feedback_ind_in_time(&t->ctx, "5104", now - 90 * DAY_MS, now - 60 * DAY_MS, &v), 0);
    assert_true(isnan(v));
    tdb_close(t);
}

static void test_mask(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    assert_string_equal(feedback_mask_text(&a, "身份证510402199001011234号"),
                        "身份证510*************34号");
    assert_string_equal(feedback_mask_text(&a, "写信 wang.li@example.org 好"),
                        "写信 w******@example.org 好");
    assert_string_equal(feedback_mask_text(&a, "第12号"), "第12号");
    assert_string_equal(feedback_mask_contact(&a, "wangli@example.org"), "w*****@example.org");
    assert_string_equal(feedback_mask_contact(&a, "微信号abc"), "微***");
    arena_free(&a);
}

static void test_demo(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const char *title = "2026 年攀枝花市群众文化需求调研";
    assert_int_equal(count(t, "SELECT count(*) FROM surveys WHERE title = ?", title), 1);
    int64_t answers = count(t,
                            "SELECT count(*) FROM survey_responses r JOIN surveys s"
                            " ON s.id = r.survey_id WHERE s.title = ?",
                            title);
    assert_int_equal(answers, 36);
    assert_int_equal(count(t, "SELECT count(*) FROM surveys WHERE kind = ?", "satisfaction"), 1);
    assert_int_equal(count(t, "SELECT count(*) FROM complaints WHERE status = ?", "answered"), 3);
    assert_int_equal(count(t, "SELECT count(*) FROM complaints WHERE status = ?", "pending"), 1);
    /* satisfaction over the city */
    double v;
    assert_int_equal(
        feedback_ind_satisfaction(&t->ctx, "5104", t->ctx.now - DAY_MS, t->ctx.now + DAY_MS, &v),
        0);
    assert_true(v >= 1 && v <= 5);
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(count(t, "SELECT count(*) FROM survey_responses WHERE created_at >= ?", "0"),
                     48);
    assert_int_equal(count(t, "SELECT count(*) FROM complaints WHERE created_at >= ?", "0"), 4);
    tdb_close(t);
}

/* A satisfaction survey about an activity is offered to those who checked in at a session of
 * it that has ended (not to one whose session is still to come, nor to one who did not come),
 * until they answer; the job tells each once. */
static int64_t insert_id(db_stmt *st)
{
    int64_t id = 0;
    assert_int_equal(store_one_int(st, &id), WY_OK);
    return id;
}

static void test_offers(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t now = t->ctx.now, citizen = user_id(t, CITIZEN), other = user_id(t, VENUE_MANAGER);
    int64_t act = insert_id(db_query(t->ctx.c,
                                     "INSERT INTO activities(title, category, division, status,"
                                     " created_by, created_at, updated_at)"
                                     " VALUES ('读书会', 'reading', '510402', 'published', ?, 0, 0)"
                                     " RETURNING id",
                                     "i", citizen));
    int64_t past = insert_id(
        db_query(t->ctx.c,
                 "INSERT INTO activity_sessions(activity_id, starts_at, ends_at, capacity)"
                 " VALUES (?, ?, ?, 10) RETURNING id",
                 "iii", act, now - 3 * 3600000LL, now - 2 * 3600000LL));
    int64_t later = insert_id(
        db_query(t->ctx.c,
                 "INSERT INTO activity_sessions(activity_id, starts_at, ends_at, capacity)"
                 " VALUES (?, ?, ?, 10) RETURNING id",
                 "iii", act, now + 3600000LL, now + 2 * 3600000LL));
    insert_id(db_query(t->ctx.c,
                       "INSERT INTO bookings(session_id, user_id, status, seats, code, created_at,"
                       " updated_at) VALUES (?, ?, 'checked_in', 1, 'offer-1', 0, 0) RETURNING id",
                       "ii", past, citizen));
    insert_id(db_query(t->ctx.c,
                       "INSERT INTO bookings(session_id, user_id, status, seats, code, created_at,"
                       " updated_at) VALUES (?, ?, 'checked_in', 1, 'offer-2', 0, 0) RETURNING id",
                       "ii", later, other));
    tdb_as(t, DISTRICT_ADMIN);
    json_t *q = json_loads("[{\"kind\":\"rating\",\"text\":\"满意度\"}]", 0, NULL);
    survey_input in = {.kind = "satisfaction",
                       .title = "读书会满意度",
                       .division = "510402",
                       .target_kind = "activity",
                       .target_id = act,
                       .opens_at = now - DAY_MS,
                       .closes_at = now + DAY_MS,
                       .questions = q};
    int64_t sid = 0;
    assert_int_equal(feedback_survey_create(&t->ctx, &in, &sid), 0);
    json_decref(q);

    survey_row *os;
    size_t n;
    tdb_as(t, CITIZEN);
    assert_int_equal(feedback_survey_offers(&t->ctx, &os, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(os[0].id, sid);
    tdb_as(t, VENUE_MANAGER); /* their session has not ended */
    assert_int_equal(feedback_survey_offers(&t->ctx, &os, &n), 0);
    assert_int_equal(n, 0);
    tdb_as(t, DISTRICT_ADMIN); /* did not come */
    assert_int_equal(feedback_survey_offers(&t->ctx, &os, &n), 0);
    assert_int_equal(n, 0);

    /* told once */
    assert_true(feedback_job_survey_offers(&t->ctx) >= 1);
    assert_int_equal(feedback_job_survey_offers(&t->ctx), 0);
    char sql[200];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM notifications WHERE kind = ? AND subject_type = 'survey'"
             " AND subject_id = %lld",
             (long long)sid);
    assert_int_equal(count(t, sql, "feedback.survey_offered"), 1);
    char who[200]; /* another buffer: statements are cached by their text's address */
    snprintf(who, sizeof who,
             "SELECT user_id FROM notifications WHERE kind = ? AND subject_type = 'survey'"
             " AND subject_id = %lld",
             (long long)sid);
    assert_int_equal(count(t, who, "feedback.survey_offered"), citizen);

    /* answered: no longer offered */
    tdb_as(t, CITIZEN);
    assert_int_equal(answer(t, sid, NULL, NULL, "[{\"question\":0,\"rating\":5}]"), 0);
    assert_int_equal(feedback_survey_offers(&t->ctx, &os, &n), 0);
    assert_int_equal(n, 0);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_surveys), cmocka_unit_test(test_complaints),
        cmocka_unit_test(test_mask),    cmocka_unit_test(test_demo),
        cmocka_unit_test(test_offers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
