/*
 * notify: telling people what happened to them, for every module. Two channels, one source:
 * each event is a row in the person's in-app inbox (notifications) and a row in the outbox,
 * both written in the transaction of the change that causes the event (a confirmation in the
 * booking writer's batch, a decision on a space booking, a reminder by a periodic job), so
 * none is lost. A delivery thread per process sends the outbox to the webhooks whose division
 * subtree and kinds match, signed with HMAC-SHA256, retrying with exponential backoff
 * (docs/notifications.md).
 *
 * The core knows no module's kinds. A module defines its kinds (notify_kind, core/store.h),
 * lists them in its descriptor with the inbox's sentence for each (mod/module.h:
 * notify_kinds), and sends with notify_send, giving the subject and a snapshot of it
 * (notify_msg); the application registers the kinds at start-up (app_domain_init).
 */
#ifndef WY_NOTIFY_H
#define WY_NOTIFY_H

#include "core/domain.h"

/* The registry of kinds, filled at start-up from the modules' descriptors: -1 when the name
 * is not a kind's (1 to 63 of a-z, 0-9, '_' and '.'), another kind has the same name, or the
 * registry is full (NOTIFY_KIND_MAX); the same kind registered again is kept once. */
#define NOTIFY_KIND_MAX 128
int notify_kind_register(const notify_kind *k);
/* The kind registered under name, or NULL. */
const notify_kind *notify_kind_find(const char *name);
int notify_kind_known(const char *name);

/* Tell m->user_id about m->subject, inside the caller's transaction (the notification and its
 * outbox row commit with the change that causes them). A kind that may not repeat is written
 * once per person and subject: a second time writes nothing and *id (when not NULL) is 0.
 * -1 with the refusal on ctx: an unregistered kind or a message without a person, subject or
 * division is a fault of the caller (E_INTERNAL), a store error as usual. */
int notify_send(wy_ctx *ctx, const notify_msg *m, int64_t *id);

/* The caller's inbox: newest first, before cursor; the unread count too. */
int notify_inbox(wy_ctx *ctx, int64_t before, int limit, notification **out, size_t *n,
                 int64_t *unread);
/* Mark the caller's notifications read: these ids, or all of them (all != 0); how many were
 * marked, and how many stay unread. */
int notify_mark_read(wy_ctx *ctx, const int64_t *ids, size_t n, int all, int64_t *changed,
                     int64_t *unread);

/* Webhooks, managed by admins of a subtree (PERM_WEBHOOK_MANAGE). kinds: comma-separated
 * known kinds or NULL for all; secret NULL: one is made (returned once, in out). */
int webhook_create(wy_ctx *ctx, const char *url, const char *division, const char *kinds,
                   const char *secret, webhook *out);
int webhook_list(wy_ctx *ctx, webhook **out, size_t *n);
int webhook_delete(wy_ctx *ctx, int64_t id);

/* The value of X-Wenyun-Signature for body: "sha256=" and the HMAC-SHA256 in hex. */
void notify_signature(const char *secret, const char *body, size_t len, char out[72]);

/* Is this address one a webhook may reach with [notify] allow_private_targets off: not
 * loopback, private (RFC 1918, unique local), link-local, shared (100.64/10), unspecified,
 * multicast, broadcast, reserved or documentation space, nor IPv4 such an address mapped or
 * translated into IPv6? (sa: a struct sockaddr_in or sockaddr_in6.) */
struct sockaddr;
int notify_address_public(const struct sockaddr *sa);

/* The delivery thread: started with the server, stopped before the store closes. */
int notify_service_start(store *st, const wy_config *cfg);
void notify_service_stop(void);
/* One pass over the due outbox (the thread's body; the command line and tests call it): the
 * number of events taken (at most 32), -1 when the outbox could not be read. */
int notify_deliver_once(store *st, const wy_config *cfg);

#endif
