/*
 * authz: who may do what, where. A role is granted on a division subtree; an action needs
 * one of a set of roles on a division that contains the record's division. authz_allows()
 * is the one function that decides; every route names its permission in the route table,
 * and handlers ask again with the record's division once they have loaded it.
 */
#ifndef WY_AUTHZ_H
#define WY_AUTHZ_H

#include "core/domain.h"

/* Roles, as stored and shown. */
#define ROLE_LIST(X)                                                                               \
    X(CITIZEN, "citizen")                                                                          \
    X(VENUE_MANAGER, "venue_manager")                                                              \
    X(TEACHER, "teacher")                                                                          \
    X(PROVIDER, "provider")                                                                        \
    X(VOLUNTEER_COORDINATOR, "volunteer_coordinator")                                              \
    X(REVIEWER, "reviewer")                                                                        \
    X(DISTRICT_ADMIN, "district_admin")                                                            \
    X(CITY_ADMIN, "city_admin")                                                                    \
    X(AUDITOR, "auditor")                                                                          \
    X(PLANNER, "planner")

typedef enum role {
    ROLE_NONE = 0,
#define X(id, name) ROLE_##id,
    ROLE_LIST(X)
#undef X
        ROLE_COUNT
} role;

const char *role_name(role r);
role role_parse(const char *name); /* ROLE_NONE when unknown */

/* Permissions: what a route or an action needs. */
typedef enum perm {
    PERM_UNSET = 0,       /* a route without a rule: the route-table test fails on it */
    PERM_PUBLIC,          /* anyone, logged in or not */
    PERM_LOGGED_IN,       /* any account, acting on itself */
    PERM_ACCOUNTS_READ,   /* see accounts (unmasked) of a subtree */
    PERM_ACCOUNTS_MANAGE, /* create accounts, grant and revoke roles in a subtree */
    PERM_REVIEW,          /* decide on pending content */
    PERM_REVIEW_CONFIG,   /* configure review chains */
    PERM_PUBLISH,         /* author content for a division (notices) */
    PERM_AUDIT_READ,      /* read the audit log */
    PERM_ADMIN_CONSOLE,   /* see the admin console at all */
    PERM_VENUE_MANAGE,    /* create and edit venues, their hours; import venues */
    PERM_WEBHOOK_MANAGE,  /* add and remove the webhooks of a subtree */
    PERM_CIRCLES_PLAN,    /* run siting jobs of the circle analysis, read their results */
    PERM_INDICATORS_READ, /* see every indicator of a subtree, published or not, and its history */
    PERM_INDICATORS_MANAGE, /* set targets, enter reported values, recompute (mod/indicators) */
    PERM_COURSES_MANAGE,    /* terms, courses, teachers' profiles, rosters of a subtree */
    PERM_COURSES_TEACH,     /* rosters and attendance of one's courses (mod/courses) */
    PERM_MARKETS_MANAGE,    /* organise culture markets: write, decide, assign stalls, check in */
    PERM_MARKETS_REVIEW,    /* sit on the panel that scores stall-holders' applications */
    /* read certificates of a subtree whole and revoke them (core/certificate.h; each kind of
     * certificate names the permission that decides over its own, this is the route's) */
    PERM_CERTIFICATES_MANAGE,
    /* organisations and teams of volunteers, their volunteers' profiles (mod/volunteers) */
    PERM_VOLUNTEERS_MANAGE,
    /* the city's working-day calendar: public holidays and make-up days (core/workday.h) */
    PERM_CALENDAR_MANAGE,
    PERM_TASKS_MANAGE,       /* plans and their task tables of a subtree (mod/tasks) */
    PERM_FEEDBACK_MANAGE,    /* surveys, their results, complaints to answer (mod/feedback) */
    PERM_ASSESSMENTS_MANAGE, /* standards, publishing assessments, calls (mod/assessments) */
    PERM_ASSESSMENTS_ASSESS, /* score assessments of the subtree's venues below one's level */
    PERM_COUNT
} perm;

const char *perm_name(perm p);
/* Does role r carry permission p? (PERM_PUBLIC and PERM_LOGGED_IN are carried by no role: they
 * ask only whether there is a caller.) For `wenyun routes`, which shows the table to tests. */
int authz_role_carries(role r, perm p);

/* May who do p on a record in division (NULL: anywhere at all — "does who hold p on some
 * subtree")? For PERM_PUBLIC and PERM_LOGGED_IN the division is not consulted. */
int authz_allows(const principal *who, perm p, const char *division);
/* The same, recording the refusal on ctx (E_UNAUTH for nobody, E_FORBIDDEN otherwise). */
int authz_require(wy_ctx *ctx, perm p, const char *division);
/* May role r be granted by who on division? (Admins grant within their subtree; only a
 * city admin creates district or city admins.) */
int authz_may_grant(const principal *who, role r, const char *division);
/* Does who hold p city-wide or wider (a grant on a code of at most 4 digits)? Records without
 * a division (citizens who registered without giving one) are theirs. */
int authz_city_wide(const principal *who, perm p);
/* The widest division where who holds p (for listing "my subtree"); NULL when none.
 * With several grants, the shortest code wins. */
const char *authz_scope(const principal *who, perm p);
/* Every subtree where who holds p, none inside another, in code order: at most max of them
 * in out; how many. Lists of "my subtree" cover all of them, not only the widest. */
#define AUTHZ_SCOPES_MAX 16
size_t authz_scopes(const principal *who, perm p, const char **out, size_t max);

#endif
