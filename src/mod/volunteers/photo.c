/* photo: a volunteer's photo (volunteer.h), kept as a core attachment of the profile
 * ("Real-name volunteers with skills, availability, service areas and a photo"): the
 * volunteer sets, replaces and removes it; coordinators over the volunteer's division see it
 * beside the name on rosters. Nobody else learns whether there is one. */
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/volunteers/volunteer.h"
#include "util/config.h"

static int own_profile(wy_ctx *ctx, volunteer *v)
{
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    int rc = store_volunteer_by_user(ctx->c, ctx->a, ctx->who->user_id, v);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_registered",
                       "This account is not registered as a volunteer.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "volunteer");
}

/* The photo of v (id 0 in *out when none). */
static int current(wy_ctx *ctx, int64_t volunteer_id, attachment *out)
{
    attachment *have;
    size_t n;
    if (attachment_list(ctx, VOLUNTEER_PHOTO_OWNER, volunteer_id, &have, &n) < 0)
        return -1;
    *out = n ? have[n - 1] : (attachment){0};
    return 0;
}

int volunteer_photo_set(wy_ctx *ctx, const attachment_file *f, attachment *out)
{
    int64_t max = config_module_int(ctx->cfg, "volunteers", "photo_max_kib") * 1024;
    volunteer v;
    if (own_profile(ctx, &v) < 0 || attachment_check_image(ctx, f, max, "photo") < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    attachment old;
    int res = current(ctx, v.id, &old);
    if (res == 0 && old.id)
        res = attachment_remove_tx(ctx, old.id);
    if (res == 0)
        res = attachment_add_tx(ctx, VOLUNTEER_PHOTO_OWNER, v.id, v.division, f, out);
    if (res == 0)
        res = audit_add(ctx, "volunteer.photo", "volunteer", v.id, v.division,
                        old.id ? "photo" : NULL, "photo", NULL);
    return tx_end(ctx, res);
}

int volunteer_photo_remove(wy_ctx *ctx)
{
    volunteer v;
    if (own_profile(ctx, &v) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    attachment old;
    int res = current(ctx, v.id, &old);
    if (res == 0 && !old.id)
        res = wy_fail(ctx, E_NOTFOUND, "no_photo", "There is no photo.");
    if (res == 0)
        res = attachment_remove_tx(ctx, old.id);
    if (res == 0)
        res = audit_add(ctx, "volunteer.photo", "volunteer", v.id, v.division, "photo", NULL, NULL);
    return tx_end(ctx, res);
}

/* May the caller see v's photo? Its volunteer, and volunteers_manage over v's division. */
static int may_see(wy_ctx *ctx, const volunteer *v)
{
    return (ctx->who && ctx->who->user_id && ctx->who->user_id == v->user_id) ||
           authz_allows(ctx->who, PERM_VOLUNTEERS_MANAGE, v->division);
}

int volunteer_photo_of(wy_ctx *ctx, int64_t volunteer_id, int *has)
{
    volunteer v;
    int rc;
    *has = 0;
    if (!volunteer_id) {
        if (own_profile(ctx, &v) < 0)
            return -1;
    } else if ((rc = store_volunteer_get(ctx->c, ctx->a, volunteer_id, &v)) != WY_OK) {
        return rc == WY_NOTFOUND ? 0 : wy_fail_store(ctx, rc, "volunteer");
    }
    if (!may_see(ctx, &v))
        return 0;
    attachment a;
    if (current(ctx, v.id, &a) < 0)
        return -1;
    *has = a.id != 0;
    return 0;
}

int volunteer_photo_get(wy_ctx *ctx, int64_t volunteer_id, attachment *out, const char **data,
                        size_t *len)
{
    volunteer v;
    int rc;
    if (!volunteer_id) {
        if (own_profile(ctx, &v) < 0)
            return -1;
    } else if ((rc = store_volunteer_get(ctx->c, ctx->a, volunteer_id, &v)) != WY_OK) {
        return wy_fail_store(ctx, rc, "volunteer");
    }
    int own = ctx->who && ctx->who->user_id && ctx->who->user_id == v.user_id;
    if (!may_see(ctx, &v))
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    attachment a;
    if (current(ctx, v.id, &a) < 0)
        return -1;
    if (!a.id)
        return wy_fail(ctx, E_NOTFOUND, "no_photo", "There is no photo.");
    if (!own) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)v.id);
        if (audit_personal(ctx, "personal.read", "volunteer", id, v.division, "photo") < 0)
            return -1;
    }
    return attachment_get(ctx, a.id, out, data, len);
}
