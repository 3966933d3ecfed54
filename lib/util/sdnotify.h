/* sdnotify.h: systemd's readiness protocol (Type=notify), without libsystemd. */
/* SPDX-License-Identifier: MIT */
#ifndef SA_SDNOTIFY_H
#define SA_SDNOTIFY_H

/*
 * Sends state ("READY=1", "RELOADING=1", "STOPPING=1", …) to the socket
 * named by $NOTIFY_SOCKET; a no-op returning 0 when it is unset (not
 * started by systemd). Returns -1 when the send failed.
 */
int sd_notify_state(const char *state);

#endif
