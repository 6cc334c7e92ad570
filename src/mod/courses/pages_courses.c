/*
 * pages_courses: the pages of 文化学堂: the catalogue with its search and filters, a course
 * with its sessions and the button that enrols (first-come) or applies (lottery), the
 * application to a term with its ranked choices, "my courses" with the QR code of each
 * place, a teacher, and the teacher's roster with the attendance of each session. The same
 * rules as the API; an enrolment from a page takes the same seat writer (the connection waits
 * parked, then gets a redirect).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/authz.h"
#include "mod/courses/completion.h"
#include "mod/courses/course_rating.h"
#include "mod/courses/enrolment.h"
#include "mod/courses/handlers.h"
#include "mod/courses/material.h"
#include "util/timeutil.h"
#include "web/ratings.h"
#include "web/svgmap.h"

#define N_(s) s /* a msgid translated where it is shown */

/* The stored values shown translated (web_t of a variable): the categories, levels, delivery
 * modes, enrolment modes and statuses of sql/0022_courses.sql. */
static const char *const terms[] __attribute__((unused)) = {
    N_("literature"),
    N_("art_appreciation"),
    N_("music_instruments"),
    N_("dance"),
    N_("opera"),
    N_("calligraphy_painting"),
    N_("photography"),
    N_("intangible_heritage"),
    N_("digital_skills"),
    N_("all"),
    N_("beginner"),
    N_("intermediate"),
    N_("advanced"),
    N_("onsite"),
    N_("online"),
    N_("both"),
    N_("first_come"),
    N_("lottery"),
    N_("withdrawn"),
    N_("offered"),
    N_("declined"),
    N_("lapsed"),
    N_("live"),
    N_("recorded"),
    /* the second branches of ?: (xgettext takes only the first) */
    N_("This course is not published."),
    N_("Enrol"),
    N_("Certificate (revoked)"),
};

static const char *const weekdays[] = {"",        N_("Mon"), N_("Tue"), N_("Wed"),
                                       N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};

static void when(html *h, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[16] = '\0'; /* YYYY-MM-DDTHH:MM, China time */
    buf[10] = ' ';
    html_text(h, buf);
}

/* ---- flashes of the module: ?msg= after a form ---- */

static const web_flash_msg flashes[] = {
    {"course_enrolled", N_("You have a place: show its QR code at each session."), 0},
    {"course_applied",
     N_("Your application is saved. Places are drawn by lot after enrolment closes."), 0},
    {"course_withdrawn", N_("Your place has been given up."), 0},
    {"course_app_withdrawn", N_("Your application has been withdrawn."), 0},
    {"course_confirmed", N_("Your place is confirmed: show its QR code at each session."), 0},
    {"course_declined", N_("You have declined the place: it goes to the waiting list."), 0},
    {"course_offer_lapsed", N_("The time to confirm this place has passed."), 1},
    {"course_not_offered", N_("This place is not waiting for an answer."), 1},
    {"course_checked_in", N_("Checked in at the class."), 0},
    {"course_material_added", N_("The file is posted: the people with a place can read it."), 0},
    {"course_certificates_issued", N_("Certificates issued to everyone who completed the course."),
     0},
    /* the refusals of the rules that a person can act on, with their own messages */
    {"course_full", N_("This course has no place left."), 1},
    {"course_duplicate", N_("You have a place in this course already."), 1},
    {"course_over_limit", N_("You have as many courses this term as a person may take."), 1},
    {"course_not_open", N_("Enrolment for this term has not opened yet."), 1},
    {"course_closed", N_("Enrolment for this term has closed."), 1},
    {"course_birth_date", N_("This course is for an age range: give your date of birth."), 1},
    {"course_bad_birth_date", N_("A date of birth is a past date, YYYY-MM-DD."), 1},
    {"course_age", N_("This course is for another age range."), 1},
    {"course_residence", N_("This course is for residents of another area."), 1},
    {"course_staff_only", N_("This course is training for the staff of the area."), 1},
    {"course_too_many", N_("An application ranks fewer courses in this term."), 1},
    {"course_in_application", N_("This course is in your application already."), 1},
    {"course_twice", N_("A course is ranked once."), 1},
    {"course_already_checked_in", N_("This person is checked in at this session already."), 1},
    {"course_unknown_code", N_("No place in a course has this code."), 1},
    {"course_wrong_course", N_("This place is in another course."), 1},
    {"course_checkin_not_open", N_("Not yet: check-in for this class has not opened."), 1},
    {"course_session_over", N_("This class is over: check-in has closed."), 1},
    {"course_busy", N_("Too many people are enrolling right now; try again soon."), 1},
    {"course_not_over", N_("Certificates are issued once the course's last session has ended."), 1},
    {"course_file_too_large", N_("The file is too large."), 1},
    {"course_empty_file", N_("The file is empty."), 1},
    {"course_bad_filename", N_("A file name has 1 to 200 characters and no slashes."), 1},
    {"course_too_many_files", N_("A course holds at most 50 files."), 1},
};

/* The flash key of the refusal on ctx (its message is one of the table's), or NULL. */
static const char *refusal_key(const wy_ctx *ctx)
{
    for (size_t i = 0; ctx->err.message && i < sizeof(flashes) / sizeof(flashes[0]); i++)
        if (flashes[i].refusal && !strcmp(ctx->err.message, flashes[i].msgid))
            return flashes[i].key;
    return NULL;
}

/* Answer a refusal on a page: back to where the person was, with its flash, when it has one;
 * else the error page. */
static void refuse(http_req *req, const char *back)
{
    const char *key = refusal_key(req_ctx(req));
    if (key)
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=%s", back, key));
    else
        resp_fail(req);
}

static void materials_section(http_req *req, html *h, const course_view *v);

/* ---- the catalogue ---- */

/* The ratings of a page of courses, in one query; NULL (shown without) when they could not be
 * read. */
static const rating_summary *course_ratings(http_req *req, const course_view *vs, size_t n)
{
    int64_t *ids = arena_alloc(&req->a, (n + 1) * sizeof(*ids));
    rating_summary *rs = arena_alloc(&req->a, (n + 1) * sizeof(*rs));
    if (!ids || !rs)
        return NULL;
    for (size_t i = 0; i < n; i++)
        ids[i] = vs[i].k.id;
    return rating_summaries(req_ctx(req), COURSE_RATING_KIND, ids, n, rs) < 0 ? NULL : rs;
}

/* rs: the course's rating (NULL: not shown) */
static void course_line(http_req *req, html *h, const course_view *v, const rating_summary *rs)
{
    const course *k = &v->k;
    html_lit(h, "<li><a href=\"/courses/");
    html_int(h, k->id);
    html_lit(h, "\"><strong>");
    html_text(h, k->title);
    html_lit(h, "</strong></a> <span class=\"muted\">");
    web_t(req, h, k->category);
    html_lit(h, " · ");
    html_text(h, v->division_name ? v->division_name : k->division);
    if (v->teacher_name) {
        html_lit(h, " · ");
        html_text(h, v->teacher_name);
    }
    html_lit(h, " · ");
    web_t(req, h, k->enrolment);
    html_lit(h, " · ");
    if (!strcmp(k->enrolment, "first_come"))
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%d of %d places left"),
                                   k->taken < k->places ? k->places - k->taken : 0, k->places));
    else
        html_text(h, arena_sprintf(&req->a, req_tr(req, "%d places, %lld applicants"), k->places,
                                   (long long)v->applicants));
    if (k->staff_only) {
        html_lit(h, " · ");
        web_t(req, h, "Staff training");
    }
    if (rs && rs->count) {
        html_lit(h, " · <span class=\"rating\">");
        web_rating_average(req, h, rs);
        html_lit(h, "</span>");
    }
    html_lit(h, "</span></li>");
}

/* The venues of a page of the catalogue on a map, each with its courses of the page; nothing
 * when none of them has a venue. */
static void course_map(http_req *req, html *h, const course_view *vs, size_t n)
{
    bbox b;
    bbox_init(&b);
    for (size_t i = 0; i < n; i++)
        if (vs[i].venue_name)
            bbox_add(&b, vs[i].venue_lon, vs[i].venue_lat);
    if (b.empty)
        return;
    html_lit(h, "<section class=\"card\" id=\"course-map\">");
    svgmap m;
    svgmap_begin(&m, h, &b, 800, req_tr(req, "Map of the courses' venues"));
    for (size_t i = 0; i < n; i++) {
        if (!vs[i].venue_name)
            continue;
        size_t first = i;
        for (size_t j = 0; j < i; j++)
            if (vs[j].venue_name && vs[j].k.venue_id == vs[i].k.venue_id) {
                first = j;
                break;
            }
        if (first != i) /* drawn with the first course of its venue */
            continue;
        const char *t = vs[i].venue_name;
        for (size_t j = i; j < n; j++)
            if (vs[j].venue_name && vs[j].k.venue_id == vs[i].k.venue_id)
                t = arena_sprintf(&req->a, "%s%s%s", t, j == i ? ": " : "、", vs[j].k.title);
        char href[40];
        snprintf(href, sizeof(href), "/venues/%lld", (long long)vs[i].k.venue_id);
        svgmap_point(&m, vs[i].venue_lon, vs[i].venue_lat, 7, "map-venue", t, href);
    }
    svgmap_end(&m, req_tr(req, "Venue data: the culture and tourism bureau."));
    html_lit(h, "</section>");
}

void page_courses(http_req *req)
{
    course_query q = {0};
    int limit;
    if (req_limit(req, 20, 100, &limit) < 0)
        return;
    q.division = req_query(req, "division");
    q.category = req_query(req, "category");
    q.q = req_query(req, "q");
    q.cursor = req_query(req, "cursor");
    q.limit = limit;
    const char *term = req_query(req, "term");
    q.term_id = term ? strtoll(term, NULL, 10) : 0;
    course_view *vs;
    size_t n;
    const char *next;
    if (course_search(req_ctx(req), &q, &vs, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    const rating_summary *rs = course_ratings(req, vs, n);
    html h;
    web_begin(req, &h, req_tr(req, "Courses"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Courses");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "Free courses of the cultural centres: enrol first-come, or apply where places "
          "are drawn by lot.");
    html_lit(&h, "</p>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<form method=\"get\" action=\"/courses\" class=\"filters\" id=\"course-filters\">"
                 "<input name=\"q\" placeholder=\"");
    html_attr(&h, req_tr(req, "Search courses"));
    html_lit(&h, "\" aria-label=\"");
    html_attr(&h, req_tr(req, "Search courses"));
    html_lit(&h, "\" value=\"");
    html_attr(&h, q.q ? q.q : "");
    html_lit(&h, "\"><select name=\"category\" aria-label=\"");
    html_attr(&h, req_tr(req, "Category"));
    html_lit(&h, "\"><option value=\"\">");
    web_t(req, &h, "All categories");
    html_lit(&h, "</option>");
    for (int i = 0; course_categories[i]; i++) {
        html_lit(&h, "<option value=\"");
        html_attr(&h, course_categories[i]);
        html_lit(&h, "\"");
        if (q.category && !strcmp(q.category, course_categories[i]))
            html_lit(&h, " selected");
        html_lit(&h, ">");
        web_t(req, &h, course_categories[i]);
        html_lit(&h, "</option>");
    }
    html_lit(&h, "</select><input name=\"division\" aria-label=\"");
    html_attr(&h, req_tr(req, "Division code"));
    html_lit(&h, "\" placeholder=\"");
    html_attr(&h, req_tr(req, "Division code"));
    html_lit(&h, "\" value=\"");
    html_attr(&h, q.division ? q.division : "");
    html_lit(&h, "\"><button type=\"submit\">");
    web_t(req, &h, "Search");
    html_lit(&h, "</button></form><section class=\"card\">");
    if (n == 0)
        web_empty(req, &h, "No course matches.");
    html_lit(&h, "<ul class=\"list\" id=\"course-list\">");
    for (size_t i = 0; i < n; i++)
        course_line(req, &h, &vs[i], rs ? &rs[i] : NULL);
    html_lit(&h, "</ul>");
    if (next) {
        const char *params[] = {"q",        q.q,    "category", q.category, "division",
                                q.division, "term", term,       "limit",    req_query(req, "limit"),
                                NULL};
        web_pager(req, &h, "/courses", next, params);
    }
    html_lit(&h, "</section>");
    course_map(req, &h, vs, n);
    web_end(req, &h, 200);
}

/* ---- a course ---- */

static void fact(http_req *req, html *h, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    html_lit(h, "<dt>");
    web_t(req, h, label);
    html_lit(h, "</dt><dd>");
    html_text(h, value);
    html_lit(h, "</dd>");
}

/* "Sat 09:00–11:00, Wed 19:00–20:30" */
static const char *schedule_text(http_req *req, const course *k)
{
    course_slot s[COURSE_SLOTS_MAX];
    size_t n;
    if (course_schedule_parse(k->schedule, s, COURSE_SLOTS_MAX, &n) < 0)
        return NULL;
    const char *out = "";
    for (size_t i = 0; i < n; i++)
        out = arena_sprintf(&req->a, "%s%s%s %02d:%02d–%02d:%02d", out, i ? ", " : "",
                            req_tr(req, weekdays[s[i].weekday]), s[i].starts / 60, s[i].starts % 60,
                            s[i].ends / 60, s[i].ends % 60);
    return out;
}

static const char *ages_text(http_req *req, const course *k)
{
    if (k->age_min >= 0 && k->age_max >= 0)
        return arena_sprintf(&req->a, req_tr(req, "%d to %d years"), k->age_min, k->age_max);
    if (k->age_min >= 0)
        return arena_sprintf(&req->a, req_tr(req, "%d years and over"), k->age_min);
    if (k->age_max >= 0)
        return arena_sprintf(&req->a, req_tr(req, "up to %d years"), k->age_max);
    return req_tr(req, "Everyone");
}

/* "Enrolment: 2027-02-20 09:00 to 2027-02-27 18:00." */
static const char *window_text(http_req *req, const course_term *t)
{
    char from[40], to[40];
    time_format_rfc3339(t->enrol_opens_at, from, sizeof(from), 0);
    time_format_rfc3339(t->enrol_closes_at, to, sizeof(to), 0);
    from[16] = to[16] = '\0';
    from[10] = to[10] = ' ';
    return arena_sprintf(&req->a, req_tr(req, "Enrolment: %s to %s."), from, to);
}

/* The box that enrols or applies, as the course and the caller stand. */
static void enrol_box(http_req *req, html *h, const course_view *v)
{
    const course *k = &v->k;
    html_lit(h, "<section class=\"card\" id=\"enrol\">");
    if (strcmp(k->status, "published")) {
        html_lit(h, "<p class=\"muted\">");
        web_t(req, h,
              !strcmp(k->status, "cancelled") ? "This course has been cancelled."
                                              : "This course is not published.");
        html_lit(h, "</p></section>");
        return;
    }
    html_lit(h, "<p>");
    html_text(h, window_text(req, &v->term));
    html_lit(h, "</p>");
    /* a place (or an offer of one) held is said whatever the window */
    course_enrolment e;
    int has = req->who.user_id ? enrol_mine_in(req_ctx(req), k->id, &e) : 0;
    req->ctx.err = (wy_error){0}; /* unknown: the button is shown, the rule decides */
    if (has > 0) {
        html_lit(h, "<p>");
        /* drawn or offered from the waiting list: not a place until confirmed */
        if (e.confirm_by) {
            html_lit(h, "<strong>");
            web_t(req, h, "This place is offered to you: confirm it by");
            html_lit(h, " ");
            when(h, e.confirm_by);
            html_lit(h, "</strong>");
        } else {
            web_t(req, h, "You have a place in this course.");
        }
        html_lit(h, " <a href=\"/me/courses\">");
        web_t(req, h, "My courses");
        html_lit(h, "</a></p></section>");
        return;
    }
    term_window w = term_window_at(&v->term, req->ctx.now);
    if (w != TERM_OPEN) {
        html_lit(h, "<p class=\"muted\">");
        web_t(req, h,
              w == TERM_NOT_OPEN ? "Enrolment for this term has not opened yet."
                                 : "Enrolment for this term has closed.");
        html_lit(h, "</p></section>");
        return;
    }
    if (!req->who.user_id) {
        html_lit(h, "<p><a class=\"button\" href=\"/login?next=/courses/");
        html_int(h, k->id);
        html_lit(h, "\">");
        web_t(req, h, "Log in to enrol");
        html_lit(h, "</a></p></section>");
        return;
    }
    html_lit(h, "<form method=\"post\" class=\"book\" id=\"enrol-form\" action=\"/courses/");
    html_int(h, k->id);
    html_lit(h, "/enrol\">");
    web_csrf_field(req, h);
    if ((k->age_min >= 0 || k->age_max >= 0) && !course_birth_date_known(req_ctx(req))) {
        html_lit(h, "<label>");
        web_t(req, h, "Date of birth (asked once)");
        html_lit(h, "<input type=\"date\" name=\"birth_date\"></label>");
    }
    html_lit(h, "<button type=\"submit\">");
    web_t(req, h, !strcmp(k->enrolment, "lottery") ? "Add to my application" : "Enrol");
    html_lit(h, "</button></form>");
    if (!strcmp(k->enrolment, "lottery")) {
        html_lit(h, "<p class=\"small\">");
        web_t(req, h,
              "Places are drawn by lot among the applicants after enrolment closes; "
              "rank the courses you want most first.");
        html_lit(h, " <a href=\"/course-terms/");
        html_int(h, k->term_id);
        html_lit(h, "/apply\">");
        web_t(req, h, "My application to this term");
        html_lit(h, "</a></p>");
    }
    html_lit(h, "</section>");
}

void page_course(http_req *req)
{
    course_view v;
    wy_ctx *ctx = req_ctx(req);
    if (course_get(ctx, req_id(req, 0), &v) < 0) {
        resp_fail(req);
        return;
    }
    const course *k = &v.k;
    html h;
    web_begin(req, &h, k->title);
    html_lit(&h, "<article class=\"card\" id=\"course\"><h1>");
    html_text(&h, k->title);
    if (strcmp(k->status, "published")) {
        html_lit(&h, " ");
        web_badge(req, &h, k->status, k->status);
    }
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<dl class=\"facts\">");
    fact(req, &h, "Category", req_tr(req, k->category));
    fact(req, &h, "Level", req_tr(req, k->level));
    fact(req, &h, "Ages", ages_text(req, k));
    fact(req, &h, "Term", v.term.name);
    fact(req, &h, "Weekly", schedule_text(req, k));
    fact(req, &h, "Classes",
         arena_sprintf(&req->a, req_tr(req, "%s to %s, %zu sessions"), v.term.classes_from,
                       v.term.classes_until, v.nsessions));
    fact(req, &h, "Where",
         v.venue_name ? arena_sprintf(&req->a, "%s%s%s", v.venue_name, k->room ? " · " : "",
                                      k->room ? k->room : "")
                      : k->room);
    fact(req, &h, "Delivery", req_tr(req, k->delivery));
    fact(req, &h, "Area", v.division_name ? v.division_name : k->division);
    if (k->residence)
        fact(req, &h, "For residents of", division_name(ctx, k->residence));
    if (k->staff_only)
        fact(req, &h, "Open to", req_tr(req, "Staff training"));
    fact(req, &h, "Enrolment", req_tr(req, k->enrolment));
    fact(req, &h, "Places",
         !strcmp(k->enrolment, "first_come")
             ? arena_sprintf(&req->a, req_tr(req, "%d of %d places left"),
                             k->taken < k->places ? k->places - k->taken : 0, k->places)
             : arena_sprintf(&req->a, req_tr(req, "%d places, %lld applicants"), k->places,
                             (long long)v.applicants));
    if (k->teacher_id) {
        html_lit(&h, "<dt>");
        web_t(req, &h, "Teacher");
        html_lit(&h, "</dt><dd><a href=\"/teachers/");
        html_int(&h, k->teacher_id);
        html_lit(&h, "\">");
        html_text(&h, v.teacher_name ? v.teacher_name : "?");
        html_lit(&h, "</a></dd>");
    }
    if (k->online_url) {
        html_lit(&h, "<dt>");
        web_t(req, &h, "Online");
        html_lit(&h, "</dt><dd><a rel=\"noopener\" href=\"");
        html_attr(&h, k->online_url);
        html_lit(&h, "\">");
        web_t(req, &h, k->online_kind ? k->online_kind : "online");
        html_lit(&h, "</a></dd>");
    }
    html_lit(&h, "</dl><div class=\"prose\">");
    html_text(&h, k->description);
    html_lit(&h, "</div></article>");
    enrol_box(req, &h, &v);
    html_lit(&h, "<section class=\"card\" id=\"course-sessions\"><h2>");
    web_t(req, &h, "Class dates");
    html_lit(&h, "</h2><ol class=\"list\">");
    for (size_t i = 0; i < v.nsessions; i++) {
        html_lit(&h, "<li>");
        when(&h, v.sessions[i].starts_at);
        if (strcmp(v.sessions[i].status, "scheduled")) {
            html_lit(&h, " ");
            web_badge(req, &h, "cancelled", "cancelled");
        }
        html_lit(&h, "</li>");
    }
    html_lit(&h, "</ol>");
    if (course_managed_by(&req->who, k) || course_taught_by(ctx, k)) {
        html_lit(&h, "<p><a href=\"/courses/");
        html_int(&h, k->id);
        html_lit(&h, "/roster\" id=\"roster-link\">");
        web_t(req, &h, "Roster and attendance");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "</section>");
    materials_section(req, &h, &v);
    if (!strcmp(k->status, "published"))
        web_course_ratings(req, &h, COURSE_RATING_KIND, k->id);
    web_end(req, &h, 200);
}

/* The materials of a course, for those who may read them; the form that posts one, for its
 * teacher and the staff who manage it. Nothing for anyone else. */
static void materials_section(http_req *req, html *h, const course_view *v)
{
    wy_ctx *ctx = req_ctx(req);
    attachment *as;
    size_t n;
    if (!req->who.user_id || course_materials(ctx, v->k.id, &as, &n) < 0) {
        ctx->err = (wy_error){0};
        return;
    }
    int teaches = course_managed_by(&req->who, &v->k) || course_taught_by(ctx, &v->k);
    html_lit(h, "<section class=\"card\" id=\"course-materials\"><h2>");
    web_t(req, h, "Materials");
    html_lit(h, "</h2>");
    if (n == 0)
        web_empty(req, h, "No materials have been posted yet.");
    html_lit(h, "<ul class=\"list\" id=\"material-list\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<li><a href=\"/api/v1/course-materials/");
        html_int(h, as[i].id);
        html_lit(h, "\" download>");
        html_text(h, as[i].filename);
        html_lit(h, "</a> <span class=\"muted\">");
        html_text(h, as[i].bytes >= 1024 * 1024
                         ? arena_sprintf(&req->a, "%.1f MB", (double)as[i].bytes / (1024 * 1024))
                         : arena_sprintf(&req->a, "%.1f KB", (double)as[i].bytes / 1024));
        html_lit(h, " · ");
        char d[40];
        time_format_rfc3339(as[i].created_at, d, sizeof(d), 0);
        d[10] = '\0';
        html_text(h, d);
        html_lit(h, "</span></li>");
    }
    html_lit(h, "</ul>");
    if (teaches) {
        int64_t max = config_module_int(ctx->cfg, "courses", "material_max_bytes");
        html_lit(h, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"filters\" "
                    "id=\"material-form\" action=\"/courses/");
        html_int(h, v->k.id);
        html_lit(h, "/materials\">");
        web_csrf_field(req, h);
        html_lit(h, "<input type=\"file\" name=\"file\" required aria-label=\"");
        html_attr(h, req_tr(req, "File"));
        html_lit(h, "\"><button type=\"submit\">");
        web_t(req, h, "Post a file");
        html_lit(h, "</button></form><p class=\"small muted\">");
        html_text(h, arena_sprintf(&req->a,
                                   req_tr(req, "Seen only by the people with a place in the "
                                               "course and its staff; at most %lld MB a file."),
                                   (long long)(max / (1024 * 1024))));
        html_lit(h, "</p>");
    }
    html_lit(h, "</section>");
}

void page_course_material_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    attachment_file f = {.name = "file"}; /* no file chosen: the rule says it is empty */
    const char *back = arena_sprintf(&req->a, "/courses/%lld", (long long)id);
    if (req_file(req, "file", &f.data, &f.len, &f.content_type) == 0) {
        const mpart *part = mpart_get(&req->in.parts, "file");
        f.name = part && part->filename && *part->filename ? part->filename : "file";
    }
    attachment a;
    if (course_material_add(req_ctx(req), id, &f, &a) < 0) {
        refuse(req, back);
        return;
    }
    resp_redirect(req,
                  arena_sprintf(&req->a, "%s?msg=course_material_added#course-materials", back));
}

/* ---- enrolling from the page ---- */

typedef struct page_enrol_job {
    enrol_job job;
    http_req *req;
    const char *back;
} page_enrol_job;

static void page_enrolled(enrol_job *j)
{
    page_enrol_job *pj = (page_enrol_job *)j;
    http_req *req = pj->req;
    const char *to;
    if (j->store_rc != WY_OK || j->res.rc != WY_OK) {
        req->ctx.err = (wy_error){0};
        wy_fail_store(&req->ctx, j->store_rc != WY_OK ? j->store_rc : j->res.rc, "enrolment");
        resp_fail(req);
        req_resume(req);
        return;
    }
    if (j->res.outcome == COURSE_ENROLLED) {
        to = "/me/courses?msg=course_enrolled";
    } else {
        req->ctx.err = (wy_error){0};
        enrol_refuse(&req->ctx, j->res.outcome);
        const char *key = refusal_key(&req->ctx);
        to = arena_sprintf(&req->a, "%s?msg=%s", pj->back, key ? key : "course_full");
    }
    resp_redirect(req, to);
    req_resume(req);
}

void page_course_enrol_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    wy_ctx *ctx = req_ctx(req);
    const char *back = arena_sprintf(&req->a, "/courses/%lld", (long long)id);
    const char *birth = req_form(req, "birth_date");
    if (birth && !*birth)
        birth = NULL;
    page_enrol_job *pj = arena_alloc(&req->a, sizeof(*pj));
    if (!pj) {
        check_mem(ctx);
        resp_fail(req);
        return;
    }
    if (enrol_prepare(ctx, id, birth, NULL, &pj->job.req) < 0) {
        if (!ctx->err.code || strcmp(ctx->err.code, "lottery")) {
            refuse(req, back);
            return;
        }
        ctx->err = (wy_error){0};
        course_application a;
        if (application_add(ctx, id, birth, &a) < 0) {
            refuse(req, back);
            return;
        }
        resp_redirect(req, arena_sprintf(&req->a, "/course-terms/%lld/apply?msg=course_applied",
                                         (long long)a.term_id));
        return;
    }
    pj->req = req;
    pj->back = back;
    pj->job.done = page_enrolled;
    req_suspend(req);
    if (enrol_submit(&pj->job) < 0) {
        resp_redirect(req, arena_sprintf(&req->a, "%s?msg=course_busy", back));
        req_resume(req);
    }
}

/* ---- the application to a term ---- */

void page_term_apply(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t tid = req_id(req, 0);
    course_term t;
    if (term_get(ctx, tid, &t) < 0) {
        resp_fail(req);
        return;
    }
    course_application a = {0};
    if (application_get(ctx, tid, &a) < 0) {
        if (ctx->err.cls != E_NOTFOUND) {
            resp_fail(req);
            return;
        }
        ctx->err = (wy_error){0};
        a.nchoices = 0;
    }
    /* the term's published courses; the lottery ones can be ranked */
    course_query q = {.term_id = tid, .limit = 100};
    course_view *vs;
    size_t n;
    const char *next;
    if (course_search(ctx, &q, &vs, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, t.name);
    html_lit(&h, "<h1>");
    html_text(&h, t.name);
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<section class=\"card\"><p>");
    html_text(&h, window_text(req, &t));
    html_lit(&h, " ");
    html_text(&h, arena_sprintf(&req->a,
                                req_tr(req, "Each person takes at most %d courses this term and "
                                            "ranks at most %d of the courses drawn by lot."),
                                t.max_courses, t.max_choices));
    if (t.returning_after_new) {
        html_lit(&h, " ");
        web_t(req, &h, "People new to the centre are served before returning students.");
    }
    html_lit(&h, "</p>");
    if (a.nchoices) {
        html_lit(&h, "<p class=\"small\" id=\"pseudonym\">");
        html_text(&h, arena_sprintf(&req->a,
                                    req_tr(req, "Your number in the draw (published instead of "
                                                "your name): %s"),
                                    a.pseudonym));
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<form method=\"post\" id=\"apply-form\" action=\"/course-terms/");
    html_int(&h, tid);
    html_lit(&h, "/apply\">");
    web_csrf_field(req, &h);
    for (int r = 1; r <= t.max_choices && r <= 10; r++) {
        html_lit(&h, "<label>");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "Choice %d"), r));
        html_lit(&h, "<select name=\"choice");
        html_int(&h, r);
        html_lit(&h, "\"><option value=\"\">—</option>");
        for (size_t i = 0; i < n; i++) {
            if (strcmp(vs[i].k.enrolment, "lottery"))
                continue;
            html_lit(&h, "<option value=\"");
            html_int(&h, vs[i].k.id);
            html_lit(&h, "\"");
            if (r <= a.nchoices && a.choices[r - 1] == vs[i].k.id)
                html_lit(&h, " selected");
            html_lit(&h, ">");
            html_text(&h, vs[i].k.title);
            html_lit(&h, "</option>");
        }
        html_lit(&h, "</select></label>");
    }
    if (!course_birth_date_known(ctx)) {
        html_lit(&h, "<label>");
        web_t(req, &h, "Date of birth (asked once)");
        html_lit(&h, "<input type=\"date\" name=\"birth_date\"></label>");
    }
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Save my application");
    html_lit(&h, "</button><p class=\"small\">");
    web_t(req, &h,
          "Leave every choice empty to withdraw. The application can be changed until "
          "enrolment closes.");
    html_lit(&h, "</p></form></section>");
    web_end(req, &h, 200);
}

void page_term_apply_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t tid = req_id(req, 0);
    int64_t ids[10];
    int n = 0;
    for (int r = 1; r <= 10; r++) {
        const char *v = req_form(req, arena_sprintf(&req->a, "choice%d", r));
        char *end;
        if (!v || !*v)
            continue;
        int64_t id = strtoll(v, &end, 10);
        if (*end || id <= 0) {
            resp_error_page(req, 400, req_tr(req, "A choice is a course of the list."));
            return;
        }
        ids[n++] = id;
    }
    const char *birth = req_form(req, "birth_date");
    const char *back = arena_sprintf(&req->a, "/course-terms/%lld/apply", (long long)tid);
    if (application_set(ctx, tid, ids, n, birth && *birth ? birth : NULL, NULL) < 0) {
        refuse(req, back);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "%s?msg=%s", n ? back : "/me/courses",
                                     n ? "course_applied" : "course_app_withdrawn"));
}

/* ---- my courses ---- */

void page_my_courses(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int limit;
    my_courses m;
    if (req_limit(req, 20, 100, &limit) < 0)
        return;
    if (course_mine(ctx, req_query(req, "cursor"), limit, &m) < 0) {
        resp_fail(req);
        return;
    }
    int percent = (int)config_module_int(ctx->cfg, "courses", "completion_percent");
    html h;
    web_begin(req, &h, req_tr(req, "My courses"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My courses");
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    if (m.napplications) {
        html_lit(&h, "<section class=\"card\" id=\"my-applications\"><h2>");
        web_t(req, &h, "My applications");
        html_lit(&h, "</h2><ul class=\"list\">");
        for (size_t i = 0; i < m.napplications; i++) {
            const course_application *a = &m.applications[i];
            course_term t;
            if (term_get(ctx, a->term_id, &t) < 0) {
                ctx->err = (wy_error){0};
                continue;
            }
            html_lit(&h, "<li><a href=\"/course-terms/");
            html_int(&h, a->term_id);
            html_lit(&h, "/apply\"><strong>");
            html_text(&h, t.name);
            html_lit(&h, "</strong></a><ol>");
            for (int r = 0; r < a->nchoices; r++) {
                course_view k;
                html_lit(&h, "<li><a href=\"/courses/");
                html_int(&h, a->choices[r]);
                html_lit(&h, "\">");
                html_text(&h, course_get(ctx, a->choices[r], &k) == 0 ? k.k.title : "?");
                ctx->err = (wy_error){0};
                html_lit(&h, "</a></li>");
            }
            html_lit(&h, "</ol>");
            if (a->lottery_id) { /* the receipt of the drawn lottery */
                html_lit(&h, "<p class=\"small receipt\">");
                web_t(req, &h, "Lottery receipt");
                html_lit(&h, ": ");
                web_t(req, &h, "pseudonym");
                html_lit(&h, " <code>");
                html_text(&h, a->pseudonym);
                html_lit(&h, "</code>, ");
                web_t(req, &h, "rank");
                html_lit(&h, " ");
                html_int(&h, a->rank);
                html_lit(&h, ", ");
                web_t(req, &h, "ticket");
                html_lit(&h, " <code>");
                html_text(&h, a->ticket);
                html_lit(&h, "</code>. <strong>");
                if (a->places)
                    web_t(req, &h, "You got a place.");
                else
                    web_t(req, &h, "No place this time.");
                html_lit(&h, "</strong> <a href=\"/lotteries/");
                html_int(&h, a->lottery_id);
                html_lit(&h, "?q=");
                html_url(&h, a->pseudonym);
                html_lit(&h, "\">");
                web_t(req, &h, "Check the draw");
                html_lit(&h, "</a></p>");
            }
            html_lit(&h, "</li>");
        }
        html_lit(&h, "</ul></section>");
    }
    if (m.nwaiting) { /* the waiting lists of drawn lotteries the person is on */
        html_lit(&h, "<section class=\"card\" id=\"my-waiting\"><h2>");
        web_t(req, &h, "On the waiting list");
        html_lit(&h, "</h2><ul class=\"list\">");
        for (size_t i = 0; i < m.nwaiting; i++) {
            course_view k;
            html_lit(&h, "<li><a href=\"/courses/");
            html_int(&h, m.waiting[i].course_id);
            html_lit(&h, "\">");
            html_text(&h, course_get(ctx, m.waiting[i].course_id, &k) == 0 ? k.k.title : "?");
            ctx->err = (wy_error){0};
            html_lit(&h, "</a> · ");
            html_text(&h,
                      arena_sprintf(&req->a, req_tr(req, "no. %d in line"), m.waiting[i].position));
            html_lit(&h, "</li>");
        }
        html_lit(&h, "</ul></section>");
    }
    html_lit(&h, "<section class=\"card\" id=\"my-places\"><h2>");
    web_t(req, &h, "My places");
    html_lit(&h, "</h2>");
    if (m.ncertificates) {
        html_lit(&h, "<p><a href=\"/me/certificates\" id=\"my-certificates-link\">");
        web_t(req, &h, "My certificates");
        html_lit(&h, "</a></p>");
    }
    if (m.nenrolments == 0)
        web_empty_card(req, &h, "You have no place in a course yet.", "/courses", "Find a course");
    for (size_t i = 0; i < m.nenrolments; i++) {
        const my_course *c = &m.enrolments[i];
        int live = !strcmp(c->e.status, "confirmed"), offer = !strcmp(c->e.status, "offered");
        html_lit(&h, "<article class=\"card my-course\"><h3><a href=\"/courses/");
        html_int(&h, c->e.course_id);
        html_lit(&h, "\">");
        html_text(&h, c->title);
        html_lit(&h, "</a> ");
        web_badge(req, &h, c->e.status, c->e.status);
        if (course_completed(c->attended, c->sessions, percent)) {
            html_lit(&h, " ");
            web_badge(req, &h, "approved", "Completed");
        }
        const certificate *cert = course_my_certificate(&m, c->e.course_id);
        if (cert) {
            html_lit(&h, " <a class=\"my-certificate\" href=\"/certificates/");
            html_int(&h, cert->id);
            html_lit(&h, "/print\">");
            web_t(req, &h, strcmp(cert->status, "valid") ? "Certificate (revoked)" : "Certificate");
            html_lit(&h, "</a>");
        }
        html_lit(&h, "</h3><p class=\"muted\">");
        html_text(&h, c->term_name);
        if (c->first_start) {
            html_lit(&h, " · ");
            when(&h, c->first_start);
        }
        html_lit(&h, " · ");
        html_text(&h, arena_sprintf(&req->a, req_tr(req, "attended %d of %d sessions"), c->attended,
                                    c->sessions));
        html_lit(&h, "</p>");
        if (offer) { /* a place of a lottery course: confirm it in time, or decline it */
            html_lit(&h, "<p class=\"offer\"><strong>");
            web_t(req, &h, "This place is offered to you: confirm it by");
            html_lit(&h, " ");
            when(&h, c->e.confirm_by);
            html_lit(&h, "</strong></p><form method=\"post\" class=\"inline\" "
                         "action=\"/course-enrolments/");
            html_int(&h, c->e.id);
            html_lit(&h, "/confirm\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\">");
            web_t(req, &h, "Confirm the place");
            html_lit(&h, "</button></form> <form method=\"post\" class=\"inline\" "
                         "action=\"/course-enrolments/");
            html_int(&h, c->e.id);
            html_lit(&h, "/decline\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Decline");
            html_lit(&h, "</button></form>");
        }
        if (live) {
            /* the QR code, inline: shown at the door even offline once the page is open */
            html_lit(&h, "<div class=\"qr\">");
            html_qr(&h, c->e.code);
            html_lit(&h, "</div><p class=\"code\">");
            html_text(&h, c->e.code);
            html_lit(&h, "</p><form method=\"post\" action=\"/course-enrolments/");
            html_int(&h, c->e.id);
            html_lit(&h, "/withdraw\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<button type=\"submit\" class=\"secondary\">");
            web_t(req, &h, "Give up my place");
            html_lit(&h, "</button></form>");
        }
        html_lit(&h, "</article>");
    }
    if (m.next_cursor) {
        const char *params[] = {"limit", req_query(req, "limit"), NULL};
        web_pager(req, &h, "/me/courses", m.next_cursor, params);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}

void page_enrolment_withdraw_post(http_req *req)
{
    if (enrol_withdraw(req_ctx(req), req_id(req, 0)) < 0)
        resp_fail(req);
    else
        resp_redirect(req, "/me/courses?msg=course_withdrawn");
}

void page_offer_confirm_post(http_req *req)
{
    course_enrolment e;
    if (offer_confirm(req_ctx(req), req_id(req, 0), &e) < 0)
        refuse(req, "/me/courses");
    else
        resp_redirect(req, "/me/courses?msg=course_confirmed");
}

void page_offer_decline_post(http_req *req)
{
    if (offer_decline(req_ctx(req), req_id(req, 0)) < 0)
        refuse(req, "/me/courses");
    else
        resp_redirect(req, "/me/courses?msg=course_declined");
}

/* ---- a teacher ---- */

static void text_list(html *h, const char *json)
{
    json_t *j = json ? json_loads(json, 0, NULL) : NULL;
    for (size_t i = 0; i < json_array_size(j); i++) {
        html_lit(h, "<span class=\"badge\">");
        html_text(h, json_string_value(json_array_get(j, i)));
        html_lit(h, "</span> ");
    }
    json_decref(j);
}

void page_teacher(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t id = req_id(req, 0);
    course_teacher t;
    if (teacher_get(ctx, id, &t) < 0) {
        resp_fail(req);
        return;
    }
    course_query q = {.teacher_id = id, .limit = 100};
    course_view *vs;
    size_t n;
    const char *next;
    rating_summary trs;
    if (course_search(ctx, &q, &vs, &n, &next) < 0 ||
        rating_summary_of(ctx, TEACHER_RATING_KIND, id, &trs) < 0) {
        resp_fail(req);
        return;
    }
    const rating_summary *rs = course_ratings(req, vs, n);
    html h;
    web_begin(req, &h, t.name);
    html_lit(&h, "<article class=\"card\" id=\"teacher\"><h1>");
    html_text(&h, t.name);
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<p class=\"muted\" id=\"teacher-rating\">");
    web_rating_average(req, &h, &trs);
    html_lit(&h, "</p><p id=\"teacher-titles\">");
    text_list(&h, t.titles);
    html_lit(&h, "</p><p id=\"teacher-specialties\"><strong>");
    web_t(req, &h, "Specialties");
    html_lit(&h, "</strong> ");
    text_list(&h, t.specialties);
    html_lit(&h, "</p>");
    if (t.photo_url) {
        html_lit(&h, "<p><a rel=\"noopener\" href=\"");
        html_attr(&h, t.photo_url);
        html_lit(&h, "\">");
        web_t(req, &h, "Photo");
        html_lit(&h, "</a></p>");
    }
    html_lit(&h, "<div class=\"prose\">");
    html_text(&h, t.bio);
    html_lit(&h, "</div></article><section class=\"card\"><h2>");
    web_t(req, &h, "Courses");
    html_lit(&h, "</h2>");
    if (n == 0)
        web_empty(req, &h, "No course matches.");
    html_lit(&h, "<ul class=\"list\">");
    for (size_t i = 0; i < n; i++)
        course_line(req, &h, &vs[i], rs ? &rs[i] : NULL);
    html_lit(&h, "</ul></section>");
    web_course_ratings(req, &h, TEACHER_RATING_KIND, id);
    web_end(req, &h, 200);
}

/* ---- the roster ---- */

/* The end of the course: who completed it, and for its managers the button that issues the
 * certificates once its last session is over. */
static void certificates_box(http_req *req, html *h, const course_roster *r)
{
    const course_view *v = &r->v;
    int64_t last_end = 0;
    int completed = 0, issued = 0;
    for (size_t i = 0; i < v->nsessions; i++)
        if (!strcmp(v->sessions[i].status, "scheduled") && v->sessions[i].ends_at > last_end)
            last_end = v->sessions[i].ends_at;
    for (size_t i = 0; i < r->nrows; i++) {
        completed += course_completed(r->rows[i].attended, r->held, r->completion_percent);
        const certificate *c = course_roster_certificate(r, r->rows[i].e.user_id);
        issued += c && !strcmp(c->status, "valid");
    }
    html_lit(h, "<section class=\"card\" id=\"completion\"><h2>");
    web_t(req, h, "Completion certificates");
    html_lit(h, "</h2><p id=\"completion-summary\">");
    html_text(h, arena_sprintf(&req->a,
                               req_tr(req, "%d of %zu people completed the course; %d hold its "
                                           "certificate."),
                               completed, r->nrows, issued));
    html_lit(h, "</p>");
    if (!course_managed_by(&req->who, &v->k) || strcmp(v->k.status, "published")) {
        html_lit(h, "</section>");
        return;
    }
    if (!last_end || last_end > req->ctx.now) {
        html_lit(h, "<p class=\"muted\">");
        web_t(req, h, "Certificates are issued once the course's last session has ended.");
        html_lit(h, "</p></section>");
        return;
    }
    html_lit(h, "<form method=\"post\" id=\"issue-certificates\" action=\"/courses/");
    html_int(h, v->k.id);
    html_lit(h, "/certificates\">");
    web_csrf_field(req, h);
    html_lit(h, "<button type=\"submit\">");
    web_t(req, h, "Issue certificates");
    html_lit(h, "</button><p class=\"small muted\">");
    web_t(req, h,
          "Everyone who completed the course and has no certificate yet gets one, with a number "
          "and a verification code.");
    html_lit(h, "</p></form></section>");
}

void page_course_roster(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    course_roster r;
    if (course_roster_get(ctx, req_id(req, 0), &r) < 0) {
        resp_fail(req);
        return;
    }
    const course_view *v = &r.v;
    int manages = course_managed_by(&req->who, &v->k);
    int held = 0;
    for (size_t i = 0; i < v->nsessions; i++)
        held += !strcmp(v->sessions[i].status, "scheduled");
    /* the session to check in at: the first not ended, else the last */
    size_t cur = v->nsessions ? v->nsessions - 1 : 0;
    for (size_t i = 0; i < v->nsessions; i++)
        if (v->sessions[i].ends_at > ctx->now) {
            cur = i;
            break;
        }
    html h;
    web_begin(req, &h, v->k.title);
    html_lit(&h, "<h1>");
    html_text(&h, v->k.title);
    html_lit(&h, "</h1>");
    WEB_FLASH(req, &h, flashes);
    html_lit(&h, "<p class=\"muted\">");
    html_text(&h, arena_sprintf(&req->a,
                                req_tr(req, "%zu people with a place; a course is completed by "
                                            "attending %d%% of its sessions."),
                                r.nrows, r.completion_percent));
    html_lit(&h, "</p>");
    if (v->nsessions) {
        /* check in by code (the QR code's text), or mark a person present */
        for (int by_code = 1; by_code >= 0; by_code--) {
            html_lit(&h, "<form method=\"post\" class=\"card filters\" id=\"");
            html_attr(&h, by_code ? "checkin-code" : "checkin-roster");
            html_lit(&h, "\" action=\"/course-sessions/");
            html_int(&h, v->sessions[cur].id);
            html_lit(&h, "/checkin\">");
            web_csrf_field(req, &h);
            html_lit(&h, "<span>");
            when(&h, v->sessions[cur].starts_at);
            html_lit(&h, "</span>");
            if (by_code) {
                html_lit(&h, "<input name=\"code\" autocomplete=\"off\" aria-label=\"");
                html_attr(&h, req_tr(req, "Code of the place"));
                html_lit(&h, "\" placeholder=\"");
                html_attr(&h, req_tr(req, "Code of the place"));
                html_lit(&h, "\"><button type=\"submit\">");
                web_t(req, &h, "Check in by code");
            } else {
                html_lit(&h, "<select name=\"enrolment_id\" aria-label=\"");
                html_attr(&h, req_tr(req, "Learner"));
                html_lit(&h, "\">");
                for (size_t i = 0; i < r.nrows; i++) {
                    html_lit(&h, "<option value=\"");
                    html_int(&h, r.rows[i].e.id);
                    html_lit(&h, "\">");
                    html_text(&h, r.rows[i].name);
                    html_lit(&h, "</option>");
                }
                html_lit(&h, "</select><button type=\"submit\" class=\"secondary\">");
                web_t(req, &h, "Mark present");
            }
            html_lit(&h, "</button></form>");
        }
    }
    html_lit(&h, "<section class=\"card\"><table class=\"data\" id=\"roster\"><thead><tr><th>");
    web_t(req, &h, "Name");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Mobile");
    html_lit(&h, "</th>");
    for (size_t s = 0; s < v->nsessions; s++) {
        char d[40];
        time_format_rfc3339(v->sessions[s].starts_at, d, sizeof(d), 0);
        d[10] = '\0';
        html_lit(&h, "<th>");
        html_text(&h, d + 5); /* MM-DD */
        html_lit(&h, "</th>");
    }
    html_lit(&h, "<th>");
    web_t(req, &h, "Attended");
    html_lit(&h, "</th><th>");
    web_t(req, &h, "Certificate");
    html_lit(&h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < r.nrows; i++) {
        const roster_row *row = &r.rows[i];
        char phone[PHONE_MASKED_MAX];
        account_mask_phone(row->phone, phone);
        html_lit(&h, "<tr><td>");
        html_text(&h, row->name);
        html_lit(&h, "</td><td>");
        html_text(&h, phone);
        html_lit(&h, "</td>");
        for (size_t s = 0; s < v->nsessions; s++) {
            int there = 0;
            for (size_t m = 0; m < r.nmarks && !there; m++)
                there = r.marks[m].session_id == v->sessions[s].id &&
                        r.marks[m].enrolment_id == row->e.id;
            html_lit(&h, "<td>");
            if (there)
                html_lit(&h, "✓");
            html_lit(&h, "</td>");
        }
        html_lit(&h, "<td>");
        html_text(&h, arena_sprintf(&req->a, "%d/%d", row->attended, held));
        if (course_completed(row->attended, held, r.completion_percent)) {
            html_lit(&h, " ");
            web_badge(req, &h, "approved", "Completed");
        }
        html_lit(&h, "</td><td class=\"roster-certificate\">");
        const certificate *c = course_roster_certificate(&r, row->e.user_id);
        if (c && manages) { /* the teacher sees the number; the certificate is the staff's */
            html_lit(&h, "<a href=\"/certificates/");
            html_int(&h, c->id);
            html_lit(&h, "/print\">");
            html_text(&h, c->number);
            html_lit(&h, "</a>");
        } else if (c) {
            html_text(&h, c->number);
        }
        if (c) {
            if (strcmp(c->status, "valid")) {
                html_lit(&h, " ");
                web_badge(req, &h, "cancelled", "Revoked");
            }
        }
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table></section>");
    certificates_box(req, &h, &r);
    web_end(req, &h, 200);
}

void page_course_certificates_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    const char *back = arena_sprintf(&req->a, "/courses/%lld/roster", (long long)id);
    course_issued r;
    if (course_certificates_issue(req_ctx(req), id, &r) < 0) {
        refuse(req, back);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "%s?msg=course_certificates_issued", back));
}

void page_course_checkin_post(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    int64_t sid = req_id(req, 0);
    const char *code = req_form(req, "code");
    const char *eid = req_form(req, "enrolment_id");
    int64_t enrolment = eid && *eid ? strtoll(eid, NULL, 10) : 0;
    course_session s;
    course_enrolment e;
    /* back to the course's roster (the session's course, when the session exists) */
    const char *back = course_session_get(ctx, sid, &s) == 0
                           ? arena_sprintf(&req->a, "/courses/%lld/roster", (long long)s.course_id)
                           : "/courses";
    ctx->err = (wy_error){0};
    if (course_checkin(ctx, sid, code && *code ? code : NULL, enrolment, &e) < 0) {
        refuse(req, back);
        return;
    }
    resp_redirect(req, arena_sprintf(&req->a, "%s?msg=course_checked_in", back));
}
