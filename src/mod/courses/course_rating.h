/*
 * course_rating: courses and teachers as kinds of the core's ratings (core/rating.h). A
 * course is rated by the people checked in at one of its sessions once that session has
 * ended; a teacher by the people who attended a session of any of their courses. Staff who
 * publish over the course's (the teacher's) division moderate, as for every kind.
 */
#ifndef WY_COURSE_RATING_H
#define WY_COURSE_RATING_H

#include "core/rating.h"

#define COURSE_RATING_KIND  "course"
#define TEACHER_RATING_KIND "teacher"

extern const rating_subject course_rating_subject, teacher_rating_subject;

/* Register both kinds (the module's init); -1 when the core refuses one. */
int course_rating_register(void);

#endif
