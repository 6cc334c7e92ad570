/*
 * market_rules: the rules of a culture market that need no database, each named, so that a
 * test reads them one by one: the categories, the rubric and a score on it, the ranking of a
 * category by the panel's mean score, the tie at a category's quota line (what the verifiable
 * lottery is handed), the verdicts (正取 accepted, 备取 reserve in order, declined), and the
 * assignment of stalls on the plan under the organiser's rules (market_assign.c).
 */
#ifndef WY_MARKET_RULES_H
#define WY_MARKET_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* ---- categories ---- */
#define MARKET_NCATEGORIES 5
/* cultural_creative, intangible_heritage, books, food, local_produce (as stored) */
extern const char *const market_category_codes[MARKET_NCATEGORIES];
/* Their English names (msgids). */
extern const char *const market_category_names[MARKET_NCATEGORIES];
#define MARKET_FOOD 3
/* The index of a category code; -1 when it is none. */
int market_category_index(const char *code);

/* ---- the rubric ---- */
#define MARKET_RUBRIC_MAX 10
typedef struct market_criterion {
    const char *key;  /* "quality": [a-z_]{1,32} */
    const char *name; /* shown to the panel */
    int max;          /* points: 1 to 100 */
} market_criterion;

/* The rubric of a market when the organiser gives none. */
extern const char market_default_rubric[];
/* Parse a rubric (JSON text) into at most MARKET_RUBRIC_MAX criteria (strings in a); -1 when
 * it is not an array of 1 to MARKET_RUBRIC_MAX criteria with distinct keys, names of 1 to 50
 * characters and maxima of 1 to 100. */
int market_rubric_parse(arena *a, const char *json, market_criterion *out, size_t *n);
/* The most a reviewer can give on the rubric (the sum of the maxima). */
int market_rubric_max(const market_criterion *c, size_t n);
/* A score on the rubric: points (a JSON object's text) give every criterion a whole number
 * from 0 to its maximum and name nothing else. The total in *total; -1 with the key at fault
 * in *bad (NULL when the object itself is wrong). */
int market_score_check(const market_criterion *c, size_t n, const char *points, int64_t *total,
                       const char **bad);

/* ---- who may score ---- */
/* A reviewer never scores an application of their own account, nor one whose contact number
 * is their own (someone applying on their behalf). 1 when reviewer (id, phone) is excluded
 * from an application by applicant (id) with contact_phone. */
int market_reviewer_excluded(int64_t reviewer_id, const char *reviewer_phone, int64_t applicant_id,
                             const char *contact_phone);

/* ---- ranking and the lists ---- */
typedef struct market_candidate {
    int64_t id;
    const char *pseudonym; /* what the lottery sees of it */
    int64_t score_sum;     /* the sum of its reviewers' totals */
    int nscores;           /* how many reviewers scored it */
    int64_t submitted_at;  /* orders ties below the line (see market_rank) */
} market_candidate;

/* Compare mean scores sum_a / n_a and sum_b / n_b exactly (no division): < 0 when a's is
 * higher (a ranks first), 0 when equal, > 0 when lower. A candidate without scores ranks
 * last. */
int market_mean_cmp(int64_t sum_a, int n_a, int64_t sum_b, int n_b);
/* Does the candidate reach the pass mark (a mean of at least pass_mark)? */
int market_passes(const market_candidate *c, int pass_mark);
/* Rank a category's candidates in place: by mean score, highest first; equal means by the
 * time of submission, earlier first, then by id. The order inside a tie that straddles the
 * quota line is not this one's to decide: market_cutoff_tie finds it and the lottery's
 * order replaces it (market_tie_apply). */
void market_rank(market_candidate *c, size_t n);

/* The tie at a category's quota line: candidates of equal mean, all passing, some of them
 * within the quota and some beyond it. */
typedef struct market_tie {
    size_t first;    /* the tied group is ranked[first .. first + count) */
    size_t count;    /* at least 2 */
    int places_left; /* places of the quota left for the group: quota - first, 1..count-1 */
} market_tie;

/* Find the tie at the quota line of ranked[0..n) (ranked by market_rank): 1 with *tie filled
 * when there is one, 0 when the line falls between different means (or there are no more
 * passing candidates than places). */
int market_cutoff_tie(const market_candidate *ranked, size_t n, int quota, int pass_mark,
                      market_tie *tie);
/* Put the tied group in the order a draw gave (order: its pseudonyms, each once, best
 * first); -1 when order is not exactly the group's pseudonyms. */
int market_tie_apply(market_candidate *ranked, const market_tie *tie, const char *const *order,
                     size_t norder);

typedef enum market_verdict {
    MARKET_ACCEPTED = 1, /* 正取 */
    MARKET_RESERVE,      /* 备取, in order */
    MARKET_DECLINED,     /* below the pass mark */
} market_verdict;

/* The verdicts of ranked[0..n) (ranked, any tie resolved): the first quota passing ones
 * accepted, the other passing ones reserve (position 1, 2, ... in *position), the rest
 * declined (position 0). */
void market_verdicts(const market_candidate *ranked, size_t n, int quota, int pass_mark,
                     market_verdict *verdict, int *position);

/* ---- stall assignment ---- */
typedef struct market_slot {
    int64_t id;
    const char *number;
    const char *row; /* stalls of one row stand side by side in position order */
    int position;
    int power, water, near_entrance;
} market_slot;

typedef struct market_holder {
    int64_t id;
    const char *name;
    int category; /* market_category_index */
    int needs_power, needs_water, needs_access;
} market_holder;

typedef struct market_assign_rules {
    int apart;  /* no two stalls of one category side by side */
    int food;   /* food only at a stall with water and power */
    int access; /* who needs it at a stall near the entrance */
} market_assign_rules;

/* What an assignment cannot keep, and for whom. */
typedef struct market_problem {
    const char *rule; /* "no_stall", "food_water_power", "power", "water", "near_entrance",
                         "same_category_adjacent" */
    size_t holder;    /* index into the holders */
    long stall;       /* index into the stalls; -1: none */
    long with;        /* same_category_adjacent: the neighbour's holder index; else -1 */
} market_problem;

/* Does putting holder h at stall s break a rule by itself (not counting neighbours)? The
 * first rule it breaks, or NULL. The applicant's own needs (power, water) are rules too. */
const char *market_stall_refuses(const market_slot *s, const market_holder *h,
                                 const market_assign_rules *r);
/* Are stalls a and b side by side on the plan (one row, positions one apart)? */
int market_stalls_adjacent(const market_slot *a, const market_slot *b);
/* Every rule assignment at[0..nh) (a stall index per holder, -1: none) breaks, in *out (in
 * a); *n how many. Each pair of neighbours of one category is one problem, named on the
 * holder ranked later (the higher index). */
int market_assign_check(arena *a, const market_slot *s, size_t ns, const market_holder *h,
                        size_t nh, const market_assign_rules *r, const long *at,
                        market_problem **out, size_t *n);
/* Propose an assignment of holders h[0..nh) (in their order of priority: the organiser
 * ranks them) to stalls s[0..ns): at[i] the stall index of holder i, -1 for none. First a
 * search for one that keeps every rule (bounded: MARKET_ASSIGN_NODES steps); when there is
 * none (or the search gives up), the assignment that breaks the fewest rules it finds
 * greedily, and *out names each rule broken and for whom. 0, or -1 out of memory. */
#define MARKET_ASSIGN_NODES 200000
int market_assign(arena *a, const market_slot *s, size_t ns, const market_holder *h, size_t nh,
                  const market_assign_rules *r, long *at, market_problem **out, size_t *n);

#endif
