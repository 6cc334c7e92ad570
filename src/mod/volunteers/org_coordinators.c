/*
 * org_coordinators: who writes on an organisation's records, and removing (archiving) an
 * organisation. volunteers_manage over a division lets district and city admins write on every
 * organisation of it, as before; a volunteer_coordinator's grant on a division lets them write
 * only on the organisations they coordinate there (sql/0044: volunteer_org_coordinators), a team
 * through its organisation. Admins add and remove the coordinators of an organisation; a
 * coordinator who creates an organisation coordinates it from the start.
 */
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "mod/volunteers/volunteer.h"

int volunteer_admin_over(const principal *who, const char *division)
{
    for (size_t i = 0; who && i < who->ngrants; i++) {
        role r = role_parse(who->grants[i].role);
        if (r != ROLE_VOLUNTEER_COORDINATOR && authz_role_carries(r, PERM_VOLUNTEERS_MANAGE) &&
            (!division || division_contains(who->grants[i].division, division)))
            return 1;
    }
    return 0;
}

int volunteer_org_allows(wy_ctx *ctx, int64_t org_id, const char *division)
{
    if (!ctx->who || !authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, division))
        return 0;
    if (volunteer_admin_over(ctx->who, division))
        return 1;
    int yes = 0;
    return store_org_coordinates(ctx->c, org_id, ctx->who->user_id, &yes) == WY_OK && yes;
}

int volunteer_org_require(wy_ctx *ctx, int64_t org_id, const char *division)
{
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, division) < 0)
        return -1;
    if (volunteer_admin_over(ctx->who, division))
        return 0;
    int yes = 0;
    int rc = store_org_coordinates(ctx->c, org_id, ctx->who->user_id, &yes);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "coordinators");
    return yes ? 0
               : wy_fail(ctx, E_FORBIDDEN, "not_coordinator",
                         "You do not coordinate this organisation.");
}

int volunteer_org_live(wy_ctx *ctx, int64_t org_id)
{
    volunteer_org o;
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, &o);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "organisation");
    return o.archived_at ? wy_fail(ctx, E_CONFLICT, "archived",
                                   "This organisation has been removed: it takes no new projects.")
                         : 0;
}

/* The organisation (not a team) id, whose coordinators an admin of its division manages. */
static int load_for_admin(wy_ctx *ctx, int64_t org_id, volunteer_org *o)
{
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, o);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "organisation");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, o->division) < 0)
        return -1;
    if (!volunteer_admin_over(ctx->who, o->division))
        return wy_fail(ctx, E_FORBIDDEN, "admins_only",
                       "The coordinators of an organisation are chosen by its district's or "
                       "city's administrators.");
    if (o->parent_id)
        return wy_fail(ctx, E_INVALID, "team",
                       "A team is coordinated through its organisation: name the organisation.");
    return 0;
}

int volunteer_org_coordinators(wy_ctx *ctx, int64_t org_id, org_coordinator **out, size_t *n)
{
    volunteer_org o;
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, &o);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "organisation");
    if (authz_require(ctx, PERM_VOLUNTEERS_MANAGE, o.division) < 0)
        return -1;
    rc = store_org_coordinator_list(ctx->c, ctx->a, o.parent_id ? o.parent_id : org_id, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "coordinators");
    for (size_t i = 0; i < *n; i++) { /* staff see a coordinator's number masked */
        char *m = arena_alloc(ctx->a, PHONE_MASKED_MAX);
        if (!m)
            return wy_fail_store(ctx, WY_NOMEM, "coordinators");
        account_mask_phone((*out)[i].phone, m);
        (*out)[i].phone = m;
    }
    return 0;
}

/* The account named by user_id, else by phone: it must hold volunteer_coordinator on a
 * subtree that contains division. */
static int coordinator_account(wy_ctx *ctx, int64_t user_id, const char *phone,
                               const char *division, account *u)
{
    int rc;
    if (user_id)
        rc = store_user_by_id(ctx->c, ctx->a, user_id, u);
    else if (phone && *phone)
        rc = store_user_by_phone(ctx->c, ctx->a, phone, u);
    else
        return wy_fail_field(ctx, E_INVALID, "bad_user", "Name the account by user_id or phone.",
                             "user_id");
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_user", "No such account.",
                             user_id ? "user_id" : "phone");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "account");
    role_grant *g;
    size_t ng;
    if ((rc = store_roles_of(ctx->c, ctx->a, u->id, &g, &ng)) != WY_OK)
        return wy_fail_store(ctx, rc, "roles");
    for (size_t i = 0; i < ng; i++)
        if (role_parse(g[i].role) == ROLE_VOLUNTEER_COORDINATOR &&
            division_contains(g[i].division, division))
            return 0;
    return wy_fail_field(ctx, E_INVALID, "not_a_coordinator",
                         "This account holds no volunteer_coordinator role over the "
                         "organisation's division.",
                         user_id ? "user_id" : "phone");
}

int volunteer_org_coordinator_add(wy_ctx *ctx, int64_t org_id, int64_t user_id, const char *phone,
                                  int64_t *added)
{
    if (tx_begin(ctx) < 0)
        return -1;
    volunteer_org o;
    account u;
    int res = load_for_admin(ctx, org_id, &o);
    if (res == 0 && o.archived_at)
        res = wy_fail(ctx, E_CONFLICT, "archived", "This organisation has been removed.");
    if (res == 0)
        res = coordinator_account(ctx, user_id, phone, o.division, &u);
    if (res == 0) {
        int rc = store_org_coordinator_add(ctx->c, org_id, u.id, ctx->who->user_id, ctx->now);
        if (rc == WY_CONSTRAINT)
            res = wy_fail(ctx, E_CONFLICT, "already_coordinator",
                          "This account coordinates the organisation already.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "coordinator add");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_org.coordinator_add", "volunteer_org", org_id, o.division,
                        NULL, arena_sprintf(ctx->a, "%lld", (long long)u.id), NULL);
    if (res == 0 && added)
        *added = u.id;
    return tx_end(ctx, res);
}

int volunteer_org_coordinator_remove(wy_ctx *ctx, int64_t org_id, int64_t user_id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    volunteer_org o;
    int res = load_for_admin(ctx, org_id, &o);
    if (res == 0) {
        int rc = store_org_coordinator_remove(ctx->c, org_id, user_id);
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_NOTFOUND, "not_coordinator",
                          "This account does not coordinate the organisation.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "coordinator remove");
    }
    if (res == 0)
        res = audit_add(ctx, "volunteer_org.coordinator_remove", "volunteer_org", org_id,
                        o.division, arena_sprintf(ctx->a, "%lld", (long long)user_id), NULL, NULL);
    return tx_end(ctx, res);
}

int volunteer_org_archive(wy_ctx *ctx, int64_t org_id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    volunteer_org o;
    int rc = store_volunteer_org_get(ctx->c, ctx->a, org_id, &o);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "organisation");
    if (res == 0)
        res = volunteer_org_require(ctx, org_id, o.division);
    if (res == 0 && o.parent_id)
        res = wy_fail(ctx, E_INVALID, "team",
                      "A team is removed with its organisation: name the organisation.");
    if (res == 0 && o.archived_at)
        res = wy_fail(ctx, E_CONFLICT, "archived", "This organisation has been removed already.");
    int64_t projects = 0, shifts = 0;
    if (res == 0 &&
        (rc = store_volunteer_org_open_work(ctx->c, org_id, ctx->now, &projects, &shifts)) != WY_OK)
        res = wy_fail_store(ctx, rc, "organisation");
    if (res == 0 && (projects || shifts))
        res = wy_fail(ctx, E_CONFLICT, "open_work",
                      "This organisation still has projects pending review or open shifts that "
                      "have not ended: cancel them first, or wait until they are over.");
    if (res == 0 &&
        (rc = store_volunteer_org_archive(ctx->c, org_id, ctx->who->user_id, ctx->now)) != WY_OK)
        res = rc == WY_NOTFOUND ? wy_fail(ctx, E_CONFLICT, "archived",
                                          "This organisation has been removed already.")
                                : wy_fail_store(ctx, rc, "organisation archive");
    if (res == 0)
        res = audit_add(ctx, "volunteer_org.archive", "volunteer_org", org_id, o.division, NULL,
                        "archived", o.name);
    return tx_end(ctx, res);
}
