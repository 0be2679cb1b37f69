/* Client benchmark on a generated database (see bench/run.sh): the real
 * mado in a pseudo-terminal read through libvterm (tests/screen/vt.h), as
 * an operator over SSH would run it:
 *   the time from start to the first full screen of the inquiries;
 *   moving the cursor one row and a page down in that list: the time until
 *   the status line names the new record (the last thing painted) and the
 *   bytes written to the terminal once it is quiet;
 *   opening a ticket from the list and going back.
 * Each is repeated; prints median, p95 and max. Asserts nothing.
 * Usage: bench_client DB [REPEAT [STARTS]]; $MADO is the client. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"
#include "bench/bench_util.h"

int main(int argc, char **argv);

enum {
	WAIT_MS = 30000,	/* a first screen on a cold million-row file may be slow */
	QUIET_MS = 30,		/* silence that ends the bytes of one key */
};

struct series {
	const char *what;
	int n;
	double *ms;
	double *bytes;
};

static void
series_init(struct series *s, const char *what, int n)
{
	s->what = what;
	s->n = 0;
	s->ms = calloc((size_t)n, sizeof *s->ms);
	s->bytes = calloc((size_t)n, sizeof *s->bytes);
	if (s->ms == NULL || s->bytes == NULL)
		abort();
}

static void
series_add(struct series *s, double ms, size_t bytes)
{
	s->ms[s->n] = ms;
	s->bytes[s->n] = (double)bytes;
	s->n++;
}

static void
report(struct series *s)
{
	int n = s->n;

	if (n == 0) {
		printf("%-36s no sample\n", s->what);
		return;
	}
	qsort(s->ms, (size_t)n, sizeof *s->ms, bench_cmp_double);
	qsort(s->bytes, (size_t)n, sizeof *s->bytes, bench_cmp_double);
	printf("%-36s n=%-4d median %8.2f ms  p95 %8.2f ms  max %8.2f ms | bytes median %6.0f  p95 %6.0f  max %6.0f\n",
		s->what, n, s->ms[n / 2], s->ms[n * 95 / 100], s->ms[n - 1], s->bytes[n / 2],
		s->bytes[n * 95 / 100], s->bytes[n - 1]);
	fflush(stdout);
	free(s->ms);
	free(s->bytes);
}

static void
fail(struct vt *vt, const char *what)
{
	fprintf(stderr, "bench_client: %s: the screen did not come\n", what);
	vt_dump(vt);
	vt_close(vt);
	exit(1);
}

/* The list is up: its last row holds a record and the status line names
 * the selected one (painted after the list). */
static bool
list_shown(struct vt *vt, void *unused)
{
	char *last = ms_first_word(vt, ms_last_row(vt));
	bool shown = strncmp(last, "INQ-", 4) == 0 && ms_row_has(vt, ms_status_row(vt), "INQ-");

	free(last);
	return shown;
}

static void
bench_start(const char *db, int starts, int rows, int cols)
{
	struct series s;

	series_init(&s, "start to first screen", starts);
	for (int i = 0; i < starts; i++) {
		double t0 = bench_now_ms();
		struct vt *vt = mr_mado(db, NULL, NULL, rows, cols);

		if (!mr_wait(vt, list_shown, NULL, WAIT_MS))
			fail(vt, "first screen");
		series_add(&s, bench_now_ms() - t0, 0);
		vt_settle(vt, QUIET_MS, WAIT_MS);
		s.bytes[s.n - 1] = (double)vt_bytes(vt);
		vt_close(vt);
	}
	report(&s);
}

/* The status line names another record than before. */
static bool
moved_from(struct vt *vt, void *before)
{
	int row = ms_status_row(vt);

	return !ms_row_has(vt, row, before) && ms_row_has(vt, row, "INQ-");
}

/* The record the status line names: its last "INQ-..." word. */
static char *
status_record(const struct vt *vt)
{
	char *s = vt_row(vt, ms_status_row(vt)), *at = strstr(s, "INQ-"), *r;

	r = strdup(at != NULL ? at : "");
	r[strcspn(r, " ")] = '\0';
	free(s);
	return r;
}

/* One key, timed until the status line names another record, its bytes
 * counted until the terminal is quiet. */
static bool
timed_move(struct vt *vt, const char *key, struct series *s)
{
	char *before;
	double t0;
	bool moved;

	/* At the end of a small list, start again from the top (untimed). */
	vt_settle(vt, QUIET_MS, WAIT_MS);
	if (!ms_row_has(vt, ms_status_row(vt), "▼")) {
		vt_key(vt, "Home");
		mr_wait(vt, list_shown, NULL, WAIT_MS);
		vt_settle(vt, QUIET_MS, WAIT_MS);
	}
	before = status_record(vt);
	vt_bytes_reset(vt);
	t0 = bench_now_ms();
	vt_key(vt, key);
	moved = mr_wait(vt, moved_from, before, WAIT_MS);
	if (moved) {
		double ms = bench_now_ms() - t0;

		vt_settle(vt, QUIET_MS, WAIT_MS);
		series_add(s, ms, vt_bytes(vt));
	}
	free(before);
	return moved;
}

static void
bench_keys(const char *db, int repeat, int rows, int cols)
{
	struct vt *vt = mr_mado(db, NULL, NULL, rows, cols);
	struct series down, page;
	char what[2][64];

	snprintf(what[0], sizeof what[0], "cursor one row down (%dx%d)", cols, rows);
	snprintf(what[1], sizeof what[1], "page down (%dx%d)", cols, rows);
	series_init(&down, what[0], repeat);
	series_init(&page, what[1], repeat);
	if (!mr_wait(vt, list_shown, NULL, WAIT_MS))
		fail(vt, "first screen");
	for (int i = 0; i < repeat; i++)
		if (!timed_move(vt, "Down", &down))
			fail(vt, "Down");
	for (int i = 0; i < repeat; i++)
		if (!timed_move(vt, "PageDown", &page))
			fail(vt, "PageDown");
	report(&down);
	report(&page);
	vt_close(vt);
}

static bool
detail_shown(struct vt *vt, void *number)
{
	return ms_row_has(vt, 0, number) && ms_row_has(vt, ms_status_row(vt), "line ");
}

static void
bench_open(const char *db, int repeat)
{
	struct vt *vt = mr_mado(db, NULL, NULL, 24, 80);
	struct series open, back, down;

	series_init(&open, "open a ticket (80x24)", repeat);
	series_init(&back, "back to the list (80x24)", repeat);
	series_init(&down, "(next row, between opens)", repeat);
	if (!mr_wait(vt, list_shown, NULL, WAIT_MS))
		fail(vt, "first screen");
	for (int i = 0; i < repeat; i++) {
		char *number = status_record(vt);
		double t0;

		vt_settle(vt, QUIET_MS, WAIT_MS);
		vt_bytes_reset(vt);
		t0 = bench_now_ms();
		vt_key(vt, "Enter");
		if (!mr_wait(vt, detail_shown, number, WAIT_MS))
			fail(vt, "open");
		open.ms[open.n] = bench_now_ms() - t0;
		vt_settle(vt, QUIET_MS, WAIT_MS);
		open.bytes[open.n++] = (double)vt_bytes(vt);

		vt_bytes_reset(vt);
		t0 = bench_now_ms();
		vt_key(vt, "q");
		if (!mr_wait(vt, list_shown, NULL, WAIT_MS))
			fail(vt, "back");
		back.ms[back.n] = bench_now_ms() - t0;
		vt_settle(vt, QUIET_MS, WAIT_MS);
		back.bytes[back.n++] = (double)vt_bytes(vt);
		free(number);
		if (!timed_move(vt, "Down", &down))
			fail(vt, "Down");
	}
	report(&open);
	report(&back);
	free(down.ms);
	free(down.bytes);
	vt_close(vt);
}

int
main(int argc, char **argv)
{
	int repeat = argc > 2 ? atoi(argv[2]) : 200, starts = argc > 3 ? atoi(argv[3]) : 50;

	if (argc < 2 || repeat < 1 || starts < 1) {
		fprintf(stderr, "usage: bench_client DB [REPEAT [STARTS]]  ($MADO is the client)\n");
		return 64;
	}
	printf("client on %s: %d starts, %d of each key (time until the status line names the "
		"new record; bytes until %d ms of quiet)\n", argv[1], starts, repeat, QUIET_MS);
	bench_start(argv[1], starts, 24, 80);
	bench_keys(argv[1], repeat, 24, 80);
	bench_keys(argv[1], repeat, 40, 132);
	bench_open(argv[1], repeat);
	return 0;
}
