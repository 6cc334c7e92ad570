/*
 * cli_volunteers: `wenyun volunteers verify --db D`, the check of the volunteers' ledgers
 * (hours.h, docs/volunteers.md "Verify"): the chains and balances of the books "hours" and
 * "points", and every verified hours record against its entry. Exit 0 when all holds, 1 with
 * the first broken entry or record named, 2 for a usage error. `wenyun volunteers stars --db D
 * [--division CODE]` counts the volunteers who qualify for each star level by their verified
 * hours (star.h, star_levels_count), under each one's jurisdiction's thresholds.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "core/cli.h"
#include "mod/volunteers/hours.h"
#include "mod/volunteers/star.h"
#include "util/config.h"

static const char usage[] =
    "usage: wenyun volunteers verify --db FILE|URL [--config FILE]\n"
    "       wenyun volunteers stars --db FILE|URL [--division CODE] [--config FILE]\n"
    "verify: recomputes the hash chains and every balance of the volunteers' ledgers (books\n"
    "\"hours\" and \"points\") and checks that each verified hours record has its ledger entry.\n"
    "Exit 0: everything holds; 1: the first broken entry or record is named.\n"
    "stars: how many volunteers (of a division's subtree) qualify for each star level by their\n"
    "verified hours, under their jurisdiction's thresholds.\n";

int volunteers_cli(const wy_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, 0, 'd'},
                                       {"config", required_argument, 0, 'c'},
                                       {"division", required_argument, 0, 'v'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    if (argc < 2 || (strcmp(argv[1], "verify") && strcmp(argv[1], "stars"))) {
        if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
            fputs(usage, stdout);
            return 0;
        }
        fputs(usage, stderr);
        return 2;
    }
    char err[512];
    const char *division = NULL;
    int stars = !strcmp(argv[1], "stars"), o;
    optind = 0;
    argc--;
    argv++;
    while ((o = getopt_long(argc, argv, "d:c:v:h", lo, NULL)) != -1) {
        switch (o) {
        case 'd':
            if (config_set(cli->cfg, "db", "url", optarg, err, sizeof(err)) < 0) {
                fprintf(stderr, "wenyun volunteers: %s\n", err);
                return 2;
            }
            break;
        case 'c':
            break; /* read by main before the command runs */
        case 'v':
            division = optarg;
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
        fprintf(stderr, "wenyun volunteers: unexpected argument '%s'\n\n%s", argv[optind], usage);
        return 2;
    }
    wy_ctx *ctx;
    if (cli->open(cli, &ctx) < 0)
        return 1;
    if (stars) {
        int64_t counts[STAR_LEVELS + 1];
        int res = star_levels_count(ctx, division, counts);
        if (res < 0)
            fprintf(stderr, "wenyun volunteers stars: %s (%s)\n",
                    ctx->err.message ? ctx->err.message : "failed",
                    ctx->err.code ? ctx->err.code : "error");
        else
            for (int k = 0; k <= STAR_LEVELS; k++)
                printf("%d star%s: %lld\n", k, k == 1 ? "" : "s", (long long)counts[k]);
        cli->close(cli);
        return res < 0 ? 1 : 0;
    }
    if (division) {
        fputs(usage, stderr);
        cli->close(cli);
        return 2;
    }
    hours_check c;
    int rc = hours_verify(ctx, &c);
    if (rc < 0)
        fprintf(stderr, "wenyun volunteers verify: %s (%s)\n",
                ctx->err.message ? ctx->err.message : "failed",
                ctx->err.code ? ctx->err.code : "error");
    else if (rc == 0)
        printf("volunteers verify: ok: %lld entries, %lld balances, %lld verified records hold\n",
               (long long)c.entries, (long long)c.accounts, (long long)c.records);
    else
        printf("volunteers verify: BROKEN: %s\n", c.detail);
    cli->close(cli);
    return rc == 0 ? 0 : 1;
}
