/*
 * attachment: files that back a record (附件): the evidence of a reported indicator value
 * now, the materials of tasks, assessments and exchanges later. A module keeps its own
 * records and access rules; the core keeps the files, each tied to its owner (type and id)
 * and the owner's division, with its name, type, size and SHA-256, in the database so that
 * every application server serves them. Nothing here decides who may read or add: the
 * owning module checks before it calls.
 */
#ifndef WY_ATTACHMENT_H
#define WY_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/attachment_store.h"
#include "core/domain.h"

/* A file as uploaded (the bytes are copied when it is added). */
typedef struct attachment_file {
    const char *name;         /* as uploaded: "2026年报.pdf" */
    const char *content_type; /* NULL or "": application/octet-stream */
    const char *data;
    size_t len;
} attachment_file;

/* Check a file before it is added: a name of 1 to 200 characters without slashes or line
 * breaks (bad_filename), not empty (empty_file), at most max_bytes (file_too_large), a
 * plausible type (bad_content_type); -1 with the refusal (E_INVALID, field "field"). */
int attachment_check(wy_ctx *ctx, const attachment_file *f, int64_t max_bytes, const char *field);
/* attachment_check, and the file is a photo: a JPEG, PNG or WebP image by its declared type
 * and by its first bytes alike (bad_content_type otherwise). */
int attachment_check_image(wy_ctx *ctx, const attachment_file *f, int64_t max_bytes,
                           const char *field);
/* Add f to (owner_type, owner_id) of division, inside the caller's write transaction. */
int attachment_add_tx(wy_ctx *ctx, const char *owner_type, int64_t owner_id, const char *division,
                      const attachment_file *f, attachment *out);
/* The attachments of an owner, without their bytes. */
int attachment_list(wy_ctx *ctx, const char *owner_type, int64_t owner_id, attachment **out,
                    size_t *n);
/* Delete attachment id, inside the caller's write transaction (E_NOTFOUND when it is gone). */
int attachment_remove_tx(wy_ctx *ctx, int64_t id);
/* One attachment and its decoded bytes (in ctx->a); E_NOTFOUND when there is none. */
int attachment_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data, size_t *len);

#endif
