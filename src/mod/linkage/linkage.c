/* linkage: see linkage.h. */
#include "mod/linkage/linkage.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "util/strbuf.h"
#include "util/csvread.h"

static int on_plan_status(wy_ctx *ctx, int64_t id, const char *status);

const review_type linkage_review_plan = {"linkage_plan", on_plan_status};
const notify_kind linkage_kind_materials = {"linkage.materials_missing", 1};

static const char *const kinds[] = {"exchange", "alliance",   "conference",
                                    "lecture",  "exhibition", "performance"};
static const char *const stages[] = {"deploy",        "plans_due", "carry_out",
                                     "self_evaluate", "evaluate",  "commend"};
static const char *const media_kinds[] = {"programme", "photo", "video"};
/* who reads: staff of these permissions over a division */
static const perm read_perms[] = {PERM_TASKS_MANAGE, PERM_REVIEW, PERM_AUDIT_READ,
                                  PERM_INDICATORS_READ};

void linkage_date_of(int64_t ms, char out[11])
{
    time_t t = (time_t)(ms / 1000) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

static int one_of(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (!strcmp(s, list[i]))
            return 1;
    return 0;
}

static int date_ok(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    return utf8_valid(s, n) && utf8_length(s) >= min && utf8_length(s) <= max;
}

/* Does the caller (NULL: the trusted command line and jobs) see division? */
static int sees(wy_ctx *ctx, const char *division)
{
    if (!ctx->who)
        return 1;
    for (size_t i = 0; i < sizeof(read_perms) / sizeof(read_perms[0]); i++)
        if (authz_allows(ctx->who, read_perms[i], division))
            return 1;
    return 0;
}

static int manage(wy_ctx *ctx, const char *division)
{
    return ctx->who ? authz_require(ctx, PERM_TASKS_MANAGE, division) : 0;
}

static int check_division(wy_ctx *ctx, const char *code, char out[DIVISION_CODE_MAX],
                          const char *field)
{
    if (!code || division_normalize(code, out) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", field);
    division d;
    int rc = store_division_get(ctx->c, ctx->a, out, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", field);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division");
}

static void today(wy_ctx *ctx, char out[11])
{
    linkage_date_of(ctx->now, out);
}

static const lk_stage *stage_of(const lk_view *v, const char *name)
{
    for (size_t i = 0; i < v->nstages; i++)
        if (!strcmp(v->stages[i].stage, name))
            return &v->stages[i];
    return NULL;
}

int linkage_stage_open(const lk_view *v, const char *stage, int64_t now)
{
    char day[11];
    linkage_date_of(now, day);
    const lk_stage *s = stage_of(v, stage);
    return !s || strcmp(day, s->due_on) <= 0;
}

/* ---- programmes ---- */

int linkage_programme_create(wy_ctx *ctx, const lk_programme_input *in, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    if (check_division(ctx, in->division, div, "division") < 0 || manage(ctx, div) < 0)
        return -1;
    if (!text_ok(in->title, 1, LINKAGE_TITLE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 200 characters.",
                             "title");
    if (!text_ok(in->description, 0, LINKAGE_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 20000 characters.", "description");
    if (in->year < 2000 || in->year > 2100)
        return wy_fail_field(ctx, E_INVALID, "bad_year", "A year from 2000 to 2100.", "year");
    int wp = in->weight_participant, ws = in->weight_sessions;
    if (!wp && !ws) {
        wp = 70;
        ws = 30;
    }
    if (wp < 0 || ws < 0 || wp + ws != 100)
        return wy_fail_field(ctx, E_INVALID, "bad_weights",
                             "The two weights are percentages that add up to 100.",
                             "weight_participant");
    if (in->nthemes == 0)
        return wy_fail_field(ctx, E_INVALID, "bad_themes", "Give one to 32 themes.", "themes");
    strbuf th = STRBUF_INIT;
    for (size_t i = 0; i < in->nthemes; i++) {
        const char *t = in->themes[i];
        if (!text_ok(t, 1, 60) || strchr(t, ',')) {
            sb_release(&th);
            return wy_fail_field(ctx, E_INVALID, "bad_themes",
                                 "A theme is a word of 1 to 60 characters without commas.",
                                 "themes");
        }
        sb_addf(&th, "%s%s", i ? "," : "", t);
    }
    const char *themes = arena_strdup(ctx->a, th.buf ? th.buf : "");
    sb_release(&th);
    for (size_t i = 0; i < in->nstages; i++) {
        const lk_stage *s = &in->stages[i];
        if (!one_of(s->stage, stages, sizeof(stages) / sizeof(stages[0])) || !date_ok(s->due_on) ||
            (s->starts_on && !date_ok(s->starts_on)) ||
            (s->starts_on && strcmp(s->starts_on, s->due_on) > 0))
            return wy_fail_field(ctx, E_INVALID, "bad_stages",
                                 "A stage is deploy, plans_due, carry_out, self_evaluate, "
                                 "evaluate or commend, with its last day (YYYY-MM-DD) and an "
                                 "optional first day not after it.",
                                 "stages");
        for (size_t k = 0; k < i; k++)
            if (!strcmp(in->stages[k].stage, s->stage))
                return wy_fail_field(ctx, E_INVALID, "bad_stages", "A stage is given twice.",
                                     "stages");
    }
    if (tx_begin(ctx) < 0)
        return -1;
    lk_programme p = {.division = div,
                      .title = in->title,
                      .description = in->description ? in->description : "",
                      .themes = themes,
                      .year = in->year,
                      .weight_participant = wp,
                      .weight_sessions = ws,
                      .created_by = ctx->who ? ctx->who->user_id : 0};
    int rc = store_lk_programme_create(ctx->c, &p, ctx->now, id);
    for (size_t i = 0; rc == WY_OK && i < in->nstages; i++)
        rc = store_lk_stage_set(ctx->c, *id, &in->stages[i]);
    int res = 0;
    if (rc == WY_CONSTRAINT)
        res = wy_fail_field(ctx, E_CONFLICT, "programme_exists",
                            "The division has a programme of this title already.", "title");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "programme");
    else
        res = audit_add(ctx, "linkage.programme.create", "linkage_programme", *id, div, NULL, NULL,
                        in->title);
    return tx_end(ctx, res);
}

static int load_view(wy_ctx *ctx, int64_t id, lk_view *v, int require)
{
    memset(v, 0, sizeof(*v));
    int rc = store_lk_programme_get(ctx->c, ctx->a, id, &v->p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "programme");
    lk_participant *all;
    size_t n;
    rc = store_lk_stages(ctx->c, ctx->a, id, &v->stages, &v->nstages);
    if (rc == WY_OK)
        rc = store_lk_participants(ctx->c, ctx->a, id, &all, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "programme");
    v->all = sees(ctx, v->p.division);
    v->parts = all;
    v->nparts = 0;
    for (size_t i = 0; i < n; i++)
        if (v->all || sees(ctx, all[i].division))
            v->parts[v->nparts++] = all[i];
    if (require && !v->all && v->nparts == 0) {
        if (!ctx->who || !ctx->who->user_id)
            return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such programme here.");
    }
    return 0;
}

int linkage_programme_view(wy_ctx *ctx, int64_t id, lk_view *out)
{
    return load_view(ctx, id, out, 1);
}

int linkage_programme_list(wy_ctx *ctx, int64_t before, int limit, lk_programme **out, size_t *n,
                           int64_t *next)
{
    *n = 0;
    *next = 0;
    *out = arena_alloc(ctx->a, (size_t)limit * sizeof(**out));
    if (!*out)
        return check_mem(ctx);
    /* programmes are few: read them a batch at a time and keep the visible ones */
    for (;;) {
        lk_programme *ps;
        size_t np;
        int rc = store_lk_programme_list(ctx->c, ctx->a, before, 100, &ps, &np);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "programmes");
        for (size_t i = 0; i < np; i++) {
            lk_view v;
            if (load_view(ctx, ps[i].id, &v, 0) < 0)
                return -1;
            if (!v.all && v.nparts == 0)
                continue;
            (*out)[(*n)++] = ps[i];
            if (*n == (size_t)limit) {
                *next = ps[i].id;
                return 0;
            }
        }
        if (np < 100)
            return 0;
        before = ps[np - 1].id;
    }
}

static lk_participant *part_of(lk_view *v, const char *division)
{
    for (size_t i = 0; i < v->nparts; i++)
        if (!strcmp(v->parts[i].division, division))
            return &v->parts[i];
    return NULL;
}

/* The participant of division in the programme, whose staff (tasks_manage over it) act for it:
 * a plan, a self-evaluation. NULL with the refusal (the programme not seen, a bad division,
 * not a participant, not the caller's). v and div are filled. */
static lk_participant *own_participant(wy_ctx *ctx, int64_t programme_id, const char *division,
                                       lk_view *v, char div[DIVISION_CODE_MAX])
{
    if (load_view(ctx, programme_id, v, 1) < 0)
        return NULL;
    if (!division || division_normalize(division, div) < 0) {
        wy_fail_field(ctx, E_INVALID, "bad_division",
                      "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        return NULL;
    }
    lk_participant *p = part_of(v, div);
    if (!p) {
        wy_fail_field(ctx, E_INVALID, "not_a_participant",
                      "The division does not take part in this programme.", "division");
        return NULL;
    }
    return manage(ctx, div) < 0 ? NULL : p;
}

int linkage_participant_add(wy_ctx *ctx, int64_t programme_id, const char *division, int64_t *id)
{
    lk_view v;
    char div[DIVISION_CODE_MAX];
    if (load_view(ctx, programme_id, &v, 1) < 0 || manage(ctx, v.p.division) < 0 ||
        check_division(ctx, division, div, "division") < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_lk_participant_add(ctx->c, programme_id, div, ctx->now, id);
    int res = rc == WY_CONSTRAINT ? wy_fail_field(ctx, E_CONFLICT, "participant_exists",
                                                  "The division takes part already.", "division")
              : rc != WY_OK       ? wy_fail_store(ctx, rc, "participant")
                                  : audit_add(ctx, "linkage.participant.add", "linkage_programme",
                                              programme_id, v.p.division, NULL, div, NULL);
    return tx_end(ctx, res);
}

/* ---- plans ---- */

static int on_plan_status(wy_ctx *ctx, int64_t id, const char *status)
{
    const char *s = !strcmp(status, "published") ? "approved" : status;
    int rc = store_lk_plan_status(ctx->c, id, s, ctx->now);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "plan");
}

/* The division whose reviewers decide a participant's plan: the level above it (a province
 * decides for itself) with the chain of that one level, so exactly its reviewers decide. */
static int plan_review_division(wy_ctx *ctx, const char *division, char out[DIVISION_CODE_MAX])
{
    int level = division_level_of(division);
    if (level <= 1)
        snprintf(out, DIVISION_CODE_MAX, "%s", division);
    else if (!division_ancestor(division, level - 1, out))
        return wy_fail(ctx, E_INTERNAL, "bad_division", "The division has no level above.");
    int rc = store_review_chain_set(ctx->c, linkage_review_plan.name, out,
                                    division_level_name(division_level_of(out)));
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "review chain");
}

int linkage_plan_submit(wy_ctx *ctx, int64_t programme_id, const char *division, const char *title,
                        const char *content, lk_plan *out)
{
    lk_view v;
    char div[DIVISION_CODE_MAX];
    lk_participant *p = own_participant(ctx, programme_id, division, &v, div);
    if (!p)
        return -1;
    if (!text_ok(title, 1, LINKAGE_TITLE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 200 characters.",
                             "title");
    if (!text_ok(content, 0, LINKAGE_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_content",
                             "The content has at most 20000 characters.", "content");
    if (!linkage_stage_open(&v, "plans_due", ctx->now))
        return wy_fail(ctx, E_RULE, "plans_closed",
                       "Plans were due by the end of the plans_due stage: it is too late to "
                       "submit one.");
    if (tx_begin(ctx) < 0)
        return -1;
    lk_plan cur;
    int res = 0;
    int rc = store_lk_plan_by_participant(ctx->c, ctx->a, p->id, &cur);
    int64_t by = ctx->who ? ctx->who->user_id : 0;
    int64_t pid = 0;
    if (rc == WY_OK) {
        pid = cur.id;
        if (!strcmp(cur.status, "pending") || !strcmp(cur.status, "approved"))
            res = wy_fail(ctx, E_CONFLICT, "plan_submitted",
                          "The plan has been submitted and waits for review or is approved.");
        else
            rc = store_lk_plan_update(ctx->c, pid, title, content ? content : "", by, ctx->now);
    } else if (rc == WY_NOTFOUND) {
        lk_plan np = {.programme_id = programme_id,
                      .participant_id = p->id,
                      .title = title,
                      .content = content ? content : "",
                      .submitted_by = by};
        rc = store_lk_plan_create(ctx->c, &np, ctx->now, &pid);
    }
    if (res == 0 && rc != WY_OK)
        res = wy_fail_store(ctx, rc, "plan");
    char rdiv[DIVISION_CODE_MAX];
    const char *status;
    if (res == 0)
        res = plan_review_division(ctx, div, rdiv);
    if (res == 0)
        res = review_submit_tx(ctx, linkage_review_plan.name, pid, rdiv,
                               arena_sprintf(ctx->a, "%s · %s", v.p.title, title), &status);
    if (res == 0)
        res = audit_add(ctx, "linkage.plan.submit", "linkage_plan", pid, div, NULL, status, NULL);
    if (tx_end(ctx, res) < 0)
        return -1;
    rc = store_lk_plan_get(ctx->c, ctx->a, pid, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "plan");
}

int linkage_plan_item(wy_ctx *ctx, const lk_plan *p, review_item *out, int *may_decide)
{
    *may_decide = 0;
    memset(out, 0, sizeof(*out));
    int rc = store_review_item_by_content(ctx->c, ctx->a, linkage_review_plan.name, p->id, out);
    if (rc == WY_NOTFOUND)
        return 0;
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "review item");
    /* the item as read for the caller (its own submissions marked), when they may read it */
    if (ctx->who && authz_allows(ctx->who, PERM_REVIEW, out->division)) {
        if (review_get(ctx, out->id, out) < 0)
            return -1;
        *may_decide = review_may_decide(ctx->who, out);
    }
    return 0;
}

int linkage_plan_decide(wy_ctx *ctx, int64_t plan_id, const char *decision, const char *reason,
                        int64_t *programme_id)
{
    lk_plan p;
    lk_view v;
    int rc = store_lk_plan_get(ctx->c, ctx->a, plan_id, &p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "plan");
    *programme_id = p.programme_id;
    if (load_view(ctx, p.programme_id, &v, 1) < 0)
        return -1;
    if (!part_of(&v, p.division) && !v.all)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such plan here.");
    review_item it;
    rc = store_review_item_by_content(ctx->c, ctx->a, linkage_review_plan.name, p.id, &it);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "review item");
    /* core review decides: the level above the participant only, never one's own plan */
    return review_decide(ctx, it.id, decision, reason, NULL);
}

int linkage_plan_withdraw(wy_ctx *ctx, int64_t plan_id, lk_plan *out)
{
    lk_plan p;
    int rc = store_lk_plan_get(ctx->c, ctx->a, plan_id, &p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "plan");
    *out = p; /* the plan as it was, should it be refused */
    /* the participant's own writers take it back, as they submitted it */
    if (manage(ctx, p.division) < 0)
        return -1;
    if (strcmp(p.status, "pending"))
        return wy_fail(ctx, E_CONFLICT, "not_pending",
                       "Only a plan that waits for review can be taken back.");
    if (tx_begin(ctx) < 0)
        return -1;
    /* core review sets the plan back to draft and audits the step */
    int res = review_withdraw_tx(ctx, linkage_review_plan.name, p.id);
    if (res == 0)
        res = audit_add(ctx, "linkage.plan.withdraw", "linkage_plan", p.id, p.division, "pending",
                        "draft", NULL);
    if (tx_end(ctx, res) < 0)
        return -1;
    rc = store_lk_plan_get(ctx->c, ctx->a, p.id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "plan");
}

static int visible_division(const lk_view *v, const char *division)
{
    for (size_t i = 0; i < v->nparts; i++)
        if (!strcmp(v->parts[i].division, division))
            return 1;
    return v->all;
}

int linkage_plans(wy_ctx *ctx, int64_t programme_id, lk_plan **out, size_t *n)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0)
        return -1;
    int rc = store_lk_plans(ctx->c, ctx->a, programme_id, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "plans");
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (visible_division(&v, (*out)[i].division))
            (*out)[k++] = (*out)[i];
    *n = k;
    return 0;
}

/* ---- activities ---- */

static int theme_of(const lk_programme *p, const char *theme)
{
    if (!theme || !*theme || strchr(theme, ','))
        return 0;
    size_t n = strlen(theme);
    for (const char *s = p->themes; *s;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && !strncmp(s, theme, n))
            return 1;
        if (!e)
            break;
        s = e + 1;
    }
    return 0;
}

int linkage_activity_create(wy_ctx *ctx, int64_t programme_id, const lk_activity_input *in,
                            int64_t *id)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0)
        return -1;
    lk_plan plan;
    int rc = store_lk_plan_get(ctx->c, ctx->a, in->plan_id, &plan);
    if (rc == WY_NOTFOUND || (rc == WY_OK && plan.programme_id != programme_id))
        return wy_fail_field(ctx, E_INVALID, "unknown_plan", "No such plan in this programme.",
                             "plan_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "plan");
    char host[DIVISION_CODE_MAX];
    if (check_division(ctx, in->host, host, "host") < 0)
        return -1;
    if (!division_contains(plan.division, host))
        return wy_fail_field(ctx, E_INVALID, "bad_host",
                             "The host is the plan's participant or a division inside it.", "host");
    if (manage(ctx, host) < 0)
        return -1;
    if (strcmp(plan.status, "approved"))
        return wy_fail_field(ctx, E_RULE, "plan_not_approved",
                             "Activities are recorded under an approved plan only.", "plan_id");
    if (!one_of(in->kind, kinds, sizeof(kinds) / sizeof(kinds[0])))
        return wy_fail_field(ctx, E_INVALID, "bad_kind",
                             "The kind is exchange, alliance, conference, lecture, exhibition or "
                             "performance.",
                             "kind");
    if (!theme_of(&v.p, in->theme))
        return wy_fail_field(ctx, E_INVALID, "bad_theme", "The theme is one of the programme's.",
                             "theme");
    if (!text_ok(in->title, 1, LINKAGE_TITLE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 200 characters.",
                             "title");
    if (!date_ok(in->starts_on) || !date_ok(in->ends_on) || strcmp(in->starts_on, in->ends_on) > 0)
        return wy_fail_field(ctx, E_INVALID, "bad_dates",
                             "An activity has a first and a last day (YYYY-MM-DD), in order.",
                             "starts_on");
    char guests[LINKAGE_LIST_MAX][DIVISION_CODE_MAX], members[LINKAGE_LIST_MAX][DIVISION_CODE_MAX];
    for (size_t i = 0; i < in->nguests; i++) {
        if (check_division(ctx, in->guests[i], guests[i], "guests") < 0)
            return -1;
        if (!strcmp(guests[i], host))
            return wy_fail_field(ctx, E_INVALID, "bad_guests", "The host is not its own guest.",
                                 "guests");
    }
    int alliance = !strcmp(in->kind, "alliance");
    if (alliance) {
        if (!text_ok(in->agreement_text, 1, LINKAGE_TEXT_MAX) ||
            !date_ok(in->agreement_signed_on) || in->nmembers < 2)
            return wy_fail_field(ctx, E_INVALID, "agreement_required",
                                 "An alliance has its agreement: the text, the date it was "
                                 "signed and at least two member divisions.",
                                 "agreement");
        for (size_t i = 0; i < in->nmembers; i++)
            if (check_division(ctx, in->members[i], members[i], "agreement") < 0)
                return -1;
    } else if (in->agreement_text || in->nmembers) {
        return wy_fail_field(ctx, E_INVALID, "agreement_not_alliance",
                             "Only an alliance has an agreement.", "agreement");
    }
    if (tx_begin(ctx) < 0)
        return -1;
    lk_activity x = {.programme_id = programme_id,
                     .plan_id = plan.id,
                     .kind = in->kind,
                     .theme = in->theme,
                     .title = in->title,
                     .starts_on = in->starts_on,
                     .ends_on = in->ends_on,
                     .host = host,
                     .created_by = ctx->who ? ctx->who->user_id : 0};
    rc = store_lk_activity_create(ctx->c, &x, ctx->now, id);
    for (size_t i = 0; rc == WY_OK && i < in->nguests; i++)
        rc = store_lk_guest_add(ctx->c, *id, guests[i]);
    if (rc == WY_OK && alliance) {
        int64_t ag;
        rc = store_lk_agreement_create(ctx->c, *id, in->agreement_text, in->agreement_signed_on,
                                       ctx->now, &ag);
        for (size_t i = 0; rc == WY_OK && i < in->nmembers; i++)
            rc = store_lk_agreement_member_add(ctx->c, ag, members[i]);
    }
    int res = rc != WY_OK ? wy_fail_store(ctx, rc, "activity")
                          : audit_add(ctx, "linkage.activity.create", "linkage_activity", *id, host,
                                      NULL, NULL, in->title);
    return tx_end(ctx, res);
}

static int media_list(wy_ctx *ctx, int64_t activity_id, lk_media **out, size_t *n)
{
    size_t cap = 0;
    attachment *per[3];
    size_t nper[3];
    for (int k = 0; k < 3; k++) {
        if (attachment_list(ctx, arena_sprintf(ctx->a, "linkage_media_%s", media_kinds[k]),
                            activity_id, &per[k], &nper[k]) < 0)
            return -1;
        cap += nper[k];
    }
    *n = 0;
    *out = cap ? arena_alloc(ctx->a, cap * sizeof(**out)) : NULL;
    if (cap && !*out)
        return check_mem(ctx);
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < nper[k]; i++)
            (*out)[(*n)++] = (lk_media){media_kinds[k], per[k][i]};
    return 0;
}

/* Fill the activity views of x[0..n) from the programme's guests, agreements and media. */
static int fill_views(wy_ctx *ctx, int64_t programme_id, lk_activity *x, size_t n,
                      lk_activity_view *out)
{
    lk_guest *gs, *ms;
    lk_agreement *ags;
    size_t ng, nm, na;
    int rc = store_lk_guests(ctx->c, ctx->a, programme_id, &gs, &ng);
    if (rc == WY_OK)
        rc = store_lk_agreements(ctx->c, ctx->a, programme_id, &ags, &na);
    if (rc == WY_OK)
        rc = store_lk_agreement_members(ctx->c, ctx->a, programme_id, &ms, &nm);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activities");
    for (size_t i = 0; i < n; i++) {
        lk_activity_view *v = &out[i];
        memset(v, 0, sizeof(*v));
        v->x = x[i];
        for (size_t k = 0; k < ng; k++)
            if (gs[k].activity_id == x[i].id) {
                if (!v->guests)
                    v->guests = &gs[k];
                v->nguests++;
            }
        for (size_t k = 0; k < na; k++)
            if (ags[k].activity_id == x[i].id)
                v->agreement = ags[k];
        for (size_t k = 0; v->agreement.id && k < nm; k++)
            if (ms[k].activity_id == v->agreement.id) {
                if (!v->members)
                    v->members = &ms[k];
                v->nmembers++;
            }
        if (media_list(ctx, x[i].id, &v->media, &v->nmedia) < 0)
            return -1;
    }
    return 0;
}

static int activity_visible(const lk_view *v, const lk_activity_view *a, wy_ctx *ctx)
{
    if (v->all || sees(ctx, a->x.host))
        return 1;
    for (size_t i = 0; i < a->nguests; i++)
        if (sees(ctx, a->guests[i].division))
            return 1;
    return 0;
}

int linkage_activities(wy_ctx *ctx, int64_t programme_id, lk_activity_view **out, size_t *n)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0)
        return -1;
    lk_activity *xs;
    size_t nx;
    int rc = store_lk_activities(ctx->c, ctx->a, programme_id, &xs, &nx);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activities");
    *out = nx ? arena_alloc(ctx->a, nx * sizeof(**out)) : NULL;
    if (nx && !*out)
        return check_mem(ctx);
    if (fill_views(ctx, programme_id, xs, nx, *out) < 0)
        return -1;
    *n = 0;
    for (size_t i = 0; i < nx; i++)
        if (activity_visible(&v, &(*out)[i], ctx))
            (*out)[(*n)++] = (*out)[i];
    return 0;
}

int linkage_activity_get(wy_ctx *ctx, int64_t id, lk_activity_view *out)
{
    lk_activity x;
    int rc = store_lk_activity_get(ctx->c, ctx->a, id, &x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    lk_view v;
    if (load_view(ctx, x.programme_id, &v, 1) < 0 ||
        fill_views(ctx, x.programme_id, &x, 1, out) < 0)
        return -1;
    if (!activity_visible(&v, out, ctx))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such activity here.");
    return 0;
}

int linkage_summary_set(wy_ctx *ctx, int64_t activity_id, const char *summary)
{
    lk_activity x;
    int rc = store_lk_activity_get(ctx->c, ctx->a, activity_id, &x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    if (manage(ctx, x.host) < 0)
        return -1;
    if (!text_ok(summary, 1, LINKAGE_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_summary", "A summary has 1 to 20000 characters.",
                             "summary");
    char day[11];
    today(ctx, day);
    if (strcmp(day, x.starts_on) < 0)
        return wy_fail(ctx, E_RULE, "not_held_yet",
                       "The activity has not begun: its materials come after it.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_lk_summary_set(ctx->c, activity_id, summary, ctx->now);
    int res = rc != WY_OK ? wy_fail_store(ctx, rc, "summary")
                          : audit_add(ctx, "linkage.activity.summary", "linkage_activity",
                                      activity_id, x.host, NULL, NULL, NULL);
    return tx_end(ctx, res);
}

int linkage_media_add(wy_ctx *ctx, int64_t activity_id, const char *kind, const attachment_file *f,
                      attachment *out)
{
    lk_activity x;
    int rc = store_lk_activity_get(ctx->c, ctx->a, activity_id, &x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    if (manage(ctx, x.host) < 0)
        return -1;
    if (!one_of(kind, media_kinds, 3))
        return wy_fail_field(ctx, E_INVALID, "bad_kind",
                             "The kind of a material is programme, photo or video.", "kind");
    int64_t max = config_module_int(ctx->cfg, "linkage", "attachment_max_kib") * 1024;
    if ((!strcmp(kind, "photo") ? attachment_check_image(ctx, f, max, "file")
                                : attachment_check(ctx, f, max, "file")) < 0)
        return -1;
    char day[11];
    today(ctx, day);
    if (strcmp(day, x.starts_on) < 0)
        return wy_fail(ctx, E_RULE, "not_held_yet",
                       "The activity has not begun: its materials come after it.");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = attachment_add_tx(ctx, arena_sprintf(ctx->a, "linkage_media_%s", kind), activity_id,
                                x.host, f, out);
    if (res == 0)
        res = audit_add(ctx, "linkage.activity.media", "linkage_activity", activity_id, x.host,
                        NULL, kind, f->name);
    return tx_end(ctx, res);
}

int linkage_media_get(wy_ctx *ctx, int64_t attachment_id, attachment *out, const char **data,
                      size_t *len)
{
    if (attachment_get(ctx, attachment_id, out, data, len) < 0)
        return -1;
    if (strncmp(out->owner_type, "linkage_media_", 14))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such material.");
    lk_activity_view v;
    return linkage_activity_get(ctx, out->owner_id, &v);
}

int linkage_media_remove(wy_ctx *ctx, int64_t attachment_id, int64_t *activity_id)
{
    attachment m;
    const char *data;
    size_t len;
    *activity_id = 0;
    if (attachment_get(ctx, attachment_id, &m, &data, &len) < 0)
        return -1;
    if (strncmp(m.owner_type, "linkage_media_", 14))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such material.");
    lk_activity x;
    int rc = store_lk_activity_get(ctx->c, ctx->a, m.owner_id, &x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activity");
    *activity_id = x.id;
    /* the host's staff, who gave it */
    if (manage(ctx, x.host) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = attachment_remove_tx(ctx, m.id);
    if (res == 0)
        res = audit_add(ctx, "linkage.activity.media_remove", "linkage_activity", x.id, x.host,
                        m.owner_type + 14, NULL, m.filename);
    return tx_end(ctx, res);
}

/* ---- evaluation ---- */

int linkage_self_evaluate(wy_ctx *ctx, int64_t programme_id, const char *division, const char *text,
                          int score)
{
    lk_view v;
    char div[DIVISION_CODE_MAX];
    lk_participant *p = own_participant(ctx, programme_id, division, &v, div);
    if (!p)
        return -1;
    if (!text_ok(text, 1, LINKAGE_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_text",
                             "A self-evaluation has 1 to 20000 characters.", "text");
    if (score < 0 || score > 100)
        return wy_fail_field(ctx, E_INVALID, "bad_score", "A score from 0 to 100.", "score");
    if (!linkage_stage_open(&v, "self_evaluate", ctx->now))
        return wy_fail(ctx, E_RULE, "self_evaluation_closed",
                       "Self-evaluations were due by the end of the self_evaluate stage.");
    if (tx_begin(ctx) < 0)
        return -1;
    int rc =
        store_lk_self_set(ctx->c, p->id, text, score, ctx->who ? ctx->who->user_id : 0, ctx->now);
    int res = rc != WY_OK
                  ? wy_fail_store(ctx, rc, "self-evaluation")
                  : audit_add(ctx, "linkage.self_evaluation", "linkage_programme", programme_id,
                              div, NULL, arena_sprintf(ctx->a, "%d", score), NULL);
    return tx_end(ctx, res);
}

int linkage_criteria(wy_ctx *ctx, int64_t programme_id, lk_criterion **out, size_t *n)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0)
        return -1;
    int rc = store_lk_criteria(ctx->c, ctx->a, programme_id, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "criteria");
}

int linkage_criteria_set(wy_ctx *ctx, int64_t programme_id, const lk_criterion *k, size_t n)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0 || manage(ctx, v.p.division) < 0)
        return -1;
    int sum[2] = {0, 0};
    if (n == 0 || n > LINKAGE_LIST_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_criteria", "Give one to 32 criteria.",
                             "criteria");
    for (size_t i = 0; i < n; i++) {
        int t = k[i].target && !strcmp(k[i].target, "participant");
        if (!k[i].target || (!t && strcmp(k[i].target, "session")) || !text_ok(k[i].name, 1, 100) ||
            k[i].weight < 1 || k[i].weight > 100)
            return wy_fail_field(ctx, E_INVALID, "bad_criteria",
                                 "A criterion has a target (session or participant), a name of 1 "
                                 "to 100 characters and a weight from 1 to 100.",
                                 "criteria");
        sum[t] += k[i].weight;
    }
    if ((sum[0] && sum[0] != 100) || (sum[1] && sum[1] != 100))
        return wy_fail_field(ctx, E_INVALID, "bad_weights",
                             "The weights of each target's criteria add up to 100.", "criteria");
    int64_t scored;
    int rc = store_lk_score_count(ctx->c, programme_id, &scored);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "scores");
    if (scored)
        return wy_fail(ctx, E_CONFLICT, "rubric_in_use",
                       "Experts have scored on this rubric: it cannot change now.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_lk_criteria_clear(ctx->c, programme_id);
    for (size_t i = 0; rc == WY_OK && i < n; i++)
        rc = store_lk_criterion_add(ctx->c, programme_id, &k[i], (int)i);
    int res = rc == WY_CONSTRAINT ? wy_fail_field(ctx, E_INVALID, "bad_criteria",
                                                  "A criterion is named twice.", "criteria")
              : rc != WY_OK       ? wy_fail_store(ctx, rc, "criteria")
                            : audit_add(ctx, "linkage.rubric", "linkage_programme", programme_id,
                                        v.p.division, NULL, NULL, NULL);
    return tx_end(ctx, res);
}

/* Is the expert of the subject's division (their account's division or a grant inside it)? */
static int own_division(const principal *who, const char *division)
{
    if (!who)
        return 0;
    if (who->division && division_contains(division, who->division))
        return 1;
    for (size_t i = 0; i < who->ngrants; i++)
        if (division_contains(division, who->grants[i].division))
            return 1;
    return 0;
}

int linkage_score(wy_ctx *ctx, int64_t programme_id, const char *target, int64_t activity_id,
                  const char *division, const int64_t *criteria, const int *scores, size_t n,
                  const char *comment)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0)
        return -1;
    if (!ctx->who || authz_require(ctx, PERM_REVIEW, v.p.division) < 0)
        return ctx->who ? -1
                        : wy_fail(ctx, E_FORBIDDEN, "expert_required", "Experts score, by name.");
    int session = target && !strcmp(target, "session");
    if (!session && !(target && !strcmp(target, "participant")))
        return wy_fail_field(ctx, E_INVALID, "bad_target", "The target is session or participant.",
                             "target");
    const char *subject_div;
    int64_t subject;
    char day[11];
    today(ctx, day);
    if (session) {
        lk_activity x;
        int rc = store_lk_activity_get(ctx->c, ctx->a, activity_id, &x);
        if (rc == WY_NOTFOUND || (rc == WY_OK && x.programme_id != programme_id))
            return wy_fail_field(ctx, E_INVALID, "unknown_subject",
                                 "No such activity in this programme.", "activity_id");
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "activity");
        if (strcmp(x.kind, "exchange"))
            return wy_fail_field(ctx, E_INVALID, "not_a_session",
                                 "Only a 听看评 session (an exchange) is scored.", "activity_id");
        if (strcmp(day, x.starts_on) < 0)
            return wy_fail(ctx, E_RULE, "not_held_yet", "The session has not been held yet.");
        subject = x.id;
        subject_div = x.host;
    } else {
        char div[DIVISION_CODE_MAX];
        lk_participant *p =
            division && division_normalize(division, div) == 0 ? part_of(&v, div) : NULL;
        if (!p)
            return wy_fail_field(ctx, E_INVALID, "not_a_participant",
                                 "The division does not take part in this programme.", "division");
        subject = p->id;
        subject_div = p->division;
    }
    if (own_division(ctx->who, subject_div))
        return wy_fail(ctx, E_FORBIDDEN, "own_division",
                       "An expert does not score their own division.");
    lk_criterion *ks;
    size_t nk, want = 0;
    int rc = store_lk_criteria(ctx->c, ctx->a, programme_id, &ks, &nk);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "criteria");
    for (size_t i = 0; i < nk; i++)
        if (!strcmp(ks[i].target, target))
            want++;
    if (!want)
        return wy_fail(ctx, E_RULE, "no_rubric", "The programme has no rubric for this target.");
    if (!text_ok(comment, 0, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_comment",
                             "A comment has at most 2000 characters.", "comment");
    for (size_t i = 0; i < n; i++) {
        if (scores[i] < 0 || scores[i] > 100)
            return wy_fail_field(ctx, E_INVALID, "bad_score", "A score from 0 to 100.", "scores");
        int found = 0;
        for (size_t k = 0; k < nk; k++)
            found |= ks[k].id == criteria[i] && !strcmp(ks[k].target, target);
        for (size_t k = 0; k < i; k++)
            found &= criteria[k] != criteria[i];
        if (!found)
            return wy_fail_field(ctx, E_INVALID, "bad_criterion",
                                 "Each criterion of the rubric for this target, once.", "scores");
    }
    if (n != want)
        return wy_fail_field(ctx, E_INVALID, "incomplete_scores",
                             "Score every criterion of the rubric for this target.", "scores");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_lk_scores_clear(ctx->c, target, subject, ctx->who->user_id);
    for (size_t i = 0; rc == WY_OK && i < n; i++) {
        lk_score s = {.target = target,
                      .subject_id = subject,
                      .expert_id = ctx->who->user_id,
                      .criterion_id = criteria[i],
                      .score = scores[i],
                      .comment = comment ? comment : ""};
        rc = store_lk_score_add(ctx->c, programme_id, &s, ctx->now);
    }
    int res = rc != WY_OK ? wy_fail_store(ctx, rc, "scores")
                          : audit_add(ctx, "linkage.score", "linkage_programme", programme_id,
                                      subject_div, NULL, target, NULL);
    return tx_end(ctx, res);
}

/* The mean over experts of each expert's weighted score of (target, subject); -1: none. */
static double subject_score(const lk_score *s, size_t ns, const lk_criterion *ks, size_t nk,
                            const char *target, int64_t subject, int *experts)
{
    double total = 0;
    int ne = 0;
    for (size_t i = 0; i < ns;) {
        if (strcmp(s[i].target, target) || s[i].subject_id != subject) {
            i++;
            continue;
        }
        int64_t expert = s[i].expert_id;
        double sum = 0, w = 0;
        for (; i < ns && !strcmp(s[i].target, target) && s[i].subject_id == subject &&
               s[i].expert_id == expert;
             i++)
            for (size_t k = 0; k < nk; k++)
                if (ks[k].id == s[i].criterion_id) {
                    sum += ks[k].weight * s[i].score;
                    w += ks[k].weight;
                }
        if (w > 0) {
            total += sum / w;
            ne++;
        }
    }
    if (experts)
        *experts = ne;
    return ne ? total / ne : -1;
}

static int by_result(const void *a, const void *b)
{
    const lk_result *x = a, *y = b;
    if (x->result != y->result)
        return x->result > y->result ? -1 : 1;
    return strcmp(x->part->division, y->part->division);
}

static double round2(double v)
{
    return v < 0 ? v : floor(v * 100 + 0.5) / 100;
}

int linkage_evaluation(wy_ctx *ctx, int64_t programme_id, lk_view *v, lk_result **out, size_t *n)
{
    if (load_view(ctx, programme_id, v, 1) < 0)
        return -1;
    lk_score *s;
    lk_criterion *ks;
    lk_activity *xs;
    size_t ns, nk, nx;
    int rc = store_lk_scores(ctx->c, ctx->a, programme_id, &s, &ns);
    if (rc == WY_OK)
        rc = store_lk_criteria(ctx->c, ctx->a, programme_id, &ks, &nk);
    if (rc == WY_OK)
        rc = store_lk_activities(ctx->c, ctx->a, programme_id, &xs, &nx);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "evaluation");
    /* every participant is ranked among all, then the caller's are kept */
    lk_participant *all;
    size_t na;
    rc = store_lk_participants(ctx->c, ctx->a, programme_id, &all, &na);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "participants");
    lk_result *r = na ? arena_alloc(ctx->a, na * sizeof(*r)) : NULL;
    if (na && !r)
        return check_mem(ctx);
    for (size_t i = 0; i < na; i++) {
        lk_result *x = &r[i];
        memset(x, 0, sizeof(*x));
        x->part = &all[i];
        x->self_score = all[i].self_text ? all[i].self_score : -1;
        x->participant_score = subject_score(s, ns, ks, nk, "participant", all[i].id, &x->experts);
        double sum = 0;
        for (size_t k = 0; k < nx; k++) {
            if (strcmp(xs[k].kind, "exchange") || !division_contains(all[i].division, xs[k].host))
                continue;
            double sc = subject_score(s, ns, ks, nk, "session", xs[k].id, NULL);
            if (sc >= 0) {
                sum += sc;
                x->sessions++;
            }
        }
        x->session_score = x->sessions ? sum / x->sessions : -1;
        if (x->participant_score >= 0 && x->session_score >= 0)
            x->result = (v->p.weight_participant * x->participant_score +
                         v->p.weight_sessions * x->session_score) /
                        100;
        else
            x->result = x->participant_score >= 0 ? x->participant_score : x->session_score;
        x->participant_score = round2(x->participant_score);
        x->session_score = round2(x->session_score);
        x->result = round2(x->result);
    }
    qsort(r, na, sizeof(*r), by_result);
    for (size_t i = 0; i < na; i++)
        if (r[i].result >= 0)
            r[i].rank = i && r[i].result == r[i - 1].result ? r[i - 1].rank : (int)i + 1;
    *n = 0;
    for (size_t i = 0; i < na; i++)
        if (visible_division(v, r[i].part->division))
            r[(*n)++] = r[i];
    *out = r;
    return 0;
}

int linkage_commend(wy_ctx *ctx, int64_t programme_id, const char *division, const char *title,
                    const char *citation, int64_t *id)
{
    lk_view v;
    char div[DIVISION_CODE_MAX];
    if (load_view(ctx, programme_id, &v, 1) < 0 || manage(ctx, v.p.division) < 0)
        return -1;
    lk_participant *p =
        division && division_normalize(division, div) == 0 ? part_of(&v, div) : NULL;
    if (!p)
        return wy_fail_field(ctx, E_INVALID, "not_a_participant",
                             "The division does not take part in this programme.", "division");
    if (!text_ok(title, 1, LINKAGE_TITLE_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 200 characters.",
                             "title");
    if (!text_ok(citation, 0, LINKAGE_TEXT_MAX))
        return wy_fail_field(ctx, E_INVALID, "bad_citation",
                             "A citation has at most 20000 characters.", "citation");
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_lk_commendation_add(ctx->c, programme_id, p->id, title, citation ? citation : "",
                                       ctx->who ? ctx->who->user_id : 0, ctx->now, id);
    int res = rc != WY_OK ? wy_fail_store(ctx, rc, "commendation")
                          : audit_add(ctx, "linkage.commend", "linkage_programme", programme_id,
                                      div, NULL, NULL, title);
    return tx_end(ctx, res);
}

int linkage_commendations(wy_ctx *ctx, int64_t programme_id, lk_commendation **out, size_t *n)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0)
        return -1;
    int rc = store_lk_commendations(ctx->c, ctx->a, programme_id, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "commendations");
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (visible_division(&v, (*out)[i].division))
            (*out)[k++] = (*out)[i];
    *n = k;
    return 0;
}

int linkage_summary(wy_ctx *ctx, int64_t programme_id, lk_summary *out)
{
    memset(out, 0, sizeof(*out));
    if (linkage_evaluation(ctx, programme_id, &out->v, &out->results, &out->nresults) < 0 ||
        linkage_plans(ctx, programme_id, &out->plans, &out->nplans) < 0 ||
        linkage_activities(ctx, programme_id, &out->acts, &out->nacts) < 0 ||
        linkage_commendations(ctx, programme_id, &out->commends, &out->ncommends) < 0)
        return -1;
    return 0;
}

/* ---- publication ---- */

int linkage_publish(wy_ctx *ctx, int64_t programme_id, const char *what)
{
    lk_view v;
    if (load_view(ctx, programme_id, &v, 1) < 0 || manage(ctx, v.p.division) < 0)
        return -1;
    int results = what && !strcmp(what, "results");
    if (!results && (!what || strcmp(what, "programme")))
        return wy_fail_field(ctx, E_INVALID, "bad_what", "Publish the programme or its results.",
                             "what");
    if (results && !v.p.published_at)
        return wy_fail(ctx, E_RULE, "not_published", "Publish the programme before its results.");
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_lk_programme_publish(ctx->c, programme_id, results, ctx->now);
    int res = rc != WY_OK ? wy_fail_store(ctx, rc, "programme")
                          : audit_add(ctx, "linkage.publish", "linkage_programme", programme_id,
                                      v.p.division, NULL, results ? "results" : "programme", NULL);
    return tx_end(ctx, res);
}

int linkage_public_list(wy_ctx *ctx, int64_t before, int limit, lk_programme **out, size_t *n,
                        int64_t *next)
{
    *next = 0;
    int rc = store_lk_programme_list_published(ctx->c, ctx->a, before, limit + 1, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "programmes");
    if (*n > (size_t)limit) {
        *n = (size_t)limit;
        *next = (*out)[limit - 1].id;
    }
    return 0;
}

int linkage_public(wy_ctx *ctx, int64_t programme_id, lk_summary *out)
{
    lk_programme p;
    int rc = store_lk_programme_get(ctx->c, ctx->a, programme_id, &p);
    if (rc == WY_OK && !p.published_at)
        rc = WY_NOTFOUND;
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "programme");
    /* read as the system (every participant), then keep only what is published */
    const principal *who = ctx->who;
    ctx->who = NULL;
    rc = linkage_summary(ctx, programme_id, out);
    ctx->who = who;
    if (rc < 0)
        return -1;
    out->v.all = 1;
    out->plans = NULL; /* plans are the level above's business, not published */
    out->nplans = 0;
    for (size_t i = 0; i < out->v.nparts; i++) {
        out->v.parts[i].self_text = NULL;
        out->v.parts[i].self_score = -1;
        out->v.parts[i].self_at = 0;
    }
    for (size_t i = 0; i < out->nacts; i++) {
        lk_activity_view *a = &out->acts[i];
        a->x.summary = "";
        a->x.created_by = 0;
        a->x.nmedia = 0;
        a->media = NULL;
        a->nmedia = 0;
        a->agreement.text = "";
    }
    if (!p.results_published_at) {
        out->results = NULL;
        out->nresults = 0;
        out->commends = NULL;
        out->ncommends = 0;
    }
    for (size_t i = 0; i < out->nresults; i++)
        out->results[i].self_score = -1;
    return 0;
}

static const char *name_of(const lk_summary *s, const char *division)
{
    for (size_t i = 0; i < s->v.nparts; i++)
        if (!strcmp(s->v.parts[i].division, division))
            return s->v.parts[i].name;
    return division;
}

static void md_score(strbuf *b, double v)
{
    if (v < 0)
        sb_adds(b, " — |");
    else
        sb_addf(b, " %.2f |", v);
}

const char *linkage_summary_markdown(wy_ctx *ctx, const lk_summary *s)
{
    strbuf b = STRBUF_INIT;
    const lk_programme *p = &s->v.p;
    sb_addf(&b, "# %s (%d)\n\n", p->title, p->year);
    if (*p->description)
        sb_addf(&b, "%s\n\n", p->description);
    sb_addf(&b, "- division: %s\n- themes: %s\n\n## Stages\n\n", p->division, p->themes);
    for (size_t i = 0; i < s->v.nstages; i++)
        sb_addf(&b, "- %s: %s%s%s\n", s->v.stages[i].stage,
                s->v.stages[i].starts_on ? s->v.stages[i].starts_on : "",
                s->v.stages[i].starts_on ? " – " : "", s->v.stages[i].due_on);
    sb_adds(
        &b,
        "\n## Participants and plans\n\n| participant | plan | status |\n| --- | --- | --- |\n");
    for (size_t i = 0; i < s->v.nparts; i++) {
        const lk_plan *pl = NULL;
        for (size_t k = 0; k < s->nplans; k++)
            if (s->plans[k].participant_id == s->v.parts[i].id)
                pl = &s->plans[k];
        sb_addf(&b, "| %s (%s) | %s | %s |\n", s->v.parts[i].name, s->v.parts[i].division,
                pl ? pl->title : "—", pl ? pl->status : "none");
    }
    sb_adds(&b, "\n## Activities\n\n| dates | kind | theme | activity | host | guests | "
                "summary | media |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < s->nacts; i++) {
        const lk_activity_view *a = &s->acts[i];
        sb_addf(&b, "| %s – %s | %s | %s | %s | %s |", a->x.starts_on, a->x.ends_on, a->x.kind,
                a->x.theme, a->x.title, a->x.host_name);
        for (size_t k = 0; k < a->nguests; k++)
            sb_addf(&b, "%s%s", k ? "、" : " ", a->guests[k].name);
        sb_addf(&b, " | %s | %zu |\n", *a->x.summary ? "yes" : "missing", a->nmedia);
    }
    for (size_t i = 0; i < s->nacts; i++) {
        const lk_activity_view *a = &s->acts[i];
        if (a->agreement.id) {
            sb_addf(&b, "\nAgreement of %s, signed %s:", a->x.title, a->agreement.signed_on);
            for (size_t k = 0; k < a->nmembers; k++)
                sb_addf(&b, "%s%s", k ? "、" : " ", a->members[k].name);
            sb_adds(&b, "\n");
        }
    }
    sb_adds(&b, "\n## Evaluation\n\n| rank | participant | self | experts | sessions | result |\n"
                "| --- | --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < s->nresults; i++) {
        const lk_result *r = &s->results[i];
        if (r->rank)
            sb_addf(&b, "| %d |", r->rank);
        else
            sb_adds(&b, "| — |");
        sb_addf(&b, " %s |", r->part->name);
        md_score(&b, r->self_score);
        md_score(&b, r->participant_score);
        md_score(&b, r->session_score);
        md_score(&b, r->result);
        sb_adds(&b, "\n");
    }
    sb_adds(&b, "\n## Commendations\n\n");
    for (size_t i = 0; i < s->ncommends; i++)
        sb_addf(&b, "- %s: %s%s%s\n", name_of(s, s->commends[i].division), s->commends[i].title,
                *s->commends[i].citation ? " — " : "", s->commends[i].citation);
    if (!s->ncommends)
        sb_adds(&b, "None yet.\n");
    const char *text = arena_strdup(ctx->a, b.buf ? b.buf : "");
    sb_release(&b);
    return text;
}

/* ---- the job ---- */

int linkage_job_materials(wy_ctx *ctx)
{
    int64_t days = config_module_int(ctx->cfg, "linkage", "materials_days");
    char last[11];
    linkage_date_of(ctx->now - days * 86400000LL, last);
    lk_activity *xs;
    size_t n;
    int rc = store_lk_missing_materials(ctx->c, ctx->a, last, ctx->now - 7 * 86400000LL, &xs, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "activities");
    for (size_t i = 0; i < n; i++) {
        int64_t *staff;
        size_t ns;
        if (tx_begin(ctx) < 0)
            return -1;
        int res = 0;
        rc = store_lk_host_staff(ctx->c, ctx->a, xs[i].host, &staff, &ns);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "staff");
        for (size_t k = 0; res == 0 && k < ns; k++) {
            notify_msg m = {.kind = &linkage_kind_materials,
                            .user_id = staff[k],
                            .subject_type = "linkage_activity",
                            .subject_id = xs[i].id,
                            .title = xs[i].title,
                            .division = xs[i].host,
                            .params = arena_sprintf(ctx->a, "{\"ends_on\":\"%s\"}", xs[i].ends_on)};
            res = notify_send(ctx, &m, NULL);
        }
        if (res == 0) {
            rc = store_lk_chased(ctx->c, xs[i].id, ctx->now);
            res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "activity");
        }
        if (tx_end(ctx, res) < 0)
            return -1;
    }
    return 0;
}
