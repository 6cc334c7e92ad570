/* volunteer_sources: the volunteers' figure of a venue that assessments draw as evidence
 * (core/assess_source.h): "volunteers.hours". */
#ifndef WY_VOLUNTEER_SOURCES_H
#define WY_VOLUNTEER_SOURCES_H

/* Register it (the module's init); -1 when the registry refuses. */
int volunteer_sources_register(void);

#endif
