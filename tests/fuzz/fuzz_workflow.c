/* Fuzz target: the workflow parser (core/workflow.c).
 *
 * The input, up to its first NUL byte, is the text of a .wf file. A
 * refused text must give MADO_EDATA with a message that starts with the
 * file name. An accepted one must be a workflow the rest of the program
 * can rely on: 1–16 statuses with distinct lower-case names, exactly one
 * initial status, labels that are whole strings (and valid UTF-8 when the
 * text is), transitions between declared statuses with a real role.
 * Every lookup is then run on it: workflow_check for every pair of
 * statuses and every role (its answer must agree with the transitions),
 * the close and reopen targets, and the labels. */
#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workflow.h"

#define NAME "fuzz.wf"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) ((cond) ? (void)0 : check_failed(__FILE__, __LINE__, #cond))

static void __attribute__((noreturn))
check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

/* A NUL inside the array, so the field is a whole C string. */
#define TERMINATED(a) (memchr((a), '\0', sizeof(a)) != NULL)

/* The least role of a transition from -> to, or ROLE_NONE when there is
 * none. With several transitions between the same two statuses,
 * workflow_check obeys the first; so does this. */
static enum role
transition_role(const struct workflow *wf, int from, int to)
{
	for (int i = 0; i < wf->ntrans; i++)
		if (wf->trans[i].from == from && wf->trans[i].to == to)
			return wf->trans[i].role;
	return ROLE_NONE;
}

static void
check_statuses(const struct workflow *wf, bool utf8)
{
	int initial = 0;

	CHECK(wf->nstatuses >= 1 && wf->nstatuses <= WF_MAX_STATUS);
	for (int i = 0; i < wf->nstatuses; i++) {
		const struct wf_status *s = &wf->statuses[i];

		CHECK(TERMINATED(s->name) && TERMINATED(s->label_ja) && TERMINATED(s->label_en));
		CHECK(s->name[0] != '\0');
		CHECK(strspn(s->name, "abcdefghijklmnopqrstuvwxyz_") == strlen(s->name));
		CHECK(workflow_status(wf, s->name) == i);
		CHECK((s->flags & ~(unsigned)(WF_INITIAL | WF_RESOLVED | WF_CLOSED)) == 0);
		if (utf8) {
			if (!g_utf8_validate(s->label_ja, -1, NULL) ||
			    !g_utf8_validate(s->label_en, -1, NULL))
				fprintf(stderr, "status %s: a label is cut inside a character\n",
					s->name);
			CHECK(g_utf8_validate(s->label_ja, -1, NULL));
			CHECK(g_utf8_validate(s->label_en, -1, NULL));
		}
		initial += (s->flags & WF_INITIAL) != 0;
		CHECK(strcmp(workflow_label(wf, i, "en"), s->label_en) == 0);
		CHECK(strcmp(workflow_label(wf, i, "ja"), s->label_ja) == 0);
		CHECK(strcmp(workflow_label(wf, i, NULL), s->label_ja) == 0);
	}
	CHECK(initial == 1);
	CHECK(workflow_initial(wf) >= 0 && workflow_initial(wf) < wf->nstatuses);
	CHECK(wf->statuses[workflow_initial(wf)].flags & WF_INITIAL);
	CHECK(strcmp(workflow_label(wf, -1, "en"), "?") == 0);
	CHECK(strcmp(workflow_label(wf, wf->nstatuses, "ja"), "?") == 0);
	CHECK(workflow_status(wf, "") == -1);
}

static void
check_transitions(const struct workflow *wf)
{
	const unsigned done = WF_RESOLVED | WF_CLOSED;

	CHECK(wf->ntrans >= 0 && wf->ntrans <= WF_MAX_TRANS);
	for (int i = 0; i < wf->ntrans; i++) {
		const struct wf_transition *t = &wf->trans[i];

		CHECK(t->from >= 0 && t->from < wf->nstatuses);
		CHECK(t->to >= 0 && t->to < wf->nstatuses);
		CHECK(t->role >= ROLE_STAFF && t->role <= ROLE_ADMIN);
	}
	for (int from = 0; from < wf->nstatuses; from++) {
		int c = workflow_close_target(wf, from), r = workflow_reopen_target(wf, from);

		CHECK(c == -1 || (c >= 0 && c < wf->nstatuses));
		if (c >= 0) {
			CHECK(wf->statuses[c].flags & WF_CLOSED);
			CHECK(transition_role(wf, from, c) != ROLE_NONE);
		}
		CHECK(r == -1 || (r >= 0 && r < wf->nstatuses));
		if (r >= 0) {
			CHECK(wf->statuses[from].flags & done);
			CHECK(!(wf->statuses[r].flags & done));
			CHECK(transition_role(wf, from, r) != ROLE_NONE);
		}
	}
}

static void
check_moves(const struct workflow *wf)
{
	for (enum role role = ROLE_STAFF; role <= ROLE_ADMIN; role++) {
		struct actor a = { .staff_id = 1, .role = role };

		g_strlcpy(a.login, "fuzz", sizeof a.login);
		for (int from = 0; from < wf->nstatuses; from++)
			for (int to = -1; to < wf->nstatuses; to++) {
				struct mado_err e = { 0 };
				enum role need = to >= 0 ? transition_role(wf, from, to) : ROLE_NONE;
				int st = workflow_check(wf, from, to, &a, &e);

				if (need == ROLE_NONE)
					CHECK(st == MADO_EDATA);
				else if (role >= need)
					CHECK(st == MADO_OK);
				else
					CHECK(st == MADO_EPERM);
				if (st != MADO_OK)
					CHECK(e.msg[0] != '\0' && TERMINATED(e.msg));
			}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_strndup((const char *)data, size);
	struct workflow *wf = g_new(struct workflow, 1);
	struct mado_err e = { 0 };
	int st = workflow_parse(wf, "fuzz", text, NAME, &e);

	if (st != MADO_OK) {
		CHECK(st == MADO_EDATA);
		CHECK(e.status == MADO_EDATA);
		CHECK(strncmp(e.msg, NAME ":", strlen(NAME ":")) == 0);
	} else {
		CHECK(strcmp(wf->kind, "fuzz") == 0);
		check_statuses(wf, g_utf8_validate(text, -1, NULL));
		check_transitions(wf);
		check_moves(wf);
	}
	g_free(wf);
	g_free(text);
	return 0;
}
