/* posts: see posts.h. */
#include "mod/volunteers/posts.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/notify.h"
#include "util/csvread.h"

const notify_kind post_kind_accepted = {"volunteer.post_accepted", 0};
const notify_kind post_kind_declined = {"volunteer.post_declined", 0};

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

/* The skills of in joined ",a,b," after the checks of the fixed list. */
static int join_skills(wy_ctx *ctx, const post_input *in, const char **out)
{
    static const char msg[] = "Name at most 5 skills, each once, from the list.";
    if (in->nskills > POST_SKILLS_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_skill", msg, "skills");
    size_t len = 2;
    for (size_t i = 0; i < in->nskills; i++) {
        if (!volunteer_skill_known(in->skills[i]))
            return wy_fail_field(ctx, E_INVALID, "bad_skill", msg, "skills");
        for (size_t k = 0; k < i; k++)
            if (!strcmp(in->skills[i], in->skills[k]))
                return wy_fail_field(ctx, E_INVALID, "bad_skill", msg, "skills");
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
    *out = s;
    return 0;
}

/* The venue's division (and name); unknown_venue on field venue_id otherwise. */
static int venue_of(wy_ctx *ctx, int64_t venue_id, const char **division, const char **name)
{
    int rc = store_post_venue(ctx->c, ctx->a, venue_id, division, name);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_venue", "No such venue.", "venue_id");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "venue");
}

int post_may_manage(const wy_ctx *ctx, const volunteer_post *p)
{
    return authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, p->division);
}

int post_create(wy_ctx *ctx, const post_input *in, int64_t *id)
{
    const char *division, *name, *skills = ",";
    if (venue_of(ctx, in->venue_id, &division, &name) < 0)
        return -1;
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, division) < 0)
        return -1;
    if (!text_ok(in->title, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (!text_ok(in->description, 0, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 2000 characters.", "description");
    if (!text_ok(in->schedule, 0, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_schedule",
                             "When the post is served: at most 200 characters.", "schedule");
    if (in->wanted < 1 || in->wanted > POST_WANTED_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_wanted", "A post wants 1 to 100 volunteers.",
                             "wanted");
    if (join_skills(ctx, in, &skills) < 0)
        return -1;
    volunteer_post p = {.venue_id = in->venue_id,
                        .division = division,
                        .title = in->title,
                        .skills = skills,
                        .description = in->description ? in->description : "",
                        .wanted = in->wanted,
                        .schedule = in->schedule ? in->schedule : "",
                        .created_by = ctx->who->user_id};
    if (check_mem(ctx) < 0 || tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_post_create(ctx->c, &p, ctx->now, id);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "post create");
    if (res == 0)
        res = audit_add(ctx, "volunteer_post.create", "volunteer_post", *id, division, NULL, "open",
                        in->title);
    return tx_end(ctx, res);
}

int post_update(wy_ctx *ctx, int64_t id, const post_input *in)
{
    volunteer_post p;
    const char *skills = ",";
    if (post_get(ctx, id, &p) < 0 || authz_require(ctx, PERM_VOLUNTEERS_MANAGE, p.division) < 0)
        return -1;
    if (!text_ok(in->title, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_title", "A title has 1 to 100 characters.",
                             "title");
    if (!text_ok(in->description, 0, 2000))
        return wy_fail_field(ctx, E_INVALID, "bad_description",
                             "A description has at most 2000 characters.", "description");
    if (!text_ok(in->schedule, 0, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_schedule",
                             "When the post is served: at most 200 characters.", "schedule");
    if (in->wanted < 1 || in->wanted > POST_WANTED_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_wanted", "A post wants 1 to 100 volunteers.",
                             "wanted");
    if (join_skills(ctx, in, &skills) < 0)
        return -1;
    volunteer_post n = p;
    n.title = in->title;
    n.description = in->description ? in->description : "";
    n.schedule = in->schedule ? in->schedule : "";
    n.wanted = in->wanted;
    n.skills = skills;
    if (check_mem(ctx) < 0 || tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    /* the accepted volunteers keep their places: read again inside the transaction */
    int rc = store_post_get(ctx->c, ctx->a, id, &p);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "post");
    if (res == 0 && n.wanted < p.accepted)
        res = wy_fail_field(ctx, E_RULE, "wanted_below_accepted",
                            "A post cannot want fewer volunteers than it has accepted.", "wanted");
    char wanted_was[16], wanted_now[16], what[80] = "";
    snprintf(wanted_was, sizeof wanted_was, "%d", p.wanted);
    snprintf(wanted_now, sizeof wanted_now, "%d", n.wanted);
    const struct {
        const char *name, *was, *now;
    } f[] = {{"title", p.title, n.title},
             {"description", p.description, n.description},
             {"schedule", p.schedule, n.schedule},
             {"wanted", wanted_was, wanted_now},
             {"skills", p.skills, n.skills}};
    for (size_t i = 0; res == 0 && i < sizeof(f) / sizeof(f[0]); i++)
        if (strcmp(f[i].was, f[i].now))
            snprintf(what + strlen(what), sizeof(what) - strlen(what), "%s%s", what[0] ? "," : "",
                     f[i].name);
    if (res == 0 && (rc = store_post_update(ctx->c, &n, ctx->now)) != WY_OK)
        res = wy_fail_store(ctx, rc, "post update");
    if (res == 0)
        res = audit_add(ctx, "volunteer_post.update", "volunteer_post", id, p.division, NULL, NULL,
                        what);
    return tx_end(ctx, res);
}

int post_reopen(wy_ctx *ctx, int64_t id)
{
    volunteer_post p;
    if (post_get(ctx, id, &p) < 0 || authz_require(ctx, PERM_VOLUNTEERS_MANAGE, p.division) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_post_reopen(ctx->c, id, ctx->now);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "open", "This post is open already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "post reopen");
    if (res == 0)
        res = audit_add(ctx, "volunteer_post.reopen", "volunteer_post", id, p.division, "closed",
                        "open", NULL);
    return tx_end(ctx, res);
}

int post_get(wy_ctx *ctx, int64_t id, volunteer_post *out)
{
    int rc = store_post_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "post");
}

int post_application_get(wy_ctx *ctx, int64_t id, post_application *out)
{
    int rc = store_post_application_get(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    if ((ctx->who && out->user_id == ctx->who->user_id) ||
        authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, out->division))
        return 0;
    return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
}

int post_list(wy_ctx *ctx, const char *division, int64_t venue_id, int all, int64_t before,
              int limit, volunteer_post **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    /* closed posts only for those who manage the whole subtree asked for */
    if (all && !authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, *div ? div : NULL))
        all = 0;
    int rc = store_post_list(ctx->c, ctx->a, div, venue_id, all, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "posts");
}

/* Tell the volunteer of application g about a decision, inside the caller's transaction. */
static int tell(wy_ctx *ctx, const notify_kind *kind, const post_application *g)
{
    char params[64];
    snprintf(params, sizeof(params), "{\"post_id\":%lld}", (long long)g->post_id);
    notify_msg m = {.kind = kind,
                    .user_id = g->user_id,
                    .subject_type = "volunteer_post_application",
                    .subject_id = g->id,
                    .title = g->post_title,
                    .href =
                        arena_sprintf(ctx->a, "/volunteering/posts/%lld", (long long)g->post_id),
                    .at = ctx->now,
                    .division = g->division,
                    .params = params};
    return notify_send(ctx, &m, NULL);
}

int post_close(wy_ctx *ctx, int64_t id)
{
    volunteer_post p;
    if (post_get(ctx, id, &p) < 0 || authz_require(ctx, PERM_VOLUNTEERS_MANAGE, p.division) < 0)
        return -1;
    if (strcmp(p.status, "open"))
        return wy_fail(ctx, E_CONFLICT, "closed", "This post is closed.");
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t *apps, *users;
    size_t n = 0;
    int res = 0;
    int rc = store_post_close(ctx->c, ctx->a, id, ctx->now, &apps, &users, &n);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "post close");
    for (size_t i = 0; res == 0 && i < n; i++) {
        post_application g = {.id = apps[i],
                              .post_id = id,
                              .user_id = users[i],
                              .post_title = p.title,
                              .division = p.division};
        res = tell(ctx, &post_kind_declined, &g);
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_post.close", "volunteer_post", id, p.division, "open",
                        "closed", NULL);
    return tx_end(ctx, res);
}

int post_apply(wy_ctx *ctx, int64_t post_id, const char *note, int64_t *id)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    volunteer v;
    volunteer_post p;
    if (volunteer_me(ctx, &v) < 0)
        return -1;
    if (volunteer_age(v.birth_date, ctx->now) < VOLUNTEER_ADULT_AGE && !v.guardian_name)
        return wy_fail(ctx, E_RULE, "guardian_consent_required",
                       "A volunteer under 18 serves only with a guardian's consent recorded.");
    if (post_get(ctx, post_id, &p) < 0)
        return -1;
    if (strcmp(p.status, "open"))
        return wy_fail(ctx, E_CONFLICT, "closed", "This post is closed.");
    if (!text_ok(note, 0, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_note", "A note has at most 200 characters.",
                             "note");
    int rc =
        store_post_apply(ctx->c, post_id, v.id, ctx->who->user_id, note ? note : "", ctx->now, id);
    if (rc == WY_CONSTRAINT)
        return wy_fail(ctx, E_CONFLICT, "duplicate", "You have offered to take this post already.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
}

int post_withdraw(wy_ctx *ctx, int64_t application_id)
{
    post_application g;
    int rc = store_post_application_get(ctx->c, ctx->a, application_id, &g);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    if (!ctx->who || g.user_id != ctx->who->user_id)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    rc = store_post_application_set(ctx->c, application_id, "withdrawn", 0, ctx->now);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_CONFLICT, "not_pending", "Only a pending offer can be withdrawn.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "application");
}

int post_decide(wy_ctx *ctx, int64_t application_id, int accept)
{
    post_application g;
    int rc = store_post_application_get(ctx->c, ctx->a, application_id, &g);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "application");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, g.division) < 0)
        return -1;
    if (g.user_id == ctx->who->user_id)
        return wy_fail(ctx, E_FORBIDDEN, "own_application",
                       "Nobody decides their own offer; another coordinator does.");
    if (strcmp(g.status, "pending"))
        return wy_fail(ctx, E_CONFLICT, "not_pending", "This offer has been decided already.");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    const char *to = accept ? "accepted" : "declined";
    rc = store_post_application_set(ctx->c, application_id, to, ctx->who->user_id, ctx->now);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "not_pending", "This offer has been decided already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "application");
    if (res == 0)
        res = tell(ctx, accept ? &post_kind_accepted : &post_kind_declined, &g);
    if (res == 0)
        res = audit_add(ctx, "volunteer_post.decide", "volunteer_post_application", g.id,
                        g.division, "pending", to, NULL);
    return tx_end(ctx, res);
}

int post_applications(wy_ctx *ctx, int64_t post_id, int live, post_application **out, size_t *n)
{
    volunteer_post p;
    if (post_get(ctx, post_id, &p) < 0 ||
        authz_require(ctx, PERM_VOLUNTEERS_MANAGE, p.division) < 0)
        return -1;
    int rc = store_post_applications(ctx->c, ctx->a, post_id, live ? "live" : NULL, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "applications");
    return audit_personal(ctx, "personal.read", "volunteer_post",
                          arena_sprintf(ctx->a, "%lld", (long long)post_id), p.division,
                          arena_sprintf(ctx->a, "applications: %zu", *n));
}

int post_accepted(wy_ctx *ctx, int64_t post_id, post_application **out, size_t *n)
{
    int rc = store_post_applications(ctx->c, ctx->a, post_id, "accepted", out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "applications");
}

int post_mine_in(wy_ctx *ctx, int64_t post_id, post_application *out)
{
    if (!ctx->who)
        return 0;
    int rc = store_post_application_live(ctx->c, ctx->a, post_id, ctx->who->user_id, out);
    if (rc == WY_NOTFOUND)
        return 0;
    return rc == WY_OK ? 1 : wy_fail_store(ctx, rc, "application");
}

/* ---- pairings ---- */

int pairing_create(wy_ctx *ctx, int64_t org_id, int64_t venue_id, const char *starts_on,
                   const char *ends_on, const char *note, int64_t *id)
{
    const char *division, *name;
    if (venue_of(ctx, venue_id, &division, &name) < 0)
        return -1;
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, division) < 0)
        return -1;
    volunteer_org o;
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, &o);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_org", "No such team or organisation.",
                             "org_id");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "organisation");
    if (volunteer_org_require(ctx, org_id, o.division) < 0)
        return -1;
    if (o.archived_at)
        return wy_fail_field(ctx, E_CONFLICT, "archived", "This organisation has been removed.",
                             "org_id");
    if (!volunteer_date_valid(starts_on))
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A date is a real day written YYYY-MM-DD.",
                             "starts_on");
    if (ends_on && (!volunteer_date_valid(ends_on) || strcmp(ends_on, starts_on) < 0))
        return wy_fail_field(ctx, E_INVALID, "bad_date",
                             "A pairing ends on a real day (YYYY-MM-DD), not before it starts.",
                             "ends_on");
    if (!text_ok(note, 0, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_note", "A note has at most 200 characters.",
                             "note");
    volunteer_pairing p = {.org_id = org_id,
                           .venue_id = venue_id,
                           .division = division,
                           .starts_on = starts_on,
                           .ends_on = ends_on,
                           .note = note ? note : ""};
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    rc = store_pairing_create(ctx->c, &p, ctx->who->user_id, ctx->now, id);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "pairing");
    if (res == 0)
        res = audit_add(ctx, "volunteer_pairing.create", "volunteer_pairing", *id, division, NULL,
                        starts_on, o.name);
    return tx_end(ctx, res);
}

int pairing_get(wy_ctx *ctx, int64_t id, volunteer_pairing *out)
{
    int rc = store_pairing_get(ctx->c, ctx->a, id, out);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "pairing");
}

int pairing_end(wy_ctx *ctx, int64_t id, const char *ends_on)
{
    volunteer_pairing p;
    if (pairing_get(ctx, id, &p) < 0 || authz_require(ctx, PERM_VOLUNTEERS_MANAGE, p.division) < 0)
        return -1;
    volunteer_org o;
    int orc = store_volunteer_org_get(ctx->c, ctx->a, p.org_id, &o);
    if (orc != WY_OK)
        return wy_fail_store(ctx, orc, "organisation");
    if (volunteer_org_require(ctx, p.org_id, o.division) < 0)
        return -1;
    if (p.ends_on)
        return wy_fail(ctx, E_CONFLICT, "ended", "This pairing has ended already.");
    if (!volunteer_date_valid(ends_on) || strcmp(ends_on, p.starts_on) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_date",
                             "A pairing ends on a real day (YYYY-MM-DD), not before it starts.",
                             "ends_on");
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    int rc = store_pairing_end(ctx->c, id, ends_on, ctx->now);
    if (rc == WY_NOTFOUND)
        res = wy_fail(ctx, E_CONFLICT, "ended", "This pairing has ended already.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "pairing");
    if (res == 0)
        res = audit_add(ctx, "volunteer_pairing.end", "volunteer_pairing", id, p.division, NULL,
                        ends_on, NULL);
    return tx_end(ctx, res);
}

int pairing_list(wy_ctx *ctx, int64_t venue_id, int64_t org_id, volunteer_pairing **out, size_t *n)
{
    int rc = store_pairing_list(ctx->c, ctx->a, venue_id, org_id, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "pairings");
}

/* ---- insurance ---- */

int insurance_may_see_policy(const wy_ctx *ctx, const volunteer_project *p)
{
    return authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, p->division);
}

int insurance_put(wy_ctx *ctx, int64_t project_id, const project_insurance *in)
{
    volunteer_project p;
    int rc = store_volunteer_project_get(ctx->c, ctx->a, project_id, &p);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "project");
    if (volunteer_org_require(ctx, p.org_id, p.division) < 0)
        return -1;
    if (!text_ok(in->insurer, 1, 100))
        return wy_fail_field(ctx, E_INVALID, "bad_insurer", "An insurer has 1 to 100 characters.",
                             "insurer");
    if (!text_ok(in->policy_no, 1, 64))
        return wy_fail_field(ctx, E_INVALID, "bad_policy_no",
                             "A policy number has 1 to 64 characters.", "policy_no");
    if (!volunteer_date_valid(in->cover_from))
        return wy_fail_field(ctx, E_INVALID, "bad_date", "A date is a real day written YYYY-MM-DD.",
                             "cover_from");
    if (!volunteer_date_valid(in->cover_to) || strcmp(in->cover_to, in->cover_from) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_date",
                             "The cover ends on a real day (YYYY-MM-DD), not before it starts.",
                             "cover_to");
    if (!text_ok(in->summary, 0, 200))
        return wy_fail_field(ctx, E_INVALID, "bad_summary",
                             "A cover summary has at most 200 characters.", "summary");
    project_insurance r = *in;
    r.project_id = project_id;
    r.summary = in->summary ? in->summary : "";
    r.recorded_by = ctx->who->user_id;
    if (tx_begin(ctx) < 0)
        return -1;
    int res = 0;
    rc = store_insurance_put(ctx->c, &r, ctx->now);
    if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "insurance");
    if (res == 0)
        res = audit_add(
            ctx, "volunteer_project.insurance", "volunteer_project", project_id, p.division, NULL,
            arena_sprintf(ctx->a, "%s %s..%s", in->insurer, in->cover_from, in->cover_to), NULL);
    return tx_end(ctx, res);
}

int insurance_get(wy_ctx *ctx, int64_t project_id, project_insurance *out)
{
    volunteer_project p;
    if (volunteer_project_get(ctx, project_id, &p) < 0)
        return -1;
    int rc = store_insurance_get(ctx->c, ctx->a, project_id, out);
    if (rc == WY_NOTFOUND)
        return 0;
    return rc == WY_OK ? 1 : wy_fail_store(ctx, rc, "insurance");
}

int post_managed(wy_ctx *ctx, int limit, post_venue **venues, size_t *nv, volunteer_post **posts,
                 size_t *np)
{
    const char *scopes[AUTHZ_SCOPES_MAX];
    size_t ns = authz_scopes(ctx->who, PERM_VOLUNTEERS_MANAGE, scopes, AUTHZ_SCOPES_MAX);
    if (!ns)
        return authz_require(ctx, PERM_VOLUNTEERS_MANAGE, NULL);
    *venues = arena_alloc(ctx->a, (size_t)limit * ns * sizeof(**venues));
    *posts = arena_alloc(ctx->a, (size_t)limit * ns * sizeof(**posts));
    *nv = *np = 0;
    if (!*venues || !*posts)
        return wy_fail_store(ctx, WY_NOMEM, "posts");
    for (size_t i = 0; i < ns; i++) {
        post_venue *vs;
        volunteer_post *ps;
        size_t k, m;
        int rc = store_post_venues(ctx->c, ctx->a, scopes[i], limit, &vs, &k);
        if (rc == WY_OK)
            rc = store_post_list(ctx->c, ctx->a, scopes[i], 0, 1, 0, limit, &ps, &m);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "posts");
        memcpy(*venues + *nv, vs, k * sizeof(*vs));
        *nv += k;
        memcpy(*posts + *np, ps, m * sizeof(*ps));
        *np += m;
    }
    return 0;
}
