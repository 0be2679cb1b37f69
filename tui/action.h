/* Every action the client can take, declared once. Keymaps bind keys to
 * these names; the help screen, the `:` command line's completion and
 * the docs are generated from this table. */
#ifndef MADO_ACTION_H
#define MADO_ACTION_H

/* X(id, "name", flags, N_("summary")) */
#define TUI_ACTIONS(X) \
	X(QUIT, "quit", 0, N_("leave mado")) \
	X(BACK, "back", 0, N_("close this view and return to the one before")) \
	X(HELP, "help", 0, N_("show the keys and what they do")) \
	X(REDRAW, "redraw", 0, N_("redraw the whole screen")) \
	X(RELOAD, "reload", 0, N_("read the data on screen again")) \
	X(COMMAND, "command", 0, N_("open the command line")) \
	X(VIEW_INQUIRIES, "view-inquiries", 0, N_("inquiries (問合せ)")) \
	X(VIEW_INCIDENTS, "view-incidents", 0, N_("incidents (障害)")) \
	X(VIEW_REQUESTS, "view-requests", 0, N_("requests (申請)")) \
	X(VIEW_KNOWLEDGE, "view-knowledge", 0, N_("knowledge articles (FAQ)")) \
	X(VIEW_CALLLOGS, "view-calllogs", 0, N_("call logs (応対履歴)")) \
	X(VIEW_SYNONYMS, "view-synonyms", 0, N_("synonyms of the search (類義語)")) \
	X(VIEW_FIGURES, "view-figures", 0, N_("this month's call figures (supervisors)")) \
	X(VIEW_DASHBOARD, "view-dashboard", 0, \
		N_("the dashboard: open work, trends, SLA, knowledge (supervisors)")) \
	X(VIEW_MYWORK, "view-mywork", 0, N_("my work: assigned to me, oldest first")) \
	X(MOVE_DOWN, "move-down", 0, N_("next line")) \
	X(MOVE_UP, "move-up", 0, N_("previous line")) \
	X(SCROLL_DOWN, "scroll-down", 0, N_("scroll down one line")) \
	X(SCROLL_UP, "scroll-up", 0, N_("scroll up one line")) \
	X(PAGE_DOWN, "page-down", 0, N_("next page")) \
	X(PAGE_UP, "page-up", 0, N_("previous page")) \
	X(FIRST, "first", 0, N_("go to the top")) \
	X(LAST, "last", 0, N_("go to the bottom")) \
	X(OPEN, "open", 0, N_("open the selected record")) \
	X(SEARCH, "search", 0, N_("search")) \
	X(FILTER, "filter", 0, N_("filter the list")) \
	X(CLEAR_FILTER, "clear-filter", 0, N_("show the list unfiltered")) \
	X(SORT, "sort", 0, N_("change the order of the list")) \
	X(SAVE_VIEW, "save-view", 0, N_("save the current filter as a named view")) \
	X(OPEN_VIEW, "open-view", 0, N_("open a saved view")) \
	X(NEW, "new", 0, N_("create a record")) \
	X(REPLY, "reply", 0, N_("reply to the requester")) \
	X(NOTE, "note", 0, N_("add an internal note")) \
	X(ASSIGN, "assign", 0, N_("assign to a queue and an owner")) \
	X(STATUS, "status", 0, N_("change the status")) \
	X(LINK, "link", 0, N_("link to another record")) \
	X(CLOSE, "close", 0, N_("close")) \
	X(REOPEN, "reopen", 0, N_("reopen")) \
	X(EDIT, "edit", 0, N_("edit the record")) \
	X(EDIT_EXTERNAL, "edit-external", 0, N_("edit long text in $EDITOR")) \
	X(DELETE, "delete", 0, N_("delete the selected item or a part of it")) \
	X(ATTACHMENTS, "attachments", 0, N_("list and open attachments")) \
	X(LOCK, "lock", 0, N_("lock the screen now")) \
	X(SAVE, "save", 0, N_("save what was written")) \
	X(CANCEL, "cancel", 0, N_("leave without saving")) \
	X(SEARCH_PANE, "search-pane", 0, N_("search knowledge and tickets as you type")) \
	X(INSERT, "insert", 0, N_("insert the chosen answer into the text being written")) \
	X(CALL_START, "call-start", 0, N_("start recording a call (応対履歴) now")) \
	X(CALL_END, "call-end", 0, N_("end the call: the after-call work begins")) \
	X(CALL_TICKET, "call-ticket", 0, N_("turn the call into an inquiry for follow-up")) \
	X(WRITE_PDF, "write-pdf", 0, N_("write the report on screen as a PDF file")) \
	X(PRINT, "print", 0, N_("print the report on screen (its PDF is kept)"))

enum tui_action {
	ACT_NONE = 0,
#define X(id, name, flags, summary) ACT_##id,
	TUI_ACTIONS(X)
#undef X
	ACT_COUNT
};

struct tui_action_info {
	const char *name;
	unsigned flags;
	const char *summary; /* untranslated; show with _() */
};

/* The registry entry for an action; NULL for ACT_NONE or out of range. */
const struct tui_action_info *tui_action_info(enum tui_action a);
/* The action with that name, or ACT_NONE. */
enum tui_action tui_action_by_name(const char *name);

#endif
