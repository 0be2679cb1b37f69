/* The search pane (issue 4): a query line where typing goes, the results
 * of core/search.h updated as the user types (once no key has come for
 * SEARCH_PANE_DELAY_MS, so typing never waits for a search), and a
 * preview of the selected result. Enter opens the result; in pick mode
 * "insert" hands its text to whoever opened the pane (a text area). */
#ifndef MADO_VIEW_SEARCH_H
#define MADO_VIEW_SEARCH_H

#include "tui/tui.h"

enum { SEARCH_PANE_DELAY_MS = 150 };

/* A new pane showing the results for query ("" for none yet). pick NULL:
 * the pane only finds and opens. Otherwise the "insert" action closes the
 * pane and then calls pick(t, text, ctx) with the chosen article's answer
 * (for a ticket: its last reply), as tui_answer() does. ctx is not the
 * pane's: pick is never called when the pane closes any other way. Push
 * it with tui_push(). */
struct view *view_search_new(struct tui *t, const char *query, tui_answer_fn pick, void *ctx);
/* The same pane choosing an FAQ for a call's 利用FAQ: "insert" on an
 * article hands pick its FAQ number in decimal ("12") instead of its text. */
struct view *view_search_faq_new(struct tui *t, tui_answer_fn pick, void *ctx);

#endif
