/* cmd.h: the siteaudit CLI's subcommands, one function each. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_CLI_CMD_H
#define SA_CLI_CMD_H

/* Each takes the arguments after its own name (argv[0] is the name). */
int cmd_admin(int argc, char **argv);
int cmd_api(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_budget_check(int argc, char **argv);
/* `admin init`: argv holds only the options after "init". */
int admin_init(int argc, char **argv);

#endif
