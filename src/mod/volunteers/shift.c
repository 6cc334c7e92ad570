/* shift: see shift.h. */
#include "mod/volunteers/shift.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "util/csvread.h"

static int text_ok(const char *s, size_t min, size_t max)
{
    if (!s)
        return min == 0;
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return 0;
    size_t len = utf8_length(s);
    return len >= min && len <= max;
}

/* The check code behind the QR at the place: 20 random bytes, URL-safe, never guessed. */
static const char *new_check_code(wy_ctx *ctx)
{
    unsigned char raw[20];
    char out[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, sizeof(out), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return arena_strdup(ctx->a, out);
}

/* The input's checks (shared by creation and change); *skills the joined list. */
static int check_input(wy_ctx *ctx, const shift_input *in, const char **skills)
{
    if (!text_ok(in->title, 0, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has at most 100 characters.",
                             "title");
    if (!text_ok(in->place, 1, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_place", "A place has 1 to 200 characters.",
                             "place");
    if (!seats_span_valid(in->starts_at, in->ends_at) ||
        in->ends_at - in->starts_at > SHIFT_LENGTH_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_time",
                             "A shift ends after it starts, within a day.", "ends_at");
    if (in->starts_at <= ctx->now)
        return wy_fail_field(ctx, E_INVALID, "bad_time", "A shift starts in the future.",
                             "starts_at");
    if (in->capacity < 1 || in->capacity > SHIFT_CAPACITY_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_capacity", "A shift has 1 to 1000 places.",
                             "capacity");
    if (in->nskills > SHIFT_SKILLS_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_skill",
                             "Name at most 5 skills, each once, from the list.", "skills");
    size_t len = 2;
    for (size_t i = 0; i < in->nskills; i++) {
        if (!volunteer_skill_known(in->skills[i]))
            return wy_fail_field(ctx, E_INVALID, "bad_skill",
                                 "Name at most 5 skills, each once, from the list.", "skills");
        for (size_t k = 0; k < i; k++)
            if (!strcmp(in->skills[i], in->skills[k]))
                return wy_fail_field(ctx, E_INVALID, "bad_skill",
                                     "Name at most 5 skills, each once, from the list.", "skills");
        len += strlen(in->skills[i]) + 1;
    }
    char *s = arena_alloc(ctx->a, len);
    if (!s)
        return wy_fail_store(ctx, WY_NOMEM, "skills");
    strcpy(s, ",");
    for (size_t i = 0; i < in->nskills; i++) {
        strcat(s, in->skills[i]);
        strcat(s, ",");
    }
    *skills = s;
    if (in->venue_id) {
        int known;
        int rc = store_shift_venue_known(ctx->c, in->venue_id, &known);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "venue");
        if (!known)
            return wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
    }
    return 0;
}

int shift_may_manage(const wy_ctx *ctx, const volunteer_shift *s)
{
    return authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, s->division);
}

int shift_create(wy_ctx *ctx, int64_t project_id, const shift_input *in, int64_t *id)
{
    volunteer_project p;
    int rc = store_volunteer_project_get(ctx->c, ctx->a, project_id, &p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project");
    if (volunteer_org_require(ctx, p.org_id, p.division) < 0 ||
        volunteer_org_live(ctx, p.org_id) < 0)
        return -1;
    if (!strcmp(p.status, "rejected"))
        return wy_fail(ctx, E_CONFLICT, "bad_state", "A rejected project takes no shifts.");
    const char *skills;
    if (check_input(ctx, in, &skills) < 0)
        return -1;
    volunteer_shift s = {.project_id = project_id,
                         .division = p.division,
                         .title = in->title ? in->title : "",
                         .starts_at = in->starts_at,
                         .ends_at = in->ends_at,
                         .place = in->place,
                         .venue_id = in->venue_id,
                         .capacity = in->capacity,
                         .skills = skills,
                         .check_code = new_check_code(ctx),
                         .created_by = ctx->who->user_id};
    if (check_mem(ctx) < 0 || tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    rc = store_shift_create(ctx->c, &s, ctx->now, id);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "shift create");
    if (res == 0)
        res = audit_add(ctx, "volunteer_shift.create", "volunteer_shift", *id, p.division, NULL,
                        "open", in->place);
    return tx_end(ctx, res);
}

/* May ctx->who read project p (published, or staff of its division)? */
static int project_visible(const wy_ctx *ctx, const volunteer_project *p)
{
    return !strcmp(p->status, "published") ||
           authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, p->division) ||
           authz_allows(ctx->who, PERM_REVIEW, p->division);
}

int shift_get(wy_ctx *ctx, int64_t id, volunteer_shift *out, volunteer_project *pp)
{
    volunteer_project p;
    int rc = store_shift_get(ctx->c, ctx->a, id, out);
    if (rc == WY_OK)
        rc = store_volunteer_project_get(ctx->c, ctx->a, out->project_id, &p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "shift");
    if (!project_visible(ctx, &p))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (pp)
        *pp = p;
    return 0;
}

int shift_list(wy_ctx *ctx, int64_t project_id, int64_t from, volunteer_shift **out, size_t *n)
{
    volunteer_project p;
    if (volunteer_project_get(ctx, project_id, &p) < 0)
        return -1;
    int rc = store_shift_list(ctx->c, ctx->a, project_id, from, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "shifts");
}

/* A shift ctx->who manages, open and not started (for changes and invitations). */
static int load_managed(wy_ctx *ctx, int64_t id, volunteer_shift *s, volunteer_project *p)
{
    if (shift_get(ctx, id, s, p) < 0)
        return -1;
    if (volunteer_org_require(ctx, p->org_id, s->division) < 0)
        return -1;
    if (strcmp(s->status, "open"))
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This shift has been cancelled.");
    if (s->starts_at <= ctx->now)
        return wy_fail(ctx, E_CONFLICT, "started", "This shift has started.");
    return 0;
}

/* Promote the first waiters into free places, telling each; inside the caller's transaction. */
static int serve_waiting(wy_ctx *ctx, const volunteer_shift *s)
{
    /* at most every place of the shift moves: each promoted one is told */
    int64_t *promoted = arena_alloc(ctx->a, SHIFT_CAPACITY_MAX * sizeof(*promoted));
    size_t np = 0;
    if (!promoted)
        return wy_fail_store(ctx, WY_NOMEM, "waiting list");
    int rc = seats_promote(ctx->c, &shift_waiting_ops, s->id, ctx->now, promoted,
                           SHIFT_CAPACITY_MAX, &np);
    for (size_t i = 0; rc == WY_OK && i < np && i < SHIFT_CAPACITY_MAX; i++) {
        shift_signup g;
        rc = store_signup_get(ctx->c, ctx->a, promoted[i], &g);
        if (rc == WY_OK)
            rc = store_shift_notify(ctx->c, &shift_kind_promoted, g.user_id, g.id, s->id,
                                    g.project_title, s->starts_at, s->division, ctx->now);
    }
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "waiting list");
}

int shift_update(wy_ctx *ctx, int64_t id, const shift_input *in)
{
    volunteer_shift s;
    volunteer_project p;
    if (load_managed(ctx, id, &s, &p) < 0)
        return -1;
    const char *skills;
    if (check_input(ctx, in, &skills) < 0)
        return -1;
    volunteer_shift next = s;
    next.title = in->title ? in->title : s.title;
    next.starts_at = in->starts_at;
    next.ends_at = in->ends_at;
    next.place = in->place;
    next.venue_id = in->venue_id;
    next.capacity = in->capacity;
    next.skills = skills;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_shift_update(ctx->c, &next, ctx->now);
    if (rc == WY_CONSTRAINT)
        res = wy_fail_field(ctx, E_RULE, "capacity_below_taken",
                            "A shift's places cannot go below the places taken.", "capacity");
    else if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "cancelled", "This shift has been cancelled.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "shift update");
    if (res == 0 && next.capacity > s.capacity)
        res = serve_waiting(ctx, &next);
    if (res == 0)
        res = audit_add(ctx, "volunteer_shift.update", "volunteer_shift", id, s.division, NULL,
                        NULL, next.place);
    return tx_end(ctx, res);
}

int shift_cancel(wy_ctx *ctx, int64_t id)
{
    volunteer_shift s;
    volunteer_project p;
    if (shift_get(ctx, id, &s, &p) < 0 || volunteer_org_require(ctx, p.org_id, s.division) < 0)
        return -1;
    if (strcmp(s.status, "open"))
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This shift has been cancelled already.");
    if (s.ends_at <= ctx->now)
        return wy_fail(ctx, E_CONFLICT, "over", "This shift is over.");
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t *signups = NULL, *users = NULL;
    size_t n = 0;
    int res = 0;
    int rc = store_shift_cancel(ctx->c, ctx->a, id, ctx->now, &signups, &users, &n);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "cancelled", "This shift has been cancelled already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "shift cancel");
    for (size_t i = 0; res == 0 && i < n; i++) {
        rc = store_shift_notify(ctx->c, &shift_kind_cancelled, users[i], signups[i], id, p.title,
                                s.starts_at, s.division, ctx->now);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "notify");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_shift.cancel", "volunteer_shift", id, s.division, "open",
                        "cancelled", arena_sprintf(ctx->a, "sign-ups cancelled: %zu", n));
    return tx_end(ctx, res);
}

/* ---- sign-ups ---- */

/* The seat writer's kind for shift places: a run of sign-up jobs, one batch. Only the writer's
 * one thread calls it, so the batch's arrays are static. */
static int signup_batch(db *c, seats_job *const *jobs, size_t n)
{
    static shift_signup_req reqs[SEATS_BATCH_MAX];
    static shift_signup_res res[SEATS_BATCH_MAX];
    if (n > SEATS_BATCH_MAX)
        return WY_ERR;
    for (size_t i = 0; i < n; i++)
        reqs[i] = ((signup_job *)jobs[i])->req;
    memset(res, 0, n * sizeof(res[0]));
    int rc = store_shift_signup_batch(c, reqs, n, res);
    for (size_t i = 0; i < n; i++)
        ((signup_job *)jobs[i])->res = res[i];
    return rc;
}

static const seats_kind signup_kind = {"volunteer_shift", signup_batch};

static void signup_job_done(seats_job *sj)
{
    signup_job *j = (signup_job *)sj;
    j->store_rc = sj->store_rc;
    j->done(j);
}

int shift_signup_submit(signup_job *j)
{
    j->base.kind = &signup_kind;
    j->base.done = signup_job_done;
    return seats_submit(&j->base);
}

int shift_busy(wy_ctx *ctx)
{
    wy_fail(ctx, E_UNAVAILABLE, "busy",
            "Too many people are signing up right now; try again soon.");
    ctx->err.retry_after_s = 2;
    return -1;
}

int shift_signup_now(wy_ctx *ctx, const shift_signup_req *req, shift_signup_res *res)
{
    int rc = store_shift_signup_batch(ctx->c, req, 1, res);
    if (rc == WY_OK)
        rc = res->rc;
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "sign-up");
}

int shift_signup_refuse(wy_ctx *ctx, int outcome)
{
    switch (outcome) {
    case SHIFT_CONFIRMED:
    case SHIFT_WAITLISTED:
        return 0;
    case SHIFT_DUPLICATE:
        return wy_fail(ctx, E_CONFLICT, "duplicate",
                       "You have signed up for this shift, or been invited to it, already.");
    case SHIFT_OVERLAP:
        return wy_fail(ctx, E_CONFLICT, "overlap",
                       "You have signed up for another shift at the same time.");
    case SHIFT_CLOSED:
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This shift has been cancelled.");
    }
    return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
}

/* ctx->who's profile, a minor's only with a guardian's consent. */
static int volunteer_of(wy_ctx *ctx, volunteer *v)
{
    if (volunteer_me(ctx, v) < 0)
        return -1;
    if (volunteer_age(v->birth_date, ctx->now) < VOLUNTEER_ADULT_AGE && !v->guardian_name)
        return wy_fail(ctx, E_RULE, "guardian_consent_required",
                       "A volunteer under 18 serves only with a guardian's consent recorded.");
    return 0;
}

/* The shift and project a volunteer may take part in now: published, open, not started. */
static int load_open(wy_ctx *ctx, int64_t shift_id, volunteer_shift *s, volunteer_project *p)
{
    int rc = store_shift_get(ctx->c, ctx->a, shift_id, s);
    if (rc == WY_OK)
        rc = store_volunteer_project_get(ctx->c, ctx->a, s->project_id, p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "shift");
    if (strcmp(p->status, "published"))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    if (strcmp(s->status, "open"))
        return wy_fail(ctx, E_CONFLICT, "cancelled", "This shift has been cancelled.");
    if (s->starts_at <= ctx->now)
        return wy_fail(ctx, E_CONFLICT, "started", "This shift has started: sign-up is closed.");
    return 0;
}

int shift_signup_prepare(wy_ctx *ctx, int64_t shift_id, const char *idem_key, shift_signup_req *req)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (idem_key && (!*idem_key || strlen(idem_key) > 64))
        return wy_fail(ctx, E_INVALID, "bad_idempotency_key",
                       "An Idempotency-Key has 1 to 64 characters.");
    volunteer v;
    volunteer_shift s;
    volunteer_project p;
    if (volunteer_of(ctx, &v) < 0)
        return -1;
    int rc = store_shift_get(ctx->c, ctx->a, shift_id, &s);
    if (rc == WY_OK)
        rc = store_volunteer_project_get(ctx->c, ctx->a, s.project_id, &p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "shift");
    *req = (shift_signup_req){.shift_id = shift_id,
                              .volunteer_id = v.id,
                              .user_id = ctx->who->user_id,
                              .starts_at = s.starts_at,
                              .ends_at = s.ends_at,
                              .idem_key = idem_key ? arena_strdup(ctx->a, idem_key) : NULL,
                              .title = p.title,
                              .division = s.division,
                              .now = ctx->now};
    /* a retry of a request that signed up already gets its first answer (from the batch) */
    shift_signup live;
    rc = store_signup_live(ctx->c, ctx->a, shift_id, ctx->who->user_id, &live);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "sign-up");
    if (rc == WY_OK && idem_key)
        return check_mem(ctx);
    if (load_open(ctx, shift_id, &s, &p) < 0)
        return -1;
    if (rc == WY_OK)
        return shift_signup_refuse(ctx, SHIFT_DUPLICATE);
    /* early answers, true of the moment they were read; the batch decides again */
    int overlap;
    rc =
        store_signup_overlap(ctx->c, ctx->who->user_id, shift_id, s.starts_at, s.ends_at, &overlap);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "sign-up");
    if (overlap)
        return shift_signup_refuse(ctx, SHIFT_OVERLAP);
    /* the writer writes this with a connection of its own, which the arena does not guard */
    return check_mem(ctx);
}

/* ctx->who's own sign-up (E_NOTFOUND for anyone else's). */
static int own_signup(wy_ctx *ctx, int64_t id, shift_signup *out)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    int rc = store_signup_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "sign-up");
    if (out->user_id != ctx->who->user_id)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

int shift_signup_cancel(wy_ctx *ctx, int64_t signup_id)
{
    shift_signup g;
    volunteer_shift s;
    if (own_signup(ctx, signup_id, &g) < 0)
        return -1;
    int rc = store_shift_get(ctx->c, ctx->a, g.shift_id, &s);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "shift");
    if (strcmp(g.status, "confirmed") && strcmp(g.status, "waitlisted"))
        return wy_fail(ctx, E_CONFLICT, "not_live",
                       "This sign-up holds no place and waits for none.");
    if (s.starts_at <= ctx->now)
        return wy_fail(ctx, E_RULE, "started",
                       "This shift has started: the sign-up stays on record.");
    if (tx_begin(ctx) < 0)
        return -1;
    int held = 0, res = 0;
    rc =
        store_signup_end(ctx->c, signup_id, ",confirmed,waitlisted,", "cancelled", ctx->now, &held);
    if (rc == WY_NOTFOUND)
        res =
            wy_fail(ctx, E_CONFLICT, "not_live", "This sign-up holds no place and waits for none.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "sign-up cancel");
    if (res == 0 && held && !strcmp(s.status, "open"))
        res = serve_waiting(ctx, &s);
    if (res == 0)
        res = audit_add(ctx, "volunteer_signup.cancel", "volunteer_signup", signup_id, s.division,
                        g.status, "cancelled", NULL);
    return tx_end(ctx, res);
}

int shift_mine_in(wy_ctx *ctx, int64_t shift_id, shift_signup *out)
{
    if (!ctx->who || !ctx->who->user_id)
        return 0;
    int rc = store_signup_live(ctx->c, ctx->a, shift_id, ctx->who->user_id, out);
    return rc == WY_OK ? 1 : rc == WY_NOTFOUND ? 0 : wy_fail_store(ctx, rc, "sign-up");
}

int shift_mine(wy_ctx *ctx, int live, int limit, shift_signup **out, size_t *n)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int rc = store_signups_of_user(ctx->c, ctx->a, ctx->who->user_id, live, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "sign-ups");
}

/* ---- coordinators ---- */

int shift_managed_projects(wy_ctx *ctx, int limit, volunteer_project **out, size_t *n)
{
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t ns = authz_scopes(ctx->who, PERM_VOLUNTEERS_MANAGE, scopes, AUTHZ_SCOPES_MAX);
    if (!ns)
        return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
    volunteer_project *all = arena_alloc(ctx->a, (size_t)limit * ns * sizeof(*all));
    size_t total = 0;
    if (!all)
        return wy_fail_store(ctx, WY_NOMEM, "projects");
    for (size_t i = 0; i < ns; i++) {
        volunteer_project *ps;
        size_t k;
        int rc = store_volunteer_project_list(ctx->c, ctx->a, scopes[i], NULL, 0, limit, &ps, &k);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "projects");
        for (size_t j = 0; j < k; j++)
            if (strcmp(ps[j].status, "rejected"))
                all[total++] = ps[j];
    }
    *out = all;
    *n = total;
    return 0;
}

int shift_roster(wy_ctx *ctx, int64_t shift_id, volunteer_shift *s, shift_signup **out, size_t *n)
{
    if (shift_get(ctx, shift_id, s, NULL) < 0 ||
        authz_require(ctx, PERM_VOLUNTEERS_MANAGE, s->division) < 0)
        return -1;
    int rc = store_shift_roster(ctx->c, ctx->a, shift_id, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "roster");
    return audit_personal(ctx, "personal.read", "volunteer_shift",
                          arena_sprintf(ctx->a, "%lld", (long long)shift_id), s->division,
                          arena_sprintf(ctx->a, "roster: %zu", *n));
}

int shift_available(wy_ctx *ctx, int64_t shift_id, const char *division, const char *skill,
                    int64_t after, int limit, volunteer **out, size_t *n)
{
    volunteer_shift s;
    if (shift_get(ctx, shift_id, &s, NULL) < 0 ||
        authz_require(ctx, PERM_VOLUNTEERS_MANAGE, s.division) < 0)
        return -1;
    char div[DIVISION_CODE_MAX];
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
        if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, div) < 0)
            return -1;
    } else {
        snprintf(div, sizeof div, "%s", s.division);
    }
    if (skill && *skill && !volunteer_skill_known(skill))
        return wy_fail_field(ctx, E_INVALID, "bad_skill", "No such skill.", "skill");
    /* the areas that contain the subtree: its ancestors (a district's volunteer serves its
     * towns) */
    static const size_t lens[] = {2, 4, 6, 9};
    const char *anc[4];
    size_t na = 0, dl = strlen(div);
    for (size_t i = 0; i < 4; i++)
        if (lens[i] < dl)
            anc[na++] = arena_strndup(ctx->a, div, lens[i]);
    if (check_mem(ctx) < 0)
        return -1;
    int rc = store_shift_available(ctx->c, ctx->a, div, anc, na, skill && *skill ? skill : NULL,
                                   s.starts_at, s.ends_at, after, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "available volunteers");
}

int shift_invite(wy_ctx *ctx, int64_t shift_id, int64_t volunteer_id, int64_t *id)
{
    volunteer_shift s;
    volunteer_project p;
    if (load_managed(ctx, shift_id, &s, &p) < 0)
        return -1;
    if (strcmp(p.status, "published"))
        return wy_fail(ctx, E_CONFLICT, "not_published",
                       "Volunteers are invited to the shifts of a published project.");
    volunteer v;
    int rc = store_volunteer_get(ctx->c, ctx->a, volunteer_id, &v);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_NOTFOUND, "unknown_volunteer", "No such volunteer.",
                             "volunteer_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "volunteer");
    if (volunteer_age(v.birth_date, ctx->now) < VOLUNTEER_ADULT_AGE && !v.guardian_name)
        return wy_fail(ctx, E_RULE, "guardian_consent_required",
                       "A volunteer under 18 serves only with a guardian's consent recorded.");
    int overlap;
    rc = store_signup_overlap(ctx->c, v.user_id, shift_id, s.starts_at, s.ends_at, &overlap);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "sign-up");
    if (overlap)
        return wy_fail(ctx, E_CONFLICT, "overlap",
                       "This volunteer has signed up for another shift at the same time.");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    rc = store_signup_invite(ctx->c, shift_id, v.id, v.user_id, ctx->who->user_id, ctx->now, id);
    if (rc == WY_CONSTRAINT)
        res = wy_fail(ctx, E_CONFLICT, "duplicate",
                      "This volunteer has signed up for this shift, or been invited, already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "invite");
    if (res == 0 && (rc = store_shift_notify(ctx->c, &shift_kind_invited, v.user_id, *id, shift_id,
                                             p.title, s.starts_at, s.division, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "notify");
    if (res == 0)
        res = audit_add(ctx, "volunteer_signup.invite", "volunteer_signup", *id, s.division, NULL,
                        "invited", NULL);
    return tx_end(ctx, res);
}

int shift_invitation_answer(wy_ctx *ctx, int64_t signup_id, int accept, shift_signup *out)
{
    shift_signup g;
    if (own_signup(ctx, signup_id, &g) < 0)
        return -1;
    if (strcmp(g.status, "invited"))
        return wy_fail(ctx, E_CONFLICT, "not_invited", "This is no invitation waiting for you.");
    volunteer_shift s;
    volunteer_project p;
    int res = 0, rc;
    if (accept) {
        volunteer v;
        int overlap;
        if (volunteer_of(ctx, &v) < 0 || load_open(ctx, g.shift_id, &s, &p) < 0)
            return -1;
        rc = store_signup_overlap(ctx->c, g.user_id, g.shift_id, s.starts_at, s.ends_at, &overlap);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "sign-up");
        if (overlap)
            return shift_signup_refuse(ctx, SHIFT_OVERLAP);
        if (tx_begin(ctx) < 0)
            return -1;
        /* decided again under the volunteer's lock: no sign-up of theirs interleaves */
        rc = store_signup_lock_volunteer(ctx->c, signup_id);
        if (rc == WY_OK)
            rc = store_signup_overlap(ctx->c, g.user_id, g.shift_id, s.starts_at, s.ends_at,
                                      &overlap);
        if (rc != WY_OK)
            return tx_end(ctx, wy_fail_store(ctx, rc, "sign-up"));
        if (overlap)
            return tx_end(ctx, shift_signup_refuse(ctx, SHIFT_OVERLAP));
        int outcome, position;
        rc =
            store_signup_take_or_wait(ctx->c, signup_id, g.shift_id, ctx->now, &outcome, &position);
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_CONFLICT, "not_invited", "This is no invitation waiting for you.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "accept");
        if (res == 0)
            res =
                audit_add(ctx, "volunteer_signup.accept", "volunteer_signup", signup_id, s.division,
                          "invited", outcome == SHIFT_CONFIRMED ? "confirmed" : "waitlisted", NULL);
    } else {
        int held;
        if (tx_begin(ctx) < 0)
            return -1;
        rc = store_signup_end(ctx->c, signup_id, ",invited,", "cancelled", ctx->now, &held);
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_CONFLICT, "not_invited", "This is no invitation waiting for you.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "decline");
        if (res == 0)
            res = audit_add(ctx, "volunteer_signup.decline", "volunteer_signup", signup_id,
                            g.division, "invited", "cancelled", NULL);
    }
    if (tx_end(ctx, res) < 0)
        return -1;
    rc = store_signup_get(ctx->c, ctx->a, signup_id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "sign-up");
}
