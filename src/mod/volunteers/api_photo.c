/* api_photo: a volunteer's photo (photo.c) through the API: the volunteer puts, reads and
 * deletes their own at /api/v1/me/volunteer/photo; coordinators read a volunteer's at
 * /api/v1/volunteers/{id}/photo (recorded as personal.read). */
#include <stdio.h>

#include "mod/volunteers/handlers.h"
#include "mod/volunteers/volunteer.h"

int vol_photo_member(http_req *req, json_t *j, int64_t volunteer_id)
{
    int has;
    if (volunteer_photo_of(req_ctx(req), volunteer_id, &has) < 0)
        return -1;
    char url[64];
    if (volunteer_id)
        snprintf(url, sizeof url, "/api/v1/volunteers/%lld/photo", (long long)volunteer_id);
    else
        snprintf(url, sizeof url, "/api/v1/me/volunteer/photo");
    json_object_set_new(j, "photo", has ? json_string(url) : json_null());
    return 0;
}

void api_volunteer_photo_put(http_req *req)
{
    attachment_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                         req->body.len};
    if (!f.name || !*f.name)
        f.name = "photo";
    attachment out;
    if (volunteer_photo_set(req_ctx(req), &f, &out) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, 200,
              json_pack("{s:s,s:s,s:s,s:I}", "photo", "/api/v1/me/volunteer/photo", "filename",
                        out.filename, "content_type", out.content_type, "bytes",
                        (json_int_t)out.bytes));
}

void api_volunteer_photo_delete(http_req *req)
{
    if (volunteer_photo_remove(req_ctx(req)) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:n}", "photo"));
}

static void send_photo(http_req *req, int64_t volunteer_id)
{
    attachment a;
    const char *data;
    size_t len;
    if (volunteer_photo_get(req_ctx(req), volunteer_id, &a, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, a.content_type, data, len);
    /* personal data: kept by no shared cache */
    resp_header(req, "Cache-Control", "private, no-store");
}

void api_volunteer_photo_mine(http_req *req)
{
    send_photo(req, 0);
}

void api_volunteer_photo_get(http_req *req)
{
    send_photo(req, req_id(req, 0));
}
