/* timed_entry: see timed_entry.h. */
#include "mod/timed_entry/timed_entry.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/authz.h"
#include "mod/activities/booking_rules.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"

#define DAY_MS    (24LL * 3600 * 1000)
#define OFFSET_MS ((int64_t)WY_TZ_OFFSET_MIN * 60 * 1000)

/* Local (China time, no daylight saving) days are counted from 1970-01-01. */
static int64_t local_day_of(int64_t ms)
{
    int64_t t = ms + OFFSET_MS;
    return t >= 0 ? t / DAY_MS : -((-t + DAY_MS - 1) / DAY_MS);
}

static int64_t local_day_start(int64_t day)
{
    return day * DAY_MS - OFFSET_MS;
}

static void local_day_text(int64_t day, char out[11], int *weekday)
{
    time_t t = (time_t)(day * 86400);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
    *weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
}

static int slot_cmp(const void *a, const void *b)
{
    const timed_slot *x = a, *y = b;
    return x->starts - y->starts;
}

int timed_entry_parse_slots(const char *text, timed_slot *out, size_t max, size_t *n)
{
    json_error_t e;
    json_t *j = text ? json_loads(text, 0, &e) : NULL;
    int ok = j && json_is_array(j) && json_array_size(j) <= max;
    *n = 0;
    for (size_t i = 0; ok && i < json_array_size(j); i++) {
        json_t *p = json_array_get(j, i);
        const char *s = json_string_value(json_array_get(p, 0));
        const char *f = json_string_value(json_array_get(p, 1));
        ok = json_is_array(p) && json_array_size(p) == 2 && s && f;
        if (ok) {
            out[i] = (timed_slot){venue_parse_hhmm(s), venue_parse_hhmm(f)};
            ok = out[i].starts >= 0 && out[i].ends > out[i].starts;
            *n = i + 1;
        }
    }
    json_decref(j);
    return ok ? 0 : -1;
}

static const char *slots_json(wy_ctx *ctx, const timed_slot *s, size_t n)
{
    json_t *j = json_array();
    for (size_t i = 0; i < n; i++) {
        char a[6], b[6];
        venue_format_hhmm(s[i].starts, a);
        venue_format_hhmm(s[i].ends, b);
        json_array_append_new(j, json_pack("[s,s]", a, b));
    }
    char *t = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    const char *r = t ? arena_strdup(ctx->a, t) : NULL;
    free(t);
    return r;
}

/* Is the venue open for every minute of [from, to) on that day? */
static int open_through(const venue_hours *h, size_t nh, const venue_closure *cl, size_t nc,
                        const char *day, int weekday, int from, int to)
{
    for (int m = from; m < to; m++)
        if (!venue_open_at(h, nh, cl, nc, day, weekday, m))
            return 0;
    return 1;
}

typedef struct wanted {
    activity_session s;
    int used;
} wanted;

/* The sessions the configuration asks for now: slots starting after now, on the days from
 * today to today + days_ahead when the venue is open for the whole slot. */
static int wanted_sessions(wy_ctx *ctx, const timed_entry *te, wanted **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    venue v;
    int rc = store_venue_get(ctx->c, ctx->a, te->venue_id, &v);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue");
    if (!te->enabled || strcmp(v.status, "open"))
        return 0;
    timed_slot slots[TIMED_ENTRY_MAX_SLOTS];
    size_t ns;
    if (timed_entry_parse_slots(te->slots, slots, TIMED_ENTRY_MAX_SLOTS, &ns) < 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    qsort(slots, ns, sizeof(slots[0]), slot_cmp); /* saved sorted; the merge relies on it */
    int64_t today = local_day_of(ctx->now);
    char day[11];
    int wd;
    local_day_text(today, day, &wd);
    venue_hours *h;
    venue_closure *cl;
    size_t nh, nc;
    rc = store_venue_hours(ctx->c, ctx->a, v.id, &h, &nh);
    if (rc == WY_OK)
        rc = store_venue_closures(ctx->c, ctx->a, v.id, day, &cl, &nc);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "venue hours");
    wanted *w = arena_alloc(ctx->a, ((size_t)te->days_ahead + 1) * ns * sizeof(*w) + 1);
    if (!w)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    size_t k = 0;
    for (int64_t d = today; d <= today + te->days_ahead; d++) {
        local_day_text(d, day, &wd);
        int64_t start = local_day_start(d);
        int64_t opens = local_day_start(d - te->days_ahead) + te->opens_at_minute * 60000LL;
        for (size_t i = 0; i < ns; i++) {
            activity_session s = {.activity_id = te->activity_id,
                                  .starts_at = start + slots[i].starts * 60000LL,
                                  .ends_at = start + slots[i].ends * 60000LL,
                                  .capacity = te->capacity,
                                  .booking_opens_at = opens,
                                  .status = "scheduled"};
            s.booking_closes_at = s.ends_at; /* visitors may come in until the slot ends */
            s.cancel_deadline = s.starts_at;
            if (s.starts_at <= ctx->now || !booking_session_valid(&s) ||
                !open_through(h, nh, cl, nc, day, wd, slots[i].starts, slots[i].ends))
                continue;
            w[k++] = (wanted){s, 0};
        }
    }
    *out = w;
    *n = k;
    return 0;
}

static int same_terms(const activity_session *a, const activity_session *b)
{
    return a->ends_at == b->ends_at && a->capacity == b->capacity &&
           a->booking_opens_at == b->booking_opens_at &&
           a->booking_closes_at == b->booking_closes_at &&
           a->cancel_deadline == b->cancel_deadline && !strcmp(a->status, "scheduled");
}

/* Bring the future sessions of te's activity in line with te, inside the caller's
 * transaction (which holds the configuration row's lock). */
static int generate_tx(wy_ctx *ctx, const timed_entry *te, int *created, int *removed)
{
    wanted *w;
    size_t nw;
    if (wanted_sessions(ctx, te, &w, &nw) < 0)
        return -1;
    /* the existing future sessions with their bookings counted, in one query; both lists
     * are in time order (the wanted ones by day, then by slot), so one merge pairs them */
    session_booked *ex;
    size_t ne;
    int rc = store_sessions_booked_from(ctx->c, ctx->a, te->activity_id, ctx->now + 1, &ex, &ne);
    for (size_t i = 0, j = 0; rc == WY_OK && i < ne; i++) {
        const activity_session *e = &ex[i].s;
        while (j < nw && w[j].s.starts_at < e->starts_at)
            j++;
        wanted *match = j < nw && !w[j].used && w[j].s.starts_at == e->starts_at ? &w[j] : NULL;
        if (match)
            match->used = 1;
        if (ex[i].live > 0) /* booked: left as it is, whatever the configuration now says */
            continue;
        if (match) {
            if (!same_terms(e, &match->s)) {
                match->s.id = e->id;
                rc = store_session_reset(ctx->c, &match->s);
                if (rc == WY_NOTFOUND) /* seats held without a live booking: leave it */
                    rc = WY_OK;
            }
        } else if (strcmp(e->status, "cancelled")) {
            rc = store_session_remove(ctx->c, e->id);
            if (rc == WY_NOTFOUND) /* booked since it was counted: it stays */
                rc = WY_OK;
            else if (rc == WY_OK && removed)
                ++*removed;
        }
    }
    for (size_t j = 0; rc == WY_OK && j < nw; j++) {
        int64_t id;
        if (w[j].used)
            continue;
        rc = store_activity_session_create(ctx->c, &w[j].s, &id);
        if (rc == WY_OK && created)
            ++*created;
    }
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "timed entry sessions");
}

static void today_text(wy_ctx *ctx, char day[11])
{
    int wd;
    local_day_text(local_day_of(ctx->now), day, &wd);
}

int timed_entry_generate_venue(wy_ctx *ctx, int64_t venue_id, int force, int *created, int *removed)
{
    char day[11];
    today_text(ctx, day);
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_timed_entry_claim(ctx->c, venue_id, day, force);
    if (rc == WY_NOTFOUND) /* done today already, or no timed entry */
        return tx_end(ctx, 0);
    timed_entry te;
    if (rc == WY_OK)
        rc = store_timed_entry_get(ctx->c, ctx->a, venue_id, &te);
    int res = rc == WY_OK ? generate_tx(ctx, &te, created, removed)
                          : wy_fail_store(ctx, rc, "timed entry");
    return tx_end(ctx, res);
}

int timed_entry_generate(wy_ctx *ctx)
{
    int64_t *ids;
    size_t n;
    int rc = store_timed_entry_enabled(ctx->c, ctx->a, &ids, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "timed entry");
    int created = 0;
    for (size_t i = 0; i < n; i++)
        if (timed_entry_generate_venue(ctx, ids[i], 0, &created, NULL) < 0)
            return -1;
    return created;
}

static int hours_changed(wy_ctx *ctx, int64_t venue_id)
{
    return store_timed_entry_invalidate(ctx->c, venue_id);
}

static int hours_committed(wy_ctx *ctx, int64_t venue_id)
{
    return timed_entry_generate_venue(ctx, venue_id, 0, NULL, NULL);
}

void timed_entry_init(void)
{
    static const venue_hours_listener follow = {hours_changed, hours_committed};
    venue_on_hours_changed(&follow);
}

int timed_entry_ensure(wy_ctx *ctx, int64_t venue_id)
{
    timed_entry te;
    char day[11];
    today_text(ctx, day);
    int rc = store_timed_entry_get(ctx->c, ctx->a, venue_id, &te);
    if (rc == WY_NOTFOUND || (rc == WY_OK && te.generated_for && !strcmp(te.generated_for, day)))
        return 0;
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "timed entry");
    return timed_entry_generate_venue(ctx, venue_id, 0, NULL, NULL);
}

static int validate(wy_ctx *ctx, timed_entry_config *c)
{
    if (c->nslots < 1 || c->nslots > TIMED_ENTRY_MAX_SLOTS)
        return wy_fail_field(ctx, E_INVALID, "bad_slots", "Timed entry has 1 to 48 slots a day.",
                             "slots");
    qsort(c->slots, c->nslots, sizeof(c->slots[0]), slot_cmp);
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slots[i].starts < 0 || c->slots[i].ends > 1440 ||
            c->slots[i].ends <= c->slots[i].starts ||
            (i > 0 && c->slots[i].starts < c->slots[i - 1].ends))
            return wy_fail_field(ctx, E_INVALID, "bad_slots",
                                 "Each slot has a start and an end (HH:MM), ends after it starts, "
                                 "and slots do not overlap.",
                                 "slots");
    if (c->capacity < 1 || c->capacity > BOOKING_CAPACITY_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_capacity", "A slot takes 1 to 100000 people.",
                             "capacity");
    if (c->days_ahead < 0 || c->days_ahead > 60)
        return wy_fail_field(ctx, E_INVALID, "bad_days_ahead",
                             "Slots can be booked 0 to 60 days ahead.", "days_ahead");
    if (c->opens_at_minute < 0 || c->opens_at_minute > 1439)
        return wy_fail_field(ctx, E_INVALID, "bad_opens_at",
                             "Booking opens at a time of day (HH:MM).", "opens_at");
    if (c->max_companions < 0 || c->max_companions > 10)
        return wy_fail_field(ctx, E_INVALID, "bad_companions", "Companions are 0 to 10 a booking.",
                             "max_companions");
    return 0;
}

static int audit(wy_ctx *ctx, const char *action, const char *type, int64_t id,
                 const char *division, const char *from, const char *to, const char *what)
{
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)id);
    audit_entry e = {
        0, ctx->now, ctx->who ? ctx->who->user_id : 0, action, type, oid, division, from, to, what};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

/* The venue's timed-entry activity: made and published the first time. It is the venue's
 * own entry rather than a programme, so it does not go through review; the publication is
 * audited. */
static int ensure_activity(wy_ctx *ctx, const venue *v, const timed_entry *old, int max_companions,
                           int64_t *activity_id)
{
    activity a;
    int rc;
    if (old) {
        rc = store_activity_get(ctx->c, ctx->a, old->activity_id, &a);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "activity");
        *activity_id = a.id;
        if (a.max_companions != max_companions) {
            a.max_companions = max_companions;
            rc = store_activity_update(ctx->c, &a, ctx->now);
            if (rc != WY_OK)
                return wy_fail_store(ctx, rc, "activity");
        }
        return 0;
    }
    a = (activity){.title = v->name,
                   .category = "timed_entry",
                   .venue_id = v->id,
                   .division = v->division,
                   .address = v->address,
                   .lon = v->lon,
                   .lat = v->lat,
                   .description = "",
                   .max_companions = max_companions,
                   .created_by = ctx->who->user_id};
    rc = store_activity_create(ctx->c, &a, ctx->now, activity_id);
    if (rc == WY_OK)
        rc = store_activity_set_status(ctx->c, *activity_id, "published", ctx->now);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    return audit(ctx, "activity.publish", "activity", *activity_id, v->division, "draft",
                 "published", "timed entry of the venue");
}

/* Save te (and the activity) and regenerate, inside one transaction. */
static int save(wy_ctx *ctx, int64_t venue_id, timed_entry_config *cfg, int enable)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (enable && validate(ctx, cfg) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    venue v;
    timed_entry old, te = {0};
    int res = 0, had = 0;
    int rc = store_venue_get(ctx->c, ctx->a, venue_id, &v);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "venue");
    else if (authz_require(ctx, PERM_VENUE_MANAGE, v.division) < 0)
        res = -1;
    if (res == 0) {
        rc = store_timed_entry_get(ctx->c, ctx->a, venue_id, &old);
        had = rc == WY_OK;
        if (rc != WY_OK && rc != WY_NOTFOUND)
            res = wy_fail_store(ctx, rc, "timed entry");
        else if (!enable && !had)
            res = wy_fail(ctx, E_NOTFOUND, "no_timed_entry", "This venue has no timed entry.");
    }
    if (res == 0 && enable) {
        te = (timed_entry){.venue_id = venue_id,
                           .slots = slots_json(ctx, cfg->slots, cfg->nslots),
                           .capacity = cfg->capacity,
                           .days_ahead = cfg->days_ahead,
                           .opens_at_minute = cfg->opens_at_minute,
                           .max_companions = cfg->max_companions,
                           .enabled = 1};
        res = ensure_activity(ctx, &v, had ? &old : NULL, cfg->max_companions, &te.activity_id);
    } else if (res == 0) {
        te = old;
        te.enabled = 0;
    }
    char day[11];
    today_text(ctx, day);
    if (res == 0 && ((rc = store_timed_entry_put(ctx->c, &te, ctx->now)) != WY_OK ||
                     (rc = store_timed_entry_claim(ctx->c, venue_id, day, 1)) != WY_OK))
        res = wy_fail_store(ctx, rc, "timed entry");
    if (res == 0)
        res = generate_tx(ctx, &te, NULL, NULL);
    if (res == 0) {
        char o[6];
        venue_format_hhmm(te.opens_at_minute, o);
        const char *what = enable
                               ? arena_sprintf(ctx->a, "%zu slots of %d, %d days ahead, opens %s",
                                               cfg->nslots, te.capacity, te.days_ahead, o)
                               : "disabled";
        res = audit(ctx, "venue.timed_entry", "venue", venue_id, v.division, NULL,
                    enable ? "enabled" : "disabled", what);
    }
    return tx_end(ctx, res);
}

int timed_entry_configure(wy_ctx *ctx, int64_t venue_id, timed_entry_config *cfg)
{
    return save(ctx, venue_id, cfg, 1);
}

int timed_entry_disable(wy_ctx *ctx, int64_t venue_id)
{
    return save(ctx, venue_id, NULL, 0);
}

int timed_entry_enabled(wy_ctx *ctx, int64_t venue_id)
{
    timed_entry te;
    return store_timed_entry_get(ctx->c, ctx->a, venue_id, &te) == WY_OK && te.enabled;
}

int timed_entry_get(wy_ctx *ctx, int64_t venue_id, timed_entry_view *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_timed_entry_get(ctx->c, ctx->a, venue_id, &out->te);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "no_timed_entry", "This venue has no timed entry.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "timed entry");
    out->slots = arena_alloc(ctx->a, TIMED_ENTRY_MAX_SLOTS * sizeof(*out->slots));
    if (!out->slots ||
        timed_entry_parse_slots(out->te.slots, out->slots, TIMED_ENTRY_MAX_SLOTS, &out->nslots) < 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    if (!out->te.enabled)
        return 0;
    int64_t until = local_day_start(local_day_of(ctx->now) + out->te.days_ahead + 1);
    activity_session *s;
    size_t n;
    rc = store_activity_sessions_between(ctx->c, ctx->a, out->te.activity_id, ctx->now - DAY_MS,
                                         until, &s, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "sessions");
    out->sessions = s;
    for (size_t i = 0; i < n; i++) /* scheduled ones not yet over */
        if (!strcmp(s[i].status, "scheduled") && s[i].ends_at > ctx->now)
            out->sessions[out->nsessions++] = s[i];
    return 0;
}
