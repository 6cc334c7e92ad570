/*
 * timed_entry: 参观预约, timed entry for venues such as museums. A venue's staff set daily
 * entry slots (09:00–10:30, 10:30–12:00, …) with a capacity each, how many days ahead
 * they can be booked, and the time of day booking opens (booking for day D opens on day
 * D − days_ahead at that time, China time). The slots become ordinary sessions of one
 * published activity of the venue (category "timed_entry"), so every booking rule — one
 * booking per person per session, companions, the daily limit, idempotency, the group-commit
 * writer, QR check-in, cancellation — applies to them unchanged.
 *
 * The generator makes the sessions of the coming days: one per slot on each day the venue
 * is open for the whole slot (weekly hours and dated exceptions). It is idempotent, runs
 * when the configuration is saved, when the venue's hours change, from the periodic job
 * (once a day per venue) and from `wenyun timed-entry generate`; never on a page view or an
 * API read, which only read the sessions. One generation reads the existing future sessions
 * with their booking counts in one query and merges them with the wanted ones (both in
 * time order).
 * A regeneration changes or removes only future sessions nobody has booked; sessions with
 * live bookings are left exactly as they are.
 */
#ifndef WY_TIMED_ENTRY_H
#define WY_TIMED_ENTRY_H

#include "core/domain.h"
#include "mod/timed_entry/timed_entry_store.h"

#define TIMED_ENTRY_MAX_SLOTS 48

typedef struct timed_slot {
    int starts, ends; /* minutes after local midnight; ends may be 1440 */
} timed_slot;

typedef struct timed_entry_config {
    timed_slot slots[TIMED_ENTRY_MAX_SLOTS];
    size_t nslots;
    int capacity;        /* 1 .. 100000 per slot */
    int days_ahead;      /* 0 .. 60 */
    int opens_at_minute; /* 0 .. 1439 */
    int max_companions;  /* 0 .. 10 */
} timed_entry_config;

typedef struct timed_entry_view {
    timed_entry te; /* as stored */
    timed_slot *slots;
    size_t nslots;
    activity_session *sessions; /* scheduled, from now to the last bookable day */
    size_t nsessions;
} timed_entry_view;

/* Parse the stored slots (JSON [["09:00","10:30"], ...]); -1 when malformed. */
int timed_entry_parse_slots(const char *json, timed_slot *out, size_t max, size_t *n);

/* Enable or change a venue's timed entry (PERM_VENUE_MANAGE on the venue's division; an
 * account must act, as it is recorded as the activity's creator). The first time it creates
 * the venue's published activity. The sessions are regenerated in the same transaction. */
int timed_entry_configure(wy_ctx *ctx, int64_t venue_id, timed_entry_config *cfg);
/* Disable: future sessions nobody booked are removed; booked ones stay. */
int timed_entry_disable(wy_ctx *ctx, int64_t venue_id);
/* The configuration and the coming sessions; E_NOTFOUND when never configured. */
int timed_entry_get(wy_ctx *ctx, int64_t venue_id, timed_entry_view *out);
/* Does the venue take timed entry bookings now? One read; 0 when it does not or cannot be
 * read (nothing is put on ctx). */
int timed_entry_enabled(wy_ctx *ctx, int64_t venue_id);

/* Generate the sessions of every enabled venue not yet generated today. Returns the number
 * of sessions created, or -1 with the refusal on ctx. */
int timed_entry_generate(wy_ctx *ctx);
/* One venue; force regenerates even when it ran today. created/removed may be NULL. */
int timed_entry_generate_venue(wy_ctx *ctx, int64_t venue_id, int force, int *created,
                               int *removed);
/* The lazy call of a page: generate when the venue has timed entry and it has not run
 * today (one read otherwise). */
int timed_entry_ensure(wy_ctx *ctx, int64_t venue_id);

/* The module's init (mod/module.h): the slots follow the venue's hours
 * (venue_on_hours_changed): invalidated in the transaction that changes them, regenerated
 * once it is committed (the periodic job does it should that fail). */
void timed_entry_init(void);

/* `wenyun demo`: the module's demonstration data (mod/module.h). */
int timed_entry_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
