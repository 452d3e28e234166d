/* SPDX-License-Identifier: MIT */
/* main.c: start-up, the prefork supervisor, and the FastCGI accept loop. */
#include <errno.h>
#include <execinfo.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "arena.h"
#include "export.h"
#include "import.h"
#include "config.h"
#include "db.h"
#include "db-access.h"
#include "dispatch.h"
#include "log.h"
#include "notify.h"
#include "refcache.h"
#include "resp.h"

#define DEFAULT_CONFIG "/etc/vrs-msrc/vrs.conf"
#define MAX_WORKERS 64

#define STOP_GRACE_SECONDS 10

/* Set by the SIGTERM/SIGINT handlers of the supervisor and the workers. */
static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: vrs.fcgi [-c CONFIG] [--check]\n"
		"  -c CONFIG  configuration file (default $VRS_CONFIG, "
		"else " DEFAULT_CONFIG ")\n"
		"  --check    read the configuration and templates, then exit\n"
		"With 'listen' set in the configuration the program binds that "
		"socket and\nruns 'workers' worker processes itself; without "
		"it, it serves the socket\non standard input (mod_fcgid, "
		"spawn-fcgi).\n");
}

/* One worker: a single-threaded accept loop until SIGTERM. SIGTERM is
 * blocked while a request is served, so a stop never cuts a request (or
 * its body, still arriving) short; it is let through only around
 * FCGX_Accept_r, which then fails with EINTR and the loop ends. An idle
 * worker waits for a connection with poll(), at most access_seal_seconds
 * (at least 1), then seals the pooled views it served and sweeps up those
 * of workers that died. (A timer signal would also break the reads of a
 * request being accepted, and the server would see it reset.) Never
 * returns. */
/* A crash leaves its call stack on stderr (the program's log), then dies
 * of the same signal, so the supervisor logs it and starts a new worker. */
static void on_crash(int sig)
{
	void *frames[48];
	int n = backtrace(frames, 48);

	backtrace_symbols_fd(frames, n, STDERR_FILENO);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void worker(const struct config *cfg, int listen_fd)
{
	FCGX_Request fcgx;
	struct arena arena = { 0 };
	struct access_writer writer;	/* this process's view log */
	struct pollfd ready = { .fd = listen_fd, .events = POLLIN };
	int wait_ms = 1000 * (cfg->access_seal_seconds > 0 ?
			      cfg->access_seal_seconds : 1);
	struct sigaction sa;
	sigset_t term;
	struct db *db;

	/* Installed before FCGX_Init, so libfcgi keeps ours; no SA_RESTART,
	 * so a blocked accept() returns. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGINT, SIG_IGN);	/* Ctrl-C goes to the supervisor */
	signal(SIGHUP, SIG_DFL);
	signal(SIGSEGV, on_crash);
	signal(SIGBUS, on_crash);
	signal(SIGABRT, on_crash);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, NULL);
	/* A fixed threshold: large blocks (an upload's body) are mapped and
	 * go back to the system when freed. glibc's adaptive one would rise
	 * to their size and keep the next ones on the heap for good. */
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	if (FCGX_Init() != 0) {
		log_msg(NULL, "FCGX_Init failed");
		_exit(1);
	}
	db = db_open(cfg, NULL);
	if (db == NULL)
		_exit(1);
	access_writer_init(&writer, cfg->access_seal_seconds);
	FCGX_InitRequest(&fcgx, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	for (;;) {
		struct req req;
		int rc, idle;

		sigprocmask(SIG_UNBLOCK, &term, NULL);	/* a pending stop lands */
		if (stopping)
			break;
		/* A stop ends the wait too (EINTR); a quiet interval is the
		 * time to seal. */
		idle = poll(&ready, 1, wait_ms) == 0;
		if (stopping)
			break;
		if (idle) {
			sigprocmask(SIG_BLOCK, &term, NULL);
			db_access_tick(db, &writer, 1);
			continue;
		}
		rc = FCGX_Accept_r(&fcgx);
		sigprocmask(SIG_BLOCK, &term, NULL);
		if (rc < 0)
			break;
		memset(&req, 0, sizeof(req));
		req.fcgx = &fcgx;
		req.cfg = cfg;
		req.db = db;
		req.access = &writer;
		req.arena = &arena;
		dispatch(&req);
		FCGX_Finish_r(&fcgx);
		arena_reset(&arena);
		/* After the response: the reader never waits for a seal. */
		db_access_tick(db, &writer, 0);
	}
	db_access_stop(db, &writer);
	db_close(db);
	refcache_free();
	arena_free(&arena);
	import_shutdown();
	resp_shutdown();
	log_close();
	exit(0);
}

static pid_t spawn(const struct config *cfg, int fd)
{
	pid_t pid = fork();

	if (pid == 0)
		worker(cfg, fd);
	if (pid < 0)
		log_msg(NULL, "fork: %s", strerror(errno));
	return pid;
}

/* Binds cfg->listen, keeps cfg->workers workers alive, and on SIGTERM or
 * SIGINT passes SIGTERM on and waits for them to finish. */
static int supervise(const struct config *cfg)
{
	pid_t pids[MAX_WORKERS] = { 0 };
	struct sigaction sa;
	time_t last_restart = 0;
	mode_t old;
	int fd, i, alive, waited;

	unlink(cfg->listen);	/* a stale socket from a killed run */
	old = umask(0777 & ~(mode_t)cfg->listen_mode);
	fd = FCGX_OpenSocket(cfg->listen, 128);
	umask(old);
	if (fd < 0) {
		fprintf(stderr, "vrs.fcgi: cannot listen on %s: %s\n",
			cfg->listen, strerror(errno));
		return 1;
	}
	chmod(cfg->listen, (mode_t)cfg->listen_mode);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	log_msg(NULL, "listening on %s with %ld workers", cfg->listen,
		cfg->workers);
	for (i = 0; i < cfg->workers; i++)
		pids[i] = spawn(cfg, fd);
	while (!stopping) {
		int status;
		pid_t dead = waitpid(-1, &status, 0);

		if (dead < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < cfg->workers; i++) {
			if (pids[i] != dead)
				continue;
			log_msg(NULL, "worker %d ended (%s %d); restarting",
				(int)dead, WIFSIGNALED(status) ? "signal" :
				"status", WIFSIGNALED(status) ?
				WTERMSIG(status) : WEXITSTATUS(status));
			/* A worker that dies at once (say, a bad template
			 * dir) must not turn into a fork storm. */
			if (time(NULL) - last_restart < 1)
				sleep(1);
			last_restart = time(NULL);
			pids[i] = stopping ? 0 : spawn(cfg, fd);
		}
	}
	for (i = 0; i < cfg->workers; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	/* Workers finish their current request; one that is still busy (or
	 * caught the signal just before accept()) after the grace time is
	 * killed. */
	for (waited = 0;; waited++) {
		alive = 0;
		for (i = 0; i < cfg->workers; i++) {
			pid_t r;

			if (pids[i] <= 0)
				continue;
			r = waitpid(pids[i], NULL, WNOHANG);
			if (r == pids[i] || (r < 0 && errno == ECHILD))
				pids[i] = 0;
			else {
				if (waited >= STOP_GRACE_SECONDS * 10)
					kill(pids[i], SIGKILL);
				alive = 1;
			}
		}
		if (!alive)
			break;
		usleep(100 * 1000);
	}
	close(fd);
	unlink(cfg->listen);
	log_msg(NULL, "stopped");
	return 0;
}

int main(int argc, char **argv)
{
	static struct config cfg;	/* process-wide, read-only after load */
	const char *path = getenv("VRS_CONFIG");
	char err[600];
	int check = 0, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else if (strcmp(argv[i], "--check") == 0) {
			check = 1;
		} else {
			usage();
			return 2;
		}
	}
	if (path == NULL)
		path = DEFAULT_CONFIG;
	if (config_load(&cfg, path, 0, err, sizeof(err)) != 0) {
		fprintf(stderr, "vrs.fcgi: %s\n", err);
		return 1;
	}
	if (resp_init(&cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "vrs.fcgi: %s\n", err);
		return 1;
	}
	notify_init(&cfg);
	/* The upload schema is compiled once, before the workers fork. */
	snprintf(err, sizeof(err), "%s/static/%s", cfg.share_dir,
		 VRS_SCHEMA_FILE);
	if (import_init(err) != 0) {
		fprintf(stderr, "vrs.fcgi: cannot load the schema %s\n", err);
		resp_shutdown();
		return 1;
	}
	if (check) {
		printf("vrs.fcgi: %s is valid\n", path);
		resp_shutdown();
		return 0;
	}
	if (log_open(cfg.log, "vrs-msrc") != 0) {
		fprintf(stderr, "vrs.fcgi: cannot open log %s: %s\n", cfg.log,
			strerror(errno));
		return 1;
	}
	if (cfg.listen[0] != '\0')
		return supervise(&cfg);
	if (FCGX_IsCGI()) {
		fprintf(stderr, "vrs.fcgi: standard input is not a FastCGI "
			"socket and 'listen' is not set\n");
		return 1;
	}
	worker(&cfg, 0);
	return 0;
}
