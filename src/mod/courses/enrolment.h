/*
 * enrolment: how people get into courses, and what happens during the term.
 *
 * Eligibility (course_eligibility, a pure function): the person's age on the term's first
 * class day within the course's range (a birth date is declared once, kept in
 * course_learners), residence in the course's division subtree (the account's division), and
 * for staff training a staff role; at most max_courses courses a person in a term (the
 * guarded hold of the store, counted in the enrolling transaction).
 *
 * First-come courses: a request is checked here (published, the term's window open, not
 * enrolled yet, eligible, a place seemingly left), then queued to the seat writer
 * (core/seats.h: a seats_kind of this module, the same writer thread and group commit as the
 * bookings of activities), which enrols a batch in one durable transaction
 * (store_course_enrol_batch); only then is anyone told they have a place. A course seen full
 * is refused at once, without queueing: under a flash crowd most requests never wait.
 *
 * Lottery courses: a person's application to a term ranks up to max_choices of its lottery
 * courses, each checked for eligibility when chosen; it can be changed until the window
 * closes. The draw is not here: course_lottery_input hands a term's applications to it.
 *
 * During the term: each session's attendance by check-in (the enrolment's code at the door,
 * or marked on the roster by the teacher), and the completion rule.
 */
#ifndef WY_ENROLMENT_H
#define WY_ENROLMENT_H

#include "core/certificate.h"
#include "core/domain.h"
#include "core/lottery_record.h"
#include "core/seats.h"
#include "mod/courses/course.h"
#include "mod/courses/course_store.h"

/* ---- eligibility ---- */

typedef struct course_person {
    const char *birth_date; /* YYYY-MM-DD, or NULL when not declared */
    const char *division;   /* where the person lives (the account's), or NULL */
    int staff;              /* holds a staff role over the course's area (course_staff_of) */
} course_person;

typedef enum course_verdict {
    COURSE_ELIGIBLE = 0,
    COURSE_NEED_BIRTH_DATE, /* the course has an age range and no birth date is declared */
    COURSE_TOO_YOUNG,
    COURSE_TOO_OLD,
    COURSE_NOT_RESIDENT, /* outside the course's residence subtree */
    COURSE_STAFF_ONLY,   /* staff training, and the person is not staff there */
} course_verdict;

/* The area whose staff may take a staff-only course: its residence subtree, else its
 * division. */
const char *course_staff_area(const course *k);
/* Does who hold a role other than citizen on a division that lies in area or contains it? */
int course_staff_of(const principal *who, const char *area);
/* May p take k (of term t)? Ages count on t's first class day. Staff training asks for the
 * staff role instead of residence. */
course_verdict course_eligibility(const course *k, const course_term *t, const course_person *p);
/* The refusal of a verdict on ctx: 422 not_eligible with the reason in field (birth_date,
 * age, residence, staff_only); 0 for COURSE_ELIGIBLE. */
int course_verdict_refusal(wy_ctx *ctx, course_verdict v);
/* The person ctx->who is, for courses: a birth date given now (birth_date, may be NULL) or the
 * one declared before. A new one is checked (E_INVALID bad_birth_date) and recorded by the
 * caller's transaction only with record set. */
int course_person_of(wy_ctx *ctx, const course *k, const char *birth_date, course_person *out);

/* Has ctx->who declared a birth date (so forms need not ask)? 0 when not, or unknown. */
int course_birth_date_known(wy_ctx *ctx);

/* The completion rule: attended at least percent of the course's sessions (and it has some). */
int course_completed(int attended, int sessions, int percent);

/* ---- first-come enrolment ---- */

typedef struct enrol_job enrol_job;
struct enrol_job {
    seats_job base; /* first: the writer queues the job by it */
    course_enrol_req req;
    course_enrol_res res;
    int store_rc; /* of the batch: WY_OK, or why the whole batch failed */
    void (*done)(enrol_job *j);
    void *ud;
};

/* Check ctx->who's request for a place in a first-come course and fill req. A lottery course
 * is E_CONFLICT "lottery" (the caller applies instead: application_add). birth_date: given
 * with the request (NULL: the declared one), recorded when none was. */
int enrol_prepare(wy_ctx *ctx, int64_t course_id, const char *birth_date, const char *idem_key,
                  course_enrol_req *req);
/* Queue a job for the seat writer; -1 when the queue is full (503 busy, enrol_busy). */
int enrol_submit(enrol_job *j);
int enrol_busy(wy_ctx *ctx);
/* Enrol synchronously (tests, the demo). */
int enrol_now(wy_ctx *ctx, const course_enrol_req *req, course_enrol_res *res);
/* The refusal an outcome of the writer means (full, duplicate, over_limit: 409); 0 when it
 * enrolled. */
int enrol_refuse(wy_ctx *ctx, int outcome);
/* Withdraw one's own confirmed place (E_NOTFOUND for anyone else's) before the course's last
 * session ends: the place goes back to the course, the hold to the person (told:
 * course.withdrawn); a lottery course's waiting list is served (course_serve_waiting). */
int enrol_withdraw(wy_ctx *ctx, int64_t enrolment_id);
/* ctx->who's live place in a course: 1 (and out), 0 when none, -1 with the refusal. */
int enrol_mine_in(wy_ctx *ctx, int64_t course_id, course_enrolment *out);
/* The enrolment with its code, when ctx->who holds it (E_NOTFOUND otherwise). */
int enrol_own(wy_ctx *ctx, int64_t enrolment_id, course_enrolment *out);

/* ---- lottery applications ---- */

/* ctx->who's application to a term (E_NOTFOUND when none, or withdrawn with no choices). */
int application_get(wy_ctx *ctx, int64_t term_id, course_application *out);
/* Set ctx->who's ranked choices for a term (1 .. max_choices lottery courses of the term,
 * published, distinct, each one the person is eligible for), while its window is open.
 * n = 0 withdraws. The pseudonym is made at the first application and kept. */
int application_set(wy_ctx *ctx, int64_t term_id, const int64_t *choices, int n,
                    const char *birth_date, course_application *out);
/* Add a lottery course at the end of ctx->who's application to its term (409 duplicate when
 * it is there; 422 too_many_choices past max_choices). */
int application_add(wy_ctx *ctx, int64_t course_id, const char *birth_date,
                    course_application *out);
/* Take a course out of ctx->who's application (the rest keep their order). */
int application_remove(wy_ctx *ctx, int64_t course_id, course_application *out);
int application_withdraw(wy_ctx *ctx, int64_t term_id);

/* What a lottery of a term is given: its lottery courses with their places (published, by
 * id), and every active application (by pseudonym: tier, courses held already, the ranked
 * choices), each choice checked for eligibility when it was made. For staff who manage
 * courses over the term's division. */
typedef struct course_lottery_course {
    int64_t id;
    int places; /* places not taken yet */
    const char *title;
} course_lottery_course;
typedef struct course_lottery_inputs {
    course_term term;
    course_lottery_course *courses;
    size_t ncourses;
    course_lottery_applicant *applicants;
    size_t napplicants;
} course_lottery_inputs;
int course_lottery_input(wy_ctx *ctx, int64_t term_id, course_lottery_inputs *out);

/* A new check-in code for a place (random, URL-safe). */
const char *course_new_code(wy_ctx *ctx);

/* The term's lottery in the core's store of draws (core/lottery_record.h, lottery_term.c):
 * the kind "course_term", listed by module.c. Its inputs are the term's lottery courses
 * (item ids the course ids in decimal, their places not taken) and its active applications
 * (tier as the priority class; the places held already lower the applicant's own limit, and
 * one who holds the term's limit is left out), N the term's max_choices and M its
 * max_courses (at most N). Committed only once the term's window has closed (409
 * window_open). The draw offers the assigned their places (source 'lottery', a new code each,
 * the holds raised, a deadline each: course_offer_deadline), keeps each applicant's receipt
 * and each course's waiting list in draw order, and tells each applicant their result
 * (course.lottery_result). */
#define COURSE_LOTTERY_KIND "course_term"
extern const lottery_kind course_lottery_kind;
/* The lottery of a term, opened when it has none (staff managing courses over its area). */
int course_term_lottery(wy_ctx *ctx, int64_t term_id, lottery_row *out);

/* ---- a person's courses ---- */

typedef struct my_courses {
    my_course *enrolments;
    size_t nenrolments;
    course_application *applications;
    size_t napplications;
    const char *next_cursor; /* of the enrolments; NULL on the last page */
    /* the person's completion certificates of courses (valid and revoked), newest first */
    certificate *certificates;
    size_t ncertificates;
    /* where the person waits (the first page only), by course */
    course_waiter *waiting;
    size_t nwaiting;
} my_courses;
/* The certificate of a course among m's (the valid one, else the last revoked), or NULL. */
const certificate *course_my_certificate(const my_courses *m, int64_t course_id);
int course_mine(wy_ctx *ctx, const char *cursor, int limit, my_courses *out);

/* ---- the roster and attendance ---- */

/* May ctx->who see the roster of k, take its attendance and post its materials: its teacher,
 * or staff who manage it. 0, or -1 with the refusal (E_NOTFOUND for a course they may not
 * see, else E_FORBIDDEN). */
int course_may_teach(wy_ctx *ctx, const course *k);

/* The roster of a course, for its teacher and the staff who manage it: the people with a
 * place (names; phones as the caller may see them), the sessions and who attended each.
 * Recorded in the audit log as personal.read. */
typedef struct course_roster {
    course_view v;
    roster_row *rows;
    size_t nrows;
    attendance_mark *marks;
    size_t nmarks;
    int completion_percent;
    int held; /* the sessions scheduled (not cancelled): what the completion rule counts */
    /* the completion certificates of the course (valid and revoked), by id */
    certificate *certificates;
    size_t ncertificates;
} course_roster;
/* The certificate of a learner on the roster (the valid one, else the last revoked), or NULL. */
const certificate *course_roster_certificate(const course_roster *r, int64_t user_id);
int course_roster_get(wy_ctx *ctx, int64_t course_id, course_roster *out);
/* Check a person in at a session: by the code of their enrolment (at the door: from
 * booking.checkin_early_min minutes before the session until it ends) or by the enrolment's
 * id (marked on the roster by the teacher, from the same time on). The teacher of the course
 * or staff who manage it. Once per session: 409 already_checked_in. */
int course_checkin(wy_ctx *ctx, int64_t session_id, const char *code, int64_t enrolment_id,
                   course_enrolment *out);

/* ---- offers: the places of lottery courses, confirmed by their people (offers.c) ---- */
/*
 * A place of a lottery course is offered before it is anyone's for good: the draw offers the
 * places it assigns, and a place that frees is offered to the next on the course's waiting
 * list. An offer holds the place (courses.taken) and the person's count of the term
 * (course_holds.held) like a confirmed place, until its deadline: the time of the offer plus
 * [courses] confirm_hours, and never past the course's first scheduled session. Its person
 * confirms it (a place for good, the check-in code it was given) or declines it; one not
 * answered by the deadline lapses (the periodic job course-offers). A declined or lapsed
 * offer gives back the place and the hold.
 *
 * A place frees (an offer declined or lapsed, a confirmed place withdrawn) and the course's
 * waiting list is served in position order by the seat inventory's promotion
 * (seats_promote_admit over course_waiting_ops), while the course is published and its first
 * session has not begun: each next waiter under the term's limit, without a place or offer in
 * the course and eligible as they are now gets an offer with a fresh deadline (told:
 * course.offer); one who is not is passed over for good (skipped, audited).
 */
/* The deadline of an offer made now: now + confirm_hours, but not past first_start (the
 * course's first session; 0: none) when that is later than now. */
int64_t course_offer_deadline(wy_ctx *ctx, int64_t first_start);
/* Serve a course's waiting list into the places free now, inside the caller's transaction
 * (nothing when the course takes no lottery places, or has begun). */
int course_serve_waiting(wy_ctx *ctx, int64_t course_id);
/* ctx->who confirms their offer before its deadline (409 offer_lapsed after it; 409
 * not_offered for a place that is no offer; E_NOTFOUND for anyone else's); out: the place. */
int offer_confirm(wy_ctx *ctx, int64_t enrolment_id, course_enrolment *out);
/* ctx->who declines their offer: the place and hold given back, the waiting list served. */
int offer_decline(wy_ctx *ctx, int64_t enrolment_id);
/* The periodic job course-offers: every offer past its deadline lapses (told:
 * course.offer_lapsed), one transaction per course with the waiting list served in it. */
int course_job_offers(wy_ctx *ctx);
/* Tell user about a subject of a course (notify_send), inside the caller's transaction. */
int course_tell(wy_ctx *ctx, const notify_kind *kind, int64_t user_id, const char *subject_type,
                int64_t subject_id, const char *title, const char *division, const char *params);

/* Register the hook through which other modules give places in first-come courses
 * (granted_places.c, core/enrol_hook.h); the module's init. */
void course_places_register(void);

/* The module's part of the seat writer's start (the kind needs nothing started: the writer
 * is the activities' one, shared by every kind). */

#endif
