/*
 * status: an indicator's standing against its target, and the projection that says so. The
 * rule is written once here and in docs/indicators.md ("Status"); the dashboards, the API and
 * the annual report all read it through ind_judge.
 */
#include <math.h>

#include "mod/indicators/indicators.h"

const char *ind_status_name(ind_status s)
{
    switch (s) {
    case IND_MET:
        return "met";
    case IND_ON_TRACK:
        return "on_track";
    case IND_BEHIND:
        return "behind";
    case IND_NO_DATA:
        break;
    }
    return "no_data";
}

/* Has v reached the target in the indicator's direction? */
static int reaches(double v, double target, int up)
{
    return up ? v >= target : v <= target;
}

ind_status ind_judge(const ind_trend *t, double *projected)
{
    *projected = NAN;
    if (isnan(t->value) || isnan(t->target))
        return IND_NO_DATA;
    /* the direction: up, unless the plan sets the target below its baseline (fewer
     * complaints, a lower vacancy rate) */
    int up = isnan(t->baseline) || t->target >= t->baseline;
    if (reaches(t->value, t->target, up)) {
        *projected = t->value;
        return IND_MET;
    }
    if (t->at >= t->deadline) {
        *projected = t->value;
        return IND_BEHIND;
    }
    double p = t->value;
    if (!isnan(t->baseline) && t->base_at > 0 && t->at > t->base_at)
        p = t->baseline + (t->value - t->baseline) * (double)(t->deadline - t->base_at) /
                              (double)(t->at - t->base_at);
    else if (t->flow && t->at > t->from && t->deadline > t->from)
        p = t->value * (double)(t->deadline - t->from) / (double)(t->at - t->from);
    *projected = p;
    return reaches(p, t->target, up) ? IND_ON_TRACK : IND_BEHIND;
}
