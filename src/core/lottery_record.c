/* lottery_record: see lottery_record.h. */
#include "core/lottery_record.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/csvread.h" /* utf8_valid, utf8_length */

#define MAX_KINDS 16
#define FILE_MAX  ((size_t)1 << 30)

static const lottery_kind *kinds[MAX_KINDS];
static int nkinds;

int lottery_register_kind(const lottery_kind *k)
{
    if (!k || !k->name)
        return -1;
    const lottery_kind *known = lottery_kind_find(k->name);
    if (known) /* the same kind again: start-up runs once per store in the tests */
        return known == k ? 0 : -1;
    if (nkinds >= MAX_KINDS)
        return -1;
    kinds[nkinds++] = k;
    return 0;
}

const lottery_kind *lottery_kind_find(const char *name)
{
    for (int i = 0; i < nkinds; i++)
        if (name && !strcmp(kinds[i]->name, name))
            return kinds[i];
    return NULL;
}

static int64_t actor(const wy_ctx *ctx)
{
    return ctx->who ? ctx->who->user_id : 0;
}

static int not_found(wy_ctx *ctx)
{
    return wy_fail(ctx, E_NOTFOUND, "not_found", "There is no such lottery.");
}

static int get_row(wy_ctx *ctx, int64_t id, lottery_row *r)
{
    int rc = store_lottery_get(ctx->c, ctx->a, id, r);
    if (rc == WY_NOTFOUND)
        return not_found(ctx);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "lottery");
}

/* The kind of a row and the caller's right to run it. */
static const lottery_kind *kind_of(wy_ctx *ctx, const lottery_row *r)
{
    const lottery_kind *k = lottery_kind_find(r->owner_type);
    if (!k) {
        wy_fail(ctx, E_INTERNAL, "internal", "This lottery's owner is not known.");
        return NULL;
    }
    return authz_require(ctx, k->manage, r->division) < 0 ? NULL : k;
}

int lottery_record_open(wy_ctx *ctx, const char *kind, int64_t owner_id, lottery_row *out)
{
    const lottery_kind *k = lottery_kind_find(kind);
    if (!k)
        return wy_fail(ctx, E_NOTFOUND, "not_found", "There is no such lottery.");
    const char *division = NULL, *title = NULL;
    if (k->describe(ctx, owner_id, &division, &title) < 0)
        return -1;
    if (authz_require(ctx, k->manage, division) < 0)
        return -1;
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_lottery_open(ctx->c, k->name, owner_id, division, title, LOTTERY_ALGORITHM,
                                ctx->now, &id);
    int res = rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "lottery");
    if (!res)
        res = get_row(ctx, id, out);
    return tx_end(ctx, res);
}

/* A lottery's sink into a strbuf. */
static int sb_sink(void *user, const char *data, size_t len)
{
    return sb_add(user, data, len);
}

static int commit_tx(wy_ctx *ctx, const lottery_row *r, const lottery_kind *k, const char *source,
                     int64_t at)
{
    if (strcmp(r->status, "open"))
        return wy_fail(ctx, E_CONFLICT, "bad_state",
                       "This lottery has been committed already; its inputs never change.");
    int64_t soonest = ctx->now + LOTTERY_MIN_DELAY_MS;
    if (at < soonest)
        at = soonest;
    uint64_t round;
    int64_t when_s;
    /* a round out at or after `at` (whole seconds, rounded up): not out at the commitment */
    if (lottery_beacon_round_at(source, (at + 999) / 1000, &round, &when_s) < 0)
        return wy_fail_field(ctx, E_RULE, "beacon_not_timed",
                             "This beacon's rounds do not follow the clock: choose a drand beacon.",
                             "beacon_source");
    lottery_inputs in = {0};
    if (k->build(ctx, r->owner_id, &in) < 0)
        return -1;
    in.algorithm = LOTTERY_ALGORITHM;
    if (!in.title)
        in.title = r->title;
    in.beacon_source = source;
    in.beacon_round = round;
    lottery *l = NULL;
    char err[256];
    if (lottery_prepare(&in, &l, err, sizeof(err)) < 0)
        return wy_fail(ctx, E_RULE, "inputs_refused", arena_strdup(ctx->a, err));
    strbuf sb = STRBUF_INIT_MAX(FILE_MAX);
    char hex[LOTTERY_HEX];
    lottery_hex(lottery_commitment(l), LOTTERY_HASH, hex);
    int res = 0;
    if (lottery_write_inputs(l, sb_sink, &sb) < 0)
        res = wy_fail(ctx, E_UNAVAILABLE, "request_too_large", "This lottery is too large.");
    lottery_free(l);
    if (!res) {
        int rc = store_lottery_commit(ctx->c, r->id, sb.buf, hex, source, (int64_t)round,
                                      when_s * 1000, ctx->now, actor(ctx));
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_CONFLICT, "bad_state",
                          "This lottery has been committed already; its inputs never change.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "lottery");
    }
    sb_release(&sb);
    if (!res)
        res = audit_add(ctx, "lottery.commit", "lottery", r->id, r->division, "open", "committed",
                        hex);
    return res;
}

int lottery_record_commit(wy_ctx *ctx, int64_t id, const char *source, int64_t at, lottery_row *out)
{
    if (!source || !*source)
        source = LOTTERY_DEFAULT_SOURCE;
    if (tx_begin(ctx) < 0)
        return -1;
    lottery_row r;
    int res = get_row(ctx, id, &r);
    const lottery_kind *k = NULL;
    if (!res && !(k = kind_of(ctx, &r)))
        res = -1;
    if (!res)
        res = commit_tx(ctx, &r, k, source, at);
    if (!res && out)
        res = get_row(ctx, id, out);
    return tx_end(ctx, res);
}

/* The lottery of a committed row, prepared from its stored inputs (and checked against its
 * commitment). */
static int load_inputs(wy_ctx *ctx, const lottery_row *r, lottery **out)
{
    const char *text;
    size_t len;
    int rc = store_lottery_inputs(ctx->c, ctx->a, r->id, &text, &len);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "lottery inputs");
    char err[256], beacon[2 * LOTTERY_BEACON_MAX + 1];
    if (lottery_read(text, len, out, beacon, err, sizeof(err)) < 0)
        return wy_fail(ctx, E_INTERNAL, "internal", "The stored inputs cannot be read.");
    char hex[LOTTERY_HEX];
    lottery_hex(lottery_commitment(*out), LOTTERY_HASH, hex);
    if (strcmp(hex, r->commitment)) {
        lottery_free(*out);
        *out = NULL;
        return wy_fail(ctx, E_INTERNAL, "internal",
                       "The stored inputs differ from the commitment.");
    }
    return 0;
}

static int same_value(const char *a, const char *b)
{
    if (strlen(a) != strlen(b))
        return 0;
    for (; *a; a++, b++)
        if ((*a | 0x20) != (*b | 0x20))
            return 0;
    return 1;
}

static int draw_tx(wy_ctx *ctx, const lottery_row *r, const lottery_kind *k, const char *beacon)
{
    if (!strcmp(r->status, "open"))
        return wy_fail(ctx, E_CONFLICT, "bad_state",
                       "This lottery has not been committed: commit it before the draw.");
    if (!strcmp(r->status, "drawn"))
        return same_value(r->beacon_value, beacon)
                   ? 0
                   : wy_fail(ctx, E_CONFLICT, "bad_state",
                             "This lottery has been drawn already; its draw never changes.");
    if (ctx->now < r->beacon_due_at) {
        wy_fail(ctx, E_CONFLICT, "too_early",
                "The beacon's round is not out yet: draw once it is out.");
        ctx->err.opens_at = r->beacon_due_at;
        return -1;
    }
    lottery *l = NULL;
    if (load_inputs(ctx, r, &l) < 0)
        return -1;
    char err[256];
    if (lottery_draw(l, beacon, err, sizeof(err)) < 0) {
        lottery_free(l);
        return wy_fail_field(ctx, E_RULE, "bad_beacon_value", arena_strdup(ctx->a, err),
                             "beacon_value");
    }
    strbuf sb = STRBUF_INIT_MAX(FILE_MAX);
    int res = 0;
    if (lottery_write_to(l, sb_sink, &sb) < 0)
        res = wy_fail(ctx, E_UNAVAILABLE, "request_too_large", "This lottery is too large.");
    char seed[LOTTERY_HEX];
    lottery_hex(lottery_seed(l), LOTTERY_HASH, seed);
    size_t vlen;
    const uint8_t *v = lottery_beacon_value(l, &vlen);
    char *value = arena_alloc(ctx->a, 2 * vlen + 1);
    if (!res && !value)
        res = check_mem(ctx) < 0 ? -1 : wy_fail(ctx, E_INTERNAL, "internal", "Out of memory.");
    if (!res) {
        lottery_hex(v, vlen, value);
        int rc = store_lottery_drawn(ctx->c, r->id, value, seed, sb.buf, ctx->now, actor(ctx));
        if (rc == WY_NOTFOUND)
            res = wy_fail(ctx, E_CONFLICT, "bad_state",
                          "This lottery has been drawn already; its draw never changes.");
        else if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "lottery");
    }
    sb_release(&sb);
    if (!res)
        res = k->apply(ctx, r->owner_id, l);
    lottery_free(l);
    if (!res)
        res = audit_add(ctx, "lottery.draw", "lottery", r->id, r->division, "committed", "drawn",
                        seed);
    return res;
}

int lottery_record_draw(wy_ctx *ctx, int64_t id, const char *beacon_hex, lottery_row *out)
{
    if (!beacon_hex || !*beacon_hex)
        return wy_fail_field(ctx, E_INVALID, "missing_field", "Enter the beacon round's value.",
                             "beacon_value");
    if (tx_begin(ctx) < 0)
        return -1;
    lottery_row r;
    int res = get_row(ctx, id, &r);
    const lottery_kind *k = NULL;
    if (!res && !(k = kind_of(ctx, &r)))
        res = -1;
    if (!res)
        res = draw_tx(ctx, &r, k, beacon_hex);
    if (!res && out)
        res = get_row(ctx, id, out);
    return tx_end(ctx, res);
}

int lottery_record_get(wy_ctx *ctx, int64_t id, lottery_row *out)
{
    return get_row(ctx, id, out);
}

int lottery_record_of(wy_ctx *ctx, const char *kind, int64_t owner_id, lottery_row *out)
{
    int rc = store_lottery_by_owner(ctx->c, ctx->a, kind, owner_id, out);
    if (rc == WY_NOTFOUND)
        return not_found(ctx);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "lottery");
}

int lottery_record_list(wy_ctx *ctx, const char *division, int64_t before, int limit,
                        lottery_row **out, size_t *n)
{
    if (limit < 1 || limit > 100)
        limit = 20;
    int rc = store_lottery_list(ctx->c, ctx->a, division, before, limit, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "lotteries");
}

int lottery_record_inputs(wy_ctx *ctx, int64_t id, const char **text, size_t *len)
{
    int rc = store_lottery_inputs(ctx->c, ctx->a, id, text, len);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_committed",
                       "This lottery has not been committed: its inputs are not published yet.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "lottery inputs");
}

int lottery_record_file(wy_ctx *ctx, int64_t id, const char **text, size_t *len)
{
    int rc = store_lottery_draw_file(ctx->c, ctx->a, id, text, len);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_NOTFOUND, "not_drawn",
                       "This lottery has not been drawn: its draw file is not published yet.");
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "lottery draw");
}

int lottery_record_load(wy_ctx *ctx, int64_t id, lottery **out)
{
    const char *text;
    size_t len;
    if (lottery_record_file(ctx, id, &text, &len) < 0)
        return -1;
    char msg[256];
    if (lottery_verify(text, len, out, msg, sizeof(msg)) != LOTTERY_VERIFIED)
        return wy_fail(ctx, E_INTERNAL, "internal", "The stored draw file does not verify.");
    return 0;
}

/* The verifications kept (lottery_record_check): a slot holds one reference of its check. */
static pthread_mutex_t checks_mu = PTHREAD_MUTEX_INITIALIZER;
static lottery_check *checks[LOTTERY_CHECKS_KEPT];
static uint64_t checks_clock;

static void check_free(lottery_check *c)
{
    lottery_free((lottery *)c->l);
    free(c);
}

void lottery_check_release(lottery_check *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&checks_mu);
    int last = --c->refs == 0;
    pthread_mutex_unlock(&checks_mu);
    if (last)
        check_free(c);
}

/* The kept check of (id, seed), with a reference for the caller; NULL when none. */
static lottery_check *check_find(int64_t id, const char *seed)
{
    lottery_check *found = NULL;
    pthread_mutex_lock(&checks_mu);
    for (int i = 0; i < LOTTERY_CHECKS_KEPT; i++)
        if (checks[i] && checks[i]->id == id && !strcmp(checks[i]->seed, seed)) {
            found = checks[i];
            found->refs++;
            found->used = ++checks_clock;
            break;
        }
    pthread_mutex_unlock(&checks_mu);
    return found;
}

/* Keep c (which holds the caller's reference), giving up the least recently viewed checks
 * while the slots are full or the applicants kept would pass LOTTERY_CHECKS_APPLICANTS (c is
 * kept even alone above it); when another thread kept the same check meanwhile, that one is
 * answered and c freed. */
static lottery_check *check_keep(lottery_check *c)
{
    lottery_check *evicted[LOTTERY_CHECKS_KEPT], *answer = c;
    int nevicted = 0;
    pthread_mutex_lock(&checks_mu);
    for (int i = 0; i < LOTTERY_CHECKS_KEPT; i++)
        if (checks[i] && checks[i]->id == c->id && !strcmp(checks[i]->seed, c->seed)) {
            answer = checks[i];
            answer->refs++;
            break;
        }
    while (answer == c) {
        size_t kept = 0;
        int free_slot = -1, oldest = -1;
        for (int i = 0; i < LOTTERY_CHECKS_KEPT; i++) {
            if (!checks[i]) {
                free_slot = i;
                continue;
            }
            kept += checks[i]->napplicants;
            if (oldest < 0 || checks[i]->used < checks[oldest]->used)
                oldest = i;
        }
        if (free_slot >= 0 && (oldest < 0 || kept + c->napplicants <= LOTTERY_CHECKS_APPLICANTS)) {
            c->refs++;
            c->used = ++checks_clock;
            checks[free_slot] = c;
            break;
        }
        lottery_check *e = checks[oldest];
        checks[oldest] = NULL;
        if (--e->refs == 0)
            evicted[nevicted++] = e; /* else another thread's last release frees it */
    }
    pthread_mutex_unlock(&checks_mu);
    for (int i = 0; i < nevicted; i++)
        check_free(evicted[i]);
    if (answer != c)
        check_free(c);
    return answer;
}

/* Verify text (malloc'd, taken) into a new check with one reference (the caller's), or NULL
 * when memory ran out. */
static lottery_check *check_make(int64_t id, const char *seed, char *text, size_t len)
{
    lottery_check *c = calloc(1, sizeof(*c));
    if (c) {
        c->id = id;
        memcpy(c->seed, seed, LOTTERY_HEX);
        c->refs = 1;
        lottery *l = NULL;
        c->outcome = lottery_verify(text, len, &l, c->message, sizeof(c->message));
        c->l = c->outcome == LOTTERY_VERIFIED ? l : NULL;
        if (c->outcome != LOTTERY_VERIFIED)
            lottery_free(l);
        else
            lottery_applicants(l, &c->napplicants);
    }
    free(text);
    return c;
}

/* At most one large file is verified at a time in a process, apart from the requests. */
static int verifying;

typedef struct verify_job {
    int64_t id;
    char seed[LOTTERY_HEX];
    char *text;
    size_t len;
} verify_job;

static void *verify_main(void *arg)
{
    verify_job *j = arg;
    lottery_check *c = check_make(j->id, j->seed, j->text, j->len);
    if (c)
        lottery_check_release(check_keep(c));
    free(j);
    pthread_mutex_lock(&checks_mu);
    verifying = 0;
    pthread_mutex_unlock(&checks_mu);
    return NULL;
}

int lottery_record_check(wy_ctx *ctx, const lottery_row *r, lottery_check **out)
{
    *out = NULL;
    if (!r->seed || strlen(r->seed) != LOTTERY_HEX - 1)
        return wy_fail(ctx, E_NOTFOUND, "not_drawn",
                       "This lottery has not been drawn: its draw file is not published yet.");
    if ((*out = check_find(r->id, r->seed)))
        return 0;
    int busy;
    pthread_mutex_lock(&checks_mu);
    busy = verifying;
    pthread_mutex_unlock(&checks_mu);
    if (busy) /* another file is being verified: this one waits its turn */
        return 0;
    const char *text;
    size_t len;
    if (lottery_record_file(ctx, r->id, &text, &len) < 0)
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return wy_fail_store(ctx, WY_NOMEM, "lottery");
    memcpy(copy, text, len);
    copy[len] = '\0';
    if (len > LOTTERY_CHECK_INLINE_BYTES) {
        verify_job *j = calloc(1, sizeof(*j));
        pthread_mutex_lock(&checks_mu);
        int mine = j && !verifying;
        if (mine)
            verifying = 1;
        pthread_mutex_unlock(&checks_mu);
        pthread_t th;
        pthread_attr_t at;
        if (mine) {
            *j = (verify_job){.id = r->id, .text = copy, .len = len};
            memcpy(j->seed, r->seed, LOTTERY_HEX);
            pthread_attr_init(&at);
            pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
            int started = pthread_create(&th, &at, verify_main, j) == 0;
            pthread_attr_destroy(&at);
            if (started)
                return 0; /* pending: a later view finds it kept */
            pthread_mutex_lock(&checks_mu);
            verifying = 0;
            pthread_mutex_unlock(&checks_mu);
        }
        free(j);
        free(copy);
        return 0; /* pending: another file took the turn, or no thread could start */
    }
    lottery_check *c = check_make(r->id, r->seed, copy, len);
    if (!c)
        return wy_fail_store(ctx, WY_NOMEM, "lottery");
    *out = check_keep(c);
    return 0;
}

/* ---- corrections ---- */

static int correction_not_found(wy_ctx *ctx)
{
    return wy_fail(ctx, E_NOTFOUND, "not_found", "There is no such correction.");
}

/* Is applicant one of the drawn lottery's applicants? 1, 0, or -1 with ctx->err. */
static int in_draw(wy_ctx *ctx, int64_t id, const char *applicant)
{
    lottery *l = NULL;
    if (lottery_record_load(ctx, id, &l) < 0)
        return -1;
    int found = lottery_find_applicant(l, applicant) >= 0;
    lottery_free(l);
    return found;
}

static int check_reason(wy_ctx *ctx, const char *reason)
{
    size_t n = reason ? strlen(reason) : 0,
           chars = n && utf8_valid(reason, n) ? utf8_length(reason) : 0;
    if (chars < LOTTERY_REASON_MIN || chars > LOTTERY_REASON_MAX)
        return wy_fail_field(ctx, E_INVALID, "bad_reason",
                             "Say why the results are corrected, in 5 to 500 characters: the "
                             "reason is published with the correction.",
                             "reason");
    return 0;
}

int lottery_correction_propose(wy_ctx *ctx, int64_t lottery_id, const char *action,
                               const char *applicant, const char *reason,
                               lottery_correction_row *out)
{
    int annul = action && !strcmp(action, "annul");
    if (!annul && !(action && !strcmp(action, "erratum")))
        return wy_fail_field(ctx, E_INVALID, "bad_action",
                             "A correction is an annulment (annul) or an erratum (erratum).",
                             "action");
    if (!applicant)
        applicant = "";
    if (annul && !*applicant)
        return wy_fail_field(ctx, E_INVALID, "missing_field",
                             "Name the applicant to annul by their pseudonym in the draw file.",
                             "applicant");
    if (!annul && *applicant)
        return wy_fail_field(ctx, E_INVALID, "bad_applicant",
                             "An erratum changes no result: it names no applicant.", "applicant");
    if (check_reason(ctx, reason) < 0)
        return -1;
    lottery_row r;
    if (get_row(ctx, lottery_id, &r) < 0)
        return -1;
    const lottery_kind *k = kind_of(ctx, &r);
    if (!k)
        return -1;
    if (strcmp(r.status, "drawn"))
        return wy_fail(ctx, E_CONFLICT, "not_drawn",
                       "Only a drawn lottery's results are corrected; before the draw its "
                       "applications are what changes.");
    if (annul && !k->annul)
        return wy_fail(ctx, E_RULE, "not_supported",
                       "The results of this kind of lottery cannot be annulled; publish an "
                       "erratum instead.");
    if (annul) {
        int found = in_draw(ctx, r.id, applicant);
        if (found < 0)
            return -1;
        if (!found)
            return wy_fail_field(ctx, E_RULE, "unknown_applicant",
                                 "No applicant of this draw has that pseudonym.", "applicant");
    }
    if (tx_begin(ctx) < 0)
        return -1;
    int64_t id = 0;
    int rc = store_lottery_correction_add(ctx->c, r.id, action, applicant, reason, actor(ctx),
                                          ctx->now, &id);
    int res = 0;
    if (rc == WY_CONSTRAINT)
        res = wy_fail(ctx, E_CONFLICT, "already_annulled",
                      "This applicant's results are annulled already, or an annulment of them "
                      "waits to be applied.");
    else if (rc != WY_OK)
        res = wy_fail_store(ctx, rc, "correction");
    if (!res)
        res = audit_add(ctx, "lottery_correction.propose", "lottery_correction", id, r.division,
                        NULL, action, reason);
    if (!res && out) {
        rc = store_lottery_correction_get(ctx->c, ctx->a, id, out);
        if (rc != WY_OK)
            res = wy_fail_store(ctx, rc, "correction");
    }
    return tx_end(ctx, res);
}

static int decide_tx(wy_ctx *ctx, int64_t id, int apply, lottery_correction_row *out)
{
    lottery_correction_row cr;
    int rc = store_lottery_correction_get(ctx->c, ctx->a, id, &cr);
    if (rc == WY_NOTFOUND)
        return correction_not_found(ctx);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "correction");
    lottery_row r;
    if (get_row(ctx, cr.lottery_id, &r) < 0)
        return -1;
    const lottery_kind *k = kind_of(ctx, &r);
    if (!k)
        return -1;
    if (strcmp(cr.status, "proposed"))
        return wy_fail(ctx, E_CONFLICT, "bad_state",
                       "This correction has been decided already; it never changes.");
    if (apply && cr.proposed_by == actor(ctx))
        return wy_fail(ctx, E_FORBIDDEN, "own_correction",
                       "Someone else must apply a correction you proposed.");
    const char *status = apply ? "applied" : "cancelled";
    rc = store_lottery_correction_decide(ctx->c, id, status, actor(ctx), ctx->now);
    if (rc == WY_NOTFOUND)
        return wy_fail(ctx, E_CONFLICT, "bad_state",
                       "This correction has been decided already; it never changes.");
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "correction");
    if (apply && !strcmp(cr.action, "annul") && (!k->annul || k->annul(ctx, r.owner_id, &cr) < 0))
        return ctx->err.code ? -1
                             : wy_fail(ctx, E_RULE, "not_supported",
                                       "The results of this kind of lottery cannot be annulled.");
    if (audit_add(ctx, apply ? "lottery_correction.apply" : "lottery_correction.cancel",
                  "lottery_correction", id, r.division, "proposed", status, NULL) < 0)
        return -1;
    if (out && (rc = store_lottery_correction_get(ctx->c, ctx->a, id, out)) != WY_OK)
        return wy_fail_store(ctx, rc, "correction");
    return 0;
}

int lottery_correction_decide(wy_ctx *ctx, int64_t id, int apply, lottery_correction_row *out)
{
    if (tx_begin(ctx) < 0)
        return -1;
    return tx_end(ctx, decide_tx(ctx, id, apply, out));
}

int lottery_correction_list(wy_ctx *ctx, int64_t lottery_id, lottery_correction_row **out,
                            size_t *n, int *all)
{
    lottery_row r;
    if (get_row(ctx, lottery_id, &r) < 0)
        return -1;
    const lottery_kind *k = lottery_kind_find(r.owner_type);
    int staff = k && ctx->who && authz_allows(ctx->who, k->manage, r.division);
    if (all)
        *all = staff;
    int rc = store_lottery_corrections(ctx->c, ctx->a, r.id, staff, out, n);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "corrections");
}
