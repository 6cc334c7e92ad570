/*
 * attachment_store: the rows of core attachments (attachment.h) and the store functions over
 * the attachments table. The bytes travel as base64 text: the driver binds no blobs.
 */
#ifndef WY_ATTACHMENT_STORE_H
#define WY_ATTACHMENT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

/* A file that backs a record of some module: its owner (type, id) and the owner's division,
 * so that the owning module decides who reads it. */
typedef struct attachment {
    int64_t id;
    const char *owner_type; /* "indicator_report" */
    int64_t owner_id;
    const char *division;
    const char *filename;
    const char *content_type;
    int64_t bytes;
    const char *sha256; /* hex, of the decoded bytes */
    int64_t created_by; /* 0: nobody (the demo) */
    int64_t created_at;
} attachment;

int store_attachment_add(db *c, const attachment *a, const char *base64, int64_t *id);
/* One attachment with its bytes as stored (base64) in *base64 (NULL: leave them). */
int store_attachment_get(db *c, arena *a, int64_t id, attachment *out, const char **base64);
/* WY_NOTFOUND when there is no such attachment. */
int store_attachment_delete(db *c, int64_t id);
/* The attachments of an owner, by id, without their bytes. */
int store_attachments_of(db *c, arena *a, const char *owner_type, int64_t owner_id,
                         attachment **out, size_t *n);

#endif
