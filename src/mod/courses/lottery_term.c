/* lottery_term: a term's lottery as an owner of the core's store of draws (enrolment.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/authz.h"
#include "mod/courses/enrolment.h"

static int describe(wy_ctx *ctx, int64_t term_id, const char **division, const char **title)
{
    course_term t;
    int rc = store_term_get(ctx->c, ctx->a, term_id, &t);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "There is no such term.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "term");
    *division = t.division;
    *title = t.name;
    return 0;
}

static int build(wy_ctx *ctx, int64_t term_id, lottery_inputs *in)
{
    course_lottery_inputs li;
    if (course_lottery_input(ctx, term_id, &li) < 0)
        return -1;
    if (term_window_at(&li.term, ctx->now) != TERM_CLOSED)
        return wy_fail(ctx, E_CONFLICT, "window_open",
                       "Applications for this term are still open: commit the lottery once the "
                       "window has closed.");
    if (!li.ncourses)
        return wy_fail(ctx, E_RULE, "no_lottery_courses", "This term has no lottery course.");
    int n = li.term.max_choices, m = li.term.max_courses < n ? li.term.max_courses : n;
    lottery_item *items = arena_alloc(ctx->a, li.ncourses * sizeof(*items));
    lottery_entry *entries = arena_alloc(ctx->a, (li.napplicants + 1) * sizeof(*entries));
    if (!items || !entries)
        return wy_fail_store(ctx, WY_NOMEM, "lottery");
    for (size_t i = 0; i < li.ncourses; i++)
        items[i] = (lottery_item){arena_sprintf(ctx->a, "%lld", (long long)li.courses[i].id),
                                  li.courses[i].title,
                                  li.courses[i].places > 0 ? li.courses[i].places : 0};
    size_t ne = 0;
    for (size_t i = 0; i < li.napplicants; i++) {
        const course_lottery_applicant *p = &li.applicants[i];
        int limit = m - p->held;
        if (limit <= 0)
            continue; /* holds the term's limit already */
        const char **choices = arena_alloc(ctx->a, (size_t)n * sizeof(*choices));
        if (!choices)
            return wy_fail_store(ctx, WY_NOMEM, "lottery");
        size_t nc = 0;
        for (int j = 0; j < p->nchoices && nc < (size_t)n; j++)
            for (size_t k = 0; k < li.ncourses; k++)
                if (li.courses[k].id == p->choices[j]) /* still a lottery course of the term */
                    choices[nc++] = items[k].id;
        if (!nc)
            continue;
        entries[ne++] =
            (lottery_entry){p->pseudonym, choices, nc, p->tier, NULL, limit < m ? limit : 0};
    }
    in->title = li.term.name;
    in->max_choices = n;
    in->max_places = m;
    in->priority_rule =
        li.term.returning_after_new
            ? "新学员优先（类 0），往期学员其次（类 1） / new learners first (class 0), "
              "returning learners after them (class 1)"
            : "不设优先类 / no priority class";
    in->items = items;
    in->nitems = li.ncourses;
    in->entries = entries;
    in->nentries = ne;
    return 0;
}

static int by_pseudonym(const void *a, const void *b)
{
    return strcmp(((const course_application *)a)->pseudonym,
                  ((const course_application *)b)->pseudonym);
}

static const course_application *find_app(const course_application *v, size_t n, const char *ps)
{
    course_application key = {.pseudonym = ps};
    return bsearch(&key, v, n, sizeof(*v), by_pseudonym);
}

static int apply(wy_ctx *ctx, int64_t term_id, const lottery *l)
{
    course_term t;
    int rc = store_term_get(ctx->c, ctx->a, term_id, &t);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "term");
    lottery_row row;
    if (lottery_record_of(ctx, COURSE_LOTTERY_KIND, term_id, &row) < 0)
        return -1;
    course_application *apps;
    size_t napps;
    rc = store_lottery_applications(ctx->c, ctx->a, term_id, &apps, &napps);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "applications");
    qsort(apps, napps, sizeof(*apps), by_pseudonym);
    size_t na, ni;
    const lottery_applicant_result *ar = lottery_applicants(l, &na);
    const lottery_item_result *ir = lottery_items(l, &ni);
    const course_application **of = arena_alloc(ctx->a, (na + 1) * sizeof(*of));
    if (!of)
        return wy_fail_store(ctx, WY_NOMEM, "lottery");
    for (size_t i = 0; i < na; i++) {
        if (!(of[i] = find_app(apps, napps, ar[i].id)))
            return wy_fail(ctx, E_CONFLICT, "changed",
                           "An application of the lottery is no longer there.");
        char ticket[LOTTERY_HEX];
        lottery_hex(ar[i].ticket, LOTTERY_HASH, ticket);
        rc = store_lottery_receipt_add(ctx->c, of[i]->id, row.id, ticket, (int)ar[i].rank,
                                       (int)ar[i].nassigned);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "receipt");
        for (uint32_t j = 0; j < ar[i].nassigned; j++) {
            int64_t course_id = strtoll(ir[ar[i].assigned[j]].id, NULL, 10);
            const char *code = course_new_code(ctx);
            if (!code)
                return wy_fail_store(ctx, WY_NOMEM, "code");
            rc = store_lottery_enrol(ctx->c, term_id, course_id, of[i]->user_id, code,
                                     t.max_courses, ctx->now);
            if (rc == WY_CONSTRAINT)
                return wy_fail(ctx, E_CONFLICT, "changed",
                               "A place of the draw cannot be given: the course or the "
                               "applicant's places changed since the commitment.");
            if (rc != WY_OK)
                return wy_fail_store(ctx, rc, "enrolment");
        }
    }
    for (size_t k = 0; k < ni; k++) {
        int64_t course_id = strtoll(ir[k].id, NULL, 10);
        for (uint32_t j = 0; j < ir[k].nwaiting; j++) {
            const course_application *p = of[ir[k].waiting[j]];
            rc = store_course_waiting_add(ctx->c, course_id, (int)j + 1, p->id, p->user_id);
            if (rc != WY_OK)
                return wy_fail_store(ctx, rc, "waiting list");
        }
    }
    return 0;
}

const lottery_kind course_lottery_kind = {COURSE_LOTTERY_KIND, PERM_COURSES_MANAGE, describe, build,
                                          apply};

int course_term_lottery(wy_ctx *ctx, int64_t term_id, lottery_row *out)
{
    return lottery_record_open(ctx, COURSE_LOTTERY_KIND, term_id, out);
}
