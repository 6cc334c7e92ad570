/* activity_sources: the activities' figures of a venue that assessments draw as evidence
 * (core/assess_source.h): "activities.sessions" and "activities.attendance". */
#ifndef WY_ACTIVITY_SOURCES_H
#define WY_ACTIVITY_SOURCES_H

/* Register them (the module's init); -1 when the registry refuses. */
int activity_sources_register(void);

#endif
