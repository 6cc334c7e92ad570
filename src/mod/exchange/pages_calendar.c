/*
 * pages_calendar: the coordination calendar for staff and reviewers (docs/exchange.md):
 *   /admin/exchange/calendar   the plans of a year of the area by month, every review state,
 *                              each with its warnings beside it (the same partner or the same
 *                              division in overlapping periods); a form to write a plan entry;
 *                              a draft's submission; the approval by a reviewer of its level
 *                              (nobody approves their own: the refusal is shown on the page);
 *                              the link to the approved plans' iCalendar export
 */
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/exchange/amend.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/handlers.h"
#include "mod/exchange/pages_kit.h"

#define N_(s) s /* a msgid translated where it is shown */

#define LIST_MAX 100 /* partners offered in the form */

/* A plan's kinds: an activity's, or a visit (文化走亲). */
static web_term plan_kinds[16];

const web_term *exchange_plan_kinds(void)
{
    if (!plan_kinds[0].key) {
        size_t i = 0;
        for (; exchange_activity_kinds[i].key && i < 14; i++)
            plan_kinds[i] = exchange_activity_kinds[i];
        plan_kinds[i++] = (web_term){"visit", N_("visit (文化走亲)")};
        plan_kinds[i] = (web_term){NULL, NULL};
    }
    return plan_kinds;
}

/* The area: ?division=, else the caller's widest of EXCHANGE_PERM, else of review. */
static const char *calendar_area(http_req *req)
{
    const char *d = req_query(req, "division");
    if (d && *d)
        return d;
    const principal *who = req_ctx(req)->who;
    const char *s = authz_scope(who, EXCHANGE_PERM);
    if (!s)
        s = authz_scope(who, PERM_REVIEW);
    return s ? s : "";
}

/* The year shown: ?year=, else the form's plan's, else this one. */
static int year_of(http_req *req)
{
    const char *y = req_query(req, "year");
    if (!y || !*y)
        y = req_form(req, "starts_on");
    int n = y && strlen(y) >= 4 ? atoi(y) : 0;
    if (n < 1900 || n > 9999) {
        char today[11];
        exchange_date_of(req_ctx(req)->now, today);
        n = atoi(today);
    }
    return n;
}

static void warnings(http_req *req, html *h, const exchange_plan_full *p)
{
    if (!p->nclashes)
        return;
    html_lit(h, "<ul class=\"warnings\">");
    for (size_t k = 0; k < p->nclashes; k++) {
        const exchange_clash *c = &p->clashes[k];
        int same_partner = !strcmp(c->reason, "same_partner");
        html_lit(h, "<li class=\"form-error warning warning-");
        html_attr(h, c->reason);
        html_lit(h, "\">⚠ ");
        if (same_partner)
            html_text(h,
                      arena_sprintf(&req->a,
                                    req_tr(req, "The same partner, %s, in an overlapping period: "
                                                "%s (%s – %s)."),
                                    c->partner_name ? c->partner_name : "", c->title, c->starts_on,
                                    c->ends_on));
        else
            html_text(h, arena_sprintf(&req->a,
                                       req_tr(req, "The same division in an overlapping period: "
                                                   "%s (%s – %s)."),
                                       c->title, c->starts_on, c->ends_on));
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
}

/* The fields of a plan entry but its division, partners and note: p's values (NULL: empty). */
static void plan_fields(http_req *req, html *h, const wy_error *e, const exchange_plan *p)
{
    web_input(req, h, "unit", N_("Unit"), "text", 100, 1, e, p ? p->unit : NULL);
    web_input(req, h, "title", N_("Title"), "text", 200, 1, e, p ? p->title : NULL);
    web_choice(req, h, "kind", N_("Kind"), exchange_plan_kinds(), e, p ? p->kind : NULL);
    web_input(req, h, "starts_on", N_("Starts on"), "date", 10, 1, e, p ? p->starts_on : NULL);
    web_input(req, h, "ends_on", N_("Ends on"), "date", 10, 1, e, p ? p->ends_on : NULL);
}

/* The change of a draft or rejected plan entry: its fields and partners. */
static void plan_edit_form(http_req *req, html *h, const exchange_plan_full *p,
                           const exchange_partner *ps, size_t np, const wy_error *e)
{
    int64_t *chosen = arena_alloc(&req->a, (p->npartners + 1) * sizeof(*chosen));
    size_t nchosen = 0;
    for (size_t k = 0; chosen && k < p->npartners; k++)
        chosen[nchosen++] = p->partners[k].partner_id;
    html_lit(h, "<details class=\"plan-edit\"");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Change the plan entry");
    html_lit(h, "</summary>");
    web_form_open(req, h, arena_sprintf(&req->a, "plan-edit-%lld", (long long)p->p.id),
                  arena_sprintf(&req->a, "/admin/exchange/plans/%lld/edit", (long long)p->p.id), 0);
    web_form_error(req, h, e);
    plan_fields(req, h, e, &p->p);
    exchange_partner_checks(req, h,
                            arena_sprintf(&req->a, "plan-partners-%lld", (long long)p->p.id), ps,
                            np, e, chosen, nchosen);
    web_textarea(req, h, "note", N_("Note"), 2000, e, p->p.note);
    web_submit(req, h, N_("Save the plan entry"));
    html_lit(h, "</form></details>");
}

static void plan_item(http_req *req, html *h, const exchange_plan_full *p, int staff,
                      const exchange_partner *ps, size_t np, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    html_lit(h, "<li id=\"plan-");
    html_int(h, p->p.id);
    html_lit(h, "\" class=\"plan\"><strong>");
    html_text(h, p->p.title);
    html_lit(h, "</strong> ");
    if (!strcmp(p->p.status, "published"))
        web_badge(req, h, "published", N_("approved"));
    else
        exchange_status_badge(req, h, p->p.status);
    html_lit(h, "<br><span class=\"small\">");
    html_text(h, p->p.starts_on);
    html_lit(h, " – ");
    html_text(h, p->p.ends_on);
    html_lit(h, " · ");
    html_text(h, p->p.unit);
    html_lit(h, " · ");
    html_text(h, division_name(ctx, p->p.division));
    for (size_t k = 0; k < p->npartners; k++) {
        if (k)
            html_lit(h, ", ");
        else
            html_lit(h, " · ");
        html_text(h, p->partners[k].name);
    }
    html_lit(h, "</span>");
    if (p->p.note && *p->p.note) {
        html_lit(h, "<br><span class=\"small plan-note\">");
        html_text(h, p->p.note);
        html_lit(h, "</span>");
    }
    warnings(req, h, p);
    const wy_error *e = web_refusal_of(f, "plan", p->p.id);
    web_form_error(req, h, e);
    int writer = staff && authz_allows(ctx->who, EXCHANGE_PERM, p->p.division);
    if (writer && (!strcmp(p->p.status, "draft") || !strcmp(p->p.status, "rejected")))
        plan_edit_form(req, h, p, ps, np, web_refusal_of(f, "plan_edit", p->p.id));
    if (writer && strcmp(p->p.status, "published")) /* an approved one stays on the calendar */
        web_button_form(
            req, h, arena_sprintf(&req->a, "plan-withdraw-%lld", (long long)p->p.id),
            arena_sprintf(&req->a, "/admin/exchange/plans/%lld/withdraw", (long long)p->p.id),
            N_("Withdraw the plan entry"), web_refusal_of(f, "plan_withdraw", p->p.id));
    if (writer && (!strcmp(p->p.status, "draft") || !strcmp(p->p.status, "rejected"))) {
        html_lit(h, "<form method=\"post\" class=\"inline plan-submit\" "
                    "action=\"/admin/exchange/plans/");
        html_int(h, p->p.id);
        html_lit(h, "/submit\">");
        web_csrf_field(req, h);
        web_submit(req, h, N_("Submit for review"));
        html_lit(h, "</form>");
    }
    if (!strcmp(p->p.status, "pending") && authz_allows(ctx->who, PERM_REVIEW, NULL)) {
        html_lit(h, "<form method=\"post\" class=\"inline plan-approve\" "
                    "action=\"/admin/exchange/plans/");
        html_int(h, p->p.id);
        html_lit(h, "/approve\">");
        web_csrf_field(req, h);
        web_submit(req, h, N_("Approve"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</li>");
}

/* year 0: ?year= (year_of) */
static void calendar_page(http_req *req, int year, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = calendar_area(req);
    if (!authz_allows(ctx->who, EXCHANGE_PERM, *div ? div : NULL) &&
        !authz_allows(ctx->who, PERM_REVIEW, *div ? div : NULL)) {
        authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL);
        resp_fail(req);
        return;
    }
    if (!year)
        year = year_of(req);
    const char *from = arena_sprintf(&req->a, "%04d-01-01", year),
               *to = arena_sprintf(&req->a, "%04d-12-31", year);
    exchange_plan_full *ps;
    size_t n;
    int staff;
    if (exchange_calendar(ctx, div, from, to, 0, &ps, &n, &staff) < 0) {
        resp_fail(req);
        return;
    }
    int writer = authz_allows(ctx->who, EXCHANGE_PERM, *div ? div : NULL);
    exchange_partner *partners = NULL;
    exchange_agreement *ags;
    size_t np = 0, nags;
    int owners;
    if (writer && exchange_partner_list(ctx, exchange_city_of(req, div), 0, LIST_MAX, &partners,
                                        &np, &ags, &nags, &owners) < 0)
        np = 0, ctx->err = (wy_error){0};
    html h;
    web_begin(req, &h, req_tr(req, "Exchange calendar"));
    if (writer)
        exchange_staff_links(req, &h);
    html_lit(&h, "<h1>");
    html_text(&h, arena_sprintf(&req->a, req_tr(req, "Exchange calendar %d"), year));
    html_lit(&h, "</h1>");
    exchange_flash(req, &h);
    const char *dq = req_query(req, "division");
    const char *keep =
        dq && *dq ? arena_sprintf(&req->a, "&division=%s", url_encode(&req->a, dq)) : "";
    html_lit(&h, "<p class=\"small\" id=\"calendar-nav\"><a id=\"calendar-prev\" "
                 "href=\"/admin/exchange/calendar?year=");
    html_int(&h, year - 1);
    html_attr(&h, keep);
    html_lit(&h, "\">← ");
    html_int(&h, year - 1);
    html_lit(&h, "</a> · <a id=\"calendar-next\" href=\"/admin/exchange/calendar?year=");
    html_int(&h, year + 1);
    html_attr(&h, keep);
    html_lit(&h, "\">");
    html_int(&h, year + 1);
    html_lit(&h, " →</a> · <a id=\"calendar-ics\" href=\"/api/v1/exchange/calendar.ics?division=");
    html_attr(&h, url_encode(&req->a, div));
    html_lit(&h, "&amp;from=");
    html_attr(&h, from);
    html_lit(&h, "&amp;to=");
    html_attr(&h, to);
    html_lit(&h, "\">");
    web_t(req, &h, "The approved plans as iCalendar (.ics)");
    html_lit(&h, "</a></p><section class=\"card\" id=\"calendar\">");
    if (!n)
        web_empty(req, &h, "No plan entry this year.");
    int month = 0;
    for (size_t i = 0; i < n; i++) {
        /* by the month it starts in (a plan started the year before: January) */
        int m = strncmp(ps[i].p.starts_on, from, 4) < 0 ? 1 : atoi(ps[i].p.starts_on + 5);
        if (m != month) {
            if (month)
                html_lit(&h, "</ul>");
            month = m;
            html_lit(&h, "<h2 id=\"month-");
            html_int(&h, m);
            html_lit(&h, "\">");
            html_text(&h, arena_sprintf(&req->a, req_tr(req, "%d-%02d"), year, m));
            html_lit(&h, "</h2><ul class=\"list plans\">");
        }
        plan_item(req, &h, &ps[i], staff, partners, np, f);
    }
    if (month)
        html_lit(&h, "</ul>");
    html_lit(&h, "</section>");

    if (writer) {
        const wy_error *e = web_refusal_of(f, "create", 0);
        html_lit(&h, "<section class=\"card\" id=\"new-plan\"><h2>");
        web_t(req, &h, "Write a plan entry");
        html_lit(&h, "</h2>");
        web_form_open(req, &h, "plan-form", "/admin/exchange/plans", 0);
        web_form_error(req, &h, e);
        web_input(req, &h, "division", N_("Division code"), "text", 12, 1, e, div);
        plan_fields(req, &h, e, NULL);
        exchange_partner_checks(req, &h, "plan-partners", partners, np, e, NULL, 0);
        web_textarea(req, &h, "note", N_("Note"), 2000, e, NULL);
        html_lit(&h, "<p class=\"small\">");
        web_t(req, &h,
              "A plan that clashes with another (the same partner, or the same division, in "
              "overlapping periods) is written with a warning; submit it for the city's approval.");
        html_lit(&h, "</p>");
        web_submit(req, &h, N_("Write the plan entry"));
        html_lit(&h, "</form></section>");
    }
    web_end(req, &h, status);
}

void page_admin_exchange_calendar(http_req *req)
{
    calendar_page(req, 0, NULL, 200);
}

static const char *back(http_req *req, const char *msg, const char *starts_on, int64_t id)
{
    return arena_sprintf(&req->a, "/admin/exchange/calendar?year=%.4s&msg=%s#plan-%lld",
                         starts_on && strlen(starts_on) >= 4 ? starts_on : "2000", msg,
                         (long long)id);
}

void page_admin_exchange_plan_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_plan_input in = {.division = req_form(req, "division"),
                              .unit = req_form(req, "unit"),
                              .title = req_form(req, "title"),
                              .kind = req_form(req, "kind"),
                              .starts_on = req_form(req, "starts_on"),
                              .ends_on = req_form(req, "ends_on"),
                              .note = web_opt(req, "note")};
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t np = 0, nags;
    int owners;
    if (exchange_partner_list(ctx,
                              exchange_city_of(req, in.division ? in.division : calendar_area(req)),
                              0, LIST_MAX, &ps, &np, &ags, &nags, &owners) < 0)
        np = 0, ctx->err = (wy_error){0};
    in.partners = exchange_partners_ticked(req, ps, np, &in.npartners);
    if (!in.partners) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return;
    }
    exchange_plan_full out;
    if (exchange_plan_create(ctx, &in, &out) == 0) {
        resp_redirect(req, back(req, "plan_created", out.p.starts_on, out.p.id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "create", 0, &f);
    if (status)
        calendar_page(req, 0, &f, status);
}

/* A plan's form: the calendar of its year again with the refusal beside it. */
static void plan_refused(http_req *req, const char *form, int64_t id, const char *starts_on)
{
    web_refusal f;
    int status = exchange_refused(req, form, id, &f);
    if (status)
        calendar_page(req, atoi(starts_on), &f, status);
}

/* A plan's submission or approval: back to its year, or the calendar again with the refusal
 * beside the plan. */
static void plan_action(http_req *req, int approve)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    exchange_plan_full p;
    if (exchange_plan_get(ctx, id, &p) < 0) {
        resp_fail(req);
        return;
    }
    const char *st;
    int rc = approve ? exchange_plan_approve(ctx, id) : exchange_plan_submit(ctx, id, &st);
    if (rc == 0) {
        resp_redirect(req,
                      back(req, approve ? "plan_approved" : "plan_submitted", p.p.starts_on, id));
        return;
    }
    plan_refused(req, "plan", id, p.p.starts_on); /* the calendar of the plan's year */
}

void page_admin_exchange_plan_submit(http_req *req)
{
    plan_action(req, 0);
}

void page_admin_exchange_plan_approve(http_req *req)
{
    plan_action(req, 1);
}

void page_admin_exchange_plan_edit(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    exchange_plan_full p;
    if (exchange_plan_get(ctx, id, &p) < 0) {
        resp_fail(req);
        return;
    }
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t np = 0, nags;
    int owners;
    if (exchange_partner_list(ctx, exchange_city_of(req, p.p.division), 0, LIST_MAX, &ps, &np, &ags,
                              &nags, &owners) < 0)
        np = 0, ctx->err = (wy_error){0};
    /* every field is on the form: an empty note clears it */
    exchange_plan_input in = {.unit = req_form(req, "unit"),
                              .title = req_form(req, "title"),
                              .kind = req_form(req, "kind"),
                              .starts_on = req_form(req, "starts_on"),
                              .ends_on = req_form(req, "ends_on"),
                              .note = req_form(req, "note")};
    in.partners = exchange_partners_ticked(req, ps, np, &in.npartners);
    if (!in.partners) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return;
    }
    const char *from = web_opt(req, "from");
    if (from && !strcmp(from, "plan")) { /* the plan's page: answered there */
        exchange_plan_page_edit(req, id, &in);
        return;
    }
    int rc = exchange_plan_change(ctx, id, &in, 1);
    if (rc == 1) { /* approved: the change waits for review, shown on the plan's page */
        resp_redirect(req,
                      arena_sprintf(&req->a,
                                    "/admin/exchange/plans/%lld?msg=revision_proposed#plan-edit",
                                    (long long)id));
        return;
    }
    if (rc == 0) {
        resp_redirect(req, back(req, "plan_updated", in.starts_on, id));
        return;
    }
    plan_refused(req, "plan_edit", id, p.p.starts_on);
}

void page_admin_exchange_plan_withdraw(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    exchange_plan_full p;
    if (exchange_plan_get(ctx, id, &p) < 0) {
        resp_fail(req);
        return;
    }
    if (exchange_plan_withdraw(ctx, id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/calendar?year=%.4s&msg=plan_withdrawn",
                                         p.p.starts_on));
        return;
    }
    plan_refused(req, "plan_withdraw", id, p.p.starts_on);
}
