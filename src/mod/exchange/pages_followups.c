/*
 * pages_followups: an exchange activity's and an agreement's staff pages (docs/exchange.md),
 * what follows them:
 *   /admin/exchange/activities/{id}   the activity for staff over its division: its
 *                                     follow-ups, funds and sponsorship, delegation,
 *                                     attachments and evaluation (the close, pages_evaluation.c)
 *                                     and, for reviewers over its division, the score form
 *   /admin/exchange/agreements/{id}   an agreement with its follow-ups
 * A follow-up is added with what, its kind, its owner and due date, and closed with its
 * outcome; an open one past its due date is marked overdue. The forms need no script; a
 * refused one comes back with what was written and the refusal beside its field.
 */
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"
#include "http/parse.h"
#include "mod/exchange/amend.h"
#include "mod/exchange/calendar.h"
#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "mod/exchange/followup.h"
#include "mod/exchange/handlers.h"
#include "mod/exchange/pages_kit.h"

#define N_(s) s /* a msgid translated where it is shown */

#define FOLLOWUPS_MAX 100 /* follow-ups a page lists */

static const web_term followup_kinds[] = {
    {"agreement", N_("an agreement")},
    {"return_visit", N_("a return visit")},
    {"tourism_product", N_("a tourism product")},
    {"investment", N_("an investment")},
    {"joint_production", N_("a joint production")},
    {"other", N_("something else")},
    {NULL, NULL},
};

static const web_term followup_states[] = {
    {"done", N_("done")}, {"dropped", N_("dropped")}, {"open", N_("open")}, {NULL, NULL}};

static const web_term fund_kinds[] = {
    {"grant", N_("grant (资助项目)")},
    {"sponsorship", N_("sponsorship (赞助活动)")},
    {"facilities", N_("facilities provided (提供设施)")},
    {"donation", N_("products donated (捐赠产品)")},
    {NULL, NULL},
};

static const web_term delegate_kinds[] = {
    {"troupe", N_("troupe")}, {"person", N_("person")}, {NULL, NULL}};

static const web_term attachment_kinds[] = {
    {"programme", N_("programme")}, {"photo", N_("photo")}, {"video", N_("video")},
    {"press", N_("press")},         {NULL, NULL},
};

/* Money in fen as yuan with two decimals. */
static const char *yuan(http_req *req, int64_t fen)
{
    return arena_sprintf(&req->a, "¥%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

/* ================= follow-ups ================= */

/* The follow-ups of an activity or an agreement (one of them 0), each with its close form,
 * and the form to add one. back: the page's path. */
static void followups_section(http_req *req, html *h, const char *division, int64_t activity,
                              int64_t agreement, const exchange_activity_partner *partners,
                              size_t npartners, int staff, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_followup *fs = NULL;
    size_t n = 0;
    int owners = 0;
    if (exchange_followup_list(ctx, division, activity, agreement, 0, NULL, 0, FOLLOWUPS_MAX, &fs,
                               &n, &owners) < 0)
        n = 0, ctx->err = (wy_error){0};
    char today[11];
    exchange_date_of(ctx->now, today);
    html_lit(h, "<section class=\"card\" id=\"followups\"><h2>");
    web_t(req, h, "Follow-ups");
    html_lit(h, "</h2>");
    if (!n)
        web_empty(req, h, "No follow-up recorded yet.");
    html_lit(h, "<ul class=\"list\" id=\"followup-list\">");
    for (size_t i = 0; i < n; i++) {
        const exchange_followup *u = &fs[i];
        int overdue = !strcmp(u->status, "open") && strcmp(u->due_on, today) < 0;
        html_lit(h, "<li id=\"followup-");
        html_int(h, u->id);
        html_lit(h, "\" class=\"followup followup-");
        html_attr(h, u->status);
        if (overdue)
            html_lit(h, " overdue");
        html_lit(h, "\"><strong>");
        html_text(h, u->title);
        html_lit(h, "</strong> ");
        if (overdue)
            web_badge(req, h, "overdue", N_("overdue"));
        else
            web_badge(req, h, u->status, web_term_label(req, followup_states, u->status));
        html_lit(h, "<br><span class=\"small\">");
        html_text(h, web_term_label(req, followup_kinds, u->kind));
        if (u->partner_name && *u->partner_name) {
            html_lit(h, " · ");
            html_text(h, u->partner_name);
        }
        if (owners && u->owner && *u->owner) {
            html_lit(h, " · ");
            html_text(h, arena_sprintf(&req->a, req_tr(req, "owner: %s"), u->owner));
        }
        html_lit(h, " · ");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "due %s"), u->due_on));
        html_lit(h, "</span>");
        if (!strcmp(u->status, "done") && u->outcome) {
            html_lit(h, "<p class=\"outcome\">");
            html_text(h, u->outcome);
            if (u->outcome_on) {
                html_lit(h, " <span class=\"small\">(");
                html_text(h, u->outcome_on);
                html_lit(h, ")</span>");
            }
            html_lit(h, "</p>");
        }
        const wy_error *ce = web_refusal_of(f, "followup", u->id);
        if (staff && strcmp(u->status, "done")) {
            html_lit(h, "<details");
            if (ce)
                html_lit(h, " open");
            html_lit(h, "><summary>");
            web_t(req, h, "Close with its outcome");
            html_lit(h, "</summary>");
            web_form_open(
                req, h, arena_sprintf(&req->a, "followup-close-%lld", (long long)u->id),
                arena_sprintf(&req->a, "/admin/exchange/followups/%lld", (long long)u->id), 0);
            web_form_error(req, h, ce);
            web_choice(req, h, "status", N_("Status"), followup_states, ce, NULL);
            web_textarea(req, h, "outcome", N_("Outcome"), 2000, ce, NULL);
            web_input(req, h, "outcome_on", N_("Outcome dated"), "date", 10, 0, ce, today);
            web_submit(req, h, N_("Save"));
            html_lit(h, "</form></details>");
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (!staff) {
        html_lit(h, "</section>");
        return;
    }
    const wy_error *e = web_refusal_of(f, "followup", 0);
    html_lit(h, "<h3>");
    web_t(req, h, "Add a follow-up");
    html_lit(h, "</h3>");
    web_form_open(req, h, "followup-form", "/admin/exchange/followups", 0);
    web_form_error(req, h, e);
    html_lit(h, "<input type=\"hidden\" name=\"");
    html_attr(h, activity ? "activity_id" : "agreement_id");
    html_lit(h, "\" value=\"");
    html_int(h, activity ? activity : agreement);
    html_lit(h, "\">");
    web_input(req, h, "title", N_("What should follow"), "text", 200, 1, e, NULL);
    web_choice(req, h, "kind", N_("Kind"), followup_kinds, e, NULL);
    if (npartners > 1) {
        web_record_select(
            req, h, "partner_id", N_("Partner"),
            WEB_RECORDS(partners, npartners, exchange_activity_partner, partner_id, name), 0, e, 0);
    }
    web_input(req, h, "owner", N_("Owner (the unit or person answerable)"), "text", 100, 1, e,
              NULL);
    web_input(req, h, "due_on", N_("Due on"), "date", 10, 1, e, NULL);
    web_submit(req, h, N_("Add the follow-up"));
    html_lit(h, "</form></section>");
}

/* ================= an activity's staff page ================= */

/* Fen as yuan for a form's field ("12.50"); NULL when not given. */
static const char *yuan_field(http_req *req, int64_t fen)
{
    return fen < 0 ? NULL
                   : arena_sprintf(&req->a, "%lld.%02lld", (long long)(fen / 100),
                                   (long long)(fen % 100));
}

/* <details><summary>msgid</summary> open when e (the form's refusal) is set. */
static void details_open(http_req *req, html *h, const char *msgid, const wy_error *e)
{
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, msgid);
    html_lit(h, "</summary>");
}

/* The change of a fund, in its row. */
static void fund_edit_form(http_req *req, html *h, const exchange_fund *x, const wy_error *e)
{
    details_open(req, h, N_("Change"), e);
    web_form_open(req, h, arena_sprintf(&req->a, "fund-edit-%lld", (long long)x->id),
                  arena_sprintf(&req->a, "/admin/exchange/funds/%lld/edit", (long long)x->id), 0);
    web_form_error(req, h, e);
    web_choice(req, h, "kind", N_("Kind"), fund_kinds, e, x->kind);
    web_input(req, h, "sponsor", N_("Sponsor or funder"), "text", 200, 1, e, x->sponsor);
    /* a sum of 0 is stored for none: shown empty */
    int in_kind = x->in_kind && *x->in_kind;
    web_input(req, h, "amount_yuan", N_("Money given (yuan)"), "text", 20, 0, e,
              yuan_field(req, x->amount_fen > 0 ? x->amount_fen : -1));
    web_input(req, h, "in_kind", N_("Given in kind"), "text", 500, 0, e, x->in_kind);
    web_input(req, h, "value_yuan", N_("Its value (yuan)"), "text", 20, 0, e,
              yuan_field(req, in_kind && x->value_fen > 0 ? x->value_fen : -1));
    web_input(req, h, "given_on", N_("Date"), "date", 10, 1, e, x->given_on);
    web_submit(req, h, N_("Save the fund"));
    html_lit(h, "</form></details>");
}

/* The change of a member of a delegation, in its line. */
static void delegate_edit_form(http_req *req, html *h, const exchange_delegate *d,
                               const wy_error *e)
{
    details_open(req, h, N_("Change"), e);
    web_form_open(req, h, arena_sprintf(&req->a, "delegate-edit-%lld", (long long)d->id),
                  arena_sprintf(&req->a, "/admin/exchange/delegates/%lld/edit", (long long)d->id),
                  0);
    web_form_error(req, h, e);
    web_choice(req, h, "kind", N_("Kind"), delegate_kinds, e, d->kind);
    web_input(req, h, "name", N_("Name"), "text", 100, 1, e, d->name);
    web_input(req, h, "role", N_("Role"), "text", 100, 0, e, d->role);
    web_input(req, h, "organisation", N_("Organisation"), "text", 200, 0, e, d->organisation);
    web_submit(req, h, N_("Save the member"));
    html_lit(h, "</form></details>");
}

static void funds_section(http_req *req, html *h, int64_t id, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_fund *fs = NULL;
    size_t n = 0;
    int64_t amount = 0, value = 0;
    if (exchange_funds_of(ctx, id, &fs, &n, &amount, &value) < 0)
        n = 0, ctx->err = (wy_error){0};
    html_lit(h, "<section class=\"card\" id=\"funds\"><h2>");
    web_t(req, h, "Funds and sponsorship");
    html_lit(h, "</h2>");
    if (!n)
        web_empty(req, h, "No fund recorded yet.");
    else {
        static const web_col cols[] = {{N_("Kind"), 0},  {N_("Sponsor or funder"), 0},
                                       {N_("Money"), 0}, {N_("In kind"), 0},
                                       {N_("Date"), 0},  {N_("Change"), 0}};
        html_lit(h, "<div class=\"scroll\"><table class=\"data\" id=\"fund-list\">");
        web_thead(req, h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            html_lit(h, "<tr><td>");
            html_text(h, web_term_label(req, fund_kinds, fs[i].kind));
            html_lit(h, "</td><td>");
            html_text(h, fs[i].sponsor);
            html_lit(h, "</td><td>");
            if (fs[i].amount_fen >= 0)
                html_text(h, yuan(req, fs[i].amount_fen));
            html_lit(h, "</td><td>");
            if (fs[i].in_kind && *fs[i].in_kind) {
                html_text(h, fs[i].in_kind);
                if (fs[i].value_fen >= 0) {
                    html_lit(h, " (");
                    html_text(h, yuan(req, fs[i].value_fen));
                    html_lit(h, ")");
                }
            }
            html_lit(h, "</td><td>");
            html_text(h, fs[i].given_on);
            html_lit(h, "</td><td>");
            fund_edit_form(req, h, &fs[i], web_refusal_of(f, "fund_edit", fs[i].id));
            web_button_form(
                req, h, arena_sprintf(&req->a, "fund-delete-%lld", (long long)fs[i].id),
                arena_sprintf(&req->a, "/admin/exchange/funds/%lld/delete", (long long)fs[i].id),
                N_("Delete"), web_refusal_of(f, "fund_delete", fs[i].id));
            html_lit(h, "</td></tr>");
        }
        html_lit(h, "</tbody></table></div><p id=\"fund-total\">");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "Money %s, in kind %s, in all %s."),
                                   yuan(req, amount), yuan(req, value), yuan(req, amount + value)));
        html_lit(h, "</p>");
    }
    const wy_error *e = web_refusal_of(f, "fund", id);
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Record a fund");
    html_lit(h, "</summary>");
    web_form_open(req, h, "fund-form",
                  arena_sprintf(&req->a, "/admin/exchange/activities/%lld/funds", (long long)id),
                  0);
    web_form_error(req, h, e);
    web_choice(req, h, "kind", N_("Kind"), fund_kinds, e, NULL);
    web_input(req, h, "sponsor", N_("Sponsor or funder"), "text", 200, 1, e, NULL);
    web_input(req, h, "amount_yuan", N_("Money given (yuan)"), "number", 0, 0, e, NULL);
    web_input(req, h, "in_kind", N_("Given in kind"), "text", 500, 0, e, NULL);
    web_input(req, h, "value_yuan", N_("Its value (yuan)"), "number", 0, 0, e, NULL);
    web_input(req, h, "given_on", N_("Date"), "date", 10, 1, e, NULL);
    web_submit(req, h, N_("Record the fund"));
    html_lit(h, "</form></details></section>");
}

static void delegation_section(http_req *req, html *h, int64_t id, int staff, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_delegate *ds = NULL;
    size_t n = 0;
    int people = 0;
    if (exchange_delegation(ctx, id, &ds, &n, &people) < 0)
        n = 0, ctx->err = (wy_error){0};
    html_lit(h, "<section class=\"card\" id=\"delegation\"><h2>");
    web_t(req, h, "Delegation");
    html_lit(h, "</h2>");
    if (!n)
        web_empty(req, h, "No member of the delegation recorded yet.");
    html_lit(h, "<ul class=\"list\" id=\"delegate-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li class=\"delegate-");
        html_attr(h, ds[i].kind);
        html_lit(h, "\"><strong>");
        html_text(h, ds[i].name);
        html_lit(h, "</strong> <span class=\"small\">");
        html_text(h, web_term_label(req, delegate_kinds, ds[i].kind));
        if (*ds[i].role) {
            html_lit(h, " · ");
            html_text(h, ds[i].role);
        }
        if (*ds[i].organisation) {
            html_lit(h, " · ");
            html_text(h, ds[i].organisation);
        }
        html_lit(h, "</span>");
        if (staff && people) {
            html_lit(h, " ");
            delegate_edit_form(req, h, &ds[i], web_refusal_of(f, "delegate_edit", ds[i].id));
        }
        if (staff) {
            html_lit(h, " ");
            web_button_form(
                req, h, arena_sprintf(&req->a, "delegate-delete-%lld", (long long)ds[i].id),
                arena_sprintf(&req->a, "/admin/exchange/delegates/%lld/delete",
                              (long long)ds[i].id),
                N_("Withdraw the member"), web_refusal_of(f, "delegate_delete", ds[i].id));
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (!people) { /* the people are personal data: staff over the division only */
        html_lit(h, "<p class=\"small muted\" id=\"delegation-people-hidden\">");
        web_t(req, h, "The people of the delegation are shown to staff only.");
        html_lit(h, "</p>");
    }
    if (staff) {
        const wy_error *e = web_refusal_of(f, "delegate", id);
        html_lit(h, "<details");
        if (e)
            html_lit(h, " open");
        html_lit(h, "><summary>");
        web_t(req, h, "Add a member");
        html_lit(h, "</summary>");
        web_form_open(
            req, h, "delegate-form",
            arena_sprintf(&req->a, "/admin/exchange/activities/%lld/delegation", (long long)id), 0);
        web_form_error(req, h, e);
        web_choice(req, h, "kind", N_("Kind"), delegate_kinds, e, NULL);
        web_input(req, h, "name", N_("Name"), "text", 100, 1, e, NULL);
        web_input(req, h, "role", N_("Role"), "text", 100, 0, e, NULL);
        web_input(req, h, "organisation", N_("Organisation"), "text", 200, 0, e, NULL);
        web_submit(req, h, N_("Add the member"));
        html_lit(h, "</form></details>");
    }
    html_lit(h, "</section>");
}

static void attachments_section(http_req *req, html *h, int64_t id, int staff, const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_attachment *as = NULL;
    size_t n = 0;
    if (exchange_attachments(ctx, id, &as, &n) < 0)
        n = 0, ctx->err = (wy_error){0};
    html_lit(h, "<section class=\"card\" id=\"attachments\"><h2>");
    web_t(req, h, "Attachments");
    html_lit(h, "</h2>");
    if (!n)
        web_empty(req, h, "No file attached yet.");
    html_lit(h, "<ul class=\"list\" id=\"attachment-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li><a href=\"/api/v1/exchange/attachments/");
        html_int(h, as[i].a.id);
        html_lit(h, "\" download>");
        html_text(h, as[i].a.filename);
        html_lit(h, "</a> <span class=\"small\">");
        html_text(h, web_term_label(req, attachment_kinds, as[i].kind));
        html_lit(h, " · ");
        html_text(h,
                  arena_sprintf(&req->a, "%lld KiB", (long long)((as[i].a.bytes + 1023) / 1024)));
        html_lit(h, "</span>");
        if (staff) {
            html_lit(h, " ");
            web_button_form(req, h,
                            arena_sprintf(&req->a, "attachment-delete-%lld", (long long)as[i].a.id),
                            arena_sprintf(&req->a, "/admin/exchange/attachments/%lld/delete",
                                          (long long)as[i].a.id),
                            N_("Delete"), web_refusal_of(f, "attachment_delete", as[i].a.id));
        }
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (staff) {
        const wy_error *e = web_refusal_of(f, "attachment", id);
        html_lit(h, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"stack\" "
                    "id=\"attachment-form\" action=\"/admin/exchange/activities/");
        html_int(h, id);
        html_lit(h, "/attachments\">");
        web_csrf_field(req, h);
        web_form_error(req, h, e);
        web_choice(req, h, "kind", N_("Kind"), attachment_kinds, e, NULL);
        html_lit(h, "<label>");
        web_t(req, h, "File");
        html_lit(h, " <input type=\"file\" name=\"file\" required></label>");
        web_field_error(req, h, e, "file");
        web_submit(req, h, N_("Attach the file"));
        html_lit(h, "</form>");
    }
    html_lit(h, "</section>");
}

/* The rows of the stops' form: ?stops= or the refused form's, else two more than the
 * activity has, within 1..EXCHANGE_MAX_STOPS. */
static int stop_rows_of(http_req *req, size_t nstops)
{
    const char *s = req_form(req, "stops");
    if (!s)
        s = req_query(req, "stops");
    int n = s ? atoi(s) : (int)nstops + 2;
    return n < 1 ? 1 : n > EXCHANGE_MAX_STOPS ? EXCHANGE_MAX_STOPS : n;
}

/* An activity's partners and stops: the stops in order with their map; for staff over a draft
 * or rejected one, the form that changes them (a row emptied removes its stop, a row filled
 * adds one). */
static void stops_section(http_req *req, html *h, const exchange_activity_full *x, int staff,
                          const web_refusal *f)
{
    wy_ctx *ctx = req_ctx(req);
    const exchange_activity *a = &x->a;
    html_lit(h, "<section class=\"card\" id=\"stops\"><h2>");
    web_t(req, h, "Partners and stops");
    html_lit(h, "</h2><p id=\"activity-partner-names\">");
    for (size_t i = 0; i < x->npartners; i++) {
        if (i)
            html_lit(h, "、");
        html_text(h, x->partners[i].name);
    }
    if (!x->npartners)
        web_t(req, h, "No partner named.");
    html_lit(h, "</p>");
    if (x->nstops) {
        html_lit(h, "<ol class=\"steps\" id=\"activity-stops\">");
        for (size_t i = 0; i < x->nstops; i++) {
            const exchange_stop *s = &x->stops[i];
            html_lit(h, "<li class=\"stop\"><strong>");
            html_text(h, s->place);
            html_lit(h, "</strong> · ");
            html_text(h, s->city);
            html_lit(h, " · ");
            html_text(h, s->country);
            html_lit(h, " <span class=\"small\">");
            html_text(h, s->starts_on);
            html_lit(h, " – ");
            html_text(h, s->ends_on);
            html_lit(h, "</span></li>");
        }
        html_lit(h, "</ol>");
    }
    exchange_stops_map(req, h, x->stops, x->nstops);
    if (!staff || (strcmp(a->status, "draft") && strcmp(a->status, "rejected"))) {
        html_lit(h, "</section>");
        return; /* a pending or published activity changes through review only */
    }
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t np = 0, nags;
    int owners;
    if (exchange_partner_list(ctx, exchange_city_of(req, a->division), 0, 100, &ps, &np, &ags,
                              &nags, &owners) < 0)
        np = 0, ctx->err = (wy_error){0};
    int64_t *chosen = arena_alloc(&req->a, (x->npartners + 1) * sizeof(*chosen));
    size_t nchosen = 0;
    for (size_t i = 0; chosen && i < x->npartners; i++)
        chosen[nchosen++] = x->partners[i].partner_id;
    const wy_error *e = web_refusal_of(f, "stops", a->id);
    int rows = stop_rows_of(req, x->nstops);
    html_lit(h, "<details");
    if (e)
        html_lit(h, " open");
    html_lit(h, "><summary>");
    web_t(req, h, "Change the partners and stops");
    html_lit(h, "</summary>");
    web_form_open(req, h, "activity-stops-form",
                  arena_sprintf(&req->a, "/admin/exchange/activities/%lld/stops", (long long)a->id),
                  0);
    web_form_error(req, h, e);
    web_hidden(h, "stops", arena_sprintf(&req->a, "%d", rows));
    exchange_partner_checks(req, h, "activity-stops-partners", ps, np, e, chosen, nchosen);
    html_lit(h, "<p class=\"small\">");
    web_t(req, h, "The stops in order: empty a row to remove its stop, fill one to add a stop.");
    html_lit(h, "</p>");
    for (int i = 1; i <= rows; i++)
        exchange_stop_row(req, h, i, e, (size_t)i <= x->nstops ? &x->stops[i - 1] : NULL);
    web_field_error(req, h, e, "stops");
    if (rows < EXCHANGE_MAX_STOPS) {
        html_lit(h,
                 "<p class=\"small\"><a id=\"more-stop-rows\" href=\"/admin/exchange/activities/");
        html_int(h, a->id);
        html_lit(h, "?stops=");
        html_int(h, rows + 4 > EXCHANGE_MAX_STOPS ? EXCHANGE_MAX_STOPS : rows + 4);
        html_lit(h, "#stops\">");
        web_t(req, h, "More rows for stops");
        html_lit(h, "</a></p>");
    }
    web_submit(req, h, N_("Save the partners and stops"));
    html_lit(h, "</form></details></section>");
}

void exchange_activity_page_of(http_req *req, int64_t id, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_activity_full x;
    if (exchange_activity_get(ctx, id, &x) < 0) {
        resp_fail(req);
        return;
    }
    int staff = authz_allows(ctx->who, EXCHANGE_PERM, x.a.division);
    int reviewer = authz_allows(ctx->who, PERM_REVIEW, x.a.division);
    if (!staff && !reviewer) {
        authz_require(ctx, EXCHANGE_PERM, x.a.division);
        resp_fail(req);
        return;
    }
    const char *title = exchange_text_lang(req, x.a.title, x.a.title_en);
    html h;
    web_begin(req, &h, title);
    if (staff)
        exchange_staff_links(req, &h);
    html_lit(&h, "<h1 id=\"activity-title\">");
    html_text(&h, title);
    html_lit(&h, "</h1><p>");
    exchange_status_badge(req, &h, x.a.status);
    html_lit(&h, " <span class=\"small\">");
    html_text(&h, exchange_term_label(req, x.a.kind));
    html_lit(&h, " · ");
    html_text(&h, x.a.starts_on);
    html_lit(&h, " – ");
    html_text(&h, x.a.ends_on);
    html_lit(&h, " · ");
    html_text(&h, division_name(ctx, x.a.division));
    html_lit(&h, "</span> · <a href=\"/exchange/activities/");
    html_int(&h, id);
    html_lit(&h, "\">");
    web_t(req, &h, "Public page");
    html_lit(&h, "</a></p>");
    exchange_flash(req, &h);
    if (staff)
        exchange_activity_edit_section(req, &h, &x, f);
    stops_section(req, &h, &x, staff, f);
    exchange_evaluation_section(req, &h, &x, staff, reviewer, f);
    followups_section(req, &h, x.a.division, id, 0, x.partners, x.npartners, staff, f);
    if (staff) {
        funds_section(req, &h, id, f);
        exchange_measures_section(req, &h, "activity", id, f);
    }
    delegation_section(req, &h, id, staff, f);
    attachments_section(req, &h, id, staff, f);
    web_end(req, &h, status);
}

void exchange_activity_staff_page(http_req *req, const web_refusal *f, int status)
{
    exchange_activity_page_of(req, req_id(req, 0), f, status);
}

void page_admin_exchange_activity(http_req *req)
{
    exchange_activity_staff_page(req, NULL, 200);
}

/* ================= an agreement's staff page ================= */

/* The change of an agreement: every field, as written. */
static void agreement_edit_form(http_req *req, html *h, const exchange_agreement *g,
                                const wy_error *e)
{
    html_lit(h, "<section class=\"card\" id=\"agreement-edit\">");
    details_open(req, h, N_("Change the agreement"), e);
    web_form_open(req, h, "agreement-edit-form",
                  arena_sprintf(&req->a, "/admin/exchange/agreements/%lld/edit", (long long)g->id),
                  0);
    web_form_error(req, h, e);
    web_choice(req, h, "kind", N_("Kind"), exchange_agreement_kinds, e, g->kind);
    web_input(req, h, "title", N_("Title"), "text", 200, 1, e, g->title);
    web_input(req, h, "signed_on", N_("Signed on"), "date", 10, 1, e, g->signed_on);
    web_input(req, h, "renew_on", N_("Renewal date"), "date", 10, 0, e, g->renew_on);
    web_textarea(req, h, "scope", N_("Scope"), 2000, e, g->scope);
    web_textarea(req, h, "obligations", N_("Obligations"), 5000, e, g->obligations);
    web_input(req, h, "owner_ours", N_("Owner on our side"), "text", 100, 0, e, g->owner_ours);
    web_input(req, h, "owner_theirs", N_("Owner on their side"), "text", 100, 0, e,
              g->owner_theirs);
    web_submit(req, h, N_("Save the agreement"));
    html_lit(h, "</form></details></section>");
}

void exchange_agreement_page(http_req *req, int64_t id, const web_refusal *f, int status)
{
    wy_ctx *ctx = req_ctx(req);
    exchange_agreement g;
    exchange_partner p;
    exchange_agreement *ags;
    size_t nags;
    int owners;
    if (exchange_agreement_get_staff(ctx, id, &g) < 0 ||
        exchange_partner_get(ctx, g.partner_id, &p, &ags, &nags, &owners) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, g.title);
    exchange_staff_links(req, &h);
    html_lit(&h, "<h1 id=\"agreement-title\">");
    html_text(&h, g.title);
    html_lit(&h, "</h1><dl class=\"facts\">");
    web_fact(&h, req_tr(req, "Partner"), p.name);
    for (const web_term *t = exchange_agreement_kinds; t->key; t++)
        if (!strcmp(t->key, g.kind))
            web_fact(&h, req_tr(req, "Kind"), req_tr(req, t->msgid));
    web_fact(&h, req_tr(req, "Signed on"), g.signed_on);
    web_fact(&h, req_tr(req, "Renewal date"), g.renew_on);
    web_fact(&h, req_tr(req, "Scope"), g.scope);
    web_fact(&h, req_tr(req, "Obligations"), g.obligations);
    web_fact(&h, req_tr(req, "Owner on our side"), g.owner_ours);
    web_fact(&h, req_tr(req, "Owner on their side"), g.owner_theirs);
    web_fact(&h, req_tr(req, "Division"), division_name(ctx, g.division));
    html_lit(&h, "</dl>");
    exchange_flash(req, &h);
    web_button_form(req, &h, "agreement-delete",
                    arena_sprintf(&req->a, "/admin/exchange/agreements/%lld/delete", (long long)id),
                    N_("Delete the agreement"), web_refusal_of(f, "agreement_delete", id));
    agreement_edit_form(req, &h, &g, web_refusal_of(f, "agreement_edit", id));
    exchange_programme_section(req, &h, &g, f);
    followups_section(req, &h, g.division, 0, id, NULL, 0, 1, f);
    exchange_measures_section(req, &h, "partner", g.partner_id, NULL);
    web_end(req, &h, status);
}

void page_admin_exchange_agreement(http_req *req)
{
    exchange_agreement_page(req, req_id(req, 0), NULL, 200);
}

/* ================= the forms ================= */

/* The page a follow-up's form came from (an activity's or an agreement's), again with the
 * refusal. */
static void followup_refused(http_req *req, int64_t activity, int64_t agreement, int64_t form_id)
{
    web_refusal f;
    int status = exchange_refused(req, "followup", form_id, &f);
    if (!status)
        return;
    if (activity)
        exchange_activity_page_of(req, activity, &f, status);
    else
        exchange_agreement_page(req, agreement, &f, status);
}

static const char *origin_path(http_req *req, int64_t activity, int64_t agreement)
{
    return activity
               ? arena_sprintf(&req->a, "/admin/exchange/activities/%lld", (long long)activity)
               : arena_sprintf(&req->a, "/admin/exchange/agreements/%lld", (long long)agreement);
}

void page_admin_exchange_followup_create(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *ac = web_opt(req, "activity_id"), *ag = web_opt(req, "agreement_id"),
               *pa = web_opt(req, "partner_id");
    exchange_followup_input in = {.activity_id = ac ? atoll(ac) : 0,
                                  .agreement_id = ag ? atoll(ag) : 0,
                                  .partner_id = pa ? atoll(pa) : 0,
                                  .kind = req_form(req, "kind"),
                                  .title = req_form(req, "title"),
                                  .owner = req_form(req, "owner"),
                                  .due_on = req_form(req, "due_on")};
    int64_t id;
    if (exchange_followup_create(ctx, &in, &id) == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=followup_created#followup-%lld",
                                         origin_path(req, in.activity_id, in.agreement_id),
                                         (long long)id));
        return;
    }
    if (!in.activity_id && !in.agreement_id) {
        resp_fail(req);
        return;
    }
    followup_refused(req, in.activity_id, in.agreement_id, 0);
}

void page_admin_exchange_followup_update(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    exchange_followup u;
    int staff;
    if (exchange_followup_get(ctx, id, &u, &staff) < 0) {
        resp_fail(req);
        return;
    }
    const char *st = req_form(req, "status");
    exchange_followup_change ch = {
        .status = st,
        .outcome = web_opt(req, "outcome"),
        .outcome_on = st && !strcmp(st, "done") ? web_opt(req, "outcome_on") : NULL};
    if (exchange_followup_update(ctx, id, &ch) == 0) {
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=followup_updated#followup-%lld",
                                         origin_path(req, u.activity_id, u.agreement_id),
                                         (long long)id));
        return;
    }
    followup_refused(req, u.activity_id, u.agreement_id, id);
}

/* A sum in yuan ("12.5") as fen: -1 when empty, -2 when not an amount. */
static int64_t fen_of(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    if (!v || !*v)
        return -1;
    char *end;
    double y = strtod(v, &end);
    if (*end || y < 0 || y > 1e12)
        return -2;
    return (int64_t)(y * 100 + 0.5);
}

/* A fund's form: 0, or -1 with a sum in yuan refused (bad_amount beside its field). */
static int fund_of_form(http_req *req, exchange_fund_input *in, const char *in_kind)
{
    *in = (exchange_fund_input){.kind = req_form(req, "kind"),
                                .sponsor = req_form(req, "sponsor"),
                                .in_kind = in_kind,
                                .given_on = req_form(req, "given_on"),
                                .amount_fen = fen_of(req, "amount_yuan"),
                                .value_fen = fen_of(req, "value_yuan")};
    const char *bad = in->amount_fen == -2  ? "amount_yuan"
                      : in->value_fen == -2 ? "value_yuan"
                                            : NULL;
    return bad ? wy_fail_field(req_ctx(req), E_INVALID, "bad_amount",
                               "An amount is a number of yuan from 0.", bad)
               : 0;
}

void page_admin_exchange_fund_add(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0), fid;
    exchange_fund_input in;
    int res = fund_of_form(req, &in, web_opt(req, "in_kind"));
    if (res == 0 && exchange_fund_add(ctx, id, &in, &fid) == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/exchange/activities/%lld?msg=fund_added#funds",
                                    (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "fund", id, &f);
    if (status)
        exchange_activity_staff_page(req, &f, status);
}

void page_admin_exchange_delegate_add(http_req *req)
{
    int64_t id = req_id(req, 0), did;
    if (exchange_delegate_add(req_ctx(req), id, req_form(req, "kind"), req_form(req, "name"),
                              web_opt(req, "role"), web_opt(req, "organisation"), &did) == 0) {
        resp_redirect(req,
                      arena_sprintf(&req->a,
                                    "/admin/exchange/activities/%lld?msg=delegate_added#delegation",
                                    (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "delegate", id, &f);
    if (status)
        exchange_activity_staff_page(req, &f, status);
}

void page_admin_exchange_attachment_add(http_req *req)
{
    int64_t id = req_id(req, 0);
    attachment_file file = {.name = "file"}; /* no file chosen: the rule says it is empty */
    if (req_file(req, "file", &file.data, &file.len, &file.content_type) == 0) {
        const mpart *part = mpart_get(&req->in.parts, "file");
        file.name = part && part->filename && *part->filename ? part->filename : "file";
    }
    const char *kind = req_form(req, "kind");
    attachment out;
    if (exchange_attachment_add(req_ctx(req), id, kind ? kind : "", &file, &out) == 0) {
        resp_redirect(
            req, arena_sprintf(&req->a,
                               "/admin/exchange/activities/%lld?msg=attachment_added#attachments",
                               (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "attachment", id, &f);
    if (status)
        exchange_activity_staff_page(req, &f, status);
}

/* ================= changes of an agreement, a fund, a member of a delegation ================= */

void page_admin_exchange_agreement_edit(http_req *req)
{
    int64_t id = req_id(req, 0);
    /* every field is on the form: an empty renewal date clears it, empty texts are kept empty */
    exchange_agreement_input in = {.kind = req_form(req, "kind"),
                                   .title = req_form(req, "title"),
                                   .signed_on = req_form(req, "signed_on"),
                                   .renew_on = req_form(req, "renew_on"),
                                   .scope = req_form(req, "scope"),
                                   .obligations = req_form(req, "obligations"),
                                   .owner_ours = req_form(req, "owner_ours"),
                                   .owner_theirs = req_form(req, "owner_theirs")};
    if (exchange_agreement_change(req_ctx(req), id, &in) == 0) {
        resp_redirect(req, arena_sprintf(&req->a,
                                         "/admin/exchange/agreements/%lld?msg=agreement_updated",
                                         (long long)id));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, "agreement_edit", id, &f);
    if (status)
        exchange_agreement_page(req, id, &f, status);
}

/* The end of a form of an activity's page: back to it at anchor with the flash msg when ok,
 * else the page again with the refusal of form (of record id). */
static void activity_form_end(http_req *req, int ok, int64_t activity, const char *msg,
                              const char *anchor, const char *form, int64_t id)
{
    if (ok) {
        resp_redirect(req, arena_sprintf(&req->a, "/admin/exchange/activities/%lld?msg=%s#%s",
                                         (long long)activity, msg, anchor));
        return;
    }
    web_refusal f;
    int status = exchange_refused(req, form, id, &f);
    if (status)
        exchange_activity_page_of(req, activity, &f, status);
}

void page_admin_exchange_fund_edit(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0), activity;
    if (exchange_fund_activity(ctx, id, &activity) < 0) {
        resp_fail(req);
        return;
    }
    exchange_fund_input in;
    int res = fund_of_form(req, &in, req_form(req, "in_kind")); /* empty clears it */
    /* every field is on the form: an empty sum clears it (0 is stored for none), the value
     * only beside a description (without one it goes with it) */
    if (in.amount_fen == -1)
        in.amount_fen = 0;
    if (in.value_fen == -1 && in.in_kind && *in.in_kind)
        in.value_fen = 0;
    int ok = res == 0 && exchange_fund_change(ctx, id, &in) == 0;
    /* the rules name the sums in fen, the form in yuan */
    if (!ok && ctx->err.field && !strcmp(ctx->err.field, "amount_fen"))
        ctx->err.field = "amount_yuan";
    else if (!ok && ctx->err.field && !strcmp(ctx->err.field, "value_fen"))
        ctx->err.field = "value_yuan";
    activity_form_end(req, ok, activity, "fund_updated", "funds", "fund_edit", id);
}

void page_admin_exchange_delegate_edit(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0), activity;
    if (exchange_delegate_activity(ctx, id, &activity) < 0) {
        resp_fail(req);
        return;
    }
    int ok = exchange_delegate_change(ctx, id, req_form(req, "kind"), req_form(req, "name"),
                                      req_form(req, "role"), req_form(req, "organisation")) == 0;
    activity_form_end(req, ok, activity, "delegate_updated", "delegation", "delegate_edit", id);
}

/* ================= an activity's partners and stops ================= */

void page_admin_exchange_activity_stops(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    exchange_activity_full x;
    if (exchange_activity_get(ctx, id, &x) < 0) {
        resp_fail(req);
        return;
    }
    exchange_partner *ps;
    exchange_agreement *ags;
    size_t np = 0, nags;
    int owners;
    if (exchange_partner_list(ctx, exchange_city_of(req, x.a.division), 0, 100, &ps, &np, &ags,
                              &nags, &owners) < 0)
        np = 0, ctx->err = (wy_error){0};
    exchange_activity_change_input in = {.channel_id = -1, .partners_given = 1, .stops_given = 1};
    int64_t *partners = exchange_partners_ticked(req, ps, np, &in.npartners);
    exchange_stop *stops = arena_alloc(&req->a, (EXCHANGE_MAX_STOPS + 1) * sizeof(*stops));
    if (!partners || !stops) {
        resp_error(req, 503, "request_too_large", "out of memory");
        return;
    }
    in.partners = partners;
    in.nstops = exchange_stops_of_form(req, stop_rows_of(req, x.nstops), stops);
    in.stops = stops;
    activity_form_end(req, exchange_activity_change(ctx, id, &in) == 0, id, "stops_updated",
                      "stops", "stops", id);
}
