/* demo_courses: the courses of `wenyun demo`. */
#include "mod/courses/course.h"

int courses_demo(wy_ctx *ctx, const char *data_dir, int verbose)
{
    (void)ctx;
    (void)data_dir;
    (void)verbose;
    return 0;
}
