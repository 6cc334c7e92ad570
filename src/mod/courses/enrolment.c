/* enrolment: see enrolment.h. */
#include "mod/courses/enrolment.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "util/log.h"

/* ---- eligibility ---- */

const char *course_staff_area(const course *k)
{
    return k->residence ? k->residence : k->division;
}

int course_staff_of(const principal *who, const char *area)
{
    for (size_t i = 0; who && area && i < who->ngrants; i++) {
        role r = role_parse(who->grants[i].role);
        const char *d = who->grants[i].division;
        if (r != ROLE_NONE && r != ROLE_CITIZEN &&
            (division_contains(area, d) || division_contains(d, area)))
            return 1;
    }
    return 0;
}

course_verdict course_eligibility(const course *k, const course_term *t, const course_person *p)
{
    if (k->staff_only) {
        if (!p->staff)
            return COURSE_STAFF_ONLY;
    } else if (k->residence && (!p->division || !division_contains(k->residence, p->division))) {
        return COURSE_NOT_RESIDENT;
    }
    if (k->age_min >= 0 || k->age_max >= 0) {
        if (!p->birth_date)
            return COURSE_NEED_BIRTH_DATE;
        int age = course_age_on(p->birth_date, t->classes_from);
        if (age < 0 || (k->age_min >= 0 && age < k->age_min))
            return COURSE_TOO_YOUNG;
        if (k->age_max >= 0 && age > k->age_max)
            return COURSE_TOO_OLD;
    }
    return COURSE_ELIGIBLE;
}

int course_verdict_refusal(wy_ctx *ctx, course_verdict v)
{
    switch (v) {
    case COURSE_ELIGIBLE:
        return 0;
    case COURSE_NEED_BIRTH_DATE:
        return wy_fail_field(ctx, E_RULE, "not_eligible",
                             "This course is for an age range: give your date of birth.",
                             "birth_date");
    case COURSE_TOO_YOUNG:
    case COURSE_TOO_OLD:
        return wy_fail_field(ctx, E_RULE, "not_eligible", "This course is for another age range.",
                             "age");
    case COURSE_NOT_RESIDENT:
        return wy_fail_field(ctx, E_RULE, "not_eligible",
                             "This course is for residents of another area.", "residence");
    case COURSE_STAFF_ONLY:
        return wy_fail_field(ctx, E_RULE, "not_eligible",
                             "This course is training for the staff of the area.", "staff_only");
    }
    return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
}

int course_person_of(wy_ctx *ctx, const course *k, const char *birth_date, course_person *out)
{
    *out = (course_person){.division = ctx->who->division,
                           .staff = course_staff_of(ctx->who, course_staff_area(k))};
    const char *stored = NULL;
    int rc = store_learner_birth_date(ctx->c, ctx->a, ctx->who->user_id, &stored);
    if (rc == WY_OK) {
        out->birth_date = stored; /* declared once: a later one does not change it */
        return 0;
    }
    if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "learner");
    if (!birth_date || !*birth_date)
        return 0;
    int64_t day = course_day_parse(birth_date);
    if (day < 0 || day > course_day_of(ctx->now))
        return wy_fail_field(ctx, E_INVALID, "bad_birth_date",
                             "A date of birth is a past date, YYYY-MM-DD.", "birth_date");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_learner_set_birth_date(ctx->c, ctx->a, ctx->who->user_id, birth_date, ctx->now,
                                      &out->birth_date);
    return tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "learner"));
}

int course_birth_date_known(wy_ctx *ctx)
{
    const char *b;
    return ctx->who && ctx->who->user_id &&
           store_learner_birth_date(ctx->c, ctx->a, ctx->who->user_id, &b) == WY_OK;
}

int course_completed(int attended, int sessions, int percent)
{
    return sessions > 0 && (int64_t)attended * 100 >= (int64_t)percent * sessions;
}

/* ---- first-come enrolment ---- */

/* The seat writer's kind for course places: a run of enrolment jobs, one batch. Only the
 * writer's one thread calls it, so the batch's arrays are static. */
static int enrol_batch(db *c, seats_job *const *jobs, size_t n)
{
    static course_enrol_req reqs[SEATS_BATCH_MAX];
    static course_enrol_res res[SEATS_BATCH_MAX];
    if (n > SEATS_BATCH_MAX)
        return WY_ERR;
    for (size_t i = 0; i < n; i++)
        reqs[i] = ((enrol_job *)jobs[i])->req;
    memset(res, 0, n * sizeof(res[0]));
    int rc = store_course_enrol_batch(c, reqs, n, res);
    for (size_t i = 0; i < n; i++)
        ((enrol_job *)jobs[i])->res = res[i];
    return rc;
}

static const seats_kind enrol_kind = {"course", enrol_batch};

static void enrol_job_done(seats_job *sj)
{
    enrol_job *j = (enrol_job *)sj;
    j->store_rc = sj->store_rc;
    j->done(j);
}

int enrol_submit(enrol_job *j)
{
    j->base.kind = &enrol_kind;
    j->base.done = enrol_job_done;
    return seats_submit(&j->base);
}

int enrol_busy(wy_ctx *ctx)
{
    wy_fail(ctx, E_UNAVAILABLE, "busy", "Too many people are enrolling right now; try again soon.");
    ctx->err.retry_after_s = 2;
    return -1;
}

int enrol_now(wy_ctx *ctx, const course_enrol_req *req, course_enrol_res *res)
{
    int rc = store_course_enrol_batch(ctx->c, req, 1, res);
    if (rc == WY_OK)
        rc = res->rc;
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "enrolment");
}

int enrol_refuse(wy_ctx *ctx, int outcome)
{
    switch (outcome) {
    case COURSE_ENROLLED:
        return 0;
    case COURSE_FULL:
        return wy_fail(ctx, E_CONFLICT, "full", "This course has no place left.");
    case COURSE_DUPLICATE:
        return wy_fail(ctx, E_CONFLICT, "duplicate", "You have a place in this course already.");
    case COURSE_OVER_LIMIT:
        return wy_fail(ctx, E_CONFLICT, "over_limit",
                       "You have as many courses this term as a person may take.");
    }
    return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
}

const char *course_new_code(wy_ctx *ctx)
{
    unsigned char raw[15];
    char out[24];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, sizeof(out), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return arena_strdup(ctx->a, out);
}

/* The refusal of a term's window at now; 0 when open. */
static int window_refusal(wy_ctx *ctx, const course_term *t)
{
    switch (term_window_at(t, ctx->now)) {
    case TERM_NOT_OPEN:
        ctx->err.opens_at = t->enrol_opens_at;
        return wy_fail(ctx, E_CONFLICT, "not_open", "Enrolment for this term has not opened yet.");
    case TERM_CLOSED:
        return wy_fail(ctx, E_CONFLICT, "closed", "Enrolment for this term has closed.");
    case TERM_OPEN:
        break;
    }
    return 0;
}

/* A published course and its term, for someone who wants to enrol or apply. */
static int load_open(wy_ctx *ctx, int64_t course_id, course *k, course_term *t)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int rc = store_course_get(ctx->c, ctx->a, course_id, k);
    if (rc == WY_NOTFOUND ||
        (rc == WY_OK && strcmp(k->status, "published") && strcmp(k->status, "cancelled")))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such course.");
    if (rc == WY_OK)
        rc = store_term_get(ctx->c, ctx->a, k->term_id, t);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (!strcmp(k->status, "cancelled"))
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This course has been cancelled.");
    return 0;
}

int enrol_prepare(wy_ctx *ctx, int64_t course_id, const char *birth_date, const char *idem_key,
                  course_enrol_req *req)
{
    course k;
    course_term t;
    if (load_open(ctx, course_id, &k, &t) < 0)
        return -1;
    if (strcmp(k.enrolment, "first_come"))
        return wy_fail(ctx, E_CONFLICT, "lottery",
                       "Places in this course are drawn by lot: apply to the term instead.");
    if (idem_key && (!*idem_key || strlen(idem_key) > 64))
        return wy_fail(ctx, E_INVALID, "bad_idempotency_key",
                       "An Idempotency-Key has 1 to 64 characters.");
    /* a retry of a request that enrolled already gets its first answer (from the batch),
     * even when the rules below would now say no */
    course_enrolment e;
    int rc = store_enrolment_live(ctx->c, ctx->a, course_id, ctx->who->user_id, &e);
    int live = rc == WY_OK;
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "enrolment");
    *req = (course_enrol_req){.course_id = course_id,
                              .term_id = k.term_id,
                              .user_id = ctx->who->user_id,
                              .max_courses = t.max_courses,
                              .code = course_new_code(ctx),
                              .idem_key = idem_key ? arena_strdup(ctx->a, idem_key) : NULL,
                              .now = ctx->now,
                              .title = k.title,
                              .division = k.division};
    if (live && idem_key)
        return check_mem(ctx); /* the batch answers the replay, or duplicate */
    if (window_refusal(ctx, &t) < 0)
        return -1;
    if (live)
        return enrol_refuse(ctx, COURSE_DUPLICATE);
    course_person p;
    if (course_person_of(ctx, &k, birth_date, &p) < 0 ||
        course_verdict_refusal(ctx, course_eligibility(&k, &t, &p)) < 0)
        return -1;
    /* early answers, true of the moment they were read; the batch decides again */
    int64_t held = 0;
    rc = store_holds_of(ctx->c, k.term_id, ctx->who->user_id, &held);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "holds");
    if (seats_quota_passed(held, 1, t.max_courses))
        return enrol_refuse(ctx, COURSE_OVER_LIMIT);
    if (!seats_fit(k.places, k.taken, 1))
        return enrol_refuse(ctx, COURSE_FULL);
    /* the writer writes this with a connection of its own, which the arena does not guard */
    return check_mem(ctx);
}

int enrol_mine_in(wy_ctx *ctx, int64_t course_id, course_enrolment *out)
{
    if (!ctx->who || !ctx->who->user_id)
        return 0;
    int rc = store_enrolment_live(ctx->c, ctx->a, course_id, ctx->who->user_id, out);
    return rc == WY_OK ? 1 : rc == WY_NOTFOUND ? 0 : wy_fail_store(ctx, rc, "enrolment");
}

int enrol_own(wy_ctx *ctx, int64_t enrolment_id, course_enrolment *out)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    int rc = store_enrolment_get(ctx->c, ctx->a, enrolment_id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "enrolment");
    if (out->user_id != ctx->who->user_id) /* another person's place does not exist for you */
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

int enrol_withdraw(wy_ctx *ctx, int64_t enrolment_id)
{
    course_enrolment e;
    course k;
    if (enrol_own(ctx, enrolment_id, &e) < 0)
        return -1;
    int rc = store_course_get(ctx->c, ctx->a, e.course_id, &k);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    course_session *ss;
    size_t ns;
    rc = store_course_sessions(ctx->c, ctx->a, k.id, &ss, &ns);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "sessions");
    if (ns && ss[ns - 1].ends_at <= ctx->now)
        return wy_fail(ctx, E_RULE, "too_late", "This course is over: its place stays on record.");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    rc = store_enrolment_withdraw(ctx->c, enrolment_id, ctx->now);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "not_enrolled", "This place has been given up already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "withdraw");
    if (res == 0)
        res = audit_add(ctx, "course_enrolment.withdraw", "course_enrolment", enrolment_id,
                        k.division, "confirmed", "withdrawn", NULL);
    const char *params = res ? NULL
                             : arena_sprintf(ctx->a, "{\"course_id\":%lld,\"enrolment_id\":%lld}",
                                             (long long)k.id, (long long)enrolment_id);
    if (res == 0 && !params)
        res = wy_fail_store(ctx, WY_NOMEM, "enrolment");
    if (res == 0)
        res = course_tell(ctx, &course_kind_withdrawn, e.user_id, "course_enrolment", enrolment_id,
                          k.title, k.division, params);
    if (res == 0) /* a lottery course's place goes to the next in line */
        res = course_serve_waiting(ctx, k.id);
    return tx_end(ctx, res);
}

/* ---- lottery applications ---- */

int application_get(wy_ctx *ctx, int64_t term_id, course_application *out)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int rc = store_application_get(ctx->c, ctx->a, term_id, ctx->who->user_id, out);
    if (rc == WY_OK && strcmp(out->status, "active"))
        rc = WY_NOTFOUND;
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
}

static const char *new_pseudonym(wy_ctx *ctx)
{
    unsigned char raw[16];
    char hex[33];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
    return arena_strdup(ctx->a, hex);
}

int application_set(wy_ctx *ctx, int64_t term_id, const int64_t *choices, int n,
                    const char *birth_date, course_application *out)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    course_term t;
    int rc = store_term_get(ctx->c, ctx->a, term_id, &t);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "term");
    if (window_refusal(ctx, &t) < 0)
        return -1;
    if (n < 0 || n > t.max_choices || n > 10)
        return wy_fail_field(ctx, E_RULE, "too_many_choices",
                             "An application ranks fewer courses in this term.", "choices");
    /* each choice: a published lottery course of this term, once, that the person may take */
    for (int i = 0; i < n; i++) {
        course k;
        for (int j = 0; j < i; j++)
            if (choices[j] == choices[i])
                return wy_fail_field(ctx, E_INVALID, "duplicate_choice", "A course is ranked once.",
                                     "choices");
        rc = store_course_get(ctx->c, ctx->a, choices[i], &k);
        if (rc != WY_OK && rc != WY_NOTFOUND)
            return wy_fail_store(ctx, rc, "course");
        if (rc == WY_NOTFOUND || strcmp(k.status, "published") || k.term_id != term_id ||
            strcmp(k.enrolment, "lottery"))
            return wy_fail_field(ctx, E_RULE, "bad_choice",
                                 "Only the published lottery courses of this term can be ranked.",
                                 "choices");
        course_person p;
        if (course_person_of(ctx, &k, birth_date, &p) < 0 ||
            course_verdict_refusal(ctx, course_eligibility(&k, &t, &p)) < 0)
            return -1;
    }
    course_application old;
    rc = store_application_get(ctx->c, ctx->a, term_id, ctx->who->user_id, &old);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "application");
    const char *pseudonym = rc == WY_OK ? old.pseudonym : new_pseudonym(ctx);
    if (rc == WY_NOTFOUND && n == 0)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "You have not applied to this term.");
    int returning = 0;
    if (t.returning_after_new &&
        (rc = store_returning(ctx->c, term_id, t.division, ctx->who->user_id, &returning)) != WY_OK)
        return wy_fail_store(ctx, rc, "returning");
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t id;
    rc = store_application_put(ctx->c, term_id, ctx->who->user_id, pseudonym, returning,
                               n ? "active" : "withdrawn", choices, n, ctx->now, &id);
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application")) < 0)
        return -1;
    if (!out)
        return 0;
    rc = store_application_get(ctx->c, ctx->a, term_id, ctx->who->user_id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
}

/* The course's term's application of ctx->who, its choices in ids (none when there is no
 * active one). */
static int current_choices(wy_ctx *ctx, const course *k, int64_t *ids, int *n)
{
    course_application a;
    int rc = store_application_get(ctx->c, ctx->a, k->term_id, ctx->who->user_id, &a);
    *n = 0;
    if (rc == WY_NOTFOUND)
        return 0;
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    if (!strcmp(a.status, "active")) {
        memcpy(ids, a.choices, (size_t)a.nchoices * sizeof(*ids));
        *n = a.nchoices;
    }
    return 0;
}

int application_add(wy_ctx *ctx, int64_t course_id, const char *birth_date, course_application *out)
{
    course k;
    course_term t;
    int64_t ids[11];
    int n;
    if (load_open(ctx, course_id, &k, &t) < 0)
        return -1;
    if (strcmp(k.enrolment, "lottery"))
        return wy_fail(ctx, E_CONFLICT, "first_come",
                       "Places in this course go to the first who enrol: enrol instead.");
    if (current_choices(ctx, &k, ids, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (ids[i] == course_id)
            return wy_fail(ctx, E_CONFLICT, "duplicate",
                           "This course is in your application already.");
    if (n >= t.max_choices)
        return wy_fail_field(ctx, E_RULE, "too_many_choices",
                             "An application ranks fewer courses in this term.", "choices");
    ids[n++] = course_id;
    return application_set(ctx, k.term_id, ids, n, birth_date, out);
}

int application_remove(wy_ctx *ctx, int64_t course_id, course_application *out)
{
    course k;
    int64_t ids[11];
    int n, kept = 0;
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int rc = store_course_get(ctx->c, ctx->a, course_id, &k);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (current_choices(ctx, &k, ids, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (ids[i] != course_id)
            ids[kept++] = ids[i];
    if (kept == n)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "This course is not in your application.");
    return application_set(ctx, k.term_id, ids, kept, NULL, kept ? out : NULL);
}

int application_withdraw(wy_ctx *ctx, int64_t term_id)
{
    return application_set(ctx, term_id, NULL, 0, NULL, NULL);
}

int course_lottery_input(wy_ctx *ctx, int64_t term_id, course_lottery_inputs *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_term_get(ctx->c, ctx->a, term_id, &out->term);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "term");
    if (authz_require(ctx, PERM_COURSES_MANAGE, out->term.division) < 0)
        return -1;
    /* the term's published courses, page by page, the lottery ones kept */
    size_t cap = 64;
    out->courses = arena_alloc(ctx->a, cap * sizeof(*out->courses));
    course_filter f = {.status = "published", .term_id = term_id, .limit = 500};
    for (;;) {
        course_hit *h;
        size_t n;
        if (!out->courses)
            return wy_fail_store(ctx, WY_NOMEM, "courses");
        rc = store_course_list(ctx->c, ctx->a, &f, &h, &n);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "courses");
        for (size_t i = 0; i < n; i++) {
            if (strcmp(h[i].k.enrolment, "lottery"))
                continue;
            if (out->ncourses == cap) {
                course_lottery_course *w = arena_alloc(ctx->a, 2 * cap * sizeof(*w));
                if (!w)
                    return wy_fail_store(ctx, WY_NOMEM, "courses");
                memcpy(w, out->courses, cap * sizeof(*w));
                out->courses = w;
                cap *= 2;
            }
            out->courses[out->ncourses++] =
                (course_lottery_course){h[i].k.id, h[i].k.places - h[i].k.taken, h[i].k.title};
        }
        if (n < (size_t)f.limit)
            break;
        f.after = h[n - 1].k.id;
    }
    rc = store_lottery_applicants(ctx->c, ctx->a, term_id, &out->applicants, &out->napplicants);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "applications");
}

/* ---- a person's courses ---- */

int course_mine(wy_ctx *ctx, const char *cursor, int limit, my_courses *out)
{
    memset(out, 0, sizeof(*out));
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int64_t after = 0;
    if (cursor && *cursor) {
        char *end;
        after = strtoll(cursor, &end, 10);
        if (*end || after <= 0)
            return wy_fail_field(ctx, E_INVALID, "bad_cursor", "The cursor is not valid.",
                                 "cursor");
    }
    if (limit <= 0)
        limit = 20;
    int rc = store_courses_of_user(ctx->c, ctx->a, ctx->who->user_id, after, limit + 1,
                                   &out->enrolments, &out->nenrolments);
    if (rc == WY_OK && !after)
        rc = store_applications_of_user(ctx->c, ctx->a, ctx->who->user_id, &out->applications,
                                        &out->napplications);
    if (rc == WY_OK && !after)
        rc =
            store_waiting_of_user(ctx->c, ctx->a, ctx->who->user_id, &out->waiting, &out->nwaiting);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "my courses");
    if (out->nenrolments > (size_t)limit) {
        out->nenrolments = (size_t)limit;
        out->next_cursor =
            arena_sprintf(ctx->a, "%lld", (long long)out->enrolments[limit - 1].e.id);
    }
    /* the course certificates among the person's (a few a year: the latest hundred) */
    certificate *cs;
    size_t n;
    if (certificate_mine(ctx, 0, 100, &cs, &n) < 0)
        return -1;
    out->certificates = cs;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(cs[i].kind, COURSE_CERTIFICATE_KIND))
            out->certificates[out->ncertificates++] = cs[i];
    return 0;
}

/* The valid certificate of course among cs[0..n), else the last revoked one. */
static const certificate *certificate_in(const certificate *cs, size_t n, int64_t course_id,
                                         int64_t user_id)
{
    const certificate *best = NULL;
    for (size_t i = 0; i < n; i++) {
        if (cs[i].subject_id != course_id || (user_id && cs[i].holder_id != user_id))
            continue;
        if (!strcmp(cs[i].status, "valid"))
            return &cs[i];
        if (!best || cs[i].id > best->id)
            best = &cs[i];
    }
    return best;
}

const certificate *course_my_certificate(const my_courses *m, int64_t course_id)
{
    return certificate_in(m->certificates, m->ncertificates, course_id, 0);
}

const certificate *course_roster_certificate(const course_roster *r, int64_t user_id)
{
    return user_id ? certificate_in(r->certificates, r->ncertificates, r->v.k.id, user_id) : NULL;
}

/* ---- the roster and attendance ---- */

int course_may_teach(wy_ctx *ctx, const course *k)
{
    if (course_managed_by(ctx->who, k) || course_taught_by(ctx, k))
        return 0;
    if (strcmp(k->status, "published") && strcmp(k->status, "cancelled") &&
        !authz_allows(ctx->who, PERM_REVIEW, k->division))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return authz_require(ctx, PERM_COURSES_TEACH, k->division) < 0
               ? -1
               : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
}

int course_roster_get(wy_ctx *ctx, int64_t course_id, course_roster *out)
{
    memset(out, 0, sizeof(*out));
    int rc = store_course_get(ctx->c, ctx->a, course_id, &out->v.k);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (course_may_teach(ctx, &out->v.k) < 0 || course_get(ctx, course_id, &out->v) < 0)
        return -1;
    rc = store_course_roster(ctx->c, ctx->a, course_id, &out->rows, &out->nrows);
    if (rc == WY_OK)
        rc = store_course_attendance(ctx->c, ctx->a, course_id, &out->marks, &out->nmarks);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "roster");
    if (certificate_of_subject(ctx, COURSE_CERTIFICATE_KIND, course_id, &out->certificates,
                               &out->ncertificates) < 0)
        return -1;
    out->completion_percent = (int)config_module_int(ctx->cfg, "courses", "completion_percent");
    for (size_t i = 0; i < out->v.nsessions; i++)
        out->held += !strcmp(out->v.sessions[i].status, "scheduled");
    return audit_personal(ctx, "personal.read", "course",
                          arena_sprintf(ctx->a, "%lld", (long long)course_id), out->v.k.division,
                          arena_sprintf(ctx->a, "roster: %zu", out->nrows));
}

int course_checkin(wy_ctx *ctx, int64_t session_id, const char *code, int64_t enrolment_id,
                   course_enrolment *out)
{
    course_session s;
    course k;
    if ((!code || !*code) && enrolment_id <= 0)
        return wy_fail_field(ctx, E_INVALID, "bad_code",
                             "Give the code of the place, or the enrolment on the roster.", "code");
    int rc = store_course_session_get(ctx->c, ctx->a, session_id, &s);
    if (rc == WY_OK)
        rc = store_course_get(ctx->c, ctx->a, s.course_id, &k);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
    if (course_may_teach(ctx, &k) < 0)
        return -1;
    rc = code && *code ? store_enrolment_by_code(ctx->c, ctx->a, code, out)
                       : store_enrolment_get(ctx->c, ctx->a, enrolment_id, out);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "unknown_code", "No place in a course has this code.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "enrolment");
    if (out->course_id != k.id)
        return wy_fail(ctx, E_CONFLICT, "wrong_course", "This place is in another course.");
    if (strcmp(out->status, "confirmed"))
        return wy_fail(ctx, E_CONFLICT, "not_enrolled", "This place has been given up.");
    if (strcmp(s.status, "scheduled"))
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This session has been cancelled.");
    /* the code works at the door of its session (from a while before it starts until it
     * ends); the teacher's roster may be marked afterwards too */
    int64_t opens = s.starts_at - (int64_t)ctx->cfg->booking_checkin_early_min * 60000;
    if (ctx->now < opens) {
        ctx->err.opens_at = opens;
        return wy_fail(ctx, E_CONFLICT, "checkin_not_open",
                       "Not yet: check-in for this class has not opened.");
    }
    if (code && *code && ctx->now >= s.ends_at)
        return wy_fail(ctx, E_CONFLICT, "session_over", "This class is over: check-in has closed.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_attendance_add(ctx->c, session_id, out->id, ctx->who->user_id,
                              code && *code ? "code" : "roster", ctx->now);
    int res = rc == WY_CONSTRAINT ? wy_fail(ctx, E_CONFLICT, "already_checked_in",
                                            "This person is checked in at this session already.")
              : rc != WY_OK       ? wy_fail_store(ctx, rc, "check-in")
                                  : 0;
    return tx_end(ctx, res);
}
