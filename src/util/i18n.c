/* i18n: messages in Chinese outside a request (i18n.h). */
#include "util/i18n.h"

#include <libintl.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static locale_t zh;

static void load_zh(void)
{
    static const char *const names[] = {"zh_CN.UTF-8", "zh_CN.utf8", "zh_CN", NULL};
    for (int i = 0; names[i] && !zh; i++)
        zh = newlocale(LC_MESSAGES_MASK, names[i], (locale_t)0);
}

int i18n_init(const char *locale_dir)
{
    /* LANGUAGE would override every locale's choice of catalogue */
    unsetenv("LANGUAGE");
    bindtextdomain("wenyun", locale_dir);
    bind_textdomain_codeset("wenyun", "UTF-8");
    pthread_once(&once, load_zh);
    return zh ? 0 : -1;
}

locale_t i18n_zh_locale(void)
{
    return zh;
}

const char *i18n_zh(const char *msgid)
{
    if (!zh || !msgid || !*msgid)
        return msgid;
    locale_t old = uselocale(zh);
    const char *s = dgettext("wenyun", msgid);
    uselocale(old);
    return s;
}
