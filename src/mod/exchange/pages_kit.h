/*
 * pages_kit: what the exchange module's pages share: the stored values (kinds, scopes,
 * sectors, review states) in the reader's language, the bilingual text of a record in the
 * reader's language first, the facts of a definition list, and a refused form's error beside
 * its field (id="error-FIELD") or at the top of the form.
 */
#ifndef WY_MOD_EXCHANGE_PAGES_KIT_H
#define WY_MOD_EXCHANGE_PAGES_KIT_H

#include <stddef.h>

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

/* The staff's forms (pages_staff.c, pages_calendar.c, pages_followups.c, pages_evaluation.c).
 * Which form was refused (form, id the record it acts on), and why. */
typedef struct exchange_staff_form {
    const char *form;
    int64_t id;
    wy_error e;
} exchange_staff_form;

/* The refusal of this form of this record, or NULL. */
const wy_error *exchange_refusal_of(const exchange_staff_form *f, const char *form, int64_t id);
/* A form refused: the status to show the page again with (422/400/409; 403 for one's own work
 * refused: own_work, own_submission), or 0 when the failure was answered as it is. */
int exchange_refused(http_req *req, const char *form, int64_t id, exchange_staff_form *f);
/* The flash of ?msg= (the module's messages), else the site's. */
void exchange_flash(http_req *req, html *h);
/* The staff's links between the module's pages. */
void exchange_staff_links(http_req *req, html *h);
/* The subtree a staff page lists: ?division=, else the caller's widest of EXCHANGE_PERM. */
const char *exchange_area(http_req *req);
/* The city (first four digits) of a division code. */
const char *exchange_city_of(http_req *req, const char *div);
/* A field: the value entered when its form was refused (e), else value. */
const char *exchange_entered(http_req *req, const wy_error *e, const char *name, const char *value);
/* <label>label <input …></label>, <textarea>, <select> of terms, each with its refusal. */
void exchange_input(http_req *req, html *h, const char *name, const char *label, const char *type,
                    int maxlength, int required, const wy_error *e, const char *value);
void exchange_textarea(http_req *req, html *h, const char *name, const char *label, int maxlength,
                       const wy_error *e);
void exchange_choice(http_req *req, html *h, const char *name, const char *label,
                     const exchange_term *terms, const wy_error *e);
/* <label>label <select name>…</select></label> of records (n of them, each size bytes, its id
 * an int64_t at id_off and its name a const char * at name_off: EXCHANGE_RECORDS says them),
 * the one entered when the form was refused (e) selected, and its refusal. none: a first
 * option "none" (value ""), else the select is required. */
void exchange_record_select(http_req *req, html *h, const char *name, const char *label,
                            const void *records, size_t n, size_t size, size_t id_off,
                            size_t name_off, int none, const wy_error *e);
#define EXCHANGE_RECORDS(arr, n, type, id, name)                                                   \
    (arr), (n), sizeof(type), offsetof(type, id), offsetof(type, name)
void exchange_submit_button(http_req *req, html *h, const char *msgid);
/* <form method=post class=stack id action> with the CSRF field. */
void exchange_form_open(http_req *req, html *h, const char *id, const char *action);
/* A form field as the rules take it: absent or empty is NULL. */
const char *exchange_opt(http_req *req, const char *name);
/* A whole number of the form: empty is -1 (not given), a bad one -2. */
int64_t exchange_number(http_req *req, const char *name);

/* An activity's staff page (pages_followups.c), with a refused form's error: the activity of
 * the path's {id}, or of id. */
void exchange_activity_staff_page(http_req *req, const exchange_staff_form *f, int status);
void exchange_activity_page_of(http_req *req, int64_t id, const exchange_staff_form *f, int status);
/* The indicators of an activity or a partnership (subject "activity" or "partner") with a
 * form to record one and one to change each (pages_measures.c). */
void exchange_measures_section(http_req *req, html *h, const char *subject, int64_t subject_id,
                               const exchange_staff_form *f);
/* Its evaluation section: the rubric, the scores so far and the close (staff), a reviewer's
 * score form (pages_evaluation.c). */
void exchange_evaluation_section(http_req *req, html *h, const exchange_activity_full *x, int staff,
                                 int reviewer, const exchange_staff_form *f);

/* The later changes (pages_amend.c): a one-button form (a deletion) with its refusal above
 * it; a draft or rejected activity's form to change its text and dates; the reopening of a
 * closed evaluation; an agreement's annual programme with its forms. */
void exchange_button_form(http_req *req, html *h, const char *id, const char *action,
                          const char *msgid, const wy_error *e);
void exchange_activity_edit_section(http_req *req, html *h, const exchange_activity_full *x,
                                    const exchange_staff_form *f);
void exchange_reopen_form(http_req *req, html *h, int64_t activity, const exchange_staff_form *f);
struct exchange_agreement;
void exchange_programme_section(http_req *req, html *h, const struct exchange_agreement *g,
                                const exchange_staff_form *f);
/* The partners' staff page (pages_staff.c) and an agreement's (pages_followups.c), with a
 * refused form's error. */
void exchange_partners_page(http_req *req, const exchange_staff_form *f, int status);
void exchange_agreement_page(http_req *req, int64_t id, const exchange_staff_form *f, int status);

#endif
