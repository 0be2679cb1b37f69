/* Recording a call as it happens (issue 6): the receipt id and a running
 * timer (talk time until the call ends, then the after-call work until
 * the record is saved), and the fields the operator fills in while
 * talking. Core checks everything on save (core/calllog_record.h); its
 * refusals name a field and are shown next to it. The writing rules
 * guide 受付内容 and 対応内容 (tui/call_rules.h): their hints and findings
 * under the text while it is written, the findings below the fields once
 * it is, all of them again when the call is saved. */
#include <glib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "core/calllog.h"
#include "core/calllog_record.h"
#include "core/master.h"
#include "tui/call_rules.h"
#include "tui/choices.h"
#include "tui/textarea.h"
#include "tui/view_search.h"
#include "tui/views.h"

enum { LABEL_CELLS = 32, TIMER_MS = 1000 };

enum call_field {
	F_CONTACT_TYPE, F_DEPARTMENT, F_OUTCOME, F_CATEGORY, F_INQUIRY, F_RESPONSE,
	F_TRANSFER, F_FAQ, NFIELDS
};

/* What each row is: its label, core's name of it (the prefix of a
 * refusal) and the master its picker offers (NULL: text or FAQ). */
static const struct {
	const char *label, *core_name, *master;
} fields[NFIELDS] = {
	[F_CONTACT_TYPE] = { N_("Contact type (受付区分)"), "contact_type", "contact_type" },
	[F_DEPARTMENT] = { N_("Department (問い合わせ受付区分)"), "department", "department" },
	[F_OUTCOME] = { N_("Outcome (対応区分)"), "outcome", "outcome" },
	[F_CATEGORY] = { N_("Category (カテゴリー)"), "category", "category" },
	[F_INQUIRY] = { N_("Inquiry (受付内容)"), "inquiry_text", NULL },
	[F_RESPONSE] = { N_("Response (対応内容)"), "response_text", NULL },
	[F_TRANSFER] = { N_("Transferred to (転送先)"), "transfer_to", "phonebook" },
	[F_FAQ] = { N_("FAQ used (利用FAQ)"), "faq", NULL },
};

struct call_view {
	struct tui *tui;
	int64_t id;
	char receipt[CALLLOG_RECEIPT_MAX];
	int64_t started_at, ended_at;  /* wall-clock seconds; ended 0 while talking */
	bool saved;                    /* 後処理終了 recorded: the timer stops */
	char *value[NFIELDS];          /* codes and texts; NULL until chosen */
	char *shown[NFIELDS];          /* the chosen master row's name */
	int64_t faq[CALLLOG_FAQ_MAX];
	int nfaq;
	int sel;
	int problem_field;             /* where core's refusal shows, or -1 */
	char *problem;
	struct call_rules rules;       /* the writing rules and the texts' findings */
	char title_buf[96];
};

/* A dialog's ctx: which field of which call view answers, and for a
 * picker the choices it showed (to keep the chosen code's name). */
struct call_answer {
	struct call_view *cv;
	int field;
	struct choices choices;
};

static void
field_changed(struct call_view *cv, int f)
{
	cv->saved = false;
	/* A refusal about this field no longer holds once it changed. */
	if (f == cv->problem_field) {
		g_clear_pointer(&cv->problem, g_free);
		cv->problem_field = -1;
	}
	cv->tui->dirty |= DIRTY_VIEW;
}

/* The text the writing rules know field f as, or -1 for the others. */
static int
text_of(int f)
{
	return f == F_INQUIRY ? CALL_INQUIRY : f == F_RESPONSE ? CALL_RESPONSE : -1;
}

static void
set_field(struct call_view *cv, int f, const char *value, const char *shown)
{
	g_free(cv->value[f]);
	g_free(cv->shown[f]);
	cv->value[f] = g_strdup(value);
	cv->shown[f] = g_strdup(shown);
	if (text_of(f) >= 0)
		call_rules_recheck(&cv->rules, (enum call_text)text_of(f), value, false);
	field_changed(cv, f);
}

/* ---- the timer ---- */

static void
mmss(int64_t secs, char *buf, size_t size)
{
	secs = MAX(secs, 0);
	g_snprintf(buf, size, "%02lld:%02lld", (long long)(secs / 60), (long long)(secs % 60));
}

static void
tick(struct view *v)
{
	struct call_view *cv = v->data;

	if (cv->saved)
		return;
	v->tui->dirty |= DIRTY_VIEW;
	tui_after(v->tui, TIMER_MS);
}

/* ---- choosing and writing ---- */

static struct call_answer *
answer_for(struct call_view *cv)
{
	struct call_answer *a = g_new0(struct call_answer, 1);

	a->cv = cv;
	a->field = cv->sel;
	choices_init(&a->choices);
	return a;
}

static void
answer_free(struct call_answer *a)
{
	choices_free(&a->choices);
	g_free(a);
}

static void
written(struct tui *t, const char *text, void *ctx)
{
	struct call_answer *a = ctx;

	(void)t;
	if (text != NULL)
		set_field(a->cv, a->field, text, NULL);
	answer_free(a);
}

/* The name of the chosen code, looked up among the choices shown. */
static const char *
label_of(const struct choices *c, const char *value)
{
	for (guint i = 0; i < c->items->len; i++) {
		const struct picker_item *it = &g_array_index(c->items, struct picker_item, i);

		if (strcmp(it->value, value) == 0)
			return it->label;
	}
	return value;
}

static void
picked(struct tui *t, const char *value, void *ctx)
{
	struct call_answer *a = ctx;

	(void)t;
	if (value != NULL)
		set_field(a->cv, a->field, value, label_of(&a->choices, value));
	answer_free(a);
}

static void
open_picker(struct call_view *cv)
{
	struct tui *t = cv->tui;
	struct call_answer *a = answer_for(cv);
	struct mado_err e = { 0 };
	int f = cv->sel;
	int rc;

	rc = f == F_CATEGORY
		? master_category_choices(t->db, &t->actor, "calllog", choice_add, &a->choices, &e)
		: master_choices(t->db, &t->actor, fields[f].master, choice_add, &a->choices, &e);
	if (rc != MADO_OK) {
		tui_error(t, &e);
		answer_free(a);
		return;
	}
	tui_push(t, choices_picker(t, _(fields[f].label), &a->choices, picked, a));
}

static void
faq_chosen(struct tui *t, const char *no, void *ctx)
{
	struct call_view *cv = ctx;

	if (no == NULL)
		return;
	for (int i = 0; i < cv->nfaq; i++)
		if (cv->faq[i] == g_ascii_strtoll(no, NULL, 10)) {
			tui_message(t, _("FAQ-%s is already recorded"), no);
			return;
		}
	cv->faq[cv->nfaq++] = g_ascii_strtoll(no, NULL, 10);
	field_changed(cv, F_FAQ);
	tui_message(t, _("FAQ-%s recorded"), no);
}

/* The text area's notes: the writing rules on the text as it stands. */
static void
text_notes(const char *text, GArray *notes, void *ctx)
{
	struct call_answer *a = ctx;

	call_rules_notes(&a->cv->rules, (enum call_text)text_of(a->field), text, notes);
}

static void
edit_field(struct call_view *cv)
{
	struct tui *t = cv->tui;
	int f = cv->sel;

	if (f == F_FAQ) {
		if (cv->nfaq >= CALLLOG_FAQ_MAX)
			tui_message(t, _("at most %d FAQs: delete one first"), CALLLOG_FAQ_MAX);
		else
			tui_push(t, view_search_faq_new(t, faq_chosen, cv));
	} else if (fields[f].master == NULL) {
		struct call_answer *a = answer_for(cv);
		struct view *ta = textarea_new(t, _(fields[f].label), cv->value[f] != NULL
			? cv->value[f] : "", written, a);

		textarea_set_notes(ta, text_notes, a);
		tui_push(t, ta);
	} else {
		open_picker(cv);
	}
}

static void
clear_field(struct call_view *cv)
{
	if (cv->sel == F_FAQ) {
		if (cv->nfaq > 0)
			cv->nfaq--;
		field_changed(cv, F_FAQ);
	} else {
		set_field(cv, cv->sel, NULL, NULL);
	}
}

/* ---- ending, saving, following up ---- */

static void
end_call(struct call_view *cv)
{
	struct tui *t = cv->tui;
	struct mado_err e = { 0 };

	if (cv->ended_at != 0) {
		tui_message(t, _("the call has already ended"));
		return;
	}
	if (calllog_end(t->db, &t->actor, cv->id, &e) != MADO_OK) {
		tui_error(t, &e);
		return;
	}
	cv->ended_at = (int64_t)time(NULL);
	tui_message(t, _("call ended: after-call work until the record is saved"));
	t->dirty |= DIRTY_VIEW;
}

/* Which field a refusal names ("transfer_to: …"), or -1. */
static int
field_named(const char *msg)
{
	for (int f = 0; f < NFIELDS; f++) {
		size_t n = strlen(fields[f].core_name);

		if (strncmp(msg, fields[f].core_name, n) == 0 && msg[n] == ':')
			return f;
	}
	return -1;
}

static bool
save(struct call_view *cv)
{
	struct tui *t = cv->tui;
	struct mado_err e = { 0 };
	struct calllog_fields f = {
		.contact_type = cv->value[F_CONTACT_TYPE], .department = cv->value[F_DEPARTMENT],
		.outcome = cv->value[F_OUTCOME], .category = cv->value[F_CATEGORY],
		.transfer_to = cv->value[F_TRANSFER] != NULL ? cv->value[F_TRANSFER] : "",
		.inquiry_text = cv->value[F_INQUIRY], .response_text = cv->value[F_RESPONSE],
		.faq = cv->faq, .nfaq = cv->nfaq, .rules = cv->rules.rules,
	};
	int checks;

	g_clear_pointer(&cv->problem, g_free);
	cv->problem_field = -1;
	t->dirty |= DIRTY_VIEW;
	call_rules_recheck(&cv->rules, CALL_INQUIRY, cv->value[F_INQUIRY], true);
	call_rules_recheck(&cv->rules, CALL_RESPONSE, cv->value[F_RESPONSE], true);
	if (calllog_save(t->db, &t->actor, cv->id, &f, &e) != MADO_OK) {
		cv->problem = g_strdup(e.msg);
		cv->problem_field = field_named(e.msg);
		tui_error(t, &e);
		return false;
	}
	if (cv->ended_at == 0)
		cv->ended_at = (int64_t)time(NULL);
	cv->saved = true;
	checks = call_rules_count(&cv->rules);
	if (checks > 0)
		tui_message(t, _("call %s saved with %d writing findings: see below"), cv->receipt,
			checks);
	else
		tui_message(t, _("call %s saved"), cv->receipt);
	return true;
}

static void
to_inquiry(struct call_view *cv)
{
	struct tui *t = cv->tui;
	struct mado_err e = { 0 };
	char number[TICKET_NUMBER_MAX];
	int64_t ticket_id;

	if (!cv->saved && !save(cv))
		return;
	if (calllog_to_ticket(t->db, &t->actor, cv->id, "inquiry", &ticket_id, number,
	    &e) != MADO_OK) {
		tui_error(t, &e);
		return;
	}
	tui_message(t, _("%s created from call %s"), number, cv->receipt);
	tui_push(t, view_ticket_new(t, ticket_id));
}

static bool
act(struct view *v, enum tui_action a)
{
	struct call_view *cv = v->data;

	switch (a) {
	case ACT_MOVE_DOWN: cv->sel = MIN(cv->sel + 1, NFIELDS - 1); break;
	case ACT_MOVE_UP: cv->sel = MAX(cv->sel - 1, 0); break;
	case ACT_FIRST: cv->sel = 0; break;
	case ACT_LAST: cv->sel = NFIELDS - 1; break;
	case ACT_EDIT: edit_field(cv); return true;
	case ACT_DELETE: clear_field(cv); return true;
	case ACT_SEARCH_PANE:
		cv->sel = F_FAQ;
		edit_field(cv);
		return true;
	case ACT_CALL_START: tui_message(v->tui, _("a call is already open here")); return true;
	case ACT_CALL_END: end_call(cv); return true;
	case ACT_CALL_TICKET: to_inquiry(cv); return true;
	case ACT_SAVE: save(cv); return true;
	case ACT_CANCEL: case ACT_BACK:
		if (!cv->saved)
			tui_message(v->tui, _("the call is not saved: save it first (%s)"),
				cv->receipt);
		else
			tui_pop(v->tui);
		return true;
	default: return false;
	}
	v->tui->dirty |= DIRTY_VIEW;
	return true;
}

/* ---- drawing ---- */

static void
draw_timer(struct call_view *cv, int y, int cols)
{
	const struct painter *p = &cv->tui->paint;
	int64_t now = (int64_t)time(NULL);
	char talk[16], after[16], *s;

	mmss((cv->ended_at != 0 ? cv->ended_at : now) - cv->started_at, talk, sizeof talk);
	if (cv->ended_at == 0)
		s = g_strdup_printf(_("Receipt %s   On the call  talk %s"), cv->receipt, talk);
	else if (!cv->saved) {
		mmss(now - cv->ended_at, after, sizeof after);
		s = g_strdup_printf(_("Receipt %s   After-call work %s  (talk %s)"), cv->receipt,
			after, talk);
	} else
		s = g_strdup_printf(_("Receipt %s   Saved  (talk %s)"), cv->receipt, talk);
	draw_text(p, y, 0, s, cols, STYLE_EMPHASIS);
	g_free(s);
}

/* The value as one line: a name, the first line of a text, the FAQs. */
static char *
field_text(const struct call_view *cv, int f)
{
	GString *s;

	if (f == F_FAQ) {
		s = g_string_new(NULL);
		for (int i = 0; i < cv->nfaq; i++)
			g_string_append_printf(s, "%sFAQ-%lld", i > 0 ? ", " : "",
				(long long)cv->faq[i]);
		return g_string_free(s, FALSE);
	}
	if (cv->value[f] == NULL)
		return g_strdup("");
	if (cv->shown[f] != NULL && strcmp(cv->shown[f], cv->value[f]) != 0)
		return g_strdup_printf("%s (%s)", cv->shown[f], cv->value[f]);
	return g_strdelimit(g_strdup(cv->value[f]), "\n", ' ');
}

/* What a field needs to be said next to it, or NULL. */
static const char *
field_note(const struct call_view *cv, int f)
{
	if (f == cv->problem_field)
		return cv->problem;
	if (f == F_TRANSFER)
		return _("required when the outcome is transferred");
	if (f == F_FAQ)
		return _("up to three: Enter searches and records one");
	return NULL;
}

static void
draw(struct view *v, int rows, int cols)
{
	struct call_view *cv = v->data;
	const struct painter *p = &v->tui->paint;
	int y = 1, lw = MIN(LABEL_CELLS, cols);

	draw_timer(cv, y++, cols);
	draw_text(p, y++, 0, "", cols, STYLE_NORMAL);
	for (int f = 0; f < NFIELDS && y < rows; f++) {
		enum draw_style st = f == cv->sel ? STYLE_SELECTED : STYLE_NORMAL;
		const char *note = field_note(cv, f);
		char *text = field_text(cv, f);

		draw_text(p, y, 0, _(fields[f].label), lw, f == cv->sel ? st : STYLE_EMPHASIS);
		if (cols > lw)
			draw_text(p, y, lw, text, cols - lw, st);
		g_free(text);
		y++;
		if (note != NULL && y < rows && cols > lw) {
			draw_text(p, y, 0, "", lw, STYLE_NORMAL);
			draw_text(p, y++, lw, note, cols - lw,
				f == cv->problem_field ? STYLE_ERROR : STYLE_NOTE);
		}
	}
	if (cv->problem != NULL && cv->problem_field < 0 && y < rows)
		draw_text(p, y++, 0, cv->problem, cols, STYLE_ERROR);
	y = call_rules_draw(&cv->rules, p, y, rows, cols);
	for (; y <= rows; y++)
		draw_text(p, y, 0, "", cols, STYLE_NORMAL);
}

static const char *
title(struct view *v)
{
	struct call_view *cv = v->data;

	g_snprintf(cv->title_buf, sizeof cv->title_buf, _("Call %s"), cv->receipt);
	return cv->title_buf;
}

static int
load(struct view *v, struct mado_err *e)
{
	(void)e;
	tui_after(v->tui, TIMER_MS);
	return MADO_OK;
}

static void
destroy(struct view *v)
{
	struct call_view *cv = v->data;

	for (int f = 0; f < NFIELDS; f++) {
		g_free(cv->value[f]);
		g_free(cv->shown[f]);
	}
	call_rules_free(&cv->rules);
	g_free(cv->problem);
	g_free(cv);
	g_free(v);
}

static const struct view_ops call_ops = {
	.context = "call", .title = title, .load = load, .draw = draw, .act = act,
	.destroy = destroy, .tick = tick,
};

struct view *
view_call_new(struct tui *t)
{
	struct call_view *cv = g_new0(struct call_view, 1);
	struct calllog_row row = { 0 };
	struct mado_err e = { 0 };

	cv->tui = t;
	cv->problem_field = -1;
	if (calllog_start(t->db, &t->actor, &cv->id, cv->receipt, &e) != MADO_OK ||
	    calllog_read(t->db, &t->actor, cv->id, &row, &e) != MADO_OK) {
		tui_error(t, &e);
		g_free(cv);
		return NULL;
	}
	cv->started_at = row.started_at;
	calllog_row_clear(&row);
	tui_message(t, _("call %s started"), cv->receipt);
	call_rules_load(&cv->rules, t);
	return view_new(t, &call_ops, cv);
}
