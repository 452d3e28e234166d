/* SPDX-License-Identifier: MIT */
/* bare.c: the benchmark's references, FastCGI responders that send SIZE
 * bytes and do nothing else (what our program would cost with no work
 * at all) or, given a MariaDB defaults file, also run one prepared
 * primary-key SELECT per request first (the floor of any signed-in page,
 * which must at least look its session up).
 * usage: bare SOCKET SIZE WORKERS [DEFAULTS_FILE] */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <mysql.h>

/* The PK lookup: users.id in 1..ids, as the session check reads a row;
 * never from the query cache (the session check cannot be: it compares
 * with UTC_TIMESTAMP()), so the reference is one real read. */
static const char lookup_sql[] =
	"SELECT SQL_NO_CACHE id, username, role FROM users WHERE id = ?";

struct lookup {
	MYSQL *conn;
	MYSQL_STMT *st;
	long long ids;
};

static int lookup_open(struct lookup *l, const char *defaults)
{
	MYSQL_RES *res;
	MYSQL_ROW row;

	l->conn = mysql_init(NULL);
	if (l->conn == NULL ||
	    mysql_options(l->conn, MYSQL_READ_DEFAULT_FILE, defaults) != 0 ||
	    mysql_real_connect(l->conn, NULL, NULL, NULL, "vrs", 0, NULL, 0)
	    == NULL ||
	    mysql_query(l->conn, "SELECT MAX(id) FROM users") != 0 ||
	    (res = mysql_store_result(l->conn)) == NULL)
		return -1;
	row = mysql_fetch_row(res);
	l->ids = row != NULL && row[0] != NULL ? atoll(row[0]) : 0;
	mysql_free_result(res);
	l->st = mysql_stmt_init(l->conn);
	if (l->ids <= 0 || l->st == NULL ||
	    mysql_stmt_prepare(l->st, lookup_sql, sizeof(lookup_sql) - 1) != 0)
		return -1;
	return 0;
}

/* One execution, its row fetched and discarded. */
static int lookup_run(struct lookup *l)
{
	long long id = 1 + rand() % l->ids;
	MYSQL_BIND in;

	memset(&in, 0, sizeof(in));
	in.buffer_type = MYSQL_TYPE_LONGLONG;
	in.buffer = &id;
	if (mysql_stmt_bind_param(l->st, &in) != 0 ||
	    mysql_stmt_execute(l->st) != 0 || mysql_stmt_store_result(l->st) != 0)
		return -1;
	while (mysql_stmt_fetch(l->st) == 0)
		;
	mysql_stmt_free_result(l->st);
	return 0;
}

int main(int argc, char **argv)
{
	FCGX_Request rq;
	struct lookup l = { NULL, NULL, 0 };
	char *body, head[128];
	int fd, size, workers, i, n;

	if (argc != 4 && argc != 5)
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
	if (argc == 5 && lookup_open(&l, argv[4]) != 0) {
		fprintf(stderr, "bare: %s\n", l.conn ? mysql_error(l.conn) : "");
		return 1;
	}
	srand((unsigned)getpid());
	FCGX_Init();
	FCGX_InitRequest(&rq, fd, 0);
	n = snprintf(head, sizeof(head), "Status: 200 OK\r\nContent-Type: "
		     "text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n",
		     size);
	while (FCGX_Accept_r(&rq) >= 0) {
		if (l.conn != NULL && lookup_run(&l) != 0) {
			FCGX_PutS("Status: 500 Error\r\n\r\n", rq.out);
			FCGX_Finish_r(&rq);
			continue;
		}
		FCGX_PutStr(head, n, rq.out);
		FCGX_PutStr(body, size, rq.out);
		FCGX_Finish_r(&rq);
	}
	return 0;
}
