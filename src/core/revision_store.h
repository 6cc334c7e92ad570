/*
 * revision_store: the rows of the core's revisions (revision.h) and the store functions over
 * the content_revisions table (store_revisions.c).
 *
 * The store keeps what only the database can keep: at most one revision of a record is
 * pending (a unique partial index on content_type and target_id: a second one is
 * WY_CONSTRAINT), and a revision leaves pending once (guarded by its status). What a revision
 * may change, who sees it and what its approval does are the rules of revision.c and of the
 * module whose record it is.
 */
#ifndef WY_REVISION_STORE_H
#define WY_REVISION_STORE_H

#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

typedef struct revision_row {
    int64_t id;
    const char *content_type; /* the review's content type: "activity_revision" */
    int64_t target_id;        /* the record it changes */
    const char *changes;      /* a JSON object: field name -> proposed value (string or null) */
    const char *status;       /* pending, approved, rejected, obsolete */
    int64_t created_by, created_at, decided_at; /* decided_at 0: not decided */
} revision_row;

/* A new pending revision (status pending). */
int store_revision_create(db *c, const revision_row *r, int64_t now, int64_t *id);
int store_revision_get(db *c, arena *a, int64_t id, revision_row *out);
/* The pending revision of a record, or WY_NOTFOUND. */
int store_revision_pending(db *c, arena *a, const char *content_type, int64_t target_id,
                           revision_row *out);
/* Move a revision from one status to another (WY_NOTFOUND when it is not in from). */
int store_revision_set_status(db *c, int64_t id, const char *from, const char *to, int64_t now);

#endif
