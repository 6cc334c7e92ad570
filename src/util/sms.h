/*
 * sms: one-time codes sent by SMS through the provider the operator chose ([sms] provider).
 * A provider is a small table of functions. Two exist:
 *
 *   log   development and tests: nothing leaves the machine; each message is one log line
 *         "sms.code phone=<number> code=<code> purpose=<purpose>".
 *   http  an HTTP SMS gateway of the kind Chinese providers offer: a form POST to [sms] url
 *         naming the key id, the number, the sign name and the template, the code as the
 *         template's parameter, a timestamp and a random nonce, signed with HMAC-SHA256 under
 *         the key's secret (docs/operating.md gives the exact canonical string).
 *
 * Messages go out from one thread of their own (sms_service_start, by `wenyun serve`): a
 * slow gateway never holds a request's thread, and how long an answer takes never tells
 * whether a message was sent. Without the service (the command line, unit tests) sms_send
 * sends at once.
 */
#ifndef WY_SMS_H
#define WY_SMS_H

#include <stddef.h>

#include "util/config.h"
#include "util/strbuf.h"

#define SMS_CODE_DIGITS 6

typedef struct sms_message {
    const char *phone;
    const char *purpose; /* "register" or "reset": it chooses the template */
    const char *code;
} sms_message;

typedef struct sms_provider {
    const char *name;
    /* Are the settings the provider needs there? -1 with the reason in err. */
    int (*check)(const wy_config *cfg, char *err, size_t errlen);
    /* Send one message now; -1 with the reason in err. */
    int (*send)(const wy_config *cfg, const sms_message *m, char *err, size_t errlen);
} sms_provider;

/* The provider of that name, or NULL. */
const sms_provider *sms_provider_named(const char *name);
/* The configured provider exists and has what it needs; -1 with the reason in err. */
int sms_check_config(const wy_config *cfg, char *err, size_t errlen);

/* Send m: queued when the service runs (0 even if the gateway later fails: that is logged),
 * else sent now. -1 when it cannot be sent or queued (the queue is full). */
int sms_send(const wy_config *cfg, const sms_message *m);

int sms_service_start(const wy_config *cfg);
/* Stop after the message in flight; messages still queued are dropped (and counted in the
 * log). */
void sms_service_stop(void);

/* Tell fn about every message sent from now on (after its provider took it); NULL: stop.
 * For tests, which cannot read an SMS. */
typedef void (*sms_observer_fn)(const sms_message *m, void *ud);
void sms_observe(sms_observer_fn fn, void *ud);

/* The http provider's request body for m at this timestamp ("2026-11-22T06:30:00Z") and
 * nonce: the parameters sorted by name, percent-encoded (RFC 3986), with the Signature last.
 * -1 when a setting is missing or the body does not fit. (For tests.) */
int sms_http_body(const wy_config *cfg, const sms_message *m, const char *timestamp,
                  const char *nonce, strbuf *out);

#endif
