/*
 * modules: the one list of wenyun's modules. A new module adds its line here (and its
 * migration under sql/); nothing else outside its folder changes.
 */
#include "mod/module.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MODULES(X)                                                                                 \
    X(site)                                                                                        \
    X(accounts)                                                                                    \
    X(admin)                                                                                       \
    X(notices)                                                                                     \
    X(venues)                                                                                      \
    X(circles)                                                                                     \
    X(activities)                                                                                  \
    X(timed_entry)                                                                                 \
    X(courses)                                                                                     \
    X(certificates)                                                                                \
    X(spaces)                                                                                      \
    X(indicators)                                                                                  \
    X(markets)                                                                                     \
    X(inbox)                                                                                       \
    X(lotteries)                                                                                   \
    X(volunteers)                                                                                  \
    X(rewards)                                                                                     \
    X(exchange)                                                                                    \
    X(tasks)                                                                                       \
    X(linkage)                                                                                     \
    X(feedback)                                                                                    \
    X(assessments)

#define DECLARE(m) extern const wy_module mod_##m;
MODULES(DECLARE)
#undef DECLARE

#define ENTRY(m) &mod_##m,
static const wy_module *const all[] = {MODULES(ENTRY)};
#undef ENTRY

const wy_module *const *modules_all(size_t *n)
{
    *n = sizeof(all) / sizeof(all[0]);
    return all;
}

int modules_fill(const char *slot, http_req *req, void *out, const void *subject)
{
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        for (size_t k = 0; k < all[i]->nslots; k++)
            if (!strcmp(all[i]->slots[k].slot, slot) &&
                all[i]->slots[k].fill(req, out, subject) < 0)
                return -1;
    return 0;
}

const wy_notify_kind *modules_notify_kind(const char *name)
{
    for (size_t i = 0; name && i < sizeof(all) / sizeof(all[0]); i++)
        for (size_t k = 0; k < all[i]->nnotify_kinds; k++)
            if (!strcmp(all[i]->notify_kinds[k].kind->name, name))
                return &all[i]->notify_kinds[k];
    return NULL;
}

int modules_declare_settings(char *err, size_t errlen)
{
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        if (config_declare(all[i]->settings, all[i]->nsettings, err, errlen) < 0)
            return -1;
    return 0;
}

/* The route table is the modules' tables one after the other, built once. */
static route *table;
static size_t ntable;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    size_t total = 0;
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        total += all[i]->nroutes;
    table = malloc(total * sizeof(*table));
    if (!table)
        abort(); /* at start-up, before anything is served */
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        memcpy(table + ntable, all[i]->routes, all[i]->nroutes * sizeof(*table));
        ntable += all[i]->nroutes;
    }
}

const route *routes_table(size_t *n)
{
    pthread_once(&once, build_table);
    *n = ntable;
    return table;
}
