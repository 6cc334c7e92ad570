/* offers: places of lottery courses offered to their people, and the waiting lists served in
 * order (enrolment.h). */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/notify.h"
#include "mod/courses/enrolment.h"
#include "util/log.h"
#include "util/timeutil.h"

int64_t course_offer_deadline(wy_ctx *ctx, int64_t first_start)
{
    int64_t hours = config_module_int(ctx->cfg, "courses", "confirm_hours");
    int64_t by = ctx->now + (hours > 0 ? hours : 72) * 3600000;
    return first_start > ctx->now && first_start < by ? first_start : by;
}

int course_tell(wy_ctx *ctx, const notify_kind *kind, int64_t user_id, const char *subject_type,
                int64_t subject_id, const char *title, const char *division, const char *params)
{
    notify_msg m = {.kind = kind,
                    .user_id = user_id,
                    .subject_type = subject_type,
                    .subject_id = subject_id,
                    .title = title,
                    .href = "/me/courses",
                    .division = division,
                    .params = params};
    return notify_send(ctx, &m, NULL);
}

/* ---- the waiting list, served ---- */

typedef struct admit_ud {
    wy_ctx *ctx;
    const course *k;
    const course_term *t;
} admit_ud;

/* Is the waiter still one to serve: under the term's limit, without a place or an offer in
 * the course, eligible (age, residence, staff) as they are now? When not, passed over. */
static int admit_waiter(db *c, void *ud, int64_t claim, int64_t now, int *ok)
{
    admit_ud *u = ud;
    wy_ctx *ctx = u->ctx;
    (void)now;
    course_waiter w;
    int rc = store_waiter_get(c, ctx->a, claim, &w);
    if (rc != WY_OK)
        return rc;
    int64_t held = 0;
    const char *why = NULL;
    if ((rc = store_holds_of(c, u->t->id, w.user_id, &held)) != WY_OK)
        return rc;
    if (held >= u->t->max_courses)
        why = "over_limit";
    course_enrolment e;
    if (!why && (rc = store_enrolment_live(c, ctx->a, u->k->id, w.user_id, &e)) != WY_NOTFOUND) {
        if (rc != WY_OK)
            return rc;
        why = "duplicate";
    }
    if (!why) {
        principal p;
        if (account_principal_by_id(ctx, w.user_id, &p) < 0) {
            if (ctx->err.cls == E_INTERNAL)
                return WY_ERR;
            ctx->err = (wy_error){0};
            why = "no_account";
        } else {
            course_person person = {.division = p.division,
                                    .staff = course_staff_of(&p, course_staff_area(u->k))};
            const char *birth = NULL;
            rc = store_learner_birth_date(c, ctx->a, w.user_id, &birth);
            if (rc != WY_OK && rc != WY_NOTFOUND)
                return rc;
            person.birth_date = rc == WY_OK ? birth : NULL;
            if (course_eligibility(u->k, u->t, &person) != COURSE_ELIGIBLE)
                why = "not_eligible";
        }
    }
    *ok = !why;
    if (*ok)
        return WY_OK;
    if ((rc = store_waiter_skip(c, claim)) != WY_OK)
        return rc;
    return audit_add(ctx, "course_waiting.skip", "course_waiting", claim, u->k->division, "waiting",
                     "skipped", why) < 0
               ? WY_ERR
               : WY_OK;
}

int course_serve_waiting(wy_ctx *ctx, int64_t course_id)
{
    course k;
    course_term t;
    int rc = store_course_get(ctx->c, ctx->a, course_id, &k);
    if (rc == WY_OK)
        rc = store_term_get(ctx->c, ctx->a, k.term_id, &t);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (strcmp(k.enrolment, "lottery") || strcmp(k.status, "published"))
        return 0;
    int64_t first = 0;
    if ((rc = store_course_first_start(ctx->c, course_id, &first)) != WY_OK)
        return wy_fail_store(ctx, rc, "sessions");
    if (first && ctx->now >= first)
        return 0; /* the course has begun: a place freed now is not offered */
    admit_ud u = {ctx, &k, &t};
    int64_t promoted[16];
    size_t np = 0;
    rc = seats_promote_admit(ctx->c, &course_waiting_ops, admit_waiter, &u, course_id, ctx->now,
                             promoted, sizeof(promoted) / sizeof(promoted[0]), &np);
    if (rc != WY_OK)
        return ctx->err.code ? -1 : wy_fail_store(ctx, rc, "waiting list");
    /* every offer just made: its code, its deadline, its audit entry and its notification */
    course_enrolment *offers;
    size_t n;
    if ((rc = store_offers_unarmed(ctx->c, ctx->a, course_id, &offers, &n)) != WY_OK)
        return wy_fail_store(ctx, rc, "offers");
    int64_t by = course_offer_deadline(ctx, first);
    char when[40];
    time_format_rfc3339(by, when, sizeof(when), 0);
    for (size_t i = 0; i < n; i++) {
        const char *code = course_new_code(ctx);
        if (!code)
            return wy_fail_store(ctx, WY_NOMEM, "code");
        if ((rc = store_offer_arm(ctx->c, offers[i].id, code, by)) != WY_OK)
            return wy_fail_store(ctx, rc, "offer");
        if (audit_add(ctx, "course_offer.offer", "course_enrolment", offers[i].id, k.division,
                      "waiting", "offered", NULL) < 0)
            return -1;
        const char *params = arena_sprintf(
            ctx->a, "{\"course_id\":%lld,\"enrolment_id\":%lld,\"confirm_by\":\"%s\"}",
            (long long)course_id, (long long)offers[i].id, when);
        if (!params)
            return wy_fail_store(ctx, WY_NOMEM, "offer");
        if (course_tell(ctx, &course_kind_offer, offers[i].user_id, "course_enrolment",
                        offers[i].id, k.title, k.division, params) < 0)
            return -1;
    }
    return 0;
}

/* ---- a person's answer ---- */

/* ctx->who's offer: 0, or -1 with the refusal (E_NOTFOUND for anyone else's, 409 not_offered
 * for a place that is no offer). */
static int own_offer(wy_ctx *ctx, int64_t id, course_enrolment *e, course *k)
{
    if (enrol_own(ctx, id, e) < 0)
        return -1;
    if (strcmp(e->status, "offered"))
        return wy_fail(ctx, E_CONFLICT, "not_offered", "This place is not waiting for an answer.");
    int rc = store_course_get(ctx->c, ctx->a, e->course_id, k);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "course");
}

int offer_confirm(wy_ctx *ctx, int64_t id, course_enrolment *out)
{
    course k;
    if (own_offer(ctx, id, out, &k) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0, rc = store_offer_confirm(ctx->c, id, ctx->now);
    if (rc == WY_NOTFOUND)
        res =
            wy_fail(ctx, E_CONFLICT, "offer_lapsed", "The time to confirm this place has passed.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "offer");
    if (res == 0)
        res = audit_add(ctx, "course_offer.confirm", "course_enrolment", id, k.division, "offered",
                        "confirmed", NULL);
    if (tx_end(ctx, res) < 0)
        return -1;
    rc = store_enrolment_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "enrolment");
}

int offer_decline(wy_ctx *ctx, int64_t id)
{
    course_enrolment e;
    course k;
    if (own_offer(ctx, id, &e, &k) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0, rc = store_offer_end(ctx->c, id, "declined", ctx->now);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "not_offered", "This place is not waiting for an answer.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "offer");
    if (res == 0)
        res = audit_add(ctx, "course_offer.decline", "course_enrolment", id, k.division, "offered",
                        "declined", NULL);
    if (res == 0) /* the place goes to the next in line */
        res = course_serve_waiting(ctx, k.id);
    return tx_end(ctx, res);
}

/* ---- the periodic job: offers not confirmed in time ---- */

/* The lapsed offers of one course and the offers they free, in one transaction. A second
 * runner finds them ended already (store_offer_end: WY_NOTFOUND) and does nothing. */
static int lapse_course(wy_ctx *ctx, int64_t course_id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    course k;
    course_enrolment *due = NULL;
    size_t n = 0;
    int res = 0, rc = store_course_get(ctx->c, ctx->a, course_id, &k);
    if (rc == WY_OK)
        rc = store_offers_due(ctx->c, ctx->a, course_id, ctx->now, &due, &n);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "offers");
    for (size_t i = 0; res == 0 && i < n; i++) {
        rc = store_offer_end(ctx->c, due[i].id, "lapsed", ctx->now);
        if (rc == WY_NOTFOUND)
            continue;
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "offer");
        if (res == 0)
            res = audit_add(ctx, "course_offer.lapse", "course_enrolment", due[i].id, k.division,
                            "offered", "lapsed", NULL);
        const char *params =
            res ? NULL
                : arena_sprintf(ctx->a, "{\"course_id\":%lld,\"enrolment_id\":%lld}",
                                (long long)course_id, (long long)due[i].id);
        if (res == 0 && !params)
            res = wy_fail_store(ctx, WY_NOMEM, "offer");
        if (res == 0)
            res = course_tell(ctx, &course_kind_lapsed, due[i].user_id, "course_enrolment",
                              due[i].id, k.title, k.division, params);
    }
    if (res == 0 && n)
        res = course_serve_waiting(ctx, course_id);
    return tx_end(ctx, res);
}

int course_job_offers(wy_ctx *ctx)
{
    int64_t *courses;
    size_t n;
    int rc = store_offers_due_courses(ctx->c, ctx->a, ctx->now, &courses, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "offers");
    int res = 0;
    wy_error first = {0};
    for (size_t i = 0; i < n; i++) {
        if (lapse_course(ctx, courses[i]) == 0)
            continue;
        log_warn("courses: the lapsed offers of course %lld: %s", (long long)courses[i],
                 ctx->err.message ? ctx->err.message : "?");
        if (!res)
            first = ctx->err;
        res = -1;
        ctx->err = (wy_error){0};
    }
    if (res)
        ctx->err = first;
    return res;
}
