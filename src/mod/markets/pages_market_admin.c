/*
 * pages_market_admin: the organiser's pages of a culture market (its applications with their
 * scores and the stall-holders' records, the ranking with any tie at a quota line, the
 * decision, the stalls proposed under the rules and moved by hand, the published map, the
 * check-in on the day) and the panel's scoring pages. Every action goes through the same
 * rules as the API (market.h).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/authz.h"
#include "mod/admin/handlers.h"
#include "mod/markets/handlers.h"
#include "mod/markets/market.h"
#include "mod/markets/pages_markets.h"
#include "util/timeutil.h"

static void mean(html *h, int64_t sum, int n)
{
    if (n <= 0) {
        html_lit(h, "—");
        return;
    }
    char buf[32];
    snprintf(buf, sizeof(buf), "%.2f", (double)sum / n);
    html_text(h, buf);
}

static void record(http_req *req, html *h, const market_record *r)
{
    html_text(h, arena_sprintf(&req->a, req_tr(req, "%d markets, %d late, %d no-shows"), r->markets,
                               r->late, r->no_shows));
}

static const char *rule_label(const char *rule)
{
    return !strcmp(rule, "no_stall")                 ? N_("No stall left")
           : !strcmp(rule, "food_water_power")       ? N_("Food without water and power")
           : !strcmp(rule, "power")                  ? N_("Needs power")
           : !strcmp(rule, "water")                  ? N_("Needs water")
           : !strcmp(rule, "near_entrance")          ? N_("Needs a stall near the entrance")
           : !strcmp(rule, "same_category_adjacent") ? N_("Beside a stall of the same category")
                                                     : rule;
}

static void markets_list(http_req *req, perm p, const char *base, const char *title)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    market *ms;
    size_t n;
    if (market_list(req_ctx(req), req_query(req, "division"), p, cursor, limit, &ms, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, title));
    html_lit(&h, "<h1>");
    web_t(req, &h, title);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    html_lit(&h, "<section class=\"card\">");
    if (n == 0)
        web_empty(req, &h, "No market here yet.");
    html_lit(&h, "<ul class=\"list\" id=\"admin-market-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li><a href=\"");
        html_attr(&h, base);
        html_int(&h, ms[i].id);
        html_lit(&h, "\"><strong>");
        html_text(&h, ms[i].title);
        html_lit(&h, "</strong></a> <span class=\"muted\">");
        market_when(&h, ms[i].starts_at);
        html_lit(&h, "</span> ");
        market_status_badge(req, &h, ms[i].status);
        if (ms[i].decided_at) {
            html_lit(&h, " <span class=\"badge decided\">");
            web_t(req, &h, "Decided");
            html_lit(&h, "</span>");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, base, ms[n - 1].id, NULL);
    html_lit(&h, "</section>");
    if (p == PERM_MARKETS_MANAGE) {
        html_lit(&h, "<p><a class=\"button\" id=\"new-market\" href=\"/admin/markets/new\">");
        web_t(req, &h, "New market");
        html_lit(&h, "</a></p>");
    }
    web_end(req, &h, 200);
}

void page_admin_markets(http_req *req)
{
    markets_list(req, PERM_MARKETS_MANAGE, "/admin/markets/", N_("Markets I organise"));
}

void page_market_panel_list(http_req *req)
{
    markets_list(req, PERM_MARKETS_REVIEW, "/admin/market-panel/", N_("Markets to score"));
}

static void action_button(http_req *req, html *h, int64_t market_id, const char *action,
                          const char *label, const char *id)
{
    html_lit(h, "<form method=\"post\" class=\"inline\" action=\"/admin/markets/");
    html_int(h, market_id);
    html_lit(h, "\">");
    web_csrf_field(req, h);
    html_lit(h, "<input type=\"hidden\" name=\"action\" value=\"");
    html_attr(h, action);
    html_lit(h, "\"><button type=\"submit\" id=\"");
    html_attr(h, id);
    html_lit(h, "\">");
    web_t(req, h, label);
    html_lit(h, "</button></form>");
}

static void ranking_section(http_req *req, html *h, const market *m)
{
    market_ranking *r;
    size_t n;
    if (market_rank_all(req_ctx(req), m->id, &r, &n) < 0)
        return;
    html_lit(h, "<section class=\"card\" id=\"ranking\"><h2>");
    web_t(req, h, "Ranking by the panel's mean score");
    html_lit(h, "</h2>");
    int blocked = 0;
    for (size_t i = 0; i < n; i++) {
        if (!r[i].cat.quota && !r[i].n)
            continue;
        html_lit(h, "<h3>");
        html_text(h, market_category_label(req, r[i].cat.category));
        html_lit(h, " · ");
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%d places"), r[i].cat.quota));
        html_lit(h, "</h3>");
        if (r[i].unscored) {
            blocked = 1;
            html_lit(h, "<p class=\"hint\">");
            html_text(h, arena_sprintf(&req->a,
                                       req_tr(req, "%d applications still need their scores."),
                                       (int)r[i].unscored));
            html_lit(h, "</p>");
        }
        if (r[i].tie) {
            blocked = 1;
            html_lit(h, "<p class=\"form-error tie\">");
            html_text(h, arena_sprintf(&req->a,
                                       req_tr(req, "%d applications tie at the quota line for %d "
                                                   "places: their order is drawn by lot."),
                                       (int)r[i].t.count, r[i].t.places_left));
            html_lit(h, "</p>");
        }
        html_lit(h, "<ol class=\"ranking\">");
        for (size_t k = 0; k < r[i].n; k++) {
            const market_candidate *c = &r[i].ranked[k];
            int tied = r[i].tie && k >= r[i].t.first && k < r[i].t.first + r[i].t.count;
            html_lit(h, "<li><code>");
            html_text(h, c->pseudonym);
            html_lit(h, "</code> ");
            mean(h, c->score_sum, c->nscores);
            html_lit(h, " ");
            if (tied)
                web_t(req, h, "tied");
            else
                market_status_badge(req, h,
                                    r[i].verdict[k] == MARKET_ACCEPTED  ? "accepted"
                                    : r[i].verdict[k] == MARKET_RESERVE ? "reserve"
                                                                        : "declined");
            html_lit(h, "</li>");
        }
        html_lit(h, "</ol>");
    }
    int tied = 0, unscored = 0;
    for (size_t i = 0; i < n; i++) {
        tied |= r[i].tie;
        unscored |= r[i].unscored > 0;
    }
    /* the ties are drawn by the verifiable lottery, whose draw makes the lists */
    lottery_row lot;
    int has_lottery = tied ? market_tie_lottery_of(req_ctx(req), m->id, &lot) : 0;
    if (has_lottery > 0) {
        html_lit(h, "<p class=\"hint\" id=\"tie-lottery\">");
        web_t(req, h, "The ties are drawn by lot, and the draw makes the lists:");
        html_lit(h, " <a href=\"/lotteries/");
        html_int(h, lot.id);
        html_lit(h, "\">");
        if (!strcmp(lot.status, "open"))
            web_t(req, h, "commit the draw");
        else
            web_t(req, h, "the draw");
        html_lit(h, "</a></p>");
    } else if (tied && !unscored && req->ctx.now >= m->apply_closes_at) {
        action_button(req, h, m->id, "tie_lottery", N_("Draw the ties by lot"), "tie-lottery");
    }
    if (!blocked && req->ctx.now >= m->apply_closes_at)
        action_button(req, h, m->id, "decide", N_("Make the accepted and reserve lists"), "decide");
    else if (req->ctx.now < m->apply_closes_at) {
        html_lit(h, "<p class=\"hint\">");
        web_t(req, h, "The lists are made once applications have closed.");
        html_lit(h, "</p>");
    }
    html_lit(h, "</section>");
}

static void stalls_section(http_req *req, html *h, const market_view *v)
{
    market_assignment x;
    if (market_assignment_get(req_ctx(req), v->m.id, &x) < 0)
        return;
    html_lit(h, "<section class=\"card\" id=\"stalls\"><h2>");
    web_t(req, h, "Stalls");
    html_lit(h, "</h2><p>");
    action_button(req, h, v->m.id, "assign", N_("Propose stalls under the rules"), "assign");
    if (v->m.map_published_at)
        action_button(req, h, v->m.id, "unpublish", N_("Withdraw the stall map"), "unpublish");
    else
        action_button(req, h, v->m.id, "publish", N_("Publish the stall map"), "publish");
    html_lit(h, "</p>");
    if (x.nproblems) {
        html_lit(h, "<h3>");
        web_t(req, h, "Rules the assignment cannot keep");
        html_lit(h, "</h3><ul id=\"assignment-problems\">");
        for (size_t k = 0; k < x.nproblems; k++) {
            const market_problem *p = &x.problems[k];
            html_lit(h, "<li>");
            web_t(req, h, rule_label(p->rule));
            html_lit(h, ": ");
            html_text(h, x.holders[p->holder].stall_name);
            if (p->stall >= 0) {
                html_lit(h, " (");
                html_text(h, x.stalls[p->stall].number);
                html_lit(h, ")");
            }
            if (p->with >= 0) {
                html_lit(h, " · ");
                html_text(h, x.holders[p->with].stall_name);
            }
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>");
    } else if (x.nh) {
        html_lit(h, "<p class=\"flash\" id=\"assignment-ok\">");
        web_t(req, h, "The assignment keeps every rule.");
        html_lit(h, "</p>");
    }
    market_map_svg(req, h, x.stalls, x.ns, x.holders, x.at, x.nh);
    html_lit(h, "<table class=\"data\" id=\"stall-holders-admin\"><thead><tr><th>");
    web_t(req, h, "Stall-holder");
    html_lit(h, "</th><th>");
    web_t(req, h, "Category");
    html_lit(h, "</th><th>");
    web_t(req, h, "Status");
    html_lit(h, "</th><th>");
    web_t(req, h, "Stall");
    html_lit(h, "</th><th>");
    web_t(req, h, "On the day");
    html_lit(h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < x.nh; i++) {
        const market_application *a = &x.holders[i];
        html_lit(h, "<tr data-application=\"");
        html_int(h, a->id);
        html_lit(h, "\"><td>");
        html_text(h, a->stall_name);
        html_lit(h, "</td><td>");
        html_text(h, market_category_label(req, a->category));
        html_lit(h, "</td><td>");
        market_status_badge(req, h, a->status);
        html_lit(h, "</td><td><form method=\"post\" class=\"inline\" "
                    "action=\"/admin/market-applications/");
        html_int(h, a->id);
        html_lit(h, "\">");
        web_csrf_field(req, h);
        html_lit(h, "<input type=\"hidden\" name=\"action\" value=\"stall\"><input "
                    "type=\"hidden\" name=\"market\" value=\"");
        html_int(h, v->m.id);
        html_lit(h, "\"><select name=\"stall\" aria-label=\"");
        html_attr(h, req_tr(req, "Stall"));
        html_lit(h, "\">");
        for (size_t j = 0; j < x.ns; j++) {
            html_lit(h, "<option");
            if (x.at[i] == (long)j)
                html_lit(h, " selected");
            html_lit(h, ">");
            html_text(h, x.stalls[j].number);
            html_lit(h, "</option>");
        }
        html_lit(h, "</select> <button type=\"submit\">");
        web_t(req, h, "Move");
        html_lit(h, "</button></form></td><td>");
        if (a->checked_in_at) {
            market_when(h, a->checked_in_at);
            if (a->late) {
                html_lit(h, " ");
                web_t(req, h, "late");
            }
        } else if (a->no_show) {
            web_t(req, h, "No-show");
        } else if (!strcmp(a->status, "confirmed") &&
                   req->ctx.now >= v->m.starts_at - 3 * 3600000LL && req->ctx.now < v->m.ends_at) {
            html_lit(h, "<form method=\"post\" class=\"inline\" "
                        "action=\"/admin/market-applications/");
            html_int(h, a->id);
            html_lit(h, "\">");
            web_csrf_field(req, h);
            html_lit(h, "<input type=\"hidden\" name=\"action\" value=\"checkin\"><input "
                        "type=\"hidden\" name=\"market\" value=\"");
            html_int(h, v->m.id);
            html_lit(h, "\"><button type=\"submit\" class=\"checkin\">");
            web_t(req, h, "Check in");
            html_lit(h, "</button></form>");
        }
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></section>");
}

void page_admin_market(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    int changed;
    market_view v;
    if (market_get(ctx, id, &v) < 0 || authz_require(ctx, PERM_MARKETS_MANAGE, v.m.division) < 0 ||
        market_sweep(ctx, id, &changed) < 0 || (changed && market_get(ctx, id, &v) < 0)) {
        resp_fail(req);
        return;
    }
    market_app_row *rows;
    size_t n;
    if (market_apps_list(ctx, id, 0, NULL, NULL, &rows, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, v.m.title);
    html_lit(&h, "<h1 id=\"market-title\">");
    html_text(&h, v.m.title);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    market_flash(req, &h);
    html_lit(&h, "<p>");
    market_status_badge(req, &h, v.m.status);
    html_lit(&h, " <a href=\"/markets/");
    html_int(&h, id);
    html_lit(&h, "\">");
    web_t(req, &h, "The public page");
    html_lit(&h, "</a> · ");
    market_when(&h, v.m.starts_at);
    html_lit(&h, "</p>");
    if (!strcmp(v.m.status, "draft") || !strcmp(v.m.status, "rejected"))
        action_button(req, &h, id, "submit", N_("Submit for review"), "submit-market");
    html_lit(&h, "<section class=\"card\" id=\"applications\"><h2>");
    web_t(req, &h, "Applications");
    html_lit(&h, "</h2>");
    if (n == 0)
        web_empty(req, &h, "No application yet.");
    else {
        html_lit(&h, "<table class=\"data\" id=\"applications-table\"><thead><tr><th>");
        web_t(req, &h, "Stall-holder");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Category");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Contact");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Mean score");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Earlier markets");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Status");
        html_lit(&h, "</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            const market_application *a = &rows[i].a;
            html_lit(&h, "<tr><td>");
            html_text(&h, a->stall_name);
            html_lit(&h, "</td><td>");
            html_text(&h, market_category_label(req, a->category));
            html_lit(&h, "</td><td>");
            html_text(&h, a->contact_name);
            html_lit(&h, " ");
            html_text(&h, a->contact_phone);
            html_lit(&h, "</td><td>");
            mean(&h, a->score_sum, a->nscores);
            html_lit(&h, " (");
            html_int(&h, a->nscores);
            html_lit(&h, ")</td><td>");
            record(req, &h, &rows[i].record);
            html_lit(&h, "</td><td>");
            market_status_badge(req, &h, a->status);
            if (a->position) {
                html_lit(&h, " ");
                html_int(&h, a->position);
            }
            html_lit(&h, "</td></tr>");
        }
        html_lit(&h, "</tbody></table>");
    }
    html_lit(&h, "</section>");
    if (!strcmp(v.m.status, "published") && !v.m.decided_at)
        ranking_section(req, &h, &v.m);
    if (v.m.decided_at)
        stalls_section(req, &h, &v);
    web_end(req, &h, 200);
}

void page_admin_market_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    const char *action = req_form(req, "action");
    const char *msg = NULL;
    int rc = -1;
    if (action && !strcmp(action, "decide")) {
        market_decision d;
        rc = market_decide(ctx, id, &d);
        msg = "decided";
    } else if (action && !strcmp(action, "tie_lottery")) {
        lottery_row lot;
        rc = market_tie_lottery(ctx, id, &lot);
        if (rc == 0) {
            resp_redirect(req, arena_sprintf(&req->a, "/lotteries/%lld", (long long)lot.id));
            return;
        }
    } else if (action && !strcmp(action, "submit")) {
        const char *status;
        rc = market_submit(ctx, id, &status);
        msg = "submitted";
    } else if (action && !strcmp(action, "assign")) {
        market_assignment x;
        rc = market_assign_stalls(ctx, id, &x);
        msg = "assigned";
    } else if (action && (!strcmp(action, "publish") || !strcmp(action, "unpublish"))) {
        rc = market_publish_map(ctx, id, !strcmp(action, "publish"));
        msg = !strcmp(action, "publish") ? "published" : "unpublished";
    } else {
        wy_fail_field(ctx, E_INVALID, "bad_action", "No such action.", "action");
    }
    if (rc < 0)
        resp_fail(req);
    else
        resp_redirect(req,
                      arena_sprintf(&req->a, "/admin/markets/%lld?msg=%s", (long long)id, msg));
}

void page_admin_market_app_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    const char *action = req_form(req, "action");
    const char *market = req_form(req, "market");
    int64_t market_id = market ? strtoll(market, NULL, 10) : 0;
    const char *msg = NULL;
    int rc = -1;
    if (action && !strcmp(action, "stall")) {
        market_problem *w;
        size_t nw;
        market_assignment after;
        rc = market_move_stall(ctx, id, req_form(req, "stall"), &w, &nw, &after);
        msg = "moved";
    } else if (action && !strcmp(action, "checkin")) {
        int late;
        rc = market_checkin(ctx, id, &late);
        msg = late ? "checked_in_late" : "checked_in";
    } else {
        wy_fail_field(ctx, E_INVALID, "bad_action", "No such action.", "action");
    }
    if (rc < 0)
        resp_fail(req);
    else if (market_id > 0)
        resp_redirect(
            req, arena_sprintf(&req->a, "/admin/markets/%lld?msg=%s", (long long)market_id, msg));
    else
        resp_redirect(req, "/admin/markets");
}

void page_market_panel(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    market_view v;
    market_app_row *rows;
    size_t n;
    if (market_get(ctx, id, &v) < 0 || market_apps_list(ctx, id, 1, NULL, NULL, &rows, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, v.m.title);
    html_lit(&h, "<h1 id=\"market-title\">");
    html_text(&h, v.m.title);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    market_flash(req, &h);
    html_lit(&h, "<p class=\"hint\">");
    web_t(req, &h,
          "Score each application on the rubric. A score is final once given; you never score "
          "an application of your own. The stall-holder's record at earlier markets is shown.");
    html_lit(&h, "</p>");
    if (n == 0)
        web_empty_card(req, &h, "No application to score yet.", NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        const market_application *a = &rows[i].a;
        html_lit(&h, "<article class=\"card panel-application\" data-application=\"");
        html_int(&h, a->id);
        html_lit(&h, "\"><h2>");
        html_text(&h, a->stall_name);
        html_lit(&h, "</h2><p class=\"muted\">");
        html_text(&h, market_category_label(req, a->category));
        html_lit(&h, " · <code>");
        html_text(&h, a->pseudonym);
        html_lit(&h, "</code> ");
        market_status_badge(req, &h, a->status);
        html_lit(&h, "</p><div class=\"prose\">");
        html_text(&h, a->products);
        html_lit(&h, "</div><p>");
        web_t(req, &h, "Earlier markets");
        html_lit(&h, ": <span class=\"record\">");
        record(req, &h, &rows[i].record);
        html_lit(&h, "</span></p>");
        market_app_view av;
        if (market_app_get(ctx, a->id, &av) == 0) {
            for (size_t k = 0; k < av.nphotos; k++) {
                html_lit(&h, "<a href=\"/api/v1/market-files/");
                html_int(&h, av.photos[k].id);
                html_lit(&h, "\">");
                html_text(&h, av.photos[k].filename);
                html_lit(&h, "</a> ");
            }
            for (size_t k = 0; k < av.nlicences; k++) {
                html_lit(&h, "<a class=\"licence\" href=\"/api/v1/market-files/");
                html_int(&h, av.licences[k].id);
                html_lit(&h, "\">");
                web_t(req, &h, "Food-business licence");
                html_lit(&h, "</a> ");
            }
        }
        ctx->err = (wy_error){0};
        if (rows[i].excluded) {
            html_lit(&h, "<p class=\"hint excluded\">");
            web_t(req, &h, "Your own application: you do not score it.");
            html_lit(&h, "</p>");
        } else if (rows[i].scored) {
            html_lit(&h, "<p class=\"flash scored\">");
            web_t(req, &h, "Scored.");
            html_lit(&h, "</p>");
        } else if (!strcmp(a->status, "submitted") && !v.m.decided_at) {
            html_lit(&h, "<form method=\"post\" class=\"score-form\" "
                         "action=\"/admin/market-applications/");
            html_int(&h, a->id);
            html_lit(&h, "/score\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<input type=\"hidden\" name=\"market\" value=\"");
            html_int(&h, id);
            html_lit(&h, "\">");
            for (size_t k = 0; k < v.nrubric; k++) {
                html_lit(&h, "<label>");
                html_text(&h, v.rubric[k].name);
                html_lit(&h, " (0–");
                html_int(&h, v.rubric[k].max);
                html_lit(&h, ")<input type=\"number\" min=\"0\" required name=\"c_");
                html_attr(&h, v.rubric[k].key);
                html_lit(&h, "\" max=\"");
                html_int(&h, v.rubric[k].max);
                html_lit(&h, "\"></label>");
            }
            html_lit(&h, "<label>");
            web_t(req, &h, "Comment");
            html_lit(&h, "<textarea name=\"comment\" rows=\"2\" maxlength=\"1000\"></textarea>"
                         "</label><button type=\"submit\">");
            web_t(req, &h, "Give the score");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</article>");
    }
    web_end(req, &h, 200);
}

void page_market_score_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    const char *market = req_form(req, "market");
    int64_t market_id = market ? strtoll(market, NULL, 10) : 0;
    /* the points: every form field c_<criterion> as a whole number */
    json_t *pts = json_object();
    for (size_t i = 0; i < req->in.form.n; i++) {
        const char *k = req->in.form.items[i].key;
        if (strncmp(k, "c_", 2))
            continue;
        char *end;
        const char *val = req->in.form.items[i].val;
        long long p = strtoll(val, &end, 10);
        if (*val && !*end)
            json_object_set_new(pts, k + 2, json_integer(p));
        else
            json_object_set_new(pts, k + 2, json_string(val));
    }
    char *t = json_dumps(pts, JSON_COMPACT);
    json_decref(pts);
    const char *text = t ? arena_strdup(&req->a, t) : NULL;
    free(t);
    const char *comment = req_form(req, "comment");
    if (market_score_add(ctx, id, text, comment && *comment ? comment : NULL) < 0)
        resp_fail(req);
    else if (market_id > 0)
        resp_redirect(req, arena_sprintf(&req->a, "/admin/market-panel/%lld?msg=scored",
                                         (long long)market_id));
    else
        resp_redirect(req, "/admin/market-panel");
}

/* ---- a new market, through a form ---- */

static void input(http_req *req, html *h, const char *label, const char *name, const char *type,
                  const char *value, int required)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, "<input name=\"");
    html_attr(h, name);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\" value=\"");
    html_attr(h, value ? value : "");
    html_lit(h, "\"");
    if (!strcmp(type, "number"))
        html_lit(h, " min=\"0\" step=\"any\"");
    if (required)
        html_lit(h, " required");
    html_lit(h, "></label>");
}

void page_admin_market_new(http_req *req)
{
    html h;
    web_begin(req, &h, req_tr(req, "New market"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "New market");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    html_lit(&h, "<section class=\"card\"><form method=\"post\" action=\"/admin/markets\" "
                 "id=\"market-form\" class=\"stack\">");
    web_csrf_field(req, &h);
    input(req, &h, N_("Title"), "title", "text", NULL, 1);
    html_lit(&h, "<label>");
    web_t(req, &h, "Description");
    html_lit(&h,
             "<textarea name=\"description\" rows=\"4\" maxlength=\"5000\"></textarea></label>");
    input(req, &h, N_("Division code"), "division", "text",
          authz_scope(&req->who, PERM_MARKETS_MANAGE), 1);
    input(req, &h, N_("Venue id (or leave empty and give the place)"), "venue_id", "number", NULL,
          0);
    input(req, &h, N_("Address"), "address", "text", NULL, 0);
    input(req, &h, N_("Longitude"), "lon", "number", NULL, 0);
    input(req, &h, N_("Latitude"), "lat", "number", NULL, 0);
    input(req, &h, N_("Starts"), "starts_at", "datetime-local", NULL, 1);
    input(req, &h, N_("Ends"), "ends_at", "datetime-local", NULL, 1);
    input(req, &h, N_("Applications open"), "apply_opens_at", "datetime-local", NULL, 1);
    input(req, &h, N_("Applications close"), "apply_closes_at", "datetime-local", NULL, 1);
    input(req, &h, N_("Accepted stall-holders confirm by"), "confirm_by", "datetime-local", NULL,
          1);
    input(req, &h, N_("Stall fee (yuan)"), "fee", "number", "0", 0);
    input(req, &h, N_("Deposit (yuan)"), "deposit", "number", "0", 0);
    input(req, &h, N_("Scores each application needs"), "min_reviews", "number", "2", 1);
    input(req, &h, N_("Pass mark (mean total)"), "pass_mark", "number", "0", 0);
    html_lit(&h, "<fieldset><legend>");
    web_t(req, &h, "Places by category");
    html_lit(&h, "</legend>");
    for (int k = 0; k < MARKET_NCATEGORIES; k++) {
        html_lit(&h, "<label>");
        web_t(req, &h, market_category_names[k]);
        html_lit(&h, "<input type=\"number\" min=\"0\" max=\"1000\" value=\"0\" name=\"quota_");
        html_attr(&h, market_category_codes[k]);
        html_lit(&h, "\"></label>");
    }
    html_lit(&h, "</fieldset><fieldset><legend>");
    web_t(req, &h, "Rules of the stalls");
    html_lit(&h, "</legend><label><input type=\"checkbox\" name=\"rule_apart\" value=\"1\" "
                 "checked> ");
    web_t(req, &h, "No two stalls of one category side by side");
    html_lit(&h, "</label><label><input type=\"checkbox\" name=\"rule_food\" value=\"1\" "
                 "checked> ");
    web_t(req, &h, "Food only where there is water and power");
    html_lit(&h, "</label><label><input type=\"checkbox\" name=\"rule_access\" value=\"1\" "
                 "checked> ");
    web_t(req, &h, "Accessible stalls near the entrance for those who need them");
    html_lit(&h, "</label></fieldset><fieldset><legend>");
    web_t(req, &h, "Stall plan");
    html_lit(&h, "</legend><p class=\"hint\">");
    web_t(req, &h,
          "Rows A, B, C… of stalls numbered A01, A02…; the first stall of each row is near the "
          "entrance. List the stalls with water and power, and those with power only, by "
          "number, separated by commas.");
    html_lit(&h, "</p>");
    input(req, &h, N_("Rows"), "rows", "number", "2", 1);
    input(req, &h, N_("Stalls a row"), "per_row", "number", "6", 1);
    input(req, &h, N_("Stalls with water and power"), "water_power", "text", "A03,B04", 0);
    input(req, &h, N_("Stalls with power only"), "power_only", "text", "A01,B01", 0);
    html_lit(&h, "</fieldset><button type=\"submit\">");
    web_t(req, &h, "Save as a draft");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, 200);
}

/* A datetime-local field ("2026-12-13T10:00") as ms, local time (+08:00); 0 when absent. */
static int64_t form_time(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    int64_t ms;
    if (!v || strlen(v) < 16)
        return 0;
    char buf[40];
    snprintf(buf, sizeof(buf), "%.16s:00+08:00", v);
    return time_parse_rfc3339(buf, &ms) == 0 ? ms : 0;
}

static int64_t form_int(http_req *req, const char *name, int64_t def)
{
    const char *v = req_form(req, name);
    char *end;
    if (!v || !*v)
        return def;
    long long x = strtoll(v, &end, 10);
    return *end ? def : x;
}

static int64_t form_fen(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    return v && *v ? (int64_t)(strtod(v, NULL) * 100 + 0.5) : 0;
}

static double form_num(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    char *end;
    if (!v || !*v)
        return NAN;
    double x = strtod(v, &end);
    return *end ? NAN : x;
}

/* Is number in the comma-separated list? */
static int listed(const char *list, const char *number)
{
    size_t n = strlen(number);
    for (const char *p = list; p && *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!strncasecmp(p, number, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
            return 1;
        while (*p && *p != ',')
            p++;
    }
    return 0;
}

void page_admin_market_create_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    market m = {.title = req_form(req, "title"),
                .description = req_form(req, "description"),
                .division = req_form(req, "division"),
                .venue_id = form_int(req, "venue_id", 0),
                .address = req_form(req, "address"),
                .lon = form_num(req, "lon"),
                .lat = form_num(req, "lat"),
                .starts_at = form_time(req, "starts_at"),
                .ends_at = form_time(req, "ends_at"),
                .apply_opens_at = form_time(req, "apply_opens_at"),
                .apply_closes_at = form_time(req, "apply_closes_at"),
                .confirm_by = form_time(req, "confirm_by"),
                .fee_fen = form_fen(req, "fee"),
                .deposit_fen = form_fen(req, "deposit"),
                .min_reviews = (int)form_int(req, "min_reviews", 2),
                .pass_mark = (int)form_int(req, "pass_mark", 0),
                .confirm_hours = 48,
                .late_minutes = 30,
                .rule_apart = req_form(req, "rule_apart") != NULL,
                .rule_food = req_form(req, "rule_food") != NULL,
                .rule_access = req_form(req, "rule_access") != NULL};
    if (m.address && !*m.address)
        m.address = NULL;
    market_category cats[MARKET_NCATEGORIES];
    size_t ncats = 0;
    for (int k = 0; k < MARKET_NCATEGORIES; k++) {
        char name[40];
        snprintf(name, sizeof(name), "quota_%s", market_category_codes[k]);
        int64_t q = form_int(req, name, 0);
        if (q != 0)
            cats[ncats++] =
                (market_category){.category = market_category_codes[k], .quota = (int)q};
    }
    int64_t rows = form_int(req, "rows", 0), per_row = form_int(req, "per_row", 0);
    if (rows < 1 || rows > 10 || per_row < 1 || per_row > 50) {
        wy_fail_field(ctx, E_INVALID, "bad_stalls", "A plan has 1 to 10 rows of 1 to 50 stalls.",
                      "rows");
        resp_fail(req);
        return;
    }
    const char *wp = req_form(req, "water_power"), *po = req_form(req, "power_only");
    market_stall *s = arena_alloc(&req->a, (size_t)(rows * per_row) * sizeof(*s));
    if (!s) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    size_t ns = 0;
    for (int r = 0; r < rows; r++)
        for (int i = 0; i < per_row; i++) {
            char *number = arena_sprintf(&req->a, "%c%02d", 'A' + r, i + 1);
            int both = listed(wp, number);
            s[ns++] = (market_stall){.number = number,
                                     .row_label = arena_sprintf(&req->a, "%c", 'A' + r),
                                     .position = i + 1,
                                     .width_cm = 300,
                                     .depth_cm = 300,
                                     .power = both || listed(po, number),
                                     .water = both,
                                     .near_entrance = i == 0,
                                     .zone = ""};
        }
    int64_t id;
    if (market_create(ctx, &m, cats, ncats, &id) < 0 || market_set_stalls(ctx, id, s, ns) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/admin/markets/%lld?msg=saved", (long long)id));
}
