/* volunteers: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_VOLUNTEERS_HANDLERS_H
#define WY_MOD_VOLUNTEERS_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_volunteer_orgs_list(http_req *req);
void api_volunteer_org_get(http_req *req);
void api_volunteer_org_create(http_req *req);
void api_volunteers_list(http_req *req);
void api_volunteer_register(http_req *req);
void api_volunteer_me(http_req *req);
void api_volunteer_projects_list(http_req *req);
void api_volunteer_project_get(http_req *req);
void api_volunteer_project_create(http_req *req);
void api_volunteer_project_submit(http_req *req);

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
/* The inbox's sentence of a decision on one's hours (pages_hours.c). */
const char *web_hours_note_text(http_req *req, const notification *n);

#endif
