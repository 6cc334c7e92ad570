/*
 * pages_staff: the forms of the staff who manage courses (the admin console's 课程管理): the
 * terms and courses of their area in every state, a term opened and changed, a course
 * written with its weekly schedule, changed while it is a draft (or rejected), and submitted
 * to review. The rules are the API's (term_create, course_create, course_update,
 * course_submit); a form the rules refuse comes back with what was typed and the rule's
 * message at the field it names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/authz.h"
#include "core/division.h"
#include "mod/admin/handlers.h" /* admin_nav: the console's menu */
#include "mod/courses/course.h"
#include "mod/courses/handlers.h"
#include "mod/venues/venue.h"
#include "util/timeutil.h"

#define N_(s) s

#define FORM_SLOTS 4 /* schedule rows a form shows beyond those a course has */

/* the second branches of ?: (xgettext takes only the first) */
static const char *const terms[] __attribute__((unused)) = {
    N_("Open a term"),
    N_("Open the term"),
    N_("Starts"),
};

static const char *const weekday_names[] = {
    "",           N_("Monday"),   N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday")};

/* ---- flashes ---- */

static const web_flash_msg flashes[] = {
    {"term_created", N_("The term is open for courses."), 0},
    {"term_saved", N_("The term is saved."), 0},
    {"course_saved", N_("The course is saved as a draft."), 0},
    {"course_submitted", N_("The course is submitted for review."), 0},
};

/* ---- form pieces ---- */

/* Does the refusal e name this field? */
static int at(const wy_error *e, const char *name)
{
    return e && e->cls && e->field && !strcmp(e->field, name);
}

/* The refusal at the top of a form (and why, at its field: field_note). */
static void form_refusal(http_req *req, html *h, const wy_error *e)
{
    if (!e || !e->cls)
        return;
    html_lit(h, "<p class=\"form-error\" role=\"alert\" id=\"form-error\">");
    web_t(req, h, e->message ? e->message : "Something went wrong on our side.");
    html_lit(h, "</p>");
}

static void field_note(http_req *req, html *h, const wy_error *e, const char *name)
{
    if (!at(e, name))
        return;
    html_lit(h, "<p class=\"form-error field-error\" id=\"error-");
    html_attr(h, name);
    html_lit(h, "\">");
    web_t(req, h, e->message);
    html_lit(h, "</p>");
}

static void invalid_attr(html *h, const wy_error *e, const char *name)
{
    if (!at(e, name))
        return;
    html_lit(h, " aria-invalid=\"true\" aria-describedby=\"error-");
    html_attr(h, name);
    html_lit(h, "\"");
}

/* <label>label<input type name value></label>, marked when the refusal names it */
static void input(http_req *req, html *h, const wy_error *e, const char *name, const char *label,
                  const char *type, const char *value, int required)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, "<input type=\"");
    html_attr(h, type);
    html_lit(h, "\" name=\"");
    html_attr(h, name);
    html_lit(h, "\" value=\"");
    html_attr(h, value ? value : "");
    html_lit(h, "\"");
    if (required)
        html_lit(h, " required");
    invalid_attr(h, e, name);
    html_lit(h, "></label>");
    field_note(req, h, e, name);
}

static const char *int_text(http_req *req, int64_t v, int64_t none)
{
    return v == none ? "" : arena_sprintf(&req->a, "%lld", (long long)v);
}

/* A <select> of values (NULL-terminated) shown translated. */
static void select_of(http_req *req, html *h, const wy_error *e, const char *name,
                      const char *label, const char *const *values, const char *current)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, "<select name=\"");
    html_attr(h, name);
    html_lit(h, "\"");
    invalid_attr(h, e, name);
    html_lit(h, ">");
    for (int i = 0; values[i]; i++) {
        html_lit(h, "<option value=\"");
        html_attr(h, values[i]);
        html_lit(h, "\"");
        if (current && !strcmp(current, values[i]))
            html_lit(h, " selected");
        html_lit(h, ">");
        web_t(req, h, values[i]);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></label>");
    field_note(req, h, e, name);
}

/* The page of a refused form: the rules' refusals of input come back to the form, with the
 * status of their class; anything else (not allowed, not found) is the error page. */
static int form_status(const wy_error *e)
{
    if (e->cls == E_INVALID || e->cls == E_RULE || e->cls == E_CONFLICT ||
        (e->cls == E_FORBIDDEN && e->field))
        return errclass_status(e->cls);
    return 0;
}

/* "2027-02-20T09:00" (a datetime-local field, China time) of a time in ms; "" for 0 */
static const char *local_minute(http_req *req, int64_t ms)
{
    if (!ms)
        return "";
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0';
    return arena_strdup(&req->a, buf);
}

/* a datetime-local field as ms (China time); 0 when it is not one */
static int64_t form_minute(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    int64_t ms;
    if (!v || strlen(v) != 16 ||
        time_parse_rfc3339(arena_sprintf(&req->a, "%s:00+08:00", v), &ms) < 0)
        return 0;
    return ms;
}

/* an integer field: none when empty, bad when it is not a number */
static int64_t form_int(http_req *req, const char *name, int64_t none, int64_t bad)
{
    const char *v = req_form(req, name);
    if (!v || !*v)
        return none;
    char *end;
    long long x = strtoll(v, &end, 10);
    return *end ? bad : x;
}

static const char *form_text(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    return v && *v ? v : NULL;
}

/* ---- the list ---- */

static const char *scope_of(http_req *req)
{
    const char *d = req_query(req, "division");
    return d && *d ? d : authz_scope(&req->who, PERM_COURSES_MANAGE);
}

void page_staff_courses(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *division = scope_of(req);
    const char *cur = req_query(req, "cursor");
    int64_t after = cur && *cur ? strtoll(cur, NULL, 10) : 0;
    course_view *vs;
    size_t n;
    int more;
    course_term *ts;
    size_t nt;
    if (course_staff_list(ctx, division, 0, after, 50, &vs, &n, &more) < 0 ||
        term_list(ctx, division, 0, 50, &ts, &nt) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Courses"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Courses");
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<p class=\"muted\">");
    html_text(
        &h, arena_sprintf(&req->a, req_tr(req, "Terms and courses of %s."),
                          division_name(ctx, division) ? division_name(ctx, division) : division));
    html_lit(&h, " <a class=\"button\" href=\"/admin/course-terms/new\" id=\"new-term\">");
    web_t(req, &h, "Open a term");
    html_lit(&h, "</a></p><section class=\"card\" id=\"staff-terms\"><h2>");
    web_t(req, &h, "Terms");
    html_lit(&h, "</h2>");
    if (nt == 0)
        web_empty(req, &h, "No term yet: open one, then write its courses.");
    html_lit(&h, "<ul class=\"list\">");
    for (size_t i = 0; i < nt; i++) {
        html_lit(&h, "<li><strong>");
        html_text(&h, ts[i].name);
        html_lit(&h, "</strong> <span class=\"muted\">");
        html_text(&h, arena_sprintf(&req->a, "%s – %s", ts[i].classes_from, ts[i].classes_until));
        html_lit(&h, "</span> <a href=\"/admin/course-terms/");
        html_int(&h, ts[i].id);
        html_lit(&h, "/edit\">");
        web_t(req, &h, "Change");
        html_lit(&h, "</a> · <a class=\"new-course\" href=\"/admin/courses/new?term=");
        html_int(&h, ts[i].id);
        html_lit(&h, "\">");
        web_t(req, &h, "New course");
        html_lit(&h, "</a></li>");
    }
    html_lit(&h, "</ul></section><section class=\"card\"><h2>");
    web_t(req, &h, "Courses");
    html_lit(&h, "</h2>");
    if (n == 0)
        web_empty(req, &h, "No course yet.");
    else {
        html_lit(&h, "<table class=\"data\" id=\"staff-courses\"><thead><tr><th>");
        web_t(req, &h, "Course");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Term");
        html_lit(&h, "</th><th>");
        web_t(req, &h, "Status");
        html_lit(&h, "</th><th></th></tr></thead><tbody>");
    }
    for (size_t i = 0; i < n; i++) {
        const course *k = &vs[i].k;
        int editable = !strcmp(k->status, "draft") || !strcmp(k->status, "rejected");
        html_lit(&h, "<tr data-id=\"");
        html_int(&h, k->id);
        html_lit(&h, "\"><td><a href=\"/courses/");
        html_int(&h, k->id);
        html_lit(&h, "\">");
        html_text(&h, k->title);
        html_lit(&h, "</a></td><td>");
        html_text(&h, vs[i].term.name);
        html_lit(&h, "</td><td>");
        web_badge(req, &h, k->status, k->status);
        html_lit(&h, "</td><td class=\"actions\">");
        if (editable) {
            html_lit(&h, "<a href=\"/admin/courses/");
            html_int(&h, k->id);
            html_lit(&h, "/edit\">");
            web_t(req, &h, "Change");
            html_lit(&h, "</a> <form method=\"post\" class=\"inline\" action=\"/admin/courses/");
            html_int(&h, k->id);
            html_lit(&h, "/submit\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Submit for review");
            html_lit(&h, "</button></form>");
        } else if (!strcmp(k->status, "published") || !strcmp(k->status, "cancelled")) {
            html_lit(&h, "<a href=\"/courses/");
            html_int(&h, k->id);
            html_lit(&h, "/roster\">");
            web_t(req, &h, "Roster and attendance");
            html_lit(&h, "</a>");
        }
        html_lit(&h, "</td></tr>");
    }
    if (n)
        html_lit(&h, "</tbody></table>");
    if (more) {
        const char *params[] = {"division", req_query(req, "division"), NULL};
        web_pager_id(req, &h, "/admin/courses", vs[n - 1].k.id, params);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

/* ---- a term ---- */

static void term_form(http_req *req, const course_term *t, const wy_error *e)
{
    int edit = t->id > 0;
    html h;
    const char *title = req_tr(req, edit ? "Change the term" : "Open a term");
    web_begin(req, &h, title);
    html_lit(&h, "<h1>");
    html_text(&h, title);
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\"><form method=\"post\" class=\"stack\" id=\"term-form\" "
                 "action=\"");
    html_attr(&h, edit ? arena_sprintf(&req->a, "/admin/course-terms/%lld/edit", (long long)t->id)
                       : "/admin/course-terms");
    html_lit(&h, "\" novalidate>");
    web_csrf_field(req, &h);
    form_refusal(req, &h, e);
    if (!edit)
        input(req, &h, e, "division", N_("Division code"), "text", t->division, 1);
    input(req, &h, e, "name", N_("Name"), "text", t->name, 1);
    input(req, &h, e, "enrol_opens_at", N_("Enrolment opens"), "datetime-local",
          local_minute(req, t->enrol_opens_at), 1);
    input(req, &h, e, "enrol_closes_at", N_("Enrolment closes"), "datetime-local",
          local_minute(req, t->enrol_closes_at), 1);
    input(req, &h, e, "classes_from", N_("Classes from"), "date", t->classes_from, 1);
    input(req, &h, e, "classes_until", N_("Classes until"), "date", t->classes_until, 1);
    input(req, &h, e, "max_courses", N_("Courses a person may take"), "number",
          int_text(req, t->max_courses, -1), 1);
    input(req, &h, e, "max_choices", N_("Courses an application may rank"), "number",
          int_text(req, t->max_choices, -1), 1);
    html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"returning_after_new\" "
                 "value=\"1\"");
    if (t->returning_after_new)
        html_lit(&h, " checked");
    html_lit(&h, "> ");
    web_t(req, &h, "In the draw, people new to the centre come before returning students");
    html_lit(&h, "</label><button type=\"submit\">");
    web_t(req, &h, edit ? "Save" : "Open the term");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, e && e->cls ? errclass_status(e->cls) : 200);
}

static void read_term_form(http_req *req, course_term *t)
{
    t->name = form_text(req, "name");
    t->enrol_opens_at = form_minute(req, "enrol_opens_at");
    t->enrol_closes_at = form_minute(req, "enrol_closes_at");
    t->classes_from = form_text(req, "classes_from");
    t->classes_until = form_text(req, "classes_until");
    t->max_courses = (int)form_int(req, "max_courses", 2, 0);
    t->max_choices = (int)form_int(req, "max_choices", 3, 0);
    if (t->max_courses < 0 || t->max_courses > 100)
        t->max_courses = 0;
    if (t->max_choices < 0 || t->max_choices > 100)
        t->max_choices = 0;
    t->returning_after_new = form_text(req, "returning_after_new") != NULL;
}

void page_staff_term_new(http_req *req)
{
    course_term t = {.division = authz_scope(&req->who, PERM_COURSES_MANAGE),
                     .max_courses = 2,
                     .max_choices = 3};
    term_form(req, &t, NULL);
}

void page_staff_term_create_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    course_term t = {.division = form_text(req, "division")};
    int64_t id;
    read_term_form(req, &t);
    if (term_create(ctx, &t, &id) < 0) {
        if (!form_status(&ctx->err)) {
            resp_fail(req);
            return;
        }
        wy_error e = ctx->err;
        term_form(req, &t, &e);
        return;
    }
    resp_redirect(req, "/admin/courses?msg=term_created");
}

void page_staff_term_edit(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    course_term t;
    if (term_get(ctx, req_id(req, 0), &t) < 0 ||
        authz_require(ctx, PERM_COURSES_MANAGE, t.division) < 0) {
        resp_fail(req);
        return;
    }
    term_form(req, &t, NULL);
}

void page_staff_term_edit_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    course_term t;
    if (term_get(ctx, req_id(req, 0), &t) < 0) {
        resp_fail(req);
        return;
    }
    read_term_form(req, &t);
    if (term_update(ctx, &t) < 0) {
        if (!form_status(&ctx->err)) {
            resp_fail(req);
            return;
        }
        wy_error e = ctx->err;
        term_form(req, &t, &e);
        return;
    }
    resp_redirect(req, "/admin/courses?msg=term_saved");
}

/* ---- a course ---- */

/* The choices a course form offers: the terms, teachers and venues around the caller's area. */
typedef struct course_choices {
    course_term *terms;
    size_t nterms;
    course_teacher *teachers;
    size_t nteachers;
    venue_view *venues;
    size_t nvenues;
} course_choices;

static int related(const char *a, const char *b)
{
    return a && b && (division_contains(a, b) || division_contains(b, a));
}

static void load_choices(http_req *req, const char *area, course_choices *c)
{
    wy_ctx *ctx = req_ctx(req);
    memset(c, 0, sizeof(*c));
    /* the city's terms and teachers (a district's course may belong to a city term) */
    char city[5] = "";
    if (area)
        snprintf(city, sizeof(city), "%.4s", area);
    course_term *ts;
    size_t nt = 0;
    if (term_list(ctx, city, 0, 100, &ts, &nt) == 0) {
        c->terms = ts;
        for (size_t i = 0; i < nt; i++)
            if (related(ts[i].division, area))
                c->terms[c->nterms++] = ts[i];
    }
    teacher_list(ctx, city, 0, 100, &c->teachers, &c->nteachers);
    venue_query q = {.division = area, .limit = 200};
    double *dist;
    venue_list(ctx, &q, &c->venues, &c->nvenues, &dist);
    ctx->err = (wy_error){0}; /* a list that could not be read is left empty */
}

/* A slot of the schedule as a form shows it: what was typed, even when it is not right. */
typedef struct form_slot {
    int weekday;
    const char *starts, *ends;
} form_slot;

static size_t form_slots(http_req *req, const char *schedule, form_slot *out)
{
    json_t *a = schedule ? json_loads(schedule, 0, NULL) : NULL;
    size_t n = 0, i;
    json_t *x;
    json_array_foreach(a, i, x)
    {
        if (n == COURSE_SLOTS_MAX)
            break;
        const char *st = json_string_value(json_object_get(x, "starts"));
        const char *en = json_string_value(json_object_get(x, "ends"));
        out[n++] =
            (form_slot){(int)json_integer_value(json_object_get(x, "weekday")),
                        arena_strdup(&req->a, st ? st : ""), arena_strdup(&req->a, en ? en : "")};
    }
    json_decref(a);
    return n;
}

static void course_form(http_req *req, const course *k, const char *term_name, const wy_error *e)
{
    int edit = k->id > 0;
    course_choices ch;
    load_choices(req, k->division ? k->division : authz_scope(&req->who, PERM_COURSES_MANAGE), &ch);
    html h;
    const char *title = edit && k->title ? k->title : req_tr(req, "New course");
    web_begin(req, &h, title);
    html_lit(&h, "<h1>");
    html_text(&h, title);
    if (edit) {
        html_lit(&h, " ");
        web_badge(req, &h, k->status, k->status);
    }
    html_lit(&h, "</h1>");
    admin_nav(req, &h);
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\"><form method=\"post\" class=\"stack\" id=\"course-form\" "
                 "action=\"");
    html_attr(&h, edit ? arena_sprintf(&req->a, "/admin/courses/%lld/edit", (long long)k->id)
                       : "/admin/courses");
    html_lit(&h, "\" novalidate>");
    web_csrf_field(req, &h);
    form_refusal(req, &h, e);
    /* the term */
    html_lit(&h, "<label>");
    web_t(req, &h, "Term");
    html_lit(&h, "<select name=\"term_id\"");
    invalid_attr(&h, e, "term_id");
    html_lit(&h, ">");
    int listed = 0;
    for (size_t i = 0; i < ch.nterms; i++) {
        html_lit(&h, "<option value=\"");
        html_int(&h, ch.terms[i].id);
        html_lit(&h, "\"");
        if (ch.terms[i].id == k->term_id) {
            html_lit(&h, " selected");
            listed = 1;
        }
        html_lit(&h, ">");
        html_text(&h, ch.terms[i].name);
        html_lit(&h, "</option>");
    }
    if (!listed && k->term_id) {
        html_lit(&h, "<option selected value=\"");
        html_int(&h, k->term_id);
        html_lit(&h, "\">");
        html_text(&h, term_name ? term_name : "?");
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select></label>");
    field_note(req, &h, e, "term_id");
    input(req, &h, e, "title", N_("Title"), "text", k->title, 1);
    select_of(req, &h, e, "category", N_("Category"), course_categories, k->category);
    select_of(req, &h, e, "level", N_("Level"), course_levels, k->level);
    html_lit(&h, "<label>");
    web_t(req, &h, "Description");
    html_lit(&h, "<textarea name=\"description\" rows=\"5\"");
    invalid_attr(&h, e, "description");
    html_lit(&h, ">");
    html_text(&h, k->description ? k->description : "");
    html_lit(&h, "</textarea></label>");
    input(req, &h, e, "division", N_("Division code"), "text", k->division, 1);
    /* where */
    html_lit(&h, "<label>");
    web_t(req, &h, "Venue");
    html_lit(&h, "<select name=\"venue_id\"");
    invalid_attr(&h, e, "venue_id");
    html_lit(&h, "><option value=\"\">—</option>");
    for (size_t i = 0; i < ch.nvenues; i++) {
        html_lit(&h, "<option value=\"");
        html_int(&h, ch.venues[i].v.id);
        html_lit(&h, "\"");
        if (ch.venues[i].v.id == k->venue_id)
            html_lit(&h, " selected");
        html_lit(&h, ">");
        html_text(&h, ch.venues[i].v.name);
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select></label>");
    field_note(req, &h, e, "venue_id");
    input(req, &h, e, "room", N_("Room"), "text", k->room, 0);
    /* the weekly schedule: its slots, and empty rows to add more */
    form_slot slots[COURSE_SLOTS_MAX];
    size_t ns = form_slots(req, k->schedule, slots);
    html_lit(&h, "<fieldset class=\"schedule\" id=\"schedule\"");
    invalid_attr(&h, e, "schedule");
    html_lit(&h, "><legend>");
    web_t(req, &h, "Weekly schedule");
    html_lit(&h, "</legend>");
    size_t rows = ns + FORM_SLOTS > COURSE_SLOTS_MAX ? COURSE_SLOTS_MAX : ns + FORM_SLOTS;
    for (size_t r = 0; r < rows; r++) {
        html_lit(&h, "<div class=\"slot-row\"><select name=\"weekday");
        html_int(&h, (int64_t)r + 1);
        html_lit(&h, "\" aria-label=\"");
        html_attr(&h, req_tr(req, "Weekday"));
        html_lit(&h, "\"><option value=\"\">—</option>");
        for (int d = 1; d <= 7; d++) {
            html_lit(&h, "<option value=\"");
            html_int(&h, d);
            html_lit(&h, "\"");
            if (r < ns && slots[r].weekday == d)
                html_lit(&h, " selected");
            html_lit(&h, ">");
            web_t(req, &h, weekday_names[d]);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select>");
        for (int end = 0; end <= 1; end++) {
            if (end)
                html_lit(&h, "<span aria-hidden=\"true\">–</span>");
            html_lit(&h, "<input type=\"time\" name=\"");
            html_attr(&h, arena_sprintf(&req->a, "%s%zu", end ? "ends" : "starts", r + 1));
            html_lit(&h, "\" aria-label=\"");
            html_attr(&h, req_tr(req, end ? "Ends" : "Starts"));
            html_lit(&h, "\" value=\"");
            if (r < ns)
                html_attr(&h, end ? slots[r].ends : slots[r].starts);
            html_lit(&h, "\">");
        }
        html_lit(&h, "</div>");
    }
    html_lit(&h, "<p class=\"hint\">");
    web_t(req, &h,
          "Each row is a weekly class: a day, its start and its end. The classes are made on "
          "every such day of the term's class dates.");
    html_lit(&h, "</p></fieldset>");
    field_note(req, &h, e, "schedule");
    input(req, &h, e, "places", N_("Places"), "number", int_text(req, k->places, 0), 1);
    select_of(req, &h, e, "enrolment", N_("Enrolment"),
              (const char *const[]){"first_come", "lottery", NULL}, k->enrolment);
    input(req, &h, e, "age_min", N_("Youngest age"), "number", int_text(req, k->age_min, -1), 0);
    input(req, &h, e, "age_max", N_("Oldest age"), "number", int_text(req, k->age_max, -1), 0);
    input(req, &h, e, "residence", N_("Only for residents of (division code)"), "text",
          k->residence, 0);
    html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"staff_only\" value=\"1\"");
    if (k->staff_only)
        html_lit(&h, " checked");
    html_lit(&h, "> ");
    web_t(req, &h, "Staff training (only for the staff of the area)");
    html_lit(&h, "</label>");
    select_of(req, &h, e, "delivery", N_("Delivery"), course_deliveries, k->delivery);
    select_of(req, &h, e, "online_kind", N_("Online"),
              (const char *const[]){"live", "recorded", NULL}, k->online_kind);
    input(req, &h, e, "online_url", N_("Online link"), "url", k->online_url, 0);
    /* the teacher */
    html_lit(&h, "<label>");
    web_t(req, &h, "Teacher");
    html_lit(&h, "<select name=\"teacher_id\"");
    invalid_attr(&h, e, "teacher_id");
    html_lit(&h, "><option value=\"\">—</option>");
    for (size_t i = 0; i < ch.nteachers; i++) {
        html_lit(&h, "<option value=\"");
        html_int(&h, ch.teachers[i].id);
        html_lit(&h, "\"");
        if (ch.teachers[i].id == k->teacher_id)
            html_lit(&h, " selected");
        html_lit(&h, ">");
        html_text(&h, ch.teachers[i].name);
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select></label>");
    field_note(req, &h, e, "teacher_id");
    html_lit(&h, "<div class=\"actions\"><button type=\"submit\" name=\"then\" value=\"save\" "
                 "class=\"secondary\" id=\"save-draft\">");
    web_t(req, &h, "Save the draft");
    html_lit(&h, "</button><button type=\"submit\" name=\"then\" value=\"submit\" "
                 "id=\"save-submit\">");
    web_t(req, &h, "Save and submit for review");
    html_lit(&h, "</button></div></form></section>");
    web_end(req, &h, e && e->cls ? errclass_status(e->cls) : 200);
}

/* The schedule rows of the form as the JSON the rules read; rows without a day are left out. */
static const char *read_schedule(http_req *req)
{
    json_t *a = json_array();
    for (int r = 1; r <= COURSE_SLOTS_MAX; r++) {
        const char *d = form_text(req, arena_sprintf(&req->a, "weekday%d", r));
        const char *s = req_form(req, arena_sprintf(&req->a, "starts%d", r));
        const char *e = req_form(req, arena_sprintf(&req->a, "ends%d", r));
        if (!d)
            continue;
        json_array_append_new(a, json_pack("{s:i,s:s,s:s}", "weekday", atoi(d), "starts",
                                           s ? s : "", "ends", e ? e : ""));
    }
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    const char *out = text ? arena_strdup(&req->a, text) : "[]";
    free(text);
    return out;
}

/* The fields of the form over k. */
static void read_course_form(http_req *req, course *k)
{
    k->term_id = form_int(req, "term_id", 0, 0);
    k->title = form_text(req, "title");
    k->category = form_text(req, "category");
    k->level = form_text(req, "level");
    const char *d = req_form(req, "description");
    k->description = d ? d : "";
    k->division = form_text(req, "division");
    k->venue_id = form_int(req, "venue_id", 0, 0);
    k->room = form_text(req, "room");
    k->schedule = read_schedule(req);
    int64_t places = form_int(req, "places", 0, 0);
    k->places = places < 0 || places > 1000000 ? 0 : (int)places;
    k->enrolment = form_text(req, "enrolment");
    int64_t lo = form_int(req, "age_min", -1, 1000), hi = form_int(req, "age_max", -1, 1000);
    k->age_min = lo < -1 || lo > 1000 ? 1000 : (int)lo;
    k->age_max = hi < -1 || hi > 1000 ? 1000 : (int)hi;
    k->residence = form_text(req, "residence");
    k->staff_only = form_text(req, "staff_only") != NULL;
    k->delivery = form_text(req, "delivery");
    k->online_kind = form_text(req, "online_kind");
    k->online_url = form_text(req, "online_url");
    k->teacher_id = form_int(req, "teacher_id", 0, 0);
}

void page_staff_course_new(http_req *req)
{
    const char *term = req_query(req, "term");
    course k = {.term_id = term ? strtoll(term, NULL, 10) : 0,
                .level = "all",
                .category = "other",
                .delivery = "onsite",
                .enrolment = "first_come",
                .places = 30,
                .age_min = -1,
                .age_max = -1,
                .division = authz_scope(&req->who, PERM_COURSES_MANAGE)};
    course_form(req, &k, NULL, NULL);
}

/* After a save: submit too when asked, then where to go. */
static void saved(http_req *req, int64_t id)
{
    wy_ctx *ctx = req_ctx(req);
    const char *then = req_form(req, "then");
    if (then && !strcmp(then, "submit")) {
        const char *status;
        if (course_submit(ctx, id, &status) < 0) {
            resp_fail(req);
            return;
        }
        resp_redirect(req, "/admin/courses?msg=course_submitted");
        return;
    }
    resp_redirect(
        req, arena_sprintf(&req->a, "/admin/courses/%lld/edit?msg=course_saved", (long long)id));
}

void page_staff_course_create_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    course k = {.age_min = -1, .age_max = -1};
    int64_t id;
    read_course_form(req, &k);
    course in = k;
    if (course_create(ctx, &k, &id) < 0) {
        if (!form_status(&ctx->err)) {
            resp_fail(req);
            return;
        }
        wy_error e = ctx->err;
        ctx->err = (wy_error){0};
        course_form(req, &in, NULL, &e);
        return;
    }
    saved(req, id);
}

/* The course to change: its managers only; a course no longer a draft is shown, not changed. */
static int load_editable(http_req *req, course_view *v)
{
    wy_ctx *ctx = req_ctx(req);
    if (course_get(ctx, req_id(req, 0), v) < 0)
        return -1;
    if (!course_managed_by(ctx->who, &v->k))
        return authz_require(ctx, PERM_COURSES_MANAGE, v->k.division) < 0
                   ? -1
                   : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    return 0;
}

void page_staff_course_edit(http_req *req)
{
    course_view v;
    if (load_editable(req, &v) < 0) {
        resp_fail(req);
        return;
    }
    if (strcmp(v.k.status, "draft") && strcmp(v.k.status, "rejected")) {
        html h;
        web_begin(req, &h, v.k.title);
        html_lit(&h, "<h1>");
        html_text(&h, v.k.title);
        html_lit(&h, " ");
        web_badge(req, &h, v.k.status, v.k.status);
        html_lit(&h, "</h1>");
        admin_nav(req, &h);
        html_lit(&h, "<section class=\"card\" id=\"not-editable\"><p>");
        web_t(req, &h, "Only a draft or a rejected course can be changed.");
        html_lit(&h, " <a href=\"/courses/");
        html_int(&h, v.k.id);
        html_lit(&h, "\">");
        web_t(req, &h, "See the course");
        html_lit(&h, "</a></p></section>");
        web_end(req, &h, 200);
        return;
    }
    course_form(req, &v.k, v.term.name, NULL);
}

void page_staff_course_edit_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    course_view v;
    if (load_editable(req, &v) < 0) {
        resp_fail(req);
        return;
    }
    course k = v.k;
    read_course_form(req, &k);
    if (course_update(ctx, &k) < 0) {
        if (!form_status(&ctx->err)) {
            resp_fail(req);
            return;
        }
        wy_error e = ctx->err;
        ctx->err = (wy_error){0};
        course_form(req, &k, v.term.name, &e);
        return;
    }
    saved(req, k.id);
}

void page_staff_course_submit_post(http_req *req)
{
    const char *status;
    if (course_submit(req_ctx(req), req_id(req, 0), &status) < 0)
        resp_fail(req);
    else
        resp_redirect(req, "/admin/courses?msg=course_submitted");
}
