/* certificates: the handlers of the module's routes (module.c lists them). */
#ifndef WY_MOD_CERTIFICATES_HANDLERS_H
#define WY_MOD_CERTIFICATES_HANDLERS_H

#include "core/certificate.h"
#include "web/api.h"
#include "web/web.h"

/* The limits of checks from one address, as set in [certificates]. */
certificate_limits certificates_limits(http_req *req);
/* The public page's address of a code: PUBLIC_URL/certificates/verify?code=CODE. */
const char *certificates_verify_url(http_req *req, const char *code);

/* the API (api_certificates.c) */
void api_certificate_verify(http_req *req);
void api_certificate_get(http_req *req);
void api_certificate_revoke(http_req *req);
void api_my_certificates(http_req *req);

/* the pages (pages_certificates.c) */
void page_certificate_verify(http_req *req);
void page_certificate_by_code(http_req *req);
void page_certificate_print(http_req *req);
void page_certificate_revoke_post(http_req *req);
void page_my_certificates(http_req *req);

#endif
