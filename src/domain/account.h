/*
 * account: real-name accounts (实名账号). A mainland mobile number is the login; the password
 * is stored only as an argon2id hash (libsodium); a session is a 256-bit random token given
 * to the client once and stored only as its BLAKE2b hash, so a leaked database holds no
 * usable token. Failed logins slow a phone (and an address) down, then lock it for a while.
 */
#ifndef WY_ACCOUNT_H
#define WY_ACCOUNT_H

#include "domain/domain.h"

#define TOKEN_CHARS      44 /* 43 base64url characters and the terminator */
#define PHONE_MASKED_MAX 16

int account_init(void); /* libsodium; once at start-up */
/* A new random token (256 bits, base64url), and the hash of a token as it is stored. */
void account_token_new(char token[TOKEN_CHARS]);
void account_token_hash(const char *token, char out[65]);

int account_phone_valid(const char *phone);
/* 138****1234 */
void account_mask_phone(const char *phone, char out[PHONE_MASKED_MAX]);
/* May who see u's phone unmasked? Its owner and admins over u's division. */
int account_may_see_personal(const principal *who, const user *u);
/* Check a password against the rules; the reason goes on ctx. */
int account_password_ok(wy_ctx *ctx, const char *password, const char *field);
int account_name_ok(wy_ctx *ctx, const char *name);

/* Register a citizen account (division optional). */
int account_register(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                     const char *division, int64_t *id);
/* Create an account with a role on a division, on behalf of ctx->who (NULL who: the
 * command line, which is trusted). */
int account_create(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                   const char *role, const char *division, int64_t *id);
/* Log in: on success a fresh token (to hand to the client once). */
int account_login(wy_ctx *ctx, const char *phone, const char *password, char token[TOKEN_CHARS],
                  int64_t *user_id);
int account_logout(wy_ctx *ctx, const char *token);
/* Change the password of ctx->who; every other session of the account ends. */
int account_change_password(wy_ctx *ctx, const char *old_pw, const char *new_pw,
                            const char *current_token);
/* Resolve a token to who holds it (principal allocated in ctx->a); E_UNAUTH when the token
 * is unknown or expired. */
int account_principal(wy_ctx *ctx, const char *token, principal *out);
/* Load a principal by id (the command line and tests). */
int account_principal_by_id(wy_ctx *ctx, int64_t id, principal *out);

/* Grant a role on a division to another account (never one's own: 403 "own_account"). */
int account_grant(wy_ctx *ctx, int64_t user_id, const char *role, const char *division,
                  int64_t *grant_id);
/* Revoke grant_id of account user_id (a grant of another account is not found). */
int account_revoke(wy_ctx *ctx, int64_t user_id, int64_t grant_id);
/* Get an account the caller may see (its owner, or an admin over its division). An admin's
 * read of another's account, and every read of the list, is written to the audit log
 * ("personal.read"): they show names and whole numbers. */
int account_get(wy_ctx *ctx, int64_t id, user *out);
int account_list(wy_ctx *ctx, const char *division, const char *q, int64_t after, int limit,
                 user **out, size_t *n);

/* Member-list import: CSV with phone,name,password[,role,division]. Each row is accepted or
 * rejected on its own; with dry_run nothing is written. */
typedef struct import_line {
    int line;
    int ok;
    const char *phone; /* masked */
    const char *reason;
} import_line;
typedef void (*import_progress_fn)(int rows_done, void *user);
typedef struct account_import_result {
    import_progress_fn progress; /* called after every row (CLI progress); may be NULL */
    void *progress_user;
    int accepted, rejected;
    import_line *lines;
    size_t nlines;
} account_import_result;
int account_import_csv(wy_ctx *ctx, const char *data, size_t len, int dry_run,
                       import_progress_fn progress, void *progress_user,
                       account_import_result *res);

#endif
