#include "workflow.h"

#include <glib.h>
#include <string.h>

#include "base/env.h"
#include "base/i18n.h"

/* Splits a line into words; "double quoted" words may hold spaces.
 * Returns the count, or -1 on an unclosed quote. Modifies line. */
static int
split_words(char *line, char **words, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#' || n == max)
			return n;
		if (*p == '"') {
			char *end = strchr(++p, '"');

			if (end == NULL)
				return -1;
			*end = '\0';
			words[n++] = p;
			p = end + 1;
			continue;
		}
		words[n++] = p;
		p += strcspn(p, " \t\r");
		if (*p != '\0')
			*p++ = '\0';
		if (strchr(words[n - 1], '"') != NULL)
			return -1;
	}
}

int
workflow_status(const struct workflow *wf, const char *name)
{
	for (int i = 0; i < wf->nstatuses; i++)
		if (strcmp(wf->statuses[i].name, name) == 0)
			return i;
	return -1;
}

static int
parse_status(struct workflow *wf, char **w, int n, struct mado_err *e)
{
	struct wf_status *s;

	if (n < 4)
		return mado_err_set(e, MADO_EDATA,
			_("status needs NAME \"LABEL_JA\" \"LABEL_EN\" [flags]"));
	if (wf->nstatuses == WF_MAX_STATUS)
		return mado_err_set(e, MADO_EDATA, _("too many statuses"));
	if (workflow_status(wf, w[1]) >= 0)
		return mado_err_set(e, MADO_EDATA, _("status '%s' declared twice"), w[1]);
	if (*w[1] == '\0' || strlen(w[1]) >= sizeof s->name ||
	    strspn(w[1], "abcdefghijklmnopqrstuvwxyz_") != strlen(w[1]))
		return mado_err_set(e, MADO_EDATA,
			_("status name '%s' must be 1 to 23 lower-case letters and '_'"), w[1]);
	/* Labels are kept whole or refused: never cut inside a character. */
	for (int i = 2; i <= 3; i++)
		if (!g_utf8_validate(w[i], -1, NULL) || strlen(w[i]) >= sizeof s->label_ja)
			return mado_err_set(e, MADO_EDATA,
				_("label '%s' must be valid UTF-8 of at most %d bytes"), w[i],
				(int)sizeof s->label_ja - 1);
	s = &wf->statuses[wf->nstatuses++];
	g_strlcpy(s->name, w[1], sizeof s->name);
	g_strlcpy(s->label_ja, w[2], sizeof s->label_ja);
	g_strlcpy(s->label_en, w[3], sizeof s->label_en);
	for (int i = 4; i < n; i++) {
		if (strcmp(w[i], "initial") == 0)
			s->flags |= WF_INITIAL;
		else if (strcmp(w[i], "resolved") == 0)
			s->flags |= WF_RESOLVED;
		else if (strcmp(w[i], "closed") == 0)
			s->flags |= WF_CLOSED;
		else
			return mado_err_set(e, MADO_EDATA,
				_("unknown flag '%s' (initial, resolved, closed)"), w[i]);
	}
	return MADO_OK;
}

static int
parse_transition(struct workflow *wf, char **w, int n, struct mado_err *e)
{
	struct wf_transition *t;
	int from, to;
	enum role r;

	if (n != 4)
		return mado_err_set(e, MADO_EDATA, _("transition needs FROM -> TO ROLE"));
	from = workflow_status(wf, w[0]);
	to = workflow_status(wf, w[2]);
	if (from < 0 || to < 0)
		return mado_err_set(e, MADO_EDATA, _("unknown status '%s'"), from < 0 ? w[0] : w[2]);
	r = role_parse(w[3]);
	if (r == ROLE_NONE)
		return mado_err_set(e, MADO_EDATA, _("unknown role '%s'"), w[3]);
	if (wf->ntrans == WF_MAX_TRANS)
		return mado_err_set(e, MADO_EDATA, _("too many transitions"));
	for (int i = 0; i < wf->ntrans; i++)
		if (wf->trans[i].from == from && wf->trans[i].to == to)
			return mado_err_set(e, MADO_EDATA, _("transition %s -> %s given twice"), w[0], w[2]);
	t = &wf->trans[wf->ntrans++];
	t->from = from;
	t->to = to;
	t->role = r;
	return MADO_OK;
}

int
workflow_parse(struct workflow *wf, const char *kind, const char *text, const char *name,
	struct mado_err *e)
{
	char **lines = g_strsplit(text, "\n", -1);
	int st = MADO_OK, initial = 0;

	memset(wf, 0, sizeof *wf);
	g_strlcpy(wf->kind, kind, sizeof wf->kind);
	for (int ln = 0; lines[ln] != NULL && st == MADO_OK; ln++) {
		char *w[12];
		int n = split_words(lines[ln], w, 12);

		if (n < 0)
			st = mado_err_set(e, MADO_EDATA, _("unclosed quote"));
		else if (n == 0)
			continue;
		else if (strcmp(w[0], "status") == 0)
			st = parse_status(wf, w, n, e);
		else if (n >= 2 && strcmp(w[1], "->") == 0)
			st = parse_transition(wf, w, n, e);
		else
			st = mado_err_set(e, MADO_EDATA, _("expected 'status ...' or 'FROM -> TO ROLE'"));
		if (st != MADO_OK)
			mado_err_prefix(e, "%s:%d: ", name, ln + 1);
	}
	g_strfreev(lines);
	if (st != MADO_OK)
		return st;
	for (int i = 0; i < wf->nstatuses; i++)
		initial += (wf->statuses[i].flags & WF_INITIAL) != 0;
	if (initial != 1)
		return mado_err_set(e, MADO_EDATA, _("%s: needs exactly one initial status"), name);
	return MADO_OK;
}

int
workflow_load(struct workflow *wf, const char *kind, struct mado_err *e)
{
	char *file = g_strdup_printf("%s/workflows/%s.wf", mado_sharedir(), kind);
	char *text = NULL;
	GError *gerr = NULL;
	int st;

	if (!g_file_get_contents(file, &text, NULL, &gerr)) {
		st = mado_err_set(e, MADO_ECONFIG, _("workflow of %s: %s"), kind, gerr->message);
		g_error_free(gerr);
	} else
		st = workflow_parse(wf, kind, text, file, e);
	g_free(text);
	g_free(file);
	return st;
}

int
workflow_initial(const struct workflow *wf)
{
	for (int i = 0; i < wf->nstatuses; i++)
		if (wf->statuses[i].flags & WF_INITIAL)
			return i;
	return -1;
}

const char *
workflow_label(const struct workflow *wf, int status, const char *lang)
{
	if (status < 0 || status >= wf->nstatuses)
		return "?";
	return lang != NULL && strcmp(lang, "en") == 0
		? wf->statuses[status].label_en : wf->statuses[status].label_ja;
}

int
workflow_check(const struct workflow *wf, int from, int to, const struct actor *actor,
	struct mado_err *e)
{
	GString *allowed = g_string_new(NULL);
	int st;

	for (int i = 0; i < wf->ntrans; i++) {
		const struct wf_transition *t = &wf->trans[i];

		if (t->from != from)
			continue;
		if (t->to == to) {
			g_string_free(allowed, TRUE);
			if (actor->role >= t->role)
				return MADO_OK;
			return mado_err_set(e, MADO_EPERM,
				_("%s: moving from %s to %s needs the %s role; %s is %s"),
				wf->kind, wf->statuses[from].name, wf->statuses[to].name,
				role_name(t->role), actor->login, role_name(actor->role));
		}
		if (actor->role >= t->role)
			g_string_append_printf(allowed, "%s%s", allowed->len ? ", " : "",
				wf->statuses[t->to].name);
	}
	if (to >= 0)
		st = mado_err_set(e, MADO_EDATA, _("%s: cannot go from %s to %s; allowed: %s"),
			wf->kind, wf->statuses[from].name, wf->statuses[to].name,
			allowed->len ? allowed->str : _("none"));
	else
		st = mado_err_set(e, MADO_EDATA, _("%s: no such status; from %s it can go to: %s"),
			wf->kind, wf->statuses[from].name, allowed->len ? allowed->str : _("none"));
	g_string_free(allowed, TRUE);
	return st;
}

int
workflow_close_target(const struct workflow *wf, int from)
{
	for (int i = 0; i < wf->ntrans; i++)
		if (wf->trans[i].from == from && (wf->statuses[wf->trans[i].to].flags & WF_CLOSED))
			return wf->trans[i].to;
	return -1;
}

int
workflow_reopen_target(const struct workflow *wf, int from)
{
	const unsigned done = WF_RESOLVED | WF_CLOSED;

	if (!(wf->statuses[from].flags & done))
		return -1;
	for (int i = 0; i < wf->ntrans; i++)
		if (wf->trans[i].from == from && !(wf->statuses[wf->trans[i].to].flags & done))
			return wf->trans[i].to;
	return -1;
}
