/*
 * store_notify: the in-app inbox (notifications), the outbox of events for webhooks, and the
 * webhooks. store_notify() writes a notification and its outbox row inside the caller's
 * transaction, so the event commits (or not) with the change that causes it. The outbox
 * payload is the exact body a webhook receives, written once, so its signature can be
 * computed over the same bytes on every attempt.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store.h"
#include "db/store_util.h"
#include "util/timeutil.h"

static json_t *time_json(int64_t ms)
{
    char buf[40];
    if (!ms)
        return json_null();
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    return json_string(buf);
}

int store_notify_about(db *c, int64_t session_id, notify_about *ab)
{
    db_stmt *st = db_query(c,
                           "SELECT s.activity_id, a.title, a.division, s.starts_at, s.ends_at"
                           " FROM activity_sessions s JOIN activities a ON a.id = s.activity_id"
                           " WHERE s.id = ?",
                           "i", session_id);
    int s = st ? db_step(st) : WY_ERR;
    if (s == 1) {
        *ab = (notify_about){.session_id = session_id,
                             .activity_id = db_col_int(st, 0),
                             .starts_at = db_col_int(st, 3),
                             .ends_at = db_col_int(st, 4)};
        snprintf(ab->title, sizeof(ab->title), "%s", db_col_text(st, 1));
        snprintf(ab->division, sizeof(ab->division), "%s", db_col_text(st, 2));
    }
    db_done(st);
    return s == 1 ? WY_OK : s == 0 ? WY_NOTFOUND : s;
}

int store_notify(db *c, const notify_event *e, int64_t now, int64_t *id)
{
    if (id)
        *id = 0;
    notify_about read;
    const notify_about *ab = e->about;
    if (!ab || ab->session_id != e->session_id) {
        int r = store_notify_about(c, e->session_id, &read);
        if (r != WY_OK)
            return r;
        ab = &read;
    }
    int64_t activity_id = ab->activity_id, starts = ab->starts_at, ends = ab->ends_at;
    char *title = strdup(ab->title), *division = strdup(ab->division);
    db_stmt *st;
    int s;
    int64_t nid = 0;
    int rc = WY_NOMEM;
    if (!title || !division)
        goto out;
    /* a notification that may not repeat and exists already: nothing more to write */
    st = db_query(c,
                  "INSERT INTO notifications(user_id, kind, booking_id, session_id, activity_id,"
                  " params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT DO NOTHING RETURNING id",
                  "itIiiti", e->user_id, e->kind, e->booking_id, e->session_id, activity_id,
                  e->params, now);
    s = st ? db_step(st) : WY_ERR;
    if (s == 1)
        nid = db_col_int(st, 0);
    db_done(st);
    if (s != 1) {
        rc = s == 0 ? WY_OK : s;
        goto out;
    }
    json_t *params = e->params ? json_loads(e->params, 0, NULL) : NULL;
    json_t *body =
        json_pack("{s:s,s:I,s:o,s:I,s:o,s:{s:I,s:o,s:o},s:{s:I,s:s,s:s},s:o}", "event", e->kind,
                  "notification_id", (json_int_t)nid, "created_at", time_json(now), "user_id",
                  (json_int_t)e->user_id, "booking_id",
                  e->booking_id ? json_integer(e->booking_id) : json_null(), "session", "id",
                  (json_int_t)e->session_id, "starts_at", time_json(starts), "ends_at",
                  time_json(ends), "activity", "id", (json_int_t)activity_id, "title", title,
                  "division", division, "params", params ? params : json_object());
    char *payload = body ? json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(body);
    if (!payload)
        goto out;
    rc = db_run(c,
                "INSERT INTO outbox(kind, division, payload, created_at, next_attempt_at)"
                " VALUES (?, ?, ?, ?, ?)",
                "tttii", e->kind, division, payload, now, now);
    free(payload);
    if (rc == WY_OK && id)
        *id = nid;
out:
    free(title);
    free(division);
    return rc;
}

/* ---- the inbox ---- */

#define NOTE_COLS                                                                                  \
    "n.id, n.user_id, n.kind, coalesce(n.booking_id, 0), coalesce(n.session_id, 0),"               \
    " coalesce(n.activity_id, 0), n.params, n.created_at, coalesce(n.read_at, 0), a.title,"        \
    " coalesce(s.starts_at, 0)"

static void fill_note(arena *a, db_stmt *st, notification *x)
{
    x->id = db_col_int(st, 0);
    x->user_id = db_col_int(st, 1);
    x->kind = col_str(a, st, 2);
    x->booking_id = db_col_int(st, 3);
    x->session_id = db_col_int(st, 4);
    x->activity_id = db_col_int(st, 5);
    x->params = col_str(a, st, 6);
    x->created_at = db_col_int(st, 7);
    x->read_at = db_col_int(st, 8);
    x->activity_title = col_str(a, st, 9);
    x->starts_at = db_col_int(st, 10);
}

int store_notifications_of(db *c, arena *ar, int64_t user_id, int64_t before, int limit,
                           notification **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " NOTE_COLS " FROM notifications n"
                           " LEFT JOIN activities a ON a.id = n.activity_id"
                           " LEFT JOIN activity_sessions s ON s.id = n.session_id"
                           " WHERE n.user_id = ? AND (? = 0 OR n.id < ?)"
                           " ORDER BY n.id DESC LIMIT ?",
                           "iiii", user_id, before, before, (int64_t)(limit > 0 ? limit : 20));
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, notification, fill_note, out, n);
}

int store_notifications_unread(db *c, int64_t user_id, int64_t *count)
{
    db_stmt *st = db_query(c,
                           "SELECT count(*) FROM notifications WHERE user_id = ?"
                           " AND read_at IS NULL",
                           "i", user_id);
    int s = st ? db_step(st) : WY_ERR;
    *count = s == 1 ? db_col_int(st, 0) : 0;
    db_done(st);
    return s == 1 ? WY_OK : s == 0 ? WY_ERR : s;
}

int store_notification_mark_read(db *c, int64_t user_id, int64_t id, int64_t now, int64_t *changed)
{
    int rc = db_run(c,
                    "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL"
                    " AND (? = 0 OR id = ?)",
                    "iiii", now, user_id, id, id);
    if (changed)
        *changed = rc == WY_OK ? db_changes(c) : 0;
    return rc;
}

/* ---- the outbox ---- */

static void fill_outbox(arena *a, db_stmt *st, outbox_row *o)
{
    o->id = db_col_int(st, 0);
    o->kind = col_str(a, st, 1);
    o->division = col_str(a, st, 2);
    o->payload = col_str(a, st, 3);
    o->attempts = (int)db_col_int(st, 4);
    o->next_attempt_at = db_col_int(st, 5);
    o->created_at = db_col_int(st, 6);
}

int store_outbox_claim(db *c, arena *ar, int64_t now, int64_t lease_until, int limit,
                       outbox_row **out, size_t *n)
{
    *n = 0;
    /* most calls find nothing due: a read says so without taking the write lock */
    db_stmt *any = db_query(c,
                            "SELECT 1 FROM outbox WHERE delivered_at IS NULL"
                            " AND next_attempt_at <= ? LIMIT 1",
                            "i", now);
    int found = any ? db_step(any) : WY_ERR;
    db_done(any);
    if (found <= 0)
        return found == 0 ? WY_OK : found;
    int rc = db_begin_write(c);
    if (rc != WY_OK)
        return rc;
    outbox_row *due;
    size_t nd;
    db_stmt *st = db_query(c,
                           "SELECT id, kind, division, payload, attempts, next_attempt_at,"
                           " created_at FROM outbox WHERE delivered_at IS NULL"
                           " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                           "ii", now, (int64_t)limit);
    rc = st ? STORE_COLLECT(ar, st, outbox_row, fill_outbox, &due, &nd) : WY_ERR;
    size_t k = 0;
    /* a lease: another app server's delivery thread skips what this one took */
    for (size_t i = 0; rc == WY_OK && i < nd; i++) {
        rc = db_run(c,
                    "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ?"
                    " AND delivered_at IS NULL",
                    "iii", lease_until, due[i].id, due[i].next_attempt_at);
        if (rc == WY_OK && db_changes(c) == 1)
            due[k++] = due[i];
    }
    if (rc == WY_OK)
        rc = db_commit(c);
    if (rc != WY_OK) {
        db_rollback(c);
        return rc;
    }
    *out = due;
    *n = k;
    return WY_OK;
}

int store_outbox_result(db *c, int64_t id, int64_t now, const char *error, int64_t retry_at)
{
    if (!error)
        return db_run(c,
                      "UPDATE outbox SET attempts = attempts + 1, delivered_at = ?,"
                      " last_error = NULL WHERE id = ?",
                      "ii", now, id);
    return db_run(c,
                  "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                  " last_error = ? WHERE id = ?",
                  "Iti", retry_at, error, id);
}

int store_outbox_release(db *c, int64_t id, int64_t at)
{
    return db_run(c, "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL",
                  "ii", at, id);
}

int store_outbox_get(db *c, arena *ar, int64_t id, outbox_row *out, int64_t *delivered_at,
                     const char **last_error)
{
    db_stmt *st = db_query(c,
                           "SELECT id, kind, division, payload, attempts,"
                           " coalesce(next_attempt_at, 0), created_at, coalesce(delivered_at, 0),"
                           " last_error FROM outbox WHERE id = ?",
                           "i", id);
    int s = st ? db_step(st) : WY_ERR;
    if (s == 1) {
        fill_outbox(ar, st, out);
        *delivered_at = db_col_int(st, 7);
        *last_error = col_str(ar, st, 8);
    }
    db_done(st);
    if (arena_failed(ar))
        return WY_NOMEM;
    return s == 1 ? WY_OK : s == 0 ? WY_NOTFOUND : s;
}

int store_webhook_delivered(db *c, int64_t outbox_id, int64_t webhook_id, int64_t now)
{
    return db_run(c,
                  "INSERT INTO webhook_deliveries(outbox_id, webhook_id, delivered_at)"
                  " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                  "iii", outbox_id, webhook_id, now);
}

int store_webhook_was_delivered(db *c, int64_t outbox_id, int64_t webhook_id, int *yes)
{
    db_stmt *st = db_query(c,
                           "SELECT 1 FROM webhook_deliveries WHERE outbox_id = ?"
                           " AND webhook_id = ?",
                           "ii", outbox_id, webhook_id);
    int s = st ? db_step(st) : WY_ERR;
    db_done(st);
    *yes = s == 1;
    return s < 0 ? s : WY_OK;
}

/* ---- webhooks ---- */

#define HOOK_COLS "id, url, secret, division, kinds, active, created_by, created_at"

static void fill_hook(arena *a, db_stmt *st, webhook *w)
{
    w->id = db_col_int(st, 0);
    w->url = col_str(a, st, 1);
    w->secret = col_str(a, st, 2);
    w->division = col_str(a, st, 3);
    w->kinds = col_str(a, st, 4);
    w->active = (int)db_col_int(st, 5);
    w->created_by = db_col_int(st, 6);
    w->created_at = db_col_int(st, 7);
}

int store_webhook_create(db *c, const webhook *w, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO webhooks(url, secret, division, kinds, active, created_by,"
                 " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "ttttiii", w->url, w->secret, w->division, w->kinds, (int64_t)w->active,
                 w->created_by, now),
        id);
}

int store_webhook_get(db *c, arena *ar, int64_t id, webhook *out)
{
    db_stmt *st = db_query(c, "SELECT " HOOK_COLS " FROM webhooks WHERE id = ?", "i", id);
    return STORE_ONE(ar, st, fill_hook, out);
}

int store_webhook_delete(db *c, int64_t id)
{
    int rc = db_run(c, "DELETE FROM webhooks WHERE id = ?", "i", id);
    return rc == WY_OK && db_changes(c) == 0 ? WY_NOTFOUND : rc;
}

int store_webhook_list(db *c, arena *ar, const char *prefix, int active_only, webhook **out,
                       size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " HOOK_COLS " FROM webhooks"
                           " WHERE (? = '' OR (division >= ? AND division < ?))"
                           " AND (? = 0 OR active = 1) ORDER BY id LIMIT 1000",
                           "ttti", prefix ? prefix : "", prefix ? prefix : "",
                           prefix_end(ar, prefix), (int64_t)active_only);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(ar, st, webhook, fill_hook, out, n);
}
