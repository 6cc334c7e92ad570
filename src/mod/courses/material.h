/*
 * material: the materials a course's teacher posts (课程资料: handouts, scores, recordings'
 * notes), kept as core attachments (core/attachment.h, owner type "course_material", the
 * course's id and division). The teacher of the course and the staff who manage it post them;
 * they are seen by the people with a place in the course, its teacher, the staff who manage
 * it and the reviewers of its division: not by the public, whatever the course's status. A
 * file is at most [courses] material_max_bytes, a course holds at most COURSE_MATERIALS_MAX.
 */
#ifndef WY_MATERIAL_H
#define WY_MATERIAL_H

#include "core/attachment.h"
#include "core/domain.h"

#define COURSE_MATERIAL_OWNER "course_material"
#define COURSE_MATERIALS_MAX  50

/* Post a file to a course (its teacher, or staff who manage it): checked as attachment_check
 * says (field "file"), 422 too_many_files past COURSE_MATERIALS_MAX; audited. */
int course_material_add(wy_ctx *ctx, int64_t course_id, const attachment_file *f, attachment *out);
/* May ctx->who read the materials of the course (as above)? 0, or -1 with the refusal
 * (E_NOTFOUND for a course they may not see, E_FORBIDDEN "learners_only" otherwise). */
int course_materials_allowed(wy_ctx *ctx, int64_t course_id);
/* The materials of a course (without their bytes), to those allowed. */
int course_materials(wy_ctx *ctx, int64_t course_id, attachment **out, size_t *n);
/* One material and its bytes, to those allowed to read the course's; E_NOTFOUND for a file
 * that is not a course's material. */
int course_material_get(wy_ctx *ctx, int64_t id, attachment *out, const char **data, size_t *len);

#endif
