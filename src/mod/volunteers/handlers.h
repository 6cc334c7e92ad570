/* volunteers: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_VOLUNTEERS_HANDLERS_H
#define WY_MOD_VOLUNTEERS_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_volunteer_orgs_list(http_req *req);
void api_volunteer_org_get(http_req *req);
void api_volunteer_org_create(http_req *req);
void api_volunteer_org_update(http_req *req);
void api_volunteer_org_coordinators(http_req *req);
void api_volunteer_org_coordinator_add(http_req *req);
void api_volunteer_org_coordinator_remove(http_req *req);
void api_volunteer_org_archive(http_req *req);
void api_volunteers_list(http_req *req);
void api_volunteer_register(http_req *req);
void api_volunteer_me(http_req *req);
/* the profile's photo (api_photo.c, pages_profile.c) */
void api_volunteer_photo_put(http_req *req);
void api_volunteer_photo_delete(http_req *req);
void api_volunteer_photo_mine(http_req *req);
void api_volunteer_photo_get(http_req *req);
void page_volunteer_photo_post(http_req *req);
void page_volunteer_photo_remove_post(http_req *req);
/* Add "photo" to a volunteer's JSON j: the URL of their photo, or null when there is none
 * (volunteer_id 0: the caller's own profile). -1 with the refusal on the request. */
int vol_photo_member(http_req *req, json_t *j, int64_t volunteer_id);
void api_volunteer_update(http_req *req);
void api_volunteer_update(http_req *req);
void api_volunteer_projects_list(http_req *req);
void api_volunteer_project_get(http_req *req);
void api_volunteer_project_create(http_req *req);
void api_volunteer_project_submit(http_req *req);
void api_volunteer_project_update(http_req *req);
void api_volunteer_project_withdraw(http_req *req);
/* coordinators' pages of organisations and projects (pages_orgs.c) */
void page_admin_volunteer_orgs(http_req *req);
void page_admin_volunteer_org_create(http_req *req);
void page_admin_volunteer_org_update(http_req *req);
void page_admin_volunteer_org_coordinator_add(http_req *req);
void page_admin_volunteer_org_coordinator_remove(http_req *req);
void page_admin_volunteer_org_archive(http_req *req);
void page_admin_volunteer_projects(http_req *req);
void page_admin_volunteer_project_create(http_req *req);
void page_admin_volunteer_project_update(http_req *req);
void page_admin_volunteer_project_submit(http_req *req);
void page_admin_volunteer_project_withdraw(http_req *req);

/* shifts, sign-ups and invitations (api_shifts.c, pages_volunteering.c) */
void api_shifts_list(http_req *req);
void api_shift_create(http_req *req);
void api_shift_get(http_req *req);
void api_shift_update(http_req *req);
void api_shift_cancel(http_req *req);
void api_shift_signup(http_req *req);
void api_signup_cancel(http_req *req);
void api_my_shifts(http_req *req);
void api_signup_accept(http_req *req);
void api_signup_decline(http_req *req);
void api_shift_roster(http_req *req);
void api_shift_available(http_req *req);
void api_shift_invite(http_req *req);
void page_volunteering(http_req *req);
void page_volunteering_project(http_req *req);
void page_shift_signup_post(http_req *req);
void page_signup_cancel_post(http_req *req);
void page_signup_accept_post(http_req *req);
void page_signup_decline_post(http_req *req);
void page_my_volunteering(http_req *req);
void page_admin_volunteering(http_req *req);
void page_admin_shift_create_post(http_req *req);
void page_admin_shift(http_req *req);
void page_admin_shift_cancel_post(http_req *req);
void page_admin_shift_invite_post(http_req *req);
const char *web_shift_note_text(http_req *req, const notification *n);
void api_shift_note_json(const notification *n, json_t *item);

/* a volunteer's own profile (pages_profile.c) */
void page_volunteer_profile(http_req *req);
void page_volunteer_profile_post(http_req *req);
/* star levels and service certificates (api_stars.c, pages_stars.c) */
struct star_application;
json_t *api_star_application_json(const struct star_application *a);
void api_star_thresholds_get(http_req *req);
void api_star_thresholds_put(http_req *req);
void api_star_mine(http_req *req);
void api_star_apply(http_req *req);
void api_star_applications_list(http_req *req);
void api_star_application_get(http_req *req);
void api_star_object(http_req *req);
void api_star_objections(http_req *req);
void api_star_decide(http_req *req);
void api_star_revoke(http_req *req);
void api_volunteer_certificate_issue(http_req *req);
void page_volunteer_stars(http_req *req);
void page_volunteer_star_object_post(http_req *req);
void page_my_volunteer_star(http_req *req);
void page_my_volunteer_star_apply_post(http_req *req);
void page_admin_volunteer_stars(http_req *req);
void page_volunteer_star_decide_post(http_req *req);
void page_volunteer_star_revoke_post(http_req *req);
void page_volunteer_certificate_post(http_req *req);
void page_volunteer_star_thresholds_post(http_req *req);
/* The inbox's sentence of the star levels' notifications. */
const char *star_note_text(http_req *req, const notification *n);
/* hours: api_hours.c, pages_hours.c */
void api_volunteer_hours_mine(http_req *req);
void api_volunteer_hours_report(http_req *req);
void api_volunteer_hours_get(http_req *req);
void api_volunteer_hours_correct(http_req *req);
void api_volunteer_hours_pending(http_req *req);
void api_volunteer_hours_verify(http_req *req);
void api_volunteer_hours_reject(http_req *req);
void api_volunteer_checkin(http_req *req);
void api_volunteer_signup_checkin(http_req *req);
void api_volunteer_signup_checkout(http_req *req);
void api_volunteer_signup_excuse(http_req *req);
void api_volunteer_hours_export(http_req *req);
void page_volunteer_checkin(http_req *req);
void page_volunteer_checkin_post(http_req *req);
void page_volunteer_shift_qr(http_req *req);
void page_my_volunteer_hours(http_req *req);
void page_my_volunteer_hours_report(http_req *req);
void page_my_volunteer_hours_dispute(http_req *req);
void page_volunteer_hours_queue(http_req *req);
void page_volunteer_hours_decide(http_req *req);
void page_volunteer_signup_checkin(http_req *req);
void page_volunteer_signup_checkout(http_req *req);
void page_volunteer_signup_excuse(http_req *req);
/* The inbox's sentence of a decision on one's hours (pages_hours.c). */
const char *web_hours_note_text(http_req *req, const notification *n);

/* posts at venues, pairings, insurance: api_posts.c, pages_posts.c */
void api_volunteer_posts_list(http_req *req);
void api_volunteer_post_create(http_req *req);
void api_volunteer_post_get(http_req *req);
void api_volunteer_post_close(http_req *req);
void api_volunteer_post_update(http_req *req);
void api_volunteer_post_reopen(http_req *req);
void api_volunteer_post_apply(http_req *req);
void api_volunteer_post_applications(http_req *req);
void api_volunteer_post_application_decide(http_req *req);
void api_volunteer_post_application_withdraw(http_req *req);
void api_volunteer_pairings_list(http_req *req);
void api_volunteer_pairing_create(http_req *req);
void api_volunteer_pairing_end(http_req *req);
void api_volunteer_project_insurance_get(http_req *req);
void api_volunteer_project_insurance_put(http_req *req);
void page_volunteer_posts(http_req *req);
void page_volunteer_post(http_req *req);
void page_volunteer_post_offer(http_req *req);
void page_volunteer_post_withdraw(http_req *req);
void page_admin_volunteer_posts(http_req *req);
void page_admin_volunteer_post_create(http_req *req);
void page_admin_volunteer_post_close(http_req *req);
void page_admin_volunteer_post_update(http_req *req);
void page_admin_volunteer_post_reopen(http_req *req);
void page_admin_volunteer_application_decide(http_req *req);
void page_admin_volunteer_pairing_create(http_req *req);
void page_admin_volunteer_pairing_end(http_req *req);
void page_admin_volunteer_insurance(http_req *req);
/* The inbox's sentence of a decision on an offer to take a post (pages_posts.c). */
const char *web_post_note_text(http_req *req, const notification *n);
/* "Insured: insurer, from – to" of a project, when it is (pages_posts.c). */
void vol_insurance_line(http_req *req, html *h, int64_t project_id);
/* The link to the posts at venues, for /volunteering. */
void vol_posts_link(http_req *req, html *h);

#endif
