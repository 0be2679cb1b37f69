/* The help screen, generated from the keymap and the action registry, so
 * it always says what the keys really do. */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "tui/views.h"

struct help_view {
	GPtrArray *lines;   /* char*, owned */
	int top;
	char context[32];
};

static const char *
title(struct view *v)
{
	return _("Keys");
}

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
add_section(struct help_view *h, struct tui *t, const char *context, const char *heading)
{
	g_ptr_array_add(h->lines, g_strdup(""));
	g_ptr_array_add(h->lines, g_strdup(heading));
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *info = tui_action_info((enum tui_action)a);
		struct collect c = { context, info->name, g_string_new(NULL) };

		keymap_each(t->keymap, collect_key, &c);
		if (c.keys->len > 0) {
			char *keys = tw_fit(c.keys->str, 18, t->paint.ambi, TW_LEFT);
			char *name = tw_fit(info->name, 15, t->paint.ambi, TW_LEFT);

			g_ptr_array_add(h->lines, g_strdup_printf("  %s  %s %s", keys, name,
				_(info->summary)));
			free(keys);
			free(name);
		}
		g_string_free(c.keys, TRUE);
	}
}

static int
load(struct view *v, struct mado_err *e)
{
	struct help_view *h = v->data;

	g_ptr_array_set_size(h->lines, 0);
	g_ptr_array_add(h->lines, g_strdup(_("Keys are set in keymaps/default.keys and your own"
		" ~/.config/madoguchi/keys (bind CONTEXT KEY ACTION).")));
	add_section(h, v->tui, h->context, _("In this view:"));
	add_section(h, v->tui, "global", _("Everywhere:"));
	return MADO_OK;
}

static void
draw(struct view *v, int rows, int cols)
{
	struct help_view *h = v->data;

	for (int i = 0; i < rows; i++) {
		int n = h->top + i;

		if (n < (int)h->lines->len)
			draw_text(&v->tui->paint, 1 + i, 0, g_ptr_array_index(h->lines, n), cols,
				STYLE_NORMAL);
		else {
			move(1 + i, 0);
			clrtoeol();
		}
	}
}

static bool
act(struct view *v, enum tui_action a)
{
	struct help_view *h = v->data;
	int last = (int)h->lines->len - 1;

	switch (a) {
	case ACT_MOVE_DOWN: case ACT_SCROLL_DOWN: h->top++; break;
	case ACT_MOVE_UP: case ACT_SCROLL_UP: h->top--; break;
	case ACT_PAGE_DOWN: h->top += v->tui->rows - 4; break;
	case ACT_PAGE_UP: h->top -= v->tui->rows - 4; break;
	case ACT_FIRST: h->top = 0; break;
	case ACT_LAST: h->top = last; break;
	case ACT_HELP: return true;
	default: return false;
	}
	if (h->top > last)
		h->top = last;
	if (h->top < 0)
		h->top = 0;
	v->tui->dirty |= DIRTY_VIEW;
	return true;
}

static void
destroy(struct view *v)
{
	struct help_view *h = v->data;

	g_ptr_array_free(h->lines, TRUE);
	g_free(h);
	g_free(v);
}

static const struct view_ops help_ops = {
	.context = "detail", .title = title, .load = load, .draw = draw, .act = act,
	.destroy = destroy,
};

struct view *
view_help_new(struct tui *t, const char *context)
{
	struct help_view *h = g_new0(struct help_view, 1);

	h->lines = g_ptr_array_new_with_free_func(g_free);
	g_strlcpy(h->context, context, sizeof h->context);
	return view_new(t, &help_ops, h);
}
