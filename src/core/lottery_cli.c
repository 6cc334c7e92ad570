/*
 * lottery_cli: `wenyun lottery`, the lottery without a server or a database: anyone who has
 * a published draw file checks it (verify), finds their own line in it (receipt), or runs the
 * same draw again (draw); an operator prints the commitment of the inputs before the beacon's
 * round is out (commit) and picks a round that is not out yet (round). Exit status: 0 done or
 * verified, 1 refused or failed, 2 usage.
 */
#include "core/lottery.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/timeutil.h"

#define FILE_MAX ((size_t)4 << 30)

static const char usage[] =
    "usage: wenyun lottery verify FILE\n"
    "       wenyun lottery draw --input FILE --out FILE [--beacon-value HEX]\n"
    "       wenyun lottery commit --input FILE [--out FILE]\n"
    "       wenyun lottery receipt FILE APPLICANT\n"
    "       wenyun lottery round --source SOURCE [--at TIME]\n"
    "\n"
    "  verify   recompute a draw file from its inputs and beacon value; exit 0 when its\n"
    "           results follow from them byte for byte, 1 (saying what differs) otherwise\n"
    "  draw     the same draw offline: --input is a draw file (its inputs and beacon value)\n"
    "           or an inputs object with --beacon-value; writes the draw file to --out\n"
    "  commit   print the commitment of an inputs object (or of a draw file's inputs);\n"
    "           --out writes the canonical inputs, the exact bytes the commitment hashes\n"
    "  receipt  verify the file, then print one applicant's ticket, rank, places and\n"
    "           positions on the waiting lists\n"
    "  round    the first round of a drand beacon out at or after TIME (RFC 3339;\n"
    "           default now): fix a later one before the applications close\n"
    "\n"
    "docs/lottery.md defines the algorithm and the file byte by byte.\n";

static int usage_error(void)
{
    fputs(usage, stderr);
    return 2;
}

/* A file's bytes: mapped when it is a regular file (a draw file of a hundred megabytes is then
 * read once, by the verifier, with no copy), else read into a buffer. */
typedef struct in_file {
    const char *buf;
    size_t len;
    void *map;
    strbuf sb;
} in_file;

static int read_file(const char *path, in_file *f)
{
    memset(f, 0, sizeof(*f));
    sb_init(&f->sb, FILE_MAX);
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (size_t)st.st_size <= FILE_MAX) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            close(fd);
            f->map = m;
            f->buf = m;
            f->len = (size_t)st.st_size;
            return 0;
        }
    }
    if (fd >= 0)
        close(fd);
    errno = 0;
    if (sb_read_file(&f->sb, path) < 0) {
        fprintf(stderr, "wenyun lottery: cannot read %s: %s\n", path,
                errno ? strerror(errno) : "too large");
        sb_release(&f->sb);
        return -1;
    }
    f->buf = f->sb.buf;
    f->len = f->sb.len;
    return 0;
}

static void close_file(in_file *f)
{
    if (f->map)
        munmap(f->map, f->len);
    sb_release(&f->sb);
}

/* A file written through a temporary one and renamed, so that it is whole or not there. */
typedef struct out_file {
    const char *path;
    char tmp[4200];
    FILE *f;
} out_file;

static int out_open(out_file *o, const char *path)
{
    o->path = path;
    snprintf(o->tmp, sizeof(o->tmp), "%s.tmp%ld", path, (long)getpid());
    o->f = fopen(o->tmp, "wb");
    if (!o->f)
        fprintf(stderr, "wenyun lottery: cannot write %s: %s\n", o->tmp, strerror(errno));
    return o->f ? 0 : -1;
}

static int out_sink(void *user, const char *data, size_t len)
{
    out_file *o = user;
    return fwrite(data, 1, len, o->f) == len ? 0 : -1;
}

/* ok: everything was written; then the file is made durable and takes its name. */
static int out_close(out_file *o, int ok)
{
    ok = ok && fflush(o->f) == 0 && fsync(fileno(o->f)) == 0;
    ok = fclose(o->f) == 0 && ok;
    if (!ok || rename(o->tmp, o->path) < 0) {
        fprintf(stderr, "wenyun lottery: cannot write %s: %s\n", o->path,
                errno ? strerror(errno) : "failed");
        unlink(o->tmp);
        return -1;
    }
    return 0;
}

static void print_beacon(const lottery *l)
{
    const lottery_inputs *r = lottery_rules(l);
    char url[256];
    const char *field;
    printf("  beacon       %s, round %llu\n", r->beacon_source,
           (unsigned long long)r->beacon_round);
    if (lottery_beacon_check(r->beacon_source, r->beacon_round, url, sizeof(url), &field) == 0)
        printf("               check its value at %s (\"%s\")\n", url, field);
    else
        printf("               (not a beacon wenyun knows: check the round's value at its "
               "source)\n");
}

static void summary(const lottery *l)
{
    const lottery_inputs *r = lottery_rules(l);
    char hex[2 * LOTTERY_BEACON_MAX + 1];
    size_t na, ni, nv;
    const lottery_applicant_result *a = lottery_applicants(l, &na);
    const lottery_item_result *it = lottery_items(l, &ni);
    long long places = 0, admitted = 0, placed = 0;
    for (size_t i = 0; i < ni; i++) {
        places += it[i].places;
        admitted += it[i].nadmitted;
    }
    for (size_t i = 0; i < na; i++)
        placed += a[i].nassigned > 0;
    printf("  lottery      %s\n", r->title[0] ? r->title : "(no title)");
    printf("  algorithm    %s\n", r->algorithm);
    printf("  rules        up to %d choice%s, up to %d place%s each; priority: %s\n",
           r->max_choices, r->max_choices == 1 ? "" : "s", r->max_places,
           r->max_places == 1 ? "" : "s", r->priority_rule[0] ? r->priority_rule : "none");
    lottery_hex(lottery_commitment(l), LOTTERY_HASH, hex);
    printf("  commitment   %s\n", hex);
    print_beacon(l);
    if (lottery_drawn(l)) {
        const uint8_t *v = lottery_beacon_value(l, &nv);
        lottery_hex(v, nv, hex);
        printf("  value        %s\n", hex);
        lottery_hex(lottery_seed(l), LOTTERY_HASH, hex);
        printf("  seed         %s\n", hex);
    }
    printf("  applicants   %zu; items %zu with %lld places", na, ni, places);
    if (lottery_drawn(l))
        printf("; %lld places given to %lld applicants", admitted, placed);
    putchar('\n');
}

static int cmd_verify(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return argc == 2 && !strcmp(argv[1], "--help") ? (fputs(usage, stdout), 0) : usage_error();
    in_file f;
    if (read_file(argv[1], &f) < 0)
        return 1;
    char msg[1024];
    lottery *l;
    int rc = lottery_verify(f.buf, f.len, &l, msg, sizeof(msg));
    close_file(&f);
    if (rc != LOTTERY_VERIFIED) {
        printf("%s: refused: %s\n", argv[1], msg);
        return 1;
    }
    printf("%s: verified: every ticket, rank, place and waiting list follows from the inputs\n",
           argv[1]);
    summary(l);
    lottery_free(l);
    return 0;
}

static int cmd_receipt(int argc, char **argv)
{
    if (argc != 3)
        return usage_error();
    in_file f;
    if (read_file(argv[1], &f) < 0)
        return 1;
    char msg[1024];
    lottery *l;
    int rc = lottery_verify(f.buf, f.len, &l, msg, sizeof(msg));
    close_file(&f);
    if (rc != LOTTERY_VERIFIED) {
        printf("%s: refused: %s\n", argv[1], msg);
        return 1;
    }
    long i = lottery_find_applicant(l, argv[2]);
    if (i < 0) {
        printf("%s: verified, but no applicant is %s in it\n", argv[1], argv[2]);
        lottery_free(l);
        return 1;
    }
    size_t na, ni;
    const lottery_applicant_result *a = &lottery_applicants(l, &na)[i];
    const lottery_item_result *it = lottery_items(l, &ni);
    char hex[LOTTERY_HEX];
    lottery_hex(a->ticket, LOTTERY_HASH, hex);
    printf("%s: verified\n  applicant    %s\n  ticket       %s\n  rank         %u of %zu\n",
           argv[1], a->id, hex, a->rank, na);
    for (uint32_t k = 0; k < a->nassigned; k++)
        printf("  place        %s %s\n", it[a->assigned[k]].id, it[a->assigned[k]].name);
    if (!a->nassigned)
        printf("  place        none\n");
    for (size_t x = 0; x < ni; x++)
        for (uint32_t w = 0; w < it[x].nwaiting; w++)
            if (it[x].waiting[w] == (uint32_t)i)
                printf("  waiting      %s %s: number %u of %u\n", it[x].id, it[x].name, w + 1,
                       it[x].nwaiting);
    lottery_free(l);
    return 0;
}

/* --input FILE [--out FILE] [--beacon-value HEX] */
static int read_opts(int argc, char **argv, const char **input, const char **out,
                     const char **value)
{
    for (int i = 1; i < argc; i++) {
        const char **dst = !strcmp(argv[i], "--input")          ? input
                           : !strcmp(argv[i], "--out")          ? out
                           : !strcmp(argv[i], "--beacon-value") ? value
                                                                : NULL;
        if (!dst || i + 1 >= argc)
            return -1;
        *dst = argv[++i];
    }
    return *input ? 0 : -1;
}

static int cmd_draw(int argc, char **argv)
{
    const char *input = NULL, *out = NULL, *value = NULL;
    if (read_opts(argc, argv, &input, &out, &value) < 0 || !out)
        return usage_error();
    in_file f;
    if (read_file(input, &f) < 0)
        return 1;
    char err[512], hex[2 * LOTTERY_BEACON_MAX + 1];
    lottery *l;
    int rc = lottery_read(f.buf, f.len, &l, hex, err, sizeof(err));
    close_file(&f);
    if (rc < 0) {
        fprintf(stderr, "wenyun lottery: %s: %s\n", input, err);
        return 1;
    }
    if (!value && !hex[0]) {
        fprintf(stderr,
                "wenyun lottery: %s holds no beacon value: give the round's value with "
                "--beacon-value HEX\n",
                input);
        lottery_free(l);
        return 1;
    }
    if (lottery_draw(l, value ? value : hex, err, sizeof(err)) < 0) {
        fprintf(stderr, "wenyun lottery: %s\n", err);
        lottery_free(l);
        return 1;
    }
    out_file of;
    rc = out_open(&of, out) < 0 || out_close(&of, lottery_write_to(l, out_sink, &of) == 0) < 0;
    if (!rc) {
        printf("%s: the draw of %s\n", out, input);
        summary(l);
    }
    lottery_free(l);
    return rc;
}

static int cmd_commit(int argc, char **argv)
{
    const char *input = NULL, *out = NULL, *value = NULL;
    if (read_opts(argc, argv, &input, &out, &value) < 0 || value)
        return usage_error();
    in_file f;
    if (read_file(input, &f) < 0)
        return 1;
    char err[512], hex[2 * LOTTERY_BEACON_MAX + 1];
    lottery *l;
    int rc = lottery_read(f.buf, f.len, &l, hex, err, sizeof(err));
    close_file(&f);
    if (rc < 0) {
        fprintf(stderr, "wenyun lottery: %s: %s\n", input, err);
        return 1;
    }
    out_file of;
    rc = out && (out_open(&of, out) < 0 ||
                 out_close(&of, lottery_write_inputs(l, out_sink, &of) == 0) < 0);
    if (!rc) {
        lottery_hex(lottery_commitment(l), LOTTERY_HASH, hex);
        printf("%s\n", hex);
    }
    lottery_free(l);
    return rc;
}

static int cmd_round(int argc, char **argv)
{
    const char *source = NULL, *at = NULL;
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && !strcmp(argv[i], "--source"))
            source = argv[++i];
        else if (i + 1 < argc && !strcmp(argv[i], "--at"))
            at = argv[++i];
        else
            return usage_error();
    }
    if (!source)
        return usage_error();
    int64_t ms = time_now_ms();
    if (at && time_parse_rfc3339(at, &ms) < 0) {
        fprintf(stderr, "wenyun lottery: --at wants a time like 2026-06-01T20:00:00+08:00\n");
        return 2;
    }
    uint64_t round;
    int64_t when;
    if (lottery_beacon_round_at(source, (ms + 999) / 1000, &round, &when) < 0) {
        fprintf(stderr,
                "wenyun lottery: %s: rounds that follow the clock are known for drand/quicknet "
                "and drand/default only\n",
                source);
        return 1;
    }
    char t[64], url[256];
    const char *field;
    time_format_rfc3339(when * 1000, t, sizeof(t), 0);
    lottery_beacon_check(source, round, url, sizeof(url), &field);
    printf("%llu\n  %s round %llu is out at %s\n  its value will be at %s (\"%s\")\n",
           (unsigned long long)round, source, (unsigned long long)round, t, url, field);
    return 0;
}

int lottery_main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error();
    const char *sub = argv[1];
    argc--;
    argv++;
    if (!strcmp(sub, "verify"))
        return cmd_verify(argc, argv);
    if (!strcmp(sub, "draw"))
        return cmd_draw(argc, argv);
    if (!strcmp(sub, "commit"))
        return cmd_commit(argc, argv);
    if (!strcmp(sub, "receipt"))
        return cmd_receipt(argc, argv);
    if (!strcmp(sub, "round"))
        return cmd_round(argc, argv);
    if (!strcmp(sub, "--help") || !strcmp(sub, "-h") || !strcmp(sub, "help")) {
        fputs(usage, stdout);
        return 0;
    }
    fprintf(stderr, "wenyun lottery: unknown command '%s'\n", sub);
    return usage_error();
}
