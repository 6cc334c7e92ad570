/*
 * session_cache: who holds a session token, remembered in the process so that a request
 * needs no database round trip to know its caller. An entry is kept at most ttl seconds and
 * never past the session's own expiry.
 *
 * Coherence: everything that ends a session or changes what a principal may do (logout,
 * password change, role grant or revoke) forgets the entries concerned after its commit, in
 * this process at once and, on PostgreSQL, in every other app server through a notification
 * sent inside the same transaction (session_cache_announce; the listener thread calls
 * session_cache_on_notify). While the listener is not connected the cache is off. A
 * generation counter closes the race of a lookup that read the database before a commit and
 * would store its stale answer after the entry was forgotten.
 */
#ifndef WY_SESSION_CACHE_H
#define WY_SESSION_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"

#define SESSION_CACHE_CHANNEL "wenyun_auth"

typedef struct session_cache_stats {
    uint64_t hits, misses, entries;
} session_cache_stats;

/* ttl_s 0 turns the cache off. enabled: start on (SQLite) or off until the listener says it
 * follows the channel (PostgreSQL). */
void session_cache_init(int ttl_s, size_t max_entries, int enabled);
void session_cache_free(void);

/* The generation to pass to session_cache_put for a lookup starting now. */
uint64_t session_cache_generation(void);
/* 1 and *out filled (strings in a) when token_hash is cached and fresh; 0 otherwise. */
int session_cache_get(const char *token_hash, int64_t now, arena *a, principal *out);
void session_cache_put(const char *token_hash, int64_t expires_at, int64_t now, uint64_t gen,
                       const principal *p);

/* Forget in this process (after a commit). */
void session_cache_forget_token(const char *token_hash);
void session_cache_forget_user(int64_t user_id);

/* Tell the other processes, inside the caller's transaction: forget token hash th (with
 * user_id 0) or every session of user_id. */
int session_cache_announce(wy_ctx *ctx, int64_t user_id, const char *token_hash);
/* The listener's callback: a payload from session_cache_announce, NULL (connection lost:
 * turn off and forget everything) or "" (following again: forget everything, turn on). */
void session_cache_on_notify(const char *payload, void *ud);

void session_cache_stats_get(session_cache_stats *out);

#endif
