/*
 * booking_code: a booking's check-in code as its owner sees it (the QR code on the phone).
 * The code is the ticket, so the rule is strict: only the account that holds the booking
 * may see it; for anyone else the booking does not exist (404, not 403, so ids cannot be
 * probed). Staff never see codes: they scan them.
 */
#include "mod/activities/booking.h"
#include "core/store.h"
#include "util/qr.h"

int booking_own_code(wy_ctx *ctx, int64_t booking_id, booking *out)
{
    if (!ctx->who)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    int rc = store_booking_get(ctx->c, ctx->a, booking_id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "booking");
    if (out->user_id != ctx->who->user_id) /* another person's code does not exist for you */
        return wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.");
    return 0;
}

int booking_qr_svg(wy_ctx *ctx, int64_t booking_id, strbuf *out)
{
    booking b;
    if (booking_own_code(ctx, booking_id, &b) < 0)
        return -1;
    if (qr_svg(b.code, out) < 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    return 0;
}
