/* The user's client settings (core/usercfg.h): each value, a missing
 * file, and every kind of mistake reported with where it is, without
 * losing the settings that are right. */
#include "tests/tap.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/textwidth.h"
#include "core/usercfg.h"

int main(void);

struct fixture {
	char *dir, *path;
};

/* Writes text as the file and reads it back. */
static int
load(struct fixture *f, const char *text, struct usercfg *u, struct mado_err *e)
{
	if (!g_file_set_contents(f->path, text, -1, NULL))
		abort();
	return usercfg_load(u, f->path, e);
}

static bool
starts(const char *msg, const char *path, const char *rest)
{
	char *want = g_strconcat(path, rest, NULL);
	bool yes = g_str_has_prefix(msg, want);

	if (!yes)
		printf("#   got  [%s]\n#   want [%s...]\n", msg, want);
	g_free(want);
	return yes;
}

static void
test_values(struct fixture *f)
{
	struct usercfg u;
	struct mado_err e;

	is_int(usercfg_load(&u, f->path, &e), MADO_OK, "a missing file is no error");
	ok(u.ambi == 0 && u.keymap == NULL && u.lang == NULL && u.charts == CHARTS_UNSET,
		"and sets nothing");

	is_int(load(f, "# mine\n[client]\nambiwidth = 2\nkeymap=vi\nlang = ja\ncharts = ascii\n",
		&u, &e), MADO_OK, "all four settings");
	is_int(u.ambi, TW_AMBI_WIDE, "ambiwidth=2 is wide");
	is_str(u.keymap, "vi", "keymap=vi");
	is_str(u.lang, "ja", "lang=ja");
	is_int(u.charts, CHARTS_ASCII, "charts=ascii");
	usercfg_free(&u);

	is_int(load(f, "[client]\nambiwidth=1\nkeymap=default\nlang=en\ncharts=blocks\n", &u, &e),
		MADO_OK, "the other values");
	ok(u.ambi == TW_AMBI_NARROW && strcmp(u.keymap, "default") == 0 &&
		strcmp(u.lang, "en") == 0 && u.charts == CHARTS_BLOCKS,
		"ambiwidth=1, keymap=default, lang=en, charts=blocks");
	usercfg_free(&u);

	is_int(load(f, "", &u, &e), MADO_OK, "an empty file");
	ok(u.ambi == 0 && u.keymap == NULL, "sets nothing");
	usercfg_free(&u);
}

static void
test_mistakes(struct fixture *f)
{
	struct usercfg u;
	struct mado_err e;

	is_int(load(f, "[client]\nambiwidth=3\nkeymap=vi\n", &u, &e), MADO_ECONFIG,
		"ambiwidth=3 is refused");
	ok(starts(e.msg, f->path, ": [client] ambiwidth: must be 1 or 2, not '3'"),
		"file: [client] key: and the values allowed");
	is_str(u.keymap, "vi", "the valid setting beside it is kept");
	ok(u.ambi == 0, "the bad one is not");
	usercfg_free(&u);

	is_int(load(f, "[client]\ncharts=pretty\n", &u, &e), MADO_ECONFIG, "charts=pretty");
	ok(starts(e.msg, f->path, ": [client] charts: must be blocks or ascii, not 'pretty'"),
		"names the values allowed");
	ok(u.charts == CHARTS_UNSET, "and is not kept");
	usercfg_free(&u);

	is_int(load(f, "[client]\nlang=fr\nkeymap=emacs\n", &u, &e), MADO_ECONFIG,
		"two bad values");
	ok(strstr(e.msg, "lang") != NULL && strstr(e.msg, "keymap") == NULL,
		"the first one is reported");
	usercfg_free(&u);

	is_int(load(f, "[client]\nambiwidth=2\nthis is not a setting\n", &u, &e), MADO_ECONFIG,
		"a line that is not key-file syntax");
	ok(starts(e.msg, f->path, ":3: "), "file:line: names line 3");
	usercfg_free(&u);

	is_int(load(f, "lang=ja\n[client]\n", &u, &e), MADO_ECONFIG, "a setting before any section");
	ok(starts(e.msg, f->path, ":1: "), "is reported at line 1");
	usercfg_free(&u);

	is_int(load(f, "[client]\nambiwdth=2\nlang=en\n", &u, &e), MADO_ECONFIG,
		"a misspelt setting");
	ok(starts(e.msg, f->path, ": [client] ambiwdth: no such setting"), "is named");
	is_str(u.lang, "en", "and the rest is read");
	usercfg_free(&u);

	is_int(load(f, "[cilent]\nlang=en\n", &u, &e), MADO_ECONFIG, "a misspelt section");
	ok(starts(e.msg, f->path, ": [cilent]: no such section"), "is named");
	usercfg_free(&u);

	g_chmod(f->path, 0);
	if (access(f->path, R_OK) == 0)
		tap_skip("running as root: an unreadable file cannot be made");
	else {
		is_int(usercfg_load(&u, f->path, &e), MADO_ECONFIG, "an unreadable file is an error");
		usercfg_free(&u);
	}
	g_chmod(f->path, 0600);
}

static void
test_path(const char *dir)
{
	char *want = g_build_filename(dir, "madoguchi", "mado.conf", NULL);
	char *path = usercfg_path();

	is_str(path, want, "the file is under XDG_CONFIG_HOME");
	g_free(path);
	g_free(want);
}

int
main(void)
{
	struct fixture f;

	f.dir = g_dir_make_tmp("mado-usercfg-XXXXXX", NULL);
	if (f.dir == NULL)
		return 1;
	g_setenv("XDG_CONFIG_HOME", f.dir, TRUE);
	f.path = g_build_filename(f.dir, "mado.conf", NULL);
	test_path(f.dir);
	test_values(&f);
	test_mistakes(&f);
	g_unlink(f.path);
	g_rmdir(f.dir);
	g_free(f.path);
	g_free(f.dir);
	return tap_done();
}
