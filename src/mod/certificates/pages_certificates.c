/*
 * pages_certificates: the public check of a certificate's code (/certificates/verify?code=,
 * and /certificates/{code}: what a QR code or a typed address opens), the printable
 * certificate for its holder and the kind's staff (A4, print CSS, the QR code of the check's
 * address, the staff's revocation form beside it on screen), and the holder's list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mod/certificates/handlers.h"
#include "util/timeutil.h"

#define N_(s) s

/* "2026年6月30日" in Chinese, "2026-06-30" otherwise */
static const char *day_text(http_req *req, const char *day)
{
    int y, m, d;
    if (req->lang == LANG_ZH && day && sscanf(day, "%d-%d-%d", &y, &m, &d) == 3)
        return arena_sprintf(&req->a, "%d年%d月%d日", y, m, d);
    return day ? day : "";
}

static const char *day_of(http_req *req, int64_t ms)
{
    char buf[40];
    time_format_rfc3339(ms, buf, sizeof(buf), 0);
    buf[10] = '\0';
    return day_text(req, buf);
}

static void fact(http_req *req, html *h, const char *msgid, const char *value, const char *id)
{
    if (!value || !*value)
        return;
    html_lit(h, "<dt>");
    web_t(req, h, msgid);
    html_lit(h, "</dt><dd");
    if (id) {
        html_lit(h, " id=\"");
        html_attr(h, id);
        html_lit(h, "\"");
    }
    html_lit(h, ">");
    html_text(h, value);
    html_lit(h, "</dd>");
}

/* the facts as issued: <dt>label</dt><dd>value</dd> for each */
static void facts_list(html *h, const char *text)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    size_t i;
    json_t *f;
    json_array_foreach(j, i, f)
    {
        const char *l = json_string_value(json_object_get(f, "label"));
        const char *v = json_string_value(json_object_get(f, "value"));
        if (!l || !v)
            continue;
        html_lit(h, "<dt>");
        html_text(h, l);
        html_lit(h, "</dt><dd>");
        html_text(h, v);
        html_lit(h, "</dd>");
    }
    json_decref(j);
}

/* ---- the public check ---- */

static void verify_form(http_req *req, html *h, const char *code)
{
    html_lit(h,
             "<form method=\"get\" action=\"/certificates/verify\" class=\"filters\" "
             "id=\"verify-form\"><input name=\"code\" autocomplete=\"off\" "
             "autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"40\" aria-label=\"");
    html_attr(h, req_tr(req, "Verification code"));
    html_lit(h, "\" placeholder=\"XXXX-XXXX-XXXX-XXXX\" value=\"");
    html_attr(h, code ? code : "");
    html_lit(h, "\"><button type=\"submit\">");
    web_t(req, h, "Verify");
    html_lit(h, "</button></form>");
}

/* The page of a check: the form, and the verdict on code when there is one. */
static void verify_page(http_req *req, const char *code)
{
    certificate_public p = {0};
    int checked = code && *code;
    if (checked) {
        certificate_limits lim = certificates_limits(req);
        if (certificate_verify(req_ctx(req), code, &lim, &p) < 0) {
            resp_fail(req); /* 429 with Retry-After when over the limits */
            return;
        }
    }
    html h;
    web_begin(req, &h, req_tr(req, "Verify a certificate"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "Verify a certificate");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "Type the verification code printed on the certificate, or scan its QR code, to see "
          "whether the certificate was issued by wenyun and is still valid.");
    html_lit(&h, "</p>");
    verify_form(req, &h, code);
    if (checked) {
        html_lit(&h, "<section class=\"card verify-result ");
        html_attr(&h, p.verdict == CERTIFICATE_VALID     ? "valid"
                      : p.verdict == CERTIFICATE_REVOKED ? "revoked"
                                                         : "unknown");
        html_lit(&h, "\" id=\"verify-result\" aria-live=\"polite\"><h2 id=\"verdict\">");
        if (p.verdict == CERTIFICATE_VALID)
            web_t(req, &h, "This certificate is valid.");
        else if (p.verdict == CERTIFICATE_REVOKED)
            html_text(&h, arena_sprintf(&req->a,
                                        req_tr(req, "This certificate was revoked on %s: it is "
                                                    "no longer valid."),
                                        day_of(req, p.revoked_at)));
        else
            web_t(req, &h, "No certificate has this code: check what was typed.");
        html_lit(&h, "</h2>");
        if (p.verdict != CERTIFICATE_UNKNOWN) {
            html_lit(&h, "<dl class=\"facts\" id=\"verify-facts\">");
            fact(req, &h, N_("Number"), p.number, "verify-number");
            fact(req, &h, N_("Certificate"), p.title, NULL);
            fact(req, &h, N_("Kind"), req_tr(req, p.kind_label), NULL);
            fact(req, &h, N_("Holder"), p.holder, "verify-holder");
            fact(req, &h, N_("Issued by"), p.issuer, NULL);
            fact(req, &h, N_("Date of issue"), day_text(req, p.issued_on), NULL);
            facts_list(&h, p.facts);
            html_lit(&h, "</dl>");
            if (p.body && *p.body) {
                html_lit(&h, "<p class=\"cert-body-public\">");
                html_text(&h, p.body);
                html_lit(&h, "</p>");
            }
            html_lit(&h, "<p class=\"small muted\">");
            web_t(req, &h,
                  "The holder's name is partly hidden here: compare it with the certificate you "
                  "were shown.");
            html_lit(&h, "</p>");
        }
        html_lit(&h, "</section>");
    }
    web_end(req, &h, checked && p.verdict == CERTIFICATE_UNKNOWN ? 404 : 200);
}

void page_certificate_verify(http_req *req)
{
    verify_page(req, req_query(req, "code"));
}

void page_certificate_by_code(http_req *req)
{
    verify_page(req, req_param(req, 0));
}

/* ---- the printable certificate ---- */

void page_certificate_print(http_req *req)
{
    wy_ctx *ctx = req_ctx(req);
    certificate c;
    if (certificate_get(ctx, req_id(req, 0), &c) < 0) {
        resp_fail(req);
        return;
    }
    int revoked = strcmp(c.status, "valid") != 0;
    const char *url = certificates_verify_url(req, c.code);
    char shown[CERTIFICATE_CODE_SHOWN];
    certificate_code_shown(c.code, shown);
    html h;
    web_begin(req, &h, arena_sprintf(&req->a, "%s %s", c.title, c.number));
    const char *m = req_query(req, "msg");
    if (m && !strcmp(m, "certificate_revoked")) {
        html_lit(&h, "<p class=\"flash no-print\" role=\"status\" id=\"flash\">");
        web_t(req, &h, "The certificate has been revoked.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<p class=\"no-print muted\">");
    web_t(req, &h,
          "Print this page (the browser's Print, Ctrl+P) on A4 paper: only the certificate is "
          "printed. Anyone can check it with its code or its QR code.");
    html_lit(&h, " <a href=\"/me/certificates\">");
    web_t(req, &h, "My certificates");
    html_lit(&h, "</a></p><article class=\"certificate");
    if (revoked)
        html_lit(&h, " revoked");
    html_lit(&h,
             "\" id=\"certificate\" lang=\"zh-CN\"><p class=\"cert-issuer\" id=\"cert-issuer\">");
    html_text(&h, c.issuer);
    html_lit(&h, "</p><h1 class=\"cert-title\" id=\"cert-title\">");
    html_text(&h, c.title);
    html_lit(&h, "</h1>");
    if (revoked) {
        html_lit(&h, "<p class=\"cert-stamp\" id=\"cert-revoked\">");
        web_t(req, &h, "Revoked");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<p class=\"cert-holder\"><span>");
    web_t(req, &h, "Holder");
    html_lit(&h, "</span> <strong id=\"cert-holder\">");
    html_text(&h, c.holder_name);
    html_lit(&h, "</strong></p>");
    if (c.body && *c.body) {
        html_lit(&h, "<p class=\"cert-body\">");
        html_text(&h, c.body);
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<dl class=\"cert-facts\">");
    facts_list(&h, c.facts);
    html_lit(&h, "</dl><div class=\"cert-foot\"><dl class=\"cert-meta\">");
    fact(req, &h, N_("Number"), c.number, "cert-number");
    fact(req, &h, N_("Date of issue"), day_text(req, c.issued_on), "cert-date");
    fact(req, &h, N_("Verification code"), shown, "cert-code");
    html_lit(&h, "<dt>");
    web_t(req, &h, "Verify at");
    html_lit(&h, "</dt><dd class=\"cert-url\">");
    html_text(&h, url);
    html_lit(&h, "</dd></dl><figure class=\"cert-qr\" id=\"cert-qr\">");
    html_qr(&h, url);
    html_lit(&h, "<figcaption>");
    web_t(req, &h, "Scan to verify");
    html_lit(&h, "</figcaption></figure></div><p class=\"cert-seal\">");
    html_text(&h, c.issuer);
    html_lit(&h, "<br>");
    html_text(&h, day_text(req, c.issued_on));
    html_lit(&h, "</p></article>");
    if (revoked) {
        html_lit(&h, "<section class=\"card no-print\" id=\"revocation\"><p>");
        html_text(&h,
                  arena_sprintf(&req->a, req_tr(req, "Revoked on %s."), day_of(req, c.revoked_at)));
        html_lit(&h, " ");
        web_t(req, &h, "Reason");
        html_lit(&h, ": ");
        html_text(&h, c.revoke_reason);
        html_lit(&h, "</p></section>");
    } else if (certificate_may_manage(ctx->who, &c)) {
        html_lit(&h, "<section class=\"card no-print\" id=\"revoke\"><h2>");
        web_t(req, &h, "Revoke this certificate");
        html_lit(&h, "</h2><form method=\"post\" id=\"revoke-form\" action=\"/certificates/");
        html_int(&h, c.id);
        html_lit(&h, "/revoke\">");
        web_csrf_field(req, &h);
        html_lit(&h, "<label>");
        web_t(req, &h, "Reason (kept on record)");
        html_lit(&h, "<textarea name=\"reason\" rows=\"2\" maxlength=\"500\" required></textarea>"
                     "</label><button type=\"submit\" class=\"danger\">");
        web_t(req, &h, "Revoke");
        html_lit(&h, "</button></form></section>");
    }
    web_end(req, &h, 200);
}

void page_certificate_revoke_post(http_req *req)
{
    int64_t id = req_id(req, 0);
    if (certificate_revoke(req_ctx(req), id, req_form(req, "reason")) < 0)
        resp_fail(req);
    else
        resp_redirect(req,
                      arena_sprintf(&req->a, "/certificates/%lld/print?msg=certificate_revoked",
                                    (long long)id));
}

/* ---- the holder's certificates ---- */

void page_my_certificates(http_req *req)
{
    int limit;
    int64_t cursor;
    if (req_page(req, 20, 100, &limit, &cursor) < 0)
        return;
    certificate *cs;
    size_t n;
    if (certificate_mine(req_ctx(req), cursor, limit, &cs, &n) < 0) {
        resp_fail(req);
        return;
    }
    html h;
    web_begin(req, &h, req_tr(req, "My certificates"));
    html_lit(&h, "<h1>");
    web_t(req, &h, "My certificates");
    html_lit(&h, "</h1><section class=\"card\">");
    if (n == 0)
        web_empty(req, &h, "You have no certificate yet.");
    html_lit(&h, "<ul class=\"list\" id=\"my-certificates\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(&h, "<li><a href=\"/certificates/");
        html_int(&h, cs[i].id);
        html_lit(&h, "/print\"><strong>");
        html_text(&h, cs[i].title);
        html_lit(&h, "</strong> ");
        html_text(&h, cs[i].number);
        html_lit(&h, "</a> ");
        if (strcmp(cs[i].status, "valid"))
            web_badge(req, &h, "cancelled", "Revoked");
        html_lit(&h, "<br><span class=\"muted\">");
        html_text(&h, cs[i].issuer);
        html_lit(&h, " · ");
        html_text(&h, day_text(req, cs[i].issued_on));
        html_lit(&h, "</span></li>");
    }
    html_lit(&h, "</ul>");
    if (n == (size_t)limit) {
        const char *params[] = {"limit", req_query(req, "limit"), NULL};
        web_pager_id(req, &h, "/me/certificates", cs[n - 1].id, params);
    }
    html_lit(&h, "</section>");
    web_end(req, &h, 200);
}
