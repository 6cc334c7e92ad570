/*
 * pages_kit: what the exchange module's pages share: the stored values (kinds, scopes,
 * sectors, review states) in the reader's language, the bilingual text of a record in the
 * reader's language first, the facts of a definition list, and a refused form's error beside
 * its field (id="error-FIELD") or at the top of the form.
 */
#ifndef WY_MOD_EXCHANGE_PAGES_KIT_H
#define WY_MOD_EXCHANGE_PAGES_KIT_H

#include "mod/exchange/exchange_activity.h"
#include "web/web.h"

/* A stored value and its msgid. */
typedef struct exchange_term {
    const char *key, *msgid;
} exchange_term;

/* The activities' kinds, partners' kinds, agreements' kinds, in the order of the rules;
 * NULL-terminated. */
extern const exchange_term exchange_activity_kinds[], exchange_partner_kinds[],
    exchange_agreement_kinds[];

/* The translation of a stored value of any of the module's lists (kinds, scopes, sectors,
 * states); the value itself when unknown. */
const char *exchange_term_label(http_req *req, const char *key);
/* <select name=name> of terms, the one equal to chosen selected; with an "any" option first
 * (any_msgid) when any_msgid is not NULL. */
void exchange_term_select(http_req *req, html *h, const char *name, const exchange_term *terms,
                          const char *chosen, const char *any_msgid);

/* The text in the reader's language: en when the page is in English and en is not empty,
 * else zh. */
const char *exchange_text_lang(http_req *req, const char *zh, const char *en);
/* A line of a definition list (label: already translated, req_tr); nothing when value is
 * empty. */
void exchange_fact(html *h, const char *label, const char *value);
/* A review state as a badge. */
void exchange_status_badge(http_req *req, html *h, const char *status);

/* A refused form's error beside the field it names, or at the top when it names none. */
void exchange_form_note(http_req *req, html *h, const wy_error *e, const char *field);
void exchange_form_top_error(http_req *req, html *h, const wy_error *e);

#endif
