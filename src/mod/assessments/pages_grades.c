/*
 * pages_grades: the public page of published grades (/grades, docs/assessments.md "Pages"):
 * the assessments that have been published, of a division's subtree (?division=, a code) and
 * a year (?year=), each with its venue, the standard, the assessed total and the grade. Only
 * published assessments are shown, to everyone alike (assessment_list_published), a page at a
 * time (?cursor=, ?per_page= up to 200), each published assessment of a village culture hall
 * with its stars by the band table shown on the page. No script: a GET form filters.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/division.h"
#include "mod/assessments/assessments.h"
#include "mod/assessments/handlers.h"
#include "mod/module.h" /* N_ */
#include "web/form.h"

#define GRADES_PER_PAGE 50  /* rows of a page by default (?per_page=) */
#define GRADES_MAX      200 /* the most a page holds */

static const web_term grade_terms[] = {
    {"special", N_("special grade")}, {"1", N_("grade one")}, {"2", N_("grade two")},
    {"3", N_("grade three")},         {NULL, NULL},
};

/* ★ for each star, ☆ for the rest of five. */
static void stars(html *h, int k)
{
    for (int i = 0; i < 5; i++)
        if (i < k)
            html_lit(h, "★");
        else
            html_lit(h, "☆");
}

/* The published band table of the stars. */
static void star_bands(http_req *req, html *h)
{
    html_lit(h, "<p class=\"small muted\" id=\"star-bands\">");
    web_t(req, h,
          "Village and community culture halls get stars by the share of the standard's total "
          "points their assessed total reaches:");
    for (size_t i = 0; i < assessment_nstar_bands; i++) {
        html_lit(h, " <span class=\"star-band\">");
        stars(h, assessment_star_bands[i].stars);
        html_text(h, arena_sprintf(&req->a, " ≥ %g%%", assessment_star_bands[i].min_percent));
        html_lit(h, "</span>");
    }
    html_lit(h, "</p>");
}

void page_grades(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    const char *div = req_query(req, "division");
    const char *y = req_query(req, "year");
    const char *cur = req_query(req, "cursor");
    const char *pp = req_query(req, "per_page");
    int year = y && *y ? atoi(y) : 0;
    int per = pp && *pp ? atoi(pp) : GRADES_PER_PAGE;
    if (per < 1 || per > GRADES_MAX)
        per = GRADES_PER_PAGE;
    int64_t before = cur && *cur ? atoll(cur) : 0;
    if (before < 0)
        before = 0;
    assessment_row *rows;
    size_t n;
    int64_t next;
    if (assessment_list_published(ctx, div, year, before, per, &rows, &n, &next) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "Published grades"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Published grades");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "The grades of venues assessed against a standard, as published by the level above "
          "them.");
    html_lit(&h, "</p><form method=\"get\" class=\"filters\" id=\"grade-filters\" "
                 "action=\"/grades\">");
    web_input(req, &h, "division", N_("Division code"), "text", 12, 0, NULL, div);
    web_input(req, &h, "year", N_("Year"), "number", 4, 0, NULL, y);
    html_lit(&h, "<button type=\"submit\" class=\"button\">");
    web_t(req, &h, "Filter");
    html_lit(&h, "</button></form>");
    star_bands(req, &h);
    if (!n) {
        web_empty(req, &h, "No grade published in this area and year.");
        web_end(req, &h, 200);
        return;
    }
    static const web_col cols[] = {
        {N_("Venue or unit"), 0},  {N_("Division"), 0}, {N_("Standard"), 0}, {N_("Year"), 1},
        {N_("Assessed total"), 1}, {N_("Grade"), 0},    {N_("Stars"), 0}};
    html_lit(&h, "<div class=\"scroll\"><table id=\"grades\">");
    web_thead(req, &h, cols, sizeof(cols) / sizeof(cols[0]));
    for (size_t i = 0; i < n; i++) {
        const assessment_row *a = &rows[i];
        const char *dname = division_name(ctx, a->division);
        html_lit(&h, "<tr data-assessment=\"");
        html_int(&h, a->id);
        html_lit(&h, "\"><td>");
        if (a->venue_id) {
            html_lit(&h, "<a href=\"/venues/");
            html_int(&h, a->venue_id);
            html_lit(&h, "\">");
            html_text(&h, a->venue_name);
            html_lit(&h, "</a>");
        } else { /* a unit: no public page of its own */
            html_lit(&h, "<span class=\"unit\">");
            html_text(&h, a->venue_name);
            html_lit(&h, "</span> <span class=\"muted small\">");
            web_t(req, &h, "unit");
            html_lit(&h, "</span>");
        }
        html_lit(&h, "</td><td>");
        html_text(&h, dname && *dname ? dname : a->division);
        html_lit(&h, "</td><td>");
        html_text(&h, a->standard_name);
        html_lit(&h, " <span class=\"muted small\">");
        html_text(&h, a->standard_version);
        html_lit(&h, "</span></td><td class=\"num\">");
        html_int(&h, a->year);
        html_lit(&h, "</td><td class=\"num\">");
        if (isfinite(a->review_total))
            html_text(&h, arena_sprintf(&req->a, "%.1f", a->review_total));
        html_lit(&h, "</td><td class=\"grade\">");
        html_text(&h, a->grade ? web_term_label(req, grade_terms, a->grade) : "—");
        int k = assessment_stars(a);
        html_lit(&h, "</td><td class=\"stars\" data-stars=\"");
        if (k >= 0) {
            html_int(&h, k);
            html_lit(&h, "\">");
            stars(&h, k);
        } else
            html_lit(&h, "\">—");
        html_lit(&h, "</td></tr>");
    }
    html_lit(&h, "</tbody></table></div>");
    if (next)
        web_pager_id(req, &h, "/grades", next,
                     (const char *[]){"division", div, "year", y, "per_page", pp, NULL});
    web_end(req, &h, 200);
}
