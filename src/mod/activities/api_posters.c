/*
 * api_posters: an activity's poster through the API. The image is the raw request body of
 * a PUT, its type the Content-Type header; GET /activities/{id}/poster (pages_posters.c)
 * serves it, and the activity's detail carries its address as poster_url.
 */
#include <string.h>

#include "mod/activities/handlers.h"
#include "http/app.h"
#include "mod/activities/poster.h"

/* A refusal of poster_set, with the statuses HTTP has for it: 415 for a type we do not take,
 * 413 for an image over the limit (saying the limit). */
static void refuse(http_req *req)
{
    const char *code = req->ctx.err.code ? req->ctx.err.code : "";
    if (!strcmp(code, "poster_too_large")) {
        resp_error(req, 413, code,
                   arena_sprintf(&req->a, req_tr(req, "A poster may be at most %lld KiB."),
                                 (long long)(req->app->cfg.poster_max_bytes / 1024)));
        return;
    }
    resp_fail(req);
    if (!strcmp(code, "unsupported_type") || !strcmp(code, "not_an_image") ||
        !strcmp(code, "type_mismatch"))
        req->status = 415;
}

static json_t *poster_json(http_req *req, const activity_poster *p)
{
    return json_pack("{s:I,s:s,s:s,s:I,s:s,s:o}", "activity_id", (json_int_t)p->activity_id, "url",
                     poster_url(&req->a, p), "content_type", p->content_type, "bytes",
                     (json_int_t)p->bytes, "etag", p->etag, "updated_at", api_time(p->updated_at));
}

void api_poster_put(http_req *req)
{
    int64_t id;
    activity_poster p;
    id = req_id(req, 0);
    if (poster_set(req_ctx_primary(req), id, req_header(req, "Content-Type"), req->body.buf,
                   req->body.len, &p) < 0)
        refuse(req);
    else
        resp_json(req, 200, poster_json(req, &p));
}

void api_poster_delete(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (poster_delete(req_ctx_primary(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:b}", "deleted", 1));
}

json_t *api_poster_url(http_req *req, int64_t activity_id)
{
    activity_poster p;
    int rc = poster_info(req_ctx(req), activity_id, &p);
    return rc == 1 ? json_string(poster_url(&req->a, &p)) : json_null();
}
