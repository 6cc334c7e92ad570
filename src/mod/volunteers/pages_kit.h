/*
 * pages_kit: what the volunteers module's pages share: the skills of the fixed list
 * (volunteer_skills) with their names in the reader's language, shown as text, offered as
 * check boxes and read back from a form.
 */
#ifndef WY_MOD_VOLUNTEERS_PAGES_KIT_H
#define WY_MOD_VOLUNTEERS_PAGES_KIT_H

#include <stddef.h>
#include <stdint.h>

#include "web/form.h" /* a refused form's error: web_field_error, web_form_error */
#include "web/web.h"

typedef struct vol_skill_name {
    const char *key, *msgid;
} vol_skill_name;

/* The skills of volunteer_skills with their msgids, in the same order. */
extern const vol_skill_name vol_skill_names[];
extern const size_t vol_nskill_names;

/* The name of skill key in the reader's language (the key itself when unknown). */
const char *vol_skill_label(http_req *req, const char *key);
/* ",a,b," as "a、b" in the reader's language; empty_msgid when there is none. */
void vol_skills_text(http_req *req, html *h, const char *joined, const char *empty_msgid);
/* A fieldset of check boxes named skill_<key> under legend_msgid, those in checked (",a,b,"
 * or NULL) ticked. */
void vol_skill_boxes(http_req *req, html *h, const char *legend_msgid, const char *checked);
/* The keys ticked in the form (skill_<key>), into out (at most max); their count. */
size_t vol_skills_of_form(http_req *req, const char **out, size_t max);

/* The form that excuses no-show signup_id with a reason (POST /volunteer-signups/{id}/excuse),
 * folded under its button, for the rosters. */
void vol_excuse_form(http_req *req, html *h, int64_t signup_id);

#endif
