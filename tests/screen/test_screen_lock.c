/* Screen tests of the idle lock: mado with [client] idle_lock_seconds=2
 * and a PAM configuration of the test's own (pam_confdir), whose
 * "madoguchi" service checks the password with pam_exec and a script that
 * knows one test password. After two idle seconds the screen must show
 * the lock and nothing of the tickets; a wrong password is refused and
 * said so; the right one brings the list back; C-x locks at once; each of
 * these is a session row in the audit trail. */
#include "tests/screen/screen_tap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/screen/mado_run.h"
#include "tests/screen/mado_screen.h"

int main(void);

#define PASSWORD "madoguchi-テスト-42"

/* The lock comes within idle_lock_seconds plus the loop's one-second tick. */
enum { IDLE_SECONDS = 2, LOCK_MS = (IDLE_SECONDS + 2) * 1000 };

struct setup {
	struct mr_fixture f;
	char *config;		/* MADO_CONFIG=path, for the environment */
};

/* Writes the check script, the PAM service and the configuration. */
static void
setup_new(struct setup *s)
{
	const char *const gen[] = { "--tickets", "60", "--kb", "5", "--calllogs", "5", "--seed", "7",
		NULL };
	char *pam_dir, *script, *service, *config, *text;
	size_t n;

	mr_fixture_new(&s->f, "mado-screen-lock", gen);
	pam_dir = mr_path(s->f.dir, "pam.d");
	script = mr_path(s->f.dir, "check-password");
	service = mr_path(pam_dir, "madoguchi");
	config = mr_path(s->f.dir, "madoguchi.conf");
	if (mkdir(pam_dir, 0700) != 0) {
		printf("Bail out! cannot make %s\n", pam_dir);
		exit(1);
	}
	/* pam_exec's expose_authtok writes the password NUL-terminated. */
	ok(mr_write_file(script, "#!/bin/sh\npw=$(tr -d '\\000')\n[ \"$pw\" = '" PASSWORD "' ]\n", 0700),
		"setup: the password check script");
	n = strlen(script) + 200;
	text = malloc(n);
	snprintf(text, n, "auth required pam_exec.so expose_authtok quiet %s\n"
		"account required pam_permit.so\n", script);
	ok(mr_write_file(service, text, 0600), "setup: the PAM service madoguchi");
	free(text);
	n = strlen(pam_dir) + 200;
	text = malloc(n);
	snprintf(text, n, "[client]\nidle_lock_seconds=%d\npam_confdir=%s\n", IDLE_SECONDS, pam_dir);
	ok(mr_write_file(config, text, 0600), "setup: the configuration");
	free(text);
	n = strlen(config) + sizeof "MADO_CONFIG=";
	s->config = malloc(n);
	snprintf(s->config, n, "MADO_CONFIG=%s", config);
	free(pam_dir);
	free(script);
	free(service);
	free(config);
}

static void
setup_free(struct setup *s)
{
	mr_fixture_free(&s->f);
	free(s->config);
}

/* The session events of the audit trail, oldest first, one a line. */
static char *
session_events(const char *db)
{
	return mr_sql(db, "SELECT action FROM audit WHERE entity = 'session' ORDER BY id");
}

/* Whether the lines of events hold want (a list of lines) in this order,
 * perhaps with other lines between them. */
static bool
in_order(const char *events, const char *const want[])
{
	const char *p = events;

	for (int i = 0; want[i] != NULL; i++) {
		size_t len = strlen(want[i]);

		while (*p != '\0' && !(strncmp(p, want[i], len) == 0 && p[len] == '\n'))
			p = strchr(p, '\n') != NULL ? strchr(p, '\n') + 1 : p + strlen(p);
		if (*p == '\0')
			return false;
		p += len + 1;
	}
	return true;
}

static bool
locked_and_bare(struct vt *vt, void *unused)
{
	char *s = vt_screen(vt);
	bool bare = strstr(s, "is locked") != NULL && strstr(s, "INQ-") == NULL
		&& strstr(s, "Number") == NULL && strstr(s, "Inquiries") == NULL;

	free(s);
	return bare;
}

static void
type_password(struct vt *vt, const char *password)
{
	vt_send(vt, password);
	vt_key(vt, "Enter");
}

static void
test_lock(const struct setup *s)
{
	const char *const env[] = { s->config, NULL };
	struct vt *vt = mr_mado(s->f.db, NULL, env, 24, 80);
	long long start;
	char *events;

	screen_ok(vt, vt_wait_for(vt, "INQ-", SCREEN_WAIT_MS)
		&& ms_wait_status(vt, "INQ-", SCREEN_WAIT_MS), "mado shows the inquiries");
	start = mr_now_ms();
	screen_ok(vt, mr_wait(vt, locked_and_bare, NULL, SCREEN_WAIT_MS),
		"idle: the lock covers the screen; no ticket, header or title is left");
	printf("# locked %lld ms after the list was shown (idle_lock_seconds=%d)\n",
		mr_now_ms() - start, IDLE_SECONDS);
	ok(mr_now_ms() - start <= LOCK_MS, "idle: locked within %d ms", LOCK_MS);
	screen_ok(vt, vt_wait_for(vt, "Password:", SCREEN_WAIT_MS) && vt_find_row(vt, "root") >= 0,
		"lock: it names the user and asks for the password");

	vt_send(vt, "q");
	vt_key(vt, "BackSpace");
	type_password(vt, "wrong-パスワード");
	screen_ok(vt, vt_wait_for(vt, "wrong password (1)", SCREEN_WAIT_MS),
		"wrong password: refused and counted on the screen");
	screen_ok(vt, vt_find_row(vt, "wrong-") < 0 && vt_find_row(vt, "パスワード") < 0
		&& vt_find_row(vt, "*") < 0, "wrong password: what was typed is never shown");
	screen_ok(vt, locked_and_bare(vt, NULL),
		"wrong password: still locked, nothing shown (and q typed into it did not quit)");

	type_password(vt, PASSWORD);
	screen_ok(vt, vt_wait_for(vt, "INQ-", SCREEN_WAIT_MS) && vt_wait_for(vt, "unlocked", SCREEN_WAIT_MS),
		"right password: the list is back and the message line says unlocked");
	screen_ok(vt, vt_find_row(vt, "is locked") < 0 && vt_find_row(vt, "Number") == MS_HEADER_ROW,
		"right password: the lock is gone, the header in place");
	vt_key(vt, "C-x");
	screen_ok(vt, mr_wait(vt, locked_and_bare, NULL, SCREEN_WAIT_MS),
		"C-x: locks at once, nothing of the tickets left");
	type_password(vt, PASSWORD);
	screen_ok(vt, vt_wait_for(vt, "unlocked", SCREEN_WAIT_MS) && vt_wait_for(vt, "INQ-", SCREEN_WAIT_MS),
		"C-x: the password brings the list back");
	vt_key(vt, "Q");
	screen_ok(vt, vt_wait_exit(vt, SCREEN_WAIT_MS), "Q quits after unlocking");
	is_int(vt_close(vt), 0, "mado exits 0");

	events = session_events(s->f.db);
	{
		const char *const want[] = { "login", "lock", "unlock_failed", "unlock", "lock", "unlock",
			"logout", NULL };

		ok(in_order(events, want), "audit: session rows login, lock, unlock_failed, unlock, "
			"lock, unlock, logout in this order");
	}
	if (tap_failed > 0)
		printf("# session events:\n# %s\n", events);
	free(events);
}

int
main(void)
{
	struct setup s;

	setup_new(&s);
	test_lock(&s);
	setup_free(&s);
	return tap_done();
}
