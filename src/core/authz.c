/*
 * authz: the table of which roles carry which permission, and the prefix test on the
 * division tree. Nothing else in wenyun decides access.
 */
#include "core/authz.h"

#include <string.h>

#include "core/division.h"

static const char *const role_names[] = {"",
#define X(id, name) name,
                                         ROLE_LIST(X)
#undef X
};

const char *role_name(role r)
{
    return r > ROLE_NONE && r < ROLE_COUNT ? role_names[r] : "";
}

role role_parse(const char *name)
{
    for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
        if (name && !strcmp(name, role_names[r]))
            return (role)r;
    return ROLE_NONE;
}

static const char *const perm_names[] = {
    "unset",
    "public",
    "logged_in",
    "accounts_read",
    "accounts_manage",
    "review",
    "review_config",
    "publish",
    "audit_read",
    "admin_console",
    "venue_manage",
    "webhook_manage",
    "circles_plan",
    "indicators_read",
    "indicators_manage",
    "courses_manage",
    "courses_teach",
    "markets_manage",
    "markets_review",
    "certificates_manage",
    "volunteers_manage",
    "calendar_manage",
    "tasks_manage",
    "feedback_manage",
    "assessments_manage",
    "assessments_assess",
};

const char *perm_name(perm p)
{
    return p >= 0 && p < PERM_COUNT ? perm_names[p] : "unset";
}

#define R(x) (1u << ROLE_##x)
static const unsigned perm_roles[PERM_COUNT] = {
    [PERM_ACCOUNTS_READ] = R(DISTRICT_ADMIN) | R(CITY_ADMIN) | R(AUDITOR),
    [PERM_ACCOUNTS_MANAGE] = R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    [PERM_REVIEW] = R(REVIEWER),
    [PERM_REVIEW_CONFIG] = R(CITY_ADMIN),
    [PERM_PUBLISH] = R(DISTRICT_ADMIN) | R(CITY_ADMIN) | R(VENUE_MANAGER),
    [PERM_AUDIT_READ] = R(AUDITOR) | R(CITY_ADMIN) | R(DISTRICT_ADMIN),
    [PERM_ADMIN_CONSOLE] =
        R(DISTRICT_ADMIN) | R(CITY_ADMIN) | R(AUDITOR) | R(REVIEWER) | R(VENUE_MANAGER),
    [PERM_VENUE_MANAGE] = R(VENUE_MANAGER) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    [PERM_WEBHOOK_MANAGE] = R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    [PERM_CIRCLES_PLAN] = R(CITY_ADMIN) | R(DISTRICT_ADMIN) | R(PLANNER),
    [PERM_INDICATORS_READ] = R(CITY_ADMIN) | R(DISTRICT_ADMIN) | R(PLANNER) | R(AUDITOR),
    [PERM_INDICATORS_MANAGE] = R(CITY_ADMIN) | R(DISTRICT_ADMIN),
    [PERM_COURSES_MANAGE] = R(VENUE_MANAGER) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    /* a teacher's own courses; those who manage courses see every roster of their subtree */
    [PERM_COURSES_TEACH] = R(TEACHER) | R(VENUE_MANAGER) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    [PERM_MARKETS_MANAGE] = R(VENUE_MANAGER) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    [PERM_MARKETS_REVIEW] = R(REVIEWER),
    /* those who issue certificates: the centres' staff (course completions) */
    [PERM_CERTIFICATES_MANAGE] = R(VENUE_MANAGER) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    /* the volunteer coordinators of a subtree, and its admins */
    [PERM_VOLUNTEERS_MANAGE] = R(VOLUNTEER_COORDINATOR) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    /* the calendar is the city's: its admins keep it */
    [PERM_CALENDAR_MANAGE] = R(CITY_ADMIN),
    /* a division's plans and their task tables: its admins */
    [PERM_TASKS_MANAGE] = R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    /* surveys and complaints of a subtree: its admins and the venues' staff */
    [PERM_FEEDBACK_MANAGE] = R(VENUE_MANAGER) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    /* standards, calls and the publication of grades: a division's admins; the assessors are
     * its reviewers and admins (of a level above the venue: mod/assessments) */
    [PERM_ASSESSMENTS_MANAGE] = R(DISTRICT_ADMIN) | R(CITY_ADMIN),
    [PERM_ASSESSMENTS_ASSESS] = R(REVIEWER) | R(DISTRICT_ADMIN) | R(CITY_ADMIN),
};
#undef R

int authz_role_carries(role r, perm p)
{
    return r > ROLE_NONE && r < ROLE_COUNT && p > PERM_LOGGED_IN && p < PERM_COUNT &&
           (perm_roles[p] & (1u << r));
}

int authz_allows(const principal *who, perm p, const char *division)
{
    if (p == PERM_PUBLIC)
        return 1;
    if (!who || who->user_id == 0 || p <= PERM_UNSET || p >= PERM_COUNT)
        return 0;
    if (p == PERM_LOGGED_IN)
        return 1;
    for (size_t i = 0; i < who->ngrants; i++) {
        role r = role_parse(who->grants[i].role);
        if (!(perm_roles[p] & (1u << r)))
            continue;
        if (!division || division_contains(who->grants[i].division, division))
            return 1;
    }
    return 0;
}

int authz_require(wy_ctx *ctx, perm p, const char *division)
{
    if (authz_allows(ctx->who, p, division))
        return 0;
    if (!ctx->who || ctx->who->user_id == 0)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    return wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
}

int authz_may_grant(const principal *who, role r, const char *division)
{
    if (r == ROLE_NONE || !authz_allows(who, PERM_ACCOUNTS_MANAGE, division))
        return 0;
    if (r != ROLE_CITY_ADMIN && r != ROLE_DISTRICT_ADMIN && r != ROLE_AUDITOR)
        return 1;
    /* administrators are made one level up: only a city admin (on a containing subtree)
     * grants admin and auditor roles */
    for (size_t i = 0; i < who->ngrants; i++)
        if (role_parse(who->grants[i].role) == ROLE_CITY_ADMIN &&
            division_contains(who->grants[i].division, division))
            return 1;
    return 0;
}

int authz_city_wide(const principal *who, perm p)
{
    const char *s = authz_scope(who, p);
    return s && strlen(s) <= 4;
}

const char *authz_scope(const principal *who, perm p)
{
    const char *best = NULL;
    if (!who)
        return NULL;
    for (size_t i = 0; i < who->ngrants; i++) {
        role r = role_parse(who->grants[i].role);
        if (p > PERM_LOGGED_IN && p < PERM_COUNT && (perm_roles[p] & (1u << r)) &&
            (!best || strlen(who->grants[i].division) < strlen(best)))
            best = who->grants[i].division;
    }
    return best;
}

size_t authz_scopes(const principal *who, perm p, const char **out, size_t max)
{
    size_t n = 0;
    if (!who || p <= PERM_LOGGED_IN || p >= PERM_COUNT)
        return 0;
    for (size_t i = 0; i < who->ngrants; i++) {
        role r = role_parse(who->grants[i].role);
        const char *d = who->grants[i].division;
        if (!(perm_roles[p] & (1u << r)))
            continue;
        int inside = 0; /* in a subtree kept already: nothing to add */
        for (size_t k = 0; k < n && !inside; k++)
            inside = division_contains(out[k], d);
        if (inside)
            continue;
        size_t kept = 0; /* those inside the new one give way to it */
        for (size_t k = 0; k < n; k++)
            if (!division_contains(d, out[k]))
                out[kept++] = out[k];
        n = kept;
        if (n < max)
            out[n++] = d;
    }
    /* in code order, so a listing over them is the same every time */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && strcmp(out[k - 1], out[k]) > 0; k--) {
            const char *t = out[k];
            out[k] = out[k - 1];
            out[k - 1] = t;
        }
    return n;
}
