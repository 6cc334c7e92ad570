/* Tests of the named booking rules of src/mod/activities/booking_rules.c: a session's state
 * for booking across its states, seats left, the daily limit, the refusal of each outcome and
 * session validity. Pure functions: no database. */
#include "testlib.h"

#include "mod/activities/booking_rules.h"
#include "core/seats_store.h"

#define MIN  ((int64_t)60000)
#define HOUR (60 * MIN)

static const int64_t T0 = 1767225600000LL; /* 2026-01-01T08:00+08:00 */

/* A scheduled session that starts at T0 + 2h, booking open from T0 to T0 + 1h. */
static activity_session session(int capacity, int taken)
{
    return (activity_session){.id = 1,
                              .starts_at = T0 + 2 * HOUR,
                              .ends_at = T0 + 3 * HOUR,
                              .capacity = capacity,
                              .confirmed_seats = taken,
                              .booking_opens_at = T0,
                              .booking_closes_at = T0 + HOUR,
                              .status = "scheduled"};
}

static void test_state_six_states(void **state)
{
    (void)state;
    activity_session s = session(10, 0);
    assert_int_equal(booking_session_state(&s, 0, 1, T0 - 1), BOOKING_NOT_OPEN_YET);
    assert_int_equal(booking_session_state(&s, 0, 1, T0), BOOKING_OPEN);
    s.confirmed_seats = 10;
    assert_int_equal(booking_session_state(&s, 0, 1, T0), BOOKING_FULL);
    assert_int_equal(booking_session_state(&s, 1, 1, T0), BOOKING_WAITLIST);
    assert_int_equal(booking_session_state(&s, 0, 1, T0 + HOUR), BOOKING_CLOSED);
    assert_int_equal(booking_session_state(&s, 0, 1, T0 + 2 * HOUR), BOOKING_STARTED);
    /* and cancelled before all the others */
    s.status = "cancelled";
    assert_int_equal(booking_session_state(&s, 1, 1, T0), BOOKING_CANCELLED);
}

static void test_state_edges(void **state)
{
    (void)state;
    activity_session s = session(10, 8);
    /* companions count: 2 seats fit, 3 do not */
    assert_int_equal(booking_session_state(&s, 0, 2, T0), BOOKING_OPEN);
    assert_int_equal(booking_session_state(&s, 0, 3, T0), BOOKING_FULL);
    /* no window: open from creation until the start */
    s.booking_opens_at = s.booking_closes_at = 0;
    assert_int_equal(booking_session_state(&s, 0, 1, 0), BOOKING_OPEN);
    assert_int_equal(booking_closes_at(&s), s.starts_at);
    assert_int_equal(booking_session_state(&s, 0, 1, s.starts_at - 1), BOOKING_OPEN);
    assert_int_equal(booking_session_state(&s, 0, 1, s.starts_at), BOOKING_STARTED);
    /* a window that closes after the start (timed entry: until the slot ends) */
    s.booking_closes_at = s.ends_at;
    assert_int_equal(booking_session_state(&s, 0, 1, s.starts_at), BOOKING_OPEN);
    assert_int_equal(booking_session_state(&s, 0, 1, s.ends_at), BOOKING_STARTED);
    assert_true(booking_state_takes(BOOKING_OPEN) && booking_state_takes(BOOKING_WAITLIST));
    assert_false(booking_state_takes(BOOKING_FULL) || booking_state_takes(BOOKING_CLOSED) ||
                 booking_state_takes(BOOKING_STARTED) ||
                 booking_state_takes(BOOKING_NOT_OPEN_YET) ||
                 booking_state_takes(BOOKING_CANCELLED));
}

static void test_state_refusal(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1 << 20);
    wy_ctx ctx = {.a = &a, .now = T0 - 1500};
    activity_session s = session(10, 10);
    assert_int_equal(booking_state_refusal(&ctx, &s, BOOKING_OPEN), 0);
    assert_int_equal(booking_state_refusal(&ctx, &s, BOOKING_NOT_OPEN_YET), -1);
    assert_string_equal(ctx.err.code, "not_open");
    assert_int_equal(ctx.err.retry_after_s, 2);
    assert_int_equal(ctx.err.opens_at, T0);
    ctx.err = (wy_error){0};
    assert_int_equal(booking_state_refusal(&ctx, &s, BOOKING_STARTED), -1);
    assert_string_equal(ctx.err.code, "closed");
    ctx.err = (wy_error){0};
    assert_int_equal(booking_state_refusal(&ctx, &s, BOOKING_FULL), -1);
    assert_string_equal(ctx.err.code, "full");
    assert_int_equal(ctx.err.cls, E_CONFLICT);
    ctx.err = (wy_error){0};
    assert_int_equal(booking_state_refusal(&ctx, &s, BOOKING_CANCELLED), -1);
    assert_string_equal(ctx.err.code, "cancelled");
    arena_free(&a);
}

static void test_seats_left(void **state)
{
    (void)state;
    activity_session s = session(10, 3);
    assert_int_equal(booking_seats_left(&s), 7);
    s.confirmed_seats = 10;
    assert_int_equal(booking_seats_left(&s), 0);
    s.confirmed_seats = 12; /* a capacity lowered under the count: none, never negative */
    assert_int_equal(booking_seats_left(&s), 0);
}

static void test_daily_limit(void **state)
{
    (void)state;
    /* the limit itself: seats_quota_passed (tests/unit/core/test_seats.c) */
    assert_false(seats_quota_passed(0, 5, 5));
    assert_true(seats_quota_passed(4, 2, 5));
    /* the day starts at midnight, China time: 08:00+08:00 is 8 hours into it */
    assert_int_equal(booking_day_start(T0), T0 - 8 * HOUR);
    assert_int_equal(booking_day_start(T0 - 8 * HOUR), T0 - 8 * HOUR);
    assert_int_equal(booking_day_start(T0 - 8 * HOUR - 1), T0 - 32 * HOUR);
}

static void test_outcome_refusal(void **state)
{
    (void)state;
    assert_null(booking_outcome_refusal(BOOK_CONFIRMED));
    assert_null(booking_outcome_refusal(BOOK_WAITLISTED));
    static const struct {
        int outcome;
        wy_errclass cls;
        const char *code;
    } want[] = {{BOOK_FULL, E_CONFLICT, "full"},
                {BOOK_DUPLICATE, E_CONFLICT, "duplicate"},
                {BOOK_OVER_LIMIT, E_RULE, "daily_limit"},
                {BOOK_KEY_REUSED, E_RULE, "idempotency_key_reused"}};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const booking_refusal *r = booking_outcome_refusal(want[i].outcome);
        assert_non_null(r);
        assert_int_equal(r->cls, want[i].cls);
        assert_string_equal(r->code, want[i].code);
        assert_non_null(r->message);
    }
    wy_ctx ctx = {0};
    assert_int_equal(booking_refuse(&ctx, BOOK_CONFIRMED), 0);
    assert_int_equal(booking_refuse(&ctx, BOOK_OVER_LIMIT), -1);
    assert_string_equal(ctx.err.code, "daily_limit");
}

static void test_session_valid(void **state)
{
    (void)state;
    activity_session s = session(10, 0);
    assert_true(booking_session_valid(&s));
    s.ends_at = s.starts_at;
    assert_false(booking_session_valid(&s));
    s = session(0, 0);
    assert_false(booking_session_valid(&s));
    s = session(BOOKING_CAPACITY_MAX, 0);
    assert_true(booking_session_valid(&s));
    s = session(BOOKING_CAPACITY_MAX + 1, 0);
    assert_false(booking_session_valid(&s));
    s = session(10, 0);
    s.booking_closes_at = s.booking_opens_at;
    assert_false(booking_session_valid(&s));
    s.booking_opens_at = 0; /* a window with one end is always one */
    assert_true(booking_session_valid(&s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_six_states), cmocka_unit_test(test_state_edges),
        cmocka_unit_test(test_state_refusal),    cmocka_unit_test(test_seats_left),
        cmocka_unit_test(test_daily_limit),      cmocka_unit_test(test_outcome_refusal),
        cmocka_unit_test(test_session_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
