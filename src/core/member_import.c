/*
 * member_import: see member_import.h. The file is read into rows first; then each batch of
 * rows is checked (cheap checks, a duplicate in the file, an existing account), the
 * passwords of the rows still standing are hashed in parallel, and the rows are saved in one
 * transaction with a savepoint each, together with their verdicts (a sink: memory for the
 * command line, the job's lines and its saved tally for a queued job).
 */
#include "core/member_import.h"

#include <jansson.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/authz.h"
#include "core/jobs.h"
#include "util/csvread.h"
#include "util/log.h"
#include "util/timeutil.h"
#include "util/workpool.h"

#define COLUMNS_REASON "want 2 to 5 columns: phone,name[,password[,role,division]]"
#define DUP_REASON     "This mobile number appears on an earlier row of the file."
#define EXISTS_REASON  "An account with this mobile number exists already."

typedef struct mrow {
    int line;
    const char *phone, *name, *password, *role, *division; /* password NULL: none */
    const char *early; /* a rejection known from the row's shape */
} mrow;

/* ---- reading the file ---- */

typedef struct reader {
    arena *a;
    mrow *rows;
    size_t n, cap;
    int header_checked;
    int oom;
} reader;

static const char *field(reader *r, const csv_row *row, size_t i)
{
    const char *s = i < row->n ? row->f[i] : "";
    const char *c = arena_strdup(r->a, s);
    if (!c)
        r->oom = 1;
    return c ? c : "";
}

static int on_row(const csv_row *row, void *user)
{
    reader *r = user;
    if (!r->header_checked) {
        r->header_checked = 1;
        if (row->n >= 1 && !strcmp(row->f[0], "phone"))
            return 0; /* a header line */
    }
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        mrow *v = arena_alloc(r->a, cap * sizeof(*v));
        if (!v) {
            r->oom = 1;
            return 1;
        }
        if (r->n)
            memcpy(v, r->rows, r->n * sizeof(*v));
        r->rows = v;
        r->cap = cap;
    }
    mrow *m = &r->rows[r->n++];
    m->line = row->line;
    m->phone = field(r, row, 0);
    m->name = field(r, row, 1);
    const char *pw = field(r, row, 2);
    m->password = *pw ? pw : NULL;
    m->role = field(r, row, 3);
    m->division = field(r, row, 4);
    if (row->bad_utf8)
        m->early = "not UTF-8 text (save the file as CSV UTF-8)";
    else if (row->n < 2 || row->n > 5 || row->too_many)
        m->early = COLUMNS_REASON;
    else
        m->early = NULL;
    return r->oom;
}

static int read_rows(wy_ctx *ctx, arena *a, const char *data, size_t len, reader *r)
{
    *r = (reader){.a = a};
    char err[256] = "";
    int rc = csv_read_buffer(data, len, on_row, r, err, sizeof(err));
    if (r->oom)
        return wy_fail(ctx, E_UNAVAILABLE, "too_large", "The file is too large to import at once.");
    if (rc != 0)
        return wy_fail(ctx, E_INVALID, "bad_csv", arena_strdup(ctx->a, err));
    return 0;
}

/* ---- the phones of the rows accepted so far: a set of 11-digit numbers ---- */

typedef struct phoneset {
    uint64_t *slot; /* 0: empty */
    size_t cap, n;
} phoneset;

static uint64_t phone_key(const char *p)
{
    uint64_t k = 0;
    for (; *p; p++)
        k = k * 10 + (uint64_t)(*p - '0');
    return k;
}

static int set_has(const phoneset *s, uint64_t k)
{
    if (!s->cap)
        return 0;
    for (size_t i = (k * 0x9e3779b97f4a7c15ULL) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->slot[i] == 0)
            return 0;
        if (s->slot[i] == k)
            return 1;
    }
}

static int set_add(phoneset *s, uint64_t k)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        uint64_t *v = calloc(cap, sizeof(*v));
        if (!v)
            return -1;
        phoneset t = {v, cap, 0};
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i])
                set_add(&t, s->slot[i]);
        free(s->slot);
        *s = t;
    }
    size_t i = (k * 0x9e3779b97f4a7c15ULL) & (s->cap - 1);
    while (s->slot[i] && s->slot[i] != k)
        i = (i + 1) & (s->cap - 1);
    if (!s->slot[i]) {
        s->slot[i] = k;
        s->n++;
    }
    return 0;
}

/* ---- the engine ---- */

typedef struct engine engine;
/* Record a batch's verdicts, inside the batch's transaction. */
typedef int (*sink_fn)(engine *e, const import_line *lines, size_t n, size_t rows_done);

struct engine {
    wy_ctx *ctx;
    arena *keep; /* what outlives a batch: the rows, the command line's verdicts */
    int dry_run;
    mrow *rows;
    size_t nrows;
    phoneset seen;
    workpool *pool;
    sink_fn sink;
    void *sink_ud;
    int accepted, rejected;
};

typedef struct slot {
    account_new acc;
    const char *reason; /* rejected, and why */
    int hash;           /* its password is to be hashed */
    int hash_failed;
    char pwhash[PASSWORD_HASH_MAX];
} slot;

typedef struct hash_job {
    engine *e;
    mrow *rows;
    slot *slots;
    size_t *todo;
} hash_job;

static void hash_one(size_t i, void *ud)
{
    hash_job *h = ud;
    size_t k = h->todo[i];
    h->slots[k].hash_failed =
        account_hash_password(h->e->ctx->cfg, h->rows[k].password, h->slots[k].pwhash) < 0;
}

static int internal(const wy_ctx *ctx)
{
    return ctx->err.cls == E_INTERNAL || ctx->err.cls == E_UNAVAILABLE;
}

/* Handle rows [from, to): -1 on a database error (the batch is undone). */
static int run_batch(engine *e, size_t from, size_t to)
{
    wy_ctx *ctx = e->ctx;
    size_t n = to - from;
    mrow *rows = e->rows + from;
    slot *slots = arena_alloc(ctx->a, n * sizeof(*slots));
    size_t *todo = arena_alloc(ctx->a, n * sizeof(*todo));
    import_line *lines = arena_alloc(ctx->a, n * sizeof(*lines));
    if (!slots || !todo || !lines)
        return wy_fail(ctx, E_UNAVAILABLE, "busy", "The service is busy; try again in a moment.");
    size_t ntodo = 0;
    /* the cheap checks, so that no password is hashed for a row that cannot be saved */
    for (size_t i = 0; i < n; i++) {
        mrow *r = &rows[i];
        ctx->err = (wy_error){0};
        account u;
        int rc;
        if (r->early)
            slots[i].reason = r->early;
        else if (account_check_new(ctx, r->phone, r->name, r->password, r->role, r->division,
                                   &slots[i].acc) < 0)
            slots[i].reason = ctx->err.message;
        else if (set_has(&e->seen, phone_key(r->phone)))
            slots[i].reason = DUP_REASON;
        else if ((rc = store_user_by_phone(ctx->c, ctx->a, r->phone, &u)) == WY_OK)
            slots[i].reason = EXISTS_REASON;
        else if (rc != WY_NOTFOUND)
            return wy_fail_store(ctx, rc, "import");
        else if (r->password && !e->dry_run)
            todo[ntodo++] = i;
    }
    /* every core hashes */
    hash_job hj = {e, rows, slots, todo};
    workpool_run(e->pool, ntodo, hash_one, &hj);
    for (size_t i = 0; i < ntodo; i++)
        slots[todo[i]].hash = 1;
    if (tx_begin(ctx) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        mrow *r = &rows[i];
        slot *s = &slots[i];
        ctx->err = (wy_error){0};
        if (!s->reason && s->hash && s->hash_failed)
            s->reason = "The service is busy; try again in a moment.";
        if (!s->reason && set_has(&e->seen, phone_key(r->phone)))
            s->reason = DUP_REASON; /* an earlier row of this batch */
        if (!s->reason) {
            int64_t id;
            if (store_savepoint(ctx->c) != WY_OK)
                return tx_end(ctx, wy_fail_store(ctx, WY_ERR, "savepoint"));
            if (account_insert_new(ctx, &s->acc, s->hash ? s->pwhash : NULL, &id) < 0) {
                store_savepoint_rollback(ctx->c);
                if (internal(ctx))
                    return tx_end(ctx, -1);
                s->reason = ctx->err.message;
            } else if (e->dry_run) {
                store_savepoint_rollback(ctx->c);
            } else if (store_savepoint_release(ctx->c) != WY_OK) {
                return tx_end(ctx, wy_fail_store(ctx, WY_ERR, "savepoint"));
            }
        }
        sodium_memzero(s->pwhash, sizeof(s->pwhash));
        if (!s->reason && set_add(&e->seen, phone_key(r->phone)) < 0)
            return tx_end(ctx, wy_fail(ctx, E_UNAVAILABLE, "busy",
                                       "The service is busy; try again in a moment."));
        char masked[PHONE_MASKED_MAX];
        account_mask_phone(r->phone, masked);
        lines[i] = (import_line){r->line, !s->reason, arena_strdup(ctx->a, masked), s->reason};
        if (!lines[i].phone)
            return tx_end(ctx, wy_fail(ctx, E_UNAVAILABLE, "busy",
                                       "The service is busy; try again in a moment."));
    }
    ctx->err = (wy_error){0};
    if (e->sink(e, lines, n, to) < 0)
        return tx_end(ctx, -1);
    if (tx_end(ctx, 0) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (lines[i].ok)
            e->accepted++;
        else
            e->rejected++;
    return 0;
}

/* Rows per batch: enough to keep every hashing thread busy, few enough to report often. */
static size_t batch_size(const engine *e)
{
    size_t b = (size_t)workpool_size(e->pool) * 4;
    return b < 16 ? 16 : b > 256 ? 256 : b;
}

/* Rows [from, nrows) batch by batch, each with its own scratch arena; stop() is asked
 * between batches. */
static int run_rows(engine *e, size_t from, import_progress_fn progress, void *progress_user,
                    int (*stop)(void))
{
    wy_ctx *ctx = e->ctx;
    arena *outer = ctx->a;
    size_t b = batch_size(e);
    int res = 0;
    for (size_t i = from; i < e->nrows && res == 0; i += b) {
        if (stop && stop())
            return 1;
        arena scratch;
        arena_init(&scratch, (size_t)64 << 20);
        ctx->a = &scratch;
        size_t to = i + b < e->nrows ? i + b : e->nrows;
        res = run_batch(e, i, to);
        if (res < 0 && ctx->err.message) /* the refusal outlives the scratch arena */
            ctx->err.message = arena_strdup(outer, ctx->err.message);
        ctx->a = outer;
        arena_free(&scratch);
        if (res == 0 && progress)
            progress((int)to, (int)e->nrows, progress_user);
    }
    return res;
}

static workpool *hashing_pool(const wy_config *cfg)
{
    return workpool_new(cfg->hash_threads);
}

/* ---- the command line: verdicts kept in memory ---- */

typedef struct mem_sink {
    account_import_result *res;
    size_t cap;
} mem_sink;

static int to_memory(engine *e, const import_line *lines, size_t n, size_t rows_done)
{
    (void)rows_done;
    mem_sink *m = e->sink_ud;
    account_import_result *r = m->res;
    if (r->nlines + n > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        while (cap < r->nlines + n)
            cap *= 2;
        import_line *v = arena_alloc(e->keep, cap * sizeof(*v));
        if (!v)
            return wy_fail(e->ctx, E_UNAVAILABLE, "busy",
                           "The service is busy; try again in a moment.");
        if (r->nlines)
            memcpy(v, r->lines, r->nlines * sizeof(*v));
        r->lines = v;
        m->cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        import_line l = lines[i];
        l.phone = arena_strdup(e->keep, l.phone);
        l.reason = l.reason ? arena_strdup(e->keep, l.reason) : NULL;
        if (!l.phone || (lines[i].reason && !l.reason))
            return wy_fail(e->ctx, E_UNAVAILABLE, "busy",
                           "The service is busy; try again in a moment.");
        r->lines[r->nlines++] = l;
        if (l.ok)
            r->accepted++;
        else
            r->rejected++;
    }
    return 0;
}

int account_import_csv(wy_ctx *ctx, const char *data, size_t len, int dry_run,
                       import_progress_fn progress, void *progress_user, account_import_result *res)
{
    memset(res, 0, sizeof(*res));
    reader rd;
    if (read_rows(ctx, ctx->a, data, len, &rd) < 0)
        return -1;
    mem_sink ms = {res, 0};
    engine e = {.ctx = ctx,
                .keep = ctx->a,
                .dry_run = dry_run,
                .rows = rd.rows,
                .nrows = rd.n,
                .sink = to_memory,
                .sink_ud = &ms};
    e.pool = rd.n ? hashing_pool(ctx->cfg) : NULL;
    int rc = run_rows(&e, 0, progress, progress_user, NULL);
    workpool_free(e.pool);
    free(e.seen.slot);
    return rc < 0 ? -1 : 0;
}

/* ---- jobs ---- */

#define IMPORT_KIND "account_import"

/* What a job has done so far, saved as its result: a run taken up again goes on from it. */
typedef struct tally {
    json_int_t rows_total, rows_done, accepted, rejected;
} tally;

static void tally_read(const char *text, tally *t)
{
    *t = (tally){0};
    json_t *o = text ? json_loads(text, 0, NULL) : NULL;
    if (o)
        json_unpack(o, "{s?I,s?I,s?I,s?I}", "rows_total", &t->rows_total, "rows_done",
                    &t->rows_done, "accepted", &t->accepted, "rejected", &t->rejected);
    json_decref(o);
}

static char *tally_text(arena *a, const tally *t)
{
    return arena_sprintf(a,
                         "{\"rows_total\":%lld,\"rows_done\":%lld,\"accepted\":%lld,"
                         "\"rejected\":%lld}",
                         (long long)t->rows_total, (long long)t->rows_done, (long long)t->accepted,
                         (long long)t->rejected);
}

static int params_dry_run(const char *params)
{
    int dry = 0;
    json_t *o = params ? json_loads(params, 0, NULL) : NULL;
    if (o)
        json_unpack(o, "{s?b}", "dry_run", &dry);
    json_decref(o);
    return dry;
}

int account_import_submit(wy_ctx *ctx, const char *data, size_t len, int dry_run, int64_t *id)
{
    if (authz_require(ctx, PERM_ACCOUNTS_MANAGE, NULL) < 0)
        return -1;
    reader rd;
    arena check;
    arena_init(&check, (size_t)1 << 30);
    arena *outer = ctx->a;
    ctx->a = &check;
    int rc = read_rows(ctx, &check, data, len, &rd);
    if (rc < 0 && ctx->err.message)
        ctx->err.message = arena_strdup(outer, ctx->err.message);
    ctx->a = outer;
    arena_free(&check);
    if (rc < 0)
        return -1;
    size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64len);
    if (!b64)
        return wy_fail(ctx, E_UNAVAILABLE, "busy", "The service is busy; try again in a moment.");
    sodium_bin2base64(b64, b64len, (const unsigned char *)data, len,
                      sodium_base64_VARIANT_ORIGINAL);
    rc = jobs_submit_file(ctx, IMPORT_KIND, dry_run ? "{\"dry_run\":true}" : "{\"dry_run\":false}",
                          NULL, INT_MAX, b64, id);
    free(b64);
    return rc;
}

int account_import_get(wy_ctx *ctx, int64_t id, int64_t after, int limit, account_import_job *job,
                       import_line **lines, size_t *n)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    job_row r;
    int rc = store_job_get(ctx->c, ctx->a, id, &r);
    if (rc == WY_OK && (strcmp(r.kind, IMPORT_KIND) || r.created_by != ctx->who->user_id))
        rc = WY_NOTFOUND; /* another's import is nobody's business here */
    if (rc == WY_OK)
        rc = store_import_lines(ctx->c, ctx->a, id, after, limit, lines, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "import");
    tally t;
    tally_read(r.result, &t);
    *job = (account_import_job){.id = r.id,
                                .created_by = r.created_by,
                                .dry_run = params_dry_run(r.params),
                                .status = r.status,
                                .rows_total = t.rows_total,
                                .rows_done = t.rows_done,
                                .accepted = t.accepted,
                                .rejected = t.rejected,
                                .error = r.error,
                                .created_at = r.created_at,
                                .finished_at = r.finished_at};
    return 0;
}

typedef struct job_sink {
    const job_row *job;
    size_t nrows;
} job_sink;

static int save_tally(wy_ctx *ctx, const job_row *job, const tally *t)
{
    char *text = tally_text(ctx->a, t);
    if (!text)
        return wy_fail(ctx, E_UNAVAILABLE, "busy", "The service is busy; try again in a moment.");
    double progress = t->rows_total ? (double)t->rows_done / (double)t->rows_total : 0;
    return jobs_save(ctx, job, progress, text);
}

static int to_job(engine *e, const import_line *lines, size_t n, size_t rows_done)
{
    job_sink *j = e->sink_ud;
    wy_ctx *ctx = e->ctx;
    tally t = {(json_int_t)j->nrows, (json_int_t)rows_done, e->accepted, e->rejected};
    int rc = WY_OK;
    for (size_t i = 0; i < n && rc == WY_OK; i++) {
        rc = store_import_line_add(ctx->c, j->job->id, &lines[i]);
        if (lines[i].ok)
            t.accepted++;
        else
            t.rejected++;
    }
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "import progress");
    return save_tally(ctx, j->job, &t);
}

/* Rebuild the set of accepted phones of a job taken up again. */
static int accepted_before(wy_ctx *ctx, engine *e, int64_t id, size_t rows_done)
{
    int64_t after = 0;
    for (;;) {
        import_line *ls;
        size_t n;
        int rc = store_import_lines(ctx->c, ctx->a, id, after, 5000, &ls, &n);
        if (rc != WY_OK)
            return wy_fail_store(ctx, rc, "import");
        size_t r = 0;
        for (size_t i = 0; i < n; i++) {
            while (r < rows_done && e->rows[r].line < ls[i].line)
                r++;
            if (ls[i].ok && r < rows_done && e->rows[r].line == ls[i].line &&
                set_add(&e->seen, phone_key(e->rows[r].phone)) < 0)
                return wy_fail(ctx, E_UNAVAILABLE, "busy",
                               "The service is busy; try again in a moment.");
        }
        if (n < 5000)
            return 0;
        after = ls[n - 1].line;
    }
}

/* The file of a job, decoded, in *data. */
static int job_file(wy_ctx *ctx, const job_row *job, unsigned char **data, size_t *len)
{
    const char *b64;
    int rc = store_job_file(ctx->c, ctx->a, job->id, &b64);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        return wy_fail_store(ctx, rc, "import");
    size_t b64len = rc == WY_OK ? strlen(b64) : 0, cap = b64len / 4 * 3 + 3;
    *data = rc == WY_OK ? arena_alloc(ctx->a, cap + 1) : NULL;
    if (!*data || sodium_base642bin(*data, cap, b64, b64len, NULL, len, NULL,
                                    sodium_base64_VARIANT_ORIGINAL) != 0)
        return wy_fail(ctx, E_INVALID, "unreadable", "the file could not be read back");
    return 0;
}

/* A queued import's run (the jobs' worker calls it), as the account that asked for it; it
 * goes on from the rows a run before it saved. */
static int import_job(wy_ctx *ctx, const job_row *job, char **result)
{
    unsigned char *data = NULL;
    size_t len = 0;
    if (job_file(ctx, job, &data, &len) < 0)
        return -1;
    principal who;
    if (account_principal_by_id(ctx, job->created_by, &who) < 0)
        return wy_fail(ctx, E_INVALID, "gone", "the account that asked for it is gone");
    ctx->who = &who;
    reader rd;
    if (read_rows(ctx, ctx->a, (const char *)data, len, &rd) < 0)
        return -1;
    tally t;
    tally_read(job->result, &t);
    job_sink js = {job, rd.n};
    engine e = {.ctx = ctx,
                .keep = ctx->a,
                .dry_run = params_dry_run(job->params),
                .rows = rd.rows,
                .nrows = rd.n,
                .sink = to_job,
                .sink_ud = &js,
                .accepted = (int)t.accepted,
                .rejected = (int)t.rejected};
    size_t from = t.rows_done < 0 || (size_t)t.rows_done > rd.n ? rd.n : (size_t)t.rows_done;
    int res = from ? accepted_before(ctx, &e, job->id, from) : 0;
    if (res == 0 && from == 0 && tx_begin(ctx) == 0)
        res = tx_end(ctx, save_tally(ctx, job, &(tally){(json_int_t)rd.n, 0, 0, 0}));
    if (res == 0) {
        e.pool = hashing_pool(ctx->cfg);
        res = run_rows(&e, from, NULL, NULL, jobs_stopping);
        workpool_free(e.pool);
    }
    free(e.seen.slot);
    if (res == 1) /* the server stops: the job goes back to the queue, to go on where it was */
        return wy_fail(ctx, E_UNAVAILABLE, "stopping", "The server is stopping.");
    if (res < 0) {
        error("import %lld: %s", (long long)job->id,
              ctx->err.message ? ctx->err.message : "failed");
        ctx->err = (wy_error){0};
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    t = (tally){(json_int_t)rd.n, (json_int_t)rd.n, e.accepted, e.rejected};
    *result = tally_text(ctx->a, &t);
    return *result ? 0 : wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
}

int member_import_register(void)
{
    return jobs_register_kind_flags(IMPORT_KIND, import_job, JOB_RESUMES);
}
