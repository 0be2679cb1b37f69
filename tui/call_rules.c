#include "call_rules.h"

#include "base/i18n.h"
#include "core/config_rules.h"
#include "tui/textarea.h"

/* Each text: core's name of the field the rules know it by, and the
 * short name the list under the fields gives it. */
static const struct {
	const char *field, *name;
} texts[CALL_TEXTS] = {
	[CALL_INQUIRY] = { "inquiry_text", N_("Inquiry") },
	[CALL_RESPONSE] = { "response_text", N_("Response") },
};

void
call_rules_load(struct call_rules *cr, struct tui *t)
{
	struct mado_err e = { 0 };

	if (config_writing_rules(t->cfg, &cr->rules, &e) != MADO_OK) {
		mado_err_prefix(&e, _("writing rules not applied: "));
		tui_error(t, &e);
	}
}

void
call_rules_free(struct call_rules *cr)
{
	for (int i = 0; i < CALL_TEXTS; i++)
		if (cr->found[i] != NULL)
			g_array_unref(cr->found[i]);
	writing_rules_free(cr->rules);
}

void
call_rules_recheck(struct call_rules *cr, enum call_text which, const char *text,
	bool saving)
{
	if (text == NULL)
		text = "";
	if (cr->found[which] != NULL)
		g_array_unref(cr->found[which]);
	cr->found[which] = NULL;
	if (*text != '\0' || saving)
		cr->found[which] = writing_rules_check(cr->rules, texts[which].field, text,
			mado_i18n_lang());
}

int
call_rules_count(const struct call_rules *cr)
{
	int n = 0;

	for (int i = 0; i < CALL_TEXTS; i++)
		if (cr->found[i] != NULL)
			n += wr_count(cr->found[i], WR_CHECK, WR_WARNING);
	return n;
}

/* A finding as the operator reads it: marked by words, not colour only. */
static char *
finding_line(const struct wr_finding *f)
{
	char *said, *line;

	if (f->kind == WR_HINT)
		return g_strdup_printf(_("Hint: %s"), f->message);
	said = wr_finding_text(f);
	line = g_strdup_printf(f->severity == WR_ERROR ? _("Error: %s") : _("Check: %s"), said);
	g_free(said);
	return line;
}

static enum draw_style
finding_style(const struct wr_finding *f)
{
	return f->kind == WR_HINT ? STYLE_NOTE : f->severity == WR_ERROR ? STYLE_ERROR
		: STYLE_EMPHASIS;
}

void
call_rules_notes(const struct call_rules *cr, enum call_text which, const char *text,
	GArray *notes)
{
	GArray *found = writing_rules_check(cr->rules, texts[which].field, text,
		mado_i18n_lang());

	for (int hints = 0; hints <= 1; hints++)
		for (guint i = 0; i < found->len; i++) {
			const struct wr_finding *f = &g_array_index(found, struct wr_finding, i);
			struct textarea_note note;

			if ((f->kind == WR_HINT) != hints || (!hints && *text == '\0'))
				continue;
			note.text = finding_line(f);
			note.style = finding_style(f);
			g_array_append_val(notes, note);
		}
	g_array_unref(found);
}

int
call_rules_draw(const struct call_rules *cr, const struct painter *p, int y, int rows,
	int cols)
{
	int total = call_rules_count(cr), shown = 0;
	char *s;

	if (total == 0 || y + 2 > rows)
		return y;
	draw_text(p, y++, 0, "", cols, STYLE_NORMAL);
	s = g_strdup_printf(_("Writing checks (%d): fix them, or save as they are"), total);
	draw_text(p, y++, 0, s, cols, STYLE_EMPHASIS);
	g_free(s);
	for (int t = 0; t < CALL_TEXTS; t++)
		for (guint i = 0; cr->found[t] != NULL && i < cr->found[t]->len; i++) {
			const struct wr_finding *f = &g_array_index(cr->found[t], struct wr_finding, i);
			char *line;

			if (f->kind != WR_CHECK || y > rows)
				continue;
			if (y == rows && shown + 1 < total) {
				s = g_strdup_printf(_("… and %d more"), total - shown);
				draw_text(p, y++, 0, s, cols, STYLE_NOTE);
				g_free(s);
				continue;
			}
			line = finding_line(f);
			s = g_strdup_printf("%s: %s", _(texts[t].name), line);
			draw_text(p, y++, 0, s, cols, finding_style(f));
			g_free(s);
			g_free(line);
			shown++;
		}
	return y;
}
