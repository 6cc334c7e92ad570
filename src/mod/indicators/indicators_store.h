/*
 * indicators_store: the rows of the indicators module and the store functions over its
 * tables (sql/0018_indicators.sql); evidence files are core attachments (core/attachment.h). The
 * store enforces the tables' constraints (one target per indicator, division and period; a report
 * supersedes at most one other) and nothing more; the rules are in indicators.c.
 */
#ifndef WY_MOD_INDICATORS_STORE_H
#define WY_MOD_INDICATORS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/attachment_store.h"
#include "db/db.h"
#include "util/arena.h"

/* A catalogue entry. */
typedef struct ind_def {
    const char *code; /* "venues.count" */
    const char *name_zh;
    const char *name_en;
    const char *unit;
    const char *definition; /* English, for planners */
    const char *attribute; /* "binding" (约束性), "expected" (预期性), NULL: the plan says none */
    const char *levels;      /* division levels it applies to: "city,county" */
    const char *period_kind; /* "year", "quarter", "month", "deadline" */
    const char *source;      /* "computed" (by the module's wy_indicator of the same code) or
                                "reported" (entered by hand with evidence) */
    const char *measure;     /* "stock" (a level at a date) or "flow" (counted over the period) */
    const char *plans;       /* the plans it comes from: "panzhihua,changzhi" */
    int is_public;           /* published (信息公开): anyone sees its values */
    const char *flag;        /* a warning for readers (a figure stored as written), or NULL */
    int sort;
} ind_def;

typedef struct ind_target {
    int64_t id;
    const char *code;
    const char *division;
    const char *period; /* "2025", "2026-Q1", ... */
    int recurring;      /* holds for every period of the kind up to the end of period */
    int baseline_year;  /* 0: none */
    double baseline;    /* NAN: none */
    double target;
    const char *note; /* as the plan writes it, a flag ... or NULL */
    int64_t set_by;   /* 0: seeded from the plan */
    int64_t set_at;
} ind_target;

/* An evidence file of a reported value: a core attachment owned by ("indicator_report", id). */
typedef attachment ind_evidence;

typedef struct ind_report {
    int64_t id;
    const char *code;
    const char *division;
    const char *period;
    double value;
    const char *note;
    int64_t supersedes; /* the entry this one corrects, 0: the first */
    int64_t entered_by;
    const char *entered_by_name;
    int64_t entered_at;
    int current; /* not superseded by a later entry */
    ind_evidence *evidence;
    size_t nevidence;
} ind_report;

/* A cached computed value (value NAN: no data). */
typedef struct ind_cached {
    double value;
    int64_t computed_at;
    const char *hash;
} ind_cached;

int store_ind_defs(db *c, arena *a, ind_def **out, size_t *n);
int store_ind_def_get(db *c, arena *a, const char *code, ind_def *out);

int store_ind_targets(db *c, arena *a, const char *code, const char *division, ind_target **out,
                      size_t *n);
/* Insert or replace the target of (code, division, period); its id in *id. */
int store_ind_target_put(db *c, const ind_target *t, int64_t *id);

/* The current (latest) entry of (code, division, period); WY_NOTFOUND when none. */
int store_ind_report_current(db *c, arena *a, const char *code, const char *division,
                             const char *period, ind_report *out);
int store_ind_report_get(db *c, arena *a, int64_t id, ind_report *out);
int store_ind_report_add(db *c, const ind_report *r, int64_t *id);
/* Every entry of (code, division, period), newest first. */
int store_ind_reports(db *c, arena *a, const char *code, const char *division, const char *period,
                      ind_report **out, size_t *n);

int store_ind_cached_get(db *c, arena *a, const char *code, const char *division,
                         const char *period, ind_cached *out);
int store_ind_cached_put(db *c, const char *code, const char *division, const char *period,
                         const ind_cached *v);
/* A division and period whose cached values are getting old: the oldest value's time. */
typedef struct ind_stale {
    const char *division, *period;
    int64_t oldest;
} ind_stale;
/* The (division, period) pairs of the given periods (the current year, quarter and month)
 * with a cached value computed before `before`, the oldest first, at most limit. */
int store_ind_cached_stale(db *c, arena *a, const char *const periods[3], int64_t before, int limit,
                           ind_stale **out, size_t *n);

#endif
