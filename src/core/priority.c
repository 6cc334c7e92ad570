/* priority: see priority.h. */
#include "core/priority.h"

static const priority_source *sources[PRIORITY_MAX_SOURCES];
static int nsources;

int priority_register(const priority_source *s)
{
    for (int i = 0; i < nsources; i++)
        if (sources[i] == s) /* start-up runs once per store in the tests */
            return 0;
    if (!s || nsources >= PRIORITY_MAX_SOURCES)
        return -1;
    sources[nsources++] = s;
    return 0;
}

int priority_sources(void)
{
    return nsources;
}

int priority_hours(db *c, int64_t user_id, int64_t activity_id, int64_t early_ms, int64_t now,
                   int *hours)
{
    *hours = 0;
    for (int i = 0; i < nsources; i++) {
        int most = 0, h = 0;
        int rc = sources[i]->max_hours(c, activity_id, &most);
        if (rc != WY_OK)
            return rc;
        /* nobody's grant reaches this far before the opening: no read */
        if (most <= *hours || (int64_t)most * PRIORITY_HOUR_MS < early_ms)
            continue;
        rc = sources[i]->holder_hours(c, user_id, activity_id, now, &h);
        if (rc != WY_OK)
            return rc;
        if (h > *hours)
            *hours = h;
    }
    return WY_OK;
}
