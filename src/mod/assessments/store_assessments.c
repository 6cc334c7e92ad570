/* store_assessments: standards, assessments and their scores (assessments_store.h). */
#include "mod/assessments/assessments_store.h"
#include "db/store_util.h"

#define STD_COLS "id, name, version, division, total, coalesce(created_by, 0), created_at"

static void fill_standard(arena *a, db_stmt *st, standard_row *s)
{
    s->id = db_col_int(st, 0);
    s->name = col_str(a, st, 1);
    s->version = col_str(a, st, 2);
    s->division = col_str(a, st, 3);
    s->total = db_col_double(st, 4);
    s->created_by = db_col_int(st, 5);
    s->created_at = db_col_int(st, 6);
}

int store_standard_find(db *c, arena *a, const char *name, const char *version, standard_row *out)
{
    db_stmt *st = db_query(c, "SELECT " STD_COLS " FROM standards WHERE name = ? AND version = ?",
                           "tt", name, version);
    return STORE_ONE(a, st, fill_standard, out);
}

int store_standard_get(db *c, arena *a, int64_t id, standard_row *out)
{
    db_stmt *st = db_query(c, "SELECT " STD_COLS " FROM standards WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_standard, out);
}

int store_standard_create(db *c, const standard_row *s, int64_t now, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO standards(name, version, division, total, created_by, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttdIi", s->name, s->version, s->division, s->total, s->created_by, now),
        id);
}

int store_standard_item_add(db *c, const standard_item_row *it)
{
    return db_run(c,
                  "INSERT INTO standard_items(standard_id, seq, section, number, title,"
                  " max_points, evidence, source, full_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "iitttdttd", it->standard_id, (int64_t)it->seq, it->section, it->number,
                  it->title, it->max_points, it->evidence, it->source, it->full_at);
}

int store_standard_grade_add(db *c, int64_t standard_id, const char *grade, double min_total)
{
    return db_run(c, "INSERT INTO standard_grades(standard_id, grade, min_total) VALUES (?, ?, ?)",
                  "itd", standard_id, grade, min_total);
}

int store_standard_list(db *c, arena *a, int64_t before, int limit, standard_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " STD_COLS " FROM standards WHERE (? = 0 OR id < ?)"
                           " ORDER BY id DESC LIMIT ?",
                           "iii", before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, standard_row, fill_standard, out, n);
}

static void fill_item(arena *a, db_stmt *st, standard_item_row *it)
{
    it->id = db_col_int(st, 0);
    it->standard_id = db_col_int(st, 1);
    it->seq = (int)db_col_int(st, 2);
    it->section = col_str(a, st, 3);
    it->number = col_str(a, st, 4);
    it->title = col_str(a, st, 5);
    it->max_points = db_col_double(st, 6);
    it->evidence = col_str(a, st, 7);
    it->source = col_str(a, st, 8);
    it->full_at = db_col_double(st, 9);
}

int store_standard_items(db *c, arena *a, int64_t standard_id, standard_item_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, standard_id, seq, section, number, title, max_points,"
                           " evidence, source, full_at FROM standard_items WHERE standard_id = ?"
                           " ORDER BY seq",
                           "i", standard_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, standard_item_row, fill_item, out, n);
}

static void fill_grade(arena *a, db_stmt *st, standard_grade_row *g)
{
    g->grade = col_str(a, st, 0);
    g->min_total = db_col_double(st, 1);
}

int store_standard_grades(db *c, arena *a, int64_t standard_id, standard_grade_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT grade, min_total FROM standard_grades WHERE standard_id = ?"
                           " ORDER BY min_total DESC",
                           "i", standard_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, standard_grade_row, fill_grade, out, n);
}

#define ASM_COLS                                                                                   \
    "x.id, x.standard_id, x.venue_id, x.division, x.year, x.status, x.grade, x.self_total,"        \
    " x.review_total, coalesce(x.created_by, 0), coalesce(x.submitted_by, 0),"                     \
    " coalesce(x.submitted_at, 0), coalesce(x.published_by, 0), coalesce(x.published_at, 0),"      \
    " x.created_at, x.updated_at, coalesce(v.name, u.name), s.name, s.version,"                    \
    " coalesce(x.unit_id, 0), coalesce(v.category, ''), s.total"                                   \
    " FROM assessments x LEFT JOIN venues v ON v.id = x.venue_id LEFT JOIN units u"                \
    " ON u.id = x.unit_id JOIN standards s ON s.id = x.standard_id"

static void fill_assessment(arena *a, db_stmt *st, assessment_row *r)
{
    r->id = db_col_int(st, 0);
    r->standard_id = db_col_int(st, 1);
    r->venue_id = db_col_int(st, 2); /* 0 for NULL */
    r->division = col_str(a, st, 3);
    r->year = (int)db_col_int(st, 4);
    r->status = col_str(a, st, 5);
    r->grade = col_str(a, st, 6);
    r->self_total = db_col_double(st, 7);
    r->review_total = col_real(st, 8);
    r->created_by = db_col_int(st, 9);
    r->submitted_by = db_col_int(st, 10);
    r->submitted_at = db_col_int(st, 11);
    r->published_by = db_col_int(st, 12);
    r->published_at = db_col_int(st, 13);
    r->created_at = db_col_int(st, 14);
    r->updated_at = db_col_int(st, 15);
    r->venue_name = col_str(a, st, 16);
    r->standard_name = col_str(a, st, 17);
    r->standard_version = col_str(a, st, 18);
    r->unit_id = db_col_int(st, 19);
    r->venue_category = col_str(a, st, 20);
    r->standard_total = db_col_double(st, 21);
}

int store_assessment_unit(db *c, arena *a, int64_t unit_id, const char **division,
                          const char **name)
{
    db_stmt *st = db_query(c, "SELECT division, name FROM units WHERE id = ?", "i", unit_id);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1) {
        *division = col_str(a, st, 0);
        *name = col_str(a, st, 1);
    }
    db_done(st);
    return s == 1 ? WY_OK : s == 0 ? WY_NOTFOUND : WY_ERR;
}

int store_assessment_create(db *c, const assessment_row *r, int64_t now, int64_t *id)
{
    db_stmt *st = db_query(c,
                           "INSERT INTO assessments(standard_id, venue_id, unit_id, division, year,"
                           " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT DO NOTHING RETURNING id",
                           "iIItiIii", r->standard_id, r->venue_id, r->unit_id, r->division,
                           (int64_t)r->year, r->created_by, now, now);
    if (!st)
        return WY_ERR;
    int s = db_step(st);
    if (s == 1)
        *id = db_col_int(st, 0);
    db_done(st);
    return s == 1 ? WY_OK : s == 0 ? WY_CONSTRAINT : s;
}

int store_assessment_get(db *c, arena *a, int64_t id, assessment_row *out)
{
    db_stmt *st = db_query(c, "SELECT " ASM_COLS " WHERE x.id = ?", "i", id);
    return STORE_ONE(a, st, fill_assessment, out);
}

int store_assessment_list(db *c, arena *a, const char *prefix, int year, int published_only,
                          int64_t before, int limit, assessment_row **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT " ASM_COLS " WHERE x.division >= ? AND x.division < ?"
                 " AND (? = 0 OR x.year = ?) AND (? = 0 OR x.status = 'published')"
                 " AND (? = 0 OR x.id < ?) ORDER BY x.id DESC LIMIT ?",
                 "ttiiiiii", prefix ? prefix : "", prefix_end(a, prefix), (int64_t)year,
                 (int64_t)year, (int64_t)(published_only != 0), before, before, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, assessment_row, fill_assessment, out, n);
}

int store_assessment_item_set(db *c, int64_t assessment_id, int64_t item_id, double self_score,
                              const char *note, double drawn, int64_t now)
{
    return db_run(c,
                  "INSERT INTO assessment_items(assessment_id, item_id, self_score, note, drawn,"
                  " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, item_id)"
                  " DO UPDATE SET self_score = excluded.self_score, note = excluded.note,"
                  " drawn = excluded.drawn, updated_at = excluded.updated_at",
                  "iiDtDi", assessment_id, item_id, self_score, note ? note : "", drawn, now);
}

static void fill_aitem(arena *a, db_stmt *st, assessment_item_row *r)
{
    r->id = db_col_int(st, 0);
    r->item_id = db_col_int(st, 1);
    r->self_score = col_real(st, 2);
    r->drawn = col_real(st, 3);
    r->note = col_str(a, st, 4);
}

int store_assessment_items(db *c, arena *a, int64_t assessment_id, assessment_item_row **out,
                           size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, item_id, self_score, drawn, note FROM assessment_items"
                           " WHERE assessment_id = ? ORDER BY item_id",
                           "i", assessment_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, assessment_item_row, fill_aitem, out, n);
}

int store_assessment_of_answer(db *c, int64_t answer_id, int64_t *assessment_id)
{
    return store_one_int(
        db_query(c, "SELECT assessment_id FROM assessment_items WHERE id = ?", "i", answer_id),
        assessment_id);
}

static int changed_or_conflict(db *c, int rc)
{
    return rc == WY_OK && db_changes(c) == 0 ? WY_CONSTRAINT : rc;
}

int store_assessment_submit(db *c, int64_t id, int64_t by, double self_total, int64_t now)
{
    return changed_or_conflict(
        c, db_run(c,
                  "UPDATE assessments SET status = 'submitted', submitted_by = ?, submitted_at = ?,"
                  " self_total = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                  "iidii", by, now, self_total, now, id));
}

int store_assessment_mark_reviewed(db *c, int64_t id, int64_t now)
{
    return changed_or_conflict(c,
                               db_run(c,
                                      "UPDATE assessments SET status = 'reviewed', updated_at = ?"
                                      " WHERE id = ? AND status IN ('submitted', 'reviewed')",
                                      "ii", now, id));
}

int store_assessment_publish(db *c, int64_t id, int64_t by, double total, const char *grade,
                             int64_t now)
{
    return changed_or_conflict(
        c, db_run(c,
                  "UPDATE assessments SET status = 'published', published_by = ?,"
                  " published_at = ?, review_total = ?, grade = ?, updated_at = ?"
                  " WHERE id = ? AND status = 'reviewed'",
                  "iidtii", by, now, total, grade, now, id));
}

int store_assessment_score_set(db *c, int64_t assessment_id, int64_t item_id, int64_t assessor,
                               double score, const char *comment, int64_t now)
{
    return db_run(c,
                  "INSERT INTO assessment_scores(assessment_id, item_id, assessor_id, score,"
                  " comment, scored_at) VALUES (?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (assessment_id, item_id, assessor_id) DO UPDATE SET"
                  " score = excluded.score, comment = excluded.comment,"
                  " scored_at = excluded.scored_at",
                  "iiidti", assessment_id, item_id, assessor, score, comment ? comment : "", now);
}

static void fill_score(arena *a, db_stmt *st, assessment_score_row *r)
{
    r->item_id = db_col_int(st, 0);
    r->assessor_id = db_col_int(st, 1);
    r->score = db_col_double(st, 2);
    r->comment = col_str(a, st, 3);
    r->assessor_name = col_str(a, st, 4);
    r->scored_at = db_col_int(st, 5);
}

int store_assessment_scores(db *c, arena *a, int64_t assessment_id, assessment_score_row **out,
                            size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT s.item_id, s.assessor_id, s.score, s.comment, u.name,"
                           " s.scored_at FROM assessment_scores s JOIN users u"
                           " ON u.id = s.assessor_id WHERE s.assessment_id = ?"
                           " ORDER BY s.item_id, s.assessor_id",
                           "i", assessment_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, assessment_score_row, fill_score, out, n);
}

static void fill_grant(arena *a, db_stmt *st, assessment_grant *g)
{
    g->user_id = db_col_int(st, 0);
    g->role = col_str(a, st, 1);
    g->division = col_str(a, st, 2);
}

int store_assessment_line_grants(db *c, arena *a, const char *division, assessment_grant **out,
                                 size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT g.user_id, g.role, g.division FROM role_grants g"
                           " JOIN users u ON u.id = g.user_id WHERE u.status = 'active'"
                           " AND (substr(?, 1, length(g.division)) = g.division"
                           " OR substr(g.division, 1, length(?)) = ?)"
                           " ORDER BY g.user_id, g.id",
                           "ttt", division, division, division);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, assessment_grant, fill_grant, out, n);
}
