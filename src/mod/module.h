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

typedef struct wy_module {
    const char *name; /* the folder's name: "venues" */
    const route *routes;
    size_t nroutes;
    const wy_nav *nav;
    size_t nnav;
    const char *openapi; /* its part of the API description, under the source tree */
} wy_module;

/* Every module, in the order of the list (which is also the order of the routes). */
const wy_module *const *modules_all(size_t *n);

#endif
