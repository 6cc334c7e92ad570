/*
 * survey_lines: a survey's questions one a line, read to the API's JSON and written back
 * (survey_lines.h). No database, no page: the staff's pages and the fuzz target use it.
 */
#include "mod/feedback/survey_lines.h"

#include <stdlib.h>
#include <string.h>

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

/* s without its leading and trailing spaces and tabs (in place). */
static char *trim(char *s)
{
    while (blank(*s))
        s++;
    size_t n = strlen(s);
    while (n && blank(s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* A JSON string of s; "" when s is not UTF-8 (an empty text or kind, which the rules refuse). */
static json_t *str(const char *s)
{
    json_t *j = json_string(s);
    return j ? j : json_string("");
}

/* One line "kind[?]: text | option …" as a question; NULL when it has no colon. */
static json_t *question(char *line)
{
    char *colon = strchr(line, ':');
    if (!colon)
        return NULL;
    *colon = '\0';
    char *kind = trim(line);
    size_t kl = strlen(kind);
    int optional = kl && kind[kl - 1] == '?';
    if (optional) {
        kind[kl - 1] = '\0';
        kind = trim(kind);
    }
    json_t *o = json_object();
    json_t *opts = json_array();
    if (!o || !opts || json_object_set_new(o, "kind", str(kind)) < 0 ||
        json_object_set_new(o, "required", json_boolean(!optional)) < 0) {
        json_decref(o);
        json_decref(opts);
        return NULL;
    }
    char *part = colon + 1;
    for (int first = 1; part; first = 0) {
        char *bar = strchr(part, '|');
        if (bar)
            *bar = '\0';
        json_t *s = str(trim(part));
        if (first)
            json_object_set_new(o, "text", s);
        else
            json_array_append_new(opts, s);
        part = bar ? bar + 1 : NULL;
    }
    if (json_array_size(opts))
        json_object_set_new(o, "options", opts);
    else
        json_decref(opts);
    return o;
}

json_t *survey_lines_parse(const char *text, size_t *bad_line)
{
    *bad_line = 0;
    json_t *arr = json_array();
    char *copy = strdup(text ? text : "");
    if (!arr || !copy) {
        free(copy);
        json_decref(arr);
        return NULL;
    }
    size_t lineno = 0;
    char *line = copy;
    while (line) {
        char *end = line + strcspn(line, "\r\n");
        char *next = NULL;
        if (*end) {
            /* \r\n, \n or \r ends a line */
            next = end + (end[0] == '\r' && end[1] == '\n' ? 2 : 1);
            *end = '\0';
        }
        lineno++;
        char *l = trim(line);
        if (*l) {
            json_t *q = question(l);
            if (!q) {
                *bad_line = lineno;
                json_decref(arr);
                arr = NULL;
                break;
            }
            json_array_append_new(arr, q);
        }
        line = next;
    }
    free(copy);
    return arr;
}

int survey_lines_add(strbuf *sb, const char *kind, int required, const char *text,
                     const char *const *options, size_t noptions)
{
    if (sb_adds(sb, kind ? kind : "") < 0 || (!required && sb_addc(sb, '?') < 0) ||
        sb_adds(sb, ": ") < 0 || sb_adds(sb, text ? text : "") < 0)
        return -1;
    for (size_t k = 0; k < noptions; k++)
        if (sb_adds(sb, " | ") < 0 || sb_adds(sb, options[k] ? options[k] : "") < 0)
            return -1;
    return 0;
}
