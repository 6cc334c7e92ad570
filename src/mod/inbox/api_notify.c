/*
 * api_notify: the inbox (my notifications) and the webhooks of a subtree. A notification's
 * item is the same for every kind (what it is about, its snapshot, its sentence), and the
 * module that sends its kind may add fields of its own (mod/module.h, wy_notify_kind.json).
 */
#include <stdlib.h>
#include <string.h>

#include "mod/inbox/handlers.h"
#include "core/notify.h"
#include "mod/module.h"

static json_t *text_json(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *notification_json(http_req *req, const notification *n)
{
    json_t *params = n->params ? json_loads(n->params, 0, NULL) : NULL;
    json_t *item = json_pack(
        "{s:I,s:s,s:{s:s,s:I},s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b}", "id", (json_int_t)n->id, "kind",
        n->kind, "subject", "type", n->subject_type, "id", (json_int_t)n->subject_id, "title",
        text_json(n->title), "href", text_json(n->href), "at", api_time(n->at), "text",
        text_json(inbox_text(req, n)), "params", params ? params : json_object(), "created_at",
        api_time(n->created_at), "read_at", api_time(n->read_at), "unread", n->read_at == 0);
    const wy_notify_kind *k = item ? modules_notify_kind(n->kind) : NULL;
    if (k && k->json)
        k->json(n, item);
    return item;
}

void api_inbox(http_req *req)
{
    int limit;
    int64_t cursor, unread;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    notification *ns;
    size_t n;
    if (notify_inbox(req_ctx(req), cursor, limit, &ns, &n, &unread) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, notification_json(req, &ns[i]));
    json_t *page = api_page(items, n == (size_t)limit ? ns[n - 1].id : 0);
    json_object_set_new(page, "unread", json_integer(unread));
    resp_json(req, 200, page);
}

void api_inbox_read(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    json_t *ids = json_object_get(b, "ids");
    int all = json_is_true(json_object_get(b, "all"));
    if (!all && !json_is_array(ids)) {
        resp_error(req, 400, "bad_ids", req_tr(req, "Give 1 to 500 ids, or all."));
        json_decref(b);
        return;
    }
    size_t n = json_array_size(ids);
    int64_t *v = arena_alloc(&req->a, (n + 1) * sizeof(*v)), changed = 0, unread = 0;
    for (size_t i = 0; v && i < n; i++) {
        json_t *x = json_array_get(ids, i);
        v[i] = json_is_integer(x) ? json_integer_value(x) : -1;
    }
    json_decref(b);
    wy_ctx *ctx = req_ctx(req);
    if (!v || notify_mark_read(ctx, v, n, all, &changed, &unread) < 0) {
        resp_fail(req);
        return;
    }
    resp_json(req, 200,
              json_pack("{s:I,s:I}", "marked", (json_int_t)changed, "unread", (json_int_t)unread));
}

static json_t *webhook_json(const webhook *w, int with_secret)
{
    json_t *kinds = json_array();
    if (w->kinds) {
        char *dup = strdup(w->kinds), *save = NULL;
        for (char *k = dup ? strtok_r(dup, ",", &save) : NULL; k; k = strtok_r(NULL, ",", &save))
            json_array_append_new(kinds, json_string(k));
        free(dup);
    }
    json_t *o =
        json_pack("{s:I,s:s,s:s,s:o,s:b,s:I,s:o}", "id", (json_int_t)w->id, "url", w->url,
                  "division", w->division, "kinds", kinds, "active", w->active, "created_by",
                  (json_int_t)w->created_by, "created_at", api_time(w->created_at));
    if (with_secret)
        json_object_set_new(o, "secret", json_string(w->secret));
    return o;
}

void api_webhooks_list(http_req *req)
{
    webhook *ws;
    size_t n;
    if (webhook_list(req_ctx(req), &ws, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, webhook_json(&ws[i], 0));
    resp_json(req, 200, json_pack("{s:o}", "items", items));
}

void api_webhook_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    const char *url, *division, *secret;
    json_t *kinds = json_object_get(b, "kinds");
    if (api_str(req, b, "url", 1, &url) < 0 || api_str(req, b, "division", 1, &division) < 0 ||
        api_str(req, b, "secret", 0, &secret) < 0)
        goto out;
    const char *list = NULL;
    if (kinds && !json_is_null(kinds)) {
        if (!json_is_array(kinds) || json_array_size(kinds) == 0 || json_array_size(kinds) > 10) {
            resp_error(req, 400, "bad_kinds", req_tr(req, "kinds is a list of event kinds."));
            goto out;
        }
        /* the domain checks each kind; what is not a kind's text becomes "?", which no kind is */
        strbuf sb = STRBUF_INIT_MAX(256);
        int full = 0;
        for (size_t i = 0; i < json_array_size(kinds); i++) {
            const char *k = json_string_value(json_array_get(kinds, i));
            full |= sb_addf(&sb, "%s%s", i ? "," : "", k && *k && !strchr(k, ',') ? k : "?") < 0;
        }
        list = arena_strdup(&req->a, sb.len && !full ? sb.buf : "?");
        sb_release(&sb);
    }
    webhook w;
    if (webhook_create(req_ctx(req), url, division, list, secret, &w) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, webhook_json(&w, 1));
out:
    json_decref(b);
}

void api_webhook_delete(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (webhook_delete(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "deleted", 1));
}
