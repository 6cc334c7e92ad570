/*
 * pages_market_admin: the organiser's pages of a culture market (its applications with their
 * scores and the stall-holders' records, the ranking with any tie at a quota line, the
 * decision, the stalls proposed under the rules and moved by hand, the published map, the
 * check-in on the day) and the panel's scoring pages. Every action goes through the same
 * rules as the API (market.h).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/admin/handlers.h"
#include "mod/markets/handlers.h"
#include "mod/markets/market.h"
#include "mod/markets/pages_markets.h"

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
        html_lit(&h, "<p class=\"hint\">");
        web_t(req, &h,
              "A market is written through the API (POST /api/v1/markets) with its stall plan, "
              "then submitted for review.");
        html_lit(&h, "</p>");
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
    html_lit(&h, "</p><section class=\"card\" id=\"applications\"><h2>");
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
        rc = market_decide(ctx, id, NULL, 0, &d);
        msg = "decided";
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
