/*
 * fuzz_survey_lines: a survey's questions one a line, as the staff's pages read them
 * (survey_lines_parse, src/mod/feedback/survey_lines.c), then checked by the rules
 * (feedback_questions_parse). Lines either cannot be read (a line without a colon, named) or are
 * read to an array of questions each with a kind, a text and a required flag, and options only
 * when there are some; written back one a line (survey_lines_add) they read to the same array;
 * and the rules either take them or say why not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/feedback/feedback.h"
#include "mod/feedback/survey_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t bad = 0;
    json_t *qs = survey_lines_parse(text, &bad);
    if (!qs) {
        if (!bad)
            abort();
        free(text);
        return 0;
    }
    if (bad)
        abort();
    strbuf sb = STRBUF_INIT;
    size_t i;
    json_t *q;
    json_array_foreach(qs, i, q)
    {
        const char *kind = json_string_value(json_object_get(q, "kind"));
        const char *qt = json_string_value(json_object_get(q, "text"));
        json_t *req = json_object_get(q, "required");
        json_t *opts = json_object_get(q, "options");
        if (!kind || !qt || !json_is_boolean(req) || (opts && !json_array_size(opts)))
            abort();
        /* nothing of the line's syntax is left inside a field */
        if (strpbrk(qt, "|\r\n") || strpbrk(kind, ":\r\n"))
            abort();
        const char *o[256];
        size_t no = json_array_size(opts);
        if (no > sizeof(o) / sizeof(o[0]))
            no = 0; /* not written back: too many to hold here */
        for (size_t k = 0; k < no; k++)
            if (!(o[k] = json_string_value(json_array_get(opts, k))))
                abort();
        if (no != json_array_size(opts)) {
            sb_release(&sb);
            json_decref(qs);
            free(text);
            return 0;
        }
        if (survey_lines_add(&sb, kind, json_is_true(req), qt, o, no) < 0 || sb_addc(&sb, '\n') < 0)
            abort();
    }
    size_t bad2 = 0;
    json_t *again = survey_lines_parse(sb.buf, &bad2);
    if (!again || !json_equal(again, qs))
        abort();
    arena a;
    arena_init(&a, 16 << 20);
    survey_question *parsed = NULL;
    size_t n = 0;
    const char *why = NULL;
    if (feedback_questions_parse(&a, qs, &parsed, &n, &why) < 0) {
        if (!why || !*why)
            abort();
    } else if (n != json_array_size(qs) || n < 1 || n > FEEDBACK_QUESTIONS_MAX) {
        abort();
    }
    arena_free(&a);
    json_decref(again);
    json_decref(qs);
    sb_release(&sb);
    free(text);
    return 0;
}
