/* sms: see sms.h. */
#include "util/sms.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/log.h"
#include "util/timeutil.h"
#include "util/weburl.h"

/* ---- log: the development provider ---- */

static int log_check(const wy_config *cfg, char *err, size_t errlen)
{
    (void)cfg, (void)err, (void)errlen;
    return 0;
}

static int log_send(const wy_config *cfg, const sms_message *m, char *err, size_t errlen)
{
    (void)cfg, (void)err, (void)errlen;
    log_info("sms.code phone=%s code=%s purpose=%s", m->phone, m->code, m->purpose);
    return 0;
}

/* ---- http: a signed form POST to a gateway ---- */

static const char *template_of(const wy_config *cfg, const char *purpose)
{
    return !strcmp(purpose, "reset") ? cfg->sms_template_reset : cfg->sms_template_register;
}

static int http_check(const wy_config *cfg, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        size_t off;
    } need[] = {
        {"url", offsetof(wy_config, sms_url)},
        {"key_id", offsetof(wy_config, sms_key_id)},
        {"secret", offsetof(wy_config, sms_secret)},
        {"sign_name", offsetof(wy_config, sms_sign_name)},
        {"template_register", offsetof(wy_config, sms_template_register)},
        {"template_reset", offsetof(wy_config, sms_template_reset)},
    };
    for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
        if (!((const char *)cfg + need[i].off)[0]) {
            set_err(err, errlen, "[sms] provider = http needs sms.%s", need[i].name);
            return -1;
        }
    if (!weburl_valid(cfg->sms_url, 0)) {
        set_err(err, errlen, "sms.url must be an http:// or https:// address with a host");
        return -1;
    }
    return 0;
}

/* RFC 3986: everything but the unreserved characters as %XX (upper case) */
static int pct(strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                   (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';
        if (keep ? sb_addc(sb, (char)*p) < 0
                 : sb_addf(sb, "%%%c%c", hex[*p >> 4], hex[*p & 15]) < 0)
            return -1;
    }
    return 0;
}

typedef struct param {
    const char *name, *value;
} param;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const param *)a)->name, ((const param *)b)->name);
}

int sms_http_body(const wy_config *cfg, const sms_message *m, const char *timestamp,
                  const char *nonce, strbuf *out)
{
    char tparam[64];
    snprintf(tparam, sizeof(tparam), "{\"code\":\"%s\"}", m->code);
    param ps[] = {
        {"AccessKeyId", cfg->sms_key_id},
        {"PhoneNumbers", m->phone},
        {"SignName", cfg->sms_sign_name},
        {"SignatureMethod", "HMAC-SHA256"},
        {"SignatureNonce", nonce},
        {"SignatureVersion", "1.0"},
        {"TemplateCode", template_of(cfg, m->purpose)},
        {"TemplateParam", tparam},
        {"Timestamp", timestamp},
    };
    size_t n = sizeof(ps) / sizeof(ps[0]);
    qsort(ps, n, sizeof(ps[0]), by_name);
    for (size_t i = 0; i < n; i++)
        if ((i && sb_addc(out, '&') < 0) || pct(out, ps[i].name) < 0 || sb_addc(out, '=') < 0 ||
            pct(out, ps[i].value) < 0)
            return -1;
    /* the string to sign: the method, a newline, the sorted and encoded parameters */
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)cfg->sms_secret,
                                strlen(cfg->sms_secret));
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)"POST\n", 5);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)out->buf, out->len);
    crypto_auth_hmacsha256_final(&st, mac);
    char sig[sodium_base64_ENCODED_LEN(sizeof(mac), sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(sig, sizeof(sig), mac, sizeof(mac), sodium_base64_VARIANT_ORIGINAL);
    return sb_adds(out, "&Signature=") < 0 || pct(out, sig) < 0 ? -1 : 0;
}

static size_t keep_reply(char *p, size_t size, size_t n, void *ud)
{
    strbuf *sb = ud;
    sb_add(sb, p, size * n); /* past the maximum the rest is dropped: only its start matters */
    return size * n;
}

static int http_send(const wy_config *cfg, const sms_message *m, char *err, size_t errlen)
{
    char ts[32], nonce[33];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
    unsigned char raw[16];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(nonce, sizeof(nonce), raw, sizeof(raw));
    strbuf body = STRBUF_INIT_MAX(16 << 10);
    strbuf reply = STRBUF_INIT_MAX(4 << 10);
    if (sms_http_body(cfg, m, ts, nonce, &body) < 0) {
        sb_release(&body);
        set_err(err, errlen, "cannot build the request");
        return -1;
    }
    CURL *h = curl_easy_init();
    if (!h) {
        sb_release(&body);
        set_err(err, errlen, "out of memory");
        return -1;
    }
    struct curl_slist *hd =
        curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
    hd = curl_slist_append(hd, "Accept: application/json");
    hd = curl_slist_append(hd, "Expect:");
    curl_easy_setopt(h, CURLOPT_URL, cfg->sms_url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)cfg->sms_timeout_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)cfg->sms_timeout_ms);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "wenyun/" WY_VERSION);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.buf);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)body.len);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_reply);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &reply);
    CURLcode cc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hd);
    curl_easy_cleanup(h);
    sb_release(&body);
    int rc = 0;
    if (cc != CURLE_OK) {
        set_err(err, errlen, "%s", curl_easy_strerror(cc));
        rc = -1;
    } else if (status < 200 || status > 299) {
        set_err(err, errlen, "HTTP %ld", status);
        rc = -1;
    } else {
        /* a gateway says OK in its body: {"Code": "OK"}; anything else names the refusal */
        json_t *j = json_loadb(reply.buf, reply.len, 0, NULL);
        const char *code = json_string_value(json_object_get(j, "Code"));
        if (code && strcmp(code, "OK")) {
            const char *msg = json_string_value(json_object_get(j, "Message"));
            set_err(err, errlen, "refused: %.64s %.160s", code, msg ? msg : "");
            rc = -1;
        }
        json_decref(j);
    }
    sb_release(&reply);
    return rc;
}

static const sms_provider providers[] = {
    {"log", log_check, log_send},
    {"http", http_check, http_send},
};

const sms_provider *sms_provider_named(const char *name)
{
    for (size_t i = 0; name && i < sizeof(providers) / sizeof(providers[0]); i++)
        if (!strcmp(providers[i].name, name))
            return &providers[i];
    return NULL;
}

int sms_check_config(const wy_config *cfg, char *err, size_t errlen)
{
    const sms_provider *p = sms_provider_named(cfg->sms_provider);
    if (!p) {
        set_err(err, errlen, "sms.provider is log or http, not '%s'", cfg->sms_provider);
        return -1;
    }
    return p->check(cfg, err, errlen);
}

static sms_observer_fn Observer;
static void *Observer_ud;

void sms_observe(sms_observer_fn fn, void *ud)
{
    Observer_ud = ud;
    Observer = fn;
}

static int send_now(const wy_config *cfg, const sms_message *m)
{
    const sms_provider *p = sms_provider_named(cfg->sms_provider);
    char err[256] = "";
    if (!p)
        return error("sms: no provider named '%s'", cfg->sms_provider);
    if (p->send(cfg, m, err, sizeof(err)) < 0) {
        char masked[16];
        snprintf(masked, sizeof(masked), "%.3s****%.4s", m->phone,
                 strlen(m->phone) == 11 ? m->phone + 7 : "");
        return error("sms: %s code to %s not sent: %s", m->purpose, masked, err);
    }
    if (Observer)
        Observer(m, Observer_ud);
    return 0;
}

/* ---- the sending thread and its queue ---- */

#define QUEUE_MAX 1024

typedef struct queued {
    char phone[16], purpose[16], code[SMS_CODE_DIGITS + 1];
} queued;

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    queued q[QUEUE_MAX];
    size_t head, n;
    int running, stopping;
    pthread_t th;
    const wy_config *cfg;
} Q = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void *sender_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&Q.mu);
    for (;;) {
        while (!Q.n && !Q.stopping)
            pthread_cond_wait(&Q.cv, &Q.mu);
        if (Q.stopping)
            break;
        queued m = Q.q[Q.head];
        Q.head = (Q.head + 1) % QUEUE_MAX;
        Q.n--;
        pthread_mutex_unlock(&Q.mu);
        send_now(Q.cfg, &(sms_message){m.phone, m.purpose, m.code});
        sodium_memzero(&m, sizeof(m));
        pthread_mutex_lock(&Q.mu);
    }
    if (Q.n)
        log_warn("sms: %zu messages not sent at shut-down", Q.n);
    sodium_memzero(Q.q, sizeof(Q.q));
    Q.n = 0;
    pthread_mutex_unlock(&Q.mu);
    return NULL;
}

int sms_send(const wy_config *cfg, const sms_message *m)
{
    if (strlen(m->phone) >= sizeof(Q.q[0].phone) || strlen(m->purpose) >= sizeof(Q.q[0].purpose) ||
        strlen(m->code) >= sizeof(Q.q[0].code))
        return -1;
    pthread_mutex_lock(&Q.mu);
    if (!Q.running) {
        pthread_mutex_unlock(&Q.mu);
        return send_now(cfg, m);
    }
    if (Q.n == QUEUE_MAX) {
        pthread_mutex_unlock(&Q.mu);
        return error("sms: the queue is full (%d messages): a code was not sent", QUEUE_MAX);
    }
    queued *q = &Q.q[(Q.head + Q.n) % QUEUE_MAX];
    snprintf(q->phone, sizeof(q->phone), "%s", m->phone);
    snprintf(q->purpose, sizeof(q->purpose), "%s", m->purpose);
    snprintf(q->code, sizeof(q->code), "%s", m->code);
    Q.n++;
    pthread_cond_signal(&Q.cv);
    pthread_mutex_unlock(&Q.mu);
    return 0;
}

int sms_service_start(const wy_config *cfg)
{
    pthread_mutex_lock(&Q.mu);
    Q.cfg = cfg;
    Q.stopping = 0;
    Q.head = Q.n = 0;
    int rc = pthread_create(&Q.th, NULL, sender_main, NULL);
    Q.running = rc == 0;
    pthread_mutex_unlock(&Q.mu);
    return rc == 0 ? 0 : -1;
}

void sms_service_stop(void)
{
    pthread_mutex_lock(&Q.mu);
    if (!Q.running) {
        pthread_mutex_unlock(&Q.mu);
        return;
    }
    Q.stopping = 1;
    pthread_cond_signal(&Q.cv);
    pthread_mutex_unlock(&Q.mu);
    pthread_join(Q.th, NULL);
    pthread_mutex_lock(&Q.mu);
    Q.running = 0;
    pthread_mutex_unlock(&Q.mu);
}
