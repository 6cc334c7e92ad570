/*
 * fuzz_ind_period: the periods of the indicators ("2026", "2026-Q1", "2026-03"), as the
 * query strings and JSON bodies of the indicator API and pages give them to
 * ind_period_parse_text and ind_period_parse (src/mod/indicators/period.c). The input is the
 * text (an embedded NUL ends it, as in a query string). The target aborts when a promise of
 * indicators.h is broken: a period read has its kind, a year from 1900 to 2999 and a part in
 * range, its canonical text reads back to the same period, [from, to) starts at a local
 * midnight (+08:00) and lasts a month to a year; ind_period_parse agrees with the text parser
 * and refuses with bad_period on the field "period"; and ind_period_at, which the series and
 * charts step through periods with, finds the period an instant lies in, for every kind, at
 * both ends of the period and just outside them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/indicators/indicators.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DAY_MS   ((int64_t)86400000)
#define LOCAL_MS ((int64_t)8 * 3600 * 1000)

static int same(const ind_period *a, const ind_period *b)
{
    return !strcmp(a->text, b->text) && a->kind == b->kind && a->year == b->year &&
           a->part == b->part && a->from == b->from && a->to == b->to;
}

/* The promises every period keeps, however it was made. */
static void check_period(const ind_period *p)
{
    int max_part = p->kind == IND_YEAR ? 0 : p->kind == IND_QUARTER ? 4 : 12;
    if (p->kind != IND_YEAR && p->kind != IND_QUARTER && p->kind != IND_MONTH)
        abort();
    if (p->year < 1899 || p->year > 3000 || p->part < (max_part ? 1 : 0) || p->part > max_part)
        abort();
    int64_t len = p->to - p->from;
    if (len < 28 * DAY_MS || len > 366 * DAY_MS || (p->from + LOCAL_MS) % DAY_MS ||
        (p->to + LOCAL_MS) % DAY_MS)
        abort();
    ind_period r;
    if (p->year >= 1900 && p->year <= 2999 &&
        (ind_period_parse_text(p->text, &r) < 0 || !same(p, &r)))
        abort();
}

/* ind_period_at(kind, ms): the period of kind that holds ms. */
static void check_at(ind_period_kind kind, int64_t ms, ind_period *out)
{
    ind_period_at(kind, ms, out);
    check_period(out);
    if (out->kind != kind || !(out->from <= ms && ms < out->to))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    if (size)
        memcpy(text, data, size);
    text[size] = '\0';

    ind_period p, q;
    int rc = ind_period_parse_text(text, &p);
    wy_ctx ctx = {0};
    int rc2 = ind_period_parse(&ctx, text, &q);
    if (rc != rc2 || (rc == 0 && !same(&p, &q)))
        abort();
    if (rc < 0) {
        if (!ctx.err.code || strcmp(ctx.err.code, "bad_period") || !ctx.err.field ||
            strcmp(ctx.err.field, "period") || !ctx.err.message)
            abort();
        free(text);
        return 0;
    }
    if (rc != 0 || p.year < 1900 || p.year > 2999)
        abort();
    check_period(&p);
    /* the same period found from its own instants, its neighbours from the instants outside */
    ind_period at;
    check_at(p.kind, p.from, &at);
    if (!same(&at, &p))
        abort();
    check_at(p.kind, p.to - 1, &at);
    if (!same(&at, &p))
        abort();
    check_at(p.kind, p.to, &at);
    if (at.from != p.to)
        abort();
    check_at(p.kind, p.from - 1, &at);
    if (at.to != p.from)
        abort();
    /* a period of another kind around each end, as a chart of another kind picks its periods */
    for (int k = IND_YEAR; k <= IND_MONTH; k++) {
        check_at((ind_period_kind)k, p.from, &at);
        check_at((ind_period_kind)k, p.to - 1, &at);
        if (at.to < p.to)
            abort();
    }
    free(text);
    return 0;
}
