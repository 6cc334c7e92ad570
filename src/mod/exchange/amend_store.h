/*
 * amend_store: the store interface of the exchange module's later changes (store_amend.c):
 * deleting partners and agreements, rewriting an activity's or a plan's text, partners and
 * stops, changing and deleting funds, delegates, lessons and measures, reopening an
 * evaluation, and the agreements' annual programmes. Conventions as in core/store.h; the
 * store checks only what the tables' constraints say, the rules (amend.c) the rest.
 */
#ifndef WY_EXCHANGE_AMEND_STORE_H
#define WY_EXCHANGE_AMEND_STORE_H

#include <stdint.h>

#include "core/store.h"
#include "mod/exchange/activity_store.h"
#include "mod/exchange/calendar_store.h"
#include "mod/exchange/followup_store.h"

/* How many records name the partner (agreements, intents, activities, follow-ups, plans,
 * lessons, measures), or the agreement (follow-ups, programme items). */
int store_exchange_partner_refs(db *c, int64_t id, int64_t *n);
int store_exchange_partner_delete(db *c, int64_t id);
int store_exchange_agreement_refs(db *c, int64_t id, int64_t *n);
int store_exchange_agreement_delete(db *c, int64_t id);

/* An activity's text, kind, scope, channel and dates rewritten; its partners or stops removed
 * (to be added again). */
int store_exchange_activity_update(db *c, const exchange_activity *x, int64_t now);
int store_exchange_activity_clear_partners(db *c, int64_t id);
int store_exchange_activity_clear_stops(db *c, int64_t id);

/* A plan rewritten (unit, title, kind, dates, note); its partners removed; the plan deleted
 * with its partners. */
int store_exchange_plan_update(db *c, const exchange_plan *p, int64_t now);
int store_exchange_plan_clear_partners(db *c, int64_t id);
int store_exchange_plan_delete(db *c, int64_t id);

int store_exchange_fund_get(db *c, arena *a, int64_t id, exchange_fund *out);
int store_exchange_fund_update(db *c, const exchange_fund *f);
int store_exchange_fund_delete(db *c, int64_t id);

int store_exchange_delegate_get(db *c, arena *a, int64_t id, exchange_delegate *out);
int store_exchange_delegate_update(db *c, const exchange_delegate *d);
int store_exchange_delegate_delete(db *c, int64_t id);

int store_exchange_lesson_get(db *c, arena *a, int64_t id, exchange_lesson *out);
int store_exchange_lesson_update(db *c, const exchange_lesson *l, int64_t now);
int store_exchange_lesson_delete(db *c, int64_t id);

int store_exchange_measure_get(db *c, arena *a, int64_t id, exchange_measure *out);
int store_exchange_measure_delete(db *c, int64_t id);

/* Reopen a closed evaluation (WY_NOTFOUND when it is not closed). */
int store_exchange_evaluation_reopen(db *c, int64_t activity);

/* An item of an agreement's annual programme. */
typedef struct exchange_programme_item {
    int64_t id, agreement_id;
    const char *division;
    int year, month;
    const char *title, *owner;
    const char *status;    /* planned | done | dropped */
    int64_t activity_id;   /* 0: none */
    const char *agreement; /* joined: the agreement's title */
    int64_t partner_id;    /* joined: the agreement's partner */
    const char *partner_name;
    int64_t created_by, created_at, updated_at;
} exchange_programme_item;

int store_exchange_programme_add(db *c, const exchange_programme_item *it, int64_t now,
                                 int64_t *id);
int store_exchange_programme_get(db *c, arena *a, int64_t id, exchange_programme_item *out);
/* The items of an agreement (of a year; 0: every year), by year, month and id. */
int store_exchange_programme_of(db *c, arena *a, int64_t agreement, int year,
                                exchange_programme_item **out, size_t *n);
int store_exchange_programme_update(db *c, const exchange_programme_item *it, int64_t now);
int store_exchange_programme_delete(db *c, int64_t id);
/* The items of these partners' agreements still planned for a month before yyyymm (a month
 * passed undone), by partner, year, month and id. */
int store_exchange_programme_overdue(db *c, arena *a, const int64_t *partners, size_t np,
                                     int64_t yyyymm, exchange_programme_item **out, size_t *n);

#endif
