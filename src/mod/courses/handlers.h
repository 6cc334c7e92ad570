/* courses: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_COURSES_HANDLERS_H
#define WY_MOD_COURSES_HANDLERS_H

#include "core/attachment.h"
#include "mod/courses/course.h"
#include "web/api.h"
#include "web/web.h"

/* The JSON of the module's records (api_courses.c), shared by its API files. */
json_t *api_term_json(const course_term *t);
json_t *api_teacher_json(const course_teacher *t);
/* A course as the catalogue shows it; detail: with its sessions. */
json_t *api_course_json(const course_view *v, int detail);
json_t *api_course_session_json(const course_session *s);
/* {id, number, status, url} of a certificate (the printable page's url), or null. */
json_t *api_certificate_ref(const certificate *c);
/* A material of a course, without its bytes, with the url that downloads it. */
json_t *api_material_json(const attachment *a);

/* the API (api_courses.c, api_enrolments.c) */
void api_courses_list(http_req *req);
void api_course_create(http_req *req);
void api_course_get(http_req *req);
void api_course_update(http_req *req);
void api_course_submit(http_req *req);
void api_course_cancel(http_req *req);
void api_terms_list(http_req *req);
void api_term_create(http_req *req);
void api_term_get(http_req *req);
void api_term_lottery(http_req *req);
void api_term_update(http_req *req);
void api_teachers_list(http_req *req);
void api_teacher_create(http_req *req);
void api_teacher_get(http_req *req);
void api_teacher_update(http_req *req);
void api_course_enrol(http_req *req);
void api_enrolment_withdraw(http_req *req);
void api_enrolment_qr(http_req *req);
void api_offer_confirm(http_req *req);
void api_offer_decline(http_req *req);
void api_my_courses(http_req *req);
void api_application_get(http_req *req);
void api_application_put(http_req *req);
void api_application_delete(http_req *req);
void api_course_roster(http_req *req);
void api_course_checkin(http_req *req);
void api_course_certificates_issue(http_req *req);
void api_course_materials(http_req *req);
void api_course_material_post(http_req *req);
void api_course_material_get(http_req *req);

/* the pages (pages_courses.c) */
void page_courses(http_req *req);
void page_course(http_req *req);
void page_course_enrol_post(http_req *req);
void page_term_apply(http_req *req);
void page_term_apply_post(http_req *req);
void page_my_courses(http_req *req);
void page_enrolment_withdraw_post(http_req *req);
void page_offer_confirm_post(http_req *req);
void page_offer_decline_post(http_req *req);
/* the inbox's sentences of the module's notifications (pages_inbox.c) */
const char *web_course_note_text(http_req *req, const notification *n);
void api_course_note_json(const notification *n, json_t *item);
void page_teacher(http_req *req);
void page_course_roster(http_req *req);
void page_course_checkin_post(http_req *req);
void page_course_certificates_post(http_req *req);
void page_course_material_post(http_req *req);

/* the staff's forms (pages_staff.c) */
void page_staff_courses(http_req *req);
void page_staff_term_new(http_req *req);
void page_staff_term_create_post(http_req *req);
void page_staff_term_edit(http_req *req);
void page_staff_term_edit_post(http_req *req);
void page_staff_course_new(http_req *req);
void page_staff_course_create_post(http_req *req);
void page_staff_course_edit(http_req *req);
void page_staff_course_edit_post(http_req *req);
void page_staff_course_submit_post(http_req *req);

/* ratings of courses and teachers (api_ratings.c, pages_ratings.c; core/rating.h) */
void api_course_rating_post(http_req *req);
void api_course_ratings(http_req *req);
void api_teacher_rating_post(http_req *req);
void api_teacher_ratings(http_req *req);
/* "rating": the average of the subject (kind, id) into j; -1 with the refusal on req. */
int api_rating_add(http_req *req, json_t *j, const char *kind, int64_t id);
/* The ratings section of a course's or a teacher's page. */
void web_course_ratings(http_req *req, html *h, const char *kind, int64_t id);
void page_course_rate_post(http_req *req);
void page_teacher_rate_post(http_req *req);

#endif
