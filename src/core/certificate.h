/*
 * certificate: certificates with a verification code (证书), one mechanism for every module
 * that certifies something: the completion of a course now; a volunteer's service record
 * (the person, the hours, the issuing organisation, a number and a date) and the award of a
 * selection later.
 *
 * A module registers a kind (its name, the prefix of its numbers, a label, and the
 * permission that decides over its certificates) and issues certificates of it inside its own
 * transaction, once its own rule says the person has earned one. A certificate gets a
 * readable number, PREFIX-YEAR-SEQUENCE ("KC-2026-000123": unique, and without a gap within a
 * prefix and year however many app servers issue at once), and a verification code that
 * cannot be guessed: 80 random bits (libsodium) written as 16 characters of Crockford's
 * base32, shown in groups of four ("7K3M-Q9XD-2HPA-W4TZ") and printed as a QR code of the
 * public page's address.
 *
 * Anyone who holds a code may check it (certificate_verify): valid, revoked or unknown, with
 * what the paper shows — number, title, body, facts, issuer, date — but the holder's name
 * masked ("王*梅"); never the holder's account, the revocation's reason or who acted. Checks
 * are counted per client address (rate counters, core/throttle.h), so codes cannot be tried
 * in bulk. The whole certificate is for its holder and for those who hold the kind's
 * permission over the issuer's division, who may also revoke it with a reason; a revocation
 * is written to the audit log, and nothing is ever deleted.
 */
#ifndef WY_CERTIFICATE_H
#define WY_CERTIFICATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/authz.h"
#include "core/certificate_store.h"
#include "core/domain.h"

#define CERTIFICATE_CODE_LEN    16 /* characters of a code, without dashes */
#define CERTIFICATE_CODE_SHOWN  20 /* with the three dashes, and the NUL */
#define CERTIFICATE_KINDS_MAX   16
#define CERTIFICATE_FACTS_MAX   20
#define CERTIFICATE_NAME_MASKED 64 /* bytes of a masked name */
#define CERTIFICATE_REASON_MAX  500

/* A kind of certificate, registered by its module at start-up (its init hook). */
typedef struct certificate_kind {
    const char *name;   /* stored in the certificate: "course" */
    const char *prefix; /* of its numbers: 1 to 8 of A-Z and 0-9, "KC" */
    const char *label;  /* an English msgid: "Course completion" */
    perm manage;        /* read whole and revoke, over the certificate's division */
} certificate_kind;

/* Register a kind (again: nothing happens); -1 when the table is full, the name or the prefix
 * is taken by another kind, or the prefix is not valid. Not thread-safe: call it from init. */
int certificate_register_kind(const certificate_kind *k);
/* The kind of that name, or NULL. */
const certificate_kind *certificate_kind_of(const char *name);

/* A line of what a certificate says ("课程", "书法入门（楷书）"). */
typedef struct certificate_fact {
    const char *label, *value;
} certificate_fact;

/* What the issuing module gives. Texts are stored as given: a certificate is a document in
 * the language it was issued in (Chinese, by the city's offices). */
typedef struct certificate_spec {
    const char *kind;
    int64_t subject_id;
    int64_t holder_id; /* 0: a person without an account */
    const char *holder_name;
    const char *title; /* 1 to 50 characters */
    const char *body;  /* at most 1000; NULL or "": none */
    const certificate_fact *facts;
    size_t nfacts;      /* at most CERTIFICATE_FACTS_MAX, each label 1-50, value 1-200 characters */
    const char *issuer; /* the issuing organisation, 1 to 100 characters */
    const char *division; /* the issuer's division */
} certificate_spec;

/* Issue a certificate inside the caller's write transaction; the caller has decided that the
 * holder earned it and that ctx->who may issue it (the kind's module rule). When the holder
 * has a valid certificate of this kind and subject already, nothing is issued: *existing is
 * set and out is that one. -1 with the refusal (E_INVALID for a spec the checks refuse,
 * E_INTERNAL for an unknown kind). */
int certificate_issue_tx(wy_ctx *ctx, const certificate_spec *s, certificate *out, int *existing);

/* A code as typed or scanned, made canonical: spaces and dashes dropped, lower case raised,
 * O read as 0, I and L as 1; -1 when what is left is not 16 characters of the alphabet. */
int certificate_code_normalize(const char *in, char out[CERTIFICATE_CODE_LEN + 1]);
/* The code in groups of four: "7K3M-Q9XD-2HPA-W4TZ". */
void certificate_code_shown(const char *code, char out[CERTIFICATE_CODE_SHOWN]);
/* A name as the public sees it: its first character, a star for each character between, and
 * its last one when it has three or more ("王小梅" -> "王*梅", "王梅" -> "王*", "A" -> "*"). */
void certificate_mask_name(const char *name, char out[CERTIFICATE_NAME_MASKED]);

/* ---- checking a code: anyone ---- */

typedef enum certificate_verdict {
    CERTIFICATE_UNKNOWN = 0,
    CERTIFICATE_VALID,
    CERTIFICATE_REVOKED,
} certificate_verdict;

/* What the public may know of a certificate: what its paper shows, the holder masked. */
typedef struct certificate_public {
    certificate_verdict verdict;
    const char *number, *kind, *kind_label, *title, *body, *facts, *issuer, *issued_on;
    char holder[CERTIFICATE_NAME_MASKED];
    int64_t revoked_at; /* 0 while valid */
} certificate_public;

/* The limits of checks from one address (the caller's settings); 0 leaves one out. */
typedef struct certificate_limits {
    int per_minute, per_hour;
} certificate_limits;

/* Check a code: counted against the limits for ctx->ip first (E_LIMITED, 429 with
 * Retry-After, once over), then looked up. A code that is malformed or names no certificate
 * is CERTIFICATE_UNKNOWN (0 returned, out->verdict says). */
int certificate_verify(wy_ctx *ctx, const char *code, const certificate_limits *lim,
                       certificate_public *out);
/* The public view of a certificate (for a page that has it already). */
void certificate_public_of(const certificate *c, certificate_public *out);

/* ---- the whole certificate: its holder, and the kind's managers ---- */

/* May who read c whole (its holder, or the kind's permission over its division)? */
int certificate_may_read(const principal *who, const certificate *c);
/* May who revoke it (the kind's permission over its division)? */
int certificate_may_manage(const principal *who, const certificate *c);
/* The certificate, to its holder and the kind's managers (whose read of another person's
 * name is written to the audit log as personal.read first); E_NOTFOUND for everyone else. */
int certificate_get(wy_ctx *ctx, int64_t id, certificate *out);
/* Revoke a valid certificate with a reason (1 to 500 characters): the kind's permission over
 * its division; audited. 409 not_valid when it is revoked already. */
int certificate_revoke(wy_ctx *ctx, int64_t id, const char *reason);
/* The same inside the caller's write transaction (a module that revokes a certificate with
 * what it certified: a volunteer's star level). */
int certificate_revoke_tx(wy_ctx *ctx, int64_t id, const char *reason);
/* ctx->who's certificates, newest first, ids before before (0: the newest). */
int certificate_mine(wy_ctx *ctx, int64_t before, int limit, certificate **out, size_t *n);
/* The certificates of a subject (valid and revoked): the caller decides who may see them. */
int certificate_of_subject(wy_ctx *ctx, const char *kind, int64_t subject_id, certificate **out,
                           size_t *n);

#endif
