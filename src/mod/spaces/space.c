/* space: see space.h. */
#include "mod/spaces/space.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/notify.h"
#include "core/seats.h"
#include "util/csvread.h"
#include "util/timeutil.h"
#include "mod/venues/venue_store.h"

#define MINUTE_MS ((int64_t)60000)
#define DAY_MS    ((int64_t)86400000)
#define WEEK_MS   (7 * DAY_MS)

int space_intervals_overlap(int64_t s1, int64_t e1, int64_t s2, int64_t e2)
{
    return s1 < e2 && s2 < e1;
}

int space_managed_by(const principal *who, const space *s)
{
    return authz_allows(who, PERM_VENUE_MANAGE, s->division);
}

int space_booking_own(const principal *who, const space_booking *b)
{
    return who && who->user_id && who->user_id == b->user_id;
}

int space_booking_full_view(const principal *who, const space_booking *b, const space *s)
{
    return space_booking_own(who, b) || space_managed_by(who, s);
}

int space_check_times(wy_ctx *ctx, const space *s, int64_t starts, int64_t ends)
{
    if (!seats_span_valid(starts, ends))
        return wy_fail_field(ctx, E_INVALID, "bad_time", "A booking ends after it starts.",
                             "ends_at");
    if (starts <= ctx->now)
        return wy_fail_field(ctx, E_RULE, "in_past", "A booking cannot start in the past.",
                             "starts_at");
    if (starts > ctx->now + SPACE_MAX_AHEAD_DAYS * DAY_MS)
        return wy_fail_field(ctx, E_RULE, "too_far_ahead",
                             "A space can be booked at most 180 days ahead.", "starts_at");
    if (ends - starts > (int64_t)s->max_minutes * MINUTE_MS)
        return wy_fail_field(ctx, E_RULE, "too_long",
                             "This booking is longer than the space allows at a time.", "ends_at");
    /* the local (UTC+8) time of day of the start; the end must fall on the same day */
    int64_t local = (starts + WY_TZ_OFFSET_MIN * MINUTE_MS) % DAY_MS;
    if (local < (int64_t)s->opens * MINUTE_MS ||
        local + (ends - starts) > (int64_t)s->closes * MINUTE_MS)
        return wy_fail_field(ctx, E_RULE, "outside_hours",
                             "A booking lies within the space's bookable hours of one day.",
                             "starts_at");
    return 0;
}

static int text_ok(const char *s, size_t max_chars)
{
    return !s || (utf8_valid(s, strlen(s)) && utf8_length(s) <= max_chars);
}

/* ---- spaces ---- */

static int fill_view(wy_ctx *ctx, space_view *v)
{
    division d;
    venue ve;
    v->division_name =
        store_division_get(ctx->c, ctx->a, v->s.division, &d) == WY_OK ? d.name : NULL;
    v->venue_name = v->s.venue_id && store_venue_get(ctx->c, ctx->a, v->s.venue_id, &ve) == WY_OK
                        ? ve.name
                        : NULL;
    return 0;
}

int space_get(wy_ctx *ctx, int64_t id, space_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_space_get(ctx->c, ctx->a, id, &out->s);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "space");
    return fill_view(ctx, out);
}

/* Check s and complete it from its venue (division; place when not given). */
static int validate(wy_ctx *ctx, space *s)
{
    if (!s->kind || (strcmp(s->kind, "room") && strcmp(s->kind, "street_station")))
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "A space is a room or a street station.",
                             "kind");
    if (!s->name || !*s->name || !text_ok(s->name, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 100 characters.", "name");
    if (!text_ok(s->address, 200) || !text_ok(s->equipment, 500) || !text_ok(s->description, 5000))
        return wy_fail(ctx, E_INVALID, "bad_text", "A text field is too long or not UTF-8.");
    if (s->capacity < 0 || s->capacity > 100000)
        return wy_fail_field(ctx, E_INVALID, "bad_capacity", "The capacity is 0 to 100000 people.",
                             "capacity");
    if (s->opens < 0 || s->opens > 1439 || s->closes < 1 || s->closes > 1440 ||
        s->closes <= s->opens)
        return wy_fail_field(ctx, E_INVALID, "bad_hours",
                             "Bookable hours open before they close, within one day.", "opens");
    if (s->max_minutes < 15 || s->max_minutes > 1440)
        return wy_fail_field(ctx, E_INVALID, "bad_max_minutes",
                             "The longest booking is 15 to 1440 minutes.", "max_minutes");
    if (s->status && strcmp(s->status, "active") && strcmp(s->status, "closed"))
        return wy_fail_field(ctx, E_INVALID, "bad_status", "The status is active or closed.",
                             "status");
    if (isnan(s->lon) != isnan(s->lat) ||
        (!isnan(s->lon) && (s->lon < -180 || s->lon > 180 || s->lat < -90 || s->lat > 90)))
        return wy_fail_field(ctx, E_INVALID, "bad_location",
                             "A location is a longitude from -180 to 180 and a latitude from -90 "
                             "to 90 (WGS84).",
                             "lon");
    if (!strcmp(s->kind, "room") && !s->venue_id)
        return wy_fail_field(ctx, E_INVALID, "venue_required", "A room belongs to a venue.",
                             "venue_id");
    int rc;
    if (s->venue_id) {
        venue v;
        rc = store_venue_get(ctx->c, ctx->a, s->venue_id, &v);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue");
        s->division = v.division;
        if (isnan(s->lon)) {
            s->lon = v.lon;
            s->lat = v.lat;
        }
        if (!s->address)
            s->address = v.address;
        return 0;
    }
    char div[DIVISION_CODE_MAX];
    if (!s->division || division_normalize(s->division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    division d;
    rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    s->division = arena_strdup(ctx->a, div);
    return 0;
}

static int save(wy_ctx *ctx, space *s, int create)
{
    if (validate(ctx, s) < 0)
        return -1;
    if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, s->division) < 0)
        return -1;
    int rc = create ? store_space_create(ctx->c, s, ctx->now, &s->id)
                    : store_space_update(ctx->c, s, ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "space save");
    return audit_add(ctx, create ? "space.create" : "space.update", "space", s->id, s->division,
                     NULL, s->status ? s->status : "active", NULL);
}

int space_create(wy_ctx *ctx, space *s, int64_t *id)
{
    s->id = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = save(ctx, s, 1);
    if (res == 0)
        *id = s->id;
    return tx_end(ctx, res);
}

int space_update(wy_ctx *ctx, space *s)
{
    if (tx_begin(ctx) < 0)
        return -1;
    space old;
    int res = 0;
    int rc = store_space_get(ctx->c, ctx->a, s->id, &old);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "space");
    /* the editor must hold the space where it is and where it goes */
    else if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, old.division) < 0)
        res = -1;
    if (res == 0)
        res = save(ctx, s, 0);
    return tx_end(ctx, res);
}

int space_list(wy_ctx *ctx, space_filter *f, space_view **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (f->prefix && *f->prefix) {
        if (division_normalize(f->prefix, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        f->prefix = arena_strdup(ctx->a, div);
    } else {
        f->prefix = NULL;
    }
    if (f->kind && !*f->kind)
        f->kind = NULL;
    if (f->kind && strcmp(f->kind, "room") && strcmp(f->kind, "street_station"))
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "A space is a room or a street station.",
                             "kind");
    space_named *ss;
    size_t ns;
    int rc = store_space_list_named(ctx->c, ctx->a, f, &ss, &ns);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "space list");
    space_view *v = arena_alloc(ctx->a, (ns + 1) * sizeof(*v));
    if (!v)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    for (size_t i = 0; i < ns; i++)
        v[i] = (space_view){
            .s = ss[i].s, .division_name = ss[i].division_name, .venue_name = ss[i].venue_name};
    *out = v;
    *n = ns;
    return 0;
}

/* ---- bookings ---- */

static int contact_ok(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    if (n < 5 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789+- ", c[i]))
            return 0;
    return 1;
}

int space_booking_request(wy_ctx *ctx, int64_t space_id, const space_booking *b, int repeat_weeks,
                          space_booking **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    if (!b->group_name || !*b->group_name || !text_ok(b->group_name, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_group_name",
                             "The group or performer's name has 1 to 100 characters.",
                             "group_name");
    if (!b->title || !*b->title || !text_ok(b->title, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title",
                             "The programme's title has 1 to 100 characters.", "programme.title");
    if (!text_ok(b->content, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "The programme's description has at most 2000 characters.",
                             "programme.description");
    if (b->performers < 1 || b->performers > 10000)
        return wy_fail_field(ctx, E_INVALID, "bad_performers", "Performers are 1 to 10000 people.",
                             "programme.performers");
    if (b->audience < 0 || b->audience > 1000000)
        return wy_fail_field(ctx, E_INVALID, "bad_audience",
                             "The expected audience is 0 to 1000000 people.", "programme.audience");
    const char *contact = b->contact && *b->contact ? b->contact : ctx->who->phone;
    if (!contact_ok(contact))
        return wy_fail_field(ctx, E_INVALID, "bad_contact",
                             "A contact is a telephone number of 5 to 30 digits.", "contact");
    if (repeat_weeks < 1 || repeat_weeks > SPACE_MAX_REPEAT_WEEKS)
        return wy_fail_field(ctx, E_INVALID, "bad_repeat", "A request repeats for 1 to 26 weeks.",
                             "repeat_weeks");
    space s;
    int rc = store_space_get(ctx->c, ctx->a, space_id, &s);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "space");
    if (strcmp(s.status, "active"))
        return wy_fail(ctx, E_RULE, "space_closed", "This space takes no bookings now.");
    if (space_check_times(ctx, &s, b->starts_at, b->ends_at) < 0)
        return -1;
    space_booking *v = arena_alloc(ctx->a, (size_t)repeat_weeks * sizeof(*v));
    if (!v)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    for (int k = 0; k < repeat_weeks && res == 0; k++) {
        v[k] = *b;
        v[k].space_id = space_id;
        v[k].user_id = ctx->who->user_id;
        v[k].contact = contact;
        v[k].starts_at = b->starts_at + k * WEEK_MS; /* China keeps no daylight saving */
        v[k].ends_at = b->ends_at + k * WEEK_MS;
        v[k].status = "pending";
        v[k].series_id = k ? v[0].id : 0;
        v[k].created_at = ctx->now;
        /* a time that is taken already is refused now rather than left for staff to refuse
         * (advisory: the approval checks again, under the space's lock) */
        space_booking with;
        rc = store_space_booking_overlap(ctx->c, ctx->a, space_id, v[k].starts_at, v[k].ends_at, 0,
                                         &with);
        if (rc == WY_OK) {
            res = wy_fail_field(ctx, E_CONFLICT, "overlap",
                                "This time overlaps a booking that is approved already.",
                                "starts_at");
            *out = arena_alloc(ctx->a, 2 * sizeof(**out));
            if (*out) {
                (*out)[0] = v[k];
                (*out)[1] = with;
                *n = 2;
            }
            break;
        }
        if (rc == WY_NOTFOUND)
            rc = store_space_booking_create(ctx->c, &v[k], ctx->now, &v[k].id);
        if (rc == WY_OK && k == 1)
            rc = store_space_booking_set_series(ctx->c, v[0].id, v[0].id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "space booking");
    }
    if (res == 0 && repeat_weeks > 1)
        v[0].series_id = v[0].id;
    if (res == 0)
        res = audit_add(
            ctx, "space_booking.request", "space_booking", v[0].id, s.division, NULL, "pending",
            repeat_weeks > 1 ? arena_sprintf(ctx->a, "weekly x%d: %s", repeat_weeks, b->title)
                             : b->title);
    if (tx_end(ctx, res) < 0)
        return -1;
    *out = v;
    *n = (size_t)repeat_weeks;
    return 0;
}

static int push(wy_ctx *ctx, space_booking **v, size_t *n, const space_booking *b)
{
    /* at most SPACE_MAX_REPEAT_WEEKS + 1 entries: allocated at that size on first use */
    if (!*v && !(*v = arena_alloc(ctx->a, (SPACE_MAX_REPEAT_WEEKS + 1) * sizeof(**v))))
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    if (*n <= SPACE_MAX_REPEAT_WEEKS)
        (*v)[(*n)++] = *b;
    return 0;
}

static int push_conflict(wy_ctx *ctx, space_decision *d, const space_booking *b,
                         const space_booking *with)
{
    if (!d->conflicts &&
        !(d->conflicts = arena_alloc(ctx->a, (SPACE_MAX_REPEAT_WEEKS + 1) * sizeof(*d->conflicts))))
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    if (d->nconflicts <= SPACE_MAX_REPEAT_WEEKS)
        d->conflicts[d->nconflicts++] = (space_conflict){*b, *with};
    return 0;
}

/* Decide one occurrence, inside the transaction (the space locked for an approval). */
static int decide_one(wy_ctx *ctx, const space *s, space_booking *b, int approve,
                      const char *reason, space_decision *d)
{
    const char *to = approve ? "approved" : "rejected";
    if (approve) {
        space_booking with;
        int rc = store_space_booking_overlap(ctx->c, ctx->a, s->id, b->starts_at, b->ends_at, b->id,
                                             &with);
        if (rc == WY_OK)
            return push_conflict(ctx, d, b, &with);
        if (rc != WY_NOTFOUND)
            return wy_fail_store(ctx, rc, "overlap");
    }
    const char *from = b->status;
    int rc = store_space_booking_set_status(ctx->c, b->id, from, to, ctx->who->user_id, reason,
                                            ctx->now);
    if (rc == WY_NOTFOUND)
        return push(ctx, &d->skipped, &d->nskipped, b);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "space booking decision");
    b->status = to;
    b->decided_by = ctx->who->user_id;
    b->decided_at = ctx->now;
    b->reason = reason;
    if (push(ctx, &d->done, &d->ndone, b) < 0)
        return -1;
    return audit_add(ctx, approve ? "space_booking.approve" : "space_booking.reject",
                     "space_booking", b->id, s->division, from, to, reason);
}

/* May this occurrence be decided now? Approvals take pending ones; a rejection also
 * withdraws an approval. Neither touches what has started. */
static int decidable(wy_ctx *ctx, const space_booking *b, int approve)
{
    if (b->starts_at <= ctx->now)
        return 0;
    return !strcmp(b->status, "pending") || (!approve && !strcmp(b->status, "approved"));
}

const notify_kind space_kind_approved = {"space_booking.approved", 1};
const notify_kind space_kind_rejected = {"space_booking.rejected", 1};

/* Tell the applicant the decision, in its transaction: one notification for what was
 * decided now (a series' weeks together), with the first occurrence's times. */
static int tell_applicant(wy_ctx *ctx, const space *s, int approve, const char *reason,
                          const space_decision *d)
{
    const space_booking *b = &d->done[0];
    char from[40], to[40];
    time_format_rfc3339(b->starts_at, from, sizeof(from), 0);
    time_format_rfc3339(b->ends_at, to, sizeof(to), 0);
    json_t *p =
        json_pack("{s:I,s:o,s:I,s:s,s:s,s:s,s:s,s:I,s:s?}", "space_booking_id", (json_int_t)b->id,
                  "series_id", b->series_id ? json_integer(b->series_id) : json_null(), "space_id",
                  (json_int_t)s->id, "space", s->name, "title", b->title, "starts_at", from,
                  "ends_at", to, "occurrences", (json_int_t)d->ndone, "reason", reason);
    char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(p);
    /* the webhook body keeps the form it had before notifications were generic: the
     * division, and the rest in params (docs/notifications.md) */
    json_t *extra = json_pack("{s:s}", "division", s->division);
    if (!extra || !text) {
        json_decref(extra);
        free(text);
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    notify_msg m = {.kind = approve ? &space_kind_approved : &space_kind_rejected,
                    .user_id = b->user_id,
                    .subject_type = "space_booking",
                    .subject_id = b->id,
                    .title = b->title,
                    .href = "/me/space-bookings",
                    .at = b->starts_at,
                    .division = s->division,
                    .params = text,
                    .extra = extra};
    int res = notify_send(ctx, &m, NULL);
    json_decref(extra);
    free(text);
    return res;
}

int space_booking_decide(wy_ctx *ctx, int64_t id, int approve, const char *reason, int series,
                         space_decision *out)
{
    memset(out, 0, sizeof(*out));
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    if (reason && !*reason)
        reason = NULL;
    if (!approve && !reason)
        return wy_fail_field(ctx, E_INVALID, "reason_required", "A rejection needs a reason.",
                             "reason");
    if (!text_ok(reason, 500))
        return wy_fail_field(ctx, E_INVALID, "bad_reason", "A reason has at most 500 characters.",
                             "reason");
    if (tx_begin(ctx) < 0)
        return -1;
    space_booking b;
    space s;
    int res = 0;
    int rc = store_space_booking_get(ctx->c, ctx->a, id, &b);
    if (rc == WY_OK)
        rc = store_space_get(ctx->c, ctx->a, b.space_id, &s);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "space booking");
    else if (authz_require(ctx, PERM_VENUE_MANAGE, s.division) < 0)
        res = -1;
    /* a manager who asked for the space (for a troupe of its own) leaves the decision to
     * another: nobody approves their own request (a series has one applicant) */
    else if (b.user_id == ctx->who->user_id)
        res = wy_fail(ctx, E_FORBIDDEN, "own_request",
                      "You asked for this booking yourself: another manager must decide it.");
    /* approvals of one space run one at a time: the lock first, then read what is approved
     * (on PostgreSQL each statement after the lock sees what the one before us committed) */
    else if (approve && (rc = store_space_lock(ctx->c, s.id)) != WY_OK)
        res = wy_fail_store(ctx, rc, "space lock");
    else if ((rc = store_space_booking_get(ctx->c, ctx->a, id, &b)) != WY_OK)
        res = wy_fail_store(ctx, rc, "space booking");
    if (res == 0 && (!series || !b.series_id)) {
        if (b.starts_at <= ctx->now)
            res = wy_fail(ctx, E_RULE, "started", "This booking has started or is over.");
        else if (!decidable(ctx, &b, approve))
            res = wy_fail(ctx, E_CONFLICT, "bad_state",
                          approve ? "Only a pending request can be approved."
                                  : "Only a pending or approved booking can be rejected.");
        else
            res = decide_one(ctx, &s, &b, approve, reason, out);
    } else if (res == 0) {
        space_booking *occ;
        size_t nocc;
        rc = store_space_booking_series(ctx->c, ctx->a, b.series_id, &occ, &nocc);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "space booking series");
        /* a series decision takes the pending weeks only: approved ones stay approved */
        for (size_t i = 0; res == 0 && i < nocc; i++)
            res = decidable(ctx, &occ[i], approve) && !strcmp(occ[i].status, "pending")
                      ? decide_one(ctx, &s, &occ[i], approve, reason, out)
                      : push(ctx, &out->skipped, &out->nskipped, &occ[i]);
    }
    /* nothing decided: every occurrence overlaps, or (a race with a cancellation or another
     * decision) none is pending any more */
    if (res == 0 && out->ndone == 0)
        res = out->nconflicts
                  ? wy_fail(ctx, E_CONFLICT, "overlap",
                            "This time overlaps a booking that is approved already.")
                  : wy_fail(ctx, E_CONFLICT, "bad_state",
                            "Nothing here can be decided now: it is not pending any more.");
    if (res == 0)
        res = tell_applicant(ctx, &s, approve, reason, out);
    return tx_end(ctx, res);
}

int space_booking_cancel(wy_ctx *ctx, int64_t id, int series, size_t *n)
{
    *n = 0;
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    if (tx_begin(ctx) < 0)
        return -1;
    space_booking b;
    space s;
    int res = 0;
    int rc = store_space_booking_get(ctx->c, ctx->a, id, &b);
    if (rc == WY_OK && b.user_id != ctx->who->user_id)
        rc = WY_NOTFOUND; /* another person's booking does not exist for you */
    if (rc == WY_OK)
        rc = store_space_get(ctx->c, ctx->a, b.space_id, &s);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "space booking");
    else if (strcmp(b.status, "pending") && strcmp(b.status, "approved"))
        res = wy_fail(ctx, E_CONFLICT, "not_active", "This booking is not active.");
    else if (b.starts_at <= ctx->now)
        res = wy_fail(ctx, E_RULE, "too_late", "The time to cancel this booking has passed.");
    space_booking *occ = &b;
    size_t nocc = 1;
    if (res == 0 && series && b.series_id &&
        (rc = store_space_booking_series(ctx->c, ctx->a, b.series_id, &occ, &nocc)) != WY_OK)
        res = wy_fail_store(ctx, rc, "space booking series");
    for (size_t i = 0; res == 0 && i < nocc; i++) {
        if (occ[i].starts_at <= ctx->now ||
            (strcmp(occ[i].status, "pending") && strcmp(occ[i].status, "approved")))
            continue;
        rc = store_space_booking_set_status(ctx->c, occ[i].id, occ[i].status, "cancelled", 0, NULL,
                                            ctx->now);
        if (rc == WY_NOTFOUND)
            continue;
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "space booking cancel");
        else if ((res = audit_add(ctx, "space_booking.cancel", "space_booking", occ[i].id,
                                  s.division, occ[i].status, "cancelled", NULL)) == 0)
            (*n)++;
    }
    return tx_end(ctx, res);
}

static int by_id(const void *x, const void *y)
{
    int64_t a = ((const space_booking_row *)x)->b.id, b = ((const space_booking_row *)y)->b.id;
    return (a > b) - (a < b);
}

/* The applicants' names and whole contact numbers of these subtrees are shown: on record,
 * an entry for each subtree (so its auditors read it). */
static int audit_queue_read(wy_ctx *ctx, const char *const *scopes, size_t nscopes)
{
    for (size_t i = 0; i < nscopes; i++)
        if (audit_personal(ctx, "personal.read", "space_booking_list", scopes[i], scopes[i], NULL) <
            0)
            return -1;
    return 0;
}

/* The queue of space_booking_queue; *audit set when the rows are read for showing. */
static int queue_rows(wy_ctx *ctx, int audit, const char *status, const char *division,
                      int64_t space_id, int64_t after, int limit, space_booking_row **out,
                      size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t nscopes = 0;
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        if (authz_require(ctx, PERM_VENUE_MANAGE, div) < 0)
            return -1;
        scopes[nscopes++] = div;
    } else { /* every subtree the caller manages, when it has several */
        nscopes = authz_scopes(ctx->who, PERM_VENUE_MANAGE, scopes, AUTHZ_SCOPES_MAX);
    }
    if (!nscopes)
        return ctx->who && ctx->who->user_id
                   ? wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.")
                   : wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    if (status && (!*status || !strcmp(status, "all")))
        status = NULL;
    if (status && strcmp(status, "pending") && strcmp(status, "approved") &&
        strcmp(status, "rejected") && strcmp(status, "cancelled"))
        return wy_fail_field(ctx, E_INVALID, "bad_status",
                             "The status is pending, approved, rejected, cancelled or all.",
                             "status");
    if (nscopes == 1) {
        int rc = store_space_bookings_list(ctx->c, ctx->a, status, scopes[0], space_id, after,
                                           limit, out, n);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "space booking list");
        return audit ? audit_queue_read(ctx, scopes, nscopes) : 0;
    }
    /* one page from each subtree (they do not overlap), merged by id: the first limit of
     * them are the page */
    space_booking_row *all = arena_alloc(ctx->a, nscopes * (size_t)limit * sizeof(*all));
    size_t total = 0;
    if (!all)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    for (size_t i = 0; i < nscopes; i++) {
        space_booking_row *part;
        size_t np;
        int rc = store_space_bookings_list(ctx->c, ctx->a, status, scopes[i], space_id, after,
                                           limit, &part, &np);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "space booking list");
        memcpy(all + total, part, np * sizeof(*part));
        total += np;
    }
    qsort(all, total, sizeof(*all), by_id);
    *out = all;
    *n = total < (size_t)limit ? total : (size_t)limit;
    return audit ? audit_queue_read(ctx, scopes, nscopes) : 0;
}

int space_booking_queue(wy_ctx *ctx, const char *status, const char *division, int64_t space_id,
                        int64_t after, int limit, space_booking_row **out, size_t *n)
{
    return queue_rows(ctx, 1, status, division, space_id, after, limit, out, n);
}

int space_booking_pending_count(wy_ctx *ctx, int max, size_t *n)
{
    space_booking_row *rows;
    return queue_rows(ctx, 0, "pending", NULL, 0, 0, max, &rows, n);
}

int space_my_bookings(wy_ctx *ctx, int64_t before, int limit, space_booking_row **out, size_t *n)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    int rc = store_space_bookings_of_user(ctx->c, ctx->a, ctx->who->user_id, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "space bookings");
}

int space_schedule(wy_ctx *ctx, int64_t space_id, int64_t from, int64_t to, space_booking **out,
                   size_t *n)
{
    if (to <= from || to - from > 62 * DAY_MS)
        return wy_fail_field(ctx, E_INVALID, "bad_range",
                             "A schedule runs from a time to a later one, at most 62 days.", "to");
    space s;
    int rc = store_space_get(ctx->c, ctx->a, space_id, &s);
    if (rc == WY_OK)
        rc = store_space_schedule(ctx->c, ctx->a, space_id, from, to, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "space schedule");
}
