/*
 * sql/0023_notifications_generic.sql on a database that has notifications in the form before
 * it (booking_id, session_id, activity_id; the space bookings' decisions beside them): every
 * row keeps what it said, now about its subject with a snapshot (title, page, time, division)
 * and the activities' rows with their webhook body's parts; what may not repeat still does
 * not (a confirmation written before the migration counts), what may, may; the reminder job
 * sees the reminders sent before. On both backends.
 */
#include <jansson.h>

#include "testlib.h"

#include "db/migrate.h"
#include "mod/activities/activity_store.h"
#include "mod/activities/handlers.h"

#define DAY   ((int64_t)24 * 3600 * 1000)
#define NOW   ((int64_t)1795334740000) /* 2026-11-22T16:05:40+08:00 */
#define START (NOW + 2 * DAY)

static void run(db *d, const char *sql)
{
    if (db_exec(d, sql) != WY_OK)
        fail_msg("%s: %s", sql, db_errmsg(d));
}

/* A test database with the migrations before 0023 applied, and nothing else. */
static tdb *open_before(void)
{
    tdb *t = tdb_open_before("0023");
    t->ctx.now = NOW;
    return t;
}

static void test_backfill(void **state)
{
    (void)state;
    tdb *t = open_before();
    db *d = t->ctx.c;
    /* an activity with a session and two bookings, a space with a booking, and what they
     * were told in the old form */
    run(d, "INSERT INTO divisions(code, name, level, parent) VALUES ('51', '四川省', 1, NULL),"
           " ('5104', '攀枝花市', 2, '51'), ('510402', '东区', 3, '5104'),"
           " ('510402001', '东华街道', 4, '510402')");
    run(d, "INSERT INTO users(id, phone, name, password_hash, division, created_at, updated_at)"
           " VALUES (1001, '13800001001', '读者', 'x', '510402001', 0, 0),"
           " (1002, '13800001002', '主办', 'x', '510402', 0, 0)");
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "INSERT INTO activities(id, title, category, division, status, created_by, created_at,"
             " updated_at) VALUES (1001, '社区读书会', 'reading', '510402001', 'published', 1002,"
             " 0, 0);"
             " INSERT INTO activity_sessions(id, activity_id, starts_at, ends_at, capacity)"
             " VALUES (1001, 1001, %lld, %lld, 10);"
             " INSERT INTO bookings(id, session_id, user_id, status, seats, code, created_at,"
             " updated_at) VALUES (1001, 1001, 1001, 'confirmed', 1, 'c1001', 0, 0)",
             (long long)START, (long long)(START + 2 * 3600 * 1000));
    run(d, sql);
    snprintf(sql, sizeof(sql),
             "INSERT INTO spaces(id, division, kind, name, created_at, updated_at)"
             " VALUES (1001, '510402001', 'street_station', '滨江街头文化站', 0, 0);"
             " INSERT INTO space_bookings(id, space_id, user_id, group_name, contact, title,"
             " performers, starts_at, ends_at, status, created_at, updated_at) VALUES (1001, 1001,"
             " 1001, '舞团', '13800001001', '街舞展演', 5, %lld, %lld, 'approved', 0, 0)",
             (long long)START, (long long)(START + 3600 * 1000));
    run(d, sql);
    run(d, "INSERT INTO notifications(id, user_id, kind, booking_id, session_id, activity_id,"
           " params, created_at) VALUES"
           " (901, 1001, 'booking.confirmed', 1001, 1001, 1001, NULL, 1),"
           " (902, 1001, 'session.changed', 1001, 1001, 1001, '{\"changes\":{}}', 2),"
           " (903, 1001, 'session.changed', 1001, 1001, 1001, '{\"changes\":{}}', 3),"
           " (904, 1001, 'session.reminder', 1001, 1001, 1001, NULL, 4)");
    run(d, "INSERT INTO notifications(id, user_id, kind, params, created_at) VALUES"
           " (905, 1001, 'space_booking.approved', '{\"occurrences\":1,\"series_id\":null,"
           "\"space\":\"滨江街头文化站\",\"space_booking_id\":1001,\"space_id\":1001,"
           "\"title\":\"街舞展演\"}', 5)");
    run(d, "UPDATE notifications SET read_at = 9 WHERE id = 901");
    char err[256];
    assert_int_equal(store_migrate(t->st, err, sizeof(err)), WY_OK);

    notification *ns;
    size_t n;
    assert_int_equal(store_notifications_of(d, t->ctx.a, 1001, 0, 100, &ns, &n), WY_OK);
    assert_int_equal(n, 5);
    char starts[40], ends[40];
    time_format_rfc3339(START, starts, sizeof(starts), 0);
    time_format_rfc3339(START + 2 * 3600 * 1000, ends, sizeof(ends), 0);
    for (size_t i = 1; i < 5; i++) { /* 904 ... 901 */
        const notification *x = &ns[i];
        assert_int_equal(x->id, 905 - (int64_t)i);
        assert_string_equal(x->subject_type, "booking");
        assert_int_equal(x->subject_id, 1001);
        assert_string_equal(x->title, "社区读书会");
        assert_string_equal(x->href, "/activities/1001");
        assert_int_equal(x->at, START);
        assert_string_equal(x->division, "510402001");
        assert_int_equal(x->created_at, 5 - (int64_t)i);
        /* the webhook body's parts, as the code makes them */
        json_t *extra = json_loads(x->extra, 0, NULL),
               *want = json_pack("{s:{s:i,s:s,s:s},s:i,s:{s:i,s:s,s:s}}", "activity", "id", 1001,
                                 "title", "社区读书会", "division", "510402001", "booking_id", 1001,
                                 "session", "id", 1001, "starts_at", starts, "ends_at", ends);
        assert_non_null(extra);
        if (!json_equal(extra, want))
            fail_msg("extra of %lld: %s", (long long)x->id, x->extra);
        json_decref(extra);
        json_decref(want);
        /* and the inbox's JSON of the activities' kinds reads them */
        json_t *item = json_object();
        api_booking_note_json(x, item);
        assert_int_equal(json_integer_value(json_object_get(item, "booking_id")), 1001);
        assert_int_equal(json_integer_value(json_object_get(item, "session_id")), 1001);
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(item, "activity"), "id")), 1001);
        assert_string_equal(json_string_value(json_object_get(item, "starts_at")), starts);
        json_decref(item);
    }
    assert_string_equal(ns[3].params, "{\"changes\":{}}");
    assert_null(ns[4].params);
    assert_int_equal(ns[4].read_at, 9);
    assert_int_equal(ns[3].read_at, 0);
    /* the space booking's decision */
    assert_int_equal(ns[0].id, 905);
    assert_string_equal(ns[0].kind, "space_booking.approved");
    assert_string_equal(ns[0].subject_type, "space_booking");
    assert_int_equal(ns[0].subject_id, 1001);
    assert_string_equal(ns[0].title, "街舞展演");
    assert_string_equal(ns[0].href, "/me/space-bookings");
    assert_int_equal(ns[0].at, START);
    assert_string_equal(ns[0].division, "510402001");
    json_t *extra = json_loads(ns[0].extra, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(extra, "division")), "510402001");
    assert_int_equal(json_object_size(extra), 1);
    json_decref(extra);

    /* once: the confirmation and the reminder written before count; a change may come again */
    booking_about ab = {0};
    assert_int_equal(store_booking_about(d, 1001, &ab), WY_OK);
    int64_t id = -1;
    assert_int_equal(
        store_booking_notify(d, &booking_kind_confirmed, &ab, 1001, 1001, NULL, NOW, &id), WY_OK);
    assert_int_equal(id, 0);
    assert_int_equal(
        store_booking_notify(d, &booking_kind_reminder, &ab, 1001, 1001, NULL, NOW, &id), WY_OK);
    assert_int_equal(id, 0);
    assert_int_equal(store_booking_notify(d, &booking_kind_changed, &ab, 1001, 1001,
                                          "{\"changes\":{}}", NOW, &id),
                     WY_OK);
    assert_true(id > 0);
    booking_about_release(&ab);
    /* the reminder job does not remind the booking again */
    booking *due;
    assert_int_equal(store_reminders_due(d, t->ctx.a, NOW, NOW + 3 * DAY, 100, &due, &n), WY_OK);
    assert_int_equal(n, 0);
    run(d, "DELETE FROM notifications WHERE kind = 'session.reminder'");
    assert_int_equal(store_reminders_due(d, t->ctx.a, NOW, NOW + 3 * DAY, 100, &due, &n), WY_OK);
    assert_int_equal(n, 1);
    tdb_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backfill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
