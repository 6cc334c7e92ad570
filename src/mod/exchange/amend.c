/* amend: see amend.h. */
#include "mod/exchange/amend.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/exchange/exchange_revision.h"

#define N_(s) s /* a msgid, translated where it is shown */

static const char *or_had(const char *given, const char *had)
{
    return given ? given : had;
}

int exchange_begin(wy_ctx *ctx)
{
    int rc = store_begin(ctx->c, 1);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "begin");
}

/* A store result as a refusal naming what failed. */
static int stored(wy_ctx *ctx, int rc, const char *what)
{
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, what);
}

int exchange_loaded(wy_ctx *ctx, int rc, const char *what, const char *const *division)
{
    int res = stored(ctx, rc, what);
    return res == 0 ? authz_require(ctx, EXCHANGE_PERM, *division) : res;
}

#define begin exchange_begin

/* A partner or an agreement that no other record names, deleted and audited. */
typedef struct unnamed {
    const char *what, *object_type, *in_use;
    int (*refs)(db *c, int64_t id, int64_t *n);
    int (*del)(db *c, int64_t id);
} unnamed;

static int delete_unnamed(wy_ctx *ctx, const unnamed *u, int64_t id, int rc,
                          const char *const *division, const char *const *name)
{
    int64_t refs = 0;
    int res = exchange_loaded(ctx, rc, u->what, division);
    if (res == 0)
        res = stored(ctx, u->refs(ctx->c, id, &refs), u->what);
    if (res == 0 && refs > 0)
        res = wy_fail(ctx, E_CONFLICT, "in_use", u->in_use);
    if (res == 0)
        res = stored(ctx, u->del(ctx->c, id), u->what);
    if (res == 0)
        res = audit_add(ctx, arena_sprintf(ctx->a, "%s.delete", u->object_type), u->object_type, id,
                        *division, NULL, NULL, *name);
    return tx_end(ctx, res);
}

static const unnamed partner_unnamed = {
    "partner", "exchange_partner",
    N_("Agreements, intents, activities, follow-ups, plans, lessons or indicators name this "
       "partner: it cannot be deleted."),
    store_exchange_partner_refs, store_exchange_partner_delete};

static const unnamed agreement_unnamed = {
    "agreement", "exchange_agreement",
    N_("Follow-ups or programme items name this agreement: it cannot be deleted."),
    store_exchange_agreement_refs, store_exchange_agreement_delete};

int exchange_partner_delete(wy_ctx *ctx, int64_t id)
{
    exchange_partner p = {0};
    if (begin(ctx) < 0)
        return -1;
    return delete_unnamed(ctx, &partner_unnamed, id,
                          store_exchange_partner_get(ctx->c, ctx->a, id, &p), &p.division, &p.name);
}

int exchange_agreement_delete(wy_ctx *ctx, int64_t id)
{
    exchange_agreement g = {0};
    if (begin(ctx) < 0)
        return -1;
    return delete_unnamed(ctx, &agreement_unnamed, id,
                          store_exchange_agreement_get(ctx->c, ctx->a, id, &g), &g.division,
                          &g.title);
}

/* A draft or a rejected record changes; one pending or published does not. */
static int editable(const char *status)
{
    return !strcmp(status, "draft") || !strcmp(status, "rejected");
}

/* Each partner known and of the city (first four digits) of div. */
static int partners_of_city(wy_ctx *ctx, const int64_t *ids, size_t n, const char *div)
{
    for (size_t i = 0; i < n; i++) {
        exchange_partner p;
        int rc = store_exchange_partner_get(ctx->c, ctx->a, ids[i], &p);
        if (rc == WY_NOTFOUND)
            return wy_fail_field(ctx, E_INVALID, "unknown_partner", "No such partner.", "partners");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "partner");
        if (strncmp(p.division, div, 4))
            return wy_fail_field(ctx, E_RULE, "other_city", "The partner is another city's.",
                                 "partners");
    }
    return 0;
}

int exchange_activity_rewrite_tx(wy_ctx *ctx, const exchange_activity *a,
                                 const exchange_activity_change_input *in, int write)
{
    if (in->channel_id < -1)
        return wy_fail_field(ctx, E_INVALID, "bad_body", "A channel is an id.", "channel_id");
    int64_t id = a->id, ids[1] = {a->id}, *stop_of;
    exchange_activity_full f = {.a = *a};
    int rc = store_exchange_activity_partners(ctx->c, ctx->a, ids, 1, &f.partners, &f.npartners);
    if (rc == WY_OK)
        rc = store_exchange_activity_stops(ctx->c, ctx->a, ids, 1, &stop_of, &f.stops, &f.nstops);
    int res = stored(ctx, rc, "exchange activity details");
    int64_t *had = NULL;
    if (res == 0 && !(had = arena_alloc(ctx->a, (f.npartners + 1) * sizeof(*had))))
        res = check_mem(ctx);
    exchange_activity_input m = {0};
    if (res == 0) {
        for (size_t i = 0; i < f.npartners; i++)
            had[i] = f.partners[i].partner_id;
        m = (exchange_activity_input){.division = a->division,
                                      .title = or_had(in->title, a->title),
                                      .title_en = or_had(in->title_en, a->title_en),
                                      .summary = or_had(in->summary, a->summary),
                                      .summary_en = or_had(in->summary_en, a->summary_en),
                                      .kind = or_had(in->kind, a->kind),
                                      .scope = or_had(in->scope, a->scope),
                                      .channel_id =
                                          in->channel_id >= 0 ? in->channel_id : a->channel_id,
                                      .starts_on = or_had(in->starts_on, a->starts_on),
                                      .ends_on = or_had(in->ends_on, a->ends_on),
                                      .participants = -1,
                                      .audience = -1,
                                      .media_reports = -1,
                                      .online_reach = -1,
                                      .new_followers = -1,
                                      .partners = in->partners_given ? in->partners : had,
                                      .npartners = in->partners_given ? in->npartners : f.npartners,
                                      .stops = in->stops_given ? in->stops : f.stops,
                                      .nstops = in->stops_given ? in->nstops : f.nstops};
        res = exchange_activity_check(ctx, &m);
    }
    if (res == 0 && m.channel_id && m.channel_id != a->channel_id) {
        exchange_channel ch;
        rc = store_exchange_channel_get(ctx->c, ctx->a, m.channel_id, &ch);
        if (rc == WY_NOTFOUND)
            res =
                wy_fail_field(ctx, E_INVALID, "unknown_channel", "No such channel.", "channel_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "channel");
        else if (strncmp(ch.division, a->division, 4))
            res = wy_fail_field(ctx, E_RULE, "other_city", "The channel is another city's.",
                                "channel_id");
    }
    if (res == 0 && in->partners_given)
        res = partners_of_city(ctx, m.partners, m.npartners, a->division);
    if (res < 0 || !write)
        return res;
    exchange_activity x = *a;
    x.title = m.title;
    x.title_en = m.title_en ? m.title_en : "";
    x.summary = m.summary ? m.summary : "";
    x.summary_en = m.summary_en ? m.summary_en : "";
    x.kind = m.kind;
    x.scope = m.scope;
    x.channel_id = m.channel_id;
    x.starts_on = m.starts_on;
    x.ends_on = m.ends_on;
    x.ends_at = exchange_end_of_day(m.ends_on);
    res = stored(ctx, store_exchange_activity_update(ctx->c, &x, ctx->now),
                 "exchange activity update");
    if (res == 0 && in->partners_given) {
        res = stored(ctx, store_exchange_activity_clear_partners(ctx->c, id),
                     "exchange activity partners");
        for (size_t i = 0; res == 0 && i < m.npartners; i++)
            res = stored(ctx, store_exchange_activity_add_partner(ctx->c, id, m.partners[i]),
                         "exchange activity partner");
    }
    if (res == 0 && in->stops_given) {
        res = stored(ctx, store_exchange_activity_clear_stops(ctx->c, id), "exchange stops");
        for (size_t i = 0; res == 0 && i < m.nstops; i++) {
            exchange_stop s = m.stops[i];
            s.seq = (int)i + 1;
            res = stored(ctx, store_exchange_activity_add_stop(ctx->c, id, &s), "exchange stop");
        }
    }
    return res;
}

/* A record in review does not change until it is decided. */
static int not_in_review(wy_ctx *ctx, const char *status, const char *msg)
{
    return strcmp(status, "pending") ? 0 : wy_fail(ctx, E_CONFLICT, "not_editable", msg);
}

int exchange_activity_change(wy_ctx *ctx, int64_t id, const exchange_activity_change_input *in)
{
    exchange_activity a = {0};
    const char *status = NULL;
    if (begin(ctx) < 0)
        return -1;
    int res = exchange_loaded(ctx, store_exchange_activity_get(ctx->c, ctx->a, id, &a),
                              "exchange activity", &a.division);
    if (res == 0)
        res = not_in_review(ctx, a.status,
                            N_("The activity is in review: it changes once it is decided."));
    if (res == 0 && !editable(a.status) && strcmp(a.status, "published"))
        res = wy_fail(ctx, E_CONFLICT, "not_editable", "This activity does not change.");
    int published = res == 0 && !strcmp(a.status, "published");
    /* a published activity: the change is checked whole, then waits for review */
    if (res == 0)
        res = exchange_activity_rewrite_tx(ctx, &a, in, !published);
    if (res == 0 && published)
        res = exchange_activity_revision_propose(ctx, &a, in, &status);
    /* who changed it may not decide it, as who wrote it */
    if (res == 0 && !published)
        res = review_author_add(ctx, "exchange_activity", id);
    if (res == 0 && !published)
        res = audit_add(ctx, "exchange_activity.update", "exchange_activity", id, a.division,
                        a.status, a.status, or_had(in->title, a.title));
    res = tx_end(ctx, res);
    return res < 0 ? -1 : published && status && strcmp(status, "published") ? 1 : 0;
}

int exchange_plan_rewrite_tx(wy_ctx *ctx, const exchange_plan *p, const exchange_plan_input *in,
                             int partners_given, int write)
{
    int64_t id = p->id;
    exchange_plan_full f = {.p = *p};
    int res =
        stored(ctx, store_exchange_plan_partners(ctx->c, ctx->a, &id, 1, &f.partners, &f.npartners),
               "exchange plan partners");
    int64_t *had = NULL;
    if (res == 0 && !(had = arena_alloc(ctx->a, (f.npartners + 1) * sizeof(*had))))
        res = check_mem(ctx);
    exchange_plan_input m = {0};
    if (res == 0) {
        for (size_t i = 0; i < f.npartners; i++)
            had[i] = f.partners[i].partner_id;
        m = (exchange_plan_input){.division = p->division,
                                  .unit = or_had(in->unit, p->unit),
                                  .title = or_had(in->title, p->title),
                                  .kind = or_had(in->kind, p->kind),
                                  .starts_on = or_had(in->starts_on, p->starts_on),
                                  .ends_on = or_had(in->ends_on, p->ends_on),
                                  .note = or_had(in->note, p->note),
                                  .partners = partners_given ? in->partners : had,
                                  .npartners = partners_given ? in->npartners : f.npartners};
        res = exchange_plan_check(ctx, &m);
    }
    if (res == 0 && partners_given)
        res = partners_of_city(ctx, m.partners, m.npartners, p->division);
    if (res < 0 || !write)
        return res;
    exchange_plan q = *p;
    q.unit = m.unit;
    q.title = m.title;
    q.kind = m.kind;
    q.starts_on = m.starts_on;
    q.ends_on = m.ends_on;
    q.note = m.note ? m.note : "";
    res = stored(ctx, store_exchange_plan_update(ctx->c, &q, ctx->now), "exchange plan update");
    if (res == 0 && partners_given) {
        res = stored(ctx, store_exchange_plan_clear_partners(ctx->c, id), "exchange plan partners");
        for (size_t i = 0; res == 0 && i < m.npartners; i++)
            res = stored(ctx, store_exchange_plan_add_partner(ctx->c, id, m.partners[i]),
                         "exchange plan partner");
    }
    return res;
}

int exchange_plan_change(wy_ctx *ctx, int64_t id, const exchange_plan_input *in, int partners_given)
{
    exchange_plan p = {0};
    const char *status = NULL;
    if (begin(ctx) < 0)
        return -1;
    int res = exchange_loaded(ctx, store_exchange_plan_get(ctx->c, ctx->a, id, &p), "exchange plan",
                              &p.division);
    if (res == 0)
        res = not_in_review(
            ctx, p.status,
            N_("The plan is in review: withdraw it first, or wait for the decision."));
    if (res == 0 && !editable(p.status) && strcmp(p.status, "published"))
        res = wy_fail(ctx, E_CONFLICT, "not_editable", "This plan does not change.");
    int approved = res == 0 && !strcmp(p.status, "published");
    /* an approved plan: the change is checked whole, then waits for review */
    if (res == 0)
        res = exchange_plan_rewrite_tx(ctx, &p, in, partners_given, !approved);
    if (res == 0 && approved)
        res = exchange_plan_revision_propose(ctx, &p, in, partners_given, &status);
    if (res == 0 && !approved)
        res = review_author_add(ctx, "exchange_plan", id);
    if (res == 0 && !approved)
        res = audit_add(ctx, "exchange_plan.update", "exchange_plan", id, p.division, p.status,
                        p.status, or_had(in->title, p.title));
    res = tx_end(ctx, res);
    return res < 0 ? -1 : approved && status && strcmp(status, "published") ? 1 : 0;
}

int exchange_plan_withdraw(wy_ctx *ctx, int64_t id)
{
    exchange_plan p;
    if (begin(ctx) < 0)
        return -1;
    int res = stored(ctx, store_exchange_plan_get(ctx->c, ctx->a, id, &p), "exchange plan");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, p.division);
    if (res == 0 && !strcmp(p.status, "published"))
        res = wy_fail(ctx, E_CONFLICT, "not_editable",
                      "An approved plan stays on the calendar: it cannot be withdrawn.");
    /* a pending plan is first taken back from review, so no reviewer decides it */
    if (res == 0 && !strcmp(p.status, "pending"))
        res = review_withdraw_tx(ctx, "exchange_plan", id);
    if (res == 0)
        res = stored(ctx, store_exchange_plan_delete(ctx->c, id), "exchange plan delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_plan.delete", "exchange_plan", id, p.division, p.status,
                        NULL, p.title);
    return tx_end(ctx, res);
}

/* The fund id, loaded, the caller's to write. */
static int fund_writable(wy_ctx *ctx, int64_t id, exchange_fund *f)
{
    int res = stored(ctx, store_exchange_fund_get(ctx->c, ctx->a, id, f), "exchange fund");
    return res == 0 ? authz_require(ctx, EXCHANGE_PERM, f->division) : res;
}

int exchange_fund_change(wy_ctx *ctx, int64_t id, const exchange_fund_input *in)
{
    exchange_fund f;
    if (begin(ctx) < 0)
        return -1;
    int res = fund_writable(ctx, id, &f);
    exchange_fund_input m = {0};
    if (res == 0) {
        m = (exchange_fund_input){
            .kind = or_had(in->kind, f.kind),
            .sponsor = or_had(in->sponsor, f.sponsor),
            .in_kind = or_had(in->in_kind, f.in_kind),
            .given_on = or_had(in->given_on, f.given_on),
            .amount_fen = in->amount_fen >= 0 ? in->amount_fen : f.amount_fen,
            .value_fen = in->value_fen >= 0 ? in->value_fen : (f.value_fen ? f.value_fen : -1)};
        /* a value given in kind goes with its description: clearing the description clears
         * the value unless one is given */
        if (in->in_kind && !*in->in_kind && in->value_fen < 0)
            m.value_fen = -1;
        res = exchange_fund_check(ctx, &m);
    }
    if (res == 0) {
        exchange_fund q = f;
        q.kind = m.kind;
        q.sponsor = m.sponsor;
        q.amount_fen = m.amount_fen > 0 ? m.amount_fen : 0;
        q.in_kind = m.in_kind ? m.in_kind : "";
        q.value_fen = m.value_fen > 0 ? m.value_fen : 0;
        q.given_on = m.given_on;
        res = stored(ctx, store_exchange_fund_update(ctx->c, &q), "exchange fund update");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_fund.update", "exchange_activity", f.activity_id, f.division,
                        f.kind, m.kind, m.sponsor);
    return tx_end(ctx, res);
}

int exchange_fund_delete(wy_ctx *ctx, int64_t id)
{
    exchange_fund f;
    if (begin(ctx) < 0)
        return -1;
    int res = fund_writable(ctx, id, &f);
    if (res == 0)
        res = stored(ctx, store_exchange_fund_delete(ctx->c, id), "exchange fund delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_fund.delete", "exchange_activity", f.activity_id, f.division,
                        f.kind, NULL, f.sponsor);
    return tx_end(ctx, res);
}

/* The member id of a delegation, loaded with its activity, the caller's to write. */
static int delegate_writable(wy_ctx *ctx, int64_t id, exchange_delegate *d, exchange_activity *x)
{
    int res = stored(ctx, store_exchange_delegate_get(ctx->c, ctx->a, id, d), "exchange delegate");
    if (res == 0)
        res = stored(ctx, store_exchange_activity_get(ctx->c, ctx->a, d->activity_id, x),
                     "exchange activity");
    return res == 0 ? authz_require(ctx, EXCHANGE_PERM, x->division) : res;
}

int exchange_delegate_change(wy_ctx *ctx, int64_t id, const char *kind, const char *name,
                             const char *role, const char *organisation)
{
    exchange_delegate d;
    exchange_activity x;
    if (begin(ctx) < 0)
        return -1;
    int res = delegate_writable(ctx, id, &d, &x);
    exchange_delegate q = d;
    if (res == 0) {
        q.kind = or_had(kind, d.kind);
        q.name = or_had(name, d.name);
        q.role = or_had(role, d.role);
        q.organisation = or_had(organisation, d.organisation);
        res = exchange_delegate_check(ctx, q.kind, q.name, q.role, q.organisation);
    }
    if (res == 0)
        res = stored(ctx, store_exchange_delegate_update(ctx->c, &q), "exchange delegate update");
    /* the audit line names the kind, not the person */
    if (res == 0)
        res = audit_add(ctx, "exchange_delegate.update", "exchange_activity", d.activity_id,
                        x.division, d.kind, q.kind, NULL);
    return tx_end(ctx, res);
}

int exchange_delegate_delete(wy_ctx *ctx, int64_t id)
{
    exchange_delegate d;
    exchange_activity x;
    if (begin(ctx) < 0)
        return -1;
    int res = delegate_writable(ctx, id, &d, &x);
    if (res == 0)
        res = stored(ctx, store_exchange_delegate_delete(ctx->c, id), "exchange delegate delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_delegate.delete", "exchange_activity", d.activity_id,
                        x.division, d.kind, NULL, NULL);
    return tx_end(ctx, res);
}

int exchange_attachment_delete(wy_ctx *ctx, int64_t id)
{
    attachment at;
    const char *data;
    size_t len;
    /* exchange_attachment_get: one of this module's kinds, of an activity the caller sees */
    if (exchange_attachment_get(ctx, id, &at, &data, &len) < 0)
        return -1;
    exchange_activity x;
    if (begin(ctx) < 0)
        return -1;
    int res = stored(ctx, store_exchange_activity_get(ctx->c, ctx->a, at.owner_id, &x),
                     "exchange activity");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, x.division);
    if (res == 0)
        res = attachment_remove_tx(ctx, id);
    if (res == 0)
        res = audit_add(ctx, "exchange_attachment.delete", "exchange_activity", x.id, x.division,
                        at.owner_type, NULL, at.filename);
    return tx_end(ctx, res);
}

/* The lesson id, loaded, the caller's to write. */
static int lesson_writable(wy_ctx *ctx, int64_t id, exchange_lesson *l)
{
    int res = stored(ctx, store_exchange_lesson_get(ctx->c, ctx->a, id, l), "exchange lesson");
    return res == 0 ? authz_require(ctx, EXCHANGE_PERM, l->division) : res;
}

int exchange_lesson_change(wy_ctx *ctx, int64_t id, const char *title, const char *body,
                           const char *const *tags, size_t ntags, int tags_given)
{
    exchange_lesson l;
    const char *had[10], *stored_tags = NULL;
    if (begin(ctx) < 0)
        return -1;
    int res = lesson_writable(ctx, id, &l);
    exchange_lesson q = l;
    if (res == 0) {
        q.title = or_had(title, l.title);
        q.body = or_had(body, l.body);
        if (!tags_given) {
            ntags = exchange_split_list(ctx->a, l.tags, had, 10);
            tags = had;
        }
        res = exchange_lesson_check(ctx, q.title, q.body, tags, ntags, &stored_tags);
    }
    if (res == 0) {
        q.tags = stored_tags;
        res = stored(ctx, store_exchange_lesson_update(ctx->c, &q, ctx->now),
                     "exchange lesson update");
    }
    if (res == 0)
        res = audit_add(ctx, "exchange_lesson.update", "exchange_lesson", id, l.division, NULL,
                        NULL, q.title);
    return tx_end(ctx, res);
}

int exchange_lesson_delete(wy_ctx *ctx, int64_t id)
{
    exchange_lesson l;
    if (begin(ctx) < 0)
        return -1;
    int res = lesson_writable(ctx, id, &l);
    if (res == 0)
        res = stored(ctx, store_exchange_lesson_delete(ctx->c, id), "exchange lesson delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_lesson.delete", "exchange_lesson", id, l.division, NULL,
                        NULL, l.title);
    return tx_end(ctx, res);
}

int exchange_measure_delete(wy_ctx *ctx, int64_t id)
{
    exchange_measure m;
    if (begin(ctx) < 0)
        return -1;
    int res = stored(ctx, store_exchange_measure_get(ctx->c, ctx->a, id, &m), "exchange measure");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, m.division);
    if (res == 0)
        res = stored(ctx, store_exchange_measure_delete(ctx->c, id), "exchange measure delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_measure.delete", "exchange_measure", id, m.division,
                        m.period, NULL, m.name);
    return tx_end(ctx, res);
}

int exchange_evaluation_reopen(wy_ctx *ctx, int64_t activity, const char *reason)
{
    if (exchange_check_text(ctx, reason, 1, 500, "bad_reason",
                            "Say why the evaluation is reopened (1 to 500 characters).",
                            "reason") < 0)
        return -1;
    exchange_activity x;
    int64_t closed = 0;
    if (begin(ctx) < 0)
        return -1;
    int res =
        stored(ctx, store_exchange_activity_get(ctx->c, ctx->a, activity, &x), "exchange activity");
    /* the city's staff reopen: a district that closed its own evaluation cannot */
    char city[DIVISION_CODE_MAX];
    if (res == 0) {
        snprintf(city, sizeof city, "%.4s", x.division);
        res = authz_require(ctx, EXCHANGE_PERM, city);
    }
    if (res == 0)
        res = stored(ctx, store_exchange_evaluation_closed(ctx->c, activity, &closed),
                     "exchange evaluation");
    if (res == 0 && !closed)
        res = wy_fail(ctx, E_CONFLICT, "evaluation_open", "The evaluation is not closed.");
    if (res == 0)
        res = stored(ctx, store_exchange_evaluation_reopen(ctx->c, activity),
                     "exchange evaluation reopen");
    if (res == 0)
        res = audit_add(ctx, "exchange_evaluation.reopen", "exchange_activity", activity,
                        x.division, "closed", "open", reason);
    return tx_end(ctx, res);
}

static const char *const programme_statuses[] = {"planned", "done", "dropped", NULL};

/* The checks of an item as it would be written whole. */
static int check_item(wy_ctx *ctx, const exchange_programme_item *it)
{
    if (it->year < 2000 || it->year > 2100)
        return wy_fail_field(ctx, E_INVALID, "bad_year", "A year is from 2000 to 2100.", "year");
    if (it->month < 1 || it->month > 12)
        return wy_fail_field(ctx, E_INVALID, "bad_month", "A month is from 1 to 12.", "month");
    if (exchange_check_text(ctx, it->title, 1, 200, "bad_title", "A title has 1 to 200 characters.",
                            "title") < 0 ||
        exchange_check_owner(ctx, it->owner) < 0 ||
        exchange_check_enum(ctx, it->status, programme_statuses, "bad_status",
                            "An item is planned, done or dropped.", "status") < 0)
        return -1;
    if (it->activity_id && strcmp(it->status, "done"))
        return wy_fail_field(ctx, E_RULE, "not_done",
                             "Only an item done names the activity that did it.", "activity_id");
    return 0;
}

/* The activity an item names: known and of the agreement's city. */
static int item_activity(wy_ctx *ctx, int64_t activity, const char *division)
{
    exchange_activity x;
    int rc = store_exchange_activity_get(ctx->c, ctx->a, activity, &x);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_activity", "No such activity.",
                             "activity_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity");
    if (strncmp(x.division, division, 4))
        return wy_fail_field(ctx, E_RULE, "other_city", "The activity is another city's.",
                             "activity_id");
    return 0;
}

int exchange_programme_add(wy_ctx *ctx, int64_t agreement, const exchange_programme_input *in,
                           int64_t *id)
{
    if (in->activity_id < -1)
        return wy_fail_field(ctx, E_INVALID, "bad_body", "An activity is an id.", "activity_id");
    exchange_agreement g;
    if (begin(ctx) < 0)
        return -1;
    int res = exchange_agreement_get_staff(ctx, agreement, &g);
    exchange_programme_item it = {.agreement_id = agreement,
                                  .division = res == 0 ? g.division : NULL,
                                  .year = in->year,
                                  .month = in->month,
                                  .title = in->title,
                                  .owner = in->owner ? in->owner : "",
                                  .status = in->status ? in->status : "planned",
                                  .activity_id = in->activity_id > 0 ? in->activity_id : 0,
                                  .created_by = ctx->who ? ctx->who->user_id : 0};
    if (res == 0)
        res = check_item(ctx, &it);
    if (res == 0 && it.activity_id)
        res = item_activity(ctx, it.activity_id, g.division);
    if (res == 0)
        res = stored(ctx, store_exchange_programme_add(ctx->c, &it, ctx->now, id),
                     "exchange programme item");
    if (res == 0)
        res = audit_add(ctx, "exchange_programme.create", "exchange_agreement", agreement,
                        g.division, NULL, it.status, it.title);
    return tx_end(ctx, res);
}

int exchange_programme_change(wy_ctx *ctx, int64_t id, const exchange_programme_input *in)
{
    if (in->activity_id < -1)
        return wy_fail_field(ctx, E_INVALID, "bad_body", "An activity is an id.", "activity_id");
    exchange_programme_item it;
    if (begin(ctx) < 0)
        return -1;
    int res = stored(ctx, store_exchange_programme_get(ctx->c, ctx->a, id, &it),
                     "exchange programme item");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, it.division);
    exchange_programme_item q = it;
    if (res == 0) {
        q.year = in->year ? in->year : it.year;
        q.month = in->month ? in->month : it.month;
        q.title = or_had(in->title, it.title);
        q.owner = or_had(in->owner, it.owner);
        q.status = or_had(in->status, it.status);
        q.activity_id = in->activity_id >= 0 ? in->activity_id : it.activity_id;
        /* an item no longer done no longer names what did it */
        if (in->status && strcmp(q.status, "done") && in->activity_id < 0)
            q.activity_id = 0;
        res = check_item(ctx, &q);
    }
    if (res == 0 && q.activity_id && q.activity_id != it.activity_id)
        res = item_activity(ctx, q.activity_id, it.division);
    if (res == 0)
        res = stored(ctx, store_exchange_programme_update(ctx->c, &q, ctx->now),
                     "exchange programme item update");
    if (res == 0)
        res = audit_add(ctx, "exchange_programme.update", "exchange_agreement", it.agreement_id,
                        it.division, it.status, q.status, q.title);
    return tx_end(ctx, res);
}

int exchange_programme_delete(wy_ctx *ctx, int64_t id)
{
    exchange_programme_item it;
    if (begin(ctx) < 0)
        return -1;
    int res = stored(ctx, store_exchange_programme_get(ctx->c, ctx->a, id, &it),
                     "exchange programme item");
    if (res == 0)
        res = authz_require(ctx, EXCHANGE_PERM, it.division);
    if (res == 0)
        res = stored(ctx, store_exchange_programme_delete(ctx->c, id),
                     "exchange programme item delete");
    if (res == 0)
        res = audit_add(ctx, "exchange_programme.delete", "exchange_agreement", it.agreement_id,
                        it.division, it.status, NULL, it.title);
    return tx_end(ctx, res);
}

int exchange_programme_of(wy_ctx *ctx, int64_t agreement, int year, exchange_programme_item **out,
                          size_t *n, int *owners)
{
    if (year && (year < 2000 || year > 2100))
        return wy_fail_field(ctx, E_INVALID, "bad_year", "A year is from 2000 to 2100.", "year");
    exchange_agreement g;
    int rc = store_exchange_agreement_get(ctx->c, ctx->a, agreement, &g);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "agreement");
    *owners = authz_allows(ctx->who, EXCHANGE_PERM, g.division);
    rc = store_exchange_programme_of(ctx->c, ctx->a, agreement, year, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange programme");
}

int exchange_fund_activity(wy_ctx *ctx, int64_t id, int64_t *activity)
{
    exchange_fund f;
    if (fund_writable(ctx, id, &f) < 0)
        return -1;
    *activity = f.activity_id;
    return 0;
}

int exchange_delegate_activity(wy_ctx *ctx, int64_t id, int64_t *activity)
{
    exchange_delegate d;
    exchange_activity x;
    if (delegate_writable(ctx, id, &d, &x) < 0)
        return -1;
    *activity = d.activity_id;
    return 0;
}

int exchange_programme_item_get(wy_ctx *ctx, int64_t id, exchange_programme_item *out)
{
    int res = stored(ctx, store_exchange_programme_get(ctx->c, ctx->a, id, out),
                     "exchange programme item");
    return res == 0 ? authz_require(ctx, EXCHANGE_PERM, out->division) : res;
}
