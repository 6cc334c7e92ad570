/*
 * course: 文化学堂, the free courses of cultural centres. A term (a centre's season: its
 * enrolment window, its class dates, the limits of a person) holds courses; a course has a
 * teacher (a profile tied to an account with the teacher role), a category of a fixed list,
 * a level, an audience's age range, a venue and room, a weekly schedule that becomes its
 * sessions over the term's class dates, places, a delivery mode, and an enrolment mode
 * (first-come through the seat inventory, or a lottery). Courses are written as drafts by
 * the centres' staff (courses_manage over the division) and published through review
 * (content type "course"); only published courses are listed publicly and take enrolments.
 *
 * Enrolment, applications, attendance and the roster are enrolment.h.
 */
#ifndef WY_COURSE_H
#define WY_COURSE_H

#include "core/certificate.h"
#include "core/domain.h"
#include "core/review.h"
#include "mod/courses/course_store.h"

/* The fixed lists (NULL-terminated), as stored. */
extern const char *const course_categories[]; /* literature ... other */
extern const char *const course_levels[];     /* all, beginner, intermediate, advanced */
extern const char *const course_deliveries[]; /* onsite, online, both */
int course_category_known(const char *c);

/* The "course" review type (registered by mod/courses/module.c). */
extern const review_type course_review_type;
/* The kind of the completion certificates (core/certificate.h: numbers KC-YEAR-SEQUENCE,
 * decided over by courses_manage), registered by module.c; completion.h issues them. */
#define COURSE_CERTIFICATE_KIND "course"
extern const certificate_kind course_certificate_kind;

#define COURSE_SESSIONS_MAX 200 /* sessions a course's schedule may make */
#define COURSE_SLOTS_MAX    14  /* weekly slots of a schedule */
#define COURSE_QUERY_MAX    100 /* characters of free text in a search */

/* ---- local days (China time) ---- */

/* Days since 1970-01-01 of "YYYY-MM-DD" (a real date), or -1 (INT32_MIN-safe: any invalid
 * text). */
int64_t course_day_parse(const char *s);
/* "YYYY-MM-DD" of a day number. */
void course_day_text(int64_t day, char out[11]);
/* The local day of a time in ms. */
int64_t course_day_of(int64_t ms);
/* The weekday (1 Monday .. 7 Sunday) of a day number. */
int course_weekday(int64_t day);
/* A person's age in full years on day (both YYYY-MM-DD); -1 when either is not a date or
 * the person is not born yet. */
int course_age_on(const char *birth_date, const char *day);

/* ---- the weekly schedule ---- */

typedef struct course_slot {
    int weekday;      /* 1 Monday .. 7 Sunday */
    int starts, ends; /* minutes after local midnight */
} course_slot;

/* Parse a schedule (JSON [{"weekday": 6, "starts": "09:00", "ends": "11:00"}, ...]): 1 to
 * COURSE_SLOTS_MAX slots, each ending after it starts; -1 otherwise. */
int course_schedule_parse(const char *json, course_slot *out, size_t max, size_t *n);
/* The sessions of a schedule from day from to day until (YYYY-MM-DD, both included), in time
 * order, at most max (the count they would be in *n, so more than max says too many). */
int course_schedule_sessions(const course_slot *slots, size_t nslots, const char *from,
                             const char *until, course_session *out, size_t max, size_t *n);

/* ---- teachers ---- */

/* Create a teacher's profile for the account user_id, which must hold the teacher role
 * (422 not_a_teacher), by staff who manage courses in division (courses_manage). One profile
 * an account (409 duplicate). specialties and titles: JSON arrays of strings. */
int teacher_create(wy_ctx *ctx, course_teacher *t, int64_t *id);
/* Change a profile (the fields set: not NULL): by its teacher, or by staff who manage courses
 * over its division. */
int teacher_update(wy_ctx *ctx, int64_t id, const course_teacher *in);
/* Profiles are public. */
int teacher_get(wy_ctx *ctx, int64_t id, course_teacher *out);
int teacher_list(wy_ctx *ctx, const char *division, int64_t after, int limit, course_teacher **out,
                 size_t *n);
/* The profile of ctx->who, or E_NOTFOUND. */
int teacher_mine(wy_ctx *ctx, course_teacher *out);

/* ---- terms ---- */

/* Create a term (courses_manage over its division); the window closes after it opens, the
 * class dates are dates with until not before from, 1 <= max_courses <= 20, 1 <= max_choices
 * <= 10. */
int term_create(wy_ctx *ctx, course_term *t, int64_t *id);
/* Change a term's name, window, dates and limits (courses_manage over its division). */
int term_update(wy_ctx *ctx, const course_term *t);
int term_get(wy_ctx *ctx, int64_t id, course_term *out);
int term_list(wy_ctx *ctx, const char *division, int64_t before, int limit, course_term **out,
              size_t *n);
/* Where a term's enrolment stands at now. */
typedef enum term_window { TERM_NOT_OPEN = 1, TERM_OPEN, TERM_CLOSED } term_window;
term_window term_window_at(const course_term *t, int64_t now);

/* ---- courses ---- */

typedef struct course_view {
    course k;
    course_term term;
    course_session *sessions;
    size_t nsessions;
    const char *division_name;
    const char *teacher_name;    /* NULL: no teacher */
    const char *venue_name;      /* NULL: no venue */
    double venue_lon, venue_lat; /* where its venue is (venue_name set) */
    int64_t applicants;          /* lottery: active applications ranking it */
} course_view;

/* Create a draft with the sessions its schedule makes over the term's class dates, by staff
 * who manage courses in its division; its venue, when it has one, in a division they manage
 * too, its teacher a profile. */
int course_create(wy_ctx *ctx, course *k, int64_t *id);
/* Change a draft or rejected course (the whole record: callers merge a patch first); its
 * sessions are made again. A published course is not changed here (409 bad_state). */
int course_update(wy_ctx *ctx, const course *k);
int course_submit(wy_ctx *ctx, int64_t id, const char **status);
/* Cancel a course (its managers): no more enrolments; the places people hold stay as a
 * record. */
int course_cancel(wy_ctx *ctx, int64_t id);
/* Published courses are public; others are seen by their managers, reviewers of their
 * division and their teacher (E_NOTFOUND for everyone else). */
int course_get(wy_ctx *ctx, int64_t id, course_view *out);
/* A session of a course (any course: sessions hold no more than times). */
int course_session_get(wy_ctx *ctx, int64_t id, course_session *out);
/* May who manage the course (change it, see its roster)? */
int course_managed_by(const principal *who, const course *k);
/* Is who the course's teacher? */
int course_taught_by(wy_ctx *ctx, const course *k);

/* The public catalogue: published courses of a subtree, category, term, teacher, with free
 * text q (title or description). Ordered by id, or with q the title matching first. */
typedef struct course_query {
    const char *division, *category, *q;
    int64_t term_id, teacher_id;
    const char *cursor; /* from the previous page, or NULL */
    int limit;
} course_query;
int course_search(wy_ctx *ctx, const course_query *q, course_view **out, size_t *n,
                  const char **next_cursor);

/* The courses of a subtree in every state, for the staff who manage courses there (the staff's
 * list of the admin console): courses_manage over division (NULL or "": the caller's widest
 * subtree), of one term when term_id is set; by id, after after; *more when there are more. */
int course_staff_list(wy_ctx *ctx, const char *division, int64_t term_id, int64_t after, int limit,
                      course_view **out, size_t *n, int *more);

/* `wenyun demo`: the module's demonstration data (mod/module.h). */
int courses_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
