/* A read-only page of one record: labelled fields and long texts wrapped
 * by screen cells (East Asian width, never bytes), scrolled a line at a
 * time, and the view that shows one (an article, a call log). The content
 * is kept as given and wrapped again when the width changes, so a resize
 * never loses a character. */
#ifndef MADO_PAGE_H
#define MADO_PAGE_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "tui/tui.h"

struct page;

/* "label  value", the value wrapped beside the label; an empty value
 * shows as a dash. */
void page_field(struct page *p, const char *label, const char *value);
/* A field holding a moment, shown in JST; 0 shows as a dash. */
void page_field_time(struct page *p, const char *label, int64_t t);
/* A line in bold, with a blank line before it unless it comes first. */
void page_heading(struct page *p, const char *text);
/* Text wrapped to the width, its own line breaks kept, indented a little
 * under the heading before it; empty text shows as a dash. */
void page_text(struct page *p, const char *text);

/* Fills an empty page with a record, and the view's title (at most
 * title_size bytes). first is true when the view is being opened, false
 * when it reads the record again after another user's change. ctx is
 * the view's, freed with g_free() when the view goes. */
typedef int (*page_fill_fn)(struct tui *t, void *ctx, bool first, struct page *p,
	char *title, size_t title_size, struct mado_err *e);

/* A "detail" view showing the page fill makes; push it with tui_push(). */
struct view *page_view_new(struct tui *t, page_fill_fn fill, void *ctx);
/* Actions of the record (an article's attachments) after scrolling: act
 * gets the view's ctx and returns false for an action that is not its
 * own. Returns v. */
typedef bool (*page_act_fn)(struct tui *t, void *ctx, enum tui_action a);
struct view *page_view_set_act(struct view *v, page_act_fn act);
/* The fill of a page view, or NULL when v (which may be NULL) is another
 * kind of view: which page is on screen. */
page_fill_fn page_view_fill(const struct view *v);

/* Scrolling any read-only document of lines lines shown rows at a time
 * from line top (the ticket view's too): */
/* top moved as a asks (down, up, a page less one line, first, last);
 * false, top untouched, for another action. */
bool page_scroll_top(int *top, int lines, int rows, enum tui_action a);
/* top kept in the document with the screen as full as it can be. */
int page_clamp_top(int top, int lines, int rows);

/* "YYYY-MM-DD HH:MM" in JST into buf; a dash for 0. Returns buf. */
const char *page_time(int64_t t, char *buf, size_t size);

/* Splits text into lines of at most cells cells, keeping its own line
 * breaks: a line breaks at a space rather than inside an English word,
 * and a closing mark (。、」) never starts a line when the character
 * before it can move down too. Tabs become spaces to the next multiple
 * of 8 cells. Appends newly allocated strings (g_free) to out. Exposed for
 * tests. */
void page_wrap(const char *text, int cells, int ambi, GPtrArray *out);

#endif
