/*
 * pages_amend: the staff's buttons and forms for the later changes of the exchange module's
 * records (amend.h): deleting a partner or an agreement, changing a draft activity's text and
 * dates (or proposing a change of a published one, shown with its withdrawal while it waits for
 * review), a plan entry's page with the same for a plan, deleting a fund, a member of a delegation
 * or an attachment, reopening a closed evaluation, and an agreement's annual programme (a section
 * of its page). The sections are drawn by the pages that hold the records (pages_staff.c,
 * pages_followups.c, pages_evaluation.c); the rules and the audit lines are the API's.
 */
#include "mod/exchange/amend.h"
#include "mod/exchange/exchange_revision.h"
#include "mod/exchange/handlers.h"
#include "mod/exchange/pages_kit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/authz.h"
#include "core/division.h"
#include "util/strbuf.h"

#define N_(s) s /* a msgid translated where it is shown */

static const web_term programme_states[] = {
    {"planned", N_("item planned")},
    {"done", N_("item done")},
    {"dropped", N_("item dropped")},
    {NULL, NULL},
};

/* <label>label <textarea name>value</textarea></label> with its refusal. */
static void text_area(http_req *req, html *h, const char *name, const char *label, int maxlength,
                      const wy_error *e, const char *value)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <textarea name=\"");
    html_attr(h, name);
    html_lit(h, "\" rows=\"3\" maxlength=\"");
    html_int(h, maxlength);
    html_lit(h, "\">");
    const char *v = web_entered(req, e, name, value);
    if (v)
        html_text(h, v);
    html_lit(h, "</textarea></label>");
    web_field_error(req, h, e, name);
}

/* The names of the fields a revision changes, in the reader's language. */
static const web_term revision_fields[] = {
    {"title", N_("Title")},        {"title_en", N_("Title in English")},
    {"summary", N_("Summary")},    {"summary_en", N_("Summary in English")},
    {"kind", N_("Kind")},          {"scope", N_("Scope")},
    {"channel_id", N_("Channel")}, {"starts_on", N_("From")},
    {"ends_on", N_("To")},         {"partners", N_("Partners")},
    {"stops", N_("Stops")},        {"unit", N_("Unit")},
    {"note", N_("Note")},          {NULL, NULL},
};

/* A change of a published record waiting for review (id="pending-revision"): what it sets,
 * and the button that withdraws it (action). */
static void revision_card(http_req *req, html *h, const revision *r, const char *const *fields,
                          const char *action, const wy_error *e)
{
    html_lit(h, "<div class=\"card\" id=\"pending-revision\"><h3>");
    web_t(req, h, "A change waits for review");
    html_lit(h, "</h3><p class=\"small muted\">");
    web_t(req, h,
          "What the public sees changes once a reviewer other than its proposer "
          "approves it.");
    html_lit(h, "</p><dl class=\"facts\">");
    for (int i = 0; fields[i]; i++) {
        if (!(r->fields & (1u << i)))
            continue;
        const char *v = r->values[i];
        if (!strcmp(fields[i], "partners") || !strcmp(fields[i], "stops") ||
            !strcmp(fields[i], "channel_id"))
            v = req_tr(req, N_("changed"));
        else if (!strcmp(fields[i], "kind") || !strcmp(fields[i], "scope"))
            v = exchange_term_label(req, v);
        web_fact(h, web_term_label(req, revision_fields, fields[i]), v && *v ? v : "—");
    }
    html_lit(h, "</dl>");
    web_button_form(req, h, "revision-withdraw", action, N_("Withdraw the change"), e);
    html_lit(h, "</div>");
}

/* The section of a record's page that changes it: a draft's form (changed at once), or a
 * published record's pending revision, else its form that proposes one. what: "activities" or
 * "plans"; has: whether a revision waits (r). Nothing for a record in review. */
static int change_section_open(http_req *req, html *h, const char *what, int64_t id,
                               const char *status, int has, const revision *r,
                               const char *const *fields, const web_refusal *f)
{
    int published = !strcmp(status, "published");
    if (!published && strcmp(status, "draft") && strcmp(status, "rejected"))
        return 0; /* in review: it changes once decided */
    const wy_error *e = web_refusal_of(f, "edit", id);
    html_lit(h, "<section class=\"card\" id=\"");
    html_attr(h, !strcmp(what, "plans") ? "plan-edit" : "activity-edit");
    html_lit(h, "\">");
    if (has) {
        revision_card(req, h, r, fields,
                      arena_sprintf(&req->a, "/admin/exchange/%s/%lld/revision/withdraw", what,
                                    (long long)id),
                      web_refusal_of(f, "revision_withdraw", id));
        html_lit(h, "</section>");
        return 0;
    }
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, published ? N_("Propose a change") : N_("Change it"));
    html_lit(h, "</summary>");
    if (published) {
        html_lit(h, "<p class=\"small muted\">");
        web_t(req, h, "It is published: the change is reviewed before anyone sees it.");
        html_lit(h, "</p>");
    }
    web_form_open(req, h, !strcmp(what, "plans") ? "plan-edit-form" : "activity-edit-form",
                  arena_sprintf(&req->a, "/admin/exchange/%s/%lld/edit", what, (long long)id), 0);
    if (!strcmp(what, "plans"))
        web_hidden(h, "from", "plan"); /* the plan's page, not the calendar's form */
    web_form_error(req, h, e);
    return 1;
}

/* The close of change_section_open's form. */
static void change_section_close(http_req *req, html *h, const char *status)
{
    web_submit(req, h, !strcmp(status, "published") ? N_("Propose the change") : N_("Save"));
    html_lit(h, "</form></details></section>");
}

void exchange_activity_edit_section(http_req *req, html *h, const exchange_activity_full *x,
                                    const web_refusal *f)
{
    const exchange_activity *a = &x->a;
    wy_ctx *ctx = req_ctx(req);
    revision r;
    int64_t review_id;
    int has = 0;
    if (!strcmp(a->status, "published") &&
        (has = exchange_activity_revision_pending(ctx, a->id, &r, &review_id)) < 0)
        has = 0, ctx->err = (wy_error){0};
    if (!change_section_open(req, h, "activities", a->id, a->status, has, &r,
                             exchange_activity_revision_fields, f))
        return;
    const wy_error *e = web_refusal_of(f, "edit", a->id);
    web_input(req, h, "title", N_("Title"), "text", 200, 1, e, a->title);
    web_input(req, h, "title_en", N_("Title in English"), "text", 300, 0, e, a->title_en);
    text_area(req, h, "summary", N_("Summary"), 5000, e, a->summary);
    text_area(req, h, "summary_en", N_("Summary in English"), 10000, e, a->summary_en);
    web_input(req, h, "starts_on", N_("From"), "date", 10, 1, e, a->starts_on);
    web_input(req, h, "ends_on", N_("To"), "date", 10, 1, e, a->ends_on);
    html_lit(h, "<p class=\"small muted\">");
    web_t(req, h, "Partners and stops change through the API.");
    html_lit(h, "</p>");
    change_section_close(req, h, a->status);
}

void exchange_reopen_form(http_req *req, html *h, int64_t activity, const web_refusal *f)
{
    const wy_error *e = web_refusal_of(f, "reopen", activity);
    web_form_open(req, h, "evaluation-reopen",
                  arena_sprintf(&req->a, "/admin/exchange/activities/%lld/evaluation/reopen",
                                (long long)activity),
                  0);
    web_form_error(req, h, e);
    web_input(req, h, "reason", N_("Why reopen it"), "text", 500, 1, e, NULL);
    web_submit(req, h, N_("Reopen the evaluation"));
    html_lit(h, "</form>");
}

void exchange_programme_section(http_req *req, html *h, const exchange_agreement *g,
                                const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_programme_item *its = NULL;
    size_t n = 0;
    int owners = 0;
    if (exchange_programme_of(ctx, g->id, 0, &its, &n, &owners) < 0)
        n = 0, ctx->err = (wy_error){0};
    char today[11];
    exchange_date_of(ctx->now, today);
    int year = atoi(today), month = atoi(today + 5);
    html_lit(h, "<section class=\"card\" id=\"programme\"><h2>");
    web_t(req, h, "Annual programme");
    html_lit(h, "</h2>");
    if (!n)
        web_empty(req, h, "No programme item yet.");
    else {
        static const web_col cols[] = {{N_("Month"), 0},    {N_("Programme item"), 0},
                                       {N_("Owner"), 0},    {N_("Status"), 0},
                                       {N_("Activity"), 0}, {N_("Change"), 0}};
        html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"programme-items\">");
        web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            const exchange_programme_item *it = &its[i];
            int late = !strcmp(it->status, "planned") &&
                       (it->year < year || (it->year == year && it->month < month));
            html_lit(h, "<tr id=\"programme-item-");
            html_int(h, it->id);
            html_lit(h, "\" class=\"programme-");
            html_attr(h, it->status);
            if (late)
                html_lit(h, " overdue");
            html_lit(h, "\"><td>");
            html_text(h, arena_sprintf(&req->a, "%04d-%02d", it->year, it->month));
            html_lit(h, "</td><td>");
            html_text(h, it->title);
            html_lit(h, "</td><td>");
            if (owners)
                html_text(h, it->owner);
            html_lit(h, "</td><td>");
            exchange_status_badge(req, h, it->status);
            if (late) {
                html_lit(h, " ");
                web_badge(req, h, "overdue", N_("month passed"));
            }
            html_lit(h, "</td><td>");
            if (it->activity_id) {
                html_lit(h, "<a href=\"/admin/exchange/activities/");
                html_int(h, it->activity_id);
                html_lit(h, "\">");
                html_text(h, arena_sprintf(&req->a, "#%lld", (long long)it->activity_id));
                html_lit(h, "</a>");
            }
            html_lit(h, "</td><td>");
            const wy_error *e = web_refusal_of(f, "programme_item", it->id);
            html_lit(h, "<form method=\"post\" class=\"inline\" id=\"programme-item-form-");
            html_int(h, it->id);
            html_lit(h, "\" action=\"/admin/exchange/programme/");
            html_int(h, it->id);
            html_lit(h, "\">");
            web_csrf_field(req, h);
            web_form_error(req, h, e);
            web_term_select(req, h, "status", programme_states, it->status, NULL);
            html_lit(h, " <label>");
            web_t(req, h, "Activity no.");
            html_lit(h, " <input type=\"number\" name=\"activity_id\" min=\"1\" size=\"6\"");
            if (it->activity_id) {
                html_lit(h, " value=\"");
                html_int(h, it->activity_id);
                html_lit(h, "\"");
            }
            html_lit(h, "></label>");
            web_field_error(req, h, e, "activity_id");
            html_lit(h, " <button type=\"submit\">");
            web_t(req, h, "Update");
            html_lit(h, "</button></form> ");
            web_button_form(
                req, h, arena_sprintf(&req->a, "programme-item-delete-%lld", (long long)it->id),
                arena_sprintf(&req->a, "/admin/exchange/programme/%lld/delete", (long long)it->id),
                N_("Delete"), web_refusal_of(f, "programme_delete", it->id));
            html_lit(h, "</td></tr>");
        }
        html_lit(h, "</tbody></table></div>");
    }
    const wy_error *e = web_refusal_of(f, "programme", g->id);
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Add a programme item");
    html_lit(h, "</summary>");
    web_form_open(
        req, h, "programme-form",
        arena_sprintf(&req->a, "/admin/exchange/agreements/%lld/programme", (long long)g->id), 0);
    web_form_error(req, h, e);
    web_input(req, h, "year", N_("Year of the programme"), "number", 4, 1, e,
              arena_sprintf(&req->a, "%d", year));
    web_input(req, h, "month", N_("Month (1–12)"), "number", 2, 1, e, NULL);
    web_input(req, h, "title", N_("What is planned"), "text", 200, 1, e, NULL);
    web_input(req, h, "owner", N_("Owner"), "text", 100, 0, e, NULL);
    web_submit(req, h, N_("Add the item"));
    html_lit(h, "</form></details></section>");
}

/* ================= the forms ================= */

static void to_activity(http_req *req, int64_t id, const char *msg, const char *anchor)
{
    resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange/activities/%lld?msg=%s#%s",
                                     (long long)id, msg, anchor));
}

/* A form of an activity's page refused: the page again with the refusal. */
static void activity_refused(http_req *req, int64_t activity, const char *form, int64_t id)
{
    web_refusal f;
    int status = exchange_refused(req, form, id, &f);
    if (status)
        exchange_activity_page_of(req, activity, &f, status);
}

void page_admin_exchange_activity_edit(http_req *req)
{
    int64_t id = req_id(req, 0);
    exchange_activity_change_input in = {.title = req_form(req, "title"),
                                         .title_en = req_form(req, "title_en"),
                                         .summary = req_form(req, "summary"),
                                         .summary_en = req_form(req, "summary_en"),
                                         .starts_on = web_opt(req, "starts_on"),
                                         .ends_on = web_opt(req, "ends_on"),
                                         .channel_id = -1};
    int rc = exchange_activity_change(req_ctx(req), id, &in);
    if (rc == 0) {
        to_activity(req, id, "activity_updated", "activity-title");
        return;
    }
    if (rc > 0) { /* published: the change waits for review, shown on the page */
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/exchange/activities/%lld#pending-revision",
                                    (long long)id));
        return;
    }
    activity_refused(req, id, "edit", id);
}

void page_admin_exchange_activity_revision_withdraw(http_req *req)
{
    int64_t id = req_id(req, 0), rid;
    if (exchange_activity_revision_withdraw(req_ctx(req), id, &rid) == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange/activities/%lld#activity-edit",
                                         (long long)id));
        return;
    }
    activity_refused(req, id, "revision_withdraw", id);
}

void page_admin_exchange_fund_delete(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    int64_t activity;
    if (exchange_fund_activity(ctx, id, &activity) < 0) {
        resp_fail(req);
        return;
    }
    if (exchange_fund_delete(ctx, id) == 0) {
        to_activity(req, activity, "fund_deleted", "funds");
        return;
    }
    activity_refused(req, activity, "fund_delete", id);
}

void page_admin_exchange_delegate_delete(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    int64_t activity;
    if (exchange_delegate_activity(ctx, id, &activity) < 0) {
        resp_fail(req);
        return;
    }
    if (exchange_delegate_delete(ctx, id) == 0) {
        to_activity(req, activity, "delegate_deleted", "delegation");
        return;
    }
    activity_refused(req, activity, "delegate_delete", id);
}

void page_admin_exchange_attachment_delete(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    attachment at;
    const char *data;
    size_t len;
    if (exchange_attachment_get(ctx, id, &at, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    if (exchange_attachment_delete(ctx, id) == 0) {
        to_activity(req, at.owner_id, "attachment_deleted", "attachments");
        return;
    }
    activity_refused(req, at.owner_id, "attachment_delete", id);
}

void page_admin_exchange_evaluation_reopen(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (exchange_evaluation_reopen(req_ctx(req), id, web_opt(req, "reason")) == 0) {
        to_activity(req, id, "evaluation_reopened", "evaluation");
        return;
    }
    activity_refused(req, id, "reopen", id);
}

void page_admin_exchange_partner_delete(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (exchange_partner_delete(req_ctx(req), id) == 0) {
        resp_redirect(req, "/admin/exchange/partners?msg=partner_deleted");
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "partner_delete", id, &f);
    if (status)
        exchange_partners_page(req, &f, status);
}

void page_admin_exchange_agreement_delete(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (exchange_agreement_delete(req_ctx(req), id) == 0) {
        resp_redirect(req, "/admin/exchange/partners?msg=agreement_deleted");
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "agreement_delete", id, &f);
    if (status)
        exchange_agreement_page(req, id, &f, status);
}

/* A whole number of the form for a year or a month: -1 when empty or not one (the rule then
 * refuses it). */
static int small_of(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    char *end;
    long n = v && *v ? strtol(v, &end, 10) : 0;
    return v && *v && !*end && n > 0 && n < 10000 ? (int)n : -1;
}

static void to_agreement(http_req *req, int64_t id, const char *msg)
{
    resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange/agreements/%lld?msg=%s#programme",
                                     (long long)id, msg));
}

void page_admin_exchange_programme_add(http_req *req)
{
    int64_t id = req_id(req, 0), item;
    exchange_programme_input in = {.year = small_of(req, "year"),
                                   .month = small_of(req, "month"),
                                   .title = req_form(req, "title"),
                                   .owner = web_opt(req, "owner"),
                                   .activity_id = -1};
    if (exchange_programme_add(req_ctx(req), id, &in, &item) == 0) {
        to_agreement(req, id, "programme_added");
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "programme", id, &f);
    if (status)
        exchange_agreement_page(req, id, &f, status);
}

/* The programme item of the path, for the agreement its page is on. */
static int item_of(http_req *req, exchange_programme_item *it)
{
    if (exchange_programme_item_get(req_ctx(req), req_id(req, 0), it) < 0) {
        resp_fail(req);
        return -1;
    }
    return 0;
}

void page_admin_exchange_programme_update(http_req *req)
{
    exchange_programme_item it;
    if (item_of(req, &it) < 0)
        return;
    const char *a = web_opt(req, "activity_id");
    char *end = NULL;
    long long act = a ? strtoll(a, &end, 10) : 0;
    exchange_programme_input in = {.status = req_form(req, "status"),
                                   .activity_id = a && (*end || act <= 0) ? -2 : act};
    if (exchange_programme_change(req_ctx(req), it.id, &in) == 0) {
        to_agreement(req, it.agreement_id, "programme_updated");
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "programme_item", it.id, &f);
    if (status)
        exchange_agreement_page(req, it.agreement_id, &f, status);
}

void page_admin_exchange_programme_delete(http_req *req)
{
    exchange_programme_item it;
    if (item_of(req, &it) < 0)
        return;
    if (exchange_programme_delete(req_ctx(req), it.id) == 0) {
        to_agreement(req, it.agreement_id, "programme_deleted");
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "programme_delete", it.id, &f);
    if (status)
        exchange_agreement_page(req, it.agreement_id, &f, status);
}

/* ================= a plan entry's page ================= */

static const web_flash_msg plan_flashes[] = {
    {"plan_updated", N_("The plan entry is changed."), 0},
    {"revision_proposed", N_("The change is proposed: it waits for review."), 0},
    {"revision_withdrawn", N_("The change is withdrawn."), 0},
};

/* A plan entry: what it holds, and for staff over it the form that changes it (a draft's at
 * once, an approved one's through review, with the change waiting shown and withdrawn). */
static void plan_page(http_req *req, int64_t id, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_plan_full x;
    if (exchange_plan_get(ctx, id, &x) < 0) {
        resp_fail(req);
        return;
    }
    const exchange_plan *p = &x.p;
    int staff = authz_allows(ctx->who, EXCHANGE_PERM, p->division);
    /* for staff and reviewers over its division, as an activity's page */
    if (!staff && !authz_allows(ctx->who, PERM_REVIEW, p->division)) {
        authz_require(ctx, EXCHANGE_PERM, p->division);
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, p->title);
    if (staff)
        exchange_staff_links(req, &h);
    html_lit(&h, "<h1 id=\"plan-title\">");
    html_text(&h, p->title);
    html_lit(&h, "</h1><p>");
    exchange_status_badge(req, &h, p->status);
    html_lit(&h, " · <a href=\"/admin/exchange/calendar?year=");
    html_attr(&h, arena_sprintf(&req->a, "%.4s", p->starts_on));
    html_lit(&h, "#plan-");
    html_int(&h, p->id);
    html_lit(&h, "\">");
    web_t(req, &h, "Calendar");
    html_lit(&h, "</a></p>");
    WEB_FLASH(req, &h, plan_flashes);
    html_lit(&h, "<section class=\"card\" id=\"plan\"><dl class=\"facts\">");
    web_fact(&h, req_tr(req, "Unit"), p->unit);
    web_fact(&h, req_tr(req, "Kind"), exchange_term_label(req, p->kind));
    web_fact(&h, req_tr(req, "From"), p->starts_on);
    web_fact(&h, req_tr(req, "To"), p->ends_on);
    web_fact(&h, req_tr(req, "Division"), division_name(ctx, p->division));
    strbuf names = STRBUF_INIT;
    for (size_t i = 0; i < x.npartners; i++)
        sb_addf(&names, "%s%s", i ? "、" : "", x.partners[i].name);
    web_fact(&h, req_tr(req, "Partners"), names.len ? names.buf : "");
    sb_release(&names);
    web_fact(&h, req_tr(req, "Note"), p->note);
    html_lit(&h, "</dl></section>");
    if (staff) {
        revision r;
        int64_t review_id;
        int has = 0;
        if (!strcmp(p->status, "published") &&
            (has = exchange_plan_revision_pending(ctx, id, &r, &review_id)) < 0)
            has = 0, ctx->err = (wy_error){0};
        if (change_section_open(req, &h, "plans", id, p->status, has, &r,
                                exchange_plan_revision_fields, f)) {
            const wy_error *e = web_refusal_of(f, "edit", id);
            web_input(req, &h, "unit", N_("Unit"), "text", 100, 1, e, p->unit);
            web_input(req, &h, "title", N_("Title"), "text", 200, 1, e, p->title);
            web_choice(req, &h, "kind", N_("Kind"), exchange_plan_kinds(), e, p->kind);
            web_input(req, &h, "starts_on", N_("From"), "date", 10, 1, e, p->starts_on);
            web_input(req, &h, "ends_on", N_("To"), "date", 10, 1, e, p->ends_on);
            /* the partners of the plan's city, as the rules accept them */
            exchange_partner *ps;
            exchange_agreement *ags;
            size_t np = 0, nags;
            int owners;
            if (exchange_partner_list(ctx, exchange_city_of(req, p->division), 0, 100, &ps, &np,
                                      &ags, &nags, &owners) < 0)
                np = 0, ctx->err = (wy_error){0};
            int64_t *chosen = arena_alloc(&req->a, (x.npartners + 1) * sizeof(*chosen));
            size_t nchosen = 0;
            for (size_t k = 0; chosen && k < x.npartners; k++)
                chosen[nchosen++] = x.partners[k].partner_id;
            exchange_partner_checks(req, &h, "plan-partners", ps, np, e, chosen, nchosen);
            web_textarea(req, &h, "note", N_("Note"), 1000, e, p->note);
            change_section_close(req, &h, p->status);
        }
    }
    web_end(req, &h, status);
}

void page_admin_exchange_plan(http_req *req)
{
    plan_page(req, req_id(req, 0), NULL, 200);
}

static void to_plan(http_req *req, int64_t id, const char *msg)
{
    resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange/plans/%lld?msg=%s#plan-edit",
                                     (long long)id, msg));
}

static void plan_refused(http_req *req, int64_t id, const char *form)
{
    web_refusal f;
    int status = exchange_refused(req, form, id, &f);
    if (status)
        plan_page(req, id, &f, status);
}

void exchange_plan_page_edit(http_req *req, int64_t id, const struct exchange_plan_input *in)
{
    int rc = exchange_plan_change(req_ctx(req), id, in, 1);
    if (rc >= 0)
        to_plan(req, id, rc ? "revision_proposed" : "plan_updated");
    else
        plan_refused(req, id, "edit");
}

void page_admin_exchange_plan_revision_withdraw(http_req *req)
{
    int64_t id = req_id(req, 0), rid;
    if (exchange_plan_revision_withdraw(req_ctx(req), id, &rid) == 0)
        to_plan(req, id, "revision_withdrawn");
    else
        plan_refused(req, id, "revision_withdraw");
}

/* A change waiting for review, from the review queue: its record's page, which shows it
 * (for staff and reviewers over the record; 404 for anybody else). */
static void to_revision_record(http_req *req, const revision_type *t, const char *what)
{
    int64_t target;
    if (revision_where(req_ctx(req), t, req_id(req, 0), &target) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange/%s/%lld#pending-revision", what,
                                     (long long)target));
}

void page_admin_exchange_activity_revision_record(http_req *req)
{
    to_revision_record(req, &exchange_activity_revision_type, "activities");
}

void page_admin_exchange_plan_revision_record(http_req *req)
{
    to_revision_record(req, &exchange_plan_revision_type, "plans");
}
