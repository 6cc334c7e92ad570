/*
 * pages_markets: culture markets (文化市集) for people: the list of markets, a market with its
 * stall map and, once published, its stall-holders; the application form; and "my stall
 * applications", where an accepted stall-holder confirms or withdraws. Every action goes
 * through the same rules as the API (market.h). The stall map is plain inline SVG drawn from
 * the plan (pages_markets.h: the organiser's page draws it too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/markets/handlers.h"
#include "mod/markets/market.h"
#include "mod/markets/pages_markets.h"
#include "util/timeutil.h"

/* "2026-11-22 14:30" in local time */
void market_when(html *h, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0';
    buf[10] = ' ';
    html_text(h, buf);
}

void market_money(html *h, int64_t fen)
{
    char buf[40];
    snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
    html_text(h, buf);
}

const char *market_category_label(http_req *req, const char *code)
{
    int k = market_category_index(code);
    return k < 0 ? code : req_tr(req, market_category_names[k]);
}

static const char *const status_names[][2] = {
    {"draft", N_("Draft")},         {"submitted", N_("Submitted")}, {"accepted", N_("Accepted")},
    {"confirmed", N_("Confirmed")}, {"reserve", N_("Reserve")},     {"declined", N_("Declined")},
    {"withdrawn", N_("Withdrawn")}, {"lapsed", N_("Lapsed")},       {"pending", N_("Pending")},
    {"published", N_("Published")}, {"rejected", N_("Rejected")},
};

void market_status_badge(http_req *req, html *h, const char *status)
{
    const char *label = status;
    for (size_t i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
        if (!strcmp(status, status_names[i][0]))
            label = status_names[i][1];
    html_lit(h, "<span class=\"badge ");
    html_attr(h, status);
    html_lit(h, "\">");
    web_t(req, h, label);
    html_lit(h, "</span>");
}

/* The messages these pages are sent back with (?msg=). */
static const web_flash_msg flashes[] = {
    {"applied", N_("Your application has been submitted to the panel."), 0},
    {"saved", N_("The market is saved as a draft: submit it for review when it is ready."), 0},
    {"submitted", N_("Submitted for review."), 0},
    {"confirmed", N_("Your stall is confirmed. See you at the market."), 0},
    {"withdrawn", N_("Your application is withdrawn."), 0},
    {"scored", N_("Your score has been recorded."), 0},
    {"decided", N_("The accepted and reserve lists have been made."), 0},
    {"assigned", N_("Stalls have been proposed under the rules."), 0},
    {"moved", N_("The stall has been changed."), 0},
    {"published", N_("The stall map is published."), 0},
    {"unpublished", N_("The stall map is withdrawn."), 0},
    {"checked_in", N_("Checked in."), 0},
    {"checked_in_late", N_("Checked in, late."), 0},
};

void market_flash(http_req *req, html *h)
{
    WEB_FLASH(req, h, flashes);
}

/* The fill of a category on the map (literal colours: the map stands without a style sheet). */
static void category_fill(html *h, const char *category)
{
    switch (market_category_index(category)) {
    case 0:
        html_lit(h, "#f4d6a0");
        break;
    case 1:
        html_lit(h, "#e8b4c8");
        break;
    case 2:
        html_lit(h, "#b8d4f0");
        break;
    case 3:
        html_lit(h, "#f6b59a");
        break;
    case 4:
        html_lit(h, "#c4e4b0");
        break;
    default:
        html_lit(h, "#ffffff");
    }
}

#define CELL_W 96
#define CELL_H 64
#define GAP    8
#define LEFT   40
#define TOP    28

void market_map_svg(http_req *req, html *h, const market_stall *s, size_t ns,
                    const market_application *holders, const long *at, size_t nh)
{
    /* rows in the plan's order (stalls come sorted by row and position) */
    int maxpos = 1, nrows = 0;
    const char *rows[MARKET_MAX_STALLS];
    for (size_t i = 0; i < ns; i++) {
        if (s[i].position > maxpos)
            maxpos = s[i].position;
        if (nrows == 0 || strcmp(rows[nrows - 1], s[i].row_label))
            rows[nrows++] = s[i].row_label;
    }
    int width = LEFT + maxpos * (CELL_W + GAP) + GAP, height = TOP + nrows * (CELL_H + 24) + 8;
    html_lit(h, "<figure class=\"stall-map\" id=\"stall-map\"><svg xmlns=\"http://www.w3.org/2000/"
                "svg\" role=\"img\" viewBox=\"0 0 ");
    html_int(h, width);
    html_lit(h, " ");
    html_int(h, height);
    html_lit(h, "\" font-family=\"sans-serif\"><title>");
    web_t(req, h, "Stall map");
    html_lit(h, "</title><text x=\"4\" y=\"16\" font-size=\"12\" fill=\"#555\">");
    web_t(req, h, "Entrance ▼ · P power · W water · ♿ near the entrance");
    html_lit(h, "</text>");
    for (size_t i = 0; i < ns; i++) {
        int r = 0;
        while (r < nrows && strcmp(rows[r], s[i].row_label))
            r++;
        int x = LEFT + (s[i].position - 1) * (CELL_W + GAP), y = TOP + r * (CELL_H + 24);
        if (s[i].position == 1) {
            html_lit(h, "<text x=\"4\" font-size=\"14\" font-weight=\"bold\" y=\"");
            html_int(h, y + CELL_H / 2 + 5);
            html_lit(h, "\">");
            html_text(h, s[i].row_label);
            html_lit(h, "</text>");
        }
        const market_application *who = NULL;
        for (size_t k = 0; k < nh; k++)
            if (at[k] == (long)i)
                who = &holders[k];
        html_lit(h, "<g class=\"stall\" data-stall=\"");
        html_attr(h, s[i].number);
        html_lit(h, "\"><rect rx=\"4\" stroke=\"#444\" width=\"");
        html_int(h, CELL_W);
        html_lit(h, "\" height=\"");
        html_int(h, CELL_H);
        html_lit(h, "\" x=\"");
        html_int(h, x);
        html_lit(h, "\" y=\"");
        html_int(h, y);
        html_lit(h, "\" fill=\"");
        if (who)
            category_fill(h, who->category);
        else
            html_lit(h, "#fafafa");
        html_lit(h, "\"><title>");
        html_text(h, s[i].number);
        if (who) {
            html_lit(h, " · ");
            html_text(h, who->stall_name);
            html_lit(h, " · ");
            html_text(h, market_category_label(req, who->category));
        }
        html_lit(h, "</title></rect><text font-size=\"13\" font-weight=\"bold\" x=\"");
        html_int(h, x + 6);
        html_lit(h, "\" y=\"");
        html_int(h, y + 17);
        html_lit(h, "\">");
        html_text(h, s[i].number);
        html_lit(h, "</text><text font-size=\"11\" fill=\"#333\" x=\"");
        html_int(h, x + CELL_W - 6);
        html_lit(h, "\" y=\"");
        html_int(h, y + 17);
        html_lit(h, "\" text-anchor=\"end\">");
        if (s[i].power)
            html_lit(h, "P");
        if (s[i].water)
            html_lit(h, "W");
        if (s[i].near_entrance)
            html_lit(h, "♿");
        html_lit(h, "</text>");
        if (who) {
            html_lit(h, "<text font-size=\"11\" x=\"");
            html_int(h, x + 6);
            html_lit(h, "\" y=\"");
            html_int(h, y + 38);
            html_lit(h, "\" textLength=\"");
            html_int(h, CELL_W - 12);
            html_lit(h, "\" lengthAdjust=\"spacingAndGlyphs\">");
            html_text(h, who->stall_name);
            html_lit(h, "</text><text font-size=\"10\" fill=\"#555\" x=\"");
            html_int(h, x + 6);
            html_lit(h, "\" y=\"");
            html_int(h, y + 55);
            html_lit(h, "\">");
            html_text(h, market_category_label(req, who->category));
            html_lit(h, "</text>");
        } else if (s[i].zone && *s[i].zone) {
            html_lit(h, "<text font-size=\"10\" fill=\"#777\" x=\"");
            html_int(h, x + 6);
            html_lit(h, "\" y=\"");
            html_int(h, y + 55);
            html_lit(h, "\">");
            html_text(h, s[i].zone);
            html_lit(h, "</text>");
        }
        html_lit(h, "</g>");
    }
    html_lit(h, "</svg><figcaption>");
    web_t(req, h, "Stall map");
    html_lit(h, "</figcaption></figure>");
}

void page_markets(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    const char *division = req_query(req, "division");
    market *ms;
    size_t n;
    if (market_list(req_ctx(req), division, PERM_PUBLIC, cursor, limit, &ms, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Culture markets"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Culture markets");
    html_lit(&h, "</h1><p class=\"hint\">");
    web_t(req, &h,
          "Markets of cultural-creative products, intangible heritage, books, food and local "
          "produce. Stall-holders apply while applications are open; a panel chooses them.");
    html_lit(&h, "</p><section class=\"card\">");
    if (n == 0)
        web_empty(req, &h, "No market is published yet.");
    html_lit(&h, "<ul class=\"list\" id=\"market-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li><a href=\"/markets/");
        html_int(&h, ms[i].id);
        html_lit(&h, "\"><strong>");
        html_text(&h, ms[i].title);
        html_lit(&h, "</strong></a> <span class=\"muted\">");
        market_when(&h, ms[i].starts_at);
        html_lit(&h, " · ");
        html_text(&h, ms[i].address ? ms[i].address : ms[i].division);
        html_lit(&h, "</span>");
        if (req->ctx.now >= ms[i].apply_opens_at && req->ctx.now < ms[i].apply_closes_at) {
            html_lit(&h, " <span class=\"badge open\">");
            web_t(req, &h, "Taking applications");
            html_lit(&h, "</span>");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit) {
        const char *params[] = {"division", division, NULL};
        web_pager_id(req, &h, "/markets", ms[n - 1].id, params);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

static void fact_time(http_req *req, html *h, const char *label, int64_t ms)
{
    html_lit(h, "<dt>");
    web_t(req, h, label);
    html_lit(h, "</dt><dd>");
    market_when(h, ms);
    html_lit(h, "</dd>");
}

void page_market(http_req *req)
{
    market_view v;
    wy_ctx *ctx = req_ctx(req);
    if (market_get(ctx, req_id(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    const market *m = &v.m;
    market_assignment x = {0};
    int published = m->map_published_at && !strcmp(m->status, "published");
    if (published && market_holders_public(ctx, m->id, &x) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, m->title);
    market_flash(req, &h);
    html_lit(&h, "<article class=\"card market\"><h1 id=\"market-title\">");
    html_text(&h, m->title);
    html_lit(&h, "</h1><p class=\"muted\">");
    html_text(&h, v.division_name ? v.division_name : m->division);
    if (strcmp(m->status, "published")) {
        html_lit(&h, " ");
        market_status_badge(req, &h, m->status);
    }
    html_lit(&h, "</p><dl class=\"facts\">");
    fact_time(req, &h, N_("Starts"), m->starts_at);
    fact_time(req, &h, N_("Ends"), m->ends_at);
    html_lit(&h, "<dt>");
    web_t(req, &h, "Site");
    html_lit(&h, "</dt><dd>");
    if (m->venue_id) {
        html_lit(&h, "<a href=\"/venues/");
        html_int(&h, m->venue_id);
        html_lit(&h, "\">");
        html_text(&h, v.venue_name ? v.venue_name : "—");
        html_lit(&h, "</a> ");
    }
    html_text(&h, m->address ? m->address : "");
    html_lit(&h, "</dd>");
    fact_time(req, &h, N_("Applications open"), m->apply_opens_at);
    fact_time(req, &h, N_("Applications close"), m->apply_closes_at);
    fact_time(req, &h, N_("Accepted stall-holders confirm by"), m->confirm_by);
    html_lit(&h, "<dt>");
    web_t(req, &h, "Stall fee (yuan)");
    html_lit(&h, "</dt><dd id=\"market-fee\">");
    market_money(&h, m->fee_fen);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Deposit (yuan)");
    html_lit(&h, "</dt><dd>");
    market_money(&h, m->deposit_fen);
    html_lit(&h, "</dd></dl><div class=\"prose\">");
    html_text(&h, m->description);
    html_lit(&h, "</div><h2>");
    web_t(req, &h, "Places by category");
    html_lit(&h, "</h2><table class=\"data\" id=\"market-quotas\"><thead><tr><th>");
    web_t(req, &h, "Category");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Places");
    html_lit(&h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < v.ncats; i++) {
        if (!v.cats[i].quota)
            continue;
        html_lit(&h, "<tr><td>");
        html_text(&h, market_category_label(req, v.cats[i].category));
        html_lit(&h, "</td><td>");
        html_int(&h, v.cats[i].quota);
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table>");
    if (!strcmp(m->status, "published") && ctx->now >= m->apply_opens_at &&
        ctx->now < m->apply_closes_at) {
        html_lit(&h, "<p><a class=\"button\" id=\"apply-link\" href=\"/markets/");
        html_int(&h, m->id);
        html_lit(&h, "/apply\">");
        web_t(req, &h, "Apply for a stall");
        html_lit(&h, "</a></p>");
    }
    if (v.manage) {
        html_lit(&h, "<p><a href=\"/admin/markets/");
        html_int(&h, m->id);
        html_lit(&h, "\">");
        web_t(req, &h, "Organise this market");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</article><section class=\"card\"><h2>");
    web_t(req, &h, "Stall map");
    html_lit(&h, "</h2>");
    market_map_svg(req, &h, v.stalls, v.nstalls, x.holders, x.at, x.nh);
    if (published) {
        html_lit(&h, "<h2>");
        web_t(req, &h, "Stall-holders");
        html_lit(&h, "</h2><table class=\"data\" id=\"stall-holders\"><thead><tr><th>");
        web_t(req, &h, "Stall");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Stall-holder");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Category");
        html_lit(&h, "</th></tr></thead><tbody>");
        for (size_t i = 0; i < v.nstalls; i++)
            for (size_t k = 0; k < x.nh; k++) {
                if (x.at[k] != (long)i)
                    continue;
                html_lit(&h, "<tr><td>");
                html_text(&h, v.stalls[i].number);
                html_lit(&h, "</td><td>");
                html_text(&h, x.holders[k].stall_name);
                html_lit(&h, "</td><td>");
                html_text(&h, market_category_label(req, x.holders[k].category));
                html_lit(&h, "</td></tr>");
            }
        html_lit(&h, "</tbody></table>");
    } else {
        html_lit(&h, "<p class=\"hint\">");
        web_t(req, &h, "The stall-holders are shown here once the stall map is published.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

static void check(html *h, const char *name)
{
    html_lit(h, "<input type=\"checkbox\" value=\"1\" name=\"");
    html_attr(h, name);
    html_lit(h, "\"> ");
}

void page_market_apply(http_req *req)
{
    market_view v;
    if (market_get(req_ctx(req), req_id(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Apply for a stall"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Apply for a stall");
    html_lit(&h, "</h1><p><a href=\"/markets/");
    html_int(&h, v.m.id);
    html_lit(&h, "\">");
    html_text(&h, v.m.title);
    html_lit(&h, "</a></p><section class=\"card\"><form method=\"post\" id=\"market-apply-form\" "
                 "enctype=\"multipart/form-data\" action=\"/markets/");
    html_int(&h, v.m.id);
    html_lit(&h, "/apply\">");
    web_csrf_field(req, &h);
    html_lit(&h, "<label>");
    web_t(req, &h, "Stall name (shown on the map)");
    html_lit(&h, "<input name=\"stall_name\" maxlength=\"100\" required></label><label>");
    web_t(req, &h, "Category");
    html_lit(&h, "<select name=\"category\" required>");
    for (size_t i = 0; i < v.ncats; i++) {
        if (!v.cats[i].quota)
            continue;
        html_lit(&h, "<option value=\"");
        html_attr(&h, v.cats[i].category);
        html_lit(&h, "\">");
        html_text(&h, market_category_label(req, v.cats[i].category));
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select></label><label>");
    web_t(req, &h, "What you sell");
    html_lit(&h, "<textarea name=\"products\" rows=\"4\" maxlength=\"2000\" "
                 "required></textarea></label><label>");
    web_t(req, &h, "Contact name");
    html_lit(&h, "<input name=\"contact_name\" maxlength=\"32\" value=\"");
    html_attr(&h, req->who.name);
    html_lit(&h, "\"></label><label>");
    web_t(req, &h, "Contact telephone (your account's number if left empty)");
    html_lit(&h, "<input name=\"contact_phone\" type=\"tel\" maxlength=\"11\"></label><fieldset>"
                 "<legend>");
    web_t(req, &h, "Your stall needs");
    html_lit(&h, "</legend><label>");
    check(&h, "needs_power");
    web_t(req, &h, "Power");
    html_lit(&h, "</label><label>");
    check(&h, "needs_water");
    web_t(req, &h, "Water");
    html_lit(&h, "</label><label>");
    check(&h, "needs_access");
    web_t(req, &h, "An accessible stall near the entrance");
    html_lit(&h, "</label></fieldset><label>");
    web_t(req, &h, "Photos of your products (JPEG, PNG or WebP)");
    html_lit(&h, "<input type=\"file\" name=\"photo1\" accept=\"image/*\"><input type=\"file\" "
                 "name=\"photo2\" accept=\"image/*\"><input type=\"file\" name=\"photo3\" "
                 "accept=\"image/*\"></label><label>");
    web_t(req, &h, "Food-business licence (required for food)");
    html_lit(&h, "<input type=\"file\" name=\"licence\" "
                 "accept=\"image/*,application/pdf\"></label><label>");
    web_t(req, &h, "Licence number");
    html_lit(&h, "<input name=\"licence_no\" maxlength=\"40\"></label><button type=\"submit\">");
    web_t(req, &h, "Submit the application");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, 200);
}

/* A file of the form as an attachment, when one was chosen. */
static int form_file(http_req *req, const char *name, attachment_file *f)
{
    const char *data, *type;
    size_t len;
    if (req_file(req, name, &data, &len, &type) < 0)
        return 0;
    const char *fname = NULL;
    for (size_t i = 0; i < req->in.parts.n; i++)
        if (req->in.parts.items[i].name && !strcmp(req->in.parts.items[i].name, name))
            fname = req->in.parts.items[i].filename;
    *f = (attachment_file){fname && *fname ? fname : name, type, data, len};
    return 1;
}

void page_market_apply_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t market_id = req_id(req, 0);
    market_application a = {.stall_name = req_form(req, "stall_name"),
                            .category = req_form(req, "category"),
                            .products = req_form(req, "products"),
                            .contact_name = req_form(req, "contact_name"),
                            .contact_phone = req_form(req, "contact_phone"),
                            .licence_no = req_form(req, "licence_no"),
                            .needs_power = req_form(req, "needs_power") != NULL,
                            .needs_water = req_form(req, "needs_water") != NULL,
                            .needs_access = req_form(req, "needs_access") != NULL};
    if (a.licence_no && !*a.licence_no)
        a.licence_no = NULL;
    int64_t id;
    if (market_apply(ctx, market_id, &a, &id) < 0) {
        resp_fail(req);
        return;
    }
    static const char *const files[][2] = {
        {"photo1", "photo"}, {"photo2", "photo"}, {"photo3", "photo"}, {"licence", "licence"}};
    int res = 0;
    for (size_t i = 0; res == 0 && i < sizeof(files) / sizeof(files[0]); i++) {
        attachment_file f;
        attachment out;
        if (form_file(req, files[i][0], &f))
            res = market_app_attach(ctx, id, files[i][1], &f, &out);
    }
    if (res == 0)
        res = market_app_submit(ctx, id);
    if (res < 0) {
        /* the form is one step: what it could not finish is not left as a draft */
        wy_error err = ctx->err;
        market_app_withdraw(ctx, id);
        ctx->err = err;
        resp_fail(req);
        return;
    }
    resp_redirect(req, "/me/market-applications?msg=applied");
}

void page_my_market_apps(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    market_application *as;
    size_t n;
    wy_ctx *ctx = req_ctx(req);
    if (market_my_apps(ctx, cursor, limit, &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    /* deadlines first: what lapsed is shown as lapsed */
    int swept = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(as[i].status, "accepted") && as[i].confirm_by <= ctx->now) {
            int changed;
            if (market_sweep(ctx, as[i].market_id, &changed) == 0)
                swept += changed;
        }
    if (swept && market_my_apps(ctx, cursor, limit, &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My stall applications"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My stall applications");
    html_lit(&h, "</h1>");
    market_flash(req, &h);
    html_lit(&h, "<section class=\"card\">");
    if (n == 0)
        web_empty_card(req, &h, "You have not applied for a stall yet.", "/markets",
                       N_("Find a market"));
    html_lit(&h, "<ul class=\"list\" id=\"my-market-applications\">");
    for (size_t i = 0; i < n; i++) {
        const market_application *a = &as[i];
        html_lit(&h, "<li data-application=\"");
        html_int(&h, a->id);
        html_lit(&h, "\"><a href=\"/markets/");
        html_int(&h, a->market_id);
        html_lit(&h, "\"><strong>");
        html_text(&h, a->stall_name);
        html_lit(&h, "</strong></a> <span class=\"muted\">");
        html_text(&h, market_category_label(req, a->category));
        html_lit(&h, "</span> ");
        market_status_badge(req, &h, a->status);
        if (a->position) {
            html_lit(&h, " <span class=\"muted\">");
            html_text(&h, arena_sprintf(&req->a, req_tr(req, "reserve no. %d"), a->position));
            html_lit(&h, "</span>");
        }
        if (a->stall_number) {
            html_lit(&h, " <span class=\"stall-number\">");
            web_t(req, &h, "Stall");
            html_lit(&h, " ");
            html_text(&h, a->stall_number);
            html_lit(&h, "</span>");
        }
        if (!strcmp(a->status, "accepted")) {
            html_lit(&h, " <span class=\"muted\">");
            web_t(req, &h, "Confirm by");
            html_lit(&h, " ");
            market_when(&h, a->confirm_by);
            html_lit(&h, "</span><form method=\"post\" class=\"inline\" action=\"/market-"
                         "applications/");
            html_int(&h, a->id);
            html_lit(&h, "/confirm\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"confirm\">");
            web_t(req, &h, "Confirm my stall");
            html_lit(&h, "</button></form>");
        }
        static const char *const live[] = {"draft", "submitted", "accepted", "confirmed",
                                           "reserve"};
        int is_live = 0;
        for (size_t k = 0; k < sizeof(live) / sizeof(live[0]); k++)
            is_live |= !strcmp(a->status, live[k]);
        if (is_live) {
            html_lit(&h, "<form method=\"post\" class=\"inline\" action=\"/market-applications/");
            html_int(&h, a->id);
            html_lit(&h, "/withdraw\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Withdraw");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit)
        web_pager_id(req, &h, "/me/market-applications", as[n - 1].id, NULL);
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_market_app_confirm_post(http_req *req)
{
    if (market_app_confirm(req_ctx(req), req_id(req, 0)) < 0)
        resp_fail(req);
    else
        resp_redirect(req, "/me/market-applications?msg=confirmed");
}

void page_market_app_withdraw_post(http_req *req)
{
    if (market_app_withdraw(req_ctx(req), req_id(req, 0)) < 0)
        resp_fail(req);
    else
        resp_redirect(req, "/me/market-applications?msg=withdrawn");
}
