/* assessments: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_ASSESSMENTS_HANDLERS_H
#define WY_MOD_ASSESSMENTS_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_standards_list(http_req *req);
void api_standard_create(http_req *req);
void api_standards_import(http_req *req);
void api_standard_get(http_req *req);
void api_assessment_sources(http_req *req);
void api_assessments_list(http_req *req);
void api_assessment_create(http_req *req);
void api_assessment_get(http_req *req);
void api_assessment_self(http_req *req);
void api_assessment_evidence(http_req *req);
void api_assessment_submit(http_req *req);
void api_assessment_review(http_req *req);
void api_assessment_publish(http_req *req);
void api_assessment_evidence_get(http_req *req);

/* calls for recommendations (api_calls.c) */
void api_calls_list(http_req *req);
void api_call_create(http_req *req);
void api_call_get(http_req *req);
void api_call_apply(http_req *req);
void api_call_visit(http_req *req);
void api_call_announce(http_req *req);

/* the public page of published grades (pages_grades.c) */
void page_grades(http_req *req);

/* the staff's pages (pages_assessments.c) */
void page_admin_assessments(http_req *req);
void page_admin_standards_import(http_req *req);
void page_admin_assessment_start(http_req *req);
void page_admin_call_create(http_req *req);
void page_admin_call(http_req *req);
void page_admin_call_apply(http_req *req);
void page_admin_call_visit(http_req *req);
void page_admin_call_announce(http_req *req);
void page_admin_assessment(http_req *req);
void page_admin_assessment_self(http_req *req);
void page_admin_assessment_evidence(http_req *req);
void page_admin_assessment_submit(http_req *req);
void page_admin_assessment_review(http_req *req);
void page_admin_assessment_publish(http_req *req);

/* the inbox's sentence of the module's notifications (api_assessments.c) */
const char *web_assessments_notify_text(http_req *req, const notification *n);

/* `wenyun demo`: a standard for cultural centres and a grading of 攀枝花's (demo_assessments.c) */
int assessments_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
