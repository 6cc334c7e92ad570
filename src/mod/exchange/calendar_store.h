/*
 * calendar_store: the store interface of the exchange module's coordination calendar (plans
 * and their clashes), special funds and sponsorship, delegations (store_calendar.c), and the
 * changes to partners, agreements, channels and intents (store_edit.c). Conventions as in
 * core/store.h; the store checks only what the tables' constraints say, the rules the rest.
 */
#ifndef WY_EXCHANGE_CALENDAR_STORE_H
#define WY_EXCHANGE_CALENDAR_STORE_H

#include <stdint.h>

#include "core/store.h"
#include "mod/exchange/exchange_store.h"

/* A planned exchange of a unit of a division, approved through review (exchange_plan). */
typedef struct exchange_plan {
    int64_t id;
    const char *division, *unit, *title, *kind, *starts_on, *ends_on, *note, *status;
    int64_t created_by, created_at, updated_at;
} exchange_plan;

/* A plan's partner, named. */
typedef struct exchange_plan_partner {
    int64_t plan_id, partner_id;
    const char *name;
} exchange_plan_partner;

/* A clash of a plan with another plan or an exchange activity (not rejected): the same
 * partner in overlapping periods (reason "same_partner", partner_id set) or overlapping dates
 * in the same division (reason "same_division", partner_id 0). */
typedef struct exchange_clash {
    const char *reason;    /* same_partner | same_division */
    const char *with_type; /* plan | activity */
    int64_t with_id;
    const char *title, *division, *starts_on, *ends_on;
    int64_t partner_id;
    const char *partner_name; /* NULL for same_division */
} exchange_clash;

int store_exchange_plan_create(db *c, const exchange_plan *p, int64_t now, int64_t *id);
int store_exchange_plan_add_partner(db *c, int64_t plan, int64_t partner);
int store_exchange_plan_get(db *c, arena *a, int64_t id, exchange_plan *out);
int store_exchange_plan_set_status(db *c, int64_t id, const char *status, int64_t now);
/* Plans of the subtree prefix whose dates meet [from, to] (YYYY-MM-DD), by start then id, at
 * most limit; published only when published_only. */
int store_exchange_plan_list(db *c, arena *a, const char *prefix, const char *from, const char *to,
                             int published_only, int limit, exchange_plan **out, size_t *n);
/* The partners of these plans, by plan then partner. */
int store_exchange_plan_partners(db *c, arena *a, const int64_t *plans, size_t np,
                                 exchange_plan_partner **out, size_t *n);
/* The clashes of plan id (stored with its partners), by reason, kind and id. */
int store_exchange_plan_clashes(db *c, arena *a, int64_t id, exchange_clash **out, size_t *n);

/* A fund or sponsorship of an activity. */
typedef struct exchange_fund {
    int64_t id, activity_id;
    const char *division;
    const char *kind; /* grant | sponsorship | facilities | donation */
    const char *sponsor;
    int64_t amount_fen; /* money given */
    const char *in_kind;
    int64_t value_fen; /* the value of what was given in kind */
    const char *given_on;
    int64_t created_by, created_at;
} exchange_fund;

typedef struct exchange_fund_total {
    const char *kind;
    int64_t count, amount_fen, value_fen;
} exchange_fund_total;

int store_exchange_fund_add(db *c, const exchange_fund *f, int64_t now, int64_t *id);
int store_exchange_funds_of(db *c, arena *a, int64_t activity, exchange_fund **out, size_t *n);
/* Totals by kind of the funds of the subtree given in [from, to] (dates), by kind. */
int store_exchange_fund_totals(db *c, arena *a, const char *prefix, const char *from,
                               const char *to, exchange_fund_total **out, size_t *n);

/* A member of an activity's delegation: a troupe or a person (personal data). */
typedef struct exchange_delegate {
    int64_t id, activity_id;
    const char *kind; /* troupe | person */
    const char *name, *role, *organisation;
    int64_t created_by, created_at;
} exchange_delegate;

int store_exchange_delegate_add(db *c, const exchange_delegate *d, int64_t now, int64_t *id);
/* The delegation of an activity, by id; troupes only unless people. */
int store_exchange_delegates_of(db *c, arena *a, int64_t activity, int people,
                                exchange_delegate **out, size_t *n);

/* Changes (store_edit.c): each row rewritten whole from what is given (WY_NOTFOUND when there
 * is no such row); deletions of a channel and an intent. */
int store_exchange_partner_update(db *c, const exchange_partner *p, int64_t now);
int store_exchange_agreement_get(db *c, arena *a, int64_t id, exchange_agreement *out);
int store_exchange_agreement_update(db *c, const exchange_agreement *g, int64_t now);
int store_exchange_channel_update(db *c, const exchange_channel *ch, int64_t now);
int store_exchange_intent_get(db *c, arena *a, int64_t id, exchange_intent *out);
int store_exchange_intent_update(db *c, const exchange_intent *it, int64_t now);
/* How many intents and activities name the channel. */
int store_exchange_channel_refs(db *c, int64_t id, int64_t *n);
int store_exchange_channel_delete(db *c, int64_t id);
int store_exchange_intent_delete(db *c, int64_t id);

#endif
