/* sdnotify.c: one datagram to $NOTIFY_SOCKET per state change. */
/* SPDX-License-Identifier: MIT */
/*
 * The protocol is a single datagram on an AF_UNIX socket (a leading '@'
 * means the abstract namespace); writing it by hand avoids linking
 * libsystemd into every binary for ten lines of work.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "util/sdnotify.h"

int
sd_notify_state(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa;
	size_t n;
	int fd, rc;

	if (path == NULL || (path[0] != '/' && path[0] != '@'))
		return 0;
	if ((n = strlen(path)) >= sizeof(sa.sun_path))
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, n);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	rc = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa,
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n)) < 0 ? -1 : 0;
	close(fd);
	return rc;
}
