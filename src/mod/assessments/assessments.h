/*
 * assessments: the rules of assessments against standards (等级评估, docs/assessments.md).
 *
 * A standard is a versioned list of items with their points, the evidence each needs and,
 * optionally, a source of wenyun's own records that measures it (core/assess_source.h), and
 * the least total of each grade. It is written once, by those who hold assessments_manage,
 * from a table (standardimport.h) or a JSON body; a new version is a new standard, so an
 * assessment keeps the items and thresholds it was made against.
 *
 * An assessment of a venue against a standard for a year goes draft -> submitted -> reviewed
 * -> published. The venue's staff (venue_manage over its division) score each item themselves,
 * with a note and evidence: files (core attachments) or the figure drawn from the item's
 * source, which is drawn again when the assessment is submitted and kept with it. Assessors
 * (assessments_assess granted on a division strictly above the venue's, so not the venue's own
 * staff, and never the one who submitted) each score every item with a comment. Publishing
 * (assessments_manage above the venue's division, never the submitter) takes the mean of the
 * assessors' scores of each item, sums them, finds the highest grade whose least total the sum
 * reaches and writes it with the year on the venue's record (venue_set_grade_tx).
 */
#ifndef WY_ASSESSMENTS_H
#define WY_ASSESSMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/attachment.h"
#include "core/domain.h"
#include "mod/assessments/assessments_store.h"
#include "mod/assessments/calls_store.h"
#include "mod/assessments/standardimport.h"

#define ASSESSMENT_EVIDENCE_OWNER "assessment_item"
#define ASSESSMENT_EVIDENCE_MAX   (10 << 20)

/* ---- standards ---- */

typedef struct standard_input {
    const char *name, *version, *division; /* division NULL: the caller's scope */
    const stdimport_item *items;
    size_t nitems;
    const stdimport_grade *grades;
    size_t ngrades;
} standard_input;

/* Write a standard (assessments_manage over its division). Refusals: bad_name, bad_version,
 * bad_division, unknown_division, no_items, no_grades, bad_item (field items), bad_grade
 * (a grade's least total above the standard's total, or the grades out of order),
 * standard_exists (409). */
int assessments_standard_create(wy_ctx *ctx, const standard_input *in, int64_t *id);

typedef struct standard_import_result {
    stdimport im;
    const char *detail;  /* why the file could not be read (English), or NULL */
    int64_t standard_id; /* 0 on a dry run */
} standard_import_result;

/* Read a table and, unless dry_run or a row is refused, write it as in create. Refusals as
 * create, and bad_file (res->detail), bad_rows (res->im says which). */
int assessments_standard_import(wy_ctx *ctx, const char *name, const char *version,
                                const char *division, const char *data, size_t len, int dry_run,
                                standard_import_result *res);

int assessments_standard_list(wy_ctx *ctx, int64_t before, int limit, standard_row **out,
                              size_t *n);
int assessments_standard_get(wy_ctx *ctx, int64_t id, standard_row *out, standard_item_row **items,
                             size_t *nitems, standard_grade_row **grades, size_t *ngrades);

/* ---- assessments ---- */

/* An assessment with everything the caller may see of it. */
typedef struct assessment_view {
    assessment_row a;
    standard_item_row *items; /* the standard's items */
    size_t nitems;
    standard_grade_row *grades;
    size_t ngrades;
    assessment_item_row *answers; /* the self-assessment, by item */
    size_t nanswers;
    assessment_score_row *scores; /* assessors' scores (staff only) */
    size_t nscores;
    attachment *evidence; /* files of every item (owner_id: the answer's id) */
    size_t nevidence;
    int may_edit, may_assess, may_publish;
} assessment_view;

/* Start the assessment of venue_id against standard_id for year (venue_manage over the
 * venue's division): the figures of sourced items are drawn at once. Refusals:
 * unknown_standard, unknown_venue, bad_year, assessment_exists (409). */
int assessment_create(wy_ctx *ctx, int64_t standard_id, int64_t venue_id, int year, int64_t *id);
/* The assessment of a venue or of a unit (the tasks module's units): exactly one of venue_id
 * and unit_id is not 0 (bad_subject otherwise). A unit's assessment has the unit's division,
 * whose staff (venue_manage over it) start and self-assess it as a venue's; its sourced items
 * draw nothing (a unit has no venue's records) and are scored by hand; its grade stays on the
 * assessment. Refusals as above, and unknown_unit. */
int assessment_create_of(wy_ctx *ctx, int64_t standard_id, int64_t venue_id, int64_t unit_id,
                         int year, int64_t *id);

typedef struct assessment_answer {
    int64_t item_id;
    double score; /* NAN: not given (a sourced item then takes the figure's share) */
    const char *note;
} assessment_answer;

/* The self-assessment of some items (draft; venue_manage). bad_item, bad_score, bad_note,
 * not_draft (409). */
int assessment_self(wy_ctx *ctx, int64_t id, const assessment_answer *ans, size_t n);
/* A file as evidence of an item (draft; venue_manage): checked as core attachments are. */
int assessment_evidence_add(wy_ctx *ctx, int64_t id, int64_t item_id, const attachment_file *f,
                            attachment *out);
/* An evidence file and its bytes (in ctx->a), for those who may see its assessment
 * (assessment_get): not_found otherwise, as for a file that is no assessment's evidence. */
int assessment_evidence_get(wy_ctx *ctx, int64_t attachment_id, attachment *out, const char **data,
                            size_t *len);
/* Submit (draft; venue_manage): figures drawn again, every item scored (unscored_items 422). */
int assessment_submit(wy_ctx *ctx, int64_t id, const char **status);

typedef struct assessment_mark {
    int64_t item_id;
    double score;
    const char *comment;
} assessment_mark;

/* An assessor's scores of every item (submitted or reviewed). Refusals: forbidden (not an
 * assessor above the venue's level, or the venue's own staff), own_submission (the one who
 * submitted, 403), not_submitted (409), bad_item, bad_score, bad_comment, missing_items. */
int assessment_review(wy_ctx *ctx, int64_t id, const assessment_mark *m, size_t n);
/* Publish (reviewed): the grade follows, and is written to the venue. own_submission,
 * not_reviewed (409). */
int assessment_publish(wy_ctx *ctx, int64_t id, assessment_view *out);

/* Anyone sees a published assessment; before that, the venue's staff, the assessors and the
 * managers above it. */
int assessment_get(wy_ctx *ctx, int64_t id, assessment_view *out);
/* Assessments of a subtree and year (0: any) the caller may see, newest first. */
int assessment_list(wy_ctx *ctx, const char *division, int year, int64_t before, int limit,
                    assessment_row **out, size_t *n, int64_t *next);

/* ---- star ratings of village culture halls (村（社区）综合文化服务中心, 慈礼堂) ---- */

/* The venue category whose published assessments carry stars. */
#define ASSESSMENT_STARS_CATEGORY "village_centre"

/* The published band table: the least share of the standard's total (percent) for each
 * number of stars, five first. Below the last band: no star. */
typedef struct assessment_star_band {
    int stars;
    double min_percent;
} assessment_star_band;
extern const assessment_star_band assessment_star_bands[];
extern const size_t assessment_nstar_bands;

/* The stars of a published assessment of a village culture hall by the band its assessed
 * total reaches (0: below every band); -1 when it carries none (not published, a unit, or a
 * venue of another category). */
int assessment_stars(const assessment_row *a);

/* Published assessments of a subtree and year (0: any), newest first, id < before (0: from
 * the newest), at most limit; *next: the cursor of the next page (0: none). Public. */
int assessment_list_published(wy_ctx *ctx, const char *division, int year, int64_t before,
                              int limit, assessment_row **out, size_t *n, int64_t *next);

/* The figure-earning share of an item's points for a drawn figure (rounded to 0.1). */
double assessment_points_for(const standard_item_row *it, double drawn);

/* The venue sources (venue.area_m2, venue.weekly_hours), registered by the module's init. */
int assessment_venue_sources_register(void);

/* ---- notifications (assessments_notify.c), sent inside the caller's transaction ---- */

extern const notify_kind assessments_kind_submitted, assessments_kind_scored,
    assessments_kind_published, assessments_kind_awarded, assessments_kind_not_awarded,
    assessments_kind_call_deadline;
/* The assessors of a submitted assessment: assessments_assess above its division, not the
 * venue's staff, not the one who submitted. */
int assessments_tell_assessors(wy_ctx *ctx, const assessment_row *a);
/* The one who submitted and the one who started it: k, with the grade (NULL: none). */
int assessments_tell_submitter(wy_ctx *ctx, const assessment_row *a, const notify_kind *k,
                               const char *grade);
/* Whoever made the application: awarded (won) or not. */
int assessments_tell_applicant(wy_ctx *ctx, const call_row *k, const call_app_row *p, int won);

#endif
