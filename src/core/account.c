/*
 * account: see account.h.
 *
 * The login throttle keeps one row per key: the phone, and the client address. A try is
 * counted before the password is checked, in one transaction that reads and locks each key's
 * row and either refuses the try (its wait has not passed) or counts it and sets the next
 * wait; so parallel tries are counted one after the other, and twelve at once get no more
 * checks than twelve in a row would. After login_slow_after counted failures each further
 * try waits 1, 2, 4 ... seconds, up to login_max_delay_s; a success clears the phone's count.
 * Nothing locks an account for longer than that cap. The same answer (429 with the wait) is
 * given whether or not the phone has an account, and failures and refusals go to the audit
 * log with the phone masked.
 */
#include "core/account.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/authz.h"
#include "core/division.h"
#include "core/session_cache.h"
#include "core/throttle.h"
#include "util/csvread.h"
#include "util/log.h"
#include "util/sms.h"

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

/* Spend the time of a password check that fails. */
static void verify_dummy(wy_ctx *ctx, const char *password)
{
    dummy_ops = (unsigned long long)ctx->cfg->password_opslimit;
    dummy_mem = (size_t)ctx->cfg->password_memlimit_kib * 1024;
    pthread_once(&dummy_once, make_dummy_hash);
    if (dummy_hash[0] && crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
        return; /* the dummy password itself: still no account */
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

int account_may_see_personal(const principal *who, const account *u)
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
        return wy_fail_field(ctx, E_INVALID, "weak_password",
                             "A password has 8 to 128 characters with letters and digits.", field);
    return 0;
}

int account_name_ok(wy_ctx *ctx, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || !utf8_valid(name, n) || utf8_length(name) > 32)
        return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 32 characters.", "name");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return wy_fail_field(ctx, E_INVALID, "bad_name", "A name has 1 to 32 characters.",
                                 "name");
    return 0;
}

int account_hash_password(const wy_config *cfg, const char *pw, char out[PASSWORD_HASH_MAX])
{
    _Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "room for a hash");
    return crypto_pwhash_str(out, pw, strlen(pw), (unsigned long long)cfg->password_opslimit,
                             (size_t)cfg->password_memlimit_kib * 1024) == 0
               ? 0
               : -1;
}

static int hash_password(wy_ctx *ctx, const char *pw, char out[PASSWORD_HASH_MAX])
{
    if (account_hash_password(ctx->cfg, pw, out) < 0)
        return wy_fail(ctx, E_UNAVAILABLE, "busy", "The service is busy; try again in a moment.");
    return 0;
}

void account_token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

/* The audit entry of an account's change; its actor is the caller, or the account itself for
 * what only its holder can do (log in, reset the password with a code sent to its number). */
static int audit(wy_ctx *ctx, const char *action, const char *type, int64_t id,
                 const char *division, const char *from, const char *to, const char *reason)
{
    char oid[24];
    snprintf(oid, sizeof(oid), "%lld", (long long)id);
    int own = !strcmp(action, "session.login") || !strcmp(action, "user.password_reset");
    int64_t actor = ctx->who && ctx->who->user_id ? ctx->who->user_id : own ? id : 0;
    audit_entry e = {0, ctx->now, actor, action, type, oid, division, from, to, reason};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

static int check_division(wy_ctx *ctx, const char *in, char out[DIVISION_CODE_MAX])
{
    division d;
    if (division_normalize(in, out) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    int rc = store_division_get(ctx->c, ctx->a, out, &d);
    if (rc == WY_NOTFOUND)
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "division");
}

static int bad_phone(wy_ctx *ctx)
{
    return wy_fail_field(ctx, E_INVALID, "bad_phone",
                         "A mobile number has 11 digits and starts with 13 to 19.", "phone");
}

/* The checks of a new account's fields that need no hashing (password NULL: none). */
static int check_fields(wy_ctx *ctx, const char *phone, const char *password, const char *name)
{
    if (!account_phone_valid(phone))
        return bad_phone(ctx);
    if (account_name_ok(ctx, name) < 0 ||
        (password && account_password_ok(ctx, password, "password") < 0))
        return -1;
    return 0;
}

/* Insert, inside the caller's write transaction (hash NULL: pending, no password). */
static int insert_user(wy_ctx *ctx, const char *phone, const char *hash, const char *name,
                       const char *division, int64_t *id)
{
    char div[DIVISION_CODE_MAX];
    int has_div = division && *division;
    if (has_div && check_division(ctx, division, div) < 0)
        return -1;
    int rc =
        hash ? store_user_create(ctx->c, phone, name, hash, has_div ? div : NULL, ctx->now, id)
             : store_user_create_pending(ctx->c, phone, name, has_div ? div : NULL, ctx->now, id);
    if (rc == WY_CONSTRAINT)
        return wy_fail_field(ctx, E_CONFLICT, "phone_taken",
                             "An account with this mobile number exists already.", "phone");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "user create");
    return audit(ctx, "user.create", "user", *id, has_div ? div : NULL, NULL,
                 hash ? "active" : "pending", NULL);
}

/* ---- proof of the number: one-time codes ---- */

static int code_format_ok(wy_ctx *ctx, const char *code)
{
    size_t n = code ? strlen(code) : 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)code[i]))
            n = 0;
    if (n != SMS_CODE_DIGITS)
        return wy_fail_field(ctx, E_INVALID, "bad_code", "A code has 6 digits.", "code");
    return 0;
}

/* The code is stored only as a hash bound to its number and purpose. */
static void code_hash(const char *purpose, const char *phone, const char *code, char out[65])
{
    unsigned char h[32];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof(h));
    crypto_generichash_update(&st, (const unsigned char *)purpose, strlen(purpose) + 1);
    crypto_generichash_update(&st, (const unsigned char *)phone, strlen(phone) + 1);
    crypto_generichash_update(&st, (const unsigned char *)code, strlen(code));
    crypto_generichash_final(&st, h, sizeof(h));
    sodium_bin2hex(out, 65, h, sizeof(h));
}

static int wrong_code(wy_ctx *ctx)
{
    return wy_fail_field(ctx, E_RULE, "wrong_code",
                         "The code is wrong or has expired: check it, or ask for a new one.",
                         "code");
}

/* The limits on sending codes: per address, for registrations everyone together, and per
 * number (an hour's worth, and one per resend interval). They are the same whether or not
 * the number has an account, so a refusal tells nothing about it. */
static int code_limits(wy_ctx *ctx, const char *purpose, const char *phone)
{
    const wy_config *cfg = ctx->cfg;
    throttle_rule r[4];
    size_t n = 0;
    if (ctx->ip)
        r[n++] = (throttle_rule){arena_sprintf(ctx->a, "code:ip:%.64s", ctx->ip),
                                 cfg->code_per_ip_hour, 3600};
    if (!strcmp(purpose, "register"))
        r[n++] = (throttle_rule){"register:all", cfg->register_per_minute, 60};
    r[n++] = (throttle_rule){arena_sprintf(ctx->a, "code:phone:%s", phone),
                             cfg->code_per_phone_hour, 3600};
    if (cfg->code_resend_s > 0)
        r[n++] =
            (throttle_rule){arena_sprintf(ctx->a, "code1:phone:%s", phone), 1, cfg->code_resend_s};
    for (size_t i = 0; i < n; i++)
        if (!r[i].key)
            return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    return throttle_hits(ctx, r, n);
}

/* Make a code for (phone, purpose), keep its hash (with a registration's account) and, when
 * send, send it. A number that may not have a code (it has an account, or none to reset)
 * gets one all the same, kept but never sent: the database then does the same work whatever
 * the number, and a later try at a code takes as long, so timing tells nothing either. A code
 * that cannot be sent is logged; the caller answers as if it had gone, the person asks again. */
static int issue_code(wy_ctx *ctx, const char *purpose, const char *phone, const char *name,
                      const char *pwhash, const char *division, int send)
{
    char code[SMS_CODE_DIGITS + 1], h[65];
    snprintf(code, sizeof(code), "%06u", (unsigned)randombytes_uniform(1000000));
    code_hash(purpose, phone, code, h);
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_phone_code_put(ctx->c, phone, purpose, h, ctx->now,
                                  ctx->now + (int64_t)ctx->cfg->code_ttl_s * 1000, name, pwhash,
                                  division);
    if (tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "code")) < 0)
        return -1;
    if (send)
        sms_send(ctx->cfg, &(sms_message){phone, purpose, code});
    sodium_memzero(code, sizeof(code));
    return 0;
}

int account_register(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                     const char *division)
{
    char div[DIVISION_CODE_MAX] = "";
    /* everything cheap first; the password is hashed only once the limits are passed */
    if (check_fields(ctx, phone, password, name) < 0 ||
        (division && *division && check_division(ctx, division, div) < 0) ||
        code_limits(ctx, "register", phone) < 0)
        return -1;
    char hash[PASSWORD_HASH_MAX];
    if (hash_password(ctx, password, hash) < 0)
        return -1;
    account u;
    int rc = store_user_by_phone(ctx->c, ctx->a, phone, &u);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "register");
    if (rc == WY_OK) /* the number has an account: nothing is sent, and the answer is the same */
        return issue_code(ctx, "register", phone, NULL, NULL, NULL, 0);
    return issue_code(ctx, "register", phone, name, hash, div[0] ? div : NULL, 1);
}

/* Spend a try on the live code of (phone, purpose): 0 with the code's row when code is it.
 * An address may try code_max_tries codes for each one it may ask for. */
static int try_code(wy_ctx *ctx, const char *purpose, const char *phone, const char *code,
                    phone_code *pc)
{
    if (tx_begin(ctx) < 0)
        return -1;
    if (ctx->ip) {
        throttle_rule r = {arena_sprintf(ctx->a, "check:ip:%.64s", ctx->ip),
                           ctx->cfg->code_per_ip_hour * ctx->cfg->code_max_tries, 3600};
        int refused =
            r.key ? throttle_count(ctx, &r, 1)
                  : wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
        if (refused < 0)
            return tx_end(ctx, -1);
        if (refused) {
            wy_error e = ctx->err;
            if (tx_end(ctx, 0) < 0)
                return -1;
            ctx->err = e;
            return -1;
        }
    }
    int rc = store_phone_code_try(ctx->c, ctx->a, phone, purpose, ctx->now,
                                  ctx->cfg->code_max_tries, pc);
    if (rc == WY_NOTFOUND)
        return tx_end(ctx, 0) < 0 ? -1 : wrong_code(ctx);
    if (rc != WY_OK)
        return tx_end(ctx, wy_fail_store(ctx, rc, "code"));
    char h[65];
    code_hash(purpose, phone, code, h);
    int right = strlen(pc->code_hash) == 64 && sodium_memcmp(h, pc->code_hash, 64) == 0;
    if (tx_end(ctx, 0) < 0) /* the try counts, right or wrong */
        return -1;
    return right ? 0 : wrong_code(ctx);
}

int account_verify(wy_ctx *ctx, const char *phone, const char *code, int64_t *id)
{
    if (!account_phone_valid(phone))
        return bad_phone(ctx);
    phone_code pc;
    if (code_format_ok(ctx, code) < 0 || try_code(ctx, "register", phone, code, &pc) < 0)
        return -1;
    if (!pc.name || !pc.password_hash) /* a number with an account: its code was never sent */
        return wrong_code(ctx);
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_phone_code_take(ctx->c, phone, "register", pc.code_hash, ctx->now);
    if (rc == WY_NOTFOUND) /* used by a parallel request */
        return tx_end(ctx, wrong_code(ctx));
    if (rc != WY_OK)
        return tx_end(ctx, wy_fail_store(ctx, rc, "code"));
    account u;
    rc = store_user_by_phone(ctx->c, ctx->a, phone, &u);
    if (rc == WY_OK) { /* an account came meanwhile (an import): the code is used up anyway */
        if (tx_end(ctx, 0) < 0)
            return -1;
        return wy_fail_field(ctx, E_CONFLICT, "phone_taken",
                             "An account with this mobile number exists already.", "phone");
    }
    if (rc != WY_NOTFOUND)
        return tx_end(ctx, wy_fail_store(ctx, rc, "verify"));
    return tx_end(ctx, insert_user(ctx, phone, pc.password_hash, pc.name, pc.division, id));
}

int account_reset_request(wy_ctx *ctx, const char *phone)
{
    if (!account_phone_valid(phone))
        return bad_phone(ctx);
    if (code_limits(ctx, "reset", phone) < 0)
        return -1;
    account u;
    int rc = store_user_by_phone(ctx->c, ctx->a, phone, &u);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "reset");
    /* no account that may log in: nothing is sent, and the answer is the same */
    return issue_code(ctx, "reset", phone, NULL, NULL, NULL,
                      rc == WY_OK && !strcmp(u.status, "active"));
}

int account_reset(wy_ctx *ctx, const char *phone, const char *code, const char *password)
{
    if (!account_phone_valid(phone))
        return bad_phone(ctx);
    phone_code pc;
    if (code_format_ok(ctx, code) < 0 || account_password_ok(ctx, password, "password") < 0 ||
        try_code(ctx, "reset", phone, code, &pc) < 0)
        return -1;
    /* the code is right: only now is the new password worth its cost */
    char hash[PASSWORD_HASH_MAX];
    if (hash_password(ctx, password, hash) < 0 || tx_begin(ctx) < 0)
        return -1;
    account u;
    int rc = store_phone_code_take(ctx->c, phone, "reset", pc.code_hash, ctx->now);
    if (rc == WY_OK)
        rc = store_user_by_phone(ctx->c, ctx->a, phone, &u);
    if (rc == WY_NOTFOUND || (rc == WY_OK && strcmp(u.status, "active")))
        return tx_end(ctx, wrong_code(ctx));
    if (rc == WY_OK)
        rc = store_user_reset_password(ctx->c, u.id, hash, ctx->now);
    if (rc == WY_OK) /* whoever held a session with the old password holds none now */
        rc = store_login_delete_user(ctx->c, u.id, NULL);
    int res = rc == WY_OK ? audit(ctx, "user.password_reset", "user", u.id, u.division,
                                  u.activated_at ? NULL : "pending", "active", NULL)
                          : wy_fail_store(ctx, rc, "reset");
    if (res == 0)
        res = session_cache_announce(ctx, u.id, NULL);
    res = tx_end(ctx, res);
    if (rc == WY_OK)
        session_cache_forget_user(u.id);
    return res;
}

/* ---- accounts made by operators and admins ---- */

/* The checks of account_create that need no database. */
static int check_create(wy_ctx *ctx, const char *phone, const char *role_s, const char *division,
                        role *r, char div[DIVISION_CODE_MAX])
{
    *r = role_s && *role_s ? role_parse(role_s) : ROLE_CITIZEN;
    div[0] = '\0';
    if (!account_phone_valid(phone))
        return bad_phone(ctx);
    if (ctx->who && !(division && *division))
        return wy_fail_field(ctx, E_INVALID, "division_required",
                             "Give the division of the account (a code inside your area).",
                             "division");
    if (*r == ROLE_NONE)
        return wy_fail_field(ctx, E_INVALID, "bad_role", "No such role.", "role");
    if (*r != ROLE_CITIZEN && !(division && *division))
        return wy_fail_field(ctx, E_INVALID, "division_required",
                             "A role is granted on a division: give its code.", "division");
    if (division && *division && division_normalize(division, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (ctx->who && !authz_may_grant(ctx->who, *r, div[0] ? div : "")) {
        if (authz_require(ctx, PERM_ACCOUNTS_MANAGE, div[0] ? div : NULL) < 0)
            return -1;
        return wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not grant that role there.");
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
                       : wy_fail_store(ctx, rc, "role grant");
}

int account_create(wy_ctx *ctx, const char *phone, const char *password, const char *name,
                   const char *role_s, const char *division, int64_t *id)
{
    role r;
    char div[DIVISION_CODE_MAX];
    char hash[PASSWORD_HASH_MAX];
    if (check_create(ctx, phone, role_s, division, &r, div) < 0 ||
        check_fields(ctx, phone, password ? password : "", name) < 0 ||
        hash_password(ctx, password, hash) < 0 || tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, insert_with_role(ctx, phone, hash, name, r, div, id));
}

int account_check_new(wy_ctx *ctx, const char *phone, const char *name, const char *password,
                      const char *role_s, const char *division, account_new *out)
{
    role r;
    if (check_create(ctx, phone, role_s, division, &r, out->division) < 0 ||
        check_fields(ctx, phone, password, name) < 0)
        return -1;
    out->phone = phone;
    out->name = name;
    out->role = role_name(r);
    return 0;
}

int account_insert_new(wy_ctx *ctx, const account_new *n, const char *pwhash, int64_t *id)
{
    return insert_with_role(ctx, n->phone, pwhash, n->name, role_parse(n->role), n->division, id);
}

/* ---- logging in ---- */

/* The wait after the n-th counted try: none below slow_after, then 1, 2, 4 ... s up to the
 * cap. */
static int64_t wait_after(const wy_config *cfg, int n, int slow_after)
{
    int64_t cap = (int64_t)cfg->login_max_delay_s * 1000;
    if (n < slow_after)
        return 0;
    int shift = n - slow_after;
    return shift >= 40 || ((int64_t)1000 << shift) > cap ? cap : (int64_t)1000 << shift;
}

typedef struct throttle_key {
    const char *key;
    int slow_after;
    const char *what; /* for the audit log: "phone" or "address" */
    login_throttle t;
} throttle_key;

static int audit_login(wy_ctx *ctx, const char *action, const char *masked, const char *division,
                       const char *to, const char *reason)
{
    audit_entry e = {0, ctx->now, 0, action, "login", masked, division, NULL, to, reason};
    int rc = store_audit_add(ctx->c, &e);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "audit");
}

/* Count this try against every key, or refuse it: one transaction in which each key's row is
 * read by the statement that locks it, so that parallel tries are counted in turn. */
static int count_try(wy_ctx *ctx, throttle_key *k, size_t nk, const char *masked,
                     const char *division)
{
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t forget = ctx->now - (int64_t)ctx->cfg->login_window_s * 1000;
    size_t refused = nk;
    for (size_t i = 0; i < nk; i++) {
        int rc = store_login_throttle_lock(ctx->c, k[i].key, &k[i].t);
        if (rc != WY_OK)
            return tx_end(ctx, wy_fail_store(ctx, rc, "login throttle"));
        if (k[i].t.last_at < forget && k[i].t.next_at <= ctx->now)
            k[i].t.failures = 0; /* quiet for the window: forgotten */
        if (refused == nk && ctx->now < k[i].t.next_at)
            refused = i;
    }
    int res = 0;
    if (refused < nk) {
        login_throttle *t = &k[refused].t;
        int wait_s = (int)((t->next_at - ctx->now + 999) / 1000);
        t->refusals++;
        int rc = store_login_throttle_set(ctx->c, k[refused].key, t);
        res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "login throttle");
        /* once per wait: the log records that a key was held back, not every knock */
        if (res == 0 && t->refusals == 1) {
            char *to = arena_sprintf(ctx->a, "wait %d s", wait_s);
            char *why = arena_sprintf(ctx->a, "%s; address %.64s", k[refused].what,
                                      ctx->ip ? ctx->ip : "-");
            res = audit_login(ctx, "login.throttled", masked, division, to, why);
        }
        if (tx_end(ctx, res) < 0)
            return -1;
        ctx->err.retry_after_s = wait_s;
        return wy_fail(ctx, E_LIMITED, "too_many_attempts",
                       "Too many failed logins: wait a moment before trying again.");
    }
    for (size_t i = 0; i < nk && res == 0; i++) {
        login_throttle *t = &k[i].t;
        t->failures++;
        t->last_at = ctx->now;
        /* no wait is no time at all: a request begun a moment earlier, counted a moment
         * later, must not find itself "before its time" */
        int64_t wait = wait_after(ctx->cfg, t->failures, k[i].slow_after);
        t->next_at = wait ? ctx->now + wait : 0;
        t->refusals = 0;
        int rc = store_login_throttle_set(ctx->c, k[i].key, t);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "login throttle");
    }
    return tx_end(ctx, res);
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
    int rc = store_login_create(ctx->c, th, user_id, ctx->now,
                                ctx->now + ctx->cfg->session_ttl_s * 1000, ctx->ip);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "session create");
}

int account_login(wy_ctx *ctx, const char *phone, const char *password, char token[TOKEN_CHARS],
                  int64_t *user_id)
{
    if (!phone || !password || !*phone || !*password)
        return wy_fail(ctx, E_INVALID, "missing_fields", "Give your mobile number and password.");
    char masked[PHONE_MASKED_MAX];
    account_mask_phone(phone, masked);
    throttle_key k[2] = {
        {arena_sprintf(ctx->a, "phone:%.32s", phone), ctx->cfg->login_slow_after, "phone", {0}},
        {ctx->ip ? arena_sprintf(ctx->a, "ip:%.64s", ctx->ip) : NULL,
         ctx->cfg->login_ip_slow_after,
         "address",
         {0}},
    };
    if (!k[0].key || (ctx->ip && !k[1].key))
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    account u;
    int rc = store_user_by_phone(ctx->c, ctx->a, phone, &u);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "login");
    const char *division = rc == WY_OK ? u.division : NULL;
    if (count_try(ctx, k, ctx->ip ? 2 : 1, masked, division) < 0)
        return -1;
    /* an account whose number is not proved yet has no password to check: it fails, and
     * takes as long as a real check, as for a phone without an account */
    int ok = 0;
    if (rc == WY_OK && u.activated_at && u.password_hash[0])
        ok = crypto_pwhash_str_verify(u.password_hash, password, strlen(password)) == 0 &&
             !strcmp(u.status, "active");
    else
        verify_dummy(ctx, password);
    if (!ok) {
        if (tx_begin(ctx) == 0) {
            char *why = arena_sprintf(ctx->a, "address %.64s", ctx->ip ? ctx->ip : "-");
            tx_end(ctx, audit_login(ctx, "login.failed", masked, division, NULL, why));
        }
        ctx->err = (wy_error){0};
        return wy_fail(ctx, E_UNAUTH, "bad_credentials", "Wrong mobile number or password.");
    }
    if (tx_begin(ctx) < 0)
        return -1;
    int res = new_session(ctx, u.id, token);
    if (res == 0) {
        /* the phone's count starts again; the address keeps its others' failures */
        rc = store_login_throttle_clear(ctx->c, k[0].key);
        if (rc == WY_OK && k[1].key)
            rc = store_login_throttle_forgive(ctx->c, k[1].key);
        /* housekeeping rides on logins: the expired sessions of everyone go */
        if (rc == WY_OK)
            rc = store_login_purge(ctx->c, ctx->now);
        res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "login");
    }
    if (res == 0)
        res = audit(ctx, "session.login", "user", u.id, u.division, NULL, NULL, NULL);
    *user_id = u.id;
    return tx_end(ctx, res);
}

int account_housekeeping(wy_ctx *ctx)
{
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_phone_codes_purge(ctx->c, ctx->now);
    /* the longest window is an hour */
    if (rc == WY_OK)
        rc = store_rate_purge(ctx->c, ctx->now - (int64_t)2 * 3600 * 1000);
    if (rc == WY_OK)
        rc =
            store_login_throttle_purge(ctx->c, ctx->now - (int64_t)ctx->cfg->login_window_s * 1000);
    return tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "auth housekeeping"));
}

int account_logout(wy_ctx *ctx, const char *token)
{
    char th[65];
    if (!token)
        return 0;
    account_token_hash(token, th);
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = store_login_delete(ctx->c, th);
    int res = rc == WY_OK ? session_cache_announce(ctx, 0, th) : wy_fail_store(ctx, rc, "logout");
    res = tx_end(ctx, res);
    session_cache_forget_token(th); /* after the commit (and after a failure: no harm) */
    return res;
}

int account_change_password(wy_ctx *ctx, const char *old_pw, const char *new_pw,
                            const char *current_token)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    account u;
    int rc = store_user_by_id(ctx->c, ctx->a, ctx->who->user_id, &u);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "user");
    if (!old_pw || crypto_pwhash_str_verify(u.password_hash, old_pw, strlen(old_pw)) != 0)
        return wy_fail_field(ctx, E_RULE, "wrong_password", "The current password is not right.",
                             "old_password");
    if (account_password_ok(ctx, new_pw, "new_password") < 0)
        return -1;
    char hash[PASSWORD_HASH_MAX];
    if (hash_password(ctx, new_pw, hash) < 0)
        return -1;
    char th[65];
    if (current_token)
        account_token_hash(current_token, th);
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_user_set_password(ctx->c, u.id, hash, ctx->now);
    if (rc == WY_OK)
        rc = store_login_delete_user(ctx->c, u.id, current_token ? th : NULL);
    int res = rc == WY_OK ? audit(ctx, "user.password", "user", u.id, u.division, NULL, NULL, NULL)
                          : wy_fail_store(ctx, rc, "password change");
    if (res == 0)
        res = session_cache_announce(ctx, u.id, NULL);
    res = tx_end(ctx, res);
    session_cache_forget_user(u.id);
    return res;
}

int account_principal_by_id(wy_ctx *ctx, int64_t id, principal *out)
{
    account u;
    int rc = store_user_by_id(ctx->c, ctx->a, id, &u);
    if (rc == WY_OK)
        rc = store_roles_of(ctx->c, ctx->a, id, &out->grants, &out->ngrants);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "principal");
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
        return wy_fail(ctx, E_UNAUTH, "bad_token", "Your session has ended; please log in again.");
    char th[65];
    account_token_hash(token, th);
    if (session_cache_get(th, ctx->now, ctx->a, out))
        return 0;
    uint64_t gen = session_cache_generation();
    int64_t uid, expires;
    int rc = store_login_user(ctx->c, th, ctx->now, &uid, &expires);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_UNAUTH, "bad_token", "Your session has ended; please log in again.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "session");
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
        return wy_fail_field(ctx, E_INVALID, "bad_role", "No such role.", "role");
    if (check_division(ctx, division, div) < 0)
        return -1;
    if (authz_require(ctx, PERM_ACCOUNTS_MANAGE, div) < 0)
        return -1;
    /* powers come from someone else: an admin who could give itself reviewer would approve
     * its own content (revoking one's own roles stays allowed) */
    if (ctx->who->user_id == user_id)
        return wy_fail(ctx, E_FORBIDDEN, "own_account",
                       "Nobody grants a role to themselves: another administrator must do it.");
    if (!authz_may_grant(ctx->who, r, div))
        return wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not grant that role there.");
    account u;
    int rc = store_user_by_id(ctx->c, ctx->a, user_id, &u);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "user");
    if (!account_may_see_personal(ctx->who, &u))
        return wy_fail(ctx, E_FORBIDDEN, "outside_area",
                       "This account is outside your area: an administrator above both may do it.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc =
        store_role_grant(ctx->c, user_id, role_name(r), div, ctx->who->user_id, ctx->now, grant_id);
    int res =
        rc == WY_CONSTRAINT
            ? wy_fail(ctx, E_CONFLICT, "duplicate", "The account holds that role there already.")
        : rc != WY_OK ? wy_fail_store(ctx, rc, "grant")
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
        return wy_fail_store(ctx, rc, "grant");
    if (authz_require(ctx, PERM_ACCOUNTS_MANAGE, g.division) < 0)
        return -1;
    if (!authz_may_grant(ctx->who, role_parse(g.role), g.division))
        return wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not revoke that role there.");
    account u;
    rc = store_user_by_id(ctx->c, ctx->a, user_id, &u);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "user");
    if (!account_may_see_personal(ctx->who, &u))
        return wy_fail(ctx, E_FORBIDDEN, "outside_area",
                       "This account is outside your area: an administrator above both may do it.");
    if (tx_begin(ctx) < 0)
        return -1;
    rc = store_role_revoke(ctx->c, grant_id);
    int res = rc != WY_OK
                  ? wy_fail_store(ctx, rc, "revoke")
                  : audit(ctx, "role.revoke", "user", g.user_id, g.division, g.role, NULL, NULL);
    if (res == 0)
        res = session_cache_announce(ctx, g.user_id, NULL);
    res = tx_end(ctx, res);
    session_cache_forget_user(g.user_id);
    return res;
}

int account_get(wy_ctx *ctx, int64_t id, account *out)
{
    int rc = store_user_by_id(ctx->c, ctx->a, id, out);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "user");
    if (ctx->who && ctx->who->user_id == id)
        return 0;                                 /* one's own account */
    if (!account_may_see_personal(ctx->who, out)) /* masked, when at all */
        return authz_require(ctx, PERM_ACCOUNTS_READ, out->division ? out->division : "");
    /* another person's number, whole: on record before it is shown */
    return audit_personal(ctx, "personal.read", "user",
                          arena_sprintf(ctx->a, "%lld", (long long)id), out->division, NULL);
}

int account_roles(wy_ctx *ctx, const account *u, role_grant **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!account_may_see_personal(ctx->who, u) &&
        authz_require(ctx, PERM_ACCOUNTS_READ, u->division ? u->division : "") < 0)
        return -1;
    int rc = store_roles_of(ctx->c, ctx->a, u->id, out, n);
    if (rc == WY_OK)
        return 0;
    *n = 0;
    return wy_fail_store(ctx, rc, "roles");
}

int account_list(wy_ctx *ctx, const char *division, const char *q, int64_t after, int limit,
                 account **out, size_t *n)
{
    char div[DIVISION_CODE_MAX] = "";
    if (division && *division) {
        if (division_normalize(division, div) < 0)
            return wy_fail_field(ctx, E_INVALID, "bad_division",
                                 "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    } else {
        const char *scope = authz_scope(ctx->who, PERM_ACCOUNTS_READ);
        if (scope)
            snprintf(div, sizeof(div), "%s", scope);
    }
    if (authz_require(ctx, PERM_ACCOUNTS_READ, div[0] ? div : NULL) < 0)
        return -1;
    if (!div[0]) /* holds the permission but on no single subtree: never list everything */
        return wy_fail(ctx, E_FORBIDDEN, "forbidden", "You may not do that here.");
    /* accounts with no division are listed with the city-wide subtree */
    int unplaced = strlen(div) <= 4 && authz_city_wide(ctx->who, PERM_ACCOUNTS_READ);
    int rc = store_user_list(ctx->c, ctx->a, div, unplaced, q, after, limit, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "user list");
    /* names and whole numbers of the subtree: on record (what was searched for, too) */
    return audit_personal(ctx, "personal.read", "user_list", div, div,
                          q && *q ? arena_sprintf(ctx->a, "q=%s", q) : NULL);
}
