/* Screen-test harness, keys: a key name turned into the bytes xterm
 * sends, through libvterm so that they follow the modes the program set
 * (ncurses' keypad mode switches Up from ESC [ A to ESC O A). See vt.h. */
#include "tests/screen/vt_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one character at s; returns its length, 0 if s is empty or not
 * UTF-8 (overlong forms are not worth refusing in a test's key name). */
static size_t
utf8_decode(const char *s, uint32_t *c)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;

	if (u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] < 0xE0) {
		len = 2;
		*c = u[0] & 0x1F;
	} else if (u[0] >= 0xE0 && u[0] < 0xF0) {
		len = 3;
		*c = u[0] & 0x0F;
	} else if (u[0] >= 0xF0 && u[0] < 0xF5) {
		len = 4;
		*c = u[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		*c = *c << 6 | (u[i] & 0x3F);
	}
	return len;
}

static const struct {
	const char *name;
	VTermKey key;
} named_keys[] = {
	{ "Up", VTERM_KEY_UP }, { "Down", VTERM_KEY_DOWN },
	{ "Left", VTERM_KEY_LEFT }, { "Right", VTERM_KEY_RIGHT },
	{ "Home", VTERM_KEY_HOME }, { "End", VTERM_KEY_END },
	{ "PageUp", VTERM_KEY_PAGEUP }, { "PageDown", VTERM_KEY_PAGEDOWN },
	{ "Insert", VTERM_KEY_INS }, { "Delete", VTERM_KEY_DEL },
	{ "Enter", VTERM_KEY_ENTER }, { "Esc", VTERM_KEY_ESCAPE },
	{ "Tab", VTERM_KEY_TAB }, { "BackSpace", VTERM_KEY_BACKSPACE },
};

static VTermKey
key_by_name(const char *name)
{
	size_t i;
	char *end;
	long n;

	for (i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcmp(name, named_keys[i].name) == 0)
			return named_keys[i].key;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n <= 12)
			return VTERM_KEY_FUNCTION(n);
	}
	return VTERM_KEY_NONE;
}

static VTermModifier
modifier_of(char c)
{
	switch (c) {
	case 'C': return VTERM_MOD_CTRL;
	case 'M': return VTERM_MOD_ALT;
	case 'S': return VTERM_MOD_SHIFT;
	default: return VTERM_MOD_NONE;
	}
}

/* Consumes the "C-", "M-", "S-" prefixes of *name; "C" or "-" alone stay
 * keys. */
static VTermModifier
strip_modifiers(const char **name)
{
	VTermModifier mod = VTERM_MOD_NONE;
	const char *s = *name;

	while (s[0] != '\0' && s[1] == '-' && s[2] != '\0' && modifier_of(s[0]) != VTERM_MOD_NONE) {
		mod |= modifier_of(s[0]);
		s += 2;
	}
	*name = s;
	return mod;
}

/* What xterm sends for Ctrl with c, or -1. libvterm's own encoding would
 * send CSI u for C-i, C-j, C-m and C-[, which ncurses does not read. */
static int
control_byte(uint32_t c)
{
	if (c == '?')
		return 0x7F;
	if (c == ' ')
		return 0;
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a' + 1);
	if (c >= '@' && c <= '_')
		return (int)(c - '@');
	return -1;
}

/* One character with Ctrl and Meta (ESC first) as xterm sends them. */
static bool
key_char(struct vt *vt, const char *name, VTermModifier mod)
{
	char buf[8];
	size_t n = 0, len;
	uint32_t c;
	int ctl;

	len = utf8_decode(name, &c);
	if (len == 0 || name[len] != '\0' || (mod & VTERM_MOD_SHIFT))
		return false;
	if (mod & VTERM_MOD_ALT)
		buf[n++] = '\033';
	if (mod & VTERM_MOD_CTRL) {
		if ((ctl = control_byte(c)) < 0)
			return false;
		buf[n++] = (char)ctl;
	} else {
		/* The name is already the character in UTF-8. */
		memcpy(buf + n, name, len);
		n += len;
	}
	vt_out_append(vt, buf, n);
	return true;
}

bool
vt_key(struct vt *vt, const char *name)
{
	const char *base = name;
	VTermModifier mod = strip_modifiers(&base);
	VTermKey key = key_by_name(base);

	if (strcmp(base, "Space") == 0)
		base = " ";
	if (key != VTERM_KEY_NONE) {
		vterm_keyboard_key(vt->term, key, mod);
	} else if (!key_char(vt, base, mod)) {
		fprintf(stderr, "vt_key: unknown key '%s'\n", name);
		return false;
	}
	return vt_flush_out(vt);
}
