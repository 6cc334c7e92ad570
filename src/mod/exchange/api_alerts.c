/* api_alerts: GET /api/v1/exchange/alerts, and the inbox's sentence of an alert (exchange.h
 * decides). */
#include "mod/exchange/exchange.h"
#include "mod/exchange/handlers.h"

#include <string.h>

void api_exchange_alerts(http_req *req)
{
    int limit;
    int64_t cursor, next;
    if (req_page(req, (int)config_module_int(req_ctx(req)->cfg, "exchange", "page_size"), 100,
                 &limit, &cursor) < 0)
        return;
    exchange_alert *al;
    size_t n;
    if (exchange_alerts(req_ctx(req), req_query(req, "division"), cursor, limit, &al, &n, &next) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s,s:I,s:s,s:s}", "kind", al[i].kind, "partner_id",
                              (json_int_t)al[i].partner_id, "partner", al[i].partner_name,
                              "division", al[i].division);
        if (!o)
            continue;
        if (al[i].programme_id) {
            json_object_set_new(o, "programme_id", json_integer(al[i].programme_id));
            json_object_set_new(o, "programme", json_string(al[i].programme));
            json_object_set_new(o, "month", json_string(al[i].month));
            json_object_set_new(o, "agreement_id", json_integer(al[i].agreement_id));
            json_object_set_new(o, "agreement", json_string(al[i].agreement));
        } else if (al[i].followup_id) {
            json_object_set_new(o, "followup_id", json_integer(al[i].followup_id));
            json_object_set_new(o, "followup", json_string(al[i].followup));
            json_object_set_new(o, "due_on", json_string(al[i].due_on));
        } else if (al[i].agreement_id) {
            json_object_set_new(o, "agreement_id", json_integer(al[i].agreement_id));
            json_object_set_new(o, "agreement", json_string(al[i].agreement));
            json_object_set_new(o, "renew_on", json_string(al[i].renew_on));
        } else
            json_object_set_new(o, "last_contact",
                                al[i].last_contact ? json_string(al[i].last_contact) : json_null());
        json_array_append_new(arr, o);
    }
    resp_json(req, 200, api_page(arr, next));
}

const char *web_exchange_alert_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    const char *what = n->title ? n->title : "?";
    const char *partner = json_string_value(json_object_get(p, "partner"));
    const char *date = json_string_value(json_object_get(p, "renew_on"));
    const char *t;
    if (!strcmp(n->kind, exchange_kind_dormant.name)) {
        date = json_string_value(json_object_get(p, "last_contact"));
        t = date
                ? arena_sprintf(&req->a, req_tr(req, "No exchange with the partner “%s” since %s."),
                                what, date)
                : arena_sprintf(&req->a, req_tr(req, "No exchange with the partner “%s” yet."),
                                what);
    } else if (!strcmp(n->kind, exchange_kind_followup_overdue.name)) {
        date = json_string_value(json_object_get(p, "due_on"));
        t = arena_sprintf(
            &req->a, req_tr(req, "The follow-up “%s” with “%s” was due on %s and is still open."),
            what, partner ? partner : "?", date ? date : "?");
    } else if (!strcmp(n->kind, exchange_kind_programme_overdue.name)) {
        const char *agreement = json_string_value(json_object_get(p, "agreement"));
        date = json_string_value(json_object_get(p, "month"));
        t = arena_sprintf(&req->a,
                          req_tr(req, "The programme item “%s” of the agreement “%s” with “%s” "
                                      "was planned for %s and is not done."),
                          what, agreement ? agreement : "?", partner ? partner : "?",
                          date ? date : "?");
    } else if (!strcmp(n->kind, exchange_kind_renewal_due.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "The agreement “%s” with “%s” is due for renewal on %s."),
                          what, partner ? partner : "?", date ? date : "?");
    else
        t = arena_sprintf(&req->a,
                          req_tr(req, "The agreement “%s” with “%s” was due for renewal on %s."),
                          what, partner ? partner : "?", date ? date : "?");
    json_decref(p);
    return t;
}
