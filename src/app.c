/* app: start-up and shut-down of what the handlers share. */
#include "http/app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "core/jobs.h"
#include "core/indicator.h"
#include "core/member_import.h"
#include "core/notify.h"
#include "core/review.h"
#include "core/session_cache.h"
#include "http/microcache.h"
#include "mod/module.h"
#include "http/router.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/sms.h"
#include "util/timeutil.h"
#include "web/web.h"

/* A module's jobs: those without a condition at start-up (when_only 0), the others once the
 * modules have started and only if their condition holds (when_only 1). */
static void register_jobs(const wy_module *m, int when_only)
{
    for (size_t j = 0; j < m->njobs; j++) {
        const wy_job *jb = &m->jobs[j];
        if (when_only != !!jb->when || (jb->when && !jb->when()))
            continue;
        if (jb->fn)
            jobs_register(jb->name, jb->fn);
        if (jb->kind_fn)
            jobs_register_kind(jb->name, jb->kind_fn);
    }
}

/* The navigation of every module, handed to the page kit (which knows no module). */
static void set_nav(const wy_module *const *mods, size_t nmods)
{
    const web_nav *items[128];
    size_t n = 0;
    for (size_t i = 0; i < nmods; i++)
        for (size_t j = 0; j < mods[i]->nnav && n < sizeof(items) / sizeof(items[0]); j++)
            items[n++] = &mods[i]->nav[j];
    if (web_set_nav(items, n) < 0)
        abort(); /* at start-up, before anything is served */
}

void app_domain_init(void)
{
    resp_error_page_hook = web_error_page; /* http answers refusals with the page kit's page */
    size_t n;
    const wy_module *const *mods = modules_all(&n);
    char err[256];
    if (modules_declare_settings(err, sizeof(err)) < 0) /* main() has declared them already */
        die("wenyun: %s", err);
    for (size_t i = 0; i < n; i++) {
        if (mods[i]->init)
            mods[i]->init();
        for (size_t j = 0; j < mods[i]->nreview_types; j++)
            review_register_type(mods[i]->review_types[j]);
        for (size_t j = 0; j < mods[i]->nindicators; j++)
            if (indicator_register(&mods[i]->indicators[j]) < 0)
                die("wenyun: indicator %s is declared twice or the registry is full",
                    mods[i]->indicators[j].code);
        for (size_t j = 0; j < mods[i]->nnotify_kinds; j++)
            if (notify_kind_register(mods[i]->notify_kinds[j].kind) < 0)
                die("wenyun: notification kind %s is declared twice, is not a kind's name, or "
                    "the registry is full",
                    mods[i]->notify_kinds[j].kind->name);
        for (size_t j = 0; j < mods[i]->nlottery_kinds; j++)
            if (lottery_register_kind(mods[i]->lottery_kinds[j]) < 0)
                die("wenyun: lottery kind %s is declared twice or the registry is full",
                    mods[i]->lottery_kinds[j]->name);
        register_jobs(mods[i], 0);
    }
    jobs_register("jobs-housekeeping", jobs_housekeeping);
    jobs_register("auth-housekeeping", account_housekeeping);
    member_import_register();
    set_nav(mods, n);
}

/* Start the modules in the list's order; on a failure, stop those started, in reverse. */
static int modules_start(app *a, char *err, size_t errlen)
{
    size_t n;
    const wy_module *const *mods = modules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (mods[i]->start && mods[i]->start(a->st, &a->cfg, err, errlen) < 0) {
            while (i-- > 0)
                if (mods[i]->stop)
                    mods[i]->stop();
            return -1;
        }
    for (size_t i = 0; i < n; i++)
        register_jobs(mods[i], 1);
    return 0;
}

static void modules_stop(void)
{
    size_t n;
    const wy_module *const *mods = modules_all(&n);
    for (size_t i = n; i-- > 0;)
        if (mods[i]->stop)
            mods[i]->stop();
}

int app_init(app *a, const wy_config *cfg, char *err, size_t errlen)
{
    memset(a, 0, sizeof(*a));
    a->cfg = *cfg;
    a->started_ms = time_now_ms();
    if (account_init() < 0) {
        snprintf(err, errlen, "cannot initialise libsodium");
        return -1;
    }
    app_domain_init();
    /* gettext follows each thread's locale (uselocale), so one process speaks both */
    if (i18n_init(a->cfg.locale_dir) < 0)
        log_warn("locale zh_CN.UTF-8 is not installed: pages will be in English "
                 "(make deps installs it)");
    a->loc_zh = i18n_zh_locale();
    if (store_open(a->cfg.db_url, a->cfg.db_pool, a->cfg.db_busy_timeout_ms, &a->st, err, errlen) !=
        WY_OK)
        return -1;
    if (store_migrate(a->st, err, errlen) != WY_OK) {
        store_close(a->st);
        return -1;
    }
    if (a->cfg.db_replica_url[0] &&
        store_open_replica(a->st, a->cfg.db_replica_url, a->cfg.db_replica_pool,
                           a->cfg.db_busy_timeout_ms, err, errlen) != WY_OK) {
        store_close(a->st);
        return -1;
    }
    /* sessions are cached in the process; on PostgreSQL only while the listener follows the
     * other app servers' notices (session_cache.h) */
    a->auth_listener = NULL;
    int rc = db_listen(a->cfg.db_url, SESSION_CACHE_CHANNEL, session_cache_on_notify, NULL,
                       &a->auth_listener);
    microcache_init(a->cfg.public_cache_ms > 0 ? 1024 : 0);
    session_cache_init(a->cfg.session_cache_ttl_s, (size_t)a->cfg.session_cache_max,
                       rc == WY_NOTFOUND);
    if (rc != WY_OK && rc != WY_NOTFOUND)
        log_warn("cannot follow session notices: the session cache stays off");
    if (modules_start(a, err, errlen) < 0) {
        store_close(a->st);
        return -1;
    }
    size_t n;
    routes_table(&n);
    a->m = metrics_new((int)n);
    if (!a->m) {
        modules_stop();
        store_close(a->st);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

int app_start_background(app *a, char *err, size_t errlen)
{
    if (sms_check_config(&a->cfg, err, errlen) < 0)
        return -1;
    if (sms_service_start(&a->cfg) < 0) {
        snprintf(err, errlen, "cannot start the SMS sender");
        return -1;
    }
    if (notify_service_start(a->st, &a->cfg) < 0) {
        sms_service_stop();
        snprintf(err, errlen, "cannot start the notification delivery");
        return -1;
    }
    if (jobs_start(a->st, &a->cfg) < 0) {
        notify_service_stop();
        sms_service_stop();
        snprintf(err, errlen, "cannot start the periodic jobs");
        return -1;
    }
    return 0;
}

void app_stop_background(void)
{
    jobs_stop();
    notify_service_stop();
    sms_service_stop();
}

void app_close(app *a)
{
    app_stop_background();
    modules_stop();
    db_listen_stop(a->auth_listener);
    a->auth_listener = NULL;
    session_cache_free();
    microcache_free();
    store_close(a->st);
    metrics_free(a->m);
    a->loc_zh = (locale_t)0; /* i18n's, kept for the process */
}
