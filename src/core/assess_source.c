/* assess_source: see assess_source.h. Sources are registered at start-up, before any request,
 * and only read afterwards. */
#include "core/assess_source.h"

#include <string.h>
#include <time.h>

#define MAX_SOURCES 32

static const assess_source *sources[MAX_SOURCES];
static size_t nsources;

int assess_source_register(const assess_source *s)
{
    for (size_t i = 0; i < nsources; i++) {
        if (sources[i] == s)
            return 0;
        if (!strcmp(sources[i]->name, s->name))
            return -1;
    }
    if (nsources == MAX_SOURCES)
        return -1;
    sources[nsources++] = s;
    return 0;
}

const assess_source *assess_source_find(const char *name)
{
    for (size_t i = 0; name && i < nsources; i++)
        if (!strcmp(sources[i]->name, name))
            return sources[i];
    return NULL;
}

const assess_source *const *assess_source_all(size_t *n)
{
    *n = nsources;
    return sources;
}

void assess_year_bounds(int year, int64_t *from_ms, int64_t *to_ms)
{
    struct tm a = {.tm_year = year - 1900, .tm_mon = 0, .tm_mday = 1};
    struct tm b = {.tm_year = year + 1 - 1900, .tm_mon = 0, .tm_mday = 1};
    *from_ms = ((int64_t)timegm(&a) - 8 * 3600) * 1000;
    *to_ms = ((int64_t)timegm(&b) - 8 * 3600) * 1000;
}
