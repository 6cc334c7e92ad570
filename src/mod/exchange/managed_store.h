/*
 * managed_store: what the staff's pages of the exchange module list beyond the public query
 * (store_managed.c): the activities of a subtree in every review state. Conventions as in
 * core/store.h.
 */
#ifndef WY_EXCHANGE_MANAGED_STORE_H
#define WY_EXCHANGE_MANAGED_STORE_H

#include "mod/exchange/activity_store.h"

/* The activities of the subtree prefix in any state, newest first (id < before when
 * before > 0), at most limit. The summaries are not read (""); the rest as
 * store_exchange_activity_get fills it. */
int store_exchange_activity_managed(db *c, arena *a, const char *prefix, int64_t before, int limit,
                                    exchange_activity **out, size_t *n);

#endif
