/* form: see form.h. */
#include "web/form.h"

#include <stdlib.h>
#include <string.h>

const char *web_term_msgid(const web_term *terms, const char *key)
{
    for (const web_term *t = terms; key && t && t->key; t++)
        if (!strcmp(t->key, key))
            return t->msgid;
    return NULL;
}

const char *web_term_label(http_req *req, const web_term *terms, const char *key)
{
    const char *m = web_term_msgid(terms, key);
    return m ? req_tr(req, m) : key ? key : "";
}

void web_option(html *h, const char *value, const char *label, const char *current)
{
    html_lit(h, "<option value=\"");
    html_attr(h, value);
    html_lit(h, "\"");
    if (current && !strcmp(current, value))
        html_lit(h, " selected");
    html_lit(h, ">");
    html_text(h, label);
    html_lit(h, "</option>");
}

void web_term_select(http_req *req, html *h, const char *name, const web_term *terms,
                     const char *chosen, const char *any_msgid)
{
    html_lit(h, "<select name=\"");
    html_attr(h, name);
    html_lit(h, "\">");
    if (any_msgid)
        web_option(h, "", req_tr(req, any_msgid), chosen);
    for (const web_term *t = terms; t->key; t++)
        web_option(h, t->key, req_tr(req, t->msgid), chosen);
    html_lit(h, "</select>");
}

void web_fact(html *h, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    html_lit(h, "<dt>");
    html_text(h, label);
    html_lit(h, "</dt><dd>");
    html_text(h, value);
    html_lit(h, "</dd>");
}

void web_hidden(html *h, const char *name, const char *value)
{
    html_lit(h, "<input type=\"hidden\" name=\"");
    html_attr(h, name);
    html_lit(h, "\" value=\"");
    html_attr(h, value ? value : "");
    html_lit(h, "\">");
}

const wy_error *web_refusal_of(const web_refusal *f, const char *form, int64_t id)
{
    return f && f->form && !strcmp(f->form, form) && f->id == id ? &f->e : NULL;
}

int web_refused(http_req *req, const char *form, int64_t id, web_refusal *f,
                const char *const *own_codes)
{
    wy_ctx *ctx = req_ctx(req);
    *f = (web_refusal){.form = form, .id = id, .e = ctx->err};
    int own = 0;
    for (const char *const *c = own_codes; f->e.cls == E_FORBIDDEN && f->e.code && c && *c; c++)
        own |= !strcmp(f->e.code, *c);
    if (f->e.cls != E_INVALID && f->e.cls != E_RULE && f->e.cls != E_CONFLICT && !own) {
        resp_fail(req);
        return 0;
    }
    ctx->err = (wy_error){0};
    return own ? 403 : errclass_status(f->e.cls);
}

void web_field_error(http_req *req, html *h, const wy_error *e, const char *field)
{
    if (!e || !e->field || strcmp(e->field, field))
        return;
    html_lit(h, "<p class=\"form-error field-error\" id=\"error-");
    html_attr(h, field);
    html_lit(h, "\">");
    web_t(req, h, e->message);
    html_lit(h, "</p>");
}

void web_form_error(http_req *req, html *h, const wy_error *e)
{
    if (!e || !e->cls || e->field)
        return;
    html_lit(h, "<p class=\"form-error\" role=\"alert\" id=\"form-error\" data-code=\"");
    html_attr(h, e->code ? e->code : "");
    html_lit(h, "\">");
    web_t(req, h, e->message);
    html_lit(h, "</p>");
}

const char *web_entered(http_req *req, const wy_error *e, const char *name, const char *value)
{
    return e ? req_form(req, name) : value;
}

/* aria-invalid and aria-describedby of a field its form's refusal names. */
static void invalid_attrs(html *h, const wy_error *e, const char *name)
{
    if (!e || !e->field || strcmp(e->field, name))
        return;
    html_lit(h, " aria-invalid=\"true\" aria-describedby=\"error-");
    html_attr(h, name);
    html_lit(h, "\"");
}

void web_input(http_req *req, html *h, const char *name, const char *label, const char *type,
               int maxlength, int required, const wy_error *e, const char *value)
{
    const char *v = web_entered(req, e, name, value);
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <input name=\"");
    html_attr(h, name);
    html_lit(h, "\" type=\"");
    html_attr(h, type);
    html_lit(h, "\"");
    if (maxlength > 0) {
        html_lit(h, " maxlength=\"");
        html_int(h, maxlength);
        html_lit(h, "\"");
    }
    if (!strcmp(type, "number"))
        html_lit(h, " min=\"0\" inputmode=\"numeric\"");
    if (required)
        html_lit(h, " required");
    if (v) {
        html_lit(h, " value=\"");
        html_attr(h, v);
        html_lit(h, "\"");
    }
    invalid_attrs(h, e, name);
    html_lit(h, "></label>");
    web_field_error(req, h, e, name);
}

void web_textarea(http_req *req, html *h, const char *name, const char *label, int maxlength,
                  const wy_error *e, const char *value)
{
    const char *v = web_entered(req, e, name, value);
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <textarea name=\"");
    html_attr(h, name);
    html_lit(h, "\" rows=\"3\"");
    if (maxlength > 0) {
        html_lit(h, " maxlength=\"");
        html_int(h, maxlength);
        html_lit(h, "\"");
    }
    invalid_attrs(h, e, name);
    html_lit(h, ">");
    html_text(h, v ? v : "");
    html_lit(h, "</textarea></label>");
    web_field_error(req, h, e, name);
}

void web_choice(http_req *req, html *h, const char *name, const char *label, const web_term *terms,
                const wy_error *e, const char *chosen)
{
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " ");
    web_term_select(req, h, name, terms, web_entered(req, e, name, chosen), NULL);
    html_lit(h, "</label>");
    web_field_error(req, h, e, name);
}

void web_record_select(http_req *req, html *h, const char *name, const char *label,
                       const void *records, size_t n, size_t size, size_t id_off, size_t name_off,
                       int none, const wy_error *e, int64_t chosen)
{
    const char *entered = e ? req_form(req, name) : NULL;
    int64_t want = e ? (entered && *entered ? atoll(entered) : 0) : chosen;
    html_lit(h, "<label>");
    web_t(req, h, label);
    html_lit(h, " <select name=\"");
    html_attr(h, name);
    if (none) {
        html_lit(h, "\"><option value=\"\">");
        web_t(req, h, "none");
        html_lit(h, "</option>");
    } else
        html_lit(h, "\" required>");
    for (size_t i = 0; i < n; i++) {
        const char *r = (const char *)records + i * size;
        int64_t id;
        const char *nm;
        memcpy(&id, r + id_off, sizeof id);
        memcpy(&nm, r + name_off, sizeof nm);
        html_lit(h, "<option value=\"");
        html_int(h, id);
        html_lit(h, "\"");
        if (want && want == id)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, nm ? nm : "");
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></label>");
    web_field_error(req, h, e, name);
}

void web_form_open(http_req *req, html *h, const char *id, const char *action, int multipart)
{
    html_lit(h, "<form method=\"post\" class=\"stack\" id=\"");
    html_attr(h, id);
    html_lit(h, "\" action=\"");
    html_attr(h, action);
    html_lit(h, "\"");
    if (multipart)
        html_lit(h, " enctype=\"multipart/form-data\"");
    html_lit(h, ">");
    web_csrf_field(req, h);
}

void web_submit(http_req *req, html *h, const char *msgid)
{
    html_lit(h, "<button type=\"submit\" class=\"button\">");
    web_t(req, h, msgid);
    html_lit(h, "</button>");
}

void web_button_form(http_req *req, html *h, const char *id, const char *action, const char *msgid,
                     const wy_error *e)
{
    html_lit(h, "<form method=\"post\" class=\"inline\" id=\"");
    html_attr(h, id);
    html_lit(h, "\" action=\"");
    html_attr(h, action);
    html_lit(h, "\">");
    web_csrf_field(req, h);
    web_form_error(req, h, e);
    html_lit(h, "<button type=\"submit\" class=\"danger\">");
    web_t(req, h, msgid);
    html_lit(h, "</button></form>");
}

const char *web_opt(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    return v && *v ? v : NULL;
}

int64_t web_number(http_req *req, const char *name)
{
    const char *v = req_form(req, name);
    if (!v || !*v)
        return -1;
    char *end;
    long long n = strtoll(v, &end, 10);
    return *end || n < 0 ? -2 : n;
}
