/*
 * fuzz_market_rules: what a market's organiser and panel send the rules of
 * src/mod/markets/market_rules.c as text, and the stall assignment over any plan. The input's
 * first line is a rubric (JSON, as POST /api/v1/markets takes it), the second a score's points
 * (JSON, as POST /api/v1/market-applications/{id}/scores takes them; on the default rubric when
 * the first line is none), and the bytes after them make a stall plan and stall-holders
 * (market_assign). The target aborts when a promise of market_rules.h is broken: a rubric read
 * has 1 to 10 criteria with distinct keys and maxima of 1 to 100, and its maximum is their sum;
 * a score read gives every criterion 0 to its maximum, so its total lies between 0 and the
 * rubric's maximum; an assignment gives each holder a stall of the plan or none, never one stall
 * to two, and names exactly the rules that market_assign_check finds broken, each holder
 * without a stall among them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/markets/market_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next line of data (NUL-terminated copy in buf); advances *p. */
static const char *line(const uint8_t **p, const uint8_t *end, char *buf, size_t cap)
{
    size_t n = 0;
    while (*p < end && **p != '\n' && n + 1 < cap)
        buf[n++] = (char)*(*p)++;
    if (*p < end && **p == '\n')
        (*p)++;
    buf[n] = '\0';
    return buf;
}

static void check_rubric(const market_criterion *c, size_t n)
{
    if (n < 1 || n > MARKET_RUBRIC_MAX)
        abort();
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i].max < 1 || c[i].max > 100 || !c[i].key || !c[i].name)
            abort();
        for (size_t j = 0; j < i; j++)
            if (!strcmp(c[i].key, c[j].key))
                abort();
        sum += c[i].max;
    }
    if (market_rubric_max(c, n) != sum)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 1 << 22);
    const uint8_t *p = data, *end = data + size;
    char rub[4096], pts[4096];
    line(&p, end, rub, sizeof(rub));
    line(&p, end, pts, sizeof(pts));

    market_criterion c[MARKET_RUBRIC_MAX];
    size_t nc;
    if (market_rubric_parse(&a, rub, c, &nc) == 0)
        check_rubric(c, nc);
    else if (market_rubric_parse(&a, market_default_rubric, c, &nc) < 0)
        abort();
    int64_t total;
    const char *bad;
    if (market_score_check(c, nc, pts, &total, &bad) == 0 &&
        (total < 0 || total > market_rubric_max(c, nc)))
        abort();

    /* the plan and the holders from the rest: one byte a stall, one a holder */
    size_t rest = (size_t)(end - p);
    size_t ns = rest ? p[0] % 13 : 0, nh = rest > 1 ? p[1] % 13 : 0;
    p += rest > 1 ? 2 : rest;
    static const char *const rows[] = {"A", "B", "C"};
    market_slot s[12];
    market_holder h[12];
    for (size_t i = 0; i < ns; i++) {
        uint8_t b = p < end ? *p++ : (uint8_t)i;
        s[i] = (market_slot){(int64_t)i + 1, "x",          rows[b % 3], (b / 3) % 6 + 1,
                             (b >> 5) & 1,   (b >> 6) & 1, b >> 7};
    }
    for (size_t i = 0; i < nh; i++) {
        uint8_t b = p < end ? *p++ : (uint8_t)(i * 7);
        h[i] = (market_holder){(int64_t)i + 1, "h",          b % MARKET_NCATEGORIES,
                               (b >> 5) & 1,   (b >> 6) & 1, b >> 7};
    }
    market_assign_rules r = {p < end ? *p & 1 : 1, p < end ? (*p >> 1) & 1 : 1,
                             p < end ? (*p >> 2) & 1 : 1};
    long at[12];
    market_problem *pr, *pr2;
    size_t np, np2;
    if (market_assign(&a, s, ns, h, nh, &r, at, &pr, &np) < 0)
        abort();
    for (size_t i = 0; i < nh; i++) {
        if (at[i] < -1 || at[i] >= (long)ns)
            abort();
        for (size_t j = 0; j < i; j++)
            if (at[i] >= 0 && at[i] == at[j])
                abort();
    }
    if (market_assign_check(&a, s, ns, h, nh, &r, at, &pr2, &np2) < 0 || np != np2)
        abort();
    for (size_t k = 0; k < np; k++)
        if (strcmp(pr[k].rule, pr2[k].rule) || pr[k].holder != pr2[k].holder ||
            pr[k].holder >= nh || (!strcmp(pr[k].rule, "no_stall") != (at[pr[k].holder] < 0)))
            abort();
    for (size_t i = 0; i < nh; i++) {
        int named = 0;
        for (size_t k = 0; k < np; k++)
            named |= pr[k].holder == i && !strcmp(pr[k].rule, "no_stall");
        if ((at[i] < 0) != named)
            abort();
    }
    arena_free(&a);
    return 0;
}
