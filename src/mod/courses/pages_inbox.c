/*
 * pages_inbox: what the inbox (mod/inbox) says of the courses' notifications, in the reader's
 * language, from each one's snapshot (the course's or term's title) and params: a first-come
 * place, a lottery's result (the places offered with their deadline, the waiting lists with
 * the positions), a place offered from a waiting list, an offer lapsed, a place given up. The
 * descriptor (module.c) lends it to the inbox with the kinds.
 */
#include <jansson.h>
#include <string.h>

#include "mod/courses/enrolment.h"
#include "mod/courses/handlers.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

/* An RFC 3339 time of params as local "YYYY-MM-DD HH:MM" (China time), or "?". */
static const char *local_time(http_req *req, const char *rfc)
{
    int64_t ms = 0;
    if (!rfc || time_parse_rfc3339(rfc, &ms) != 0)
        return "?";
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0';
    buf[10] = ' ';
    return arena_strdup(&req->a, buf);
}

/* The titles of a JSON array of courses, "“A”, “B”"; with positions "“A” (no. 3)". */
static const char *titles(http_req *req, json_t *list, int positions)
{
    strbuf sb = STRBUF_INIT;
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x)
    {
        const char *t = json_string_value(json_object_get(x, "title"));
        const char *one =
            positions ? arena_sprintf(&req->a, req_tr(req, "“%s” (no. %d)"), t ? t : "?",
                                      (int)json_integer_value(json_object_get(x, "position")))
                      : arena_sprintf(&req->a, "“%s”", t ? t : "?");
        if (i)
            sb_adds(&sb, req_tr(req, ", "));
        if (one)
            sb_adds(&sb, one);
    }
    const char *out = arena_strdup(&req->a, sb.buf ? sb.buf : "");
    sb_release(&sb);
    return out;
}

static const char *lottery_text(http_req *req, const notification *n, json_t *p)
{
    json_t *offered = json_object_get(p, "offered"), *waiting = json_object_get(p, "waiting");
    const char *term = n->title ? n->title : "?";
    const char *t = "";
    if (json_array_size(offered))
        t = arena_sprintf(&req->a,
                          req_tr(req, "The lottery of %s: a place in %s is offered to you; confirm "
                                      "it on My courses by %s."),
                          term, titles(req, offered, 0),
                          local_time(req, json_string_value(json_object_get(
                                              json_array_get(offered, 0), "confirm_by"))));
    else
        t = arena_sprintf(&req->a, req_tr(req, "The lottery of %s: no place this time."), term);
    if (t && json_array_size(waiting))
        t = arena_sprintf(&req->a, "%s %s", t,
                          arena_sprintf(&req->a, req_tr(req, "You are on the waiting list of %s."),
                                        titles(req, waiting, 1)));
    return t;
}

const char *web_course_note_text(http_req *req, const notification *n)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    const char *title = n->title ? n->title : "?";
    const char *t;
    if (!strcmp(n->kind, course_kind_lottery.name))
        t = lottery_text(req, n, p);
    else if (!strcmp(n->kind, course_kind_offer.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "A place in “%s” has freed and is offered to you from the "
                                      "waiting list; confirm it on My courses by %s."),
                          title,
                          local_time(req, json_string_value(json_object_get(p, "confirm_by"))));
    else if (!strcmp(n->kind, course_kind_lapsed.name))
        t = arena_sprintf(&req->a,
                          req_tr(req, "The place offered to you in “%s” was not confirmed in time "
                                      "and has gone to the waiting list."),
                          title);
    else if (!strcmp(n->kind, course_kind_annulled.name)) {
        const char *reason = json_string_value(json_object_get(p, "reason"));
        t = arena_sprintf(&req->a,
                          req_tr(req, "Your results in the lottery of “%s” have been annulled by a "
                                      "published correction: %s"),
                          title, reason ? reason : "");
    } else if (!strcmp(n->kind, course_kind_withdrawn.name)) {
        t = arena_sprintf(&req->a, req_tr(req, "You have given up your place in “%s”."), title);
    } else {
        t = arena_sprintf(
            &req->a, req_tr(req, "You have a place in “%s”: show its QR code at each session."),
            title);
    }
    json_decref(p);
    return t;
}

void api_course_note_json(const notification *n, json_t *item)
{
    json_t *p = n->params ? json_loads(n->params, 0, NULL) : NULL;
    static const char *const keys[] = {"course_id",      "enrolment_id", "confirm_by",
                                       "application_id", "offered",      "waiting",
                                       "correction_id",  "reason"};
    for (size_t i = 0; p && i < sizeof(keys) / sizeof(keys[0]); i++) {
        json_t *v = json_object_get(p, keys[i]);
        if (v)
            json_object_set(item, keys[i], v);
    }
    json_decref(p);
}
