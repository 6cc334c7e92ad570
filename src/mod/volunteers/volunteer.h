/*
 * volunteer: culture volunteering (文化志愿服务), first part. Organisations and their teams
 * (志愿服务队) in a division, written by those who hold volunteers_manage over it (the
 * volunteer_coordinator role, district and city admins); and volunteers' profiles, one per
 * account, registered by the citizen: real name, birth date, skills from a fixed list,
 * availability and service areas. A minor registers only with a guardian's consent recorded.
 * Staff of a subtree list its volunteers with the name and phone masked.
 */
#ifndef WY_VOLUNTEER_H
#define WY_VOLUNTEER_H

#include "core/attachment.h"
#include "core/domain.h"
#include "core/review.h"
#include "core/revision.h"
#include "mod/volunteers/volunteer_store.h"

#define VOLUNTEER_SKILLS_MAX 10 /* skills a profile names */
#define VOLUNTEER_AREAS_MAX  5  /* service areas a profile names */
#define VOLUNTEER_ADULT_AGE  18

/* The fixed list of skills, NULL-terminated: "guide", "library", ... (volunteer.c). */
extern const char *const volunteer_skills[];
/* Is name one of them? */
int volunteer_skill_known(const char *name);

/* ---- organisations and teams ---- */
/* parent_id 0: an organisation; else a team of that organisation, in its subtree. */
int volunteer_org_create(wy_ctx *ctx, const char *division, int64_t parent_id, const char *name,
                         const char *description, int64_t *id);
int volunteer_org_get(wy_ctx *ctx, int64_t id, volunteer_org *out);
/* Change the name and description (NULL: unchanged) of an organisation or team, by
 * volunteers_manage over its division, checked as at creation. Audited: volunteer_org.update
 * with the names of the fields that changed. */
int volunteer_org_update(wy_ctx *ctx, int64_t id, const char *name, const char *description);
/* The organisations and teams of every subtree where ctx->who holds volunteers_manage (at most
 * limit of each), for the coordinators' page. */
int volunteer_org_managed(wy_ctx *ctx, int limit, volunteer_org **out, size_t *n);
/* Organisations and teams of a subtree (anyone), by id after cursor. */
int volunteer_org_list(wy_ctx *ctx, const char *division, int64_t after, int limit,
                       volunteer_org **out, size_t *n);

/* ---- who coordinates an organisation, and its removal (org_coordinators.c) ---- */
/* Does who hold volunteers_manage over division (NULL: anywhere) as a district or city admin,
 * not only as a volunteer_coordinator? */
int volunteer_admin_over(const principal *who, const char *division);
/* May ctx->who write on the records of organisation or team org_id in division? An admin over
 * division may; a volunteer_coordinator whose grant covers division only when they coordinate
 * org_id's organisation. volunteer_org_require records the refusal (401/403 as authz_require,
 * 403 not_coordinator). */
int volunteer_org_allows(wy_ctx *ctx, int64_t org_id, const char *division);
int volunteer_org_require(wy_ctx *ctx, int64_t org_id, const char *division);
/* 409 archived when organisation or team org_id has been removed (nothing new for it), else 0. */
int volunteer_org_live(wy_ctx *ctx, int64_t org_id);
/* The coordinators of org_id's organisation (volunteers_manage over its division), phones
 * masked. */
int volunteer_org_coordinators(wy_ctx *ctx, int64_t org_id, org_coordinator **out, size_t *n);
/* An admin over the organisation's division makes the account user_id (0: the one of phone),
 * which holds volunteer_coordinator over that division, a coordinator of organisation org_id
 * (not a team: 400 team). Refusals: 403 admins_only, 400 bad_user, unknown_user,
 * not_a_coordinator, 409 already_coordinator, archived. Audited (volunteer_org.coordinator_add);
 * *added the account's id. */
int volunteer_org_coordinator_add(wy_ctx *ctx, int64_t org_id, int64_t user_id, const char *phone,
                                  int64_t *added);
/* The same admins remove one (404 not_coordinator). Audited (volunteer_org.coordinator_remove). */
int volunteer_org_coordinator_remove(wy_ctx *ctx, int64_t org_id, int64_t user_id);
/* Remove (archive) organisation org_id with its teams, by whoever may write on it: 409
 * open_work while a project of it is pending review or an open shift of it has not ended, 409
 * archived the second time, 400 team for a team. Nothing is deleted: its hours, ledger entries
 * and certificates stay. Audited (volunteer_org.archive). */
int volunteer_org_archive(wy_ctx *ctx, int64_t org_id);

/* ---- projects (志愿服务项目) ---- */
/* The "volunteer_project" review type (the module registers it). */
extern const review_type volunteer_project_review_type;
/* A draft project of organisation or team org_id, in its division: volunteers_manage over it. */
int volunteer_project_create(wy_ctx *ctx, int64_t org_id, const char *title,
                             const char *description, int64_t *id);
/* Submit a draft or rejected project to the review chain; *status where it went. */
int volunteer_project_submit(wy_ctx *ctx, int64_t id, const char **status);
/* Change a draft or rejected project's title and description (NULL: unchanged), by
 * volunteers_manage over its division, checked as at creation. A pending one is 409
 * under_review (withdraw it first: reviewers' work is not changed under them); a published
 * one keeps what was approved and gets a revision reviewed on its own
 * (project_revision_propose). The changer becomes one of its authors (never decides it).
 * Audited: volunteer_project.update (volunteer_project.revise for a revision). */
int volunteer_project_update(wy_ctx *ctx, int64_t id, const char *title, const char *description);
/* Take a pending project back from review to draft (volunteers_manage over its division), so
 * it can be changed and submitted again; 409 bad_state for any other status. Audited:
 * volunteer_project.withdraw (and review.withdraw). */
int volunteer_project_withdraw(wy_ctx *ctx, int64_t id);

/* ---- revisions of published projects (project_revision.c) ---- */
/* The "volunteer_project_revision" revision type (core/revision.h; the module registers its
 * review type). */
extern const revision_type volunteer_project_revision_type;
/* A proposed change of a published project, as a core revision reads it. fields:
 * PROJECT_REV_TITLE | PROJECT_REV_DESCRIPTION, the values of the others NULL. */
#define PROJECT_REV_TITLE       1u
#define PROJECT_REV_DESCRIPTION 2u
typedef struct volunteer_project_revision {
    int64_t id, project_id;
    unsigned fields;
    const char *title, *description;
    const char *status; /* pending, approved, rejected, obsolete */
    int64_t created_by, created_at, decided_at;
} volunteer_project_revision;
/* Keep the changed title and description (NULL: unchanged) of published project p as a
 * pending revision and submit it for review, inside the caller's transaction; *status is the
 * review's word ("pending", or "published" with an empty chain: applied at once). 409
 * revision_pending when one waits already; 400 nothing_to_change when nothing differs. */
int project_revision_propose(wy_ctx *ctx, const volunteer_project *p, const char *title,
                             const char *description, const char **status);
/* The pending revision of p, for those who manage or review it: 1 (and *review_id, the review
 * item's id, 0 when unknown), 0 when none or not theirs to see, -1 on error. */
int project_revision_pending(wy_ctx *ctx, const volunteer_project *p,
                             volunteer_project_revision *out, int64_t *review_id);
/* The projects of every state of the subtrees where ctx->who holds volunteers_manage (at most
 * limit of each), newest first within each: all of them for an admin over the subtree, those of
 * the organisations they coordinate for a volunteer_coordinator. */
int volunteer_project_managed(wy_ctx *ctx, int limit, volunteer_project **out, size_t *n);
/* A published project is public; others only for volunteers_manage or review over it. */
int volunteer_project_get(wy_ctx *ctx, int64_t id, volunteer_project *out);
/* Published projects of a subtree, newest first. */
int volunteer_project_list(wy_ctx *ctx, const char *division, int64_t before, int limit,
                           volunteer_project **out, size_t *n);

/* ---- profiles ---- */
typedef struct volunteer_input {
    const char *real_name;
    const char *birth_date; /* YYYY-MM-DD */
    const char *const *skills;
    size_t nskills;
    const char *availability; /* free text, may be NULL */
    const char *const *areas; /* division codes; the first is the volunteer's division */
    size_t nareas;
    const char *guardian_name; /* required for a minor, all three; ignored for an adult */
    const char *guardian_phone;
    const char *guardian_consent; /* YYYY-MM-DD, not after today */
} volunteer_input;

/* The caller registers as a volunteer (one profile per account: E_CONFLICT
 * already_registered). Refusals name the field: bad_name, bad_birth_date, bad_skill,
 * bad_availability, bad_areas, unknown_division, guardian_consent_required, bad_guardian. */
int volunteer_register(wy_ctx *ctx, const volunteer_input *in, int64_t *id);
/* The caller changes their own profile: every field as register takes it (the same
 * refusals), E_NOTFOUND not_registered without one. Audited with the fields that changed. */
int volunteer_update(wy_ctx *ctx, const volunteer_input *in);
/* The caller's own profile; E_NOTFOUND when they have none. */
int volunteer_me(wy_ctx *ctx, volunteer *out);
/* Volunteers of a subtree, for volunteers_manage over it (NULL division: the caller's widest
 * subtree); skill narrows the list. */
int volunteer_list(wy_ctx *ctx, const char *division, const char *skill, int64_t after, int limit,
                   volunteer **out, size_t *n);

/* ---- the profile's photo (photo.c): a core attachment (core/attachment.h) of owner type
 * "volunteer_photo" and the volunteer's id, at most one. It is personal data: the volunteer
 * and those who hold volunteers_manage over the volunteer's division read it, nobody else
 * (E_NOTFOUND, as if there were none); a staff read is recorded as personal.read. ---- */
#define VOLUNTEER_PHOTO_OWNER "volunteer_photo"
/* The caller sets the photo of their own profile, replacing the one it had: a JPEG, PNG or
 * WebP image of at most [volunteers] photo_max_kib (attachment_check_image's refusals, field
 * "photo"); E_NOTFOUND not_registered without a profile. Audited (volunteer.photo). */
int volunteer_photo_set(wy_ctx *ctx, const attachment_file *f, attachment *out);
/* The caller removes the photo of their own profile (E_NOTFOUND no_photo when there is none).
 * Audited (volunteer.photo). */
int volunteer_photo_remove(wy_ctx *ctx);
/* Is there a photo of volunteer_id (0: the caller's own) that the caller may see? *has 1 or
 * 0 (0 too for a volunteer who does not exist), for a page or answer that shows it. */
int volunteer_photo_of(wy_ctx *ctx, int64_t volunteer_id, int *has);
/* The photo of volunteer_id (0: the caller's own) with its bytes (in ctx->a), for its
 * volunteer and volunteers_manage over the volunteer's division (recorded); else E_NOTFOUND. */
int volunteer_photo_get(wy_ctx *ctx, int64_t volunteer_id, attachment *out, const char **data,
                        size_t *len);

/* Age in whole years on the day of now (China time, UTC+8) of someone born on birth_date;
 * -1 when birth_date is no valid date on or before that day. */
int volunteer_age(const char *birth_date, int64_t now_ms);
/* Is s a real day written YYYY-MM-DD (from 1900)? */
int volunteer_date_valid(const char *s);

/* `wenyun demo`: a team, and volunteers in Panzhihua (demo_volunteers.c). */
int volunteers_demo(wy_ctx *ctx, const char *data_dir, int verbose);
/* `wenyun demo`: projects with coming shifts in 西区 and 仁和区 (demo_projects.c). */
int projects_demo(wy_ctx *ctx);

#endif
