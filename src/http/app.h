/*
 * app: the running application: its settings, its store, its metrics and its translations.
 * One per process; handlers reach it through their request.
 */
#ifndef WY_APP_H
#define WY_APP_H

#include <locale.h>

#include "http/metrics.h"
#include "core/store.h"
#include "util/config.h"

typedef struct app app;

struct app {
    wy_config cfg;
    store *st;
    metrics *m;
    locale_t loc_zh;            /* util/i18n.h: (locale_t)0 when zh_CN.UTF-8 is not installed */
    db_listener *auth_listener; /* session-cache notices from other app servers (PostgreSQL) */
    int64_t started_ms;
    /* the start of every absolute URL the server builds: server.public_url, or
     * http://<listen address> once the server is listening; never a client's Host header */
    char public_url[256];
};

/* Open the store, migrate, set up translations and domain modules; -1 with a message. */
int app_init(app *a, const wy_config *cfg, char *err, size_t errlen);
void app_close(app *a);
/* The server's background threads: webhook delivery, the periodic jobs, the SMS sender and
 * the member imports (serve only); -1 also when the [sms] settings are incomplete.
 * app_close() stops them too. */
int app_start_background(app *a, char *err, size_t errlen);
void app_stop_background(void);
/* Domain modules that register with others (review types); idempotent. */
void app_domain_init(void);

#endif
