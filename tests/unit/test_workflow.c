/* Workflows as data: parsing, errors with file:line, role checks, and the
 * shipped workflows themselves. */
#include <string.h>

#include "core/workflow.h"
#include "tests/tap.h"

static struct actor
as(enum role r)
{
	struct actor a = { .role = r };

	strcpy(a.login, "tester");
	return a;
}

static void
test_shipped(void)
{
	const char *kinds[] = { "inquiry", "incident", "request" };

	for (int k = 0; k < 3; k++) {
		struct workflow wf;
		struct mado_err e = { 0 };
		int st = workflow_load(&wf, kinds[k], &e);

		is_int(st, MADO_OK, "shipped %s workflow loads (%s)", kinds[k], e.msg);
		if (st != MADO_OK)
			continue;
		ok(workflow_initial(&wf) >= 0, "%s has an initial status", kinds[k]);
		/* Every status is reachable from the initial one. */
		int reach[WF_MAX_STATUS] = { 0 }, changed = 1;

		reach[workflow_initial(&wf)] = 1;
		while (changed) {
			changed = 0;
			for (int i = 0; i < wf.ntrans; i++)
				if (reach[wf.trans[i].from] && !reach[wf.trans[i].to])
					reach[wf.trans[i].to] = changed = 1;
		}
		int all = 1;
		for (int i = 0; i < wf.nstatuses; i++)
			all &= reach[i];
		ok(all, "%s: every status reachable", kinds[k]);
		int closed = -1;
		for (int i = 0; i < wf.nstatuses; i++)
			if (wf.statuses[i].flags & WF_CLOSED)
				closed = i;
		ok(closed >= 0 && workflow_reopen_target(&wf, closed) >= 0,
			"%s: a closed ticket can be reopened", kinds[k]);
	}
}

static void
test_inquiry_rules(void)
{
	struct workflow wf;
	struct mado_err e = { 0 };
	struct actor op = as(ROLE_OPERATOR), sup = as(ROLE_SUPERVISOR), staff = as(ROLE_STAFF);
	int s_new, s_prog, s_closed, s_answered;

	workflow_load(&wf, "inquiry", &e);
	s_new = workflow_status(&wf, "new");
	s_prog = workflow_status(&wf, "in_progress");
	s_closed = workflow_status(&wf, "closed");
	s_answered = workflow_status(&wf, "answered");
	is_int(workflow_check(&wf, s_new, s_prog, &op, &e), MADO_OK, "operator: new -> in_progress");
	is_int(workflow_check(&wf, s_new, s_prog, &staff, &e), MADO_EPERM, "staff may not work tickets");
	ok(strstr(e.msg, "operator") != NULL, "refusal names the needed role: %s", e.msg);
	is_int(workflow_check(&wf, s_new, s_closed, &op, &e), MADO_EPERM,
		"closing a new inquiry needs a supervisor");
	is_int(workflow_check(&wf, s_new, s_closed, &sup, &e), MADO_OK, "supervisor may");
	is_int(workflow_check(&wf, s_closed, s_answered, &sup, &e), MADO_EDATA,
		"closed -> answered is no transition");
	ok(strstr(e.msg, "in_progress") != NULL, "message lists allowed targets: %s", e.msg);
	is_int(workflow_close_target(&wf, s_answered), s_closed, "close from answered goes to closed");
	is_int(workflow_reopen_target(&wf, s_answered), s_prog, "reopen from answered");
	is_int(workflow_reopen_target(&wf, s_prog), -1, "an open ticket cannot be reopened");
	is_str(workflow_label(&wf, s_answered, "ja"), "回答完了", "Japanese label");
	is_str(workflow_label(&wf, s_answered, "en"), "Answered", "English label");
}

static void
test_parse_errors(void)
{
	struct workflow wf;
	struct mado_err e = { 0 };

	is_int(workflow_parse(&wf, "x", "status a \"A\" \"A\" initial\na -> b operator\n", "t.wf", &e),
		MADO_EDATA, "unknown status in a transition");
	is_str(e.msg, "t.wf:2: unknown status 'b'", "error names file and line");
	is_int(workflow_parse(&wf, "x", "status a \"A\" \"A\" initial\n\nstatus b \"B\" \"B\"\n"
		"a -> b wizard\n", "t.wf", &e), MADO_EDATA, "unknown role");
	is_str(e.msg, "t.wf:4: unknown role 'wizard'", "role error at line 4");
	is_int(workflow_parse(&wf, "x", "status a \"A\" \"A\"\n", "t.wf", &e), MADO_EDATA,
		"no initial status");
	is_int(workflow_parse(&wf, "x", "status a \"A \"A\" initial\n", "t.wf", &e), MADO_EDATA,
		"odd quotes");
	is_int(workflow_parse(&wf, "x", "# comment\nstatus a \"A\" \"B c\" initial closed\n",
		"t.wf", &e), MADO_OK, "comments and quoted labels with spaces");
	is_str(wf.statuses[0].label_en, "B c", "label with a space");
	ok(wf.statuses[0].flags == (WF_INITIAL | WF_CLOSED), "flags parsed");
}

int
main(void)
{
	test_shipped();
	test_inquiry_rules();
	test_parse_errors();
	return tap_done();
}
