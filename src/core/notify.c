/* notify: see notify.h. */
#include "core/notify.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/authz.h"
#include "core/division.h"
#include "util/log.h"
#include "util/timeutil.h"
#include "util/weburl.h"

#define DELIVERY_BATCH 32

/* Set at shut-down: the request in flight is abandoned and the events not yet tried are given
 * back to the outbox at once, so stopping never waits for slow webhooks. */
static int Stopping;

static int stopping(void)
{
    return __atomic_load_n(&Stopping, __ATOMIC_RELAXED);
}

/* ---- kinds ---- */

static const notify_kind *Kinds[NOTIFY_KIND_MAX];
static size_t Nkinds;
static pthread_mutex_t KindsLock = PTHREAD_MUTEX_INITIALIZER;

static int kind_name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 63)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
              s[i] == '.'))
            return 0;
    return 1;
}

int notify_kind_register(const notify_kind *k)
{
    if (!k || !kind_name_ok(k->name))
        return -1;
    int rc = 0;
    pthread_mutex_lock(&KindsLock);
    size_t i = 0;
    while (i < Nkinds && strcmp(Kinds[i]->name, k->name))
        i++;
    if (i < Nkinds)
        rc = Kinds[i] == k ? 0 : -1;
    else if (Nkinds == NOTIFY_KIND_MAX)
        rc = -1;
    else
        Kinds[Nkinds++] = k;
    pthread_mutex_unlock(&KindsLock);
    return rc;
}

const notify_kind *notify_kind_find(const char *name)
{
    const notify_kind *found = NULL;
    pthread_mutex_lock(&KindsLock);
    for (size_t i = 0; name && i < Nkinds && !found; i++)
        if (!strcmp(Kinds[i]->name, name))
            found = Kinds[i];
    pthread_mutex_unlock(&KindsLock);
    return found;
}

int notify_kind_known(const char *name)
{
    return notify_kind_find(name) != NULL;
}

static int subject_type_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return 0;
    return n > 0 && n <= 63;
}

int notify_send(wy_ctx *ctx, const notify_msg *m, int64_t *id)
{
    if (id)
        *id = 0;
    /* what a module got wrong is told in the log by name: nobody else could see it */
    if (!m->kind || notify_kind_find(m->kind->name) != m->kind || m->user_id <= 0 ||
        !subject_type_ok(m->subject_type) || m->subject_id <= 0 || !m->division || !*m->division) {
        error("notify: a message of kind %s is not one to send (unregistered kind, or no person,"
              " subject or division)",
              m->kind && m->kind->name ? m->kind->name : "(none)");
        return wy_fail(ctx, E_INTERNAL, "internal", "Something went wrong on our side.");
    }
    int rc = store_notify(ctx->c, m, ctx->now, id);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "notify");
}

/* ---- the inbox ---- */

int notify_inbox(wy_ctx *ctx, int64_t before, int limit, notification **out, size_t *n,
                 int64_t *unread)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    int rc = store_notifications_of(ctx->c, ctx->a, ctx->who->user_id, before, limit, out, n);
    if (rc == WY_OK)
        rc = store_notifications_unread(ctx->c, ctx->who->user_id, unread);
    return rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "inbox");
}

int notify_mark_read(wy_ctx *ctx, const int64_t *ids, size_t n, int all, int64_t *changed,
                     int64_t *unread)
{
    if (authz_require(ctx, PERM_LOGGED_IN, NULL) < 0)
        return -1;
    if (!all && (n == 0 || n > 500))
        return wy_fail_field(ctx, E_INVALID, "bad_ids", "Give 1 to 500 ids, or all.", "ids");
    for (size_t i = 0; !all && i < n; i++)
        if (ids[i] <= 0)
            return wy_fail_field(ctx, E_INVALID, "bad_ids", "Give 1 to 500 ids, or all.", "ids");
    *changed = 0;
    if (tx_begin(ctx) < 0)
        return -1;
    int rc = WY_OK;
    for (size_t i = 0; rc == WY_OK && i < (all ? 1 : n); i++) {
        int64_t k = 0; /* another person's id changes nothing: it is not in this inbox */
        rc =
            store_notification_mark_read(ctx->c, ctx->who->user_id, all ? 0 : ids[i], ctx->now, &k);
        *changed += k;
    }
    if (rc == WY_OK)
        rc = store_notifications_unread(ctx->c, ctx->who->user_id, unread);
    return tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "mark read"));
}

/* ---- webhooks ---- */

static int kinds_ok(const char *list)
{
    if (!list)
        return 1;
    char buf[256];
    if (!*list || strlen(list) >= sizeof(buf))
        return 0;
    snprintf(buf, sizeof(buf), "%s", list);
    char *save = NULL;
    for (char *k = strtok_r(buf, ",", &save); k; k = strtok_r(NULL, ",", &save))
        if (!notify_kind_known(k))
            return 0;
    return 1;
}

static int kinds_match(const char *list, const char *kind)
{
    if (!list)
        return 1;
    size_t kl = strlen(kind);
    for (const char *p = list; (p = strstr(p, kind)); p += kl)
        if ((p == list || p[-1] == ',') && (p[kl] == ',' || p[kl] == '\0'))
            return 1;
    return 0;
}

int webhook_create(wy_ctx *ctx, const char *url, const char *code, const char *kind_list,
                   const char *secret, webhook *out)
{
    char div[DIVISION_CODE_MAX];
    if (!weburl_valid(url, 0))
        return wy_fail_field(ctx, E_INVALID, "bad_url",
                             "A webhook's address is an http or https URL with a host name, "
                             "without spaces.",
                             "url");
    if (!code || division_normalize(code, div) < 0)
        return wy_fail_field(ctx, E_INVALID, "bad_division",
                             "A division code has 2, 4, 6, 9 or 12 digits.", "division");
    if (!kinds_ok(kind_list))
        return wy_fail_field(ctx, E_INVALID, "bad_kinds", "No such event kind.", "kinds");
    if (secret && (strlen(secret) < 16 || strlen(secret) > 200))
        return wy_fail_field(ctx, E_INVALID, "bad_secret", "A secret has 16 to 200 characters.",
                             "secret");
    if (authz_require(ctx, PERM_WEBHOOK_MANAGE, div) < 0)
        return -1;
    if (!secret) {
        unsigned char raw[24];
        char hex[2 * sizeof(raw) + 1];
        randombytes_buf(raw, sizeof(raw));
        sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
        secret = arena_strdup(ctx->a, hex);
    }
    *out = (webhook){.url = arena_strdup(ctx->a, url),
                     .secret = secret,
                     .division = arena_strdup(ctx->a, div),
                     .kinds = kind_list ? arena_strdup(ctx->a, kind_list) : NULL,
                     .active = 1,
                     .created_by = ctx->who->user_id,
                     .created_at = ctx->now};
    if (tx_begin(ctx) < 0)
        return -1;
    division d;
    int rc = store_division_get(ctx->c, ctx->a, div, &d);
    if (rc == WY_NOTFOUND) {
        store_rollback(ctx->c);
        return wy_fail_field(ctx, E_INVALID, "unknown_division", "No such division.", "division");
    }
    if (rc == WY_OK)
        rc = store_webhook_create(ctx->c, out, ctx->now, &out->id);
    if (rc == WY_OK) {
        audit_entry e = {.at = ctx->now,
                         .actor = ctx->who->user_id,
                         .action = "webhook.create",
                         .object_type = "webhook",
                         .object_id = arena_sprintf(ctx->a, "%lld", (long long)out->id),
                         .division = div,
                         .to_state = "active",
                         .reason = out->url};
        rc = store_audit_add(ctx->c, &e);
    }
    return tx_end(ctx, rc == WY_OK ? 0 : wy_fail_store(ctx, rc, "webhook"));
}

int webhook_list(wy_ctx *ctx, webhook **out, size_t *n)
{
    const char *scope = authz_scope(ctx->who, PERM_WEBHOOK_MANAGE);
    *out = NULL;
    *n = 0;
    if (!scope) /* holds webhook_manage nowhere */
        return authz_require(ctx, PERM_WEBHOOK_MANAGE, NULL) < 0 ? -1 : 0;
    int rc = store_webhook_list(ctx->c, ctx->a, scope, 0, out, n);
    if (rc != WY_OK)
        return wy_fail_store(ctx, rc, "webhooks");
    /* with grants on several subtrees, the widest scope is listed, filtered to what who may */
    size_t k = 0;
    for (size_t i = 0; i < *n; i++)
        if (authz_allows(ctx->who, PERM_WEBHOOK_MANAGE, (*out)[i].division))
            (*out)[k++] = (*out)[i];
    *n = k;
    return 0;
}

int webhook_delete(wy_ctx *ctx, int64_t id)
{
    if (tx_begin(ctx) < 0)
        return -1;
    webhook w;
    int res = 0;
    int rc = store_webhook_get(ctx->c, ctx->a, id, &w);
    if (rc != WY_OK || !authz_allows(ctx->who, PERM_WEBHOOK_MANAGE, w.division))
        res = rc == WY_OK || rc == WY_NOTFOUND ? wy_fail(ctx, E_NOTFOUND, "not_found", "Not found.")
                                               : wy_fail_store(ctx, rc, "webhook");
    if (res == 0)
        rc = store_webhook_delete(ctx->c, id);
    if (res == 0 && rc == WY_OK) {
        audit_entry e = {.at = ctx->now,
                         .actor = ctx->who->user_id,
                         .action = "webhook.delete",
                         .object_type = "webhook",
                         .object_id = arena_sprintf(ctx->a, "%lld", (long long)id),
                         .division = w.division,
                         .from_state = "active",
                         .to_state = "deleted",
                         .reason = w.url};
        rc = store_audit_add(ctx->c, &e);
    }
    if (res == 0 && rc != WY_OK)
        res = wy_fail_store(ctx, rc, "webhook");
    return tx_end(ctx, res);
}

/* ---- delivery ---- */

void notify_signature(const char *secret, const char *body, size_t len, char out[72])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
    crypto_auth_hmacsha256_final(&st, mac);
    memcpy(out, "sha256=", 7);
    sodium_bin2hex(out + 7, 65, mac, sizeof(mac));
}

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n;
}

static int abort_at_stop(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)ud, (void)dt, (void)dn, (void)ut, (void)un;
    return stopping();
}

static int v4_public(uint32_t a) /* host order */
{
    static const struct {
        uint32_t net;
        int bits;
    } no[] = {
        {0x00000000, 8},  /* "this network" */
        {0x0a000000, 8},  /* private */
        {0x64400000, 10}, /* shared address space (carrier-grade NAT) */
        {0x7f000000, 8},  /* loopback */
        {0xa9fe0000, 16}, /* link-local (cloud metadata services live here) */
        {0xac100000, 12}, /* private */
        {0xc0000000, 24}, /* IETF protocol assignments */
        {0xc0000200, 24}, /* documentation */
        {0xc0586300, 24}, /* 6to4 relay anycast */
        {0xc0a80000, 16}, /* private */
        {0xc6120000, 15}, /* benchmarking */
        {0xc6336400, 24}, /* documentation */
        {0xcb007100, 24}, /* documentation */
        {0xe0000000, 4},  /* multicast */
        {0xf0000000, 4},  /* reserved, and the broadcast address */
    };
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
        if ((a >> (32 - no[i].bits)) == (no[i].net >> (32 - no[i].bits)))
            return 0;
    return 1;
}

int notify_address_public(const struct sockaddr *sa)
{
    if (!sa)
        return 0;
    if (sa->sa_family == AF_INET)
        return v4_public(ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr));
    if (sa->sa_family != AF_INET6)
        return 0;
    const unsigned char *b = ((const struct sockaddr_in6 *)sa)->sin6_addr.s6_addr;
    static const unsigned char zero[12];
    uint32_t tail = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15];
    if (!memcmp(b, zero, 10) && b[10] == 0xff && b[11] == 0xff) /* ::ffff:a.b.c.d */
        return v4_public(tail);
    if (!memcmp(b, zero, 12)) /* ::, ::1 and the old IPv4-compatible form */
        return 0;
    static const unsigned char nat64[12] = {0x00, 0x64, 0xff, 0x9b}; /* 64:ff9b::/96 */
    if (!memcmp(b, nat64, 12))
        return v4_public(tail);
    if ((b[0] & 0xfe) == 0xfc) /* fc00::/7 unique local */
        return 0;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) /* fe80::/10 link-local */
        return 0;
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) /* fec0::/10 site-local (deprecated) */
        return 0;
    if (b[0] == 0xff) /* multicast */
        return 0;
    if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) /* 2001:db8::/32 */
        return 0;
    if (b[0] == 0x01 && b[1] == 0x00 && !memcmp(b + 2, zero, 6)) /* 100::/64 discard */
        return 0;
    if (b[0] == 0x20 && b[1] == 0x02) /* 6to4: the IPv4 address inside decides */
        return v4_public((uint32_t)b[2] << 24 | (uint32_t)b[3] << 16 | (uint32_t)b[4] << 8 | b[5]);
    return 1;
}

/* curl opens every connection through this: the address it resolved is checked here, after
 * the lookup, so a name that resolves (or re-resolves) to an internal address is refused
 * too. */
typedef struct target_guard {
    int allow_private;
    int refused;
} target_guard;

static curl_socket_t open_checked(void *ud, curlsocktype purpose, struct curl_sockaddr *addr)
{
    target_guard *g = ud;
    (void)purpose;
    if (!g->allow_private && !notify_address_public(&addr->addr)) {
        g->refused = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(addr->family, addr->socktype, addr->protocol);
}

/* POST body to w; NULL when it answered 2xx, else why not (in a). */
static const char *post_one(CURL *h, arena *a, const wy_config *cfg, const webhook *w,
                            const outbox_row *o)
{
    char sig[72], delivery[48], event[96];
    size_t len = strlen(o->payload);
    notify_signature(w->secret, o->payload, len, sig);
    snprintf(delivery, sizeof(delivery), "X-Wenyun-Delivery: %lld", (long long)o->id);
    snprintf(event, sizeof(event), "X-Wenyun-Event: %s", o->kind);
    char *sigh = arena_sprintf(a, "X-Wenyun-Signature: %s", sig);
    struct curl_slist *hd = curl_slist_append(NULL, "Content-Type: application/json");
    hd = curl_slist_append(hd, event);
    hd = curl_slist_append(hd, delivery);
    hd = curl_slist_append(hd, sigh ? sigh : "X-Wenyun-Signature: none");
    hd = curl_slist_append(hd, "Expect:");
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_URL, w->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)cfg->notify_timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)cfg->notify_timeout_ms);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "wenyun/" WY_VERSION);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, o->payload);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)len);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, abort_at_stop);
    /* straight to the target (no proxy from the environment), so the address checked is the
     * one connected to; redirects are not followed (curl's default) */
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    target_guard guard = {.allow_private = cfg->notify_allow_private_targets};
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_checked);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &guard);
    CURLcode cc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hd);
    if (cc != CURLE_OK && guard.refused)
        return arena_sprintf(a,
                             "webhook %lld: refused: the address is not public "
                             "(see [notify] allow_private_targets)",
                             (long long)w->id);
    if (cc != CURLE_OK)
        return arena_sprintf(a, "webhook %lld: %s", (long long)w->id, curl_easy_strerror(cc));
    if (status < 200 || status > 299)
        return arena_sprintf(a, "webhook %lld: HTTP %ld", (long long)w->id, status);
    return NULL;
}

int notify_deliver_once(store *st, const wy_config *cfg)
{
    arena a;
    arena_init(&a, (size_t)64 << 20);
    int64_t now = time_now_ms();
    db *c = store_acquire(st);
    db_guard(c, &a); /* a gap in what was built is never recorded as delivered */
    webhook *hooks = NULL;
    outbox_row *rows = NULL;
    size_t nh = 0, n = 0;
    int rc = store_webhook_list(c, &a, NULL, 1, &hooks, &nh);
    /* the lease outlasts the slowest pass over the rows taken */
    int64_t lease =
        now + 60000 + (int64_t)cfg->notify_timeout_ms * (int64_t)(nh + 1) * DELIVERY_BATCH;
    if (rc == WY_OK)
        rc = store_outbox_claim(c, &a, now, lease, DELIVERY_BATCH, &rows, &n);
    /* which webhooks each row still has to reach */
    unsigned char *todo = n && nh ? arena_alloc(&a, n * nh) : NULL;
    for (size_t i = 0; rc == WY_OK && todo && i < n; i++)
        for (size_t k = 0; k < nh; k++) {
            int done = 0;
            if (!division_contains(hooks[k].division, rows[i].division) ||
                !kinds_match(hooks[k].kinds, rows[i].kind))
                continue;
            rc = store_webhook_was_delivered(c, rows[i].id, hooks[k].id, &done);
            todo[i * nh + k] = !done;
        }
    store_release(st, c);
    if (rc != WY_OK) {
        arena_free(&a);
        return error("notify: cannot read the outbox (%d)", rc);
    }
    if (n == 0) {
        arena_free(&a);
        return 0;
    }
    /* no connection is held while the webhooks answer */
    unsigned char *ok = arena_alloc(&a, n * (nh ? nh : 1));
    const char **errs = arena_alloc(&a, n * sizeof(*errs));
    unsigned char *untried = arena_alloc(&a, n); /* had webhooks to reach, and was not sent */
    CURL *h = nh ? curl_easy_init() : NULL;
    for (size_t i = 0; ok && errs && untried && i < n; i++)
        for (size_t k = 0; todo && k < nh; k++) {
            if (!todo[i * nh + k])
                continue;
            if (!h || stopping()) {
                untried[i] = 1;
                break;
            }
            const char *why = post_one(h, &a, cfg, &hooks[k], &rows[i]);
            if (why && stopping()) { /* abandoned, not failed */
                untried[i] = 1;
                break;
            }
            ok[i * nh + k] = !why;
            if (why) {
                errs[i] = why;
                log_warn("notify: event %lld: %s", (long long)rows[i].id, why);
            }
        }
    if (h)
        curl_easy_cleanup(h);
    c = store_acquire(st);
    db_guard(c, &a);
    int64_t after = time_now_ms();
    for (size_t i = 0; ok && errs && untried && i < n; i++) {
        if (untried[i]) { /* back to the outbox, due now, no attempt counted */
            rc = store_outbox_release(c, rows[i].id, after);
            if (rc != WY_OK)
                error("notify: cannot give event %lld back (%d)", (long long)rows[i].id, rc);
            continue;
        }
        rc = store_begin(c, 1);
        for (size_t k = 0; rc == WY_OK && todo && k < nh; k++)
            if (todo[i * nh + k] && ok[i * nh + k])
                rc = store_webhook_delivered(c, rows[i].id, hooks[k].id, after);
        int64_t retry = 0;
        if (errs[i] && rows[i].attempts + 1 < cfg->notify_max_attempts) {
            int shift = rows[i].attempts < 20 ? rows[i].attempts : 20;
            int64_t delay = (int64_t)cfg->notify_retry_base_ms << shift;
            retry = after + (delay < (int64_t)6 * 3600000 ? delay : (int64_t)6 * 3600000);
        }
        if (rc == WY_OK)
            rc = store_outbox_result(c, rows[i].id, after, errs[i], retry);
        if (rc == WY_OK)
            rc = store_commit(c);
        if (rc != WY_OK) {
            store_rollback(c);
            error("notify: cannot record the delivery of event %lld (%d)", (long long)rows[i].id,
                  rc);
        }
    }
    store_release(st, c);
    arena_free(&a);
    return (int)n;
}

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stopping, running;
    pthread_t th;
    store *st;
    const wy_config *cfg;
} D = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void *deliver_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&D.mu);
    while (!D.stopping) {
        pthread_mutex_unlock(&D.mu);
        /* a full batch: there may be more due (a backlog after a crowd) */
        while (notify_deliver_once(D.st, D.cfg) == DELIVERY_BATCH && !stopping())
            ;
        pthread_mutex_lock(&D.mu);
        if (D.stopping)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        int64_t ns = ts.tv_nsec + (int64_t)D.cfg->notify_interval_ms * 1000000;
        ts.tv_sec += ns / 1000000000;
        ts.tv_nsec = ns % 1000000000;
        pthread_cond_timedwait(&D.cv, &D.mu, &ts);
    }
    pthread_mutex_unlock(&D.mu);
    return NULL;
}

int notify_service_start(store *st, const wy_config *cfg)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -1;
    D.st = st;
    D.cfg = cfg;
    D.stopping = 0;
    __atomic_store_n(&Stopping, 0, __ATOMIC_RELAXED);
    if (pthread_create(&D.th, NULL, deliver_main, NULL) != 0)
        return -1;
    D.running = 1;
    return 0;
}

void notify_service_stop(void)
{
    if (!D.running)
        return;
    __atomic_store_n(&Stopping, 1, __ATOMIC_RELAXED);
    pthread_mutex_lock(&D.mu);
    D.stopping = 1;
    pthread_cond_signal(&D.cv);
    pthread_mutex_unlock(&D.mu);
    pthread_join(D.th, NULL);
    D.running = 0;
}
