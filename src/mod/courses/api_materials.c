/* api_materials: a course's materials under /api/v1, and the issue of its completion
 * certificates (material.h, completion.h). */
#include <stdio.h>
#include <string.h>

#include "mod/courses/completion.h"
#include "mod/courses/handlers.h"
#include "mod/courses/material.h"

json_t *api_certificate_ref(const certificate *c)
{
    if (!c)
        return json_null();
    char url[64];
    snprintf(url, sizeof(url), "/certificates/%lld/print", (long long)c->id);
    return json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)c->id, "number", c->number, "status",
                     c->status, "url", url);
}

json_t *api_material_json(const attachment *a)
{
    json_t *j =
        json_pack("{s:I,s:s,s:s,s:I,s:s,s:o}", "id", (json_int_t)a->id, "filename", a->filename,
                  "content_type", a->content_type, "bytes", (json_int_t)a->bytes, "sha256",
                  a->sha256, "created_at", api_time(a->created_at));
    char url[64];
    snprintf(url, sizeof(url), "/api/v1/course-materials/%lld", (long long)a->id);
    json_object_set_new(j, "url", json_string(url));
    return j;
}

/* POST /api/v1/courses/{id}/materials?name=FILE: the raw file as the body. */
void api_course_material_post(http_req *req)
{
    attachment_file f = {req_query(req, "name"), req_header(req, "Content-Type"), req->body.buf,
                         req->body.len};
    attachment a;
    if (course_material_add(req_ctx_primary(req), req_id(req, 0), &f, &a) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, api_material_json(&a));
}

void api_course_materials(http_req *req)
{
    attachment *as;
    size_t n;
    if (course_materials(req_ctx(req), req_id(req, 0), &as, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, api_material_json(&as[i]));
    resp_json(req, 200, json_pack("{s:o}", "items", items));
}

/* Content-Disposition: attachment; filename*=UTF-8''<the name, percent-encoded> (RFC 6266) */
static const char *disposition(http_req *req, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(name);
    char *out = arena_alloc(&req->a, 3 * n + 40);
    if (!out)
        return "attachment";
    size_t o = (size_t)sprintf(out, "attachment; filename*=UTF-8''");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            strchr("!#$&+-.^_`|~", ch)) {
            out[o++] = (char)ch;
        } else {
            out[o++] = '%';
            out[o++] = hex[ch >> 4];
            out[o++] = hex[ch & 15];
        }
    }
    out[o] = '\0';
    return out;
}

void api_course_material_get(http_req *req)
{
    attachment a;
    const char *data;
    size_t len;
    if (course_material_get(req_ctx(req), req_id(req, 0), &a, &data, &len) < 0) {
        resp_fail(req);
        return;
    }
    resp_text(req, 200, a.content_type, data, len);
    resp_header(req, "Content-Disposition", disposition(req, a.filename));
}

/* POST /api/v1/courses/{id}/certificates: issue the completion certificates. */
void api_course_certificates_issue(http_req *req)
{
    course_issued r;
    if (course_certificates_issue(req_ctx(req), req_id(req, 0), &r) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < r.ncertificates; i++) {
        const certificate *c = &r.certificates[i];
        json_array_append_new(
            items, json_pack("{s:I,s:s,s:I,s:s}", "id", (json_int_t)c->id, "number", c->number,
                             "holder_id", (json_int_t)c->holder_id, "holder_name", c->holder_name));
    }
    resp_json(req, 200,
              json_pack("{s:i,s:i,s:i,s:o}", "issued", r.issued, "existing", r.existing,
                        "not_completed", r.not_completed, "certificates", items));
}
