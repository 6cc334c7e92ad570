/*
 * cli_report: `wenyun report`, the annual report from the command line (report.h,
 * docs/report.md). It writes DIR/wenyun-report-CODE-YEAR.xlsx and .html, records the
 * snapshot, and with --verify ID recomputes a recorded report and says whether its figures
 * still hold. Progress goes to stderr, the paths and the verdict to stdout.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mod/indicators/report.h"
#include "util/config.h"

static const char usage[] =
    "usage: wenyun report --db FILE|URL --year Y --division CODE --out DIR [--dry-run]\n"
    "       wenyun report --db FILE|URL --verify ID\n"
    "Writes the annual report of a division for a year: every indicator of the division and of\n"
    "each of its child divisions against its target, as DIR/wenyun-report-CODE-Y.xlsx (one\n"
    "sheet a theme) and DIR/wenyun-report-CODE-Y.html (printable, with its charts), and records\n"
    "the snapshot (time, figures, SHA-256) it was computed from.\n"
    "  --dry-run      compute the figures and say how long it took; write and record nothing\n"
    "  --verify ID    recompute recorded report ID and compare (exit 0: same figures, 1: not)\n"
    "  --config FILE  settings file\n";

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static void progress(const char *division, const char *name, void *ud)
{
    int *k = ud;
    fprintf(stderr, "report: %s division %s %s\n", (*k)++ ? "computing" : "computing the", division,
            name);
}

static int fail(wy_ctx *ctx)
{
    fprintf(stderr, "wenyun report: %s (%s)\n", ctx->err.message ? ctx->err.message : "failed",
            ctx->err.code ? ctx->err.code : "error");
    return 1;
}

/* DIR exists and is a writable directory, or is made (its parent must exist). */
static int check_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) < 0) {
        if (errno != ENOENT || mkdir(dir, 0755) < 0) {
            fprintf(stderr, "wenyun report: cannot make the output directory %s: %s\n", dir,
                    strerror(errno));
            return -1;
        }
        fprintf(stderr, "report: made the directory %s\n", dir);
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "wenyun report: %s is not a directory\n", dir);
        return -1;
    }
    if (access(dir, W_OK) < 0) {
        fprintf(stderr, "wenyun report: cannot write in %s: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

static int verify(wy_ctx *ctx, int64_t id)
{
    report_check c;
    if (report_verify(ctx, id, &c) < 0)
        return fail(ctx);
    if (c.matches) {
        printf("report %lld (%s, %d): the figures match (sha256 %s)\n", (long long)id,
               c.report.division, c.report.year, c.hash);
        return 0;
    }
    printf("report %lld (%s, %d): the figures differ: %zu changed\n  recorded sha256 %s\n"
           "  now      sha256 %s\n",
           (long long)id, c.report.division, c.report.year, c.nchanged, c.report.figures_hash,
           c.hash);
    for (size_t i = 0; i < c.nchanged && i < 50; i++)
        if (c.changed && c.changed[i])
            printf("  %s\n", c.changed[i]);
    return 1;
}

int report_cli(const wy_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, 0, 'd'},
                                       {"config", required_argument, 0, 'c'},
                                       {"year", required_argument, 0, 'y'},
                                       {"division", required_argument, 0, 'D'},
                                       {"out", required_argument, 0, 'o'},
                                       {"verify", required_argument, 0, 'V'},
                                       {"dry-run", no_argument, 0, 'n'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    const char *year_s = NULL, *division = NULL, *dir = NULL, *verify_s = NULL;
    int dry = 0, o;
    char err[512];
    optind = 0;
    while ((o = getopt_long(argc, argv, "d:c:h", lo, NULL)) != -1) {
        switch (o) {
        case 'd':
            if (config_set(cli->cfg, "db", "url", optarg, err, sizeof(err)) < 0) {
                fprintf(stderr, "wenyun report: %s\n", err);
                return 2;
            }
            break;
        case 'c':
            break; /* read by main before the command runs */
        case 'y':
            year_s = optarg;
            break;
        case 'D':
            division = optarg;
            break;
        case 'o':
            dir = optarg;
            break;
        case 'V':
            verify_s = optarg;
            break;
        case 'n':
            dry = 1;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            fputs(usage, stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "wenyun report: unexpected argument '%s'\n\n%s", argv[optind], usage);
        return 2;
    }
    int64_t id = 0;
    int year = 0;
    if (verify_s) {
        char *end;
        long long v = strtoll(verify_s, &end, 10);
        if (*end || v <= 0) {
            fprintf(stderr, "wenyun report: --verify takes a report's number, not '%s'\n",
                    verify_s);
            return 2;
        }
        id = v;
    } else {
        if (!year_s || !division || (!dir && !dry)) {
            fprintf(stderr, "wenyun report: --year, --division and --out are required\n\n%s",
                    usage);
            return 2;
        }
        char *end;
        long v = strtol(year_s, &end, 10);
        if (*end || end == year_s || v < 1900 || v > 2999) {
            fprintf(stderr, "wenyun report: bad year '%s': a year between 1900 and 2999\n", year_s);
            return 2;
        }
        year = (int)v;
        if (!dry && check_dir(dir) < 0)
            return 1;
    }
    wy_ctx *ctx;
    if (cli->open(cli, &ctx) < 0)
        return 1;
    int rc;
    if (verify_s) {
        rc = verify(ctx, id);
        cli->close(cli);
        return rc;
    }
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    report_figures f;
    int k = 0;
    if (report_compute(ctx, division, year, progress, &k, &f) < 0) {
        rc = fail(ctx);
        cli->close(cli);
        return rc;
    }
    fprintf(stderr, "report: %zu figures of %zu divisions computed in %.1f ms (sha256 %s)\n", f.n,
            f.ndivisions, ms_since(&t0), f.hash);
    if (dry) {
        cli->close(cli);
        return 0;
    }
    char xlsx[4096], html_path[4096];
    snprintf(xlsx, sizeof(xlsx), "%s/wenyun-report-%s-%d.xlsx", dir, f.division, year);
    snprintf(html_path, sizeof(html_path), "%s/wenyun-report-%s-%d.html", dir, f.division, year);
    strbuf h = STRBUF_INIT_MAX((size_t)16 << 20);
    report_row row;
    rc = 0;
    if (report_write_xlsx(ctx, &f, xlsx) < 0)
        rc = fail(ctx);
    else
        fprintf(stderr, "report: wrote %s\n", xlsx);
    if (!rc && report_write_html(ctx, &f, &h) < 0)
        rc = fail(ctx);
    if (!rc) {
        FILE *fp = fopen(html_path, "w");
        if (!fp || fwrite(h.buf, 1, h.len, fp) != h.len || fclose(fp) != 0) {
            fprintf(stderr, "wenyun report: cannot write %s: %s\n", html_path, strerror(errno));
            rc = 1;
        } else
            fprintf(stderr, "report: wrote %s\n", html_path);
    }
    if (!rc && report_record(ctx, &f, NULL, 0, NULL, &row) < 0)
        rc = fail(ctx);
    if (!rc) {
        fprintf(stderr,
                "report: recorded as report %lld; check it later with "
                "`wenyun report --verify %lld`\n",
                (long long)row.id, (long long)row.id);
        printf("%s\n%s\nreport %lld sha256 %s\n", xlsx, html_path, (long long)row.id, f.hash);
    }
    sb_release(&h);
    cli->close(cli);
    return rc;
}
