/* Tests of the courses module's rules on a database (both backends): terms, teachers and
 * courses through review; first-come places (full, duplicate, over the limit of a term, not
 * eligible, the window, withdrawal) with the store's guards under a batch; lottery
 * applications and what the lottery is given; check-in, the roster and the completion rule.
 * The clock is the test's (ctx.now). */
#include "testlib.h"

#include "core/demo_kit.h"
#include "mod/courses/course.h"
#include "mod/courses/enrolment.h"
#include "mod/courses/material.h"

#define MIN  ((int64_t)60000)
#define HOUR (60 * MIN)
#define DAY  (24 * HOUR)

/* src/demo.c: the venue manager manages courses in 510402001, the district admin in 510402,
 * the city admin in 5104; the citizen lives in 510402001 */
static const char *VM = "13900000005", *DA = "13900000002", *CA = "13900000001",
                  *CITIZEN = "13800000006";

static const char *SATURDAYS = "[{\"weekday\":6,\"starts\":\"09:00\",\"ends\":\"11:00\"}]";

/* An account made by the trusted command line: role on division. */
static int64_t person(tdb *t, const char *phone, const char *role, const char *division)
{
    int64_t id;
    t->ctx.who = NULL;
    assert_int_equal(account_create(&t->ctx, phone, "Secure2026pw", "学员", role, division, &id),
                     0);
    return id;
}

/* A term of 东区 open from an hour ago for a day, classes on the four weeks from a week on. */
static int64_t new_term(tdb *t, int max_courses, int max_choices, int returning_after_new)
{
    char from[16], until[16];
    int64_t today = course_day_of(t->ctx.now);
    course_day_text(today + 7, from);
    course_day_text(today + 34, until);
    course_term term = {.division = "510402",
                        .name = "2027年春季公益培训",
                        .enrol_opens_at = t->ctx.now - HOUR,
                        .enrol_closes_at = t->ctx.now + DAY,
                        .classes_from = from,
                        .classes_until = until,
                        .max_courses = max_courses,
                        .max_choices = max_choices,
                        .returning_after_new = returning_after_new};
    int64_t id;
    tdb_as(t, DA);
    assert_int_equal(term_create(&t->ctx, &term, &id), 0);
    return id;
}

static course course_of(int64_t term, const char *title, const char *mode, int places)
{
    return (course){.term_id = term,
                    .title = title,
                    .category = "calligraphy_painting",
                    .division = "510402",
                    .description = "从楷书笔画入门",
                    .age_min = -1,
                    .age_max = -1,
                    .schedule = SATURDAYS,
                    .places = places,
                    .enrolment = mode};
}

/* Create as the district admin, submit, approve through the demo chain. */
static int64_t publish(tdb *t, course *k)
{
    int64_t id;
    const char *status;
    tdb_as(t, DA);
    assert_int_equal(course_create(&t->ctx, k, &id), 0);
    assert_int_equal(course_submit(&t->ctx, id, &status), 0);
    assert_int_equal(demo_approve_through_chain(&t->ctx, "course", id, status), 0);
    course_view v;
    tdb_as(t, NULL);
    assert_int_equal(course_get(&t->ctx, id, &v), 0);
    assert_string_equal(v.k.status, "published");
    return id;
}

/* Ask for a place as phone: 0 and the result, or -1 with the refusal on ctx. */
static int enrol(tdb *t, const char *phone, int64_t course_id, const char *birth,
                 course_enrol_res *res)
{
    course_enrol_req r;
    tdb_as(t, phone);
    if (enrol_prepare(&t->ctx, course_id, birth, NULL, &r) < 0)
        return -1;
    assert_int_equal(enrol_now(&t->ctx, &r, res), 0);
    return enrol_refuse(&t->ctx, res->outcome);
}

static void test_course_lifecycle(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t term = new_term(t, 2, 3, 0);
    /* the rules of the fields */
    course bad = course_of(term, "书法入门", "first_come", 20);
    bad.category = "cooking";
    tdb_as(t, DA);
    int64_t id;
    assert_int_equal(course_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_category");
    bad = course_of(term, "书法入门", "first_come", 20);
    bad.schedule = "[{\"weekday\":9,\"starts\":\"09:00\",\"ends\":\"11:00\"}]";
    tdb_as(t, DA);
    assert_int_equal(course_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_schedule");
    bad = course_of(term, "书法入门", "first_come", 20);
    bad.delivery = "online";
    tdb_as(t, DA);
    assert_int_equal(course_create(&t->ctx, &bad, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_online");
    /* outside one's area: the venue manager of 大渡口 does not manage 东区's courses */
    course k = course_of(term, "书法入门", "first_come", 20);
    tdb_as(t, VM);
    assert_int_equal(course_create(&t->ctx, &k, &id), -1);
    assert_string_equal(t->ctx.err.code, "forbidden");
    /* a draft: four Saturdays, unseen by citizens and by the search */
    k = course_of(term, "书法入门", "first_come", 20);
    tdb_as(t, DA);
    assert_int_equal(course_create(&t->ctx, &k, &id), 0);
    course_view v;
    assert_int_equal(course_get(&t->ctx, id, &v), 0);
    assert_string_equal(v.k.status, "draft");
    assert_true(v.nsessions >= 3 && v.nsessions <= 5);
    tdb_as(t, CITIZEN);
    assert_int_equal(course_get(&t->ctx, id, &v), -1);
    assert_string_equal(t->ctx.err.code, "not_found");
    /* changed as a draft: its sessions follow the schedule */
    tdb_as(t, DA);
    k = course_of(term, "书法入门（楷书）", "first_come", 20);
    k.id = id;
    k.schedule = "[{\"weekday\":6,\"starts\":\"09:00\",\"ends\":\"11:00\"},"
                 "{\"weekday\":3,\"starts\":\"19:00\",\"ends\":\"20:30\"}]";
    assert_int_equal(course_update(&t->ctx, &k), 0);
    assert_int_equal(course_get(&t->ctx, id, &v), 0);
    assert_string_equal(v.k.title, "书法入门（楷书）");
    assert_true(v.nsessions >= 7);
    /* submitted: the district admin wrote it and may not decide it, whatever else it holds */
    const char *status;
    assert_int_equal(course_submit(&t->ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "course", id, &it), WY_OK);
    assert_true(review_own(t->ctx.who, &it));
    assert_int_equal(demo_approve_through_chain(&t->ctx, "course", id, status), 0);
    tdb_as(t, CITIZEN);
    assert_int_equal(course_get(&t->ctx, id, &v), 0);
    assert_string_equal(v.k.status, "published");
    /* published: not changed as a draft any more */
    tdb_as(t, DA);
    assert_int_equal(course_update(&t->ctx, &k), -1);
    assert_string_equal(t->ctx.err.code, "bad_state");
    /* the catalogue: by text (the title first), category, division, term */
    course other = course_of(term, "国画花鸟", "first_come", 20);
    other.description = "兼学书法用笔";
    other.category = "calligraphy_painting";
    int64_t id2 = publish(t, &other);
    course_query q = {.q = "书法", .term_id = term, .limit = 10}; /* (the demo has its own) */
    course_view *vs;
    size_t n;
    const char *next;
    tdb_as(t, NULL);
    assert_int_equal(course_search(&t->ctx, &q, &vs, &n, &next), 0);
    assert_int_equal(n, 2);
    assert_int_equal(vs[0].k.id, id); /* the title holds it */
    assert_int_equal(vs[1].k.id, id2);
    q.limit = 1; /* a page of one, then the next */
    assert_int_equal(course_search(&t->ctx, &q, &vs, &n, &next), 0);
    assert_int_equal(n, 1);
    assert_non_null(next);
    q.cursor = next;
    assert_int_equal(course_search(&t->ctx, &q, &vs, &n, &next), 0);
    assert_int_equal(n, 1);
    assert_int_equal(vs[0].k.id, id2);
    course_query byarea = {.division = "510403", .limit = 10}; /* 西区: none */
    assert_int_equal(course_search(&t->ctx, &byarea, &vs, &n, &next), 0);
    assert_int_equal(n, 0);
    course_query badcat = {.category = "cooking"};
    assert_int_equal(course_search(&t->ctx, &badcat, &vs, &n, &next), -1);
    assert_string_equal(t->ctx.err.code, "bad_category");
    /* cancelled by its managers: no more enrolments */
    tdb_as(t, DA);
    assert_int_equal(course_cancel(&t->ctx, id2), 0);
    course_enrol_res r;
    assert_int_equal(enrol(t, CITIZEN, id2, NULL, &r), -1);
    assert_string_equal(t->ctx.err.code, "cancelled");
    tdb_close(t);
}

static void test_teachers(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t tu = person(t, "13700000001", "teacher", "510402");
    int64_t cu = person(t, "13700000002", "citizen", "510402001");
    course_teacher te = {.user_id = cu,
                         .division = "510402",
                         .specialties = "[\"书法\"]",
                         .titles = "[\"中国书法家协会会员\"]",
                         .bio = "从事书法教学二十年"};
    int64_t id;
    tdb_as(t, DA);
    assert_int_equal(teacher_create(&t->ctx, &te, &id), -1); /* not a teacher */
    assert_string_equal(t->ctx.err.code, "not_a_teacher");
    te.user_id = tu;
    tdb_as(t, CITIZEN);
    assert_int_equal(teacher_create(&t->ctx, &te, &id), -1);
    assert_string_equal(t->ctx.err.code, "forbidden");
    tdb_as(t, DA);
    assert_int_equal(teacher_create(&t->ctx, &te, &id), 0);
    assert_string_equal(te.name, "学员"); /* the account's name when none is given */
    assert_int_equal(teacher_create(&t->ctx, &te, &id), -1);
    assert_string_equal(t->ctx.err.code, "duplicate");
    te.specialties = "[\"\"]";
    tdb_as(t, DA);
    assert_int_equal(teacher_create(&t->ctx, &te, &id), -1);
    assert_string_equal(t->ctx.err.code, "bad_specialties");
    /* the teacher changes their own profile; another teacher may not */
    int64_t other = person(t, "13700000003", "teacher", "510403");
    (void)other;
    course_teacher change = {.bio = "书法教学，楷书与隶书",
                             .photo_url = "https://example.org/p.jpg"};
    tdb_as(t, "13700000003");
    assert_int_equal(teacher_update(&t->ctx, id, &change), -1);
    assert_string_equal(t->ctx.err.code, "forbidden");
    tdb_as(t, "13700000001");
    assert_int_equal(teacher_update(&t->ctx, id, &change), 0);
    course_teacher got;
    assert_int_equal(teacher_get(&t->ctx, id, &got), 0);
    assert_string_equal(got.bio, "书法教学，楷书与隶书");
    assert_string_equal(got.specialties, "[\"书法\"]");
    assert_string_equal(got.photo_url, "https://example.org/p.jpg");
    change = (course_teacher){.photo_url = "javascript:alert(1)"};
    assert_int_equal(teacher_update(&t->ctx, id, &change), -1);
    assert_string_equal(t->ctx.err.code, "bad_url");
    tdb_close(t);
}

static void test_first_come(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t term = new_term(t, 2, 3, 0);
    course k = course_of(term, "少儿书法", "first_come", 2);
    k.age_min = 7;
    k.age_max = 12;
    k.residence = "510402";
    int64_t kids = publish(t, &k);
    course a = course_of(term, "合唱", "first_come", 5),
           b = course_of(term, "舞蹈", "first_come", 5),
           c = course_of(term, "摄影", "first_come", 5);
    int64_t ca = publish(t, &a), cb = publish(t, &b), cc = publish(t, &c);
    for (int i = 0; i < 4; i++) {
        char phone[16];
        snprintf(phone, sizeof(phone), "1360000000%d", i);
        person(t, phone, "citizen", i == 3 ? "510403001" : "510402001");
    }
    course_enrol_res r;
    /* an age range needs a birth date; a wrong age is refused */
    assert_int_equal(enrol(t, "13600000000", kids, NULL, &r), -1);
    assert_string_equal(t->ctx.err.code, "not_eligible");
    assert_string_equal(t->ctx.err.field, "birth_date");
    assert_int_equal(t->ctx.err.cls, E_RULE);
    assert_int_equal(enrol(t, "13600000000", kids, "2026-13-40", &r), -1);
    assert_string_equal(t->ctx.err.code, "bad_birth_date");
    assert_int_equal(enrol(t, "13600000000", kids, "1990-01-01", &r), -1);
    assert_string_equal(t->ctx.err.field, "age");
    /* declared once: the date stays */
    assert_int_equal(enrol(t, "13600000000", kids, "2018-01-01", &r), -1);
    assert_string_equal(t->ctx.err.field, "age");
    char young[16];
    course_day_text(course_day_of(t->ctx.now) - 9 * 366, young);
    assert_int_equal(enrol(t, "13600000001", kids, young, &r), 0);
    assert_int_equal(r.outcome, COURSE_ENROLLED);
    assert_true(strlen(r.code) >= 20);
    assert_int_equal(enrol(t, "13600000001", kids, NULL, &r), -1);
    assert_string_equal(t->ctx.err.code, "duplicate");
    assert_int_equal(t->ctx.err.cls, E_CONFLICT);
    /* residence: 西区 is outside 东区 */
    assert_int_equal(enrol(t, "13600000003", kids, young, &r), -1);
    assert_string_equal(t->ctx.err.field, "residence");
    /* full at two */
    assert_int_equal(enrol(t, "13600000002", kids, young, &r), 0);
    person(t, "13600000009", "citizen", "510402001");
    assert_int_equal(enrol(t, "13600000009", kids, young, &r), -1);
    assert_string_equal(t->ctx.err.code, "full");
    /* at most two courses a term */
    assert_int_equal(enrol(t, "13600000001", ca, NULL, &r), 0);
    assert_int_equal(enrol(t, "13600000001", cb, NULL, &r), -1);
    assert_string_equal(t->ctx.err.code, "over_limit");
    /* the store keeps the limit by itself: a request prepared before the second place */
    course_enrol_req early;
    tdb_as(t, "13600000002");
    assert_int_equal(enrol_prepare(&t->ctx, cb, NULL, NULL, &early), 0);
    assert_int_equal(enrol(t, "13600000002", cc, NULL, &r), 0);
    assert_int_equal(enrol_now(&t->ctx, &early, &r), 0);
    assert_int_equal(r.outcome, COURSE_OVER_LIMIT);
    /* withdrawing gives the place and the hold back */
    course_enrolment e;
    assert_int_equal(store_enrolment_live(t->ctx.c, t->ctx.a, kids, 0, &e), WY_NOTFOUND);
    tdb_as(t, "13600000001");
    account u;
    assert_int_equal(store_user_by_phone(t->ctx.c, t->ctx.a, "13600000001", &u), WY_OK);
    assert_int_equal(store_enrolment_live(t->ctx.c, t->ctx.a, kids, u.id, &e), WY_OK);
    tdb_as(t, "13600000002"); /* another person's place does not exist for you */
    assert_int_equal(enrol_withdraw(&t->ctx, e.id), -1);
    assert_string_equal(t->ctx.err.code, "not_found");
    tdb_as(t, "13600000001");
    assert_int_equal(enrol_withdraw(&t->ctx, e.id), 0);
    assert_int_equal(enrol_withdraw(&t->ctx, e.id), -1);
    assert_string_equal(t->ctx.err.code, "not_enrolled");
    assert_int_equal(enrol(t, "13600000009", kids, young, &r), 0); /* the place is free */
    assert_int_equal(enrol(t, "13600000001", cb, NULL, &r), 0);    /* and the hold */
    /* a lottery course is not enrolled first-come */
    course l = course_of(term, "古琴", "lottery", 5);
    int64_t lot = publish(t, &l);
    assert_int_equal(enrol(t, CITIZEN, lot, NULL, &r), -1);
    assert_string_equal(t->ctx.err.code, "lottery");
    /* the window: closed after its end */
    t->ctx.now += 2 * DAY;
    assert_int_equal(enrol(t, CITIZEN, ca, NULL, &r), -1);
    assert_string_equal(t->ctx.err.code, "closed");
    tdb_close(t);
}

/* One batch of many requests for few places: the guarded update keeps the places, the unique
 * index one place a person, the guarded hold the limit of the term. */
static void test_batch_guards(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t term = new_term(t, 1, 3, 0);
    course a = course_of(term, "合唱", "first_come", 3),
           b = course_of(term, "舞蹈", "first_come", 3);
    int64_t ca = publish(t, &a), cb = publish(t, &b);
    enum { N = 12 };
    course_enrol_req req[N];
    course_enrol_res res[N];
    int64_t users[6];
    for (int i = 0; i < 6; i++) {
        char phone[16];
        snprintf(phone, sizeof(phone), "1350000000%d", i);
        users[i] = person(t, phone, "citizen", "510402001");
    }
    for (int i = 0; i < N; i++) {
        char code[16];
        snprintf(code, sizeof(code), "code%02d", i);
        /* each person asks twice for the first course and once for the second */
        req[i] = (course_enrol_req){.course_id = i < 8 ? ca : cb,
                                    .term_id = term,
                                    .user_id = users[i < 8 ? i % 4 : i - 6],
                                    .max_courses = 1,
                                    .code = arena_strdup(t->ctx.a, code),
                                    .now = t->ctx.now};
    }
    assert_int_equal(store_course_enrol_batch(t->ctx.c, req, N, res), WY_OK);
    int enrolled = 0, full = 0, dup = 0, over = 0;
    for (int i = 0; i < N; i++) {
        assert_int_equal(res[i].rc, WY_OK);
        enrolled += res[i].outcome == COURSE_ENROLLED;
        full += res[i].outcome == COURSE_FULL;
        dup += res[i].outcome == COURSE_DUPLICATE;
        over += res[i].outcome == COURSE_OVER_LIMIT;
    }
    /* course a: people 0, 1, 2 get its 3 places, 3 is full (twice: a full request takes no
     * hold); the second asks of 0, 1, 2 are over the limit of one course (the hold comes
     * first); course b: people 2..5 — 2 is over the limit, 3, 4, 5 get its places */
    assert_int_equal(enrolled, 6);
    assert_int_equal(full, 2);
    assert_int_equal(over, 4);
    assert_int_equal(dup, 0);
    course k;
    assert_int_equal(store_course_get(t->ctx.c, t->ctx.a, ca, &k), WY_OK);
    assert_int_equal(k.taken, 3);
    assert_int_equal(store_course_get(t->ctx.c, t->ctx.a, cb, &k), WY_OK);
    assert_int_equal(k.taken, 3);
    for (int i = 0; i < 6; i++) {
        int64_t held;
        assert_int_equal(store_holds_of(t->ctx.c, term, users[i], &held), WY_OK);
        assert_true(held <= 1);
    }
    /* with room in the term, a second request of one person for one course is a duplicate,
     * and its hold is given back */
    course_term tt;
    assert_int_equal(store_term_get(t->ctx.c, t->ctx.a, term, &tt), WY_OK);
    course c = course_of(term, "摄影", "first_come", 10);
    int64_t cc = publish(t, &c);
    int64_t u = person(t, "13500000009", "citizen", "510402001");
    course_enrol_req two[2] = {{.course_id = cc,
                                .term_id = term,
                                .user_id = u,
                                .max_courses = 3,
                                .code = "dupA",
                                .now = t->ctx.now},
                               {.course_id = cc,
                                .term_id = term,
                                .user_id = u,
                                .max_courses = 3,
                                .code = "dupB",
                                .now = t->ctx.now}};
    course_enrol_res out[2];
    assert_int_equal(store_course_enrol_batch(t->ctx.c, two, 2, out), WY_OK);
    assert_int_equal(out[0].outcome, COURSE_ENROLLED);
    assert_int_equal(out[1].outcome, COURSE_DUPLICATE);
    int64_t held;
    assert_int_equal(store_holds_of(t->ctx.c, term, u, &held), WY_OK);
    assert_int_equal(held, 1);
    tdb_close(t);
}

static void test_lottery_applications(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t term = new_term(t, 2, 2, 1);
    course a = course_of(term, "古琴", "lottery", 2), b = course_of(term, "琵琶", "lottery", 3),
           c = course_of(term, "二胡", "lottery", 3), f = course_of(term, "合唱", "first_come", 5);
    c.age_min = 60;
    int64_t ca = publish(t, &a), cb = publish(t, &b), cc = publish(t, &c), cf = publish(t, &f);
    course_application app;
    /* one by one: each course goes to the end of the application */
    tdb_as(t, CITIZEN);
    assert_int_equal(application_add(&t->ctx, cb, NULL, &app), 0);
    assert_int_equal(application_add(&t->ctx, ca, NULL, &app), 0);
    assert_int_equal(app.nchoices, 2);
    assert_int_equal(app.choices[0], cb);
    assert_int_equal(app.choices[1], ca);
    assert_int_equal(strlen(app.pseudonym), 32);
    const char *pseudonym = app.pseudonym;
    assert_int_equal(application_add(&t->ctx, ca, NULL, &app), -1);
    assert_string_equal(t->ctx.err.code, "duplicate");
    assert_int_equal(application_add(&t->ctx, cc, "1990-01-01", &app), -1); /* N = 2 */
    assert_string_equal(t->ctx.err.code, "too_many_choices");
    /* re-ranked at once; eligibility is checked for each choice */
    int64_t ranked[2] = {ca, cc};
    assert_int_equal(application_set(&t->ctx, term, ranked, 2, "1990-01-01", &app), -1);
    assert_string_equal(t->ctx.err.code, "not_eligible");
    int64_t first_come[1] = {cf};
    assert_int_equal(application_set(&t->ctx, term, first_come, 1, NULL, &app), -1);
    assert_string_equal(t->ctx.err.code, "bad_choice");
    int64_t twice[2] = {ca, ca};
    assert_int_equal(application_set(&t->ctx, term, twice, 2, NULL, &app), -1);
    assert_string_equal(t->ctx.err.code, "duplicate_choice");
    int64_t order[2] = {ca, cb};
    assert_int_equal(application_set(&t->ctx, term, order, 2, NULL, &app), 0);
    assert_int_equal(app.choices[0], ca);
    assert_string_equal(app.pseudonym, pseudonym); /* kept across changes */
    assert_int_equal(app.tier, 0);                 /* new to the centre */
    /* taken out one; withdrawn; applied again: the same pseudonym */
    assert_int_equal(application_remove(&t->ctx, cb, &app), 0);
    assert_int_equal(app.nchoices, 1);
    assert_int_equal(application_withdraw(&t->ctx, term), 0);
    assert_int_equal(application_get(&t->ctx, term, &app), -1);
    assert_string_equal(t->ctx.err.code, "not_found");
    assert_int_equal(application_add(&t->ctx, cb, NULL, &app), 0);
    assert_string_equal(app.pseudonym, pseudonym);
    /* a returning student (a place in an earlier term of 东区) comes in tier 1 */
    int64_t old = new_term(t, 2, 2, 0);
    course past = course_of(old, "书法", "first_come", 5);
    int64_t cpast = publish(t, &past);
    person(t, "13400000001", "citizen", "510402001");
    course_enrol_res r;
    assert_int_equal(enrol(t, "13400000001", cpast, NULL, &r), 0);
    tdb_as(t, "13400000001");
    assert_int_equal(application_add(&t->ctx, ca, NULL, &app), 0);
    assert_int_equal(app.tier, 1);
    /* and holds a first-come place of this term: the lottery sees it */
    assert_int_equal(enrol(t, "13400000001", cf, NULL, &r), 0);
    /* what the lottery is given: staff of the term's area only */
    course_lottery_inputs in;
    tdb_as(t, CITIZEN);
    assert_int_equal(course_lottery_input(&t->ctx, term, &in), -1);
    tdb_as(t, DA);
    assert_int_equal(course_lottery_input(&t->ctx, term, &in), 0);
    assert_int_equal(in.ncourses, 3); /* the lottery courses, not the first-come one */
    assert_int_equal(in.courses[0].id, ca);
    assert_int_equal(in.courses[0].places, 2);
    assert_int_equal(in.napplicants, 2);
    for (size_t i = 0; i < in.napplicants; i++) {
        const course_lottery_applicant *p = &in.applicants[i];
        assert_int_equal(strlen(p->pseudonym), 32);
        if (!strcmp(p->pseudonym, pseudonym)) {
            assert_int_equal(p->tier, 0);
            assert_int_equal(p->held, 0);
            assert_int_equal(p->nchoices, 1);
            assert_int_equal(p->choices[0], cb);
        } else {
            assert_int_equal(p->tier, 1);
            assert_int_equal(p->held, 1);
            assert_int_equal(p->choices[0], ca);
        }
        if (i)
            assert_true(strcmp(in.applicants[i - 1].pseudonym, p->pseudonym) < 0);
    }
    /* changeable until the window closes, not after */
    t->ctx.now += 2 * DAY;
    tdb_as(t, CITIZEN);
    assert_int_equal(application_add(&t->ctx, ca, NULL, &app), -1);
    assert_string_equal(t->ctx.err.code, "closed");
    tdb_close(t);
}

static void test_checkin_roster(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t tu = person(t, "13700000001", "teacher", "510402");
    person(t, "13700000002", "teacher", "510402");
    course_teacher te = {.user_id = tu, .division = "510402"};
    int64_t tid;
    tdb_as(t, DA);
    assert_int_equal(teacher_create(&t->ctx, &te, &tid), 0);
    int64_t term = new_term(t, 2, 3, 0);
    course k = course_of(term, "书法入门", "first_come", 5);
    k.teacher_id = tid;
    int64_t id = publish(t, &k);
    course other = course_of(term, "合唱", "first_come", 5);
    int64_t id2 = publish(t, &other);
    course_enrol_res mine, theirs, elsewhere;
    assert_int_equal(enrol(t, CITIZEN, id, NULL, &mine), 0);
    person(t, "13600000001", "citizen", "510402001");
    assert_int_equal(enrol(t, "13600000001", id, NULL, &theirs), 0);
    assert_int_equal(enrol(t, "13600000001", id2, NULL, &elsewhere), 0);
    course_view v;
    assert_int_equal(course_get(&t->ctx, id, &v), 0);
    const course_session *s0 = &v.sessions[0];
    course_enrolment e;
    /* before check-in opens */
    tdb_as(t, "13700000001");
    assert_int_equal(course_checkin(&t->ctx, s0->id, mine.code, 0, &e), -1);
    assert_string_equal(t->ctx.err.code, "checkin_not_open");
    t->ctx.now = s0->starts_at - 10 * MIN;
    /* another teacher is not this course's */
    tdb_as(t, "13700000002");
    assert_int_equal(course_checkin(&t->ctx, s0->id, mine.code, 0, &e), -1);
    assert_string_equal(t->ctx.err.code, "forbidden");
    tdb_as(t, "13700000001");
    assert_int_equal(course_checkin(&t->ctx, s0->id, mine.code, 0, &e), 0);
    assert_int_equal(course_checkin(&t->ctx, s0->id, mine.code, 0, &e), -1);
    assert_string_equal(t->ctx.err.code, "already_checked_in");
    assert_int_equal(course_checkin(&t->ctx, s0->id, elsewhere.code, 0, &e), -1);
    assert_string_equal(t->ctx.err.code, "wrong_course");
    assert_int_equal(course_checkin(&t->ctx, s0->id, "nosuchcode", 0, &e), -1);
    assert_string_equal(t->ctx.err.code, "unknown_code");
    /* after the session: not by code, but marked on the roster */
    t->ctx.now = s0->ends_at + MIN;
    assert_int_equal(course_checkin(&t->ctx, s0->id, theirs.code, 0, &e), -1);
    assert_string_equal(t->ctx.err.code, "session_over");
    assert_int_equal(course_checkin(&t->ctx, s0->id, NULL, theirs.id, &e), 0);
    /* the roster: the teacher and the managers; not the citizen nor another teacher */
    course_roster r;
    tdb_as(t, CITIZEN);
    assert_int_equal(course_roster_get(&t->ctx, id, &r), -1);
    tdb_as(t, "13700000002");
    assert_int_equal(course_roster_get(&t->ctx, id, &r), -1);
    assert_string_equal(t->ctx.err.code, "forbidden");
    tdb_as(t, DA);
    assert_int_equal(course_roster_get(&t->ctx, id, &r), 0);
    tdb_as(t, "13700000001");
    assert_int_equal(course_roster_get(&t->ctx, id, &r), 0);
    assert_int_equal(r.nrows, 2);
    assert_int_equal(r.nmarks, 2);
    assert_int_equal(r.rows[0].attended, 1);
    assert_int_equal(r.completion_percent, 80);
    assert_false(course_completed(r.rows[0].attended, (int)r.v.nsessions, 80));
    /* every session attended: completed; my courses say so */
    for (size_t i = 1; i < v.nsessions; i++) {
        t->ctx.now = v.sessions[i].starts_at;
        assert_int_equal(course_checkin(&t->ctx, v.sessions[i].id, mine.code, 0, &e), 0);
    }
    my_courses m;
    tdb_as(t, CITIZEN);
    assert_int_equal(course_mine(&t->ctx, NULL, 20, &m), 0);
    const my_course *mc = NULL;
    for (size_t i = 0; i < m.nenrolments; i++) /* (the demo gives the citizen a place too) */
        if (m.enrolments[i].e.course_id == id)
            mc = &m.enrolments[i];
    assert_non_null(mc);
    assert_int_equal(mc->attended, (int)v.nsessions);
    assert_true(course_completed(mc->attended, mc->sessions, 80));
    /* the course is over: its place stays on record */
    t->ctx.now = v.sessions[v.nsessions - 1].ends_at + MIN;
    assert_int_equal(enrol_withdraw(&t->ctx, mine.id), -1);
    assert_string_equal(t->ctx.err.code, "too_late");
    (void)CA;
    (void)VM;
    tdb_close(t);
}

/* The term's lottery in the store of draws: committed once the window closed, drawn once the
 * beacon's round is out; the draw enrols (source 'lottery'), raises the holds, keeps the
 * waiting lists in draw order and each applicant's receipt. */
static void test_lottery_draw(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t term = new_term(t, 1, 2, 1); /* M = 1, N = 2 */
    course a = course_of(term, "古琴", "lottery", 1), b = course_of(term, "琵琶", "lottery", 2),
           f = course_of(term, "合唱", "first_come", 5);
    int64_t ca = publish(t, &a), cb = publish(t, &b), cf = publish(t, &f);
    /* five applicants, all wanting 古琴 first; one holds the term's limit already */
    const char *phones[] = {"13400000011", "13400000012", "13400000013", "13400000014",
                            "13400000015"};
    int64_t users[5];
    course_application app;
    for (int i = 0; i < 5; i++) {
        users[i] = person(t, phones[i], "citizen", "510402001");
        tdb_as(t, phones[i]);
        int64_t choices[2] = {ca, cb};
        assert_int_equal(application_set(&t->ctx, term, choices, 2, NULL, &app), 0);
    }
    course_enrol_res r;
    assert_int_equal(enrol(t, phones[4], cf, NULL, &r), 0);
    /* staff of the area open it; nobody commits while the window is open */
    lottery_row lr;
    tdb_as(t, CITIZEN);
    assert_int_equal(course_term_lottery(&t->ctx, term, &lr), -1);
    assert_int_equal(t->ctx.err.cls, E_FORBIDDEN);
    tdb_as(t, DA);
    assert_int_equal(course_term_lottery(&t->ctx, term, &lr), 0);
    assert_string_equal(lr.owner_type, "course_term");
    assert_string_equal(lr.title, "2027年春季公益培训");
    assert_int_equal(lottery_record_commit(&t->ctx, lr.id, NULL, 0, &lr), -1);
    assert_string_equal(t->ctx.err.code, "window_open");
    t->ctx.now += 2 * DAY;
    assert_int_equal(lottery_record_commit(&t->ctx, lr.id, NULL, 0, &lr), 0);
    assert_string_equal(lr.status, "committed");
    const char *text;
    size_t len;
    assert_int_equal(lottery_record_inputs(&t->ctx, lr.id, &text, &len), 0);
    char id_a[96];
    snprintf(id_a, sizeof(id_a), "{\"id\":\"%lld\",\"name\":\"古琴\",\"places\":1}", (long long)ca);
    assert_non_null(strstr(text, id_a));
    assert_non_null(strstr(text, "\"max_places\":1"));
    /* the one at the limit is left out: four applicants */
    lottery *l;
    char err[256], beacon[2 * LOTTERY_BEACON_MAX + 1];
    assert_int_equal(lottery_read(text, len, &l, beacon, err, sizeof(err)), 0);
    size_t n;
    lottery_applicants(l, &n);
    assert_int_equal(n, 4);
    lottery_free(l);
    t->ctx.now = lr.beacon_due_at;
    assert_int_equal(lottery_record_draw(
                         &t->ctx, lr.id,
                         "fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671", &lr),
                     0);
    assert_string_equal(lr.status, "drawn");
    assert_int_equal(lottery_record_load(&t->ctx, lr.id, &l), 0);
    /* three places for four: one in 古琴, two in 琵琶, one on both waiting lists */
    course_view va, vb;
    assert_int_equal(course_get(&t->ctx, ca, &va), 0);
    assert_int_equal(course_get(&t->ctx, cb, &vb), 0);
    assert_int_equal(va.k.taken, 1);
    assert_int_equal(vb.k.taken, 2);
    course_waiter *w;
    size_t nw;
    assert_int_equal(store_course_waiting(t->ctx.c, t->ctx.a, ca, &w, &nw), WY_OK);
    assert_int_equal(nw, 3);
    assert_int_equal(w[0].position, 1);
    /* 琵琶's list: the one left without a place, and the one in 古琴 (ranked it lower) */
    assert_int_equal(store_course_waiting(t->ctx.c, t->ctx.a, cb, &w, &nw), WY_OK);
    assert_int_equal(nw, 2);
    const lottery_applicant_result *ar = lottery_applicants(l, &n);
    int placed = 0;
    for (int i = 0; i < 4; i++) {
        tdb_as(t, phones[i]);
        my_courses mc;
        assert_int_equal(course_mine(&t->ctx, NULL, 10, &mc), 0);
        assert_int_equal(mc.napplications, 1);
        const course_application *p = &mc.applications[0];
        assert_int_equal(p->lottery_id, lr.id);
        long k = lottery_find_applicant(l, p->pseudonym);
        assert_true(k >= 0);
        assert_int_equal(p->rank, (int)ar[k].rank);
        char ticket[LOTTERY_HEX];
        lottery_hex(ar[k].ticket, LOTTERY_HASH, ticket);
        assert_string_equal(p->ticket, ticket);
        assert_int_equal(p->places, (int)ar[k].nassigned);
        assert_int_equal(mc.nenrolments, p->places);
        if (p->places) {
            placed++;
            assert_string_equal(mc.enrolments[0].e.source, "lottery");
            assert_int_equal(strlen(mc.enrolments[0].e.code) > 0, 1);
            int64_t held;
            assert_int_equal(store_holds_of(t->ctx.c, term, users[i], &held), WY_OK);
            assert_int_equal(held, 1);
        }
    }
    assert_int_equal(placed, 3);
    lottery_free(l);
    /* the one left out has no receipt */
    tdb_as(t, phones[4]);
    my_courses mc;
    assert_int_equal(course_mine(&t->ctx, NULL, 10, &mc), 0);
    assert_int_equal(mc.applications[0].lottery_id, 0);
    tdb_close(t);
}

/* The kinds of notification user has, in a string ("course.offer course.lottery_result"). */
static const char *kinds_of(tdb *t, int64_t user)
{
    notification *ns;
    size_t n;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, user, 0, 50, &ns, &n), WY_OK);
    char *out = arena_alloc(t->ctx.a, 1024);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strcat(out, ns[i].kind);
        strcat(out, " ");
    }
    return out;
}

/* user's one place in course (any status), as my courses shows it. */
static course_enrolment place_of(tdb *t, const char *phone, int64_t course)
{
    tdb_as(t, phone);
    my_courses mc;
    assert_int_equal(course_mine(&t->ctx, NULL, 20, &mc), 0);
    course_enrolment e = {0};
    for (size_t i = 0; i < mc.nenrolments; i++)
        if (mc.enrolments[i].e.course_id == course)
            e = mc.enrolments[i].e;
    return e;
}

static int64_t held_of(tdb *t, int64_t term, int64_t user)
{
    int64_t held;
    assert_int_equal(store_holds_of(t->ctx.c, term, user, &held), WY_OK);
    return held;
}

/* The places of a course that hold it (offered or confirmed): never more than taken, never
 * two for a person. */
static void places_add_up(tdb *t, int64_t course)
{
    course_view v;
    assert_int_equal(course_get(&t->ctx, course, &v), 0);
    db_stmt *st = db_query(t->ctx.c,
                           "SELECT count(*), count(DISTINCT user_id) FROM course_enrolments"
                           " WHERE course_id = ? AND status = 'confirmed'",
                           "i", course);
    assert_int_equal(db_step(st), 1);
    assert_int_equal(db_col_int(st, 0), v.k.taken);
    assert_int_equal(db_col_int(st, 1), v.k.taken);
    db_done(st);
}

/* A lottery's places are offers: confirmed in time, declined, or lapsed by the job; a place
 * that frees goes to the next on the waiting list who is still eligible and under the limit,
 * in order, with a fresh deadline; a confirmed place given up before the course begins goes
 * the same way. Everyone is told. */
static void test_offers_and_waiting(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t term = new_term(t, 1, 1, 0); /* M = 1, N = 1 */
    course a = course_of(term, "古琴", "lottery", 1);
    a.residence = "510402";
    int64_t ca = publish(t, &a);
    const char *phones[] = {"13400000021", "13400000022", "13400000023",
                            "13400000024", "13400000025", "13400000026"};
    int64_t users[6];
    course_application app;
    for (int i = 0; i < 6; i++) {
        users[i] = person(t, phones[i], "citizen", "510402001");
        tdb_as(t, phones[i]);
        assert_int_equal(application_set(&t->ctx, term, &ca, 1, NULL, &app), 0);
    }
    lottery_row lr;
    tdb_as(t, DA);
    assert_int_equal(course_term_lottery(&t->ctx, term, &lr), 0);
    t->ctx.now += 2 * DAY;
    assert_int_equal(lottery_record_commit(&t->ctx, lr.id, NULL, 0, &lr), 0);
    t->ctx.now = lr.beacon_due_at;
    assert_int_equal(lottery_record_draw(
                         &t->ctx, lr.id,
                         "fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671", &lr),
                     0);
    /* one offer, five in line; who is who by the draw */
    course_waiter *w;
    size_t nw;
    assert_int_equal(store_course_waiting(t->ctx.c, t->ctx.a, ca, &w, &nw), WY_OK);
    assert_int_equal(nw, 5);
    int line[5], winner = -1;
    for (size_t k = 0; k < 5; k++) {
        assert_int_equal(w[k].position, (int)k + 1);
        for (int i = 0; i < 6; i++)
            if (users[i] == w[k].user_id)
                line[k] = i;
    }
    for (int i = 0; i < 6; i++) {
        int waiting = 0;
        for (int k = 0; k < 5; k++)
            waiting |= line[k] == i;
        if (!waiting)
            winner = i;
        /* each applicant told their result once */
        assert_non_null(strstr(kinds_of(t, users[i]), "course.lottery_result"));
    }
    assert_true(winner >= 0);
    int64_t drawn_at = t->ctx.now;
    course_enrolment o = place_of(t, phones[winner], ca);
    assert_string_equal(o.status, "offered");
    assert_string_equal(o.source, "lottery");
    assert_int_equal(o.confirm_by, drawn_at + 72 * HOUR); /* [courses] confirm_hours */
    assert_int_equal(held_of(t, term, users[winner]), 1);
    places_add_up(t, ca);
    /* an offer is no place on the roster, nor one to give up */
    course_roster r;
    tdb_as(t, DA);
    assert_int_equal(course_roster_get(&t->ctx, ca, &r), 0);
    assert_int_equal(r.nrows, 0);
    tdb_as(t, phones[winner]);
    assert_int_equal(enrol_withdraw(&t->ctx, o.id), -1);
    assert_string_equal(t->ctx.err.code, "not_enrolled");
    assert_int_equal(course_materials_allowed(&t->ctx, ca), -1); /* nor a learner's yet */
    assert_string_equal(t->ctx.err.code, "learners_only");
    /* nobody answers another's offer */
    tdb_as(t, phones[line[0]]);
    assert_int_equal(offer_decline(&t->ctx, o.id), -1);
    assert_int_equal(t->ctx.err.cls, E_NOTFOUND);
    /* the first in line now holds the term's limit, the second lives elsewhere: both passed
     * over when the winner declines, and the third gets the place */
    assert_int_equal(db_run(t->ctx.c,
                            "INSERT INTO course_holds(term_id, user_id, held) VALUES (?, ?, 1)",
                            "ii", term, users[line[0]]),
                     WY_OK);
    assert_int_equal(
        db_run(t->ctx.c, "UPDATE users SET division = '5104' WHERE id = ?", "i", users[line[1]]),
        WY_OK);
    t->ctx.now += HOUR;
    tdb_as(t, phones[winner]);
    assert_int_equal(offer_decline(&t->ctx, o.id), 0);
    assert_string_equal(place_of(t, phones[winner], ca).status, "declined");
    assert_int_equal(held_of(t, term, users[winner]), 0);
    assert_int_equal(held_of(t, term, users[line[0]]), 1); /* as it was */
    assert_int_equal(offer_decline(&t->ctx, o.id), -1);
    assert_string_equal(t->ctx.err.code, "not_offered");
    course_enrolment o3 = place_of(t, phones[line[2]], ca);
    assert_string_equal(o3.status, "offered");
    assert_int_equal(o3.confirm_by, t->ctx.now + 72 * HOUR);
    assert_int_equal(held_of(t, term, users[line[2]]), 1);
    assert_int_equal(place_of(t, phones[line[0]], ca).id, 0);
    assert_int_equal(place_of(t, phones[line[1]], ca).id, 0);
    assert_non_null(strstr(kinds_of(t, users[line[2]]), "course.offer "));
    places_add_up(t, ca);
    assert_int_equal(store_course_waiting(t->ctx.c, t->ctx.a, ca, &w, &nw), WY_OK);
    assert_int_equal(nw, 2); /* the fourth and fifth, in order */
    assert_int_equal(w[0].user_id, users[line[3]]);
    assert_int_equal(w[1].user_id, users[line[4]]);
    /* the third lets the deadline pass: too late to confirm; the job lapses the offer and the
     * fourth is offered the place */
    t->ctx.now = o3.confirm_by + MIN;
    tdb_as(t, phones[line[2]]);
    assert_int_equal(offer_confirm(&t->ctx, o3.id, &o), -1);
    assert_string_equal(t->ctx.err.code, "offer_lapsed");
    t->ctx.who = NULL; /* the job: a trusted caller */
    assert_int_equal(course_job_offers(&t->ctx), 0);
    assert_string_equal(place_of(t, phones[line[2]], ca).status, "lapsed");
    assert_int_equal(held_of(t, term, users[line[2]]), 0);
    assert_non_null(strstr(kinds_of(t, users[line[2]]), "course.offer_lapsed"));
    course_enrolment o4 = place_of(t, phones[line[3]], ca);
    assert_string_equal(o4.status, "offered");
    places_add_up(t, ca);
    /* again: nothing to do */
    t->ctx.who = NULL;
    assert_int_equal(course_job_offers(&t->ctx), 0);
    assert_string_equal(place_of(t, phones[line[3]], ca).status, "offered");
    places_add_up(t, ca);
    /* the fourth confirms: a place for good, on the roster */
    tdb_as(t, phones[line[3]]);
    assert_int_equal(offer_confirm(&t->ctx, o4.id, &o), 0);
    assert_string_equal(o.status, "confirmed");
    assert_string_equal(o.code, o4.code);
    assert_int_equal(offer_confirm(&t->ctx, o4.id, &o), -1);
    assert_string_equal(t->ctx.err.code, "not_offered");
    assert_int_equal(course_materials_allowed(&t->ctx, ca), 0);
    tdb_as(t, DA);
    assert_int_equal(course_roster_get(&t->ctx, ca, &r), 0);
    assert_int_equal(r.nrows, 1);
    /* and gives it up before the course begins: the fifth is offered it */
    tdb_as(t, phones[line[3]]);
    assert_int_equal(enrol_withdraw(&t->ctx, o4.id), 0);
    assert_non_null(strstr(kinds_of(t, users[line[3]]), "course.withdrawn"));
    assert_string_equal(place_of(t, phones[line[4]], ca).status, "offered");
    assert_int_equal(held_of(t, term, users[line[4]]), 1);
    places_add_up(t, ca);
    /* the list is empty now: a decline frees the place for nobody */
    tdb_as(t, phones[line[4]]);
    assert_int_equal(offer_decline(&t->ctx, place_of(t, phones[line[4]], ca).id), 0);
    course_view v;
    assert_int_equal(course_get(&t->ctx, ca, &v), 0);
    assert_int_equal(v.k.taken, 0);
    places_add_up(t, ca);
    tdb_close(t);
}

/* A correction annuls an applicant's results after the draw (core/lottery_record.h): their
 * offer is withdrawn and goes to the first in line, a waiting applicant leaves the list, each
 * is told; proposed by one member of staff and applied by another. */
static void test_lottery_annul(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t term = new_term(t, 1, 1, 0); /* M = 1, N = 1 */
    course a = course_of(term, "篆刻", "lottery", 1);
    int64_t ca = publish(t, &a);
    const char *phones[] = {"13400000031", "13400000032", "13400000033", "13400000034"};
    int64_t users[4];
    const char *pseudonym[4];
    course_application app;
    for (int i = 0; i < 4; i++) {
        users[i] = person(t, phones[i], "citizen", "510402001");
        tdb_as(t, phones[i]);
        assert_int_equal(application_set(&t->ctx, term, &ca, 1, NULL, &app), 0);
        pseudonym[i] = app.pseudonym;
    }
    lottery_row lr;
    tdb_as(t, DA);
    assert_int_equal(course_term_lottery(&t->ctx, term, &lr), 0);
    t->ctx.now += 2 * DAY;
    assert_int_equal(lottery_record_commit(&t->ctx, lr.id, NULL, 0, &lr), 0);
    t->ctx.now = lr.beacon_due_at;
    assert_int_equal(lottery_record_draw(
                         &t->ctx, lr.id,
                         "fbd9071fd7c6b1ca77a541505b5b041ebd9159da650d31234808c46255c60671", &lr),
                     0);
    course_waiter *w;
    size_t nw;
    assert_int_equal(store_course_waiting(t->ctx.c, t->ctx.a, ca, &w, &nw), WY_OK);
    assert_int_equal(nw, 3);
    int line[3], winner = 0 + 1 + 2 + 3;
    for (size_t k = 0; k < 3; k++)
        for (int i = 0; i < 4; i++)
            if (users[i] == w[k].user_id) {
                line[k] = i;
                winner -= i;
            }
    assert_string_equal(place_of(t, phones[winner], ca).status, "offered");
    /* the winner is annulled: proposed by the district's staff, applied by the city's */
    lottery_correction_row cr;
    tdb_as(t, DA);
    assert_int_equal(lottery_correction_propose(&t->ctx, lr.id, "annul", pseudonym[winner],
                                                "复核发现该申请人重复报名，取消其摇号结果。", &cr),
                     0);
    assert_int_equal(lottery_correction_decide(&t->ctx, cr.id, 1, &cr), -1);
    assert_string_equal(t->ctx.err.code, "own_correction");
    t->ctx.now += HOUR;
    tdb_as(t, "13900000001");
    assert_int_equal(lottery_correction_decide(&t->ctx, cr.id, 1, &cr), 0);
    assert_string_equal(place_of(t, phones[winner], ca).status, "withdrawn");
    assert_int_equal(held_of(t, term, users[winner]), 0);
    assert_non_null(strstr(kinds_of(t, users[winner]), "course.annulled"));
    /* the first in line is offered the place */
    course_enrolment o = place_of(t, phones[line[0]], ca);
    assert_string_equal(o.status, "offered");
    places_add_up(t, ca);
    /* the second in line is annulled while waiting: off the list, never offered */
    tdb_as(t, DA);
    assert_int_equal(lottery_correction_propose(&t->ctx, lr.id, "annul", pseudonym[line[1]],
                                                "该申请人户籍不在本区，不符合报名条件。", &cr),
                     0);
    tdb_as(t, "13900000001");
    assert_int_equal(lottery_correction_decide(&t->ctx, cr.id, 1, &cr), 0);
    assert_non_null(strstr(kinds_of(t, users[line[1]]), "course.annulled"));
    assert_int_equal(store_course_waiting(t->ctx.c, t->ctx.a, ca, &w, &nw), WY_OK);
    assert_int_equal(nw, 1);
    assert_int_equal(w[0].user_id, users[line[2]]);
    /* the offer declined: the third, not the annulled second, gets it */
    tdb_as(t, phones[line[0]]);
    assert_int_equal(offer_decline(&t->ctx, o.id), 0);
    assert_string_equal(place_of(t, phones[line[2]], ca).status, "offered");
    assert_int_equal(place_of(t, phones[line[1]], ca).id, 0);
    places_add_up(t, ca);
    /* once annulled, never twice */
    tdb_as(t, DA);
    assert_int_equal(lottery_correction_propose(&t->ctx, lr.id, "annul", pseudonym[winner],
                                                "再次提交同一更正。", &cr),
                     -1);
    assert_string_equal(t->ctx.err.code, "already_annulled");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_course_lifecycle),     cmocka_unit_test(test_teachers),
        cmocka_unit_test(test_first_come),           cmocka_unit_test(test_batch_guards),
        cmocka_unit_test(test_lottery_applications), cmocka_unit_test(test_checkin_roster),
        cmocka_unit_test(test_lottery_draw),         cmocka_unit_test(test_offers_and_waiting),
        cmocka_unit_test(test_lottery_annul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
