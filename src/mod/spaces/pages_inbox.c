/*
 * pages_inbox: what the inbox (mod/inbox) says of a decision on one's space booking, in the
 * reader's language: what, where, when (and how many weeks of a series), and the reason of a
 * rejection, all from the notification's params. The descriptor (module.c) lends it to the
 * inbox with the kinds.
 */
#include <jansson.h>
#include <string.h>

#include "mod/spaces/handlers.h"
#include "mod/spaces/space.h"
#include "util/timeutil.h"

static const char *local_time(http_req *req, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0'; /* YYYY-MM-DDTHH:MM */
    buf[10] = ' ';
    return arena_strdup(&req->a, buf);
}

const char *web_space_decision_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    const char *title = json_string_value(json_object_get(p, "title"));
    const char *space = json_string_value(json_object_get(p, "space"));
    const char *why = json_string_value(json_object_get(p, "reason"));
    const char *starts = json_string_value(json_object_get(p, "starts_at"));
    json_int_t weeks = json_integer_value(json_object_get(p, "occurrences"));
    int64_t ms = 0;
    const char *at = starts && time_parse_rfc3339(starts, &ms) == 0 ? local_time(req, ms) : "";
    title = title ? title : "?";
    space = space ? space : "?";
    const char *t =
        !strcmp(n->kind, space_kind_approved.name)
            ? arena_sprintf(&req->a, req_tr(req, "Your request for “%s” at %s on %s is approved."),
                            title, space, at)
            : arena_sprintf(&req->a,
                            req_tr(req, "Your request for “%s” at %s on %s is not approved. "
                                        "Reason: %s"),
                            title, space, at, why ? why : "");
    if (t && weeks > 1)
        t = arena_sprintf(
            &req->a, "%s %s", t,
            arena_sprintf(&req->a, req_tr(req, "(%lld weeks of the series)"), (long long)weeks));
    json_decref(p);
    return t;
}
