/*
 * report_store: the recorded annual reports (sql/0020_reports.sql). The store keeps what it
 * is given; the rules (who may make one, what the figures are) are in report.c.
 */
#ifndef WY_MOD_INDICATORS_REPORT_STORE_H
#define WY_MOD_INDICATORS_REPORT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

typedef struct report_row {
    int64_t id;
    const char *division;
    int year;
    int64_t computed_at;
    const char *figures_hash; /* sha256 hex of the figures */
    int nfigures;
    const char *figures;    /* JSON: [{"code","division","value","target"}] */
    int has_xlsx, has_html; /* files kept (made from the console) */
    int64_t made_by;        /* 0: the command line */
    int64_t made_at;
} report_row;

/* Insert; xlsx_b64 and html may be NULL. The new id in *id. */
int store_report_add(db *c, const report_row *r, const char *xlsx_b64, const char *html,
                     int64_t *id);
/* One report without its files; WY_NOTFOUND when none. */
int store_report_get(db *c, arena *a, int64_t id, report_row *out);
/* Its file: which is "xlsx" (base64) or "html"; WY_NOTFOUND when not kept. */
int store_report_file(db *c, arena *a, int64_t id, const char *which, const char **out);
/* The reports of division (every year), newest first, at most limit. */
int store_reports_of(db *c, arena *a, const char *division, int limit, report_row **out, size_t *n);

#endif
