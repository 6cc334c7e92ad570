/*
 * rubric_lines: the rubric as the programme page's form writes it, one criterion a line:
 * the target (session or participant), the name (which may hold spaces) and the weight,
 * separated by spaces or tabs ("session 示范性 60"). This file only reads the lines into
 * criteria; whether they make a rubric (targets, names, weights adding up to 100) is decided
 * by linkage_criteria_set, as for the API. Knows no HTTP.
 */
#ifndef WY_LINKAGE_RUBRIC_LINES_H
#define WY_LINKAGE_RUBRIC_LINES_H

#include <stddef.h>

#include "mod/linkage/linkage_store.h"

/* The largest weight read as written; a larger one, a missing or a bad one is read as -1. */
#define LINKAGE_RUBRIC_WEIGHT_READ_MAX 100000

/* Read text (changed in place: the criteria point into it) into out, at most cap criteria;
 * blank lines are skipped, lines past cap are not read (a caller passing one more than it
 * allows learns that there were too many). Of each line: target is its first word (never
 * empty, without spaces); name the words between the first and the last, trimmed (NULL when
 * the line has fewer than three words); weight the last word as a whole number from 0 to
 * LINKAGE_RUBRIC_WEIGHT_READ_MAX, else -1 (and -1 when name is NULL). ids are 0. Returns the
 * number of criteria read. */
size_t linkage_rubric_lines(char *text, lk_criterion *out, size_t cap);

#endif
