/* store_report: the recorded annual reports (report_store.h, sql/0020_reports.sql). */
#include "mod/indicators/report_store.h"

#include "db/store_util.h"

#define REPORT_COLS                                                                                \
    "id, division, year, computed_at, figures_hash, nfigures, figures, xlsx IS NOT NULL,"          \
    " html IS NOT NULL, made_by, made_at"

static void fill_report(arena *a, db_stmt *st, report_row *r)
{
    r->id = db_col_int(st, 0);
    r->division = col_str(a, st, 1);
    r->year = (int)db_col_int(st, 2);
    r->computed_at = db_col_int(st, 3);
    r->figures_hash = col_str(a, st, 4);
    r->nfigures = (int)db_col_int(st, 5);
    r->figures = col_str(a, st, 6);
    r->has_xlsx = db_col_int(st, 7) != 0;
    r->has_html = db_col_int(st, 8) != 0;
    r->made_by = db_col_null(st, 9) ? 0 : db_col_int(st, 9);
    r->made_at = db_col_int(st, 10);
}

int store_report_add(db *c, const report_row *r, const char *xlsx_b64, const char *html,
                     int64_t *id)
{
    return insert_returning_id(
        db_query(c,
                 "INSERT INTO annual_reports(division, year, computed_at, figures_hash, nfigures,"
                 " figures, xlsx, html, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                 " RETURNING id",
                 "tiititttIi", r->division, (int64_t)r->year, r->computed_at, r->figures_hash,
                 (int64_t)r->nfigures, r->figures, xlsx_b64, html, r->made_by, r->made_at),
        id);
}

int store_report_get(db *c, arena *a, int64_t id, report_row *out)
{
    db_stmt *st = db_query(c, "SELECT " REPORT_COLS " FROM annual_reports WHERE id = ?", "i", id);
    return STORE_ONE(a, st, fill_report, out);
}

int store_report_file(db *c, arena *a, int64_t id, const char *which, const char **out)
{
    int html = !strcmp(which, "html");
    db_stmt *st = db_query(c,
                           html ? "SELECT html FROM annual_reports WHERE id = ?"
                                : "SELECT xlsx FROM annual_reports WHERE id = ?",
                           "i", id);
    int rc = st ? db_step(st) : WY_ERR;
    if (rc == 1 && db_col_null(st, 0))
        rc = 0;
    else if (rc == 1)
        *out = col_str(a, st, 0);
    db_done(st);
    if (rc == 1)
        return arena_failed(a) ? WY_NOMEM : WY_OK;
    return rc == 0 ? WY_NOTFOUND : rc;
}

int store_reports_of(db *c, arena *a, const char *division, int limit, report_row **out, size_t *n)
{
    db_stmt *st = db_query(c,
                           "SELECT " REPORT_COLS " FROM annual_reports WHERE division = ?"
                           " ORDER BY id DESC LIMIT ?",
                           "ti", division, (int64_t)limit);
    if (!st)
        return WY_ERR;
    return STORE_COLLECT(a, st, report_row, fill_report, out, n);
}
