/* domain: see domain.h. */
#include "core/domain.h"

#include "util/log.h"

int wy_fail_field(wy_ctx *ctx, wy_errclass cls, const char *code, const char *message,
                  const char *field)
{
    ctx->err.cls = cls;
    ctx->err.code = code;
    ctx->err.message = message;
    ctx->err.field = field;
    return -1;
}

int wy_fail(wy_ctx *ctx, wy_errclass cls, const char *code, const char *message)
{
    return wy_fail_field(ctx, cls, code, message, NULL);
}

int wy_fail_store(wy_ctx *ctx, int rc, const char *what)
{
    switch (rc) {
    case WY_NOMEM:
        return check_mem(ctx) < 0
                   ? -1
                   : wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    case WY_NOTFOUND:
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    case WY_CONSTRAINT:
        return wy_fail(ctx, E_CONFLICT, "conflict", "That conflicts with an existing record.");
    case WY_RETRY:
    case WY_CONNLOST: /* the database is restarting or unreachable: say so, not "internal" */
        error("store: %s: %s", what, rc == WY_RETRY ? "busy" : "database connection lost");
        ctx->err.retry_after_s = 1;
        return wy_fail(ctx, E_UNAVAILABLE, "busy", "The service is busy; try again in a moment.");
    default:
        error("store: %s failed (%d)", what, rc);
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
}

int check_mem(wy_ctx *ctx)
{
    if (!arena_failed(ctx->a))
        return 0;
    return wy_fail(ctx, E_UNAVAILABLE, "request_too_large",
                   "This request needs more memory than one request may use.");
}

int tx_begin(wy_ctx *ctx)
{
    int rc = store_begin(ctx->c, 1);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "begin");
}

int tx_end(wy_ctx *ctx, int res)
{
    if (res < 0) {
        store_rollback(ctx->c);
        return -1;
    }
    int rc = store_commit(ctx->c);
    if (rc != WY_OK) {
        store_rollback(ctx->c);
        return wy_fail_store(ctx, rc, "commit");
    }
    return 0;
}
