/* madogen's command line into struct gen_opts. */
#ifndef MADO_DEMO_GEN_OPTS_H
#define MADO_DEMO_GEN_OPTS_H

#include "demo/gen.h"

/* Returned (not an error) after --help was printed. */
#define GEN_OPTS_HELP (-1)

/* MADO_OK, GEN_OPTS_HELP, or MADO_EUSAGE with the message in e. */
int gen_opts_parse(int argc, char **argv, struct gen_opts *o, struct mado_err *e);

#endif
