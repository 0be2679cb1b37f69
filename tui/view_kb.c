/* Knowledge articles: the list by FAQ number and one article with its
 * attachments (v opens the picker of them). Staff see
 * public articles only (core decides). The article's page is built with
 * tui/page.h, whose implementation ends this file. */
#include <glib.h>

#include "base/i18n.h"
#include "base/textwidth.h"
#include "core/attachment.h"
#include "core/calendar.h"
#include "core/kb.h"
#include "tui/list.h"
#include "tui/page.h"
#include "tui/viewer.h"
#include "tui/views.h"

/* ---- the list ---- */

enum { COL_NO, COL_TITLE, COL_CATEGORY, COL_VISIBILITY, COL_VIEWS, COL_UPDATED, NCOLS };

struct kb_list_view {
	struct list list;             /* first: the list views' functions find it */
	struct tui *tui;
};

/* The list widget orders rows by (key, id) downwards; FAQ numbers run
 * upwards, so a row's key is -faq_no and its id the faq_no (which
 * view_kb_new() opens). */

static int
add_row(const struct kb_row *a, void *p)
{
	GPtrArray *out = p;
	char no[24], views[24], updated[24];
	const char *cells[NCOLS];
	struct jst j;

	g_snprintf(no, sizeof no, "%lld", (long long)a->faq_no);
	g_snprintf(views, sizeof views, "%lld", (long long)a->views);
	jst_from_time(a->updated_at, &j);
	g_snprintf(updated, sizeof updated, "%04d-%02d-%02d", j.year, j.month, j.day);
	cells[COL_NO] = no;
	cells[COL_TITLE] = a->title;
	cells[COL_CATEGORY] = a->category_name;
	cells[COL_VISIBILITY] = a->public ? _("public") : _("internal");
	cells[COL_VIEWS] = views;
	cells[COL_UPDATED] = updated;
	g_ptr_array_add(out, list_row_new(a->faq_no, -a->faq_no, cells, NCOLS));
	return MADO_OK;
}

static int
fetch(void *ctx, const struct list_row *from, bool backward, int n, GPtrArray *out, bool *more,
	struct mado_err *e)
{
	struct kb_list_view *kv = ctx;
	struct kb_query q = {
		.public = -1, .stale_days = -1, .limit = n, .backward = backward,
		.has_after = from != NULL,
	};

	if (from != NULL) {
		/* Strictly after `from` in list order; a list reading its screen
		 * again passes its top row with the id one past, which asks for
		 * that row too. */
		q.after_no = -from->key;
		if (!backward && from->id > -from->key)
			q.after_no--;
	}
	return kb_list(kv->tui->db, &kv->tui->actor, &q, add_row, out, more, e);
}

static const char *
kb_list_title(struct view *v)
{
	return _("Knowledge articles");
}

static const struct view_ops kb_list_ops = {
	.context = "list", .title = kb_list_title, .load = list_view_load, .draw = list_view_draw,
	.act = list_view_act, .position = list_view_position, .destroy = list_view_destroy,
};

struct view *
view_kb_list_new(struct tui *t)
{
	struct kb_list_view *kv = g_new0(struct kb_list_view, 1);
	const struct list_column cols[NCOLS] = {
		[COL_NO] = { _("No."), 6, 8, true },
		[COL_TITLE] = { _("Title"), 20, 0, false },
		[COL_CATEGORY] = { _("Category"), 16, 18, false },
		[COL_VISIBILITY] = { _("Visibility"), 8, 8, false },
		[COL_VIEWS] = { _("Views"), 6, 6, true },
		[COL_UPDATED] = { _("Updated"), 10, 10, false },
	};

	kv->tui = t;
	list_init(&kv->list, cols, NCOLS, (struct list_source){ fetch, kv });
	kv->list.empty = _("No articles here.");
	kv->list.name_col = COL_NO;
	kv->list.name_label = _("No.");
	kv->list.open = view_kb_new;
	return view_new(t, &kb_list_ops, kv);
}

/* ---- one article ---- */

/* The page view's ctx: the article asked for, and its id once read (the
 * attachments belong to the id). */
struct article_ref {
	int64_t faq_no, id;
};

static void
fill_article(struct page *p, const struct kb_row *a)
{
	char buf[64];

	page_heading(p, a->title);
	g_snprintf(buf, sizeof buf, "%lld", (long long)a->faq_no);
	page_field(p, _("FAQ No."), buf);
	page_field(p, _("Category"), a->category_name);
	page_field(p, _("Class"), a->faq_class_name);
	page_field(p, _("Department"), a->department_name);
	page_field(p, _("Visibility"), a->public ? _("public") : _("internal"));
	g_snprintf(buf, sizeof buf, "%lld", (long long)a->views);
	page_field(p, _("Views"), buf);
	g_snprintf(buf, sizeof buf, _("%lld helpful, %lld not helpful"), (long long)a->helpful,
		(long long)a->not_helpful);
	page_field(p, _("Votes"), buf);
	page_field_time(p, _("Reviewed"), a->reviewed_at);
	g_snprintf(buf, sizeof buf, "%lld", (long long)a->version);
	page_field(p, _("Version"), buf);
	page_field_time(p, _("Updated"), a->updated_at);
	page_heading(p, _("Question"));
	page_text(p, a->question);
	page_heading(p, _("Answer"));
	page_text(p, a->answer);
}

/* Name, then size and type, under a heading that comes with the first:
 * most articles have none, and the section is left out then. */
struct attachment_section {
	struct page *page;
	bool any;
};

static void
attachment_field(const struct attachment_row *row, void *p)
{
	struct attachment_section *sec = p;
	char *size_type = viewer_size_type(row);

	if (!sec->any)
		page_heading(sec->page, _("Attachments"));
	sec->any = true;
	page_field(sec->page, row->filename, size_type);
	g_free(size_type);
}

static int
fill_view(struct tui *t, void *ctx, bool first, struct page *p, char *title, size_t title_size,
	struct mado_err *e)
{
	struct article_ref *ref = ctx;
	struct attachment_section sec = { p, false };
	struct kb_row a;
	/* Opening the article is a reading and counts; reading it again after
	 * another user's change is not, and must not write, or two screens on
	 * one article would wake each other for ever. */
	int st = first ? kb_show(t->db, &t->actor, ref->faq_no, &a, e)
		: kb_read(t->db, &t->actor, ref->faq_no, &a, e);

	if (st != MADO_OK)
		return st;
	g_snprintf(title, title_size, "%s %lld  %s", _("FAQ No."), (long long)a.faq_no, a.title);
	ref->id = a.id;
	fill_article(p, &a);
	kb_row_clear(&a);
	return attachment_list(t->db, &t->actor, "kb", ref->id, attachment_field, &sec, e);
}

static bool
act_article(struct tui *t, void *ctx, enum tui_action a)
{
	const struct article_ref *ref = ctx;
	char name[32];

	if (a != ACT_ATTACHMENTS)
		return false;
	g_snprintf(name, sizeof name, "FAQ-%lld", (long long)ref->faq_no);
	viewer_pick(t, "kb", ref->id, name);
	return true;
}

struct view *
view_kb_new(struct tui *t, int64_t faq_no)
{
	struct article_ref *ref = g_new0(struct article_ref, 1);

	ref->faq_no = faq_no;
	return page_view_set_act(page_view_new(t, fill_view, ref), act_article);
}
