/* Screen tests of one ticket in the real mado: open it from the list and
 * scroll it; create an inquiry through its form with a Japanese subject
 * and a two-line Japanese body (prompt, text area, picker, the required
 * mark and the message next to a refused field); reply, add an internal
 * note (told apart from a reply by marks, not colour alone) and change
 * the status through the picker, which offers only the workflow's
 * transitions. What was saved is then read back through the CLI. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

#define SUBJECT "窓口端末で印刷できない"
#define BODY1 "3階の複合機から印刷できません。"
#define BODY2 "至急対応をお願いします。"
#define REPLY "ドライバーを再インストールしてください。"
#define NOTE "ベンダーに確認中（社内メモ）"
#define EDITED1 "外部エディタで書いた返信です。"
#define EDITED2 "二行目も届きます。"

static bool
status_shows_line(struct vt *vt, void *unused)
{
	return ms_row_has(vt, ms_status_row(vt), "line ");
}

/* The ticket number in the title (row 0), or "". Newly allocated. */
static char *
title_number(const struct vt *vt)
{
	char *s = vt_row(vt, 0), *at = strstr(s, "INQ-"), *n;

	n = strdup(at != NULL ? at : "");
	n[strcspn(n, " ")] = '\0';
	free(s);
	return n;
}

/* Whether text on its row is preceded by mark on the same row. */
static bool
marked(const struct vt *vt, const char *text, const char *mark)
{
	int row = vt_find_row(vt, text);
	int at = row >= 0 ? vt_col_of(vt, row, mark) : -1;

	return at >= 0 && at < vt_col_of(vt, row, text);
}

static void
test_open(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 80);
	char *first;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "open: the list is shown");
	first = ms_first_word(vt, MS_FIRST_ROW);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, first, SCREEN_WAIT_MS)
		&& mr_wait(vt, status_shows_line, NULL, SCREEN_WAIT_MS),
		"open: Enter shows %s, its title and the line on the status line", first);
	screen_ok(vt, vt_find_row(vt, "Number") == 1 && ms_row_has(vt, 1, first)
		&& vt_find_row(vt, "Status") > 1 && vt_find_row(vt, "Subject") > 1,
		"open: the fields from the top: number, status, subject");
	vt_key(vt, "End");
	screen_ok(vt, vt_wait_for(vt, "History", SCREEN_WAIT_MS) && vt_wait_for(vt, "madogen", SCREEN_WAIT_MS),
		"open: End shows the history from the audit trail");
	screen_ok(vt, vt_find_row(vt, first) == 0, "open: the title stays while scrolling");
	vt_key(vt, "Home");
	screen_ok(vt, ms_wait_row(vt, 1, "Number", SCREEN_WAIT_MS),
		"open: Home goes back to the top");
	vt_key(vt, "q");
	screen_ok(vt, ms_wait_row(vt, 0, "Inquiries", SCREEN_WAIT_MS)
		&& ms_wait_status(vt, first, SCREEN_WAIT_MS),
		"open: q goes back to the list, on the same record");
	free(first);
	vt_close(vt);
}

/* Fills the new-inquiry form and saves it; returns the new number. */
static char *
create_inquiry(struct vt *vt)
{
	int row;

	vt_key(vt, "n");
	screen_ok(vt, ms_wait_row(vt, 0, "New inquiry", SCREEN_WAIT_MS)
		&& ms_wait_swap(vt, "Requester mail", "INQ-", SCREEN_WAIT_MS),
		"new: n opens the new-inquiry form");
	row = vt_find_row(vt, "Subject");
	screen_ok(vt, row > 0 && vt_col_of(vt, row, "*") >= 0
		&& vt_col_of(vt, row, "*") < vt_col_of(vt, row, "Subject"),
		"new: the subject is marked required");
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "nothing was saved", SCREEN_WAIT_MS)
		&& vt_find_row(vt, "is required") == row + 1,
		"new: saving it empty is refused, the reason on the line below the field");

	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, ms_message_row(vt), "Subject:", SCREEN_WAIT_MS),
		"new: Enter on the subject opens the prompt");
	vt_send(vt, SUBJECT);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, row, SUBJECT, SCREEN_WAIT_MS) && vt_wait_gone(vt, "is required", SCREEN_WAIT_MS),
		"new: the Japanese subject is in its field");

	vt_key(vt, "Down");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, "Description", SCREEN_WAIT_MS),
		"new: Enter on the description opens the text area");
	vt_send(vt, BODY1);
	vt_key(vt, "Enter");
	vt_send(vt, BODY2);
	screen_ok(vt, vt_wait_for(vt, BODY2, SCREEN_WAIT_MS)
		&& vt_find_row(vt, BODY1) + 1 == vt_find_row(vt, BODY2),
		"new: two lines typed in the text area");
	vt_key(vt, "C-s");
	screen_ok(vt, vt_wait_for(vt, "(2 lines)", SCREEN_WAIT_MS),
		"new: the form shows the description's first line and its size");

	vt_key(vt, "Down");
	vt_key(vt, "Down");
	vt_key(vt, "Enter");
	screen_ok(vt, vt_wait_for(vt, "type to narrow", SCREEN_WAIT_MS) && vt_wait_for(vt, "NETWORK", SCREEN_WAIT_MS),
		"new: Enter on the queue opens a picker of the queues");
	vt_send(vt, "ヘルプ");
	screen_ok(vt, ms_wait_swap(vt, "HELPDESK", "NETWORK", SCREEN_WAIT_MS),
		"new: typing ヘルプ narrows the picker to the help desk");
	vt_key(vt, "Enter");
	screen_ok(vt, vt_wait_gone(vt, "type to narrow", SCREEN_WAIT_MS), "new: Enter chooses it");
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "saved", SCREEN_WAIT_MS) && ms_wait_row(vt, 0, SUBJECT, SCREEN_WAIT_MS),
		"new: saved, the new inquiry is shown");
	screen_ok(vt, vt_wait_for(vt, BODY2, SCREEN_WAIT_MS) && vt_find_row(vt, BODY1) >= 0,
		"new: its body shows both lines");
	return title_number(vt);
}

static void
write_text(struct vt *vt, const char *key, const char *title, const char *text)
{
	vt_key(vt, key);
	screen_ok(vt, ms_wait_row(vt, 0, title, SCREEN_WAIT_MS), "%s opens '%s'", key, title);
	vt_send(vt, text);
	screen_ok(vt, vt_wait_for(vt, text, SCREEN_WAIT_MS), "%s: the Japanese text is typed", key);
	vt_key(vt, "C-s");
}

static void
test_work(const char *db)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 30, 100);
	char *number, *shown = NULL, title[128];
	int row;

	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "work: the list is shown");
	number = create_inquiry(vt);
	ok(strncmp(number, "INQ-", 4) == 0, "work: the new number %s", number);

	snprintf(title, sizeof title, "Reply to the requester of %s", number);
	write_text(vt, "r", title, REPLY);
	screen_ok(vt, ms_wait_message(vt, "reply saved", SCREEN_WAIT_MS) && vt_wait_for(vt, "[reply]", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, REPLY, SCREEN_WAIT_MS), "reply: saved and shown in the conversation");
	snprintf(title, sizeof title, "Internal note on %s", number);
	write_text(vt, "N", title, NOTE);
	screen_ok(vt, ms_wait_message(vt, "internal note saved", SCREEN_WAIT_MS) && vt_wait_for(vt, "[internal note]", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, NOTE, SCREEN_WAIT_MS), "note: saved and shown in the conversation");
	screen_ok(vt, marked(vt, REPLY, ">") && marked(vt, NOTE, "│") && !marked(vt, NOTE, ">"),
		"reply and note told apart by their marks (> and │), not by colour alone");

	vt_key(vt, "t");
	screen_ok(vt, vt_wait_for(vt, "New status of", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "In progress", SCREEN_WAIT_MS) && vt_wait_for(vt, "Waiting", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "Answered", SCREEN_WAIT_MS),
		"status: t opens a picker of the workflow's transitions from New");
	row = vt_find_row(vt, "type to narrow");
	screen_ok(vt, row > 0 && vt_find_row(vt, "Waiting") > row && vt_find_row(vt, "Answered") > row,
		"status: they are listed below its filter line");
	vt_send(vt, "progress");
	screen_ok(vt, vt_wait_gone(vt, "Waiting", SCREEN_WAIT_MS),
		"status: typing narrows to In progress");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_message(vt, "status changed", SCREEN_WAIT_MS), "status: changed");
	vt_key(vt, "Home");
	screen_ok(vt, ms_wait_row(vt, 1, "Number", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, " Status ", "In progress", SCREEN_WAIT_MS),
		"status: the Status field says In progress");

	{
		const char *const args[] = { "ticket", "show", number, NULL };

		is_int(mr_cli(db, args, &shown), 0, "CLI: ticket show %s", number);
		ok(shown != NULL && strstr(shown, SUBJECT) && strstr(shown, BODY1 "\n" BODY2)
			&& strstr(shown, REPLY) && strstr(shown, NOTE) && strstr(shown, "In progress")
			&& strstr(shown, "ヘルプデスク"),
			"CLI: subject, body, reply, note, queue and status were saved");
		if (shown != NULL && tap_failed > 0)
			printf("# %s\n", shown);
	}
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "Q quits");
	is_int(vt_close(vt), 0, "mado exits 0");
	free(shown);
	free(number);
}

/* A reply written in $EDITOR (C-e in the text area): a script stands in
 * for the editor and writes two lines into the file it is given. */
static void
test_editor(const struct mr_fixture *f)
{
	char *script = mr_path(f->dir, "editor.sh"), editor[512], visual[512];
	const char *env[] = { editor, visual, NULL };
	struct vt *vt;
	char *number;

	ok(mr_write_file(script, "#!/bin/sh\nprintf '" EDITED1 "\\n" EDITED2 "\\n' > \"$1\"\n", 0700),
		"editor: the stand-in editor");
	snprintf(editor, sizeof editor, "EDITOR=%s", script);
	snprintf(visual, sizeof visual, "VISUAL=%s", script);
	vt = mr_mado(f->db, NULL, env, 30, 100);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "editor: the list is shown");
	number = ms_first_word(vt, MS_FIRST_ROW);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, number, SCREEN_WAIT_MS), "editor: %s opened", number);
	vt_key(vt, "r");
	screen_ok(vt, ms_wait_row(vt, 0, "Reply to the requester", SCREEN_WAIT_MS),
		"editor: r opens the reply");
	vt_key(vt, "C-e");
	screen_ok(vt, vt_wait_for(vt, EDITED2, SCREEN_WAIT_MS)
		&& vt_find_row(vt, EDITED1) + 1 == vt_find_row(vt, EDITED2)
		&& ms_wait_row(vt, 0, "Reply to the requester", SCREEN_WAIT_MS),
		"editor: C-e brings back what the editor wrote, the screen whole again");
	vt_key(vt, "C-s");
	screen_ok(vt, ms_wait_message(vt, "reply saved", SCREEN_WAIT_MS) && vt_wait_for(vt, EDITED1, SCREEN_WAIT_MS)
		&& marked(vt, EDITED1, ">"), "editor: the reply is saved and shown as a reply");
	vt_close(vt);
	free(number);
	free(script);
}

/* The whole of a small file, or NULL when it is not there. Caller frees. */
static char *
read_small_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = fp != NULL ? calloc(1, 4096) : NULL;

	if (buf != NULL && fread(buf, 1, 4095, fp) == 0 && ferror(fp)) {
		free(buf);
		buf = NULL;
	}
	if (fp != NULL)
		fclose(fp);
	return buf;
}

static bool
file_exists(struct vt *vt, void *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp != NULL)
		fclose(fp);
	return fp != NULL;
}

/* Whether the file whose path the pager script kept (in the file at
 * path_file) is gone again. */
static bool
copy_removed(struct vt *vt, void *path_file)
{
	char *given = read_small_file(path_file);
	bool gone;

	if (given == NULL)
		return false;
	given[strcspn(given, "\n")] = '\0';
	gone = !file_exists(vt, given);
	free(given);
	return gone;
}

/* An attachment of the first inquiry: listed in the detail view with its
 * size and type, and v, Enter hands a private copy to $PAGER (a script
 * that keeps what it was given), removed once the pager is done. */
static void
test_attachment(const struct mr_fixture *f)
{
	static const char content[] = "エラー: 印刷キューが停止しました\n";
	char *file = mr_path(f->dir, "障害ログ.txt"), *pager = mr_path(f->dir, "pager.sh");
	char *seen = mr_path(f->dir, "seen.txt"), *seen_path = mr_path(f->dir, "seen-path.txt");
	char *list = NULL, *number, script[1024], *got, *given;
	const char *const list_args[] = { "--format", "csv", "ticket", "list", "--kind", "inquiry",
		"--limit", "1", NULL };
	const char *env[] = { NULL, NULL };
	char env_pager[600];
	struct vt *vt;

	snprintf(script, sizeof script, "#!/bin/sh\nprintf '%%s\\n' \"$1\" > '%s'\n"
		"cp \"$1\" '%s.tmp' && mv '%s.tmp' '%s'\n", seen_path, seen, seen, seen);
	ok(mr_write_file(file, content, 0644) && mr_write_file(pager, script, 0755),
		"attachment: a file and a pager script written");
	is_int(mr_cli(f->db, list_args, &list), 0, "attachment: the newest inquiry listed");
	number = mr_csv_field(strchr(list, '\n') != NULL ? strchr(list, '\n') + 1 : "", 0);
	{
		const char *const attach[] = { "ticket", "attach", number, file, NULL };

		is_int(mr_cli(f->db, attach, NULL), 0, "attachment: attached to %s by the CLI", number);
	}
	snprintf(env_pager, sizeof env_pager, "PAGER=%s", pager);
	env[0] = env_pager;
	vt = mr_mado(f->db, NULL, env, 30, 100);
	screen_ok(vt, ms_wait_status(vt, number, SCREEN_WAIT_MS),
		"attachment: %s is first", number);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, number, SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "Attachments", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "障害ログ.txt", "text/plain", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "障害ログ.txt", "bytes", SCREEN_WAIT_MS),
		"attachment: listed under Attachments with its size and type");
	vt_key(vt, "v");
	screen_ok(vt, vt_wait_for(vt, "Attachments of", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "type to narrow", SCREEN_WAIT_MS),
		"attachment: v opens a picker of the attachments");
	vt_key(vt, "Enter");
	screen_ok(vt, mr_wait(vt, file_exists, seen, SCREEN_WAIT_MS),
		"attachment: Enter runs $PAGER");
	got = read_small_file(seen);
	given = read_small_file(seen_path);
	ok(got != NULL && strcmp(got, content) == 0,
		"attachment: the pager got the content as attached");
	ok(given != NULL && strstr(given, "/障害ログ.txt\n") != NULL && given[0] == '/',
		"attachment: under its own name, by an absolute path: %s", given ? given : "");
	screen_ok(vt, mr_wait(vt, copy_removed, seen_path, SCREEN_WAIT_MS),
		"attachment: the private copy is removed when the pager is done");
	screen_ok(vt, vt_wait_gone(vt, "type to narrow", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "障害ログ.txt", "text/plain", SCREEN_WAIT_MS)
		&& mr_wait(vt, status_shows_line, NULL, SCREEN_WAIT_MS),
		"attachment: the ticket is painted again, without the picker");
	vt_key(vt, "q");
	screen_ok(vt, ms_wait_row(vt, 0, "Inquiries", SCREEN_WAIT_MS),
		"attachment: q goes back to the list");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "attachment: Q quits");
	vt_close(vt);
	free(got);
	free(given);
	free(number);
	free(list);
	free(file);
	free(pager);
	free(seen);
	free(seen_path);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "100", "--kb", "5", "--calllogs", "5", "--seed", "11",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-ticket", gen);
	test_open(f.db);
	test_work(f.db);
	test_editor(&f);
	test_attachment(&f);
	mr_fixture_free(&f);
	return tap_done();
}
