/* Keymaps: parsing, lookups with the global fallback, overriding by a
 * later file, errors with file:line, and the shipped keymaps. */
#include <glib.h>
#include <stdlib.h>

#include "base/env.h"
#include "keymaps/keymap.h"
#include "tests/tap.h"

static void
test_keys(void)
{
	char buf[32];

	is_int(keymap_key_parse("q"), 'q', "a letter");
	is_int(keymap_key_parse("あ"), 0x3042, "a Japanese character");
	is_int(keymap_key_parse("C-l"), 12, "a control key");
	is_int(keymap_key_parse("<PageDown>"), MK_PAGEDOWN, "a named key");
	is_int(keymap_key_parse("<pagedown>"), MK_PAGEDOWN, "names ignore case");
	is_int(keymap_key_parse("<Space>"), ' ', "space");
	is_int(keymap_key_parse("<Nope>"), 0, "unknown name");
	is_int(keymap_key_parse("ab"), 0, "two characters are no key");
	is_str(keymap_key_name(MK_F1, buf, sizeof buf), "<F1>", "name of F1");
	is_str(keymap_key_name(12, buf, sizeof buf), "C-l", "name of C-l");
	is_str(keymap_key_name(0x3042, buf, sizeof buf), "あ", "name of あ");
}

static void
test_bindings(void)
{
	struct keymap *km = keymap_new();
	struct mado_err e = { 0 };
	char *keys;

	is_int(keymap_parse(km, "# c\nbind global q quit\nbind list j move-down\n"
		"bind list <Down> move-down\n", "a.keys", &e), MADO_OK, "parse");
	is_str(keymap_lookup(km, "list", 'j'), "move-down", "context binding");
	is_str(keymap_lookup(km, "list", 'q'), "quit", "falls back to global");
	ok(keymap_lookup(km, "detail", 'j') == NULL, "not bound elsewhere");
	keys = keymap_keys_for(km, "list", "move-down");
	is_str(keys, "j, <Down>", "keys for an action, for help");
	free(keys);
	is_int(keymap_parse(km, "bind list q back\nunbind list j\n", "user.keys", &e), MADO_OK,
		"a later file");
	is_str(keymap_lookup(km, "list", 'q'), "back", "overrides");
	ok(keymap_lookup(km, "list", 'j') == NULL, "unbind removes");
	keys = keymap_keys_for(km, "list", "quit");
	is_str(keys, "", "a global key the context rebinds does not count");
	free(keys);
	is_int(keymap_parse(km, "bind list\nbind list x ok\nbind list <Bad> x\n", "bad.keys", &e),
		MADO_EDATA, "errors");
	is_str(e.msg, "bad.keys:1: bind needs CONTEXT KEY ACTION", "first error with file and line");
	is_str(keymap_lookup(km, "list", 'x'), "ok", "good lines still apply");
	is_int(keymap_parse(km, "bind list y Bad_Action!\n", "b.keys", &e), MADO_EDATA,
		"bad action name");
	keymap_free(km);
}

static void
test_shipped(void)
{
	const char *files[] = { "default.keys", "vi.keys" };
	struct keymap *km = keymap_new();

	for (int i = 0; i < 2; i++) {
		struct mado_err e = { 0 };
		char *path = g_build_filename(mado_sharedir(), "keymaps", files[i], NULL);

		is_int(keymap_load(km, path, &e), MADO_OK, "%s loads (%s)", files[i], e.msg);
		g_free(path);
	}
	is_str(keymap_lookup(km, "list", 'j'), "move-down", "vi keys on top of the defaults");
	is_str(keymap_lookup(km, "list", MK_DOWN), "move-down", "arrows still work");
	is_str(keymap_lookup(km, "detail", '1'), "view-inquiries", "views from anywhere");
	keymap_free(km);
}

int
main(void)
{
	test_keys();
	test_bindings();
	test_shipped();
	return tap_done();
}
