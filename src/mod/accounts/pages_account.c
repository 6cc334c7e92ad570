/* pages_account: the home page, registration (with the code sent by SMS), password reset,
 * login and "my account". */
#include <stdio.h>
#include <string.h>

#include "http/app.h"
#include "core/account.h"
#include "core/authz.h"
#include "core/division.h"
#include "mod/notices/notice.h"
#include "util/timeutil.h"
#include "mod/accounts/handlers.h"

static void field(http_req *req, html *h, const char *name, const char *label, const char *type,
                  const char *value, const char *autocomplete, const char *err_field)
{
    html_lit(h, "<label for=\"f-");
    html_attr(h, name);
    html_lit(h, "\">");
    web_t(req, h, label);
    html_lit(h, "</label><input id=\"f-");
    html_attr(h, name);
    html_lit(h, "\" name=\"");
    html_attr(h, name);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\" autocomplete=\"");
    html_attr(h, autocomplete);
    html_lit(h, "\"");
    if (value) {
        html_lit(h, " value=\"");
        html_attr(h, value);
        html_lit(h, "\"");
    }
    if (err_field && !strcmp(err_field, name))
        html_lit(h, " aria-invalid=\"true\" autofocus");
    html_lit(h, " required>");
}

static void form_error(http_req *req, html *h)
{
    if (req->ctx.err.cls == E_NONE)
        return;
    html_lit(h, "<p class=\"form-error\" role=\"alert\">");
    web_t(req, h, req->ctx.err.message);
    html_lit(h, "</p>");
}

/* A refusal for "too many": the page says so, and Retry-After says when to come back. */
static void retry_after(http_req *req)
{
    if (req->ctx.err.retry_after_s > 0) {
        char ra[16];
        snprintf(ra, sizeof(ra), "%d", req->ctx.err.retry_after_s);
        resp_header(req, "Retry-After", ra);
    }
}

static void register_form(http_req *req, int status)
{
    html h;
    web_begin(req, &h, req_tr(req, "Register"));
    html_lit(&h, "<section class=\"card narrow\"><h1>");
    web_t(req, &h, "Create an account");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h, "Accounts are real-name: use your own mobile number and name.");
    html_lit(&h, " ");
    web_t(req, &h, "We send a code to the number by SMS to make sure it is yours.");
    html_lit(&h, "</p>");
    form_error(req, &h);
    html_lit(&h, "<form method=\"post\" action=\"/register\" id=\"register-form\">");
    web_csrf_field(req, &h);
    field(req, &h, "phone", "Mobile number", "tel", req_form(req, "phone"), "tel",
          req->ctx.err.field);
    field(req, &h, "name", "Real name", "text", req_form(req, "name"), "name", req->ctx.err.field);
    field(req, &h, "password", "Password", "password", NULL, "new-password", req->ctx.err.field);
    html_lit(&h, "<p class=\"hint\">");
    web_t(req, &h, "8 to 128 characters, with letters and digits.");
    html_lit(&h, "</p><button type=\"submit\">");
    web_t(req, &h, "Register");
    html_lit(&h, "</button></form><p>");
    web_t(req, &h, "Have an account?");
    html_lit(&h, " <a href=\"/login\">");
    web_t(req, &h, "Log in");
    html_lit(&h, "</a></p></section>");
    retry_after(req);
    web_end(req, &h, status);
}

/* The page that asks for the code sent by SMS: to finish a registration, or (reset) with a
 * new password. phone is the number the code went to (NULL: ask for it too). */
static void code_form(http_req *req, int status, int reset, const char *phone)
{
    html h;
    const char *title = reset ? req_tr(req, "Set a new password") : req_tr(req, "Enter the code");
    web_begin(req, &h, title);
    html_lit(&h, "<section class=\"card narrow\"><h1>");
    html_text(&h, title);
    html_lit(&h, "</h1><p class=\"muted\">");
    if (reset)
        web_t(req, &h,
              "If this number has an account, a 6-digit code is on its way to it by SMS. "
              "Enter it with your new password.");
    else
        web_t(req, &h,
              "A 6-digit code is on its way to this number by SMS, unless the number has an "
              "account already. Enter it to finish creating your account.");
    html_lit(&h, "</p>");
    form_error(req, &h);
    if (reset)
        html_lit(&h, "<form method=\"post\" action=\"/reset/confirm\" id=\"reset-form\">");
    else
        html_lit(&h, "<form method=\"post\" action=\"/register/verify\" id=\"verify-form\">");
    web_csrf_field(req, &h);
    field(req, &h, "phone", "Mobile number", "tel", phone, "tel", req->ctx.err.field);
    field(req, &h, "code", "Code", "text", NULL, "one-time-code", req->ctx.err.field);
    if (reset) {
        field(req, &h, "password", "New password", "password", NULL, "new-password",
              req->ctx.err.field);
        html_lit(&h, "<p class=\"hint\">");
        web_t(req, &h, "8 to 128 characters, with letters and digits.");
        html_lit(&h, "</p>");
    }
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Confirm");
    html_lit(&h, "</button></form><p>");
    if (reset) {
        web_t(req, &h, "No code?");
        html_lit(&h, " <a href=\"/reset\">");
        web_t(req, &h, "Ask for a new one");
    } else {
        web_t(req, &h, "No code? If this number has an account already, set a new password.");
        html_lit(&h, " <a href=\"/reset\">");
        web_t(req, &h, "Forgot your password?");
    }
    html_lit(&h, "</a></p></section>");
    retry_after(req);
    web_end(req, &h, status);
}

void page_register(http_req *req)
{
    register_form(req, 200);
}

void page_register_post(http_req *req)
{
    if (account_register(req_ctx(req), req_form(req, "phone"), req_form(req, "password"),
                         req_form(req, "name"), NULL) < 0) {
        register_form(req, errclass_status(req->ctx.err.cls));
        return;
    }
    code_form(req, 200, 0, req_form(req, "phone"));
}

void page_register_verify(http_req *req)
{
    code_form(req, 200, 0, NULL);
}

void page_register_verify_post(http_req *req)
{
    int64_t id;
    const char *phone = req_form(req, "phone");
    if (account_verify(req_ctx(req), phone, req_form(req, "code"), &id) < 0) {
        code_form(req, errclass_status(req->ctx.err.cls), 0, phone);
        return;
    }
    resp_redirect(req, "/login?msg=registered");
}

static void reset_form(http_req *req, int status)
{
    html h;
    web_begin(req, &h, req_tr(req, "Forgot your password?"));
    html_lit(&h, "<section class=\"card narrow\"><h1>");
    web_t(req, &h, "Forgot your password?");
    html_lit(&h, "</h1><p class=\"muted\">");
    web_t(req, &h,
          "Give your mobile number: if it has an account, we send it a code by SMS to set a "
          "new password. Members whose cultural centre imported their account set their first "
          "password here too.");
    html_lit(&h, "</p>");
    form_error(req, &h);
    html_lit(&h, "<form method=\"post\" action=\"/reset\" id=\"reset-request-form\">");
    web_csrf_field(req, &h);
    field(req, &h, "phone", "Mobile number", "tel", req_form(req, "phone"), "tel",
          req->ctx.err.field);
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Send the code");
    html_lit(&h, "</button></form></section>");
    retry_after(req);
    web_end(req, &h, status);
}

void page_reset(http_req *req)
{
    reset_form(req, 200);
}

void page_reset_post(http_req *req)
{
    if (account_reset_request(req_ctx(req), req_form(req, "phone")) < 0) {
        reset_form(req, errclass_status(req->ctx.err.cls));
        return;
    }
    code_form(req, 200, 1, req_form(req, "phone"));
}

void page_reset_confirm_post(http_req *req)
{
    const char *phone = req_form(req, "phone");
    if (account_reset(req_ctx(req), phone, req_form(req, "code"), req_form(req, "password")) < 0) {
        code_form(req, errclass_status(req->ctx.err.cls), 1, phone);
        return;
    }
    resp_redirect(req, "/login?msg=password_reset");
}

/* Where to go after logging in: the account page unless the form says where; only a local
 * path may be a redirect target (is_local_path), anything else goes home. */
static const char *safe_next(const char *next)
{
    return next ? local_path_or(next, "/") : "/account";
}

static void login_form(http_req *req, int status)
{
    html h;
    web_begin(req, &h, req_tr(req, "Log in"));
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card narrow\"><h1>");
    web_t(req, &h, "Log in");
    html_lit(&h, "</h1>");
    form_error(req, &h);
    html_lit(&h, "<form method=\"post\" action=\"/login\" id=\"login-form\">");
    web_csrf_field(req, &h);
    const char *next = req_query(req, "next");
    if (!next)
        next = req_form(req, "next");
    html_lit(&h, "<input type=\"hidden\" name=\"next\" value=\"");
    html_attr(&h, safe_next(next));
    html_lit(&h, "\">");
    field(req, &h, "phone", "Mobile number", "tel", req_form(req, "phone"), "username", NULL);
    field(req, &h, "password", "Password", "password", NULL, "current-password", NULL);
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Log in");
    html_lit(&h, "</button></form><p><a href=\"/reset\">");
    web_t(req, &h, "Forgot your password?");
    html_lit(&h, "</a></p><p>");
    web_t(req, &h, "No account yet?");
    html_lit(&h, " <a href=\"/register\">");
    web_t(req, &h, "Register");
    html_lit(&h, "</a></p></section>");
    web_end(req, &h, status);
}

void page_login(http_req *req)
{
    login_form(req, 200);
}

void page_login_post(http_req *req)
{
    char token[TOKEN_CHARS];
    int64_t uid;
    if (account_login(req_ctx(req), req_form(req, "phone"), req_form(req, "password"), token,
                      &uid) < 0) {
        retry_after(req);
        login_form(req, errclass_status(req->ctx.err.cls));
        return;
    }
    resp_set_cookie(req, "wy_session", token, req->app->cfg.session_ttl_s, 1);
    resp_redirect(req, safe_next(req_form(req, "next")));
}

void page_logout_post(http_req *req)
{
    account_logout(req_ctx(req), req->token);
    resp_set_cookie(req, "wy_session", "", 0, 1);
    resp_redirect(req, "/login?msg=logged_out");
}

void page_account(http_req *req)
{
    html h;
    web_begin(req, &h, req_tr(req, "My account"));
    web_flash(req, &h);
    html_lit(&h, "<section class=\"card\"><h1>");
    web_t(req, &h, "My account");
    html_lit(&h, "</h1><dl class=\"facts\"><dt>");
    web_t(req, &h, "Name");
    html_lit(&h, "</dt><dd id=\"account-name\">");
    html_text(&h, req->who.name);
    html_lit(&h, "</dd><dt>");
    web_t(req, &h, "Mobile number");
    html_lit(&h, "</dt><dd id=\"account-phone\">");
    html_text(&h, req->who.phone); /* the owner sees it whole */
    html_lit(&h, "</dd></dl><h2>");
    web_t(req, &h, "Roles");
    html_lit(&h, "</h2>");
    if (req->who.ngrants == 0) {
        web_empty(req, &h, "Citizen (no staff roles).");
    } else {
        html_lit(&h, "<ul class=\"list\">");
        wy_ctx *ctx = req_ctx(req);
        for (size_t i = 0; i < req->who.ngrants; i++) {
            html_lit(&h, "<li>");
            web_t(req, &h, req->who.grants[i].role);
            html_lit(&h, " · ");
            const char *dname = division_name(ctx, req->who.grants[i].division);
            if (dname)
                html_text(&h, dname);
            html_lit(&h, " (");
            html_text(&h, req->who.grants[i].division);
            html_lit(&h, ")</li>");
        }
        html_lit(&h, "</ul>");
    }
    html_lit(&h, "</section><section class=\"card narrow\"><h2>");
    web_t(req, &h, "Change password");
    html_lit(&h, "</h2>");
    html_lit(&h, "<form method=\"post\" action=\"/account/password\" id=\"password-form\">");
    web_csrf_field(req, &h);
    field(req, &h, "old_password", "Current password", "password", NULL, "current-password", NULL);
    field(req, &h, "new_password", "New password", "password", NULL, "new-password", NULL);
    html_lit(&h, "<button type=\"submit\">");
    web_t(req, &h, "Change password");
    html_lit(&h, "</button></form></section>");
    web_end(req, &h, 200);
}

void page_password_post(http_req *req)
{
    if (account_change_password(req_ctx(req), req_form(req, "old_password"),
                                req_form(req, "new_password"), req->token) < 0) {
        web_error_page(req, errclass_status(req->ctx.err.cls), req_tr(req, req->ctx.err.message));
        return;
    }
    resp_redirect(req, "/account?msg=password_changed");
}
