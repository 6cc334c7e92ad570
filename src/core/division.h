/*
 * division: the GB/T 2260 division tree (省/市/县区/乡镇街道/村社区). A code is kept in its
 * short form, 2, 4, 6, 9 or 12 digits for the five levels, so that "X lies inside Y" is
 * "Y's code is a prefix of X's": the one scope test of wenyun (division_contains).
 */
#ifndef WY_DIVISION_H
#define WY_DIVISION_H

#include <stddef.h>

#include "core/domain.h"

#define DIVISION_CODE_MAX 13

enum division_level {
    LEVEL_PROVINCE = 1,
    LEVEL_CITY = 2,
    LEVEL_COUNTY = 3,
    LEVEL_TOWN = 4,
    LEVEL_VILLAGE = 5,
};

/* Short form of a code given short ("5104") or padded ("510400", "510400000000");
 * -1 when in is not a division code. */
int division_normalize(const char *in, char out[DIVISION_CODE_MAX]);
int division_level_of(const char *code); /* by length; 0 when not a short code */
/* Is code a code as the national files write it (digits, 2/4/6/9/12 of them), taken at its
 * width? "441900" (东莞市's county-level unit) is a county here, not a padded city. */
int division_code_exact(const char *code);
size_t division_level_len(int level);       /* 2, 4, 6, 9, 12 */
const char *division_level_name(int level); /* "province", ... "village" */
int division_level_parse(const char *name); /* the inverse; 0 when unknown */
/* The 12-digit padded form. */
void division_pad(const char *code, char out[DIVISION_CODE_MAX]);
/* The ancestor at level (a prefix of code), or 0 when code is above that level. */
int division_ancestor(const char *code, int level, char out[DIVISION_CODE_MAX]);
/* Is inner inside outer (or the same)? Both short codes. */
int division_contains(const char *outer, const char *inner);

/* A node with its children and population, for the API and pages. */
typedef struct division_view {
    division self;
    division *children;
    size_t nchildren;
    population *population;
    size_t npopulation;
} division_view;

int division_get(wy_ctx *ctx, const char *code, division_view *out);
/* Lighter reads of the same public tree, for pages that need one thing of it. */
/* The division's name, in ctx's arena; NULL when there is no such division or it cannot be
 * read (nothing is put on ctx: the page or answer stands without the name). */
const char *division_name(wy_ctx *ctx, const char *code);
/* The children of code, ordered by code; 0, or -1 with the refusal. */
int division_children(wy_ctx *ctx, const char *code, division **out, size_t *n);
/* The outlines of code's children that have one; 0, or -1 with the refusal. */
int division_child_shapes(wy_ctx *ctx, const char *code, division_shape **out, size_t *n);

/* Import rows from CSV files of the national statistical codes (columns code,name; the
 * files of data/divisions/). Parents must come before or with their children; rows whose
 * parent is missing are rejected. Reports on stderr when verbose. */
typedef struct import_report {
    int read, accepted, rejected;
} import_report;
int division_import_files(wy_ctx *ctx, char **files, int nfiles, const char *only_prefix,
                          int verbose, import_report *rep);
/* Outlines from a GeoJSON FeatureCollection whose features name divisions (property "name")
 * among the children of parent; gcj02: the coordinates are GCJ-02 and are converted. */
int division_import_shapes(wy_ctx *ctx, const char *file, const char *parent, int gcj02,
                           import_report *rep);
/* Population figures: code,name,metric,value,unit,source_url[,...]; rows of divisions that
 * are not loaded are skipped. */
int division_import_population(wy_ctx *ctx, const char *file, const char *only_prefix,
                               import_report *rep);

#endif
