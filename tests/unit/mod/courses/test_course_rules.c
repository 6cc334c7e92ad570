/* Tests of the pure rules of src/mod/courses/: local days and ages, the weekly schedule and
 * the sessions it makes, eligibility (age, residence, staff training) and the completion
 * rule. No database. */
#include "testlib.h"

#include "mod/courses/course.h"
#include "mod/courses/enrolment.h"

static void test_days(void **state)
{
    (void)state;
    char buf[16];
    assert_int_equal(course_day_parse("1970-01-01"), 0);
    assert_int_equal(course_day_parse("2026-02-29"), -1); /* not a leap year */
    assert_true(course_day_parse("2028-02-29") > 0);
    assert_int_equal(course_day_parse("2026-13-01"), -1);
    assert_int_equal(course_day_parse("2026-1-01"), -1);
    assert_int_equal(course_day_parse(NULL), -1);
    int64_t d = course_day_parse("2026-12-07");
    assert_int_equal(course_weekday(d), 1); /* a Monday */
    assert_int_equal(course_weekday(d + 6), 7);
    course_day_text(d, buf);
    assert_string_equal(buf, "2026-12-07");
    course_day_text(course_day_parse("2000-02-29"), buf);
    assert_string_equal(buf, "2000-02-29");
    /* the local day of a time: China time, 16:00 UTC is the next day's midnight */
    int64_t ms;
    assert_int_equal(time_parse_rfc3339("2026-12-06T16:00:00Z", &ms), 0);
    assert_int_equal(course_day_of(ms), d);
    assert_int_equal(course_day_of(ms - 1), d - 1);
}

static void test_ages(void **state)
{
    (void)state;
    assert_int_equal(course_age_on("2000-03-15", "2026-03-14"), 25);
    assert_int_equal(course_age_on("2000-03-15", "2026-03-15"), 26); /* the birthday counts */
    assert_int_equal(course_age_on("2000-02-29", "2026-02-28"), 25);
    assert_int_equal(course_age_on("2000-02-29", "2026-03-01"), 26);
    assert_int_equal(course_age_on("2027-01-01", "2026-03-01"), -1); /* not born yet */
    assert_int_equal(course_age_on("yesterday", "2026-03-01"), -1);
}

static void test_schedule(void **state)
{
    (void)state;
    course_slot s[COURSE_SLOTS_MAX];
    size_t n;
    assert_int_equal(course_schedule_parse("[{\"weekday\":6,\"starts\":\"09:00\",\"ends\":"
                                           "\"11:00\"},{\"weekday\":3,\"starts\":\"19:00\","
                                           "\"ends\":\"20:30\"}]",
                                           s, COURSE_SLOTS_MAX, &n),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].weekday, 6);
    assert_int_equal(s[0].starts, 9 * 60);
    assert_int_equal(s[1].ends, 20 * 60 + 30);
    /* refused: no slot, an end before the start, a weekday 8, not a list */
    assert_int_equal(course_schedule_parse("[]", s, COURSE_SLOTS_MAX, &n), -1);
    assert_int_equal(course_schedule_parse("[{\"weekday\":6,\"starts\":\"11:00\",\"ends\":"
                                           "\"09:00\"}]",
                                           s, COURSE_SLOTS_MAX, &n),
                     -1);
    assert_int_equal(course_schedule_parse("[{\"weekday\":8,\"starts\":\"09:00\",\"ends\":"
                                           "\"10:00\"}]",
                                           s, COURSE_SLOTS_MAX, &n),
                     -1);
    assert_int_equal(course_schedule_parse("{}", s, COURSE_SLOTS_MAX, &n), -1);
    assert_int_equal(course_schedule_parse(NULL, s, COURSE_SLOTS_MAX, &n), -1);

    /* March 2027: Saturdays 6, 13, 20, 27 and Wednesdays 3, 10, 17, 24, 31, in time order */
    course_slot two[2] = {{6, 9 * 60, 11 * 60}, {3, 19 * 60, 20 * 60 + 30}};
    course_session out[16];
    assert_int_equal(course_schedule_sessions(two, 2, "2027-03-01", "2027-03-31", out, 16, &n), 0);
    assert_int_equal(n, 9);
    int64_t ms;
    assert_int_equal(time_parse_rfc3339("2027-03-03T19:00:00+08:00", &ms), 0);
    assert_int_equal(out[0].starts_at, ms);
    assert_int_equal(out[0].ends_at, ms + 90 * 60000);
    assert_int_equal(time_parse_rfc3339("2027-03-06T09:00:00+08:00", &ms), 0);
    assert_int_equal(out[1].starts_at, ms);
    for (size_t i = 1; i < n; i++)
        assert_true(out[i].starts_at > out[i - 1].starts_at);
    /* more than fit: the count says so */
    assert_int_equal(course_schedule_sessions(two, 2, "2027-03-01", "2027-03-31", out, 4, &n), 0);
    assert_int_equal(n, 9);
    /* the dates: until before from is refused */
    assert_int_equal(course_schedule_sessions(two, 2, "2027-03-31", "2027-03-01", out, 16, &n), -1);
}

static void test_eligibility(void **state)
{
    (void)state;
    course_term t = {.classes_from = "2027-03-01"};
    course k = {.age_min = 7, .age_max = 12, .residence = "510402", .division = "510402"};
    course_person p = {.birth_date = "2018-05-01", .division = "510402001"};
    assert_int_equal(course_eligibility(&k, &t, &p), COURSE_ELIGIBLE); /* 8 years old */
    p.birth_date = "2020-03-02";                                       /* 6 */
    assert_int_equal(course_eligibility(&k, &t, &p), COURSE_TOO_YOUNG);
    p.birth_date = "2014-03-01"; /* 13 on the first class day */
    assert_int_equal(course_eligibility(&k, &t, &p), COURSE_TOO_OLD);
    p.birth_date = "2014-03-02"; /* still 12 */
    assert_int_equal(course_eligibility(&k, &t, &p), COURSE_ELIGIBLE);
    p.birth_date = NULL;
    assert_int_equal(course_eligibility(&k, &t, &p), COURSE_NEED_BIRTH_DATE);
    /* residence: the account's division inside the subtree */
    p.birth_date = "2018-05-01";
    p.division = "510403001";
    assert_int_equal(course_eligibility(&k, &t, &p), COURSE_NOT_RESIDENT);
    p.division = NULL;
    assert_int_equal(course_eligibility(&k, &t, &p), COURSE_NOT_RESIDENT);
    /* no range, no residence: anyone, no birth date needed */
    course open = {.age_min = -1, .age_max = -1, .division = "5104"};
    course_person nobody = {0};
    assert_int_equal(course_eligibility(&open, &t, &nobody), COURSE_ELIGIBLE);
    /* staff training: a staff role over the area, wherever the person lives */
    course staff = {.age_min = -1, .age_max = -1, .division = "510402", .staff_only = 1};
    assert_int_equal(course_eligibility(&staff, &t, &nobody), COURSE_STAFF_ONLY);
    role_grant g[2] = {{.role = "citizen", .division = "510402001"},
                       {.role = "venue_manager", .division = "510402001"}};
    principal who = {.user_id = 1, .grants = g, .ngrants = 1};
    assert_false(course_staff_of(&who, course_staff_area(&staff))); /* a citizen is not */
    who.ngrants = 2;
    assert_true(course_staff_of(&who, course_staff_area(&staff)));
    role_grant city = {.role = "city_admin", .division = "5104"}; /* above the area */
    principal admin = {.user_id = 2, .grants = &city, .ngrants = 1};
    assert_true(course_staff_of(&admin, "510402"));
    role_grant west = {.role = "venue_manager", .division = "510403"}; /* beside it */
    principal other = {.user_id = 3, .grants = &west, .ngrants = 1};
    assert_false(course_staff_of(&other, "510402"));
}

static void test_completion(void **state)
{
    (void)state;
    assert_true(course_completed(8, 10, 80));
    assert_false(course_completed(7, 10, 80));
    assert_true(course_completed(13, 16, 80)); /* 81.25% */
    assert_false(course_completed(12, 16, 80));
    assert_false(course_completed(0, 0, 80)); /* a course without sessions completes nothing */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days),       cmocka_unit_test(test_ages),
        cmocka_unit_test(test_schedule),   cmocka_unit_test(test_eligibility),
        cmocka_unit_test(test_completion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
