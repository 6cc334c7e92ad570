/*
 * pages_kit: what the exchange module's pages share: the stored values (kinds, scopes,
 * sectors, review states) in the reader's language, the bilingual text of a record in the
 * reader's language first, the facts of a definition list, and a refused form's error beside
 * its field (id="error-FIELD") or at the top of the form.
 */
#ifndef WY_MOD_EXCHANGE_PAGES_KIT_H
#define WY_MOD_EXCHANGE_PAGES_KIT_H

#include <stddef.h>

#include "mod/exchange/exchange.h"
#include "mod/exchange/exchange_activity.h"
#include "web/form.h"
#include "web/web.h"

/* The activities' kinds, partners' kinds, agreements' kinds, in the order of the rules;
 * NULL-terminated. */
extern const web_term exchange_activity_kinds[], exchange_partner_kinds[],
    exchange_agreement_kinds[];

/* The translation of a stored value of any of the module's lists (kinds, scopes, sectors,
 * states); the value itself when unknown. */
const char *exchange_term_label(http_req *req, const char *key);

/* The text in the reader's language: en when the page is in English and en is not empty,
 * else zh. */
const char *exchange_text_lang(http_req *req, const char *zh, const char *en);
/* A review state as a badge. */
void exchange_status_badge(http_req *req, html *h, const char *status);

/* A form of the staff's pages refused: the status to show the page again with (422/400/409;
 * 403 for one's own work refused: own_work, own_submission), or 0 when the failure was
 * answered as it is (web_refused). */
int exchange_refused(http_req *req, const char *form, int64_t id, web_refusal *f);
/* The flash of ?msg= (the module's messages), else the site's. */
void exchange_flash(http_req *req, html *h);
/* The staff's links between the module's pages. */
void exchange_staff_links(http_req *req, html *h);
/* The subtree a staff page lists: ?division=, else the caller's widest of EXCHANGE_PERM. */
const char *exchange_area(http_req *req);
/* The city (first four digits) of a division code. */
const char *exchange_city_of(http_req *req, const char *div);
/* An activity's staff page (pages_followups.c), with a refused form's error: the activity of
 * the path's {id}, or of id. */
void exchange_activity_staff_page(http_req *req, const web_refusal *f, int status);
void exchange_activity_page_of(http_req *req, int64_t id, const web_refusal *f, int status);
/* The indicators of an activity or a partnership (subject "activity" or "partner") with a
 * form to record one and one to change each (pages_measures.c). */
void exchange_measures_section(http_req *req, html *h, const char *subject, int64_t subject_id,
                               const web_refusal *f);
/* Its evaluation section: the rubric, the scores so far and the close (staff), a reviewer's
 * score form (pages_evaluation.c). */
void exchange_evaluation_section(http_req *req, html *h, const exchange_activity_full *x, int staff,
                                 int reviewer, const web_refusal *f);

/* The later changes (pages_amend.c): a draft or rejected activity's form to change its text and
 * dates; the reopening of a closed evaluation; an agreement's annual programme with its forms. */
void exchange_activity_edit_section(http_req *req, html *h, const exchange_activity_full *x,
                                    const web_refusal *f);
void exchange_reopen_form(http_req *req, html *h, int64_t activity, const web_refusal *f);
struct exchange_agreement;
void exchange_programme_section(http_req *req, html *h, const struct exchange_agreement *g,
                                const web_refusal *f);
/* The partners' staff page (pages_staff.c) and an agreement's (pages_followups.c), with a
 * refused form's error. */
/* A plan entry's page's change form (pages_amend.c): in, every field of the form with its
 * partners, changes the plan of id, or is proposed for review for an approved one. The kinds
 * of a plan (pages_calendar.c): an activity's, or a visit (文化走亲). */
struct exchange_plan_input;
void exchange_plan_page_edit(http_req *req, int64_t id, const struct exchange_plan_input *in);
const web_term *exchange_plan_kinds(void);
void exchange_partners_page(http_req *req, const web_refusal *f, int status);
void exchange_agreement_page(http_req *req, int64_t id, const web_refusal *f, int status);

/* The partners of an activity's or a plan's form, and its stops (pages_stops.c):
 * - the checkboxes partner_ID of ps in <fieldset id>, ticked as entered when the form was
 *   refused (e), else those of chosen; and the ids ticked among ps (NULL when out of memory);
 * - stop row i (1-based: fields stopI_place, …), with s's values (NULL: empty); the stops of
 *   the rows 1..rows with anything written, in order, into stops (EXCHANGE_MAX_STOPS of
 *   them at most);
 * - a map of the stops whose city the module can place, joined in order, or a line saying
 *   there is none to place. */
void exchange_partner_checks(http_req *req, html *h, const char *id, const exchange_partner *ps,
                             size_t np, const wy_error *e, const int64_t *chosen, size_t nchosen);
int64_t *exchange_partners_ticked(http_req *req, const exchange_partner *ps, size_t np, size_t *n);
void exchange_stop_row(http_req *req, html *h, int i, const wy_error *e, const exchange_stop *s);
size_t exchange_stops_of_form(http_req *req, int rows, exchange_stop *stops);
void exchange_stops_map(http_req *req, html *h, const exchange_stop *stops, size_t n);

#endif
