/* pages_site: the home page and the static files. */
#include <stdio.h>
#include <string.h>

#include "http/app.h"
#include "mod/activities/handlers.h"
#include "mod/notices/notice.h"
#include "mod/site/handlers.h"

void page_home(http_req *req)
{
    html h;
    web_begin(req, &h, req_tr(req, "Home"));
    web_flash(req, &h);
    html_lit(&h, "<section class=\"hero\"><h1>");
    web_t(req, &h, "Public culture, close to home");
    html_lit(&h, "</h1><p>");
    web_t(req, &h,
          "Find venues, activities and free courses near you, book a seat, and "
          "volunteer: all public cultural services of the city in one place.");
    html_lit(&h, "</p>");
    if (!req->who.user_id) {
        html_lit(&h, "<p><a class=\"button\" href=\"/register\">");
        web_t(&*req, &h, "Create an account");
        html_lit(&h, "</a> <a class=\"button secondary\" href=\"/login\">");
        web_t(req, &h, "Log in");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</section>");
    web_upcoming_card(req, &h, 5);
    html_lit(&h, "<section class=\"card\"><h2>");
    web_t(req, &h, "Notices");
    html_lit(&h, "</h2>");
    notice *ns;
    size_t n;
    if (notice_list(req_ctx(req), NULL, 0, 10, &ns, &n) < 0 || n == 0) {
        web_empty(req, &h, "No notices yet.");
    } else {
        html_lit(&h, "<ul class=\"list\" id=\"notices\">");
        for (size_t i = 0; i < n; i++) {
            html_lit(&h, "<li><a href=\"/notices/");
            html_int(&h, ns[i].id);
            html_lit(&h, "\">");
            html_text(&h, ns[i].title);
            html_lit(&h, "</a> <span class=\"muted\">");
            html_date(&h, ns[i].published_at);
            html_lit(&h, "</span></li>");
        }
        html_lit(&h, "</ul>");
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_static(http_req *req)
{
    /* vendored: copied from npm at build time into [web] vendor_dir (CMakeLists.txt) */
    static const struct {
        const char *name, *type;
        int vendored;
    } files[] = {
        {"app.css", "text/css; charset=utf-8", 0}, {"checkin.js", "text/javascript", 0},
        {"charts.js", "text/javascript", 0},       {"lottery.js", "text/javascript", 0},
        {"echarts.min.js", "text/javascript", 1},  {"favicon.svg", "image/svg+xml", 0},
    };
    const char *name = req_param(req, 0);
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        if (strcmp(name, files[i].name))
            continue;
        char path[1200];
        snprintf(path, sizeof(path), "%s/%s",
                 files[i].vendored ? req->app->cfg.vendor_dir : req->app->cfg.static_dir,
                 files[i].name);
        strbuf sb = STRBUF_INIT_MAX(4 << 20);
        if (sb_read_file(&sb, path) < 0) {
            sb_release(&sb);
            break;
        }
        resp_text(req, 200, files[i].type, sb.buf, sb.len);
        resp_header(req, "Cache-Control", "public, max-age=3600");
        sb_release(&sb);
        return;
    }
    web_error_page(req, 404, req_tr(req, "There is no such page."));
}
