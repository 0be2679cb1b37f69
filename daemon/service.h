/* The service loop of `madod run`: one poll() loop over a self-pipe that
 * the signal handlers write to. SIGHUP reloads the configuration (the old
 * one stays when the new one is invalid); SIGTERM and SIGINT let the
 * message being committed finish, then the loop returns 0. */
#ifndef MADO_DAEMON_SERVICE_H
#define MADO_DAEMON_SERVICE_H

#include <signal.h>
#include <stdbool.h>

#include "madod.h"

/* Set by SIGTERM/SIGINT: long work (a batch of messages) checks it
 * between items and stops early. */
extern volatile sig_atomic_t service_stopping;

int service_run(const struct madod_ctx *c);

#endif
