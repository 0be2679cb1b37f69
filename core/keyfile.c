#include "keyfile.h"

#include <glib.h>
#include <string.h>

int
keyfile_bad_line(const char *text)
{
	GKeyFile *kf = g_key_file_new();
	const char *p = text;
	int line = 1;

	for (;; line++) {
		const char *nl = strchr(p, '\n');
		gsize len = nl != NULL ? (gsize)(nl - text) + 1 : strlen(text);

		if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, NULL) || nl == NULL)
			break;
		p = nl + 1;
	}
	g_key_file_free(kf);
	return line;
}
