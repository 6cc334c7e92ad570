/*
 * course_rating_store: who attended a course or a teacher's courses, for the core's ratings
 * (core/rating.h, course_rating.c). Attendance is a check-in at a session
 * (course_attendance), by the roster or by the learner's code.
 */
#ifndef WY_COURSE_RATING_STORE_H
#define WY_COURSE_RATING_STORE_H

#include <stdint.h>

#include "core/store.h"

/* Was user checked in at a session of the course that ended at or before now (*ended), or at
 * one that has not ended yet (*upcoming)? */
int store_course_rating_attended(db *c, int64_t course_id, int64_t user_id, int64_t now, int *ended,
                                 int *upcoming);
/* The same over every course the teacher teaches. */
int store_teacher_rating_attended(db *c, int64_t teacher_id, int64_t user_id, int64_t now,
                                  int *ended, int *upcoming);

#endif
