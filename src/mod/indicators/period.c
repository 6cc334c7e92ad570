/*
 * period: the periods of the plans ("2026", "2026-Q1", "2026-03") as [from, to) in China
 * time. The city's clock is +08:00 all year (China has no daylight saving time), so a period
 * starts at local midnight, 16:00 UTC of the day before.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mod/indicators/indicators.h"

#define CHINA_OFFSET_MS ((int64_t)8 * 3600 * 1000)

/* Local midnight (+08:00) of the first of month (1..12; 13 is January of the next year). */
static int64_t month_start(int year, int month)
{
    if (month > 12) {
        year++;
        month -= 12;
    }
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = 1};
    return (int64_t)timegm(&tm) * 1000 - CHINA_OFFSET_MS;
}

static void fill(ind_period *p, ind_period_kind kind, int year, int part)
{
    p->kind = kind;
    p->year = year;
    p->part = part;
    switch (kind) {
    case IND_YEAR:
        snprintf(p->text, sizeof(p->text), "%04d", year);
        p->from = month_start(year, 1);
        p->to = month_start(year + 1, 1);
        break;
    case IND_QUARTER:
        snprintf(p->text, sizeof(p->text), "%04d-Q%d", year, part);
        p->from = month_start(year, 3 * part - 2);
        p->to = month_start(year, 3 * part + 1);
        break;
    case IND_MONTH:
        snprintf(p->text, sizeof(p->text), "%04d-%02d", year, part);
        p->from = month_start(year, part);
        p->to = month_start(year, part + 1);
        break;
    }
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int ind_period_parse_text(const char *text, ind_period *out)
{
    if (!text)
        return -1;
    size_t n = strlen(text);
    if (n < 4 || !digits(text, 4))
        return -1;
    int year =
        (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + text[3] - '0';
    if (year < 1900 || year > 2999)
        return -1;
    if (n == 4) {
        fill(out, IND_YEAR, year, 0);
        return 0;
    }
    if (n == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q') && text[6] >= '1' &&
        text[6] <= '4') {
        fill(out, IND_QUARTER, year, text[6] - '0');
        return 0;
    }
    if (n == 7 && text[4] == '-' && digits(text + 5, 2)) {
        int m = (text[5] - '0') * 10 + text[6] - '0';
        if (m < 1 || m > 12)
            return -1;
        fill(out, IND_MONTH, year, m);
        return 0;
    }
    return -1;
}

int ind_period_parse(wy_ctx *ctx, const char *text, ind_period *out)
{
    if (!text || !*text)
        return wy_fail_field(ctx, E_INVALID, "bad_period",
                             "Name a period: a year (2026), a quarter (2026-Q1) or a month "
                             "(2026-03).",
                             "period");
    if (ind_period_parse_text(text, out) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_period",
                             "A period is a year (2026), a quarter (2026-Q1) or a month "
                             "(2026-03), from 1900 to 2999.",
                             "period");
    return 0;
}

void ind_period_at(ind_period_kind kind, int64_t ms, ind_period *out)
{
    /* seconds rounded down, not toward zero: before 1970 (the periods go back to 1900) the
     * last millisecond of a period would otherwise round up into the next one */
    int64_t local = ms + CHINA_OFFSET_MS;
    time_t s = (time_t)(local / 1000 - (local % 1000 < 0));
    struct tm tm;
    gmtime_r(&s, &tm);
    int year = tm.tm_year + 1900, month = tm.tm_mon + 1;
    fill(out, kind, year, kind == IND_YEAR ? 0 : kind == IND_QUARTER ? (month - 1) / 3 + 1 : month);
}
