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
#include "core/domain.h"
#include "http/router.h"

/* A link of the navigation bar, shown to callers who hold perm. */
typedef struct wy_nav {
    const char *href;
    const char *label; /* an English msgid, translated when the bar is drawn */
    perm perm;         /* PERM_PUBLIC: everyone */
    int order;         /* the bar is sorted by it: 10 activities, 20 venues, ... */
} wy_nav;

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

typedef struct wy_module {
    const char *name; /* the folder's name: "venues" */
    const route *routes;
    size_t nroutes;
    const wy_nav *nav;
    size_t nnav;
    const wy_slot *slots; /* what it adds to other modules' pages and answers */
    size_t nslots;
    const char *openapi; /* its part of the API description, under the source tree */
} wy_module;

/* Every module, in the order of the list (which is also the order of the routes). */
const wy_module *const *modules_all(size_t *n);
/* Run every module's fill for slot on (out, subject); -1 at the first that fails. */
int modules_fill(const char *slot, http_req *req, void *out, const void *subject);

#endif
