/* Tests of volunteer shifts on a database (both backends): a shift's checks and who writes it,
 * its check code kept from the public; sign-ups with the waiting list in order, cancellation
 * promoting the first waiter; the refusals (not registered, overlap, started, cancelled,
 * unpublished, a minor without consent); invitations accepted and declined with the search for
 * free volunteers; a shift cancelled; and the capacity never passed by a crowd through the seat
 * writer nor by writers on connections of their own. */
#include <pthread.h>

#include "testlib.h"

#include "core/demo_kit.h"
#include "db/store_util.h"
#include "mod/volunteers/shift.h"

#define COORDINATOR "13900000021" /* volunteer_coordinator of 东区 (demo_volunteers.c) */
#define CITIZEN     "13800000006"
#define LIU         "13800002001" /* demo volunteers */
#define YANG        "13800002002"
#define HOUR        (3600 * 1000LL)
#define DAY         (24 * HOUR)

/* The demo's published project of 大渡口街道. */
static int64_t demo_project(tdb *t)
{
    volunteer_project *ps;
    size_t n;
    tdb_as(t, NULL);
    assert_int_equal(volunteer_project_list(&t->ctx, "510402001", 0, 100, &ps, &n), 0);
    assert_true(n >= 1);
    return ps[n - 1].id;
}

/* A shift of project by the coordinator, starting in `in` ms for two hours. */
static int64_t new_shift(tdb *t, int64_t project, int64_t in, int capacity)
{
    tdb_as(t, COORDINATOR);
    shift_input s = {.title = "测试班次",
                     .starts_at = t->ctx.now + in,
                     .ends_at = t->ctx.now + in + 2 * HOUR,
                     .place = "大渡口街道综合文化站",
                     .capacity = capacity};
    int64_t id;
    assert_int_equal(shift_create(&t->ctx, project, &s, &id), 0);
    return id;
}

/* A registered adult volunteer of 大渡口街道 with this phone (made directly: the profile's own
 * rules are test_volunteers.c's); ctx acts as them. */
static int64_t new_volunteer(tdb *t, const char *phone, const char *skills)
{
    int64_t uid, vid;
    assert_int_equal(
        store_user_create(t->ctx.c, phone, "志愿者", "x", "510402001", t->ctx.now, &uid), WY_OK);
    volunteer v = {.user_id = uid,
                   .real_name = "测试志愿者",
                   .birth_date = "1990-01-01",
                   .skills = skills,
                   .availability = "周末",
                   .areas = ",510402001,",
                   .division = "510402001"};
    assert_int_equal(store_volunteer_create(t->ctx.c, &v, t->ctx.now, &vid), WY_OK);
    tdb_as(t, phone);
    return vid;
}

/* Sign the acting person up synchronously: the outcome, or -1 with the refusal on ctx. */
static int sign_up(tdb *t, int64_t shift, shift_signup_res *res)
{
    shift_signup_req req;
    if (shift_signup_prepare(&t->ctx, shift, NULL, &req) < 0)
        return -1;
    if (shift_signup_now(&t->ctx, &req, res) < 0)
        return -1;
    return res->outcome;
}

static const char *status_of(tdb *t, int64_t signup)
{
    shift_signup g;
    assert_int_equal(store_signup_get(t->ctx.c, t->ctx.a, signup, &g), WY_OK);
    return g.status;
}

static int64_t count(tdb *t, const char *sql, int64_t arg)
{
    int64_t v = -1;
    assert_int_equal(store_one_int(db_query(t->ctx.c, sql, "i", arg), &v), WY_OK);
    return v;
}

static void test_shift_rules(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t project = demo_project(t), id, id2;
    static const char *const bad[] = {"juggling"};
    static const char *const ok[] = {"library", "usher"};
    shift_input in = {.starts_at = ctx->now + DAY,
                      .ends_at = ctx->now + DAY + 3 * HOUR,
                      .place = "文化站",
                      .capacity = 4,
                      .skills = ok,
                      .nskills = 2};
    /* a citizen may not; a coordinator of 东区 may */
    tdb_as(t, CITIZEN);
    assert_int_equal(shift_create(ctx, project, &in, &id), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    shift_input b = in;
    b.starts_at = ctx->now - HOUR;
    assert_int_equal(shift_create(ctx, project, &b, &id), -1);
    assert_string_equal(ctx->err.code, "bad_time");
    b = in;
    b.ends_at = b.starts_at;
    assert_int_equal(shift_create(ctx, project, &b, &id), -1);
    assert_string_equal(ctx->err.code, "bad_time");
    b = in;
    b.capacity = 0;
    assert_int_equal(shift_create(ctx, project, &b, &id), -1);
    assert_string_equal(ctx->err.code, "bad_capacity");
    b = in;
    b.skills = bad;
    b.nskills = 1;
    assert_int_equal(shift_create(ctx, project, &b, &id), -1);
    assert_string_equal(ctx->err.code, "bad_skill");
    b = in;
    b.place = "";
    assert_int_equal(shift_create(ctx, project, &b, &id), -1);
    assert_string_equal(ctx->err.code, "bad_place");
    b = in;
    b.venue_id = 99999999;
    assert_int_equal(shift_create(ctx, project, &b, &id), -1);
    assert_string_equal(ctx->err.code, "unknown_venue");
    assert_int_equal(shift_create(ctx, project, &in, &id), 0);
    assert_int_equal(shift_create(ctx, project, &in, &id2), 0);
    /* the check codes: long, random, never the same */
    volunteer_shift s, s2;
    assert_int_equal(shift_get(ctx, id, &s, NULL), 0);
    assert_int_equal(shift_get(ctx, id2, &s2, NULL), 0);
    assert_true(strlen(s.check_code) >= 26);
    assert_string_not_equal(s.check_code, s2.check_code);
    assert_string_equal(s.skills, ",library,usher,");
    assert_true(shift_may_manage(ctx, &s));
    /* anyone reads it (a published project), but may not manage it */
    tdb_as(t, NULL);
    assert_int_equal(shift_get(ctx, id, &s, NULL), 0);
    assert_false(shift_may_manage(ctx, &s));
    /* a change: capacity not below the places taken */
    tdb_as(t, YANG);
    shift_signup_res res;
    assert_int_equal(sign_up(t, id, &res), SHIFT_CONFIRMED);
    tdb_as(t, LIU);
    assert_int_equal(sign_up(t, id, &res), SHIFT_CONFIRMED);
    tdb_as(t, COORDINATOR);
    shift_input ch = in;
    ch.capacity = 1;
    assert_int_equal(shift_update(ctx, id, &ch), -1);
    assert_string_equal(ctx->err.code, "capacity_below_taken");
    ch.capacity = 2;
    ch.place = "文化站二楼";
    assert_int_equal(shift_update(ctx, id, &ch), 0);
    assert_int_equal(shift_get(ctx, id, &s, NULL), 0);
    assert_int_equal(s.capacity, 2);
    assert_string_equal(s.place, "文化站二楼");
    tdb_close(t);
}

static void test_waiting_list_and_promotion(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t project = demo_project(t);
    int64_t shift = new_shift(t, project, 3 * DAY, 2);
    shift_signup_res r[4];
    const char *phones[] = {"15200001001", "15200001002", "15200001003", "15200001004"};
    for (int i = 0; i < 4; i++) {
        new_volunteer(t, phones[i], ",library,");
        assert_int_equal(sign_up(t, shift, &r[i]), i < 2 ? SHIFT_CONFIRMED : SHIFT_WAITLISTED);
    }
    assert_int_equal(r[2].position, r[3].position - 1);
    /* a second sign-up of the same person */
    shift_signup_res again;
    assert_int_equal(sign_up(t, shift, &again), -1);
    assert_string_equal(ctx->err.code, "duplicate");
    volunteer_shift s;
    assert_int_equal(shift_get(ctx, shift, &s, NULL), 0);
    assert_int_equal(s.taken, 2);
    assert_int_equal(s.waiting, 2);
    /* someone else's sign-up does not exist for you */
    assert_int_equal(shift_signup_cancel(ctx, r[0].id), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    /* the second gives the place up: the first waiter gets it, told; the other still waits */
    tdb_as(t, phones[1]);
    assert_int_equal(shift_signup_cancel(ctx, r[1].id), 0);
    assert_string_equal(status_of(t, r[1].id), "cancelled");
    assert_string_equal(status_of(t, r[2].id), "confirmed");
    assert_string_equal(status_of(t, r[3].id), "waitlisted");
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE kind = "
                           "'volunteer.shift_promoted' AND subject_id = ?",
                           r[2].id),
                     1);
    assert_int_equal(shift_get(ctx, shift, &s, NULL), 0);
    assert_int_equal(s.taken, 2);
    assert_int_equal(s.waiting, 1);
    /* a waiter leaves the line: no place moves */
    tdb_as(t, phones[3]);
    assert_int_equal(shift_signup_cancel(ctx, r[3].id), 0);
    assert_int_equal(shift_signup_cancel(ctx, r[3].id), -1);
    assert_string_equal(ctx->err.code, "not_live");
    assert_int_equal(shift_get(ctx, shift, &s, NULL), 0);
    assert_int_equal(s.taken, 2);
    assert_int_equal(s.waiting, 0);
    /* my shifts: the live ones, or every one */
    shift_signup *gs;
    size_t n;
    assert_int_equal(shift_mine(ctx, 1, 50, &gs, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(shift_mine(ctx, 0, 50, &gs, &n), 0);
    assert_int_equal(n, 1);
    /* a place freed raises the capacity: a change that gives more places serves the line */
    tdb_as(t, phones[1]);
    assert_int_equal(sign_up(t, shift, &r[1]), SHIFT_WAITLISTED);
    tdb_as(t, COORDINATOR);
    shift_input ch = {.title = s.title,
                      .starts_at = s.starts_at,
                      .ends_at = s.ends_at,
                      .place = s.place,
                      .capacity = 3};
    assert_int_equal(shift_update(ctx, shift, &ch), 0);
    assert_string_equal(status_of(t, r[1].id), "confirmed");
    tdb_close(t);
}

static void test_refusals(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t project = demo_project(t);
    int64_t a = new_shift(t, project, 2 * DAY, 5);
    int64_t b = new_shift(t, project, 2 * DAY + HOUR, 5);     /* overlaps a */
    int64_t c = new_shift(t, project, 2 * DAY + 2 * HOUR, 5); /* right after a */
    shift_signup_res res;
    /* not a volunteer */
    tdb_as(t, CITIZEN);
    assert_int_equal(sign_up(t, a, &res), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    assert_string_equal(ctx->err.code, "not_registered");
    /* overlap said so; a shift right after is fine */
    new_volunteer(t, "13700002001", ",guide,");
    assert_int_equal(sign_up(t, a, &res), SHIFT_CONFIRMED);
    assert_int_equal(sign_up(t, b, &res), -1);
    assert_string_equal(ctx->err.code, "overlap");
    assert_int_equal(sign_up(t, c, &res), SHIFT_CONFIRMED);
    /* a shift that has started */
    assert_int_equal(db_run(ctx->c,
                            "UPDATE volunteer_shifts SET starts_at = ?, ends_at = ? WHERE id = ?",
                            "iii", ctx->now - HOUR, ctx->now + HOUR, b),
                     WY_OK);
    new_volunteer(t, "13700002002", ",guide,");
    assert_int_equal(sign_up(t, b, &res), -1);
    assert_string_equal(ctx->err.code, "started");
    /* ... and a place given up after the start stays */
    int64_t mine;
    tdb_as(t, "13700002001");
    assert_int_equal(db_run(ctx->c, "UPDATE volunteer_shifts SET starts_at = ? WHERE id = ?", "ii",
                            ctx->now - 1, c),
                     WY_OK);
    mine = count(t, "SELECT id FROM volunteer_signups WHERE shift_id = ?", c);
    assert_int_equal(shift_signup_cancel(ctx, mine), -1);
    assert_string_equal(ctx->err.code, "started");
    /* a cancelled shift */
    int64_t d = new_shift(t, project, 5 * DAY, 5);
    assert_int_equal(shift_cancel(ctx, d), 0);
    tdb_as(t, "13700002002");
    assert_int_equal(sign_up(t, d, &res), -1);
    assert_string_equal(ctx->err.code, "cancelled");
    /* a project not published: its shift does not exist for a volunteer */
    tdb_as(t, COORDINATOR);
    int64_t draft;
    volunteer_project p;
    assert_int_equal(volunteer_project_get(ctx, project, &p), 0);
    assert_int_equal(volunteer_project_create(ctx, p.org_id, "草稿项目", "", &draft), 0);
    int64_t e = new_shift(t, draft, 6 * DAY, 5);
    tdb_as(t, "13700002002");
    assert_int_equal(sign_up(t, e, &res), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    volunteer_shift s;
    tdb_as(t, NULL);
    assert_int_equal(shift_get(ctx, e, &s, NULL), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    /* a minor without a guardian's consent on record (the profile refuses it: made here by
     * hand) */
    int64_t f = new_shift(t, project, 7 * DAY, 5);
    new_volunteer(t, "13700002003", ",guide,");
    assert_int_equal(db_run(ctx->c,
                            "UPDATE volunteers SET birth_date = '2015-01-01' WHERE user_id = ?",
                            "i", t->who.user_id),
                     WY_OK);
    assert_int_equal(sign_up(t, f, &res), -1);
    assert_string_equal(ctx->err.code, "guardian_consent_required");
    /* the demo's minor, with consent, may */
    tdb_as(t, "13800002003");
    assert_int_equal(sign_up(t, f, &res), SHIFT_CONFIRMED);
    tdb_close(t);
}

static void test_invitations(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    tdb_webhook(t);
    int64_t project = demo_project(t);
    int64_t shift = new_shift(t, project, 10 * DAY, 1);
    int64_t v1 = new_volunteer(t, "13700003001", ",photography,guide,");
    int64_t v2 = new_volunteer(t, "13700003002", ",photography,");
    new_volunteer(t, "13700003003", ",library,");
    /* who is free, by skill; a citizen may not ask */
    tdb_as(t, CITIZEN);
    volunteer *vs;
    size_t n;
    assert_int_equal(shift_available(ctx, shift, NULL, "photography", 0, 100, &vs, &n), -1);
    tdb_as(t, COORDINATOR);
    assert_int_equal(shift_available(ctx, shift, NULL, "photography", 0, 100, &vs, &n), 0);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found += (vs[i].id == v1) + (vs[i].id == v2) * 10;
    assert_int_equal(found, 11);
    /* a volunteer serving the whole district is found for a shift of its town */
    assert_int_equal(
        db_run(ctx->c, "UPDATE volunteers SET areas = ',510402,' WHERE id = ?", "i", v2), WY_OK);
    assert_int_equal(shift_available(ctx, shift, NULL, "photography", 0, 100, &vs, &n), 0);
    found = 0;
    for (size_t i = 0; i < n; i++)
        found += vs[i].id == v2;
    assert_int_equal(found, 1);
    /* but not for another district's subtree */
    assert_int_equal(shift_available(ctx, shift, "510411", NULL, 0, 100, &vs, &n), -1);
    int64_t i1, i2;
    assert_int_equal(shift_invite(ctx, shift, v1, &i1), 0);
    assert_int_equal(shift_invite(ctx, shift, v1, &i2), -1);
    assert_string_equal(ctx->err.code, "duplicate");
    assert_int_equal(shift_invite(ctx, shift, 99999999, &i2), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    assert_int_equal(shift_invite(ctx, shift, v2, &i2), 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE kind = "
                           "'volunteer.shift_invited' AND subject_id = ?",
                           i1),
                     1);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM outbox WHERE kind = 'volunteer.shift_invited'"
                           " AND ? > 0",
                           1),
                     2);
    /* the invited are no longer free at that time */
    assert_int_equal(shift_available(ctx, shift, NULL, "photography", 0, 100, &vs, &n), 0);
    for (size_t i = 0; i < n; i++)
        assert_true(vs[i].id != v1 && vs[i].id != v2);
    /* the roster: real names for the coordinator, invitations last */
    volunteer_shift s;
    shift_signup *gs;
    assert_int_equal(shift_roster(ctx, shift, &s, &gs, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(gs[0].status, "invited");
    assert_string_equal(gs[0].real_name, "测试志愿者");
    /* someone else cannot answer it */
    shift_signup g;
    assert_int_equal(shift_invitation_answer(ctx, i1, 1, &g), -1);
    assert_int_equal(ctx->err.cls, E_NOTFOUND);
    /* the first accepts: the one place; the second accepts: the waiting list */
    tdb_as(t, "13700003001");
    assert_int_equal(shift_invitation_answer(ctx, i1, 1, &g), 0);
    assert_string_equal(g.status, "confirmed");
    assert_int_equal(shift_invitation_answer(ctx, i1, 1, &g), -1);
    assert_string_equal(ctx->err.code, "not_invited");
    tdb_as(t, "13700003002");
    assert_int_equal(shift_invitation_answer(ctx, i2, 1, &g), 0);
    assert_string_equal(g.status, "waitlisted");
    /* the third declines an invitation */
    int64_t v3 = count(t,
                       "SELECT id FROM volunteers WHERE user_id = (SELECT id FROM users"
                       " WHERE phone = '13700003003') AND ? > 0",
                       1);
    tdb_as(t, COORDINATOR);
    int64_t i3;
    assert_int_equal(shift_invite(ctx, shift, v3, &i3), 0);
    tdb_as(t, "13700003003");
    assert_int_equal(shift_invitation_answer(ctx, i3, 0, &g), 0);
    assert_string_equal(g.status, "cancelled");
    assert_int_equal(shift_get(ctx, shift, &s, NULL), 0);
    assert_int_equal(s.taken, 1);
    assert_int_equal(s.waiting, 1);
    /* an invitation at a time the volunteer is taken is refused */
    int64_t other = new_shift(t, project, 10 * DAY + HOUR, 3);
    assert_int_equal(shift_invite(ctx, other, v1, &i3), -1);
    assert_string_equal(ctx->err.code, "overlap");
    tdb_close(t);
}

static void test_cancel_shift(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    wy_ctx *ctx = &t->ctx;
    int64_t project = demo_project(t);
    int64_t shift = new_shift(t, project, 4 * DAY, 1);
    shift_signup_res a, b;
    new_volunteer(t, "13700004001", ",guide,");
    assert_int_equal(sign_up(t, shift, &a), SHIFT_CONFIRMED);
    new_volunteer(t, "13700004002", ",guide,");
    assert_int_equal(sign_up(t, shift, &b), SHIFT_WAITLISTED);
    tdb_as(t, CITIZEN);
    assert_int_equal(shift_cancel(ctx, shift), -1);
    assert_int_equal(ctx->err.cls, E_FORBIDDEN);
    tdb_as(t, COORDINATOR);
    assert_int_equal(shift_cancel(ctx, shift), 0);
    assert_int_equal(shift_cancel(ctx, shift), -1);
    assert_int_equal(ctx->err.cls, E_CONFLICT);
    assert_string_equal(status_of(t, a.id), "cancelled");
    assert_string_equal(status_of(t, b.id), "cancelled");
    volunteer_shift s;
    assert_int_equal(shift_get(ctx, shift, &s, NULL), 0);
    assert_string_equal(s.status, "cancelled");
    assert_int_equal(s.taken, 0);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM notifications WHERE kind ="
                           " 'volunteer.shift_cancelled' AND params LIKE '%' || ? || '%'",
                           shift),
                     2);
    tdb_close(t);
}

/* ---- a crowd ---- */

#define CROWD 40

static pthread_mutex_t answered_mu = PTHREAD_MUTEX_INITIALIZER;
static int answered;

static void job_done(signup_job *j)
{
    (void)j;
    pthread_mutex_lock(&answered_mu);
    answered++;
    pthread_mutex_unlock(&answered_mu);
}

/* Prepare the crowd's requests for shift (each a new volunteer). */
static void crowd(tdb *t, int64_t shift, const char *prefix, shift_signup_req *reqs)
{
    for (int i = 0; i < CROWD; i++) {
        char phone[16];
        snprintf(phone, sizeof(phone), "%s%04d", prefix, i);
        new_volunteer(t, phone, ",usher,");
        assert_int_equal(shift_signup_prepare(&t->ctx, shift, NULL, &reqs[i]), 0);
    }
}

static void check_positions(tdb *t, int64_t shift, int capacity)
{
    volunteer_shift s;
    assert_int_equal(store_shift_get(t->ctx.c, t->ctx.a, shift, &s), WY_OK);
    assert_int_equal(s.taken, capacity);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM volunteer_signups WHERE shift_id = ?"
                           " AND status = 'confirmed'",
                           shift),
                     capacity);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM volunteer_signups WHERE shift_id = ?"
                           " AND status = 'waitlisted'",
                           shift),
                     CROWD - capacity);
    /* the waiting list: each position once */
    assert_int_equal(count(t,
                           "SELECT count(DISTINCT position) FROM volunteer_signups"
                           " WHERE shift_id = ? AND status = 'waitlisted'",
                           shift),
                     CROWD - capacity);
}

static void test_crowd_through_the_writer(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t project = demo_project(t);
    int64_t shift = new_shift(t, project, 8 * DAY, 5);
    static shift_signup_req reqs[CROWD];
    static signup_job jobs[CROWD];
    crowd(t, shift, "1360000", reqs);
    answered = 0;
    assert_int_equal(seats_writer_start(t->st, CROWD), 0);
    for (int i = 0; i < CROWD; i++) {
        jobs[i] = (signup_job){.req = reqs[i], .done = job_done};
        assert_int_equal(shift_signup_submit(&jobs[i]), 0);
    }
    seats_writer_stop();
    assert_int_equal(answered, CROWD);
    int confirmed = 0, waiting = 0, last = 0;
    for (int i = 0; i < CROWD; i++) {
        assert_int_equal(jobs[i].store_rc, WY_OK);
        assert_int_equal(jobs[i].res.rc, WY_OK);
        if (jobs[i].res.outcome == SHIFT_CONFIRMED) {
            confirmed++;
        } else {
            assert_int_equal(jobs[i].res.outcome, SHIFT_WAITLISTED);
            /* first come, first in line: in the order they were queued */
            assert_true(jobs[i].res.position > last);
            last = jobs[i].res.position;
            waiting++;
        }
    }
    assert_int_equal(confirmed, 5);
    assert_int_equal(waiting, CROWD - 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(jobs[i].res.outcome, SHIFT_CONFIRMED);
    check_positions(t, shift, 5);
    tdb_close(t);
}

#define THREADS 4

typedef struct worker {
    tdb *t;
    shift_signup_req *reqs;
    int from, to;
    int failures;
} worker;

static void *sign_many(void *arg)
{
    worker *w = arg;
    db *c = store_acquire(w->t->st);
    for (int i = w->from; i < w->to; i++) {
        shift_signup_res res;
        int rc;
        /* a busy database is retried, as the writer does */
        while ((rc = store_shift_signup_batch(c, &w->reqs[i], 1, &res)) == WY_RETRY)
            ;
        if (rc != WY_OK || res.rc != WY_OK ||
            (res.outcome != SHIFT_CONFIRMED && res.outcome != SHIFT_WAITLISTED))
            w->failures++;
    }
    store_release(w->t->st, c);
    return NULL;
}

static void test_crowd_on_many_connections(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    /* the pool: a connection for each worker and the test's own */
    store_release(t->st, t->ctx.c);
    store_close(t->st);
    char err[256];
    assert_int_equal(store_open(t->path, THREADS + 1, 20000, &t->st, err, sizeof(err)), WY_OK);
    t->ctx.c = store_acquire(t->st);
    int64_t project = demo_project(t);
    int64_t shift = new_shift(t, project, 9 * DAY, 7);
    static shift_signup_req reqs[CROWD];
    crowd(t, shift, "1350000", reqs);
    worker w[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){
            .t = t, .reqs = reqs, .from = i * CROWD / THREADS, .to = (i + 1) * CROWD / THREADS};
        assert_int_equal(pthread_create(&th[i], NULL, sign_many, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].failures, 0);
    }
    check_positions(t, shift, 7);
    /* everyone gives up in turn: the line moves in order and the count never passes */
    shift_signup *gs;
    size_t n;
    tdb_as(t, COORDINATOR);
    assert_int_equal(shift_roster(&t->ctx, shift, &(volunteer_shift){0}, &gs, &n), 0);
    assert_int_equal(n, CROWD);
    assert_string_equal(gs[7].status, "waitlisted");
    int64_t first_waiter = gs[7].id;
    account u;
    assert_int_equal(store_user_by_id(t->ctx.c, t->ctx.a, gs[0].user_id, &u), WY_OK);
    tdb_as(t, u.phone);
    assert_int_equal(shift_signup_cancel(&t->ctx, gs[0].id), 0);
    assert_string_equal(status_of(t, first_waiter), "confirmed");
    volunteer_shift s;
    assert_int_equal(store_shift_get(t->ctx.c, t->ctx.a, shift, &s), WY_OK);
    assert_int_equal(s.taken, 7);
    tdb_close(t);
}

static void test_demo_shifts(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t project = demo_project(t);
    int64_t shifts =
        count(t, "SELECT count(*) FROM volunteer_shifts WHERE project_id = ?", project);
    int64_t signups = count(t, "SELECT count(*) FROM volunteer_signups WHERE ? > 0", 1);
    assert_int_equal(shifts, 3);
    assert_int_equal(count(t,
                           "SELECT count(*) FROM volunteer_signups WHERE status = 'invited'"
                           " AND ? > 0",
                           1),
                     1);
    assert_int_equal(
        count(t, "SELECT count(*) FROM volunteer_shifts WHERE ends_at < ?", t->ctx.now), 1);
    /* a second run adds nothing */
    assert_int_equal(demo_load(&t->ctx, test_data_dir(), 0), 0);
    assert_int_equal(
        count(t, "SELECT count(*) FROM volunteer_shifts WHERE project_id = ?", project), shifts);
    assert_int_equal(count(t, "SELECT count(*) FROM volunteer_signups WHERE ? > 0", 1), signups);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shift_rules),
        cmocka_unit_test(test_waiting_list_and_promotion),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_invitations),
        cmocka_unit_test(test_cancel_shift),
        cmocka_unit_test(test_crowd_through_the_writer),
        cmocka_unit_test(test_crowd_on_many_connections),
        cmocka_unit_test(test_demo_shifts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
