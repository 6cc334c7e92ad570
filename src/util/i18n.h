/*
 * i18n: the program's messages in Chinese (gettext, text domain "wenyun": the catalogues of
 * po/ and src/mod/<module>/po/ joined into one wenyun.mo by the build). gettext follows each
 * thread's locale (uselocale), so one process speaks both languages: a request in its
 * reader's language through req_tr (http/request.h), and what is written in Chinese whoever
 * asks for it (the annual report, Chinese first) through i18n_zh. Both use the one Chinese
 * locale loaded here, once per process and kept until it exits.
 */
#ifndef WY_I18N_H
#define WY_I18N_H

#include <locale.h>

/* Bind the text domain to locale_dir and load the Chinese locale (once). 0, or -1 when
 * zh_CN.UTF-8 is not installed: messages then stay in English. */
int i18n_init(const char *locale_dir);
/* The Chinese locale, or (locale_t)0 before i18n_init or when it is not installed. */
locale_t i18n_zh_locale(void);
/* msgid in Chinese (the catalogue's string, not to be freed), or msgid itself when there is
 * no translation or no Chinese locale. */
const char *i18n_zh(const char *msgid);

#endif
