/*
 * wenyun: the command line. One binary does everything: serve, migrate, demo, user and
 * import. Settings come from the compiled defaults, then --config FILE, then flags.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/app.h"
#include "demo.h"
#include "core/account.h"
#include "mod/activities/booking.h"
#include "core/division.h"
#include "mod/timed_entry/timed_entry.h"
#include "core/jobs.h"
#include "core/lottery.h"
#include "core/member_import.h"
#include "core/notify.h"
#include "mod/venues/venue.h"
#include "geo/circle.h"
#include "mod/module.h"
#include "http/router.h"
#include "http/server.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

static const char usage_main[] =
    "usage: wenyun <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve     run the web server\n"
    "  migrate   create or update the database schema\n"
    "  demo      load the demonstration data (攀枝花市), idempotent\n"
    "  user      add one account, or import a member list from CSV\n"
    "  import    import division codes, population figures, outlines or venues\n"
    "  circle    the 15-minute cultural life circle: coverage and siting (see --help)\n"
    "  lottery   verify a lottery's draw file, or run the same draw offline (see --help)\n"
    "  timed-entry  make the coming days' entry slots of venues with timed entry\n"
    "  jobs      run the periodic jobs (reminders, ...) once; deliver due webhooks\n"
    "  routes    list every route with the permission it needs, and the roles per permission\n"
    "  modules   list the modules: routes, review types, jobs, settings, indicators\n"
    "  version   print the version\n"
    "\n"
    "Run 'wenyun <command> --help' for the options of a command.\n";

typedef struct common {
    wy_config cfg;
    const char *config_file;
    int verbose;
} common;

static const char *data_dir(void)
{
    const char *d = getenv("WY_DATA_DIR");
    return d && *d ? d : WY_SOURCE_DIR "/data";
}

/* Options every command takes: --db, --config. Returns 1 if it consumed the option. */
static int common_opt(common *c, int opt, const char *arg)
{
    char err[512];
    switch (opt) {
    case 'd':
        if (config_set(&c->cfg, "db", "url", arg, err, sizeof(err)) < 0)
            die("wenyun: %s", err);
        return 1;
    case 'c':
        c->config_file = arg;
        return 1;
    case 'v':
        c->verbose = 1;
        log_set_level(LOG_DEBUG);
        return 1;
    }
    return 0;
}

static void load_config(common *c, int argc, char **argv)
{
    /* the config file is read before the other flags, which override it */
    for (int i = 1; i < argc - 1; i++)
        if (!strcmp(argv[i], "--config") || !strcmp(argv[i], "-c")) {
            char err[512];
            if (config_load(&c->cfg, argv[i + 1], err, sizeof(err)) < 0)
                die("wenyun: %s", err);
        }
}

/* The database URL as it may be printed (no password). */
static const char *redacted(const char *url)
{
    static char buf[1100];
    db_redact(url, buf, sizeof(buf));
    return buf;
}

static void ensure_parent_dir(const char *path)
{
    if (strstr(path, "://") || strchr(path, '='))
        return; /* a database server, not a file */
    if (!strncmp(path, "sqlite:", 7))
        path += 7;
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s", path);
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return;
    *slash = '\0';
    if (mkdir(buf, 0755) < 0 && errno != EEXIST)
        die("wenyun: cannot create directory %s: %s", buf, strerror(errno));
}

static void open_app(app *a, common *c)
{
    char err[512];
    ensure_parent_dir(c->cfg.db_url);
    if (app_init(a, &c->cfg, err, sizeof(err)) < 0)
        die("wenyun: %s", err);
}

/* A domain context for the command line (trusted: no principal). */
typedef struct cli_ctx {
    app a;
    arena ar;
    wy_ctx ctx;
} cli_ctx;

static void cli_open(cli_ctx *cc, common *c)
{
    open_app(&cc->a, c);
    arena_init(&cc->ar, (size_t)1 << 30);
    cc->ctx = (wy_ctx){.c = store_acquire(cc->a.st),
                       .a = &cc->ar,
                       .cfg = &cc->a.cfg,
                       .now = time_now_ms(),
                       .ip = "cli"};
    db_guard(cc->ctx.c, &cc->ar);
}

static void cli_close(cli_ctx *cc)
{
    store_release(cc->a.st, cc->ctx.c);
    arena_free(&cc->ar);
    app_close(&cc->a);
}

#define COMMON_LONGOPTS                                                                            \
    {"db", required_argument, 0, 'd'}, {"config", required_argument, 0, 'c'},                      \
        {"verbose", no_argument, 0, 'v'},                                                          \
    {                                                                                              \
        "help", no_argument, 0, 'h'                                                                \
    }

static int cmd_serve(int argc, char **argv, common *c)
{
    static const char usage[] =
        "usage: wenyun serve [--db FILE|URL] [--listen HOST:PORT] [--threads N] [--config FILE]\n"
        "  --db FILE|URL      the SQLite file (default var/wenyun.db) or a postgresql:// URL\n"
        "  --listen H:P       address to listen on (default 127.0.0.1:8080; port 0 picks one)\n"
        "  --threads N        worker threads\n"
        "  --config FILE      settings file (see docs/operating.md)\n"
        "  --port-file FILE   write the bound port to FILE once listening\n";
    static const struct option lo[] = {COMMON_LONGOPTS,
                                       {"listen", required_argument, 0, 'l'},
                                       {"threads", required_argument, 0, 't'},
                                       {"port-file", required_argument, 0, 'p'},
                                       {0, 0, 0, 0}};
    const char *port_file = NULL;
    char err[512];
    int o;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1) {
        if (common_opt(c, o, optarg))
            continue;
        if (o == 'l' && config_set(&c->cfg, "server", "listen", optarg, err, sizeof(err)) < 0)
            die("wenyun: %s", err);
        else if (o == 't' && config_set(&c->cfg, "server", "threads", optarg, err, sizeof(err)) < 0)
            die("wenyun: %s", err);
        else if (o == 'p')
            port_file = optarg;
        else if (o == 'h') {
            fputs(usage, stdout);
            return 0;
        } else if (o != 'l' && o != 't') {
            fputs(usage, stderr);
            return 2;
        }
    }
    /* SIGINT and SIGTERM are blocked before any thread starts, so every thread inherits the
     * mask and only the sigwait() below takes them: a handler could run on whichever thread
     * the kernel picks and leave this one asleep. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    signal(SIGPIPE, SIG_IGN);
    app a;
    open_app(&a, c);
    http_server *srv;
    if (app_start_background(&a, err, sizeof(err)) < 0 ||
        http_server_start(&a, &srv, err, sizeof(err)) < 0) {
        app_close(&a);
        die("wenyun: %s", err);
    }
    int port = http_server_port(srv);
    if (port_file) {
        FILE *f = fopen(port_file, "w");
        if (f) {
            fprintf(f, "%d\n", port);
            fclose(f);
        }
    }
    log_info("wenyun %s serving on %s (port %d), database %s, %d threads", WY_VERSION, a.cfg.listen,
             port, redacted(a.cfg.db_url), a.cfg.threads);
    int sig;
    while (sigwait(&stop_signals, &sig) != 0)
        ;
    log_info("shutting down: finishing requests in flight");
    /* no new connections; the requests in flight finish, the parked bookings with them */
    http_server_quiesce(srv, a.cfg.shutdown_grace_s * 1000);
    booking_service_stop(); /* books what is still queued and wakes its connections */
    app_stop_background();
    http_server_stop(srv);
    app_close(&a);
    log_info("stopped");
    return 0;
}

static int cmd_migrate(int argc, char **argv, common *c)
{
    static const struct option lo[] = {COMMON_LONGOPTS, {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1)
        if (!common_opt(c, o, optarg)) {
            fputs("usage: wenyun migrate --db FILE|URL [--config FILE]\n",
                  o == 'h' ? stdout : stderr);
            return o == 'h' ? 0 : 2;
        }
    app a;
    open_app(&a, c); /* app_init migrates */
    printf("database %s is up to date\n", redacted(a.cfg.db_url));
    app_close(&a);
    return 0;
}

static int cmd_demo(int argc, char **argv, common *c)
{
    static const struct option lo[] = {COMMON_LONGOPTS, {0, 0, 0, 0}};
    int o;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1)
        if (!common_opt(c, o, optarg)) {
            fputs("usage: wenyun demo --db FILE|URL [--config FILE]\n"
                  "Loads 攀枝花市 (5104): divisions down to villages, population, demo accounts\n"
                  "and notices. Running it again changes nothing.\n",
                  o == 'h' ? stdout : stderr);
            return o == 'h' ? 0 : 2;
        }
    cli_ctx cc;
    cli_open(&cc, c);
    int rc = demo_load(&cc.ctx, data_dir(), 1);
    if (rc == 0) {
        printf("demo data loaded into %s: %lld divisions in %s\n\n", redacted(cc.a.cfg.db_url),
               (long long)store_division_count(cc.ctx.c, DEMO_CITY), DEMO_CITY);
        printf("demo accounts (mobile / password):\n");
        for (int i = 0; i < demo_naccounts; i++)
            printf("  %-12s %-14s %s\n", demo_accounts[i].phone, demo_accounts[i].password,
                   demo_accounts[i].what);
    }
    cli_close(&cc);
    return rc == 0 ? 0 : 1;
}

static int cmd_timed_entry(int argc, char **argv, common *c)
{
    static const char usage[] =
        "usage: wenyun timed-entry generate --db FILE|URL [--config FILE]\n"
        "Makes the entry slots of the coming days for every venue with timed entry (参观预约)\n"
        "that has not had them made today. Safe to run at any time, as often as wanted.\n";
    static const struct option lo[] = {COMMON_LONGOPTS, {0, 0, 0, 0}};
    if (argc < 2 || strcmp(argv[1], "generate")) {
        int help = argc >= 2 && !strcmp(argv[1], "--help");
        fputs(usage, help ? stdout : stderr);
        return help ? 0 : 2;
    }
    argc--;
    argv++;
    int o;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1)
        if (!common_opt(c, o, optarg)) {
            fputs(usage, o == 'h' ? stdout : stderr);
            return o == 'h' ? 0 : 2;
        }
    cli_ctx cc;
    cli_open(&cc, c);
    int n = timed_entry_generate(&cc.ctx);
    if (n < 0)
        fprintf(stderr, "wenyun: timed entry: %s\n",
                cc.ctx.err.message ? cc.ctx.err.message : "failed");
    else
        printf("timed entry: %d sessions created\n", n);
    cli_close(&cc);
    return n < 0 ? 1 : 0;
}

static char *read_password_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("wenyun: cannot read password file %s: %s", path, strerror(errno));
    char buf[256];
    if (!fgets(buf, sizeof(buf), f))
        buf[0] = '\0';
    fclose(f);
    buf[strcspn(buf, "\r\n")] = '\0';
    return strdup(buf);
}

static void progress(int done, int total, void *user)
{
    (void)user;
    fprintf(stderr, "  %d of %d rows\n", done, total);
}

static int cmd_user(int argc, char **argv, common *c)
{
    static const char usage[] =
        "usage: wenyun user add --db FILE --phone P --name N --password-file F\n"
        "                       [--role ROLE --division CODE]\n"
        "       wenyun user import --db FILE --csv FILE [--dry-run]\n"
        "CSV columns: phone,name[,password[,role,division]] (a header line is optional).\n"
        "A row without a password makes an account that its member activates with a code\n"
        "sent by SMS (\"forgot password\"); passwords given are hashed on every core.\n"
        "Roles: citizen, venue_manager, teacher, provider, volunteer_coordinator, reviewer,\n"
        "       district_admin, city_admin, auditor, planner.\n";
    if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "import"))) {
        fputs(usage, argc >= 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
        return argc >= 2 && !strcmp(argv[1], "--help") ? 0 : 2;
    }
    int is_add = !strcmp(argv[1], "add");
    static const struct option lo[] = {COMMON_LONGOPTS,
                                       {"phone", required_argument, 0, 'P'},
                                       {"name", required_argument, 0, 'N'},
                                       {"password-file", required_argument, 0, 'F'},
                                       {"role", required_argument, 0, 'R'},
                                       {"division", required_argument, 0, 'D'},
                                       {"csv", required_argument, 0, 'C'},
                                       {"dry-run", no_argument, 0, 'n'},
                                       {0, 0, 0, 0}};
    const char *phone = NULL, *name = NULL, *pwfile = NULL, *role = NULL, *div = NULL, *csv = NULL;
    int dry = 0, o;
    optind = 2;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1) {
        if (common_opt(c, o, optarg))
            continue;
        switch (o) {
        case 'P':
            phone = optarg;
            break;
        case 'N':
            name = optarg;
            break;
        case 'F':
            pwfile = optarg;
            break;
        case 'R':
            role = optarg;
            break;
        case 'D':
            div = optarg;
            break;
        case 'C':
            csv = optarg;
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
    if (is_add ? !(phone && name && pwfile) : !csv) {
        fputs(usage, stderr);
        return 2;
    }
    cli_ctx cc;
    cli_open(&cc, c);
    int rc = 0;
    if (is_add) {
        char *pw = read_password_file(pwfile);
        int64_t id;
        if (account_create(&cc.ctx, phone, pw, name, role, div, &id) < 0) {
            fprintf(stderr, "wenyun: %s%s%s\n", cc.ctx.err.message, cc.ctx.err.field ? " — " : "",
                    cc.ctx.err.field ? cc.ctx.err.field : "");
            rc = 1;
        } else {
            printf("account %lld created for %s\n", (long long)id, phone);
        }
        free(pw);
    } else {
        strbuf sb = STRBUF_INIT;
        if (sb_read_file(&sb, csv) < 0)
            die("wenyun: cannot read %s (missing, or too large)", csv);
        account_import_result res;
        fprintf(stderr, "importing %s%s\n", csv, dry ? " (dry run: nothing is saved)" : "");
        if (account_import_csv(&cc.ctx, sb.buf, sb.len, dry, progress, NULL, &res) < 0) {
            fprintf(stderr, "wenyun: %s\n", cc.ctx.err.message);
            rc = 1;
        } else {
            for (size_t i = 0; i < res.nlines; i++)
                if (!res.lines[i].ok)
                    printf("%s:%d: rejected %s: %s\n", csv, res.lines[i].line, res.lines[i].phone,
                           res.lines[i].reason);
            printf("%d accepted, %d rejected%s\n", res.accepted, res.rejected,
                   dry ? " (dry run)" : "");
            rc = res.rejected ? 1 : 0;
        }
        sb_release(&sb);
    }
    cli_close(&cc);
    return rc;
}

static int cmd_import_boundaries(int argc, char **argv, common *c)
{
    static const struct option lo[] = {COMMON_LONGOPTS,
                                       {"parent", required_argument, 0, 'P'},
                                       {"crs", required_argument, 0, 'C'},
                                       {0, 0, 0, 0}};
    const char *parent = NULL, *crs = "wgs84";
    int o;
    optind = 2;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1) {
        if (common_opt(c, o, optarg))
            continue;
        if (o == 'P')
            parent = optarg;
        else if (o == 'C')
            crs = optarg;
        else {
            fputs("usage: wenyun import boundaries --db FILE --parent CODE [--crs gcj02] "
                  "FILE.geojson\n",
                  o == 'h' ? stdout : stderr);
            return o == 'h' ? 0 : 2;
        }
    }
    if (!parent || optind != argc - 1 || (strcmp(crs, "wgs84") && strcmp(crs, "gcj02"))) {
        fputs("usage: wenyun import boundaries --db FILE --parent CODE [--crs gcj02|wgs84] "
              "FILE.geojson\n",
              stderr);
        return 2;
    }
    cli_ctx cc;
    cli_open(&cc, c);
    import_report rep;
    int rc = division_import_shapes(&cc.ctx, argv[optind], parent, !strcmp(crs, "gcj02"), &rep);
    if (rc < 0)
        fprintf(stderr, "wenyun: %s\n", cc.ctx.err.message);
    else
        printf("%d outlines read, %d stored, %d rejected\n", rep.read, rep.accepted, rep.rejected);
    cli_close(&cc);
    return rc < 0 ? 1 : 0;
}

static const char venues_usage[] =
    "usage: wenyun import venues --db FILE [--dry-run] [--crs gcj02] FILE.csv|FILE.geojson\n"
    "       wenyun import venues --db FILE [--dry-run] --osm --division CODE\n"
    "                            [--tags amenity=library,tourism=museum,...] FILE.osm.pbf\n";

static int cmd_import_venues(int argc, char **argv, common *c)
{
    static const struct option lo[] = {COMMON_LONGOPTS,
                                       {"crs", required_argument, 0, 'C'},
                                       {"dry-run", no_argument, 0, 'n'},
                                       {"osm", no_argument, 0, 'O'},
                                       {"division", required_argument, 0, 'D'},
                                       {"tags", required_argument, 0, 'T'},
                                       {0, 0, 0, 0}};
    const char *crs = NULL, *division = NULL, *tags = NULL;
    int dry = 0, osm = 0, o;
    optind = 2;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1) {
        if (common_opt(c, o, optarg))
            continue;
        if (o == 'C')
            crs = optarg;
        else if (o == 'n')
            dry = 1;
        else if (o == 'O')
            osm = 1;
        else if (o == 'D')
            division = optarg;
        else if (o == 'T')
            tags = optarg;
        else {
            fputs(venues_usage, o == 'h' ? stdout : stderr);
            return o == 'h' ? 0 : 2;
        }
    }
    if (optind != argc - 1 || (osm && !division)) {
        fputs(venues_usage, stderr);
        return 2;
    }
    const char *file = argv[optind];
    if (osm) {
        cli_ctx cc;
        cli_open(&cc, c);
        venue_import_result res;
        fprintf(stderr, "importing the points of interest of %s%s\n", file,
                dry ? " (dry run: nothing is saved)" : "");
        int rc = venue_import_osm(&cc.ctx, file, NULL, 0, tags, division, dry, &res);
        if (rc < 0)
            fprintf(stderr, "wenyun: %s\n", cc.ctx.err.message);
        else {
            for (size_t i = 0; i < res.nlines; i++)
                if (!res.lines[i].ok)
                    printf("%s: POI %d (%s) rejected: %s\n", file, res.lines[i].line,
                           res.lines[i].external_id ? res.lines[i].external_id : "",
                           res.lines[i].reason);
            printf("%d created, %d updated, %d rejected%s\n", res.created, res.updated,
                   res.rejected, dry ? " (dry run)" : "");
        }
        cli_close(&cc);
        return rc < 0 ? 1 : 0;
    }
    size_t fl = strlen(file);
    const char *format = fl > 5 && (!strcmp(file + fl - 5, ".json") ||
                                    (fl > 8 && !strcmp(file + fl - 8, ".geojson")))
                             ? "geojson"
                             : "csv";
    strbuf sb = STRBUF_INIT;
    if (sb_read_file(&sb, file) < 0)
        die("wenyun: cannot read %s (missing, or too large)", file);
    cli_ctx cc;
    cli_open(&cc, c);
    venue_import_result res;
    fprintf(stderr, "importing %s (%s)%s\n", file, format,
            dry ? ", dry run: nothing is saved" : "");
    int rc = venue_import(&cc.ctx, format, crs, sb.buf, sb.len, dry, &res);
    if (rc < 0) {
        fprintf(stderr, "wenyun: %s\n", cc.ctx.err.message);
    } else {
        for (size_t i = 0; i < res.nlines; i++)
            if (!res.lines[i].ok)
                printf("%s:%d: rejected %s: %s\n", file, res.lines[i].line,
                       res.lines[i].external_id ? res.lines[i].external_id : "",
                       res.lines[i].reason);
        printf("%d created, %d updated, %d rejected%s\n", res.created, res.updated, res.rejected,
               dry ? " (dry run)" : "");
        rc = res.rejected ? 1 : 0;
    }
    sb_release(&sb);
    cli_close(&cc);
    return rc < 0 ? 1 : rc;
}

static int cmd_import(int argc, char **argv, common *c)
{
    static const char usage[] =
        "usage: wenyun import divisions --db FILE [--only CODE] FILE.csv...\n"
        "       wenyun import population --db FILE [--only CODE] FILE.csv\n"
        "       wenyun import boundaries --db FILE --parent CODE [--crs gcj02] FILE.geojson\n"
        "       wenyun import venues --db FILE [--dry-run] [--crs gcj02] FILE.csv|FILE.geojson\n"
        "       wenyun import venues --db FILE --osm --division CODE [--tags K=V,...] FILE.pbf\n"
        "Division files have the columns code,name (the national statistical codes);\n"
        "--only keeps one subtree (and its ancestors). Boundaries are matched by name among\n"
        "the children of --parent. Venue files: see docs/operating.md.\n";
    if (argc >= 2 && !strcmp(argv[1], "boundaries"))
        return cmd_import_boundaries(argc, argv, c);
    if (argc >= 2 && !strcmp(argv[1], "venues"))
        return cmd_import_venues(argc, argv, c);
    if (argc < 2 || (strcmp(argv[1], "divisions") && strcmp(argv[1], "population"))) {
        fputs(usage, argc >= 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
        return argc >= 2 && !strcmp(argv[1], "--help") ? 0 : 2;
    }
    int pop = !strcmp(argv[1], "population");
    static const struct option lo[] = {
        COMMON_LONGOPTS, {"only", required_argument, 0, 'o'}, {0, 0, 0, 0}};
    const char *only = NULL;
    char onlyn[DIVISION_CODE_MAX];
    int o;
    optind = 2;
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1) {
        if (common_opt(c, o, optarg))
            continue;
        if (o == 'o') {
            if (division_normalize(optarg, onlyn) < 0)
                die("wenyun: --only wants a division code");
            only = onlyn;
        } else {
            fputs(usage, o == 'h' ? stdout : stderr);
            return o == 'h' ? 0 : 2;
        }
    }
    if (optind >= argc || (pop && argc - optind != 1)) {
        fputs(usage, stderr);
        return 2;
    }
    cli_ctx cc;
    cli_open(&cc, c);
    import_report rep;
    int rc = pop ? division_import_population(&cc.ctx, argv[optind], only, &rep)
                 : division_import_files(&cc.ctx, argv + optind, argc - optind, only, 1, &rep);
    if (rc < 0)
        fprintf(stderr, "wenyun: %s\n", cc.ctx.err.message);
    else
        printf("%d rows read, %d accepted, %d rejected\n", rep.read, rep.accepted, rep.rejected);
    cli_close(&cc);
    return rc < 0 ? 1 : 0;
}

/* Venues of a database for `wenyun circle --db`: the open venues with a location (of a
 * division's subtree when given). */
static int circle_db_venues(const char *dbu, const char *division, arena *a, circle_venue **out,
                            size_t *n, char *err, size_t errlen)
{
    store *st;
    if (store_open(dbu, 1, 5000, &st, err, errlen) != WY_OK)
        return -1;
    char div[DIVISION_CODE_MAX];
    venue_filter f = {.limit = 1000000};
    if (division && *division) {
        if (division_normalize(division, div) < 0) {
            snprintf(err, errlen, "--division wants a division code");
            store_close(st);
            return -1;
        }
        f.prefix = div;
    }
    db *c = store_acquire(st);
    venue *vs;
    size_t nv;
    int rc = store_venue_list(c, a, &f, &vs, &nv);
    store_release(st, c);
    store_close(st);
    if (rc != WY_OK) {
        snprintf(err, errlen, "cannot read the venues of %s", redacted(dbu));
        return -1;
    }
    circle_venue *cv = calloc(nv + 1, sizeof(*cv));
    if (!cv)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < nv; i++)
        if (!isnan(vs[i].lon) && !strcmp(vs[i].status, "open"))
            circle_venue_set(&cv[k++], vs[i].lon, vs[i].lat, vs[i].category, vs[i].name,
                             arena_sprintf(a, "venue/%lld", (long long)vs[i].id));
    *out = cv;
    *n = k;
    return 0;
}

static int cmd_jobs(int argc, char **argv, common *c)
{
    static const struct option lo[] = {COMMON_LONGOPTS,
                                       {"once", no_argument, 0, 'o'},
                                       {"list", no_argument, 0, 'l'},
                                       {"run", required_argument, 0, 'r'},
                                       {0, 0, 0, 0}};
    int o, once = 0, list = 0, nrun = 0;
    const char *run[16];
    while ((o = getopt_long(argc, argv, "d:c:vh", lo, NULL)) != -1) {
        if (common_opt(c, o, optarg))
            continue;
        if (o == 'o' || o == 'l') {
            *(o == 'o' ? &once : &list) = 1;
            continue;
        }
        if (o == 'r' && nrun < (int)(sizeof(run) / sizeof(run[0]))) {
            run[nrun++] = optarg;
            continue;
        }
        fputs(
            "usage: wenyun jobs --once | --run NAME [--run NAME ...] | --list\n"
            "                   --db FILE|URL [--config FILE]\n"
            "--once runs every periodic job once (day-before reminders, ...), then the queued\n"
            "jobs this process can run (siting, with circle.osm_file), then one pass of webhook\n"
            "delivery over the due outbox. --run runs the named periodic jobs once, in order\n"
            "(at most 16). --list names the periodic jobs. `wenyun serve` runs them on its own.\n",
            o == 'h' ? stdout : stderr);
        return o == 'h' ? 0 : 2;
    }
    if (once + list + (nrun > 0) != 1 || optind < argc) {
        fputs("wenyun jobs: give one of --once, --run NAME or --list (serve runs the jobs "
              "periodically)\n",
              stderr);
        return 2;
    }
    app a;
    open_app(&a, c);
    if (list) {
        for (int i = 0; jobs_name(i); i++)
            printf("%s\n", jobs_name(i));
        app_close(&a);
        return 0;
    }
    if (nrun) {
        for (int i = 0; i < nrun; i++) { /* every name known before any job runs */
            int j = 0;
            while (jobs_name(j) && strcmp(jobs_name(j), run[i]))
                j++;
            if (!jobs_name(j)) {
                fprintf(stderr, "wenyun jobs: no periodic job is called '%s' (see --list)\n",
                        run[i]);
                app_close(&a);
                return 2;
            }
        }
        int failed = 0;
        for (int i = 0; i < nrun; i++) {
            if (jobs_run_one(a.st, &a.cfg, run[i]) < 0)
                failed++;
            else
                printf("%s ran\n", run[i]);
        }
        app_close(&a);
        if (failed) {
            fprintf(stderr, "wenyun jobs: %d job(s) failed\n", failed);
            return 1;
        }
        return 0;
    }
    int failed = jobs_run_all(a.st, &a.cfg);
    int queued = jobs_run_queued(a.st, &a.cfg);     /* those this process can run: siting needs
                                                        circle.osm_file */
    while (notify_deliver_once(a.st, &a.cfg) == 32) /* a full batch: there may be more */
        ;
    app_close(&a);
    if (failed) {
        fprintf(stderr, "wenyun jobs: %d job(s) failed\n", failed);
        return 1;
    }
    printf("jobs ran; %d queued job(s) ran\n", queued);
    return 0;
}

static const struct {
    int flag;
    const char *name;
} route_flag_names[] = {
    {ROUTE_API, "api"}, {ROUTE_NO_CSRF, "no_csrf"}, {ROUTE_READ, "read"}, {ROUTE_CACHE, "cache"}};
#define NROUTE_FLAGS (sizeof(route_flag_names) / sizeof(route_flag_names[0]))

/* The route table and the roles of every permission, as the server holds them. The security
 * test (tests/http/security_routes.test.mjs) takes its routes and the roles of each permission
 * from here, so a route added later is tested without being copied anywhere. Needs no
 * database. */
static int cmd_routes(int argc, char **argv)
{
    static const char usage[] =
        "usage: wenyun routes [--json]\n"
        "Lists every route: method, path pattern, the permission a caller needs, flags; then\n"
        "the roles that carry each permission. --json prints the same as one JSON object:\n"
        "{routes: [{method, pattern, permission, flags}], permissions: {name: [role]}, roles}\n";
    int as_json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            as_json = 1;
        else {
            int help = !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");
            fputs(usage, help ? stdout : stderr);
            return help ? 0 : 2;
        }
    }
    size_t n;
    const route *t = routes_table(&n);
    if (!as_json) {
        for (size_t i = 0; i < n; i++) {
            char flags[64] = "";
            for (size_t k = 0; k < NROUTE_FLAGS; k++)
                if (t[i].flags & route_flag_names[k].flag)
                    snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags), "%s%s",
                             flags[0] ? "," : "", route_flag_names[k].name);
            /* no trailing blanks: the permission is padded only when flags follow */
            printf("%-7s %-44s %-*s%s%s\n", t[i].method, t[i].pattern, flags[0] ? 16 : 0,
                   perm_name(t[i].perm), flags[0] ? " " : "", flags);
        }
        printf("\n%-16s roles\n", "permission");
        for (int p = PERM_PUBLIC; p < PERM_COUNT; p++) {
            printf("%-16s", perm_name((perm)p));
            if (p == PERM_PUBLIC || p == PERM_LOGGED_IN)
                printf(" %s", p == PERM_PUBLIC ? "(anyone)" : "(any account)");
            const char *sep = " ";
            for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
                if (authz_role_carries((role)r, (perm)p)) {
                    printf("%s%s", sep, role_name((role)r));
                    sep = ", ";
                }
            putchar('\n');
        }
        return 0;
    }
    json_t *routes = json_array(), *perms = json_object(), *roles = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *flags = json_array();
        for (size_t k = 0; k < NROUTE_FLAGS; k++)
            if (t[i].flags & route_flag_names[k].flag)
                json_array_append_new(flags, json_string(route_flag_names[k].name));
        json_array_append_new(routes, json_pack("{s:s,s:s,s:s,s:o}", "method", t[i].method,
                                                "pattern", t[i].pattern, "permission",
                                                perm_name(t[i].perm), "flags", flags));
    }
    for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
        json_array_append_new(roles, json_string(role_name((role)r)));
    for (int p = PERM_PUBLIC; p < PERM_COUNT; p++) {
        json_t *holders = json_array();
        for (int r = ROLE_NONE + 1; r < ROLE_COUNT; r++)
            if (authz_role_carries((role)r, (perm)p))
                json_array_append_new(holders, json_string(role_name((role)r)));
        json_object_set_new(perms, perm_name((perm)p), holders);
    }
    json_t *doc =
        json_pack("{s:o,s:o,s:o}", "routes", routes, "permissions", perms, "roles", roles);
    json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(doc);
    return 0;
}

/* What each module brings: operators see which settings exist and which jobs a server runs. */
static int cmd_modules(int argc, char **argv, common *c)
{
    static const char usage[] =
        "usage: wenyun modules [--config FILE]\n"
        "Lists the modules in the order of the list: their routes, navigation links, review\n"
        "types, periodic jobs and queued job kinds, settings (value, type, range, default and\n"
        "what it does), indicators and kinds of notification.\n";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--config") || !strcmp(argv[i], "-c")) {
            i++; /* read by load_config */
            continue;
        }
        int help = !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");
        fputs(usage, help ? stdout : stderr);
        return help ? 0 : 2;
    }
    static const char *const types[] = {"text", "whole number", "true/false", "number"};
    size_t n;
    const wy_module *const *mods = modules_all(&n);
    for (size_t i = 0; i < n; i++) {
        const wy_module *m = mods[i];
        printf("%s: %zu routes, %zu navigation links%s\n", m->name, m->nroutes, m->nnav,
               m->demo ? ", demo data" : "");
        for (size_t j = 0; j < m->nreview_types; j++)
            printf("  review type %s\n", m->review_types[j]->name);
        for (size_t j = 0; j < m->njobs; j++)
            printf("  %s %s%s\n", m->jobs[j].kind_fn ? "queued job kind" : "periodic job",
                   m->jobs[j].name, m->jobs[j].when ? " (only where its data is loaded)" : "");
        for (size_t j = 0; j < m->nsettings; j++) {
            const config_key *k = &m->settings[j];
            printf("  setting [%s] %s = %s (%s", k->section, k->key,
                   config_module_str(&c->cfg, k->section, k->key), types[k->type]);
            if (k->type == CONFIG_INT || k->type == CONFIG_DBL)
                printf(", %g to %g", k->min, k->max);
            printf(", default %s): %s\n", k->def[0] ? k->def : "empty", k->doc);
        }
        for (size_t j = 0; j < m->nindicators; j++)
            printf("  indicator %s: %s (%s)\n", m->indicators[j].code, m->indicators[j].name,
                   m->indicators[j].unit);
        for (size_t j = 0; j < m->nnotify_kinds; j++)
            printf("  notification kind %s%s\n", m->notify_kinds[j].kind->name,
                   m->notify_kinds[j].kind->repeats ? "" : " (once per person and subject)");
        for (size_t j = 0; j < m->nlottery_kinds; j++)
            printf("  lottery kind %s\n", m->lottery_kinds[j]->name);
        for (size_t j = 0; j < m->ncommands; j++)
            printf("  command wenyun %s: %s\n", m->commands[j].name, m->commands[j].summary);
    }
    return 0;
}

/* Commands the modules own (mod/module.h, wy_command): found by name, run with a way to open
 * the store as the built-in commands do. */
static const wy_command *module_command(const char *name)
{
    size_t nm;
    const wy_module *const *mods = modules_all(&nm);
    for (size_t i = 0; i < nm; i++)
        for (size_t j = 0; j < mods[i]->ncommands; j++)
            if (!strcmp(mods[i]->commands[j].name, name))
                return &mods[i]->commands[j];
    return NULL;
}

static void print_module_commands(FILE *f)
{
    size_t nm;
    int first = 1;
    const wy_module *const *mods = modules_all(&nm);
    for (size_t i = 0; i < nm; i++)
        for (size_t j = 0; j < mods[i]->ncommands; j++, first = 0)
            fprintf(f, "%s  %-9s %s\n", first ? "\ncommands of the modules:\n" : "",
                    mods[i]->commands[j].name, mods[i]->commands[j].summary);
}

static int module_cli_open(const wy_cli *cli, wy_ctx **ctx)
{
    cli_ctx *cc = cli->priv;
    common c = {.cfg = *cli->cfg};
    cli_open(cc, &c);
    *ctx = &cc->ctx;
    return 0;
}

static void module_cli_close(const wy_cli *cli)
{
    cli_close(cli->priv);
}

static int run_module_command(const wy_command *mc, int argc, char **argv, common *c)
{
    cli_ctx cc;
    wy_cli cli = {.cfg = &c->cfg, .open = module_cli_open, .close = module_cli_close, .priv = &cc};
    return mc->run(&cli, argc, argv);
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(usage_main, argc < 2 ? stderr : stdout);
        print_module_commands(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    common c = {0};
    char err[512];
    if (modules_declare_settings(err, sizeof(err)) < 0)
        die("wenyun: %s", err);
    config_defaults(&c.cfg);
    load_config(&c, argc, argv);
    const char *cmd = argv[1];
    argc--;
    argv++;
    if (!strcmp(cmd, "serve"))
        return cmd_serve(argc, argv, &c);
    if (!strcmp(cmd, "migrate"))
        return cmd_migrate(argc, argv, &c);
    if (!strcmp(cmd, "demo"))
        return cmd_demo(argc, argv, &c);
    if (!strcmp(cmd, "user"))
        return cmd_user(argc, argv, &c);
    if (!strcmp(cmd, "import"))
        return cmd_import(argc, argv, &c);
    if (!strcmp(cmd, "timed-entry"))
        return cmd_timed_entry(argc, argv, &c);
    if (!strcmp(cmd, "jobs"))
        return cmd_jobs(argc, argv, &c);
    if (!strcmp(cmd, "routes"))
        return cmd_routes(argc, argv);
    if (!strcmp(cmd, "modules"))
        return cmd_modules(argc, argv, &c);
    if (!strcmp(cmd, "circle")) {
        circle_cli_set_db_loader(circle_db_venues);
        return circle_main(argc, argv);
    }
    if (!strcmp(cmd, "lottery"))
        return lottery_main(argc, argv);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("wenyun %s\n", WY_VERSION);
        return 0;
    }
    const wy_command *mc = module_command(cmd);
    if (mc)
        return run_module_command(mc, argc, argv, &c);
    fprintf(stderr, "wenyun: unknown command '%s'\n\n%s", cmd, usage_main);
    print_module_commands(stderr);
    return 2;
}
