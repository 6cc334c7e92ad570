/* lottery_term: a term's lottery as an owner of the core's store of draws (enrolment.h). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/courses/enrolment.h"
#include "util/timeutil.h"

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

/* Offer the places of the draw, keep the receipts and the waiting lists, and tell each
 * applicant their result. offered, waiting: each applicant's JSON arrays for the message,
 * made here (NULL: none), released by the caller; by: each course's deadline. */
static int apply_results(wy_ctx *ctx, const course_term *t, const lottery *l,
                         const course_application *apps, size_t napps, int64_t lottery_id,
                         json_t **offered, json_t **waiting, const int64_t *by)
{
    int rc;
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
        rc = store_lottery_receipt_add(ctx->c, of[i]->id, lottery_id, ticket, (int)ar[i].rank,
                                       (int)ar[i].nassigned);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "receipt");
        for (uint32_t j = 0; j < ar[i].nassigned; j++) {
            uint32_t k = ar[i].assigned[j];
            int64_t course_id = strtoll(ir[k].id, NULL, 10), eid = 0;
            const char *code = course_new_code(ctx);
            if (!code)
                return wy_fail_store(ctx, WY_NOMEM, "code");
            rc = store_lottery_enrol(ctx->c, t->id, course_id, of[i]->user_id, code, t->max_courses,
                                     by[k], ctx->now, &eid);
            if (rc == WY_CONSTRAINT)
                return wy_fail(ctx, E_CONFLICT, "changed",
                               "A place of the draw cannot be given: the course or the "
                               "applicant's places changed since the commitment.");
            if (rc != WY_OK)
                return wy_fail_store(ctx, rc, "enrolment");
            char when[40];
            time_format_rfc3339(by[k], when, sizeof(when), 0);
            if ((!offered[i] && !(offered[i] = json_array())) ||
                json_array_append_new(
                    offered[i],
                    json_pack("{s:I,s:s,s:I,s:s}", "course_id", (json_int_t)course_id, "title",
                              ir[k].name, "enrolment_id", (json_int_t)eid, "confirm_by", when)) < 0)
                return wy_fail_store(ctx, WY_NOMEM, "lottery");
        }
    }
    for (size_t k = 0; k < ni; k++) {
        int64_t course_id = strtoll(ir[k].id, NULL, 10);
        for (uint32_t j = 0; j < ir[k].nwaiting; j++) {
            uint32_t i = ir[k].waiting[j];
            rc = store_course_waiting_add(ctx->c, course_id, (int)j + 1, of[i]->id, of[i]->user_id);
            if (rc != WY_OK)
                return wy_fail_store(ctx, rc, "waiting list");
            if ((!waiting[i] && !(waiting[i] = json_array())) ||
                json_array_append_new(waiting[i],
                                      json_pack("{s:I,s:s,s:i}", "course_id", (json_int_t)course_id,
                                                "title", ir[k].name, "position", (int)j + 1)) < 0)
                return wy_fail_store(ctx, WY_NOMEM, "lottery");
        }
    }
    /* each applicant's result, in the drawing transaction */
    for (size_t i = 0; i < na; i++) {
        json_t *p = json_pack("{s:s,s:I,s:i,s:O?,s:O?}", "term", t->name, "application_id",
                              (json_int_t)of[i]->id, "rank", (int)ar[i].rank, "offered", offered[i],
                              "waiting", waiting[i]);
        char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
        json_decref(p);
        const char *params = text ? arena_strdup(ctx->a, text) : NULL;
        free(text);
        if (!params)
            return wy_fail_store(ctx, WY_NOMEM, "lottery");
        if (course_tell(ctx, &course_kind_lottery, of[i]->user_id, "course_application", of[i]->id,
                        t->name, t->division, params) < 0)
            return -1;
    }
    return 0;
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
    lottery_applicants(l, &na);
    const lottery_item_result *ir = lottery_items(l, &ni);
    /* each course's deadline for the offers of the draw */
    int64_t *by = arena_alloc(ctx->a, (ni + 1) * sizeof(*by));
    json_t **offered = arena_alloc(ctx->a, (na + 1) * sizeof(*offered));
    json_t **waiting = arena_alloc(ctx->a, (na + 1) * sizeof(*waiting));
    if (!by || !offered || !waiting)
        return wy_fail_store(ctx, WY_NOMEM, "lottery");
    for (size_t k = 0; k < ni; k++) {
        int64_t first = 0;
        rc = store_course_first_start(ctx->c, strtoll(ir[k].id, NULL, 10), &first);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "sessions");
        by[k] = course_offer_deadline(ctx, first);
    }
    memset(offered, 0, (na + 1) * sizeof(*offered));
    memset(waiting, 0, (na + 1) * sizeof(*waiting));
    int res = apply_results(ctx, &t, l, apps, napps, row.id, offered, waiting, by);
    for (size_t i = 0; i < na; i++) {
        json_decref(offered[i]);
        json_decref(waiting[i]);
    }
    return res;
}

/* A correction annuls what the draw gave one applicant: their places of the term's lottery
 * (confirmed or still offered) are withdrawn and served to the waiting lists in order, they
 * leave every waiting list of the term, and they are told why. */
static int annul(wy_ctx *ctx, int64_t term_id, const lottery_correction_row *cr)
{
    course_term t;
    course_application app;
    int rc = store_term_get(ctx->c, ctx->a, term_id, &t);
    if (rc == WY_OK)
        rc = store_application_by_pseudonym(ctx->c, ctx->a, term_id, cr->applicant, &app);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_CONFLICT, "changed", "This applicant's application is not there.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    course_enrolment *places;
    size_t np;
    if ((rc = store_lottery_places_of(ctx->c, ctx->a, term_id, app.user_id, &places, &np)) != WY_OK)
        return wy_fail_store(ctx, rc, "places");
    course_waiter *waits;
    size_t nw;
    if ((rc = store_waiting_of_user(ctx->c, ctx->a, app.user_id, &waits, &nw)) != WY_OK)
        return wy_fail_store(ctx, rc, "waiting lists");
    const char *why = arena_sprintf(ctx->a, "lottery_correction %lld", (long long)cr->id);
    if (!why)
        return wy_fail_store(ctx, WY_NOMEM, "correction");
    for (size_t i = 0; i < nw; i++) {
        course k;
        if ((rc = store_course_get(ctx->c, ctx->a, waits[i].course_id, &k)) != WY_OK)
            return wy_fail_store(ctx, rc, "course");
        if (k.term_id != term_id)
            continue;
        if ((rc = store_waiter_skip(ctx->c, waits[i].id)) != WY_OK)
            return wy_fail_store(ctx, rc, "waiting list");
        if (audit_add(ctx, "course_waiting.annul", "course_waiting", waits[i].id, k.division,
                      "waiting", "skipped", why) < 0)
            return -1;
    }
    for (size_t i = 0; i < np; i++) {
        if ((rc = store_enrolment_annul(ctx->c, places[i].id, ctx->now)) != WY_OK)
            return wy_fail_store(ctx, rc, "place");
        const char *from = places[i].confirm_by ? "offered" : "confirmed";
        if (audit_add(ctx, "course_enrolment.annul", "course_enrolment", places[i].id, t.division,
                      from, "withdrawn", why) < 0)
            return -1;
    }
    json_t *p = json_pack("{s:I,s:I,s:s}", "application_id", (json_int_t)app.id, "correction_id",
                          (json_int_t)cr->id, "reason", cr->reason);
    char *text = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(p);
    const char *params = text ? arena_strdup(ctx->a, text) : NULL;
    free(text);
    if (!params)
        return wy_fail_store(ctx, WY_NOMEM, "correction");
    if (course_tell(ctx, &course_kind_annulled, app.user_id, "course_application", app.id, t.name,
                    t.division, params) < 0)
        return -1;
    for (size_t i = 0; i < np; i++) /* each place freed goes to the next in line */
        if (course_serve_waiting(ctx, places[i].course_id) < 0)
            return -1;
    return 0;
}

const lottery_kind course_lottery_kind = {
    COURSE_LOTTERY_KIND, PERM_COURSES_MANAGE, describe, build, apply, annul};

int course_term_lottery(wy_ctx *ctx, int64_t term_id, lottery_row *out)
{
    return lottery_record_open(ctx, COURSE_LOTTERY_KIND, term_id, out);
}
