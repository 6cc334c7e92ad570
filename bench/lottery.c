/*
 * bench_lottery (bench/lottery runs it): how long a lottery takes at the scales of issue 12,
 * measured on generated applications with the mechanism of src/core/lottery.c, in process.
 *
 *   Shanghai: 400,000 applicants each ranking 3 of 2,000 items with 10,000 places in all;
 *   Chengdu:  7,959 applicants each ranking 3 of 75 items with 2,075 places in all.
 *
 * The applications are made with a fixed pseudo-random generator (the same every run): ids
 * are random pseudonyms given in random order (so the lottery sorts them), every applicant
 * ranks 3 distinct items drawn by a Zipf-like popularity (a few items ten times and more
 * oversubscribed), one applicant in ten is in priority class 0 (say, lost last term) and the
 * rest in class 1, and one in a hundred has a class of its own for its first choice (so some
 * items' lists need the sort by class). M is 1.
 *
 * Phases, each timed (CLOCK_MONOTONIC), the median of --runs runs:
 *   commitment   lottery_prepare: check, sort and copy the inputs, write them canonically
 *                and hash them (in a real lottery this is done before the beacon's round)
 *   draw         lottery_draw: seed, a ticket (SHA-256) per applicant, the ranks, deferred
 *                acceptance, the waiting lists
 *   file         the canonical draw file streamed to disk in --dir (write, fsync, rename)
 *   draw + file  what the target counts: the draw, the assignment and the draw file
 *   all          the three: commitment, draw and file, from the inputs in memory
 *   all, CPU     the CPU time of this process over the same (the rest of the wall time is
 *                waiting: for the disk's fsync, or for the CPU when other work runs)
 *   verify       lottery_verify on the file's bytes (read back, not timed): read the
 *                inputs (jansson), recompute everything, compare byte for byte
 * The targets (2 s for Shanghai, 100 ms for Chengdu) are checked against "all", the stricter.
 *
 * It prints a Markdown table with the machine and exits 1 when a target is missed.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "core/lottery.h"

typedef struct scale {
    const char *name;
    size_t applicants, items, places;
    double target_ms;
} scale;

static const scale scales[] = {
    {"Chengdu", 7959, 75, 2075, 100},
    {"Shanghai", 400000, 2000, 10000, 2000},
};

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: what the phases cost when the machine is shared */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct gen {
    lottery_inputs in;
    lottery_item *items;
    lottery_entry *ents;
    char *ids;
    const char **choices;
    int32_t *classes;
} gen;

static void generate(const scale *s, gen *g)
{
    rng_state = 20260601;
    memset(g, 0, sizeof(*g));
    size_t ni = s->items, na = s->applicants;
    g->items = calloc(ni, sizeof(*g->items));
    g->ents = calloc(na, sizeof(*g->ents));
    g->ids = calloc(ni + na, 16);
    g->choices = calloc(na * 3, sizeof(char *));
    g->classes = calloc(na * 3, sizeof(int32_t));
    double *cum = calloc(ni, sizeof(double));
    if (!g->items || !g->ents || !g->ids || !g->choices || !g->classes || !cum) {
        fprintf(stderr, "bench_lottery: out of memory\n");
        exit(2);
    }
    /* places: 1 each, the rest spread at random; popularity ~ 1 / (i + 5)^0.9 */
    size_t left = s->places - ni;
    double sum = 0;
    for (size_t i = 0; i < ni; i++) {
        char *id = g->ids + 16 * i;
        snprintf(id, 16, "c%05u", (unsigned)(i % 100000));
        g->items[i] = (lottery_item){id, "", 1};
        sum += 1.0 / pow((double)i + 5, 0.9);
        cum[i] = sum;
    }
    while (left--)
        g->items[rnd() % ni].places++;
    static const char b32[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (size_t a = 0; a < na; a++) {
        char *id = g->ids + 16 * (ni + a);
        uint64_t r = rnd();
        for (int k = 0; k < 12; k++, r >>= 5)
            id[k] = b32[r & 31];
        id[4] = '-';
        lottery_entry *e = &g->ents[a];
        e->id = id;
        e->choices = g->choices + 3 * a;
        e->nchoices = 3;
        e->priority = rnd() % 10 == 0 ? 0 : 1;
        for (size_t k = 0; k < 3;) {
            double u = (double)(rnd() >> 11) / 9007199254740992.0 * sum;
            size_t lo = 0, hi = ni - 1;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (cum[mid] < u)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            int dup = 0;
            for (size_t j = 0; j < k; j++)
                dup |= !strcmp(e->choices[j], g->items[lo].id);
            if (!dup)
                g->choices[3 * a + k++] = g->items[lo].id;
        }
        if (rnd() % 100 == 0) {
            e->choice_priority = g->classes + 3 * a;
            g->classes[3 * a] = 0;
            g->classes[3 * a + 1] = g->classes[3 * a + 2] = e->priority;
        }
    }
    free(cum);
    g->in = (lottery_inputs){.title = "bench",
                             .max_choices = 3,
                             .max_places = 1,
                             .priority_rule = "class 0 first (lost last term)",
                             .beacon_source = "drand/quicknet",
                             .beacon_round = 27946612,
                             .items = g->items,
                             .nitems = ni,
                             .entries = g->ents,
                             .nentries = na};
}

static void gen_free(gen *g)
{
    free(g->items);
    free(g->ents);
    free(g->ids);
    free(g->choices);
    free(g->classes);
}

typedef struct fd_sink {
    int fd;
    size_t bytes;
} fd_sink;

static int to_fd(void *user, const char *data, size_t len)
{
    fd_sink *o = user;
    for (size_t off = 0; off < len;) {
        ssize_t n = write(o->fd, data + off, len - off);
        if (n <= 0)
            return -1;
        off += (size_t)n;
    }
    o->bytes += len;
    return 0;
}

/* The draw file streamed to path (through path.tmp, fsync, rename); its size, or 0. */
static size_t save(const lottery *l, const char *path)
{
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    fd_sink o = {open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644), 0};
    if (o.fd < 0)
        return 0;
    int ok = lottery_write_to(l, to_fd, &o) == 0;
    ok = fsync(o.fd) == 0 && ok;
    ok = close(o.fd) == 0 && ok;
    return ok && rename(tmp, path) == 0 ? o.bytes : 0;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(double), cmp_d);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
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
    printf("| build | %s, %s, libsodium %s, jansson %s |\n", __VERSION__,
#ifdef NDEBUG
           "-DNDEBUG",
#else
           "asserts on",
#endif
           sodium_version_string(), JANSSON_VERSION);
}

int main(int argc, char **argv)
{
    int runs = 5, only = -1, keep = 0, verify = 1;
    const char *dir = "/tmp";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--keep"))
            keep = 1;
        else if (!strcmp(argv[i], "--no-verify"))
            verify = 0;
        else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
            i++;
            only = !strcmp(argv[i], "chengdu") ? 0 : !strcmp(argv[i], "shanghai") ? 1 : -2;
        } else {
            fprintf(stderr, "usage: bench_lottery [--runs N] [--dir DIR] [--keep] "
                            "[--no-verify] [--only chengdu|shanghai]\n");
            return 2;
        }
    }
    if (runs < 1 || runs > 100 || only == -2) {
        fprintf(stderr, "bench_lottery: --runs is 1 to 100; --only chengdu or shanghai\n");
        return 2;
    }
    const char *beacon = "a1ff0c7d5b2e34f6d6a35f3c0a7b6c1e9d2f4b8a7c6e5d4c3b2a19f8e7d6c5b4";
    int missed = 0;
    printf("| scale | applicants | items | places | draw file | commitment | draw | file | "
           "draw + file | all | target | all, CPU | verify |\n");
    printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | "
           "---: |\n");
    for (size_t s = 0; s < sizeof(scales) / sizeof(scales[0]); s++) {
        if (only >= 0 && (size_t)only != s)
            continue;
        gen g;
        generate(&scales[s], &g);
        double t[7][100];
        size_t file_len = 0;
        char path[4096], err[512];
        snprintf(path, sizeof(path), "%s/bench-lottery-%s.json", dir, scales[s].name);
        for (int r = 0; r < runs; r++) {
            lottery *l;
            double c0 = cpu_ms(), t0 = now_ms();
            if (lottery_prepare(&g.in, &l, err, sizeof(err)) < 0) {
                fprintf(stderr, "bench_lottery: %s\n", err);
                return 2;
            }
            double t1 = now_ms();
            if (lottery_draw(l, beacon, err, sizeof(err)) < 0) {
                fprintf(stderr, "bench_lottery: %s\n", err);
                return 2;
            }
            double t2 = now_ms();
            file_len = save(l, path);
            if (!file_len) {
                fprintf(stderr, "bench_lottery: cannot write %s: %s\n", path, strerror(errno));
                return 2;
            }
            double t3 = now_ms(), c3 = cpu_ms();
            lottery_free(l);
            t[0][r] = t1 - t0;
            t[1][r] = t2 - t1;
            t[2][r] = t3 - t2;
            t[3][r] = t3 - t1;
            t[4][r] = t3 - t0;
            t[5][r] = 0;
            t[6][r] = c3 - c0;
            if (!verify)
                continue;
            strbuf sb = STRBUF_INIT_MAX((size_t)4 << 30);
            if (sb_read_file(&sb, path) < 0) {
                fprintf(stderr, "bench_lottery: cannot read %s back\n", path);
                return 2;
            }
            lottery *v;
            char msg[1024];
            double t4 = now_ms();
            int vr = lottery_verify(sb.buf, sb.len, &v, msg, sizeof(msg));
            double t5 = now_ms();
            if (vr != LOTTERY_VERIFIED) {
                fprintf(stderr, "bench_lottery: the draw does not verify: %s\n", msg);
                return 2;
            }
            lottery_free(v);
            sb_release(&sb);
            t[5][r] = t5 - t4;
        }
        if (keep)
            fprintf(stderr, "bench_lottery: kept %s\n", path);
        else
            unlink(path);
        double m[7];
        for (int k = 0; k < 7; k++)
            m[k] = median(t[k], runs);
        int ok = m[4] < scales[s].target_ms;
        missed |= !ok;
        char vcell[32] = "not run";
        if (verify)
            snprintf(vcell, sizeof(vcell), "%.0f ms", m[5]);
        printf("| %s | %zu | %zu | %zu | %.1f MB | %.0f ms | %.0f ms | %.0f ms | %.0f ms | "
               "**%.0f ms** | %s %.0f ms | %.0f ms | %s |\n",
               scales[s].name, scales[s].applicants, scales[s].items, scales[s].places,
               file_len / 1e6, m[0], m[1], m[2], m[3], m[4], ok ? "<" : "MISSED",
               scales[s].target_ms, m[6], vcell);
        fflush(stdout);
        gen_free(&g);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("\nmedians of %d runs; peak RSS %.0f MB\n\n| | |\n| --- | --- |\n", runs,
           ru.ru_maxrss / 1024.0);
    machine();
    return missed;
}
