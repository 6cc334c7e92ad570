/*
 * cli_rewards: `wenyun rewards reconcile --db D`: the auditor's reconciliation of the points
 * book from the command line (ledger_verify: every entry's chain and every balance recomputed
 * from the entries). Prints a report; exit 0 when everything holds, 1 when something is
 * broken (the first problem named) or the database cannot be read, 2 for a usage error.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mod/rewards/rewards.h"

static const char usage[] = "usage: wenyun rewards reconcile --db FILE|URL\n";

int rewards_cli(const wy_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, 0, 'd'},
                                       {"config", required_argument, 0, 'c'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    if (argc < 2 || strcmp(argv[1], "reconcile")) {
        fputs(usage, stderr);
        return 2;
    }
    char err[512];
    int o;
    optind = 2;
    while ((o = getopt_long(argc, argv, "d:c:h", lo, NULL)) != -1) {
        switch (o) {
        case 'd':
            if (config_set(cli->cfg, "db", "url", optarg, err, sizeof(err)) < 0) {
                fprintf(stderr, "wenyun rewards: %s\n", err);
                return 2;
            }
            break;
        case 'c':
            break; /* read by main before the command runs */
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            fputs(usage, stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fputs(usage, stderr);
        return 2;
    }
    wy_ctx *ctx;
    if (cli->open(cli, &ctx) < 0)
        return 1;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ledger_report r;
    int rc = points_reconcile(ctx, &r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    if (rc < 0) {
        fprintf(stderr, "wenyun rewards reconcile: %s\n",
                ctx->err.message ? ctx->err.message : "failed");
        cli->close(cli);
        return 1;
    }
    printf("book: %s\nentries: %lld\naccounts: %lld\nresult: %s\ntime_ms: %.1f\n", POINTS_BOOK,
           (long long)r.entries, (long long)r.accounts, rc == 0 ? "ok" : "broken", ms);
    if (rc == 1)
        printf("problem: %s\nentry_id: %lld\nseq: %lld\naccount: %s\nexpected: %lld\nfound: "
               "%lld\ndetail: %s\n",
               r.problem, (long long)r.bad_id, (long long)r.bad_seq, r.account,
               (long long)r.expected, (long long)r.found, r.detail);
    cli->close(cli);
    return rc == 0 ? 0 : 1;
}
