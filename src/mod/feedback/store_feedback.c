/* store_feedback: surveys, responses, answers and complaints (feedback_store.h). */
#include "mod/feedback/feedback_store.h"
#include "db/store_util.h"

#define SURVEY_COLS                                                                                \
    "s.id, s.kind, s.title, s.intro, s.division, s.target_kind, coalesce(s.target_id, 0),"         \
    " coalesce(s.venue_id, 0), s.opens_at, s.closes_at, s.anonymous, s.questions,"                 \
    " coalesce(s.created_by, 0), s.created_at,"                                                    \
    " (SELECT count(*) FROM survey_responses r WHERE r.survey_id = s.id)"

static void fill_survey(arena *a, db_stmt *st, survey_row *s)
{
    s->id = db_col_int(st, 0);
    s->kind = col_str(a, st, 1);
    s->title = col_str(a, st, 2);
    s->intro = col_str(a, st, 3);
    s->division = col_str(a, st, 4);
    s->target_kind = col_str(a, st, 5);
    s->target_id = db_col_int(st, 6);
    s->venue_id = db_col_int(st, 7);
    s->opens_at = db_col_int(st, 8);
    s->closes_at = db_col_int(st, 9);
    s->anonymous = (int)db_col_int(st, 10);
    s->questions = col_str(a, st, 11);
    s->created_by = db_col_int(st, 12);
    s->created_at = db_col_int(st, 13);
    s->responses = db_col_int(st, 14);
}

int store_survey_create(db *c, const survey_row *s, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO surveys(kind, title, intro, division, target_kind, target_id,"
                 " venue_id, opens_at, closes_at, anonymous, questions, created_by, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttttIIiiitIi", s->kind, s->title, s->intro, s->division, s->target_kind,
                 s->target_id, s->venue_id, s->opens_at, s->closes_at, (int64_t)s->anonymous,
                 s->questions, s->created_by, now),
        id);
}

int store_survey_get(db *c, arena *a, int64_t id, survey_row *out)
{
    db_stmt *st = db_query(c, "SELECT " SURVEY_COLS " FROM surveys s WHERE s.id = ?", "i", id);
    return STORE_ONE(a, st, fill_survey, out);
}

int store_survey_edit(db *c, int64_t id, const char *title, const char *intro,
                      const char *questions)
{
    int rc = db_run(c,
                    "UPDATE surveys SET title = ?, intro = ?, questions = ? WHERE id = ?"
                    " AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.survey_id = ?)",
                    "tttii", title, intro, questions, id, id);
    if (rc != WY_OK)
        return rc;
    if (db_changes(c) > 0)
        return WY_OK;
    int64_t n = 0;
    rc = store_one_int(db_query(c, "SELECT count(*) FROM surveys WHERE id = ?", "i", id), &n);
    if (rc != WY_OK)
        return rc;
    return n ? WY_CONSTRAINT : WY_NOTFOUND;
}

int store_survey_set_window(db *c, int64_t id, int64_t opens_at, int64_t closes_at)
{
    int rc = db_run(c,
                    "UPDATE surveys SET closes_at = ?,"
                    " opens_at = CASE WHEN CAST(? AS BIGINT) = 0 THEN opens_at ELSE ? END"
                    " WHERE id = ?",
                    "iiii", closes_at, opens_at, opens_at, id);
    if (rc != WY_OK)
        return rc;
    return db_changes(c) > 0 ? WY_OK : WY_NOTFOUND;
}

int store_survey_list(db *c, arena *a, const char *prefix, int64_t open_at, int64_t before,
                      int limit, survey_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " SURVEY_COLS " FROM surveys s"
                           " WHERE s.division >= ? AND s.division < ? AND (? = 0 OR s.id < ?)"
                           " AND (CAST(? AS BIGINT) = 0 OR (s.opens_at <= ? AND s.closes_at > ?))"
                           " ORDER BY s.id DESC LIMIT ?",
                           "ttiiiiii", prefix ? prefix : "", prefix_end(a, prefix), before, before,
                           open_at, open_at, open_at, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, survey_row, fill_survey, out, n);
}

int store_feedback_venue_division(db *c, arena *a, int64_t venue_id, const char **division)
{
    db_stmt *st = db_query(c, "SELECT division FROM venues WHERE id = ?", "i", venue_id);
    if (!st)
        return WY_ERR;
    int r = db_step(st);
    if (r == 1)
        *division = col_str(a, st, 0);
    db_done(st);
    return r == 1 ? (*division ? WY_OK : WY_NOMEM) : r == 0 ? WY_NOTFOUND : r;
}

int store_feedback_activity_division(db *c, arena *a, int64_t activity_id, int64_t *venue_id,
                                     const char **division)
{
    db_stmt *st = db_query(c, "SELECT division, coalesce(venue_id, 0) FROM activities WHERE id = ?",
                           "i", activity_id);
    if (!st)
        return WY_ERR;
    int r = db_step(st);
    if (r == 1) {
        *division = col_str(a, st, 0);
        *venue_id = db_col_int(st, 1);
    }
    db_done(st);
    return r == 1 ? (*division ? WY_OK : WY_NOMEM) : r == 0 ? WY_NOTFOUND : r;
}

int store_survey_response_add(db *c, int64_t survey_id, int64_t user_id, const char *device,
                              const char *division, int64_t venue_id, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO survey_responses(survey_id, user_id, device, division, venue_id,"
                 " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                 "iIttIi", survey_id, user_id, device, division, venue_id, now),
        id);
}

int store_survey_answer_add(db *c, int64_t response_id, int question, int choice, int rating,
                            const char *text)
{
    return db_run(c,
                  "INSERT INTO survey_answers(response_id, question, choice, rating, text)"
                  " VALUES (?, ?, nullif(?, -1), ?, ?)",
                  "iiiIt", response_id, (int64_t)question, (int64_t)choice, (int64_t)rating, text);
}

static void fill_answer(arena *a, db_stmt *st, survey_answer_row *r)
{
    r->response_id = db_col_int(st, 0);
    r->division = col_str(a, st, 1);
    r->venue_id = db_col_int(st, 2);
    r->venue_name = col_str(a, st, 3);
    r->question = (int)db_col_int(st, 4);
    r->choice = db_col_null(st, 5) ? -1 : (int)db_col_int(st, 5);
    r->rating = db_col_null(st, 6) ? 0 : (int)db_col_int(st, 6);
    r->text = col_str(a, st, 7);
}

int store_survey_answers(db *c, arena *a, int64_t survey_id, survey_answer_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT r.id, r.division, coalesce(r.venue_id, 0), v.name, a.question,"
                           " a.choice, a.rating, a.text FROM survey_responses r"
                           " JOIN survey_answers a ON a.response_id = r.id"
                           " LEFT JOIN venues v ON v.id = r.venue_id"
                           " WHERE r.survey_id = ? ORDER BY r.id, a.question, a.choice",
                           "i", survey_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, survey_answer_row, fill_answer, out, n);
}

#define COMPLAINT_COLS                                                                             \
    "c.id, c.kind, c.body, c.division, coalesce(c.venue_id, 0), coalesce(c.activity_id, 0),"       \
    " v.name, c.contact, coalesce(c.user_id, 0), c.status, c.due_at, c.answer, c.public_text,"     \
    " coalesce(c.answered_by, 0), coalesce(c.answered_at, 0), coalesce(c.escalated_at, 0),"        \
    " c.created_at FROM complaints c LEFT JOIN venues v ON v.id = c.venue_id"

static void fill_complaint(arena *a, db_stmt *st, complaint_row *r)
{
    r->id = db_col_int(st, 0);
    r->kind = col_str(a, st, 1);
    r->body = col_str(a, st, 2);
    r->division = col_str(a, st, 3);
    r->venue_id = db_col_int(st, 4);
    r->activity_id = db_col_int(st, 5);
    r->venue_name = col_str(a, st, 6);
    r->contact = col_str(a, st, 7);
    r->user_id = db_col_int(st, 8);
    r->status = col_str(a, st, 9);
    r->due_at = db_col_int(st, 10);
    r->answer = col_str(a, st, 11);
    r->public_text = col_str(a, st, 12);
    r->answered_by = db_col_int(st, 13);
    r->answered_at = db_col_int(st, 14);
    r->escalated_at = db_col_int(st, 15);
    r->created_at = db_col_int(st, 16);
}

int store_complaint_create(db *c, const complaint_row *r, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO complaints(kind, body, division, venue_id, activity_id, contact,"
                 " user_id, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttIItIii", r->kind, r->body, r->division, r->venue_id, r->activity_id,
                 r->contact, r->user_id, r->due_at, now),
        id);
}

int store_complaint_get(db *c, arena *a, int64_t id, complaint_row *out)
{
    db_stmt *st = db_query(c, "SELECT " COMPLAINT_COLS " WHERE c.id = ?", "i", id);
    return STORE_ONE(a, st, fill_complaint, out);
}

int store_complaint_list(db *c, arena *a, const char *prefix, const char *status, int64_t before,
                         int limit, complaint_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " COMPLAINT_COLS
                           " WHERE c.division >= ? AND c.division < ? AND (? = 0 OR c.id < ?)"
                           " AND c.status = coalesce(?, c.status) ORDER BY c.id DESC LIMIT ?",
                           "ttiiti", prefix ? prefix : "", prefix_end(a, prefix), before, before,
                           status, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, complaint_row, fill_complaint, out, n);
}

int store_complaint_answer(db *c, int64_t id, const char *answer, const char *public_text,
                           int64_t by, int64_t now)
{
    db_stmt *st = db_query(c,
                           "UPDATE complaints SET status = 'answered', answer = ?, public_text = ?,"
                           " answered_by = ?, answered_at = ? WHERE id = ? AND status = 'pending'"
                           " RETURNING id",
                           "ttiii", answer, public_text, by, now, id);
    if (!st)
        return WY_ERR;
    int r = db_step(st);
    db_done(st);
    return r == 1 ? WY_OK : r == 0 ? WY_NOTFOUND : r;
}

int store_complaint_overdue(db *c, arena *a, int64_t now, int limit, complaint_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " COMPLAINT_COLS " WHERE c.status = 'pending' AND c.due_at <= ?"
                           " AND c.escalated_at IS NULL ORDER BY c.id LIMIT ?",
                           "ii", now, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, complaint_row, fill_complaint, out, n);
}

int store_complaint_mark_escalated(db *c, int64_t id, int64_t now)
{
    return db_run(c, "UPDATE complaints SET escalated_at = ? WHERE id = ?", "ii", now, id);
}

int store_complaint_figures(db *c, const char *prefix, const char *prefix_hi, int64_t from,
                            int64_t to, int64_t *received, int64_t *answered, int64_t *in_time,
                            double *sum_ms)
{
    db_stmt *st = db_query(
        c,
        "SELECT count(*), coalesce(sum(CASE WHEN status = 'answered' THEN 1 ELSE 0 END), 0),"
        " coalesce(sum(CASE WHEN status = 'answered' AND answered_at <= due_at THEN 1 ELSE 0"
        " END), 0), coalesce(sum(CASE WHEN status = 'answered' THEN answered_at - created_at"
        " ELSE 0 END), 0) FROM complaints WHERE division >= ? AND division < ?"
        " AND created_at >= ? AND created_at < ?",
        "ttii", prefix, prefix_hi, from, to);
    if (!st)
        return WY_ERR;
    int r = db_step(st);
    if (r == 1) {
        *received = db_col_int(st, 0);
        *answered = db_col_int(st, 1);
        *in_time = db_col_int(st, 2);
        *sum_ms = (double)db_col_int(st, 3);
    }
    db_done(st);
    return r == 1 ? WY_OK : r == 0 ? WY_ERR : r;
}

int store_survey_rating_figures(db *c, const char *prefix, const char *prefix_hi, int64_t from,
                                int64_t to, double *sum, int64_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT coalesce(sum(a.rating), 0), count(a.rating)"
                           " FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
                           " JOIN surveys s ON s.id = r.survey_id WHERE s.kind = 'satisfaction'"
                           " AND s.division >= ? AND s.division < ? AND r.created_at >= ?"
                           " AND r.created_at < ? AND a.rating IS NOT NULL",
                           "ttii", prefix, prefix_hi, from, to);
    if (!st)
        return WY_ERR;
    int r = db_step(st);
    if (r == 1) {
        *sum = (double)db_col_int(st, 0);
        *n = db_col_int(st, 1);
    }
    db_done(st);
    return r == 1 ? WY_OK : r == 0 ? WY_ERR : r;
}

static void fill_grant(arena *a, db_stmt *st, role_grant *g)
{
    g->id = db_col_int(st, 0);
    g->user_id = db_col_int(st, 1);
    g->role = col_str(a, st, 2);
    g->division = col_str(a, st, 3);
}

int store_feedback_grants(db *c, arena *a, const char *division, role_grant **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT g.id, g.user_id, g.role, g.division FROM role_grants g"
                           " JOIN users u ON u.id = g.user_id WHERE u.status = 'active'"
                           " AND substr(CAST(? AS TEXT), 1, length(g.division)) = g.division"
                           " ORDER BY length(g.division) DESC, g.user_id",
                           "t", division);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, role_grant, fill_grant, out, n);
}

int store_feedback_first(db *c, const char *table, const char *prefix, int64_t *id)
{
    char hi[32];
    snprintf(hi, sizeof hi, "%s:", prefix);
    db_stmt *st = !strcmp(table, "venues") ? db_query(c,
                                                      "SELECT coalesce(min(id), 0) FROM venues"
                                                      " WHERE division >= ? AND division < ?",
                                                      "tt", prefix, hi)
                                           : db_query(c,
                                                      "SELECT coalesce(min(id), 0) FROM activities"
                                                      " WHERE division >= ? AND division < ?",
                                                      "tt", prefix, hi);
    return store_one_int(st, id);
}

int store_survey_find(db *c, arena *a, const char *division, const char *title, survey_row *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " SURVEY_COLS " FROM surveys s WHERE s.division = ?"
                           " AND s.title = ? ORDER BY s.id LIMIT 1",
                           "tt", division, title);
    return STORE_ONE(a, st, fill_survey, out);
}

int store_complaint_count(db *c, const char *prefix, int64_t *n)
{
    char hi[32];
    snprintf(hi, sizeof hi, "%s:", prefix);
    return store_one_int(db_query(c,
                                  "SELECT count(*) FROM complaints WHERE division >= ?"
                                  " AND division < ?",
                                  "tt", prefix, hi),
                         n);
}

/* Open surveys about an activity where user holds a checked-in booking of a session of the
 * activity that ended by now, and that user has not answered. */
#define OFFER_WHERE                                                                                \
    " s.target_kind = 'activity' AND s.opens_at <= ? AND s.closes_at > ?"                          \
    " AND EXISTS (SELECT 1 FROM bookings b JOIN activity_sessions se ON se.id = b.session_id"      \
    " WHERE se.activity_id = s.target_id AND b.user_id = u.id AND b.status = 'checked_in'"         \
    " AND se.ends_at <= ?)"                                                                        \
    " AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.survey_id = s.id"                   \
    " AND r.user_id = u.id)"

int store_survey_offers(db *c, arena *a, int64_t user_id, int64_t now, survey_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " SURVEY_COLS " FROM surveys s, users u WHERE u.id = ? AND" OFFER_WHERE
                 " ORDER BY s.closes_at, s.id LIMIT 50",
                 "iiii", user_id, now, now, now);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, survey_row, fill_survey, out, n);
}

static void fill_offer(arena *a, db_stmt *st, survey_offer_row *o)
{
    o->survey_id = db_col_int(st, 0);
    o->user_id = db_col_int(st, 1);
    o->title = col_str(a, st, 2);
    o->division = col_str(a, st, 3);
    o->closes_at = db_col_int(st, 4);
}

int store_survey_offers_due(db *c, arena *a, int64_t now, int limit, survey_offer_row **out,
                            size_t *n)
{
    /* driven by the check-ins of the surveys' activities, not by every account */
    db_stmt *st =
        db_query(c,
                 "SELECT DISTINCT s.id, b.user_id, s.title, s.division, s.closes_at"
                 " FROM surveys s JOIN activity_sessions se ON se.activity_id = s.target_id"
                 " JOIN bookings b ON b.session_id = se.id"
                 " WHERE s.target_kind = 'activity' AND s.opens_at <= ? AND s.closes_at > ?"
                 " AND b.status = 'checked_in' AND se.ends_at <= ?"
                 " AND NOT EXISTS (SELECT 1 FROM survey_responses r WHERE"
                 " r.survey_id = s.id AND r.user_id = b.user_id)"
                 " AND NOT EXISTS (SELECT 1 FROM notifications nt WHERE"
                 " nt.user_id = b.user_id AND nt.kind = 'feedback.survey_offered'"
                 " AND nt.subject_type = 'survey' AND nt.subject_id = s.id)"
                 " ORDER BY s.id, b.user_id LIMIT ?",
                 "iiii", now, now, now, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, survey_offer_row, fill_offer, out, n);
}
