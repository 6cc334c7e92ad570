/*
 * exchange: the rules of the cultural exchange information system (人文交流信息系统,
 * docs/exchange.md) for partners, agreements, channels and intents. Staff with
 * indicators_manage over a record's division (city and district admins: these records are the
 * evidence behind the exchange plan's indicators) write them; every write is audited. Partners,
 * agreements, channels and intents are public records of the city's relations, shown without
 * the owners of an agreement (people or offices answerable), which staff over the division see.
 */
#ifndef WY_EXCHANGE_H
#define WY_EXCHANGE_H

#include "core/division.h"
#include "core/domain.h"
#include "mod/exchange/exchange_store.h"

/* The permission that writes the module's records (core/authz.h). */
#define EXCHANGE_PERM PERM_INDICATORS_MANAGE

/* Is s a date YYYY-MM-DD of the calendar? */
int exchange_date_valid(const char *s);
/* The China-time (+08:00) date of a time in ms, into out (11 bytes). */
void exchange_date_of(int64_t ms, char out[11]);

/* The module's checks, each 0 or -1 with the refusal (code on field) on ctx: a text (required:
 * not empty; at most max characters of valid UTF-8), one of allowed (NULL-terminated), a date
 * (required or NULL). */
int exchange_check_text(wy_ctx *ctx, const char *s, int required, size_t max, const char *code,
                        const char *message, const char *field);
int exchange_check_enum(wy_ctx *ctx, const char *s, const char *const *allowed, const char *code,
                        const char *message, const char *field);
int exchange_check_date(wy_ctx *ctx, const char *s, int required, const char *field);
/* A division code normalised into div, known, and the caller's to write (indicators_manage);
 * inside the write transaction. */
int exchange_writable_division(wy_ctx *ctx, const char *code, char div[DIVISION_CODE_MAX]);
/* A list's division filter: "" for every division, else normalised. */
int exchange_list_division(wy_ctx *ctx, const char *code, char div[DIVISION_CODE_MAX]);

/* What a partner's writer gives; languages: codes like "zh", "en", "es" (2 to 8 lowercase
 * letters or '-'), at most 10. */
typedef struct exchange_partner_input {
    const char *division, *name, *name_en, *kind, *scope, *country, *city, *organisation, *since;
    const char *const *languages;
    size_t nlanguages;
} exchange_partner_input;

int exchange_partner_create(wy_ctx *ctx, const exchange_partner_input *in, int64_t *id);
/* The checks of a partner as written (create and change); *languages: the codes as stored
 * (",zh,es,"). */
int exchange_partner_check(wy_ctx *ctx, const exchange_partner_input *in, const char **languages);
/* A partner with its agreements (anyone); *owners: may the caller see the agreements' owners. */
int exchange_partner_get(wy_ctx *ctx, int64_t id, exchange_partner *out, exchange_agreement **ags,
                         size_t *nags, int *owners);
/* Partners of a subtree (division "" or NULL: all) by id after `after`, with their agreements
 * (grouped: ags ordered by partner); *owners as above, for the whole list: the caller holds the
 * permission over the subtree asked. */
int exchange_partner_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                          exchange_partner **out, size_t *n, exchange_agreement **ags, size_t *nags,
                          int *owners);

typedef struct exchange_agreement_input {
    const char *kind, *title, *signed_on, *renew_on, *scope, *obligations, *owner_ours,
        *owner_theirs;
} exchange_agreement_input;

/* The checks of an agreement as written (create and change). */
int exchange_agreement_check(wy_ctx *ctx, const exchange_agreement_input *in);
/* An agreement with a partner, in the partner's division. */
int exchange_agreement_create(wy_ctx *ctx, int64_t partner, const exchange_agreement_input *in,
                              int64_t *id);

typedef struct exchange_channel_input {
    const char *division, *name, *scope, *sector, *established_on, *note;
    int mass_art;
} exchange_channel_input;

int exchange_channel_create(wy_ctx *ctx, const exchange_channel_input *in, int64_t *id);
/* The checks of a channel as written (create and change). */
int exchange_channel_check(wy_ctx *ctx, const exchange_channel_input *in);
int exchange_channel_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                          exchange_channel **out, size_t *n);

/* An intent reached through a channel with a partner; its division is the channel's, and the
 * partner must be of the same city (its division shares the channel's first four digits). */
int exchange_intent_create(wy_ctx *ctx, int64_t channel, int64_t partner, const char *title,
                           const char *reached_on, int64_t *id);
int exchange_intent_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                         exchange_intent **out, size_t *n);

/* Alerts (exchange_alerts.c): programme items of an agreement still planned after their month
 * (amend.h); partners dormant for [exchange] dormant_months (no activity,
 * intent or agreement dated since), agreements whose renewal date is within
 * [exchange] renewal_days from today or has passed, and follow-ups still open past their due
 * date (followup.h). */
typedef struct exchange_alert {
    const char *kind; /* dormant | renewal_due | renewal_overdue | followup_overdue |
                       programme_overdue */
    int64_t partner_id;
    const char *partner_name, *division;
    const char *last_contact;         /* dormant: YYYY-MM-DD, or NULL when there was none */
    int64_t agreement_id;             /* renewals: the agreement, else 0 */
    const char *agreement, *renew_on; /* renewals: its title and renewal date */
    int64_t followup_id;              /* followup_overdue: the follow-up, else 0 */
    const char *followup, *due_on;    /* its title and due date */
    int64_t programme_id;             /* programme_overdue: the item (agreement_id set), else 0 */
    const char *programme, *month;    /* its title and planned month (YYYY-MM) */
} exchange_alert;

/* The alerts of the partners of a subtree (division NULL or "": the caller's widest scope of
 * EXCHANGE_PERM), by partner, of the partners with id > after, at most limit partners; *next:
 * the cursor of the next page (the last partner's id), or 0 when this is the last. Staff with
 * EXCHANGE_PERM over the subtree. */
int exchange_alerts(wy_ctx *ctx, const char *division, int64_t after, int limit,
                    exchange_alert **out, size_t *n, int64_t *next);
/* The periodic job exchange-alerts: each alert of every division told, in the inbox, to each
 * city and district admin over the partner's division, once per admin and alert. The kinds: */
extern const notify_kind exchange_kind_dormant, exchange_kind_renewal_due,
    exchange_kind_renewal_overdue, exchange_kind_followup_overdue, exchange_kind_programme_overdue;
int exchange_job_alerts(wy_ctx *ctx);

/* The module's computed indicators (module.c; exchange_indicators.c). */
int exchange_ind_channels_international(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                        double *out);
int exchange_ind_channels_domestic(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                   double *out);
int exchange_ind_intents_government(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                    double *out);
int exchange_ind_intents_nongovernment(wy_ctx *ctx, const char *division, int64_t from, int64_t to,
                                       double *out);

/* `wenyun demo`: Yuxi's partners, agreements, channels and intents (demo_exchange.c). */
int exchange_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
