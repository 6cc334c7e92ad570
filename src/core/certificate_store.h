/*
 * certificate_store: the rows of core certificates (certificate.h) and the store functions
 * over the certificates and certificate_counters tables.
 *
 * The store keeps what only the database can keep under concurrency: a number is never given
 * twice (the counter row of its prefix and year is locked by the issuing transaction before
 * it is read, and the number is unique besides), one valid certificate per kind, subject and
 * holder (a partial unique index), and a revocation happens once (guarded by status =
 * 'valid'). What a certificate says, who may issue, read or revoke it are the rules of
 * certificate.c and of the module that issues it.
 */
#ifndef WY_CERTIFICATE_STORE_H
#define WY_CERTIFICATE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

typedef struct certificate {
    int64_t id;
    const char *number; /* "KC-2026-000123" */
    const char *code;   /* 16 characters of Crockford's base32, upper case, no dashes */
    const char *kind;   /* "course" */
    int64_t subject_id; /* the record of the kind it certifies (the course) */
    int64_t holder_id;  /* the holder's account; 0: a person without one */
    const char *holder_name;
    const char *title; /* "结业证书" */
    const char *body;  /* the certifying sentence, as issued ("" when none) */
    const char *facts; /* JSON: [{"label": "课程", "value": "书法入门"}, ...] */
    const char *issuer;
    const char *division;  /* the issuer's: who may revoke it is decided there */
    const char *issued_on; /* the local day, YYYY-MM-DD */
    int64_t issued_at, issued_by;
    const char *status; /* valid, revoked */
    int64_t revoked_at, revoked_by;
    const char *revoke_reason; /* NULL while valid */
} certificate;

/* Lock the counter of (prefix, year) for the caller's write transaction (made at 0 when there
 * is none) and read its last number. */
int store_certificate_counter_lock(db *c, const char *prefix, int year, int64_t *last);
/* Set it to last (after a number was given). */
int store_certificate_counter_set(db *c, const char *prefix, int year, int64_t last);
/* Insert x (every field but id, status and the revocation's); WY_CONSTRAINT on a number or a
 * code that exists, or a second valid certificate of the kind, subject and holder. */
int store_certificate_add(db *c, const certificate *x, int64_t *id);
int store_certificate_get(db *c, arena *a, int64_t id, certificate *out);
int store_certificate_by_code(db *c, arena *a, const char *code, certificate *out);
/* The valid certificate of (kind, subject, holder), or WY_NOTFOUND. */
int store_certificate_valid_of(db *c, arena *a, const char *kind, int64_t subject_id,
                               int64_t holder_id, certificate *out);
/* The certificates of a subject (valid and revoked), by id. */
int store_certificates_of_subject(db *c, arena *a, const char *kind, int64_t subject_id,
                                  certificate **out, size_t *n);
/* A holder's certificates, newest first, ids before before (0: from the newest). */
int store_certificates_of_holder(db *c, arena *a, int64_t holder_id, int64_t before, int limit,
                                 certificate **out, size_t *n);
/* Revoke a valid certificate; WY_NOTFOUND when it is not valid (any more). */
int store_certificate_revoke(db *c, int64_t id, int64_t by, const char *reason, int64_t now);

#endif
