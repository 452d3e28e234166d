/* SPDX-License-Identifier: MIT */
/* vrsadm-exchange.h: vrsadm's export, import and sdmx-structure commands.
 * argv[0] is the command's name. Each returns the exit status. */
#ifndef VRS_VRSADM_EXCHANGE_H
#define VRS_VRSADM_EXCHANGE_H

struct actor;
struct config;
struct db;

int vrsadm_export(struct db *db, const struct config *cfg,
		  const struct actor *who, int argc, char **argv);
int vrsadm_import(struct db *db, const struct config *cfg,
		  const struct actor *who, int argc, char **argv);
int vrsadm_sdmx_structure(struct db *db, const struct config *cfg,
			  int argc, char **argv);

#endif
