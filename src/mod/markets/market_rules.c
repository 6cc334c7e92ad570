/* market_rules: the categories, the rubric, who may score, the ranking, the tie at the quota
 * line and the verdicts (market_rules.h). Pure functions. */
#include "mod/markets/market_rules.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/csvread.h"

const char *const market_category_codes[MARKET_NCATEGORIES] = {
    "cultural_creative", "intangible_heritage", "books", "food", "local_produce"};

#ifndef N_
#define N_(s) s /* a msgid, translated where it is shown */
#endif

const char *const market_category_names[MARKET_NCATEGORIES] = {
    N_("Cultural-creative products"), N_("Intangible heritage"), N_("Books"), N_("Food"),
    N_("Local produce")};

int market_category_index(const char *code)
{
    for (int i = 0; code && i < MARKET_NCATEGORIES; i++)
        if (!strcmp(code, market_category_codes[i]))
            return i;
    return -1;
}

const char market_default_rubric[] =
    "[{\"key\":\"quality\",\"name\":\"产品质量 Quality\",\"max\":10},"
    "{\"key\":\"culture\",\"name\":\"文化特色 Cultural character\",\"max\":10},"
    "{\"key\":\"display\",\"name\":\"展陈方案 Display\",\"max\":10},"
    "{\"key\":\"fit\",\"name\":\"主题契合 Fit with the theme\",\"max\":10}]";

static int key_ok(const char *k)
{
    size_t n = strlen(k);
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || k[i] == '_' || (k[i] >= '0' && k[i] <= '9')))
            return 0;
    return 1;
}

int market_rubric_parse(arena *a, const char *text, market_criterion *out, size_t *n)
{
    json_error_t e;
    json_t *arr = text ? json_loads(text, JSON_REJECT_DUPLICATES, &e) : NULL;
    int ok = json_is_array(arr) && json_array_size(arr) >= 1 &&
             json_array_size(arr) <= MARKET_RUBRIC_MAX;
    *n = 0;
    for (size_t i = 0; ok && i < json_array_size(arr); i++) {
        json_t *c = json_array_get(arr, i);
        const char *key = json_string_value(json_object_get(c, "key"));
        const char *name = json_string_value(json_object_get(c, "name"));
        json_t *max = json_object_get(c, "max");
        ok = json_is_object(c) && json_object_size(c) == 3 && key && key_ok(key) && name &&
             utf8_valid(name, strlen(name)) && utf8_length(name) >= 1 && utf8_length(name) <= 50 &&
             json_is_integer(max) && json_integer_value(max) >= 1 && json_integer_value(max) <= 100;
        for (size_t j = 0; ok && j < i; j++)
            ok = strcmp(out[j].key, key) != 0;
        if (ok) {
            out[i] = (market_criterion){arena_strdup(a, key), arena_strdup(a, name),
                                        (int)json_integer_value(max)};
            *n = i + 1;
        }
    }
    json_decref(arr);
    return ok ? 0 : -1;
}

int market_rubric_max(const market_criterion *c, size_t n)
{
    int s = 0;
    for (size_t i = 0; i < n; i++)
        s += c[i].max;
    return s;
}

int market_score_check(const market_criterion *c, size_t n, const char *points, int64_t *total,
                       const char **bad)
{
    json_error_t e;
    json_t *o = points ? json_loads(points, JSON_REJECT_DUPLICATES, &e) : NULL;
    *bad = NULL;
    *total = 0;
    int ok = json_is_object(o) && json_object_size(o) == n;
    for (size_t i = 0; ok && i < n; i++) {
        json_t *v = json_object_get(o, c[i].key);
        ok = json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= c[i].max;
        if (ok)
            *total += json_integer_value(v);
        else
            *bad = c[i].key;
    }
    json_decref(o);
    return ok ? 0 : -1;
}

int market_reviewer_excluded(int64_t reviewer_id, const char *reviewer_phone, int64_t applicant_id,
                             const char *contact_phone)
{
    if (reviewer_id == applicant_id)
        return 1;
    return reviewer_phone && contact_phone && *reviewer_phone &&
           !strcmp(reviewer_phone, contact_phone);
}

int market_mean_cmp(int64_t sum_a, int n_a, int64_t sum_b, int n_b)
{
    if (n_a <= 0 || n_b <= 0)
        return (n_a <= 0) - (n_b <= 0);
    /* sum_a / n_a > sum_b / n_b  <=>  sum_a * n_b > sum_b * n_a (totals are small: no overflow) */
    int64_t l = sum_a * n_b, r = sum_b * n_a;
    return l > r ? -1 : l < r ? 1 : 0;
}

int market_passes(const market_candidate *c, int pass_mark)
{
    return c->nscores > 0 && c->score_sum >= (int64_t)pass_mark * c->nscores;
}

static int rank_cmp(const void *pa, const void *pb)
{
    const market_candidate *a = pa, *b = pb;
    int m = market_mean_cmp(a->score_sum, a->nscores, b->score_sum, b->nscores);
    if (m)
        return m;
    if (a->submitted_at != b->submitted_at)
        return a->submitted_at < b->submitted_at ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

void market_rank(market_candidate *c, size_t n)
{
    if (n > 1)
        qsort(c, n, sizeof(*c), rank_cmp);
}

static int same_mean(const market_candidate *a, const market_candidate *b)
{
    return market_mean_cmp(a->score_sum, a->nscores, b->score_sum, b->nscores) == 0;
}

int market_cutoff_tie(const market_candidate *ranked, size_t n, int quota, int pass_mark,
                      market_tie *tie)
{
    /* the line falls between ranked[quota - 1] (the last place) and ranked[quota] (the first
     * one left out); a tie straddles it when both pass and their means are equal */
    if (quota <= 0 || (size_t)quota >= n)
        return 0;
    const market_candidate *last = &ranked[quota - 1], *next = &ranked[quota];
    if (!market_passes(last, pass_mark) || !market_passes(next, pass_mark) ||
        !same_mean(last, next))
        return 0;
    size_t first = (size_t)quota - 1, end = (size_t)quota + 1;
    while (first > 0 && same_mean(&ranked[first - 1], last))
        first--;
    while (end < n && same_mean(&ranked[end], last))
        end++;
    tie->first = first;
    tie->count = end - first;
    tie->places_left = quota - (int)first;
    return 1;
}

int market_tie_apply(market_candidate *ranked, const market_tie *tie, const char *const *order,
                     size_t norder)
{
    if (norder != tie->count)
        return -1;
    market_candidate tmp[tie->count];
    int used[tie->count];
    memset(used, 0, sizeof(used));
    for (size_t i = 0; i < norder; i++) {
        size_t j = 0;
        while (j < tie->count &&
               (used[j] || !order[i] || strcmp(ranked[tie->first + j].pseudonym, order[i])))
            j++;
        if (j == tie->count)
            return -1;
        used[j] = 1;
        tmp[i] = ranked[tie->first + j];
    }
    memcpy(&ranked[tie->first], tmp, sizeof(tmp));
    return 0;
}

void market_verdicts(const market_candidate *ranked, size_t n, int quota, int pass_mark,
                     market_verdict *verdict, int *position)
{
    int taken = 0, reserve = 0;
    for (size_t i = 0; i < n; i++) {
        position[i] = 0;
        if (!market_passes(&ranked[i], pass_mark)) {
            verdict[i] = MARKET_DECLINED;
        } else if (taken < quota) {
            verdict[i] = MARKET_ACCEPTED;
            taken++;
        } else {
            verdict[i] = MARKET_RESERVE;
            position[i] = ++reserve;
        }
    }
}
