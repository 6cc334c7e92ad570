/* exchange_activity: see exchange_activity.h. */
#include "mod/exchange/exchange_activity.h"

#include <jansson.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/exchange/exchange.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

static int on_review_status(wy_ctx *ctx, int64_t id, const char *status)
{
    int rc = store_exchange_activity_set_status(ctx->c, id, status, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange activity status");
}

const review_type exchange_activity_review_type = {"exchange_activity", on_review_status};

static const char *const kinds[] = {"tour",     "culture_week", "culture_month", "culture_year",
                                    "festival", "expo",         "forum",         "joint_creation",
                                    "heritage", "training",     "study_visit",   NULL};
static const char *const scopes[] = {"international", "domestic", NULL};

int exchange_activity_kind_valid(const char *kind)
{
    for (size_t i = 0; kind && kinds[i]; i++)
        if (!strcmp(kind, kinds[i]))
            return 1;
    return 0;
}

/* Local midnight (+08:00) after a valid date: the end of that day, in ms. */
int64_t exchange_end_of_day(const char *date)
{
    struct tm tm = {.tm_year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
                               (date[2] - '0') * 10 + (date[3] - '0') - 1900,
                    .tm_mon = (date[5] - '0') * 10 + (date[6] - '0') - 1,
                    .tm_mday = (date[8] - '0') * 10 + (date[9] - '0') + 1};
    return (int64_t)timegm(&tm) * 1000 - (int64_t)8 * 3600 * 1000;
}

static int check_figure(wy_ctx *ctx, int64_t v, const char *field)
{
    if (v < -1 || v > 1000000000000LL)
        return wy_fail_field(ctx, E_INVALID, "bad_figure",
                             "A figure is a whole number from 0 to 10^12.", field);
    return 0;
}

static int check_figures(wy_ctx *ctx, int64_t participants, int64_t audience, int64_t media_reports,
                         int64_t online_reach, int64_t new_followers)
{
    return check_figure(ctx, participants, "participants") < 0 ||
                   check_figure(ctx, audience, "audience") < 0 ||
                   check_figure(ctx, media_reports, "media_reports") < 0 ||
                   check_figure(ctx, online_reach, "online_reach") < 0 ||
                   check_figure(ctx, new_followers, "new_followers") < 0
               ? -1
               : 0;
}

int exchange_activity_check(wy_ctx *ctx, const exchange_activity_input *in)
{
    if (exchange_check_text(ctx, in->title, 1, 200, "bad_title",
                            N_("A title has 1 to 200 characters."), "title") < 0 ||
        exchange_check_text(ctx, in->title_en, 0, 300, "bad_title_en",
                            N_("An English title has at most 300 characters."), "title_en") < 0 ||
        exchange_check_text(ctx, in->summary, 0, 5000, "bad_summary",
                            N_("A summary has at most 5000 characters."), "summary") < 0 ||
        exchange_check_text(ctx, in->summary_en, 0, 10000, "bad_summary_en",
                            N_("An English summary has at most 10000 characters."),
                            "summary_en") < 0 ||
        exchange_check_enum(ctx, in->kind, kinds, "bad_kind",
                            N_("No such kind of exchange activity."), "kind") < 0 ||
        exchange_check_enum(ctx, in->scope, scopes, "bad_scope",
                            N_("An activity is international or domestic."), "scope") < 0 ||
        exchange_check_date(ctx, in->starts_on, 1, "starts_on") < 0 ||
        exchange_check_date(ctx, in->ends_on, 1, "ends_on") < 0 ||
        check_figures(ctx, in->participants, in->audience, in->media_reports, in->online_reach,
                      in->new_followers) < 0)
        return -1;
    if (strcmp(in->ends_on, in->starts_on) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_dates", "The end is not before the start.",
                             "ends_on");
    if (in->npartners > EXCHANGE_MAX_PARTNERS)
        return wy_fail_field(ctx, E_INVALID, "bad_partners", "At most 20 partners.", "partners");
    for (size_t i = 0; i < in->npartners; i++)
        for (size_t k = 0; k < i; k++)
            if (in->partners[i] == in->partners[k])
                return wy_fail_field(ctx, E_INVALID, "bad_partners", "A partner named twice.",
                                     "partners");
    if (in->nstops > EXCHANGE_MAX_STOPS)
        return wy_fail_field(ctx, E_INVALID, "bad_stops", "At most 100 stops.", "stops");
    for (size_t i = 0; i < in->nstops; i++) {
        const exchange_stop *s = &in->stops[i];
        if (exchange_check_text(ctx, s->place, 1, 200, "bad_stop",
                                N_("A stop names its place, city and country."), "stops") < 0 ||
            exchange_check_text(ctx, s->city, 1, 100, "bad_stop",
                                N_("A stop names its place, city and country."), "stops") < 0 ||
            exchange_check_text(ctx, s->country, 1, 100, "bad_stop",
                                N_("A stop names its place, city and country."), "stops") < 0 ||
            exchange_check_date(ctx, s->starts_on, 1, "stops") < 0 ||
            exchange_check_date(ctx, s->ends_on, 1, "stops") < 0)
            return -1;
        if (strcmp(s->ends_on, s->starts_on) < 0 || strcmp(s->starts_on, in->starts_on) < 0 ||
            strcmp(s->ends_on, in->ends_on) > 0)
            return wy_fail_field(ctx, E_INVALID, "bad_stop_dates",
                                 "A stop's dates lie within the activity's.", "stops");
        if (s->shows < 0 || s->shows > 100000 || s->audience < 0 || s->audience > 1000000000000LL)
            return wy_fail_field(ctx, E_INVALID, "bad_figure",
                                 "A stop's shows and audience are whole numbers from 0.", "stops");
        /* both or neither; NAN (a coordinate missing) fails both comparisons */
        if (s->located && !(s->lat >= -90 && s->lat <= 90 && s->lon >= -180 && s->lon <= 180))
            return wy_fail_field(ctx, E_INVALID, "bad_coordinates",
                                 N_("A stop's latitude is from -90 to 90 and its longitude from "
                                    "-180 to 180, both given or neither."),
                                 "stops");
    }
    return 0;
}

int exchange_activity_create(wy_ctx *ctx, const exchange_activity_input *in, int64_t *id)
{
    if (exchange_activity_check(ctx, in) < 0)
        return -1;
    char div[DIVISION_CODE_MAX];
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = exchange_writable_division(ctx, in->division, div);
    if (res == 0 && in->channel_id) {
        exchange_channel ch;
        rc = store_exchange_channel_get(ctx->c, ctx->a, in->channel_id, &ch);
        if (rc == WY_NOTFOUND)
            res =
                wy_fail_field(ctx, E_INVALID, "unknown_channel", "No such channel.", "channel_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "channel");
        else if (strncmp(ch.division, div, 4))
            res = wy_fail_field(ctx, E_RULE, "other_city", "The channel is another city's.",
                                "channel_id");
    }
    for (size_t i = 0; res == 0 && i < in->npartners; i++) {
        exchange_partner p;
        rc = store_exchange_partner_get(ctx->c, ctx->a, in->partners[i], &p);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_partner", "No such partner.", "partners");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "partner");
        else if (strncmp(p.division, div, 4))
            res = wy_fail_field(ctx, E_RULE, "other_city", "The partner is another city's.",
                                "partners");
    }
    if (res == 0) {
        exchange_activity x = {.division = div,
                               .title = in->title,
                               .title_en = in->title_en ? in->title_en : "",
                               .summary = in->summary ? in->summary : "",
                               .summary_en = in->summary_en ? in->summary_en : "",
                               .kind = in->kind,
                               .scope = in->scope,
                               .channel_id = in->channel_id,
                               .starts_on = in->starts_on,
                               .ends_on = in->ends_on,
                               .ends_at = exchange_end_of_day(in->ends_on),
                               .participants = in->participants,
                               .audience = in->audience,
                               .media_reports = in->media_reports,
                               .online_reach = in->online_reach,
                               .new_followers = in->new_followers,
                               .author = ctx->who ? ctx->who->user_id : 0};
        rc = store_exchange_activity_create(ctx->c, &x, ctx->now, id);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange activity create");
    }
    for (size_t i = 0; res == 0 && i < in->npartners; i++)
        if ((rc = store_exchange_activity_add_partner(ctx->c, *id, in->partners[i])) != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange activity partner");
    for (size_t i = 0; res == 0 && i < in->nstops; i++) {
        exchange_stop s = in->stops[i];
        s.seq = (int)i + 1;
        if ((rc = store_exchange_activity_add_stop(ctx->c, *id, &s)) != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange stop");
    }
    if (res == 0)
        res = review_author_add(ctx, "exchange_activity", *id);
    if (res == 0)
        res = audit_add(ctx, "exchange_activity.create", "exchange_activity", *id, div, NULL,
                        "draft", in->title);
    return tx_end(ctx, res);
}

/* Load an activity the caller may write (indicators_manage over its division). */
static int load_writable(wy_ctx *ctx, int64_t id, exchange_activity *x)
{
    int rc = store_exchange_activity_get(ctx->c, ctx->a, id, x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity");
    return authz_require(ctx, EXCHANGE_PERM, x->division);
}

int exchange_activity_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    exchange_activity x;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = load_writable(ctx, id, &x);
    if (res == 0 && strcmp(x.status, "draft") && strcmp(x.status, "rejected"))
        res = wy_fail(ctx, E_CONFLICT, "bad_state",
                      "Only a draft or a rejected activity can be submitted.");
    if (res == 0)
        res = review_submit_tx(ctx, "exchange_activity", id, x.division, x.title, status);
    return tx_end(ctx, res);
}

int exchange_activity_set_figures(wy_ctx *ctx, int64_t id, int64_t participants, int64_t audience,
                                  int64_t media_reports, int64_t online_reach,
                                  int64_t new_followers)
{
    if (check_figures(ctx, participants, audience, media_reports, online_reach, new_followers) < 0)
        return -1;
    exchange_activity x;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = load_writable(ctx, id, &x);
    if (res == 0 &&
        (rc = store_exchange_activity_set_figures(ctx->c, id, participants, audience, media_reports,
                                                  online_reach, new_followers, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "exchange activity figures");
    if (res == 0)
        res = audit_add(ctx, "exchange_activity.figures", "exchange_activity", id, x.division,
                        x.status, x.status, "figures");
    return tx_end(ctx, res);
}

/* The partners and stops of n activities, into each. */
static int complete(wy_ctx *ctx, exchange_activity_full *xs, size_t n)
{
    int64_t *ids = arena_alloc(ctx->a, (n + 1) * sizeof(*ids)), *stop_of;
    if (!ids)
        return check_mem(ctx);
    for (size_t i = 0; i < n; i++)
        ids[i] = xs[i].a.id;
    exchange_activity_partner *ps;
    exchange_stop *ss;
    size_t np, ns;
    int rc = store_exchange_activity_partners(ctx->c, ctx->a, ids, n, &ps, &np);
    if (rc == WY_OK)
        rc = store_exchange_activity_stops(ctx->c, ctx->a, ids, n, &stop_of, &ss, &ns);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity details");
    /* both lists are ordered by activity: each activity's run is contiguous */
    for (size_t i = 0; i < n; i++) {
        xs[i].partners = NULL;
        xs[i].npartners = 0;
        for (size_t k = 0; k < np; k++)
            if (ps[k].activity_id == ids[i]) {
                if (!xs[i].partners)
                    xs[i].partners = &ps[k];
                xs[i].npartners++;
            }
        xs[i].stops = NULL;
        xs[i].nstops = 0;
        for (size_t k = 0; k < ns; k++)
            if (stop_of[k] == ids[i]) {
                if (!xs[i].stops)
                    xs[i].stops = &ss[k];
                xs[i].nstops++;
            }
    }
    return 0;
}

int exchange_activity_get(wy_ctx *ctx, int64_t id, exchange_activity_full *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_exchange_activity_get(ctx->c, ctx->a, id, &out->a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity");
    if (strcmp(out->a.status, "published") &&
        !(ctx->who && ctx->who->user_id && ctx->who->user_id == out->a.author) &&
        !authz_allows(ctx->who, EXCHANGE_PERM, out->a.division) &&
        !authz_allows(ctx->who, PERM_REVIEW, out->a.division))
        /* not published: to everyone else it does not exist */
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return complete(ctx, out, 1);
}

int exchange_activity_search(wy_ctx *ctx, const char *division, const char *q, int64_t partner,
                             const char *kind, int64_t before, int limit,
                             exchange_activity_full **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0 ||
        exchange_check_text(ctx, q, 0, 100, "bad_q", N_("A query has at most 100 characters."),
                            "q") < 0)
        return -1;
    if (kind && *kind && !exchange_activity_kind_valid(kind))
        return wy_fail_field(ctx, E_INVALID, "bad_kind", "No such kind of exchange activity.",
                             "kind");
    if (partner < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_partner", "A partner is an id.", "partner");
    exchange_activity *xs;
    int rc = store_exchange_activity_search(ctx->c, ctx->a, div, q && *q ? q : NULL, partner,
                                            kind && *kind ? kind : NULL, before, limit, &xs, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity search");
    *out = arena_alloc(ctx->a, (*n + 1) * sizeof(**out));
    if (!*out)
        return check_mem(ctx);
    for (size_t i = 0; i < *n; i++)
        (*out)[i].a = xs[i];
    return complete(ctx, *out, *n);
}

/* A stop's lat and lon members (numbers, or null or absent for none): one given is the stop
 * located, a member missing or not a number NAN, which the rules refuse (bad_coordinates). */
void exchange_stop_coordinates(json_t *o, exchange_stop *s)
{
    json_t *lat = json_object_get(o, "lat"), *lon = json_object_get(o, "lon");
    s->located = (lat && !json_is_null(lat)) || (lon && !json_is_null(lon));
    s->lat = json_is_number(lat) ? json_number_value(lat) : NAN;
    s->lon = json_is_number(lon) ? json_number_value(lon) : NAN;
}

/* A stop's coordinates as the API answers them: numbers, or null for none. */
json_t *exchange_stop_coordinate(const exchange_stop *s, double v)
{
    return s->located ? json_real(v) : json_null();
}
