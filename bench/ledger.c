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
 *   --volunteers  the province: the book is "hours" (amounts 60 to 900 minutes), each
 *                 account u:<id> a volunteer (an account and a profile, in 100 streets of one
 *                 district, made in bulk first), and after verify the star levels of everyone
 *                 are counted (star_levels_count: one pass over the volunteers and their
 *                 balances) and one balance and one star level read, timed
 *   --bulk        build the book without ledger_post: each entry chained and hashed here
 *                 (ledger_hash, as ledger_post does) and inserted by one prepared INSERT, the
 *                 balances written once at the end, the three secondary indexes of the
 *                 entries dropped first and built once at the end (by a sort); the book is
 *                 the same as appending would make it, in a fraction of the time (the
 *                 issue's 50 million entries)
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
#include "mod/volunteers/star.h"
#include "mod/volunteers/star_store.h"
#include "mod/volunteers/volunteer_store.h"

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

/* accounts volunteers in bulk: 100 streets of a district, an account and a profile each, so
 * that account u:<i> of the book is volunteer i's. */
static int make_volunteers(db *c, long accounts, double *secs)
{
    double t0 = now_s();
    int rc = db_begin_write(c);
    static const char *const top[][4] = {{"51", "四川省", "1", NULL},
                                         {"5104", "攀枝花市", "2", "51"},
                                         {"510402", "东区", "3", "5104"}};
    for (size_t i = 0; rc == WY_OK && i < 3; i++)
        rc = db_run(c, "INSERT INTO divisions(code, name, level, parent) VALUES (?, ?, ?, ?)",
                    "ttit", top[i][0], top[i][1], (int64_t)atoi(top[i][2]), top[i][3]);
    char code[16], name[32];
    for (int i = 1; rc == WY_OK && i <= 100; i++) {
        snprintf(code, sizeof(code), "510402%03d", i);
        snprintf(name, sizeof(name), "街道%d", i);
        rc = db_run(c, "INSERT INTO divisions(code, name, level, parent) VALUES (?, ?, 4, ?)",
                    "ttt", code, name, "510402");
    }
    if (rc == WY_OK)
        rc = db_commit(c);
    for (long done = 0; rc == WY_OK && done < accounts;) {
        rc = db_begin_write(c);
        for (long k = 0; rc == WY_OK && k < 50000 && done < accounts; k++, done++) {
            char phone[32];
            int64_t uid, vid;
            snprintf(phone, sizeof(phone), "1%010ld", 3000000000L + done);
            snprintf(code, sizeof(code), "510402%03ld", done % 100 + 1);
            rc = store_user_create(c, phone, "志愿者", "x", code, 0, &uid);
            if (rc != WY_OK)
                break;
            if (uid != done + 1) {
                fprintf(stderr, "bench_ledger: --volunteers needs a new database\n");
                return -1;
            }
            char areas[32];
            snprintf(areas, sizeof(areas), ",%s,", code);
            volunteer v = {.user_id = uid,
                           .real_name = "王志愿",
                           .birth_date = "1990-01-01",
                           .skills = ",guide,",
                           .availability = "",
                           .areas = areas,
                           .division = code};
            rc = store_volunteer_create(c, &v, 0, &vid);
        }
        if (rc == WY_OK)
            rc = db_commit(c);
        if (isatty(2))
            fprintf(stderr, "\rvolunteers %ld / %ld", done, accounts);
    }
    if (rc != WY_OK) {
        fprintf(stderr, "bench_ledger: volunteers: %s\n", db_errmsg(c));
        return -1;
    }
    if (isatty(2))
        fprintf(stderr, "\n");
    *secs = now_s() - t0;
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_ledger [--entries N] [--accounts A] [--batch B] [--db URL]"
                    " [--keep] [--bulk] [--volunteers]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long entries = 1000000, accounts = 0, batch = 1000;
    const char *url = NULL;
    int keep = 0, bulk = 0, vols = 0;
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
        else if (!strcmp(argv[i], "--volunteers"))
            vols = 1;
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
    const char *book = vols ? "hours" : "points";
    int64_t min_amount = vols ? 60 : 1, span = vols ? 841 : 100;
    double people_s = 0;
    if (vols && entries > 0 && make_volunteers(c, accounts, &people_s) != 0)
        return 2;

    if (entries > 0 &&
        (db_begin_write(c) != WY_OK || ledger_open_account(c, book, "issuer", 1) != WY_OK ||
         (bulk && (ledger_open_account(c, book, "redemptions", 0) != WY_OK ||
                   ledger_open_account(c, book, "expired", 0) != WY_OK)) ||
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
    /* in bulk, the three secondary indexes (random keys: an account, a reference) are built
     * once at the end, by a sort, instead of one random B-tree insert each a row */
    static const char *const secondary[][2] = {
        {"ledger_entries_debit", "ledger_entries(book, debit, seq)"},
        {"ledger_entries_credit", "ledger_entries(book, credit, seq)"},
        {"ledger_entries_ref", "ledger_entries(ref_type, ref_id)"},
    };
    char sql[160];
    /* and, on SQLite, without a sync at each of its commits: a crash while building would lose
     * the book being built, nothing else (verify below reads what was committed) */
    if (bulk && entries > 0 && strncmp(url, "postgres", 8) != 0 &&
        db_exec(c, "PRAGMA synchronous=OFF") != WY_OK) {
        fprintf(stderr, "bench_ledger: %s\n", db_errmsg(c));
        return 2;
    }
    for (size_t i = 0; bulk && entries > 0 && i < sizeof(secondary) / sizeof(*secondary); i++) {
        snprintf(sql, sizeof(sql), "DROP INDEX %s", secondary[i][0]);
        if (db_exec(c, sql) != WY_OK) {
            fprintf(stderr, "bench_ledger: %s\n", db_errmsg(c));
            return 2;
        }
    }
    while (bulk && done < entries) {
        if (db_begin_write(c) != WY_OK)
            return 2;
        for (long k = 0; k < 50 * batch && done < entries; k++, done++) {
            long who = (long)(rnd() % (uint64_t)accounts);
            int64_t amount = min_amount + (int64_t)(rnd() % (uint64_t)span);
            unsigned op = (unsigned)(rnd() % 100);
            ledger_entry e = {.book = book,
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
    for (size_t i = 0; bulk && entries > 0 && i < sizeof(secondary) / sizeof(*secondary); i++) {
        if (isatty(2))
            fprintf(stderr, "\rindex %s          ", secondary[i][0]);
        snprintf(sql, sizeof(sql), "CREATE INDEX %s ON %s", secondary[i][0], secondary[i][1]);
        if (db_exec(c, sql) != WY_OK) {
            fprintf(stderr, "bench_ledger: %s\n", db_errmsg(c));
            return 2;
        }
    }
    if (bulk && entries > 0) { /* the balances and the head, as appending leaves them */
        if (db_begin_write(c) != WY_OK)
            return 2;
        int rc = store_ledger_credit(c, book, "redemptions", redeemed);
        if (rc == WY_OK)
            rc = store_ledger_credit(c, book, "expired", expired);
        if (rc == WY_OK)
            rc = db_run(c,
                        "UPDATE ledger_balances SET balance = ? WHERE book = ?"
                        " AND account = 'issuer'",
                        "it", -issued, book);
        for (long i = 0; rc == WY_OK && i < accounts; i++)
            if (bal[i])
                rc = store_ledger_credit(c, book, names[i], bal[i]);
        int64_t seq;
        char head[LEDGER_HASH_HEX + 1];
        if (rc == WY_OK)
            rc = store_ledger_head_lock(c, book, &seq, head);
        if (rc == WY_OK)
            rc = store_ledger_head_set(c, book, entries, prev);
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
            int64_t amount = min_amount + (int64_t)(rnd() % (uint64_t)span);
            unsigned op = (unsigned)(rnd() % 100);
            ledger_posting p = {.book = book,
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
    int v = ledger_verify(c, book, &r);
    double verify_s = now_s() - t0, verify_cpu = cpu_s() - c0;
    int64_t levels[STAR_LEVELS + 1] = {0};
    double stars_s = 0, stars_cpu = 0, read_us = 0;
    int stars_rc = 0;
    if (vols) {
        arena a;
        arena_init(&a, 0);
        wy_ctx ctx = {.c = c, .a = &a, .now = 1767225600000};
        t0 = now_s(), c0 = cpu_s();
        stars_rc = star_levels_count(&ctx, NULL, levels);
        stars_s = now_s() - t0, stars_cpu = cpu_s() - c0;
        /* one volunteer's balance and current level, read by their keys */
        t0 = now_s();
        for (long i = 0; i < 1000; i++) {
            int64_t b;
            int lv;
            ledger_balance(c, book, names[(i * 7919) % accounts], &b);
            store_star_level_get(c, (i * 7919) % accounts + 1, &lv);
        }
        read_us = (now_s() - t0) * 1e6 / 1000;
        arena_free(&a);
    }

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
    if (vols) {
        printf("| volunteers made | %ld in %.1f s (accounts and profiles, in bulk) |\n", accounts,
               people_s);
        printf(
            "| star levels of everyone | %.1f s (CPU %.1f s)%s: none %lld, 1 %lld, 2 %lld, 3 %lld,"
            " 4 %lld, 5 %lld |\n",
            stars_s, stars_cpu, stars_rc ? " FAILED" : "", (long long)levels[0],
            (long long)levels[1], (long long)levels[2], (long long)levels[3], (long long)levels[4],
            (long long)levels[5]);
        printf("| a balance and a star level read | %.0f µs (mean of 1,000) |\n", read_us);
    }
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
