/*
 * rating_store: the rows of the core's ratings (rating.h) and the store functions over the
 * ratings table (store_ratings.c).
 *
 * The store keeps what only the database can keep: one rating per person and subject (a
 * unique index; a second one replaces the first) and a decision happens once (guarded by
 * status = 'pending'). Who may rate, who moderates and what is shown are the rules of
 * rating.c and of the module whose subject it is.
 */
#ifndef WY_RATING_STORE_H
#define WY_RATING_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

typedef struct rating {
    int64_t id;
    const char *kind;     /* the subject's kind: "activity", "course", "teacher" */
    int64_t subject_id;   /* the record of that kind */
    const char *division; /* the subject's when it was rated (again) */
    int64_t user_id;
    int score;
    const char *comment, *status, *reason;                  /* reason: NULL when none */
    int64_t created_at, updated_at, decided_by, decided_at; /* 0: not decided */
    const char *user_name;                                  /* joined */
    const char *subject_title; /* set by the rules (rating.c) from the subject's module */
} rating;

typedef struct rating_filter {
    const char *status; /* or NULL */
    const char *prefix; /* the division subtree, or NULL */
    const char *kind;   /* or NULL: any */
    int64_t subject_id; /* with kind; 0: any */
    int64_t before;     /* cursor: ids before this (0: none) */
    int limit;
} rating_filter;

/* A person's rating of a subject: a new row, or the old one replaced and pending again
 * (*replaced), with the subject's division as it is now. */
int store_rating_put(db *c, const char *kind, int64_t subject_id, const char *division,
                     int64_t user_id, int score, const char *comment, int64_t now, int64_t *id,
                     int *replaced);
int store_rating_get(db *c, arena *ar, int64_t id, rating *out);
/* Decide a pending rating; WY_NOTFOUND when it is not pending. */
int store_rating_decide(db *c, int64_t id, const char *status, const char *reason, int64_t by,
                        int64_t now);
/* Newest first. */
int store_rating_list(db *c, arena *ar, const rating_filter *f, rating **out, size_t *n);
/* The approved ratings' sum of scores and count of a subject. */
int store_rating_sum(db *c, const char *kind, int64_t subject_id, int64_t *sum, int64_t *count);
/* The approved ratings' sums and counts of n subjects of a kind in one grouped query. */
int store_rating_sums(db *c, const char *kind, const int64_t *ids, size_t n, int64_t *sums,
                      int64_t *counts);

#endif
