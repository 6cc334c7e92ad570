/* api_courses: the catalogue, courses, terms and teachers under /api/v1 (文化学堂). */
#include <stdlib.h>
#include <string.h>

#include "mod/courses/course.h"
#include "mod/courses/course_rating.h"
#include "mod/courses/enrolment.h"
#include "mod/courses/handlers.h"
#include "util/timeutil.h"

/* ---- JSON of the records (handlers.h) ---- */

json_t *api_term_json(const course_term *t)
{
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:s,s:i,s:i,s:b}", "id", (json_int_t)t->id,
                     "division", t->division, "name", t->name, "enrol_opens_at",
                     api_time(t->enrol_opens_at), "enrol_closes_at", api_time(t->enrol_closes_at),
                     "classes_from", t->classes_from, "classes_until", t->classes_until,
                     "max_courses", t->max_courses, "max_choices", t->max_choices,
                     "returning_after_new", t->returning_after_new);
}

static json_t *list_or_empty(const char *text)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return json_is_array(j) ? j : (json_decref(j), json_array());
}

json_t *api_teacher_json(const course_teacher *t)
{
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:s?,s:s}", "id", (json_int_t)t->id, "name", t->name,
                     "division", t->division, "specialties", list_or_empty(t->specialties),
                     "titles", list_or_empty(t->titles), "photo_url", t->photo_url, "bio",
                     t->bio ? t->bio : "");
}

static json_t *bound(int v)
{
    return v >= 0 ? json_integer(v) : json_null();
}

json_t *api_course_json(const course_view *v, int detail)
{
    const course *k = &v->k;
    json_t *j = json_pack(
        "{s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:s?,s:s,s:s?,s:o,s:s?,s:s?,s:o,s:i,s:s,s:s?,s:s?,s:b,s:s,"
        "s:s}",
        "id", (json_int_t)k->id, "title", k->title, "category", k->category, "level", k->level,
        "description", k->description ? k->description : "", "age_min", bound(k->age_min),
        "age_max", bound(k->age_max), "residence", k->residence, "division", k->division,
        "division_name", v->division_name, "venue_id",
        k->venue_id ? json_integer(k->venue_id) : json_null(), "venue_name", v->venue_name, "room",
        k->room, "schedule", list_or_empty(k->schedule), "places", k->places, "delivery",
        k->delivery, "online_kind", k->online_kind, "online_url", k->online_url, "staff_only",
        k->staff_only, "enrolment", k->enrolment, "status", k->status);
    json_object_set_new(j, "term", api_term_json(&v->term));
    json_object_set_new(j, "teacher",
                        k->teacher_id ? json_pack("{s:I,s:s?}", "id", (json_int_t)k->teacher_id,
                                                  "name", v->teacher_name)
                                      : json_null());
    if (!strcmp(k->enrolment, "first_come"))
        json_object_set_new(j, "places_left",
                            json_integer(k->taken < k->places ? k->places - k->taken : 0));
    else
        json_object_set_new(j, "applicants", json_integer(v->applicants));
    if (detail) {
        json_t *ss = json_array();
        for (size_t i = 0; i < v->nsessions; i++)
            json_array_append_new(ss, api_course_session_json(&v->sessions[i]));
        json_object_set_new(j, "sessions", ss);
    }
    return j;
}

json_t *api_course_session_json(const course_session *s)
{
    return json_pack("{s:I,s:o,s:o,s:s}", "id", (json_int_t)s->id, "starts_at",
                     api_time(s->starts_at), "ends_at", api_time(s->ends_at), "status", s->status);
}

/* ---- courses ---- */

void api_courses_list(http_req *req)
{
    course_query q = {0};
    int limit;
    if (req_limit(req, 20, 100, &limit) < 0)
        return;
    const char *term = req_query(req, "term"), *teacher = req_query(req, "teacher");
    char *end;
    if (term && *term && ((q.term_id = strtoll(term, &end, 10)) <= 0 || *end)) {
        resp_error(req, 400, "bad_term", req_tr(req, "term is the id of a term."));
        return;
    }
    if (teacher && *teacher && ((q.teacher_id = strtoll(teacher, &end, 10)) <= 0 || *end)) {
        resp_error(req, 400, "bad_teacher", req_tr(req, "teacher is the id of a teacher."));
        return;
    }
    q.division = req_query(req, "division");
    q.category = req_query(req, "category");
    q.q = req_query(req, "q");
    q.cursor = req_query(req, "cursor");
    q.limit = limit;
    course_view *vs;
    size_t n;
    const char *next;
    if (course_search(req_ctx(req), &q, &vs, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, api_course_json(&vs[i], 0));
    resp_json(req, 200,
              json_pack("{s:o,s:o}", "items", items, "next_cursor",
                        next ? json_string(next) : json_null()));
}

void api_course_get(http_req *req)
{
    course_view v;
    if (course_get(req_ctx(req), req_id(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = api_course_json(&v, 1);
    if (api_rating_add(req, j, COURSE_RATING_KIND, v.k.id) < 0) {
        json_decref(j);
        resp_fail(req);
        return;
    }
    resp_json(req, 200, j);
}

/* An optional integer member that may be null (-1 then, as when absent and unset). */
static int read_bound(http_req *req, json_t *b, const char *key, int *out)
{
    json_t *v = json_object_get(b, key);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = -1;
        return 0;
    }
    int64_t x;
    if (api_int(req, b, key, 0, &x) < 0)
        return -1;
    *out = x < 0 ? 0 : x > 1000 ? 1000 : (int)x;
    return 0;
}

/* A text member: the value, or null (NULL); when absent and not required, *out stays. */
static int keep_str(http_req *req, json_t *b, const char *key, int required, const char **out)
{
    if (!required && !json_object_get(b, key))
        return 0;
    return api_str(req, b, key, required, out);
}

/* The fields of a course present in body over k (all of them required at creation but
 * those with defaults). -1 with the 400 answered. */
static int read_course(http_req *req, json_t *b, int create, course *k)
{
    int64_t term = k->term_id, teacher = k->teacher_id, venue = k->venue_id, places = k->places;
    const char *residence = k->residence;
    if (api_int(req, b, "term_id", create, &term) < 0 ||
        keep_str(req, b, "title", create, &k->title) < 0 ||
        keep_str(req, b, "category", create, &k->category) < 0 ||
        keep_str(req, b, "division", create, &k->division) < 0 ||
        keep_str(req, b, "level", 0, &k->level) < 0 ||
        keep_str(req, b, "description", 0, &k->description) < 0 ||
        keep_str(req, b, "room", 0, &k->room) < 0 ||
        keep_str(req, b, "delivery", 0, &k->delivery) < 0 ||
        keep_str(req, b, "online_kind", 0, &k->online_kind) < 0 ||
        keep_str(req, b, "online_url", 0, &k->online_url) < 0 ||
        keep_str(req, b, "enrolment", create, &k->enrolment) < 0 ||
        api_int(req, b, "places", create, &places) < 0 ||
        read_bound(req, b, "age_min", &k->age_min) < 0 ||
        read_bound(req, b, "age_max", &k->age_max) < 0)
        return -1;
    /* teacher, venue and residence may be null: none */
    json_t *v;
    if ((v = json_object_get(b, "teacher_id")) && json_is_null(v))
        teacher = 0;
    else if (api_int(req, b, "teacher_id", 0, &teacher) < 0)
        return -1;
    if ((v = json_object_get(b, "venue_id")) && json_is_null(v))
        venue = 0;
    else if (api_int(req, b, "venue_id", 0, &venue) < 0)
        return -1;
    if ((v = json_object_get(b, "residence")) && json_is_null(v))
        residence = NULL;
    else if (keep_str(req, b, "residence", 0, &residence) < 0)
        return -1;
    if ((v = json_object_get(b, "staff_only"))) {
        if (!json_is_boolean(v)) {
            resp_error(req, 400, "bad_field", req_tr(req, "staff_only is true or false."));
            return -1;
        }
        k->staff_only = json_is_true(v);
    }
    json_t *sched = json_object_get(b, "schedule");
    if (sched) {
        char *text = json_is_array(sched) ? json_dumps(sched, JSON_COMPACT) : NULL;
        if (!text) {
            resp_error(req, 400, "bad_schedule",
                       req_tr(req, "schedule is a list of {weekday, starts, ends}."));
            return -1;
        }
        k->schedule = arena_strdup(&req->a, text);
        free(text);
    } else if (create) {
        resp_error(req, 400, "missing_field", req_tr(req, "A course needs its weekly schedule."));
        return -1;
    }
    k->term_id = term;
    k->teacher_id = teacher;
    k->venue_id = venue;
    k->residence = residence;
    k->places = places < 0 ? 0 : places > 1000000 ? 1000000 : (int)places;
    return 0;
}

void api_course_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    course k = {.age_min = -1, .age_max = -1};
    int64_t id;
    course_view v;
    if (read_course(req, b, 1, &k) < 0)
        goto out;
    if (check_mem(req_ctx(req)) < 0 || course_create(req_ctx(req), &k, &id) < 0 ||
        course_get(req_ctx(req), id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, api_course_json(&v, 1));
out:
    json_decref(b);
}

void api_course_update(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    course_view v;
    int64_t id = req_id(req, 0);
    if (course_get(req_ctx(req), id, &v) < 0) {
        resp_fail(req);
        goto out;
    }
    course k = v.k;
    if (read_course(req, b, 0, &k) < 0)
        goto out;
    if (check_mem(req_ctx(req)) < 0 || course_update(req_ctx(req), &k) < 0 ||
        course_get(req_ctx(req), id, &v) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, api_course_json(&v, 1));
out:
    json_decref(b);
}

void api_course_submit(http_req *req)
{
    api_submit(req, course_submit);
}

void api_course_cancel(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (course_cancel(req_ctx(req), id) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "cancelled"));
}

/* ---- terms ---- */

void api_terms_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    course_term *ts;
    size_t n;
    if (term_list(req_ctx(req), req_query(req, "division"), cursor, limit, &ts, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, api_term_json(&ts[i]));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? ts[n - 1].id : 0));
}

void api_term_get(http_req *req)
{
    course_term t;
    if (term_get(req_ctx(req), req_id(req, 0), &t) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, api_term_json(&t));
}

void api_term_lottery(http_req *req)
{
    lottery_row r;
    if (course_term_lottery(req_ctx(req), req_id(req, 0), &r) < 0)
        resp_fail(req);
    else
        resp_json(req, 200,
                  json_pack("{s:I,s:s,s:o,s:o}", "id", (json_int_t)r.id, "status", r.status, "url",
                            json_sprintf("/api/v1/lotteries/%lld", (long long)r.id), "page_url",
                            json_sprintf("/lotteries/%lld", (long long)r.id)));
}

static int read_time(http_req *req, json_t *o, const char *key, int required, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v)) {
        if (!required)
            return 0;
    } else if (json_is_string(v) && time_parse_rfc3339(json_string_value(v), out) == 0) {
        return 0;
    }
    resp_error(req, 400, "bad_time",
               arena_sprintf(&req->a, req_tr(req, "%s is an RFC 3339 time with its offset."), key));
    return -1;
}

static int read_term(http_req *req, json_t *b, int create, course_term *t)
{
    int64_t mc = t->max_courses, mx = t->max_choices;
    if (keep_str(req, b, "name", create, &t->name) < 0 ||
        (create && keep_str(req, b, "division", 1, &t->division) < 0) ||
        read_time(req, b, "enrol_opens_at", create, &t->enrol_opens_at) < 0 ||
        read_time(req, b, "enrol_closes_at", create, &t->enrol_closes_at) < 0 ||
        keep_str(req, b, "classes_from", create, &t->classes_from) < 0 ||
        keep_str(req, b, "classes_until", create, &t->classes_until) < 0 ||
        api_int(req, b, "max_courses", 0, &mc) < 0 || api_int(req, b, "max_choices", 0, &mx) < 0)
        return -1;
    json_t *r = json_object_get(b, "returning_after_new");
    if (r && !json_is_boolean(r)) {
        resp_error(req, 400, "bad_field", req_tr(req, "returning_after_new is true or false."));
        return -1;
    }
    if (r)
        t->returning_after_new = json_is_true(r);
    t->max_courses = mc < 0 ? 0 : mc > 100 ? 100 : (int)mc;
    t->max_choices = mx < 0 ? 0 : mx > 100 ? 100 : (int)mx;
    return 0;
}

void api_term_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    course_term t = {.max_courses = 2, .max_choices = 3};
    int64_t id;
    if (read_term(req, b, 1, &t) == 0) {
        if (term_create(req_ctx(req), &t, &id) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, api_term_json(&t));
    }
    json_decref(b);
}

void api_term_update(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    course_term t;
    int64_t id = req_id(req, 0);
    if (term_get(req_ctx(req), id, &t) < 0)
        resp_fail(req);
    else if (read_term(req, b, 0, &t) == 0) {
        if (term_update(req_ctx(req), &t) < 0 || term_get(req_ctx(req), id, &t) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, api_term_json(&t));
    }
    json_decref(b);
}

/* ---- teachers ---- */

void api_teachers_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    course_teacher *ts;
    size_t n;
    if (teacher_list(req_ctx(req), req_query(req, "division"), cursor, limit, &ts, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, api_teacher_json(&ts[i]));
    resp_json(req, 200, api_page(items, n == (size_t)limit ? ts[n - 1].id : 0));
}

void api_teacher_get(http_req *req)
{
    course_teacher t;
    int64_t id = req_id(req, 0);
    if (teacher_get(req_ctx(req), id, &t) < 0) {
        resp_fail(req);
        return;
    }
    /* with the teacher's published courses */
    course_query q = {.teacher_id = id, .limit = 100};
    course_view *vs;
    size_t n;
    const char *next;
    if (course_search(req_ctx(req), &q, &vs, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = api_teacher_json(&t);
    json_t *cs = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(cs, api_course_json(&vs[i], 0));
    json_object_set_new(j, "courses", cs);
    if (api_rating_add(req, j, TEACHER_RATING_KIND, id) < 0) {
        json_decref(j);
        resp_fail(req);
        return;
    }
    resp_json(req, 200, j);
}

/* specialties and titles: JSON arrays, kept as their text for the rules to check */
static int read_list(http_req *req, json_t *b, const char *key, const char **out)
{
    json_t *v = json_object_get(b, key);
    if (!v)
        return 0;
    char *text = json_is_array(v) ? json_dumps(v, JSON_COMPACT) : NULL;
    if (!text) {
        resp_error(req, 400, "bad_field",
                   arena_sprintf(&req->a, req_tr(req, "%s is a list of texts."), key));
        return -1;
    }
    *out = arena_strdup(&req->a, text);
    free(text);
    return 0;
}

static int read_teacher(http_req *req, json_t *b, course_teacher *t)
{
    json_t *p = json_object_get(b, "photo_url");
    if (p && json_is_null(p))
        t->photo_url = "";
    else if (api_str(req, b, "photo_url", 0, &t->photo_url) < 0)
        return -1;
    return api_str(req, b, "name", 0, &t->name) < 0 || api_str(req, b, "bio", 0, &t->bio) < 0 ||
                   read_list(req, b, "specialties", &t->specialties) < 0 ||
                   read_list(req, b, "titles", &t->titles) < 0
               ? -1
               : 0;
}

void api_teacher_create(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    course_teacher t = {0};
    int64_t id;
    if (api_int(req, b, "user_id", 1, &t.user_id) == 0 &&
        api_str(req, b, "division", 1, &t.division) == 0 && read_teacher(req, b, &t) == 0) {
        if (t.photo_url && !*t.photo_url)
            t.photo_url = NULL;
        if (check_mem(req_ctx(req)) < 0 || teacher_create(req_ctx(req), &t, &id) < 0 ||
            teacher_get(req_ctx(req), id, &t) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, api_teacher_json(&t));
    }
    json_decref(b);
}

void api_teacher_update(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    course_teacher t = {0};
    int64_t id = req_id(req, 0);
    if (read_teacher(req, b, &t) == 0) {
        if (check_mem(req_ctx(req)) < 0 || teacher_update(req_ctx(req), id, &t) < 0 ||
            teacher_get(req_ctx(req), id, &t) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, api_teacher_json(&t));
    }
    json_decref(b);
}
