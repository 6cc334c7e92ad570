/* store_evaluation: the rubric, reviewers' scores, closed evaluations and the indicators of an
 * activity or a partnership (followup_store.h). */
#include <math.h>

#include "db/store_util.h"
#include "mod/exchange/followup_store.h"

static void fill_criterion(arena *a, db_stmt *st, exchange_criterion *c)
{
    c->id = db_col_int(st, 0);
    c->division = col_str(a, st, 1);
    c->code = col_str(a, st, 2);
    c->name = col_str(a, st, 3);
    c->weight = (int)db_col_int(st, 4);
    c->seq = (int)db_col_int(st, 5);
}

int store_exchange_rubric_of(db *c, arena *a, const char *division, exchange_criterion **out,
                             size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, division, code, name, weight, seq FROM exchange_criteria"
                           " WHERE division = ? ORDER BY seq, id",
                           "t", division);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_criterion, fill_criterion, out, n);
}

int store_exchange_rubric_scored_outside(db *c, const char *division, const char *codes, int64_t *n)
{
    /* codes: ",a,b,"; a code is [a-z0-9_], so compare by whole delimited words */
    return store_one_int(
        db_query(c,
                 db_get_dialect(c) == DB_POSTGRES
                     ? "SELECT count(*) FROM exchange_scores s JOIN exchange_criteria k"
                       " ON k.id = s.criterion_id WHERE k.division = ?"
                       " AND strpos(?, ',' || k.code || ',') = 0"
                     : "SELECT count(*) FROM exchange_scores s JOIN exchange_criteria k"
                       " ON k.id = s.criterion_id WHERE k.division = ?"
                       " AND instr(?, ',' || k.code || ',') = 0",
                 "tt", division, codes),
        n);
}

int store_exchange_rubric_put(db *c, arena *a, const char *division, const exchange_criterion *cs,
                              size_t n, int64_t now)
{
    exchange_criterion *old;
    size_t nold;
    int rc = store_exchange_rubric_of(c, a, division, &old, &nold);
    for (size_t i = 0; rc == WY_OK && i < nold; i++) {
        int keep = 0;
        for (size_t k = 0; k < n && !keep; k++)
            keep = !strcmp(old[i].code, cs[k].code);
        if (!keep)
            rc = db_run(c, "DELETE FROM exchange_criteria WHERE id = ?", "i", old[i].id);
    }
    for (size_t k = 0; rc == WY_OK && k < n; k++)
        rc = db_run(c,
                    "INSERT INTO exchange_criteria(division, code, name, weight, seq, created_at,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (division, code)"
                    " DO UPDATE SET name = excluded.name, weight = excluded.weight,"
                    " seq = excluded.seq, updated_at = excluded.updated_at",
                    "tttiiii", division, cs[k].code, cs[k].name, (int64_t)cs[k].weight,
                    (int64_t)k + 1, now, now);
    return rc;
}

int store_exchange_scores_put(db *c, int64_t activity, int64_t reviewer, const int64_t *criteria,
                              const int *scores, size_t n, int64_t now)
{
    int rc = db_run(c, "DELETE FROM exchange_scores WHERE activity_id = ? AND reviewer_id = ?",
                    "ii", activity, reviewer);
    for (size_t i = 0; rc == WY_OK && i < n; i++)
        rc = db_run(c,
                    "INSERT INTO exchange_scores(activity_id, reviewer_id, criterion_id, score,"
                    " updated_at) VALUES (?, ?, ?, ?, ?)",
                    "iiiii", activity, reviewer, criteria[i], (int64_t)scores[i], now);
    return rc;
}

int store_exchange_evaluation_closed(db *c, int64_t activity, int64_t *closed_at)
{
    return store_one_int(
        db_query(c, "SELECT closed_at FROM exchange_evaluations WHERE activity_id = ?", "i",
                 activity),
        closed_at);
}

int store_exchange_evaluation_close(db *c, int64_t activity, int64_t by, int64_t now)
{
    return db_run(c,
                  "INSERT INTO exchange_evaluations(activity_id, closed_by, closed_at)"
                  " VALUES (?, ?, ?)",
                  "iIi", activity, by, now);
}

static void fill_score(arena *a, db_stmt *st, exchange_score_row *r)
{
    r->activity_id = db_col_int(st, 0);
    r->reviewer_id = db_col_int(st, 1);
    r->criterion_id = db_col_int(st, 2);
    r->score = (int)db_col_int(st, 3);
    r->weight = (int)db_col_int(st, 4);
    r->code = col_str(a, st, 5);
}

int store_exchange_scores_of(db *c, arena *a, const char *prefix, int64_t activity,
                             exchange_score_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT s.activity_id, s.reviewer_id, s.criterion_id, s.score,"
                           " k.weight, k.code FROM exchange_scores s"
                           " JOIN exchange_criteria k ON k.id = s.criterion_id"
                           " JOIN exchange_activities x ON x.id = s.activity_id"
                           " WHERE x.division >= ? AND x.division < ? AND (? = 0 OR x.id = ?)"
                           " ORDER BY s.activity_id, s.reviewer_id, k.seq, k.id",
                           "ttii", prefix ? prefix : "", prefix_end(a, prefix), activity, activity);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_score_row, fill_score, out, n);
}

int store_exchange_measure_put(db *c, const exchange_measure *m, int64_t by, int64_t now,
                               int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO exchange_measures(division, subject, subject_id, name, unit, period,"
                 " baseline, target, actual, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT (subject, subject_id, name, period) DO UPDATE SET"
                 " unit = excluded.unit, baseline = excluded.baseline, target = excluded.target,"
                 " actual = excluded.actual, updated_at = excluded.updated_at RETURNING id",
                 "ttitttddDIii", m->division, m->subject, m->subject_id, m->name, m->unit,
                 m->period, m->baseline, m->target, m->actual, by, now, now),
        id);
}

static void fill_measure(arena *a, db_stmt *st, exchange_measure *m)
{
    m->id = db_col_int(st, 0);
    m->division = col_str(a, st, 1);
    m->subject = col_str(a, st, 2);
    m->subject_id = db_col_int(st, 3);
    m->name = col_str(a, st, 4);
    m->unit = col_str(a, st, 5);
    m->period = col_str(a, st, 6);
    m->baseline = db_col_double(st, 7);
    m->target = db_col_double(st, 8);
    m->actual = col_real(st, 9);
    m->updated_at = db_col_int(st, 10);
}

int store_exchange_measures_of(db *c, arena *a, const char *subject, int64_t subject_id,
                               exchange_measure **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, division, subject, subject_id, name, unit, period,"
                           " baseline, target, actual, updated_at FROM exchange_measures"
                           " WHERE subject = ? AND subject_id = ? ORDER BY name, period",
                           "ti", subject, subject_id);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_measure, fill_measure, out, n);
}

int store_exchange_measures_in(db *c, arena *a, const char *prefix, const char *subject,
                               const char *period, exchange_measure **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT id, division, subject, subject_id, name, unit, period,"
                           " baseline, target, actual, updated_at FROM exchange_measures"
                           " WHERE division >= ? AND division < ? AND subject = ?"
                           " AND (? = '' OR period = ?) ORDER BY subject_id, name, period",
                           "ttttt", prefix ? prefix : "", prefix_end(a, prefix), subject,
                           period ? period : "", period ? period : "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, exchange_measure, fill_measure, out, n);
}

int store_exchange_is_author(db *c, int64_t activity, int64_t user, int64_t *n)
{
    return store_one_int(db_query(c,
                                  "SELECT count(*) FROM review_authors"
                                  " WHERE content_type = 'exchange_activity' AND content_id = ?"
                                  " AND user_id = ?",
                                  "ii", activity, user),
                         n);
}
