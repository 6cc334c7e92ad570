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

#endif
