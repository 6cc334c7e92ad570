/* site: the city the site serves (site.h). */
#include "core/site.h"

#include <stdio.h>
#include <string.h>

const config_key site_settings[1] = {
    {"site", "city", CONFIG_STR, SITE_CITY_DEFAULT, 0, 0,
     "the city the site serves: the division code (4 digits, 5104 or 510400) of the city whose "
     "dashboard /indicators shows and whose districts the venue directory offers when no "
     "division is named"},
};

/* The setting as a city's short code; -1 when it is not one. */
static int city_of(const wy_config *cfg, char out[DIVISION_CODE_MAX])
{
    const char *v = cfg ? config_module_str(cfg, "site", "city") : "";
    return division_normalize(v, out) == 0 && division_level_of(out) == LEVEL_CITY ? 0 : -1;
}

void site_city(const wy_config *cfg, char out[DIVISION_CODE_MAX])
{
    if (city_of(cfg, out) < 0)
        snprintf(out, DIVISION_CODE_MAX, "%s", SITE_CITY_DEFAULT);
}

int site_check(const wy_config *cfg, char *err, size_t errlen)
{
    char code[DIVISION_CODE_MAX];
    if (city_of(cfg, code) == 0)
        return 0;
    snprintf(err, errlen,
             "site.city wants the division code of a city (4 digits such as 5104, or 510400), "
             "not '%s'",
             config_module_str(cfg, "site", "city"));
    return -1;
}
