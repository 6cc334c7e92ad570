/*
 * exchange_store: the store interface of the exchange module (store_exchange.c): partners,
 * agreements, channels and intents. Conventions as in core/store.h; the store checks only what
 * the tables' constraints say, the rules (exchange.c) the rest.
 */
#ifndef WY_EXCHANGE_STORE_H
#define WY_EXCHANGE_STORE_H

#include <stdint.h>

#include "core/store.h"

typedef struct exchange_partner {
    int64_t id;
    const char *division;
    const char *name, *name_en;
    const char *kind;  /* friendship_city | local_government | organisation */
    const char *scope; /* foreign | domestic */
    const char *country, *city, *organisation;
    const char *languages; /* ",zh,es," */
    const char *since;     /* YYYY-MM-DD or NULL */
    int64_t created_by, created_at, updated_at;
} exchange_partner;

typedef struct exchange_agreement {
    int64_t id, partner_id;
    const char *division;
    const char *kind; /* friendship_city | memorandum | alliance_charter */
    const char *title;
    const char *signed_on, *renew_on; /* renew_on NULL: none */
    const char *scope, *obligations;
    const char *owner_ours, *owner_theirs; /* staff only */
    int64_t created_by, created_at, updated_at;
} exchange_agreement;

typedef struct exchange_channel {
    int64_t id;
    const char *division, *name;
    const char *scope;  /* international | domestic */
    const char *sector; /* government | nongovernment */
    int mass_art;
    const char *established_on, *note;
    int64_t created_by, created_at, updated_at;
} exchange_channel;

typedef struct exchange_intent {
    int64_t id;
    const char *division;
    int64_t channel_id, partner_id;
    const char *title, *reached_on;
    /* joined: the channel's and the partner's names, the channel's sector */
    const char *channel_name, *partner_name, *sector;
    int64_t created_by, created_at, updated_at;
} exchange_intent;

int store_exchange_partner_create(db *c, const exchange_partner *p, int64_t now, int64_t *id);
int store_exchange_partner_get(db *c, arena *a, int64_t id, exchange_partner *out);
/* Partners of the subtree prefix (every one when ""), by id, those with id > after. */
int store_exchange_partner_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                                exchange_partner **out, size_t *n);

int store_exchange_agreement_create(db *c, const exchange_agreement *g, int64_t now, int64_t *id);
/* The agreements of these partners, by partner then signing date. */
int store_exchange_agreements_of(db *c, arena *a, const int64_t *partners, size_t np,
                                 exchange_agreement **out, size_t *n);

int store_exchange_channel_create(db *c, const exchange_channel *ch, int64_t now, int64_t *id);
int store_exchange_channel_get(db *c, arena *a, int64_t id, exchange_channel *out);
int store_exchange_channel_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                                exchange_channel **out, size_t *n);

int store_exchange_intent_create(db *c, const exchange_intent *it, int64_t now, int64_t *id);
int store_exchange_intent_list(db *c, arena *a, const char *prefix, int64_t after, int limit,
                               exchange_intent **out, size_t *n);

/* Indicators: channels of the subtree of a scope established before the date to (exclusive);
 * intents of a sector reached in [from, to). Dates YYYY-MM-DD. */
int store_exchange_count_channels(db *c, arena *a, const char *prefix, const char *scope,
                                  const char *to, int64_t *n);
int store_exchange_count_intents(db *c, arena *a, const char *prefix, const char *sector,
                                 const char *from, const char *to, int64_t *n);

/* Alerts (exchange_alerts.c): a partner of the subtree with id > after that is dormant (its
 * last contact, the latest of its activities' ends (not rejected ones), intents' and
 * agreements' dates, else its `since`, is before cutoff, or it has none and was created before
 * cutoff_ms) or has an agreement whose renewal date is on or before horizon, or an open
 * follow-up due before today, or a programme item of its agreements still planned for a month
 * before yyyymm; by id. */
typedef struct exchange_alert_partner {
    int64_t id;
    const char *division, *name;
    const char *last_contact; /* YYYY-MM-DD or NULL: none */
    int64_t created_at;
} exchange_alert_partner;

int store_exchange_alert_partners(db *c, arena *a, const char *prefix, const char *cutoff,
                                  int64_t cutoff_ms, const char *horizon, const char *today,
                                  int64_t yyyymm, int64_t after, int limit,
                                  exchange_alert_partner **out, size_t *n);

/* The active accounts' role grants (who may be told of an alert): user, role, division. */
typedef struct exchange_grant {
    int64_t user_id;
    const char *role, *division;
} exchange_grant;

int store_exchange_grants(db *c, arena *a, exchange_grant **out, size_t *n);

#endif
