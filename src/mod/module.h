/*
 * module: what a business module tells the application about itself. Each module folder
 * holds one module.c that defines a wy_module; mod/modules.c names every module once, and
 * the server (routes), the navigation, the periodic jobs, the demo and the API description
 * are built from that list. Adding a module is its folder, one line in modules.c, and its
 * migration (docs/architecture.md, "Adding a module").
 */
#ifndef WY_MODULE_H
#define WY_MODULE_H

#include <stddef.h>

#include "core/authz.h"
#include "core/cli.h"
#include "core/domain.h"
#include "core/indicator.h"
#include "core/jobs.h"
#include "core/lottery_record.h"
#include "core/notify.h"
#include "core/review.h"
#include "http/router.h"
#include "util/config.h"
#include "web/web.h"

#ifndef N_
#define N_(s) s /* a msgid translated where it is shown */
#endif

/* A link of the navigation (web/web.h): the main bar, the account's own links or the admin
 * console's menu, shown to callers who hold its permission, sorted by its order. The main bar
 * is ordered 10 activities, 20 venues, 30 spaces, 40 circle, 50 admin console, 60 organiser. */
typedef web_nav wy_nav;

/* A job of the module: a periodic one (fn, run every jobs.interval_s by `wenyun serve`) or a
 * kind of queued job (kind_fn). With `when`, it is registered only if when() says so once the
 * modules have started (the circle analysis: only with a walking network loaded). */
typedef struct wy_job {
    const char *name;    /* "no-shows"; a queued job's kind: "siting" */
    job_fn fn;           /* periodic */
    job_kind_fn kind_fn; /* queued */
    int (*when)(void);
} wy_job;

/* A module's contribution to a page or an answer of another module. The module that draws
 * the page names its slots and says what out and subject are (mod/venues/handlers.h:
 * VENUE_SLOT_*); modules_fill runs every module's fill for a slot, in the order of the list.
 * So the dependency points from the contributor to the host only: the activities module puts
 * its rating summary on the venue page and in the venue's JSON, and venues does not include
 * activities (scripts/check-layers.sh refuses a cycle between modules). */
typedef struct wy_slot {
    const char *slot; /* "venue.facts" */
    /* 0, or -1 with req->ctx.err set (the host decides whether the answer stands without) */
    int (*fill)(http_req *req, void *out, const void *subject);
} wy_slot;

/* A kind of notification the module sends (core/notify.h), with what the inbox makes of it.
 * The application registers the kind at start-up; the inbox module finds the rest through
 * modules_notify_kind, so it includes no module that notifies. */
typedef struct wy_notify_kind {
    const notify_kind *kind;
    /* The sentence in the reader's language (req_tr), in req's arena: from the notification's
     * snapshot (title, at) and params. */
    const char *(*text)(http_req *req, const notification *n);
    /* Optional: the kind's own fields of the item of GET /api/v1/me/notifications, added to
     * the generic ones (the activities' kinds add booking_id, session_id, activity,
     * starts_at). */
    void (*json)(const notification *n, struct json_t *item);
} wy_notify_kind;

typedef struct wy_module {
    const char *name; /* the folder's name: "venues" */
    const route *routes;
    size_t nroutes;
    const wy_nav *nav;
    size_t nnav;
    const wy_slot *slots; /* what it adds to other modules' pages and answers */
    size_t nslots;
    const char *openapi; /* its part of the API description, under the source tree */
    /* Hooks and lists of the module; every one may be left empty. mod/notices/module.c shows
     * them all. */
    /* The content types it submits for review (core/review.h), registered at start-up. */
    const review_type *const *review_types;
    size_t nreview_types;
    const wy_job *jobs;
    size_t njobs;
    /* The settings it owns beyond those of util/config.h: [section] key = value, checked as
     * declared, read with config_module_int() and its siblings. */
    const config_key *settings;
    size_t nsettings;
    const wy_indicator *indicators;
    size_t nindicators;
    /* The kinds of notification it sends, each with the inbox's sentence. */
    const wy_notify_kind *notify_kinds;
    size_t nnotify_kinds;
    /* The kinds of lottery it owns (core/lottery_record.h: who runs them, how their inputs are
     * built and their results applied), registered at start-up like the review types. */
    const lottery_kind *const *lottery_kinds;
    size_t nlottery_kinds;
    /* Once per process before anything else (the CLI too): what needs no store. */
    void (*init)(void);
    /* Start what the module runs beside the handlers (a writer thread, a loaded network), in
     * the list's order once the store is open; -1 with the reason in err. stop() undoes it, in
     * the reverse order; it is called only after a start that succeeded. */
    int (*start)(store *st, const wy_config *cfg, char *err, size_t errlen);
    void (*stop)(void);
    /* `wenyun demo`: add the module's demonstration data (the divisions and demo accounts are
     * loaded first); a second run changes nothing. verbose: say what was added on stderr. */
    int (*demo)(wy_ctx *ctx, const char *data_dir, int verbose);
    /* Commands of `wenyun` the module owns (main.c runs a command no built-in one names). */
    const wy_command *commands;
    size_t ncommands;
} wy_module;

/* Every module, in the order of the list (which is also the order of the routes). */
const wy_module *const *modules_all(size_t *n);
/* Run every module's fill for slot on (out, subject); -1 at the first that fails. */
int modules_fill(const char *slot, http_req *req, void *out, const void *subject);

/* The module's description of the notification kind name, or NULL (a kind no module sends
 * now: the inbox shows such an old notification by its title). */
const wy_notify_kind *modules_notify_kind(const char *name);

/* Hand every module's settings to util/config (before a config file is read); -1 with the
 * reason in err when two declare the same key. */
int modules_declare_settings(char *err, size_t errlen);

#endif
