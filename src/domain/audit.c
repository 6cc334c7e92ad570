/* audit: see audit.h. */
#include "domain/audit.h"

#include <stdio.h>

#include "domain/authz.h"
#include "domain/division.h"

int audit_list(wy_ctx *ctx, const char *division, const char *object_type, const char *object_id,
               int64_t before, int limit, audit_entry **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return fail_field(ctx, E_INVALID, "bad_division",
                              "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else {
        const char *scope = authz_scope(ctx->who, PERM_AUDIT_READ);
        if (scope)
            snprintf(div, sizeof(div), "%s", scope);
    }
    if (!div[0])
        return authz_require(ctx, PERM_AUDIT_READ, "") < 0
                   ? -1
                   : fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    if (authz_require(ctx, PERM_AUDIT_READ, div) < 0)
        return -1;
    int rc = store_audit_list(ctx->c, ctx->a, object_type, object_id, div, before, limit, out, n);
    return rc == WY_OK ? 0 : fail_store(ctx, rc, "audit list");
}
