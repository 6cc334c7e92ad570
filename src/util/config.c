/*
 * config: see config.h. A table maps each key to its field and type, so loading, setting
 * from the command line and documenting stay in step.
 */
#include "util/config.h"

#include <errno.h>
#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_STR, K_INT, K_I64, K_BOOL, K_DBL };

static const struct key {
    const char *section, *name;
    enum kind kind;
    size_t off, size;
    int64_t min, max;
} keys_builtin[] = {
#define S(sec, nm, field)                                                                          \
    {                                                                                              \
        sec, nm, K_STR, offsetof(wy_config, field), sizeof(((wy_config *)0)->field), 0, 0          \
    }
#define I(sec, nm, field, lo, hi)                                                                  \
    {                                                                                              \
        sec, nm, K_INT, offsetof(wy_config, field), 0, lo, hi                                      \
    }
#define L(sec, nm, field, lo, hi)                                                                  \
    {                                                                                              \
        sec, nm, K_I64, offsetof(wy_config, field), 0, lo, hi                                      \
    }
#define B(sec, nm, field)                                                                          \
    {                                                                                              \
        sec, nm, K_BOOL, offsetof(wy_config, field), 0, 0, 1                                       \
    }
#define D(sec, nm, field, lo, hi)                                                                  \
    {                                                                                              \
        sec, nm, K_DBL, offsetof(wy_config, field), 0, lo, hi                                      \
    }
    S("server", "listen", listen),
    I("server", "threads", threads, 1, 256),
    S("server", "event_loop", event_loop),
    L("server", "max_body_bytes", max_body_bytes, 1024, (int64_t)1 << 30),
    L("server", "small_body_bytes", small_body_bytes, 1024, (int64_t)1 << 30),
    S("server", "public_url", public_url),
    S("server", "trusted_proxies", trusted_proxies),
    I("server", "per_ip_connections", per_ip_connections, 1, 1000000),
    I("server", "max_connections", max_connections, 1, 1000000),
    I("server", "idle_timeout_s", idle_timeout_s, 1, 3600),
    B("server", "request_log", request_log),
    I("server", "shutdown_grace_s", shutdown_grace_s, 0, 600),
    I("server", "public_cache_ms", public_cache_ms, 0, 60000),
    I("server", "request_memory_kib", request_memory_kib, 16, 4 << 20),
    S("db", "url", db_url),
    I("db", "pool", db_pool, 1, 256),
    I("db", "busy_timeout_ms", db_busy_timeout_ms, 1, 600000),
    S("db", "replica_url", db_replica_url),
    I("db", "replica_pool", db_replica_pool, 1, 256),
    L("auth", "session_ttl_s", session_ttl_s, 60, (int64_t)3600 * 24 * 365),
    I("auth", "session_cache_ttl_s", session_cache_ttl_s, 0, 3600),
    I("auth", "session_cache_max", session_cache_max, 1, 10000000),
    L("auth", "password_memlimit_kib", password_memlimit_kib, 8, (int64_t)4 << 20),
    I("auth", "password_opslimit", password_opslimit, 1, 100),
    I("auth", "login_slow_after", login_slow_after, 1, 1000),
    I("auth", "login_ip_slow_after", login_ip_slow_after, 1, 1000000),
    I("auth", "login_max_delay_s", login_max_delay_s, 1, 86400),
    I("auth", "login_window_s", login_window_s, 1, 86400 * 7),
    I("auth", "code_ttl_s", code_ttl_s, 60, 86400),
    I("auth", "code_max_tries", code_max_tries, 1, 100),
    I("auth", "code_resend_s", code_resend_s, 0, 3600),
    I("auth", "code_per_phone_hour", code_per_phone_hour, 1, 1000),
    I("auth", "code_per_ip_hour", code_per_ip_hour, 1, 1000000),
    I("auth", "register_per_minute", register_per_minute, 1, 1000000),
    I("auth", "hash_threads", hash_threads, 0, 256),
    B("auth", "cookie_secure", cookie_secure),
    S("sms", "provider", sms_provider),
    S("sms", "url", sms_url),
    S("sms", "key_id", sms_key_id),
    S("sms", "secret", sms_secret),
    S("sms", "sign_name", sms_sign_name),
    S("sms", "template_register", sms_template_register),
    S("sms", "template_reset", sms_template_reset),
    I("sms", "timeout_ms", sms_timeout_ms, 100, 60000),
    I("venue", "min_weekly_hours", venue_min_weekly_hours, 0, 168),
    L("venue", "osm_max_nodes", venue_osm_max_nodes, 1000, (int64_t)1 << 32),
    L("venue", "osm_max_bytes", venue_osm_max_bytes, 1 << 20, (int64_t)1 << 40),
    L("activity", "poster_max_bytes", poster_max_bytes, 1024, (int64_t)64 << 20),
    I("booking", "queue_max", booking_queue_max, 1, 10000000),
    I("booking", "max_people_per_day", booking_max_people_per_day, 1, 1000),
    I("booking", "no_show_limit", booking_no_show_limit, 0, 100),
    I("booking", "no_show_window_days", booking_no_show_window_days, 1, 3650),
    I("booking", "ban_days", booking_ban_days, 1, 3650),
    I("booking", "checkin_early_min", booking_checkin_early_min, 0, 1440),
    I("notify", "interval_ms", notify_interval_ms, 50, 3600000),
    I("notify", "max_attempts", notify_max_attempts, 1, 100),
    I("notify", "timeout_ms", notify_timeout_ms, 100, 300000),
    I("notify", "retry_base_ms", notify_retry_base_ms, 10, 86400000),
    B("notify", "allow_private_targets", notify_allow_private_targets),
    I("jobs", "interval_s", jobs_interval_s, 1, 86400),
    B("jobs", "periodic", jobs_periodic),
    I("jobs", "poll_ms", jobs_poll_ms, 10, 600000),
    S("circle", "osm_file", circle_osm_file),
    S("circle", "population_file", circle_population),
    S("circle", "rule", circle_rule),
    S("circle", "rule_by_division", circle_rule_by_division),
    D("circle", "speed_kmh", circle_speed_kmh, 1, 20),
    D("circle", "minutes", circle_minutes, 1, 120),
    B("circle", "osm_pois", circle_osm_pois),
    L("circle", "osm_max_nodes", circle_osm_max_nodes, 1000, (int64_t)1 << 32),
    L("circle", "osm_max_bytes", circle_osm_max_bytes, 1 << 20, (int64_t)1 << 40),
    I("circle", "cache_ttl_s", circle_cache_ttl_s, 0, 86400 * 7),
    I("circle", "cache_entries", circle_cache_entries, 1, 1000),
    I("circle", "siting_queue_max", circle_siting_queue_max, 1, 1000),
    I("circle", "siting_max_k", circle_siting_max_k, 1, 1000),
    S("web", "locale_dir", locale_dir),
    S("web", "static_dir", static_dir),
    S("web", "vendor_dir", vendor_dir),
#undef S
#undef I
#undef L
#undef B
#undef D
};

void config_defaults(wy_config *c)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->listen, sizeof(c->listen), "127.0.0.1:8080");
    c->threads = 8;
    /* libmicrohttpd 0.9.75 with epoll was seen to leave keep-alive requests unread under a
     * crowd until the idle timeout (bench/flash-crowd); poll has not, and is as fast here */
    snprintf(c->event_loop, sizeof(c->event_loop), "poll");
    c->max_body_bytes = 8 << 20;
    c->small_body_bytes = 64 << 10;
    c->per_ip_connections = 256;
    c->max_connections = 4096;
    c->idle_timeout_s = 30;
    c->request_log = 1;
    c->shutdown_grace_s = 10;
    snprintf(c->db_url, sizeof(c->db_url), "var/wenyun.db");
    c->db_pool = 8;
    c->db_busy_timeout_ms = 5000;
    c->db_replica_pool = 8;
    c->session_ttl_s = 14 * 86400;
    c->session_cache_ttl_s = 60;
    c->public_cache_ms = 1000;
    c->request_memory_kib = 64 << 10;
    c->session_cache_max = 100000;
    c->password_memlimit_kib = 64 * 1024;
    c->password_opslimit = 2;
    c->login_slow_after = 3;
    c->login_ip_slow_after = 100;
    c->login_max_delay_s = 300;
    c->login_window_s = 900;
    c->code_ttl_s = 600;
    c->code_max_tries = 5;
    c->code_resend_s = 60;
    c->code_per_phone_hour = 5;
    c->code_per_ip_hour = 20;
    c->register_per_minute = 60;
    snprintf(c->sms_provider, sizeof(c->sms_provider), "log");
    c->sms_timeout_ms = 5000;
    c->venue_min_weekly_hours = 42;
    c->venue_osm_max_nodes = 2000000;
    c->venue_osm_max_bytes = (int64_t)256 << 20;
    c->poster_max_bytes = 1 << 20;
    c->booking_queue_max = 50000;
    c->booking_max_people_per_day = 5;
    c->booking_no_show_limit = 3;
    c->booking_no_show_window_days = 180;
    c->booking_ban_days = 30;
    c->booking_checkin_early_min = 60;
    c->notify_interval_ms = 2000;
    c->notify_max_attempts = 10;
    c->notify_timeout_ms = 10000;
    c->notify_retry_base_ms = 30000;
    c->jobs_interval_s = 60;
    c->jobs_periodic = 1;
    c->jobs_poll_ms = 1000;
    snprintf(c->circle_rule, sizeof(c->circle_rule), "count:4");
    c->circle_speed_kmh = 4.5;
    c->circle_minutes = 15;
    c->circle_osm_pois = 1;
    c->circle_osm_max_nodes = 200000000;
    c->circle_osm_max_bytes = (int64_t)16 << 30;
    c->circle_cache_ttl_s = 600;
    c->circle_cache_entries = 8;
    c->circle_siting_queue_max = 8;
    c->circle_siting_max_k = 50;
    snprintf(c->locale_dir, sizeof(c->locale_dir), "%s", WY_LOCALEDIR);
    snprintf(c->static_dir, sizeof(c->static_dir), "%s/static", WY_SOURCE_DIR);
    snprintf(c->vendor_dir, sizeof(c->vendor_dir), "%s", WY_VENDORDIR);
}

/* The settings modules declare (config_declare): filled at start-up, read-only afterwards. */
#define DECLARED_MAX 256
static const config_key *declared[DECLARED_MAX];
static size_t ndeclared;

static const config_key *declared_find(const char *section, const char *name)
{
    for (size_t i = 0; i < ndeclared; i++)
        if (!strcmp(declared[i]->section, section) && !strcmp(declared[i]->key, name))
            return declared[i];
    return NULL;
}

/* Does value pass the declared key's check? */
static int module_check(const config_key *k, const char *value, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    switch (k->type) {
    case CONFIG_STR:
        if (strlen(value) >= CONFIG_MODULE_VALUE) {
            snprintf(err, errlen, "%s.%s is too long", k->section, k->key);
            return -1;
        }
        return 0;
    case CONFIG_BOOL:
        if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes") ||
            !strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no"))
            return 0;
        snprintf(err, errlen, "%s.%s wants true or false, not '%s'", k->section, k->key, value);
        return -1;
    case CONFIG_INT: {
        long long ll = strtoll(value, &end, 10);
        if (errno || end == value || *end || (double)ll < k->min || (double)ll > k->max) {
            snprintf(err, errlen, "%s.%s wants a whole number from %.0f to %.0f, not '%s'",
                     k->section, k->key, k->min, k->max, value);
            return -1;
        }
        return 0;
    }
    case CONFIG_DBL: {
        double d = strtod(value, &end);
        if (errno || end == value || *end || d < k->min || d > k->max) {
            snprintf(err, errlen, "%s.%s wants a number from %g to %g, not '%s'", k->section,
                     k->key, k->min, k->max, value);
            return -1;
        }
        return 0;
    }
    }
    return -1;
}

static int module_set(wy_config *c, const char *section, const char *name, const char *value,
                      char *err, size_t errlen)
{
    const config_key *k = declared_find(section, name);
    if (!k) {
        snprintf(err, errlen, "unknown setting %s.%s", section, name);
        return -1;
    }
    if (module_check(k, value, err, errlen) < 0)
        return -1;
    int i = 0;
    while (i < c->nmodule && c->module[i].key != k)
        i++;
    if (i == CONFIG_MODULE_MAX) {
        snprintf(err, errlen, "too many module settings (at most %d)", CONFIG_MODULE_MAX);
        return -1;
    }
    if (i == c->nmodule)
        c->nmodule++;
    c->module[i].key = k;
    snprintf(c->module[i].value, sizeof(c->module[i].value), "%s", value);
    return 0;
}

int config_declare(const config_key *keys, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        const config_key *k = &keys[i];
        if (declared_find(k->section, k->key) == k)
            continue; /* declared again (tests start the application more than once) */
        int builtin = 0;
        for (size_t j = 0; j < sizeof(keys_builtin) / sizeof(keys_builtin[0]); j++)
            builtin |= !strcmp(keys_builtin[j].section, k->section) &&
                       !strcmp(keys_builtin[j].name, k->key);
        if (builtin || declared_find(k->section, k->key)) {
            snprintf(err, errlen, "setting %s.%s is declared twice", k->section, k->key);
            return -1;
        }
        if (module_check(k, k->def, err, errlen) < 0)
            return -1;
        if (ndeclared == DECLARED_MAX) {
            snprintf(err, errlen, "too many module settings (at most %d)", DECLARED_MAX);
            return -1;
        }
        declared[ndeclared++] = k;
    }
    return 0;
}

const config_key *config_declared(size_t i)
{
    return i < ndeclared ? declared[i] : NULL;
}

const char *config_module_str(const wy_config *c, const char *section, const char *key)
{
    const config_key *k = declared_find(section, key);
    if (!k)
        return "";
    for (int i = 0; i < c->nmodule; i++)
        if (c->module[i].key == k)
            return c->module[i].value;
    return k->def;
}

int64_t config_module_int(const wy_config *c, const char *section, const char *key)
{
    return strtoll(config_module_str(c, section, key), NULL, 10);
}

int config_module_bool(const wy_config *c, const char *section, const char *key)
{
    const char *v = config_module_str(c, section, key);
    return !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "yes");
}

double config_module_dbl(const wy_config *c, const char *section, const char *key)
{
    return strtod(config_module_str(c, section, key), NULL);
}

int config_set(wy_config *c, const char *section, const char *name, const char *value, char *err,
               size_t errlen)
{
    for (size_t i = 0; i < sizeof(keys_builtin) / sizeof(keys_builtin[0]); i++) {
        const struct key *k = &keys_builtin[i];
        if (strcmp(k->section, section) || strcmp(k->name, name))
            continue;
        char *field = (char *)c + k->off;
        if (k->kind == K_STR) {
            if (strlen(value) >= k->size) {
                snprintf(err, errlen, "%s.%s is too long", section, name);
                return -1;
            }
            snprintf(field, k->size, "%s", value);
            return 0;
        }
        int64_t v;
        if (k->kind == K_DBL) {
            char *end;
            errno = 0;
            double d = strtod(value, &end);
            if (errno || end == value || *end || d < (double)k->min || d > (double)k->max) {
                snprintf(err, errlen, "%s.%s wants a number from %lld to %lld, not '%s'", section,
                         name, (long long)k->min, (long long)k->max, value);
                return -1;
            }
            *(double *)field = d;
            return 0;
        }
        if (k->kind == K_BOOL) {
            if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes"))
                v = 1;
            else if (!strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no"))
                v = 0;
            else {
                snprintf(err, errlen, "%s.%s wants true or false, not '%s'", section, name, value);
                return -1;
            }
        } else {
            char *end;
            errno = 0;
            long long ll = strtoll(value, &end, 10);
            if (errno || end == value || *end || ll < k->min || ll > k->max) {
                snprintf(err, errlen, "%s.%s wants a whole number from %lld to %lld, not '%s'",
                         section, name, (long long)k->min, (long long)k->max, value);
                return -1;
            }
            v = ll;
        }
        if (k->kind == K_I64)
            *(int64_t *)field = v;
        else
            *(int *)field = (int)v;
        return 0;
    }
    return module_set(c, section, name, value, err, errlen);
}

struct load_ctx {
    wy_config *c;
    char *err;
    size_t errlen;
    int failed;
};

static int on_kv(void *user, const char *section, const char *name, const char *value)
{
    struct load_ctx *ctx = user;
    if (ctx->failed)
        return 0;
    if (config_set(ctx->c, section, name, value, ctx->err, ctx->errlen) < 0) {
        ctx->failed = 1;
        return 0;
    }
    return 1;
}

int config_load(wy_config *c, const char *path, char *err, size_t errlen)
{
    struct load_ctx ctx = {c, err, errlen, 0};
    int rc = ini_parse(path, on_kv, &ctx);
    if (rc == -1) {
        snprintf(err, errlen, "cannot open config file %s", path);
        return -1;
    }
    if (rc != 0) {
        if (ctx.failed) {
            char reason[512];
            snprintf(reason, sizeof(reason), "%s", err);
            snprintf(err, errlen, "%s:%d: %s", path, rc, reason);
        } else {
            snprintf(err, errlen, "%s:%d: not a setting (want key = value under [section])", path,
                     rc);
        }
        return -1;
    }
    return 0;
}
