#include "env.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#ifndef MADO_SHAREDIR
#define MADO_SHAREDIR "/usr/local/share/madoguchi"
#endif

bool
mado_env_privileged(void)
{
	return getegid() != getgid() || geteuid() != getuid();
}

gid_t
mado_as_caller(void)
{
	gid_t saved = getegid();

	if (mado_env_privileged() && setegid(getgid()) != 0)
		abort(); /* cannot drop: never continue with the group's rights */
	return saved;
}

void
mado_as_program(gid_t saved)
{
	if (saved != getegid() && setegid(saved) != 0)
		abort();
}

const char *
mado_env_trusted(const char *name)
{
	if (mado_env_privileged())
		return NULL;
	return getenv(name);
}

const char *
mado_sharedir(void)
{
	const char *dir = mado_env_trusted("MADO_SHAREDIR");

	return dir != NULL && *dir != '\0' ? dir : MADO_SHAREDIR;
}

int64_t
mado_now(void)
{
	const char *pin = mado_env_trusted("MADO_NOW");

	if (pin != NULL && *pin != '\0')
		return strtoll(pin, NULL, 10);
	return (int64_t)time(NULL);
}

int64_t
mado_monotonic_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}
