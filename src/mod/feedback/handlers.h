/* feedback: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_FEEDBACK_HANDLERS_H
#define WY_MOD_FEEDBACK_HANDLERS_H

#include "web/api.h"
#include "web/web.h"

void api_surveys_list(http_req *req);
void api_survey_create(http_req *req);
void api_survey_get(http_req *req);
void api_survey_respond(http_req *req);
void api_survey_edit(http_req *req);
void api_survey_close(http_req *req);
void api_survey_reopen(http_req *req);
void api_survey_results(http_req *req);
void api_complaints_public(http_req *req);
void api_complaint_file(http_req *req);
void api_complaints_staff(http_req *req);
void api_complaint_answer(http_req *req);

void page_feedback(http_req *req);
void page_feedback_survey(http_req *req);
void page_feedback_survey_post(http_req *req);
void page_feedback_complaint_post(http_req *req);
/* "Complaint" or "Suggestion" in the reader's language (pages_feedback.c). */
void feedback_kind_label(http_req *req, html *h, const char *kind);
/* the staff's page of complaints to answer (pages_staff.c) */
void page_admin_feedback(http_req *req);
void page_admin_feedback_answer(http_req *req);
/* the staff's pages of surveys (pages_surveys.c): the list, the results, edit, close, reopen */
void page_admin_surveys(http_req *req);
void page_admin_survey(http_req *req);
void page_admin_survey_edit(http_req *req);
void page_admin_survey_close(http_req *req);
void page_admin_survey_reopen(http_req *req);
/* the form to write a survey, its preview and publication (pages_surveys.c) */
void page_admin_survey_new(http_req *req);
void page_admin_survey_create(http_req *req);

/* the inbox's sentences of the module's notifications */
const char *web_feedback_notify_text(http_req *req, const notification *n);

/* `wenyun demo`: surveys with answers, complaints (demo_feedback.c) */
int feedback_demo(wy_ctx *ctx, const char *data_dir, int verbose);

#endif
