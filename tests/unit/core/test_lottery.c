/* Tests of the verifiable lottery (src/core/lottery.c, lottery_file.c): the definitions of
 * docs/lottery.md recomputed here by hand on a small case; a draw re-run from its own file;
 * a file changed in any one byte refused; fairness over many seeds (a single course: every
 * applicant's chance is places / applicants, whatever their place in the list given); the
 * assignment stable, within M and the places, the priorities kept, the same as a plain
 * round-by-round deferred acceptance written here; the waiting lists; the edge cases. */
#include <setjmp.h>
#include <sodium.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lottery.h"

#include <cmocka.h>

#define VALUE_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static uint64_t rng;

static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* ---- a random instance, kept in plain arrays the test owns ---- */

#define MAXA 400
#define MAXI 24
#define MAXN 6

typedef struct inst {
    int na, ni, N, M;
    char aid[MAXA][16], iid[MAXI][16];
    int places[MAXI];
    int nch[MAXA], ch[MAXA][MAXN]; /* item indexes, most wanted first */
    int cls[MAXA][MAXN];
    int per_choice[MAXA]; /* 1: the classes differ by choice */
    int quota[MAXA];      /* 0: M; else this applicant's own limit */
    /* for lottery_inputs */
    lottery_item items[MAXI];
    lottery_entry ents[MAXA];
    const char *chp[MAXA][MAXN];
    int32_t clp[MAXA][MAXN];
    lottery_inputs in;
} inst;

static void inst_build(inst *t)
{
    for (int i = 0; i < t->ni; i++)
        t->items[i] = (lottery_item){t->iid[i], "课程", t->places[i]};
    for (int a = 0; a < t->na; a++) {
        for (int k = 0; k < t->nch[a]; k++) {
            t->chp[a][k] = t->iid[t->ch[a][k]];
            t->clp[a][k] = t->cls[a][k];
        }
        t->ents[a] = (lottery_entry){t->aid[a],
                                     t->chp[a],
                                     (size_t)t->nch[a],
                                     t->cls[a][0],
                                     t->per_choice[a] ? t->clp[a] : NULL,
                                     t->quota[a]};
    }
    t->in = (lottery_inputs){.title = "测试",
                             .max_choices = t->N,
                             .max_places = t->M,
                             .priority_rule = "class 0 first",
                             .beacon_source = "drand/quicknet",
                             .beacon_round = 4242,
                             .items = t->items,
                             .nitems = (size_t)t->ni,
                             .entries = t->ents,
                             .nentries = (size_t)t->na};
}

static void inst_random(inst *t, int na, int ni, int N, int M, int nclasses)
{
    memset(t, 0, sizeof(*t));
    t->na = na;
    t->ni = ni;
    t->N = N;
    t->M = M;
    for (int i = 0; i < ni; i++) {
        snprintf(t->iid[i], 16, "item-%d", i);
        t->places[i] = (int)(rnd() % 6);
    }
    for (int a = 0; a < na; a++) {
        snprintf(t->aid[a], 16, "P%llx", (unsigned long long)(rnd() % 1000000000));
        for (int b = 0; b < a; b++) /* distinct ids */
            if (!strcmp(t->aid[a], t->aid[b])) {
                snprintf(t->aid[a], 16, "Q%d", a);
                break;
            }
        int n = 1 + (int)(rnd() % (uint64_t)(N < ni ? N : ni));
        t->nch[a] = n;
        int base = (int)(rnd() % (uint64_t)nclasses);
        t->quota[a] = rnd() % 4 == 0 ? 1 + (int)(rnd() % (uint64_t)M) : 0;
        t->per_choice[a] = rnd() % 4 == 0;
        for (int k = 0; k < n;) {
            int x = (int)(rnd() % (uint64_t)ni), dup = 0;
            for (int j = 0; j < k; j++)
                dup |= t->ch[a][j] == x;
            if (dup)
                continue;
            t->ch[a][k] = x;
            t->cls[a][k] = t->per_choice[a] ? (int)(rnd() % (uint64_t)nclasses) : base;
            k++;
        }
    }
    inst_build(t);
}

static lottery *draw(const lottery_inputs *in, const char *value)
{
    lottery *l;
    char err[256];
    if (lottery_prepare(in, &l, err, sizeof(err)) < 0)
        fail_msg("prepare: %s", err);
    if (lottery_draw(l, value, err, sizeof(err)) < 0)
        fail_msg("draw: %s", err);
    return l;
}

static char *file_of(const lottery *l, size_t *len)
{
    strbuf sb = STRBUF_INIT;
    assert_int_equal(lottery_write(l, &sb), 0);
    *len = sb.len;
    return sb_detach(&sb, NULL);
}

/* ---- the definitions, by hand ---- */

static void sha256_hex(const void *data, size_t n, char out[LOTTERY_HEX])
{
    uint8_t h[32];
    crypto_hash_sha256(h, data, n);
    lottery_hex(h, 32, out);
}

static int collect(void *user, const char *data, size_t len)
{
    return sb_add(user, data, len);
}

/* Two items, three applicants: the canonical inputs, the commitment, the seed and the tickets
 * as docs/lottery.md defines them, computed here without the lottery's code. */
static void test_definitions(void **state)
{
    (void)state;
    const char *c1[] = {"piano", "calli"}, *c2[] = {"calli"}, *c3[] = {"piano", "calli"};
    const int32_t p3[] = {0, 1};
    lottery_item items[] = {{"piano", "钢琴 \"初级\"", 1}, {"calli", "书法", 1}};
    lottery_entry ents[] = {
        {"b-2", c2, 1, 0, NULL, 0}, {"a-1", c1, 2, 1, NULL, 0}, {"c-3", c3, 2, 0, p3, 0}};
    lottery_inputs in = {.title = "例",
                         .max_choices = 2,
                         .max_places = 1,
                         .priority_rule = "上学期未中签者优先",
                         .beacon_source = "drand/quicknet",
                         .beacon_round = 12345,
                         .items = items,
                         .nitems = 2,
                         .entries = ents,
                         .nentries = 3};
    static const char canon[] =
        "{\"algorithm\":\"wenyun-lottery/1\",\"title\":\"例\",\"rules\":{\"max_choices\":2,"
        "\"max_places\":1,\"priority_rule\":\"上学期未中签者优先\"},\"beacon\":{\"source\":"
        "\"drand/quicknet\",\"round\":12345},\"items\":[{\"id\":\"calli\",\"name\":\"书法\","
        "\"places\":1},{\"id\":\"piano\",\"name\":\"钢琴 \\\"初级\\\"\",\"places\":1}],"
        "\"applicants\":[{\"id\":\"a-1\",\"choices\":[\"piano\",\"calli\"],\"priority\":1},"
        "{\"id\":\"b-2\",\"choices\":[\"calli\"],\"priority\":0},{\"id\":\"c-3\",\"choices\":"
        "[\"piano\",\"calli\"],\"priority\":[0,1]}]}";
    lottery *l = draw(&in, VALUE_A);
    strbuf sb = STRBUF_INIT;
    assert_int_equal(lottery_write_inputs(l, collect, &sb), 0);
    assert_string_equal(sb.buf, canon);
    sb_release(&sb);

    char commit[LOTTERY_HEX], hex[LOTTERY_HEX], seedtext[512], seed[LOTTERY_HEX];
    sha256_hex(canon, strlen(canon), commit);
    lottery_hex(lottery_commitment(l), LOTTERY_HASH, hex);
    assert_string_equal(hex, commit);

    snprintf(seedtext, sizeof(seedtext), "%s\ndrand/quicknet\n12345\n%s\n", commit, VALUE_A);
    sha256_hex(seedtext, strlen(seedtext), seed);
    lottery_hex(lottery_seed(l), LOTTERY_HASH, hex);
    assert_string_equal(hex, seed);

    uint8_t seedb[32], msg[64];
    for (int i = 0; i < 32; i++)
        sscanf(seed + 2 * i, "%2hhx", &seedb[i]);
    size_t na;
    const lottery_applicant_result *ap = lottery_applicants(l, &na);
    assert_int_equal(na, 3);
    const char *ids[] = {"a-1", "b-2", "c-3"};
    char tickets[3][LOTTERY_HEX];
    for (int a = 0; a < 3; a++) {
        assert_string_equal(ap[a].id, ids[a]);
        memcpy(msg, seedb, 32);
        memcpy(msg + 32, ids[a], 3);
        sha256_hex(msg, 35, tickets[a]);
        lottery_hex(ap[a].ticket, LOTTERY_HASH, hex);
        assert_string_equal(hex, tickets[a]);
    }
    /* ranks: ascending tickets (lowercase hex sorts as the bytes do) */
    for (int a = 0; a < 3; a++) {
        unsigned r = 1;
        for (int b = 0; b < 3; b++)
            r += strcmp(tickets[b], tickets[a]) < 0;
        assert_int_equal(ap[a].rank, r);
    }
    /* c-3 is class 0 at piano, class 1 at calli; a-1 class 1 at both; b-2 class 0 at calli:
     * piano goes to c-3 (the only class 0 there); calli to b-2 (class 0); a-1 gets nothing */
    size_t ni;
    const lottery_item_result *it = lottery_items(l, &ni);
    assert_int_equal(ap[2].nassigned, 1);
    assert_string_equal(it[ap[2].assigned[0]].id, "piano");
    assert_int_equal(ap[1].nassigned, 1);
    assert_string_equal(it[ap[1].assigned[0]].id, "calli");
    assert_int_equal(ap[0].nassigned, 0);
    /* calli's waiting list: a-1 and c-3, both class 1 there, by rank */
    assert_int_equal(it[0].nwaiting, 2);
    assert_true(ap[it[0].waiting[0]].rank < ap[it[0].waiting[1]].rank);
    assert_int_equal(it[1].nwaiting, 1);
    assert_string_equal(ap[it[1].waiting[0]].id, "a-1");
    lottery_free(l);
}

/* ---- re-run from the file; one byte changed ---- */

static void test_rerun_from_file(void **state)
{
    (void)state;
    rng = 1;
    for (int round = 0; round < 20; round++) {
        inst t;
        inst_random(&t, 1 + (int)(rnd() % 150), 1 + (int)(rnd() % 12), 4, 1 + (int)(rnd() % 3), 3);
        lottery *l = draw(&t.in, VALUE_A);
        size_t len, len2, len3;
        char *f = file_of(l, &len);

        /* the file's inputs and beacon value give the same file, byte for byte */
        lottery *r;
        char value[600], err[256];
        assert_int_equal(lottery_read(f, len, &r, value, err, sizeof(err)), 0);
        assert_string_equal(value, VALUE_A);
        assert_int_equal(lottery_draw(r, value, err, sizeof(err)), 0);
        char *f2 = file_of(r, &len2);
        assert_int_equal(len, len2);
        assert_memory_equal(f, f2, len);

        /* the same inputs given in another order: the same file */
        for (int a = t.na - 1; a > 0; a--) {
            int b = (int)(rnd() % (uint64_t)(a + 1));
            lottery_entry e = t.ents[a];
            t.ents[a] = t.ents[b];
            t.ents[b] = e;
        }
        lottery *s = draw(&t.in, VALUE_A);
        char *f3 = file_of(s, &len3);
        assert_int_equal(len, len3);
        assert_memory_equal(f, f3, len);

        lottery *v;
        char msg[512];
        assert_int_equal(lottery_verify(f, len, &v, msg, sizeof(msg)), LOTTERY_VERIFIED);
        lottery_free(v);
        free(f);
        free(f2);
        free(f3);
        lottery_free(l);
        lottery_free(r);
        lottery_free(s);
    }
}

/* Every byte of a small draw file, changed to each of a few other bytes: refused. */
static void test_one_byte_refused(void **state)
{
    (void)state;
    rng = 2;
    inst t;
    inst_random(&t, 6, 3, 3, 2, 2);
    lottery *l = draw(&t.in, VALUE_A);
    size_t len;
    char *f = file_of(l, &len);
    char msg[512];
    static const char repl[] = {'0', '1', 'a', 'b', ' ', '"', '\n', 'Z'};
    int tried = 0;
    for (size_t i = 0; i < len; i++)
        for (size_t k = 0; k < sizeof(repl); k++) {
            if (f[i] == repl[k])
                continue;
            char was = f[i];
            f[i] = repl[k];
            int rc = lottery_verify(f, len, NULL, msg, sizeof(msg));
            if (rc == LOTTERY_VERIFIED)
                fail_msg("byte %zu changed from 0x%02x to 0x%02x was not refused", i, was, repl[k]);
            assert_true(msg[0]);
            f[i] = was;
            tried++;
        }
    /* one byte more or less */
    assert_int_not_equal(lottery_verify(f, len - 1, NULL, msg, sizeof(msg)), LOTTERY_VERIFIED);
    char *g = malloc(len + 1);
    memcpy(g, f, len);
    g[len] = '\n';
    assert_int_not_equal(lottery_verify(g, len + 1, NULL, msg, sizeof(msg)), LOTTERY_VERIFIED);
    assert_non_null(strstr(msg, "goes on after"));
    free(g);
    assert_int_equal(lottery_verify(f, len, NULL, msg, sizeof(msg)), LOTTERY_VERIFIED);
    assert_true(tried > 1000);
    free(f);
    lottery_free(l);
}

/* What the refusal says, for a few deliberate changes. */
static void replace_once(char *f, const char *from, const char *to)
{
    char *p = strstr(f, from);
    assert_non_null(p);
    assert_int_equal(strlen(from), strlen(to));
    memcpy(p, to, strlen(to));
}

static void test_verify_says_what(void **state)
{
    (void)state;
    const char *c1[] = {"x", "y"}, *c2[] = {"x"};
    lottery_item items[] = {{"x", "", 1}, {"y", "", 1}};
    lottery_entry ents[] = {
        {"a", c1, 2, 0, NULL, 0}, {"b", c2, 1, 0, NULL, 0}, {"c", c2, 1, 0, NULL, 0}};
    lottery_inputs in = {.max_choices = 2,
                         .max_places = 1,
                         .beacon_source = "test",
                         .beacon_round = 1,
                         .items = items,
                         .nitems = 2,
                         .entries = ents,
                         .nentries = 3};
    lottery *l = draw(&in, VALUE_A);
    size_t len, na;
    char *f = file_of(l, &len), msg[512];
    const lottery_applicant_result *ap = lottery_applicants(l, &na);
    struct {
        const char *from, *to, *says;
    } cases[] = {
        {"\"places\":1}", "\"places\":0}", "commitment"},
        {"\"seed\":\"", "\"seed\":\"", NULL},
        {"\"round\":1}", "\"round\":2}", "commitment"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (!cases[i].says)
            continue;
        char *g = strdup(f);
        replace_once(g, cases[i].from, cases[i].to);
        assert_int_equal(lottery_verify(g, len, NULL, msg, sizeof(msg)), LOTTERY_DIFFERS);
        assert_non_null(strstr(msg, cases[i].says));
        free(g);
    }
    /* a rank swapped between two applicants */
    char *g = strdup(f), from[64], to[64];
    snprintf(from, sizeof(from), "\"rank\":%u,", ap[0].rank);
    snprintf(to, sizeof(to), "\"rank\":%u,", ap[0].rank == 1 ? 2 : 1);
    replace_once(g, from, to);
    assert_int_equal(lottery_verify(g, len, NULL, msg, sizeof(msg)), LOTTERY_DIFFERS);
    assert_non_null(strstr(msg, "applicants[0] (a).rank"));
    free(g);
    /* the first waiting list reordered: "waiting":["b","c"] style, whichever it is */
    g = strdup(f);
    char *w = strstr(g, "\"waiting\":[\"");
    assert_non_null(w);
    w = strstr(g, "\"id\":\"x\",\"admitted\":");
    assert_non_null(w);
    w = strstr(w, "\"waiting\":[\"");
    char *comma = strchr(w + 12, ',');
    assert_non_null(comma);
    assert_true(comma[1] == '"' && comma[-1] == '"' && comma - (w + 11) == 3);
    char t0 = w[12];
    w[12] = comma[2];
    comma[2] = t0;
    assert_int_equal(lottery_verify(g, len, NULL, msg, sizeof(msg)), LOTTERY_DIFFERS);
    assert_non_null(strstr(msg, "items[0] (x).waiting[0]"));
    free(g);
    /* not JSON; no inputs */
    assert_int_equal(lottery_verify("{", 1, NULL, msg, sizeof(msg)), LOTTERY_UNREADABLE);
    assert_non_null(strstr(msg, "not JSON"));
    assert_int_equal(lottery_verify("{}", 2, NULL, msg, sizeof(msg)), LOTTERY_UNREADABLE);
    assert_int_equal(lottery_verify("[]", 2, NULL, msg, sizeof(msg)), LOTTERY_UNREADABLE);
    free(f);
    lottery_free(l);
}

/* ---- fairness ---- */

/* For one course with P places and A applicants, over K seeds: each applicant's wins, and
 * the wins by place in the list as given (shuffled anew for each seed), against K * P / A.
 * Each draw admits exactly P of A, so the counts are correlated: the statistic is
 * sum (O - E)^2 (A - 1) / (A K p (1 - p)), chi-square with A - 1 degrees of freedom. */
static void test_fairness_one_course(void **state)
{
    (void)state;
    enum { A = 20, P = 5, K = 4000 };
    const double crit = 43.820; /* chi-square, 19 degrees of freedom, significance 0.001 */
    rng = 3;
    inst t;
    memset(&t, 0, sizeof(t));
    t.na = A;
    t.ni = 1;
    t.N = t.M = 1;
    snprintf(t.iid[0], 16, "calligraphy");
    t.places[0] = P;
    for (int a = 0; a < A; a++) {
        snprintf(t.aid[a], 16, "A%02d", a);
        t.nch[a] = 1;
    }
    inst_build(&t);
    long by_id[A] = {0}, by_pos[A] = {0}, first[A] = {0};
    for (int k = 0; k < K; k++) {
        int perm[A];
        for (int a = 0; a < A; a++)
            perm[a] = a;
        for (int a = A - 1; a > 0; a--) {
            int b = (int)(rnd() % (uint64_t)(a + 1)), x = perm[a];
            perm[a] = perm[b];
            perm[b] = x;
        }
        lottery_entry given[A];
        for (int a = 0; a < A; a++)
            given[a] = t.ents[perm[a]];
        t.in.entries = given;
        char value[65];
        snprintf(value, sizeof(value), "%064x", k + 1);
        lottery *l = draw(&t.in, value);
        size_t n;
        const lottery_applicant_result *ap = lottery_applicants(l, &n);
        size_t ni;
        const lottery_item_result *it = lottery_items(l, &ni);
        assert_int_equal(it[0].nadmitted, P);
        assert_int_equal(it[0].nwaiting, A - P);
        for (int a = 0; a < A; a++) {
            int id = atoi(ap[a].id + 1);
            if (ap[a].nassigned) {
                by_id[id]++;
                for (int g = 0; g < A; g++)
                    if (perm[g] == id)
                        by_pos[g]++;
            }
            if (ap[a].rank == 1)
                first[id]++;
        }
        lottery_free(l);
    }
    double p = (double)P / A, e = K * p, chi_id = 0, chi_pos = 0, chi_first = 0;
    for (int a = 0; a < A; a++) {
        chi_id += (by_id[a] - e) * (by_id[a] - e);
        chi_pos += (by_pos[a] - e) * (by_pos[a] - e);
        chi_first += (first[a] - (double)K / A) * (first[a] - (double)K / A) / ((double)K / A);
    }
    chi_id *= (A - 1) / (A * K * p * (1 - p));
    chi_pos *= (A - 1) / (A * K * p * (1 - p));
    print_message("fairness: chi-square by applicant %.2f, by place in the list %.2f, "
                  "rank 1 by applicant %.2f (critical %.2f)\n",
                  chi_id, chi_pos, chi_first, crit);
    assert_true(chi_id < crit);
    assert_true(chi_pos < crit);
    assert_true(chi_first < crit);
}

/* ---- the assignment ---- */

/* A plain deferred acceptance, round by round: every applicant with room proposes to their
 * best item not yet tried; every item keeps its best proposals and holds, rejects the rest. */
static void naive_da(const inst *t, const uint32_t *rank, int got[MAXA][MAXN])
{
    int next[MAXA] = {0}, held[MAXI][MAXA], nheld[MAXI] = {0};
    memset(got, 0, sizeof(int) * MAXA * MAXN);
    for (;;) {
        int moved = 0;
        int cnt[MAXA] = {0};
        for (int x = 0; x < t->ni; x++)
            for (int h = 0; h < nheld[x]; h++)
                cnt[held[x][h] / MAXN]++;
        for (int a = 0; a < t->na; a++)
            while (cnt[a] < (t->quota[a] ? t->quota[a] : t->M) && next[a] < t->nch[a]) {
                int k = next[a]++, x = t->ch[a][k];
                held[x][nheld[x]++] = a * MAXN + k;
                cnt[a]++;
                moved = 1;
            }
        if (!moved)
            break;
        for (int x = 0; x < t->ni; x++) { /* keep the best `places` */
            for (int i = 1; i < nheld[x]; i++)
                for (int j = i; j > 0; j--) {
                    int p = held[x][j - 1], q = held[x][j];
                    uint64_t kp = ((uint64_t)t->cls[p / MAXN][p % MAXN] << 32) | rank[p / MAXN];
                    uint64_t kq = ((uint64_t)t->cls[q / MAXN][q % MAXN] << 32) | rank[q / MAXN];
                    if (kp < kq)
                        break;
                    held[x][j - 1] = q;
                    held[x][j] = p;
                }
            if (nheld[x] > t->places[x])
                nheld[x] = t->places[x];
        }
    }
    for (int x = 0; x < t->ni; x++)
        for (int h = 0; h < nheld[x]; h++)
            got[held[x][h] / MAXN][held[x][h] % MAXN] = 1;
}

static void check_assignment(const inst *t, const lottery *l)
{
    size_t na, ni;
    const lottery_applicant_result *ap = lottery_applicants(l, &na);
    const lottery_item_result *it = lottery_items(l, &ni);
    assert_int_equal(na, (size_t)t->na);
    /* the test's indexes of the lottery's (sorted) applicants and items */
    int ta[MAXA], ti[MAXI];
    uint32_t rank[MAXA];
    for (size_t a = 0; a < na; a++)
        for (int b = 0; b < t->na; b++)
            if (!strcmp(ap[a].id, t->aid[b])) {
                ta[a] = b;
                rank[b] = ap[a].rank;
            }
    for (size_t x = 0; x < ni; x++)
        for (int y = 0; y < t->ni; y++)
            if (!strcmp(it[x].id, t->iid[y]))
                ti[x] = y;
    int got[MAXA][MAXN] = {{0}}, held[MAXA] = {0}, inx[MAXI] = {0};
    for (size_t a = 0; a < na; a++) {
        int b = ta[a];
        int limit = t->quota[b] ? t->quota[b] : t->M;
        assert_true(ap[a].nassigned <= (uint32_t)limit); /* nobody over M, nor their own limit */
        held[b] = (int)ap[a].nassigned;
        int last = -1;
        for (uint32_t k = 0; k < ap[a].nassigned; k++) {
            int y = ti[ap[a].assigned[k]], found = -1;
            for (int c = 0; c < t->nch[b]; c++)
                if (t->ch[b][c] == y)
                    found = c;
            assert_true(found > last); /* a choice of theirs, in their order, once */
            last = found;
            got[b][found] = 1;
            inx[y]++;
        }
    }
    for (size_t x = 0; x < ni; x++) {
        int y = ti[x];
        assert_int_equal(it[x].nadmitted, inx[y]);
        assert_true(inx[y] <= t->places[y]); /* no item over its places */
    }
    /* stable: no applicant and item that would both rather be matched */
    for (int b = 0; b < t->na; b++)
        for (int c = 0; c < t->nch[b]; c++) {
            if (got[b][c])
                continue;
            int wants = held[b] < (t->quota[b] ? t->quota[b] : t->M);
            for (int d = c + 1; d < t->nch[b]; d++)
                wants |= got[b][d]; /* holds something they like less */
            if (!wants)
                continue;
            int y = t->ch[b][c];
            uint64_t kb = ((uint64_t)t->cls[b][c] << 32) | rank[b];
            if (inx[y] < t->places[y])
                fail_msg("blocking pair: %s and %s, which has a free place", t->aid[b], t->iid[y]);
            for (int o = 0; o < t->na; o++)
                for (int e = 0; e < t->nch[o]; e++)
                    if (t->ch[o][e] == y && got[o][e] &&
                        (((uint64_t)t->cls[o][e] << 32) | rank[o]) > kb)
                        fail_msg("blocking pair: %s and %s, which admitted %s after them",
                                 t->aid[b], t->iid[y], t->aid[o]);
        }
    /* the same as the round-by-round deferred acceptance */
    int ref[MAXA][MAXN];
    naive_da(t, rank, ref);
    for (int b = 0; b < t->na; b++)
        for (int c = 0; c < t->nch[b]; c++)
            assert_int_equal(got[b][c], ref[b][c]);
    /* the lists: admitted then waiting, every one who ranked the item once, in key order */
    for (size_t x = 0; x < ni; x++) {
        int y = ti[x], rankers = 0;
        for (int b = 0; b < t->na; b++)
            for (int c = 0; c < t->nch[b]; c++)
                rankers += t->ch[b][c] == y;
        assert_int_equal(it[x].nadmitted + it[x].nwaiting, rankers);
        uint64_t prev = 0;
        for (uint32_t i = 0; i < it[x].nadmitted + it[x].nwaiting; i++) {
            int waiting = i >= it[x].nadmitted;
            uint32_t a = waiting ? it[x].waiting[i - it[x].nadmitted] : it[x].admitted[i];
            int b = ta[a], c = 0;
            while (t->ch[b][c] != y)
                c++;
            assert_int_equal(got[b][c], !waiting);
            uint64_t k = ((uint64_t)t->cls[b][c] << 32) | rank[b];
            if (i != it[x].nadmitted)
                assert_true(k > prev);
            prev = k;
        }
    }
}

static void test_stable_random(void **state)
{
    (void)state;
    rng = 4;
    for (int round = 0; round < 300; round++) {
        inst t;
        int N = 1 + (int)(rnd() % MAXN), M = 1 + (int)(rnd() % (uint64_t)N);
        inst_random(&t, 1 + (int)(rnd() % 120), 1 + (int)(rnd() % MAXI), N, M,
                    1 + (int)(rnd() % 3));
        char value[65];
        snprintf(value, sizeof(value), "%064llx", (unsigned long long)rnd());
        lottery *l = draw(&t.in, value);
        check_assignment(&t, l);
        lottery_free(l);
    }
}

/* Those of class 0 fill an item before anyone of class 1, whatever the ranks. */
static void test_priorities(void **state)
{
    (void)state;
    rng = 5;
    for (int k = 0; k < 50; k++) {
        inst t;
        memset(&t, 0, sizeof(t));
        t.na = 30;
        t.ni = 1;
        t.N = t.M = 1;
        snprintf(t.iid[0], 16, "dance");
        t.places[0] = 10;
        for (int a = 0; a < 30; a++) {
            snprintf(t.aid[a], 16, "a%02d", a);
            t.nch[a] = 1;
            t.cls[a][0] = a < 12 ? 0 : 1; /* 12 of class 0 for 10 places */
        }
        inst_build(&t);
        char value[65];
        snprintf(value, sizeof(value), "%064x", k + 100);
        lottery *l = draw(&t.in, value);
        size_t na, ni;
        const lottery_applicant_result *ap = lottery_applicants(l, &na);
        const lottery_item_result *it = lottery_items(l, &ni);
        for (uint32_t i = 0; i < it[0].nadmitted; i++)
            assert_true(atoi(ap[it[0].admitted[i]].id + 1) < 12);
        /* the two class 0 left wait first, then class 1 by rank */
        assert_true(atoi(ap[it[0].waiting[0]].id + 1) < 12);
        assert_true(atoi(ap[it[0].waiting[1]].id + 1) < 12);
        for (uint32_t i = 3; i < it[0].nwaiting; i++)
            assert_true(ap[it[0].waiting[i - 1]].rank < ap[it[0].waiting[i]].rank);
        check_assignment(&t, l);
        lottery_free(l);
    }
}

/* ---- edge cases ---- */

static void expect_refused(const lottery_inputs *in, const char *says)
{
    lottery *l;
    char err[256] = "";
    assert_int_equal(lottery_prepare(in, &l, err, sizeof(err)), -1);
    assert_null(l);
    if (!strstr(err, says))
        fail_msg("refused with \"%s\", not about \"%s\"", err, says);
}

static void test_edges(void **state)
{
    (void)state;
    const char *cx[] = {"x"}, *cxx[] = {"x", "x"}, *cz[] = {"z"}, *cxy[] = {"x", "y"},
               *cxyz[] = {"x", "y", "z"};
    lottery_item items[] = {{"x", NULL, 3}, {"y", "", 0}, {"z", "", 1}};
    lottery_entry e1[] = {{"a", cx, 1, 0, NULL, 0}};
    lottery_inputs in = {.max_choices = 2,
                         .max_places = 1,
                         .beacon_source = "drand/quicknet",
                         .beacon_round = 9,
                         .items = items,
                         .nitems = 3,
                         .entries = e1,
                         .nentries = 1};
    char err[256], msg[256];

    /* no applicants: a draw all the same, with empty lists, that verifies */
    lottery_inputs none = in;
    none.nentries = 0;
    lottery *l = draw(&none, VALUE_A);
    size_t len, n;
    char *f = file_of(l, &len);
    assert_int_equal(lottery_verify(f, len, NULL, msg, sizeof(msg)), LOTTERY_VERIFIED);
    assert_non_null(strstr(f, "\"applicants\":[],\"items\":[{\"id\":\"x\",\"admitted\":[],"));
    free(f);
    lottery_free(l);

    /* more places than applicants: everyone in, nobody waits */
    lottery_entry e3[] = {{"a", cx, 1, 0, NULL, 0}, {"b", cx, 1, 0, NULL, 0}};
    in.entries = e3;
    in.nentries = 2;
    l = draw(&in, VALUE_A);
    const lottery_item_result *it = lottery_items(l, &n);
    assert_int_equal(it[0].nadmitted, 2);
    assert_int_equal(it[0].nwaiting, 0);
    assert_int_equal(lottery_find_applicant(l, "b"), 1);
    assert_int_equal(lottery_find_applicant(l, "c"), -1);
    assert_int_equal(lottery_find_item(l, "z"), 2);
    assert_int_equal(lottery_find_item(l, "w"), -1);
    lottery_free(l);

    /* an item with no places: everyone who ranked it waits */
    lottery_entry ey[] = {{"a", cxy, 2, 0, NULL, 0}};
    in.entries = ey;
    in.nentries = 1;
    l = draw(&in, VALUE_A);
    it = lottery_items(l, &n);
    assert_int_equal(it[1].nadmitted, 0);
    assert_int_equal(it[1].nwaiting, 1);
    assert_int_equal(it[0].nadmitted, 1);
    lottery_free(l);

    /* M = 2 of N = 3: two places for one applicant, never three */
    lottery_entry em[] = {{"a", cxyz, 3, 0, NULL, 0}};
    items[1].places = 1;
    lottery_inputs m2 = in;
    m2.max_choices = 3;
    m2.max_places = 2;
    m2.entries = em;
    l = draw(&m2, VALUE_A);
    const lottery_applicant_result *ap = lottery_applicants(l, &n);
    assert_int_equal(ap[0].nassigned, 2);
    assert_string_equal(lottery_items(l, &n)[ap[0].assigned[0]].id, "x");
    assert_string_equal(lottery_items(l, &n)[ap[0].assigned[1]].id, "y");
    lottery_free(l);

    /* the same applicant, holding a place already (a first-come course of the term): their
     * own limit of 1, written in the canonical inputs since it is not M */
    em[0].max_places = 1;
    l = draw(&m2, VALUE_A);
    ap = lottery_applicants(l, &n);
    assert_int_equal(ap[0].nassigned, 1);
    assert_string_equal(lottery_items(l, &n)[ap[0].assigned[0]].id, "x");
    strbuf sb = STRBUF_INIT;
    assert_int_equal(lottery_write_inputs(l, collect, &sb), 0);
    assert_non_null(strstr(sb.buf, "\"choices\":[\"x\",\"y\",\"z\"],\"priority\":0,"
                                   "\"max_places\":1}"));
    sb_release(&sb);
    lottery_free(l);
    em[0].max_places = 2; /* M itself: not written */
    l = draw(&m2, VALUE_A);
    assert_int_equal(lottery_write_inputs(l, collect, &sb), 0);
    assert_null(strstr(sb.buf, "\"max_places\":2}"));
    sb_release(&sb);
    lottery_free(l);
    em[0].max_places = 3;
    expect_refused(&m2, "their limit of places is 1 to max_places (2), not 3");
    em[0].max_places = 0;
    items[1].places = 0;

    /* refusals */
    lottery_entry dup[] = {{"a", cxx, 2, 0, NULL, 0}};
    in.entries = dup;
    expect_refused(&in, "ranks item x twice");
    lottery_entry unk[] = {{"a", (const char *[]){"w"}, 1, 0, NULL, 0}};
    in.entries = unk;
    expect_refused(&in, "ranks item w, which is not in the lottery");
    lottery_entry over[] = {{"a", cxyz, 3, 0, NULL, 0}};
    in.entries = over;
    expect_refused(&in, "ranks 3 items; the rules allow 1 to 2");
    lottery_entry empty[] = {{"a", cx, 0, 0, NULL, 0}};
    in.entries = empty;
    expect_refused(&in, "ranks 0 items");
    lottery_entry twice[] = {{"a", cx, 1, 0, NULL, 0}, {"a", cz, 1, 0, NULL, 0}};
    in.entries = twice;
    in.nentries = 2;
    expect_refused(&in, "applicant a is listed twice");
    lottery_entry badid[] = {{"a b", cx, 1, 0, NULL, 0}};
    in.entries = badid;
    in.nentries = 1;
    expect_refused(&in, "an id is 1 to 64 bytes");
    lottery_entry badcls[] = {{"a", cx, 1, -1, NULL, 0}};
    in.entries = badcls;
    expect_refused(&in, "a priority class is 0 to");
    in.entries = e1;
    lottery_inputs r = in;
    r.max_places = 3;
    expect_refused(&r, "max_places (M) is 1 to max_choices");
    r = in;
    r.max_choices = 0;
    expect_refused(&r, "max_choices (N) is 1 to");
    r = in;
    r.max_choices = LOTTERY_MAX_CHOICES + 1;
    expect_refused(&r, "max_choices (N) is 1 to");
    r = in;
    r.algorithm = "wenyun-lottery/0";
    expect_refused(&r, "is not known here");
    r = in;
    r.beacon_source = "Drand";
    expect_refused(&r, "the source is");
    r = in;
    r.beacon_round = 0;
    expect_refused(&r, "the round is 1 to");
    r = in;
    r.title = "a\nb";
    expect_refused(&r, "title");
    lottery_item dupi[] = {{"x", "", 1}, {"x", "", 2}};
    r = in;
    r.items = dupi;
    r.nitems = 2;
    expect_refused(&r, "item x is listed twice");
    lottery_item neg[] = {{"x", "", -1}};
    r = in;
    r.items = neg;
    r.nitems = 1;
    expect_refused(&r, "places are 0 to");

    /* the beacon's value */
    assert_int_equal(lottery_prepare(&in, &l, err, sizeof(err)), 0);
    assert_int_equal(lottery_drawn(l), 0);
    assert_int_equal(lottery_write(l, &(strbuf)STRBUF_INIT), -1); /* not drawn */
    assert_int_equal(lottery_draw(l, "abcd", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "16 to 256 bytes"));
    assert_int_equal(lottery_draw(l, VALUE_A "g", err, sizeof(err)), -1);
    assert_int_equal(lottery_draw(l, VALUE_A "0", err, sizeof(err)), -1);
    char upper[] = VALUE_A;
    for (char *c = upper; *c; c++)
        if (*c >= 'a')
            *c -= 32;
    assert_int_equal(lottery_draw(l, upper, err, sizeof(err)), 0); /* either case */
    size_t vlen;
    char vhex[600];
    lottery_hex(lottery_beacon_value(l, &vlen), 32, vhex);
    assert_string_equal(vhex, VALUE_A);
    lottery_free(l);

    /* the beacons */
    char url[256];
    const char *field;
    assert_int_equal(lottery_beacon_check("drand/quicknet", 7, url, sizeof(url), &field), 0);
    assert_string_equal(url, "https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f"
                             "661792ba94600c84e971/public/7");
    assert_string_equal(field, "randomness");
    assert_int_equal(lottery_beacon_check("nist/2.0/chain/2", 9, url, sizeof(url), &field), 0);
    assert_string_equal(url, "https://beacon.nist.gov/beacon/2.0/chain/2/pulse/9");
    assert_int_equal(lottery_beacon_check("test", 9, url, sizeof(url), &field), -1);
    uint64_t round;
    int64_t when;
    /* 2026-04-20T00:00:00Z: quicknet's round 27946612 is out at that very second */
    assert_int_equal(lottery_beacon_round_at("drand/quicknet", 1776643200, &round, &when), 0);
    assert_int_equal(round, 27946612);
    assert_int_equal(when, 1776643200);
    assert_int_equal(lottery_beacon_round_at("drand/quicknet", 1776643201, &round, &when), 0);
    assert_int_equal(round, 27946613);
    assert_int_equal(lottery_beacon_round_at("nist/2.0/chain/2", 1776643200, &round, &when), -1);
}

/* Reading: any order and spacing, defaults, and the refusals of the reader. */
static void test_read(void **state)
{
    (void)state;
    lottery *l;
    char err[256], value[600];
    static const char loose[] =
        "{ \"applicants\": [ {\"choices\": [\"y\", \"x\"], \"id\": \"b\", \"priority\": [1, 0]},"
        "  {\"id\": \"a\", \"choices\": [\"x\"]} ],\n"
        "  \"items\": [{\"places\": 1, \"id\": \"y\"}, {\"id\": \"x\", \"places\": 2, \"name\": "
        "\"舞\"}],\n"
        "  \"beacon\": {\"round\": 5, \"source\": \"test\"},\n"
        "  \"rules\": {\"max_places\": 1, \"max_choices\": 2},\n"
        "  \"algorithm\": \"wenyun-lottery/1\" }";
    assert_int_equal(lottery_read(loose, strlen(loose), &l, value, err, sizeof(err)), 0);
    assert_string_equal(value, "");
    strbuf sb = STRBUF_INIT;
    lottery_write_inputs(l, collect, &sb);
    assert_string_equal(sb.buf,
                        "{\"algorithm\":\"wenyun-lottery/1\",\"title\":\"\",\"rules\":{"
                        "\"max_choices\":2,\"max_places\":1,\"priority_rule\":\"\"},\"beacon\":{"
                        "\"source\":\"test\",\"round\":5},\"items\":[{\"id\":\"x\",\"name\":"
                        "\"舞\",\"places\":2},{\"id\":\"y\",\"name\":\"\",\"places\":1}],"
                        "\"applicants\":[{\"id\":\"a\",\"choices\":[\"x\"],\"priority\":0},{"
                        "\"id\":\"b\",\"choices\":[\"y\",\"x\"],\"priority\":[1,0]}]}");
    sb_release(&sb);
    lottery_free(l);

    static const char *const bad[][2] = {
        {"{\"algorithm\":\"wenyun-lottery/1\",\"algorithm\":\"x\"}", "not JSON"},
        {"[1]", "not an object"},
        {"{\"algorithm\":\"wenyun-lottery/1\",\"rules\":{\"max_choices\":1,\"max_places\":1},"
         "\"beacon\":{\"source\":\"t\",\"round\":1},\"items\":[],\"applicants\":[],\"x\":1}",
         "unknown member \"x\""},
        {"{\"algorithm\":\"wenyun-lottery/1\",\"rules\":{\"max_choices\":1.0,\"max_places\":1},"
         "\"beacon\":{\"source\":\"t\",\"round\":1},\"items\":[],\"applicants\":[]}",
         "inputs.rules.max_choices: an integer"},
        {"{\"algorithm\":\"wenyun-lottery/1\",\"rules\":{\"max_choices\":1,\"max_places\":1},"
         "\"beacon\":{\"source\":\"t\",\"round\":1},\"items\":[{\"id\":\"x\",\"places\":1}],"
         "\"applicants\":[{\"id\":\"a\",\"choices\":[\"x\"],\"priority\":[0,1]}]}",
         "one class per choice"},
        {"{\"algorithm\":\"wenyun-lottery/1\",\"rules\":{\"max_choices\":1,\"max_places\":1},"
         "\"beacon\":{\"source\":\"t\",\"round\":1},\"items\":[{\"id\":\"x\",\"places\":1}],"
         "\"applicants\":[{\"id\":\"a\",\"choices\":[7]}]}",
         "inputs.applicants[0].choices[0]"},
        {"{\"algorithm\":\"wenyun-lottery/1\",\"rules\":{\"max_choices\":1,\"max_places\":1},"
         "\"beacon\":{\"source\":\"t\",\"round\":1},\"items\":[{\"id\":\"x\",\"places\":1}],"
         "\"applicants\":[{\"id\":\"a\",\"choices\":[\"x\"],\"max_places\":0}]}",
         "inputs.applicants[0].max_places: an integer from 1"},
        {"{\"algorithm\":\"wenyun-lottery/1\",\"rules\":{\"max_choices\":1,\"max_places\":1},"
         "\"beacon\":{\"source\":\"t\"},\"items\":[],\"applicants\":[]}",
         "inputs.beacon: the member \"round\" is missing"},
        {"{\"inputs\":{\"algorithm\":\"wenyun-lottery/2\"},\"beacon_value\":\"00\"}",
         "is not known here"},
        {"{\"inputs\":{},\"beacon_value\":7}", "beacon_value"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = '\0';
        assert_int_equal(lottery_read(bad[i][0], strlen(bad[i][0]), &l, value, err, sizeof(err)),
                         -1);
        if (!strstr(err, bad[i][1]))
            fail_msg("case %zu: \"%s\", not about \"%s\"", i, err, bad[i][1]);
    }
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_definitions),
        cmocka_unit_test(test_rerun_from_file),
        cmocka_unit_test(test_one_byte_refused),
        cmocka_unit_test(test_verify_says_what),
        cmocka_unit_test(test_fairness_one_course),
        cmocka_unit_test(test_stable_random),
        cmocka_unit_test(test_priorities),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
