/* indicator: the registry of the indicators the modules compute (core/indicator.h). */
#include "core/indicator.h"

#include <pthread.h>
#include <string.h>

static const wy_indicator *registry[INDICATOR_MAX];
static size_t count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

int indicator_register(const wy_indicator *ind)
{
    int rc = 0;
    pthread_mutex_lock(&lock);
    size_t i = 0;
    while (i < count && strcmp(registry[i]->code, ind->code))
        i++;
    if (i < count)
        rc = registry[i] == ind ? 0 : -1;
    else if (count == INDICATOR_MAX)
        rc = -1;
    else
        registry[count++] = ind;
    pthread_mutex_unlock(&lock);
    return rc;
}

const wy_indicator *indicator_find(const char *code)
{
    const wy_indicator *found = NULL;
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < count && !found; i++)
        if (!strcmp(registry[i]->code, code))
            found = registry[i];
    pthread_mutex_unlock(&lock);
    return found;
}
