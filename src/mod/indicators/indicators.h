/*
 * indicators: the plans' numbers. A catalogue of indicator definitions (what the plans ask
 * for: name, unit, definition, attribute, levels, period, source), targets per division and
 * period with their baseline, values entered by hand with evidence and corrections kept as
 * new records, values computed by the modules that own the data (their descriptors'
 * wy_indicator, mod/module.h) and cached, and the status of each indicator against its
 * target with the projection that says so.
 *
 * This is the interface the API, the dashboards and the annual report use; none of them
 * reads the tables. Every function takes the caller's context (core/domain.h) and returns 0,
 * or -1 with the refusal on ctx. Strings and arrays handed back live in ctx->a.
 *
 * The status rule (docs/indicators.md, "Status"): ind_judge.
 */
#ifndef WY_MOD_INDICATORS_H
#define WY_MOD_INDICATORS_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"
#include "mod/indicators/indicators_store.h"
#include "core/indicator.h"
#include "util/strbuf.h"

/* ---- periods ---------------------------------------------------------------------------- */

/* A period of the plans: a year "2026", a quarter "2026-Q1" or a month "2026-03", as the
 * half-open interval [from, to) of China time (+08:00) in ms. */
typedef enum ind_period_kind { IND_YEAR = 1, IND_QUARTER, IND_MONTH } ind_period_kind;
typedef struct ind_period {
    char text[32]; /* canonical: "2026", "2026-Q1", "2026-03" */
    ind_period_kind kind;
    int year;
    int part; /* the quarter 1..4 or the month 1..12; 0 for a year */
    int64_t from, to;
} ind_period;

/* Parse text (years 1900..2999); -1 with bad_period (E_INVALID, field "period"). */
int ind_period_parse(wy_ctx *ctx, const char *text, ind_period *out);
/* The same without a context: 0 or -1. */
int ind_period_parse_text(const char *text, ind_period *out);
/* The period of kind that contains the instant ms (for "this year", "this quarter"). */
void ind_period_at(ind_period_kind kind, int64_t ms, ind_period *out);

/* ---- status ----------------------------------------------------------------------------- */

typedef enum ind_status { IND_NO_DATA = 0, IND_BEHIND, IND_ON_TRACK, IND_MET } ind_status;
const char *ind_status_name(ind_status s); /* "no_data", "behind", "on_track", "met" */

/* What the status is judged on. NAN for what is unknown. */
typedef struct ind_trend {
    double value;     /* the value of the period (NAN: no data) */
    double target;    /* NAN: no target */
    double baseline;  /* NAN: none */
    int64_t base_at;  /* when the baseline was measured (end of its year), 0: none */
    int64_t from;     /* start of the period the value counts (a flow's pro-rata projection) */
    int64_t at;       /* when the value stands: min(now, the period's end) */
    int64_t deadline; /* the end of the target's period */
    int flow;         /* the value is a flow counted over [from, at), not a stock */
} ind_trend;

/* The rule (docs/indicators.md): no value or no target: no data. Otherwise the direction is
 * up unless the target lies below the baseline. Met when the value has reached the target.
 * Else behind once the deadline has passed. Else the projection to the deadline: with a
 * baseline, linear from (base_at, baseline) through (at, value); without one, a flow is
 * extrapolated pro rata from (from, 0); a stock without a baseline has no trend and projects
 * its value. On track when the projection reaches the target, else behind. *projected gets the
 * projection (NAN when there is no data; the value itself when met or past the deadline). */
ind_status ind_judge(const ind_trend *t, double *projected);

/* ---- catalogue -------------------------------------------------------------------------- */

/* Every definition, in the catalogue's order. */
int ind_catalogue(wy_ctx *ctx, ind_def **out, size_t *n);
/* One definition; E_NOTFOUND (unknown_indicator) when there is none. */
int ind_def_get(wy_ctx *ctx, const char *code, ind_def *out);
/* Does the definition apply at the level of division (its levels)? */
int ind_def_applies(const ind_def *d, const char *division);
/* The module's indicator that computes code (walking modules_all()), or NULL: no module
 * provides it (yet), and its value is no data. */
const wy_indicator *ind_source_of(const char *code);
/* May the caller see the indicator's values for division (published, or staff in scope)? */
int ind_visible(wy_ctx *ctx, const ind_def *d, const char *division);

/* ---- targets ---------------------------------------------------------------------------- */

/* Set (or replace) the target of code for division and period, with its baseline (year 0 and
 * NAN: none). recurring: the target holds for every period of the indicator's kind up to the
 * end of period (a yearly flow target). Needs indicators_manage over division; audited. */
int ind_target_set(wy_ctx *ctx, const char *code, const char *division, const char *period,
                   double target, int baseline_year, double baseline, int recurring,
                   const char *note, ind_target *out);
/* The targets of code for division (every period), oldest period first. */
int ind_targets(wy_ctx *ctx, const char *code, const char *division, ind_target **out, size_t *n);
/* The target that holds for period: the one set for period, else a recurring one whose end is
 * not before the period's end, else (a stock, or a "by the deadline" indicator) the one with
 * the nearest deadline at or after the period's end; never one whose baseline year ends at or
 * after the period's end (the plan had not begun). 1 with *out, 0 when none. */
int ind_target_for(wy_ctx *ctx, const ind_def *d, const char *division, const ind_period *p,
                   ind_target *out);

/* ---- reported values -------------------------------------------------------------------- */

/* A file that backs a reported value (the bytes are copied). */
typedef struct ind_file {
    const char *name;         /* as uploaded: "2026年报.pdf" */
    const char *content_type; /* NULL: application/octet-stream */
    const char *data;
    size_t len;
} ind_file;

/* Enter the value of a reported indicator for division and period, with an optional note and
 * evidence files. The entry supersedes the current one, which stays readable in the history:
 * a correction is a new record. Needs indicators_manage over division; audited. */
int ind_report_add(wy_ctx *ctx, const char *code, const char *division, const char *period,
                   double value, const char *note, const ind_file *files, size_t nfiles,
                   ind_report *out);
/* Attach one more file to an entry (its author's unit: indicators_manage over its division). */
int ind_evidence_add(wy_ctx *ctx, int64_t report_id, const ind_file *f, ind_evidence *out);
/* One file with its bytes (decoded, in ctx->a); staff with indicators_read over its division. */
int ind_evidence_get(wy_ctx *ctx, int64_t id, ind_evidence *out, const char **data, size_t *len);
/* Every entry of code for division and period, newest first, each with its evidence (without
 * the bytes); staff with indicators_read over division. */
int ind_history(wy_ctx *ctx, const char *code, const char *division, const char *period,
                ind_report **out, size_t *n);

/* ---- values and status ------------------------------------------------------------------ */

/* An indicator's standing for a division and period. */
typedef struct ind_value {
    ind_def def;
    const char *division;
    const char *period;
    double value;        /* NAN: no data */
    int has_target;      /* target below */
    ind_target target;   /* the target that holds (ind_target_for) */
    double projected;    /* NAN: none */
    int64_t deadline;    /* end of the target's period; 0 without a target */
    ind_status status;   /* ind_judge */
    int64_t computed_at; /* when the value was computed or entered; 0: no data */
    const char *hash;    /* sha256 (hex) of the figures of a computed value, or NULL */
    int64_t report_id;   /* the entry a reported value comes from, or 0 */
    int provided;        /* computed: a module provides it; reported: 1 */
} ind_value;

/* Options of a reading. recompute: compute afresh whatever the cache holds (needs
 * indicators_manage over the division); otherwise a cached value younger than
 * [indicators] cache_ttl_s (or of a period that has ended before it was computed) is used. */
typedef struct ind_opts {
    int recompute;
} ind_opts;

/* The standing of one indicator (visibility checked: 404 for one the caller may not see). */
int ind_value_get(wy_ctx *ctx, const char *code, const char *division, const char *period,
                  const ind_opts *o, ind_value *out);
/* Every indicator the caller may see that applies to division, in the catalogue's order.
 * division must exist; period parsed by ind_period_parse. */
int ind_values(wy_ctx *ctx, const char *division, const char *period, const ind_opts *o,
               ind_value **out, size_t *n);

/* The periodic job "refresh" (run by `wenyun serve` every [jobs] interval_s): compute afresh
 * the values of the current year, quarter and month of the divisions someone has looked at
 * (those with cached values) before they expire, so a dashboard is served from the cache
 * instead of computing on the reader's time. At most [indicators] refresh_per_tick pairs of a
 * division and a period a run, the oldest first; 0 turns it off. The number refreshed, or -1
 * with the refusal on ctx. */
int ind_refresh_job(wy_ctx *ctx);
/* A time series for charts: the standing of code for division over consecutive periods of
 * one kind from first to last inclusive ("2024" to "2026", "2026-01" to "2026-06"), at most
 * IND_SERIES_MAX of them; bad_period when the two differ in kind, last is before first, or
 * the series is longer. */
#define IND_SERIES_MAX 120
int ind_series(wy_ctx *ctx, const char *code, const char *division, const char *first,
               const char *last, ind_value **out, size_t *n);
/* The records behind a computed value (the module's records hook), paged by id after; an
 * unknown code is E_NOTFOUND, a reported one or one without a list E_RULE (no_records). */
int ind_records(wy_ctx *ctx, const char *code, const char *division, const char *period,
                int64_t after, int limit, wy_record **out, size_t *n);
/* A digest (sha256 hex) of a set of values: codes, divisions, periods and figures in order,
 * for a report's snapshot that can be recomputed and compared later. */
const char *ind_snapshot_hash(wy_ctx *ctx, const ind_value *v, size_t n);

/* ---- exports ---------------------------------------------------------------------------- */

/* One row of an export: a division's standing. */
typedef struct ind_export_row {
    const char *division;
    const char *division_name;
    ind_value v;
} ind_export_row;

/* The values of division and of each of its children (districts compared), for period. */
int ind_export(wy_ctx *ctx, const char *division, const char *period, ind_export_row **out,
               size_t *n);
/* The same as CSV for spreadsheets (util/csvwrite: UTF-8 BOM, CRLF) into out. */
int ind_export_csv(wy_ctx *ctx, const char *division, const char *period, strbuf *out);

/* `wenyun demo`: targets and reported values of the demo city (mod/module.h). */
int indicators_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
