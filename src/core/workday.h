/*
 * workday: the city's working-day calendar (工作日). Monday to Friday are working days, unless
 * the calendar names the day a public holiday; Saturday and Sunday are not, unless it names
 * the day a make-up working day (调休上班) — as the State Council's yearly schedule of public
 * holidays sets them. Rules that count a time in working days (a star level's public notice
 * now, deadlines of other modules later) count with workday_add. City admins keep the
 * exceptions (calendar_manage over the city); every change is audited ("workday.set",
 * "workday.remove", "workday.import"). The official schedules ship in data/workdays-cn.csv.
 */
#ifndef WY_WORKDAY_H
#define WY_WORKDAY_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"
#include "core/workday_store.h"

/* Is s a real day written YYYY-MM-DD (years 1900 to 2999)? Its day number (days since
 * 1970-01-01) in *dayno when it is and dayno is not NULL. */
int workday_parse(const char *s, int64_t *dayno);
/* The day number of the day (China time, UTC+8) of the instant ms. */
int64_t workday_dayno(int64_t ms);
/* 0 Sunday .. 6 Saturday, of a day number. */
int workday_weekday(int64_t dayno);
/* YYYY-MM-DD of a day number into out[11]. */
void workday_format(int64_t dayno, char out[11]);

/* Is the day (YYYY-MM-DD) a working day? *working 1 or 0; -1 with the refusal (bad_date). */
int workday_is_working(wy_ctx *ctx, const char *day, int *working);
/* The end (midnight China time, in ms) of the n-th working day after the day of the instant
 * from (n >= 1): the day of from itself does not count. */
int workday_add(wy_ctx *ctx, int64_t from, int n, int64_t *end);

/* The exceptions of a year (anyone may read them). */
int workday_list(wy_ctx *ctx, int year, workday_exception **out, size_t *n);
/* Name day a public holiday (working 0; it must be a weekday) or a make-up working day
 * (working 1; a Saturday or Sunday), replacing what the day had. calendar_manage over the
 * city. Refusals: bad_date, bad_name (1 to 30 characters), not_weekday, not_weekend. */
int workday_set(wy_ctx *ctx, const char *day, int working, const char *name);
/* Take the exception off day: it is an ordinary day again (E_NOTFOUND when it has none). */
int workday_remove(wy_ctx *ctx, const char *day);

/* One refused line of an import. */
typedef struct workday_import_error {
    int line;
    const char *code;    /* bad_header, bad_date, bad_kind, bad_name, not_weekday, ... */
    const char *message; /* English msgid */
} workday_import_error;

typedef struct workday_import_result {
    size_t rows; /* the exceptions the file names (added or replaced when it was accepted) */
    workday_import_error *errors;
    size_t nerrors;
} workday_import_result;

/* Import a CSV with the header date,kind,name (kind: holiday or workday; a line per day):
 * each line adds or replaces that day's exception. One bad line and nothing is changed: -1
 * with E_INVALID bad_rows and every refused line in res. dry_run checks without writing.
 * calendar_manage over the city, unless ctx->who is NULL (`wenyun demo`, the command line). */
int workday_import(wy_ctx *ctx, const char *csv, size_t len, int dry_run,
                   workday_import_result *res);

#endif
