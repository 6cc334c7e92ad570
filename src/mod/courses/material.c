/* material: see material.h. */
#include "mod/courses/material.h"

#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "mod/courses/course.h"
#include "mod/courses/enrolment.h"

/* 0 when ctx->who may read the materials of k (its course record loaded), else the refusal. */
static int may_read(wy_ctx *ctx, const course *k)
{
    if (course_managed_by(ctx->who, k) || course_taught_by(ctx, k) ||
        authz_allows(ctx->who, PERM_REVIEW, k->division))
        return 0;
    if (!ctx->who || !ctx->who->user_id)
        return wy_fail(ctx, E_UNAUTH, "login_required", "Please log in first.");
    course_enrolment e;
    int rc = store_enrolment_live(ctx->c, ctx->a, k->id, ctx->who->user_id, &e);
    if (rc == WY_OK && !strcmp(e.status, "confirmed")) /* an offer not confirmed yet: not yet */
        return 0;
    if (rc == WY_OK)
        rc = WY_NOTFOUND;
    if (rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "enrolment");
    return wy_fail(ctx, E_FORBIDDEN, "learners_only",
                   "The materials of a course are for the people with a place in it.");
}

int course_materials_allowed(wy_ctx *ctx, int64_t course_id)
{
    course_view v;
    if (course_get(ctx, course_id, &v) < 0) /* E_NOTFOUND for a course they may not see */
        return -1;
    return may_read(ctx, &v.k);
}

int course_material_add(wy_ctx *ctx, int64_t course_id, const attachment_file *f, attachment *out)
{
    int64_t max = config_module_int(ctx->cfg, "courses", "material_max_bytes");
    course k;
    int rc = store_course_get(ctx->c, ctx->a, course_id, &k);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "course");
    if (course_may_teach(ctx, &k) < 0 || attachment_check(ctx, f, max > 0 ? max : 1, "file") < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    attachment *have;
    size_t n = 0;
    int res = attachment_list(ctx, COURSE_MATERIAL_OWNER, course_id, &have, &n);
    if (res == 0 && n >= COURSE_MATERIALS_MAX)
        res = wy_fail_field(ctx, E_RULE, "too_many_files", "A course holds at most 50 files.",
                            "file");
    if (res == 0)
        res = attachment_add_tx(ctx, COURSE_MATERIAL_OWNER, course_id, k.division, f, out);
    if (res == 0)
        res =
            audit_add(ctx, "course.material", "course", course_id, k.division, NULL, NULL, f->name);
    return tx_end(ctx, res);
}

int course_materials(wy_ctx *ctx, int64_t course_id, attachment **out, size_t *n)
{
    if (course_materials_allowed(ctx, course_id) < 0)
        return -1;
    return attachment_list(ctx, COURSE_MATERIAL_OWNER, course_id, out, n);
}

int course_material_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data, size_t *len)
{
    attachment a;
    int rc = store_attachment_get(ctx->c, ctx->a, id, &a, NULL);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "file");
    if (strcmp(a.owner_type, COURSE_MATERIAL_OWNER)) /* another module's file */
        return wy_fail(ctx, E_NOTFOUND, "not_found", "No such file.");
    if (course_materials_allowed(ctx, a.owner_id) < 0)
        return -1;
    return attachment_get(ctx, id, out, data, len);
}
