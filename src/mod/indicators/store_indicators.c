/* store_indicators: the catalogue, targets, reports, evidence and cached values of the
 * indicators module (indicators_store.h). */
#include "db/store_util.h"
#include "mod/indicators/indicators_store.h"

#define DEF_COLS                                                                                   \
    "code, name_zh, name_en, unit, definition, attribute, levels, period_kind, source, measure,"   \
    " plans, public, flag, sort"

static void fill_def(arena *a, db_stmt *st, ind_def *d)
{
    d->code = col_str(a, st, 0);
    d->name_zh = col_str(a, st, 1);
    d->name_en = col_str(a, st, 2);
    d->unit = col_str(a, st, 3);
    d->definition = col_str(a, st, 4);
    d->attribute = col_str(a, st, 5);
    d->levels = col_str(a, st, 6);
    d->period_kind = col_str(a, st, 7);
    d->source = col_str(a, st, 8);
    d->measure = col_str(a, st, 9);
    d->plans = col_str(a, st, 10);
    d->is_public = (int)db_col_int(st, 11);
    d->flag = col_str(a, st, 12);
    d->sort = (int)db_col_int(st, 13);
}

int store_ind_defs(db *c, arena *a, ind_def **out, size_t *n)
{
    db_stmt *st = db_query(c, "SELECT " DEF_COLS " FROM indicator_defs ORDER BY sort, code", "");
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, ind_def, fill_def, out, n);
}

int store_ind_def_get(db *c, arena *a, const char *code, ind_def *out)
{
    db_stmt *st = db_query(c, "SELECT " DEF_COLS " FROM indicator_defs WHERE code = ?", "t", code);
    return STORE_ONE(a, st, fill_def, out);
}

#define TARGET_COLS                                                                                \
    "id, code, division, period, recurring, coalesce(baseline_year, 0), baseline, target, note,"   \
    " coalesce(set_by, 0), set_at"

static void fill_target(arena *a, db_stmt *st, ind_target *t)
{
    t->id = db_col_int(st, 0);
    t->code = col_str(a, st, 1);
    t->division = col_str(a, st, 2);
    t->period = col_str(a, st, 3);
    t->recurring = (int)db_col_int(st, 4);
    t->baseline_year = (int)db_col_int(st, 5);
    t->baseline = col_real(st, 6);
    t->target = db_col_double(st, 7);
    t->note = col_str(a, st, 8);
    t->set_by = db_col_int(st, 9);
    t->set_at = db_col_int(st, 10);
}

int store_ind_targets(db *c, arena *a, const char *code, const char *division, ind_target **out,
                      size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " TARGET_COLS " FROM indicator_targets"
                           " WHERE code = ? AND division = ? ORDER BY period, id",
                           "tt", code, division);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, ind_target, fill_target, out, n);
}

int store_ind_target_put(db *c, const ind_target *t, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO indicator_targets(code, division, period, recurring, baseline_year,"
                 " baseline, target, note, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " ON CONFLICT (code, division, period) DO UPDATE SET recurring ="
                 " excluded.recurring, baseline_year = excluded.baseline_year, baseline ="
                 " excluded.baseline, target = excluded.target, note = excluded.note, set_by ="
                 " excluded.set_by, set_at = excluded.set_at RETURNING id",
                 "tttiIDdtIi", t->code, t->division, t->period, (int64_t)t->recurring,
                 (int64_t)t->baseline_year, t->baseline, t->target, t->note, t->set_by, t->set_at),
        id);
}

#define REPORT_COLS                                                                                \
    "r.id, r.code, r.division, r.period, r.value, r.note, coalesce(r.supersedes, 0),"              \
    " coalesce(r.entered_by, 0), u.name, r.entered_at,"                                            \
    " CASE WHEN EXISTS (SELECT 1 FROM indicator_reports s WHERE s.supersedes = r.id)"              \
    " THEN 0 ELSE 1 END"
#define REPORT_FROM " FROM indicator_reports r LEFT JOIN users u ON u.id = r.entered_by"

static void fill_report(arena *a, db_stmt *st, ind_report *r)
{
    r->id = db_col_int(st, 0);
    r->code = col_str(a, st, 1);
    r->division = col_str(a, st, 2);
    r->period = col_str(a, st, 3);
    r->value = db_col_double(st, 4);
    r->note = col_str(a, st, 5);
    r->supersedes = db_col_int(st, 6);
    r->entered_by = db_col_int(st, 7);
    r->entered_by_name = col_str(a, st, 8);
    r->entered_at = db_col_int(st, 9);
    r->current = db_col_int(st, 10) != 0;
    r->evidence = NULL;
    r->nevidence = 0;
}

int store_ind_report_current(db *c, arena *a, const char *code, const char *division,
                             const char *period, ind_report *out)
{
    db_stmt *st = db_query(c,
                           "SELECT " REPORT_COLS REPORT_FROM
                           " WHERE r.code = ? AND r.division = ? AND r.period = ?"
                           " ORDER BY r.id DESC LIMIT 1",
                           "ttt", code, division, period);
    return STORE_ONE(a, st, fill_report, out);
}

int store_ind_report_get(db *c, arena *a, int64_t id, ind_report *out)
{
    db_stmt *st = db_query(c, "SELECT " REPORT_COLS REPORT_FROM " WHERE r.id = ?", "i", id);
    return STORE_ONE(a, st, fill_report, out);
}

int store_ind_report_add(db *c, const ind_report *r, int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO indicator_reports(code, division, period, value, note, supersedes,"
                 " entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                 "tttdtIIi", r->code, r->division, r->period, r->value, r->note, r->supersedes,
                 r->entered_by, r->entered_at),
        id);
}

int store_ind_reports(db *c, arena *a, const char *code, const char *division, const char *period,
                      ind_report **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " REPORT_COLS REPORT_FROM
                           " WHERE r.code = ? AND r.division = ? AND r.period = ?"
                           " ORDER BY r.id DESC LIMIT 500",
                           "ttt", code, division, period);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, ind_report, fill_report, out, n);
}

static void fill_cached(arena *a, db_stmt *st, ind_cached *v)
{
    v->value = col_real(st, 0);
    v->computed_at = db_col_int(st, 1);
    v->hash = col_str(a, st, 2);
}

int store_ind_cached_get(db *c, arena *a, const char *code, const char *division,
                         const char *period, ind_cached *out)
{
    db_stmt *st = db_query(c,
                           "SELECT value, computed_at, figures_hash FROM indicator_values"
                           " WHERE code = ? AND division = ? AND period = ?",
                           "ttt", code, division, period);
    return STORE_ONE(a, st, fill_cached, out);
}

int store_ind_cached_put(db *c, const char *code, const char *division, const char *period,
                         const ind_cached *v)
{
    return db_run(c,
                  "INSERT INTO indicator_values(code, division, period, value, computed_at,"
                  " figures_hash) VALUES (?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (code, division, period) DO UPDATE SET value = excluded.value,"
                  " computed_at = excluded.computed_at, figures_hash = excluded.figures_hash",
                  "tttDit", code, division, period, v->value, v->computed_at, v->hash);
}

static void fill_stale(arena *a, db_stmt *st, ind_stale *s)
{
    s->division = col_str(a, st, 0);
    s->period = col_str(a, st, 1);
    s->oldest = db_col_int(st, 2);
}

int store_ind_cached_stale(db *c, arena *a, const char *const periods[3], int64_t before, int limit,
                           ind_stale **out, size_t *n)
{
    db_stmt *st =
        db_query(c,
                 "SELECT division, period, min(computed_at) FROM indicator_values"
                 " WHERE period IN (?, ?, ?) GROUP BY division, period"
                 " HAVING min(computed_at) < ? ORDER BY min(computed_at), division, period"
                 " LIMIT ?",
                 "tttii", periods[0], periods[1], periods[2], before, (int64_t)limit);
    return STORE_COLLECT(a, st, ind_stale, fill_stale, out, n);
}
