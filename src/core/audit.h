/*
 * audit: the audit log. Every module writes its transitions there in the same transaction as
 * the change; reads and exports of personal data (other people's names and phone numbers) are
 * written too, before the data is shown. Auditors and admins read the log of their subtree
 * here; the entries that have no division (an account registered without one, for instance)
 * are read by those who hold audit_read city-wide, with the city's subtree or a wider one.
 */
#ifndef WY_AUDIT_H
#define WY_AUDIT_H

#include "core/domain.h"

/* Write one entry by the caller, inside the caller's transaction (-1 with the refusal). */
int audit_add(wy_ctx *ctx, const char *action, const char *object_type, int64_t object_id,
              const char *division, const char *from, const char *to, const char *reason);
/* Record that the caller reads (action "personal.read") or exports ("personal.export") the
 * personal data of others — the object and its division, with detail in the reason — in a
 * transaction of its own. -1 with the refusal when it cannot be recorded: the data is then
 * not shown. */
int audit_personal(wy_ctx *ctx, const char *action, const char *object_type, const char *object_id,
                   const char *division, const char *detail);
/* Entries of division's subtree (NULL: the caller's widest subtree), newest first, before
 * cursor (an id; 0: none); object_type and object_id filter when given. */
int audit_list(wy_ctx *ctx, const char *division, const char *object_type, const char *object_id,
               int64_t before, int limit, audit_entry **out, size_t *n);

#endif
