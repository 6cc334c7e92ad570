/*
 * notice: 通知公告, announcements that district and city staff write for a division and
 * publish through the review chain. The first content type of wenyun; later modules plug
 * into review the same way.
 */
#ifndef WY_NOTICE_H
#define WY_NOTICE_H

#include "core/domain.h"
#include "mod/notices/notice_store.h"
#include "core/review.h"

/* The "notice" review type (the module registers it: mod/notices/module.c). */
extern const review_type notice_review_type;
int notice_create(wy_ctx *ctx, const char *division, const char *title, const char *body,
                  int64_t *id);
int notice_update(wy_ctx *ctx, int64_t id, const char *title, const char *body);
int notice_submit(wy_ctx *ctx, int64_t id, const char **status);
/* A published notice is public; drafts are seen by their author and publishers above. */
int notice_get(wy_ctx *ctx, int64_t id, notice *out);
/* Published notices of a subtree (anyone). */
int notice_list(wy_ctx *ctx, const char *division, int64_t before, int limit, notice **out,
                size_t *n);

/* `wenyun demo`: the module's demonstration data (mod/module.h). */
int notices_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
