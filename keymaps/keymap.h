/* Keys are data: a keymap binds key names to action names per context,
 * read from files in the user's own language:
 *
 *   # comment
 *   bind CONTEXT KEY ACTION
 *
 * CONTEXT is "global" or a view's context ("list", "detail", ...); KEY is
 * a printable character (any Unicode, so ｑ or あ work), C-x for a control
 * key, or a name in angle brackets (<Up> <Down> <Left> <Right> <PageUp>
 * <PageDown> <Home> <End> <Enter> <Esc> <Tab> <BackTab> <Backspace>
 * <Delete> <Space> <F1>..<F12>); ACTION is a name the client knows. The
 * shipped default keymap is a file read by the same loader as the user's,
 * which is read after it and overrides it ("unbind CONTEXT KEY" removes a
 * binding). This layer knows no curses: keys are code points, and named
 * keys are code points above Unicode (KEY_NAMED_BASE + n). */
#ifndef MADO_KEYMAP_H
#define MADO_KEYMAP_H

#include <stdint.h>

#include "base/err.h"

enum {
	KEY_NAMED_BASE = 0x110000,
	MK_UP = KEY_NAMED_BASE, MK_DOWN, MK_LEFT, MK_RIGHT, MK_PAGEUP, MK_PAGEDOWN,
	MK_HOME, MK_END, MK_ENTER, MK_ESC, MK_TAB, MK_BACKTAB, MK_BACKSPACE, MK_DELETE,
	MK_F1, MK_F2, MK_F3, MK_F4, MK_F5, MK_F6, MK_F7, MK_F8, MK_F9, MK_F10, MK_F11, MK_F12,
	MK_NAMED_END,
};

struct keymap;

struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/* Reads bindings from text; errors name "name:line: ...". Every line is
 * checked; the first error is returned and later lines still apply. */
int keymap_parse(struct keymap *km, const char *text, const char *name, struct mado_err *e);
/* Reads a file; a missing file is MADO_ENOTFOUND (callers decide whether
 * that matters: the user's file is optional). */
int keymap_load(struct keymap *km, const char *path, struct mado_err *e);

/* The action bound to key in context, falling back to "global"; NULL if
 * none. The string belongs to the keymap. */
const char *keymap_lookup(const struct keymap *km, const char *context, uint32_t key);

/* Calls fn for every binding, in file order (context, key, action), for
 * help screens generated from the keymap. */
typedef void (*keymap_fn)(const char *context, uint32_t key, const char *action, void *ctx);
void keymap_each(const struct keymap *km, keymap_fn fn, void *ctx);

/* The keys bound to action in context (or global) as text ("j, <Down>"),
 * newly allocated; caller frees. "" when unbound. */
char *keymap_keys_for(const struct keymap *km, const char *context, const char *action);

/* "<PageDown>" / "C-x" / "q" for a key; writes into buf. */
const char *keymap_key_name(uint32_t key, char *buf, int n);
/* The key named by text, or 0 when the name is not a key. */
uint32_t keymap_key_parse(const char *text);

#endif
