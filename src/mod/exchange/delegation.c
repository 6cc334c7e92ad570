/* delegation: who went on an exchange activity, and its attachments (calendar.h). The people
 * of a delegation are personal data: only staff over the activity's division see them. */
#include "mod/exchange/calendar.h"

#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "util/config.h"
#include "mod/exchange/exchange_activity.h"

#define N_(s) s /* a msgid translated where the refusal is shown */

static const char *const delegate_kinds[] = {"troupe", "person", NULL};
/* each kind of attachment is its own owner type of the core attachments */
static const char *const attachment_kinds[] = {"programme", "photo", "video", "press", NULL};
static const char *const owner_types[] = {"exchange_programme", "exchange_photo", "exchange_video",
                                          "exchange_press", NULL};

/* The activity id, loaded, in a write transaction, the caller's to write. */
static int load_writable(wy_ctx *ctx, int64_t id, exchange_activity *x)
{
    int rc = store_exchange_activity_get(ctx->c, ctx->a, id, x);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "exchange activity");
    return authz_require(ctx, EXCHANGE_PERM, x->division);
}

int exchange_delegate_check(wy_ctx *ctx, const char *kind, const char *name, const char *role,
                            const char *organisation)
{
    if (exchange_check_enum(ctx, kind, delegate_kinds, "bad_kind",
                            N_("A member of a delegation is a troupe or a person."), "kind") < 0 ||
        exchange_check_text(ctx, name, 1, 100, "bad_name", N_("A name has 1 to 100 characters."),
                            "name") < 0 ||
        exchange_check_text(ctx, role, 0, 100, "bad_role", N_("A role has at most 100 characters."),
                            "role") < 0 ||
        exchange_check_text(ctx, organisation, 0, 200, "bad_organisation",
                            N_("An organisation has at most 200 characters."), "organisation") < 0)
        return -1;
    return 0;
}

int exchange_delegate_add(wy_ctx *ctx, int64_t activity, const char *kind, const char *name,
                          const char *role, const char *organisation, int64_t *id)
{
    if (exchange_delegate_check(ctx, kind, name, role, organisation) < 0)
        return -1;
    exchange_activity x;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = load_writable(ctx, activity, &x);
    if (res == 0) {
        exchange_delegate d = {.activity_id = activity,
                               .kind = kind,
                               .name = name,
                               .role = role ? role : "",
                               .organisation = organisation ? organisation : "",
                               .created_by = ctx->who ? ctx->who->user_id : 0};
        if ((rc = store_exchange_delegate_add(ctx->c, &d, ctx->now, id)) != WY_OK)
            res = wy_fail_store(ctx, rc, "exchange delegate");
    }
    /* the audit line names the kind, not the person */
    if (res == 0)
        res = audit_add(ctx, "exchange_delegate.create", "exchange_activity", activity, x.division,
                        NULL, kind, NULL);
    return tx_end(ctx, res);
}

int exchange_delegation(wy_ctx *ctx, int64_t activity, exchange_delegate **out, size_t *n,
                        int *people)
{
    exchange_activity_full f;
    if (exchange_activity_get(ctx, activity, &f) < 0)
        return -1;
    *people = authz_allows(ctx->who, EXCHANGE_PERM, f.a.division);
    int rc = store_exchange_delegates_of(ctx->c, ctx->a, activity, *people, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "exchange delegation");
}

static const char *owner_type_of(const char *kind)
{
    for (size_t i = 0; kind && attachment_kinds[i]; i++)
        if (!strcmp(kind, attachment_kinds[i]))
            return owner_types[i];
    return NULL;
}

int exchange_attachment_add(wy_ctx *ctx, int64_t activity, const char *kind,
                            const attachment_file *f, attachment *out)
{
    const char *owner = owner_type_of(kind);
    if (!owner)
        return wy_fail_field(ctx, E_INVALID, "bad_kind",
                             "An attachment is a programme, a photo, a video or press.", "kind");
    int64_t max = config_module_int(ctx->cfg, "exchange", "attachment_max_kib") * 1024;
    if ((!strcmp(kind, "photo") ? attachment_check_image(ctx, f, max, "file")
                                : attachment_check(ctx, f, max, "file")) < 0)
        return -1;
    exchange_activity x;
    int rc = store_begin(ctx->c, 1);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "begin");
    int res = load_writable(ctx, activity, &x);
    if (res == 0)
        res = attachment_add_tx(ctx, owner, activity, x.division, f, out);
    if (res == 0)
        res = audit_add(ctx, "exchange_attachment.create", "exchange_activity", activity,
                        x.division, NULL, kind, f->name);
    return tx_end(ctx, res);
}

int exchange_attachments(wy_ctx *ctx, int64_t activity, exchange_attachment **out, size_t *n)
{
    exchange_activity_full f;
    if (exchange_activity_get(ctx, activity, &f) < 0)
        return -1;
    attachment *lists[4];
    size_t counts[4], total = 0;
    for (size_t k = 0; k < 4; k++) {
        if (attachment_list(ctx, owner_types[k], activity, &lists[k], &counts[k]) < 0)
            return -1;
        total += counts[k];
    }
    *out = arena_alloc(ctx->a, (total + 1) * sizeof(**out));
    if (!*out)
        return check_mem(ctx);
    *n = 0;
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < counts[k]; i++)
            (*out)[(*n)++] = (exchange_attachment){attachment_kinds[k], lists[k][i]};
    return 0;
}

int exchange_attachment_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data,
                            size_t *len)
{
    if (attachment_get(ctx, id, out, data, len) < 0)
        return -1;
    int ours = 0;
    for (size_t k = 0; owner_types[k]; k++)
        ours |= !strcmp(out->owner_type, owner_types[k]);
    if (!ours) /* another module's file is not served here */
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    exchange_activity_full f;
    return exchange_activity_get(ctx, out->owner_id, &f);
}
