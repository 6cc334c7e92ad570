/* workday: see workday.h. Days are counted as day numbers (days since 1970-01-01) in China
 * time, which has no daylight saving; the dates of the calendar are text (YYYY-MM-DD) so that
 * both databases compare them the same way. */
#include "core/workday.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/site.h"
#include "util/csvread.h"

#define N_(s)             s          /* a msgid, translated where it is shown */
#define TZ_S              (8 * 3600) /* China time */
#define DAY_S             86400
#define NAME_MAX_CHARS    30
#define IMPORT_MAX_ERRORS 100

/* Howard Hinnant's days_from_civil and civil_from_days (public domain). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int workday_parse(const char *s, int64_t *dayno)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
        return 0;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return 0;
    if (dayno)
        *dayno = days_from_civil(y, m, d);
    return 1;
}

int64_t workday_dayno(int64_t ms)
{
    int64_t s = (ms >= 0 ? ms / 1000 : (ms - 999) / 1000) + TZ_S;
    return s >= 0 ? s / DAY_S : (s - (DAY_S - 1)) / DAY_S;
}

int workday_weekday(int64_t dayno)
{
    return (int)(((dayno + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
}

void workday_format(int64_t dayno, char out[11])
{
    int y, m, d;
    civil_from_days(dayno, &y, &m, &d);
    /* workday_parse admits years 1900 to 2999 only; a day number beyond is clamped so that
     * the text keeps its ten characters */
    y = y < 1000 ? 1000 : y > 9999 ? 9999 : y;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

static int weekend(int64_t dayno)
{
    int wd = workday_weekday(dayno);
    return wd == 0 || wd == 6;
}

int workday_is_working(wy_ctx *ctx, const char *day, int *working)
{
    int64_t dn;
    if (!workday_parse(day, &dn))
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A date is written YYYY-MM-DD.", "date");
    workday_exception x;
    int rc = store_workday_get(ctx->c, ctx->a, day, &x);
    if (rc == WY_NOTFOUND) {
        *working = !weekend(dn);
        return 0;
    }
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "calendar");
    *working = x.working;
    return 0;
}

int workday_add(wy_ctx *ctx, int64_t from, int n, int64_t *end)
{
    int64_t day = workday_dayno(from);
    int counted = 0;
    /* the exceptions are read a window at a time: a window of 2n + 31 days holds n working
     * days under any real schedule (the longest run of holidays is some nine days) */
    while (counted < n) {
        int64_t lo = day + 1, hi = day + 2 * (int64_t)(n - counted) + 31;
        char from_s[11], to_s[11];
        workday_format(lo, from_s);
        workday_format(hi, to_s);
        workday_exception *xs;
        size_t nx;
        int rc = store_workday_range(ctx->c, ctx->a, from_s, to_s, &xs, &nx);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "calendar");
        size_t k = 0;
        while (counted < n && day < hi) {
            day++;
            char ds[11];
            workday_format(day, ds);
            while (k < nx && strcmp(xs[k].day, ds) < 0)
                k++;
            int working = k < nx && !strcmp(xs[k].day, ds) ? xs[k].working : !weekend(day);
            counted += working;
        }
    }
    *end = ((day + 1) * DAY_S - TZ_S) * 1000;
    return 0;
}

int workday_list(wy_ctx *ctx, int year, workday_exception **out, size_t *n)
{
    if (year < 1900 || year > 2999)
        return wy_fail_field(ctx, E_INVALID, "bad_year", "A year is 1900 to 2999.", "year");
    char from[11], to[11];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    int rc = store_workday_range(ctx->c, ctx->a, from, to, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "calendar");
}

/* May the caller keep the calendar? Nobody acting (the command line) may. */
static int may_manage(wy_ctx *ctx, const char **city)
{
    char c[DIVISION_CODE_MAX];
    site_city(ctx->cfg, c);
    *city = arena_strdup(ctx->a, c);
    if (!*city)
        return wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    return ctx->who ? authz_require(ctx, PERM_CALENDAR_MANAGE, *city) : 0;
}

static int name_ok(const char *name)
{
    if (!name || !*name || !utf8_valid(name, strlen(name)) || utf8_length(name) > NAME_MAX_CHARS)
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* Why (day, working, name) cannot be an exception: its code and message, or NULL. */
static const char *refusal(const char *day, int working, const char *name, const char **message,
                           const char **field)
{
    int64_t dn;
    if (!workday_parse(day, &dn)) {
        *field = "date";
        *message = N_("A date is written YYYY-MM-DD.");
        return "bad_date";
    }
    if (working < 0) {
        *field = "kind";
        *message = N_("A day is a holiday or a workday.");
        return "bad_kind";
    }
    if (!name_ok(name)) {
        *field = "name";
        *message = N_("A name has 1 to 30 characters.");
        return "bad_name";
    }
    if (!working && weekend(dn)) {
        *field = "date";
        *message = N_("A public holiday is entered on a weekday only: weekends are no working "
                      "days anyway.");
        return "not_weekday";
    }
    if (working && !weekend(dn)) {
        *field = "date";
        *message = N_("A make-up working day falls on a Saturday or Sunday.");
        return "not_weekend";
    }
    return NULL;
}

static int64_t audit_id(const char *day)
{
    /* 2026-10-01 -> 20261001: the day readable in the log's object id */
    return (int64_t)((day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 +
                     (day[3] - '0')) *
               10000 +
           ((day[5] - '0') * 10 + (day[6] - '0')) * 100 + (day[8] - '0') * 10 + (day[9] - '0');
}

static const char *kind_name(int working)
{
    return working ? "workday" : "holiday";
}

int workday_set(wy_ctx *ctx, const char *day, int working, const char *name)
{
    const char *city, *message, *field;
    if (may_manage(ctx, &city) < 0)
        return -1;
    const char *code = refusal(day, working, name, &message, &field);
    if (code)
        return wy_fail_field(ctx, E_INVALID, code, message, field);
    if (tx_begin(ctx) < 0)
        return -1;
    workday_exception old = {0};
    int rc = store_workday_get(ctx->c, ctx->a, day, &old);
    int had = rc == WY_OK;
    int res = rc == WY_OK || rc == WY_NOTFOUND ? 0 : wy_fail_store(ctx, rc, "calendar");
    workday_exception x = {.day = day,
                           .working = working,
                           .name = name,
                           .created_by = ctx->who ? ctx->who->user_id : 0,
                           .created_at = ctx->now};
    if (res == 0 && (rc = store_workday_put(ctx->c, &x)) != WY_OK)
        res = wy_fail_store(ctx, rc, "calendar");
    if (res == 0)
        res = audit_add(ctx, "workday.set", "workday", audit_id(day), city,
                        had ? kind_name(old.working) : NULL, kind_name(working), name);
    return tx_end(ctx, res);
}

int workday_remove(wy_ctx *ctx, const char *day)
{
    const char *city;
    if (may_manage(ctx, &city) < 0)
        return -1;
    if (!workday_parse(day, NULL))
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A date is written YYYY-MM-DD.", "date");
    if (tx_begin(ctx) < 0)
        return -1;
    workday_exception old;
    int rc = store_workday_get(ctx->c, ctx->a, day, &old);
    if (rc == WY_OK)
        rc = store_workday_delete(ctx->c, day);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "calendar day");
    if (res == 0)
        res = audit_add(ctx, "workday.remove", "workday", audit_id(day), city,
                        kind_name(old.working), NULL, old.name);
    return tx_end(ctx, res);
}

/* ---- import ---- */

typedef struct import_state {
    wy_ctx *ctx;
    workday_exception *rows;
    size_t nrows, cap;
    workday_import_error *errors;
    size_t nerrors, errcap;
    int header_seen;
    int nomem;
} import_state;

static void row_error(import_state *s, int line, const char *code, const char *message)
{
    if (s->nerrors >= IMPORT_MAX_ERRORS)
        return;
    if (s->nerrors == s->errcap) {
        size_t cap = s->errcap ? 2 * s->errcap : 8;
        workday_import_error *e = arena_alloc(s->ctx->a, cap * sizeof *e);
        if (!e) {
            s->nomem = 1;
            return;
        }
        if (s->nerrors)
            memcpy(e, s->errors, s->nerrors * sizeof *e);
        s->errors = e;
        s->errcap = cap;
    }
    s->errors[s->nerrors++] = (workday_import_error){line, code, message};
}

static int blank(const csv_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->f[i][0])
            return 0;
    return 1;
}

static int import_row(const csv_row *r, void *user)
{
    import_state *s = user;
    if (blank(r))
        return 0;
    if (!s->header_seen) {
        s->header_seen = 1;
        if (r->n != 3 || strcmp(r->f[0], "date") || strcmp(r->f[1], "kind") ||
            strcmp(r->f[2], "name"))
            row_error(s, r->line, "bad_header", N_("The first line is the header date,kind,name."));
        return 0;
    }
    if (r->bad_utf8) {
        row_error(s, r->line, "bad_encoding", N_("The file is not UTF-8 text."));
        return 0;
    }
    if (r->n != 3) {
        row_error(s, r->line, "bad_columns", N_("A line has three fields: date, kind and name."));
        return 0;
    }
    int working = !strcmp(r->f[1], "holiday") ? 0 : !strcmp(r->f[1], "workday") ? 1 : -1;
    const char *message, *field;
    const char *code = refusal(r->f[0], working, r->f[2], &message, &field);
    if (code) {
        row_error(s, r->line, code, message);
        return 0;
    }
    for (size_t i = 0; i < s->nrows; i++)
        if (!strcmp(s->rows[i].day, r->f[0])) {
            row_error(s, r->line, "duplicate_date", N_("The file names this date twice."));
            return 0;
        }
    if (s->nrows == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        workday_exception *v = arena_alloc(s->ctx->a, cap * sizeof *v);
        if (!v) {
            s->nomem = 1;
            return 1;
        }
        if (s->nrows)
            memcpy(v, s->rows, s->nrows * sizeof *v);
        s->rows = v;
        s->cap = cap;
    }
    s->rows[s->nrows++] = (workday_exception){
        .day = arena_strdup(s->ctx->a, r->f[0]),
        .working = working,
        .name = arena_strdup(s->ctx->a, r->f[2]),
        .created_by = s->ctx->who ? s->ctx->who->user_id : 0,
        .created_at = s->ctx->now,
    };
    return 0;
}

int workday_import(wy_ctx *ctx, const char *csv, size_t len, int dry_run,
                   workday_import_result *res)
{
    *res = (workday_import_result){0};
    const char *city;
    if (may_manage(ctx, &city) < 0)
        return -1;
    import_state s = {.ctx = ctx};
    char err[200];
    if (csv_read_buffer(csv ? csv : "", csv ? len : 0, import_row, &s, err, sizeof err) < 0 &&
        !s.nomem)
        return wy_fail_field(ctx, E_INVALID, "bad_csv", "The file is not a readable CSV file.",
                             "file");
    if (s.nomem || arena_failed(ctx->a))
        return check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    if (!s.header_seen)
        row_error(&s, 1, "empty_file", N_("The file has no lines."));
    res->rows = s.nrows;
    res->errors = s.errors;
    res->nerrors = s.nerrors;
    if (s.nerrors)
        return wy_fail_field(ctx, E_INVALID, "bad_rows",
                             "Some lines of the file are refused: nothing was changed.", "file");
    if (dry_run)
        return 0;
    if (tx_begin(ctx) < 0)
        return -1;
    int r = 0;
    for (size_t i = 0; r == 0 && i < s.nrows; i++) {
        int rc = store_workday_put(ctx->c, &s.rows[i]);
        if (rc != WY_OK)
            r = wy_fail_store(ctx, rc, "calendar");
    }
    if (r == 0)
        r = audit_add(ctx, "workday.import", "workday", 0, city, NULL, NULL,
                      arena_sprintf(ctx->a, "%zu days, %s to %s", s.nrows,
                                    s.nrows ? s.rows[0].day : "-",
                                    s.nrows ? s.rows[s.nrows - 1].day : "-"));
    return tx_end(ctx, r);
}
