/*
 * account: real-name accounts (实名账号). A mainland mobile number is the login; the password
 * is stored only as an argon2id hash (libsodium); a session is a 256-bit random token given
 * to the client once and stored only as its BLAKE2b hash, so a leaked database holds no
 * usable token. Failed logins slow a phone (and an address) down: each try after a few
 * failures waits twice as long as the one before, up to a cap, and never longer.
 *
 * A mobile number is proved before its account can log in: registration sends a one-time
 * code by SMS (util/sms.h) and the account exists once the code comes back; a forgotten
 * password is reset the same way, and a member imported without a password activates the
 * account by that reset. Sending a code is limited per number, per address, and for
 * registrations overall; registration answers the same whether or not the number has an
 * account, and hashes the password only once the request has passed those limits.
 */
#ifndef WY_ACCOUNT_H
#define WY_ACCOUNT_H

#include "core/division.h"
#include "core/domain.h"

#define TOKEN_CHARS       44 /* 43 base64url characters and the terminator */
#define PHONE_MASKED_MAX  16
#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

int account_init(void); /* libsodium; once at start-up */
/* A new random token (256 bits, base64url), and the hash of a token as it is stored. */
void account_token_new(char token[TOKEN_CHARS]);
void account_token_hash(const char *token, char out[65]);

int account_phone_valid(const char *phone);
/* 138****1234 */
void account_mask_phone(const char *phone, char out[PHONE_MASKED_MAX]);
/* May who see u's phone unmasked? Its owner and admins over u's division. */
int account_may_see_personal(const principal *who, const account *u);
/* Check a password against the rules; the reason goes on ctx. */
int account_password_ok(wy_ctx *ctx, const char *password, const char *field);
int account_name_ok(wy_ctx *ctx, const char *name);

/* Ask for a citizen account (division optional): check the fields, pass the limits on codes
 * (E_LIMITED with retry_after_s), then hash the password and, if the number has no account,
 * keep the request and send its number a code. 0 whether or not the number has an account. */
int account_register(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                     const char *division);
/* The code sent for a registration: the account is made and active (its id in *id). A wrong,
 * used or expired code: E_RULE wrong_code; a number with an account: E_CONFLICT. */
int account_verify(wy_ctx *ctx, const char *phone, const char *code, int64_t *id);
/* Send a password-reset code to phone if it has an account that may log in (a pending one
 * included: that is how an imported member activates); 0 either way, after the limits. */
int account_reset_request(wy_ctx *ctx, const char *phone);
/* Set a new password with the code: the account is active, and every session of it ends. */
int account_reset(wy_ctx *ctx, const char *phone, const char *code, const char *password);
/* Create an account with a role on a division, on behalf of ctx->who (NULL who: the
 * command line, which is trusted). It is active at once: an operator or an admin made it. */
int account_create(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                   const char *role, const char *division, int64_t *id);
/* The periodic clean-up: expired codes, old rate counters, forgotten login throttles. */
int account_housekeeping(wy_ctx *ctx);
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
int account_get(wy_ctx *ctx, int64_t id, account *out);
/* The grants of u (read with account_get), to who may read u by account_get's rule; 0, or
 * -1 with the refusal. */
int account_roles(wy_ctx *ctx, const account *u, role_grant **out, size_t *n);
int account_list(wy_ctx *ctx, const char *division, const char *q, int64_t after, int limit,
                 account **out, size_t *n);

/* For the member import (member_import.h): a new account's row checked without hashing, and
 * its insertion inside the caller's transaction with the hash (NULL: no password, so the
 * account waits for its member to prove the number). */
typedef struct account_new {
    const char *phone, *name;
    const char *role;                 /* the role's name */
    char division[DIVISION_CODE_MAX]; /* "" for none */
} account_new;
int account_check_new(wy_ctx *ctx, const char *phone, const char *name, const char *password,
                      const char *role, const char *division, account_new *out);
int account_insert_new(wy_ctx *ctx, const account_new *n, const char *pwhash, int64_t *id);
/* Hash a password at the configured cost; -1 when memory is short. Safe on any thread. */
int account_hash_password(const wy_config *cfg, const char *password, char out[PASSWORD_HASH_MAX]);

#endif
