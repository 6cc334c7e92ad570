/*
 * assess_source: the figures of wenyun's own records that an assessment against a standard
 * draws as evidence (an item names its source: "venue.area_m2", "activities.sessions"), a
 * registry between the module that assesses and the modules that own the records, so that
 * neither includes the other. Each owning module registers its sources from its init; the
 * assessing module finds a source by name when a standard is read and when it draws a figure.
 */
#ifndef WY_ASSESS_SOURCE_H
#define WY_ASSESS_SOURCE_H

#include <stdint.h>

#include "core/domain.h"

typedef struct assess_source {
    const char *name;  /* "activities.sessions" */
    const char *unit;  /* "m²", "hours", "sessions" (shown as is) */
    const char *about; /* an English msgid: what the figure counts */
    /* The figure of venue_id for the calendar year (China time), read on ctx's connection;
     * 0, or -1 with the refusal on ctx. */
    int (*value)(wy_ctx *ctx, int64_t venue_id, int year, double *out);
} assess_source;

/* Register a source (kept by pointer; the same one again is harmless). -1 when the table is
 * full or the name is taken by another. */
int assess_source_register(const assess_source *s);
/* The source of that name, or NULL. */
const assess_source *assess_source_find(const char *name);
/* Every registered source, in the order they were registered. */
const assess_source *const *assess_source_all(size_t *n);

/* [from, to) in ms of a calendar year in China time (UTC+8). */
void assess_year_bounds(int year, int64_t *from_ms, int64_t *to_ms);

#endif
