/*
 * config: the operator's settings. Defaults are compiled in; a file given with --config
 * (INI syntax, read by inih) overrides them; command-line flags override the file.
 * docs/operating.md lists every key; config_set() is the one place that knows them.
 */
#ifndef WY_CONFIG_H
#define WY_CONFIG_H

#include <stddef.h>
#include <stdint.h>

/* A setting a module declares (mod/module.h) rather than a field of wy_config: config_set
 * accepts it once declared, checks it as declared, and the module reads it with
 * config_module_int() and its siblings. */
typedef enum config_type { CONFIG_STR, CONFIG_INT, CONFIG_BOOL, CONFIG_DBL } config_type;

typedef struct config_key {
    const char *section, *key;
    config_type type;
    const char *def; /* the default, written as in a config file: "30", "true", "" */
    double min, max; /* CONFIG_INT and CONFIG_DBL: the accepted range */
    const char *doc; /* one line for operators (`wenyun modules`) */
} config_key;

#define CONFIG_MODULE_MAX   64  /* module settings set in one wy_config */
#define CONFIG_MODULE_VALUE 256 /* the longest value of one (with its NUL) */

typedef struct wy_config {
    /* [server] */
    char listen[128];       /* 127.0.0.1:8080 */
    int threads;            /* worker threads in the pool */
    char event_loop[8];     /* poll (default) or epoll */
    int64_t max_body_bytes; /* upload and import routes (ROUTE_UPLOAD): larger is 413 */
    int per_ip_connections; /* concurrent connections one address may hold */
    int max_connections;    /* all addresses together */
    int idle_timeout_s;     /* an idle or slow connection is closed after this */
    int request_log;        /* one line per request on stderr */
    int shutdown_grace_s;   /* how long in-flight requests may take at SIGTERM */
    int public_cache_ms;    /* anonymous public lists are answered again for this long; 0: off */

    int64_t small_body_bytes;   /* every other route's body limit (at most max_body_bytes) */
    char public_url[256];       /* http(s)://host[:port] of the site; empty: http://<listen> */
    char trusted_proxies[1024]; /* peers whose X-Forwarded-For is believed: addresses, CIDR */
    int request_memory_kib;     /* one request's arena; past it the request gets 503 */
    /* [db] */
    char db_url[1024]; /* a SQLite file path, or a PostgreSQL URL */
    int db_pool;       /* connections kept open */
    int db_busy_timeout_ms;
    char db_replica_url[1024]; /* a streaming replica for reads (PostgreSQL); empty: none */
    int db_replica_pool;
    /* [auth] */
    int64_t session_ttl_s;
    int session_cache_ttl_s; /* how long a process trusts a session it looked up; 0: off */
    int session_cache_max;   /* sessions a process remembers */
    int64_t password_memlimit_kib;
    int password_opslimit;
    int login_slow_after;    /* failures (per phone) after which each try must wait */
    int login_ip_slow_after; /* failures (per address) after which each try must wait */
    int login_max_delay_s;   /* the longest wait between tries (the waits double up to it) */
    int login_window_s;      /* failures are forgotten after this long without one */
    int code_ttl_s;          /* how long a one-time code sent by SMS is good for */
    int code_max_tries;      /* tries on one code */
    int code_resend_s;       /* at most one code per number in this long (0: no limit) */
    int code_per_phone_hour; /* codes one number is sent in an hour */
    int code_per_ip_hour;    /* codes one address may ask for in an hour */
    int register_per_minute; /* registrations of everyone together, a minute */
    int hash_threads;        /* threads that hash imported passwords (0: one per core) */
    int cookie_secure;       /* mark cookies Secure (behind TLS) */
    /* [sms] */
    char sms_provider[16];           /* log (development: the code goes to the log) or http */
    char sms_url[1024];              /* the gateway's address (http) */
    char sms_key_id[256];            /* the access key's id */
    char sms_secret[256];            /* the access key's secret: signs each request */
    char sms_sign_name[128];         /* the registered signature (签名) shown in the message */
    char sms_template_register[128]; /* the template of the registration code */
    char sms_template_reset[128];    /* the template of the password-reset code */
    int sms_timeout_ms;
    /* [venue] */
    int venue_min_weekly_hours;  /* the opening a week a venue must reach (e.g. 42) */
    int64_t venue_osm_max_nodes; /* an OSM import of venues: nodes in the extract */
    int64_t venue_osm_max_bytes; /* and its decompressed size */
    /* [activity] */
    int64_t poster_max_bytes; /* the largest poster image */
    /* [booking] */
    int booking_queue_max;           /* requests waiting for the writer; more get 503 */
    int booking_max_people_per_day;  /* people (booker and companions) an account books a day */
    int booking_no_show_limit;       /* no-shows within the window that ban (0: never) */
    int booking_no_show_window_days; /* the window the no-shows are counted in */
    int booking_ban_days;            /* how long a ban lasts, from the limit-reaching no-show */
    int booking_checkin_early_min;   /* check-in opens this long before a session starts */
    /* [notify] */
    int notify_interval_ms;   /* how often the delivery thread looks at the outbox */
    int notify_max_attempts;  /* attempts per event before it is given up */
    int notify_timeout_ms;    /* per webhook request */
    int notify_retry_base_ms; /* the first retry's delay; doubled for each one after */
    /* webhooks may reach loopback, private, link-local and other non-public addresses (off:
     * a webhook must not be a way into the operator's own network) */
    int notify_allow_private_targets;
    /* [jobs] */
    int jobs_interval_s; /* how often the periodic jobs run (reminders, ...) */
    int jobs_periodic;   /* does `wenyun serve` run the periodic jobs (else cron runs `wenyun jobs`)
                          */
    int jobs_poll_ms;    /* how often the queued-job worker looks for work from other servers */
    /* [circle] */
    char circle_osm_file[1024];   /* the walking network (.osm.pbf); empty: no circle analysis */
    char circle_population[1024]; /* demand points CSV; empty: the network's nodes */
    char circle_rule[96];         /* count:4, zj, ... */
    char circle_rule_by_division[512]; /* "330282=zj;5104=count:4": rules per subtree */
    double circle_speed_kmh;
    double circle_minutes;
    int circle_osm_pois;          /* the extract's own POIs count as venues too */
    int64_t circle_osm_max_nodes; /* limits of circle.osm_file (the walking network) */
    int64_t circle_osm_max_bytes;
    int circle_cache_ttl_s;      /* a cached report is recomputed after this, at the latest */
    int circle_cache_entries;    /* reports kept */
    int circle_siting_queue_max; /* siting jobs queued or running; more get 503 */
    int circle_siting_max_k;     /* the most new sites one siting job may propose */
    /* [web] */
    char locale_dir[1024]; /* compiled message catalogs */
    char static_dir[1024];
    char vendor_dir[1024]; /* browser assets copied from npm at build time (echarts.min.js) */
    /* the module settings set from a file or the command line (the others keep their
     * declared default) */
    struct config_module_value {
        const config_key *key;
        char value[CONFIG_MODULE_VALUE];
    } module[CONFIG_MODULE_MAX];
    int nmodule;
} wy_config;

void config_defaults(wy_config *c);
/* Set one key ("server.listen" or section + name); -1 for an unknown key or a bad value,
 * with the reason in err. */
int config_set(wy_config *c, const char *section, const char *name, const char *value, char *err,
               size_t errlen);
/* Read an INI file on top of c; -1 with the reason (file:line) in err. */
int config_load(wy_config *c, const char *path, char *err, size_t errlen);

/* Declare module settings (at start-up, before any config_set; the keys stay the caller's).
 * -1 when a key is declared twice, clashes with a built-in key, or its default does not pass
 * its own check. */
int config_declare(const config_key *keys, size_t n, char *err, size_t errlen);
/* The i-th declared setting, in the order declared; NULL past the last. */
const config_key *config_declared(size_t i);
/* The value of a declared setting (its default when not set); an undeclared one is a
 * programming error: "" / 0. */
const char *config_module_str(const wy_config *c, const char *section, const char *key);
int64_t config_module_int(const wy_config *c, const char *section, const char *key);
int config_module_bool(const wy_config *c, const char *section, const char *key);
double config_module_dbl(const wy_config *c, const char *section, const char *key);

#endif
