/*
 * demo_courses: the courses of `wenyun demo`: a term of free courses at 攀枝花市文化馆 (the
 * city's centre) and one of 东区 (at 炳草岗城市书房 and 中国三线建设博物馆), with their
 * teachers, published through the real review chain; the oversubscribed ones (classical dance,
 * calligraphy, piano) by lottery, the rest first-come; and the demo citizen with a place and an
 * application. The enrolment window is open when the demo is loaded (from two days before to
 * twelve days after), and the classes start three weeks later, for sixteen weeks. The term
 * before it has ended: the demo citizen attended 14 of the 16 classes of its pen calligraphy
 * course and holds its completion certificate. The opera course has a handout posted. And the
 * autumn term of 2023 has a drawn lottery to verify (add_drawn_term).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/demo_kit.h"
#include "mod/courses/completion.h"
#include "mod/courses/course.h"
#include "mod/courses/enrolment.h"
#include "mod/courses/material.h"
#include "mod/venues/venue_store.h"

#define DAY_MS (24LL * 3600 * 1000)

/* The teachers log in with the password Demo2026js (13900000011 张墨林 teaches the calligraphy
 * course drawn by lot, 13900000014 王川 the opera course with a place taken). */
static const struct demo_teacher {
    const char *phone, *name, *division, *specialties, *titles, *bio, *password;
} teachers[] = {
    {"13900000011", "张墨林", "5104", "[\"书法\",\"篆刻\"]",
     "[\"中国书法家协会会员\",\"攀枝花市书法家协会副主席\"]",
     "从事书法教学二十余年，擅长楷书、隶书，长期在市文化馆开设公益书法班。", "Demo2026js"},
    {"13900000012", "李婉清", "5104", "[\"中国古典舞\",\"民族民间舞\"]", "[\"国家二级演员\"]",
     "曾任攀枝花市歌舞团舞蹈演员，现为市文化馆舞蹈专干。", "Demo2026js"},
    {"13900000013", "陈乐", "5104", "[\"钢琴\",\"视唱练耳\"]", "[\"中国音乐家协会会员\"]",
     "钢琴教师，专注少儿钢琴启蒙教学。", "Demo2026js"},
    {"13900000014", "王川", "5104", "[\"川剧\",\"戏曲鉴赏\"]", "[\"川剧票友协会会长\"]",
     "川剧爱好者与研究者，多年组织社区戏曲沙龙。", "Demo2026js"},
    {"13900000015", "阿依", "5104", "[\"彝族刺绣\",\"非遗传承\"]",
     "[\"市级非物质文化遗产代表性传承人\"]", "彝族刺绣技艺传承人，在各社区开展非遗进社区活动。",
     "Demo2026js"},
    {"13900000016", "周文", "510402", "[\"散文写作\",\"文学评论\"]", "[\"攀枝花市作家协会会员\"]",
     "东区文学爱好者协会发起人，组织社区读书写作活动多年。", "Demo2026js"},
};

static const char *const SAT_AM = "[{\"weekday\":6,\"starts\":\"09:00\",\"ends\":\"11:00\"}]";

static const struct demo_course {
    int district; /* 0: the city's centre (5104), 1: 东区's (510402) */
    const char *title, *category, *level;
    int age_min, age_max;
    const char *residence, *venue, *room, *schedule;
    int places;
    const char *delivery, *online_kind, *online_url;
    int staff_only;
    const char *enrolment;
    int teacher; /* index of teachers[], or -1 */
    const char *description;
} courses[] = {
    {0, "书法入门（楷书）", "calligraphy_painting", "beginner", 18, -1, NULL, "pzh-cc-city",
     "二楼书画室", NULL, 30, "onsite", NULL, NULL, 0, "lottery", 0,
     "从楷书基本笔画、结构入手，临习欧体《九成宫醴泉铭》。笔墨纸砚由文化馆提供。"},
    {0, "中国古典舞基础", "dance", "beginner", 18, 55, NULL, "pzh-cc-city", "三楼排练厅",
     "[{\"weekday\":2,\"starts\":\"19:00\",\"ends\":\"20:30\"},"
     "{\"weekday\":4,\"starts\":\"19:00\",\"ends\":\"20:30\"}]",
     25, "onsite", NULL, NULL, 0, "lottery", 1,
     "基本功训练、身韵与短小组合，学期末参加文化馆汇报演出。请着练功服、软底鞋。"},
    {0, "少儿钢琴启蒙", "music_instruments", "beginner", 7, 12, "5104", "pzh-cc-city", "琴房",
     "[{\"weekday\":7,\"starts\":\"10:00\",\"ends\":\"11:30\"}]", 12, "onsite", NULL, NULL, 0,
     "lottery", 2, "面向全市7至12岁儿童，认识键盘、识读五线谱，弹奏简单乐曲。"},
    {0, "川剧唱腔赏析", "opera", "all", -1, -1, NULL, "pzh-cc-city", "多功能厅",
     "[{\"weekday\":3,\"starts\":\"19:00\",\"ends\":\"21:00\"}]", 60, "both", "recorded",
     "https://www.pzhwhg.example.cn/kecheng/chuanju", 0, "first_come", 3,
     "欣赏川剧高腔、昆腔、胡琴、弹戏、灯调五种声腔的经典唱段，线上同步提供录播。"},
    {0, "彝族刺绣（非遗技艺）", "intangible_heritage", "all", 12, -1, NULL, "pzh-cc-city",
     "非遗工作室", "[{\"weekday\":6,\"starts\":\"14:30\",\"ends\":\"16:30\"}]", 40, "onsite", NULL,
     NULL, 0, "first_come", 4, "学习彝族传统刺绣的针法与纹样，完成一件刺绣小品。材料免费提供。"},
    {0, "智能手机与数字生活", "digital_skills", "beginner", 60, -1, NULL, "pzh-lib-city",
     "数字阅读室", "[{\"weekday\":1,\"starts\":\"09:30\",\"ends\":\"11:00\"}]", 40, "onsite", NULL,
     NULL, 0, "first_come", -1, "面向60岁以上市民：手机支付、健康码、线上预约挂号、防范电信诈骗。"},
    {0, "基层文化工作者培训：群众文化活动策划", "other", "all", -1, -1, NULL, "pzh-cc-city",
     "多功能厅", "[{\"weekday\":5,\"starts\":\"14:30\",\"ends\":\"17:00\"}]", 50, "onsite", NULL,
     NULL, 1, "first_come", -1,
     "分级分类培训：乡镇（街道）综合文化站、村（社区）综合性文化服务中心工作人员的活动策划与"
     "组织实务。"},
    {1, "散文写作入门", "literature", "beginner", 16, -1, "510402", "pzh-space-bcg", "阅读区",
     "[{\"weekday\":4,\"starts\":\"19:00\",\"ends\":\"20:30\"}]", 25, "onsite", NULL, NULL, 0,
     "first_come", 5, "面向东区居民，从身边的三线记忆写起，每周一篇习作，集体评改。"},
    {1, "艺术欣赏：三线建设与工业美术", "art_appreciation", "all", -1, -1, NULL, "pzh-mus-3line",
     "学术报告厅", SAT_AM, 40, "both", "live", "https://live.example.cn/pzh/sanxian", 0,
     "first_come", -1, "走进中国三线建设博物馆，欣赏三线时期的宣传画、工业设计与城市建筑。"},
};

static int add_teacher(wy_ctx *ctx, const struct demo_teacher *d, int64_t *teacher_id)
{
    account u;
    int64_t uid;
    principal admin;
    ctx->who = NULL; /* the command line is trusted */
    if (store_user_by_phone(ctx->c, ctx->a, d->phone, &u) == WY_OK) {
        uid = u.id;
    } else if (account_create(ctx, d->phone, d->password, d->name, "teacher", d->division, &uid) <
               0) {
        return demo_failed(ctx, "create a demo teacher");
    }
    course_teacher t = {.user_id = uid,
                        .division = d->division,
                        .name = d->name,
                        .specialties = d->specialties,
                        .titles = d->titles,
                        .bio = d->bio};
    if (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0 || teacher_create(ctx, &t, teacher_id) < 0)
        return demo_failed(ctx, "create a demo teacher's profile");
    return 0;
}

/* A term of the centre of division (by its admin): "<centre><year>年<season>季公益培训班". */
static int add_term(wy_ctx *ctx, const char *admin_phone, const char *division, const char *centre,
                    int64_t *id)
{
    principal admin;
    char from[16], until[16];
    int64_t first = course_day_of(ctx->now) + 21;
    course_day_text(first, from);
    course_day_text(first + 16 * 7 - 1, until);
    /* a term that starts from November is the next year's spring term */
    int year =
        (from[0] - '0') * 1000 + (from[1] - '0') * 100 + (from[2] - '0') * 10 + (from[3] - '0');
    int month = (from[5] - '0') * 10 + (from[6] - '0');
    int autumn = month >= 7 && month <= 10;
    course_term t = {.division = division,
                     .name = arena_sprintf(ctx->a, "%s%d年%s季公益培训班", centre,
                                           month >= 11 ? year + 1 : year, autumn ? "秋" : "春"),
                     .enrol_opens_at = ctx->now - 2 * DAY_MS,
                     .enrol_closes_at = ctx->now + 12 * DAY_MS,
                     .classes_from = from,
                     .classes_until = until,
                     .max_courses = 2,
                     .max_choices = 3,
                     .returning_after_new = 1};
    if (demo_as_user(ctx, admin_phone, &admin) < 0 || term_create(ctx, &t, id) < 0)
        return demo_failed(ctx, "open a demo term");
    return 0;
}

/* The city centre's term before this one, over by now: a first-come course of pen calligraphy
 * that the demo citizen took (a place written as the seat writer writes it: the enrolment
 * window closed long ago), attended 14 of its 16 Saturdays, and completed; its certificate. */
static int add_past_term(wy_ctx *ctx, int64_t teacher_id)
{
    principal admin, citizen;
    char from[16], until[16];
    int64_t last = course_day_of(ctx->now) - 10;
    course_day_text(last - 16 * 7 + 1, from);
    course_day_text(last, until);
    int year =
        (from[0] - '0') * 1000 + (from[1] - '0') * 100 + (from[2] - '0') * 10 + (from[3] - '0');
    int month = (from[5] - '0') * 10 + (from[6] - '0');
    course_term t = {.division = "5104",
                     .name = arena_sprintf(ctx->a, "攀枝花市文化馆%d年%s季公益培训班",
                                           month >= 11 ? year + 1 : year,
                                           month >= 7 && month <= 10 ? "秋" : "春"),
                     .enrol_opens_at = ctx->now - (16 * 7 + 30) * DAY_MS,
                     .enrol_closes_at = ctx->now - (16 * 7 + 16) * DAY_MS,
                     .classes_from = from,
                     .classes_until = until,
                     .max_courses = 2,
                     .max_choices = 3};
    int64_t term_id, course_id;
    venue v;
    const char *status;
    if (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0 || term_create(ctx, &t, &term_id) < 0)
        return demo_failed(ctx, "open the demo's past term");
    if (store_venue_by_external(ctx->c, ctx->a, "pzh-cc-city", &v) != WY_OK)
        return demo_failed(ctx, "find the city's cultural centre");
    course k = {.term_id = term_id,
                .teacher_id = teacher_id,
                .title = "硬笔书法（行楷）",
                .category = "calligraphy_painting",
                .level = "beginner",
                .description = "从硬笔楷书过渡到行楷，每周一次课，课后完成一页练习。",
                .age_min = -1,
                .age_max = -1,
                .division = "5104",
                .venue_id = v.id,
                .room = "二楼书画室",
                .schedule = SAT_AM,
                .places = 30,
                .delivery = "onsite",
                .enrolment = "first_come"};
    if (course_create(ctx, &k, &course_id) < 0 || course_submit(ctx, course_id, &status) < 0 ||
        demo_approve_through_chain(ctx, "course", course_id, status) < 0)
        return demo_failed(ctx, "publish the demo's past course");
    if (demo_as_user(ctx, DEMO_CITIZEN, &citizen) < 0)
        return -1;
    unsigned char raw[15];
    char code[24];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(code, sizeof(code), raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    course_enrol_req req = {.course_id = course_id,
                            .term_id = term_id,
                            .user_id = citizen.user_id,
                            .max_courses = t.max_courses,
                            .code = code,
                            .now = t.enrol_opens_at + DAY_MS};
    course_enrol_res res;
    course_session *ss;
    size_t ns;
    if (enrol_now(ctx, &req, &res) < 0 || enrol_refuse(ctx, res.outcome) < 0 ||
        store_course_sessions(ctx->c, ctx->a, course_id, &ss, &ns) != WY_OK)
        return demo_failed(ctx, "enrol the demo citizen in the past course");
    /* at every class but the third and the ninth */
    if (store_begin(ctx->c, 1) != WY_OK)
        return demo_failed(ctx, "record the past course's attendance");
    for (size_t i = 0; i < ns; i++)
        if (i != 2 && i != 8 &&
            store_attendance_add(ctx->c, ss[i].id, res.id, admin.user_id, "code",
                                 ss[i].starts_at + 5 * 60000) != WY_OK) {
            store_rollback(ctx->c);
            return demo_failed(ctx, "record the past course's attendance");
        }
    if (store_commit(ctx->c) != WY_OK)
        return demo_failed(ctx, "record the past course's attendance");
    course_issued issued;
    if (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0 ||
        course_certificates_issue(ctx, course_id, &issued) < 0)
        return demo_failed(ctx, "issue the past course's certificates");
    return 0;
}

/* The drawn lottery of the demo: the city centre's autumn term of 2023, whose two
 * oversubscribed courses were shared out by lottery, committed to round 1000 of drand's quicknet
 * chain (out at 2023-08-23T15:59:24Z) and drawn with that round's real value, recorded here
 * because the demo is loaded without network: anyone can check it at
 * https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/1000
 * ("randomness"). The whole term is dated then (the clock is set back while it is made), so
 * its window, commitment and draw follow each other as they would have. Sixteen learners of
 * 东区 (弄弄坪街道) applied (accounts without a password, for the draw only). */
#define DEMO_ROUND_OUT_S 1692806364LL /* quicknet round 1000 */
#define DEMO_ROUND_VALUE "fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd"

static int add_drawn_term(wy_ctx *ctx, int64_t teacher_id)
{
    static const struct {
        const char *title, *description;
        int places;
    } lc[] = {{"古典舞基础（2023秋）", "中国古典舞基本功与身韵，每周六上午。", 3},
              {"书法入门（2023秋）", "毛笔楷书的笔画与结构，每周六上午。", 4}};
    int64_t now = ctx->now, out = DEMO_ROUND_OUT_S * 1000;
    principal admin, learner;
    /* the term opened on 1 August 2023 and closed on the 20th */
    ctx->now = out - 22 * DAY_MS;
    course_term t = {.division = "5104",
                     .name = "攀枝花市文化馆2023年秋季公益培训班",
                     .enrol_opens_at = out - 22 * DAY_MS,
                     .enrol_closes_at = out - 3 * DAY_MS,
                     .classes_from = "2023-09-02",
                     .classes_until = "2023-12-16",
                     .max_courses = 1,
                     .max_choices = 2};
    int64_t term_id, ids[2];
    venue v;
    int res = 0;
    if (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0 || term_create(ctx, &t, &term_id) < 0 ||
        store_venue_by_external(ctx->c, ctx->a, "pzh-cc-city", &v) != WY_OK)
        res = demo_failed(ctx, "open the demo's drawn term");
    for (size_t i = 0; !res && i < 2; i++) {
        const char *status;
        course k = {.term_id = term_id,
                    .teacher_id = teacher_id,
                    .title = lc[i].title,
                    .category = i ? "calligraphy_painting" : "dance",
                    .level = "beginner",
                    .description = lc[i].description,
                    .age_min = -1,
                    .age_max = -1,
                    .division = "5104",
                    .venue_id = v.id,
                    .room = i ? "二楼书画室" : "三楼排练厅",
                    .schedule = SAT_AM,
                    .places = lc[i].places,
                    .delivery = "onsite",
                    .enrolment = "lottery"};
        if (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0 || course_create(ctx, &k, &ids[i]) < 0 ||
            course_submit(ctx, ids[i], &status) < 0 ||
            demo_approve_through_chain(ctx, "course", ids[i], status) < 0)
            res = demo_failed(ctx, "publish the demo's drawn courses");
    }
    /* sixteen applications during the window, most for dance first */
    ctx->now = out - 12 * DAY_MS;
    for (int i = 0; !res && i < 16; i++) {
        char phone[16], name[32];
        snprintf(phone, sizeof(phone), "137000010%02d", i + 1);
        snprintf(name, sizeof(name), "学员%02d", i + 1);
        int64_t uid;
        account u;
        int64_t choices[2] = {ids[i % 3 == 2], ids[i % 3 != 2]};
        if ((store_user_by_phone(ctx->c, ctx->a, phone, &u) != WY_OK &&
             store_user_create(ctx->c, phone, name, "!", "510402005", ctx->now, &uid) != WY_OK) ||
            demo_as_user(ctx, phone, &learner) < 0 ||
            application_set(ctx, term_id, choices, i % 4 == 3 ? 1 : 2, NULL, NULL) < 0)
            res = demo_failed(ctx, "apply for the demo's drawn courses");
    }
    /* committed four minutes before round 1000, drawn five minutes after it */
    lottery_row r;
    ctx->now = out - 4 * 60000;
    if (!res && (demo_as_user(ctx, DEMO_CITY_ADMIN, &admin) < 0 ||
                 course_term_lottery(ctx, term_id, &r) < 0 ||
                 lottery_record_commit(ctx, r.id, "drand/quicknet", out, &r) < 0))
        res = demo_failed(ctx, "commit the demo's lottery");
    if (!res && r.beacon_round != 1000) {
        fprintf(stderr, "demo: the lottery was committed to round %lld, not 1000\n",
                (long long)r.beacon_round);
        res = -1;
    }
    ctx->now = out + 5 * 60000;
    if (!res && lottery_record_draw(ctx, r.id, DEMO_ROUND_VALUE, &r) < 0)
        res = demo_failed(ctx, "draw the demo's lottery");
    ctx->now = now;
    return res;
}

/* A handout of the opera course, posted by its teacher. */
static int add_material(wy_ctx *ctx, int64_t course_id, const char *teacher_phone)
{
    static const char text[] = "川剧五种声腔简介\n\n"
                               "高腔：一唱众和，帮腔是其特色。\n"
                               "昆腔：源于昆曲，曲调婉转。\n"
                               "胡琴：以小胡琴伴奏，分西皮、二黄。\n"
                               "弹戏：以盖板胡琴伴奏，梆子击节。\n"
                               "灯调：源于民间花灯，轻快活泼。\n";
    principal teacher;
    attachment a;
    attachment_file f = {"川剧五种声腔简介.txt", "text/plain; charset=utf-8", text,
                         sizeof(text) - 1};
    if (demo_as_user(ctx, teacher_phone, &teacher) < 0 ||
        course_material_add(ctx, course_id, &f, &a) < 0)
        return demo_failed(ctx, "post a demo course's material");
    return 0;
}

int courses_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)data_dir;
    account u;
    course_teacher existing;
    /* loaded before (its first teacher has a profile): a second run changes nothing */
    if (store_user_by_phone(ctx->c, ctx->a, teachers[0].phone, &u) == WY_OK &&
        store_teacher_by_user(ctx->c, ctx->a, u.id, &existing) == WY_OK)
        return 0;
    int64_t tids[sizeof(teachers) / sizeof(teachers[0])];
    for (size_t i = 0; i < sizeof(teachers) / sizeof(teachers[0]); i++)
        if (add_teacher(ctx, &teachers[i], &tids[i]) < 0)
            return -1;
    int64_t terms[2];
    if (add_term(ctx, DEMO_CITY_ADMIN, "5104", "攀枝花市文化馆", &terms[0]) < 0 ||
        add_term(ctx, DEMO_DISTRICT_ADMIN, "510402", "东区文化馆", &terms[1]) < 0)
        return -1;
    int64_t ids[sizeof(courses) / sizeof(courses[0])];
    for (size_t i = 0; i < sizeof(courses) / sizeof(courses[0]); i++) {
        const struct demo_course *d = &courses[i];
        principal author;
        venue v;
        const char *status;
        if (store_venue_by_external(ctx->c, ctx->a, d->venue, &v) != WY_OK) {
            fprintf(stderr, "demo: no venue %s for the courses\n", d->venue);
            return -1;
        }
        course k = {.term_id = terms[d->district],
                    .teacher_id = d->teacher >= 0 ? tids[d->teacher] : 0,
                    .title = d->title,
                    .category = d->category,
                    .level = d->level,
                    .description = d->description,
                    .age_min = d->age_min,
                    .age_max = d->age_max,
                    .residence = d->residence,
                    .division = d->district ? "510402" : "5104",
                    .venue_id = v.id,
                    .room = d->room,
                    .schedule = d->schedule ? d->schedule : SAT_AM,
                    .places = d->places,
                    .delivery = d->delivery,
                    .online_kind = d->online_kind,
                    .online_url = d->online_url,
                    .staff_only = d->staff_only,
                    .enrolment = d->enrolment};
        if (demo_as_user(ctx, d->district ? DEMO_DISTRICT_ADMIN : DEMO_CITY_ADMIN, &author) < 0 ||
            course_create(ctx, &k, &ids[i]) < 0 || course_submit(ctx, ids[i], &status) < 0 ||
            demo_approve_through_chain(ctx, "course", ids[i], status) < 0)
            return demo_failed(ctx, "publish a demo course");
    }
    /* the demo citizen: a place in the opera course, an application for calligraphy and
     * classical dance (in that order) */
    principal citizen;
    course_enrol_req req;
    course_enrol_res res;
    int64_t choices[2] = {ids[0], ids[1]};
    if (demo_as_user(ctx, DEMO_CITIZEN, &citizen) < 0 ||
        enrol_prepare(ctx, ids[3], "1985-06-15", NULL, &req) < 0 ||
        enrol_now(ctx, &req, &res) < 0 || enrol_refuse(ctx, res.outcome) < 0 ||
        application_set(ctx, terms[0], choices, 2, NULL, NULL) < 0)
        return demo_failed(ctx, "enrol the demo citizen");
    if (add_past_term(ctx, tids[0]) < 0 || add_drawn_term(ctx, tids[0]) < 0 ||
        add_material(ctx, ids[3], teachers[3].phone) < 0)
        return -1;
    ctx->who = NULL;
    if (verbose)
        fprintf(stderr,
                "courses: %zu teachers, 4 terms, %zu courses, 1 certificate, 1 drawn lottery\n",
                sizeof(teachers) / sizeof(teachers[0]), sizeof(courses) / sizeof(courses[0]) + 3);
    return 0;
}
