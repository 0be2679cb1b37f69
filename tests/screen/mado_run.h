/* What the screen tests and the client benchmark need around vt.h: a
 * temporary directory with a generated database, the real mado started on
 * it in a terminal, the mado CLI and other tools run to completion, and
 * waiting for a condition on the screen (never sleeping).
 *
 * The programs come from the environment the test runner sets (tests_env
 * in tests/meson.build): MADO, MADOGEN. Every function aborts on out of
 * memory: this is test code. */
#ifndef MADO_TESTS_MADO_RUN_H
#define MADO_TESTS_MADO_RUN_H

#include <stdbool.h>
#include <sys/types.h>

#include "tests/screen/vt.h"

/* The value of an environment variable the runner must set; prints a TAP
 * "Bail out!" and exits 1 when it is missing. */
const char *mr_env(const char *name);

/* A new empty directory under $TMPDIR (or /tmp) named after prefix.
 * Newly allocated path; caller frees it (after mr_remove_tree). Bails out
 * when it cannot be made. */
char *mr_tempdir(const char *prefix);

/* Removes dir and everything below it (symbolic links are not followed). */
void mr_remove_tree(const char *dir);

/* dir/name. Newly allocated; caller frees. */
char *mr_path(const char *dir, const char *name);

/* Writes text to path with the given mode; false with a message on stderr
 * when it cannot. */
bool mr_write_file(const char *path, const char *text, mode_t mode);

/* A settings file XDG_CONFIG_HOME/madoguchi/mado.conf holding text under
 * dir/name, for a mado started with its own settings. Returns
 * "XDG_CONFIG_HOME=..." for mr_mado's env; caller frees. Aborts when the
 * file cannot be written. */
char *mr_settings(const char *dir, const char *name, const char *text);

/* Runs argv (no shell; argv[0] looked up in PATH) with stdin from input
 * (NULL: /dev/null) and stderr inherited, and collects its standard
 * output into *out (newly allocated, caller frees) when out is not NULL.
 * Returns the exit status, 128 + signal, or -1 if it could not run. */
int mr_run(const char *const argv[], const char *input, char **out);

/* The "today" of generated data (Unix seconds, 2025-06-02 12:00 JST):
 * before any day the tests run, so what they create is always newer. */
#define MR_GENERATED_AT "1748833200"

/* $MADOGEN --db db followed by args (NULL-terminated, may be NULL), with
 * MADO_NOW=MR_GENERATED_AT: the same seed makes the same data on any day.
 * True when it exits 0. Its report goes to stderr (the TAP log). */
bool mr_generate(const char *db, const char *const args[]);

/* A temporary directory named after prefix holding a database "test.db"
 * that madogen filled with gen_args; bails out when that fails. It also
 * becomes this process's HOME and XDG config, data and state directories,
 * so that the programs run from now on read no file of the developer's
 * (keymap, client settings, prompt history). The directory and the
 * database path are newly allocated; the caller frees both with
 * mr_fixture_free, which removes the directory. */
struct mr_fixture {
	char *dir;
	char *db;
};
void mr_fixture_new(struct mr_fixture *f, const char *prefix, const char *const gen_args[]);
void mr_fixture_free(struct mr_fixture *f);

/* $MADO --db db followed by args (NULL-terminated); returns the exit
 * status and, when out is not NULL, its standard output as mr_run does. */
int mr_cli(const char *db, const char *const args[], char **out);

/* Gives the user running the tests (the fixture's administrator) role
 * with `mado admin user role`; true when it exits 0. */
bool mr_set_role(const char *db, const char *role);

/* What the sqlite3 program prints for sql on db: one line a row, columns
 * separated by a tab. Tests read their expectations so. Newly allocated;
 * caller frees. Bails out when sqlite3 fails. */
char *mr_sql(const char *db, const char *sql);

/* Starts $MADO [args] --db db (args NULL-terminated, may be NULL: global
 * options such as --lang) in a new terminal of rows x cols; env as vt_spawn's envp_extra. Bails out when it
 * cannot be started. Owned by the caller: vt_close(). */
struct vt *mr_mado(const char *db, const char *const args[], const char *const env[],
	int rows, int cols);

/* Pumps the terminal until cond(vt, arg) holds (true) or timeout_ms has
 * passed or the child closed the terminal (false). cond is checked first,
 * then after each piece of output. */
bool mr_wait(struct vt *vt, bool (*cond)(struct vt *vt, void *arg), void *arg,
	int timeout_ms);

/* Field index (0-based) of one CSV record line (RFC 4180 quoting, no
 * newlines inside fields). Newly allocated; caller frees; NULL when the
 * line has fewer fields. */
char *mr_csv_field(const char *line, int index);

/* Milliseconds on the monotonic clock, for figures in TAP comments. */
long long mr_now_ms(void);

#endif
