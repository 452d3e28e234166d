/* SPDX-License-Identifier: MIT */
/* bare.c: the benchmark's reference, a FastCGI responder that does nothing
 * but send SIZE bytes: what our program would cost with no work at all.
 * usage: bare SOCKET SIZE WORKERS */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

int main(int argc, char **argv)
{
	FCGX_Request rq;
	char *body, head[128];
	int fd, size, workers, i, n;

	if (argc != 4)
		return 2;
	size = atoi(argv[2]);
	workers = atoi(argv[3]);
	body = malloc((size_t)size);
	if (body == NULL || size <= 0 || workers <= 0)
		return 2;
	memset(body, 'x', (size_t)size);
	unlink(argv[1]);
	fd = FCGX_OpenSocket(argv[1], 128);
	if (fd < 0)
		return 1;
	chmod(argv[1], 0666);
	for (i = 0; i < workers; i++)
		if (fork() == 0)
			goto serve;
	while (wait(NULL) > 0)
		;
	return 0;
serve:
	FCGX_Init();
	FCGX_InitRequest(&rq, fd, 0);
	n = snprintf(head, sizeof(head), "Status: 200 OK\r\nContent-Type: "
		     "text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n",
		     size);
	while (FCGX_Accept_r(&rq) >= 0) {
		FCGX_PutStr(head, n, rq.out);
		FCGX_PutStr(body, size, rq.out);
		FCGX_Finish_r(&rq);
	}
	return 0;
}
