/* The help screen, generated from the keymap and the action registry, so
 * it always says what the keys really do. It is a page (tui/page.h):
 * wrapped to the width and scrolled like any record's. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "tui/page.h"
#include "tui/views.h"

struct collect {
	const char *context, *action;
	GString *keys;
};

static void
collect_key(const char *context, uint32_t key, const char *action, void *p)
{
	struct collect *c = p;
	char name[32];

	if (strcmp(context, c->context) == 0 && strcmp(action, c->action) == 0)
		g_string_append_printf(c->keys, "%s%s", c->keys->len ? ", " : "",
			keymap_key_name(key, name, sizeof name));
}

/* One line per action bound in exactly this context, in registry order. */
static void
add_section(struct page *p, struct tui *t, const char *context, const char *heading)
{
	page_heading(p, heading);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *info = tui_action_info((enum tui_action)a);
		struct collect c = { context, info->name, g_string_new(NULL) };

		keymap_each(t->keymap, collect_key, &c);
		if (c.keys->len > 0) {
			char *keys = tw_fit(c.keys->str, 18, t->paint.ambi, TW_LEFT);
			char *name = tw_fit(info->name, 15, t->paint.ambi, TW_LEFT);
			char *line = g_strdup_printf("%s  %s %s", keys, name, _(info->summary));

			page_text(p, line);
			g_free(line);
			free(keys);
			free(name);
		}
		g_string_free(c.keys, TRUE);
	}
}

/* ctx is the keymap context of the view the help is about. */
static int
fill_help(struct tui *t, void *ctx, bool first, struct page *p, char *title, size_t title_size,
	struct mado_err *e)
{
	g_strlcpy(title, _("Keys"), title_size);
	page_text(p, _("Keys are set in keymaps/default.keys and your own"
		" ~/.config/madoguchi/keys (bind CONTEXT KEY ACTION)."));
	add_section(p, t, ctx, _("In this view:"));
	add_section(p, t, "global", _("Everywhere:"));
	return MADO_OK;
}

struct view *
view_help_new(struct tui *t, const char *context)
{
	/* Asked for on the help itself: it is already shown. */
	if (page_view_fill(tui_top(t)) == fill_help)
		return NULL;
	return page_view_new(t, fill_help, g_strdup(context));
}
