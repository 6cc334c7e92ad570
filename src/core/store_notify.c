/*
 * store_notify: the in-app inbox (notifications), the outbox of events for webhooks, and the
 * webhooks. store_notify() writes a notification and its outbox row inside the caller's
 * transaction, so the event commits (or not) with the change that causes it. The outbox
 * payload is the exact body a webhook receives, written once, so its signature can be
 * computed over the same bytes on every attempt. Nothing here reads a module's tables: a
 * notification carries the snapshot of its subject that its module gave (notify_msg).
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

static json_t *text_json(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The webhook body: what every event says, then the subject described generically or, when
 * the kind's module gives its own description (extra), by that. */
static char *webhook_body(const notify_msg *m, int64_t nid, int64_t now)
{
    json_t *params = m->params ? json_loads(m->params, 0, NULL) : NULL;
    json_t *body = json_pack("{s:s,s:I,s:o,s:I,s:o}", "event", m->kind->name, "notification_id",
                             (json_int_t)nid, "created_at", time_json(now), "user_id",
                             (json_int_t)m->user_id, "params", params ? params : json_object());
    int bad = !body;
    json_t *extra = m->extra_text ? json_loads(m->extra_text, 0, NULL) : m->extra;
    if (!bad && m->extra_text && !extra)
        bad = 1;
    else if (!bad && extra)
        bad = json_object_update(body, extra) < 0;
    else if (!bad)
        bad = json_object_set_new(body, "division", json_string(m->division)) < 0 ||
              json_object_set_new(body, "subject",
                                  json_pack("{s:s,s:I}", "type", m->subject_type, "id",
                                            (json_int_t)m->subject_id)) < 0 ||
              json_object_set_new(body, "title", text_json(m->title)) < 0 ||
              json_object_set_new(body, "href", text_json(m->href)) < 0 ||
              json_object_set_new(body, "at", time_json(m->at)) < 0;
    char *payload = bad ? NULL : json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(body);
    if (m->extra_text)
        json_decref(extra);
    return payload;
}

int store_notify(db *c, const notify_msg *m, int64_t now, int64_t *id)
{
    if (id)
        *id = 0;
    char *dumped =
        m->extra && !m->extra_text ? json_dumps(m->extra, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    if (m->extra && !m->extra_text && !dumped)
        return WY_NOMEM;
    const char *extra = m->extra_text ? m->extra_text : dumped;
    /* a notification that may not repeat and exists already: nothing more to write (the
     * unique index notifications_once says so, whoever wrote the first) */
    db_stmt *st = db_query(c,
                           "INSERT INTO notifications(user_id, kind, subject_type, subject_id,"
                           " title, href, at, division, params, extra, once, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT DO NOTHING RETURNING id",
                           "ittittItttii", m->user_id, m->kind->name, m->subject_type,
                           m->subject_id, m->title, m->href, m->at, m->division, m->params, extra,
                           (int64_t)!m->kind->repeats, now);
    free(dumped);
    int s = st ? db_step(st) : WY_ERR;
    int64_t nid = s == 1 ? db_col_int(st, 0) : 0;
    db_done(st);
    if (s != 1)
        return s == 0 ? WY_OK : s;
    /* the outbox is for webhooks: with none active, nobody would read the event (a webhook
     * added later gets the events that follow it) */
    int64_t hooks = 0;
    db_stmt *w = db_query(c,
                          "SELECT count(*) FROM (SELECT 1 FROM webhooks WHERE active = 1"
                          " LIMIT 1) x",
                          "");
    s = w ? db_step(w) : WY_ERR;
    hooks = s == 1 ? db_col_int(w, 0) : 0;
    db_done(w);
    if (s != 1)
        return s == 0 ? WY_ERR : s;
    if (!hooks) {
        if (id)
            *id = nid;
        return WY_OK;
    }
    char *payload = webhook_body(m, nid, now);
    if (!payload)
        return WY_NOMEM;
    int rc = db_run(c,
                    "INSERT INTO outbox(kind, division, payload, created_at, next_attempt_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    "tttii", m->kind->name, m->division, payload, now, now);
    free(payload);
    if (rc == WY_OK && id)
        *id = nid;
    return rc;
}

/* ---- the inbox ---- */

#define NOTE_COLS                                                                                  \
    "id, user_id, kind, subject_type, subject_id, title, href, coalesce(at, 0), division,"         \
    " params, extra, created_at, coalesce(read_at, 0)"

static void fill_note(arena *a, db_stmt *st, notification *x)
{
    x->id = db_col_int(st, 0);
    x->user_id = db_col_int(st, 1);
    x->kind = col_str(a, st, 2);
    x->subject_type = col_str(a, st, 3);
    x->subject_id = db_col_int(st, 4);
    x->title = col_str(a, st, 5);
    x->href = col_str(a, st, 6);
    x->at = db_col_int(st, 7);
    x->division = col_str(a, st, 8);
    x->params = col_str(a, st, 9);
    x->extra = col_str(a, st, 10);
    x->created_at = db_col_int(st, 11);
    x->read_at = db_col_int(st, 12);
}

int store_notifications_of(db *c, arena *ar, int64_t user_id, int64_t before, int limit,
                           notification **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " NOTE_COLS " FROM notifications"
                           " WHERE user_id = ? AND (? = 0 OR id < ?)"
                           " ORDER BY id DESC LIMIT ?",
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
