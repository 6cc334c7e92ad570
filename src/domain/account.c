/*
 * account: see account.h. The throttle counts failures per phone and per client address in
 * a sliding window: after login_slow_after failures each try must wait 2^k seconds (capped
 * at a minute); after login_lock_after the phone is locked for login_lock_s. The same
 * answer (429 with the wait) is given whether or not the phone exists.
 */
#include "domain/account.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "domain/authz.h"
#include "domain/division.h"
#include "domain/session_cache.h"
#include "util/csvread.h"
#include "util/log.h"

/* A hash to verify against when the phone has no account, so that a login for an unknown
 * phone costs as much as one for a known phone. Made once, with the configured cost. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static unsigned long long dummy_ops;
static size_t dummy_mem;

static void make_dummy_hash(void)
{
    if (crypto_pwhash_str(dummy_hash, "wenyun-dummy-password", 21, dummy_ops, dummy_mem) != 0)
        dummy_hash[0] = '\0';
}

int account_init(void)
{
    if (sodium_init() < 0)
        return -1;
    return 0;
}

int account_phone_valid(const char *phone)
{
    if (!phone || strlen(phone) != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9')
        return 0;
    for (int i = 0; i < 11; i++)
        if (!isdigit((unsigned char)phone[i]))
            return 0;
    return 1;
}

void account_mask_phone(const char *phone, char out[PHONE_MASKED_MAX])
{
    size_t n = phone ? strlen(phone) : 0;
    if (n == 11)
        snprintf(out, PHONE_MASKED_MAX, "%.3s****%.4s", phone, phone + 7);
    else
        snprintf(out, PHONE_MASKED_MAX, "****");
}

int account_may_see_personal(const principal *who, const user *u)
{
    if (who && who->user_id && who->user_id == u->id)
        return 1;
    return u->division ? authz_allows(who, PERM_ACCOUNTS_READ, u->division)
                       : authz_city_wide(who, PERM_ACCOUNTS_READ);
}

int account_password_ok(wy_ctx *ctx, const char *pw, const char *field)
{
    size_t n = pw ? strlen(pw) : 0;
    int letters = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (isalpha((unsigned char)pw[i]))
            letters = 1;
        else if (isdigit((unsigned char)pw[i]))
            digits = 1;
    }
    if (n < 8 || n > 128 || !letters || !digits || !utf8_valid(pw, n))
        return fail_field(ctx, E_INVALID, "weak_password",
                          "A password has 8 to 128 characters with letters and digits.", field);
    return 0;
}

int account_name_ok(wy_ctx *ctx, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || !utf8_valid(name, n) || utf8_length(name) > 32)
        return fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 32 characters.", "name");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 32 characters.", "name");
    return 0;
}

static int hash_password(wy_ctx *ctx, const char *pw, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(out, pw, strlen(pw), (unsigned long long)ctx->cfg->password_opslimit,
                          (size_t)ctx->cfg->password_memlimit_kib * 1024) != 0)
        return fail(ctx, E_UNAVAILABLE, "busy", "The service is busy; try again in a moment.");
    return 0;
}

void account_token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

static int audit(wy_ctx *ctx, const char *action, const char *type, int64_t id,
                 const char *division, const char *from, const char *to, const char *reason)
{
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)id);
    /* a login is done by the account logging in, before it is anybody's session */
    int64_t actor = ctx->who && ctx->who->user_id      ? ctx->who->user_id
                    : !strcmp(action, "session.login") ? id
                                                       : 0;
    audit_entry e = {0, ctx->now, actor, action, type, oid, division, from, to, reason};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : fail_store(ctx, rc, "audit");
}

static int check_division(wy_ctx *ctx, const char *in, char out[DIVISION_CODE_MAX])
{
    division d;
    if (division_normalize(in, out) < 0)
        return fail_field(ctx, E_INVALID, "bad_division",
                          "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_division_get(ctx->c, ctx->a, out, &d);
    if (rc == WY_NOTFOUND)
        return fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    return rc == WY_OK ? 0 : fail_store(ctx, rc, "division");
}

/* Validate the fields of a new account and hash its password; done before the write
 * transaction, as argon2id takes a tenth of a second on purpose. */
static int validate_new_user(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                             char hash[crypto_pwhash_STRBYTES])
{
    if (!account_phone_valid(phone))
        return fail_field(ctx, E_INVALID, "bad_phone",
                          "A mobile number has 11 digits and starts with 13 to 19.", "phone");
    if (account_name_ok(ctx, name) < 0 || account_password_ok(ctx, password, "password") < 0)
        return -1;
    return hash_password(ctx, password, hash);
}

/* Insert, inside the caller's write transaction. */
static int insert_user(wy_ctx *ctx, const char *phone, const char *hash, const char *name,
                       const char *division, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    int has_div = division && *division;
    if (has_div && check_division(ctx, division, div) < 0)
        return -1;
    int rc = store_user_create(ctx->c, phone, name, hash, has_div ? div : NULL, ctx->now, id);
    if (rc == WY_CONSTRAINT)
        return fail_field(ctx, E_CONFLICT, "phone_taken",
                          "An account with this mobile number exists already.", "phone");
    if (rc != WY_OK)
        return fail_store(ctx, rc, "user create");
    return audit(ctx, "user.create", "user", *id, has_div ? div : NULL, NULL, "active", NULL);
}

int account_register(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                     const char *division, int64_t *id)
{
    char hash[crypto_pwhash_STRBYTES];
    if (validate_new_user(ctx, phone, password, name, hash) < 0 || tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, insert_user(ctx, phone, hash, name, division, id));
}

/* The checks of account_create that need no database. */
static int check_create(wy_ctx *ctx, const char *phone, const char *role_s, const char *division,
                        role *r, char div[DIVISION_CODE_MAX])
{
    *r = role_s && *role_s ? role_parse(role_s) : ROLE_CITIZEN;
    div[0] = '\0';
    if (!account_phone_valid(phone))
        return fail_field(ctx, E_INVALID, "bad_phone",
                          "A mobile number has 11 digits and starts with 13 to 19.", "phone");
    if (ctx->who && !(division && *division))
        return fail_field(ctx, E_INVALID, "division_required",
                          "Give the division of the account (a code inside your area).",
                          "division");
    if (*r == ROLE_NONE)
        return fail_field(ctx, E_INVALID, "bad_role", "No such role.", "role");
    if (*r != ROLE_CITIZEN && !(division && *division))
        return fail_field(ctx, E_INVALID, "division_required",
                          "A role is granted on a division: give its code.", "division");
    if (division && *division && division_normalize(division, div) < 0)
        return fail_field(ctx, E_INVALID, "bad_division",
                          "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (ctx->who && !authz_may_grant(ctx->who, *r, div[0] ? div : "")) {
        if (authz_require(ctx, PERM_ACCOUNTS_MANAGE, div[0] ? div : NULL) < 0)
            return -1;
        return fail(ctx, E_FORBIDDEN, "forbidden", "You may not grant that role there.");
    }
    return 0;
}

/* Insert an account and its grant, inside the caller's write transaction. */
static int insert_with_role(wy_ctx *ctx, const char *phone, const char *hash, const char *name,
                            role r, const char *div, int64_t *id)
{
    if (insert_user(ctx, phone, hash, name, div, id) < 0)
        return -1;
    if (r == ROLE_CITIZEN)
        return 0;
    int64_t gid;
    int rc = store_role_grant(ctx->c, *id, role_name(r), div, ctx->who ? ctx->who->user_id : 0,
                              ctx->now, &gid);
    return rc == WY_OK ? audit(ctx, "role.grant", "user", *id, div, NULL, role_name(r), NULL)
                       : fail_store(ctx, rc, "role grant");
}

int account_create(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                   const char *role_s, const char *division, int64_t *id)
{
    role r;
    char div[DIVISION_CODE_MAX];
    char hash[crypto_pwhash_STRBYTES];
    if (check_create(ctx, phone, role_s, division, &r, div) < 0 ||
        validate_new_user(ctx, phone, password, name, hash) < 0 || tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, insert_with_role(ctx, phone, hash, name, r, div, id));
}

static int throttle_check(wy_ctx *ctx, const char *key, int slow_after, int lock_after)
{
    int count = 0;
    int64_t last = 0;
    int rc = store_login_failures(ctx->c, key, ctx->now - (int64_t)ctx->cfg->login_window_s * 1000,
                                  &count, &last);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "login throttle");
    int64_t wait_ms = 0;
    if (count >= lock_after)
        wait_ms = last + (int64_t)ctx->cfg->login_lock_s * 1000 - ctx->now;
    else if (slow_after > 0 && count >= slow_after) {
        int shift = count - slow_after;
        int64_t step = shift >= 6 ? 60000 : ((int64_t)1000 << shift);
        wait_ms = last + step - ctx->now;
    }
    if (wait_ms > 0) {
        ctx->err.retry_after_s = (int)((wait_ms + 999) / 1000);
        return fail(ctx, E_LIMITED, count >= lock_after ? "locked" : "too_many_attempts",
                    count >= lock_after
                        ? "Too many failed logins: this account is locked for a while."
                        : "Too many failed logins: wait a moment before trying again.");
    }
    return 0;
}

static int record_failure(wy_ctx *ctx, const char *kphone, const char *kip)
{
    if (store_begin(ctx->c, 1) != WY_OK)
        return -1;
    int rc = store_login_failure_add(ctx->c, kphone, ctx->now);
    if (rc == WY_OK && kip)
        rc = store_login_failure_add(ctx->c, kip, ctx->now);
    if (rc == WY_OK && store_commit(ctx->c) == WY_OK)
        return 0;
    store_rollback(ctx->c);
    return -1;
}

void account_token_new(char token[TOKEN_CHARS])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(token, TOKEN_CHARS, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int new_session(wy_ctx *ctx, int64_t user_id, char token[TOKEN_CHARS])
{
    account_token_new(token);
    char th[65];
    account_token_hash(token, th);
    int rc = store_session_create(ctx->c, th, user_id, ctx->now,
                                  ctx->now + ctx->cfg->session_ttl_s * 1000, ctx->ip);
    return rc == WY_OK ? 0 : fail_store(ctx, rc, "session create");
}

int account_login(wy_ctx *ctx, const char *phone, const char *password, char token[TOKEN_CHARS],
                  int64_t *user_id)
{
    if (!phone || !password || !*phone || !*password)
        return fail(ctx, E_INVALID, "missing_fields", "Give your mobile number and password.");
    char *kphone = arena_sprintf(ctx->a, "phone:%.32s", phone);
    char *kip = ctx->ip ? arena_sprintf(ctx->a, "ip:%s", ctx->ip) : NULL;
    if (!kphone ||
        throttle_check(ctx, kphone, ctx->cfg->login_slow_after, ctx->cfg->login_lock_after) < 0)
        return -1;
    if (kip && throttle_check(ctx, kip, 0, ctx->cfg->login_ip_lock_after) < 0)
        return -1;
    user u;
    int rc = store_user_by_phone(ctx->c, ctx->a, phone, &u);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return fail_store(ctx, rc, "login");
    int ok;
    if (rc == WY_OK) {
        ok = crypto_pwhash_str_verify(u.password_hash, password, strlen(password)) == 0 &&
             !strcmp(u.status, "active");
    } else {
        /* spend the same time as for a real account, so timing does not tell who exists */
        dummy_ops = (unsigned long long)ctx->cfg->password_opslimit;
        dummy_mem = (size_t)ctx->cfg->password_memlimit_kib * 1024;
        pthread_once(&dummy_once, make_dummy_hash);
        if (dummy_hash[0] && crypto_pwhash_str_verify(dummy_hash, password, strlen(password)))
            ok = 0;
        ok = 0;
    }
    if (!ok) {
        record_failure(ctx, kphone, kip);
        return fail(ctx, E_UNAUTH, "bad_credentials", "Wrong mobile number or password.");
    }
    if (tx_begin(ctx) < 0)
        return -1;
    int res = new_session(ctx, u.id, token);
    if (res == 0) {
        /* housekeeping rides on logins: the expired sessions and forgotten failures of
         * everyone go, so neither table grows without bound */
        int64_t keep_ms =
            (int64_t)(ctx->cfg->login_window_s > ctx->cfg->login_lock_s ? ctx->cfg->login_window_s
                                                                        : ctx->cfg->login_lock_s) *
            1000;
        rc = store_login_failures_clear(ctx->c, kphone);
        if (rc == WY_OK)
            rc = store_login_failures_purge(ctx->c, ctx->now - keep_ms);
        if (rc == WY_OK)
            rc = store_session_purge(ctx->c, ctx->now);
        res = rc == WY_OK ? 0 : fail_store(ctx, rc, "login");
    }
    if (res == 0)
        res = audit(ctx, "session.login", "user", u.id, u.division, NULL, NULL, NULL);
    *user_id = u.id;
    return tx_end(ctx, res);
}

int account_logout(wy_ctx *ctx, const char *token)
{
    char th[65];
    if (!token)
        return 0;
    account_token_hash(token, th);
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_session_delete(ctx->c, th);
    int res = rc == WY_OK ? session_cache_announce(ctx, 0, th) : fail_store(ctx, rc, "logout");
    res = tx_end(ctx, res);
    session_cache_forget_token(th); /* after the commit (and after a failure: no harm) */
    return res;
}

int account_change_password(wy_ctx *ctx, const char *old_pw, const char *new_pw,
                            const char *current_token)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    user u;
    int rc = store_user_by_id(ctx->c, ctx->a, ctx->who->user_id, &u);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "user");
    if (!old_pw || crypto_pwhash_str_verify(u.password_hash, old_pw, strlen(old_pw)) != 0)
        return fail_field(ctx, E_RULE, "wrong_password", "The current password is not right.",
                          "old_password");
    if (account_password_ok(ctx, new_pw, "new_password") < 0)
        return -1;
    char hash[crypto_pwhash_STRBYTES];
    if (hash_password(ctx, new_pw, hash) < 0)
        return -1;
    char th[65];
    if (current_token)
        account_token_hash(current_token, th);
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_user_set_password(ctx->c, u.id, hash, ctx->now);
    if (rc == WY_OK)
        rc = store_session_delete_user(ctx->c, u.id, current_token ? th : NULL);
    int res = rc == WY_OK ? audit(ctx, "user.password", "user", u.id, u.division, NULL, NULL, NULL)
                          : fail_store(ctx, rc, "password change");
    if (res == 0)
        res = session_cache_announce(ctx, u.id, NULL);
    res = tx_end(ctx, res);
    session_cache_forget_user(u.id);
    return res;
}

int account_principal_by_id(wy_ctx *ctx, int64_t id, principal *out)
{
    user u;
    int rc = store_user_by_id(ctx->c, ctx->a, id, &u);
    if (rc == WY_OK)
        rc = store_roles_of(ctx->c, ctx->a, id, &out->grants, &out->ngrants);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "principal");
    out->user_id = u.id;
    out->name = u.name;
    out->phone = u.phone;
    out->division = u.division;
    return 0;
}

int account_principal(wy_ctx *ctx, const char *token, principal *out)
{
    memset(out, 0, sizeof(*out));
    if (!token || strlen(token) != TOKEN_CHARS - 1)
        return fail(ctx, E_UNAUTH, "bad_token", "Your session has ended; please log in again.");
    char th[65];
    account_token_hash(token, th);
    if (session_cache_get(th, ctx->now, ctx->a, out))
        return 0;
    uint64_t gen = session_cache_generation();
    int64_t uid, expires;
    int rc = store_session_user(ctx->c, th, ctx->now, &uid, &expires);
    if (rc == WY_NOTFOUND)
        return fail(ctx, E_UNAUTH, "bad_token", "Your session has ended; please log in again.");
    if (rc != WY_OK)
        return fail_store(ctx, rc, "session");
    if (account_principal_by_id(ctx, uid, out) < 0)
        return -1;
    session_cache_put(th, expires, ctx->now, gen, out);
    return 0;
}

int account_grant(wy_ctx *ctx, int64_t user_id, const char *role_s, const char *division,
                  int64_t *grant_id)
{
    char div[DIVISION_CODE_MAX];
    role r = role_parse(role_s);
    if (r == ROLE_NONE)
        return fail_field(ctx, E_INVALID, "bad_role", "No such role.", "role");
    if (check_division(ctx, division, div) < 0)
        return -1;
    if (authz_require(ctx, PERM_ACCOUNTS_MANAGE, div) < 0)
        return -1;
    /* powers come from someone else: an admin who could give itself reviewer would approve
     * its own content (revoking one's own roles stays allowed) */
    if (ctx->who->user_id == user_id)
        return fail(ctx, E_FORBIDDEN, "own_account",
                    "Nobody grants a role to themselves: another administrator must do it.");
    if (!authz_may_grant(ctx->who, r, div))
        return fail(ctx, E_FORBIDDEN, "forbidden", "You may not grant that role there.");
    user u;
    int rc = store_user_by_id(ctx->c, ctx->a, user_id, &u);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "user");
    if (!account_may_see_personal(ctx->who, &u))
        return fail(ctx, E_FORBIDDEN, "outside_area",
                    "This account is outside your area: an administrator above both may do it.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc =
        store_role_grant(ctx->c, user_id, role_name(r), div, ctx->who->user_id, ctx->now, grant_id);
    int res = rc == WY_CONSTRAINT
                  ? fail(ctx, E_CONFLICT, "duplicate", "The account holds that role there already.")
              : rc != WY_OK
                  ? fail_store(ctx, rc, "grant")
                  : audit(ctx, "role.grant", "user", user_id, div, NULL, role_name(r), NULL);
    if (res == 0)
        res = session_cache_announce(ctx, user_id, NULL);
    res = tx_end(ctx, res);
    session_cache_forget_user(user_id);
    return res;
}

int account_revoke(wy_ctx *ctx, int64_t user_id, int64_t grant_id)
{
    role_grant g;
    int rc = store_role_get(ctx->c, ctx->a, grant_id, &g);
    if (rc == WY_OK && g.user_id != user_id)
        rc = WY_NOTFOUND;
    if (rc != WY_OK)
        return fail_store(ctx, rc, "grant");
    if (authz_require(ctx, PERM_ACCOUNTS_MANAGE, g.division) < 0)
        return -1;
    if (!authz_may_grant(ctx->who, role_parse(g.role), g.division))
        return fail(ctx, E_FORBIDDEN, "forbidden", "You may not revoke that role there.");
    user u;
    rc = store_user_by_id(ctx->c, ctx->a, user_id, &u);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "user");
    if (!account_may_see_personal(ctx->who, &u))
        return fail(ctx, E_FORBIDDEN, "outside_area",
                    "This account is outside your area: an administrator above both may do it.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_role_revoke(ctx->c, grant_id);
    int res = rc != WY_OK
                  ? fail_store(ctx, rc, "revoke")
                  : audit(ctx, "role.revoke", "user", g.user_id, g.division, g.role, NULL, NULL);
    if (res == 0)
        res = session_cache_announce(ctx, g.user_id, NULL);
    res = tx_end(ctx, res);
    session_cache_forget_user(g.user_id);
    return res;
}

int account_get(wy_ctx *ctx, int64_t id, user *out)
{
    int rc = store_user_by_id(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "user");
    if (ctx->who && ctx->who->user_id == id)
        return 0;                                 /* one's own account */
    if (!account_may_see_personal(ctx->who, out)) /* masked, when at all */
        return authz_require(ctx, PERM_ACCOUNTS_READ, out->division ? out->division : "");
    /* another person's number, whole: on record before it is shown */
    return audit_personal(ctx, "personal.read", "user",
                          arena_sprintf(ctx->a, "%lld", (long long)id), out->division, NULL);
}

int account_list(wy_ctx *ctx, const char *division, const char *q, int64_t after, int limit,
                 user **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return fail_field(ctx, E_INVALID, "bad_division",
                              "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else {
        const char *scope = authz_scope(ctx->who, PERM_ACCOUNTS_READ);
        if (scope)
            snprintf(div, sizeof(div), "%s", scope);
    }
    if (authz_require(ctx, PERM_ACCOUNTS_READ, div[0] ? div : NULL) < 0)
        return -1;
    if (!div[0]) /* holds the permission but on no single subtree: never list everything */
        return fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    /* accounts with no division are listed with the city-wide subtree */
    int unplaced = strlen(div) <= 4 && authz_city_wide(ctx->who, PERM_ACCOUNTS_READ);
    int rc = store_user_list(ctx->c, ctx->a, div, unplaced, q, after, limit, out, n);
    if (rc != WY_OK)
        return fail_store(ctx, rc, "user list");
    /* names and whole numbers of the subtree: on record (what was searched for, too) */
    return audit_personal(ctx, "personal.read", "user_list", div, div,
                          q && *q ? arena_sprintf(ctx->a, "q=%s", q) : NULL);
}

/* ---- member import ---- */

typedef struct import_ctx {
    wy_ctx *ctx;
    int dry_run;
    int header_checked;
    account_import_result *res;
    size_t cap;
    int fatal;
    const char **seen; /* phones of the rows accepted so far (a dry run writes nothing) */
    size_t nseen, capseen;
} import_ctx;

static int seen_before(import_ctx *ic, const char *phone)
{
    for (size_t i = 0; i < ic->nseen; i++)
        if (!strcmp(ic->seen[i], phone))
            return 1;
    return 0;
}

static void remember(import_ctx *ic, const char *phone)
{
    if (ic->nseen == ic->capseen) {
        size_t cap = ic->capseen ? ic->capseen * 2 : 64;
        const char **v = arena_alloc(ic->ctx->a, cap * sizeof(*v));
        if (!v)
            return;
        if (ic->nseen)
            memcpy(v, ic->seen, ic->nseen * sizeof(*v));
        ic->seen = v;
        ic->capseen = cap;
    }
    const char *p = arena_strdup(ic->ctx->a, phone);
    if (p) /* seen_before() compares them */
        ic->seen[ic->nseen++] = p;
}

static void add_line(import_ctx *ic, int line, int ok, const char *phone, const char *reason)
{
    account_import_result *r = ic->res;
    if (r->nlines == ic->cap) {
        size_t cap = ic->cap ? ic->cap * 2 : 64;
        import_line *v = arena_alloc(ic->ctx->a, cap * sizeof(*v));
        if (!v)
            return;
        if (r->nlines)
            memcpy(v, r->lines, r->nlines * sizeof(*v));
        r->lines = v;
        ic->cap = cap;
    }
    char masked[PHONE_MASKED_MAX];
    account_mask_phone(phone, masked);
    r->lines[r->nlines++] =
        (import_line){line, ok, arena_strdup(ic->ctx->a, masked), arena_strdup(ic->ctx->a, reason)};
    if (ok)
        r->accepted++;
    else
        r->rejected++;
}

static int on_member_row(const csv_row *row, void *user)
{
    import_ctx *ic = user;
    wy_ctx *ctx = ic->ctx;
    if (!ic->header_checked) {
        ic->header_checked = 1;
        if (row->n >= 1 && !strcmp(row->f[0], "phone"))
            return 0; /* a header line */
    }
    const char *phone = row->n > 0 ? row->f[0] : "";
    if (row->bad_utf8) {
        add_line(ic, row->line, 0, phone, "not UTF-8 text (save the file as CSV UTF-8)");
        return 0;
    }
    if (row->n < 3 || row->n > 5 || row->too_many) {
        add_line(ic, row->line, 0, phone,
                 "want 3 to 5 columns: phone,name,password[,role,division]");
        return 0;
    }
    const char *role_s = row->n > 3 ? row->f[3] : "";
    const char *div = row->n > 4 ? row->f[4] : "";
    ctx->err = (wy_error){0};
    role r;
    char dv[DIVISION_CODE_MAX];
    char hash[crypto_pwhash_STRBYTES];
    int64_t id;
    int res = check_create(ctx, phone, role_s, div, &r, dv);
    if (res == 0 && seen_before(ic, phone))
        res = fail_field(ctx, E_CONFLICT, "duplicate_row",
                         "This mobile number appears on an earlier row of the file.", "phone");
    if (res == 0)
        res = validate_new_user(ctx, row->f[0], row->f[2], row->f[1], hash);
    if (res == 0) {
        /* a transaction per row: one row's failure must not undo the others */
        if (tx_begin(ctx) < 0) {
            ic->fatal = 1;
            return -1;
        }
        res = insert_with_role(ctx, row->f[0], hash, row->f[1], r, dv, &id);
        if (res < 0 || ic->dry_run)
            store_rollback(ctx->c);
        else
            res = tx_end(ctx, 0);
    }
    if (res < 0 && ctx->err.cls == E_INTERNAL) {
        ic->fatal = 1;
        return -1;
    }
    if (res == 0)
        remember(ic, phone);
    add_line(ic, row->line, res == 0, phone, res == 0 ? NULL : ctx->err.message);
    if (ic->res->progress)
        ic->res->progress((int)ic->res->nlines, ic->res->progress_user);
    return 0;
}

int account_import_csv(wy_ctx *ctx, const char *data, size_t len, int dry_run,
                       import_progress_fn progress, void *progress_user, account_import_result *res)
{
    memset(res, 0, sizeof(*res));
    res->progress = progress;
    res->progress_user = progress_user;
    import_ctx ic = {.ctx = ctx, .dry_run = dry_run, .res = res};
    char err[256] = "";
    int rc = csv_read_buffer(data, len, on_member_row, &ic, err, sizeof(err));
    if (ic.fatal)
        return -1;
    if (rc != 0)
        return fail(ctx, E_INVALID, "bad_csv", arena_strdup(ctx->a, err));
    return 0;
}
