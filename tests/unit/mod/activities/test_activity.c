/* Tests of src/domain/activity.c and activity_revision.c: the rules of every field at
 * creation and on a change, who may create, see, change and submit an activity (by division),
 * the way from draft through review to published, the revision of a published activity,
 * the change and cancellation of a session with the notifications to everyone booked, and
 * the public search and lists (filters, checks, order, cursors). The clock is the test's
 * (ctx.now). */
#include <math.h>

#include "testlib.h"

#include "mod/activities/activity.h"
#include "mod/activities/booking.h"
#include "core/review.h"
#include "mod/venues/venue_store.h"

#define MIN  ((int64_t)60000)
#define HOUR (60 * MIN)
#define DAY  (24 * HOUR)

/* src/demo.c: the city admin (5104), the district admin (510402, 东区), the district and the
 * city reviewers, the venue manager (510402001, 大渡口街道) and a citizen; WEST is the
 * district admin of 510403 (西区), made by west_admin(). */
static const char *CITY = "13900000001", *DA = "13900000002", *RV1 = "13900000003",
                  *RV2 = "13900000004", *VM = "13900000005", *CITIZEN = "13800000006",
                  *WEST = "13900000007";

static tdb *open_with_west(void)
{
    tdb *t = tdb_open(1);
    int64_t id;
    t->ctx.who = NULL; /* the command line */
    assert_int_equal(account_create(&t->ctx, WEST, "Demo2026xq", "西区文化馆管理员",
                                    "district_admin", "510403", &id),
                     0);
    return t;
}

/* A refusal of class cls with this code; the error is cleared for the next call. */
#define REFUSED(t, call, cls_, code_)                                                              \
    do {                                                                                           \
        (t)->ctx.err = (wy_error){0};                                                              \
        assert_int_equal((call), -1);                                                              \
        assert_int_equal((t)->ctx.err.cls, (cls_));                                                \
        assert_string_equal((t)->ctx.err.code, (code_));                                           \
        (t)->ctx.err = (wy_error){0};                                                              \
    } while (0)

static activity base(void)
{
    return (activity){.title = "大渡口街道新年合唱音乐会",
                      .category = "performance",
                      .division = "510402001",
                      .organiser = "大渡口街道文化站",
                      .description = "免费入场，凭预约码入场。",
                      .audience = "6岁以上",
                      .lon = NAN,
                      .lat = NAN,
                      .waitlist = 1,
                      .max_companions = 2};
}

/* A session starting in `in` from now, two hours long. */
static activity_session sess(tdb *t, int64_t in, int capacity)
{
    return (activity_session){
        .starts_at = t->ctx.now + in, .ends_at = t->ctx.now + in + 2 * HOUR, .capacity = capacity};
}

static char *rep(tdb *t, const char *s, size_t n)
{
    size_t len = strlen(s);
    char *out = arena_alloc(t->ctx.a, len * n + 1);
    assert_non_null(out);
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * len, s, len);
    out[len * n] = '\0';
    return out;
}

static int64_t count_of(tdb *t, const char *table)
{
    const char *sql = !strcmp(table, "activities") ? "SELECT count(*) FROM activities"
                      : !strcmp(table, "activity_sessions")
                          ? "SELECT count(*) FROM activity_sessions"
                          : "SELECT count(*) FROM content_revisions"
                            " WHERE content_type = 'activity_revision'";
    db_stmt *st = db_query(t->ctx.c, sql, "");
    assert_non_null(st);
    assert_int_equal(db_step(st), 1);
    int64_t n = db_col_int(st, 0);
    db_done(st);
    return n;
}

/* Create as phone; the refusal's code, or NULL when created (*id then set). Nothing of a
 * refused one is written. */
static const char *create_as(tdb *t, const char *phone, activity a, const activity_session *s,
                             size_t ns, int64_t *id)
{
    int64_t before = count_of(t, "activities"), sbefore = count_of(t, "activity_sessions");
    tdb_as(t, phone);
    int64_t got = 0;
    if (activity_create(&t->ctx, &a, s, ns, &got) == 0) {
        if (id)
            *id = got;
        assert_int_equal(count_of(t, "activities"), before + 1);
        assert_int_equal(count_of(t, "activity_sessions"), sbefore + (int64_t)ns);
        return NULL;
    }
    assert_int_equal(count_of(t, "activities"), before);
    assert_int_equal(count_of(t, "activity_sessions"), sbefore);
    assert_non_null(t->ctx.err.code);
    const char *code = t->ctx.err.code;
    t->ctx.err = (wy_error){0};
    return code;
}

/* A draft of 510402001 by the venue manager with one session of capacity cap. */
static int64_t draft(tdb *t, const char *title, int64_t in, int cap, int64_t *sid)
{
    activity a = base();
    a.title = title;
    activity_session s = sess(t, in, cap);
    int64_t id;
    assert_null(create_as(t, VM, a, &s, 1, &id));
    if (sid) {
        activity_session *ss;
        size_t n;
        assert_int_equal(store_activity_sessions(t->ctx.c, t->ctx.a, id, &ss, &n), WY_OK);
        assert_int_equal(n, 1);
        *sid = ss[0].id;
    }
    return id;
}

static activity row(tdb *t, int64_t id)
{
    activity a;
    assert_int_equal(store_activity_get(t->ctx.c, t->ctx.a, id, &a), WY_OK);
    return a;
}

static activity_session session_row(tdb *t, int64_t id)
{
    activity_session s;
    assert_int_equal(store_activity_session_get(t->ctx.c, t->ctx.a, id, &s), WY_OK);
    return s;
}

/* The newest audit entry of an object. */
static audit_entry last_audit(tdb *t, const char *type, int64_t id)
{
    audit_entry *e;
    size_t n;
    const char *oid = arena_sprintf(t->ctx.a, "%lld", (long long)id);
    assert_int_equal(store_audit_list(t->ctx.c, t->ctx.a, type, oid, NULL, 0, 50, &e, &n), WY_OK);
    assert_true(n > 0);
    return e[0];
}

/* Decide the review item of (type, id) as phone; the item's status after. */
static const char *decide(tdb *t, const char *type, int64_t id, const char *phone,
                          const char *decision, const char *reason)
{
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, type, id, &it), WY_OK);
    tdb_as(t, phone);
    assert_int_equal(review_decide(&t->ctx, it.id, decision, reason, &it), 0);
    return it.status;
}

/* Submit as the venue manager and approve through the default chain (county, city). */
static void publish(tdb *t, int64_t id)
{
    const char *status;
    tdb_as(t, VM);
    assert_int_equal(activity_submit(&t->ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    assert_string_equal(decide(t, "activity", id, RV1, "approve", NULL), "pending");
    assert_string_equal(decide(t, "activity", id, RV2, "approve", NULL), "published");
    assert_string_equal(row(t, id).status, "published");
}

static int64_t user_of(tdb *t, const char *phone)
{
    account u;
    if (store_user_by_phone(t->ctx.c, t->ctx.a, phone, &u) == WY_OK)
        return u.id;
    int64_t id;
    assert_int_equal(store_user_create(t->ctx.c, phone, "测试", "x", "510402001", t->ctx.now, &id),
                     WY_OK);
    return id;
}

static booking_res book(tdb *t, int64_t sid, int64_t uid, int seats)
{
    static int seq;
    booking_req r = {.session_id = sid,
                     .user_id = uid,
                     .seats = seats,
                     .code = arena_sprintf(t->ctx.a, "act-%d-%d-%d", (int)getpid(), seq++, 0),
                     .waitlist_ok = 1,
                     .now = t->ctx.now};
    booking_res res;
    assert_int_equal(booking_book_now(&t->ctx, &r, &res), 0);
    return res;
}

/* The notifications of a kind a person has, and the params of the newest. */
static size_t inbox_of(tdb *t, int64_t uid, const char *kind, const char **params)
{
    notification *ns;
    size_t n, k = 0;
    assert_int_equal(store_notifications_of(t->ctx.c, t->ctx.a, uid, 0, 100, &ns, &n), WY_OK);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ns[i].kind, kind)) {
            if (k++ == 0 && params)
                *params = ns[i].params;
        }
    return k;
}

static const char *booking_status(tdb *t, int64_t id)
{
    booking b;
    assert_int_equal(store_booking_get(t->ctx.c, t->ctx.a, id, &b), WY_OK);
    return b.status;
}

/* ---- creation ---- */

/* Every field's rule at creation, each refusal writing nothing. */
static void test_create_fields(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    activity_session s = sess(t, DAY, 10);
    activity a;
    int64_t id;

    /* a good one: a draft, as given, with its session, audited */
    a = base();
    a.live_url = "https://live.example.org/pzh/1";
    a.replay_url = "http://replay.example.org/1";
    s.booking_opens_at = t->ctx.now;
    s.booking_closes_at = s.starts_at;
    s.cancel_deadline = s.starts_at - HOUR;
    assert_null(create_as(t, VM, a, &s, 1, &id));
    activity got = row(t, id);
    assert_string_equal(got.status, "draft");
    assert_string_equal(got.title, a.title);
    assert_string_equal(got.division, "510402001");
    assert_string_equal(got.live_url, a.live_url);
    assert_int_equal(got.created_by, t->who.user_id);
    assert_int_equal(got.waitlist, 1);
    assert_int_equal(got.max_companions, 2);
    assert_int_equal(got.venue_id, 0);
    assert_true(isnan(got.lon) && isnan(got.lat));
    activity_session *ss;
    size_t n;
    assert_int_equal(store_activity_sessions(t->ctx.c, t->ctx.a, id, &ss, &n), WY_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ss[0].status, "scheduled");
    assert_int_equal(ss[0].starts_at, s.starts_at);
    assert_int_equal(ss[0].ends_at, s.ends_at);
    assert_int_equal(ss[0].capacity, 10);
    assert_int_equal(ss[0].confirmed_seats, 0);
    assert_int_equal(ss[0].booking_opens_at, s.booking_opens_at);
    assert_int_equal(ss[0].booking_closes_at, s.booking_closes_at);
    assert_int_equal(ss[0].cancel_deadline, s.cancel_deadline);
    audit_entry e = last_audit(t, "activity", id);
    assert_string_equal(e.action, "activity.create");
    assert_string_equal(e.to_state, "draft");
    assert_string_equal(e.reason, "1 sessions");
    assert_int_equal(e.actor, t->who.user_id);
    s = sess(t, DAY, 10);

    /* the title: 1 to 100 characters (not bytes), UTF-8 */
    a = base();
    a.title = NULL;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_title");
    a.title = "";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_title");
    a.title = rep(t, "文", 101);
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_title");
    a.title = "\xe6\x96";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_title");
    a.title = rep(t, "文", 100); /* 300 bytes */
    assert_null(create_as(t, VM, a, &s, 1, NULL));
    tdb_as(t, VM);
    a.title = rep(t, "x", 101);
    REFUSED(t, activity_create(&t->ctx, &a, &s, 1, &id), E_INVALID, "bad_title");

    /* the category: one of the list, and never timed entry */
    a = base();
    a.category = NULL;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_category");
    a.category = "concert";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_category");
    a.category = "timed_entry";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_category");
    for (int i = 0; activity_categories[i]; i++) {
        a.category = activity_categories[i];
        if (strcmp(a.category, "timed_entry"))
            assert_null(create_as(t, VM, a, &s, 1, NULL));
    }

    /* the division: a code, that exists; short or padded */
    a = base();
    a.division = NULL;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_division");
    a.division = "51040";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_division");
    a.division = "5104020011";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_division");
    a.division = "510402999"; /* well formed, within the venue manager's scope? no: */
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "forbidden");
    assert_string_equal(create_as(t, DA, a, &s, 1, NULL), "unknown_reference");
    a.division = "510402001000";
    assert_null(create_as(t, VM, a, &s, 1, &id));
    assert_string_equal(row(t, id).division, "510402001");

    /* the texts: description 20000, organiser 100, address and audience 200, all UTF-8 */
    a = base();
    a.description = rep(t, "述", 20000);
    assert_null(create_as(t, VM, a, &s, 1, NULL));
    a.description = rep(t, "述", 20001);
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_text");
    a.description = "\xff";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_text");
    a = base();
    a.organiser = rep(t, "站", 101);
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_text");
    a.organiser = rep(t, "站", 100);
    assert_null(create_as(t, VM, a, &s, 1, NULL));
    a = base();
    a.address = rep(t, "路", 201);
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_text");
    a.address = rep(t, "路", 200);
    assert_null(create_as(t, VM, a, &s, 1, NULL));
    a = base();
    a.audience = rep(t, "人", 201);
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_text");
    a.audience = rep(t, "人", 200);
    assert_null(create_as(t, VM, a, &s, 1, NULL));

    /* the links: http or https only, with a host, no space or control character */
    static const char *const bad_urls[] = {"ftp://example.org/x",
                                           "javascript:alert(1)",
                                           "www.example.org",
                                           "//example.org/x",
                                           "HTTPS-ish://x",
                                           "httpx://example.org",
                                           "http:/example.org",
                                           "",
                                           "https://",
                                           "http://",
                                           "https:///live",
                                           "https://?q=1",
                                           "https://example.org/a b",
                                           "https://example.org/\n",
                                           "https://a@example.org/"};
    for (size_t i = 0; i < sizeof(bad_urls) / sizeof(*bad_urls); i++) {
        a = base();
        a.live_url = bad_urls[i];
        assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_url");
        a = base();
        a.replay_url = bad_urls[i];
        assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_url");
    }
    /* the refusal names the link at fault */
    a = base();
    a.replay_url = "https://";
    tdb_as(t, VM);
    int64_t no_id;
    assert_int_equal(activity_create(&t->ctx, &a, &s, 1, &no_id), -1);
    assert_string_equal(t->ctx.err.field, "replay_url");
    t->ctx.err = (wy_error){0};
    a = base();
    a.live_url = "https://live.example.org/1";
    a.replay_url = "https://回放.example.org/1";
    assert_null(create_as(t, VM, a, &s, 1, NULL));

    /* companions: 0 to 10 */
    a = base();
    a.max_companions = -1;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_companions");
    a.max_companions = 11;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_companions");
    a.max_companions = 10;
    assert_null(create_as(t, VM, a, &s, 1, NULL));
    a.max_companions = 0;
    assert_null(create_as(t, VM, a, &s, 1, NULL));

    /* a place: both or neither, within range */
    a = base();
    a.lon = 101.7;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_location");
    a = base();
    a.lat = 26.5;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_location");
    a.lon = 180.5;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_location");
    a.lon = 101.7;
    a.lat = -90.5;
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "bad_location");
    a.lat = 26.5;
    assert_null(create_as(t, VM, a, &s, 1, &id));
    got = row(t, id);
    assert_true(fabs(got.lon - 101.7) < 1e-9 && fabs(got.lat - 26.5) < 1e-9);
    tdb_close(t);
}

/* The sessions of a new activity: 1 to 100, each ending after it starts, 1 to 100000 seats,
 * a window that closes after it opens; one bad session refuses them all. */
static void test_create_sessions(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    activity a = base();
    activity_session s[101];
    for (int i = 0; i < 101; i++)
        s[i] = sess(t, (i + 1) * DAY, 10);
    int64_t id;
    assert_string_equal(create_as(t, VM, a, s, 0, NULL), "bad_sessions");
    assert_string_equal(create_as(t, VM, a, s, 101, NULL), "bad_sessions");
    tdb_as(t, VM);
    REFUSED(t, activity_create(&t->ctx, &a, s, 101, &id), E_INVALID, "bad_sessions");
    a = base();
    assert_null(create_as(t, VM, a, s, 100, &id));
    assert_string_equal(last_audit(t, "activity", id).reason, "100 sessions");

    activity_session x = sess(t, DAY, 10);
    x.ends_at = x.starts_at;
    assert_string_equal(create_as(t, VM, base(), &x, 1, NULL), "bad_session");
    x.ends_at = x.starts_at - MIN;
    assert_string_equal(create_as(t, VM, base(), &x, 1, NULL), "bad_session");
    x = sess(t, DAY, 0);
    assert_string_equal(create_as(t, VM, base(), &x, 1, NULL), "bad_session");
    x.capacity = -5;
    assert_string_equal(create_as(t, VM, base(), &x, 1, NULL), "bad_session");
    x.capacity = 100001;
    assert_string_equal(create_as(t, VM, base(), &x, 1, NULL), "bad_session");
    x.capacity = 100000;
    assert_null(create_as(t, VM, base(), &x, 1, NULL));
    x.capacity = 1;
    assert_null(create_as(t, VM, base(), &x, 1, NULL));
    /* the window: closing at or before its opening is refused; either end alone is fine */
    x = sess(t, DAY, 10);
    x.booking_opens_at = t->ctx.now + HOUR;
    x.booking_closes_at = x.booking_opens_at;
    assert_string_equal(create_as(t, VM, base(), &x, 1, NULL), "bad_session");
    x.booking_closes_at = x.booking_opens_at - 1;
    assert_string_equal(create_as(t, VM, base(), &x, 1, NULL), "bad_session");
    x.booking_closes_at = x.booking_opens_at + 1;
    assert_null(create_as(t, VM, base(), &x, 1, NULL));
    x.booking_closes_at = 0;
    assert_null(create_as(t, VM, base(), &x, 1, NULL));
    x.booking_opens_at = 0;
    x.booking_closes_at = x.starts_at - HOUR;
    assert_null(create_as(t, VM, base(), &x, 1, NULL));
    /* the cancellation deadline is not a rule of its own: a later one than the start means
     * the start (bookings.md), and it is kept as given */
    x = sess(t, DAY, 10);
    x.cancel_deadline = x.ends_at + DAY;
    assert_null(create_as(t, VM, base(), &x, 1, &id));
    activity_session *ss;
    size_t n;
    assert_int_equal(store_activity_sessions(t->ctx.c, t->ctx.a, id, &ss, &n), WY_OK);
    assert_int_equal(ss[0].cancel_deadline, x.ends_at + DAY);

    /* the second of three is bad: nothing is written, the whole activity refused */
    activity_session three[3] = {sess(t, DAY, 10), sess(t, 2 * DAY, 10), sess(t, 3 * DAY, 10)};
    three[1].capacity = 0;
    assert_string_equal(create_as(t, VM, base(), three, 3, NULL), "bad_session");
    tdb_as(t, VM);
    t->ctx.err = (wy_error){0};
    assert_int_equal(activity_create(&t->ctx, &a, three, 3, &id), -1);
    assert_string_equal(t->ctx.err.field, "sessions");
    tdb_close(t);
}

/* Who may create: publishers of the division, its venue in a division they publish in too. */
static void test_create_scope(void **state)
{
    (void)state;
    tdb *t = open_with_west();
    activity_session s = sess(t, DAY, 10);
    activity a = base();
    int64_t id;
    /* nobody logged in, a citizen, reviewers: no */
    tdb_as(t, NULL);
    REFUSED(t, activity_create(&t->ctx, &a, &s, 1, &id), E_UNAUTH, "login_required");
    assert_string_equal(create_as(t, CITIZEN, a, &s, 1, NULL), "forbidden");
    assert_string_equal(create_as(t, RV1, a, &s, 1, NULL), "forbidden");
    /* the venue manager: his street, not the district above nor the street beside */
    assert_null(create_as(t, VM, a, &s, 1, NULL));
    a.division = "510402";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "forbidden");
    a.division = "510402002";
    assert_string_equal(create_as(t, VM, a, &s, 1, NULL), "forbidden");
    /* a district admin: the district and below, not another district */
    assert_null(create_as(t, DA, a, &s, 1, NULL));
    a.division = "510402";
    assert_null(create_as(t, DA, a, &s, 1, NULL));
    a.division = "510403001";
    assert_string_equal(create_as(t, DA, a, &s, 1, NULL), "forbidden");
    assert_null(create_as(t, WEST, a, &s, 1, NULL));
    assert_null(create_as(t, CITY, a, &s, 1, NULL));

    /* venues: the district's library is in 510402, the west's in 510403 */
    venue east, west;
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-lib-city", &east), WY_OK);
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-lib-xq", &west), WY_OK);
    a = base();
    a.venue_id = west.id;
    assert_string_equal(create_as(t, DA, a, &s, 1, NULL), "venue_forbidden");
    tdb_as(t, DA);
    REFUSED(t, activity_create(&t->ctx, &a, &s, 1, &id), E_FORBIDDEN, "venue_forbidden");
    a.venue_id = 999999;
    assert_string_equal(create_as(t, DA, a, &s, 1, NULL), "unknown_reference");
    /* the activity takes the venue's place when it has none of its own */
    a.venue_id = east.id;
    assert_null(create_as(t, DA, a, &s, 1, &id));
    activity got = row(t, id);
    assert_int_equal(got.venue_id, east.id);
    assert_true(got.lon == east.lon && got.lat == east.lat);
    a.lon = 101.6;
    a.lat = 26.6;
    assert_null(create_as(t, DA, a, &s, 1, &id));
    got = row(t, id);
    assert_true(fabs(got.lon - 101.6) < 1e-9 && fabs(got.lat - 26.6) < 1e-9);
    /* the city admin may hold an east activity in the west's hall */
    a = base();
    a.venue_id = west.id;
    assert_null(create_as(t, CITY, a, &s, 1, NULL));
    tdb_close(t);
}

/* ---- review ---- */

/* Draft → pending → (rejected → changed → pending) → published; who sees it on the way. */
static void test_draft_to_published(void **state)
{
    (void)state;
    tdb *t = open_with_west();
    int64_t sid;
    int64_t id = draft(t, "迎春书法展开幕式", DAY, 10, &sid);
    activity_view v;
    activity_session *ss;
    size_t n;
    const char *next, *status;
    /* a draft: its publishers and the reviewers over it, nobody else (not even its existence) */
    static const char *const hidden[] = {NULL, "13800000006", "13900000007"};
    for (size_t i = 0; i < 3; i++) {
        tdb_as(t, hidden[i]);
        REFUSED(t, activity_get(&t->ctx, id, &v), E_NOTFOUND, "not_found");
        REFUSED(t, activity_sessions_list(&t->ctx, id, 0, 0, NULL, 10, &ss, &n, &next), E_NOTFOUND,
                "not_found");
    }
    static const char *const seeing[] = {"13900000005", "13900000002", "13900000003", "13900000004",
                                         "13900000001"};
    for (size_t i = 0; i < 5; i++) {
        tdb_as(t, seeing[i]);
        assert_int_equal(activity_get(&t->ctx, id, &v), 0);
        assert_int_equal(v.a.id, id);
        assert_int_equal(v.nsessions, 1);
        assert_int_equal(v.sessions[0].id, sid);
        assert_string_equal(v.division_name, "大渡口街道");
    }
    /* the search never has it, whoever asks */
    activity_query q = {.division = "510402001", .q = "迎春书法展"};
    activity_view *vs;
    tdb_as(t, VM);
    assert_int_equal(activity_search(&t->ctx, &q, &vs, &n, &next), 0);
    assert_int_equal(n, 0);

    /* submitted by its publishers only; to those who may not see it, it does not exist */
    tdb_as(t, CITIZEN);
    REFUSED(t, activity_submit(&t->ctx, id, &status), E_NOTFOUND, "not_found");
    tdb_as(t, WEST);
    REFUSED(t, activity_submit(&t->ctx, id, &status), E_NOTFOUND, "not_found");
    tdb_as(t, RV1);
    REFUSED(t, activity_submit(&t->ctx, id, &status), E_FORBIDDEN, "forbidden");
    assert_string_equal(row(t, id).status, "draft");
    tdb_as(t, VM);
    REFUSED(t, activity_submit(&t->ctx, 999999, &status), E_NOTFOUND, "not_found");
    assert_int_equal(activity_submit(&t->ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    assert_string_equal(row(t, id).status, "pending");
    REFUSED(t, activity_submit(&t->ctx, id, &status), E_CONFLICT, "bad_state");
    /* under review: no change, and still not public */
    activity in = {.title = "迎春书法展（改）"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_CONFLICT, "under_review");
    assert_string_equal(row(t, id).title, "迎春书法展开幕式");
    tdb_as(t, NULL);
    REFUSED(t, activity_get(&t->ctx, id, &v), E_NOTFOUND, "not_found");
    review_item it;
    assert_int_equal(store_review_item_by_content(t->ctx.c, t->ctx.a, "activity", id, &it), WY_OK);
    assert_string_equal(it.levels, "county,city");
    assert_string_equal(it.division, "510402001");

    /* rejected: back with its publishers, every field may change, submitted again */
    assert_string_equal(decide(t, "activity", id, RV1, "reject", "日期有误"), "rejected");
    assert_string_equal(row(t, id).status, "rejected");
    tdb_as(t, NULL);
    REFUSED(t, activity_get(&t->ctx, id, &v), E_NOTFOUND, "not_found");
    tdb_as(t, VM);
    in = (activity){.title = "迎春书法展", .category = "exhibition", .max_companions = 1};
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_TITLE | AF_CATEGORY | AF_MAX_COMPANIONS),
                     0);
    activity got = row(t, id);
    assert_string_equal(got.status, "rejected");
    assert_string_equal(got.title, "迎春书法展");
    assert_string_equal(got.category, "exhibition");
    assert_int_equal(got.max_companions, 1);
    assert_int_equal(activity_submit(&t->ctx, id, &status), 0);
    assert_string_equal(status, "pending");
    /* the district approves, then the city: published */
    assert_string_equal(decide(t, "activity", id, RV1, "approve", NULL), "pending");
    assert_string_equal(row(t, id).status, "pending");
    assert_string_equal(decide(t, "activity", id, RV2, "approve", NULL), "published");
    assert_string_equal(row(t, id).status, "published");
    /* public now: the detail, its sessions, the search */
    for (size_t i = 0; i < 3; i++) {
        tdb_as(t, hidden[i]);
        assert_int_equal(activity_get(&t->ctx, id, &v), 0);
        assert_string_equal(v.a.title, "迎春书法展");
        assert_int_equal(activity_sessions_list(&t->ctx, id, 0, 0, NULL, 10, &ss, &n, &next), 0);
        assert_int_equal(n, 1);
        q.q = "迎春书法展";
        assert_int_equal(activity_search(&t->ctx, &q, &vs, &n, &next), 0);
        assert_int_equal(n, 1);
        assert_int_equal(vs[0].a.id, id);
    }
    /* published: not submitted again; known to everyone, so another district is refused */
    tdb_as(t, VM);
    REFUSED(t, activity_submit(&t->ctx, id, &status), E_CONFLICT, "bad_state");
    tdb_as(t, WEST);
    REFUSED(t, activity_submit(&t->ctx, id, &status), E_FORBIDDEN, "forbidden");

    /* with an empty chain for the district, a submission publishes at once */
    tdb_as(t, CITY);
    assert_int_equal(review_chain_set(&t->ctx, "activity", "510402", ""), 0);
    int64_t id2 = draft(t, "元宵灯谜会", 2 * DAY, 10, NULL);
    tdb_as(t, VM);
    assert_int_equal(activity_submit(&t->ctx, id2, &status), 0);
    assert_string_equal(status, "published");
    assert_string_equal(row(t, id2).status, "published");
    tdb_close(t);
}

/* ---- changes ---- */

/* A draft changes any field, named in the set only, under the rules of creation; who may. */
static void test_update_draft(void **state)
{
    (void)state;
    tdb *t = open_with_west();
    int64_t id = draft(t, "社区舞蹈培训", DAY, 10, NULL);
    activity in = base();
    in.title = "社区舞蹈培训（第二期）";
    in.organiser = "另一个主办方";
    in.max_companions = 5;
    tdb_as(t, VM);
    REFUSED(t, activity_update(&t->ctx, id, &in, 0), E_INVALID, "nothing_to_change");
    REFUSED(t, activity_update(&t->ctx, 999999, &in, AF_TITLE), E_NOTFOUND, "not_found");
    /* only the fields named change */
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_TITLE), 0);
    activity got = row(t, id);
    assert_string_equal(got.title, "社区舞蹈培训（第二期）");
    assert_string_equal(got.organiser, "大渡口街道文化站");
    assert_int_equal(got.max_companions, 2);
    assert_string_equal(got.status, "draft");
    audit_entry e = last_audit(t, "activity", id);
    assert_string_equal(e.action, "activity.update");
    assert_string_equal(e.reason, "title");
    in = (activity){.organiser = NULL, .live_url = "https://live.example.org/2", .waitlist = 0};
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_ORGANISER | AF_LIVE_URL | AF_WAITLIST),
                     0);
    got = row(t, id);
    assert_null(got.organiser);
    assert_string_equal(got.live_url, "https://live.example.org/2");
    assert_int_equal(got.waitlist, 0);
    assert_string_equal(last_audit(t, "activity", id).reason, "organiser, live_url, waitlist");

    /* the rules of creation, on the result */
    in = (activity){.title = ""};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_INVALID, "bad_title");
    in = (activity){.category = "timed_entry"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_CATEGORY), E_INVALID, "bad_category");
    in = (activity){.replay_url = "file:///etc/passwd"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_REPLAY_URL), E_INVALID, "bad_url");
    in = (activity){.max_companions = 11};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_MAX_COMPANIONS), E_INVALID, "bad_companions");
    in = (activity){.audience = rep(t, "人", 201)};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_AUDIENCE), E_INVALID, "bad_text");
    in = (activity){.division = "5104x"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_DIVISION), E_INVALID, "bad_division");
    got = row(t, id);
    assert_string_equal(got.title, "社区舞蹈培训（第二期）");
    assert_string_equal(got.category, "performance");
    assert_null(got.replay_url);
    assert_int_equal(got.max_companions, 2);
    assert_string_equal(got.division, "510402001");

    /* another division: the venue manager may not move it out of his street; the district
     * admin may, within the district, and not to a division that does not exist */
    in = (activity){.division = "510402002"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_DIVISION), E_FORBIDDEN, "forbidden");
    tdb_as(t, DA);
    in.division = "510403";
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_DIVISION), E_FORBIDDEN, "forbidden");
    in.division = "510402999";
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_DIVISION), E_INVALID, "unknown_reference");
    in.division = "510402002000";
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_DIVISION), 0);
    assert_string_equal(row(t, id).division, "510402002");
    /* ... and now the venue manager no longer knows of it */
    tdb_as(t, VM);
    in = (activity){.title = "抢回来"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_NOTFOUND, "not_found");
    tdb_as(t, DA);
    in.division = "510402001";
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_DIVISION), 0);

    /* who may change a draft: a citizen or another district does not see it (404); the
     * district's reviewer sees it but may not change it (403) */
    in = (activity){.title = "改标题"};
    tdb_as(t, CITIZEN);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_NOTFOUND, "not_found");
    tdb_as(t, WEST);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_NOTFOUND, "not_found");
    tdb_as(t, NULL);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_NOTFOUND, "not_found");
    tdb_as(t, RV1);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_FORBIDDEN, "forbidden");
    assert_string_equal(row(t, id).title, "社区舞蹈培训（第二期）");
    tdb_as(t, CITY);
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_TITLE), 0);
    assert_string_equal(row(t, id).title, "改标题");

    /* a cancelled activity does not change */
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "cancelled", t->ctx.now), WY_OK);
    tdb_as(t, VM);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_TITLE), E_CONFLICT, "bad_state");
    tdb_close(t);
}

/* Moving a draft to another venue checks the new venue like creation does, and the place
 * it took from its venue moves with it; a place of its own stays. */
static void test_update_venue(void **state)
{
    (void)state;
    tdb *t = open_with_west();
    venue lib, cc, west;
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-lib-city", &lib), WY_OK);
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-cc-city", &cc), WY_OK);
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-lib-xq", &west), WY_OK);
    assert_true(lib.lon != cc.lon && lib.lat != cc.lat);
    activity a = base();
    a.venue_id = lib.id;
    activity_session s = sess(t, DAY, 10);
    int64_t id;
    assert_null(create_as(t, DA, a, &s, 1, &id));
    activity got = row(t, id);
    assert_true(got.lon == lib.lon && got.lat == lib.lat);
    activity in = {.venue_id = west.id};
    tdb_as(t, DA);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_VENUE), E_FORBIDDEN, "venue_forbidden");
    in.venue_id = 999999;
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_VENUE), E_INVALID, "unknown_reference");
    got = row(t, id);
    assert_int_equal(got.venue_id, lib.id);
    assert_true(got.lon == lib.lon && got.lat == lib.lat);
    /* to the cultural centre: held there, and found there */
    in.venue_id = cc.id;
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_VENUE), 0);
    got = row(t, id);
    assert_int_equal(got.venue_id, cc.id);
    assert_true(got.lon == cc.lon && got.lat == cc.lat);
    /* a change of other fields leaves the place alone */
    in = (activity){.title = "换了场馆的音乐会"};
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_TITLE), 0);
    got = row(t, id);
    assert_true(got.lon == cc.lon && got.lat == cc.lat);
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "published", t->ctx.now), WY_OK);
    activity_query q = {.division = "510402001",
                        .q = "换了场馆",
                        .has_near = 1,
                        .lon = cc.lon,
                        .lat = cc.lat,
                        .radius_m = 10};
    activity_view *v;
    size_t n;
    const char *next;
    tdb_as(t, NULL);
    assert_int_equal(activity_search(&t->ctx, &q, &v, &n, &next), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].a.id, id);
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "draft", t->ctx.now), WY_OK);
    /* no venue: no place either */
    tdb_as(t, DA);
    in = (activity){.venue_id = 0};
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_VENUE), 0);
    got = row(t, id);
    assert_int_equal(got.venue_id, 0);
    assert_true(isnan(got.lon) && isnan(got.lat));
    /* without a place, a venue gives its own, as at creation */
    in.venue_id = lib.id;
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_VENUE), 0);
    got = row(t, id);
    assert_true(got.lon == lib.lon && got.lat == lib.lat);

    /* an activity with a place of its own keeps it whatever its venue */
    a = base();
    a.venue_id = lib.id;
    a.lon = 101.6;
    a.lat = 26.6;
    assert_null(create_as(t, DA, a, &s, 1, &id));
    tdb_as(t, DA);
    in = (activity){.venue_id = cc.id};
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_VENUE), 0);
    in.venue_id = 0;
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_VENUE), 0);
    got = row(t, id);
    assert_true(fabs(got.lon - 101.6) < 1e-9 && fabs(got.lat - 26.6) < 1e-9);
    tdb_close(t);
}

/* A published activity: the rest is locked; its text and links change through a revision
 * that the public does not see until it is approved; one at a time; a rejection discards. */
static void test_published_revision(void **state)
{
    (void)state;
    tdb *t = open_with_west();
    int64_t id = draft(t, "非遗剪纸体验课", DAY, 10, NULL);
    publish(t, id);
    activity before = row(t, id);
    activity in = {.title = "改名", .division = "510402001"};
    tdb_as(t, VM);
    static const unsigned locked[] = {AF_TITLE,    AF_CATEGORY, AF_ORGANISER, AF_VENUE,
                                      AF_DIVISION, AF_ADDRESS,  AF_WAITLIST,  AF_MAX_COMPANIONS};
    for (size_t i = 0; i < sizeof(locked) / sizeof(*locked); i++)
        REFUSED(t, activity_update(&t->ctx, id, &in, locked[i] | AF_DESCRIPTION), E_CONFLICT,
                "published_locked");
    /* the rules hold for a revision too: nothing kept of a bad one */
    in = (activity){.live_url = "ftp://x"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_LIVE_URL), E_INVALID, "bad_url");
    assert_int_equal(count_of(t, "activity_revisions"), 0);
    /* others: a citizen may not (403: it is public), nor another district */
    in = (activity){.description = "新的介绍",
                    .audience = "亲子家庭",
                    .live_url = "https://live.example.org/9",
                    .replay_url = "https://replay.example.org/9"};
    const unsigned three = AF_DESCRIPTION | AF_LIVE_URL | AF_REPLAY_URL; /* not the audience */
    tdb_as(t, CITIZEN);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_DESCRIPTION), E_FORBIDDEN, "forbidden");
    tdb_as(t, WEST);
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_DESCRIPTION), E_FORBIDDEN, "forbidden");
    assert_int_equal(count_of(t, "activity_revisions"), 0);

    /* its publisher proposes: kept pending, the published version unchanged */
    tdb_as(t, VM);
    assert_int_equal(activity_update(&t->ctx, id, &in, three), 0);
    activity now = row(t, id);
    assert_string_equal(now.description, before.description);
    assert_null(now.live_url);
    assert_null(now.replay_url);
    assert_string_equal(now.status, "published");
    activity_revision r;
    int64_t review_id;
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 1);
    assert_true(review_id > 0);
    assert_int_equal(r.fields, three);
    assert_string_equal(r.description, "新的介绍");
    assert_string_equal(r.live_url, "https://live.example.org/9");
    assert_string_equal(r.replay_url, "https://replay.example.org/9");
    assert_null(r.audience);
    audit_entry e = last_audit(t, "activity", id);
    assert_string_equal(e.action, "activity.revise");
    assert_string_equal(e.reason, "description, live_url, replay_url");
    /* the reviewers see it; the public and other districts do not know of it */
    tdb_as(t, RV1);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 1);
    int64_t where;
    assert_int_equal(activity_revision_where(&t->ctx, r.id, &where), 0);
    assert_int_equal(where, id);
    tdb_as(t, CITIZEN);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 0);
    REFUSED(t, activity_revision_where(&t->ctx, r.id, &where), E_NOTFOUND, "not_found");
    tdb_as(t, WEST);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 0);
    REFUSED(t, activity_revision_where(&t->ctx, r.id, &where), E_NOTFOUND, "not_found");
    /* one at a time */
    tdb_as(t, DA);
    in = (activity){.audience = "全年龄"};
    REFUSED(t, activity_update(&t->ctx, id, &in, AF_AUDIENCE), E_CONFLICT, "revision_pending");
    assert_int_equal(count_of(t, "activity_revisions"), 1);
    /* approved at both levels: applied */
    tdb_as(t, VM);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 1);
    assert_string_equal(decide(t, "activity_revision", r.id, RV1, "approve", NULL), "pending");
    assert_string_equal(row(t, id).description, before.description);
    assert_string_equal(decide(t, "activity_revision", r.id, RV2, "approve", NULL), "published");
    now = row(t, id);
    assert_string_equal(now.description, "新的介绍");
    assert_string_equal(now.live_url, "https://live.example.org/9");
    assert_string_equal(now.replay_url, "https://replay.example.org/9");
    assert_string_equal(now.audience, before.audience);
    assert_string_equal(now.title, before.title);
    e = last_audit(t, "activity", id);
    assert_string_equal(e.action, "activity.revision_apply");
    tdb_as(t, VM);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 0);

    /* the next one, rejected: discarded, the activity as it was; clearing a link is a change */
    in = (activity){.live_url = NULL, .audience = "成人"};
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_LIVE_URL | AF_AUDIENCE), 0);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 1);
    assert_string_equal(decide(t, "activity_revision", r.id, RV1, "reject", "链接不能删"),
                        "rejected");
    now = row(t, id);
    assert_string_equal(now.live_url, "https://live.example.org/9");
    assert_string_equal(now.audience, before.audience);
    assert_string_equal(last_audit(t, "activity", id).action, "activity.revision_discard");
    revision_row gone;
    assert_int_equal(store_revision_get(t->ctx.c, t->ctx.a, r.id, &gone), WY_OK);
    assert_string_equal(gone.status, "rejected");
    /* the same again, approved: the link cleared, the audience changed */
    tdb_as(t, VM);
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_LIVE_URL | AF_AUDIENCE), 0);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 1);
    assert_int_equal(r.fields, AF_LIVE_URL | AF_AUDIENCE);
    assert_string_equal(decide(t, "activity_revision", r.id, RV1, "approve", NULL), "pending");
    assert_string_equal(decide(t, "activity_revision", r.id, RV2, "approve", NULL), "published");
    now = row(t, id);
    assert_null(now.live_url);
    assert_string_equal(now.audience, "成人");
    assert_string_equal(now.replay_url, "https://replay.example.org/9");
    assert_string_equal(now.description, "新的介绍");

    /* an activity no longer published when its revision is approved takes nothing */
    tdb_as(t, VM);
    in = (activity){.description = "取消之后"};
    assert_int_equal(activity_update(&t->ctx, id, &in, AF_DESCRIPTION), 0);
    assert_int_equal(activity_revision_pending(&t->ctx, &now, &r, &review_id), 1);
    assert_string_equal(decide(t, "activity_revision", r.id, RV1, "approve", NULL), "pending");
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "cancelled", t->ctx.now), WY_OK);
    assert_string_equal(decide(t, "activity_revision", r.id, RV2, "approve", NULL), "published");
    assert_string_equal(row(t, id).description, "新的介绍");
    assert_int_equal(store_revision_get(t->ctx.c, t->ctx.a, r.id, &gone), WY_OK);
    assert_string_equal(gone.status, "obsolete");
    assert_string_equal(last_audit(t, "activity", id).action, "activity.revision_discard");
    tdb_close(t);
}

/* ---- sessions: change and cancel ---- */

/* A change of a session: the rules of creation on the result, the capacity not below the
 * seats taken, more seats moving the waiting list up, a new time told to everyone booked. */
static void test_session_change(void **state)
{
    (void)state;
    tdb *t = open_with_west();
    int64_t sid;
    int64_t id = draft(t, "周末亲子阅读", 2 * DAY, 2, &sid);
    publish(t, id);
    int64_t u[4] = {user_of(t, CITIZEN), user_of(t, "18600000011"), user_of(t, "18600000012"),
                    user_of(t, "18600000013")};
    booking_res b[4];
    b[0] = book(t, sid, u[0], 1);
    b[1] = book(t, sid, u[1], 1);
    b[2] = book(t, sid, u[2], 1); /* waiting */
    b[3] = book(t, sid, u[3], 1); /* waiting, second */
    assert_int_equal(b[0].outcome, BOOK_CONFIRMED);
    assert_int_equal(b[1].outcome, BOOK_CONFIRMED);
    assert_int_equal(b[2].outcome, BOOK_WAITLISTED);
    assert_int_equal(b[3].outcome, BOOK_WAITLISTED);
    activity_session s0 = session_row(t, sid), out;

    session_patch p = {0};
    tdb_as(t, VM);
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_INVALID, "nothing_to_change");
    p = (session_patch){.set = SF_ENDS, .v = {.ends_at = s0.starts_at}};
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_INVALID, "bad_session");
    p = (session_patch){.set = SF_STARTS, .v = {.starts_at = s0.ends_at + MIN}};
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_INVALID, "bad_session");
    p = (session_patch){.set = SF_CAPACITY, .v = {.capacity = 100001}};
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_INVALID, "bad_session");
    p = (session_patch){.set = SF_OPENS | SF_CLOSES,
                        .v = {.booking_opens_at = t->ctx.now, .booking_closes_at = t->ctx.now}};
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_INVALID, "bad_session");
    /* the window's other end is what it was: a closing before the present opening refused */
    p = (session_patch){.set = SF_OPENS, .v = {.booking_opens_at = t->ctx.now + HOUR}};
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    p = (session_patch){.set = SF_CLOSES, .v = {.booking_closes_at = t->ctx.now + MIN}};
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_INVALID, "bad_session");
    p = (session_patch){.set = SF_CAPACITY, .v = {.capacity = 1}};
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_CONFLICT, "below_confirmed");
    REFUSED(t, activity_session_change(&t->ctx, 999999, &p, &out), E_NOTFOUND, "not_found");
    /* others may not: a citizen, another district, a reviewer */
    p = (session_patch){.set = SF_CAPACITY, .v = {.capacity = 3}};
    static const char *const others[] = {"13800000006", "13900000007", "13900000003"};
    for (size_t i = 0; i < 3; i++) {
        tdb_as(t, others[i]);
        REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_FORBIDDEN, "forbidden");
    }
    assert_int_equal(session_row(t, sid).capacity, 2);
    /* nothing of the refusals was told */
    for (int i = 0; i < 4; i++)
        assert_int_equal(inbox_of(t, u[i], "session.changed", NULL), 0);

    /* one more seat: the first waiting moves up and is told; no time changed, nobody else */
    tdb_as(t, VM);
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    assert_int_equal(out.capacity, 3);
    assert_int_equal(out.confirmed_seats, 3);
    assert_string_equal(booking_status(t, b[2].id), "confirmed");
    assert_string_equal(booking_status(t, b[3].id), "waitlisted");
    assert_int_equal(inbox_of(t, u[2], "booking.promoted", NULL), 1);
    assert_int_equal(inbox_of(t, u[3], "booking.promoted", NULL), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(inbox_of(t, u[i], "session.changed", NULL), 0);
    audit_entry e = last_audit(t, "session", sid);
    assert_string_equal(e.action, "session.update");
    assert_string_equal(e.reason, "{\"capacity\":{\"from\":2,\"to\":3}}");

    /* a new time: everyone booked, waiting or not, is told the old and the new */
    int64_t ns = s0.starts_at + DAY, ne = s0.ends_at + DAY;
    p = (session_patch){.set = SF_STARTS | SF_ENDS, .v = {.starts_at = ns, .ends_at = ne}};
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    assert_int_equal(out.starts_at, ns);
    assert_int_equal(out.ends_at, ne);
    char was[40], will[40];
    time_format_rfc3339(s0.starts_at, was, sizeof(was), 0);
    time_format_rfc3339(ns, will, sizeof(will), 0);
    for (int i = 0; i < 4; i++) {
        const char *params = NULL;
        assert_int_equal(inbox_of(t, u[i], "session.changed", &params), 1);
        assert_non_null(params);
        assert_non_null(strstr(params, "\"changes\""));
        assert_non_null(strstr(params, was));
        assert_non_null(strstr(params, will));
    }
    /* a change of the window only tells nobody */
    p = (session_patch){.set = SF_DEADLINE, .v = {.cancel_deadline = ns - HOUR}};
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    assert_int_equal(out.cancel_deadline, ns - HOUR);
    for (int i = 0; i < 4; i++)
        assert_int_equal(inbox_of(t, u[i], "session.changed", NULL), 1);
    /* the district admin over it may change it too */
    tdb_as(t, DA);
    p = (session_patch){.set = SF_CAPACITY, .v = {.capacity = 4}};
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    assert_string_equal(booking_status(t, b[3].id), "confirmed");

    /* started: the times stay, the capacity may still change */
    t->ctx.now = ns;
    p = (session_patch){.set = SF_STARTS, .v = {.starts_at = ns + HOUR}};
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_CONFLICT, "started");
    p = (session_patch){.set = SF_CAPACITY, .v = {.capacity = 5}};
    assert_int_equal(activity_session_change(&t->ctx, sid, &p, &out), 0);
    tdb_close(t);
}

/* Cancelling a session: a reason, before the start; its live bookings cancelled, the seats
 * freed, and each person booked told why, in one transaction; not twice. Someone checked in
 * already (check-in opens before the start) keeps the booking and the seat, and is told too. */
static void test_session_cancel(void **state)
{
    (void)state;
    tdb *t = open_with_west();
    int64_t sid;
    int64_t id = draft(t, "社区电影放映", 3 * HOUR, 2, &sid);
    publish(t, id);
    int64_t u[4] = {user_of(t, CITIZEN), user_of(t, "18600000021"), user_of(t, "18600000022"),
                    user_of(t, "18600000023")};
    booking_res b[4];
    for (int i = 0; i < 4; i++)
        b[i] = book(t, sid, u[i], 1);
    assert_int_equal(b[2].outcome, BOOK_WAITLISTED);
    /* the fourth cancels herself before: not told of the session's cancellation */
    tdb_as(t, "18600000023");
    assert_int_equal(booking_cancel(&t->ctx, b[3].id), 0);

    size_t n = 99;
    tdb_as(t, VM);
    REFUSED(t, activity_session_cancel(&t->ctx, sid, NULL, &n), E_INVALID, "bad_reason");
    assert_int_equal(n, 0);
    REFUSED(t, activity_session_cancel(&t->ctx, sid, "", &n), E_INVALID, "bad_reason");
    REFUSED(t, activity_session_cancel(&t->ctx, sid, rep(t, "因", 501), &n), E_INVALID,
            "bad_reason");
    REFUSED(t, activity_session_cancel(&t->ctx, sid, "\xff", &n), E_INVALID, "bad_reason");
    REFUSED(t, activity_session_cancel(&t->ctx, 999999, "场馆检修", &n), E_NOTFOUND, "not_found");
    static const char *const others[] = {"13800000006", "13900000007", "13900000003"};
    for (size_t i = 0; i < 3; i++) {
        tdb_as(t, others[i]);
        REFUSED(t, activity_session_cancel(&t->ctx, sid, "场馆检修", &n), E_FORBIDDEN, "forbidden");
    }
    assert_string_equal(session_row(t, sid).status, "scheduled");
    assert_string_equal(booking_status(t, b[0].id), "confirmed");

    /* half an hour before the start the first is checked in at the door */
    t->ctx.now = session_row(t, sid).starts_at - 30 * MIN;
    tdb_as(t, VM);
    booking in;
    assert_int_equal(booking_checkin(&t->ctx, b[0].code, sid, &in), 0);
    assert_string_equal(booking_status(t, b[0].id), "checked_in");
    const char *reason = rep(t, "因", 500);
    assert_int_equal(activity_session_cancel(&t->ctx, sid, reason, &n), 0);
    assert_int_equal(n, 2);
    activity_session s = session_row(t, sid);
    assert_string_equal(s.status, "cancelled");
    assert_int_equal(s.confirmed_seats, 1);
    assert_string_equal(booking_status(t, b[0].id), "checked_in");
    for (int i = 0; i < 3; i++) {
        if (i > 0)
            assert_string_equal(booking_status(t, b[i].id), "cancelled");
        const char *params = NULL;
        assert_int_equal(inbox_of(t, u[i], "session.cancelled", &params), 1);
        assert_non_null(params);
        assert_non_null(strstr(params, reason));
    }
    assert_int_equal(inbox_of(t, u[3], "session.cancelled", NULL), 0);
    audit_entry e = last_audit(t, "session", sid);
    assert_string_equal(e.action, "session.cancel");
    assert_string_equal(e.from_state, "scheduled");
    assert_string_equal(e.to_state, "cancelled");
    assert_string_equal(e.reason, reason);
    /* not twice, and a cancelled session is not changed either */
    REFUSED(t, activity_session_cancel(&t->ctx, sid, "再来", &n), E_CONFLICT, "cancelled");
    session_patch p = {.set = SF_CAPACITY, .v = {.capacity = 9}};
    activity_session out;
    REFUSED(t, activity_session_change(&t->ctx, sid, &p, &out), E_CONFLICT, "cancelled");
    for (int i = 0; i < 3; i++)
        assert_int_equal(inbox_of(t, u[i], "session.cancelled", NULL), 1);
    /* the activity and its other data are as they were */
    assert_string_equal(row(t, id).status, "published");

    /* from its start on, not cancelled */
    int64_t sid2;
    int64_t id2 = draft(t, "社区电影放映（二）", HOUR, 5, &sid2);
    publish(t, id2);
    booking_res c = book(t, sid2, u[0], 1);
    t->ctx.now = session_row(t, sid2).starts_at;
    tdb_as(t, VM);
    REFUSED(t, activity_session_cancel(&t->ctx, sid2, "太晚了", &n), E_CONFLICT, "started");
    assert_string_equal(booking_status(t, c.id), "confirmed");
    assert_int_equal(inbox_of(t, u[0], "session.cancelled", NULL), 1);
    tdb_close(t);
}

/* ---- the public lists ---- */

typedef struct kv {
    const char *k, *v;
} kv;

static const char *kv_get(void *src, const char *name)
{
    for (const kv *p = src; p->k; p++)
        if (!strcmp(p->k, name))
            return p->v;
    return NULL;
}

/* Read a query from parameters; the refusal's code, or NULL. */
static const char *read_query(tdb *t, kv *params, activity_query *q)
{
    t->ctx.err = (wy_error){0};
    if (activity_query_read(&t->ctx, kv_get, params, q) == 0)
        return NULL;
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    return t->ctx.err.code;
}

static void test_query_read(void **state)
{
    (void)state;
    tdb *t = tdb_open(0);
    activity_query q;
    kv none[] = {{NULL, NULL}};
    assert_null(read_query(t, none, &q));
    assert_false(q.has_near || q.free_seats || q.sort_distance || q.sort_soonest);
    assert_int_equal(q.from, 0);
    kv all[] = {{"division", "510402"},
                {"category", "film"},
                {"q", "电影"},
                {"from", "2027-01-01T00:00:00+08:00"},
                {"to", "2027-02-01T00:00:00Z"},
                {"venue", "7"},
                {"free", "true"},
                {"near", "101.7,26.55"},
                {"radius", "1200"},
                {"sort", "distance"},
                {"cursor", "d5.3"},
                {NULL, NULL}};
    assert_null(read_query(t, all, &q));
    assert_string_equal(q.division, "510402");
    assert_string_equal(q.category, "film");
    assert_string_equal(q.q, "电影");
    int64_t from;
    assert_int_equal(time_parse_rfc3339("2026-12-31T16:00:00Z", &from), 0);
    assert_int_equal(q.from, from);
    assert_int_equal(q.to, from + 31 * DAY + 8 * HOUR);
    assert_int_equal(q.venue_id, 7);
    assert_true(q.free_seats);
    assert_true(q.has_near);
    assert_true(q.lon == 101.7 && q.lat == 26.55);
    assert_true(q.radius_m == 1200);
    assert_true(q.sort_distance);
    assert_string_equal(q.cursor, "d5.3");
    kv near_only[] = {{"near", "101.7,26.55"}, {"free", "0"}, {"sort", "soonest"}, {NULL, NULL}};
    assert_null(read_query(t, near_only, &q));
    assert_true(q.radius_m == ACTIVITY_RADIUS_DEFAULT);
    assert_false(q.free_seats);
    assert_true(q.sort_soonest);
    kv relevance[] = {{"sort", "relevance"}, {"from", ""}, {"venue", ""}, {NULL, NULL}};
    assert_null(read_query(t, relevance, &q));
    assert_false(q.sort_distance || q.sort_soonest);

    static const struct {
        const char *k, *v, *code;
    } bad[] = {{"from", "2027-01-01", "bad_time"}, {"to", "tomorrow", "bad_time"},
               {"venue", "0", "bad_venue"},        {"venue", "-3", "bad_venue"},
               {"venue", "7x", "bad_venue"},       {"near", "101.7", "bad_near"},
               {"near", "101.7;26.5", "bad_near"}, {"near", "east,26.5", "bad_near"},
               {"near", "101.7,", "bad_near"},     {"near", "nan,26.5", "bad_near"},
               {"radius", "1000", "bad_radius"}, /* without near */
               {"sort", "newest", "bad_sort"}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        kv p[] = {{bad[i].k, bad[i].v}, {NULL, NULL}};
        assert_string_equal(read_query(t, p, &q), bad[i].code);
    }
    kv bad_radius[] = {{"near", "101.7,26.5"}, {"radius", "far"}, {NULL, NULL}};
    assert_string_equal(read_query(t, bad_radius, &q), "bad_radius");
    tdb_close(t);
}

/* Publish directly (the review is tested above): an activity of division div at (lon, lat)
 * with sessions at these offsets from now, of capacity cap. */
static int64_t listed(tdb *t, const char *title, const char *category, const char *div, double lon,
                      double lat, int64_t venue_id, const int64_t *in, int nin, int cap)
{
    activity a = base();
    a.title = title;
    a.category = category;
    a.division = div;
    a.lon = lon;
    a.lat = lat;
    a.venue_id = venue_id;
    activity_session s[4];
    for (int i = 0; i < nin; i++)
        s[i] = sess(t, in[i], cap);
    int64_t id;
    assert_null(create_as(t, DA, a, s, (size_t)nin, &id));
    assert_int_equal(store_activity_set_status(t->ctx.c, id, "published", t->ctx.now), WY_OK);
    return id;
}

/* The ids of a search's page, as "1,2,3". */
static const char *ids_of(tdb *t, const activity_view *v, size_t n)
{
    char *out = arena_strdup(t->ctx.a, "");
    for (size_t i = 0; i < n; i++)
        out = arena_sprintf(t->ctx.a, "%s%s%lld", out, *out ? "," : "", (long long)v[i].a.id);
    return out;
}

static const char *search(tdb *t, activity_query q)
{
    activity_view *v;
    size_t n;
    const char *next;
    t->ctx.err = (wy_error){0};
    assert_int_equal(activity_search(&t->ctx, &q, &v, &n, &next), 0);
    return ids_of(t, v, n);
}

static const char *search_refused(tdb *t, activity_query q)
{
    activity_view *v;
    size_t n;
    const char *next;
    t->ctx.err = (wy_error){0};
    assert_int_equal(activity_search(&t->ctx, &q, &v, &n, &next), -1);
    assert_int_equal(t->ctx.err.cls, E_INVALID);
    return t->ctx.err.code;
}

static const char *idlist(tdb *t, int n, ...)
{
    va_list ap;
    va_start(ap, n);
    char *out = arena_strdup(t->ctx.a, "");
    for (int i = 0; i < n; i++)
        out = arena_sprintf(t->ctx.a, "%s%s%lld", out, *out ? "," : "",
                            (long long)va_arg(ap, int64_t));
    va_end(ap);
    return out;
}

/* The search: published only, each filter, the checks, the orders and their cursors. The
 * activities are in 东华街道 (510402010), where the demo has none. */
static void test_search(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    venue lib; /* the centre of the searches by distance */
    assert_int_equal(store_venue_by_external(t->ctx.c, t->ctx.a, "pzh-lib-city", &lib), WY_OK);
    const double lon = lib.lon, lat = lib.lat; /* 0.001 degree of latitude is 110.8 m here */
    int64_t in1[] = {3 * DAY}, in2[] = {DAY, 10 * DAY}, in3[] = {2 * DAY}, in4[] = {5 * DAY};
    int64_t a =
        listed(t, "东华街道合唱比赛", "performance", "510402010", lon, lat + 0.001, 0, in1, 1, 10);
    int64_t b =
        listed(t, "东华街道书法讲座", "lecture", "510402010", lon, lat + 0.02, 0, in2, 2, 1);
    int64_t c = listed(t, "东华街道露天电影", "film", "510402010", lon, lat + 0.1, 0, in3, 1, 10);
    int64_t d =
        listed(t, "东华街道图书馆读书会", "reading", "510402010", NAN, NAN, lib.id, in4, 1, 10);
    int64_t e = listed(t, "东华街道无地点讲座", "lecture", "510402010", NAN, NAN, 0, in4, 1, 10);
    /* a draft and a rejected one of the same street are never found */
    int64_t dr = draft(t, "东华街道草稿", DAY, 10, NULL);
    tdb_as(t, DA);
    activity mv = {.division = "510402010"};
    assert_int_equal(activity_update(&t->ctx, dr, &mv, AF_DIVISION), 0);
    int64_t rj = listed(t, "东华街道被驳回", "film", "510402010", lon, lat, 0, in1, 1, 10);
    assert_int_equal(store_activity_set_status(t->ctx.c, rj, "rejected", t->ctx.now), WY_OK);
    /* the only seat of b's first session is taken */
    activity_session *ss;
    size_t n;
    assert_int_equal(store_activity_sessions(t->ctx.c, t->ctx.a, b, &ss, &n), WY_OK);
    book(t, ss[0].id, user_of(t, CITIZEN), 1);

    tdb_as(t, NULL);
    activity_query q = {.division = "510402010"};
    assert_string_equal(search(t, q), idlist(t, 5, a, b, c, d, e));
    q.division = "510402010000"; /* padded */
    assert_string_equal(search(t, q), idlist(t, 5, a, b, c, d, e));
    /* the city: the street's among the demo's */
    const char *city = search(t, (activity_query){.division = "5104", .limit = 100});
    assert_non_null(strstr(city, idlist(t, 5, a, b, c, d, e)));
    q = (activity_query){.division = "510402010", .category = "lecture"};
    assert_string_equal(search(t, q), idlist(t, 2, b, e));
    q.category = "";
    assert_string_equal(search(t, q), idlist(t, 5, a, b, c, d, e));
    q = (activity_query){.division = "510402010", .venue_id = lib.id};
    assert_string_equal(search(t, q), idlist(t, 1, d));
    /* q: a substring of the title, organiser, description, address or the venue's name */
    q = (activity_query){.division = "510402010", .q = "电影"};
    assert_string_equal(search(t, q), idlist(t, 1, c));
    q.q = "攀枝花市图书馆";
    assert_string_equal(search(t, q), idlist(t, 1, d));
    q.q = "";
    assert_string_equal(search(t, q), idlist(t, 5, a, b, c, d, e));
    /* a time window: a scheduled session starting in [from, to) */
    q = (activity_query){
        .division = "510402010", .from = t->ctx.now + 2 * DAY, .to = t->ctx.now + 4 * DAY};
    assert_string_equal(search(t, q), idlist(t, 2, a, c));
    q = (activity_query){.division = "510402010", .from = t->ctx.now + 6 * DAY};
    assert_string_equal(search(t, q), idlist(t, 1, b));
    /* free seats: b's first session is full, its second is not; in a window, the same one */
    q = (activity_query){.division = "510402010", .free_seats = 1};
    assert_string_equal(search(t, q), idlist(t, 5, a, b, c, d, e));
    q.to = t->ctx.now + 2 * DAY;
    assert_string_equal(search(t, q), "");
    q.to = 0;
    q.from = t->ctx.now + 9 * DAY;
    assert_string_equal(search(t, q), idlist(t, 1, b));
    /* soonest first: b (1 day), c (2), a (3), d and e (5, by id) */
    q = (activity_query){.division = "510402010", .sort_soonest = 1};
    assert_string_equal(search(t, q), idlist(t, 5, b, c, a, d, e));
    /* each carries its coming sessions and the division's name */
    activity_view *v;
    const char *next;
    q = (activity_query){.division = "510402010", .q = "书法讲座"};
    assert_int_equal(activity_search(&t->ctx, &q, &v, &n, &next), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].nsessions, 2);
    assert_int_equal(v[0].sessions_total, 2);
    assert_string_equal(v[0].division_name, "东华街道");
    assert_true(isnan(v[0].distance_m));
    assert_int_equal(v[0].next_start, ss[0].starts_at);
    assert_null(next);

    /* near: within the radius of the activity's place, or its venue's (d, at the library,
     * the centre); nearest first */
    q = (activity_query){
        .division = "510402010", .has_near = 1, .lon = lon, .lat = lat, .radius_m = 5000};
    assert_string_equal(search(t, q), idlist(t, 3, a, b, d));
    q.sort_distance = 1;
    assert_string_equal(search(t, q), idlist(t, 3, d, a, b));
    assert_int_equal(activity_search(&t->ctx, &q, &v, &n, &next), 0);
    assert_true(v[0].distance_m == 0);
    assert_true(fabs(v[1].distance_m - 110.8) < 1.0);
    assert_true(fabs(v[2].distance_m - 2215.9) < 5.0);
    q.radius_m = 200;
    assert_string_equal(search(t, q), idlist(t, 2, d, a));
    q.radius_m = 100;
    assert_string_equal(search(t, q), idlist(t, 1, d));
    q.radius_m = 50000;
    assert_string_equal(search(t, q), idlist(t, 4, d, a, b, c));
    /* the radius is a circle, not the box the store narrows to: 149 m east and 166 m north
     * is inside the box of 200 m, and 223 m away */
    int64_t f = listed(t, "瓜子坪街道角落里的活动", "other", "510402009", lon + 0.0015,
                       lat + 0.0015, 0, in1, 1, 10);
    tdb_as(t, NULL);
    q = (activity_query){
        .division = "510402009", .has_near = 1, .lon = lon, .lat = lat, .radius_m = 200};
    assert_string_equal(search(t, q), "");
    q.sort_distance = 1;
    assert_string_equal(search(t, q), "");
    q.radius_m = 230;
    assert_string_equal(search(t, q), idlist(t, 1, f));
    q.sort_distance = 0;
    assert_string_equal(search(t, q), idlist(t, 1, f));

    /* the checks */
    q = (activity_query){.division = "51040"};
    assert_string_equal(search_refused(t, q), "bad_division");
    q = (activity_query){.category = "concert"};
    assert_string_equal(search_refused(t, q), "bad_category");
    q = (activity_query){.q = rep(t, "字", 101)};
    assert_string_equal(search_refused(t, q), "bad_query");
    q.q = rep(t, "字", 100);
    assert_string_equal(search(t, q), "");
    q = (activity_query){.q = "\xff\xfe"};
    assert_string_equal(search_refused(t, q), "bad_query");
    q = (activity_query){.from = t->ctx.now, .to = t->ctx.now};
    assert_string_equal(search_refused(t, q), "bad_time");
    q = (activity_query){.has_near = 1, .lon = 181, .lat = 26, .radius_m = 10};
    assert_string_equal(search_refused(t, q), "bad_near");
    q = (activity_query){.has_near = 1, .lon = 101, .lat = -91, .radius_m = 10};
    assert_string_equal(search_refused(t, q), "bad_near");
    q = (activity_query){.has_near = 1, .lon = lon, .lat = lat, .radius_m = 0.5};
    assert_string_equal(search_refused(t, q), "bad_radius");
    q.radius_m = ACTIVITY_RADIUS_MAX + 1;
    assert_string_equal(search_refused(t, q), "bad_radius");
    q = (activity_query){.sort_distance = 1};
    assert_string_equal(search_refused(t, q), "bad_sort");
    /* a cursor belongs to its order */
    static const char *const bad_cursors[] = {
        "x", "3x", "r1.2.3", "d5.3", "-1", "", "99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad_cursors) / sizeof(*bad_cursors); i++) {
        q = (activity_query){.division = "510402010", .cursor = bad_cursors[i]};
        if (!*bad_cursors[i]) /* empty: the first page */
            assert_string_equal(search(t, q), idlist(t, 5, a, b, c, d, e));
        else
            assert_string_equal(search_refused(t, q), "bad_cursor");
    }
    q = (activity_query){.division = "510402010", .q = "东华", .cursor = "17"};
    assert_string_equal(search_refused(t, q), "bad_cursor");
    q = (activity_query){.division = "510402010",
                         .has_near = 1,
                         .lon = lon,
                         .lat = lat,
                         .radius_m = 5000,
                         .sort_distance = 1,
                         .cursor = "r1.2.3"};
    assert_string_equal(search_refused(t, q), "bad_cursor");
    tdb_close(t);
}

/* Every order pages through all of its rows, one at a time, none twice. */
static void test_search_pages(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    const double lon = 101.70, lat = 26.55;
    int64_t ids[6];
    for (int i = 0; i < 6; i++) {
        int64_t in[] = {(6 - i) * DAY}; /* the later made, the sooner */
        ids[i] = listed(t, arena_sprintf(t->ctx.a, "东华街道系列活动%d", i), "other", "510402010",
                        lon, lat + 0.001 * (i % 3 + 1), 0, in, 1, 10);
    }
    const char *by_id = idlist(t, 6, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
    const char *by_soon = idlist(t, 6, ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]);
    /* distance: two at each of three distances, ties by id */
    const char *by_mm = idlist(t, 6, ids[0], ids[3], ids[1], ids[4], ids[2], ids[5]);
    const struct {
        activity_query q;
        const char *want;
    } orders[] = {
        {{.division = "510402010"}, by_id},
        {{.division = "510402010", .sort_soonest = 1}, by_soon},
        {{.division = "510402010", .q = "系列活动"}, by_soon},
        {{.division = "510402010",
          .has_near = 1,
          .lon = lon,
          .lat = lat,
          .radius_m = 5000,
          .sort_distance = 1},
         by_mm},
        {{.division = "510402010", .has_near = 1, .lon = lon, .lat = lat, .radius_m = 5000}, by_id},
    };
    tdb_as(t, NULL);
    for (size_t k = 0; k < sizeof(orders) / sizeof(*orders); k++) {
        activity_query q = orders[k].q;
        q.limit = 100;
        assert_string_equal(search(t, q), orders[k].want);
        char *seen = arena_strdup(t->ctx.a, "");
        const char *cursor = NULL;
        int pages = 0;
        q.limit = 1;
        do {
            activity_view *v;
            size_t n;
            const char *next;
            q.cursor = cursor;
            assert_int_equal(activity_search(&t->ctx, &q, &v, &n, &next), 0);
            assert_true(n <= 1);
            if (n)
                seen = arena_sprintf(t->ctx.a, "%s%s%lld", seen, *seen ? "," : "",
                                     (long long)v[0].a.id);
            cursor = next;
            assert_true(++pages <= 7);
        } while (cursor);
        assert_string_equal(seen, orders[k].want);
    }
    tdb_close(t);
}

/* The sessions of an activity, a page at a time, in a window; the feeds' list. */
static void test_sessions_and_feeds(void **state)
{
    (void)state;
    tdb *t = tdb_open(1);
    int64_t in[] = {-3 * DAY, DAY, 2 * DAY, 3 * DAY};
    int64_t id = listed(t, "东华街道系列讲座", "lecture", "510402010", NAN, NAN, 0, in, 4, 10);
    activity_session *all;
    size_t n;
    assert_int_equal(store_activity_sessions(t->ctx.c, t->ctx.a, id, &all, &n), WY_OK);
    assert_int_equal(n, 4);
    tdb_as(t, NULL);
    /* the detail has the coming ones; from another time, those not ended then */
    activity_view v;
    assert_int_equal(activity_get(&t->ctx, id, &v), 0);
    assert_int_equal(v.nsessions, 3);
    assert_int_equal(v.sessions_total, 3);
    assert_int_equal(v.sessions[0].id, all[1].id);
    assert_int_equal(activity_get_from(&t->ctx, id, t->ctx.now - 4 * DAY, &v), 0);
    assert_int_equal(v.nsessions, 4);
    REFUSED(t, activity_get(&t->ctx, 999999, &v), E_NOTFOUND, "not_found");
    /* the list has them all, past too, a page at a time */
    activity_session *ss;
    const char *next;
    assert_int_equal(activity_sessions_list(&t->ctx, id, 0, 0, NULL, 3, &ss, &n, &next), 0);
    assert_int_equal(n, 3);
    assert_int_equal(ss[0].id, all[0].id);
    assert_non_null(next);
    assert_int_equal(activity_sessions_list(&t->ctx, id, 0, 0, next, 3, &ss, &n, &next), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ss[0].id, all[3].id);
    assert_null(next);
    assert_int_equal(activity_sessions_list(&t->ctx, id, all[1].starts_at, all[3].starts_at, "", 0,
                                            &ss, &n, &next),
                     0);
    assert_int_equal(n, 2);
    assert_int_equal(ss[0].id, all[1].id);
    assert_int_equal(ss[1].id, all[2].id);
    assert_null(next);
    REFUSED(t, activity_sessions_list(&t->ctx, id, 5, 5, NULL, 3, &ss, &n, &next), E_INVALID,
            "bad_time");
    static const char *const bad[] = {"12", "1.0", "1.x", "x.1", "1.-2"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
        REFUSED(t, activity_sessions_list(&t->ctx, id, 0, 0, bad[i], 3, &ss, &n, &next), E_INVALID,
                "bad_cursor");
    REFUSED(t, activity_sessions_list(&t->ctx, 999999, 0, 0, NULL, 3, &ss, &n, &next), E_NOTFOUND,
            "not_found");

    /* the feeds: published only, whatever the filter asks */
    int64_t dr = draft(t, "东华街道草稿讲座", DAY, 10, NULL);
    tdb_as(t, DA);
    activity mv = {.division = "510402010"};
    assert_int_equal(activity_update(&t->ctx, dr, &mv, AF_DIVISION), 0);
    activity_filter f = {.prefix = "510402010", .status = "draft", .limit = 50};
    activity_view *vs;
    tdb_as(t, NULL);
    assert_int_equal(activity_list(&t->ctx, &f, &vs, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(vs[0].a.id, id);
    assert_int_equal(vs[0].nsessions, 3);
    f = (activity_filter){.prefix = "510402010", .category = "film", .limit = 50};
    assert_int_equal(activity_list(&t->ctx, &f, &vs, &n), 0);
    assert_int_equal(n, 0);
    f = (activity_filter){.prefix = "510402010", .category = "jazz", .limit = 50};
    REFUSED(t, activity_list(&t->ctx, &f, &vs, &n), E_INVALID, "bad_category");
    f = (activity_filter){.prefix = "5104020100", .limit = 50};
    REFUSED(t, activity_list(&t->ctx, &f, &vs, &n), E_INVALID, "bad_division");
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_fields),
        cmocka_unit_test(test_create_sessions),
        cmocka_unit_test(test_create_scope),
        cmocka_unit_test(test_draft_to_published),
        cmocka_unit_test(test_update_draft),
        cmocka_unit_test(test_update_venue),
        cmocka_unit_test(test_published_revision),
        cmocka_unit_test(test_session_change),
        cmocka_unit_test(test_session_cancel),
        cmocka_unit_test(test_query_read),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_search_pages),
        cmocka_unit_test(test_sessions_and_feeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
