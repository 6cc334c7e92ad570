/*
 * rubric_lines: one criterion a line, "target name weight" (rubric_lines.h). The name is what
 * lies between the first and the last word, so a name may hold spaces; a line that is not
 * three words or more keeps its target and has neither name nor weight, and the rule says
 * what is wrong with it.
 */
#include "mod/linkage/rubric_lines.h"

#include <stdlib.h>
#include <string.h>

static int blank(char c)
{
    return c == ' ' || c == '\t';
}

/* One line (no newline in it, not blank) into k. */
static void read_line(char *line, lk_criterion *k)
{
    memset(k, 0, sizeof(*k));
    k->weight = -1;
    while (blank(*line))
        line++;
    char *end = line + strlen(line);
    while (end > line && blank(end[-1]))
        *--end = '\0';
    k->target = line;
    char *sp = strpbrk(line, " \t");
    if (!sp)
        return; /* one word */
    char *last = end;
    while (!blank(last[-1]))
        last--; /* the first byte of the last word; sp is a blank before it */
    *sp = '\0';
    char *name = sp + 1, *name_end = last;
    while (name < name_end && blank(*name))
        name++;
    while (name_end > name && blank(name_end[-1]))
        name_end--;
    if (name == name_end)
        return; /* two words: no name */
    *name_end = '\0';
    k->name = name;
    if (*last < '0' || *last > '9')
        return;
    char *stop;
    long w = strtol(last, &stop, 10);
    if (!*stop && w >= 0 && w <= LINKAGE_RUBRIC_WEIGHT_READ_MAX)
        k->weight = (int)w;
}

size_t linkage_rubric_lines(char *text, lk_criterion *out, size_t cap)
{
    size_t n = 0;
    char *p = text;
    while (p && *p && n < cap) {
        char *nl = strpbrk(p, "\r\n");
        char *next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        char *q = p;
        while (blank(*q))
            q++;
        if (*q)
            read_line(p, &out[n++]);
        p = next;
    }
    return n;
}
