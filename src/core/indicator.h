/*
 * indicator: what a module computes for the indicators of the plans (mod/indicators): the
 * value of an indicator over a division's subtree and a period, and the records behind it. A
 * module lists its wy_indicator in its descriptor (mod/module.h); its rules implement them
 * without knowing http or the page kit, so the types live here, in the core.
 */
#ifndef WY_CORE_INDICATOR_H
#define WY_CORE_INDICATOR_H

#include <stddef.h>
#include <stdint.h>

#include "core/domain.h"

/* One record behind an indicator's value (the drill-down): what it is, a title to show, a
 * link to its page (NULL: none), when it happened (ms, 0: not a dated record) and what it
 * adds to the value (1 for a count; the area, the seats...). Strings in the caller's arena. */
typedef struct wy_record {
    int64_t id;
    const char *kind; /* "venue", "session", "booking", ... */
    const char *title;
    const char *href;
    int64_t at;
    double value;
} wy_record;

/* An indicator the module computes, for the indicators module: its value for a division's
 * subtree over the period [from_ms, to_ms), and the records behind that value. The
 * catalogue (mod/indicators) adds what the plans say of it: Chinese name, attribute,
 * levels, period, targets. */
typedef struct wy_indicator {
    const char *code;       /* stable: "venues.count" */
    const char *name;       /* an English msgid */
    const char *unit;       /* "venues", "people", "m²/10k residents", "%" ... */
    const char *definition; /* English: what is counted, from which records, how */
    /* 0 with *out, or -1 with the refusal on ctx. A division without what the value needs (a
     * population for a per-resident figure) gives *out NAN: no data. */
    int (*compute)(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms, double *out);
    /* The records behind the value, ordered by id, those after id after, at most limit; NULL
     * when the value has no list (a ratio of two sums lists its numerator's records). */
    int (*records)(wy_ctx *ctx, const char *division, int64_t from_ms, int64_t to_ms, int64_t after,
                   int limit, wy_record **out, size_t *n);
} wy_indicator;

/* The registry of computed indicators, filled at start-up from the modules' descriptors
 * (app_domain_init), as review types are: -1 when the registry is full (INDICATOR_MAX) or
 * another indicator has the same code; the same one registered again is kept once. */
#define INDICATOR_MAX 256
int indicator_register(const wy_indicator *ind);
/* The indicator that computes code, or NULL: no module provides it. */
const wy_indicator *indicator_find(const char *code);

#endif
