/* audit: see audit.h. */
#include "core/audit.h"

#include <stdio.h>
#include <string.h>

#include "core/authz.h"
#include "core/division.h"

static int write_entry(wy_ctx *ctx, const char *action, const char *object_type,
                       const char *object_id, const char *division, const char *from,
                       const char *to, const char *reason)
{
    audit_entry e = {.at = ctx->now,
                     .actor = ctx->who ? ctx->who->user_id : 0,
                     .action = action,
                     .object_type = object_type,
                     .object_id = object_id,
                     .division = division,
                     .from_state = from,
                     .to_state = to,
                     .reason = reason};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

int audit_add(wy_ctx *ctx, const char *action, const char *object_type, int64_t object_id,
              const char *division, const char *from, const char *to, const char *reason)
{
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)object_id);
    return write_entry(ctx, action, object_type, oid, division, from, to, reason);
}

int audit_personal(wy_ctx *ctx, const char *action, const char *object_type, const char *object_id,
                   const char *division, const char *detail)
{
    if (tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, write_entry(ctx, action, object_type, object_id,
                                   division && *division ? division : NULL, NULL, NULL, detail));
}

int audit_list(wy_ctx *ctx, const char *division, const char *object_type, const char *object_id,
               int64_t before, int limit, audit_entry **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else {
        const char *scope = authz_scope(ctx->who, PERM_AUDIT_READ);
        if (scope)
            snprintf(div, sizeof(div), "%s", scope);
    }
    if (!div[0])
        return authz_require(ctx, PERM_AUDIT_READ, "") < 0
                   ? -1
                   : wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    if (authz_require(ctx, PERM_AUDIT_READ, div) < 0)
        return -1;
    /* entries without a division belong to the city-wide readers, as accounts without one
     * do (authz_city_wide): listed with the city's subtree or a wider one */
    audit_query q = {.object_type = object_type,
                     .object_id = object_id,
                     .prefix = div,
                     .with_unplaced =
                         strlen(div) <= 4 && authz_city_wide(ctx->who, PERM_AUDIT_READ),
                     .before = before,
                     .limit = limit};
    int rc = store_audit_query(ctx->c, ctx->a, &q, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit list");
}
