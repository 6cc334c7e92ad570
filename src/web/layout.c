/*
 * layout: the frame of every page: a mobile-first header with the site name, navigation
 * that depends on who is logged in, the language switch, and the OpenStreetMap-free footer.
 */
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "web/web.h"

/* The navigation handed over at start-up: read-only while pages are drawn. */
static web_nav *nav;
static size_t nnav;

int web_set_nav(const web_nav *const *items, size_t n)
{
    web_nav *copy = n ? malloc(n * sizeof(*copy)) : NULL;
    if (n && !copy)
        return -1;
    /* insertion sort by (place, order): stable, so equal orders keep the list's order */
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j > 0 &&
               (copy[j - 1].place > items[i]->place ||
                (copy[j - 1].place == items[i]->place && copy[j - 1].order > items[i]->order))) {
            copy[j] = copy[j - 1];
            j--;
        }
        copy[j] = *items[i];
    }
    free(nav);
    nav = copy;
    nnav = n;
    return 0;
}

size_t web_nav_links(http_req *req, web_nav_place place, const web_nav **out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < nnav && k < max; i++)
        if (nav[i].place == place && authz_allows(&req->who, nav[i].perm, NULL) &&
            (!nav[i].scoped || authz_scope(&req->who, nav[i].perm)))
            out[k++] = &nav[i];
    return k;
}

/* The links of the top bar for one place. */
static void nav_bar(http_req *req, html *h, web_nav_place place)
{
    const web_nav *links[32];
    size_t n = web_nav_links(req, place, links, sizeof(links) / sizeof(links[0]));
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<a href=\"");
        html_attr(h, links[i]->href);
        if (links[i]->id) {
            html_lit(h, "\" id=\"");
            html_attr(h, links[i]->id);
        }
        html_lit(h, "\">");
        web_t(req, h, links[i]->label);
        html_lit(h, "</a>");
    }
}

void web_t(http_req *req, html *h, const char *msgid)
{
    html_text(h, req_tr(req, msgid));
}

void web_csrf_field(http_req *req, html *h)
{
    html_lit(h, "<input type=\"hidden\" name=\"_csrf\" value=\"");
    html_attr(h, req->csrf);
    html_lit(h, "\">");
}

static const web_flash_msg flashes[] = {
    {"registered", "Your account is ready. Please log in.", 0},
    {"password_changed", "Your password has been changed.", 0},
    {"password_reset", "Your password has been set. Please log in.", 0},
    {"logged_out", "You have logged out.", 0},
    {"created", "Saved.", 0},
    {"granted", "The role has been granted.", 0},
    {"revoked", "The role has been revoked.", 0},
    {"decided", "Your decision has been recorded.", 0},
    {"submitted", "Submitted for review.", 0},
    {"booked", "Booked: show the QR code at the door.", 0},
    {"waitlisted", "The session is full: you are on the waiting list.", 0},
    {"duplicate", "You have booked this session already.", 1},
    {"full", "This session is full.", 1},
    {"failed", "The booking did not go through; please try again.", 1},
    {"daily_limit", "You have booked for as many people as one account may in a day.", 1},
    {"not_open", "Booking for this session has not opened yet.", 1},
    {"booking_closed", "Booking for this session has closed.", 1},
    {"session_off", "This session has been cancelled.", 1},
    {"too_many_companions", "This activity takes fewer companions per booking.", 1},
    {"bad_companion", "Each companion has a name of 1 to 32 characters.", 1},
    {"cancelled", "Your booking is cancelled.", 0},
    {"space_requested", "Your request has been sent: staff will approve or reject it.", 0},
    {"space_cancelled", "Your request is cancelled.", 0},
    {"space_partly", "Approved where free; weeks that overlap stay pending.", 0},
    {"excused", "The no-show has been excused.", 0},
    {"rated", "Thank you: your rating will show once it has been approved.", 0},
    {"read", "All marked read.", 0},
    {"session_changed", "The session has been changed; everyone booked has been told.", 0},
    {"session_updated", "The session has been changed.", 0},
    {"session_cancelled", "The session has been cancelled; everyone booked has been told.", 0},
    {"poster_saved", "The poster has been saved.", 0},
    {"poster_removed", "The poster has been removed.", 0},
    {"target_saved", "The target has been saved.", 0},
    {"value_reported", "The value has been reported.", 0},
};

/* The line of the message of tab keyed ?msg=; 0 when none is. */
static int flash_line(http_req *req, html *h, const web_flash_msg *tab, size_t n)
{
    const char *m = req_query(req, "msg");
    for (size_t i = 0; m && i < n; i++)
        if (!strcmp(m, tab[i].key)) {
            if (tab[i].refusal)
                html_lit(h, "<p class=\"form-error\" role=\"alert\" id=\"flash\">");
            else
                html_lit(h, "<p class=\"flash\" role=\"status\" id=\"flash\">");
            web_t(req, h, tab[i].msgid);
            html_lit(h, "</p>");
            return 1;
        }
    return 0;
}

void web_flash(http_req *req, html *h)
{
    flash_line(req, h, flashes, sizeof(flashes) / sizeof(flashes[0]));
}

void web_flash_of(http_req *req, html *h, const web_flash_msg *tab, size_t n)
{
    if (!flash_line(req, h, tab, n))
        web_flash(req, h);
}

void web_begin(http_req *req, html *h, const char *title)
{
    web_begin_refresh(req, h, title, 0);
}

void web_begin_refresh(http_req *req, html *h, const char *title, int refresh_s)
{
    html_init(h);
    html_lit(h, "<!doctype html>\n<html lang=\"");
    html_attr(h, req->lang == LANG_EN ? "en" : "zh-CN");
    html_lit(h, "\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (refresh_s > 0) {
        html_lit(h, "<meta http-equiv=\"refresh\" content=\"");
        html_int(h, refresh_s);
        html_lit(h, "\">");
    }
    html_lit(h, "<title>");
    html_text(h, title);
    html_lit(h, " · ");
    web_t(req, h, "wenyun public culture");
    html_lit(h, "</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>"
                "<header class=\"top\"><a class=\"brand\" href=\"/\">");
    web_t(req, h, "wenyun public culture");
    html_lit(h, "</a><nav>");
    nav_bar(req, h, WEB_NAV_MAIN);
    if (req->who.user_id) {
        nav_bar(req, h, WEB_NAV_ACCOUNT);
        html_lit(h, "<a href=\"/account\" id=\"nav-account\">");
        html_text(h, req->who.name);
        html_lit(h, "</a><form method=\"post\" action=\"/logout\" class=\"inline\">");
        web_csrf_field(req, h);
        html_lit(h, "<button type=\"submit\" class=\"link\">");
        web_t(req, h, "Log out");
        html_lit(h, "</button></form>");
    } else {
        html_lit(h, "<a href=\"/login\">");
        web_t(req, h, "Log in");
        html_lit(h, "</a><a href=\"/register\">");
        web_t(req, h, "Register");
        html_lit(h, "</a>");
    }
    /* the switch keeps the current page */
    html_lit(h, "<a class=\"lang\" id=\"lang-switch\" href=\"");
    html_attr(h, req->path);
    if (req->lang == LANG_EN)
        html_lit(h, "?lang=zh\" lang=\"zh-CN\">中文</a>");
    else
        html_lit(h, "?lang=en\" lang=\"en\">English</a>");
    html_lit(h, "</nav></header><main>");
}

void web_end(http_req *req, html *h, int status)
{
    html_lit(h, "</main><footer><p>");
    web_t(req, h, "wenyun — the public cultural service platform of the city.");
    html_lit(h, "</p><p class=\"small\">");
    web_t(req, h, "Division codes: National Bureau of Statistics of China, 2023.");
    html_lit(h, "</p></footer></body></html>\n");
    resp_html(req, status, &h->sb);
}

void web_error_page(http_req *req, int status, const char *message)
{
    html h;
    const char *title = status == 404   ? req_tr(req, "Not found")
                        : status == 403 ? req_tr(req, "Not allowed")
                        : status == 401 ? req_tr(req, "Please log in")
                        : status >= 500 ? req_tr(req, "Something went wrong")
                                        : req_tr(req, "That did not work");
    web_begin(req, &h, title);
    html_lit(&h, "<section class=\"card error\"><h1>");
    html_text(&h, title);
    html_lit(&h, "</h1><p>");
    html_text(&h, message);
    html_lit(&h, "</p><p><a href=\"/\">");
    web_t(req, &h, "Back to the home page");
    html_lit(&h, "</a></p></section>");
    web_end(req, &h, status);
}
