/*
 * completion: the completion certificates of courses (结业证书), issued with the core's one
 * mechanism (core/certificate.h, kind "course", numbers KC-YEAR-SEQUENCE).
 *
 * Once a course's last scheduled session has ended, the staff who manage it issue its
 * certificates (the roster's 颁发结业证书, or the API): every person with a place who attended
 * at least [courses] completion_percent of the scheduled sessions gets one, in one
 * transaction. Issuing again gives certificates only to those who have none (a late mark on
 * the roster, a revoked one): the same person never holds two valid certificates of a
 * course. The certificate states the course, its term, its teacher, the sessions attended and
 * the class dates; the issuer is the course's venue (the cultural centre), else its division.
 */
#ifndef WY_COMPLETION_H
#define WY_COMPLETION_H

#include "core/certificate.h"
#include "core/domain.h"

typedef struct course_issued {
    int issued;                /* new certificates */
    int existing;              /* people who hold one already */
    int not_completed;         /* people with a place who did not complete */
    certificate *certificates; /* the new ones */
    size_t ncertificates;
} course_issued;

/* Issue the certificates of a course (courses_manage over it; published; its last scheduled
 * session over: 409 not_over before, 409 bad_state for a course not published). */
int course_certificates_issue(wy_ctx *ctx, int64_t course_id, course_issued *out);

#endif
