/* throttle: see throttle.h. */
#include "core/throttle.h"

int throttle_count(wy_ctx *ctx, const throttle_rule *rules, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int64_t win = (int64_t)rules[i].window_s * 1000, start, count;
        int rc = store_rate_hit(ctx->c, rules[i].key, ctx->now, win, &count, &start);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "rate counter");
        if (count > rules[i].limit) {
            ctx->err.retry_after_s = (int)((start + win - ctx->now + 999) / 1000);
            wy_fail(ctx, E_LIMITED, "too_many_requests",
                    "Too many requests: please wait a moment and try again.");
            return 1;
        }
    }
    return 0;
}

int throttle_hits(wy_ctx *ctx, const throttle_rule *rules, size_t n)
{
    if (tx_begin(ctx) < 0)
        return -1;
    int r = throttle_count(ctx, rules, n);
    if (r < 0)
        return tx_end(ctx, -1);
    wy_error refusal = ctx->err;
    if (tx_end(ctx, 0) < 0)
        return -1;
    ctx->err = refusal;
    return r ? -1 : 0;
}
