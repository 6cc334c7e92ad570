/*
 * site: what the whole site shares and no module owns: the city it serves ([site] city), the
 * division the dashboards and the venue directory show when none is named. The site module
 * declares the setting (its descriptor lists site_settings) and checks it at start-up; the
 * pages of any module read it here (a module may not include another that depends on it, and
 * the site's pages depend on most of them).
 */
#ifndef WY_CORE_SITE_H
#define WY_CORE_SITE_H

#include <stddef.h>

#include "core/division.h"
#include "util/config.h"

#define SITE_CITY_DEFAULT "5104" /* 攀枝花市: the demo's city */

/* The setting, for the site module's descriptor (sized, so that it can count them). */
extern const config_key site_settings[1];

/* The city as a short code ("5104") into out: the setting, normalized; the default when cfg
 * is NULL or the setting is not a city's code (site_check refuses that at start-up). */
void site_city(const wy_config *cfg, char out[DIVISION_CODE_MAX]);
/* Is [site] city the division code of a city (4 digits, or 6 or 12 padded with zeros)? 0, or
 * -1 with the reason in err. */
int site_check(const wy_config *cfg, char *err, size_t errlen);

#endif
