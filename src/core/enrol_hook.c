/* enrol_hook: see enrol_hook.h. */
#include "core/enrol_hook.h"

static const enrol_hook *hook;

void enrol_hook_register(const enrol_hook *h)
{
    hook = h;
}

const enrol_hook *enrol_hook_get(void)
{
    return hook;
}
