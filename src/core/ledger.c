/* ledger: the append-only, hash-chained, double-entry ledgers (ledger.h, docs/ledger.md). */
#include "core/ledger.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/log.h"
#include "util/sha256.h"

static const char zero_hash[LEDGER_HASH_HEX + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* ---- the canonical form ---------------------------------------------------------------- */

typedef struct sink {
    char *buf; /* writing into buf (n bytes); len counts what would be written */
    size_t n, len;
} sink;

static void put(sink *s, const char *p, size_t n)
{
    if (s->len + n <= s->n)
        memcpy(s->buf + s->len, p, n);
    s->len += n;
}

/* decimal of v into the end of b[24]; returns the first digit */
static char *decimal(int64_t v, char b[24])
{
    char *p = b + 24;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return p;
}

/* a field: its length in bytes in decimal, ':', its bytes, ',' */
static void field(sink *s, const char *v, size_t n)
{
    char b[24];
    char *d = decimal((int64_t)n, b);
    put(s, d, (size_t)(b + 24 - d));
    put(s, ":", 1);
    put(s, v, n);
    put(s, ",", 1);
}

static void field_str(sink *s, const char *v)
{
    field(s, v ? v : "", v ? strlen(v) : 0);
}

static void field_int(sink *s, int64_t v)
{
    char b[24];
    char *d = decimal(v, b);
    field(s, d, (size_t)(b + 24 - d));
}

static void canonical(sink *s, const ledger_entry *e)
{
    field_str(s, LEDGER_FORMAT);
    field_str(s, e->book);
    field_int(s, e->seq);
    field_str(s, e->debit);
    field_str(s, e->credit);
    field_int(s, e->amount);
    field_str(s, e->kind);
    field_str(s, e->ref_type);
    field_int(s, e->ref_id);
    field_int(s, e->reverses);
    field_str(s, e->unit);
    field_int(s, e->recorded_by);
    field_int(s, e->created_at);
    field_str(s, e->prev_hash);
}

size_t ledger_canonical(const ledger_entry *e, char *buf, size_t n)
{
    sink s = {.buf = buf, .n = n};
    canonical(&s, e);
    return s.len;
}

/* Room for the canonical form of any entry ledger_post writes (names of at most
 * LEDGER_NAME_MAX bytes, a kind and a unit of a few hundred); a longer one (a row changed in
 * the database) is formed on the heap. */
#define CANONICAL_STACK 2048

void ledger_hash(const ledger_entry *e, char hex[LEDGER_HASH_HEX + 1])
{
    char stack[CANONICAL_STACK];
    unsigned char d[SHA256_BYTES];
    size_t n = ledger_canonical(e, stack, sizeof(stack));
    if (n <= sizeof(stack)) {
        sha256(stack, n, d);
    } else {
        char *heap = malloc(n);
        if (!heap) /* a few kilobytes: nothing else would run either */
            die("ledger: out of memory forming an entry of %zu bytes", n);
        ledger_canonical(e, heap, n);
        sha256(heap, n, d);
        free(heap);
    }
    static const char hx[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof(d); i++) {
        hex[2 * i] = hx[d[i] >> 4];
        hex[2 * i + 1] = hx[d[i] & 15];
    }
    hex[LEDGER_HASH_HEX] = '\0';
}

/* ---- appending ------------------------------------------------------------------------- */

static int nonempty(const char *s)
{
    return s && *s;
}

/* a book's or an account's name: 1 to LEDGER_NAME_MAX bytes */
static int name_ok(const char *s)
{
    return s && *s && strnlen(s, LEDGER_NAME_MAX + 1) <= LEDGER_NAME_MAX;
}

int ledger_open_account(db *c, const char *book, const char *account, int negative_ok)
{
    if (!name_ok(book) || !name_ok(account))
        return WY_ERR;
    return store_ledger_account_open(c, book, account, negative_ok);
}

/* Debit, credit and chain e (its seq, prev_hash, hash and id set here), under a savepoint
 * that a refusal rolls back. */
static int append(db *c, ledger_entry *e)
{
    int rc = db_savepoint(c);
    if (rc != WY_OK)
        return rc;
    /* the head first: every appender of the book queues here, before any balance row */
    rc = store_ledger_head_lock(c, e->book, &e->seq, e->prev_hash);
    if (rc == WY_OK)
        rc = store_ledger_debit(c, e->book, e->debit, e->amount);
    if (rc == WY_OK)
        rc = store_ledger_credit(c, e->book, e->credit, e->amount);
    if (rc == WY_OK) {
        e->seq++;
        ledger_hash(e, e->hash);
        rc = store_ledger_insert(c, e, &e->id);
    }
    if (rc == WY_OK)
        rc = store_ledger_head_set(c, e->book, e->seq, e->hash);
    if (rc != WY_OK) {
        db_savepoint_rollback(c);
        return rc;
    }
    return db_savepoint_release(c);
}

int ledger_post(db *c, const ledger_posting *p, int64_t now, ledger_entry *out)
{
    if (!p || !name_ok(p->book) || !name_ok(p->debit) || !name_ok(p->credit) ||
        !nonempty(p->kind) || p->amount <= 0 || strcmp(p->debit, p->credit) == 0 || p->ref_id < 0)
        return WY_ERR;
    ledger_entry e = {.book = p->book,
                      .debit = p->debit,
                      .credit = p->credit,
                      .amount = p->amount,
                      .kind = p->kind,
                      .ref_type = p->ref_type ? p->ref_type : "",
                      .ref_id = p->ref_id,
                      .unit = p->unit ? p->unit : "",
                      .recorded_by = p->recorded_by,
                      .created_at = now};
    int rc = append(c, &e);
    if (rc == WY_OK && out)
        *out = e;
    return rc;
}

int ledger_reverse(db *c, arena *ar, const char *book, int64_t id, const char *kind,
                   const char *unit, int64_t recorded_by, int64_t now, ledger_entry *out)
{
    ledger_entry o;
    int rc = store_ledger_get(c, ar, id, &o);
    if (rc != WY_OK)
        return rc;
    if (!book || strcmp(o.book, book) != 0)
        return WY_NOTFOUND;
    int64_t by;
    if (o.reverses)
        return WY_CONSTRAINT;
    if ((rc = store_ledger_reversed_by(c, id, &by)) != WY_OK)
        return rc;
    if (by)
        return WY_CONSTRAINT;
    ledger_entry e = {.book = o.book,
                      .debit = o.credit,
                      .credit = o.debit,
                      .amount = o.amount,
                      .kind = nonempty(kind) ? kind : "reverse",
                      .ref_type = o.ref_type,
                      .ref_id = o.ref_id,
                      .reverses = id,
                      .unit = unit ? unit : o.unit,
                      .recorded_by = recorded_by,
                      .created_at = now};
    if (!e.kind || !e.unit || arena_failed(ar))
        return WY_NOMEM;
    rc = append(c, &e);
    if (rc == WY_OK && out)
        *out = e;
    return rc;
}

int ledger_balance(db *c, const char *book, const char *account, int64_t *balance)
{
    return store_ledger_balance(c, book, account, balance, NULL);
}

/* ---- verifying ------------------------------------------------------------------------- */

/* The accounts met, by name: open addressing, grown at 3/4 full. */
typedef struct acct {
    const char *name; /* in the verifier's arena; NULL: free slot */
    uint64_t hash;
    int64_t computed, stored;
    int negative_ok, has_row;
} acct;

typedef struct verifier {
    ledger_report *r;
    arena names;
    acct *slots;
    size_t cap, used;
    int64_t last_seq;
    char last_hash[LEDGER_HASH_HEX + 1];
    int broken, nomem;
    char after[256]; /* the balances' cursor */
} verifier;

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static acct *find(verifier *v, const char *name, uint64_t h)
{
    size_t j = h & (v->cap - 1);
    while (v->slots[j].name) {
        if (v->slots[j].hash == h && strcmp(v->slots[j].name, name) == 0)
            return &v->slots[j];
        j = (j + 1) & (v->cap - 1);
    }
    return &v->slots[j];
}

/* The account's slot, added when new (which may move every slot: pointers to slots from
 * before an addition are stale). NULL when out of memory. */
static acct *lookup(verifier *v, const char *name)
{
    uint64_t h = name_hash(name);
    acct *a = v->cap ? find(v, name, h) : NULL;
    if (a && a->name)
        return a;
    if (4 * (v->used + 1) > 3 * v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 1024;
        acct *s = calloc(cap, sizeof(*s));
        if (!s) {
            v->nomem = 1;
            return NULL;
        }
        for (size_t i = 0; i < v->cap; i++)
            if (v->slots[i].name) {
                size_t j = v->slots[i].hash & (cap - 1);
                while (s[j].name)
                    j = (j + 1) & (cap - 1);
                s[j] = v->slots[i];
            }
        free(v->slots);
        v->slots = s;
        v->cap = cap;
        a = find(v, name, h);
    }
    const char *copy = arena_strdup(&v->names, name);
    if (!copy) {
        v->nomem = 1;
        return NULL;
    }
    *a = (acct){.name = copy, .hash = h};
    v->used++;
    return a;
}

static void broken_entry(verifier *v, const ledger_entry *e, const char *problem,
                         const char *detail)
{
    ledger_report *r = v->r;
    snprintf(r->problem, sizeof(r->problem), "%s", problem);
    r->bad_id = e->id;
    r->bad_seq = e->seq;
    snprintf(r->detail, sizeof(r->detail), "entry %lld (seq %lld): %s", (long long)e->id,
             (long long)e->seq, detail);
    v->broken = 1;
}

static int on_balance(const char *account, int64_t balance, int negative_ok, void *ud)
{
    verifier *v = ud;
    acct *a = lookup(v, account);
    if (!a)
        return 1;
    a->stored = balance;
    a->negative_ok = negative_ok;
    a->has_row = 1;
    snprintf(v->after, sizeof(v->after), "%s", account);
    return 0;
}

static int on_entry(const ledger_entry *e, void *ud)
{
    verifier *v = ud;
    char h[LEDGER_HASH_HEX + 1];
    if (e->seq != v->last_seq + 1) {
        broken_entry(v, e, "seq", "an entry before it is missing");
        return 1;
    }
    if (strcmp(e->prev_hash, v->last_hash) != 0) {
        broken_entry(v, e, "prev_hash", "its previous hash is not the previous entry's hash");
        return 1;
    }
    ledger_hash(e, h);
    if (strcmp(h, e->hash) != 0) {
        broken_entry(v, e, "hash", "its hash is not the hash of its fields: it was changed");
        return 1;
    }
    /* adding the debit may move the credit's slot: found again (finding moves nothing) */
    acct *k = lookup(v, e->credit), *d = k ? lookup(v, e->debit) : NULL;
    if (!d)
        return 1;
    k = lookup(v, e->credit);
    if (!d->negative_ok && d->computed < e->amount) {
        broken_entry(v, e, "overdrawn", "it takes an account below zero");
        snprintf(v->r->account, sizeof(v->r->account), "%s", e->debit);
        return 1;
    }
    d->computed -= e->amount;
    k->computed += e->amount;
    v->last_seq = e->seq;
    memcpy(v->last_hash, e->hash, sizeof(v->last_hash));
    v->r->entries++;
    return 0;
}

size_t ledger_verify_page = 20000;

/* ---- the pipeline: the caller's thread reads pages of entries from the database while a
 * second thread checks the page before (the hash, the chain, the accounts), so that reading
 * and hashing each take one CPU. The checker sees every entry in seq order, as a single
 * thread would, so the first problem named is the same. */

typedef struct vpage {
    arena a; /* the entries' strings */
    ledger_entry *e;
    size_t n;
    int full; /* read, waiting for (or being read by) the checker */
    int last; /* nothing comes after it */
} vpage;

typedef struct vpipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    vpage pages[2];
    verifier *v;
    int stop;  /* the checker found a problem or ran out of memory: read no further */
    int done;  /* the reader hands over no more pages */
    int nomem; /* the reader ran out of memory */
} vpipe;

static const char *keep(vpage *p, const char *s)
{
    return arena_strdup(&p->a, s ? s : "");
}

/* A row of the scan, copied into the page (the row's own memory is the database's). */
static int copy_entry(const ledger_entry *e, void *ud)
{
    vpage *p = ud;
    ledger_entry *d = &p->e[p->n++];
    *d = *e;
    d->book = keep(p, e->book);
    d->debit = keep(p, e->debit);
    d->credit = keep(p, e->credit);
    d->kind = keep(p, e->kind);
    d->ref_type = keep(p, e->ref_type);
    d->unit = keep(p, e->unit);
    return arena_failed(&p->a);
}

/* Check a page's entries in order; 1 when verification stops (a problem, or no memory). */
static int check_page(verifier *v, const vpage *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (on_entry(&p->e[i], v))
            return 1;
    return v->broken || v->nomem;
}

static void *checker(void *ud)
{
    vpipe *q = ud;
    for (int k = 0;; k ^= 1) {
        vpage *p = &q->pages[k];
        pthread_mutex_lock(&q->mu);
        while (!p->full && !q->done)
            pthread_cond_wait(&q->cv, &q->mu);
        int have = p->full;
        pthread_mutex_unlock(&q->mu);
        if (!have)
            break;
        int stop = check_page(q->v, p);
        pthread_mutex_lock(&q->mu);
        p->full = 0;
        q->stop |= stop;
        int last = p->last;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        if (stop || last)
            break;
    }
    return NULL;
}

/* Read the book's entries page by page into the pipe (checked on a thread of their own, or
 * here when no thread can be started). WY_OK, or the database's error. */
static int read_entries(db *c, const char *book, vpipe *q, int threaded)
{
    int64_t after = 0;
    int rc = WY_OK;
    for (int k = 0;; k ^= 1) {
        vpage *p = &q->pages[k];
        pthread_mutex_lock(&q->mu);
        while (p->full && !q->stop)
            pthread_cond_wait(&q->cv, &q->mu);
        int stop = q->stop;
        pthread_mutex_unlock(&q->mu);
        if (stop)
            break;
        arena_free(&p->a);
        p->n = 0;
        size_t n;
        rc = store_ledger_scan(c, book, after, (int)ledger_verify_page, copy_entry, p, &n);
        if (rc == WY_OK && arena_failed(&p->a)) {
            q->nomem = 1;
            rc = WY_NOMEM;
        }
        if (rc != WY_OK)
            break;
        if (p->n)
            after = p->e[p->n - 1].seq;
        p->last = p->n < ledger_verify_page;
        if (!threaded) {
            if (check_page(q->v, p) || p->last)
                break;
            continue;
        }
        pthread_mutex_lock(&q->mu);
        p->full = 1;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        if (p->last)
            break;
    }
    pthread_mutex_lock(&q->mu);
    q->done = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return rc;
}

static int verify_entries(db *c, const char *book, verifier *v)
{
    vpipe q = {.v = v};
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.cv, NULL);
    int rc = WY_NOMEM;
    for (int k = 0; k < 2; k++)
        arena_init(&q.pages[k].a, 0);
    q.pages[0].e = malloc(ledger_verify_page * sizeof(ledger_entry));
    q.pages[1].e = malloc(ledger_verify_page * sizeof(ledger_entry));
    if (q.pages[0].e && q.pages[1].e) {
        pthread_t t;
        int threaded = pthread_create(&t, NULL, checker, &q) == 0;
        rc = read_entries(c, book, &q, threaded);
        if (threaded)
            pthread_join(t, NULL);
    } else {
        q.nomem = 1;
    }
    v->nomem |= q.nomem;
    for (int k = 0; k < 2; k++) {
        arena_free(&q.pages[k].a);
        free(q.pages[k].e);
    }
    pthread_cond_destroy(&q.cv);
    pthread_mutex_destroy(&q.mu);
    if (v->nomem)
        return WY_NOMEM;
    if (v->broken)
        return 1;
    return rc;
}

static int verify(db *c, const char *book, verifier *v)
{
    ledger_report *r = v->r;
    size_t n;
    int rc;
    /* every stored balance and its flag first: accounts are far fewer than entries */
    do {
        rc = store_ledger_balances_scan(c, book, v->after, (int)ledger_verify_page, on_balance, v,
                                        &n);
        if (v->nomem)
            return WY_NOMEM;
    } while (rc == WY_OK && n == ledger_verify_page);
    if (rc != WY_OK)
        return rc;
    memcpy(v->last_hash, zero_hash, sizeof(v->last_hash));
    if ((rc = verify_entries(c, book, v)) != WY_OK)
        return rc;
    int64_t seq = 0;
    char head[LEDGER_HASH_HEX + 1];
    rc = store_ledger_head(c, book, &seq, head);
    if (rc == WY_NOTFOUND) {
        seq = 0;
        memcpy(head, zero_hash, sizeof(head));
    } else if (rc != WY_OK) {
        return rc;
    }
    if (seq != v->last_seq || strcmp(head, v->last_hash) != 0) {
        snprintf(r->problem, sizeof(r->problem), "head");
        r->bad_seq = seq;
        snprintf(r->detail, sizeof(r->detail),
                 "the book's head names seq %lld but its last entry is seq %lld%s", (long long)seq,
                 (long long)v->last_seq, seq == v->last_seq ? " with another hash" : "");
        return 1;
    }
    /* in account order, so that the first mismatch named is the same on every run */
    const acct *worst = NULL;
    for (size_t i = 0; i < v->cap; i++) {
        const acct *a = &v->slots[i];
        if (!a->name)
            continue;
        if (a->has_row || a->computed)
            r->accounts++;
        if (a->computed != a->stored && (!worst || strcmp(a->name, worst->name) < 0))
            worst = a;
    }
    if (worst) {
        snprintf(r->problem, sizeof(r->problem), "balance");
        snprintf(r->account, sizeof(r->account), "%s", worst->name);
        r->expected = worst->computed;
        r->found = worst->stored;
        snprintf(r->detail, sizeof(r->detail),
                 "account %s: its balance is %lld but its entries sum to %lld", worst->name,
                 (long long)worst->stored, (long long)worst->computed);
        return 1;
    }
    return 0;
}

int ledger_verify(db *c, const char *book, ledger_report *r)
{
    memset(r, 0, sizeof(*r));
    int rc = db_begin_read(c);
    if (rc != WY_OK)
        return rc;
    /* one snapshot for the balances and the entries, while appends go on */
    if (db_get_dialect(c) == DB_POSTGRES &&
        (rc = db_exec(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")) != WY_OK) {
        db_rollback(c);
        return rc;
    }
    verifier v = {.r = r};
    arena_init(&v.names, 0);
    rc = verify(c, book, &v);
    db_rollback(c);
    free(v.slots);
    arena_free(&v.names);
    if (rc == 1 && !r->detail[0])
        snprintf(r->detail, sizeof(r->detail), "%s", r->problem);
    return rc;
}
