/*
 * report: the annual analysis report of a division (docs/report.md). Every indicator of the
 * catalogue that applies, for the division and each of its child divisions (the districts
 * compared), for one year, through the indicators interface (indicators.h): nothing here
 * reads the indicators' tables. The report is an XLSX workbook (one sheet a theme, numbers as
 * numbers) and a printable HTML page with its charts, and it is recorded with the snapshot it
 * was computed from: the time, the figures and their SHA-256 (ind_snapshot_hash), so that a
 * published report can be recomputed later and compared figure by figure (report_verify).
 *
 * Functions take the caller's context and return 0, or -1 with the refusal on ctx.
 */
#ifndef WY_MOD_INDICATORS_REPORT_H
#define WY_MOD_INDICATORS_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/cli.h"
#include "core/domain.h"
#include "mod/indicators/indicators.h"
#include "mod/indicators/report_store.h"
#include "util/strbuf.h"

/* A theme of the report: the indicators whose code starts with prefix + "." (the module or
 * the plan's chapter that owns them: "venues", "activities"...), one sheet of the workbook. */
typedef struct report_theme {
    const char *prefix;
    const char *name_zh;
    const char *name_en;
} report_theme;
/* The theme of an indicator's code (an unknown prefix gets a theme named by the prefix). */
report_theme report_theme_of(const char *code);

/* The figures of a report. rows: the division's values first, then each child's, every one
 * in the catalogue's order (ind_export_row). */
typedef struct report_figures {
    const char *division; /* short code */
    const char *division_name;
    int year;
    const char *period; /* "2026" */
    ind_export_row *rows;
    size_t n;
    size_t ndivisions; /* the division and its children */
    const char *hash;  /* sha256 hex of the figures (ind_snapshot_hash) */
    int64_t computed_at;
} report_figures;

/* Compute every indicator for division and its children for year. Values are computed
 * afresh where the caller may ask for that (indicators_manage over the division), else
 * taken as the indicators interface serves them (its cache). progress (may be NULL) is told
 * each division as it starts. */
int report_compute(wy_ctx *ctx, const char *division, int year,
                   void (*progress)(const char *division, const char *name, void *ud), void *ud,
                   report_figures *out);

/* The figures as JSON text [{"code","division","value","target"}] (NaN: null), in ctx->a. */
const char *report_figures_json(wy_ctx *ctx, const report_figures *f);

/* Write the workbook to path (a file libxlsxwriter creates). */
int report_write_xlsx(wy_ctx *ctx, const report_figures *f, const char *path);
/* The printable HTML page into out (pages_report.c: the page kit's escapers). */
int report_write_html(wy_ctx *ctx, const report_figures *f, strbuf *out);

/* Record the snapshot of f (and the files when given: the workbook's bytes, the page). */
int report_record(wy_ctx *ctx, const report_figures *f, const char *xlsx, size_t xlsx_len,
                  const char *html, report_row *out);

/* What a recomputation says of a recorded report. */
typedef struct report_check {
    report_row report;
    int matches;          /* the figures are those of the report */
    const char *hash;     /* of the figures now */
    int64_t checked_at;   /* ctx->now */
    const char **changed; /* "code@division: was -> now", at most 50 */
    size_t nchanged;      /* how many differ (may exceed the list) */
} report_check;
/* Recompute the figures of report id and compare them with those recorded. */
int report_verify(wy_ctx *ctx, int64_t id, report_check *out);

/* Reports of a division the caller may read (indicators_read over it), newest first. */
int report_list(wy_ctx *ctx, const char *division, report_row **out, size_t *n);
/* One report the caller may read, and, with which ("xlsx" or "html"), its file's bytes. */
int report_get(wy_ctx *ctx, int64_t id, const char *which, report_row *out, const char **data,
               size_t *len);
/* From the console: compute, write both files, record them with the snapshot. Needs
 * indicators_read over the division; division NULL or empty: that of the caller's first
 * grant that has it. */
int report_make(wy_ctx *ctx, const char *division, int year, report_row *out);

/* `wenyun report` (mod/module.h, wy_command). */
int report_cli(const wy_cli *cli, int argc, char **argv);

#endif
