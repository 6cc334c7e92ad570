/*
 * notice_store: the store interface of the notices module (store_notices.c). Conventions as
 * in core/store.h.
 */
#ifndef WY_NOTICE_STORE_H
#define WY_NOTICE_STORE_H

#include <stdint.h>

#include "core/store.h"

/* ---- notices (通知公告) ---- */
typedef struct notice {
    int64_t id;
    const char *division;
    const char *title;
    const char *body;
    int64_t author;
    const char *status;
    int64_t created_at;
    int64_t published_at;
} notice;

int store_notice_create(db *c, const notice *n, int64_t now, int64_t *id);
int store_notice_get(db *c, arena *a, int64_t id, notice *out);
int store_notice_set_status(db *c, int64_t id, const char *status, int64_t now);
int store_notice_update(db *c, int64_t id, const char *title, const char *body, int64_t now);
/* Published notices inside prefix, newest first. */
int store_notice_list(db *c, arena *a, const char *prefix, const char *status, int64_t before,
                      int limit, notice **out, size_t *n);

#endif
