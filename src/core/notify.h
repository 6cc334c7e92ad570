/*
 * notify: telling people what happened to their bookings. Two channels, one source: each
 * event is a row in the person's in-app inbox (notifications) and a row in the outbox, both
 * written in the transaction of the change that causes the event (a confirmation in the
 * booking writer's batch, a promotion in the cancellation that frees the seat, a session's
 * cancellation or change in the organiser's edit, a reminder by the periodic job), so none
 * is lost. A delivery thread per process sends the outbox to the webhooks whose division
 * subtree and kinds match, signed with HMAC-SHA256, retrying with exponential backoff
 * (docs/notifications.md).
 */
#ifndef WY_NOTIFY_H
#define WY_NOTIFY_H

#include "core/domain.h"

#define NOTIFY_KIND_LIST(X)                                                                        \
    X("booking.confirmed")                                                                         \
    X("booking.promoted")                                                                          \
    X("session.reminder")                                                                          \
    X("session.cancelled")                                                                         \
    X("session.changed")                                                                           \
    X("space_booking.approved")                                                                    \
    X("space_booking.rejected")

int notify_kind_known(const char *kind);

/* Tell user_id about kind (inside the caller's transaction); params: a JSON object's text or
 * NULL. A kind that may not repeat for a booking is written once. */
int notify_tell(wy_ctx *ctx, const char *kind, int64_t user_id, int64_t booking_id,
                int64_t session_id, const char *params);

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
