#include "keymap.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

#include "base/i18n.h"

struct binding {
	char *context;
	uint32_t key;
	char *action;
};

struct keymap {
	GArray *bindings; /* struct binding, in the order read; later wins */
};

static const char *const named[] = {
	"Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Enter", "Esc",
	"Tab", "BackTab", "Backspace", "Delete", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
	"F8", "F9", "F10", "F11", "F12",
};

static void
binding_clear(gpointer p)
{
	struct binding *b = p;

	g_free(b->context);
	g_free(b->action);
}

struct keymap *
keymap_new(void)
{
	struct keymap *km = g_new0(struct keymap, 1);

	km->bindings = g_array_new(FALSE, TRUE, sizeof(struct binding));
	g_array_set_clear_func(km->bindings, binding_clear);
	return km;
}

void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	g_array_free(km->bindings, TRUE);
	g_free(km);
}

uint32_t
keymap_key_parse(const char *text)
{
	size_t len = strlen(text);

	if (len > 2 && text[0] == '<' && text[len - 1] == '>') {
		if (len == 7 && g_ascii_strncasecmp(text + 1, "Space", 5) == 0)
			return ' ';
		for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
			if (strlen(named[i]) == len - 2 &&
			    g_ascii_strncasecmp(text + 1, named[i], len - 2) == 0)
				return KEY_NAMED_BASE + (uint32_t)i;
		return 0;
	}
	if (len == 3 && text[0] == 'C' && text[1] == '-' && g_ascii_isalpha(text[2]))
		return (uint32_t)(g_ascii_tolower(text[2]) - 'a' + 1);
	if (g_utf8_validate(text, -1, NULL) && g_utf8_strlen(text, -1) == 1) {
		gunichar c = g_utf8_get_char(text);

		return g_unichar_isprint(c) ? c : 0;
	}
	return 0;
}

const char *
keymap_key_name(uint32_t key, char *buf, int n)
{
	if (key >= KEY_NAMED_BASE && key < MK_NAMED_END)
		g_snprintf(buf, (gulong)n, "<%s>", named[key - KEY_NAMED_BASE]);
	else if (key == ' ')
		g_snprintf(buf, (gulong)n, "<Space>");
	else if (key >= 1 && key <= 26)
		g_snprintf(buf, (gulong)n, "C-%c", (char)('a' + key - 1));
	else {
		char utf8[8] = "";

		g_unichar_to_utf8(key, utf8);
		g_snprintf(buf, (gulong)n, "%s", utf8);
	}
	return buf;
}

/* Splits a line into at most max words at blanks; returns the count. */
static int
split(char *line, char **w, int max)
{
	char *save = NULL;
	int n = 0;

	for (char *p = strtok_r(line, " \t\r", &save); p != NULL && n < max;
	     p = strtok_r(NULL, " \t\r", &save))
		w[n++] = p;
	return n;
}

static bool
valid_name(const char *s)
{
	return *s != '\0' && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(s);
}

static void
set_binding(struct keymap *km, const char *context, uint32_t key, const char *action)
{
	/* Remove an earlier binding of this key so lookups and help agree. */
	for (guint i = 0; i < km->bindings->len; i++) {
		struct binding *b = &g_array_index(km->bindings, struct binding, i);

		if (b->key == key && strcmp(b->context, context) == 0) {
			g_array_remove_index(km->bindings, i);
			break;
		}
	}
	if (action != NULL) {
		struct binding b = { g_strdup(context), key, g_strdup(action) };

		g_array_append_val(km->bindings, b);
	}
}

static int
parse_line(struct keymap *km, char *line, struct mado_err *e)
{
	char *w[5];
	int n;
	uint32_t key;

	line[strcspn(line, "#")] = '\0';
	n = split(line, w, 5);
	if (n == 0)
		return MADO_OK;
	if (strcmp(w[0], "bind") != 0 && strcmp(w[0], "unbind") != 0)
		return mado_err_set(e, MADO_EDATA, _("expected 'bind' or 'unbind', not '%s'"), w[0]);
	if (n != (strcmp(w[0], "bind") == 0 ? 4 : 3))
		return mado_err_set(e, MADO_EDATA, strcmp(w[0], "bind") == 0
			? _("bind needs CONTEXT KEY ACTION") : _("unbind needs CONTEXT KEY"));
	if (!valid_name(w[1]))
		return mado_err_set(e, MADO_EDATA, _("'%s' is not a context name"), w[1]);
	if ((key = keymap_key_parse(w[2])) == 0)
		return mado_err_set(e, MADO_EDATA, _("'%s' is not a key (a character, C-x or <Name>)"),
			w[2]);
	if (n == 4 && !valid_name(w[3]))
		return mado_err_set(e, MADO_EDATA, _("'%s' is not an action name"), w[3]);
	set_binding(km, w[1], key, n == 4 ? w[3] : NULL);
	return MADO_OK;
}

int
keymap_parse(struct keymap *km, const char *text, const char *name, struct mado_err *e)
{
	char **lines = g_strsplit(text, "\n", -1);
	int first = MADO_OK;

	for (int i = 0; lines[i] != NULL; i++) {
		struct mado_err le = { 0 };

		if (parse_line(km, lines[i], &le) != MADO_OK && first == MADO_OK) {
			first = le.status;
			mado_err_set(e, le.status, "%s:%d: %s", name, i + 1, le.msg);
		}
	}
	g_strfreev(lines);
	return first;
}

int
keymap_load(struct keymap *km, const char *path, struct mado_err *e)
{
	char *text = NULL;
	GError *gerr = NULL;
	int st;

	if (!g_file_get_contents(path, &text, NULL, &gerr)) {
		st = mado_err_set(e, g_error_matches(gerr, G_FILE_ERROR, G_FILE_ERROR_NOENT)
			? MADO_ENOTFOUND : MADO_EIO, "%s", gerr->message);
		g_error_free(gerr);
		return st;
	}
	st = keymap_parse(km, text, path, e);
	g_free(text);
	return st;
}

static const struct binding *
find(const struct keymap *km, const char *context, uint32_t key)
{
	for (guint i = 0; i < km->bindings->len; i++) {
		const struct binding *b = &g_array_index(km->bindings, struct binding, i);

		if (b->key == key && strcmp(b->context, context) == 0)
			return b;
	}
	return NULL;
}

const char *
keymap_lookup(const struct keymap *km, const char *context, uint32_t key)
{
	const struct binding *b = context != NULL ? find(km, context, key) : NULL;

	if (b == NULL)
		b = find(km, "global", key);
	return b != NULL ? b->action : NULL;
}

void
keymap_each(const struct keymap *km, keymap_fn fn, void *ctx)
{
	for (guint i = 0; i < km->bindings->len; i++) {
		const struct binding *b = &g_array_index(km->bindings, struct binding, i);

		fn(b->context, b->key, b->action, ctx);
	}
}

char *
keymap_keys_for(const struct keymap *km, const char *context, const char *action)
{
	GString *out = g_string_new(NULL);
	char name[32];
	char *s;

	for (guint i = 0; i < km->bindings->len; i++) {
		const struct binding *b = &g_array_index(km->bindings, struct binding, i);

		if (strcmp(b->action, action) != 0 ||
		    (strcmp(b->context, "global") != 0 && g_strcmp0(b->context, context) != 0))
			continue;
		/* A key that the context rebinds does not reach the global action. */
		if (strcmp(b->context, "global") == 0 && context != NULL &&
		    find(km, context, b->key) != NULL)
			continue;
		g_string_append_printf(out, "%s%s", out->len ? ", " : "",
			keymap_key_name(b->key, name, sizeof name));
	}
	s = strdup(out->str);
	g_string_free(out, TRUE);
	return s;
}
