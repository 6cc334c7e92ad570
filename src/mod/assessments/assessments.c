/* assessments: see assessments.h. */
#include "mod/assessments/assessments.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/assess_source.h"

#define N_(s) s /* a msgid, translated where it is shown */
#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "mod/venues/venue.h"
#include "util/csvread.h"

static double tenth(double v)
{
    return round(v * 10) / 10;
}

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    return utf8_valid(s, n) && utf8_length(s) >= min && utf8_length(s) <= max;
}

/* Does ctx->who hold p through a grant on a division strictly above (containing, shorter
 * than) div? */
static int holds_above(const wy_ctx *ctx, perm p, const char *div)
{
    if (!ctx->who)
        return 0;
    for (size_t i = 0; i < ctx->who->ngrants; i++) {
        const role_grant *g = &ctx->who->grants[i];
        if (authz_role_carries(role_parse(g->role), p) && division_contains(g->division, div) &&
            strlen(g->division) < strlen(div))
            return 1;
    }
    return 0;
}

/* Is ctx->who on the venue's own staff: venue_manage granted on its division or below? */
static int own_staff(const wy_ctx *ctx, const char *div)
{
    if (!ctx->who)
        return 0;
    for (size_t i = 0; i < ctx->who->ngrants; i++) {
        const role_grant *g = &ctx->who->grants[i];
        if (authz_role_carries(role_parse(g->role), PERM_VENUE_MANAGE) &&
            division_contains(div, g->division))
            return 1;
    }
    return 0;
}

static int64_t me(const wy_ctx *ctx)
{
    return ctx->who ? ctx->who->user_id : 0;
}

/* ---- standards ---- */

static int grade_rank(const char *g)
{
    return !strcmp(g, "special") ? 0 : g[0] - '0';
}

static int check_standard(wy_ctx *ctx, const standard_input *in, char div[DIVISION_CODE_MAX])
{
    if (!text_ok(in->name, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_name",
                             "A standard's name has 1 to 100 characters.", "name");
    if (!text_ok(in->version, 1, 40))
        return wy_fail_field(ctx, E_INVALID, "bad_version",
                             "A standard's version has 1 to 40 characters.", "version");
    const char *d = in->division && *in->division ? in->division
                                                  : authz_scope(ctx->who, PERM_ASSESSMENTS_MANAGE);
    if (!d && !ctx->who)
        d = "";
    if (!d || (*d && division_normalize(d, div) < 0))
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!*d)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    division dv;
    int rc = store_division_get(ctx->c, ctx->a, div, &dv);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "division");
    if (ctx->who && authz_require(ctx, PERM_ASSESSMENTS_MANAGE, div) < 0)
        return -1;
    if (in->nitems == 0)
        return wy_fail_field(ctx, E_INVALID, "no_items", "A standard has at least one item.",
                             "items");
    if (in->nitems > STDIMPORT_MAX_ITEMS)
        return wy_fail_field(ctx, E_INVALID, "bad_item", "A standard has at most 500 items.",
                             "items");
    double total = 0;
    for (size_t i = 0; i < in->nitems; i++) {
        const stdimport_item *it = &in->items[i];
        if (!text_ok(it->title, 1, STDIMPORT_MAX_TEXT) ||
            !text_ok(it->section, 0, STDIMPORT_MAX_TEXT) || !text_ok(it->number, 0, 40) ||
            !text_ok(it->evidence, 0, STDIMPORT_MAX_TEXT) || !isfinite(it->max_points) ||
            it->max_points < 0.1 || it->max_points > 1000 ||
            fabs(it->max_points * 10 - round(it->max_points * 10)) > 1e-6 ||
            (it->source && *it->source &&
             (!assess_source_find(it->source) || !(it->full_at > 0) || it->full_at > 1e9)))
            return wy_fail_field(ctx, E_INVALID, "bad_item",
                                 "An item has a title, 0.1 to 1000 points with at most one "
                                 "decimal, and, when drawn from a source, a known source and "
                                 "the positive figure that earns the full points.",
                                 "items");
        total += it->max_points;
    }
    if (in->ngrades == 0)
        return wy_fail_field(ctx, E_INVALID, "no_grades",
                             "A standard gives the least total of at least one grade.", "grades");
    for (size_t i = 0; i < in->ngrades; i++) {
        const stdimport_grade *g = &in->grades[i];
        if (!g->grade || (strcmp(g->grade, "special") && strcmp(g->grade, "1") &&
                          strcmp(g->grade, "2") && strcmp(g->grade, "3")))
            return wy_fail_field(ctx, E_INVALID, "bad_grade", "A grade is special, 1, 2 or 3.",
                                 "grades");
        if (!isfinite(g->min_total) || g->min_total < 0 || g->min_total > total + 1e-9)
            return wy_fail_field(ctx, E_INVALID, "bad_grade",
                                 "A grade's least total is from 0 to the standard's total.",
                                 "grades");
        for (size_t k = 0; k < in->ngrades; k++) {
            const stdimport_grade *h = &in->grades[k];
            if (k != i && !strcmp(g->grade, h->grade))
                return wy_fail_field(ctx, E_INVALID, "bad_grade", "This grade is given twice.",
                                     "grades");
            /* a higher grade needs a higher total */
            if (grade_rank(g->grade) < grade_rank(h->grade) && g->min_total <= h->min_total)
                return wy_fail_field(ctx, E_INVALID, "bad_grade",
                                     "A higher grade needs a higher least total.", "grades");
        }
    }
    standard_row old;
    rc = store_standard_find(ctx->c, ctx->a, in->name, in->version, &old);
    if (rc == WY_OK)
        return wy_fail_field(ctx, E_CONFLICT, "standard_exists",
                             "This version of the standard exists: give the new one a new "
                             "version.",
                             "version");
    if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "standard");
    return 0;
}

static int write_standard(wy_ctx *ctx, const standard_input *in, const char *div, int64_t *id)
{
    double total = 0;
    for (size_t i = 0; i < in->nitems; i++)
        total += in->items[i].max_points;
    standard_row s = {.name = in->name,
                      .version = in->version,
                      .division = div,
                      .total = tenth(total),
                      .created_by = me(ctx)};
    int rc = store_standard_create(ctx->c, &s, ctx->now, id);
    for (size_t i = 0; rc == WY_OK && i < in->nitems; i++) {
        const stdimport_item *it = &in->items[i];
        standard_item_row r = {.standard_id = *id,
                               .seq = (int)i + 1,
                               .section = it->section ? it->section : "",
                               .number = it->number ? it->number : "",
                               .title = it->title,
                               .evidence = it->evidence ? it->evidence : "",
                               .source = it->source ? it->source : "",
                               .max_points = it->max_points,
                               .full_at = it->source && *it->source ? it->full_at : 0};
        rc = store_standard_item_add(ctx->c, &r);
    }
    for (size_t i = 0; rc == WY_OK && i < in->ngrades; i++)
        rc = store_standard_grade_add(ctx->c, *id, in->grades[i].grade, in->grades[i].min_total);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "standard");
    char detail[160];
    snprintf(detail, sizeof(detail), "%zu items, %zu grades, total %.1f", in->nitems, in->ngrades,
             total);
    return audit_add(ctx, "standard.create", "standard", *id, div, NULL, in->version, detail);
}

int assessments_standard_create(wy_ctx *ctx, const standard_input *in, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    *id = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = check_standard(ctx, in, div);
    if (res == 0)
        res = write_standard(ctx, in, div, id);
    return tx_end(ctx, res);
}

static int source_exists(const char *name)
{
    return assess_source_find(name) != NULL;
}

int assessments_standard_import(wy_ctx *ctx, const char *name, const char *version,
                                const char *division, const char *data, size_t len, int dry_run,
                                standard_import_result *res)
{
    memset(res, 0, sizeof(*res));
    char err[256];
    standard_input in = {.name = name, .version = version, .division = division};
    /* who and where first: a file is read only for those who may write it */
    if (!text_ok(name, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_name",
                             "A standard's name has 1 to 100 characters.", "name");
    if (!text_ok(version, 1, 40))
        return wy_fail_field(ctx, E_INVALID, "bad_version",
                             "A standard's version has 1 to 40 characters.", "version");
    if (ctx->who &&
        authz_require(ctx, PERM_ASSESSMENTS_MANAGE, division && *division ? division : NULL) < 0)
        return -1;
    if (!data || !len ||
        stdimport_buffer(ctx->a, data, len, source_exists, &res->im, err, sizeof(err)) < 0) {
        if (arena_failed(ctx->a))
            return check_mem(ctx);
        res->detail = arena_strdup(ctx->a, len ? err : "the file is empty");
        return wy_fail_field(ctx, E_INVALID, "bad_file",
                             "The file cannot be read as a standard (CSV in UTF-8 or an Excel "
                             "workbook with a header row).",
                             "file");
    }
    if (res->im.nrefused)
        return wy_fail(ctx, E_INVALID, "bad_rows",
                       "Some rows cannot be read: nothing was imported. The report says which.");
    in.items = res->im.items;
    in.nitems = res->im.nitems;
    in.grades = res->im.grades;
    in.ngrades = res->im.ngrades;
    char div[DIVISION_CODE_MAX];
    if (dry_run)
        return check_standard(ctx, &in, div);
    if (tx_begin(ctx) < 0)
        return -1;
    int r = check_standard(ctx, &in, div);
    if (r == 0)
        r = write_standard(ctx, &in, div, &res->standard_id);
    return tx_end(ctx, r);
}

int assessments_standard_list(wy_ctx *ctx, int64_t before, int limit, standard_row **out, size_t *n)
{
    int rc = store_standard_list(ctx->c, ctx->a, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "standards");
}

int assessments_standard_get(wy_ctx *ctx, int64_t id, standard_row *out, standard_item_row **items,
                             size_t *nitems, standard_grade_row **grades, size_t *ngrades)
{
    int rc = store_standard_get(ctx->c, ctx->a, id, out);
    if (rc == WY_OK)
        rc = store_standard_items(ctx->c, ctx->a, id, items, nitems);
    if (rc == WY_OK)
        rc = store_standard_grades(ctx->c, ctx->a, id, grades, ngrades);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "standard");
}

/* ---- the figures of sourced items ---- */

double assessment_points_for(const standard_item_row *it, double drawn)
{
    if (!(it->full_at > 0) || !isfinite(drawn) || drawn <= 0)
        return 0;
    double share = drawn >= it->full_at ? 1 : drawn / it->full_at;
    return floor(share * it->max_points * 10 + 1e-9) / 10;
}

const assessment_star_band assessment_star_bands[] = {
    {5, 90}, {4, 80}, {3, 70}, {2, 60}, {1, 50},
};
const size_t assessment_nstar_bands =
    sizeof(assessment_star_bands) / sizeof(assessment_star_bands[0]);

int assessment_stars(const assessment_row *a)
{
    if (strcmp(a->status, "published") || !a->venue_id || !a->venue_category ||
        strcmp(a->venue_category, ASSESSMENT_STARS_CATEGORY) || !isfinite(a->review_total) ||
        !(a->standard_total > 0))
        return -1;
    double percent = a->review_total / a->standard_total * 100;
    for (size_t i = 0; i < assessment_nstar_bands; i++)
        if (percent + 1e-9 >= assessment_star_bands[i].min_percent)
            return assessment_star_bands[i].stars;
    return 0;
}

static int draw(wy_ctx *ctx, const standard_item_row *it, int64_t venue_id, int year, double *out)
{
    *out = NAN;
    if (!it->source || !*it->source)
        return 0;
    const assess_source *s = assess_source_find(it->source);
    if (!s)
        return 0; /* a source no longer registered: the item needs its evidence by hand */
    return s->value(ctx, venue_id, year, out);
}

static int venue_area(wy_ctx *ctx, int64_t venue_id, int year, double *out)
{
    (void)year;
    venue v;
    if (venue_brief(ctx, venue_id, &v) < 0)
        return -1;
    *out = isnan(v.area_m2) ? 0 : v.area_m2;
    return 0;
}

static int weekly_hours(wy_ctx *ctx, int64_t venue_id, int year, double *out)
{
    (void)year;
    venue_view vv;
    if (venue_get(ctx, venue_id, &vv) < 0)
        return -1;
    *out = tenth(vv.weekly_minutes / 60.0);
    return 0;
}

static const assess_source venue_sources[] = {
    {"venue.area_m2", "m²", N_("The venue's floor area on its record"), venue_area},
    {"venue.weekly_hours", "hours", N_("The venue's opening hours a week, as its record has them"),
     weekly_hours},
};

int assessment_venue_sources_register(void)
{
    for (size_t i = 0; i < sizeof(venue_sources) / sizeof(venue_sources[0]); i++)
        if (assess_source_register(&venue_sources[i]) < 0)
            return -1;
    return 0;
}

/* ---- assessments ---- */

static int load(wy_ctx *ctx, int64_t id, assessment_view *v)
{
    memset(v, 0, sizeof(*v));
    int rc = store_assessment_get(ctx->c, ctx->a, id, &v->a);
    if (rc == WY_OK)
        rc = store_standard_items(ctx->c, ctx->a, v->a.standard_id, &v->items, &v->nitems);
    if (rc == WY_OK)
        rc = store_standard_grades(ctx->c, ctx->a, v->a.standard_id, &v->grades, &v->ngrades);
    if (rc == WY_OK)
        rc = store_assessment_items(ctx->c, ctx->a, id, &v->answers, &v->nanswers);
    if (rc == WY_OK)
        rc = store_assessment_scores(ctx->c, ctx->a, id, &v->scores, &v->nscores);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "assessment");
    const char *div = v->a.division;
    v->may_edit = !strcmp(v->a.status, "draft") && authz_allows(ctx->who, PERM_VENUE_MANAGE, div);
    v->may_assess = (!strcmp(v->a.status, "submitted") || !strcmp(v->a.status, "reviewed")) &&
                    holds_above(ctx, PERM_ASSESSMENTS_ASSESS, div) && !own_staff(ctx, div) &&
                    me(ctx) != v->a.submitted_by;
    v->may_publish = !strcmp(v->a.status, "reviewed") &&
                     holds_above(ctx, PERM_ASSESSMENTS_MANAGE, div) && me(ctx) != v->a.submitted_by;
    return 0;
}

static const standard_item_row *item_of(const assessment_view *v, int64_t item_id)
{
    for (size_t i = 0; i < v->nitems; i++)
        if (v->items[i].id == item_id)
            return &v->items[i];
    return NULL;
}

static const assessment_item_row *answer_of(const assessment_view *v, int64_t item_id)
{
    for (size_t i = 0; i < v->nanswers; i++)
        if (v->answers[i].item_id == item_id)
            return &v->answers[i];
    return NULL;
}

static int may_see(const wy_ctx *ctx, const assessment_row *a)
{
    return !strcmp(a->status, "published") ||
           authz_allows(ctx->who, PERM_VENUE_MANAGE, a->division) ||
           holds_above(ctx, PERM_ASSESSMENTS_ASSESS, a->division) ||
           holds_above(ctx, PERM_ASSESSMENTS_MANAGE, a->division);
}

/* Draw every sourced item's figure again, keeping the self scores and notes; an unscored
 * sourced item takes the figure's share of its points. */
static int redraw(wy_ctx *ctx, assessment_view *v)
{
    for (size_t i = 0; i < v->nitems; i++) {
        const standard_item_row *it = &v->items[i];
        if (!*it->source || !v->a.venue_id) /* a unit has no venue's records to draw from */
            continue;
        double fig;
        if (draw(ctx, it, v->a.venue_id, v->a.year, &fig) < 0)
            return -1;
        const assessment_item_row *ans = answer_of(v, it->id);
        double score =
            ans && isfinite(ans->self_score) ? ans->self_score : assessment_points_for(it, fig);
        int rc = store_assessment_item_set(ctx->c, v->a.id, it->id, score, ans ? ans->note : "",
                                           fig, ctx->now);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "assessment item");
    }
    return 0;
}

int assessment_create(wy_ctx *ctx, int64_t standard_id, int64_t venue_id, int year, int64_t *id)
{
    return assessment_create_of(ctx, standard_id, venue_id, 0, year, id);
}

int assessment_create_of(wy_ctx *ctx, int64_t standard_id, int64_t venue_id, int64_t unit_id,
                         int year, int64_t *id)
{
    *id = 0;
    if ((venue_id > 0) == (unit_id > 0) || venue_id < 0 || unit_id < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_subject",
                             "An assessment is of a venue or of a unit: give exactly one of "
                             "venue_id and unit_id.",
                             venue_id ? "unit_id" : "venue_id");
    if (year < 1990 || year > 2100)
        return wy_fail_field(ctx, E_INVALID, "bad_year", "The year is from 1990 to 2100.", "year");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    standard_row s;
    const char *division = NULL, *name = NULL;
    int rc = store_standard_get(ctx->c, ctx->a, standard_id, &s);
    if (rc == WY_NOTFOUND)
        res = wy_fail_field(ctx, E_INVALID, "unknown_standard", "No such standard.", "standard_id");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "standard");
    else if (unit_id) {
        rc = store_assessment_unit(ctx->c, ctx->a, unit_id, &division, &name);
        if (rc == WY_NOTFOUND)
            res = wy_fail_field(ctx, E_INVALID, "unknown_unit", "No such unit.", "unit_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "unit");
    } else {
        venue v;
        if (venue_brief(ctx, venue_id, &v) < 0) {
            if (ctx->err.cls == E_NOTFOUND)
                res = wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
            else
                res = -1;
        } else
            division = v.division;
    }
    if (res == 0 && ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, division) < 0)
        res = -1;
    if (res == 0) {
        assessment_row r = {.standard_id = standard_id,
                            .venue_id = venue_id,
                            .unit_id = unit_id,
                            .division = division,
                            .year = year,
                            .created_by = me(ctx)};
        rc = store_assessment_create(ctx->c, &r, ctx->now, id);
        if (rc == WY_CONSTRAINT)
            res = unit_id ? wy_fail_field(ctx, E_CONFLICT, "assessment_exists",
                                          "This unit has an assessment against this standard "
                                          "for this year.",
                                          "unit_id")
                          : wy_fail_field(ctx, E_CONFLICT, "assessment_exists",
                                          "This venue has an assessment against this standard "
                                          "for this year.",
                                          "venue_id");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "assessment");
    }
    if (res == 0) {
        assessment_view av;
        res = load(ctx, *id, &av);
        if (res == 0)
            res = redraw(ctx, &av);
    }
    if (res == 0)
        res = audit_add(ctx, "assessment.create", "assessment", *id, division, NULL, "draft",
                        s.version);
    return tx_end(ctx, res);
}

/* Load the assessment for a write of the venue's staff in a draft (inside the transaction). */
static int load_draft(wy_ctx *ctx, int64_t id, assessment_view *v)
{
    if (load(ctx, id, v) < 0)
        return -1;
    if (ctx->who && authz_require(ctx, PERM_VENUE_MANAGE, v->a.division) < 0)
        return -1;
    if (strcmp(v->a.status, "draft"))
        return wy_fail(ctx, E_CONFLICT, "not_draft",
                       "The assessment has been submitted: its self-assessment is fixed.");
    return 0;
}

static int score_ok(double s, double max)
{
    return isfinite(s) && s >= 0 && s <= max + 1e-9 && fabs(s * 10 - round(s * 10)) < 1e-6;
}

int assessment_self(wy_ctx *ctx, int64_t id, const assessment_answer *ans, size_t n)
{
    if (tx_begin(ctx) < 0)
        return -1;
    assessment_view v;
    int res = load_draft(ctx, id, &v);
    for (size_t i = 0; res == 0 && i < n; i++) {
        const standard_item_row *it = item_of(&v, ans[i].item_id);
        if (!it)
            res = wy_fail_field(ctx, E_INVALID, "bad_item", "No such item in this standard.",
                                "items");
        else if (!isnan(ans[i].score) && !score_ok(ans[i].score, it->max_points))
            res = wy_fail_field(ctx, E_INVALID, "bad_score",
                                "A score is from 0 to the item's points, with at most one "
                                "decimal.",
                                "items");
        else if (!text_ok(ans[i].note, 0, 1000))
            res = wy_fail_field(ctx, E_INVALID, "bad_note", "A note has at most 1000 characters.",
                                "items");
        else {
            const assessment_item_row *old = answer_of(&v, it->id);
            int rc = store_assessment_item_set(ctx->c, id, it->id, ans[i].score,
                                               ans[i].note ? ans[i].note : "",
                                               old ? old->drawn : NAN, ctx->now);
            if (rc != WY_OK)
                res = wy_fail_store(ctx, rc, "assessment item");
        }
    }
    return tx_end(ctx, res);
}

int assessment_evidence_add(wy_ctx *ctx, int64_t id, int64_t item_id, const attachment_file *f,
                            attachment *out)
{
    if (attachment_check(ctx, f, ASSESSMENT_EVIDENCE_MAX, "file") < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    assessment_view v;
    int res = load_draft(ctx, id, &v);
    const standard_item_row *it = res == 0 ? item_of(&v, item_id) : NULL;
    if (res == 0 && !it)
        res = wy_fail_field(ctx, E_INVALID, "bad_item", "No such item in this standard.", "item");
    const assessment_item_row *ans = res == 0 ? answer_of(&v, item_id) : NULL;
    int64_t owner = ans ? ans->id : 0;
    if (res == 0 && !ans) {
        /* an answer to hang the file on, unscored until the staff score it */
        int rc = store_assessment_item_set(ctx->c, id, item_id, NAN, "", NAN, ctx->now);
        assessment_item_row *all;
        size_t na;
        if (rc == WY_OK)
            rc = store_assessment_items(ctx->c, ctx->a, id, &all, &na);
        for (size_t i = 0; rc == WY_OK && i < na; i++)
            if (all[i].item_id == item_id)
                owner = all[i].id;
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "assessment item");
    }
    if (res == 0)
        res = attachment_add_tx(ctx, ASSESSMENT_EVIDENCE_OWNER, owner, v.a.division, f, out);
    if (res == 0)
        res = audit_add(ctx, "assessment.evidence", "assessment", id, v.a.division, NULL,
                        it->number, f->name);
    return tx_end(ctx, res);
}

int assessment_evidence_get(wy_ctx *ctx, int64_t attachment_id, attachment *out, const char **data,
                            size_t *len)
{
    if (attachment_get(ctx, attachment_id, out, data, len) < 0)
        return -1;
    if (strcmp(out->owner_type, ASSESSMENT_EVIDENCE_OWNER))
        return wy_fail_store(ctx, WY_NOTFOUND, "evidence");
    int64_t aid = 0;
    int rc = store_assessment_of_answer(ctx->c, out->owner_id, &aid);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "evidence");
    if (!aid)
        return wy_fail_store(ctx, WY_NOTFOUND, "evidence");
    assessment_row a;
    rc = store_assessment_get(ctx->c, ctx->a, aid, &a);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "evidence");
    /* the file goes only to those who see the assessment it backs */
    return may_see(ctx, &a) ? 0 : wy_fail_store(ctx, WY_NOTFOUND, "evidence");
}

int assessment_submit(wy_ctx *ctx, int64_t id, const char **status)
{
    if (tx_begin(ctx) < 0)
        return -1;
    assessment_view v;
    int res = load_draft(ctx, id, &v);
    if (res == 0)
        res = redraw(ctx, &v);
    if (res == 0) {
        int rc = store_assessment_items(ctx->c, ctx->a, id, &v.answers, &v.nanswers);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "assessment items");
    }
    double total = 0;
    for (size_t i = 0; res == 0 && i < v.nitems; i++) {
        const assessment_item_row *ans = answer_of(&v, v.items[i].id);
        if (!ans || !isfinite(ans->self_score))
            res = wy_fail(ctx, E_RULE, "unscored_items",
                          "Score every item before submitting the self-assessment.");
        else
            total += ans->self_score;
    }
    if (res == 0) {
        int rc = store_assessment_submit(ctx->c, id, me(ctx), tenth(total), ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "assessment");
    }
    if (res == 0)
        res = audit_add(ctx, "assessment.submit", "assessment", id, v.a.division, "draft",
                        "submitted", NULL);
    if (res == 0) {
        v.a.submitted_by = me(ctx);
        res = assessments_tell_assessors(ctx, &v.a);
    }
    if (res == 0 && status)
        *status = "submitted";
    return tx_end(ctx, res);
}

int assessment_review(wy_ctx *ctx, int64_t id, const assessment_mark *m, size_t n)
{
    if (tx_begin(ctx) < 0)
        return -1;
    assessment_view v;
    int res = load(ctx, id, &v);
    if (res == 0 && strcmp(v.a.status, "submitted") && strcmp(v.a.status, "reviewed"))
        res = wy_fail(ctx, E_CONFLICT, "not_submitted",
                      "Only a submitted assessment is scored by the assessors.");
    if (res == 0 && me(ctx) == v.a.submitted_by)
        res = wy_fail(ctx, E_FORBIDDEN, "own_submission",
                      "You submitted this assessment: others score it.");
    if (res == 0 &&
        (!holds_above(ctx, PERM_ASSESSMENTS_ASSESS, v.a.division) || own_staff(ctx, v.a.division)))
        res = wy_fail(ctx, E_FORBIDDEN, "not_assessor",
                      "Assessors are staff of a level above the venue, not its own.");
    if (res == 0 && n != v.nitems)
        res = wy_fail_field(ctx, E_INVALID, "missing_items",
                            "An assessor scores every item of the standard, once.", "items");
    for (size_t i = 0; res == 0 && i < n; i++) {
        const standard_item_row *it = item_of(&v, m[i].item_id);
        for (size_t k = 0; res == 0 && k < i; k++)
            if (m[k].item_id == m[i].item_id)
                res =
                    wy_fail_field(ctx, E_INVALID, "missing_items",
                                  "An assessor scores every item of the standard, once.", "items");
        if (res)
            break;
        if (!it)
            res = wy_fail_field(ctx, E_INVALID, "bad_item", "No such item in this standard.",
                                "items");
        else if (!score_ok(m[i].score, it->max_points))
            res = wy_fail_field(ctx, E_INVALID, "bad_score",
                                "A score is from 0 to the item's points, with at most one "
                                "decimal.",
                                "items");
        else if (!text_ok(m[i].comment, 0, 1000))
            res = wy_fail_field(ctx, E_INVALID, "bad_comment",
                                "A comment has at most 1000 characters.", "items");
        else {
            int rc = store_assessment_score_set(ctx->c, id, it->id, me(ctx), m[i].score,
                                                m[i].comment, ctx->now);
            if (rc != WY_OK)
                res = wy_fail_store(ctx, rc, "score");
        }
    }
    if (res == 0) {
        int rc = store_assessment_mark_reviewed(ctx->c, id, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "assessment");
    }
    if (res == 0)
        res = audit_add(ctx, "assessment.review", "assessment", id, v.a.division, v.a.status,
                        "reviewed", NULL);
    /* the first complete scoring tells the venue's side; later ones are sent once anyway */
    if (res == 0)
        res = assessments_tell_submitter(ctx, &v.a, &assessments_kind_scored, NULL);
    return tx_end(ctx, res);
}

int assessment_publish(wy_ctx *ctx, int64_t id, assessment_view *out)
{
    if (tx_begin(ctx) < 0)
        return -1;
    assessment_view v;
    int res = load(ctx, id, &v);
    if (res == 0 && strcmp(v.a.status, "reviewed"))
        res = wy_fail(ctx, E_CONFLICT, "not_reviewed",
                      "Only an assessment the assessors have scored is published.");
    if (res == 0 && me(ctx) == v.a.submitted_by)
        res = wy_fail(ctx, E_FORBIDDEN, "own_submission",
                      "You submitted this assessment: others score it.");
    if (res == 0 && ctx->who && !holds_above(ctx, PERM_ASSESSMENTS_MANAGE, v.a.division))
        res = wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    double total = 0;
    for (size_t i = 0; res == 0 && i < v.nitems; i++) {
        double sum = 0;
        int k = 0;
        for (size_t j = 0; j < v.nscores; j++)
            if (v.scores[j].item_id == v.items[i].id) {
                sum += v.scores[j].score;
                k++;
            }
        if (k)
            total += sum / k;
    }
    total = tenth(total);
    const char *grade = NULL;
    for (size_t i = 0; res == 0 && i < v.ngrades; i++)
        if (total + 1e-9 >= v.grades[i].min_total) {
            grade = v.grades[i].grade;
            break;
        }
    if (res == 0) {
        int rc = store_assessment_publish(ctx->c, id, me(ctx), total, grade, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "assessment");
    }
    char why[160];
    snprintf(why, sizeof(why), "assessment %lld: %s %s, %.1f points", (long long)id,
             res == 0 ? v.a.standard_name : "", res == 0 ? v.a.standard_version : "", total);
    if (res == 0 && grade && v.a.venue_id) /* a unit's grade stays on its assessment */
        res = venue_set_grade_tx(ctx, v.a.venue_id, grade, v.a.year, why);
    if (res == 0)
        res = audit_add(ctx, "assessment.publish", "assessment", id, v.a.division, "reviewed",
                        grade ? grade : "none", why);
    if (res == 0)
        res = assessments_tell_submitter(ctx, &v.a, &assessments_kind_published,
                                         grade ? grade : "none");
    if (tx_end(ctx, res) < 0)
        return -1;
    return assessment_get(ctx, id, out);
}

int assessment_get(wy_ctx *ctx, int64_t id, assessment_view *out)
{
    if (load(ctx, id, out) < 0)
        return -1;
    if (!may_see(ctx, &out->a))
        return wy_fail_store(ctx, WY_NOTFOUND, "assessment");
    /* the assessors' names and scores are the staff's until publication */
    if (strcmp(out->a.status, "published") &&
        !holds_above(ctx, PERM_ASSESSMENTS_MANAGE, out->a.division) &&
        !holds_above(ctx, PERM_ASSESSMENTS_ASSESS, out->a.division)) {
        out->scores = NULL;
        out->nscores = 0;
    }
    for (size_t i = 0; i < out->nanswers; i++) {
        attachment *as;
        size_t na;
        if (attachment_list(ctx, ASSESSMENT_EVIDENCE_OWNER, out->answers[i].id, &as, &na) < 0)
            return -1;
        if (!na)
            continue;
        attachment *all = arena_alloc(ctx->a, (out->nevidence + na) * sizeof(*all));
        if (!all)
            return check_mem(ctx);
        if (out->nevidence)
            memcpy(all, out->evidence, out->nevidence * sizeof(*all));
        memcpy(all + out->nevidence, as, na * sizeof(*all));
        out->evidence = all;
        out->nevidence += na;
    }
    return 0;
}

/* The division and year of a list, checked (div: normalised, "" for all). */
static int list_filter(wy_ctx *ctx, const char *division, int year, char div[DIVISION_CODE_MAX])
{
    div[0] = 0;
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (year && (year < 1990 || year > 2100))
        return wy_fail_field(ctx, E_INVALID, "bad_year", "The year is from 1990 to 2100.", "year");
    return 0;
}

int assessment_list_published(wy_ctx *ctx, const char *division, int year, int64_t before,
                              int limit, assessment_row **out, size_t *n, int64_t *next)
{
    char div[DIVISION_CODE_MAX];
    if (list_filter(ctx, division, year, div) < 0)
        return -1;
    int rc = store_assessment_list(ctx->c, ctx->a, div, year, 1, before, limit, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "assessments");
    *next = *n == (size_t)limit ? (*out)[*n - 1].id : 0;
    return 0;
}

int assessment_list(wy_ctx *ctx, const char *division, int year, int64_t before, int limit,
                    assessment_row **out, size_t *n, int64_t *next)
{
    char div[DIVISION_CODE_MAX];
    if (list_filter(ctx, division, year, div) < 0)
        return -1;
    assessment_row *rows;
    size_t nr;
    int rc = store_assessment_list(ctx->c, ctx->a, div, year, 0, before, limit, &rows, &nr);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "assessments");
    /* the page is cut by the store; what the caller may not see is left out of it */
    *next = nr == (size_t)limit ? rows[nr - 1].id : 0;
    size_t k = 0;
    for (size_t i = 0; i < nr; i++)
        if (may_see(ctx, &rows[i]))
            rows[k++] = rows[i];
    *out = rows;
    *n = k;
    return 0;
}
