/* exchange_revision: see exchange_revision.h. What the core's revisions (core/revision.h)
 * need to know of an exchange activity and of a plan entry; the checks and the writing of a
 * change are amend.c's, the same for a draft and for an approved revision. */
#include "mod/exchange/exchange_revision.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"

#define N_(s) s /* a msgid, translated where it is shown */

const char *const exchange_activity_revision_fields[] = {
    "title",      "title_en",  "summary", "summary_en", "kind",  "scope",
    "channel_id", "starts_on", "ends_on", "partners",   "stops", NULL};
enum {
    A_TITLE,
    A_TITLE_EN,
    A_SUMMARY,
    A_SUMMARY_EN,
    A_KIND,
    A_SCOPE,
    A_CHANNEL,
    A_STARTS_ON,
    A_ENDS_ON,
    A_PARTNERS,
    A_STOPS,
    A_COUNT
};

const char *const exchange_plan_revision_fields[] = {"unit",    "title", "kind",     "starts_on",
                                                     "ends_on", "note",  "partners", NULL};
enum { P_UNIT, P_TITLE, P_KIND, P_STARTS_ON, P_ENDS_ON, P_NOTE, P_PARTNERS, P_COUNT };

static int manages(const principal *who, const revision_target *t)
{
    return authz_allows(who, EXCHANGE_PERM, t->division);
}

/* ---- values as texts: ids, lists of ids and stops as JSON ---- */

/* The JSON text of j (taken), in the arena; NULL when out of memory. */
static const char *json_text(wy_ctx *ctx, json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    const char *out = s ? arena_strdup(ctx->a, s) : NULL;
    free(s);
    return out;
}

static const char *ids_text(wy_ctx *ctx, const int64_t *ids, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_integer((json_int_t)ids[i]));
    return json_text(ctx, a);
}

static const char *stops_text(wy_ctx *ctx, const exchange_stop *s, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_pack("{s:s?,s:s?,s:s?,s:s?,s:s?,s:I,s:I,s:o,s:o}", "place",
                                           s[i].place, "city", s[i].city, "country", s[i].country,
                                           "starts_on", s[i].starts_on, "ends_on", s[i].ends_on,
                                           "shows", (json_int_t)s[i].shows, "audience",
                                           (json_int_t)s[i].audience, "lat",
                                           exchange_stop_coordinate(&s[i], s[i].lat), "lon",
                                           exchange_stop_coordinate(&s[i], s[i].lon)));
    return json_text(ctx, a);
}

/* A text of the arena, or NULL, of a JSON string member. */
static const char *member(wy_ctx *ctx, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? arena_strdup(ctx->a, json_string_value(v)) : NULL;
}

/* A kept list of ids, or of stops (stops set): -1 when it does not read (never, as kept). */
static int list_of(wy_ctx *ctx, const char *text, int stops, void **out, size_t *n)
{
    json_t *a = json_loads(text ? text : "", 0, NULL);
    int ok = json_is_array(a);
    size_t len = ok ? json_array_size(a) : 0;
    int64_t *ids = NULL;
    exchange_stop *ss = NULL;
    if (ok && !stops)
        ok = (ids = arena_alloc(ctx->a, (len + 1) * sizeof(*ids))) != NULL;
    if (ok && stops)
        ok = (ss = arena_alloc(ctx->a, (len + 1) * sizeof(*ss))) != NULL;
    for (size_t i = 0; ok && i < len; i++) {
        json_t *v = json_array_get(a, i);
        if (ids)
            ids[i] = json_integer_value(v);
        else
            ss[i] = (exchange_stop){.place = member(ctx, v, "place"),
                                    .city = member(ctx, v, "city"),
                                    .country = member(ctx, v, "country"),
                                    .starts_on = member(ctx, v, "starts_on"),
                                    .ends_on = member(ctx, v, "ends_on"),
                                    .shows = json_integer_value(json_object_get(v, "shows")),
                                    .audience = json_integer_value(json_object_get(v, "audience"))};
        if (ss)
            exchange_stop_coordinates(v, &ss[i]);
    }
    json_decref(a);
    if (!ok)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    *out = ids ? (void *)ids : (void *)ss;
    *n = len;
    return 0;
}

/* ---- activities ---- */

static int activity_load(wy_ctx *ctx, int64_t id, revision_target *out)
{
    exchange_activity *a = arena_alloc(ctx->a, sizeof(*a));
    if (!a)
        return check_mem(ctx);
    int rc = store_exchange_activity_get(ctx->c, ctx->a, id, a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity");
    *out = (revision_target){a->id, a->division, a->status, a->title, a};
    return 0;
}

static int activity_apply(wy_ctx *ctx, const revision_target *t, const revision *r)
{
    const char *const *v = r->values;
    unsigned f = r->fields;
#define GIVEN(bit) (f & (1u << (bit)) ? v[bit] : NULL)
    exchange_activity_change_input in = {.title = GIVEN(A_TITLE),
                                         .title_en = GIVEN(A_TITLE_EN),
                                         .summary = GIVEN(A_SUMMARY),
                                         .summary_en = GIVEN(A_SUMMARY_EN),
                                         .kind = GIVEN(A_KIND),
                                         .scope = GIVEN(A_SCOPE),
                                         .starts_on = GIVEN(A_STARTS_ON),
                                         .ends_on = GIVEN(A_ENDS_ON),
                                         .channel_id = -1};
    if (f & (1u << A_CHANNEL))
        in.channel_id = v[A_CHANNEL] ? strtoll(v[A_CHANNEL], NULL, 10) : 0;
    void *list;
    if ((in.partners_given = (f & (1u << A_PARTNERS)) != 0)) {
        if (list_of(ctx, v[A_PARTNERS], 0, &list, &in.npartners) < 0)
            return -1;
        in.partners = list;
    }
    if ((in.stops_given = (f & (1u << A_STOPS)) != 0)) {
        if (list_of(ctx, v[A_STOPS], 1, &list, &in.nstops) < 0)
            return -1;
        in.stops = list;
    }
    /* checked again as the activity now is: a channel or a partner gone meanwhile refuses */
    return exchange_activity_rewrite_tx(ctx, t->record, &in, 1);
}

const revision_type exchange_activity_revision_type = {
    .review = {"exchange_activity_revision", revision_on_status},
    .object_type = "exchange_activity",
    .fields = exchange_activity_revision_fields,
    .editable = (1u << A_COUNT) - 1,
    .pending_refusal = N_("Changes to this activity are waiting for review already; wait for "
                          "the decision or withdraw them."),
    .load = activity_load,
    .manages = manages,
    .apply = activity_apply,
};

int exchange_activity_revision_propose(wy_ctx *ctx, const exchange_activity *a,
                                       const exchange_activity_change_input *in,
                                       const char **status)
{
    const char *values[REVISION_MAX_FIELDS] = {
        in->title, in->title_en,  in->summary, in->summary_en, in->kind, in->scope,
        NULL,      in->starts_on, in->ends_on, NULL,           NULL};
    unsigned set = 0;
    for (int i = 0; i < A_COUNT; i++)
        if (values[i])
            set |= 1u << i;
    if (in->channel_id >= 0) {
        set |= 1u << A_CHANNEL;
        values[A_CHANNEL] =
            in->channel_id ? arena_sprintf(ctx->a, "%lld", (long long)in->channel_id) : NULL;
    }
    if (in->partners_given) {
        set |= 1u << A_PARTNERS;
        if (!(values[A_PARTNERS] = ids_text(ctx, in->partners, in->npartners)))
            return check_mem(ctx);
    }
    if (in->stops_given) {
        set |= 1u << A_STOPS;
        if (!(values[A_STOPS] = stops_text(ctx, in->stops, in->nstops)))
            return check_mem(ctx);
    }
    revision_target t = {a->id, a->division, a->status, a->title, (void *)a};
    return revision_propose(ctx, &exchange_activity_revision_type, &t, set, values, status);
}

int exchange_activity_revision_pending(wy_ctx *ctx, int64_t id, revision *out, int64_t *review_id)
{
    exchange_activity_full x;
    if (exchange_activity_get(ctx, id, &x) < 0)
        return -1;
    revision_target t = {x.a.id, x.a.division, x.a.status, x.a.title, &x.a};
    return revision_pending(ctx, &exchange_activity_revision_type, &t, out, review_id);
}

/* ---- plans ---- */

static int plan_load(wy_ctx *ctx, int64_t id, revision_target *out)
{
    exchange_plan *p = arena_alloc(ctx->a, sizeof(*p));
    if (!p)
        return check_mem(ctx);
    int rc = store_exchange_plan_get(ctx->c, ctx->a, id, p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange plan");
    *out = (revision_target){p->id, p->division, p->status, p->title, p};
    return 0;
}

static int plan_apply(wy_ctx *ctx, const revision_target *t, const revision *r)
{
    const char *const *v = r->values;
    unsigned f = r->fields;
    exchange_plan_input in = {.unit = GIVEN(P_UNIT),
                              .title = GIVEN(P_TITLE),
                              .kind = GIVEN(P_KIND),
                              .starts_on = GIVEN(P_STARTS_ON),
                              .ends_on = GIVEN(P_ENDS_ON),
                              .note = GIVEN(P_NOTE)};
#undef GIVEN
    int partners_given = (f & (1u << P_PARTNERS)) != 0;
    void *list;
    if (partners_given) {
        if (list_of(ctx, v[P_PARTNERS], 0, &list, &in.npartners) < 0)
            return -1;
        in.partners = list;
    }
    return exchange_plan_rewrite_tx(ctx, t->record, &in, partners_given, 1);
}

const revision_type exchange_plan_revision_type = {
    .review = {"exchange_plan_revision", revision_on_status},
    .object_type = "exchange_plan",
    .fields = exchange_plan_revision_fields,
    .editable = (1u << P_COUNT) - 1,
    .pending_refusal = N_("Changes to this plan entry are waiting for review already; wait for "
                          "the decision or withdraw them."),
    .load = plan_load,
    .manages = manages,
    .apply = plan_apply,
};

int exchange_plan_revision_propose(wy_ctx *ctx, const exchange_plan *p,
                                   const exchange_plan_input *in, int partners_given,
                                   const char **status)
{
    const char *values[REVISION_MAX_FIELDS] = {in->unit,      in->title,   in->kind,
                                               in->starts_on, in->ends_on, in->note};
    unsigned set = 0;
    for (int i = 0; i < P_COUNT; i++)
        if (values[i])
            set |= 1u << i;
    if (partners_given) {
        set |= 1u << P_PARTNERS;
        if (!(values[P_PARTNERS] = ids_text(ctx, in->partners, in->npartners)))
            return check_mem(ctx);
    }
    revision_target t = {p->id, p->division, p->status, p->title, (void *)p};
    return revision_propose(ctx, &exchange_plan_revision_type, &t, set, values, status);
}

int exchange_plan_revision_pending(wy_ctx *ctx, int64_t id, revision *out, int64_t *review_id)
{
    exchange_plan_full x;
    if (exchange_plan_get(ctx, id, &x) < 0)
        return -1;
    revision_target t = {x.p.id, x.p.division, x.p.status, x.p.title, &x.p};
    return revision_pending(ctx, &exchange_plan_revision_type, &t, out, review_id);
}

/* ---- withdrawal ---- */

/* Take the pending revision of record id of type t back from review (staff over it): the
 * review tells the revision "draft", which discards it. */
static int withdraw(wy_ctx *ctx, const revision_type *t, int64_t id, int64_t *revision_id)
{
    revision_target target;
    revision_row r;
    if (exchange_begin(ctx) < 0)
        return -1;
    int res = t->load(ctx, id, &target);
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, target.division);
    if (res == 0) {
        int rc = store_revision_pending(ctx->c, ctx->a, t->review.name, id, &r);
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_NOTFOUND, "no_revision", "No change waits for review.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "revision");
    }
    if (res == 0)
        res = review_withdraw_tx(ctx, t->review.name, r.id);
    if (res == 0)
        *revision_id = r.id;
    return tx_end(ctx, res);
}

int exchange_activity_revision_withdraw(wy_ctx *ctx, int64_t id, int64_t *revision_id)
{
    return withdraw(ctx, &exchange_activity_revision_type, id, revision_id);
}

int exchange_plan_revision_withdraw(wy_ctx *ctx, int64_t id, int64_t *revision_id)
{
    return withdraw(ctx, &exchange_plan_revision_type, id, revision_id);
}
