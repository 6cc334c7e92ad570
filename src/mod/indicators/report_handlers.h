/* report_handlers: the routes of the annual report (api_report.c; module.c lists them). The
 * request is only named here (http/request.h defines it), so this header, beside the
 * module's rules, includes nothing of the HTTP layer. */
#ifndef WY_MOD_INDICATORS_REPORT_HANDLERS_H
#define WY_MOD_INDICATORS_REPORT_HANDLERS_H

struct http_req;

void api_reports_post(struct http_req *req);
void api_reports_list(struct http_req *req);
void api_report_get(struct http_req *req);
void api_report_xlsx(struct http_req *req);
void api_report_verify(struct http_req *req);
/* the admin console (pages_report_admin.c) */
void page_reports(struct http_req *req);
void page_reports_post(struct http_req *req);
void page_report_html(struct http_req *req);
/* A kept file of a report as an attachment (api_report.c): which "xlsx" or "html". */
void report_file_answer(struct http_req *req, const char *which, const char *type);

#endif
