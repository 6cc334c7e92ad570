/* Tests of the seat inventory's generic interface (src/core/seats.c) through a second kind
 * that exists only here: a volunteer shift with slots, held in memory. It uses the
 * arithmetic, the waiting list's promotion and the group-commit writer as a new module would,
 * without any of the bookings' tables. */
#include <pthread.h>

#include "testlib.h"

#include "core/seats.h"

/* ---- the shift kind: one pool in memory ---- */

#define SHIFT_PEOPLE 64

static struct {
    int capacity, taken;
    int holds[SHIFT_PEOPLE];       /* person -> 1 while they hold a slot */
    int64_t waiting[SHIFT_PEOPLE]; /* claims (person ids) in line, oldest first */
    int64_t need[SHIFT_PEOPLE];
    size_t nwaiting;
    int batches, fail_next; /* fail_next: the next batch answers WY_RETRY */
} Shift;

typedef struct shift_job {
    seats_job base;
    int person, slots;
    int got; /* 1 taken, 0 full, -1 duplicate */
    int answered;
} shift_job;

static int shift_book_batch(db *c, seats_job *const *jobs, size_t n)
{
    (void)c;
    Shift.batches++;
    if (Shift.fail_next) {
        Shift.fail_next = 0;
        return WY_RETRY; /* the writer tries again with the same jobs */
    }
    for (size_t i = 0; i < n; i++) {
        shift_job *j = (shift_job *)jobs[i];
        if (Shift.holds[j->person])
            j->got = -1; /* one live claim per person */
        else if (seats_fit(Shift.capacity, Shift.taken, j->slots)) {
            Shift.taken += j->slots;
            Shift.holds[j->person] = 1;
            j->got = 1;
        } else {
            j->got = 0;
        }
    }
    return WY_OK;
}

static const seats_kind shift_kind = {"shift", shift_book_batch};

static pthread_mutex_t answered_mu = PTHREAD_MUTEX_INITIALIZER;
static int answered;

static void shift_done(seats_job *sj)
{
    pthread_mutex_lock(&answered_mu);
    ((shift_job *)sj)->answered = 1;
    answered++;
    pthread_mutex_unlock(&answered_mu);
}

/* the kind's statements for the waiting list */
static int shift_next_waiting(db *c, int64_t pool, int64_t *claim, int64_t *need)
{
    (void)c, (void)pool;
    *claim = Shift.nwaiting ? Shift.waiting[0] : 0;
    *need = Shift.nwaiting ? Shift.need[0] : 0;
    return WY_OK;
}

static int shift_take(db *c, int64_t pool, int64_t n, int *taken)
{
    (void)c, (void)pool;
    *taken = seats_fit(Shift.capacity, Shift.taken, (int)n);
    if (*taken)
        Shift.taken += (int)n;
    return WY_OK;
}

static int shift_confirm(db *c, int64_t claim, int64_t now)
{
    (void)c, (void)now;
    assert_int_equal(claim, Shift.waiting[0]);
    Shift.holds[claim] = 1;
    memmove(Shift.waiting, Shift.waiting + 1, --Shift.nwaiting * sizeof(Shift.waiting[0]));
    memmove(Shift.need, Shift.need + 1, Shift.nwaiting * sizeof(Shift.need[0]));
    return WY_OK;
}

static const seats_store_ops shift_ops = {shift_next_waiting, shift_take, shift_confirm};

static void reset(int capacity)
{
    memset(&Shift, 0, sizeof(Shift));
    Shift.capacity = capacity;
    answered = 0;
}

/* ---- tests ---- */

static void test_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(seats_left(10, 4), 6);
    assert_int_equal(seats_left(10, 10), 0);
    assert_int_equal(seats_left(5, 9), 0);
    assert_true(seats_fit(10, 8, 2));
    assert_false(seats_fit(10, 8, 3));
    assert_false(seats_fit(2147483647, 2147483647, 1)); /* no overflow */
    assert_false(seats_quota_passed(3, 2, 5));
    assert_true(seats_quota_passed(3, 3, 5));
    assert_false(seats_quota_passed(1000, 1, 0));
    assert_true(seats_span_valid(1, 2));
    assert_false(seats_span_valid(2, 2));
}

static void test_promote_in_order(void **state)
{
    (void)state;
    reset(4);
    Shift.taken = 4;
    /* in line: person 1 wants 2, person 2 wants 3, person 3 wants 1 */
    int64_t who[] = {1, 2, 3}, need[] = {2, 3, 1};
    memcpy(Shift.waiting, who, sizeof(who));
    memcpy(Shift.need, need, sizeof(need));
    Shift.nwaiting = 3;
    int64_t promoted[8];
    size_t np = 0;
    /* nothing free: nobody moves */
    assert_int_equal(seats_promote(NULL, &shift_ops, 1, 0, promoted, 8, &np), WY_OK);
    assert_int_equal(np, 0);
    /* three slots free: person 1 (2) fits, person 2 (3) does not, and person 3 (1), who would
     * fit, does not jump the queue */
    Shift.taken = 1;
    assert_int_equal(seats_promote(NULL, &shift_ops, 1, 0, promoted, 8, &np), WY_OK);
    assert_int_equal(np, 1);
    assert_int_equal(promoted[0], 1);
    assert_int_equal(Shift.taken, 3);
    assert_int_equal(Shift.nwaiting, 2);
    /* everyone freed: the rest in order, the list of ids capped at max */
    Shift.taken = 0;
    np = 0;
    assert_int_equal(seats_promote(NULL, &shift_ops, 1, 0, promoted, 1, &np), WY_OK);
    assert_int_equal(np, 1);
    assert_int_equal(promoted[0], 2);
    assert_int_equal(Shift.nwaiting, 0);
    assert_int_equal(Shift.taken, 4);
}

/* admit: who no longer may be served leaves the line (taking nothing), the next is served */
static int64_t Barred; /* the person admit refuses */
static int shift_admit(db *c, void *ud, int64_t claim, int64_t now, int *ok)
{
    (void)c, (void)now;
    (*(int *)ud)++;
    *ok = claim != Barred;
    if (!*ok) { /* out of the line */
        memmove(Shift.waiting, Shift.waiting + 1, --Shift.nwaiting * sizeof(Shift.waiting[0]));
        memmove(Shift.need, Shift.need + 1, Shift.nwaiting * sizeof(Shift.need[0]));
    }
    return WY_OK;
}

static int shift_admit_stuck(db *c, void *ud, int64_t claim, int64_t now, int *ok)
{
    (void)c, (void)ud, (void)claim, (void)now;
    *ok = 0; /* refuses and leaves the claim first: a fault */
    return WY_OK;
}

static void test_promote_admit(void **state)
{
    (void)state;
    reset(2);
    int64_t who[] = {1, 2, 3}, need[] = {1, 1, 1};
    memcpy(Shift.waiting, who, sizeof(who));
    memcpy(Shift.need, need, sizeof(need));
    Shift.nwaiting = 3;
    Barred = 2;
    int asked = 0;
    int64_t promoted[8];
    size_t np = 0;
    Shift.taken = 1; /* one slot free: person 1; then person 2, first, is asked and passed
                      * over, and person 3, admitted, waits: no slot fits */
    assert_int_equal(
        seats_promote_admit(NULL, &shift_ops, shift_admit, &asked, 1, 0, promoted, 8, &np), WY_OK);
    assert_int_equal(np, 1);
    assert_int_equal(promoted[0], 1);
    assert_int_equal(asked, 3);
    assert_int_equal(Shift.nwaiting, 1);
    assert_int_equal(Shift.waiting[0], 3);
    /* one more free: person 3 is served */
    Shift.taken = 1;
    assert_int_equal(
        seats_promote_admit(NULL, &shift_ops, shift_admit, &asked, 1, 0, promoted, 8, &np), WY_OK);
    assert_int_equal(np, 2);
    assert_int_equal(promoted[1], 3);
    assert_int_equal(Shift.taken, 2);
    assert_int_equal(Shift.nwaiting, 0);
    assert_int_equal(Shift.holds[2], 0);
    /* a kind whose admit leaves a refused claim first is stopped, not looped */
    Shift.waiting[0] = 4;
    Shift.need[0] = 1;
    Shift.nwaiting = 1;
    Shift.taken = 0;
    np = 0;
    assert_int_equal(
        seats_promote_admit(NULL, &shift_ops, shift_admit_stuck, NULL, 1, 0, promoted, 8, &np),
        WY_ERR);
    assert_int_equal(np, 0);
}

static void test_writer_books_a_second_kind(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    reset(10);
    Shift.fail_next = 1; /* the first batch meets a busy database and is retried */
    shift_job jobs[SHIFT_PEOPLE];
    memset(jobs, 0, sizeof(jobs));
    assert_int_equal(seats_writer_start(t->st, SHIFT_PEOPLE), 0);
    for (int i = 0; i < 40; i++) {
        /* persons 1..20 twice: the second claim of each is a duplicate */
        jobs[i] = (shift_job){
            .base = {.kind = &shift_kind, .done = shift_done}, .person = 1 + i % 20, .slots = 1};
        assert_int_equal(seats_submit(&jobs[i].base), 0);
    }
    seats_writer_stop(); /* books what is queued, then stops */
    assert_int_equal(answered, 40);
    int taken = 0, full = 0, dup = 0;
    for (int i = 0; i < 40; i++) {
        assert_true(jobs[i].answered);
        assert_int_equal(jobs[i].base.store_rc, WY_OK);
        taken += jobs[i].got == 1;
        full += jobs[i].got == 0;
        dup += jobs[i].got == -1;
    }
    /* first come first served, never past the capacity */
    assert_int_equal(taken, 10);
    assert_int_equal(Shift.taken, 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(jobs[i].got, 1);
    assert_int_equal(full + dup, 30);
    assert_true(Shift.batches >= 2);
    /* a stopped writer takes nothing */
    shift_job late = {.base = {.kind = &shift_kind, .done = shift_done}, .person = 30, .slots = 1};
    assert_int_equal(seats_submit(&late.base), -1);
    tdb_close(t);
}

static void test_writer_queue_bound(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    reset(100);
    shift_job jobs[3];
    memset(jobs, 0, sizeof(jobs));
    /* a queue of 2: the writer may already have taken some, so fill it while it is held */
    pthread_mutex_lock(&answered_mu); /* done() blocks: the writer cannot drain past it */
    assert_int_equal(seats_writer_start(t->st, 2), 0);
    int refused = 0;
    for (int i = 0; i < 3; i++) {
        jobs[i] = (shift_job){
            .base = {.kind = &shift_kind, .done = shift_done}, .person = i + 1, .slots = 1};
        refused += seats_submit(&jobs[i].base) < 0;
    }
    pthread_mutex_unlock(&answered_mu);
    seats_writer_stop();
    assert_int_equal(answered + refused, 3);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_promote_in_order),
        cmocka_unit_test(test_promote_admit),
        cmocka_unit_test(test_writer_books_a_second_kind),
        cmocka_unit_test(test_writer_queue_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
