/*
 * cli: what a module's command of `wenyun` is given (mod/module.h lists the commands of each
 * module; main.c runs the one named). Core, so that a module's rules can implement a command
 * without the router or the page kit.
 */
#ifndef WY_CORE_CLI_H
#define WY_CORE_CLI_H

#include "core/domain.h"
#include "util/config.h"

/* What `wenyun` hands a module's command: the settings read so far (the compiled defaults
 * and --config), which the command may change (config_set: its --db), and a way to open the
 * store with them as a trusted context (no principal) for the command line. */
typedef struct wy_cli {
    wy_config *cfg;
    /* 0 with *ctx, or -1 (said on stderr); close() once done */
    int (*open)(const struct wy_cli *cli, wy_ctx **ctx);
    void (*close)(const struct wy_cli *cli);
    void *priv;
} wy_cli;

/* A command of `wenyun` that a module owns: `wenyun NAME ...` runs run(cli, argc, argv) with
 * argv[0] the name; it returns the exit status (0, 1 failed, 2 usage). */
typedef struct wy_command {
    const char *name;    /* "report" */
    const char *summary; /* one line for `wenyun --help` */
    int (*run)(const wy_cli *cli, int argc, char **argv);
} wy_command;

#endif
