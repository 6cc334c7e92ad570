/*
 * pages_linkage: the staff's pages of regional linkage programmes (docs/linkage.md, "Pages"):
 *   /admin/linkage               the programmes the caller sees (the scope of the API), and the
 *                                form that deploys one (tasks_manage)
 *   /admin/linkage/{id}          one programme: its themes and stages, the participants and
 *                                their plans (submission, and the decision of the level above
 *                                through core review), the activities with their hosts, guests,
 *                                agreements and materials (summary and upload), the
 *                                self-evaluations, the rubric and the experts' score forms, the
 *                                weighted ranking as a bar chart (SVG) and the commendations
 *   /admin/linkage/{id}/summary  the generated summary as Markdown, and its download
 * The pages call the rules the API calls (linkage.h); a refused form shows the page again with
 * the refusal and what was written. No script.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/linkage/handlers.h"
#include "mod/linkage/linkage.h"
#include "mod/linkage/rubric_lines.h"
#include "mod/module.h" /* N_ */
#include "web/form.h"

#define LIST_PAGE 20

const web_term linkage_stage_terms[] = {
    {"deploy", N_("deployment")},
    {"plans_due", N_("plans due")},
    {"carry_out", N_("carrying out")},
    {"self_evaluate", N_("self-evaluation")},
    {"evaluate", N_("comprehensive evaluation")},
    {"commend", N_("commendation")},
    {NULL, NULL},
};

const web_term linkage_kind_terms[] = {
    {"exchange", N_("hear-see-comment session")},
    {"alliance", N_("alliance")},
    {"conference", N_("conference")},
    {"lecture", N_("lecture")},
    {"exhibition", N_("exhibition")},
    {"performance", N_("performance")},
    {NULL, NULL},
};

static const web_term status_terms[] = {
    {"pending", N_("waiting for review")},
    {"approved", N_("approved")},
    {"rejected", N_("returned")},
    {NULL, NULL},
};

static const web_term media_terms[] = {
    {"programme", N_("programme sheet")},
    {"photo", N_("photo")},
    {"video", N_("video")},
    {NULL, NULL},
};

/* Refusals shown on the page (403) rather than answered as such: an expert on their own
 * division, a reviewer on their own plan or at a level not theirs. */
static const char *const own_codes[] = {"own_division", "own_submission", "not_your_level", NULL};

static const web_flash_msg flashes[] = {
    {"programme_created", N_("The programme is deployed."), 0},
    {"participant_added", N_("The participant is added."), 0},
    {"plan_submitted", N_("The plan is submitted to the level above for review."), 0},
    {"plan_approved", N_("The plan is approved."), 0},
    {"plan_returned", N_("The plan is returned to its participant."), 0},
    {"material_removed", N_("The material is removed."), 0},
    {"plan_withdrawn", N_("The plan is taken back from review: change it and submit it again."), 0},
    {"activity_created", N_("The activity is recorded."), 0},
    {"summary_saved", N_("The activity's summary is saved."), 0},
    {"material_added", N_("The material is uploaded."), 0},
    {"self_saved", N_("The self-evaluation is saved."), 0},
    {"rubric_saved", N_("The rubric is saved."), 0},
    {"scores_saved", N_("Your scores are saved."), 0},
    {"commended", N_("The commendation is recorded."), 0},
    {"published", N_("The programme is published on the public pages."), 0},
    {"results_published", N_("The ranking and the commendations are published."), 0},
};

/* <option>s of the participants whose division passes keep (NULL: all), by division code. */
static void participant_options(http_req *req, html *h, const lk_view *v, perm p,
                                const char *chosen)
{
    wy_ctx *ctx = req_ctx(req);
    for (size_t i = 0; i < v->nparts; i++) {
        if (p != PERM_UNSET && !authz_allows(ctx->who, p, v->parts[i].division))
            continue;
        html_lit(h, "<option value=\"");
        html_attr(h, v->parts[i].division);
        html_lit(h, "\"");
        if (chosen && !strcmp(chosen, v->parts[i].division))
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, v->parts[i].name);
        html_lit(h, "</option>");
    }
}

void linkage_score_text(html *h, double v)
{
    char b[32];
    if (v < 0)
        html_lit(h, "—");
    else {
        snprintf(b, sizeof b, "%.2f", v);
        html_text(h, b);
    }
}

/* A list of a form's field: divisions or themes separated by commas, 、, ； or spaces. -1 with
 * ctx->err when there are more than LINKAGE_LIST_MAX. */
static int split_list(http_req *req, const char *name, const char **out, size_t *n)
{
    *n = 0;
    const char *v = req_form(req, name);
    char *s = arena_strdup(&req->a, v ? v : "");
    if (!s)
        return check_mem(req_ctx(req));
    static const char *const seps[] = {"，", "、", "；"}; /* three bytes each */
    for (size_t k = 0; k < 3; k++)
        for (char *p; (p = strstr(s, seps[k]));)
            memcpy(p, ",,,", 3);
    char *save = NULL;
    for (char *t = strtok_r(s, ",; \t\r\n", &save); t; t = strtok_r(NULL, ",; \t\r\n", &save)) {
        if (*n == LINKAGE_LIST_MAX)
            return wy_fail_field(req_ctx(req), E_INVALID, "bad_field",
                                 "A list has at most 32 entries.", name);
        out[(*n)++] = t;
    }
    return 0;
}

static int form_int(http_req *req, const char *name, int fallback)
{
    const char *v = req_form(req, name);
    if (!v || !*v)
        return fallback;
    char *end;
    long n = strtol(v, &end, 10);
    return *end || n < -1000000 || n > 1000000 ? -1 : (int)n;
}

static void links(http_req *req, html *h, int64_t id)
{
    html_lit(h, "<p class=\"small\" id=\"linkage-links\"><a href=\"/admin/linkage\">");
    web_t(req, h, "Linkage programmes");
    html_lit(h, "</a>");
    if (id) {
        html_lit(h, " · <a href=\"/admin/linkage/");
        html_int(h, id);
        html_lit(h, "\">");
        web_t(req, h, "The programme");
        html_lit(h, "</a> · <a id=\"summary-link\" href=\"/admin/linkage/");
        html_int(h, id);
        html_lit(h, "/summary\">");
        web_t(req, h, "Summary for the level above");
        html_lit(h, "</a>");
    }
    html_lit(h, "</p>");
}

/* ================= /admin/linkage ================= */

static void list_page(http_req *req, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t before = 0, next = 0;
    const char *c = req_query(req, "cursor");
    if (c && *c)
        before = atoll(c);
    lk_programme *ps;
    size_t n;
    if (linkage_programme_list(ctx, before, LIST_PAGE, &ps, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Regional linkage programmes"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Regional linkage programmes");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "Programmes deployed by a level of the division tree and carried out by the "
          "participants: plans, activities, materials, evaluation and commendation.");
    html_lit(&h, "</p>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\">");
    if (!n)
        web_empty(req, &h, "No programme you can see yet.");
    else {
        static const web_col cols[] = {
            {N_("Programme"), 0}, {N_("Division"), 0}, {N_("Year"), 1}, {N_("Themes"), 0}};
        html_lit(&h, "<div class=\"scroll\"><table class=\"data\" id=\"programmes\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<tr id=\"programme-");
            html_int(&h, ps[i].id);
            html_lit(&h, "\"><td><a href=\"/admin/linkage/");
            html_int(&h, ps[i].id);
            html_lit(&h, "\">");
            html_text(&h, ps[i].title);
            html_lit(&h, "</a></td><td>");
            html_text(&h, division_name(ctx, ps[i].division));
            html_lit(&h, "</td><td class=\"num\">");
            html_int(&h, ps[i].year);
            html_lit(&h, "</td><td>");
            html_text(&h, ps[i].themes);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
        if (next)
            web_pager_id(req, &h, "/admin/linkage", next, (const char *[]){NULL});
    }
    html_lit(&h, "</section>");

    const char *area = authz_scope(ctx->who, PERM_TASKS_MANAGE);
    if (area) {
        const wy_error *e = web_refusal_of(f, "programme", 0);
        html_lit(&h, "<section class=\"card\" id=\"new-programme\"><h2>");
        web_t(req, &h, "Deploy a programme");
        html_lit(&h, "</h2>");
        web_form_open(req, &h, "programme-form", "/admin/linkage", 0);
        web_form_error(req, &h, e);
        web_input(req, &h, "division", N_("Division code"), "text", 0, 1, e, area);
        web_input(req, &h, "title", N_("Title"), "text", 0, 1, e, NULL);
        char year[8];
        char day[11];
        linkage_date_of(ctx->now, day);
        snprintf(year, sizeof year, "%.4s", day);
        web_input(req, &h, "year", N_("Year"), "number", 0, 1, e, year);
        web_textarea(req, &h, "description", N_("Description"), LINKAGE_TEXT_MAX, e, NULL);
        web_input(req, &h, "themes", N_("Themes (separated by commas or 、)"), "text", 0, 1, e,
                  "标准化、均等化、社会化、数字化");
        web_input(req, &h, "weight_participant",
                  N_("Weight of the experts' scores of a participant"), "number", 0, 0, e, "70");
        web_input(req, &h, "weight_sessions", N_("Weight of the scores of its sessions"), "number",
                  0, 0, e, "30");
        html_lit(&h, "<fieldset id=\"stage-dates\"><legend>");
        web_t(req, &h, "Stages: first day (optional) and last day");
        html_lit(&h, "</legend>");
        for (const web_term *t = linkage_stage_terms; t->key; t++) {
            html_lit(&h, "<div class=\"row\"><strong>");
            web_t(req, &h, t->msgid);
            html_lit(&h, "</strong>");
            web_input(req, &h, arena_sprintf(&req->a, "%s_from", t->key), N_("from"), "date", 0, 0,
                      e, NULL);
            web_input(req, &h, arena_sprintf(&req->a, "%s_to", t->key), N_("to"), "date", 0, 0, e,
                      NULL);
            html_lit(&h, "</div>");
        }
        html_lit(&h, "</fieldset>");
        web_field_error(req, &h, e, "stages");
        web_submit(req, &h, N_("Deploy the programme"));
        html_lit(&h, "</form>");
        html_lit(&h, "</section>");
    }
    web_end(req, &h, status);
}

void page_admin_linkage(http_req *req)
{
    list_page(req, NULL, 200);
}

void page_admin_linkage_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    lk_programme_input in = {.division = req_form(req, "division"),
                             .title = req_form(req, "title"),
                             .description = web_opt(req, "description"),
                             .year = form_int(req, "year", 0),
                             .weight_participant = form_int(req, "weight_participant", 0),
                             .weight_sessions = form_int(req, "weight_sessions", 0)};
    int bad = split_list(req, "themes", in.themes, &in.nthemes) < 0;
    for (const web_term *t = linkage_stage_terms; !bad && t->key; t++) {
        const char *from = web_opt(req, arena_sprintf(&req->a, "%s_from", t->key));
        const char *to = web_opt(req, arena_sprintf(&req->a, "%s_to", t->key));
        if (to || from) /* a first day alone: the rule refuses the stage without its last day */
            in.stages[in.nstages++] = (lk_stage){t->key, from, to ? to : ""};
    }
    int64_t id;
    if (!bad && linkage_programme_create(ctx, &in, &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/linkage/%lld?msg=programme_created",
                                         (long long)id));
        return;
    }
    web_refusal f;
    int status = web_refused(req, "programme", 0, &f, own_codes);
    if (status)
        list_page(req, &f, status);
}

/* ================= /admin/linkage/{id} ================= */

void linkage_stages_section(http_req *req, html *h, const lk_view *v)
{
    html_lit(h, "<section class=\"card\" id=\"stages\"><h2>");
    web_t(req, h, "Stages");
    html_lit(h, "</h2>");
    if (!v->nstages) {
        web_empty(req, h, "No stage is set.");
        html_lit(h, "</section>");
        return;
    }
    char day[11];
    linkage_date_of(req_ctx(req)->now, day);
    static const web_col cols[] = {{N_("Stage"), 0}, {N_("First day"), 0}, {N_("Last day"), 0}};
    html_lit(h, "<div class=\"scroll\"><table class=\"data\">");
    web_thead(req, h, cols, 3);
    for (size_t i = 0; i < v->nstages; i++) {
        const lk_stage *s = &v->stages[i];
        int past = strcmp(day, s->due_on) > 0;
        html_lit(h, "<tr data-stage=\"");
        html_attr(h, s->stage);
        if (past)
            html_lit(h, "\" class=\"past\"><td>");
        else
            html_lit(h, "\"><td>");
        html_text(h, web_term_label(req, linkage_stage_terms, s->stage));
        html_lit(h, "</td><td>");
        html_text(h, s->starts_on ? s->starts_on : "");
        html_lit(h, "</td><td>");
        html_text(h, s->due_on);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div></section>");
}

static const lk_plan *plan_of(const lk_summary *s, int64_t participant_id)
{
    for (size_t i = 0; i < s->nplans; i++)
        if (s->plans[i].participant_id == participant_id)
            return &s->plans[i];
    return NULL;
}

static void participants_section(http_req *req, html *h, const lk_summary *s, int owner,
                                 const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    const lk_view *v = &s->v;
    html_lit(h, "<section class=\"card\" id=\"participants\"><h2>");
    web_t(req, h, "Participants and their plans");
    html_lit(h, "</h2>");
    if (!v->nparts)
        web_empty(req, h, "No participant yet.");
    for (size_t i = 0; i < v->nparts; i++) {
        const lk_participant *p = &v->parts[i];
        const lk_plan *pl = plan_of(s, p->id);
        html_lit(h, "<article class=\"participant\" id=\"participant-");
        html_attr(h, p->division);
        html_lit(h, "\"><h3>");
        html_text(h, p->name);
        html_lit(h, " <span class=\"muted small\">");
        html_text(h, p->division);
        html_lit(h, "</span></h3>");
        if (!pl) {
            html_lit(h, "<p class=\"muted plan-none\">");
            web_t(req, h, "No plan submitted yet.");
            html_lit(h, "</p></article>");
            continue;
        }
        html_lit(h, "<div class=\"plan\" id=\"plan-");
        html_int(h, pl->id);
        html_lit(h, "\" data-status=\"");
        html_attr(h, pl->status);
        html_lit(h, "\"><p><strong>");
        html_text(h, pl->title);
        html_lit(h, "</strong> ");
        web_badge(req, h, pl->status, web_term_label(req, status_terms, pl->status));
        html_lit(h, " <span class=\"muted small\">");
        html_date(h, pl->submitted_at);
        html_lit(h, "</span></p>");
        if (*pl->content) {
            html_lit(h, "<p class=\"plan-content\">");
            html_text(h, pl->content);
            html_lit(h, "</p>");
        }
        review_item it;
        int may = 0;
        if (linkage_plan_item(ctx, pl, &it, &may) < 0) {
            may = 0;
            ctx->err = (wy_error){0};
        }
        const wy_error *e = web_refusal_of(f, "decision", pl->id);
        web_form_error(req, h, e);
        web_field_error(req, h, e, "reason");
        web_field_error(req, h, e, "decision");
        if (may) {
            /* the level above decides: approve, or return with a reason */
            web_form_open(
                req, h, arena_sprintf(&req->a, "decision-%lld", (long long)pl->id),
                arena_sprintf(&req->a, "/admin/linkage/plans/%lld/decision", (long long)pl->id), 0);
            html_lit(h, "<label>");
            web_t(req, h, "Reason (to return it)");
            html_lit(h, " <input name=\"reason\" maxlength=\"2000\"></label>"
                        "<div class=\"row\"><button type=\"submit\" class=\"button\" "
                        "name=\"decision\" value=\"approve\">");
            web_t(req, h, "Approve");
            html_lit(h, "</button> <button type=\"submit\" class=\"button secondary\" "
                        "name=\"decision\" value=\"reject\">");
            web_t(req, h, "Return");
            html_lit(h, "</button></div></form>");
        } else if (it.id && !strcmp(it.status, "pending") && it.own) {
            html_lit(h, "<p class=\"muted small own-plan\">");
            web_t(req, h, "You submitted this plan: someone else at the level above decides it.");
            html_lit(h, "</p>");
        }
        const wy_error *we = web_refusal_of(f, "withdraw", pl->id);
        web_form_error(req, h, we);
        if (!strcmp(pl->status, "pending") &&
            authz_allows(ctx->who, PERM_TASKS_MANAGE, pl->division)) {
            /* the participant takes it back to change it, then submits it again */
            web_form_open(
                req, h, arena_sprintf(&req->a, "withdraw-%lld", (long long)pl->id),
                arena_sprintf(&req->a, "/admin/linkage/plans/%lld/withdraw", (long long)pl->id), 0);
            html_lit(h, "<button type=\"submit\" class=\"button secondary\">");
            web_t(req, h, "Take back from review");
            html_lit(h, "</button></form>");
        }
        html_lit(h, "</div></article>");
    }
    /* the participants' staff submit (again, once returned) before plans_due ends */
    int mine = 0;
    for (size_t i = 0; i < v->nparts; i++)
        mine |= authz_allows(ctx->who, PERM_TASKS_MANAGE, v->parts[i].division);
    const lk_stage *due = NULL;
    for (size_t i = 0; i < v->nstages; i++)
        if (!strcmp(v->stages[i].stage, "plans_due"))
            due = &v->stages[i];
    if (mine) {
        const wy_error *e = web_refusal_of(f, "plan", 0);
        html_lit(h, "<h3>");
        web_t(req, h, "Submit a plan");
        html_lit(h, "</h3>");
        if (due) {
            html_lit(h, "<p class=\"small\" id=\"plans-due\">");
            html_text(h, arena_sprintf(&req->a, req_tr(req, "Plans are due by %s."), due->due_on));
            html_lit(h, "</p>");
        }
        if (!linkage_stage_open(v, "plans_due", ctx->now) && !e) {
            html_lit(h, "<p class=\"muted\" id=\"plans-closed\">");
            web_t(req, h, "The plans_due stage has ended: plans can no longer be submitted.");
            html_lit(h, "</p>");
        } else {
            web_form_open(req, h, "plan-form",
                          arena_sprintf(&req->a, "/admin/linkage/%lld/plans", (long long)v->p.id),
                          0);
            web_form_error(req, h, e);
            html_lit(h, "<label>");
            web_t(req, h, "Participant");
            html_lit(h, " <select name=\"division\">");
            participant_options(req, h, v, PERM_TASKS_MANAGE,
                                web_entered(req, e, "division", NULL));
            html_lit(h, "</select></label>");
            web_field_error(req, h, e, "division");
            web_input(req, h, "title", N_("Title"), "text", 0, 1, e, NULL);
            web_textarea(req, h, "content", N_("Content of the plan"), LINKAGE_TEXT_MAX, e, NULL);
            web_submit(req, h, N_("Submit the plan for review"));
            html_lit(h, "</form>");
        }
    }
    if (owner) {
        const wy_error *e = web_refusal_of(f, "participant", 0);
        html_lit(h, "<h3>");
        web_t(req, h, "Add a participant");
        html_lit(h, "</h3>");
        web_form_open(
            req, h, "participant-form",
            arena_sprintf(&req->a, "/admin/linkage/%lld/participants", (long long)v->p.id), 0);
        web_form_error(req, h, e);
        web_input(req, h, "division", N_("Division code"), "text", 0, 1, e, NULL);
        web_submit(req, h, N_("Add the participant"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</section>");
}

void linkage_divisions_text(html *h, const lk_guest *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            html_lit(h, "、");
        html_text(h, g[i].name);
    }
}

static void activity_article(http_req *req, html *h, const lk_activity_view *a,
                             const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    const lk_activity *x = &a->x;
    int complete = *x->summary && a->nmedia > 0;
    html_lit(h, "<article class=\"activity\" id=\"activity-");
    html_int(h, x->id);
    html_lit(h, "\" data-kind=\"");
    html_attr(h, x->kind);
    html_lit(h, "\"><h3>");
    html_text(h, x->title);
    html_lit(h, "</h3><dl class=\"facts\"><dt>");
    web_t(req, h, "Kind");
    html_lit(h, "</dt><dd>");
    html_text(h, web_term_label(req, linkage_kind_terms, x->kind));
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Theme");
    html_lit(h, "</dt><dd>");
    html_text(h, x->theme);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Dates");
    html_lit(h, "</dt><dd>");
    html_text(h, x->starts_on);
    html_lit(h, " – ");
    html_text(h, x->ends_on);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Host");
    html_lit(h, "</dt><dd class=\"host\">");
    html_text(h, x->host_name);
    html_lit(h, "</dd><dt>");
    web_t(req, h, "Guests");
    html_lit(h, "</dt><dd class=\"guests\">");
    linkage_divisions_text(h, a->guests, a->nguests);
    html_lit(h, "</dd></dl>");
    if (a->agreement.id) {
        html_lit(h, "<div class=\"agreement\"><h4>");
        web_t(req, h, "Cooperation agreement");
        html_lit(h, " <span class=\"muted small\">");
        html_text(h, a->agreement.signed_on);
        html_lit(h, "</span></h4><p>");
        html_text(h, a->agreement.text);
        html_lit(h, "</p><p class=\"small\">");
        web_t(req, h, "Members:");
        html_lit(h, " ");
        linkage_divisions_text(h, a->members, a->nmembers);
        html_lit(h, "</p></div>");
    }
    html_lit(h, "<h4>");
    web_t(req, h, "Materials of the activity");
    html_lit(h, " ");
    if (complete)
        web_badge(req, h, "complete", N_("complete"));
    else
        web_badge(req, h, "missing", N_("missing"));
    html_lit(h, "</h4>");
    if (*x->summary) {
        html_lit(h, "<p class=\"activity-summary\">");
        html_text(h, x->summary);
        html_lit(h, "</p>");
    } else {
        html_lit(h, "<p class=\"muted summary-missing\">");
        web_t(req, h, "The summary is missing.");
        html_lit(h, "</p>");
    }
    if (!a->nmedia) {
        html_lit(h, "<p class=\"muted media-missing\">");
        web_t(req, h, "No programme sheet, photo or video yet.");
        html_lit(h, "</p>");
    } else {
        html_lit(h, "<ul class=\"media\">");
        for (size_t i = 0; i < a->nmedia; i++) {
            html_lit(h, "<li><a href=\"/api/v1/linkage/materials/");
            html_int(h, a->media[i].a.id);
            html_lit(h, "\">");
            html_text(h, a->media[i].a.filename);
            html_lit(h, "</a> <span class=\"muted small\">");
            html_text(h, web_term_label(req, media_terms, a->media[i].kind));
            html_lit(h, "</span>");
            if (authz_allows(ctx->who, PERM_TASKS_MANAGE, x->host)) {
                int64_t mid = a->media[i].a.id;
                html_lit(h, " ");
                web_button_form(
                    req, h, arena_sprintf(&req->a, "media-delete-%lld", (long long)mid),
                    arena_sprintf(&req->a, "/admin/linkage/materials/%lld/delete", (long long)mid),
                    N_("Remove"), web_refusal_of(f, "media_delete", mid));
            }
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>");
    }
    if (authz_allows(ctx->who, PERM_TASKS_MANAGE, x->host)) {
        const wy_error *e = web_refusal_of(f, "summary", x->id);
        web_form_open(
            req, h, arena_sprintf(&req->a, "summary-form-%lld", (long long)x->id),
            arena_sprintf(&req->a, "/admin/linkage/activities/%lld/summary", (long long)x->id), 0);
        web_form_error(req, h, e);
        web_textarea(req, h, "summary", N_("Summary"), LINKAGE_TEXT_MAX, e, x->summary);
        web_submit(req, h, N_("Save the summary"));
        html_lit(h, "</form>");
        e = web_refusal_of(f, "material", x->id);
        web_form_open(
            req, h, arena_sprintf(&req->a, "media-form-%lld", (long long)x->id),
            arena_sprintf(&req->a, "/admin/linkage/activities/%lld/materials", (long long)x->id),
            1);
        web_form_error(req, h, e);
        web_choice(req, h, "kind", N_("Kind of material"), media_terms, e, NULL);
        html_lit(h, "<label>");
        web_t(req, h, "File");
        html_lit(h, " <input type=\"file\" name=\"file\" required></label>");
        web_field_error(req, h, e, "file");
        web_submit(req, h, N_("Upload"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</article>");
}

static void activities_section(http_req *req, html *h, const lk_summary *s, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    size_t complete = 0;
    for (size_t i = 0; i < s->nacts; i++)
        complete += *s->acts[i].x.summary && s->acts[i].nmedia > 0;
    html_lit(h, "<section class=\"card\" id=\"activities\"><h2>");
    web_t(req, h, "Activities and their materials");
    html_lit(h, "</h2><p id=\"materials-count\" data-complete=\"");
    html_int(h, (int64_t)complete);
    html_lit(h, "\" data-activities=\"");
    html_int(h, (int64_t)s->nacts);
    html_lit(h, "\">");
    html_text(h,
              arena_sprintf(&req->a, req_tr(req, "Materials complete for %zu of %zu activities."),
                            complete, s->nacts));
    html_lit(h, "</p>");
    if (!s->nacts)
        web_empty(req, h, "No activity yet.");
    for (size_t i = 0; i < s->nacts; i++)
        activity_article(req, h, &s->acts[i], f);
    /* an activity under an approved plan the caller's staff carry out */
    size_t mine = 0;
    for (size_t i = 0; i < s->nplans; i++)
        mine += !strcmp(s->plans[i].status, "approved") &&
                authz_allows(ctx->who, PERM_TASKS_MANAGE, s->plans[i].division);
    if (mine) {
        const wy_error *e = web_refusal_of(f, "activity", 0);
        html_lit(h, "<h3>");
        web_t(req, h, "Record an activity");
        html_lit(h, "</h3>");
        web_form_open(
            req, h, "activity-form",
            arena_sprintf(&req->a, "/admin/linkage/%lld/activities", (long long)s->v.p.id), 0);
        web_form_error(req, h, e);
        const char *chosen = web_entered(req, e, "plan_id", NULL);
        html_lit(h, "<label>");
        web_t(req, h, "Approved plan");
        html_lit(h, " <select name=\"plan_id\">");
        for (size_t i = 0; i < s->nplans; i++) {
            const lk_plan *p = &s->plans[i];
            if (strcmp(p->status, "approved") ||
                !authz_allows(ctx->who, PERM_TASKS_MANAGE, p->division))
                continue;
            html_lit(h, "<option value=\"");
            html_int(h, p->id);
            html_lit(h, "\"");
            if (chosen && atoll(chosen) == p->id)
                html_lit(h, " selected");
            html_lit(h, ">");
            html_text(h, p->title);
            html_lit(h, "</option>");
        }
        html_lit(h, "</select></label>");
        web_field_error(req, h, e, "plan_id");
        web_choice(req, h, "kind", N_("Kind"), linkage_kind_terms, e, NULL);
        const char *th = web_entered(req, e, "theme", NULL);
        html_lit(h, "<label>");
        web_t(req, h, "Theme");
        html_lit(h, " <select name=\"theme\">");
        for (const char *t = s->v.p.themes; t && *t;) {
            const char *end = strchr(t, ',');
            size_t len = end ? (size_t)(end - t) : strlen(t);
            char *one = arena_strndup(&req->a, t, len);
            html_lit(h, "<option value=\"");
            html_attr(h, one ? one : "");
            html_lit(h, "\"");
            if (th && one && !strcmp(th, one))
                html_lit(h, " selected");
            html_lit(h, ">");
            html_text(h, one ? one : "");
            html_lit(h, "</option>");
            t = end ? end + 1 : t + len;
        }
        html_lit(h, "</select></label>");
        web_field_error(req, h, e, "theme");
        web_input(req, h, "title", N_("Title"), "text", 0, 1, e, NULL);
        web_input(req, h, "starts_on", N_("First day"), "date", 0, 1, e, NULL);
        web_input(req, h, "ends_on", N_("Last day"), "date", 0, 1, e, NULL);
        web_input(req, h, "host", N_("Host (division code: the plan's participant or inside it)"),
                  "text", 0, 1, e, NULL);
        web_input(req, h, "guests", N_("Guests (division codes, separated by commas)"), "text", 0,
                  0, e, NULL);
        html_lit(h, "<fieldset><legend>");
        web_t(req, h, "An alliance's agreement");
        html_lit(h, "</legend>");
        web_textarea(req, h, "agreement_text", N_("Text of the agreement"), LINKAGE_TEXT_MAX, e,
                     NULL);
        web_input(req, h, "agreement_signed_on", N_("Signed on"), "date", 0, 0, e, NULL);
        web_input(req, h, "members", N_("Members (division codes, separated by commas)"), "text", 0,
                  0, e, NULL);
        html_lit(h, "</fieldset>");
        web_field_error(req, h, e, "agreement");
        web_submit(req, h, N_("Record the activity"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</section>");
}

/* The weighted results as horizontal bars, best first (results 0–100). */
static void ranking_chart(http_req *req, html *h, const lk_summary *s)
{
    enum { LABEL = 140, WIDTH = 600, ROW = 24 };
    size_t bars = 0;
    for (size_t i = 0; i < s->nresults; i++)
        bars += s->results[i].rank > 0;
    if (!bars)
        return;
    int height = (int)bars * ROW + 6;
    const int span = WIDTH - LABEL - 60;
    /* as wide as its card, the height following the view box (a phone too) */
    html_lit(h, "<figure class=\"chart\" id=\"ranking-chart\"><svg xmlns=\"http://www.w3.org/2000/"
                "svg\" width=\"100%\" viewBox=\"0 0 ");
    html_int(h, WIDTH);
    html_lit(h, " ");
    html_int(h, height);
    html_lit(h, "\" role=\"img\" aria-label=\"");
    html_attr(h, req_tr(req, "Ranking by the comprehensive result"));
    html_lit(h, "\">");
    int y = 0;
    for (size_t i = 0; i < s->nresults; i++) {
        const lk_result *r = &s->results[i];
        if (!r->rank)
            continue;
        int w = (int)(r->result / 100.0 * span + 0.5);
        if (w < 1)
            w = 1;
        html_lit(h, "<text font-size=\"12\" x=\"0\" y=\"");
        html_int(h, y + 16);
        html_lit(h, "\">");
        html_int(h, r->rank);
        html_lit(h, ". ");
        html_text(h, r->part->name);
        html_lit(h, "</text><rect class=\"bar\" height=\"16\" fill=\"#3b6ea5\" data-division=\"");
        html_attr(h, r->part->division);
        html_lit(h, "\" x=\"");
        html_int(h, LABEL);
        html_lit(h, "\" y=\"");
        html_int(h, y + 4);
        html_lit(h, "\" width=\"");
        html_int(h, w);
        html_lit(h, "\"><title>");
        html_text(h, r->part->name);
        html_lit(h, "</title></rect><text font-size=\"12\" x=\"");
        html_int(h, LABEL + w + 4);
        html_lit(h, "\" y=\"");
        html_int(h, y + 16);
        html_lit(h, "\">");
        linkage_score_text(h, r->result);
        html_lit(h, "</text>");
        y += ROW;
    }
    html_lit(h, "</svg><figcaption>");
    web_t(req, h, "Ranking by the comprehensive result");
    html_lit(h, "</figcaption></figure>");
}

void linkage_ranking(http_req *req, html *h, const lk_summary *s)
{
    html_lit(h, "<h3>");
    web_t(req, h, "Comprehensive ranking");
    html_lit(h, "</h3><p class=\"muted small\">");
    html_text(h, arena_sprintf(&req->a,
                               req_tr(req, "Result = (%d × experts' score of the participant + %d "
                                           "× score of its sessions) / 100."),
                               s->v.p.weight_participant, s->v.p.weight_sessions));
    html_lit(h, "</p>");
    ranking_chart(req, h, s);
    static const web_col rcols[] = {
        {N_("Rank"), 1},           {N_("Participant"), 0},     {N_("Self score"), 1},
        {N_("Experts' score"), 1}, {N_("Sessions' score"), 1}, {N_("Result"), 1}};
    html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"ranking\">");
    web_thead(req, h, rcols, sizeof(rcols) / sizeof(rcols[0]));
    for (size_t i = 0; i < s->nresults; i++) {
        const lk_result *r = &s->results[i];
        html_lit(h, "<tr data-division=\"");
        html_attr(h, r->part->division);
        html_lit(h, "\"><td class=\"num rank\">");
        if (r->rank)
            html_int(h, r->rank);
        else
            html_lit(h, "—");
        html_lit(h, "</td><td>");
        html_text(h, r->part->name);
        html_lit(h, "</td><td class=\"num\">");
        if (r->self_score >= 0)
            html_int(h, r->self_score);
        else
            html_lit(h, "—");
        html_lit(h, "</td><td class=\"num\">");
        linkage_score_text(h, r->participant_score);
        html_lit(h, "</td><td class=\"num\">");
        linkage_score_text(h, r->session_score);
        html_lit(h, "</td><td class=\"num result\">");
        linkage_score_text(h, r->result);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></div>");
}

static void score_form(http_req *req, html *h, const lk_summary *s, const lk_criterion *ks,
                       size_t nk, const char *target, const web_refusal *f)
{
    size_t want = 0;
    for (size_t i = 0; i < nk; i++)
        want += !strcmp(ks[i].target, target);
    int session = !strcmp(target, "session");
    size_t subjects = 0;
    for (size_t i = 0; session && i < s->nacts; i++)
        subjects += !strcmp(s->acts[i].x.kind, "exchange");
    if (!session)
        subjects = s->v.nparts;
    if (!want || !subjects)
        return;
    const wy_error *e = web_refusal_of(f, target, 0);
    html_lit(h, "<h3>");
    web_t(req, h, session ? N_("Score a hear-see-comment session") : N_("Score a participant"));
    html_lit(h, "</h3>");
    web_form_open(req, h, session ? "score-session-form" : "score-participant-form",
                  arena_sprintf(&req->a, "/admin/linkage/%lld/scores", (long long)s->v.p.id), 0);
    web_form_error(req, h, e);
    static const char *const unshown[] = {"target", "activity_id", "division", "scores", "score"};
    for (size_t i = 0; i < sizeof(unshown) / sizeof(unshown[0]); i++)
        web_field_error(req, h, e, unshown[i]);
    html_lit(h, "<input type=\"hidden\" name=\"target\" value=\"");
    html_attr(h, target);
    html_lit(h, "\"><label>");
    web_t(req, h, session ? N_("Session") : N_("Participant"));
    html_lit(h, " <select name=\"subject\">");
    const char *chosen = web_entered(req, e, "subject", NULL);
    if (session)
        for (size_t i = 0; i < s->nacts; i++) {
            if (strcmp(s->acts[i].x.kind, "exchange"))
                continue;
            html_lit(h, "<option value=\"");
            html_int(h, s->acts[i].x.id);
            html_lit(h, "\"");
            if (chosen && atoll(chosen) == s->acts[i].x.id)
                html_lit(h, " selected");
            html_lit(h, ">");
            html_text(h, s->acts[i].x.title);
            html_lit(h, "</option>");
        }
    else
        participant_options(req, h, &s->v, PERM_UNSET, chosen);
    html_lit(h, "</select></label>");
    for (size_t i = 0; i < nk; i++) {
        if (strcmp(ks[i].target, target))
            continue;
        const char *name = arena_sprintf(&req->a, "score_%lld", (long long)ks[i].id);
        const char *v = web_entered(req, e, name, NULL);
        html_lit(h, "<label>");
        html_text(h, ks[i].name);
        html_lit(h, " <span class=\"muted small\">");
        html_int(h, ks[i].weight);
        html_lit(h, "%</span> <input type=\"number\" min=\"0\" max=\"100\" inputmode=\"numeric\" "
                    "required name=\"");
        html_attr(h, name);
        html_lit(h, "\"");
        if (v) {
            html_lit(h, " value=\"");
            html_attr(h, v);
            html_lit(h, "\"");
        }
        html_lit(h, "></label>");
    }
    web_input(req, h, "comment", N_("Comment"), "text", 0, 0, e, NULL);
    web_submit(req, h, N_("Save my scores"));
    html_lit(h, "</form>");
}

static void evaluation_section(http_req *req, html *h, const lk_summary *s, int owner,
                               const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    const lk_view *v = &s->v;
    html_lit(h, "<section class=\"card\" id=\"evaluation\"><h2>");
    web_t(req, h, "Evaluation");
    html_lit(h, "</h2><h3>");
    web_t(req, h, "Self-evaluations");
    html_lit(h, "</h3><ul class=\"list\" id=\"self-evaluations\">");
    size_t nself = 0;
    for (size_t i = 0; i < v->nparts; i++) {
        const lk_participant *p = &v->parts[i];
        if (!p->self_text)
            continue;
        nself++;
        html_lit(h, "<li data-division=\"");
        html_attr(h, p->division);
        html_lit(h, "\"><strong>");
        html_text(h, p->name);
        html_lit(h, "</strong> <span class=\"self-score\">");
        html_int(h, p->self_score);
        html_lit(h, "</span><p>");
        html_text(h, p->self_text);
        html_lit(h, "</p></li>");
    }
    html_lit(h, "</ul>");
    if (!nself)
        web_empty(req, h, "No self-evaluation yet.");
    int mine = 0;
    for (size_t i = 0; i < v->nparts; i++)
        mine |= authz_allows(ctx->who, PERM_TASKS_MANAGE, v->parts[i].division);
    const wy_error *e = web_refusal_of(f, "self", 0);
    if (mine && (linkage_stage_open(v, "self_evaluate", ctx->now) || e)) {
        web_form_open(
            req, h, "self-form",
            arena_sprintf(&req->a, "/admin/linkage/%lld/self-evaluations", (long long)v->p.id), 0);
        web_form_error(req, h, e);
        html_lit(h, "<label>");
        web_t(req, h, "Participant");
        html_lit(h, " <select name=\"division\">");
        participant_options(req, h, v, PERM_TASKS_MANAGE, web_entered(req, e, "division", NULL));
        html_lit(h, "</select></label>");
        web_field_error(req, h, e, "division");
        web_textarea(req, h, "text", N_("Self-evaluation"), LINKAGE_TEXT_MAX, e, NULL);
        web_input(req, h, "score", N_("Self score (0–100)"), "number", 0, 1, e, NULL);
        web_submit(req, h, N_("Save the self-evaluation"));
        html_lit(h, "</form>");
    }

    lk_criterion *ks = NULL;
    size_t nk = 0;
    if (linkage_criteria(ctx, v->p.id, &ks, &nk) < 0) {
        nk = 0;
        ctx->err = (wy_error){0};
    }
    html_lit(h, "<h3>");
    web_t(req, h, "Rubric");
    html_lit(h, "</h3>");
    if (!nk)
        web_empty(req, h, "No rubric yet.");
    else {
        static const web_col cols[] = {{N_("For"), 0}, {N_("Criterion"), 0}, {N_("Weight"), 1}};
        html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"rubric\">");
        web_thead(req, h, cols, 3);
        for (size_t i = 0; i < nk; i++) {
            html_lit(h, "<tr><td>");
            web_t(req, h, !strcmp(ks[i].target, "session") ? N_("sessions") : N_("participants"));
            html_lit(h, "</td><td>");
            html_text(h, ks[i].name);
            html_lit(h, "</td><td class=\"num\">");
            html_int(h, ks[i].weight);
            html_lit(h, "</td></tr>");
        }
        html_lit(h, "</tbody></table></div>");
    }
    if (owner) {
        e = web_refusal_of(f, "rubric", 0);
        web_form_open(req, h, "rubric-form",
                      arena_sprintf(&req->a, "/admin/linkage/%lld/criteria", (long long)v->p.id),
                      0);
        web_form_error(req, h, e);
        html_lit(h, "<label>");
        web_t(req, h,
              "Criteria, one a line: session or participant, the name, the weight (each "
              "target's weights add up to 100)");
        html_lit(h, " <textarea name=\"criteria\" rows=\"6\" maxlength=\"6000\" "
                    "placeholder=\"session 经验的示范性 40\">");
        if (e)
            html_text(h, req_form(req, "criteria"));
        else
            for (size_t i = 0; i < nk; i++) {
                html_text(h, ks[i].target);
                html_lit(h, " ");
                html_text(h, ks[i].name);
                html_lit(h, " ");
                html_int(h, ks[i].weight);
                html_lit(h, "\n");
            }
        html_lit(h, "</textarea></label>");
        web_field_error(req, h, e, "criteria");
        web_submit(req, h, N_("Save the rubric"));
        html_lit(h, "</form>");
    }
    /* experts: the reviewers over the owner division (never their own division: the rule) */
    if (authz_allows(ctx->who, PERM_REVIEW, v->p.division)) {
        score_form(req, h, s, ks, nk, "session", f);
        score_form(req, h, s, ks, nk, "participant", f);
    }

    linkage_ranking(req, h, s);
    html_lit(h, "</section>");
}

void linkage_commendation_list(html *h, const lk_summary *s)
{
    html_lit(h, "<ul class=\"list\" id=\"commendation-list\">");
    for (size_t i = 0; i < s->ncommends; i++) {
        const lk_commendation *k = &s->commends[i];
        const char *name = k->division;
        for (size_t p = 0; p < s->v.nparts; p++)
            if (!strcmp(s->v.parts[p].division, k->division))
                name = s->v.parts[p].name;
        html_lit(h, "<li data-division=\"");
        html_attr(h, k->division);
        html_lit(h, "\"><strong>");
        html_text(h, name);
        html_lit(h, "</strong>: ");
        html_text(h, k->title);
        if (*k->citation) {
            html_lit(h, "<p>");
            html_text(h, k->citation);
            html_lit(h, "</p>");
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
}

static void commendations_section(http_req *req, html *h, const lk_summary *s, int owner,
                                  const web_refusal *f)
{
    html_lit(h, "<section class=\"card\" id=\"commendations\"><h2>");
    web_t(req, h, "Commendations");
    html_lit(h, "</h2>");
    if (!s->ncommends)
        web_empty(req, h, "No commendation yet.");
    linkage_commendation_list(h, s);
    if (owner && s->v.nparts) {
        const wy_error *e = web_refusal_of(f, "commend", 0);
        web_form_open(
            req, h, "commend-form",
            arena_sprintf(&req->a, "/admin/linkage/%lld/commendations", (long long)s->v.p.id), 0);
        web_form_error(req, h, e);
        html_lit(h, "<label>");
        web_t(req, h, "Participant");
        html_lit(h, " <select name=\"division\">");
        participant_options(req, h, &s->v, PERM_UNSET, web_entered(req, e, "division", NULL));
        html_lit(h, "</select></label>");
        web_field_error(req, h, e, "division");
        web_input(req, h, "title", N_("Title of the commendation"), "text", 0, 1, e, NULL);
        web_textarea(req, h, "citation", N_("Citation"), LINKAGE_TEXT_MAX, e, NULL);
        web_submit(req, h, N_("Commend"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</section>");
}

void linkage_theme_badges(http_req *req, html *h, const char *themes)
{
    for (const char *t = themes; t && *t;) {
        const char *e = strchr(t, ',');
        size_t len = e ? (size_t)(e - t) : strlen(t);
        html_lit(h, "<span class=\"badge theme\">");
        html_text(h, arena_strndup(&req->a, t, len));
        html_lit(h, "</span> ");
        t = e ? e + 1 : t + len;
    }
}

/* What the public sees of the programme (/linkage/{id}), and the owner's forms that publish
 * the programme, then its results. */
static void publication_section(http_req *req, html *h, const lk_programme *p, int owner,
                                const web_refusal *f)
{
    html_lit(h, "<section class=\"card\" id=\"publication\"><h2>");
    web_t(req, h, "Publication");
    html_lit(h, "</h2><p id=\"publication-status\" data-published=\"");
    html_int(h, p->published_at != 0);
    html_lit(h, "\" data-results=\"");
    html_int(h, p->results_published_at != 0);
    html_lit(h, "\">");
    if (!p->published_at)
        web_t(req, h, "Not published: the public does not see this programme.");
    else {
        web_t(req, h,
              p->results_published_at
                  ? N_("Published with its results: the public sees the programme, its "
                       "activities, the ranking and the commendations.")
                  : N_("Published: the public sees the programme and its activities; the "
                       "ranking and the commendations are not published yet."));
        html_lit(h, " <a id=\"public-link\" href=\"/linkage/");
        html_int(h, p->id);
        html_lit(h, "\">");
        web_t(req, h, "The public page");
        html_lit(h, "</a>");
    }
    html_lit(h, "</p>");
    if (owner && !p->results_published_at) {
        const wy_error *e = web_refusal_of(f, "publish", 0);
        web_form_open(req, h, "publish-form",
                      arena_sprintf(&req->a, "/admin/linkage/%lld/publish", (long long)p->id), 0);
        web_form_error(req, h, e);
        web_field_error(req, h, e, "what");
        web_hidden(h, "what", p->published_at ? "results" : "programme");
        web_submit(req, h,
                   p->published_at ? N_("Publish the results") : N_("Publish the programme"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</section>");
}

static void programme_page_of(http_req *req, int64_t id, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    lk_summary s;
    if (linkage_summary(ctx, id, &s) < 0) {
        resp_fail(req);
        return;
    }
    const lk_programme *p = &s.v.p;
    int owner = authz_allows(ctx->who, PERM_TASKS_MANAGE, p->division);
    html h;
    web_begin(req, &h, p->title);
    links(req, &h, 0);
    html_lit(&h, "<h1 id=\"programme-title\">");
    html_text(&h, p->title);
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\" id=\"programme\"><dl class=\"facts\"><dt>");
    web_t(req, &h, "Division");
    html_lit(&h, "</dt><dd>");
    html_text(&h, division_name(ctx, p->division));
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Year");
    html_lit(&h, "</dt><dd>");
    html_int(&h, p->year);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Themes");
    html_lit(&h, "</dt><dd id=\"themes\">");
    linkage_theme_badges(req, &h, p->themes);
    html_lit(&h, "</dd></dl>");
    if (*p->description) {
        html_lit(&h, "<p>");
        html_text(&h, p->description);
        html_lit(&h, "</p>");
    }
    if (!s.v.all) {
        html_lit(&h, "<p class=\"muted small\" id=\"partial-view\">");
        web_t(req, &h, "You see the participants of your own area only.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<p><a class=\"button secondary\" id=\"summary-link\" href=\"/admin/linkage/");
    html_int(&h, p->id);
    html_lit(&h, "/summary\">");
    web_t(req, &h, "Summary for the level above");
    html_lit(&h, "</a></p></section>");
    publication_section(req, &h, p, owner, f);
    linkage_stages_section(req, &h, &s.v);
    participants_section(req, &h, &s, owner, f);
    activities_section(req, &h, &s, f);
    evaluation_section(req, &h, &s, owner, f);
    commendations_section(req, &h, &s, owner, f);
    web_end(req, &h, status);
}

void page_admin_linkage_programme(http_req *req)
{
    programme_page_of(req, req_id(req, 0), NULL, 200);
}

/* A form of the programme page: on success back to it with msg, else the page again. */
static void done(http_req *req, int64_t programme_id, int rc, const char *form, int64_t id,
                 const char *msg, const char *anchor)
{
    if (rc == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/linkage/%lld?msg=%s#%s",
                                         (long long)programme_id, msg, anchor));
        return;
    }
    web_refusal f;
    int status = web_refused(req, form, id, &f, own_codes);
    if (status)
        programme_page_of(req, programme_id, &f, status);
}

void page_admin_linkage_participant_add(http_req *req)
{
    int64_t id = req_id(req, 0), pid;
    int rc = linkage_participant_add(req_ctx(req), id, req_form(req, "division"), &pid);
    done(req, id, rc, "participant", 0, "participant_added", "participants");
}

void page_admin_linkage_plan_submit(http_req *req)
{
    int64_t id = req_id(req, 0);
    lk_plan p;
    int rc = linkage_plan_submit(req_ctx(req), id, req_form(req, "division"),
                                 req_form(req, "title"), web_opt(req, "content"), &p);
    done(req, id, rc, "plan", 0, "plan_submitted", "participants");
}

void page_admin_linkage_plan_decide(http_req *req)
{
    int64_t plan = req_id(req, 0), programme = 0;
    const char *decision = req_form(req, "decision");
    int rc = linkage_plan_decide(req_ctx(req), plan, decision, web_opt(req, "reason"), &programme);
    if (rc < 0 && !programme) {
        resp_fail(req);
        return;
    }
    done(req, programme, rc, "decision", plan,
         decision && !strcmp(decision, "approve") ? "plan_approved" : "plan_returned",
         arena_sprintf(&req->a, "plan-%lld", (long long)plan));
}

void page_admin_linkage_plan_withdraw(http_req *req)
{
    int64_t plan = req_id(req, 0);
    lk_plan p = {0};
    int rc = linkage_plan_withdraw(req_ctx(req), plan, &p);
    if (rc < 0 && !p.programme_id) {
        resp_fail(req);
        return;
    }
    done(req, p.programme_id, rc, "withdraw", plan, "plan_withdrawn",
         arena_sprintf(&req->a, "plan-%lld", (long long)plan));
}

void page_admin_linkage_media_remove(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0), activity;
    int rc = linkage_media_remove(ctx, id, &activity);
    lk_activity_view v;
    /* its programme's page, to go back to (one who does not see the activity: 404) */
    if (!activity || linkage_activity_get(ctx, activity, &v) < 0) {
        resp_fail(req);
        return;
    }
    done(req, v.x.programme_id, rc, "media_delete", id, "material_removed",
         arena_sprintf(&req->a, "activity-%lld", (long long)activity));
}

void page_admin_linkage_activity_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0), aid;
    const char *plan = req_form(req, "plan_id");
    lk_activity_input in = {.plan_id = plan && *plan ? atoll(plan) : 0,
                            .kind = req_form(req, "kind"),
                            .theme = req_form(req, "theme"),
                            .title = req_form(req, "title"),
                            .starts_on = req_form(req, "starts_on"),
                            .ends_on = req_form(req, "ends_on"),
                            .host = req_form(req, "host"),
                            .agreement_text = web_opt(req, "agreement_text"),
                            .agreement_signed_on = web_opt(req, "agreement_signed_on")};
    int rc = split_list(req, "guests", in.guests, &in.nguests) < 0 ||
                     split_list(req, "members", in.members, &in.nmembers) < 0
                 ? -1
                 : linkage_activity_create(ctx, id, &in, &aid);
    done(req, id, rc, "activity", 0, "activity_created",
         rc == 0 ? arena_sprintf(&req->a, "activity-%lld", (long long)aid) : "activities");
}

/* The programme of an activity the caller sees, or 0 (answered). */
static int64_t activity_programme(http_req *req, int64_t activity_id)
{
    lk_activity_view v;
    if (linkage_activity_get(req_ctx(req), activity_id, &v) < 0) {
        resp_fail(req);
        return 0;
    }
    return v.x.programme_id;
}

void page_admin_linkage_summary_set(http_req *req)
{
    int64_t aid = req_id(req, 0), programme = activity_programme(req, aid);
    if (!programme)
        return;
    int rc = linkage_summary_set(req_ctx(req), aid, req_form(req, "summary"));
    done(req, programme, rc, "summary", aid, "summary_saved",
         arena_sprintf(&req->a, "activity-%lld", (long long)aid));
}

void page_admin_linkage_media_add(http_req *req)
{
    int64_t aid = req_id(req, 0), programme = activity_programme(req, aid);
    if (!programme)
        return;
    attachment_file file = {.name = "file"}; /* no file chosen: the rule says it is empty */
    if (req_file(req, "file", &file.data, &file.len, &file.content_type) == 0) {
        const mpart *part = mpart_get(&req->in.parts, "file");
        file.name = part && part->filename && *part->filename ? part->filename : "file";
    }
    const char *kind = req_form(req, "kind");
    attachment out;
    int rc = linkage_media_add(req_ctx(req), aid, kind ? kind : "", &file, &out);
    done(req, programme, rc, "material", aid, "material_added",
         arena_sprintf(&req->a, "activity-%lld", (long long)aid));
}

void page_admin_linkage_self_evaluate(http_req *req)
{
    int64_t id = req_id(req, 0);
    int rc = linkage_self_evaluate(req_ctx(req), id, req_form(req, "division"),
                                   req_form(req, "text"), form_int(req, "score", -1));
    done(req, id, rc, "self", 0, "self_saved", "evaluation");
}

void page_admin_linkage_criteria_set(http_req *req)
{
    int64_t id = req_id(req, 0);
    lk_criterion ks[LINKAGE_LIST_MAX + 1]; /* one more: the rule refuses more than the most */
    const char *text = req_form(req, "criteria");
    char *s = arena_strdup(&req->a, text ? text : "");
    int rc = s ? 0 : check_mem(req_ctx(req));
    size_t n = s ? linkage_rubric_lines(s, ks, LINKAGE_LIST_MAX + 1) : 0;
    if (rc == 0)
        rc = linkage_criteria_set(req_ctx(req), id, ks, n);
    done(req, id, rc, "rubric", 0, "rubric_saved", "evaluation");
}

void page_admin_linkage_score(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    const char *target = req_form(req, "target");
    const char *subject = req_form(req, "subject");
    lk_criterion *ks;
    size_t nk;
    if (linkage_criteria(ctx, id, &ks, &nk) < 0) {
        resp_fail(req);
        return;
    }
    int64_t crit[LINKAGE_LIST_MAX];
    int scores[LINKAGE_LIST_MAX];
    size_t n = 0;
    for (size_t i = 0; i < nk && n < LINKAGE_LIST_MAX; i++) {
        if (!target || strcmp(ks[i].target, target))
            continue;
        crit[n] = ks[i].id;
        scores[n++] = form_int(req, arena_sprintf(&req->a, "score_%lld", (long long)ks[i].id), -1);
    }
    int session = target && !strcmp(target, "session");
    int rc = linkage_score(ctx, id, target, session && subject ? atoll(subject) : 0,
                           session ? NULL : subject, crit, scores, n, web_opt(req, "comment"));
    done(req, id, rc, target && (session || !strcmp(target, "participant")) ? target : "session", 0,
         "scores_saved", "evaluation");
}

void page_admin_linkage_commend(http_req *req)
{
    int64_t id = req_id(req, 0), kid;
    int rc = linkage_commend(req_ctx(req), id, req_form(req, "division"), req_form(req, "title"),
                             web_opt(req, "citation"), &kid);
    done(req, id, rc, "commend", 0, "commended", "commendations");
}

void page_admin_linkage_publish(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *what = req_form(req, "what");
    int results = what && !strcmp(what, "results");
    done(req, id, linkage_publish(req_ctx(req), id, what), "publish", 0,
         results ? "results_published" : "published", "publication");
}

/* ================= /admin/linkage/{id}/summary ================= */

void page_admin_linkage_summary(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    lk_summary s;
    if (linkage_summary(ctx, id, &s) < 0) {
        resp_fail(req);
        return;
    }
    const char *md = linkage_summary_markdown(ctx, &s);
    html h;
    web_begin(req, &h, req_tr(req, "Summary for the level above"));
    links(req, &h, id);
    html_lit(&h, "<h1>");
    web_t(req, &h, "Summary for the level above");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "Generated from the records as you may see them: the programme and its stages, the "
          "participants and their plans, the activities and their materials, the evaluation and "
          "the commendations.");
    html_lit(&h, "</p><p><a class=\"button\" id=\"summary-download\" download=\"");
    html_attr(&h, arena_sprintf(&req->a, "linkage-%lld-summary.md", (long long)id));
    html_lit(&h, "\" href=\"/api/v1/linkage/programmes/");
    html_int(&h, id);
    html_lit(&h, "/summary?format=markdown\">");
    web_t(req, &h, "Download (Markdown)");
    html_lit(&h, "</a> <a class=\"button secondary\" href=\"/api/v1/linkage/programmes/");
    html_int(&h, id);
    html_lit(&h, "/summary\">");
    web_t(req, &h, "JSON");
    html_lit(&h, "</a></p><section class=\"card\"><div id=\"summary-md\" class=\"prose\">");
    html_text(&h, md);
    html_lit(&h, "</div></section>");
    web_end(req, &h, 200);
}
