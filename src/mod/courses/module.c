/* The courses module (文化学堂): its description (mod/module.h). */
#include "mod/courses/completion.h"
#include "mod/courses/course.h"
#include "mod/courses/course_rating.h"
#include "mod/courses/enrolment.h"
#include "mod/courses/handlers.h"
#include "mod/module.h"
#include "util/log.h"

#define API    ROUTE_API
#define READ   ROUTE_READ
#define CACHE  ROUTE_CACHE
#define UPLOAD ROUTE_UPLOAD

static const route routes[] = {
    /* the catalogue and the staff's courses */
    {"GET", "/api/v1/courses", api_courses_list, PERM_PUBLIC, API | READ | CACHE},
    {"POST", "/api/v1/courses", api_course_create, PERM_COURSES_MANAGE, API},
    {"GET", "/api/v1/courses/{id}", api_course_get, PERM_PUBLIC, API},
    {"PATCH", "/api/v1/courses/{id}", api_course_update, PERM_COURSES_MANAGE, API},
    {"POST", "/api/v1/courses/{id}/submit", api_course_submit, PERM_COURSES_MANAGE, API},
    {"POST", "/api/v1/courses/{id}/cancel", api_course_cancel, PERM_COURSES_MANAGE, API},
    /* terms and teachers */
    {"GET", "/api/v1/course-terms", api_terms_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/course-terms", api_term_create, PERM_COURSES_MANAGE, API},
    {"GET", "/api/v1/course-terms/{id}", api_term_get, PERM_PUBLIC, API | READ},
    {"PATCH", "/api/v1/course-terms/{id}", api_term_update, PERM_COURSES_MANAGE, API},
    /* the term's lottery in the store of draws (committed and drawn at /api/v1/lotteries) */
    {"POST", "/api/v1/course-terms/{id}/lottery", api_term_lottery, PERM_COURSES_MANAGE, API},
    {"GET", "/api/v1/teachers", api_teachers_list, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/teachers", api_teacher_create, PERM_COURSES_MANAGE, API},
    {"GET", "/api/v1/teachers/{id}", api_teacher_get, PERM_PUBLIC, API | READ},
    /* its teacher, or staff who manage courses there (the rule decides) */
    {"PATCH", "/api/v1/teachers/{id}", api_teacher_update, PERM_COURSES_TEACH, API},
    /* enrolment: first-come places and lottery applications */
    {"POST", "/api/v1/courses/{id}/enrolments", api_course_enrol, PERM_LOGGED_IN, API},
    {"DELETE", "/api/v1/course-enrolments/{id}", api_enrolment_withdraw, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/course-enrolments/{id}/qr.svg", api_enrolment_qr, PERM_LOGGED_IN, API},
    /* an offered place of a lottery course, answered by its person (the rule decides) */
    {"POST", "/api/v1/course-enrolments/{id}/confirm", api_offer_confirm, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/course-enrolments/{id}/decline", api_offer_decline, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/me/courses", api_my_courses, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/course-terms/{id}/application", api_application_get, PERM_LOGGED_IN, API},
    {"PUT", "/api/v1/course-terms/{id}/application", api_application_put, PERM_LOGGED_IN, API},
    {"DELETE", "/api/v1/course-terms/{id}/application", api_application_delete, PERM_LOGGED_IN,
     API},
    /* the term: rosters and attendance */
    {"GET", "/api/v1/courses/{id}/roster", api_course_roster, PERM_COURSES_TEACH, API},
    {"POST", "/api/v1/course-sessions/{id}/checkins", api_course_checkin, PERM_COURSES_TEACH, API},
    /* the end of the term: completion certificates (core/certificate.h, completion.h) */
    {"POST", "/api/v1/courses/{id}/certificates", api_course_certificates_issue,
     PERM_COURSES_MANAGE, API},
    /* materials: posted by its teacher, read by its learners (material.h: the rule decides) */
    {"GET", "/api/v1/courses/{id}/materials", api_course_materials, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/courses/{id}/materials", api_course_material_post, PERM_COURSES_TEACH,
     API | UPLOAD},
    {"GET", "/api/v1/course-materials/{id}", api_course_material_get, PERM_LOGGED_IN, API},
    /* ratings (core/rating.h): by those who attended; moderated at /api/v1/ratings */
    {"POST", "/api/v1/courses/{id}/ratings", api_course_rating_post, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/courses/{id}/ratings", api_course_ratings, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/teachers/{id}/ratings", api_teacher_rating_post, PERM_LOGGED_IN, API},
    {"GET", "/api/v1/teachers/{id}/ratings", api_teacher_ratings, PERM_PUBLIC, API | READ},
    /* pages */
    {"GET", "/courses", page_courses, PERM_PUBLIC, READ},
    {"GET", "/courses/{id}", page_course, PERM_PUBLIC, 0},
    {"POST", "/courses/{id}/enrol", page_course_enrol_post, PERM_LOGGED_IN, 0},
    {"GET", "/course-terms/{id}/apply", page_term_apply, PERM_LOGGED_IN, 0},
    {"POST", "/course-terms/{id}/apply", page_term_apply_post, PERM_LOGGED_IN, 0},
    {"GET", "/me/courses", page_my_courses, PERM_LOGGED_IN, 0},
    {"POST", "/course-enrolments/{id}/withdraw", page_enrolment_withdraw_post, PERM_LOGGED_IN, 0},
    {"POST", "/course-enrolments/{id}/confirm", page_offer_confirm_post, PERM_LOGGED_IN, 0},
    {"POST", "/course-enrolments/{id}/decline", page_offer_decline_post, PERM_LOGGED_IN, 0},
    {"GET", "/teachers/{id}", page_teacher, PERM_PUBLIC, READ},
    {"POST", "/courses/{id}/rate", page_course_rate_post, PERM_LOGGED_IN, 0},
    {"POST", "/teachers/{id}/rate", page_teacher_rate_post, PERM_LOGGED_IN, 0},
    {"GET", "/courses/{id}/roster", page_course_roster, PERM_COURSES_TEACH, 0},
    {"POST", "/course-sessions/{id}/checkin", page_course_checkin_post, PERM_COURSES_TEACH, 0},
    {"POST", "/courses/{id}/certificates", page_course_certificates_post, PERM_COURSES_MANAGE, 0},
    {"POST", "/courses/{id}/materials", page_course_material_post, PERM_COURSES_TEACH, UPLOAD},
    /* the staff's forms (pages_staff.c): terms and courses written in the browser */
    {"GET", "/admin/courses", page_staff_courses, PERM_COURSES_MANAGE, 0},
    {"GET", "/admin/course-terms/new", page_staff_term_new, PERM_COURSES_MANAGE, 0},
    {"POST", "/admin/course-terms", page_staff_term_create_post, PERM_COURSES_MANAGE, 0},
    {"GET", "/admin/course-terms/{id}/edit", page_staff_term_edit, PERM_COURSES_MANAGE, 0},
    {"POST", "/admin/course-terms/{id}/edit", page_staff_term_edit_post, PERM_COURSES_MANAGE, 0},
    {"GET", "/admin/courses/new", page_staff_course_new, PERM_COURSES_MANAGE, 0},
    {"POST", "/admin/courses", page_staff_course_create_post, PERM_COURSES_MANAGE, 0},
    {"GET", "/admin/courses/{id}/edit", page_staff_course_edit, PERM_COURSES_MANAGE, 0},
    {"POST", "/admin/courses/{id}/edit", page_staff_course_edit_post, PERM_COURSES_MANAGE, 0},
    {"POST", "/admin/courses/{id}/submit", page_staff_course_submit_post, PERM_COURSES_MANAGE, 0},
};

static const wy_nav nav[] = {
    {.place = WEB_NAV_MAIN,
     .href = "/courses",
     .label = N_("Courses"),
     .perm = PERM_PUBLIC,
     .order = 15},
    {.place = WEB_NAV_ACCOUNT,
     .href = "/me/courses",
     .label = N_("My courses"),
     .perm = PERM_LOGGED_IN,
     .order = 15},
    {.place = WEB_NAV_ADMIN,
     .href = "/admin/courses",
     .label = N_("Courses"),
     .perm = PERM_COURSES_MANAGE,
     .order = 55,
     .current = "/admin/course"},
};

/* Courses are published through the review chain, like activities. */
static const review_type *const review_types[] = {&course_review_type};

static const config_key settings[] = {
    {"courses", "completion_percent", CONFIG_INT, "80", 1, 100,
     "a learner completes a course by attending at least this share of its sessions (percent)"},
    {"courses", "confirm_hours", CONFIG_INT, "72", 1, 720,
     "hours a person has to confirm a place of a lottery course offered to them (never past the "
     "course's first session)"},
    {"courses", "material_max_bytes", CONFIG_INT, "8388608", 1024, 104857600,
     "the largest file a teacher may post to a course (bytes; uploads are bounded by "
     "server.max_body_bytes too)"},
};

/* The term's lottery is an owner of the core's store of draws (lottery_term.c). */
static const lottery_kind *const lottery_kinds[] = {&course_lottery_kind};

/* Offers of lottery places not confirmed in time lapse, and the waiting lists move up. */
static const wy_job jobs[] = {
    {.name = "course-offers", .fn = course_job_offers},
};

/* What happens to people's places and applications, told in their inbox (core/notify.h). */
static const wy_notify_kind notify_kinds[] = {
    {&course_kind_enrolled, web_course_note_text, api_course_note_json},
    {&course_kind_lottery, web_course_note_text, api_course_note_json},
    {&course_kind_offer, web_course_note_text, api_course_note_json},
    {&course_kind_lapsed, web_course_note_text, api_course_note_json},
    {&course_kind_withdrawn, web_course_note_text, api_course_note_json},
    {&course_kind_annulled, web_course_note_text, api_course_note_json},
};

/* The completion certificates are a kind of the core's certificates (completion.c), and
 * courses and teachers are kinds of the core's ratings (course_rating.c). */
static void courses_init(void)
{
    if (course_rating_register() < 0)
        log_warn("courses: the rating subjects could not be registered");
    if (certificate_register_kind(&course_certificate_kind) < 0)
        log_warn("courses: the certificate kind could not be registered");
    course_places_register(); /* places given by rewards (core/enrol_hook.h) */
}

/* The first-come places go through the seat writer that the activities module starts (one
 * writer per process for every kind of the seat inventory): nothing to start here. */
const wy_module mod_courses = {
    .name = "courses",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/courses/openapi.json",
    .nav = nav,
    .nnav = sizeof(nav) / sizeof(nav[0]),
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    .lottery_kinds = lottery_kinds,
    .nlottery_kinds = sizeof(lottery_kinds) / sizeof(lottery_kinds[0]),
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .notify_kinds = notify_kinds,
    .nnotify_kinds = sizeof(notify_kinds) / sizeof(notify_kinds[0]),
    .init = courses_init,
    .demo = courses_demo,
};
