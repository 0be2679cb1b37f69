/* The client's one loop (STYLE.md 5 and 6): poll() over the terminal and
 * a self-pipe for signals, a one-second tick that reads the database's
 * change counter, and a paint of whatever the handlers marked dirty. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/env.h"
#include "base/i18n.h"
#include "core/calendar.h"
#include "core/usercfg.h"
#include "tui/editor.h"
#include "tui/prompt.h"
#include "tui/term.h"
#include "tui/tui.h"
#include "tui/view_search.h"
#include "tui/views.h"

#define TICK_MS 1000

/* Signal handlers only write the signal number to this pipe. */
static int signal_pipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	unsigned char c = (unsigned char)sig;
	int saved = errno;

	if (write(signal_pipe[1], &c, 1) < 0) {
		/* Nothing to do: the pipe is full, a wake-up is pending anyway. */
	}
	errno = saved;
}

static int
signals_init(void)
{
	struct sigaction sa = { 0 };

	if (pipe2(signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	return 0;
}

void
tui_message(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_error = false;
	t->dirty |= DIRTY_STATUS;
}

void
tui_error(struct tui *t, const struct mado_err *e)
{
	g_strlcpy(t->message, e->msg, sizeof t->message);
	/* One line: the message line cannot show more. */
	for (char *p = t->message; *p; p++)
		if (*p == '\n')
			*p = ' ';
	t->message_error = true;
	t->dirty |= DIRTY_STATUS;
}

static int64_t
now_ms(void)
{
	return g_get_monotonic_time() / 1000;
}

void
tui_after(struct tui *t, int ms)
{
	t->wake_at_ms = now_ms() + MAX(ms, 1);
}

/* The time asked for has come: the views that wait for it get their tick. */
static void
wake_views(struct tui *t)
{
	if (t->wake_at_ms == 0 || now_ms() < t->wake_at_ms)
		return;
	t->wake_at_ms = 0;
	for (int i = t->depth - 1; i >= 0; i--)
		if (t->stack[i]->ops->tick != NULL)
			t->stack[i]->ops->tick(t->stack[i]);
}

/* poll's timeout: the one-second tick, or sooner when a view asked. */
static int
poll_timeout(const struct tui *t)
{
	if (t->wake_at_ms == 0)
		return TICK_MS;
	return (int)CLAMP(t->wake_at_ms - now_ms(), 0, TICK_MS);
}

struct view *
view_new(struct tui *t, const struct view_ops *ops, void *data)
{
	struct view *v = g_new0(struct view, 1);

	v->ops = ops;
	v->tui = t;
	v->data = data;
	return v;
}

struct view *
tui_top(struct tui *t)
{
	return t->depth > 0 ? t->stack[t->depth - 1] : NULL;
}

int
tui_push(struct tui *t, struct view *v)
{
	struct mado_err e = { 0 };

	if (v == NULL)
		return MADO_EFAIL;
	if (t->depth == TUI_MAX_VIEWS) {
		v->ops->destroy(v);
		tui_message(t, _("too many views open; close some with q"));
		return MADO_EFAIL;
	}
	if (v->ops->load != NULL && v->ops->load(v, &e) != MADO_OK) {
		v->ops->destroy(v);
		tui_error(t, &e);
		return e.status;
	}
	t->stack[t->depth++] = v;
	t->dirty |= DIRTY_ALL;
	return MADO_OK;
}

static void
destroy_top(struct tui *t)
{
	struct view *v = t->stack[t->depth - 1];

	t->depth--;
	v->ops->destroy(v);
}

bool
tui_pop(struct tui *t)
{
	if (t->depth <= 1)
		return false;
	destroy_top(t);
	/* The view shown again may be stale: what was done on top of it
	 * (our own writes do not move data_version) should show. */
	t->dirty |= DIRTY_ALL | DIRTY_DATA;
	return true;
}

int
tui_switch(struct tui *t, struct view *v)
{
	int st;

	/* Push first and drop the views below after, so a view that cannot
	 * be shown (a refusal) leaves the screen as it was, not empty. */
	if (t->depth == TUI_MAX_VIEWS)
		destroy_top(t);
	if ((st = tui_push(t, v)) != MADO_OK)
		return st;
	for (int i = 0; i < t->depth - 1; i++)
		t->stack[i]->ops->destroy(t->stack[i]);
	t->stack[0] = t->stack[t->depth - 1];
	t->depth = 1;
	return MADO_OK;
}

void
tui_answer(struct view *v, tui_answer_fn *done, void *ctx, const char *answer)
{
	struct tui *t = v->tui;
	tui_answer_fn fn = *done;
	char *copy = g_strdup(answer);

	*done = NULL;
	tui_pop(t);
	fn(t, copy, ctx);
	g_free(copy);
}

static void
paint_status(struct tui *t)
{
	struct view *v = tui_top(t);
	const char *pos = v != NULL && v->ops->position != NULL ? v->ops->position(v) : "";
	char left[256];
	int pos_w = tw_width(pos, -1, t->paint.ambi);

	GString *counts = g_string_new(NULL);

	/* Pending work and notices, as words and numbers, not colour. */
	if (t->counts.mine_open > 0)
		g_string_append_printf(counts, _("  mine: %lld"), (long long)t->counts.mine_open);
	if (t->counts.unowned_new > 0)
		g_string_append_printf(counts, _("  unassigned: %lld"),
			(long long)t->counts.unowned_new);
	if (t->counts.mail_failed > 0)
		g_string_append_printf(counts, _("  ! mail failed: %lld"),
			(long long)t->counts.mail_failed);
	g_snprintf(left, sizeof left, " %s (%s)%s  %s", t->actor.name, role_name(t->actor.role),
		counts->str, t->db_label);
	g_string_free(counts, TRUE);
	draw_fill(&t->paint, t->rows - 2, t->cols, STYLE_STATUS);
	draw_text(&t->paint, t->rows - 2, 0, left, t->cols - pos_w - 2, STYLE_STATUS);
	draw_text(&t->paint, t->rows - 2, t->cols - pos_w - 1, pos, pos_w, STYLE_STATUS);
	move(t->rows - 1, 0);
	clrtoeol();
	draw_text(&t->paint, t->rows - 1, 0, t->message, t->cols,
		t->message_error ? STYLE_ERROR : STYLE_NORMAL);
}

/* The cursor shows where typing goes, if the view said so; else it rests
 * hidden at the end of the message line, out of the way. */
static void
place_cursor(struct tui *t)
{
	if (t->cursor_on) {
		move(t->cursor_y, t->cursor_x);
		curs_set(1);
	} else {
		move(t->rows - 1, t->cols - 1);
		curs_set(0);
	}
}

static void
paint(struct tui *t)
{
	struct view *v = tui_top(t);

	if (t->dirty & DIRTY_ALL)
		erase();
	if (v != NULL && v->ops->covers_screen) {
		t->cursor_on = false;
		v->ops->draw(v, t->rows, t->cols);
		place_cursor(t);
		refresh();
		t->dirty = 0;
		return;
	}
	if (v != NULL && (t->dirty & (DIRTY_VIEW | DIRTY_ALL))) {
		char title[256];

		g_snprintf(title, sizeof title, " 窓口 Madoguchi — %s", v->ops->title(v));
		draw_fill(&t->paint, 0, t->cols, STYLE_TITLE);
		draw_text(&t->paint, 0, 0, title, t->cols, STYLE_TITLE);
		t->cursor_on = false;
		v->ops->draw(v, t->rows - 3, t->cols);
	}
	paint_status(t);
	if (prompt_active(t))
		prompt_draw(t);
	place_cursor(t);
	refresh();
	t->dirty = 0;
}

static bool
global_action(struct tui *t, enum tui_action a)
{
	struct view *v = NULL;

	switch (a) {
	case ACT_QUIT:
		t->quit = true;
		return true;
	case ACT_BACK:
		if (!tui_pop(t))
			t->quit = true;
		return true;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		t->dirty |= DIRTY_ALL;
		return true;
	case ACT_RELOAD:
		t->dirty |= DIRTY_DATA;
		return true;
	case ACT_HELP:
		tui_push(t, view_help_new(t, tui_top(t)->ops->context));
		return true;
	case ACT_LOCK:
		tui_push(t, view_lock_new(t));
		return true;
	case ACT_COMMAND:
		command_line_open(t);
		return true;
	case ACT_SEARCH_PANE:
		tui_push(t, view_search_new(t, "", NULL, NULL));
		return true;
	case ACT_VIEW_FIGURES:
		tui_push(t, view_call_figures_new(t, NULL));
		return true;
	case ACT_VIEW_DASHBOARD:
		tui_push(t, view_dashboard_new(t));
		return true;
	case ACT_CALL_START:
		if ((v = view_call_new(t)) != NULL)
			tui_push(t, v);
		return true;
	case ACT_VIEW_INQUIRIES: v = view_ticket_list_new(t, TICKETS_INQUIRIES); break;
	case ACT_VIEW_INCIDENTS: v = view_ticket_list_new(t, TICKETS_INCIDENTS); break;
	case ACT_VIEW_REQUESTS: v = view_ticket_list_new(t, TICKETS_REQUESTS); break;
	case ACT_VIEW_MYWORK: v = view_ticket_list_new(t, TICKETS_MYWORK); break;
	case ACT_VIEW_KNOWLEDGE: v = view_kb_list_new(t); break;
	case ACT_VIEW_CALLLOGS: v = view_calllog_list_new(t); break;
	case ACT_VIEW_SYNONYMS: v = view_synonyms_new(t); break;
	default:
		return false;
	}
	if (v != NULL)
		tui_switch(t, v);
	return true;
}

bool
tui_do(struct tui *t, enum tui_action a)
{
	struct view *v = tui_top(t);

	if (v->ops->act != NULL && v->ops->act(v, a))
		return true;
	if (global_action(t, a))
		return true;
	tui_message(t, _("%s is not available here"), tui_action_info(a)->name);
	return false;
}

static void
handle_key(struct tui *t, uint32_t key)
{
	struct view *v = tui_top(t);
	const char *name = keymap_lookup(t->keymap, v->ops->context, key);
	enum tui_action a = tui_action_by_name(name);
	char kname[32];

	/* The open prompt takes the keys, unless the lock covers it. */
	if (prompt_active(t) && !v->ops->covers_screen) {
		prompt_key(t, key);
		return;
	}
	if (t->message[0] != '\0') {
		t->message[0] = '\0';
		t->dirty |= DIRTY_STATUS;
	}
	if (v->ops->key != NULL && v->ops->key(v, key))
		return;
	if (a == ACT_NONE) {
		tui_message(t, _("%s: no action (? shows the keys)"),
			keymap_key_name(key, kname, sizeof kname));
		return;
	}
	tui_do(t, a);
}

/* Another process committed: reload what is on screen. */
static void
check_data_version(struct tui *t)
{
	int64_t now = db_data_version(t->db);

	if (now != t->data_version) {
		t->data_version = now;
		t->dirty |= DIRTY_DATA;
	}
}

/* The status line's counts; a failure leaves the old ones shown. */
static void
read_counts(struct tui *t)
{
	struct desk_counts c;
	struct mado_err e = { 0 };

	if (desk_counts(t->db, &t->actor, &c, &e) == MADO_OK)
		t->counts = c;
}

static void
reload(struct tui *t)
{
	struct view *v = tui_top(t);
	struct mado_err e = { 0 };

	if (v != NULL && v->ops->load != NULL && v->ops->load(v, &e) != MADO_OK)
		tui_error(t, &e);
	read_counts(t);
	t->dirty |= DIRTY_VIEW | DIRTY_STATUS;
}

/* After [client] idle_lock_seconds without a key, the lock covers all. */
static void
lock_if_idle(struct tui *t)
{
	struct view *v = tui_top(t);

	if (t->cfg->idle_lock_seconds > 0 && v != NULL && !v->ops->covers_screen &&
	    mado_monotonic_s() - t->last_key_at >= t->cfg->idle_lock_seconds)
		tui_push(t, view_lock_new(t));
}

static void
read_signals(struct tui *t)
{
	unsigned char sig;

	while (read(signal_pipe[0], &sig, 1) == 1)
		if (sig == SIGTERM || sig == SIGHUP || sig == SIGINT)
			t->quit = true;
}

static void
loop(struct tui *t)
{
	struct pollfd fds[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN }, { .fd = signal_pipe[0], .events = POLLIN },
	};
	int64_t next_tick = 0;

	while (!t->quit) {
		uint32_t key;
		int got;

		if (t->dirty & DIRTY_DATA)
			reload(t);
		if (t->dirty)
			paint(t);
		if (poll(fds, 2, poll_timeout(t)) < 0 && errno != EINTR)
			break;
		if (fds[1].revents & POLLIN)
			read_signals(t);
		/* Drain every key that arrived; a resize comes in as a key too. */
		while ((got = term_read_key(&key)) != TERM_NONE) {
			if (got == TERM_RESIZE) {
				term_size(&t->rows, &t->cols);
				t->dirty |= DIRTY_ALL;
			} else if (got == TERM_EOF)
				t->quit = true;
			else {
				t->last_key_at = mado_monotonic_s();
				handle_key(t, key);
			}
			if (t->quit)
				break;
		}
		wake_views(t);
		if (mado_monotonic_s() >= next_tick) {
			check_data_version(t);
			lock_if_idle(t);
			next_tick = mado_monotonic_s() + 1;
		}
	}
}

/* The default keys, then the set the user chose ([client] keymap=vi:
 * keymaps/vi.keys), then the user's own file. */
static void
load_keymap(struct tui *t, const char *chosen)
{
	char *path = g_build_filename(mado_sharedir(), "keymaps", "default.keys", NULL);
	char *user = g_build_filename(g_get_user_config_dir(), "madoguchi", "keys", NULL);
	struct mado_err e = { 0 };

	t->keymap = keymap_new();
	if (keymap_load(t->keymap, path, &e) != MADO_OK)
		tui_error(t, &e);
	if (chosen != NULL && strcmp(chosen, "default") != 0) {
		char *name = g_strconcat(chosen, ".keys", NULL);
		char *set = g_build_filename(mado_sharedir(), "keymaps", name, NULL);

		if (keymap_load(t->keymap, set, &e) != MADO_OK)
			tui_error(t, &e);
		g_free(set);
		g_free(name);
	}
	/* The user's own file is optional; its errors are shown once the
	 * screen is up, with file and line. */
	if (keymap_load(t->keymap, user, &e) != MADO_OK && e.status != MADO_ENOTFOUND)
		tui_error(t, &e);
	g_free(path);
	g_free(user);
}

/* Records the login as a security event and shows the previous one. */
static void
start_session(struct tui *t)
{
	struct mado_err e = { 0 };
	int64_t previous;
	struct jst j;

	if (session_login(t->db, &t->actor, &previous, &e) != MADO_OK)
		tui_error(t, &e);
	else if (previous > 0 && !t->message_error) { /* a problem in a file says more */
		jst_from_time(previous, &j);
		tui_message(t, _("last login: %04d-%02d-%02d %02d:%02d"), j.year, j.month, j.day,
			j.hour, j.min);
	}
}

int
tui_run(struct db *db, const struct config *cfg, const struct actor *actor,
	const struct usercfg *user, const struct mado_err *user_err)
{
	struct tui t = { .db = db, .cfg = cfg, .actor = *actor };
	struct screen *screen;
	int st = MADO_OK;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("mado: the full-screen client needs a terminal; see mado --help"
			" for the commands\n"));
		return MADO_EUSAGE;
	}
	if (signals_init() != 0) {
		perror("mado: pipe");
		return MADO_EFAIL;
	}
	t.paint.ambi = user->ambi;
	/* g_get_charset() is true when the locale's character set is UTF-8. */
	t.paint.ascii = user->charts == CHARTS_ASCII ||
		(user->charts == CHARTS_UNSET && !g_get_charset(NULL));
	t.db_label = db_path(db);
	if (user_err->status != MADO_OK)
		tui_error(&t, user_err);
	load_keymap(&t, user->keymap);
	if ((screen = term_open(&t.rows, &t.cols)) == NULL) {
		fprintf(stderr, _("mado: cannot start the screen (TERM=%s)\n"),
			getenv("TERM") ? getenv("TERM") : "");
		keymap_free(t.keymap);
		return MADO_ECONFIG;
	}
	t.paint.color = draw_init(getenv("NO_COLOR") == NULL);
	t.last_key_at = mado_monotonic_s();
	start_session(&t);
	read_counts(&t);
	t.data_version = db_data_version(db);
	if (tui_push(&t, view_ticket_list_new(&t, TICKETS_INQUIRIES)) != MADO_OK)
		st = MADO_EFAIL;
	else
		loop(&t);
	prompt_shutdown(&t);
	while (t.depth > 0)
		destroy_top(&t);
	term_close(screen);
	user_files_remove_kept(&t);
	{
		struct mado_err e = { 0 };

		if (session_event(db, &t.actor, "logout", &e) != MADO_OK)
			fprintf(stderr, "mado: %s\n", e.msg);
	}
	keymap_free(t.keymap);
	if (st != MADO_OK)
		fprintf(stderr, "mado: %s\n", t.message);
	return st;
}
