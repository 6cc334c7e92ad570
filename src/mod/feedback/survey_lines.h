/*
 * survey_lines: a survey's questions written one a line, as the staff's pages take and show
 * them (docs/feedback.md "Pages"): "kind: text | option | option", the kind (single, multiple,
 * rating or text) followed by "?" when the question is optional. Blank lines are skipped;
 * spaces around the kind, the text and each option are dropped. The lines are read to the
 * API's JSON array of questions ({"kind", "text", "required", "options"}); whether those are
 * acceptable questions is for feedback_questions_parse to say (feedback.h).
 */
#ifndef WY_FEEDBACK_SURVEY_LINES_H
#define WY_FEEDBACK_SURVEY_LINES_H

#include <jansson.h>
#include <stddef.h>

#include "util/strbuf.h"

/* The lines (NULL: none) as a JSON array (new reference), or NULL when a non-blank line has no
 * colon (*bad_line: that line, counted from 1; 0 when out of memory). */
json_t *survey_lines_parse(const char *text, size_t *bad_line);

/* One question as a line (without its newline): kind, "?" when not required, ": ", the text,
 * " | " and each option. 0, or -1 when sb is full. */
int survey_lines_add(strbuf *sb, const char *kind, int required, const char *text,
                     const char *const *options, size_t noptions);

#endif
