/* madod's log: syslog (facility LOG_MAIL, ident "madod") or standard
 * error with a timestamp, as [daemon] log chooses. Messages are one line;
 * priorities are syslog's (LOG_ERR, LOG_WARNING, LOG_NOTICE, LOG_INFO). */
#ifndef MADO_DAEMON_LOG_H
#define MADO_DAEMON_LOG_H

#include <stdbool.h>
#include <syslog.h>

void log_open(bool use_syslog);
void log_close(void);
void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
