/*
 * pages_posters: an activity's poster on its page (the image, and for the staff who manage
 * the activity a form to upload or replace it and a button to remove it), and the image
 * itself, served with its type and ETag so browsers and proxies keep it.
 */
#include <string.h>

#include "http/app.h"
#include "mod/activities/activity.h"
#include "mod/activities/poster.h"
#include "mod/activities/handlers.h"

void web_poster_section(http_req *req, html *h, const activity *a)
{
    activity_poster p;
    int has = poster_info(req_ctx(req), a->id, &p) == 1;
    if (has) {
        html_lit(h, "<figure class=\"poster\"><img id=\"poster\" src=\"");
        html_attr(h, poster_url(&req->a, &p));
        html_lit(h, "\" alt=\"");
        html_attr(h, a->title);
        html_lit(h, "\" loading=\"lazy\" decoding=\"async\"></figure>");
    }
    if (!activity_managed_by(&req->who, a))
        return;
    html_lit(h, "<div class=\"poster-staff\"><form method=\"post\" enctype=\"multipart/form-data\" "
                "class=\"inline\" id=\"poster-form\" action=\"/activities/");
    html_int(h, a->id);
    html_lit(h, "/poster\">");
    web_csrf_field(req, h);
    html_lit(h, "<label>");
    if (has)
        web_t(req, h, "Replace the poster (JPEG, PNG or WebP)");
    else
        web_t(req, h, "Poster (JPEG, PNG or WebP)");
    html_lit(h, " <input type=\"file\" name=\"poster\" accept=\"image/jpeg,image/png,image/webp\" "
                "required></label> <button type=\"submit\">");
    web_t(req, h, "Upload");
    html_lit(h, "</button></form>");
    if (has) {
        html_lit(
            h, "<form method=\"post\" class=\"inline\" id=\"poster-remove\" action=\"/activities/");
        html_int(h, a->id);
        html_lit(h, "/poster/delete\">");
        web_csrf_field(req, h);
        html_lit(h, "<button type=\"submit\" class=\"secondary\">");
        web_t(req, h, "Remove the poster");
        html_lit(h, "</button></form>");
    }
    html_lit(h, "</div>");
}

void page_poster(http_req *req)
{
    int64_t id;
    poster_image img;
    id = req_id(req, 0);
    if (poster_get(req_ctx(req), id, &img) < 0) {
        resp_fail(req);
        return;
    }
    /* a draft's poster is for its staff: no shared cache may keep it */
    resp_header(req, "Cache-Control",
                img.public_cache ? "public, max-age=300" : "private, no-cache");
    resp_header(req, "ETag", arena_sprintf(&req->a, "\"%s\"", img.p.etag));
    if (poster_etag_matches(req_header(req, "If-None-Match"), img.p.etag)) {
        resp_text(req, 304, img.p.content_type, "", 0);
        return;
    }
    resp_text(req, 200, img.p.content_type, (const char *)img.data, (size_t)img.p.bytes);
}

/* A refusal of poster_set as a page: 415 for a type we do not take, 413 over the limit. */
static void refuse(http_req *req)
{
    const char *code = req->ctx.err.code ? req->ctx.err.code : "";
    if (!strcmp(code, "poster_too_large")) {
        web_error_page(req, 413,
                       arena_sprintf(&req->a, req_tr(req, "A poster may be at most %lld KiB."),
                                     (long long)(req->app->cfg.poster_max_bytes / 1024)));
        return;
    }
    resp_fail(req);
    if (!strcmp(code, "unsupported_type") || !strcmp(code, "not_an_image") ||
        !strcmp(code, "type_mismatch"))
        req->status = 415;
}

void page_poster_post(http_req *req)
{
    int64_t id;
    const char *data, *type;
    size_t len;
    id = req_id(req, 0);
    if (req_file(req, "poster", &data, &len, &type) < 0) {
        web_error_page(req, 400, req_tr(req, "Choose an image file to upload."));
        return;
    }
    if (poster_set(req_ctx_primary(req), id, type, data, len, NULL) < 0) {
        refuse(req);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "/activities/%lld?msg=poster_saved", (long long)id));
}

void page_poster_delete_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (poster_delete(req_ctx_primary(req), id) < 0) {
        resp_fail(req);
        return;
    }
    resp_redirect(req,
                  arena_sprintf(&req->a, "/activities/%lld?msg=poster_removed", (long long)id));
}
