/*
 * hours: volunteers' service hours (docs/volunteers.md, "Hours"). Whoever organises records
 * and certifies (谁组织谁记录、谁记录谁证明): a record names the organisation of the shift's or
 * the reported project, and is posted, once verified, to the hours ledger (core/ledger.h, book
 * "hours", in minutes, from "org:<org_id>" to "u:<user_id>") and earns points (book "points",
 * from "issuer" to "u:<user_id>"), in the same transaction.
 *
 * - Check-in and check-out at the shift's place: the volunteer scans the shift's QR code
 *   (its check_code) inside the shift's time window, or a coordinator checks them in and out
 *   on the roster. Check-out writes a verified record of the service time inside the shift,
 *   rounded down as configured.
 * - Reports afterwards by the volunteer, pending until someone with volunteers_manage over the
 *   organisation's division (never the reporter, never the volunteer) verifies or rejects it.
 * - A dispute or correction is a new record naming the earlier one, with signed minutes,
 *   decided like a report; nothing is ever edited.
 * - verify: both ledgers' chains and balances, and every verified record against its entry.
 */
#ifndef WY_HOURS_H
#define WY_HOURS_H

#include "core/cli.h"
#include "core/domain.h"
#include "mod/volunteers/hours_store.h"
#include "util/strbuf.h"

/* What a volunteer is told when a report or a correction of theirs is decided (core/notify.h):
 * the subject is the record, the params its minutes, source and decision note. */
extern const notify_kind hours_kind_verified, hours_kind_rejected;

#define HOURS_BOOK     "hours"
#define POINTS_BOOK    "points"
#define HOURS_NOTE_MAX 500 /* characters of a note or a decision note */

/* The settings of [volunteers] (module.c), with the compiled defaults when ctx has none. */
typedef struct hours_settings {
    int64_t rounding_minutes;   /* round service time down to a multiple of this */
    int64_t points_per_hour;    /* points a verified hour earns; 0: none */
    int64_t checkin_before;     /* minutes before the start a check-in is taken */
    int64_t checkout_after;     /* minutes after the end a check-out is taken */
    int64_t report_within_days; /* how old a reported service may be */
} hours_settings;
void hours_settings_get(const wy_ctx *ctx, hours_settings *s);

/* Round minutes down to a multiple of step (>= 1). */
int64_t hours_round(int64_t minutes, int64_t step);

/* ---- check-in and check-out ---- */
typedef struct hours_scan {
    const char *action; /* "checked_in" or "checked_out" */
    hours_shift shift;
    int64_t signup_id;
    int64_t record_id; /* at check-out: the record, 0 when no whole step was served */
    int64_t minutes;
} hours_scan;

/* The caller scanned the shift's code: checks in their confirmed sign-up, or checks out the
 * one checked in. Refusals: unknown_code (404), not_signed_up (409), too_early, too_late,
 * shift_cancelled (409). */
int hours_scan_code(wy_ctx *ctx, const char *code, hours_scan *out);
/* The shift a code names, for the page that asks to confirm (any logged-in caller). */
int hours_shift_by_code(wy_ctx *ctx, const char *code, hours_shift *out);
/* A coordinator (volunteers_manage over the shift's division) checks a sign-up in or out. */
int hours_signup_checkin(wy_ctx *ctx, int64_t signup_id, hours_scan *out);
int hours_signup_checkout(wy_ctx *ctx, int64_t signup_id, hours_scan *out);
/* A coordinator of the shift's organisation (or an admin over its division) excuses a sign-up
 * the settlement marked no_show, saying why (2 to 500 characters: 400 bad_reason); its status
 * stays no_show and it is no longer counted among the volunteer's no-shows. Refusals: 403
 * own_signup (nobody excuses their own), 409 not_no_show, already_excused. Audited
 * (volunteer_signup.excuse); *out the sign-up as it is now. */
int hours_signup_excuse(wy_ctx *ctx, int64_t signup_id, const char *reason, hours_signup *out);
/* The shift, for its QR page and roster: its organisation's coordinators (volunteer_org_require:
 * an admin over its division, or a volunteer_coordinator who coordinates it). */
int hours_shift_get(wy_ctx *ctx, int64_t id, hours_shift *out);
/* Its roster: the sign-ups confirmed, checked in or completed (the same permission). */
int hours_shift_roster(wy_ctx *ctx, int64_t id, hours_shift *shift, hours_signup **out, size_t *n);

/* ---- settling past shifts ---- */
/* Sign-ups settled a run at most (the job runs every jobs.interval_s: a backlog takes a few). */
#define HOURS_SETTLE_BATCH 200

typedef struct hours_settled {
    int completed; /* checked in, checked out by the settlement with their hours recorded */
    int no_shows;  /* confirmed, never checked in */
    int expired;   /* waiting-list entries and invitations of the past shift */
    int more;      /* the batch was full: more may be due */
} hours_settled;

/* Settle the live sign-ups of open shifts that ended [volunteers] shift_settle_hours ago or
 * more, HOURS_SETTLE_BATCH at most, in one transaction: a confirmed one becomes no_show (its
 * place given back); a checked-in one is checked out by the system and completed, its service
 * from the check-in to the shift's end recorded, verified and posted like a check-out; a
 * waiting or invited one is cancelled with ended "expired". Each is in the audit log. What is
 * settled is no longer live, so a second run changes nothing. */
int hours_settle(wy_ctx *ctx, hours_settled *out);
/* The periodic job "shift-settle" (module.c): hours_settle, logged; the number settled. */
int hours_job_settle(wy_ctx *ctx);

/* ---- reports, corrections, decisions ---- */
/* The caller reports service in a published project: date YYYY-MM-DD, start and end HH:MM
 * (China time), what was done. Refusals: not_registered, unknown_project, bad_date,
 * bad_time, bad_note. */
int hours_report(wy_ctx *ctx, int64_t project_id, const char *date, const char *start,
                 const char *end, const char *note, int64_t *id);
/* A correction (by a coordinator of the record's organisation) or a dispute (by the
 * volunteer) of a decided record: minutes signed, not 0. Refusals: bad_minutes, bad_note,
 * not_decided, too_many_minutes (taking more than the record holds). */
int hours_correct(wy_ctx *ctx, int64_t record_id, int64_t minutes, const char *note, int64_t *id);
/* Verify (verify 1) or reject a pending record; the note is required to reject. */
int hours_decide(wy_ctx *ctx, int64_t id, int verify, const char *note);
/* A record: its volunteer, or volunteers_manage over its organisation's division. */
int hours_get(wy_ctx *ctx, int64_t id, hours_record *out);

typedef struct hours_totals {
    int64_t verified_minutes; /* the hours ledger's balance of u:<user_id> */
    int64_t points;           /* the points ledger's balance */
} hours_totals;
/* The caller's records, newest first, and totals (NULL: not wanted). */
int hours_mine(wy_ctx *ctx, int64_t before, int limit, hours_record **out, size_t *n,
               hours_totals *t);
/* Pending records of a subtree (NULL: the caller's widest), for volunteers_manage over it: an
 * admin over it sees every organisation's, a volunteer_coordinator only those of the
 * organisations they coordinate (and their teams). */
int hours_queue(wy_ctx *ctx, const char *division, int64_t after, int limit, hours_record **out,
                size_t *n);
/* The CSV (UTF-8 with a BOM) of the verified records of organisation org_id and its teams
 * whose service began between from and to (YYYY-MM-DD, both days included), in the columns
 * of the national volunteer information system; audit-logged as a personal export. */
int hours_export_csv(wy_ctx *ctx, int64_t org_id, const char *from, const char *to, strbuf *out);

/* ---- the ledgers' check ---- */
typedef struct hours_check {
    int64_t entries, accounts, records;
    char book[16];      /* where the first problem is ("hours", "points", "records") */
    char detail[512];   /* the first problem, one line; "" when all holds */
    int64_t bad_entry;  /* the entry, when an entry is broken */
    int64_t bad_record; /* the record, when a record has no matching entry */
} hours_check;
/* Verify the chains and balances of books "hours" and "points" and that every verified
 * record has its entry (amount, accounts, reference). 0 when all holds, 1 when not (out says
 * the first problem), -1 with the refusal on ctx. Outside any transaction. */
int hours_verify(wy_ctx *ctx, hours_check *out);

/* `wenyun demo`: past shifts with completed sign-ups and a pending report (demo_hours.c). */
int hours_demo(wy_ctx *ctx, int verbose);
/* `wenyun volunteers verify` (cli_volunteers.c). */
int volunteers_cli(const wy_cli *cli, int argc, char **argv);

#endif
