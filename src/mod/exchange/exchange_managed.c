/* exchange_managed: the staff's list of activities in every state (exchange_managed.h). */
#include "mod/exchange/exchange_managed.h"

#include <string.h>

#include "core/authz.h"
#include "mod/exchange/exchange.h"

int exchange_activity_managed(wy_ctx *ctx, const char *division, int64_t before, int limit,
                              exchange_activity **out, size_t *n)
{
    char div[DIVISION_CODE_MAX];
    if (exchange_list_division(ctx, division, div) < 0)
        return -1;
    if (!*div) {
        const char *scope = authz_scope(ctx->who, EXCHANGE_PERM);
        if (scope && strlen(scope) < sizeof div)
            strcpy(div, scope);
    }
    /* without a scope, nobody's list: refused as for the alerts */
    if (authz_require(ctx, EXCHANGE_PERM, *div ? div : NULL) < 0)
        return -1;
    int rc = store_exchange_activity_managed(ctx->c, ctx->a, div, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "activities");
}
