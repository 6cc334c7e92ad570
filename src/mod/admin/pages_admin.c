/*
 * pages_admin: the admin console: the division tree, accounts and roles of the admin's
 * subtree, the review queue, and writing notices. Every action goes through the same domain
 * calls as the API, so the rules cannot differ.
 */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "mod/activities/activity.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/review.h"
#include "mod/spaces/space.h"
#include "mod/admin/handlers.h"
#include "util/weburl.h"

/* The console's menu: the modules' WEB_NAV_ADMIN links (web/web.h) the caller may follow; the
 * current section is marked for screen readers and CSS. */
void admin_nav(http_req *req, html *h)
{
    const web_nav *links[32];
    size_t n = web_nav_links(req, WEB_NAV_ADMIN, links, sizeof(links) / sizeof(links[0]));
    html_lit(h, "<nav class=\"subnav\">");
    for (size_t i = 0; i < n; i++) {
        const web_nav *l = links[i];
        const char *href =
            l->scoped ? arena_sprintf(&req->a, "%s%s", l->href, authz_scope(&req->who, l->perm))
                      : l->href;
        int current = l->current ? !strncmp(req->path, l->current, strlen(l->current))
                                 : !strcmp(req->path, l->href);
        html_lit(h, "<a href=\"");
        html_attr(h, href);
        html_lit(h, "\"");
        if (current)
            html_lit(h, " aria-current=\"page\"");
        html_lit(h, ">");
        web_t(req, h, l->label);
        html_lit(h, "</a>");
    }
    html_lit(h, "</nav>");
}

/* 1212200 -> "1,212,200" */
static void html_count(html *h, int64_t v)
{
    char digits[32], out[48];
    int n = snprintf(digits, sizeof(digits), "%lld", (long long)(v < 0 ? -v : v)), k = 0;
    if (v < 0)
        out[k++] = '-';
    for (int i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    html_text(h, out);
}

static void division_text(http_req *req, html *h, const char *code)
{
    const char *name = division_name(req_ctx(req), code);
    html_text(h, name ? name : code ? code : "—");
}

void page_admin(http_req *req)
{
    html h;
    web_begin(req, &h, req_tr(req, "Admin console"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Admin console");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Your roles");
    html_lit(&h, "</h2><ul class=\"list\" id=\"my-roles\">");
    for (size_t i = 0; i < req->who.ngrants; i++) {
        html_lit(&h, "<li>");
        web_t(req, &h, req->who.grants[i].role);
        html_lit(&h, " · <a href=\"/admin/divisions/");
        html_url(&h, req->who.grants[i].division);
        html_lit(&h, "\">");
        division_text(req, &h, req->who.grants[i].division);
        html_lit(&h, "</a></li>");
    }
    html_lit(&h, "</ul></section>");
    review_item *items;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (review_list(ctx, "pending", NULL, 0, 100, &items, &n) == 0) {
        int mine = 0;
        for (size_t i = 0; i < n; i++)
            mine += review_may_decide(&req->who, &items[i]);
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Waiting for review");
        html_lit(&h, "</h2><p><span class=\"big\" id=\"pending-count\">");
        html_int(&h, mine);
        html_lit(&h, "</span> ");
        web_t(req, &h, "items wait for your decision.");
        html_lit(&h, " <a href=\"/admin/reviews\">");
        web_t(req, &h, "Open the review queue");
        html_lit(&h, "</a></p></section>");
    }
    ctx->err = (wy_error){0};
    if (authz_allows(&req->who, PERM_VENUE_MANAGE, NULL) &&
        space_booking_pending_count(ctx, 200, &n) == 0) {
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Space requests");
        html_lit(&h, "</h2><p><span class=\"big\" id=\"space-pending-count\">");
        html_int(&h, (int64_t)n);
        html_lit(&h, "</span> ");
        web_t(req, &h, "space requests wait for a decision.");
        html_lit(&h, " <a href=\"/admin/space-bookings\">");
        web_t(req, &h, "Open the space requests");
        html_lit(&h, "</a></p></section>");
    }
    ctx->err = (wy_error){0};
    web_end(req, &h, 200);
}

void page_admin_divisions(http_req *req)
{
    division_view v;
    if (division_get(req_ctx(req), req_param(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, v.self.name);
    html_lit(&h, "<h1>");
    html_text(&h, v.self.name);
    html_lit(&h, " <span class=\"muted\">");
    html_text(&h, v.self.code);
    html_lit(&h, "</span></h1>");
    admin_nav(req, &h);
    html_lit(&h, "<section class=\"card\"><p>");
    web_t(req, &h, division_level_name(v.self.level));
    if (v.self.parent) {
        html_lit(&h, " · ");
        web_t(req, &h, "part of");
        html_lit(&h, " <a href=\"/admin/divisions/");
        html_url(&h, v.self.parent);
        html_lit(&h, "\">");
        division_text(req, &h, v.self.parent);
        html_lit(&h, "</a>");
    }
    html_lit(&h, "</p>");
    for (size_t i = 0; i < v.npopulation; i++) {
        html_lit(&h, "<p class=\"population\">");
        web_t(req, &h, "Resident population");
        html_lit(&h, ": <strong>");
        html_count(&h, v.population[i].persons);
        html_lit(&h, "</strong> (");
        html_text(&h, v.population[i].metric);
        /* the source is a link only when it is a web address; otherwise it is shown as text */
        const char *src = v.population[i].source_url;
        if (weburl_valid(src, 0)) {
            html_lit(&h, ", <a href=\"");
            html_attr(&h, src);
            html_lit(&h, "\" rel=\"noreferrer\">");
            web_t(req, &h, "source");
            html_lit(&h, "</a>)</p>");
        } else {
            html_lit(&h, ", ");
            web_t(req, &h, "source");
            html_lit(&h, ": ");
            html_text(&h, src);
            html_lit(&h, ")</p>");
        }
    }
    if (authz_allows(&req->who, PERM_ACCOUNTS_READ, v.self.code)) {
        html_lit(&h, "<p><a href=\"/admin/accounts?division=");
        html_url(&h, v.self.code);
        html_lit(&h, "\">");
        web_t(req, &h, "Accounts in this division");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</section><section class=\"card\"><h2>");
    web_t(req, &h, "Subdivisions");
    html_lit(&h, " (");
    html_int(&h, (int64_t)v.nchildren);
    html_lit(&h, ")</h2>");
    if (v.nchildren == 0) {
        web_empty(req, &h, "None: this is the lowest level.");
    }
    html_lit(&h, "<ul class=\"tree\" id=\"children\">");
    for (size_t i = 0; i < v.nchildren; i++) {
        html_lit(&h, "<li><a href=\"/admin/divisions/");
        html_url(&h, v.children[i].code);
        html_lit(&h, "\">");
        html_text(&h, v.children[i].name);
        html_lit(&h, "</a> <span class=\"muted\">");
        html_text(&h, v.children[i].code);
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul></section>");
    web_end(req, &h, 200);
}

static void role_options(http_req *req, html *h)
{
    for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++) {
        html_lit(h, "<option value=\"");
        html_attr(h, role_name((role)r));
        html_lit(h, "\">");
        web_t(req, h, role_name((role)r));
        html_lit(h, "</option>");
    }
}

void page_admin_accounts(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 50, 200, &limit, &cursor) < 0)
        return;
    const char *div = req_query(req, "division"), *q = req_query(req, "q");
    account *us;
    size_t n;
    if (account_list(req_ctx(req), div, q, cursor, limit, &us, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Accounts"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Accounts");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    web_flash(req, &h);
    html_lit(&h,
             "<form method=\"get\" action=\"/admin/accounts\" class=\"search\"><input name=\"q\" "
             "placeholder=\"");
    html_attr(&h, req_tr(req, "Name or mobile number"));
    html_lit(&h, "\" value=\"");
    html_attr(&h, q ? q : "");
    html_lit(&h, "\">");
    if (div) {
        html_lit(&h, "<input type=\"hidden\" name=\"division\" value=\"");
        html_attr(&h, div);
        html_lit(&h, "\">");
    }
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Search");
    html_lit(&h, "</button></form><section class=\"card\">");
    if (n == 0) {
        web_empty(req, &h, "No accounts here yet.");
    } else {
        html_lit(&h, "<div class=\"scroll\"><table id=\"accounts\"><thead><tr><th>");
        web_t(req, &h, "Name");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Mobile number");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Division");
        html_lit(&h, "</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            char masked[PHONE_MASKED_MAX];
            account_mask_phone(us[i].phone, masked);
            html_lit(&h, "<tr><td><a href=\"/admin/accounts/");
            html_int(&h, us[i].id);
            html_lit(&h, "\">");
            html_text(&h, us[i].name);
            html_lit(&h, "</a></td><td>");
            html_text(&h, account_may_see_personal(&req->who, &us[i]) ? us[i].phone : masked);
            html_lit(&h, "</td><td>");
            division_text(req, &h, us[i].division);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
        if (n == (size_t)limit)
            web_pager_id(req, &h, "/admin/accounts", us[n - 1].id,
                         (const char *const[]){"division", div, "q", q, NULL});
    }
    html_lit(&h, "</section>");
    if (authz_allows(&req->who, PERM_ACCOUNTS_MANAGE, NULL)) {
        html_lit(&h, "<section class=\"card narrow\"><h2>");
        web_t(req, &h, "Create a staff account");
        html_lit(&h,
                 "</h2><form method=\"post\" action=\"/admin/accounts\" id=\"create-account\">");
        web_csrf_field(req, &h);
        static const char *const fields[][3] = {{"phone", "Mobile number", "tel"},
                                                {"name", "Real name", "text"},
                                                {"password", "Initial password", "password"},
                                                {"division", "Division code", "text"}};
        for (int i = 0; i < 4; i++) {
            html_lit(&h, "<label>");
            web_t(req, &h, fields[i][1]);
            html_lit(&h, "<input name=\"");
            html_attr(&h, fields[i][0]);
            html_lit(&h, "\" type=\"");
            html_attr(&h, fields[i][2]);
            html_lit(&h, "\" required></label>");
        }
        html_lit(&h, "<label>");
        web_t(req, &h, "Role");
        html_lit(&h, "<select name=\"role\">");
        role_options(req, &h);
        html_lit(&h, "</select></label><button type=\"submit\">");
        web_t(req, &h, "Create");
        html_lit(&h, "</button></form></section>");
    }
    web_end(req, &h, 200);
}

void page_admin_account_create(http_req *req)
{
    int64_t id;
    if (account_create(req_ctx(req), req_form(req, "phone"), req_form(req, "password"),
                       req_form(req, "name"), req_form(req, "role"), req_form(req, "division"),
                       &id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/accounts/%lld?msg=created", (long long)id));
}

void page_admin_account(http_req *req)
{
    int64_t id;
    account u;
    id = req_id(req, 0);
    wy_ctx *ctx = req_ctx(req);
    if (account_get(ctx, id, &u) < 0) {
        resp_fail(req);
        return;
    }
    role_grant *g = NULL;
    size_t n = 0;
    if (account_roles(ctx, &u, &g, &n) < 0)
        ctx->err = (wy_error){0}; /* the page stands without the roles */
    html h;
    web_begin(req, &h, u.name);
    html_lit(&h, "<h1>");
    html_text(&h, u.name);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    web_flash(req, &h);
    char masked[PHONE_MASKED_MAX];
    account_mask_phone(u.phone, masked);
    html_lit(&h, "<section class=\"card\"><dl class=\"facts\"><dt>");
    web_t(req, &h, "Mobile number");
    html_lit(&h, "</dt><dd>");
    html_text(&h, account_may_see_personal(&req->who, &u) ? u.phone : masked);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Division");
    html_lit(&h, "</dt><dd>");
    division_text(req, &h, u.division);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Status");
    html_lit(&h, "</dt><dd>");
    web_t(req, &h, !strcmp(u.status, "active") && !u.activated_at ? "pending" : u.status);
    html_lit(&h, "</dd></dl><h2>");
    web_t(req, &h, "Roles");
    html_lit(&h, "</h2><ul class=\"list\" id=\"roles\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li>");
        web_t(req, &h, g[i].role);
        html_lit(&h, " · ");
        division_text(req, &h, g[i].division);
        if (authz_may_grant(&req->who, role_parse(g[i].role), g[i].division)) {
            html_lit(&h, " <form method=\"post\" class=\"inline\" action=\"/admin/accounts/");
            html_int(&h, id);
            html_lit(&h, "/roles/");
            html_int(&h, g[i].id);
            html_lit(&h, "/revoke\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"link danger\">");
            web_t(req, &h, "Revoke");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</li>");
    }
    if (n == 0) {
        html_lit(&h, "<li class=\"empty\">");
        web_t(req, &h, "Citizen (no staff roles).");
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (id == req->who.user_id) {
        html_lit(&h, "<p class=\"muted\" id=\"own-account\">");
        web_t(req, &h, "Nobody grants a role to themselves: another administrator must do it.");
        html_lit(&h, "</p>");
    } else if (authz_allows(&req->who, PERM_ACCOUNTS_MANAGE, NULL)) {
        html_lit(&h, "<form method=\"post\" id=\"grant-form\" action=\"/admin/accounts/");
        html_int(&h, id);
        html_lit(&h, "/roles\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Role");
        html_lit(&h, "<select name=\"role\">");
        role_options(req, &h);
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Division code");
        html_lit(&h, "<input name=\"division\" required value=\"");
        html_attr(&h, authz_scope(&req->who, PERM_ACCOUNTS_MANAGE));
        html_lit(&h, "\"></label><button type=\"submit\">");
        web_t(req, &h, "Grant");
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_admin_grant_post(http_req *req)
{
    int64_t id, gid;
    id = req_id(req, 0);
    if (account_grant(req_ctx(req), id, req_form(req, "role"), req_form(req, "division"), &gid) <
        0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/accounts/%lld?msg=granted", (long long)id));
}

void page_admin_revoke_post(http_req *req)
{
    int64_t id = req_id(req, 0), gid = req_id(req, 1);
    if (account_revoke(req_ctx(req), id, gid) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/accounts/%lld?msg=revoked", (long long)id));
}

void page_admin_reviews(http_req *req)
{
    const char *status = req_query(req, "status");
    if (!status)
        status = "pending";
    review_item *items;
    size_t n;
    if (review_list(req_ctx(req), status, NULL, 0, 100, &items, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Reviews"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Reviews");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    web_flash(req, &h);
    static const char *const sts[] = {"pending", "published", "rejected", NULL};
    web_tabs(req, &h, "tabs", "/admin/reviews?status=", sts, status);
    html_lit(&h, "<section class=\"card\">");
    if (n == 0) {
        web_empty(req, &h, "Nothing here.");
    }
    html_lit(&h, "<ul class=\"list\" id=\"review-items\">");
    for (size_t i = 0; i < n; i++) {
        review_item *it = &items[i];
        html_lit(&h, "<li><strong>");
        html_text(&h, it->title);
        html_lit(&h, "</strong> <span class=\"muted\">");
        web_t(req, &h, it->content_type);
        html_lit(&h, " · ");
        division_text(req, &h, it->division);
        if (!strcmp(it->status, "pending")) {
            html_lit(&h, " · ");
            web_t(req, &h, "level");
            html_lit(&h, " ");
            html_int(&h, it->level);
            html_lit(&h, " (");
            /* the chain, level by level, in the reader's language */
            char buf[64];
            snprintf(buf, sizeof(buf), "%s", it->levels);
            int first = 1;
            for (char *sv = NULL, *tk = strtok_r(buf, ",", &sv); tk;
                 tk = strtok_r(NULL, ",", &sv)) {
                if (!first)
                    html_lit(&h, " → ");
                web_t(req, &h, tk);
                first = 0;
            }
            html_lit(&h, ")");
        }
        html_lit(&h, "</span>");
        /* where the reviewer reads what is proposed */
        static const struct {
            const char *type, *path;
        } views[] = {{"notice", "/notices/"},
                     {"activity", "/activities/"},
                     {"activity_revision", "/admin/activity-revisions/"},
                     {"exchange_activity", "/exchange/activities/"},
                     {"exchange_plan", "/admin/exchange/plans/"},
                     {"exchange_activity_revision", "/admin/exchange/activity-revisions/"},
                     {"exchange_plan_revision", "/admin/exchange/plan-revisions/"}};
        for (size_t k = 0; k < sizeof(views) / sizeof(views[0]); k++)
            if (!strcmp(it->content_type, views[k].type)) {
                html_lit(&h, " <a href=\"");
                html_attr(&h, views[k].path);
                html_int(&h, it->content_id);
                html_lit(&h, "\">");
                web_t(req, &h, "View");
                html_lit(&h, "</a>");
            }
        if (!strcmp(it->status, "pending") && review_own(&req->who, it)) {
            /* one's own work is shown, never offered for a decision */
            html_lit(&h, " <span class=\"badge own\">");
            web_t(req, &h, "Your own: someone else must decide it.");
            html_lit(&h, "</span>");
        } else if (review_may_decide(&req->who, it)) {
            html_lit(&h, "<form method=\"post\" class=\"decide\" action=\"/admin/reviews/");
            html_int(&h, it->id);
            html_lit(&h, "\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<input name=\"reason\" placeholder=\"");
            html_attr(&h, req_tr(req, "Reason (required to reject)"));
            html_lit(&h, "\"><button name=\"decision\" value=\"approve\" type=\"submit\">");
            web_t(req, &h, "Approve");
            html_lit(&h, "</button><button name=\"decision\" value=\"reject\" type=\"submit\" "
                         "class=\"secondary\">");
            web_t(req, &h, "Reject");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul></section>");
    web_end(req, &h, 200);
}

/* A revision under review: its activity's page, which shows its organisers and reviewers
 * the changes proposed beside what is published. */
void page_admin_activity_revision(http_req *req)
{
    int64_t id, aid;
    id = req_id(req, 0);
    if (activity_revision_where(req_ctx(req), id, &aid) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/activities/%lld#pending-revision", (long long)aid));
}

void page_admin_review_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (review_decide(req_ctx(req), id, req_form(req, "decision"), req_form(req, "reason"), NULL) <
        0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/admin/reviews?msg=decided");
}
