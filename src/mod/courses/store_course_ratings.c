/* store_course_ratings: see course_rating_store.h. */
#include "mod/courses/course_rating_store.h"

#include "db/store_util.h"

static int attended(db_stmt *st, int64_t now, int *ended, int *upcoming)
{
    *ended = *upcoming = 0;
    if (!st)
        return WY_ERR;
    int s;
    while ((s = db_step(st)) == 1) {
        if (db_col_int(st, 0) <= now)
            *ended = 1;
        else
            *upcoming = 1;
    }
    db_done(st);
    return s < 0 ? s : WY_OK;
}

int store_course_rating_attended(db *c, int64_t course_id, int64_t user_id, int64_t now, int *ended,
                                 int *upcoming)
{
    return attended(db_query(c,
                             "SELECT s.ends_at FROM course_enrolments e"
                             " JOIN course_attendance a ON a.enrolment_id = e.id"
                             " JOIN course_sessions s ON s.id = a.session_id"
                             " WHERE e.course_id = ? AND e.user_id = ?",
                             "ii", course_id, user_id),
                    now, ended, upcoming);
}

int store_teacher_rating_attended(db *c, int64_t teacher_id, int64_t user_id, int64_t now,
                                  int *ended, int *upcoming)
{
    return attended(db_query(c,
                             "SELECT s.ends_at FROM course_enrolments e"
                             " JOIN courses k ON k.id = e.course_id"
                             " JOIN course_attendance a ON a.enrolment_id = e.id"
                             " JOIN course_sessions s ON s.id = a.session_id"
                             " WHERE k.teacher_id = ? AND e.user_id = ?",
                             "ii", teacher_id, user_id),
                    now, ended, upcoming);
}
