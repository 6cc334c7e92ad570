/* activity: see activity.h. */
#include "domain/activity.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/authz.h"
#include "domain/division.h"
#include "domain/notify.h"
#include "domain/review.h"
#include "util/csvread.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

const char *const activity_categories[] = {
    "performance", "exhibition", "lecture", "reading",     "film", "training",
    "festival",    "heritage",   "other",   "timed_entry", NULL,
};

static int known_category(const char *c)
{
    for (int i = 0; c && activity_categories[i]; i++)
        if (!strcmp(activity_categories[i], c))
            return 1;
    return 0;
}

static int on_review_status(wy_ctx *ctx, int64_t id, const char *status)
{
    int rc = store_activity_set_status(ctx->c, id, status, ctx->now);
    return rc == WY_OK ? 0 : fail_store(ctx, rc, "activity status");
}

static const review_type activity_type = {"activity", on_review_status};

void activity_init(void)
{
    review_register_type(&activity_type);
}

int activity_managed_by(const principal *who, const activity *a)
{
    return authz_allows(who, PERM_PUBLISH, a->division);
}

static int text_ok(const char *s, size_t max)
{
    return !s || (utf8_valid(s, strlen(s)) && utf8_length(s) <= max);
}

static int url_ok(const char *u)
{
    return !u || !strncmp(u, "https://", 8) || !strncmp(u, "http://", 7);
}

/* The rules every activity's fields keep, at creation and on each change; the division
 * normalised into div. */
static int check_fields(wy_ctx *ctx, const activity *a, char div[DIVISION_CODE_MAX])
{
    if (!a->title || !*a->title || !text_ok(a->title, 100))
        return fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.", "title");
    if (!known_category(a->category))
        return fail_field(ctx, E_INVALID, "bad_category", "No such activity category.", "category");
    if (!strcmp(a->category, "timed_entry")) /* made by a venue's timed entry (timed_entry.c) */
        return fail_field(ctx, E_INVALID, "bad_category",
                          "Timed entry is set on the venue, not created as an activity.",
                          "category");
    if (!a->division || division_normalize(a->division, div) < 0)
        return fail_field(ctx, E_INVALID, "bad_division",
                          "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!text_ok(a->description, 20000) || !text_ok(a->organiser, 100) ||
        !text_ok(a->address, 200) || !text_ok(a->audience, 200))
        return fail(ctx, E_INVALID, "bad_text", "A text field is too long or not UTF-8.");
    if (!url_ok(a->live_url) || !url_ok(a->replay_url))
        return fail_field(ctx, E_INVALID, "bad_url", "Links are web addresses (http or https).",
                          "live_url");
    if (a->max_companions < 0 || a->max_companions > 10)
        return fail_field(ctx, E_INVALID, "bad_companions", "Companions are 0 to 10 a booking.",
                          "max_companions");
    return 0;
}

int activity_create(wy_ctx *ctx, activity *a, const activity_session *s, size_t ns, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (check_fields(ctx, a, div) < 0)
        return -1;
    if (ns == 0 || ns > 100)
        return fail_field(ctx, E_INVALID, "bad_sessions", "An activity has 1 to 100 sessions.",
                          "sessions");
    for (size_t i = 0; i < ns; i++)
        if (s[i].ends_at <= s[i].starts_at || s[i].capacity < 1 || s[i].capacity > 100000 ||
            (s[i].booking_opens_at && s[i].booking_closes_at &&
             s[i].booking_closes_at <= s[i].booking_opens_at))
            return fail_field(ctx, E_INVALID, "bad_session",
                              "A session ends after it starts, has a capacity of 1 to 100000, "
                              "and its booking window closes after it opens.",
                              "sessions");
    a->division = arena_strdup(ctx->a, div);
    if (authz_require(ctx, PERM_PUBLISH, div) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "begin");
    division d;
    rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_OK && a->venue_id) {
        venue v;
        rc = store_venue_get(ctx->c, ctx->a, a->venue_id, &v);
        if (rc == WY_OK && isnan(a->lon)) {
            a->lon = v.lon;
            a->lat = v.lat;
        }
    }
    a->created_by = ctx->who->user_id;
    if (rc == WY_OK)
        rc = store_activity_create(ctx->c, a, ctx->now, id);
    for (size_t i = 0; i < ns && rc == WY_OK; i++) {
        activity_session x = s[i];
        int64_t sid;
        x.activity_id = *id;
        rc = store_activity_session_create(ctx->c, &x, &sid);
    }
    if (rc == WY_OK)
        rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        if (rc == WY_NOTFOUND)
            return fail_field(ctx, E_INVALID, "unknown_reference", "No such division or venue.",
                              "division");
        return fail_store(ctx, rc, "activity create");
    }
    a->id = *id;
    return 0;
}

int activity_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    if (tx_begin(ctx) < 0)
        return -1;
    activity a;
    int res = 0;
    int rc = store_activity_get(ctx->c, ctx->a, id, &a);
    if (rc != WY_OK)
        res = fail_store(ctx, rc, "activity");
    else if (authz_require(ctx, PERM_PUBLISH, a.division) < 0)
        res = -1;
    else if (strcmp(a.status, "draft") && strcmp(a.status, "rejected"))
        res = fail(ctx, E_CONFLICT, "bad_state",
                   "Only a draft or a rejected activity can be submitted.");
    if (res == 0)
        res = review_submit_tx(ctx, "activity", id, a.division, a.title, status);
    return tx_end(ctx, res);
}

static int fill(wy_ctx *ctx, activity_view *v)
{
    int rc = store_activity_sessions(ctx->c, ctx->a, v->a.id, &v->sessions, &v->nsessions);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "sessions");
    division d;
    v->division_name =
        store_division_get(ctx->c, ctx->a, v->a.division, &d) == WY_OK ? d.name : NULL;
    return 0;
}

/* Sessions and division names of a page of activities in two queries, not two per item. */
static int fill_many(wy_ctx *ctx, activity_view *v, size_t n)
{
    if (n == 0)
        return 0;
    int64_t *ids = arena_alloc(ctx->a, n * sizeof(*ids));
    const char **codes = arena_alloc(ctx->a, n * sizeof(*codes));
    if (!ids || !codes)
        return fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    for (size_t i = 0; i < n; i++) {
        ids[i] = v[i].a.id;
        codes[i] = v[i].a.division;
    }
    activity_session *ss;
    division *ds;
    size_t ns, nd;
    int rc = store_activity_sessions_many(ctx->c, ctx->a, ids, n, &ss, &ns);
    if (rc == WY_OK)
        rc = store_divisions_of(ctx->c, ctx->a, codes, n, &ds, &nd);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "sessions");
    for (size_t i = 0; i < n; i++) {
        /* sessions come ordered by activity: find this activity's run */
        size_t lo = 0, hi = ns;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (ss[mid].activity_id < v[i].a.id)
                lo = mid + 1;
            else
                hi = mid;
        }
        v[i].sessions = ss + lo;
        while (lo + v[i].nsessions < ns && ss[lo + v[i].nsessions].activity_id == v[i].a.id)
            v[i].nsessions++;
        for (size_t k = 0; k < nd; k++)
            if (!strcmp(ds[k].code, v[i].a.division))
                v[i].division_name = ds[k].name;
    }
    return 0;
}

int activity_get(wy_ctx *ctx, int64_t id, activity_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_activity_get(ctx->c, ctx->a, id, &out->a);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "activity");
    if (strcmp(out->a.status, "published") && !activity_managed_by(ctx->who, &out->a) &&
        !authz_allows(ctx->who, PERM_REVIEW, out->a.division))
        return fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return fill(ctx, out);
}

int activity_list(wy_ctx *ctx, activity_filter *f, activity_view **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (f->prefix && *f->prefix) {
        if (division_normalize(f->prefix, div) < 0)
            return fail_field(ctx, E_INVALID, "bad_division",
                              "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        f->prefix = arena_strdup(ctx->a, div); /* the caller reads it back */
    } else {
        f->prefix = NULL;
    }
    if (f->category && *f->category && !known_category(f->category))
        return fail_field(ctx, E_INVALID, "bad_category", "No such activity category.", "category");
    if (f->category && !*f->category)
        f->category = NULL;
    f->status = "published";
    activity *as;
    size_t na;
    int rc = store_activity_list(ctx->c, ctx->a, f, &as, &na);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "activity list");
    activity_view *v = arena_alloc(ctx->a, (na + 1) * sizeof(*v));
    if (!v)
        return fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    memset(v, 0, (na + 1) * sizeof(*v));
    for (size_t i = 0; i < na; i++)
        v[i].a = as[i];
    if (fill_many(ctx, v, na) < 0)
        return -1;
    *out = v;
    *n = na;
    return 0;
}

/* ---- organisers change an activity, change or cancel a session ---- */

const char *const activity_field_names[] = {
#define X(bit, name) name,
    ACTIVITY_FIELDS(X)
#undef X
        NULL};

static void audit(wy_ctx *ctx, const char *action, const char *type, int64_t id,
                  const char *division, const char *from, const char *to, const char *reason,
                  int *rc)
{
    if (*rc != WY_OK)
        return;
    audit_entry e = {.at = ctx->now,
                     .actor = ctx->who ? ctx->who->user_id : 0,
                     .action = action,
                     .object_type = type,
                     .object_id = arena_sprintf(ctx->a, "%lld", (long long)id),
                     .division = division,
                     .from_state = from,
                     .to_state = to,
                     .reason = reason};
    *rc = store_audit_add(ctx->c, &e);
}

/* Who may change an activity: its publishers (staff over its division). */
static int may_manage(wy_ctx *ctx, const activity *a)
{
    if (activity_managed_by(ctx->who, a))
        return 0;
    /* a draft is not known to those who may not see it */
    if (strcmp(a->status, "published") && !authz_allows(ctx->who, PERM_REVIEW, a->division))
        return fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return authz_require(ctx, PERM_PUBLISH, a->division) < 0
               ? -1
               : fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
}

int activity_update(wy_ctx *ctx, int64_t id, const activity *in, unsigned set)
{
    if (set == 0)
        return fail(ctx, E_INVALID, "nothing_to_change", "Give at least one field to change.");
    if (tx_begin(ctx) < 0)
        return -1;
    activity a;
    int rc = store_activity_get(ctx->c, ctx->a, id, &a);
    if (rc != WY_OK)
        return tx_end(ctx, fail_store(ctx, rc, "activity"));
    if (may_manage(ctx, &a) < 0)
        return tx_end(ctx, -1);
    if (!strcmp(a.status, "pending"))
        return tx_end(ctx, fail(ctx, E_CONFLICT, "under_review",
                                "An activity under review cannot be changed; wait for the "
                                "decision."));
    if (!strcmp(a.status, "cancelled"))
        return tx_end(ctx, fail(ctx, E_CONFLICT, "bad_state", "This activity has been cancelled."));
    if (!strcmp(a.status, "published") && (set & ~ACTIVITY_PUBLISHED_EDITABLE))
        return tx_end(ctx, fail(ctx, E_CONFLICT, "published_locked",
                                "A published activity changes only its description, audience "
                                "and links; change or cancel a session for the rest."));
    const char *old_division = a.division;
#define TAKE(bit, field)                                                                           \
    if (set & (bit))                                                                               \
        a.field = in->field;
    TAKE(AF_TITLE, title)
    TAKE(AF_CATEGORY, category)
    TAKE(AF_ORGANISER, organiser)
    TAKE(AF_VENUE, venue_id)
    TAKE(AF_DIVISION, division)
    TAKE(AF_ADDRESS, address)
    TAKE(AF_DESCRIPTION, description)
    TAKE(AF_AUDIENCE, audience)
    TAKE(AF_LIVE_URL, live_url)
    TAKE(AF_REPLAY_URL, replay_url)
    TAKE(AF_WAITLIST, waitlist)
    TAKE(AF_MAX_COMPANIONS, max_companions)
#undef TAKE
    char div[DIVISION_CODE_MAX];
    if (check_fields(ctx, &a, div) < 0)
        return tx_end(ctx, -1);
    a.division = arena_strdup(ctx->a, div);
    if (strcmp(old_division, div) && authz_require(ctx, PERM_PUBLISH, div) < 0)
        return tx_end(ctx, -1);
    division d;
    venue v;
    rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_OK && a.venue_id)
        rc = store_venue_get(ctx->c, ctx->a, a.venue_id, &v);
    if (rc == WY_NOTFOUND)
        return tx_end(ctx, fail_field(ctx, E_INVALID, "unknown_reference",
                                      "No such division or venue.", "division"));
    strbuf what = STRBUF_INIT;
    for (int i = 0; activity_field_names[i]; i++)
        if (set & (1u << i))
            sb_addf(&what, "%s%s", what.len ? ", " : "", activity_field_names[i]);
    const char *changed = arena_strdup(ctx->a, what.len ? what.buf : "");
    sb_release(&what);
    if (rc == WY_OK)
        rc = store_activity_update(ctx->c, &a, ctx->now);
    audit(ctx, "activity.update", "activity", id, div, a.status, a.status, changed, &rc);
    return tx_end(ctx, rc == WY_OK ? 0 : fail_store(ctx, rc, "activity update"));
}

/* Load a session and its activity for a change by its organiser, in the transaction. */
static int load_for_change(wy_ctx *ctx, int64_t sid, activity_session *s, activity *a)
{
    int rc = store_activity_session_get(ctx->c, ctx->a, sid, s);
    if (rc == WY_OK)
        rc = store_activity_get(ctx->c, ctx->a, s->activity_id, a);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "session");
    if (may_manage(ctx, a) < 0)
        return -1;
    if (strcmp(s->status, "scheduled"))
        return fail(ctx, E_CONFLICT, "cancelled", "This session has been cancelled.");
    return 0;
}

static void change_of(json_t *changes, const char *key, int64_t from, int64_t to, int is_time)
{
    if (from == to)
        return;
    json_t *f = json_integer(from), *t = json_integer(to);
    if (is_time) {
        char a[40], b[40];
        time_format_rfc3339(from, a, sizeof(a), 0);
        time_format_rfc3339(to, b, sizeof(b), 0);
        json_decref(f);
        json_decref(t);
        f = from ? json_string(a) : json_null();
        t = to ? json_string(b) : json_null();
    }
    json_object_set_new(changes, key, json_pack("{s:o,s:o}", "from", f, "to", t));
}

int activity_session_change(wy_ctx *ctx, int64_t sid, const session_patch *p, activity_session *out)
{
    if (!p->set)
        return fail(ctx, E_INVALID, "nothing_to_change", "Give at least one field to change.");
    if (tx_begin(ctx) < 0)
        return -1;
    activity_session s;
    activity a;
    if (load_for_change(ctx, sid, &s, &a) < 0)
        return tx_end(ctx, -1);
    activity_session n = s;
    if (p->set & SF_STARTS)
        n.starts_at = p->v.starts_at;
    if (p->set & SF_ENDS)
        n.ends_at = p->v.ends_at;
    if (p->set & SF_CAPACITY)
        n.capacity = p->v.capacity;
    if (p->set & SF_OPENS)
        n.booking_opens_at = p->v.booking_opens_at;
    if (p->set & SF_CLOSES)
        n.booking_closes_at = p->v.booking_closes_at;
    if (p->set & SF_DEADLINE)
        n.cancel_deadline = p->v.cancel_deadline;
    if (n.ends_at <= n.starts_at || n.capacity < 1 || n.capacity > 100000 ||
        (n.booking_opens_at && n.booking_closes_at && n.booking_closes_at <= n.booking_opens_at))
        return tx_end(ctx, fail_field(ctx, E_INVALID, "bad_session",
                                      "A session ends after it starts, has a capacity of 1 to "
                                      "100000, and its booking window closes after it opens.",
                                      "sessions"));
    if (n.capacity < s.confirmed_seats)
        return tx_end(ctx, fail_field(ctx, E_CONFLICT, "below_confirmed",
                                      "The capacity cannot go below the seats already confirmed.",
                                      "capacity"));
    json_t *changes = json_object();
    change_of(changes, "starts_at", s.starts_at, n.starts_at, 1);
    change_of(changes, "ends_at", s.ends_at, n.ends_at, 1);
    change_of(changes, "capacity", s.capacity, n.capacity, 0);
    change_of(changes, "booking_opens_at", s.booking_opens_at, n.booking_opens_at, 1);
    change_of(changes, "booking_closes_at", s.booking_closes_at, n.booking_closes_at, 1);
    change_of(changes, "cancel_deadline", s.cancel_deadline, n.cancel_deadline, 1);
    int times_changed = s.starts_at != n.starts_at || s.ends_at != n.ends_at;
    char *js = json_dumps(changes, JSON_COMPACT | JSON_SORT_KEYS);
    json_t *tell = times_changed ? json_pack("{s:O}", "changes", changes) : NULL;
    char *tell_js = tell ? json_dumps(tell, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(tell);
    json_decref(changes);
    const char *reason = js ? arena_strdup(ctx->a, js) : NULL;
    const char *params = tell_js ? arena_strdup(ctx->a, tell_js) : NULL;
    free(js);
    free(tell_js);
    int rc = store_session_update(ctx->c, &n);
    int res = 0;
    if (rc == WY_OK && n.capacity > s.capacity) { /* more seats: the waiting list moves up */
        size_t max = (size_t)(n.capacity - s.confirmed_seats) + 1, np = 0;
        int64_t *ids = arena_alloc(ctx->a, max * sizeof(*ids));
        rc = ids ? store_session_promote(ctx->c, sid, ctx->now, ids, max, &np) : WY_NOMEM;
        if (rc == WY_OK)
            res = notify_promoted(ctx, ids, np);
    }
    if (rc == WY_OK && res == 0 && times_changed) { /* everyone booked is told the new time */
        booking *bs;
        size_t nb;
        rc = store_bookings_of_session(ctx->c, ctx->a, sid, &bs, &nb);
        for (size_t i = 0; rc == WY_OK && i < nb; i++)
            if (!strcmp(bs[i].status, "confirmed") || !strcmp(bs[i].status, "waitlisted") ||
                !strcmp(bs[i].status, "checked_in")) {
                notify_event e = {.kind = "session.changed",
                                  .user_id = bs[i].user_id,
                                  .booking_id = bs[i].id,
                                  .session_id = sid,
                                  .params = params};
                rc = store_notify(ctx->c, &e, ctx->now, NULL);
            }
    }
    audit(ctx, "session.update", "session", sid, a.division, "scheduled", "scheduled", reason, &rc);
    if (res == 0 && rc != WY_OK)
        res = fail_store(ctx, rc, "session update");
    if (tx_end(ctx, res) < 0)
        return -1;
    int rc2 = store_activity_session_get(ctx->c, ctx->a, sid, out);
    return rc2 == WY_OK ? 0 : fail_store(ctx, rc2, "session");
}

int activity_session_cancel(wy_ctx *ctx, int64_t sid, const char *reason, size_t *ncancelled)
{
    *ncancelled = 0;
    if (!reason || !*reason || !text_ok(reason, 500))
        return fail_field(ctx, E_INVALID, "bad_reason",
                          "Give the reason for the cancellation (up to 500 characters).", "reason");
    if (tx_begin(ctx) < 0)
        return -1;
    activity_session s;
    activity a;
    if (load_for_change(ctx, sid, &s, &a) < 0)
        return tx_end(ctx, -1);
    booking *bs;
    size_t n;
    int rc = store_session_cancel(ctx->c, ctx->a, sid, ctx->now, &bs, &n);
    json_t *pj = json_pack("{s:s}", "reason", reason);
    char *js = pj ? json_dumps(pj, JSON_COMPACT) : NULL;
    json_decref(pj);
    const char *params = js ? arena_strdup(ctx->a, js) : NULL;
    free(js);
    for (size_t i = 0; rc == WY_OK && i < n; i++) { /* each is told, in this transaction */
        notify_event e = {.kind = "session.cancelled",
                          .user_id = bs[i].user_id,
                          .booking_id = bs[i].id,
                          .session_id = sid,
                          .params = params};
        rc = store_notify(ctx->c, &e, ctx->now, NULL);
    }
    audit(ctx, "session.cancel", "session", sid, a.division, "scheduled", "cancelled", reason, &rc);
    if (rc == WY_NOTFOUND)
        return tx_end(ctx, fail(ctx, E_CONFLICT, "cancelled", "This session has been cancelled."));
    *ncancelled = n;
    return tx_end(ctx, rc == WY_OK ? 0 : fail_store(ctx, rc, "session cancel"));
}
