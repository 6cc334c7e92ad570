/*
 * poster: the poster image (海报) of an activity. Staff who manage the activity set,
 * replace and remove it; it is shown wherever the activity is: to everyone once the activity
 * is published, to its managers and reviewers while it is a draft. Only JPEG, PNG and WebP
 * are taken, recognised by their first bytes, and the type the client declares must agree;
 * at most [activity] poster_max_bytes. The ETag is a hash of the bytes, so an unchanged
 * image keeps its ETag and caches stay valid.
 */
#ifndef WY_POSTER_H
#define WY_POSTER_H

#include <stddef.h>

#include "core/domain.h"
#include "mod/activities/activity_store.h"

#define POSTER_ETAG_HEX 32 /* characters of the ETag (a 16-byte hash in hex) */

/* The image type of data by its magic bytes ("image/jpeg", "image/png", "image/webp"), or
 * NULL for anything else. Pure. */
const char *poster_sniff(const void *data, size_t len);
/* A declared Content-Type without its parameters, lower case, as one of the three types;
 * NULL when it names another. */
const char *poster_declared_type(arena *a, const char *content_type);

/* An image as served. */
typedef struct poster_image {
    activity_poster p;
    const unsigned char *data; /* decoded, p.bytes long */
    int public_cache;          /* the activity is published: any cache may keep it */
} poster_image;

/* Set or replace the poster of activity id (its managers; audited). content_type is what the
 * client declared. Who may is checked first (E_NOTFOUND, E_FORBIDDEN); then the image: E_INVALID
 * "empty_poster"; E_INVALID "unsupported_type" (not a JPEG, PNG or WebP declaration),
 * "not_an_image" (the bytes are none of them), "type_mismatch" (declared one, sent another) — the
 * edge answers these 415; E_RULE "poster_too_large" (over the limit; the edge answers 413). out may
 * be NULL. */
int poster_set(wy_ctx *ctx, int64_t id, const char *content_type, const void *data, size_t len,
               activity_poster *out);
/* Remove it (its managers; audited); E_NOTFOUND "no_poster" when there is none. */
int poster_delete(wy_ctx *ctx, int64_t id);
/* The image of an activity the caller may see; E_NOTFOUND when either is missing. */
int poster_get(wy_ctx *ctx, int64_t id, poster_image *out);
/* The poster's facts for an activity already shown to the caller: 1 with *out filled, 0 when
 * it has none, -1 on a database error (recorded on ctx). */
int poster_info(wy_ctx *ctx, int64_t id, activity_poster *out);
/* Where the image is served, its ETag in the query so a new image is a new address. */
const char *poster_url(arena *a, const activity_poster *p);
/* Is ref ("If-None-Match") a match for the ETag etag (bare hex)? */
int poster_etag_matches(const char *ref, const char *etag);

#endif
