/* activity: see activity.h. */
#include "mod/activities/activity.h"

#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/review.h"
#include "mod/activities/booking.h"
#include "mod/activities/booking_rules.h"
#include "util/csvread.h"
#include "util/geodesy.h"
#include "util/strbuf.h"
#include "util/timeutil.h"
#include "util/weburl.h"
#include "mod/venues/venue_store.h"

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
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "activity status");
}

const review_type activity_review_type = {"activity", on_review_status};

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
    return !u || weburl_valid(u, 0);
}

/* The rules every activity's fields keep, at creation and on each change; the division
 * normalised into div. */
static int check_fields(wy_ctx *ctx, const activity *a, char div[DIVISION_CODE_MAX])
{
    if (!a->title || !*a->title || !text_ok(a->title, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (!known_category(a->category))
        return wy_fail_field(ctx, E_INVALID, "bad_category", "No such activity category.",
                             "category");
    if (!strcmp(a->category, "timed_entry")) /* made by a venue's timed entry (timed_entry.c) */
        return wy_fail_field(ctx, E_INVALID, "bad_category",
                             "Timed entry is set on the venue, not created as an activity.",
                             "category");
    if (!a->division || division_normalize(a->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!text_ok(a->description, 20000) || !text_ok(a->organiser, 100) ||
        !text_ok(a->address, 200) || !text_ok(a->audience, 200))
        return wy_fail(ctx, E_INVALID, "bad_text", "A text field is too long or not UTF-8.");
    if (!url_ok(a->live_url) || !url_ok(a->replay_url))
        return wy_fail_field(ctx, E_INVALID, "bad_url",
                             "A link is a web address: http:// or https://, then a host name, "
                             "without spaces.",
                             url_ok(a->live_url) ? "replay_url" : "live_url");
    if (a->max_companions < 0 || a->max_companions > 10)
        return wy_fail_field(ctx, E_INVALID, "bad_companions", "Companions are 0 to 10 a booking.",
                             "max_companions");
    if (isnan(a->lon) != isnan(a->lat) ||
        (!isnan(a->lon) && !(a->lon >= -180 && a->lon <= 180 && a->lat >= -90 && a->lat <= 90)))
        return wy_fail_field(ctx, E_INVALID, "bad_location",
                             "A place is lon and lat together: longitude -180 to 180, latitude -90 "
                             "to 90.",
                             "lon");
    return 0;
}

/* An activity is held at a venue its publisher may publish for: staff of one district
 * cannot put their programme in another district's hall. -1 (refused) or 0. */
static int venue_outside(wy_ctx *ctx, const venue *v)
{
    if (authz_allows(ctx->who, PERM_PUBLISH, v->division))
        return 0;
    return wy_fail_field(ctx, E_FORBIDDEN, "venue_forbidden",
                         "You may not hold activities at this venue: it is outside your divisions.",
                         "venue_id");
}

int activity_create(wy_ctx *ctx, activity *a, const activity_session *s, size_t ns, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (check_fields(ctx, a, div) < 0)
        return -1;
    if (ns == 0 || ns > 100)
        return wy_fail_field(ctx, E_INVALID, "bad_sessions", "An activity has 1 to 100 sessions.",
                             "sessions");
    for (size_t i = 0; i < ns; i++)
        if (!booking_session_valid(&s[i]))
            return wy_fail_field(ctx, E_INVALID, "bad_session",
                                 "A session ends after it starts, has a capacity of 1 to 100000, "
                                 "and its booking window closes after it opens.",
                                 "sessions");
    a->division = arena_strdup(ctx->a, div);
    if (authz_require(ctx, PERM_PUBLISH, div) < 0)
        return -1;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    division d;
    rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_OK && a->venue_id) {
        venue v;
        rc = store_venue_get(ctx->c, ctx->a, a->venue_id, &v);
        if (rc == WY_OK && venue_outside(ctx, &v) < 0) {
            store_rollback(ctx->c);
            return -1;
        }
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
    if (rc == WY_OK && (review_author_add(ctx, "activity", *id) < 0 ||
                        audit_add(ctx, "activity.create", "activity", *id, div, NULL, "draft",
                                  arena_sprintf(ctx->a, "%zu sessions", ns)) < 0)) {
        store_rollback(ctx->c);
        return -1;
    }
    if (rc == WY_OK)
        rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_reference", "No such division or venue.",
                                 "division");
        return wy_fail_store(ctx, rc, "activity create");
    }
    a->id = *id;
    return 0;
}

/* Who may change or submit an activity: its publishers (staff over its division). */
static int may_manage(wy_ctx *ctx, const activity *a)
{
    if (activity_managed_by(ctx->who, a))
        return 0;
    /* a draft is not known to those who may not see it */
    if (strcmp(a->status, "published") && !authz_allows(ctx->who, PERM_REVIEW, a->division))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return authz_require(ctx, PERM_PUBLISH, a->division) < 0
               ? -1
               : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
}

int activity_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    if (tx_begin(ctx) < 0)
        return -1;
    activity a;
    int res = 0;
    int rc = store_activity_get(ctx->c, ctx->a, id, &a);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "activity");
    else if (may_manage(ctx, &a) < 0)
        res = -1;
    else if (strcmp(a.status, "draft") && strcmp(a.status, "rejected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a draft or a rejected activity can be submitted.");
    if (res == 0)
        res = review_submit_tx(ctx, "activity", id, a.division, a.title, status);
    return tx_end(ctx, res);
}

/* Sessions (the coming ones from from, at most per each) and division names of a page of
 * activities in two queries, not two per item. */
static int fill_many(wy_ctx *ctx, activity_view *v, size_t n, int64_t from, int per)
{
    if (n == 0)
        return 0;
    int64_t *ids = arena_alloc(ctx->a, n * sizeof(*ids));
    const char **codes = arena_alloc(ctx->a, n * sizeof(*codes));
    if (!ids || !codes)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    for (size_t i = 0; i < n; i++) {
        ids[i] = v[i].a.id;
        codes[i] = v[i].a.division;
    }
    activity_session *ss;
    int *totals;
    division *ds;
    size_t ns, nd;
    int rc = store_activity_sessions_many(ctx->c, ctx->a, ids, n, from, per, &ss, &totals, &ns);
    if (rc == WY_OK)
        rc = store_divisions_of(ctx->c, ctx->a, codes, n, &ds, &nd);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "sessions");
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
        v[i].nsessions = 0;
        v[i].sessions_total = lo < ns && ss[lo].activity_id == v[i].a.id ? (size_t)totals[lo] : 0;
        while (lo + v[i].nsessions < ns && ss[lo + v[i].nsessions].activity_id == v[i].a.id)
            v[i].nsessions++;
        for (size_t k = 0; k < nd; k++)
            if (!strcmp(ds[k].code, v[i].a.division))
                v[i].division_name = ds[k].name;
    }
    return 0;
}

static int may_see(wy_ctx *ctx, const activity *a)
{
    return !strcmp(a->status, "published") || activity_managed_by(ctx->who, a) ||
           authz_allows(ctx->who, PERM_REVIEW, a->division);
}

int activity_get_from(wy_ctx *ctx, int64_t id, int64_t from, activity_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_activity_get(ctx->c, ctx->a, id, &out->a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    if (!may_see(ctx, &out->a))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    out->distance_m = NAN;
    return fill_many(ctx, out, 1, from, ACTIVITY_DETAIL_SESSIONS);
}

int activity_visible(wy_ctx *ctx, int64_t id, activity *out)
{
    int rc = store_activity_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    return may_see(ctx, out) ? 0 : wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
}

int activity_session_get(wy_ctx *ctx, int64_t sid, activity_session *s, activity *a)
{
    activity own;
    if (!a)
        a = &own;
    int rc = store_activity_session_get(ctx->c, ctx->a, sid, s);
    if (rc == WY_OK)
        rc = store_activity_get(ctx->c, ctx->a, s->activity_id, a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
    if (!may_see(ctx, a))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

int activity_get(wy_ctx *ctx, int64_t id, activity_view *out)
{
    return activity_get_from(ctx, id, ctx->now, out);
}

/* "start.id": the last session of a page */
static int parse_session_cursor(const char *c, int64_t *start, int64_t *id)
{
    char *end;
    *start = INT64_MIN;
    *id = 0;
    if (!c || !*c)
        return 0;
    *start = strtoll(c, &end, 10);
    if (*end != '.')
        return -1;
    *id = strtoll(end + 1, &end, 10);
    return *end || *id <= 0 ? -1 : 0;
}

int activity_sessions_list(wy_ctx *ctx, int64_t id, int64_t from, int64_t to, const char *cursor,
                           int limit, activity_session **out, size_t *n, const char **next_cursor)
{
    activity a;
    int64_t after_start, after_id;
    *next_cursor = NULL;
    if (parse_session_cursor(cursor, &after_start, &after_id) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_cursor", "The cursor is not valid.", "cursor");
    if (from && to && to <= from)
        return wy_fail_field(ctx, E_INVALID, "bad_time", "to must come after from.", "to");
    int rc = store_activity_get(ctx->c, ctx->a, id, &a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    if (!may_see(ctx, &a))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (limit <= 0)
        limit = 50;
    rc =
        store_activity_sessions_page(ctx->c, ctx->a, id, from ? from : INT64_MIN,
                                     to ? to : INT64_MAX, after_start, after_id, limit + 1, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "sessions");
    if (*n > (size_t)limit) {
        *n = (size_t)limit;
        const activity_session *last = &(*out)[*n - 1];
        *next_cursor =
            arena_sprintf(ctx->a, "%lld.%lld", (long long)last->starts_at, (long long)last->id);
    }
    return 0;
}

/* The division and category filters, checked and normalised in place. */
static int check_filter(wy_ctx *ctx, activity_filter *f)
{
    char div[DIVISION_CODE_MAX];
    if (f->prefix && *f->prefix) {
        if (division_normalize(f->prefix, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        f->prefix = arena_strdup(ctx->a, div); /* the caller reads it back */
    } else {
        f->prefix = NULL;
    }
    if (f->category && *f->category && !known_category(f->category))
        return wy_fail_field(ctx, E_INVALID, "bad_category", "No such activity category.",
                             "category");
    if (f->category && !*f->category)
        f->category = NULL;
    f->status = "published";
    return 0;
}

int activity_list(wy_ctx *ctx, activity_filter *f, activity_view **out, size_t *n)
{
    if (check_filter(ctx, f) < 0)
        return -1;
    if (!f->soon_from)
        f->soon_from = f->from;
    activity_hit *as;
    size_t na;
    int rc = store_activity_list(ctx->c, ctx->a, f, &as, &na);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity list");
    activity_view *v = arena_alloc(ctx->a, (na + 1) * sizeof(*v));
    if (!v)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    memset(v, 0, (na + 1) * sizeof(*v));
    for (size_t i = 0; i < na; i++) {
        v[i].a = as[i].a;
        v[i].distance_m = NAN;
        v[i].next_start = as[i].next_start;
    }
    if (fill_many(ctx, v, na, f->from ? f->from : ctx->now, ACTIVITY_FEED_SESSIONS) < 0)
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

/* A draft moved from venue old_venue to nv (NULL: none). Creation gives an activity without a
 * place of its own its venue's; that place moves with the venue (none without one), while a
 * place of its own stays. A wy_rc. */
static int follow_venue(wy_ctx *ctx, activity *a, int64_t old_venue, const venue *nv)
{
    int taken = isnan(a->lon);
    if (!taken && old_venue) {
        venue ov;
        int rc = store_venue_get(ctx->c, ctx->a, old_venue, &ov);
        if (rc != WY_OK)
            return rc == WY_NOTFOUND ? WY_OK : rc;
        taken = ov.lon == a->lon && ov.lat == a->lat;
    }
    if (taken) {
        a->lon = nv ? nv->lon : NAN;
        a->lat = nv ? nv->lat : NAN;
    }
    return WY_OK;
}

int activity_update(wy_ctx *ctx, int64_t id, const activity *in, unsigned set)
{
    if (set == 0)
        return wy_fail(ctx, E_INVALID, "nothing_to_change", "Give at least one field to change.");
    if (tx_begin(ctx) < 0)
        return -1;
    activity a;
    int rc = store_activity_get(ctx->c, ctx->a, id, &a);
    if (rc != WY_OK)
        return tx_end(ctx, wy_fail_store(ctx, rc, "activity"));
    if (may_manage(ctx, &a) < 0)
        return tx_end(ctx, -1);
    if (!strcmp(a.status, "pending"))
        return tx_end(ctx, wy_fail(ctx, E_CONFLICT, "under_review",
                                   "An activity under review cannot be changed; wait for the "
                                   "decision."));
    if (!strcmp(a.status, "cancelled"))
        return tx_end(ctx,
                      wy_fail(ctx, E_CONFLICT, "bad_state", "This activity has been cancelled."));
    if (!strcmp(a.status, "published") && (set & ~ACTIVITY_PUBLISHED_EDITABLE))
        return tx_end(ctx, wy_fail(ctx, E_CONFLICT, "published_locked",
                                   "A published activity changes only its description, audience "
                                   "and links; change or cancel a session for the rest."));
    const char *old_division = a.division;
    int64_t old_venue = a.venue_id;
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
    if (!strcmp(a.status, "published")) { /* the public keeps seeing what was approved */
        const char *status;
        return tx_end(ctx, activity_revision_propose(ctx, &a, set, &status));
    }
    division d;
    venue v;
    rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_OK && a.venue_id)
        rc = store_venue_get(ctx->c, ctx->a, a.venue_id, &v);
    if (rc == WY_NOTFOUND)
        return tx_end(ctx, wy_fail_field(ctx, E_INVALID, "unknown_reference",
                                         "No such division or venue.", "division"));
    if (rc == WY_OK && a.venue_id && a.venue_id != old_venue && venue_outside(ctx, &v) < 0)
        return tx_end(ctx, -1);
    if (rc == WY_OK && a.venue_id != old_venue)
        rc = follow_venue(ctx, &a, old_venue, a.venue_id ? &v : NULL);
    strbuf what = STRBUF_INIT;
    for (int i = 0; activity_field_names[i]; i++)
        if (set & (1u << i))
            sb_addf(&what, "%s%s", what.len ? ", " : "", activity_field_names[i]);
    const char *changed = arena_strdup(ctx->a, what.len ? what.buf : "");
    sb_release(&what);
    if (rc == WY_OK)
        rc = store_activity_update(ctx->c, &a, ctx->now);
    audit(ctx, "activity.update", "activity", id, div, a.status, a.status, changed, &rc);
    if (rc == WY_OK && review_author_add(ctx, "activity", id) < 0)
        return tx_end(ctx, -1);
    return tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "activity update"));
}

/* Load a session and its activity for a change by its organiser, in the transaction. */
static int load_for_change(wy_ctx *ctx, int64_t sid, activity_session *s, activity *a)
{
    int rc = store_activity_session_get(ctx->c, ctx->a, sid, s);
    if (rc == WY_OK)
        rc = store_activity_get(ctx->c, ctx->a, s->activity_id, a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
    if (may_manage(ctx, a) < 0)
        return -1;
    if (strcmp(s->status, "scheduled"))
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This session has been cancelled.");
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
        return wy_fail(ctx, E_INVALID, "nothing_to_change", "Give at least one field to change.");
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
    if (!booking_session_valid(&n))
        return tx_end(ctx, wy_fail_field(ctx, E_INVALID, "bad_session",
                                         "A session ends after it starts, has a capacity of 1 to "
                                         "100000, and its booking window closes after it opens.",
                                         "sessions"));
    /* under way or over: its times are what happened, and the no-shows were counted on them */
    if (ctx->now >= s.starts_at && (n.starts_at != s.starts_at || n.ends_at != s.ends_at))
        return tx_end(ctx,
                      wy_fail(ctx, E_CONFLICT, "started",
                              "This session has started: its times can no longer be changed."));
    if (n.capacity < s.confirmed_seats)
        return tx_end(ctx,
                      wy_fail_field(ctx, E_CONFLICT, "below_confirmed",
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
            res = booking_notify_promoted(ctx, ids, np);
    }
    if (rc == WY_OK && res == 0 && times_changed) { /* everyone booked is told the new time */
        booking *bs;
        size_t nb;
        booking_about ab = {0}; /* the session's facts, read once for all */
        rc = store_bookings_of_session(ctx->c, ctx->a, sid, &bs, &nb);
        for (size_t i = 0; rc == WY_OK && res == 0 && i < nb; i++)
            if (!strcmp(bs[i].status, "confirmed") || !strcmp(bs[i].status, "waitlisted") ||
                !strcmp(bs[i].status, "checked_in"))
                res = booking_tell(ctx, &booking_kind_changed, &ab, &bs[i], params);
        booking_about_release(&ab);
    }
    audit(ctx, "session.update", "session", sid, a.division, "scheduled", "scheduled", reason, &rc);
    if (res == 0 && rc != WY_OK)
        res = wy_fail_store(ctx, rc, "session update");
    if (res == 0) /* the sessions are part of what a reviewer approves */
        res = review_author_add(ctx, "activity", a.id);
    if (tx_end(ctx, res) < 0)
        return -1;
    int rc2 = store_activity_session_get(ctx->c, ctx->a, sid, out);
    return rc2 == WY_OK ? 0 : wy_fail_store(ctx, rc2, "session");
}

int activity_session_cancel(wy_ctx *ctx, int64_t sid, const char *reason, size_t *ncancelled)
{
    *ncancelled = 0;
    if (!reason || !*reason || !text_ok(reason, 500))
        return wy_fail_field(ctx, E_INVALID, "bad_reason",
                             "Give the reason for the cancellation (up to 500 characters).",
                             "reason");
    if (tx_begin(ctx) < 0)
        return -1;
    activity_session s;
    activity a;
    if (load_for_change(ctx, sid, &s, &a) < 0)
        return tx_end(ctx, -1);
    /* a session under way or over is not cancelled: its check-ins and no-shows stand */
    if (ctx->now >= s.starts_at)
        return tx_end(ctx, wy_fail(ctx, E_CONFLICT, "started",
                                   "This session has started: it can no longer be cancelled."));
    booking *bs;
    size_t n;
    int rc = store_session_cancel(ctx->c, ctx->a, sid, ctx->now, &bs, &n);
    json_t *pj = json_pack("{s:s}", "reason", reason);
    char *js = pj ? json_dumps(pj, JSON_COMPACT) : NULL;
    json_decref(pj);
    const char *params = js ? arena_strdup(ctx->a, js) : NULL;
    free(js);
    /* each is told, in this transaction: those whose booking it cancelled, and those checked
     * in already (check-in opens before the start), whose booking and seat stay */
    booking *in = NULL;
    size_t nin = 0;
    if (rc == WY_OK)
        rc = store_bookings_of_session(ctx->c, ctx->a, sid, &in, &nin);
    booking_about ab = {0}; /* the session's facts, read once for all */
    int res = 0;
    for (size_t i = 0; rc == WY_OK && res == 0 && i < n + nin; i++) {
        const booking *b = i < n ? &bs[i] : &in[i - n];
        if (i >= n && strcmp(b->status, "checked_in"))
            continue;
        res = booking_tell(ctx, &booking_kind_cancelled, &ab, b, params);
    }
    booking_about_release(&ab);
    if (res < 0)
        return tx_end(ctx, -1);
    audit(ctx, "session.cancel", "session", sid, a.division, "scheduled", "cancelled", reason, &rc);
    if (rc == WY_NOTFOUND)
        return tx_end(ctx,
                      wy_fail(ctx, E_CONFLICT, "cancelled", "This session has been cancelled."));
    *ncancelled = n;
    return tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "session cancel"));
}

/* ---- search ----
 *
 * Cursors are opaque to clients but plain inside: "ID" in id order, "rRANK.NEXT.ID" in
 * relevance order (the store's keyset), "dMM.ID" in distance order (millimetres, so the key
 * is exact). Distance is measured here, on the ellipsoid (Karney), after the store's
 * bounding box; ordering by it needs every candidate, so that order is bounded by
 * ACTIVITY_SORT_SCAN_MAX candidates. */

typedef struct search_key {
    int64_t rank, next, mm, id;
} search_key;

enum { ORDER_ID, ORDER_RANK, ORDER_DISTANCE };

/* A non-negative decimal int64 at *p (digits only, no overflow), then the separator sep
 * ('\0' for the end); *p moves past both. */
static int cursor_field(const char **p, char sep, int64_t *out)
{
    int64_t v = 0;
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (v > (INT64_MAX - (*s - '0')) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (*s != sep)
        return -1;
    *out = v;
    *p = sep ? s + 1 : s;
    return 0;
}

static int parse_cursor(const char *c, int order, search_key *k)
{
    memset(k, 0, sizeof(*k));
    if (!c || !*c)
        return 0;
    if (order == ORDER_ID)
        return cursor_field(&c, '\0', &k->id);
    if (order == ORDER_RANK)
        return *c++ == 'r' && cursor_field(&c, '.', &k->rank) == 0 &&
                       cursor_field(&c, '.', &k->next) == 0 && cursor_field(&c, '\0', &k->id) == 0
                   ? 0
                   : -1;
    return *c++ == 'd' && cursor_field(&c, '.', &k->mm) == 0 && cursor_field(&c, '\0', &k->id) == 0
               ? 0
               : -1;
}

static const char *format_cursor(wy_ctx *ctx, int order, const search_key *k)
{
    if (order == ORDER_ID)
        return arena_sprintf(ctx->a, "%" PRId64, k->id);
    if (order == ORDER_RANK)
        return arena_sprintf(ctx->a, "r%" PRId64 ".%" PRId64 ".%" PRId64, k->rank, k->next, k->id);
    return arena_sprintf(ctx->a, "d%" PRId64 ".%" PRId64, k->mm, k->id);
}

typedef struct near_hit {
    activity_hit h;
    int64_t mm;
} near_hit;

static int by_distance(const void *x, const void *y)
{
    const near_hit *a = x, *b = y;
    if (a->mm != b->mm)
        return a->mm < b->mm ? -1 : 1;
    return a->h.a.id < b->h.a.id ? -1 : a->h.a.id > b->h.a.id;
}

/* The distance of h from the query's point in mm, or -1 when it has no place or is too far. */
static int64_t within(const activity_query *q, const activity_hit *h)
{
    if (isnan(h->a.lon) || isnan(h->a.lat))
        return -1;
    double m = geo_distance_m(q->lon, q->lat, h->a.lon, h->a.lat);
    return m <= q->radius_m ? llround(m * 1000) : -1;
}

static int view_of(const activity_hit *h, int64_t mm, activity_view *v)
{
    memset(v, 0, sizeof(*v));
    v->a = h->a;
    v->distance_m = mm < 0 ? NAN : (double)mm / 1000;
    v->next_start = h->next_start;
    return 0; /* sessions and division names: fill_many, once for the page */
}

static int parse_number(const char *s, double *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    *out = strtod(s, &end);
    return *end || !isfinite(*out) ? -1 : 0;
}

int activity_query_read(wy_ctx *ctx, activity_param_fn get, void *src, activity_query *q)
{
    memset(q, 0, sizeof(*q));
    q->division = get(src, "division");
    q->category = get(src, "category");
    q->q = get(src, "q");
    q->cursor = get(src, "cursor");
    const char *from = get(src, "from"), *to = get(src, "to"), *venue = get(src, "venue");
    const char *free_ = get(src, "free"), *near = get(src, "near"), *radius = get(src, "radius");
    const char *sort = get(src, "sort");
    if ((from && *from && time_parse_rfc3339(from, &q->from) < 0) ||
        (to && *to && time_parse_rfc3339(to, &q->to) < 0))
        return wy_fail_field(ctx, E_INVALID, "bad_time", "from and to are RFC 3339 times.",
                             from && *from && time_parse_rfc3339(from, &q->from) < 0 ? "from"
                                                                                     : "to");
    q->free_seats = free_ && (!strcmp(free_, "1") || !strcmp(free_, "true"));
    if (venue && *venue) {
        char *end;
        q->venue_id = strtoll(venue, &end, 10);
        if (*end || q->venue_id <= 0)
            return wy_fail_field(ctx, E_INVALID, "bad_venue", "venue is a venue id.", "venue");
    }
    if (near && *near) {
        const char *comma = strchr(near, ',');
        char lon[64];
        q->has_near = 1;
        if (!comma || (size_t)(comma - near) >= sizeof(lon))
            return wy_fail_field(
                ctx, E_INVALID, "bad_near",
                "near is lon,lat in WGS84 degrees: longitude -180 to 180, latitude "
                "-90 to 90.",
                "near");
        memcpy(lon, near, (size_t)(comma - near));
        lon[comma - near] = '\0';
        if (parse_number(lon, &q->lon) < 0 || parse_number(comma + 1, &q->lat) < 0)
            return wy_fail_field(
                ctx, E_INVALID, "bad_near",
                "near is lon,lat in WGS84 degrees: longitude -180 to 180, latitude "
                "-90 to 90.",
                "near");
        q->radius_m = ACTIVITY_RADIUS_DEFAULT;
    }
    if (radius && *radius) {
        if (!q->has_near)
            return wy_fail_field(ctx, E_INVALID, "bad_radius", "radius needs near=lon,lat.",
                                 "radius");
        if (parse_number(radius, &q->radius_m) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_radius", "radius is 1 to 50000 metres.",
                                 "radius");
    }
    if (sort && *sort) {
        if (!strcmp(sort, "distance"))
            q->sort_distance = 1;
        else if (!strcmp(sort, "soonest"))
            q->sort_soonest = 1;
        else if (strcmp(sort, "relevance"))
            return wy_fail_field(ctx, E_INVALID, "bad_sort",
                                 "sort is relevance, soonest or distance.", "sort");
    }
    return 0;
}

int activity_search(wy_ctx *ctx, const activity_query *q, activity_view **out, size_t *n,
                    const char **next_cursor)
{
    activity_filter f = {.prefix = q->division,
                         .category = q->category,
                         .q = q->q && *q->q ? q->q : NULL,
                         .from = q->from,
                         .to = q->to,
                         .venue_id = q->venue_id,
                         .has_free_seats = q->free_seats};
    *next_cursor = NULL;
    *n = 0;
    if (check_filter(ctx, &f) < 0)
        return -1;
    if (f.q && (!utf8_valid(f.q, strlen(f.q)) || utf8_length(f.q) > ACTIVITY_QUERY_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_query",
                             "A search text has at most 100 characters.", "q");
    if (q->from && q->to && q->to <= q->from)
        return wy_fail_field(ctx, E_INVALID, "bad_time", "to must come after from.", "to");
    if (q->has_near) {
        if (!(q->lon >= -180 && q->lon <= 180 && q->lat >= -90 && q->lat <= 90))
            return wy_fail_field(
                ctx, E_INVALID, "bad_near",
                "near is lon,lat in WGS84 degrees: longitude -180 to 180, latitude "
                "-90 to 90.",
                "near");
        if (!(q->radius_m >= 1 && q->radius_m <= ACTIVITY_RADIUS_MAX))
            return wy_fail_field(ctx, E_INVALID, "bad_radius", "radius is 1 to 50000 metres.",
                                 "radius");
        double dlon, dlat;
        geo_degrees_for(q->lat, q->radius_m * 1.01, &dlon, &dlat);
        f.has_bbox = 1;
        f.min_lon = q->lon - dlon;
        f.max_lon = q->lon + dlon;
        f.min_lat = q->lat - dlat;
        f.max_lat = q->lat + dlat;
    } else if (q->sort_distance) {
        return wy_fail_field(ctx, E_INVALID, "bad_sort", "Sorting by distance needs near=lon,lat.",
                             "sort");
    }
    f.by_soonest = q->sort_soonest && !f.q;
    int order = q->sort_distance ? ORDER_DISTANCE : f.q || f.by_soonest ? ORDER_RANK : ORDER_ID;
    search_key k;
    if (parse_cursor(q->cursor, order, &k) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_cursor", "The cursor is not valid.", "cursor");
    f.soon_from = q->from ? q->from : ctx->now;
    int want = q->limit > 0 ? q->limit : 20;
    activity_view *v = arena_alloc(ctx->a, (size_t)(want + 1) * sizeof(*v));
    if (!v)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    size_t got = 0;
    if (order == ORDER_DISTANCE) { /* every candidate, measured, sorted, then the page */
        near_hit *all = NULL;
        size_t nall = 0, cap = 0, scanned = 0;
        f.limit = 500;
        for (;;) {
            activity_hit *hs;
            size_t nh;
            int rc = store_activity_list(ctx->c, ctx->a, &f, &hs, &nh);
            if (rc != WY_OK)
                return wy_fail_store(ctx, rc, "activity search");
            for (size_t i = 0; i < nh; i++) {
                int64_t mm = within(q, &hs[i]);
                if (mm < 0 || mm < k.mm || (mm == k.mm && hs[i].a.id <= k.id))
                    continue;
                if (nall == cap) {
                    cap = cap ? 2 * cap : 64;
                    near_hit *w = arena_alloc(ctx->a, cap * sizeof(*w));
                    if (!w)
                        return wy_fail(ctx, E_INTERNAL, "internal",
                                       "Something went wrong on our side.");
                    if (nall)
                        memcpy(w, all, nall * sizeof(*w));
                    all = w;
                }
                all[nall].h = hs[i];
                all[nall++].mm = mm;
            }
            scanned += nh;
            if (nh < (size_t)f.limit || scanned >= ACTIVITY_SORT_SCAN_MAX)
                break;
            f.after = hs[nh - 1].a.id;
            f.after_rank = hs[nh - 1].title_rank;
            f.after_next = hs[nh - 1].next_start;
        }
        if (nall)
            qsort(all, nall, sizeof(*all), by_distance);
        for (size_t i = 0; i < nall && got < (size_t)want; i++)
            if (view_of(&all[i].h, all[i].mm, &v[got++]) < 0)
                return -1;
        if (nall > got) {
            search_key nk = {.mm = all[got - 1].mm, .id = all[got - 1].h.a.id};
            *next_cursor = format_cursor(ctx, order, &nk);
        }
    } else { /* the store's order; the distance (when asked) drops rows: read ahead */
        f.after = k.id;
        f.after_rank = k.rank;
        f.after_next = k.next;
        f.limit = q->has_near ? 2 * want : want + 1;
        int more = 0;
        search_key last = {0};
        for (int rounds = 0; got < (size_t)want && rounds < 50; rounds++) {
            activity_hit *hs;
            size_t nh;
            int rc = store_activity_list(ctx->c, ctx->a, &f, &hs, &nh);
            if (rc != WY_OK)
                return wy_fail_store(ctx, rc, "activity search");
            size_t i = 0;
            /* the cursor is the last row read, shown or not: rows before it that the
             * distance dropped would be dropped again */
            for (; i < nh && got < (size_t)want; i++) {
                f.after = hs[i].a.id;
                f.after_rank = hs[i].title_rank;
                f.after_next = hs[i].next_start;
                last = (search_key){
                    .rank = hs[i].title_rank, .next = hs[i].next_start, .id = hs[i].a.id};
                int64_t mm = -1;
                if (q->has_near && (mm = within(q, &hs[i])) < 0)
                    continue;
                if (view_of(&hs[i], mm, &v[got++]) < 0)
                    return -1;
            }
            /* more: a row left over, or a full batch that may have a successor */
            more = i < nh || nh == (size_t)f.limit;
            if (i < nh || nh < (size_t)f.limit)
                break;
        }
        if (more)
            *next_cursor = format_cursor(ctx, order, &last);
    }
    if (fill_many(ctx, v, got, q->from ? q->from : ctx->now, ACTIVITY_LIST_SESSIONS) < 0)
        return -1;
    *out = v;
    *n = got;
    return 0;
}
