/*
 * cli_tasks: `wenyun tasks import --db D --plan "TITLE" --division CODE [--dry-run] [--replace]
 * [--years 2021-2025] FILE.csv|FILE.xlsx`: a plan's task table read (taskimport.h) and, unless
 * --dry-run or a row cannot be read, written. The report says on stdout how each row was read;
 * exit 0 when imported (or a dry run found nothing refused), 1 otherwise, 2 for a usage error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli.h"
#include "mod/tasks/handlers.h"
#include "mod/tasks/tasks.h"
#include "util/config.h"
#include "util/strbuf.h"

static const char usage[] =
    "usage: wenyun tasks import --db FILE|URL --plan TITLE --division CODE [--dry-run]\n"
    "                           [--replace] [--years FROM-TO] [--config FILE] FILE.csv|FILE.xlsx\n"
    "Reads a plan's task table (序号, 工作任务, 具体内容, 时间节点, 牵头单位, 配合单位) and\n"
    "says how each row was read. Without --dry-run, and when no row is refused, the plan is\n"
    "written with its tasks and units; --replace puts the table in place of an imported plan's.\n";

static void print_units(const char *label, const taskimport_unit *u, size_t n)
{
    if (!n)
        return;
    printf("      %s:", label);
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? "、" : " ", u[i].name);
    putchar('\n');
}

static void print_report(const tasks_import_result *res)
{
    const taskimport *im = &res->im;
    for (size_t i = 0; i < im->nrows; i++) {
        const taskimport_row *r = &im->rows[i];
        printf("row %d: %s", r->line, taskimport_kind_message(r->kind));
        if (r->task >= 0)
            printf(" [%s]", im->tasks[r->task].number);
        putchar('\n');
        for (size_t k = 0; k < r->nnotes; k++)
            printf("    - %s%s%s\n", taskimport_note_message(r->notes[k].code),
                   *r->notes[k].detail ? " " : "", r->notes[k].detail);
        if (r->kind == TI_ROW_TASK || r->kind == TI_ROW_PART) {
            const taskimport_task *t = &im->tasks[r->task];
            printf("      %s — due %s%s\n", t->title, t->deadline.date ? t->deadline.date : "-",
                   t->deadline.ongoing ? " (ongoing)" : "");
            print_units("lead", t->lead, t->nlead);
            print_units("cooperating", t->coop, t->ncoop);
        }
    }
    printf("%zu tasks read, %zu rows refused, %zu warnings\n", im->ntasks, im->nrefused,
           im->nwarnings);
}

static int import(const wy_cli *cli, int argc, char **argv)
{
    static const struct option lo[] = {{"db", required_argument, 0, 'd'},
                                       {"config", required_argument, 0, 'c'},
                                       {"plan", required_argument, 0, 'p'},
                                       {"division", required_argument, 0, 'v'},
                                       {"years", required_argument, 0, 'y'},
                                       {"dry-run", no_argument, 0, 'n'},
                                       {"replace", no_argument, 0, 'r'},
                                       {"help", no_argument, 0, 'h'},
                                       {0, 0, 0, 0}};
    char err[512];
    tasks_import_input in = {0};
    int o;
    optind = 0;
    while ((o = getopt_long(argc, argv, "d:c:p:v:y:nrh", lo, NULL)) != -1) {
        switch (o) {
        case 'd':
            if (config_set(cli->cfg, "db", "url", optarg, err, sizeof(err)) < 0) {
                fprintf(stderr, "wenyun tasks: %s\n", err);
                return 2;
            }
            break;
        case 'c':
            break; /* read by main before the command runs */
        case 'p':
            in.title = optarg;
            break;
        case 'v':
            in.division = optarg;
            break;
        case 'y':
            if (sscanf(optarg, "%d-%d", &in.year_from, &in.year_to) != 2) {
                fprintf(stderr, "wenyun tasks: --years is FROM-TO, such as 2021-2025\n");
                return 2;
            }
            break;
        case 'n':
            in.dry_run = 1;
            break;
        case 'r':
            in.replace = 1;
            break;
        case 'h':
            fputs(usage, stdout);
            return 0;
        default:
            fputs(usage, stderr);
            return 2;
        }
    }
    if (optind != argc - 1 || !in.title || !in.division) {
        fputs(usage, stderr);
        return 2;
    }
    strbuf file = STRBUF_INIT;
    if (sb_read_file(&file, argv[optind]) < 0) {
        fprintf(stderr, "wenyun tasks: cannot read %s\n", argv[optind]);
        sb_release(&file);
        return 1;
    }
    in.data = file.buf;
    in.len = file.len;
    wy_ctx *ctx;
    if (cli->open(cli, &ctx) < 0) {
        sb_release(&file);
        return 1;
    }
    tasks_import_result res;
    int rc = tasks_import(ctx, &in, &res);
    print_report(&res);
    if (rc < 0)
        fprintf(stderr, "wenyun tasks import: %s%s%s\n", ctx->err.message, res.detail ? " " : "",
                res.detail ? res.detail : "");
    else if (in.dry_run)
        printf("dry run: nothing written\n");
    else
        printf("plan %lld %s: %zu tasks, %zu new units\n", (long long)res.plan_id,
               res.replaced ? "replaced" : "imported", res.im.ntasks, res.units_new);
    cli->close(cli);
    sb_release(&file);
    return rc < 0 ? 1 : 0;
}

int tasks_cli(const wy_cli *cli, int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "import"))
        return import(cli, argc - 1, argv + 1);
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        return 0;
    }
    fputs(usage, stderr);
    return 2;
}
