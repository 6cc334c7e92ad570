/* The lotteries module: the core's store of draws (core/lottery_record.h) on the web: the
 * lotteries of every owner, their commitments, beacons and published files, and the staff's
 * commit and draw. It depends on nothing but the core: the owners (mod/courses for a term)
 * register their kind with the core. */
#include "mod/lotteries/handlers.h"
#include "mod/module.h"

#define API  ROUTE_API
#define READ ROUTE_READ

static const route routes[] = {
    {"GET", "/api/v1/lotteries", api_lotteries_list, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/lotteries/{id}", api_lottery_get, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/lotteries/{id}/inputs.json", api_lottery_inputs, PERM_PUBLIC, API | READ},
    {"GET", "/api/v1/lotteries/{id}/draw.json", api_lottery_draw_file, PERM_PUBLIC, API | READ},
    /* the owner's kind names the permission, checked over the lottery's division */
    {"POST", "/api/v1/lotteries/{id}/commit", api_lottery_commit, PERM_LOGGED_IN, API},
    {"POST", "/api/v1/lotteries/{id}/draw", api_lottery_draw, PERM_LOGGED_IN, API},
    /* corrections: published beside the draw, proposed by one of the kind's staff and applied
     * by another (core/lottery_record.h) */
    {"GET", "/api/v1/lotteries/{id}/corrections", api_lottery_corrections, PERM_PUBLIC, API | READ},
    {"POST", "/api/v1/lotteries/{id}/corrections", api_lottery_correction_propose, PERM_LOGGED_IN,
     API},
    {"POST", "/api/v1/lottery-corrections/{id}/apply", api_lottery_correction_apply, PERM_LOGGED_IN,
     API},
    {"POST", "/api/v1/lottery-corrections/{id}/cancel", api_lottery_correction_cancel,
     PERM_LOGGED_IN, API},
    {"GET", "/lotteries", page_lotteries, PERM_PUBLIC, READ},
    {"GET", "/lotteries/{id}", page_lottery, PERM_PUBLIC, READ},
    {"POST", "/lotteries/{id}/corrections", page_lottery_correction_propose, PERM_LOGGED_IN, 0},
    {"POST", "/lottery-corrections/{id}/apply", page_lottery_correction_apply, PERM_LOGGED_IN, 0},
    {"POST", "/lottery-corrections/{id}/cancel", page_lottery_correction_cancel, PERM_LOGGED_IN, 0},
};

const wy_module mod_lotteries = {
    .name = "lotteries",
    .routes = routes,
    .nroutes = sizeof(routes) / sizeof(routes[0]),
    .openapi = "src/mod/lotteries/openapi.json",
};
