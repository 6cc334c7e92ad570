/*
 * survey_offers: satisfaction surveys offered to those who attended the activity they are
 * about (docs/feedback.md "Surveys after an activity"). A survey about an activity is offered,
 * while it is open, to each account holding a checked-in booking of a session of the activity
 * that has ended, until they answer it: on the public feedback page and, once, through the
 * notifications (the job feedback-survey-offers, after their session ends).
 */
#include "mod/feedback/feedback.h"

#include "core/notify.h"

const notify_kind feedback_kind_survey_offered = {"feedback.survey_offered", 0};

#define OFFERS_BATCH 500 /* people told in one run of the job */

int feedback_survey_offers(wy_ctx *ctx, survey_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!ctx->who || !ctx->who->user_id)
        return 0;
    int rc = store_survey_offers(ctx->c, ctx->a, ctx->who->user_id, ctx->now, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "surveys");
}

int feedback_job_survey_offers(wy_ctx *ctx)
{
    survey_offer_row *os;
    size_t n;
    int rc = store_survey_offers_due(ctx->c, ctx->a, ctx->now, OFFERS_BATCH, &os, &n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "surveys");
    int told = 0;
    for (size_t i = 0; i < n; i++) {
        if (tx_begin(ctx) < 0)
            return -1;
        notify_msg m = {
            .kind = &feedback_kind_survey_offered,
            .user_id = os[i].user_id,
            .subject_type = "survey",
            .subject_id = os[i].survey_id,
            .title = os[i].title,
            .href = arena_sprintf(ctx->a, "/feedback/surveys/%lld", (long long)os[i].survey_id),
            .at = os[i].closes_at,
            .division = os[i].division};
        int64_t id = 0;
        if (tx_end(ctx, notify_send(ctx, &m, &id)) < 0)
            return -1;
        told += id != 0;
    }
    return told;
}
