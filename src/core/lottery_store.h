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

/* ---- corrections (sql/0036_lottery_corrections.sql) ---- */

typedef struct lottery_correction_row {
    int64_t id, lottery_id;
    const char *action;    /* "annul", "erratum" */
    const char *applicant; /* the pseudonym in the draw file; "" for an erratum */
    const char *reason;
    const char *status; /* "proposed", "applied", "cancelled" */
    int64_t proposed_by, proposed_at;
    int64_t decided_by, decided_at; /* 0 while proposed */
} lottery_correction_row;

/* A proposed correction: *id the new row's; WY_CONSTRAINT when the applicant is annulled
 * already, or proposed to be. */
int store_lottery_correction_add(db *c, int64_t lottery_id, const char *action,
                                 const char *applicant, const char *reason, int64_t by, int64_t now,
                                 int64_t *id);
int store_lottery_correction_get(db *c, arena *a, int64_t id, lottery_correction_row *out);
/* A lottery's corrections, oldest first: the applied ones, or every one (all). */
int store_lottery_corrections(db *c, arena *a, int64_t lottery_id, int all,
                              lottery_correction_row **out, size_t *n);
/* proposed -> status ("applied", "cancelled"); WY_NOTFOUND when it is not proposed. */
int store_lottery_correction_decide(db *c, int64_t id, const char *status, int64_t by, int64_t now);

#endif
