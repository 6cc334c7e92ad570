/*
 * form: the page kit's forms. A stored value shown in the reader's language (web_term), the
 * fields of a staff form that keep what was entered when the form was refused and show the
 * refusal beside the field it names (id="error-FIELD") or at the top of the form, which form
 * of a page was refused (web_refusal), and the form's values as the rules take them.
 *
 * Every module's pages build their forms from these; a module keeps only its own terms,
 * flashes and sections.
 */
#ifndef WY_WEB_FORM_H
#define WY_WEB_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "web/web.h"

/* A stored value and its msgid; tables end with {NULL, NULL}. */
typedef struct web_term {
    const char *key, *msgid;
} web_term;

/* The msgid of key in terms, or NULL. */
const char *web_term_msgid(const web_term *terms, const char *key);
/* The translation of key in terms; key itself when terms does not hold it ("" for NULL). */
const char *web_term_label(http_req *req, const web_term *terms, const char *key);
/* <select name=name> of terms, the one equal to chosen selected; with an "any" option first
 * (value "", any_msgid) when any_msgid is not NULL. */
void web_term_select(http_req *req, html *h, const char *name, const web_term *terms,
                     const char *chosen, const char *any_msgid);
/* <option value>label</option> (label: text already in the reader's language), selected when
 * current equals value. */
void web_option(html *h, const char *value, const char *label, const char *current);

/* A line of a definition list (label: already translated); nothing when value is empty. */
void web_fact(html *h, const char *label, const char *value);
/* <input type=hidden name value>. */
void web_hidden(html *h, const char *name, const char *value);

/* Which form of a page was refused (form, id the record it acts on; 0 for none), and why. */
typedef struct web_refusal {
    const char *form;
    int64_t id;
    wy_error e;
} web_refusal;

/* The refusal of this form of this record, or NULL (f may be NULL). */
const wy_error *web_refusal_of(const web_refusal *f, const char *form, int64_t id);
/* After a form's rule failed (req_ctx(req)->err): the status to show the page again with, the
 * refusal kept in f (422/400/409; 403 when the error is E_FORBIDDEN with one of own_codes,
 * NULL-terminated, such as "own_submission": nobody decides their own work, and the page says
 * so), or 0 when the failure was answered as it is (not found, forbidden, the database). */
int web_refused(http_req *req, const char *form, int64_t id, web_refusal *f,
                const char *const *own_codes);

/* A refused form's error beside the field it names, or at the top (role=alert, id
 * "form-error", data-code) when it names none. */
void web_field_error(http_req *req, html *h, const wy_error *e, const char *field);
void web_form_error(http_req *req, html *h, const wy_error *e);

/* A field: the value entered when its form was refused (e), else value. */
const char *web_entered(http_req *req, const wy_error *e, const char *name, const char *value);
/* <label>label <input name type …></label> and its refusal; maxlength 0 for none; a number
 * is at least 0. */
void web_input(http_req *req, html *h, const char *name, const char *label, const char *type,
               int maxlength, int required, const wy_error *e, const char *value);
void web_textarea(http_req *req, html *h, const char *name, const char *label, int maxlength,
                  const wy_error *e, const char *value);
/* <label>label <select name>terms</select></label> and its refusal; the entered one (refused)
 * or chosen selected. */
void web_choice(http_req *req, html *h, const char *name, const char *label, const web_term *terms,
                const wy_error *e, const char *chosen);
/* <label>label <select name>…</select></label> of records (n of them, each size bytes, an
 * int64_t id at id_off and a const char * name at name_off: WEB_RECORDS), the one entered when
 * the form was refused (e), else chosen, selected. none: a first option "none" (value ""),
 * else the select is required. */
void web_record_select(http_req *req, html *h, const char *name, const char *label,
                       const void *records, size_t n, size_t size, size_t id_off, size_t name_off,
                       int none, const wy_error *e, int64_t chosen);
#define WEB_RECORDS(arr, n, type, id, name)                                                        \
    (arr), (n), sizeof(type), offsetof(type, id), offsetof(type, name)

/* <form method=post class=stack id action [enctype=multipart/form-data]> with its CSRF field. */
void web_form_open(http_req *req, html *h, const char *id, const char *action, int multipart);
/* <button type=submit class=button>msgid</button> (the caller closes the form). */
void web_submit(http_req *req, html *h, const char *msgid);
/* A form of one button (class danger: a delete, a withdrawal) posting to action, inline, with
 * its CSRF field and the refusal it had, if any. */
void web_button_form(http_req *req, html *h, const char *id, const char *action, const char *msgid,
                     const wy_error *e);

/* A form field as the rules take it: absent or empty is NULL (not given). */
const char *web_opt(http_req *req, const char *name);
/* A whole number of the form: empty is -1 (not given), a bad or negative one -2. */
int64_t web_number(http_req *req, const char *name);

#endif
