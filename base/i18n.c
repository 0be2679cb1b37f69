#include "i18n.h"
#include "env.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#ifndef MADO_LOCALEDIR
#define MADO_LOCALEDIR "/usr/local/share/locale"
#endif

/* "ja_JP.UTF-8" -> "ja": the language part of a locale name. */
static void
language_of(const char *locale, char *out, size_t outsz)
{
	size_t n = strcspn(locale, "_.@");

	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, locale, n);
	out[n] = '\0';
}

void
mado_i18n_init(const char *lang)
{
	const char *dir = mado_env_trusted("MADO_LOCALEDIR");
	char want[16] = "";

	if (lang != NULL && *lang != '\0')
		language_of(lang, want, sizeof want);
	if (setlocale(LC_ALL, "") == NULL) {
		/* The named locale is not installed: keep its language for the
		 * catalogs but use C.UTF-8 for character handling. */
		const char *env = getenv("LC_ALL");

		if (env == NULL || *env == '\0')
			env = getenv("LC_MESSAGES");
		if (env == NULL || *env == '\0')
			env = getenv("LANG");
		if (want[0] == '\0' && env != NULL)
			language_of(env, want, sizeof want);
		setlocale(LC_ALL, "C.UTF-8");
	}
	if (want[0] != '\0')
		setenv("LANGUAGE", want, 1);
	bindtextdomain("madoguchi", dir != NULL ? dir : MADO_LOCALEDIR);
	bind_textdomain_codeset("madoguchi", "UTF-8");
	textdomain("madoguchi");
}

const char *
mado_i18n_lang(void)
{
	/* TRANSLATORS: the code of this catalog's language: "ja" or "en". */
	const char *l = _("language-code:en");

	return strcmp(l, "language-code:ja") == 0 ? "ja" : "en";
}
