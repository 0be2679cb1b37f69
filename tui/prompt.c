/* The one-line prompt (prompt.h): GNU readline through its callback
 * interface, kept away from the terminal. Its input is a byte queue we
 * fill from the keys the loop hands us, its output goes to /dev/null, and
 * its redisplay only marks the message line dirty: prompt_draw() paints
 * rl_line_buffer itself, measured in screen cells. */
#include "tui/prompt.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "base/env.h"
#include "base/i18n.h"
#include "keymaps/keymap.h"
#include "tui/prompt_history.h"
#include "tui/tui.h"

#define QUEUE_MAX 16 /* one key is at most 4 bytes; the queue is drained per key */
#define CTRL_KEY(c) ((uint32_t)(c) & 0x1f)

struct prompt {
	struct tui *tui;
	bool open;
	prompt_complete_fn complete;
	prompt_done_fn done;
	void *ctx;
	char *history;           /* this prompt's history file, or NULL */
	unsigned char queue[QUEUE_MAX]; /* bytes readline has yet to read */
	int qhead, qlen;
	char **cands;            /* the complete callback's answer while readline takes it */
	int next_cand;
	char *note;              /* shown above the line (candidates), or NULL */
	int scroll;              /* the line's first cell on screen */
	bool finished;           /* readline handed back the line (or end of input) */
	char *line;              /* that line (readline's malloc), NULL for end of input */
	FILE *devnull;           /* readline's output stream */
};

/* readline keeps its state in globals and calls us back with no context
 * pointer: this is the one bridge from those callbacks to our state, set
 * from the first prompt_open() to prompt_shutdown(). */
static struct prompt *current;

/* ---- readline's input and output ---- */

static int
queue_getc(FILE *in)
{
	(void)in;
	/* Not reached empty: readline is only called with bytes queued. */
	if (current == NULL || current->qhead == current->qlen)
		return EOF;
	return current->queue[current->qhead++];
}

/* readline asks this (not the terminal) whether the rest of a key
 * sequence is already there. */
static int
queue_pending(void)
{
	return current != NULL && current->qhead < current->qlen;
}

static void
redisplay(void)
{
	if (current != NULL && current->open)
		current->tui->dirty |= DIRTY_STATUS;
}

static void
set_note(struct prompt *p, const char *text)
{
	g_free(p->note);
	p->note = g_strdup(text);
	p->tui->dirty |= DIRTY_STATUS; /* the status line under it is painted anew too */
}

/* Readline calls this when Enter accepts the line or C-d ends the input;
 * the prompt is finished by prompt_key() once readline has returned. */
static void
on_line(char *line)
{
	current->finished = true;
	current->line = line;
	rl_callback_handler_remove();
}

/* ---- completion ---- */

static char *
next_candidate(const char *text, int state)
{
	struct prompt *p = current;

	(void)text;
	(void)state;
	if (p->cands == NULL || p->cands[p->next_cand] == NULL)
		return NULL;
	return strdup(p->cands[p->next_cand++]); /* readline frees it with free() */
}

static char **
attempt_completion(const char *text, int start, int end)
{
	struct prompt *p = current;
	char *before;
	char **matches;

	(void)start;
	rl_attempted_completion_over = 1; /* never fall back to file names */
	if (p->complete == NULL)
		return NULL;
	before = g_strndup(rl_line_buffer, (gsize)end);
	p->cands = p->complete(p->tui, before, text, p->ctx);
	p->next_cand = 0;
	g_free(before);
	matches = rl_completion_matches(text, next_candidate);
	g_strfreev(p->cands);
	p->cands = NULL;
	if (matches == NULL)
		set_note(p, _("no completions"));
	return matches;
}

static char *
no_completion(const char *text, int state)
{
	(void)text;
	(void)state;
	return NULL;
}

/* The candidates on one line above the prompt (as vim's wildmenu does),
 * instead of readline's listing on the terminal. */
static void
show_matches(char **matches, int n, int longest)
{
	GString *s = g_string_new(NULL);

	(void)longest;
	for (int i = 1; i <= n; i++)
		g_string_append_printf(s, "%s%s", i > 1 ? "  " : "", matches[i]);
	set_note(current, s->str);
	g_string_free(s, TRUE);
}

char **
prompt_complete_list(const char *const *list, const char *word)
{
	GPtrArray *out = g_ptr_array_new();
	size_t n = strlen(word);

	for (int i = 0; list[i] != NULL; i++)
		if (g_ascii_strncasecmp(list[i], word, n) == 0)
			g_ptr_array_add(out, g_strdup(list[i]));
	if (out->len == 0) {
		g_ptr_array_free(out, TRUE);
		return NULL;
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* ---- setting readline up, once ---- */

/* Unbinds re-read-init-file: it would read ~/.inputrc (or $INPUTRC) with
 * the program's group rights. The first read happens in readline_setup(),
 * with the caller's. */
static void
forbid_reread(void)
{
	static const char *const maps[] = { "emacs-standard", "emacs-meta", "emacs-ctlx" };

	for (size_t i = 0; i < G_N_ELEMENTS(maps); i++)
		rl_unbind_function_in_map(rl_re_read_init_file, rl_get_keymap_by_name(maps[i]));
}

static void
readline_setup(struct prompt *p)
{
	gid_t saved;

	rl_readline_name = "mado";
	rl_outstream = p->devnull;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = NULL;  /* ncurses owns the terminal's modes */
	rl_deprep_term_function = NULL;
	rl_getc_function = queue_getc;
	rl_input_available_hook = queue_pending;
	rl_redisplay_function = redisplay;
	rl_attempted_completion_function = attempt_completion;
	rl_completion_entry_function = no_completion;
	rl_completion_display_matches_hook = show_matches;
	saved = mado_as_caller(); /* the user's own ~/.inputrc */
	rl_initialize();
	mado_as_program(saved);
	/* Esc cancels, so vi's command mode could never be reached. */
	rl_variable_bind("editing-mode", "emacs");
	/* UTF-8 bytes are characters, not Meta keys. */
	rl_variable_bind("input-meta", "on");
	rl_variable_bind("convert-meta", "off");
	rl_variable_bind("output-meta", "on");
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_variable_bind("completion-ignore-case", "on");
	rl_variable_bind("bell-style", "none");
	forbid_reread();
}

static struct prompt *
prompt_new(struct tui *t)
{
	struct prompt *p = g_new0(struct prompt, 1);

	p->tui = t;
	if ((p->devnull = fopen("/dev/null", "w")) == NULL) {
		g_free(p);
		return NULL;
	}
	current = p;
	readline_setup(p);
	return p;
}

/* ---- opening and closing ---- */

/* Closes the prompt, then tells its owner, so that done may open another. */
static void
finish(struct tui *t, const char *text)
{
	struct prompt *p = t->prompt;
	prompt_done_fn done = p->done;
	void *ctx = p->ctx;

	p->open = false;
	g_free(p->history);
	p->history = NULL;
	g_free(p->note);
	p->note = NULL;
	t->dirty |= DIRTY_ALL; /* the view takes the cursor back */
	done(t, text, ctx);
}

bool
prompt_active(const struct tui *t)
{
	return t->prompt != NULL && t->prompt->open;
}

static void
prompt_cancel(struct tui *t)
{
	/* Leaves whatever readline was in (a search, a numeric argument)
	 * and forgets the line, so the next prompt starts clean. */
	rl_callback_sigcleanup();
	rl_free_line_state();
	rl_callback_handler_remove();
	finish(t, NULL);
}

void
prompt_open(struct tui *t, const char *label, const char *initial, const char *history,
	prompt_complete_fn complete, prompt_done_fn done, void *ctx)
{
	struct prompt *p;

	while (prompt_active(t))
		prompt_cancel(t);
	if (t->prompt == NULL && (t->prompt = prompt_new(t)) == NULL) {
		tui_message(t, _("cannot open /dev/null for the prompt"));
		done(t, NULL, ctx);
		return;
	}
	p = t->prompt;
	p->open = true;
	p->complete = complete;
	p->done = done;
	p->ctx = ctx;
	p->history = history != NULL ? prompt_history_path(history) : NULL;
	p->scroll = 0;
	p->finished = false;
	p->line = NULL;
	prompt_history_load(p->history);
	rl_callback_handler_install(label, on_line);
	if (initial != NULL)
		rl_insert_text(initial);
	t->dirty |= DIRTY_STATUS;
}

/* The bytes readline's emacs keymap knows for a key; 0 for keys with no
 * meaning on one line (PageUp, function keys). */
static int
encode_key(uint32_t key, char out[8])
{
	static const struct {
		uint32_t key;
		const char *seq;
	} named[] = {
		{ MK_UP, "\033[A" }, { MK_DOWN, "\033[B" }, { MK_RIGHT, "\033[C" },
		{ MK_LEFT, "\033[D" }, { MK_HOME, "\033[H" }, { MK_END, "\033[F" },
		{ MK_DELETE, "\033[3~" }, { MK_BACKSPACE, "\177" }, { MK_ENTER, "\r" },
		{ MK_TAB, "\t" },
	};

	if (key < KEY_NAMED_BASE)
		return g_unichar_to_utf8(key, out);
	for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
		if (named[i].key == key) {
			strcpy(out, named[i].seq);
			return (int)strlen(out);
		}
	return 0;
}

static void
feed(struct prompt *p, const char *bytes, int n)
{
	memcpy(p->queue, bytes, (size_t)n);
	p->qhead = 0;
	p->qlen = n;
	/* One byte per call; readline may also push a byte back
	 * (rl_pending_input) that must be read before the next key. */
	while (!p->finished && (p->qhead < p->qlen || rl_pending_input != 0))
		rl_callback_read_char();
	p->qhead = p->qlen = 0;
}

void
prompt_key(struct tui *t, uint32_t key)
{
	struct prompt *p = t->prompt;
	char seq[8];
	int n;

	if (!prompt_active(t))
		return;
	if (p->note != NULL)
		set_note(p, NULL);
	if (key == MK_ESC || key == CTRL_KEY('g') || key == CTRL_KEY('c')) {
		prompt_cancel(t);
		return;
	}
	/* readline takes multibyte characters whole only in a multibyte
	 * locale (mado falls back to C.UTF-8); elsewhere they would be split
	 * into bytes. */
	if (key >= 0x80 && key < KEY_NAMED_BASE && MB_CUR_MAX == 1) {
		set_note(p, _("this locale takes ASCII only; start mado with a UTF-8 LANG"));
		return;
	}
	if ((n = encode_key(key, seq)) == 0)
		return;
	feed(p, seq, n);
	t->dirty |= DIRTY_STATUS;
	if (p->finished) {
		char *line = p->line;

		if (line != NULL)
			prompt_history_save(p->history, line);
		finish(t, line);
		free(line);
	}
}

void
prompt_shutdown(struct tui *t)
{
	if (t->prompt == NULL)
		return;
	while (prompt_active(t))
		prompt_cancel(t);
	clear_history();
	rl_outstream = NULL;
	fclose(t->prompt->devnull);
	g_free(t->prompt);
	t->prompt = NULL;
	current = NULL;
}

/* ---- drawing ---- */

/* The byte offset of the first character that starts at or after cell
 * cells of s; *at receives the cell it starts at. */
static size_t
skip_cells(const char *s, int cells, int ambi, int *at)
{
	size_t off = tw_prefix(s, cells, ambi, at);

	/* A wide character across the edge is hidden whole. */
	if (*at < cells && s[off] != '\0') {
		uint32_t cp;
		int more;

		tw_decode(s + off, strlen(s + off), &cp);
		off += tw_prefix(s + off, tw_char_width(cp, ambi), ambi, &more);
		*at += more;
	}
	return off;
}

/* The line after the label at column x0, scrolled sideways so the
 * cursor stays in sight; a "…" at either end marks hidden text. Returns
 * the cursor's column. */
static int
draw_line(struct tui *t, struct prompt *p, int x0)
{
	int ambi = t->paint.ambi, w = t->cols - x0, ell = ambi; /* "…" is ambiguous */
	int cur = tw_width(rl_line_buffer, rl_point, ambi);
	int total = tw_width(rl_line_buffer, -1, ambi);
	/* The farthest the cursor may be from the first cell shown: room for
	 * a "…" on the left, a wide character under the cursor and a "…" on
	 * the right. */
	int reach = MAX(1, w - 2 * ell - 2);
	int first, lead;
	size_t start;
	char *shown;

	if (total < w)
		p->scroll = 0;
	else if (cur < p->scroll)
		p->scroll = MAX(0, cur - w / 2);
	else if (cur - p->scroll > reach)
		p->scroll = cur - reach;
	start = skip_cells(rl_line_buffer, p->scroll, ambi, &first);
	lead = first > 0 ? ell : 0;
	shown = g_strconcat(first > 0 ? "…" : "", rl_line_buffer + start, NULL);
	draw_text(&t->paint, t->rows - 1, x0, shown, w, STYLE_NORMAL);
	g_free(shown);
	return x0 + lead + (cur - first);
}

void
prompt_draw(struct tui *t)
{
	struct prompt *p = t->prompt;
	const char *label = rl_display_prompt != NULL ? rl_display_prompt : "";
	/* A long label (a search in the history) leaves room to type. */
	int label_w = MIN(tw_width(label, -1, t->paint.ambi), MAX(t->cols / 2, t->cols - 12));
	int x;

	if (p->note != NULL && t->rows >= 2) {
		draw_fill(&t->paint, t->rows - 2, t->cols, STYLE_STATUS);
		draw_text(&t->paint, t->rows - 2, 0, p->note, t->cols, STYLE_STATUS);
	}
	move(t->rows - 1, 0);
	clrtoeol();
	draw_text(&t->paint, t->rows - 1, 0, label, label_w, STYLE_EMPHASIS);
	x = draw_line(t, p, label_w);
	/* The terminal's cursor there also lets the IME compose in place. */
	t->cursor_on = true;
	t->cursor_y = t->rows - 1;
	t->cursor_x = MIN(x, t->cols - 1);
}
