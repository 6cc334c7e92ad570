/*
 * bench_ledger: how fast the ledger (src/core/ledger.c, docs/ledger.md) appends and verifies,
 * on a generated book, through the store as the server uses it.
 *
 *   build/bench_ledger [--entries N] [--accounts A] [--batch B] [--db URL] [--keep]
 *
 *   --entries N   postings appended to the book "points" (default 1,000,000); 0 appends
 *                 nothing and only verifies the book of --db (one kept with --keep)
 *   --accounts A  people's accounts (default N / 25: issue 13's scale is 50 million entries
 *                 over 2 million volunteers)
 *   --batch B     postings per write transaction (default 1,000)
 *   --bulk        build the book without ledger_post: each entry chained and hashed here
 *                 (ledger_hash, as ledger_post does) and inserted by one prepared INSERT, the
 *                 balances written once at the end; the book is the same as appending would
 *                 make it, in a fraction of the time (the 50 million entries)
 *   --db URL      a database to use (a postgresql:// URL, or a SQLite file); default a new
 *                 SQLite file in a temporary directory, removed afterwards unless --keep.
 *                 The book must be empty (a new database) unless --entries is 0.
 *
 * The postings are made with a fixed pseudo-random generator (the same every run): 60 % earn
 * (issuer -> a person), 15 % redeem (a person -> redemptions), 15 % gift (a person -> another)
 * and 10 % expire (a person -> expired), the amount 1..100, a person's debit never more than
 * the balance the generator knows (so nothing is refused). Each posting is ledger_post: the
 * head's lock, the guarded debit, the credit, the hash and the insert.
 *
 * Then ledger_verify recomputes the whole chain and every balance, streaming. It prints a
 * Markdown table: the machine, the append rate and the verify time and rate (wall and CPU).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "core/ledger.h"
#include "core/store.h"

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

static void machine(void)
{
    char model[256] = "?", line[512];
    long mem_kb = 0;
    FILE *f = fopen("/proc/cpuinfo", "r");
    while (f && fgets(line, sizeof(line), f))
        if (!strncmp(line, "model name", 10) && strchr(line, ':')) {
            snprintf(model, sizeof(model), "%s", strchr(line, ':') + 2);
            model[strcspn(model, "\n")] = '\0';
            break;
        }
    if (f)
        fclose(f);
    f = fopen("/proc/meminfo", "r");
    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "MemTotal: %ld kB", &mem_kb) == 1)
            break;
    if (f)
        fclose(f);
    struct utsname u;
    uname(&u);
    printf("| machine | %s, %ld CPUs, %.0f GiB, %s %s |\n", model, sysconf(_SC_NPROCESSORS_ONLN),
           mem_kb / 1048576.0, u.sysname, u.release);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_ledger [--entries N] [--accounts A] [--batch B] [--db URL]"
                    " [--keep] [--bulk]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long entries = 1000000, accounts = 0, batch = 1000;
    const char *url = NULL;
    int keep = 0, bulk = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--entries") && i + 1 < argc)
            entries = atol(argv[++i]);
        else if (!strcmp(argv[i], "--accounts") && i + 1 < argc)
            accounts = atol(argv[++i]);
        else if (!strcmp(argv[i], "--batch") && i + 1 < argc)
            batch = atol(argv[++i]);
        else if (!strcmp(argv[i], "--db") && i + 1 < argc)
            url = argv[++i];
        else if (!strcmp(argv[i], "--keep"))
            keep = 1;
        else if (!strcmp(argv[i], "--bulk"))
            bulk = 1;
        else
            usage();
    }
    if (accounts <= 0)
        accounts = entries / 25 > 2 ? entries / 25 : 2;
    if (entries < 0 || batch <= 0 || (entries == 0 && !url))
        usage();
    char dir[] = "/tmp/wenyun-bench-ledger.XXXXXX", path[600];
    if (!url) {
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            return 2;
        }
        snprintf(path, sizeof(path), "%s/ledger.db", dir);
        url = path;
    }
    store *st;
    char err[256];
    if (store_open(url, 1, 5000, &st, err, sizeof(err)) != WY_OK ||
        store_migrate(st, err, sizeof(err)) != WY_OK) {
        fprintf(stderr, "bench_ledger: %s\n", err);
        return 2;
    }
    db *c = store_acquire(st);
    int64_t *bal = calloc((size_t)accounts, sizeof(*bal));
    char(*names)[24] = calloc((size_t)accounts, sizeof(*names));
    if (!bal || !names)
        return 2;
    for (long i = 0; i < accounts; i++)
        snprintf(names[i], sizeof(names[i]), "u:%ld", i + 1);

    if (entries > 0 &&
        (db_begin_write(c) != WY_OK || ledger_open_account(c, "points", "issuer", 1) != WY_OK ||
         (bulk && (ledger_open_account(c, "points", "redemptions", 0) != WY_OK ||
                   ledger_open_account(c, "points", "expired", 0) != WY_OK)) ||
         db_commit(c) != WY_OK)) {
        fprintf(stderr, "bench_ledger: %s\n", db_errmsg(c));
        return 2;
    }
    double t0 = now_s(), c0 = cpu_s();
    long done = 0;
    int64_t issued = 0, redeemed = 0, expired = 0; /* the system accounts, in bulk */
    char prev[LEDGER_HASH_HEX + 1];
    memset(prev, '0', LEDGER_HASH_HEX);
    prev[LEDGER_HASH_HEX] = '\0';
    while (bulk && done < entries) {
        if (db_begin_write(c) != WY_OK)
            return 2;
        for (long k = 0; k < 50 * batch && done < entries; k++, done++) {
            long who = (long)(rnd() % (uint64_t)accounts);
            int64_t amount = 1 + (int64_t)(rnd() % 100);
            unsigned op = (unsigned)(rnd() % 100);
            ledger_entry e = {.book = "points",
                              .seq = done + 1,
                              .amount = amount,
                              .ref_type = "bench",
                              .ref_id = done + 1,
                              .unit = "bench",
                              .created_at = 1767225600000 + done};
            memcpy(e.prev_hash, prev, sizeof(prev));
            long to = -1;
            if (op < 60 || bal[who] < amount) {
                e.debit = "issuer", e.credit = names[who], e.kind = "earn", to = who;
                issued += amount;
            } else if (op < 75) {
                e.debit = names[who], e.credit = "redemptions", e.kind = "redeem";
                redeemed += amount;
            } else if (op < 90) {
                to = (who + 1 + (long)(rnd() % (uint64_t)(accounts - 1))) % accounts;
                e.debit = names[who], e.credit = names[to], e.kind = "gift";
            } else {
                e.debit = names[who], e.credit = "expired", e.kind = "expire";
                expired += amount;
            }
            ledger_hash(&e, e.hash);
            memcpy(prev, e.hash, sizeof(prev));
            int64_t id;
            if (store_ledger_insert(c, &e, &id) != WY_OK) {
                fprintf(stderr, "bench_ledger: entry %ld: %s\n", done, db_errmsg(c));
                return 2;
            }
            if (strcmp(e.debit, "issuer") != 0)
                bal[who] -= amount;
            if (to >= 0)
                bal[to] += amount;
        }
        if (db_commit(c) != WY_OK)
            return 2;
        if (isatty(2))
            fprintf(stderr, "\r%ld / %ld", done, entries);
    }
    if (bulk && entries > 0) { /* the balances and the head, as appending leaves them */
        if (db_begin_write(c) != WY_OK)
            return 2;
        int rc = store_ledger_credit(c, "points", "redemptions", redeemed);
        if (rc == WY_OK)
            rc = store_ledger_credit(c, "points", "expired", expired);
        if (rc == WY_OK)
            rc = db_run(c,
                        "UPDATE ledger_balances SET balance = ? WHERE book = 'points'"
                        " AND account = 'issuer'",
                        "i", -issued);
        for (long i = 0; rc == WY_OK && i < accounts; i++)
            if (bal[i])
                rc = store_ledger_credit(c, "points", names[i], bal[i]);
        int64_t seq;
        char head[LEDGER_HASH_HEX + 1];
        if (rc == WY_OK)
            rc = store_ledger_head_lock(c, "points", &seq, head);
        if (rc == WY_OK)
            rc = store_ledger_head_set(c, "points", entries, prev);
        if (rc != WY_OK || db_commit(c) != WY_OK) {
            fprintf(stderr, "bench_ledger: balances: %s\n", db_errmsg(c));
            return 2;
        }
    }
    while (!bulk && done < entries) {
        if (db_begin_write(c) != WY_OK)
            return 2;
        for (long k = 0; k < batch && done < entries; k++, done++) {
            long who = (long)(rnd() % (uint64_t)accounts);
            int64_t amount = 1 + (int64_t)(rnd() % 100);
            unsigned op = (unsigned)(rnd() % 100);
            ledger_posting p = {.book = "points",
                                .amount = amount,
                                .ref_type = "bench",
                                .ref_id = done + 1,
                                .unit = "bench"};
            long to = -1;
            if (op < 60 || bal[who] < amount) {
                p.debit = "issuer", p.credit = names[who], p.kind = "earn", to = who;
            } else if (op < 75) {
                p.debit = names[who], p.credit = "redemptions", p.kind = "redeem";
            } else if (op < 90) {
                to = (who + 1 + (long)(rnd() % (uint64_t)(accounts - 1))) % accounts;
                p.debit = names[who], p.credit = names[to], p.kind = "gift";
            } else {
                p.debit = names[who], p.credit = "expired", p.kind = "expire";
            }
            int rc = ledger_post(c, &p, 1767225600000 + done, NULL);
            if (rc != WY_OK) {
                fprintf(stderr, "bench_ledger: posting %ld: %d %s\n", done, rc, db_errmsg(c));
                return 2;
            }
            if (strcmp(p.debit, "issuer") != 0)
                bal[who] -= amount;
            if (to >= 0)
                bal[to] += amount;
        }
        if (db_commit(c) != WY_OK)
            return 2;
        if (isatty(2))
            fprintf(stderr, "\r%ld / %ld", done, entries);
    }
    if (isatty(2))
        fprintf(stderr, "\n");
    double append_s = now_s() - t0, append_cpu = cpu_s() - c0;

    ledger_report r;
    t0 = now_s(), c0 = cpu_s();
    int v = ledger_verify(c, "points", &r);
    double verify_s = now_s() - t0, verify_cpu = cpu_s() - c0;

    printf("| bench_ledger | %s |\n|---|---|\n",
           strncmp(url, "postgres", 8) ? "SQLite" : "PostgreSQL");
    machine();
    printf("| entries | %ld over %ld people's accounts, %ld a transaction%s |\n", entries, accounts,
           bulk ? 50 * batch : batch, bulk ? " (bulk: hashed here, one INSERT each)" : "");
    printf("| append | %.1f s, %.0f entries/s (CPU of this process %.1f s) |\n", append_s,
           entries ? entries / append_s : 0, append_cpu);
    printf("| verify | %.1f s, %.0f entries/s (CPU of this process %.1f s): %s |\n", verify_s,
           r.entries / verify_s, verify_cpu,
           v == 0   ? "holds"
           : v == 1 ? r.detail
                    : "error");
    printf("| accounts checked | %lld |\n", (long long)r.accounts);
    printf("| at 50 million entries | verify about %.0f s at this rate |\n",
           50e6 / (r.entries / verify_s));
    store_release(st, c);
    store_close(st);
    free(bal);
    free(names);
    if (url == path) {
        if (keep) {
            printf("| database | %s |\n", path);
        } else {
            unlink(path);
            char aux[620];
            snprintf(aux, sizeof(aux), "%s-wal", path);
            unlink(aux);
            snprintf(aux, sizeof(aux), "%s-shm", path);
            unlink(aux);
            rmdir(dir);
        }
    }
    return v == 0 ? 0 : 1;
}
