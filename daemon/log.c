#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static bool to_syslog;

void
log_open(bool use_syslog)
{
	if (to_syslog && !use_syslog)
		closelog();
	to_syslog = use_syslog;
	if (to_syslog)
		openlog("madod", LOG_PID | LOG_NDELAY, LOG_MAIL);
}

void
log_close(void)
{
	if (to_syslog)
		closelog();
	to_syslog = false;
}

void
log_msg(int prio, const char *fmt, ...)
{
	static const char *const names[] = {
		"emerg", "alert", "crit", "error", "warning", "notice", "info", "debug"
	};
	va_list ap;

	va_start(ap, fmt);
	if (to_syslog)
		vsyslog(prio, fmt, ap);
	else {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;

		strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S%z", localtime_r(&now, &tm));
		fprintf(stderr, "%s madod[%s]: ", stamp, names[LOG_PRI(prio)]);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
