/*
 * audit: reading the audit log. Every module writes its transitions there in the same
 * transaction as the change (store_audit_add); auditors and admins read the log of their
 * subtree here.
 */
#ifndef WY_AUDIT_H
#define WY_AUDIT_H

#include "domain/domain.h"

/* Entries of division's subtree (NULL: the caller's widest subtree), newest first, before
 * cursor (an id; 0: none); object_type and object_id filter when given. */
int audit_list(wy_ctx *ctx, const char *division, const char *object_type, const char *object_id,
               int64_t before, int limit, audit_entry **out, size_t *n);

#endif
