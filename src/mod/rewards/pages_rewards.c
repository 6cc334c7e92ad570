/*
 * pages_rewards: the points supermarket (积分超市) in the browser, phone first: the catalogue
 * with the redeem buttons, my points (balance, statement, the gift form), my redemptions
 * with their collection codes, and the staff's page to publish items and mark a redemption
 * collected by its code. Forms post to the same rules as the API; a refusal is the error
 * page with the rule's message.
 */
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/rewards/handlers.h"
#include "mod/rewards/rewards.h"
#include "mod/volunteers/volunteer.h"

#ifndef N_
#define N_(s) s /* a msgid translated where it is shown */
#endif

static const char *kind_label(const char *kind)
{
    if (!strcmp(kind, "ticket"))
        return N_("Tickets");
    if (!strcmp(kind, "book"))
        return N_("Books and publications");
    if (!strcmp(kind, "course_place"))
        return N_("Course place");
    if (!strcmp(kind, "priority_booking"))
        return N_("Priority booking window");
    return N_("Other");
}

static const char *entry_label(const char *kind)
{
    if (!strcmp(kind, "award"))
        return N_("Award");
    if (!strcmp(kind, "earn_hours"))
        return N_("Service hours");
    if (!strcmp(kind, "gift"))
        return N_("Gift");
    if (!strcmp(kind, "redeem"))
        return N_("Redemption");
    if (!strcmp(kind, "refund"))
        return N_("Redemption cancelled");
    if (!strcmp(kind, "expire"))
        return N_("Expired");
    if (!strcmp(kind, "reverse"))
        return N_("Reversal");
    return N_("Other");
}

static const char *status_label(const char *status)
{
    if (!strcmp(status, "confirmed"))
        return N_("To collect");
    if (!strcmp(status, "collected"))
        return N_("Collected");
    return N_("Cancelled before collection");
}

static void heading(http_req *req, html *h, const char *msgid)
{
    html_lit(h, "<h1>");
    web_t(req, h, msgid);
    html_lit(h, "</h1>");
}

void page_rewards(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t cursor = 0;
    int limit;
    if (req_page(req, 30, 100, &limit, &cursor) < 0)
        return;
    reward_item *its;
    size_t n;
    if (reward_item_list(ctx, req_query(req, "division"), cursor, limit, &its, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Points supermarket"));
    heading(req, &h, "Points supermarket");
    html_lit(&h, "<p class=\"lead\">");
    web_t(req, &h,
          "Volunteers redeem the points of their service for tickets, books, course "
          "places and more.");
    if (ctx->who && ctx->who->user_id) {
        html_lit(&h, " <a href=\"/me/points\" id=\"my-points\">");
        web_t(req, &h, "My points");
        html_lit(&h, "</a> · <a href=\"/me/redemptions\">");
        web_t(req, &h, "My redemptions");
        html_lit(&h, "</a>");
    }
    html_lit(&h, "</p>");
    if (!n)
        web_empty_card(req, &h, "No rewards are offered yet.", NULL, NULL);
    html_lit(&h, "<ul class=\"cards\" id=\"rewards\">");
    for (size_t i = 0; i < n; i++) {
        const reward_item *it = &its[i];
        int64_t left = it->taken < it->stock ? it->stock - it->taken : 0;
        html_lit(&h, "<li class=\"card\" id=\"reward-");
        html_int(&h, it->id);
        html_lit(&h, "\"><h2>");
        html_text(&h, it->title);
        html_lit(&h, "</h2><p>");
        web_badge(req, &h, "kind", kind_label(it->kind));
        html_lit(&h, " <strong class=\"cost\">");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "%lld points"), (long long)it->cost));
        html_lit(&h, "</strong> · <span class=\"remaining\">");
        html_text(&h, left ? arena_sprintf(&req->a, req_tr(req, "%lld left"), (long long)left)
                           : req_tr(req, "Sold out"));
        html_lit(&h, "</span></p>");
        if (it->activity_id) { /* what the window opens, and how early */
            html_lit(&h, "<p class=\"priority\">");
            html_text(&h, arena_sprintf(&req->a,
                                        req_tr(req, "Book %s up to %d hours before booking opens."),
                                        it->activity_title, it->priority_hours));
            html_lit(&h, " <a href=\"/activities/");
            html_int(&h, it->activity_id);
            html_lit(&h, "\">");
            web_t(req, &h, "See the activity");
            html_lit(&h, "</a></p>");
        }
        html_lit(&h, "<p>");
        html_text(&h, it->description);
        html_lit(&h, "</p><p class=\"meta\">");
        html_text(&h, it->org_name);
        if (*it->place) {
            html_lit(&h, " · ");
            html_text(&h, arena_sprintf(&req->a, req_tr(req, "Collect at: %s"), it->place));
        }
        html_lit(&h, "</p>");
        if (left && ctx->who && ctx->who->user_id) {
            html_lit(&h, "<form method=\"post\" action=\"/rewards/");
            html_int(&h, it->id);
            html_lit(&h, "/redeem\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\">");
            web_t(req, &h, "Redeem");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/rewards", its[n - 1].id, NULL);
    web_end(req, &h, 200);
}

void page_reward_redeem(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    redeem_req r;
    redeem_res res;
    if (redeem_prepare(ctx, req_id(req, 0), NULL, &r) < 0 || redeem_now(ctx, &r, &res) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/redemptions");
}

void page_points_me(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor, balance;
    if (req_page(req, 30, 100, &limit, &cursor) < 0)
        return;
    ledger_entry *es;
    size_t n;
    if (points_mine(ctx, cursor, limit, &balance, &es, &n) < 0) {
        resp_fail(req);
        return;
    }
    char acct[32];
    points_account(ctx->who->user_id, acct);
    html h;
    web_begin(req, &h, req_tr(req, "My points"));
    heading(req, &h, "My points");
    html_lit(&h, "<p class=\"balance\" id=\"balance\"><strong>");
    html_int(&h, balance);
    html_lit(&h, "</strong> ");
    web_t(req, &h, "points");
    html_lit(&h, " · <a href=\"/rewards\">");
    web_t(req, &h, "Points supermarket");
    html_lit(&h, "</a></p>");
    if (config_module_bool(ctx->cfg, "rewards", "gift_enabled")) {
        html_lit(&h, "<section class=\"card\"><h2>");
        web_t(req, &h, "Give points to another volunteer");
        html_lit(&h, "</h2><form method=\"post\" action=\"/me/points/gift\" class=\"stack\" "
                     "id=\"gift-form\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Their phone number");
        html_lit(&h, " <input name=\"to_phone\" type=\"tel\" required></label><label>");
        web_t(req, &h, "Points");
        html_lit(&h, " <input name=\"amount\" type=\"number\" min=\"1\" required></label>"
                     "<button type=\"submit\">");
        web_t(req, &h, "Give");
        html_lit(&h, "</button></form></section>");
    }
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Statement");
    html_lit(&h, "</h2>");
    if (!n) {
        web_empty(req, &h, "No points yet: they come with verified service hours and awards.");
    } else {
        static const web_col cols[] = {
            {N_("Date"), 0}, {N_("Reason"), 0}, {N_("Organisation"), 0}, {N_("Points"), 1}};
        html_lit(&h, "<div class=\"scroll\"><table id=\"statement\">");
        web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
        for (size_t i = 0; i < n; i++) {
            int in = !strcmp(es[i].credit, acct);
            html_lit(&h, "<tr><td>");
            html_date(&h, es[i].created_at);
            html_lit(&h, "</td><td>");
            web_t(req, &h, entry_label(es[i].kind));
            html_lit(&h, "</td><td>");
            html_text(&h, es[i].unit);
            html_lit(&h, "</td><td class=\"num\">");
            html_text(&h, in ? "+" : "−");
            html_int(&h, es[i].amount);
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table></div>");
        if (n == (size_t)limit)
            web_pager_id(req, &h, "/me/points", es[n - 1].seq, NULL);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_points_gift(http_req *req)
{
    const char *amount = req_form(req, "amount");
    char *end = NULL;
    long long v = amount ? strtoll(amount, &end, 10) : 0;
    ledger_entry e;
    if (!amount || !*amount || (end && *end))
        v = 0;
    if (points_gift(req_ctx(req), req_form(req, "to_phone"), v, &e) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/points");
}

void page_redemptions_me(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    int64_t cursor;
    if (req_page(req, 30, 100, &limit, &cursor) < 0)
        return;
    reward_redemption *rs;
    size_t n;
    if (redemption_mine(ctx, cursor, limit, &rs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My redemptions"));
    heading(req, &h, "My redemptions");
    if (!n)
        web_empty_card(req, &h, "You have redeemed nothing yet.", "/rewards", "Points supermarket");
    html_lit(&h, "<ul class=\"cards\" id=\"redemptions\">");
    for (size_t i = 0; i < n; i++) {
        const reward_redemption *r = &rs[i];
        html_lit(&h, "<li class=\"card\" id=\"redemption-");
        html_int(&h, r->id);
        html_lit(&h, "\"><h2>");
        html_text(&h, r->item_title);
        html_lit(&h, "</h2><p>");
        web_badge(req, &h, r->status, status_label(r->status));
        html_lit(&h, " ");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "%lld points"), (long long)r->cost));
        html_lit(&h, "</p>");
        if (!strcmp(r->status, "confirmed")) {
            html_lit(&h, "<p>");
            web_t(req, &h, "Collection code:");
            html_lit(&h, " <strong class=\"code\">");
            html_text(&h, r->code);
            html_lit(&h, "</strong></p>");
            if (*r->place) {
                html_lit(&h, "<p class=\"meta\">");
                html_text(&h, arena_sprintf(&req->a, req_tr(req, "Collect at: %s"), r->place));
                html_lit(&h, "</p>");
            }
            html_lit(&h, "<form method=\"post\" action=\"/me/redemptions/");
            html_int(&h, r->id);
            html_lit(&h, "/cancel\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Cancel and get the points back");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/me/redemptions", rs[n - 1].id, NULL);
    web_end(req, &h, 200);
}

void page_redemption_cancel(http_req *req)
{
    reward_redemption r;
    if (redemption_cancel(req_ctx(req), req_id(req, 0), &r) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/redemptions");
}

void page_rewards_staff(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    volunteer_org *os = NULL;
    size_t n = 0;
    if (volunteer_org_list(ctx, authz_scope(ctx->who, PERM_VOLUNTEERS_MANAGE), 0, 100, &os, &n) <
        0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Points supermarket: staff"));
    heading(req, &h, "Points supermarket: staff");
    const char *done = req_query(req, "done");
    if (done && !strcmp(done, "collected")) {
        html_lit(&h, "<p class=\"flash\" role=\"status\" id=\"flash\">");
        web_t(req, &h, "Marked collected.");
        html_lit(&h, "</p>");
    } else if (done && !strcmp(done, "item")) {
        html_lit(&h, "<p class=\"flash\" role=\"status\" id=\"flash\">");
        web_t(req, &h, "The reward is published.");
        html_lit(&h, "</p>");
    } else if (done && !strcmp(done, "award")) {
        const char *people = req_query(req, "people");
        char *end;
        long long np = people ? strtoll(people, &end, 10) : 0;
        html_lit(&h, "<p class=\"flash\" role=\"status\" id=\"flash\">");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "Points awarded to %lld volunteers."),
                                    np > 0 && !*end ? np : 0));
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Mark a redemption collected");
    html_lit(&h, "</h2><form method=\"post\" action=\"/admin/rewards/collect\" class=\"stack\" "
                 "id=\"collect-form\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<label>");
    web_t(req, &h, "Collection code");
    html_lit(&h, " <input name=\"code\" required autocomplete=\"off\"></label><button "
                 "type=\"submit\">");
    web_t(req, &h, "Mark collected");
    html_lit(&h, "</button></form></section><section class=\"card\"><h2>");
    web_t(req, &h, "Offer a reward");
    html_lit(&h, "</h2>");
    if (!n) {
        web_empty(req, &h, "No volunteer organisation in your area offers rewards yet.");
    } else {
        html_lit(&h, "<form method=\"post\" action=\"/admin/rewards/items\" class=\"stack\" "
                     "id=\"item-form\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Organisation");
        html_lit(&h, " <select name=\"org_id\">");
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<option value=\"");
            html_int(&h, os[i].id);
            html_lit(&h, "\">");
            html_text(&h, os[i].name);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Title");
        html_lit(&h, " <input name=\"title\" required maxlength=\"100\"></label><label>");
        web_t(req, &h, "Kind");
        html_lit(&h, " <select name=\"kind\">");
        static const char *const ks[] = {"ticket", "book", "course_place", "priority_booking",
                                         "other"};
        for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
            html_lit(&h, "<option value=\"");
            html_attr(&h, ks[i]);
            html_lit(&h, "\">");
            web_t(req, &h, kind_label(ks[i]));
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Cost in points");
        html_lit(&h, " <input name=\"cost\" type=\"number\" min=\"1\" required></label><label>");
        web_t(req, &h, "Stock");
        html_lit(&h, " <input name=\"stock\" type=\"number\" min=\"0\" required></label><label>");
        web_t(req, &h, "About the reward");
        html_lit(&h, " <textarea name=\"description\" rows=\"3\"></textarea></label><label>");
        web_t(req, &h, "Where and how to collect it");
        html_lit(&h, " <input name=\"place\" maxlength=\"500\"></label><fieldset><legend>");
        web_t(req, &h, "Priority booking window only");
        html_lit(&h, "</legend><label>");
        web_t(req, &h, "Activity number");
        html_lit(&h, " <input name=\"activity_id\" type=\"number\" min=\"1\"></label><label>");
        web_t(req, &h, "Hours before booking opens");
        html_lit(&h, " <input name=\"priority_hours\" type=\"number\" min=\"1\" max=\"720\">"
                     "</label></fieldset><button type=\"submit\">");
        web_t(req, &h, "Publish");
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "</section>");
    /* points for the attendance of a designated lecture or activity */
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Award points for attending a session");
    html_lit(&h, "</h2>");
    if (!n) {
        web_empty(req, &h, "No volunteer organisation in your area offers rewards yet.");
    } else {
        html_lit(&h, "<p class=\"muted\">");
        web_t(req, &h,
              "Every registered volunteer checked in at the session gets the points, once per "
              "session and organisation.");
        html_lit(&h, "</p><form method=\"post\" action=\"/admin/rewards/awards\" "
                     "class=\"stack\" id=\"award-form\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Organisation");
        html_lit(&h, " <select name=\"org_id\">");
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<option value=\"");
            html_int(&h, os[i].id);
            html_lit(&h, "\">");
            html_text(&h, os[i].name);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label><label>");
        web_t(req, &h, "Session number");
        html_lit(&h, " <input name=\"session_id\" type=\"number\" min=\"1\" required></label>"
                     "<label>");
        web_t(req, &h, "Points for each volunteer");
        html_lit(&h, " <input name=\"amount\" type=\"number\" min=\"1\" max=\"10000\" "
                     "required></label><label>");
        web_t(req, &h, "Reason");
        html_lit(&h, " <input name=\"reason\" required maxlength=\"200\"></label>"
                     "<button type=\"submit\">");
        web_t(req, &h, "Award points");
        html_lit(&h, "</button></form>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

static int64_t form_int(http_req *req, const char *name)
{
    const char *s = req_form(req, name);
    char *end;
    if (!s || !*s)
        return -1;
    long long v = strtoll(s, &end, 10);
    return *end ? -1 : (int64_t)v;
}

void page_rewards_staff_item(http_req *req)
{
    reward_input in = {.org_id = form_int(req, "org_id"),
                       .title = req_form(req, "title"),
                       .description = req_form(req, "description"),
                       .kind = req_form(req, "kind"),
                       .place = req_form(req, "place"),
                       .cost = form_int(req, "cost"),
                       .stock = form_int(req, "stock")};
    /* the window's fields are left empty for other kinds */
    const char *act = req_form(req, "activity_id"), *hrs = req_form(req, "priority_hours");
    if (act && *act)
        in.activity_id = form_int(req, "activity_id");
    if (hrs && *hrs)
        in.priority_hours = form_int(req, "priority_hours");
    int64_t id;
    if (reward_item_create(req_ctx(req), &in, &id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/admin/rewards?done=item");
}

void page_rewards_staff_collect(http_req *req)
{
    reward_redemption r;
    if (redemption_collect(req_ctx(req), req_form(req, "code"), &r) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/admin/rewards?done=collected");
}

void page_rewards_staff_award(http_req *req)
{
    int64_t id, people;
    if (points_award_session(req_ctx(req), form_int(req, "org_id"), form_int(req, "amount"),
                             req_form(req, "reason"), form_int(req, "session_id"), &id,
                             &people) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(
        req, arena_sprintf(&req->a, "/admin/rewards?done=award&people=%lld", (long long)people));
}
