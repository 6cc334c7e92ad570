/*
 * lottery_store: the rows of the store of draws (sql/0026_lotteries.sql): one per lottery of an
 * owner, open -> committed -> drawn. Each change is guarded by the status it expects, so that a
 * committed lottery's inputs and a drawn lottery's file are written once (the database's
 * triggers refuse any other change too). The rules are in lottery_record.h.
 */
#ifndef WY_LOTTERY_STORE_H
#define WY_LOTTERY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "util/arena.h"

typedef struct lottery_row {
    int64_t id;
    const char *owner_type; /* the kind that owns it ("course_term") */
    int64_t owner_id;
    const char *division;
    const char *title;
    const char *status; /* "open", "committed", "drawn" */
    const char *algorithm;
    const char *commitment; /* 64 hex, once committed; else NULL */
    const char *beacon_source;
    int64_t beacon_round;
    int64_t beacon_due_at; /* ms: when the round is out */
    int64_t committed_at, committed_by;
    const char *beacon_value; /* hex, once drawn */
    const char *seed;
    int64_t drawn_at, drawn_by;
    int64_t created_at;
} lottery_row;

/* Open a lottery of an owner (one per owner): *id the new row's, or the existing row's when
 * the owner has one already. */
int store_lottery_open(db *c, const char *owner_type, int64_t owner_id, const char *division,
                       const char *title, const char *algorithm, int64_t now, int64_t *id);
int store_lottery_get(db *c, arena *a, int64_t id, lottery_row *out);
int store_lottery_by_owner(db *c, arena *a, const char *owner_type, int64_t owner_id,
                           lottery_row *out);
/* Lotteries of a division subtree ("" for all), newest first, ids below before (0: from the
 * newest), at most limit. */
int store_lottery_list(db *c, arena *a, const char *division, int64_t before, int limit,
                       lottery_row **out, size_t *n);
/* The canonical inputs (committed) or the draw file (drawn): WY_NOTFOUND before. */
int store_lottery_inputs(db *c, arena *a, int64_t id, const char **text, size_t *len);
int store_lottery_draw_file(db *c, arena *a, int64_t id, const char **text, size_t *len);
/* open -> committed; WY_NOTFOUND when the row is not open. */
int store_lottery_commit(db *c, int64_t id, const char *inputs, const char *commitment,
                         const char *beacon_source, int64_t beacon_round, int64_t due_at,
                         int64_t now, int64_t by);
/* committed -> drawn; WY_NOTFOUND when the row is not committed. */
int store_lottery_drawn(db *c, int64_t id, const char *beacon_value, const char *seed,
                        const char *draw_file, int64_t now, int64_t by);

#endif
