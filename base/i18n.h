/* gettext for every string a user sees. The catalogs live in share/po. */
#ifndef MADO_I18N_H
#define MADO_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Sets the locale from the environment and binds the catalog. lang ("ja",
 * "en" or NULL for the environment's choice) overrides LANG, as --lang does.
 * Falls back to C.UTF-8 when the environment names a locale that is not
 * installed, so Japanese text still works on a bare machine. */
void mado_i18n_init(const char *lang);

/* "ja" or "en": the language messages are shown in, for data that has
 * labels in both (statuses, masters). */
const char *mado_i18n_lang(void);

#endif
