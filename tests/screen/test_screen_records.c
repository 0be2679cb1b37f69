/* Screen tests of the knowledge and call-log views of the real mado:
 * each list by its key (4, 5) in the order core reads it, its columns
 * aligned in cells under Japanese text, End, an article or a call log
 * opened with its fields, and the Japanese names of the contact center's
 * fields with --lang ja. Expectations are read from the database through
 * the sqlite3 program. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

/* Rows of two tab-separated columns: a key and a text. */
struct pairs {
	int n;
	char **key, **text;
};

static void
pairs_load(struct pairs *p, const char *db, const char *sql)
{
	char *out = mr_sql(db, sql), *line, *save = NULL;

	memset(p, 0, sizeof *p);
	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');

		p->key = realloc(p->key, sizeof *p->key * (size_t)(p->n + 1));
		p->text = realloc(p->text, sizeof *p->text * (size_t)(p->n + 1));
		if (p->key == NULL || p->text == NULL)
			abort();
		if (tab != NULL)
			*tab = '\0';
		p->key[p->n] = strdup(line);
		p->text[p->n] = strdup(tab != NULL ? tab + 1 : "");
		p->n++;
	}
	free(out);
}

static void
pairs_free(struct pairs *p)
{
	for (int i = 0; i < p->n; i++) {
		free(p->key[i]);
		free(p->text[i]);
	}
	free(p->key);
	free(p->text);
}

struct expected {
	const struct pairs *p;
	int first;		/* the pair on the first list row */
	int text_col;		/* where every text starts */
};

/* The list rows hold the pairs from first on, each key before its text
 * and each text (its first characters: it may be cut) at text_col. */
static bool
rows_are(struct vt *vt, void *arg)
{
	const struct expected *x = arg;

	for (int row = MS_FIRST_ROW, i = x->first; row <= ms_last_row(vt) && i < x->p->n; row++, i++) {
		char *begin = ms_prefix(x->p->text[i], 3);
		int key = vt_col_of(vt, row, x->p->key[i]), text = vt_col_of(vt, row, begin);

		free(begin);
		if (key < 0 || text != x->text_col || key >= text)
			return false;
	}
	return true;
}

static bool
wait_rows(struct vt *vt, const struct pairs *p, int first, const char *header)
{
	struct expected x = { p, first, -1 };

	if (!ms_wait_row(vt, MS_HEADER_ROW, header, SCREEN_WAIT_MS))
		return false;
	x.text_col = vt_col_of(vt, MS_HEADER_ROW, header);
	return mr_wait(vt, rows_are, &x, SCREEN_WAIT_MS);
}

static void
test_knowledge(const struct mr_fixture *f)
{
	const char *db = f->db;
	char *file = mr_path(f->dir, "手順書.txt");
	struct vt *vt;
	struct pairs kb;
	int page = 0;
	char *views_before, *views_after;
	const char *sql;

	pairs_load(&kb, db, "SELECT faq_no, title FROM kb_article ORDER BY faq_no");
	/* The first article has an attachment, shown with it and offered by v. */
	ok(mr_write_file(file, "窓口の案内\n", 0644), "knowledge: a file written");
	{
		const char *const attach[] = { "kb", "attach", kb.key[0], file, NULL };

		is_int(mr_cli(db, attach, NULL), 0, "knowledge: attached to FAQ %s by the CLI",
			kb.key[0]);
	}
	vt = mr_mado(db, NULL, NULL, 24, 80);
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "knowledge: mado is up");
	vt_key(vt, "4");
	screen_ok(vt, ms_wait_row(vt, 0, "Knowledge articles", SCREEN_WAIT_MS)
		&& wait_rows(vt, &kb, 0, "Title"),
		"knowledge: 4 lists the articles by number, every title under its header");
	page = ms_last_row(vt) - MS_FIRST_ROW + 1;
	vt_key(vt, "End");
	screen_ok(vt, kb.n > page && wait_rows(vt, &kb, kb.n - page, "Title"),
		"knowledge: End shows the last %d of %d", page, kb.n);
	vt_key(vt, "Home");
	screen_ok(vt, wait_rows(vt, &kb, 0, "Title") && ms_wait_selected(vt, MS_FIRST_ROW, SCREEN_WAIT_MS),
		"knowledge: Home, the first selected");

	/* The list runs by FAQ number: its first row is the lowest number. */
	sql = "SELECT views FROM kb_article ORDER BY faq_no LIMIT 1";
	views_before = mr_sql(db, sql);
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, kb.key[0], SCREEN_WAIT_MS) && ms_row_has(vt, 0, "FAQ No.")
		&& vt_wait_for(vt, "Question", SCREEN_WAIT_MS) && vt_wait_for(vt, "Answer", SCREEN_WAIT_MS),
		"knowledge: Enter opens FAQ %s with its question and answer", kb.key[0]);
	views_after = mr_sql(db, sql);
	ok(atoi(views_after) == atoi(views_before) + 1,
		"knowledge: opening counted one view (%d -> %d)",
		atoi(views_before), atoi(views_after));
	vt_key(vt, "End");
	screen_ok(vt, vt_wait_for(vt, "Attachments", SCREEN_WAIT_MS)
		&& ms_wait_row_with(vt, "手順書.txt", "text/plain", SCREEN_WAIT_MS),
		"knowledge: the attachment listed under Attachments with its size and type");
	vt_key(vt, "v");
	screen_ok(vt, vt_wait_for(vt, "Attachments of FAQ-", SCREEN_WAIT_MS)
		&& vt_wait_for(vt, "type to narrow", SCREEN_WAIT_MS),
		"knowledge: v opens the picker of the article's attachments");
	vt_key(vt, "Esc");
	screen_ok(vt, vt_wait_gone(vt, "type to narrow", SCREEN_WAIT_MS),
		"knowledge: Esc closes the picker");
	vt_key(vt, "q");
	screen_ok(vt, ms_wait_row(vt, 0, "Knowledge articles", SCREEN_WAIT_MS),
		"knowledge: q goes back to the list");
	free(views_before);
	free(views_after);
	pairs_free(&kb);
	vt_close(vt);
	free(file);
}

/* The call logs in Japanese: the contact center's own field names. */
static void
test_calllogs(const char *db)
{
	const char *const ja[] = { "--lang", "ja", NULL };
	struct vt *vt = mr_mado(db, ja, NULL, 30, 100);
	struct pairs logs;

	pairs_load(&logs, db, "SELECT receipt_no, inquiry_text FROM calllog ORDER BY started_at DESC, id DESC");
	screen_ok(vt, ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS),
		"call logs: mado is up in Japanese");
	vt_key(vt, "5");
	screen_ok(vt, ms_wait_row(vt, 0, "応対履歴", SCREEN_WAIT_MS) && wait_rows(vt, &logs, 0, "受付内容"),
		"call logs: 5 lists them newest first, 受付内容 aligned under its header on every row");
	screen_ok(vt, ms_row_has(vt, MS_HEADER_ROW, "受付ID") && vt_col_of(vt, MS_HEADER_ROW, "受付ID") == 0,
		"call logs: 受付ID heads the first column");
	vt_key(vt, "Enter");
	screen_ok(vt, ms_wait_row(vt, 0, logs.key[0], SCREEN_WAIT_MS) && vt_wait_for(vt, "対応内容", SCREEN_WAIT_MS),
		"call logs: Enter opens %s", logs.key[0]);
	{
		static const char *const fields[] = { "受付ID", "受付者", "受付開始日時", "受付内容", "対応内容" };
		bool all = true;

		for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
			all = all && vt_find_row(vt, fields[i]) > 0;
		screen_ok(vt, all, "call logs: the record shows 受付ID, 受付者, 受付開始日時, 受付内容, 対応内容");
	}
	vt_key(vt, "q");
	screen_ok(vt, ms_wait_row(vt, 0, "応対履歴", SCREEN_WAIT_MS),
		"call logs: q goes back to the list");
	pairs_free(&logs);
	vt_close(vt);
}

int
main(void)
{
	const char *const gen[] = { "--tickets", "60", "--kb", "40", "--calllogs", "60", "--seed", "13",
		NULL };
	struct mr_fixture f;

	mr_fixture_new(&f, "mado-screen-records", gen);
	test_knowledge(&f);
	test_calllogs(f.db);
	mr_fixture_free(&f);
	return tap_done();
}
