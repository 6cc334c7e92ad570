/* activity: see activity.h. */
#include "domain/activity.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/authz.h"
#include "domain/division.h"
#include "domain/review.h"
#include "util/csvread.h"

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

int activity_create(wy_ctx *ctx, activity *a, const activity_session *s, size_t ns, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
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
