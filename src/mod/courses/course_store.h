/*
 * course_store: the store interface of the courses module (文化学堂): teachers, terms and
 * courses with their sessions and search (store_courses.c); enrolments, holds, applications,
 * attendance (store_enrolments.c). Conventions as in core/store.h.
 *
 * The store keeps what only the database can keep under concurrency: a course's places by
 * the guarded update `taken + 1 <= places` (the seat inventory's rule, core/seats.h), one
 * live place per person and course by the unique index course_enrolments_one, and the
 * per-person limit of a term by the guarded upsert `held + 1 <= max_courses` of course_holds,
 * all inside the enrolment batch's transaction. Windows, eligibility and who may do what are
 * the rules of mod/courses/course.c and enrolment.c.
 */
#ifndef WY_COURSE_STORE_H
#define WY_COURSE_STORE_H

#include <stdint.h>

#include "core/seats_store.h"
#include "core/store.h"

/* ---- teachers ---- */
typedef struct course_teacher {
    int64_t id, user_id;
    const char *division, *name;
    const char *specialties, *titles; /* JSON arrays of strings */
    const char *photo_url, *bio;      /* photo_url may be NULL */
    int64_t created_by, created_at, updated_at;
} course_teacher;

int store_teacher_create(db *c, const course_teacher *t, int64_t now, int64_t *id);
int store_teacher_update(db *c, const course_teacher *t, int64_t now);
int store_teacher_get(db *c, arena *a, int64_t id, course_teacher *out);
int store_teacher_by_user(db *c, arena *a, int64_t user_id, course_teacher *out);
/* Teachers of a subtree (prefix "" or NULL: all) by id after after. */
int store_teacher_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                       course_teacher **out, size_t *n);

/* ---- terms ---- */
typedef struct course_term {
    int64_t id;
    const char *division, *name;
    int64_t enrol_opens_at, enrol_closes_at;
    const char *classes_from, *classes_until; /* local days, YYYY-MM-DD */
    int max_courses, max_choices, returning_after_new;
    int64_t created_by, created_at, updated_at;
} course_term;

int store_term_create(db *c, const course_term *t, int64_t now, int64_t *id);
int store_term_update(db *c, const course_term *t, int64_t now);
int store_term_get(db *c, arena *a, int64_t id, course_term *out);
/* Terms of a subtree (prefix "" or NULL: all), newest first, ids before before (0: none). */
int store_term_list(db *c, arena *a, const char *prefix, int64_t before, int limit,
                    course_term **out, size_t *n);

/* ---- courses ---- */
typedef struct course {
    int64_t id, term_id, teacher_id; /* teacher_id 0: none yet */
    const char *title, *category, *level, *description;
    int age_min, age_max;  /* -1: no bound */
    const char *residence; /* the subtree whose residents may enrol; NULL: anyone */
    const char *division;
    int64_t venue_id; /* 0: none */
    const char *room;
    const char *schedule; /* JSON: [{"weekday": 1..7, "starts": "HH:MM", "ends": "HH:MM"}] */
    int places, taken;
    const char *delivery, *online_kind, *online_url; /* online_*: NULL when on site only */
    int staff_only;
    const char *enrolment; /* first_come, lottery */
    const char *status;
    int64_t created_by, created_at, updated_at;
} course;

int store_course_create(db *c, const course *k, int64_t now, int64_t *id);
/* Every field but status, taken and the creator. */
int store_course_update(db *c, const course *k, int64_t now);
int store_course_get(db *c, arena *a, int64_t id, course *out);
int store_course_set_status(db *c, int64_t id, const char *status, int64_t now);

typedef struct course_filter {
    const char *prefix, *category, *q, *status;
    int64_t term_id, teacher_id; /* 0: any */
    /* the cursor: without q, ids after after; with q, (title rank, id) after (after_rank,
     * after) */
    int64_t after, after_rank;
    int limit;
} course_filter;
typedef struct course_hit {
    course k;
    int title_rank; /* with q: 0 when the title holds q, else 1 */
} course_hit;
/* Courses matching f. q is a substring of the title or description, case-insensitive; with
 * q ordered by the title matching first, then id; without q, by id. */
int store_course_list(db *c, arena *a, const course_filter *f, course_hit **out, size_t *n);

typedef struct course_session {
    int64_t id, course_id, starts_at, ends_at;
    const char *status;
} course_session;

/* Replace the sessions of a course (one that nobody attended: a draft). */
int store_course_sessions_replace(db *c, int64_t course_id, const course_session *s, size_t n);
int store_course_sessions(db *c, arena *a, int64_t course_id, course_session **out, size_t *n);
int store_course_session_get(db *c, arena *a, int64_t id, course_session *out);

/* ---- first-come enrolment: the seat inventory's batch ---- */
enum course_outcome {
    COURSE_ENROLLED = 1,
    COURSE_FULL,      /* no place left (or the course takes no first-come enrolment now) */
    COURSE_DUPLICATE, /* the person holds a place in the course already */
    COURSE_OVER_LIMIT /* the person holds max_courses courses of the term already */
};

typedef struct course_enrol_req {
    int64_t course_id, term_id, user_id;
    int max_courses;
    const char *code;     /* the check-in code, made by the caller */
    const char *idem_key; /* Idempotency-Key, or NULL */
    int64_t now;
    /* the course's, for the notification of the place (course.enrolled); title NULL: none */
    const char *title, *division;
} course_enrol_req;

typedef struct course_enrol_res {
    int rc;      /* WY_OK, or the store error of this request */
    int outcome; /* enum course_outcome */
    int64_t id;
    char code[48];
    int replay; /* answered from an earlier request with the same Idempotency-Key */
} course_enrol_res;

/* Enrol these requests, in order, in one transaction (one durable commit): each takes its
 * hold in the term (`held + 1 <= max_courses`, else over the limit), then its place (`UPDATE
 * courses SET taken = taken + 1 WHERE id = ? AND status = 'published' AND enrolment =
 * 'first_come' AND taken + 1 <= places`, else full), then its row (the unique index refuses a
 * second live place: duplicate), and its notification (course.enrolled). A request that
 * fails is rolled back to its savepoint and the rest stand. */
int store_course_enrol_batch(db *c, const course_enrol_req *r, size_t n, course_enrol_res *out);
/* One request inside the caller's transaction (a place given by another module,
 * core/enrol_hook.h): WY_OK with out->outcome; a refused one has written things the caller's
 * savepoint must roll back. */
int store_course_enrol_one(db *c, const course_enrol_req *r, course_enrol_res *out);

/* A place. status: confirmed, withdrawn, or, for a place of a lottery course offered to its
 * person (sql/0027_course_offers.sql), offered while it waits for their answer (confirm_by
 * its deadline), declined or lapsed once it ended unconfirmed. */
typedef struct course_enrolment {
    int64_t id, course_id, term_id, user_id;
    const char *status, *source, *code;
    int64_t created_at, updated_at;
    int64_t confirm_by; /* an offer's deadline; 0 for any other */
} course_enrolment;

int store_enrolment_get(db *c, arena *a, int64_t id, course_enrolment *out);
int store_enrolment_by_code(db *c, arena *a, const char *code, course_enrolment *out);
/* The live enrolment of user in course (confirmed, or offered), or WY_NOTFOUND. */
int store_enrolment_live(db *c, arena *a, int64_t course_id, int64_t user_id,
                         course_enrolment *out);
/* Withdraw a confirmed enrolment: the place and the hold are given back; WY_NOTFOUND when it
 * is not confirmed (any more; an offer is declined, not withdrawn). Inside the caller's
 * transaction. */
int store_enrolment_withdraw(db *c, int64_t id, int64_t now);
/* Annul a place of the term's lottery, confirmed or still offered, by a correction of the
 * draw (core/lottery_record.h): withdrawn, its place and hold given back; WY_NOTFOUND when it
 * is not live. Inside the caller's transaction. */
int store_enrolment_annul(db *c, int64_t id, int64_t now);
/* The live places of the term's lottery that user holds (confirmed or offered). */
int store_lottery_places_of(db *c, arena *a, int64_t term_id, int64_t user_id,
                            course_enrolment **out, size_t *n);
/* Courses user holds in term (the count of course_holds). */
int store_holds_of(db *c, int64_t term_id, int64_t user_id, int64_t *held);
/* Has user held a place (confirmed) in a course of another term of this division? */
int store_returning(db *c, int64_t term_id, const char *division, int64_t user_id, int *returning);

/* A person's courses with what a list shows: live enrolments first (by the course's first
 * session), then withdrawn ones; attended: the sessions they checked in at. */
typedef struct my_course {
    course_enrolment e;
    const char *title, *category, *term_name;
    int64_t first_start, last_end; /* 0 when the course has no session */
    int sessions, attended;
} my_course;
int store_courses_of_user(db *c, arena *a, int64_t user_id, int64_t after, int limit,
                          my_course **out, size_t *n);

/* ---- the roster and attendance ---- */
typedef struct roster_row {
    course_enrolment e;
    const char *name, *phone;
    int attended; /* sessions checked in */
} roster_row;
/* The confirmed enrolments of a course with their people, in enrolment order (offers not
 * confirmed yet left out). */
int store_course_roster(db *c, arena *a, int64_t course_id, roster_row **out, size_t *n);
/* Record enrolment's attendance at session (once: WY_CONSTRAINT when it is there already). */
int store_attendance_add(db *c, int64_t session_id, int64_t enrolment_id, int64_t by,
                         const char *how, int64_t now);
/* The attendance of a course: pairs (session, enrolment) of its check-ins. */
typedef struct attendance_mark {
    int64_t session_id, enrolment_id, at;
} attendance_mark;
int store_course_attendance(db *c, arena *a, int64_t course_id, attendance_mark **out, size_t *n);

/* ---- what a learner declares ---- */
/* The birth date (YYYY-MM-DD) user declared, or WY_NOTFOUND. */
int store_learner_birth_date(db *c, arena *a, int64_t user_id, const char **out);
/* Record it (once: an existing one stays; *kept says which is now on record). */
int store_learner_set_birth_date(db *c, arena *a, int64_t user_id, const char *birth_date,
                                 int64_t now, const char **kept);

/* ---- lottery applications ---- */
typedef struct course_application {
    int64_t id, term_id, user_id;
    const char *pseudonym;
    int tier;
    const char *status; /* active, withdrawn */
    int64_t created_at, updated_at;
    int64_t choices[10]; /* course ids by rank */
    int nchoices;
    /* the receipt of the term's lottery once drawn (store_applications_of_user): lottery_id
     * 0 before */
    int64_t lottery_id;
    const char *ticket;
    int rank, places;
} course_application;

/* The application of user in term (with its choices), or WY_NOTFOUND. */
int store_application_get(db *c, arena *a, int64_t term_id, int64_t user_id,
                          course_application *out);
/* The application of term with this pseudonym (without its choices), or WY_NOTFOUND. */
int store_application_by_pseudonym(db *c, arena *a, int64_t term_id, const char *pseudonym,
                                   course_application *out);
/* Put the application of user in term: created with pseudonym when there is none (kept as it
 * is otherwise), made active with tier and these ranked choices (replacing the old), or
 * withdrawn (status "withdrawn", no choices). Inside the caller's transaction. */
int store_application_put(db *c, int64_t term_id, int64_t user_id, const char *pseudonym, int tier,
                          const char *status, const int64_t *choices, int n, int64_t now,
                          int64_t *id);
/* The active applications of user, newest term first, with their choices. */
int store_applications_of_user(db *c, arena *a, int64_t user_id, course_application **out,
                               size_t *n);
/* How many active applications rank course (any rank). */
int store_course_applicants(db *c, int64_t course_id, int64_t *n);

/* The lottery's input of a term: every active application with its choices, by pseudonym,
 * and the holds of their people (first-come places taken in the term). */
typedef struct course_lottery_applicant {
    const char *pseudonym;
    int tier;
    int held; /* courses the person holds in the term already */
    int64_t choices[10];
    int nchoices;
} course_lottery_applicant;
int store_lottery_applicants(db *c, arena *a, int64_t term_id, course_lottery_applicant **out,
                             size_t *n);

/* ---- the term's lottery, drawn (lottery_term.c) ---- */
/* The active applications of a term: id, user and pseudonym (choices not read). */
int store_lottery_applications(db *c, arena *a, int64_t term_id, course_application **out,
                               size_t *n);
/* A place given by the draw, offered until confirm_by: the hold of the term (held + 1 <=
 * max_courses), the place of the lottery course (taken + 1 <= places) and the enrolment
 * (source 'lottery', an offer), all or nothing (WY_CONSTRAINT when a guard says no). */
int store_lottery_enrol(db *c, int64_t term_id, int64_t course_id, int64_t user_id,
                        const char *code, int max_courses, int64_t confirm_by, int64_t now,
                        int64_t *id);
int store_lottery_receipt_add(db *c, int64_t application_id, int64_t lottery_id, const char *ticket,
                              int rank, int places);
int store_course_waiting_add(db *c, int64_t course_id, int position, int64_t application_id,
                             int64_t user_id);
/* A course's waiting list in order (application ids, users), waiting ones only. */
typedef struct course_waiter {
    int position;
    int64_t application_id, user_id;
    int64_t id, course_id;
    const char *status;   /* waiting, served (offered a place), skipped (passed over) */
    int64_t enrolment_id; /* the offer it was served with; 0 before */
} course_waiter;
int store_course_waiting(db *c, arena *a, int64_t course_id, course_waiter **out, size_t *n);
int store_waiter_get(db *c, arena *a, int64_t id, course_waiter *out);
/* Pass a waiter over: out of the list (status skipped). */
int store_waiter_skip(db *c, int64_t id);
/* Where user waits, by course. */
int store_waiting_of_user(db *c, arena *a, int64_t user_id, course_waiter **out, size_t *n);

/* ---- offers (sql/0027_course_offers.sql) ---- */
/* A lottery course's waiting list for seats_promote (core/seats_store.h): the pool is the
 * course (its place taken by `taken + 1 <= places` while it is published), a claim a row of
 * its list; served, the row becomes an offer: the person's hold of the term (held + 1 <=
 * max_courses), and a place with confirm_by 0 and a placeholder code, which the caller arms
 * (store_offer_arm) in the same transaction. */
extern const seats_store_ops course_waiting_ops;
/* The offers of a course not armed yet (confirm_by 0). */
int store_offers_unarmed(db *c, arena *a, int64_t course_id, course_enrolment **out, size_t *n);
/* Give an offer just made its check-in code and deadline. */
int store_offer_arm(db *c, int64_t id, const char *code, int64_t confirm_by);
/* Confirm an offer before its deadline (confirm_by > now): WY_NOTFOUND when it is no offer or
 * its deadline has passed. */
int store_offer_confirm(db *c, int64_t id, int64_t now);
/* End an offer unconfirmed (ended: declined, lapsed): withdrawn, its place and hold given
 * back; WY_NOTFOUND when it is no offer (any more). */
int store_offer_end(db *c, int64_t id, const char *ended, int64_t now);
/* The courses with offers past their deadline at now (at most 500), and those offers. */
int store_offers_due_courses(db *c, arena *a, int64_t now, int64_t **out, size_t *n);
int store_offers_due(db *c, arena *a, int64_t course_id, int64_t now, course_enrolment **out,
                     size_t *n);
/* The start of a course's first scheduled session; 0 when it has none. */
int store_course_first_start(db *c, int64_t course_id, int64_t *at);

/* ---- notifications (core/notify.h): the kinds of the module ---- */
extern const notify_kind course_kind_enrolled;  /* a first-come place, confirmed */
extern const notify_kind course_kind_lottery;   /* the term's lottery: the applicant's result */
extern const notify_kind course_kind_offer;     /* a place offered from the waiting list */
extern const notify_kind course_kind_lapsed;    /* an offer not confirmed in time */
extern const notify_kind course_kind_withdrawn; /* a place given up */
extern const notify_kind course_kind_annulled;  /* a lottery result annulled by a correction */
/* Tell user about a subject of a course, inside the caller's transaction: the inbox's title
 * is the course's, its page /me/courses; params NULL: {"course_id", "<subject_type>_id"}. */
int store_course_notify(db *c, const notify_kind *kind, int64_t user_id, const char *subject_type,
                        int64_t subject_id, int64_t course_id, const char *title,
                        const char *division, const char *params, int64_t now);

#endif
