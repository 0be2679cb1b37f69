/* madogen's command line. */
#include "gen_opts.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: madogen --db PATH [--seed N] [--tickets N] [--kb N] [--calllogs N]\n"
	"               [--staff N] [--me LOGIN] [--years N] [--append]\n"
	"Fills a Madoguchi database with fictional demo or benchmark data.\n"
	"  --db PATH      database file (created and migrated when missing)\n"
	"  --seed N       random seed; the same seed gives the same data (1)\n"
	"  --tickets N    inquiries, incidents and requests (6000)\n"
	"  --kb N         FAQ articles (300)\n"
	"  --calllogs N   call logs of the contact center (5000)\n"
	"  --staff N      staff members besides the demo user, at least 8 (40)\n"
	"  --me LOGIN     the demo user, created as an admin (your login name)\n"
	"  --years N      fiscal years covered, ending today (2)\n"
	"  --append       add to a database that already has tickets\n"
	"MADO_NOW (Unix seconds) pins \"today\", making runs repeatable.\n";

static bool
number(const char *arg, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static bool
seed(const char *arg, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-')
		return false;
	*out = (uint64_t)v;
	return true;
}

/* A login is one word of printable ASCII: it becomes part of addresses. */
static bool
login_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32)
		return false;
	for (; *s != '\0'; s++)
		if (*s <= ' ' || *s > '~' || *s == '@')
			return false;
	return true;
}

static const char *
my_login(void)
{
	const struct passwd *pw = getpwuid(getuid());

	return pw != NULL && pw->pw_name != NULL ? pw->pw_name : "demo";
}

static const char *
option_name(const struct option *opts, int val)
{
	for (; opts->name != NULL; opts++)
		if (opts->val == val)
			return opts->name;
	return "?";
}

int
gen_opts_parse(int argc, char **argv, struct gen_opts *o, struct mado_err *e)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 's' },
		{ "tickets", required_argument, NULL, 't' },
		{ "kb", required_argument, NULL, 'k' },
		{ "calllogs", required_argument, NULL, 'c' },
		{ "staff", required_argument, NULL, 'S' },
		{ "me", required_argument, NULL, 'm' },
		{ "years", required_argument, NULL, 'y' },
		{ "append", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long years = 2;
	int c;

	*o = (struct gen_opts){
		.seed = 1, .tickets = 6000, .kb = 300, .calllogs = 5000, .staff = 40,
	};
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		bool ok = true;

		switch (c) {
		case 'd': o->db_path = optarg; break;
		case 's': ok = seed(optarg, &o->seed); break;
		case 't': ok = number(optarg, 0, 100000000, &o->tickets); break;
		case 'k': ok = number(optarg, 0, 1000000, &o->kb); break;
		case 'c': ok = number(optarg, 0, 100000000, &o->calllogs); break;
		case 'S': ok = number(optarg, 8, 100000, &o->staff); break;
		case 'm': o->me = optarg; ok = login_ok(optarg); break;
		case 'y': ok = number(optarg, 1, 10, &years); break;
		case 'a': o->append = true; break;
		case 'h': fputs(usage, stdout); return GEN_OPTS_HELP;
		default: return mado_err_set(e, MADO_EUSAGE, "%s", usage);
		}
		if (!ok)
			return mado_err_set(e, MADO_EUSAGE, "madogen: bad value for --%s: '%s'",
				option_name(longopts, c), optarg);
	}
	if (optind < argc || o->db_path == NULL || *o->db_path == '\0')
		return mado_err_set(e, MADO_EUSAGE, "%s", usage);
	if (o->me == NULL)
		o->me = my_login();
	if (!login_ok(o->me))
		return mado_err_set(e, MADO_EUSAGE, "madogen: '%s' cannot be a login; use --me",
			o->me);
	o->years = (int)years;
	return MADO_OK;
}
