/* Attachments in the user's own viewer (tui/viewer.h). */
#include "viewer.h"

#include <glib.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/attachment.h"
#include "tui/choices.h"
#include "tui/editor.h"
#include "tui/tui.h"

char *
viewer_size_type(const struct attachment_row *row)
{
	char *size = g_format_size((guint64)row->size);
	char *s = g_strdup_printf("%s  %s", size, row->mime);

	g_free(size);
	return s;
}

char *
viewer_label(const struct attachment_row *row)
{
	char *rest = viewer_size_type(row);
	char *label = g_strdup_printf("%s  %s", row->filename, rest);

	g_free(rest);
	return label;
}

/* The value of an environment variable, or NULL when unset or empty.
 * Read even when privileged: the program runs as the caller. */
static const char *
env_command(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* Where the viewer's command comes from, and whether it returns before it
 * is done with the file. */
struct viewer {
	const char *cmd, *setting;
	bool returns_at_once;
};

/* xdg-open needs a desktop to open on; over SSH without one it would
 * only fail, so the pager serves instead. */
static bool
desktop_open_usable(void)
{
	char *path;

	if (env_command("DISPLAY") == NULL && env_command("WAYLAND_DISPLAY") == NULL)
		return false;
	path = g_find_program_in_path("xdg-open");
	g_free(path);
	return path != NULL;
}

static struct viewer
viewer_for(const char *mime)
{
	const char *pager = env_command("PAGER");
	struct viewer pg = { pager != NULL ? pager : "less", "$PAGER", false };

	if (g_str_has_prefix(mime, "text/"))
		return pg;
	if (env_command("MADO_VIEWER") != NULL)
		return (struct viewer){ env_command("MADO_VIEWER"), "$MADO_VIEWER", false };
	if (desktop_open_usable())
		return (struct viewer){ "xdg-open", "$MADO_VIEWER", true };
	return pg;
}

/* Shows the file of data in the chosen viewer and disposes of it. */
static int
view_data(struct tui *t, const struct attachment_row *row, const void *data, size_t len,
	struct mado_err *e)
{
	/* Cleaned again: the name becomes a path, whatever wrote the row. */
	char *name = attachment_clean_name(row->filename);
	struct viewer v = viewer_for(row->mime);
	struct user_file *f = NULL;
	int st = user_file_write(name, data, len, &f, e);

	if (st == MADO_OK && (st = user_program_run(t, v.cmd, v.setting, f->path, e)) != MADO_OK)
		mado_err_prefix(e, "%s: ", name);
	if (st == MADO_OK && v.returns_at_once) {
		user_file_keep(t, f);
		tui_message(t, _("%s: opened with %s; its copy is removed when mado ends"), name,
			v.cmd);
	} else
		user_file_remove(f);
	g_free(name);
	return st;
}

int
viewer_open(struct tui *t, int64_t id, struct mado_err *e)
{
	struct attachment_row row;
	void *data = NULL;
	size_t len = 0;
	int st = attachment_read(t->db, &t->actor, id, &row, &data, &len, e);

	if (st != MADO_OK)
		return st;
	st = view_data(t, &row, data, len, e);
	attachment_row_clear(&row);
	free(data);
	return st;
}

/* ---- the picker: the owner's attachments, the chosen one viewed ---- */

static void
picked(struct tui *t, const char *value, void *ctx)
{
	struct mado_err e = { 0 };

	(void)ctx;
	if (value != NULL && viewer_open(t, g_ascii_strtoll(value, NULL, 10), &e) != MADO_OK)
		tui_error(t, &e);
}

static void
collect_choice(const struct attachment_row *row, void *ctx)
{
	char id[24], *label = viewer_label(row);

	g_snprintf(id, sizeof id, "%lld", (long long)row->id);
	choice_add(id, label, ctx);
	g_free(label);
}

void
viewer_pick(struct tui *t, const char *owner_type, int64_t owner_id, const char *name)
{
	struct choices c;
	struct mado_err e = { 0 };
	char *title;
	int st;

	choices_init(&c);
	st = attachment_list(t->db, &t->actor, owner_type, owner_id, collect_choice, &c, &e);
	if (st != MADO_OK)
		tui_error(t, &e);
	else if (c.items->len == 0)
		tui_message(t, _("%s has no attachments"), name);
	else {
		title = g_strdup_printf(_("Attachments of %s"), name);
		tui_push(t, choices_picker(t, title, &c, picked, NULL));
		g_free(title);
	}
	choices_free(&c);
}
