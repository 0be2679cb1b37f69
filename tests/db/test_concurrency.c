/* Several processes create tickets in one database at once: no error may
 * reach the caller, no number may repeat, nothing may be lost. */
#include <sys/wait.h>

#include "core/ticket.h"
#include "db/audit_store.h"
#include "tests/testdb.h"

#define WORKERS 6
#define PER_WORKER 40

static int
worker(int n)
{
	struct mado_err e = { 0 };
	struct actor a;
	struct db *db;
	char login[32];

	/* Each process opens its own connection, as mado does. */
	if (db_open(testdb_path, 0, &db, &e) != MADO_OK)
		return 10;
	snprintf(login, sizeof login, "op%d", n);
	if (identity_by_login(db, login, &a, &e) != MADO_OK)
		return 11;
	for (int i = 0; i < PER_WORKER; i++) {
		char subject[64];
		struct ticket_draft d = { .kind = i % 3 ? "inquiry" : "incident", .subject = subject };

		snprintf(subject, sizeof subject, "同時作成 %d-%d", n, i);
		if (ticket_create(db, &a, &d, NULL, NULL, &e) != MADO_OK) {
			fprintf(stderr, "worker %d: %s\n", n, e.msg);
			return 12;
		}
	}
	db_close(db);
	return 0;
}

int
main(void)
{
	struct db *db = testdb_open();
	struct mado_err e = { 0 };
	pid_t pids[WORKERS];
	int failures = 0;
	int64_t bad;

	for (int i = 0; i < WORKERS; i++) {
		char login[32];
		struct actor a;

		snprintf(login, sizeof login, "op%d", i);
		testdb_actor(db, login, "operator", &a);
	}
	db_close(db);
	fflush(stdout);
	for (int i = 0; i < WORKERS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(worker(i));
	}
	for (int i = 0; i < WORKERS; i++) {
		int status;

		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failures++;
	}
	is_int(failures, 0, "every worker finished without an error surfacing");
	db_open(testdb_path, 0, &db, &e);
	is_int(testdb_int(db_handle(db), "SELECT count(*) FROM ticket"), WORKERS * PER_WORKER, "nothing lost");
	is_int(testdb_int(db_handle(db), "SELECT count(DISTINCT number) FROM ticket"), WORKERS * PER_WORKER,
		"no number repeated");
	is_int(testdb_int(db_handle(db), "SELECT count(*) FROM ticket WHERE kind = 'inquiry'"),
		testdb_int(db_handle(db), "SELECT max(CAST(substr(number, 10) AS INTEGER)) FROM ticket"
			" WHERE kind = 'inquiry'"), "inquiry numbers have no gaps");
	is_int(testdb_int(db_handle(db), "SELECT count(*) FROM audit WHERE action = 'create' AND field = 'number'"),
		WORKERS * PER_WORKER, "one creation audit row each");
	is_int(audit_verify(db, &bad, &e), MADO_OK, "audit chain intact after concurrent writers");
	db_close(db);
	return tap_done();
}
