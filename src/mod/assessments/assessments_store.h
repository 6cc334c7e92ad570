/*
 * assessments_store: the store interface of the assessments module (store_assessments.c,
 * sql/0054_assessments.sql): standards with their items and grades, assessments with their
 * items and assessors' scores, calls and their applications. Conventions as in core/store.h;
 * the store checks only what the tables' constraints say, the rules (assessments.c) the rest.
 */
#ifndef WY_ASSESSMENTS_STORE_H
#define WY_ASSESSMENTS_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct standard_row {
    int64_t id;
    const char *name, *version, *division;
    double total;
    int64_t created_by, created_at;
} standard_row;

typedef struct standard_item_row {
    int64_t id, standard_id;
    int seq;
    const char *section, *number, *title, *evidence, *source;
    double max_points, full_at;
} standard_item_row;

typedef struct standard_grade_row {
    const char *grade;
    double min_total;
} standard_grade_row;

/* An assessment is of a venue or of a unit (the tasks module's units): exactly one of venue_id
 * and unit_id is set, the other 0; venue_name is the name of either. */
typedef struct assessment_row {
    int64_t id, standard_id, venue_id, unit_id;
    const char *division;
    int year;
    const char *status, *grade;      /* grade NULL until published */
    double self_total, review_total; /* review_total NAN until published */
    int64_t created_by, submitted_by, submitted_at, published_by, published_at;
    int64_t created_at, updated_at;
    const char *venue_name, *standard_name, *standard_version;
    const char *venue_category; /* "" for a unit */
    double standard_total;      /* the sum of the standard's items' points */
} assessment_row;

/* An item of an assessment, with the standard's item it answers. self_score and drawn are NAN
 * when not given. */
typedef struct assessment_item_row {
    int64_t id, item_id;
    double self_score, drawn;
    const char *note;
} assessment_item_row;

typedef struct assessment_score_row {
    int64_t item_id, assessor_id;
    double score;
    const char *comment, *assessor_name;
    int64_t scored_at;
} assessment_score_row;

int store_standard_find(db *c, arena *a, const char *name, const char *version, standard_row *out);
int store_standard_get(db *c, arena *a, int64_t id, standard_row *out);
int store_standard_create(db *c, const standard_row *s, int64_t now, int64_t *id);
int store_standard_item_add(db *c, const standard_item_row *it);
int store_standard_grade_add(db *c, int64_t standard_id, const char *grade, double min_total);
/* Newest first, id < before (0: from the newest). */
int store_standard_list(db *c, arena *a, int64_t before, int limit, standard_row **out, size_t *n);
int store_standard_items(db *c, arena *a, int64_t standard_id, standard_item_row **out, size_t *n);
/* Highest grade first (the least total descending). */
int store_standard_grades(db *c, arena *a, int64_t standard_id, standard_grade_row **out,
                          size_t *n);

/* A unit's division and name (WY_NOTFOUND: no such unit). */
int store_assessment_unit(db *c, arena *a, int64_t unit_id, const char **division,
                          const char **name);
/* WY_CONSTRAINT when the venue (or unit) has one against the standard for the year. */
int store_assessment_create(db *c, const assessment_row *r, int64_t now, int64_t *id);
int store_assessment_get(db *c, arena *a, int64_t id, assessment_row *out);
/* Of the subtree prefix, of a year (0: any), the published ones only or all, newest first,
 * id < before. */
int store_assessment_list(db *c, arena *a, const char *prefix, int year, int published_only,
                          int64_t before, int limit, assessment_row **out, size_t *n);
/* Write the self-assessment of an item (insert or replace). */
int store_assessment_item_set(db *c, int64_t assessment_id, int64_t item_id, double self_score,
                              const char *note, double drawn, int64_t now);
int store_assessment_items(db *c, arena *a, int64_t assessment_id, assessment_item_row **out,
                           size_t *n);
/* The assessment an answer (assessment_items.id) belongs to, in *assessment_id (0: none). */
int store_assessment_of_answer(db *c, int64_t answer_id, int64_t *assessment_id);
/* Move the assessment from status from to status to (WY_CONSTRAINT when it is not in from),
 * with the columns of the step: submit (by, total), reviewed, publish (by, total, grade). */
int store_assessment_submit(db *c, int64_t id, int64_t by, double self_total, int64_t now);
int store_assessment_mark_reviewed(db *c, int64_t id, int64_t now);
int store_assessment_publish(db *c, int64_t id, int64_t by, double total, const char *grade,
                             int64_t now);
int store_assessment_score_set(db *c, int64_t assessment_id, int64_t item_id, int64_t assessor,
                               double score, const char *comment, int64_t now);
int store_assessment_scores(db *c, arena *a, int64_t assessment_id, assessment_score_row **out,
                            size_t *n);

/* A role granted to an active account, for those the assessments tell of their steps. */
typedef struct assessment_grant {
    int64_t user_id;
    const char *role, *division;
} assessment_grant;

/* The grants of active accounts on a division above, at or below division (the same line of
 * the tree), by account: the rules pick the assessors and the venue's staff among them. */
int store_assessment_line_grants(db *c, arena *a, const char *division, assessment_grant **out,
                                 size_t *n);

#endif
