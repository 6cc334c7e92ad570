/*
 * fuzz_linkage_rubric: the rubric as the linkage programme page's form sends it, one criterion
 * a line (src/mod/linkage/rubric_lines.c). The target aborts when a promise of rubric_lines.h
 * is broken: no more criteria than asked for; each target a word without blanks or line ends;
 * a name, when there is one, trimmed, not empty and on one line; a weight of -1 or 0 to
 * LINKAGE_RUBRIC_WEIGHT_READ_MAX, and -1 without a name; and every string inside the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mod/linkage/rubric_lines.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP 33

static int inside(const char *s, const char *text, size_t size)
{
    return s >= text && s + strlen(s) <= text + size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    lk_criterion k[CAP];
    size_t n = linkage_rubric_lines(text, k, CAP);
    if (n > CAP)
        abort();
    for (size_t i = 0; i < n; i++) {
        const char *t = k[i].target, *nm = k[i].name;
        if (!t || !*t || strpbrk(t, " \t\r\n") || !inside(t, text, size) || k[i].id)
            abort();
        if (k[i].weight < -1 || k[i].weight > LINKAGE_RUBRIC_WEIGHT_READ_MAX)
            abort();
        if (!nm) {
            if (k[i].weight != -1)
                abort();
            continue;
        }
        size_t l = strlen(nm);
        if (!l || strpbrk(nm, "\r\n") || nm[0] == ' ' || nm[0] == '\t' || nm[l - 1] == ' ' ||
            nm[l - 1] == '\t' || !inside(nm, text, size))
            abort();
    }
    free(text);
    return 0;
}
