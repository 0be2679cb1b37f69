/* The user's own settings for the full-screen client, in a GLib key file
 * of their own, $XDG_CONFIG_HOME/madoguchi/mado.conf (by default
 * ~/.config/madoguchi/mado.conf):
 *
 *   [client]
 *   ambiwidth = 1 | 2      cells of East Asian ambiguous characters (○ ※ ① ─),
 *                          since Japanese terminals differ
 *   keymap = default | vi  vi adds keymaps/vi.keys to the default keys
 *   lang = ja | en         the screen's language, over LANG
 *   charts = blocks | ascii
 *                          how the dashboard draws bars and sparklines:
 *                          block characters (▏▎▍▌▋▊▉█ ▁▂▃▄▅▆▇█), or ASCII
 *                          (# and .:-=+*#); unset: blocks when the locale
 *                          is UTF-8, else ASCII
 *
 * The command line's --ambiwidth and --lang win over the file. Parsing
 * only: reading the file with the caller's rights is the caller's job. */
#ifndef MADO_USERCFG_H
#define MADO_USERCFG_H

#include "base/err.h"

enum usercfg_charts { CHARTS_UNSET = 0, CHARTS_BLOCKS, CHARTS_ASCII };

struct usercfg {
	int ambi;        /* TW_AMBI_NARROW or TW_AMBI_WIDE; 0 when not set */
	enum usercfg_charts charts;
	char *keymap;    /* "default" or "vi"; NULL when not set */
	char *lang;      /* "ja" or "en"; NULL when not set */
};

/* The file's path. Newly allocated; caller frees with g_free(). */
char *usercfg_path(void);

/* Reads path into u (cleared first). A missing file is no error: u stays
 * empty. Every valid setting is kept even when another is wrong, so that
 * one slip does not lose the rest; the first problem is returned as
 * MADO_ECONFIG with "file:line: ..." for a line that is not key-file
 * syntax, or "file: [client] key: ..." for a bad value, a setting or a
 * section that does not exist. Free u with usercfg_free() either way. */
int usercfg_load(struct usercfg *u, const char *path, struct mado_err *e);
void usercfg_free(struct usercfg *u);

#endif
