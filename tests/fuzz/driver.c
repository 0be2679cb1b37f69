/* Runs a fuzz target over saved inputs when it is not built with
 * libFuzzer, so an ordinary build (gcc, the sanitizers of `make check`,
 * valgrind) checks the corpus, seeds and every reproducer, as a
 * regression test.
 *
 * Usage: fuzz_NAME FILE|DIR...   A directory stands for its regular files
 * (not recursing, dot files left out), in name order. Each input runs in a
 * child process, so one that crashes or fails a check is reported as
 * "not ok" and the others still run. The output is TAP: one
 * "ok N - FILE" per input, then the plan. */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int tests, failures;

static void
report(int good, const char *path, const char *why)
{
	printf("%sok %d - %s\n", good ? "" : "not ", ++tests, path);
	if (!good) {
		printf("#   %s\n", why);
		failures++;
	}
	fflush(stdout);
}

/* Runs the target on one file in a child process. The input is copied to
 * a buffer of exactly its size, so AddressSanitizer sees any read past
 * its end. The child leaves through exit(), so atexit handlers,
 * LeakSanitizer and valgrind's leak check run for every input. */
static void
run_file(const char *path)
{
	GError *gerr = NULL;
	gchar *text = NULL;
	gsize len = 0;
	uint8_t *data;
	char why[128];
	pid_t pid;
	int status;

	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		report(0, path, gerr->message);
		g_error_free(gerr);
		return;
	}
	data = malloc(len);
	if (data == NULL && len > 0) {
		g_free(text);
		report(0, path, "out of memory");
		return;
	}
	if (len > 0)
		memcpy(data, text, len);
	g_free(text);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		free(data);
		report(0, path, "cannot fork");
		return;
	}
	if (pid == 0) {
		LLVMFuzzerTestOneInput(data, len);
		free(data);
		exit(0);
	}
	free(data);
	if (waitpid(pid, &status, 0) < 0) {
		report(0, path, "waitpid failed");
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		report(1, path, NULL);
		return;
	}
	if (WIFSIGNALED(status))
		snprintf(why, sizeof why, "killed by signal %d (%s)", WTERMSIG(status),
			strsignal(WTERMSIG(status)));
	else
		snprintf(why, sizeof why, "exit status %d", WEXITSTATUS(status));
	report(0, path, why);
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_dir(const char *dir)
{
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	GError *gerr = NULL;
	GDir *d = g_dir_open(dir, 0, &gerr);
	const char *name;

	if (d == NULL) {
		report(0, dir, gerr->message);
		g_error_free(gerr);
		g_ptr_array_free(files, TRUE);
		return;
	}
	while ((name = g_dir_read_name(d)) != NULL) {
		char *path = g_build_filename(dir, name, NULL);

		if (name[0] != '.' && g_file_test(path, G_FILE_TEST_IS_REGULAR))
			g_ptr_array_add(files, path);
		else
			g_free(path);
	}
	g_dir_close(d);
	g_ptr_array_sort(files, by_name);
	if (files->len == 0)
		report(0, dir, "no inputs in this directory");
	for (guint i = 0; i < files->len; i++)
		run_file(files->pdata[i]);
	g_ptr_array_free(files, TRUE);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		if (g_file_test(argv[i], G_FILE_TEST_IS_DIR))
			run_dir(argv[i]);
		else
			run_file(argv[i]);
	}
	printf("1..%d\n", tests);
	return failures > 0 ? 1 : 0;
}
