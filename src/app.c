/* app: start-up and shut-down of what the handlers share. */
#include "http/app.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account.h"
#include "mod/activities/activity.h"
#include "mod/activities/booking.h"
#include "mod/circles/circles.h"
#include "core/jobs.h"
#include "core/member_import.h"
#include "mod/notices/notice.h"
#include "core/notify.h"
#include "core/session_cache.h"
#include "mod/timed_entry/timed_entry.h"
#include "http/microcache.h"
#include "http/router.h"
#include "util/log.h"
#include "util/sms.h"
#include "util/timeutil.h"

void app_domain_init(void)
{
    notice_init();
    activity_init();
    jobs_register("reminders", notify_job_reminders);
    jobs_register("no-shows", booking_sweep_no_shows);
    jobs_register("timed-entry", timed_entry_generate);
    jobs_register("jobs-housekeeping", jobs_housekeeping);
    jobs_register("auth-housekeeping", account_housekeeping);
    member_import_register();
}

static locale_t load_locale(const char *const *names)
{
    for (int i = 0; names[i]; i++) {
        locale_t l = newlocale(LC_MESSAGES_MASK, names[i], (locale_t)0);
        if (l)
            return l;
    }
    return (locale_t)0;
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
    unsetenv("LANGUAGE");
    bindtextdomain("wenyun", a->cfg.locale_dir);
    bind_textdomain_codeset("wenyun", "UTF-8");
    static const char *const zh[] = {"zh_CN.UTF-8", "zh_CN.utf8", "zh_CN", NULL};
    a->loc_zh = load_locale(zh);
    if (!a->loc_zh)
        log_warn("locale zh_CN.UTF-8 is not installed: pages will be in English "
                 "(make deps installs it)");
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
    if (booking_service_start(a->st, &a->cfg) < 0) {
        snprintf(err, errlen, "cannot start the booking writer");
        store_close(a->st);
        return -1;
    }
    if (circles_init(&a->cfg, err, errlen) < 0) {
        booking_service_stop();
        store_close(a->st);
        return -1;
    }
    circles_register_jobs(); /* only with a network: others leave siting jobs to servers that
                                have one */
    size_t n;
    routes_table(&n);
    a->m = metrics_new((int)n);
    if (!a->m) {
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
    booking_service_stop();
    db_listen_stop(a->auth_listener);
    a->auth_listener = NULL;
    session_cache_free();
    microcache_free();
    circles_free();
    store_close(a->st);
    metrics_free(a->m);
    if (a->loc_zh)
        freelocale(a->loc_zh);
}
