/* The markets module (文化市集): its description (mod/module.h). */
#include "mod/markets/market.h"
#include "mod/module.h"

static const review_type *const review_types[] = {&market_review_type};

static const wy_job jobs[] = {
    /* accepted stall-holders who did not confirm in time lapse, and the reserve list moves up;
     * no-shows are marked once a market is over */
    {.name = "market-sweep", .fn = market_job_sweep},
};

static const config_key settings[] = {
    {"markets", "page_size", CONFIG_INT, "20", 1, 100,
     "markets and applications a page of the lists holds when the caller names no limit"},
    {"markets", "max_file_kib", CONFIG_INT, "4096", 16, 8192,
     "the largest photo or licence file a stall-holder may attach, in KiB"},
};

const wy_module mod_markets = {
    .name = "markets",
    .review_types = review_types,
    .nreview_types = sizeof(review_types) / sizeof(review_types[0]),
    .jobs = jobs,
    .njobs = sizeof(jobs) / sizeof(jobs[0]),
    .settings = settings,
    .nsettings = sizeof(settings) / sizeof(settings[0]),
    .demo = markets_demo,
};
