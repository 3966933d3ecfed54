/* main.c: siteaudit-fcgi master — opens the socket, keeps N workers alive. */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>
#include <sodium.h>
#include "fcgi.h"
#include "util/log.h"
#include "util/sdnotify.h"
#include "web/metrics.h"

#define MAX_WORKERS 256
#define DRAIN_SECONDS 10

struct pool {
	struct conf conf;
	int         listen_fd;
	pid_t       pid[MAX_WORKERS];
	int         gen[MAX_WORKERS];   /* config generation each worker runs */
	int         generation;
	const char *pidfile;
};

static volatile sig_atomic_t got_term, got_hup, got_chld;

static void
on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		got_term = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGCHLD)
		got_chld = 1;
}

static void
master_signals(sigset_t *blocked)
{
	struct sigaction sa;
	int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGCHLD };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(blocked);
	for (size_t i = 0; i < SA_NITEMS(sigs); i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(blocked, sigs[i]);
	}
	signal(SIGPIPE, SIG_IGN);
	sigprocmask(SIG_BLOCK, blocked, NULL);
}

static int
load_conf(struct conf *c)
{
	char *err = NULL;
	enum sa_err rc = conf_load(c, NULL, &err);

	if (rc != SA_OK) {
		fprintf(stderr, "%s", err ? err : "configuration error\n");
		log_error("refusing to start: configuration errors in %s",
		    conf_default_path());
	}
	free(err);
	return rc == SA_OK ? 0 : -1;
}

/* "unix:/path" → a unix socket (mode 0666 so nginx's user can connect);
 * "host:port" → TCP. */
static int
open_listener(const char *listen)
{
	int fd;

	if (strncmp(listen, "unix:", 5) == 0) {
		unlink(listen + 5);
		fd = FCGX_OpenSocket(listen + 5, 128);
		if (fd >= 0)
			chmod(listen + 5, 0666);
	} else {
		fd = FCGX_OpenSocket(listen, 128);
	}
	if (fd < 0)
		log_error("cannot listen on %s: %s", listen, strerror(errno));
	return fd;
}

static void
spawn(struct pool *p, int slot)
{
	pid_t master = getpid();
	pid_t pid = fork();

	if (pid == 0) {
		sigset_t none;
		/* a worker must not outlive its master (even one killed by SIGKILL) */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != master)
			_exit(0);
		sigemptyset(&none);
		signal(SIGCHLD, SIG_DFL);
		signal(SIGINT, SIG_IGN);
		sigprocmask(SIG_SETMASK, &none, NULL);
		_exit(worker_main(p->listen_fd, &p->conf));
	}
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		return;
	}
	p->pid[slot] = pid;
	p->gen[slot] = p->generation;
}

static int
find_slot(const struct pool *p, pid_t pid)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		if (p->pid[i] == pid)
			return i;
	return -1;
}

/* Reaps dead workers; respawns those of the current generation. */
static void
reap(struct pool *p, int respawn)
{
	int status, slot;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if ((slot = find_slot(p, pid)) < 0)
			continue;
		p->pid[slot] = 0;
		if (WIFSIGNALED(status))
			log_warn("worker %ld killed by signal %d", (long)pid, WTERMSIG(status));
		if (respawn && p->gen[slot] == p->generation)
			spawn(p, slot);
	}
}

static int
alive(const struct pool *p)
{
	int n = 0;

	for (int i = 0; i < MAX_WORKERS; i++)
		n += p->pid[i] != 0;
	return n;
}

static void
signal_workers(struct pool *p, int sig, int only_old)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		if (p->pid[i] && (!only_old || p->gen[i] != p->generation))
			kill(p->pid[i], sig);
}

/* SIGHUP: new config, new workers beside the old; old ones drain and exit. */
static void
reload(struct pool *p)
{
	struct conf next;

	if (load_conf(&next) != 0) {
		log_error("reload refused; keeping the running configuration");
		conf_free(&next);
		return;
	}
	if (strcmp(next.listen, p->conf.listen) != 0)
		log_warn("server.listen changed: takes effect on restart only");
	signal_workers(p, SIGTERM, 0);
	/* old workers keep their slots' pids until reaped; move them aside */
	conf_free(&p->conf);
	p->conf = next;
	p->generation++;
	for (int i = 0, s = 0; i < p->conf.workers; i++) {
		while (s < MAX_WORKERS && p->pid[s])
			s++;
		if (s < MAX_WORKERS)
			spawn(p, s);
	}
	log_info("reloaded: %ld workers", p->conf.workers);
}

static void
drain(struct pool *p)
{
	time_t until = time(NULL) + DRAIN_SECONDS;

	signal_workers(p, SIGTERM, 0);
	while (alive(p) && time(NULL) < until) {
		reap(p, 0);
		usleep(20000);
	}
	signal_workers(p, SIGKILL, 0);
	while (alive(p) && waitpid(-1, NULL, 0) > 0)
		reap(p, 0);
}

static void
write_pidfile(const char *path)
{
	FILE *f;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%ld\n", (long)getpid());
	fclose(f);
}

static int
run(struct pool *p)
{
	sigset_t blocked, none;

	master_signals(&blocked);
	sigemptyset(&none);
	for (int i = 0; i < p->conf.workers; i++)
		spawn(p, i);
	log_info("listening on %s with %ld workers", p->conf.listen, p->conf.workers);
	sd_notify_state("READY=1");
	while (!got_term) {
		sigsuspend(&none);
		if (got_chld) {
			got_chld = 0;
			reap(p, 1);
		}
		if (got_hup) {
			got_hup = 0;
			sd_notify_state("RELOADING=1");
			reload(p);
			sd_notify_state("READY=1");
		}
	}
	log_info("SIGTERM: draining %d workers", alive(p));
	sd_notify_state("STOPPING=1");
	drain(p);
	if (strncmp(p->conf.listen, "unix:", 5) == 0)
		unlink(p->conf.listen + 5);
	if (p->pidfile)
		unlink(p->pidfile);
	return 0;
}

static int
usage(void)
{
	fprintf(stderr, "usage: siteaudit-fcgi [--check] [--pidfile FILE]\n"
	    "Configuration comes from $SITEAUDIT_CONF (default %s).\n",
	    CONF_DEFAULT_PATH);
	return 2;
}

int
main(int argc, char **argv)
{
	static struct pool p;
	int check = 0, rc, lvl;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--check") == 0)
			check = 1;
		else if (strcmp(argv[i], "--pidfile") == 0 && i + 1 < argc)
			p.pidfile = argv[++i];
		else
			return usage();
	}
	log_init("siteaudit-fcgi", LOG_LVL_INFO);
	if (sodium_init() < 0 || load_conf(&p.conf) != 0)
		return 78;   /* EX_CONFIG */
	if ((lvl = log_level_parse(p.conf.log_level)) >= 0)
		log_set_level((enum log_level)lvl);
	if (check) {
		printf("%s: ok\n", conf_default_path());
		conf_free(&p.conf);
		return 0;
	}
	if ((p.listen_fd = open_listener(p.conf.listen)) < 0)
		return 1;
	if (!metrics_init())   /* shared by the workers forked below */
		log_warn("metrics: no shared segment; /metrics counters stay empty");
	write_pidfile(p.pidfile);
	rc = run(&p);
	conf_free(&p.conf);
	return rc;
}
