/* api_volunteers: organisations, teams and volunteers' profiles. */
#include "mod/volunteers/handlers.h"
#include "mod/volunteers/volunteer.h"

#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/authz.h"
#include "core/certificate.h"

static json_t *org_json(const volunteer_org *o)
{
    json_t *j =
        json_pack("{s:I,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)o->id, "kind",
                  o->parent_id ? "team" : "organisation", "division", o->division, "name", o->name,
                  "description", o->description, "created_at", api_time(o->created_at));
    json_object_set_new(j, "parent_id", o->parent_id ? json_integer(o->parent_id) : json_null());
    json_object_set_new(j, "archived_at", o->archived_at ? api_time(o->archived_at) : json_null());
    return j;
}

/* ",a,b," -> ["a", "b"] */
static json_t *list_json(const char *s)
{
    json_t *arr = json_array();
    while (s && *s) {
        const char *e = strchr(s + 1, ',');
        if (!e)
            break;
        if (e > s + 1)
            json_array_append_new(arr, json_stringn(s + 1, (size_t)(e - s - 1)));
        s = e;
    }
    return arr;
}

/* The volunteer's own profile, whole but for the phone (masked, as everywhere). */
static json_t *own_json(const volunteer *v, int64_t now)
{
    char phone[PHONE_MASKED_MAX];
    account_mask_phone(v->phone, phone);
    json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:o,s:s,s:b,s:o}", "id", (json_int_t)v->id,
                          "real_name", v->real_name, "phone", phone, "birth_date", v->birth_date,
                          "skills", list_json(v->skills), "availability", v->availability, "areas",
                          list_json(v->areas), "division", v->division, "minor",
                          volunteer_age(v->birth_date, now) < VOLUNTEER_ADULT_AGE, "created_at",
                          api_time(v->created_at));
    json_object_set_new(j, "guardian",
                        v->guardian_name
                            ? json_pack("{s:s,s:s,s:s}", "name", v->guardian_name, "phone",
                                        v->guardian_phone, "consent_date", v->guardian_consent)
                            : json_null());
    return j;
}

/* A volunteer as staff see them in a list: name and phone masked, the age, not the birth
 * date; whether a guardian consented, not who. */
static json_t *staff_json(const volunteer *v, int64_t now)
{
    char phone[PHONE_MASKED_MAX], name[CERTIFICATE_NAME_MASKED];
    account_mask_phone(v->phone, phone);
    certificate_mask_name(v->real_name, name);
    int age = volunteer_age(v->birth_date, now);
    return json_pack("{s:I,s:s,s:s,s:i,s:b,s:b,s:o,s:s,s:o,s:s,s:o,s:I}", "id", (json_int_t)v->id,
                     "name", name, "phone", phone, "age", age, "minor", age < VOLUNTEER_ADULT_AGE,
                     "guardian_consent", v->guardian_name != NULL, "skills", list_json(v->skills),
                     "availability", v->availability, "areas", list_json(v->areas), "division",
                     v->division, "created_at", api_time(v->created_at), "no_shows",
                     (json_int_t)v->no_shows);
}

void api_volunteer_orgs_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    volunteer_org *os;
    size_t n;
    if (volunteer_org_list(req_ctx(req), req_query(req, "division"), cursor, limit, &os, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, org_json(&os[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? os[n - 1].id : 0));
}

void api_volunteer_org_get(http_req *req)
{
    volunteer_org o;
    if (volunteer_org_get(req_ctx(req), req_id(req, 0), &o) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, org_json(&o));
}

void api_volunteer_org_create(http_req *req)
{
    json_t *b = req_json(req);
    const char *division, *name, *description = NULL;
    int64_t parent_id = 0, id;
    if (!b)
        return;
    if (api_str(req, b, "division", 1, &division) < 0 || api_str(req, b, "name", 1, &name) < 0 ||
        api_str(req, b, "description", 0, &description) < 0 ||
        api_int(req, b, "parent_id", 0, &parent_id) < 0) {
        json_decref(b);
        return;
    }
    volunteer_org o;
    if (volunteer_org_create(req_ctx(req), division, parent_id, name, description, &id) < 0 ||
        volunteer_org_get(req_ctx(req), id, &o) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, org_json(&o));
    json_decref(b);
}

void api_volunteer_org_update(http_req *req)
{
    json_t *b = req_json(req);
    const char *name = NULL, *description = NULL;
    if (!b)
        return;
    volunteer_org o;
    int64_t id = req_id(req, 0);
    if (api_str(req, b, "name", 0, &name) == 0 &&
        api_str(req, b, "description", 0, &description) == 0) {
        if (volunteer_org_update(req_ctx(req), id, name, description) < 0 ||
            volunteer_org_get(req_ctx(req), id, &o) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, org_json(&o));
    }
    json_decref(b);
}

static json_t *coordinator_json(const org_coordinator *k)
{
    return json_pack("{s:I,s:s,s:s,s:o}", "user_id", (json_int_t)k->user_id, "name", k->name,
                     "phone", k->phone, "added_at", api_time(k->added_at));
}

static void answer_coordinators(http_req *req, int64_t org_id, int status)
{
    org_coordinator *ks;
    size_t n;
    if (volunteer_org_coordinators(req_ctx(req), org_id, &ks, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, coordinator_json(&ks[i]));
    resp_json(req, status, json_pack("{s:I,s:o}", "org_id", (json_int_t)org_id, "items", arr));
}

void api_volunteer_org_coordinators(http_req *req)
{
    answer_coordinators(req, req_id(req, 0), 200);
}

void api_volunteer_org_coordinator_add(http_req *req)
{
    json_t *b = req_json(req);
    const char *phone = NULL;
    int64_t user_id = 0, id = req_id(req, 0);
    if (!b)
        return;
    if (api_int(req, b, "user_id", 0, &user_id) == 0 && api_str(req, b, "phone", 0, &phone) == 0) {
        if (volunteer_org_coordinator_add(req_ctx(req), id, user_id, phone, NULL) < 0)
            resp_fail(req);
        else
            answer_coordinators(req, id, 201);
    }
    json_decref(b);
}

void api_volunteer_org_coordinator_remove(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (volunteer_org_coordinator_remove(req_ctx(req), id, req_id(req, 1)) < 0)
        resp_fail(req);
    else
        answer_coordinators(req, id, 200);
}

void api_volunteer_org_archive(http_req *req)
{
    volunteer_org o;
    int64_t id = req_id(req, 0);
    if (volunteer_org_archive(req_ctx(req), id) < 0 || volunteer_org_get(req_ctx(req), id, &o) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, org_json(&o));
}

void api_volunteers_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    volunteer *vs;
    size_t n;
    if (volunteer_list(req_ctx(req), req_query(req, "division"), req_query(req, "skill"), cursor,
                       limit, &vs, &n) < 0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = staff_json(&vs[i], req_ctx(req)->now);
        if (vol_photo_member(req, j, vs[i].id) < 0) {
            json_decref(j);
            json_decref(arr);
            resp_fail(req);
            return;
        }
        json_array_append_new(arr, j);
    }
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? vs[n - 1].id : 0));
}

/* A member that is a list of texts, into the request's arena; absent: none. */
static int read_texts(http_req *req, json_t *b, const char *key, const char ***out, size_t *n)
{
    json_t *v = json_object_get(b, key);
    *out = NULL;
    *n = 0;
    if (!v)
        return 0;
    if (!json_is_array(v) || json_array_size(v) > 32)
        goto bad;
    *out = arena_alloc(&req->a, (json_array_size(v) + 1) * sizeof(**out));
    if (!*out)
        goto bad;
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e))
            goto bad;
        (*out)[i] = arena_strdup(&req->a, json_string_value(e));
    }
    *n = json_array_size(v);
    return 0;
bad:
    resp_error(req, 400, "bad_field",
               arena_sprintf(&req->a, req_tr(req, "%s is a list of texts."), key));
    return -1;
}

/* A profile from the body (its strings live as long as b); -1 answered. */
static int read_profile(http_req *req, json_t *b, volunteer_input *in)
{
    const char **skills, **areas;
    *in = (volunteer_input){0};
    if (api_str(req, b, "real_name", 1, &in->real_name) < 0 ||
        api_str(req, b, "birth_date", 1, &in->birth_date) < 0 ||
        api_str(req, b, "availability", 0, &in->availability) < 0 ||
        api_str(req, b, "guardian_name", 0, &in->guardian_name) < 0 ||
        api_str(req, b, "guardian_phone", 0, &in->guardian_phone) < 0 ||
        api_str(req, b, "guardian_consent_date", 0, &in->guardian_consent) < 0 ||
        read_texts(req, b, "skills", &skills, &in->nskills) < 0 ||
        read_texts(req, b, "areas", &areas, &in->nareas) < 0)
        return -1;
    in->skills = skills;
    in->areas = areas;
    return 0;
}

void api_volunteer_register(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    volunteer_input in;
    int64_t id;
    volunteer v;
    if (read_profile(req, b, &in) == 0) {
        if (volunteer_register(req_ctx(req), &in, &id) < 0 || volunteer_me(req_ctx(req), &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 201, own_json(&v, req_ctx(req)->now));
    }
    json_decref(b);
}

void api_volunteer_update(http_req *req)
{
    json_t *b = req_json(req);
    if (!b)
        return;
    volunteer_input in;
    volunteer v;
    if (read_profile(req, b, &in) == 0) {
        if (volunteer_update(req_ctx(req), &in) < 0 || volunteer_me(req_ctx(req), &v) < 0)
            resp_fail(req);
        else
            resp_json(req, 200, own_json(&v, req_ctx(req)->now));
    }
    json_decref(b);
}

void api_volunteer_me(http_req *req)
{
    volunteer v;
    if (volunteer_me(req_ctx(req), &v) < 0) {
        resp_fail(req);
        return;
    }
    json_t *j = own_json(&v, req_ctx(req)->now);
    if (vol_photo_member(req, j, 0) < 0) {
        json_decref(j);
        resp_fail(req);
        return;
    }
    resp_json(req, 200, j);
}

static json_t *project_json(const volunteer_project *p)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)p->id, "org_id",
                     (json_int_t)p->org_id, "division", p->division, "title", p->title,
                     "description", p->description, "status", p->status, "created_at",
                     api_time(p->created_at), "published_at", api_time(p->published_at));
}

void api_volunteer_projects_list(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    volunteer_project *ps;
    size_t n;
    if (volunteer_project_list(req_ctx(req), req_query(req, "division"), cursor, limit, &ps, &n) <
        0) {
        resp_fail(req);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, project_json(&ps[i]));
    resp_json(req, 200, api_page(arr, n == (size_t)limit ? ps[n - 1].id : 0));
}

/* The pending revision of a published project, for its coordinators and reviewers: set as
 * "pending_revision" on j (null when none). 1 when there is one, 0 when not, -1 on error. */
static int add_revision(http_req *req, json_t *j, const volunteer_project *p)
{
    volunteer_project_revision r;
    int64_t review_id;
    int has = project_revision_pending(req_ctx(req), p, &r, &review_id);
    if (has <= 0) {
        if (has == 0 && !strcmp(p->status, "published") &&
            authz_allows(&req->who, PERM_VOLUNTEERS_MANAGE, p->division))
            json_object_set_new(j, "pending_revision", json_null());
        return has;
    }
    json_t *changes = json_object();
    if (r.fields & PROJECT_REV_TITLE)
        json_object_set_new(changes, "title", json_string(r.title ? r.title : ""));
    if (r.fields & PROJECT_REV_DESCRIPTION)
        json_object_set_new(changes, "description",
                            json_string(r.description ? r.description : ""));
    json_object_set_new(j, "pending_revision",
                        json_pack("{s:I,s:o,s:s,s:o,s:o}", "id", (json_int_t)r.id, "review_id",
                                  review_id ? json_integer(review_id) : json_null(), "status",
                                  r.status, "created_at", api_time(r.created_at), "changes",
                                  changes));
    return 1;
}

/* The project, with its pending revision for those who may see it; status 200, or 202 when
 * a change waits for review (pending_202). */
static void project_answer(http_req *req, const volunteer_project *p, int pending_202)
{
    json_t *j = project_json(p);
    int pending = add_revision(req, j, p);
    if (pending < 0) {
        json_decref(j);
        resp_fail(req);
    } else {
        resp_json(req, pending && pending_202 ? 202 : 200, j);
    }
}

void api_volunteer_project_get(http_req *req)
{
    volunteer_project p;
    if (volunteer_project_get(req_ctx(req), req_id(req, 0), &p) < 0)
        resp_fail(req);
    else
        project_answer(req, &p, 0);
}

void api_volunteer_project_create(http_req *req)
{
    json_t *b = req_json(req);
    const char *title, *description = NULL;
    int64_t org_id, id;
    if (!b)
        return;
    if (api_int(req, b, "org_id", 1, &org_id) < 0 || api_str(req, b, "title", 1, &title) < 0 ||
        api_str(req, b, "description", 0, &description) < 0) {
        json_decref(b);
        return;
    }
    volunteer_project p;
    if (volunteer_project_create(req_ctx(req), org_id, title, description, &id) < 0 ||
        volunteer_project_get(req_ctx(req), id, &p) < 0)
        resp_fail(req);
    else
        resp_json(req, 201, project_json(&p));
    json_decref(b);
}

void api_volunteer_project_update(http_req *req)
{
    json_t *b = req_json(req);
    const char *title = NULL, *description = NULL;
    if (!b)
        return;
    volunteer_project p;
    int64_t id = req_id(req, 0);
    if (api_str(req, b, "title", 0, &title) == 0 &&
        api_str(req, b, "description", 0, &description) == 0) {
        /* a published project: the change waits for review (202), the answer is what is
         * public with the pending revision beside it */
        if (volunteer_project_update(req_ctx(req), id, title, description) < 0 ||
            volunteer_project_get(req_ctx(req), id, &p) < 0)
            resp_fail(req);
        else
            project_answer(req, &p, !strcmp(p.status, "published"));
    }
    json_decref(b);
}

void api_volunteer_project_withdraw(http_req *req)
{
    volunteer_project p;
    int64_t id = req_id(req, 0);
    if (volunteer_project_withdraw(req_ctx(req), id) < 0 ||
        volunteer_project_get(req_ctx(req), id, &p) < 0)
        resp_fail(req);
    else
        resp_json(req, 200, project_json(&p));
}

void api_volunteer_project_submit(http_req *req)
{
    api_submit(req, volunteer_project_submit);
}
