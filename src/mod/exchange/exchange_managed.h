/*
 * exchange_managed: what the staff's pages of the exchange module read beyond the public
 * query: the activities of the caller's area in every review state (drafts to submit,
 * published ones whose figures come afterwards). Staff with EXCHANGE_PERM over the subtree.
 */
#ifndef WY_EXCHANGE_MANAGED_H
#define WY_EXCHANGE_MANAGED_H

#include "core/domain.h"
#include "mod/exchange/managed_store.h"

/* The activities of a subtree (division NULL or "": the caller's widest scope of
 * EXCHANGE_PERM) in any state, newest first, id < before when before > 0. 403 without the
 * permission over it. */
int exchange_activity_managed(wy_ctx *ctx, const char *division, int64_t before, int limit,
                              exchange_activity **out, size_t *n);

#endif
