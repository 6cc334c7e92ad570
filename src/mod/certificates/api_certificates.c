/* api_certificates: checking a code, a certificate whole, revoking it, and the holder's list
 * under /api/v1 (core/certificate.h). */
#include <stdlib.h>
#include <string.h>

#include "mod/certificates/handlers.h"

certificate_limits certificates_limits(http_req *req)
{
    const wy_config *cfg = req_ctx(req)->cfg;
    return (certificate_limits){
        (int)config_module_int(cfg, "certificates", "verify_per_minute"),
        (int)config_module_int(cfg, "certificates", "verify_per_hour"),
    };
}

const char *certificates_verify_url(http_req *req, const char *code)
{
    return req_url(req, arena_sprintf(&req->a, "/certificates/verify?code=%s", code));
}

/* the stored facts: a JSON array of {label, value} */
static json_t *facts_json(const char *text)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return json_is_array(j) ? j : (json_decref(j), json_array());
}

static const char *status_of(certificate_verdict v)
{
    return v == CERTIFICATE_VALID ? "valid" : v == CERTIFICATE_REVOKED ? "revoked" : "unknown";
}

/* GET /api/v1/certificates/verify?code=: what the public may know. */
void api_certificate_verify(http_req *req)
{
    const char *code = req_query(req, "code");
    if (!code || !*code) {
        resp_error(req, 400, "missing_code", req_tr(req, "Give the certificate's code."));
        return;
    }
    certificate_limits lim = certificates_limits(req);
    certificate_public p;
    if (certificate_verify(req_ctx(req), code, &lim, &p) < 0) {
        resp_fail(req);
        return;
    }
    if (p.verdict == CERTIFICATE_UNKNOWN) {
        resp_error(req, 404, "unknown_certificate",
                   req_tr(req, "No certificate has this code: check what was typed."));
        return;
    }
    json_t *j =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s,s:s,s:o}", "status", status_of(p.verdict),
                  "number", p.number, "kind", p.kind, "kind_label", req_tr(req, p.kind_label),
                  "title", p.title, "body", p.body ? p.body : "", "facts", facts_json(p.facts),
                  "holder", p.holder, "issuer", p.issuer, "issued_on", p.issued_on, "revoked_at",
                  p.revoked_at ? api_time(p.revoked_at) : json_null());
    resp_json(req, 200, j);
}

static json_t *certificate_json(http_req *req, const certificate *c)
{
    char shown[CERTIFICATE_CODE_SHOWN];
    certificate_code_shown(c->code, shown);
    const certificate_kind *k = certificate_kind_of(c->kind);
    json_t *j = json_pack(
        "{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:{s:o,s:s},s:s,s:s,s:o,s:s,s:s,s:s,s:o,s:s}", "id",
        (json_int_t)c->id, "number", c->number, "code", shown, "status", c->status, "kind", c->kind,
        "kind_label", req_tr(req, k ? k->label : c->kind), "subject_id", (json_int_t)c->subject_id,
        "holder", "id", c->holder_id ? json_integer(c->holder_id) : json_null(), "name",
        c->holder_name, "title", c->title, "body", c->body ? c->body : "", "facts",
        facts_json(c->facts), "issuer", c->issuer, "division", c->division, "issued_on",
        c->issued_on, "issued_at", api_time(c->issued_at), "verify_url",
        certificates_verify_url(req, c->code));
    json_object_set_new(j, "revoked_at", c->revoked_at ? api_time(c->revoked_at) : json_null());
    json_object_set_new(j, "revoke_reason",
                        c->revoke_reason ? json_string(c->revoke_reason) : json_null());
    return j;
}

void api_certificate_get(http_req *req)
{
    certificate c;
    if (certificate_get(req_ctx(req), req_id(req, 0), &c) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, certificate_json(req, &c));
}

void api_certificate_revoke(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *reason = NULL;
    certificate c;
    int64_t id = req_id(req, 0);
    if (api_str(req, b, "reason", 0, &reason) == 0) {
        if (certificate_revoke(req_ctx(req), id, reason) < 0 ||
            certificate_get(req_ctx(req), id, &c) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, certificate_json(req, &c));
    }
    json_decref(b);
}

void api_my_certificates(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    certificate *cs;
    size_t n;
    if (certificate_mine(req_ctx(req), cursor, limit, &cs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, certificate_json(req, &cs[i]));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? cs[n - 1].id : 0));
}
