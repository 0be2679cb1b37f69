/* The PDF renderer checked from outside, with poppler's tools: the text
 * extracted from the file, the fonts it embeds, page 1 rendered to an
 * image. */
#include "tests/tap.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/rdoc.h"

int main(void);

#define ROWS 150

/* Runs argv (no shell); its standard output in *out (caller frees).
 * Returns true when it ran and exited 0. */
static bool
run(const char *const *argv, char **out)
{
	GError *gerr = NULL;
	char *err = NULL;
	int status = 0;
	bool done = g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out,
		&err, &status, &gerr);

	if (!done) {
		printf("# %s: %s\n", argv[0], gerr->message);
		g_error_free(gerr);
		return false;
	}
	if (!g_spawn_check_wait_status(status, NULL))
		printf("# %s failed: %s\n", argv[0], err);
	g_free(err);
	return g_spawn_check_wait_status(status, NULL);
}

/* s without its spaces (caller frees): pdftotext drops the narrow ones
 * around the slash of "1 / 5". */
static char *
squeezed(const char *s)
{
	char *out = g_strdup(s), *o = out;

	for (; *s != '\0'; s++)
		if (*s != ' ')
			*o++ = *s;
	*o = '\0';
	return out;
}

/* Whether page n of pages shows "n / pages" in the text t of that page. */
static bool
numbered(const char *t, int n, int pages)
{
	char want[32], *flat = squeezed(t);
	bool found;

	snprintf(want, sizeof want, "%d/%d", n, pages);
	found = strstr(flat, want) != NULL;
	g_free(flat);
	return found;
}

/* The text of pages first..last (0: to the end) in layout mode. */
static char *
text_of(const char *pdf, int first, int last)
{
	char f[16], l[16], *out = NULL;
	const char *argv[] = { "pdftotext", "-layout", "-f", f, "-l", l, pdf, "-", NULL };

	snprintf(f, sizeof f, "%d", first);
	snprintf(l, sizeof l, "%d", last > 0 ? last : 9999);
	if (!run(argv, &out)) {
		g_free(out);
		return g_strdup("");
	}
	return out;
}

static int
page_count(const char *pdf)
{
	const char *argv[] = { "pdfinfo", pdf, NULL };
	char *out = NULL, *p;
	int n = 0;

	if (run(argv, &out) && (p = strstr(out, "\nPages:")) != NULL)
		n = atoi(p + strlen("\nPages:"));
	g_free(out);
	return n;
}

static void
build(struct rdoc *d)
{
	static const char *const heads[] = { "番号", "件名", "経過日数" };
	static const enum rdoc_align align[] = { RDOC_LEFT, RDOC_LEFT, RDOC_RIGHT };
	struct rdoc_table *t;
	GString *para = g_string_new(NULL);

	rdoc_init(d, "日次運用報告 テスト", "2026-11-20 早番 8:30–17:15", "作成 2026-11-20 17:20");
	rdoc_heading(d, "概要");
	for (int i = 0; i < 12; i++)
		g_string_append(para, "庁内ネットワークの障害は復旧し、窓口業務は通常どおり再開した。");
	rdoc_paragraph(d, para->str);
	g_string_free(para, TRUE);
	rdoc_heading(d, "未対応案件");
	t = rdoc_table(d, 3, heads, align);
	for (int i = 1; i <= ROWS; i++) {
		char key[16], subject[64], days[16];

		snprintf(key, sizeof key, "INC-%04d", i);
		snprintf(subject, sizeof subject, "プリンタが印刷できない 第%d庁舎", i);
		snprintf(days, sizeof days, "%d", i % 17);
		rdoc_row(t, (const char *const[]){ key, subject, days }, false);
	}
	rdoc_row(t, (const char *const[]){ "合計", NULL, "1234" }, true);

	rdoc_heading(d, "引継ぎ");
	para = g_string_new(NULL);
	for (int i = 0; i < 8; i++)
		g_string_append(para, "次の勤務帯で庁舎三階のプリンタの交換部品を受け取り、");
	g_string_append(para, "最後まで折り返して入る。");
	t = rdoc_table(d, 2, (const char *const[]){ "項目", "内容" }, NULL);
	rdoc_row(t, (const char *const[]){ "申し送り", para->str }, false);
	g_string_free(para, TRUE);
}

/* Every row's key, in order, on one line with the rest of its row. */
static void
check_rows(const char *text)
{
	const char *at = text;
	int in_order = 1, whole = 1;

	for (int i = 1; i <= ROWS && in_order; i++) {
		char key[16], subject[32];
		const char *p, *eol;

		snprintf(key, sizeof key, "INC-%04d", i);
		snprintf(subject, sizeof subject, "第%d庁舎", i);
		p = strstr(at, key);
		if (p == NULL) {
			in_order = 0;
			printf("# %s not found after the previous row\n", key);
			break;
		}
		eol = strchr(p, '\n');
		whole = whole && (p = strstr(p, subject)) != NULL && (eol == NULL || p < eol);
		at = p != NULL ? p : at;
	}
	ok(in_order, "text: every row's key, in order");
	ok(whole, "text: each row on one line");
}

static void
check_fonts(const char *pdf)
{
	const char *argv[] = { "pdffonts", pdf, NULL };
	char *out = NULL;
	char **lines;
	int emb = -1, embedded = 0;

	if (!run(argv, &out)) {
		ok(0, "pdffonts ran");
		g_free(out);
		return;
	}
	lines = g_strsplit(out, "\n", -1);
	/* The "emb" column starts where its heading does. */
	if (lines[0] != NULL && strstr(lines[0], " emb ") != NULL)
		emb = (int)(strstr(lines[0], " emb ") - lines[0]) + 1;
	for (char **l = lines; *l != NULL && emb > 0; l++)
		if ((strstr(*l, "NotoSansCJK") != NULL || strstr(*l, "IPA") != NULL) &&
		    (int)strlen(*l) > emb + 3 && strncmp(*l + emb, "yes", 3) == 0)
			embedded = 1;
	ok(embedded, "pdffonts: a Japanese font is embedded");
	if (!embedded)
		printf("# %s", out);
	g_strfreev(lines);
	g_free(out);
}

/* Page 1 at 50 dpi: the image has A4's shape and ink on it. */
static void
check_image(const char *dir, const char *pdf)
{
	char *prefix = g_build_filename(dir, "page", NULL);
	char *png = g_strconcat(prefix, ".png", NULL);
	const char *argv[] = { "pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile",
		pdf, prefix, NULL };
	char *out = NULL;
	cairo_surface_t *s;
	long ink = 0, pixels;

	ok(run(argv, &out), "pdftoppm rendered page 1");
	g_free(out);
	s = cairo_image_surface_create_from_png(png);
	is_int(cairo_surface_status(s), CAIRO_STATUS_SUCCESS, "page 1 image read");
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
		int stride = cairo_image_surface_get_stride(s);
		const unsigned char *data = cairo_image_surface_get_data(s);

		ok(w >= 413 && w <= 414, "page 1 image: 8.27 in wide at 50 dpi (%d)", w);
		ok(h >= 584 && h <= 585, "page 1 image: 11.69 in high at 50 dpi (%d)", h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				const unsigned char *px = data + (size_t)y * (size_t)stride + 4 * (size_t)x;

				/* Formats RGB24 and ARGB32 keep blue, green, red in the
				 * low three bytes; anything clearly darker than white. */
				if (px[0] + px[1] + px[2] < 3 * 200)
					ink++;
			}
		pixels = (long)w * h;
		ok(ink > pixels / 100 && ink < pixels / 2,
			"page 1 image: not blank (%ld of %ld pixels dark)", ink, pixels);
	}
	cairo_surface_destroy(s);
	g_unlink(png);
	g_free(png);
	g_free(prefix);
}

/* In a child whose fontconfig sees no fonts at all: rdoc_pdf must refuse
 * rather than write a PDF of empty boxes. The child reports its status
 * and message through a pipe. */
static void
check_no_font(const char *dir, const char *pdf)
{
	char *conf = g_build_filename(dir, "fonts.conf", NULL);
	char *text = g_strdup_printf("<?xml version=\"1.0\"?>\n<fontconfig><dir>%s/none</dir>"
		"</fontconfig>\n", dir);
	char msg[1200] = "";
	int fds[2], status = 0;
	pid_t pid;

	g_file_set_contents(conf, text, -1, NULL);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		ok(0, "no font: fork");
		return;
	}
	if (pid == 0) {
		struct mado_err e = { 0 };
		struct rdoc d;
		int st;

		close(fds[0]);
		g_setenv("FONTCONFIG_FILE", conf, TRUE);
		build(&d);
		st = rdoc_pdf(&d, pdf, &e);
		if (write(fds[1], e.msg, strlen(e.msg)) < 0)
			st = -1;
		_exit(st);
	}
	close(fds[1]);
	if (read(fds[0], msg, sizeof msg - 1) < 0)
		msg[0] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == MADO_ECONFIG,
		"no Japanese font: MADO_ECONFIG");
	ok(strstr(msg, "install fonts-noto-cjk") != NULL, "no Japanese font: says so (%s)", msg);
	ok(!g_file_test(pdf, G_FILE_TEST_EXISTS), "no Japanese font: no file written");
	g_unlink(conf);
	g_free(text);
	g_free(conf);
}

static int
entries(const char *dir)
{
	GDir *dh = g_dir_open(dir, 0, NULL);
	int n = 0;

	while (dh != NULL && g_dir_read_name(dh) != NULL)
		n++;
	if (dh != NULL)
		g_dir_close(dh);
	return n;
}

int
main(void)
{
	static const char *const tools[] = { "pdftotext", "pdfinfo", "pdffonts", "pdftoppm" };
	char *dir = g_dir_make_tmp("rdoc-pdf-XXXXXX", NULL);
	char *pdf = g_build_filename(dir, "日次.pdf", NULL);
	char *bad = g_build_filename(dir, "missing", "x.pdf", NULL);
	struct mado_err e;
	struct rdoc d;
	char *text;
	int pages;

	/* First, while this process has not loaded fonts yet. */
	check_no_font(dir, pdf);
	build(&d);
	is_int(rdoc_pdf(&d, pdf, &e), MADO_OK, "PDF written");
	is_int(entries(dir), 1, "only the PDF in its directory (temporary file renamed)");

	is_int(rdoc_pdf(&d, bad, &e), MADO_EIO, "PDF into a missing directory: MADO_EIO");
	ok(g_str_has_prefix(e.msg, bad), "PDF into a missing directory: names the path (%s)",
		e.msg);
	rdoc_free(&d);

	for (size_t i = 0; i < G_N_ELEMENTS(tools); i++) {
		char *found = g_find_program_in_path(tools[i]);

		g_free(found);
		if (found == NULL) {
			tap_skip("poppler-utils not installed (scripts/deps.sh check)");
			goto out;
		}
	}

	pages = page_count(pdf);
	ok(pages >= 3, "the 150-row table takes several pages (%d)", pages);

	text = text_of(pdf, 1, 0);
	ok(strstr(text, "日次運用報告 テスト") != NULL, "text: the Japanese title");
	ok(strstr(text, "庁内ネットワークの障害は復旧し") != NULL, "text: the paragraph");
	check_rows(text);
	ok(strstr(text, "合計") != NULL && strstr(text, "1234") != NULL, "text: the totals row");
	g_free(text);

	text = text_of(pdf, 1, 1);
	ok(numbered(text, 1, pages), "page 1: footer '1 / %d'", pages);
	ok(strstr(text, "作成 2026-11-20 17:20") != NULL, "page 1: the generated line");
	g_free(text);

	text = text_of(pdf, 2, 2);
	ok(strstr(text, "番号") != NULL && strstr(text, "件名") != NULL &&
		strstr(text, "経過日数") != NULL, "page 2: the column headings again");
	ok(strstr(text, "日次運用報告 テスト") != NULL && strstr(text, "早番") != NULL,
		"page 2: the header with title and subtitle");
	ok(numbered(text, 2, pages), "page 2: footer '2 / %d'", pages);
	g_free(text);

	text = text_of(pdf, pages, pages);
	ok(numbered(text, pages, pages), "last page: footer '%d / %d'", pages, pages);
	ok(strstr(text, "最後まで折り返して入る。") != NULL, "last page: a long cell wrapped whole");
	g_free(text);

	check_fonts(pdf);
	check_image(dir, pdf);
out:
	g_unlink(pdf);
	g_rmdir(dir);
	g_free(bad);
	g_free(pdf);
	g_free(dir);
	return tap_done();
}
