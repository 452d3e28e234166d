/* SPDX-License-Identifier: MIT */
/* vrsadm-mail.c: `vrsadm mail-send`: writes the reminders before due
 * dates, then hands the outbox's waiting messages to the SMTP relay with
 * libcurl, one at a time, and records each outcome: sent, or tried again
 * later with a doubling back-off until mail_max_attempts, then given up.
 * A message is marked sent only after the relay accepted it, so a run
 * killed half-way loses nothing (at worst one message goes twice). Run by
 * vrs-msrc-mail.timer every minute; a second run at the same time finds
 * the lock taken and leaves. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/rand.h>

#include "config.h"
#include "db-mail.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "util.h"
#include "vrsadm-mail.h"

/* What one message upload reads from. */
struct upload {
	const char *data;
	size_t len, off;
};

static size_t read_cb(char *buf, size_t size, size_t nitems, void *ctx)
{
	struct upload *u = ctx;
	size_t n = size * nitems;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(buf, u->data + u->off, n);
	u->off += n;
	return n;
}

/* The SMTP password: one line of a regular file nobody else may read,
 * as for the database's. Returns 0, or -1 after saying why. */
static int read_password(const char *path, char *pw, size_t size)
{
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "vrsadm: %s: cannot open: %s\n", path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (st.st_mode & S_IROTH)) {
		fprintf(stderr, "vrsadm: %s: must be a regular file that is "
			"not world-readable (chmod 0640)\n", path);
		close(fd);
		return -1;
	}
	n = read(fd, pw, size - 1);
	close(fd);
	if (n < 0) {
		fprintf(stderr, "vrsadm: %s: %s\n", path, strerror(errno));
		return -1;
	}
	pw[n] = '\0';
	pw[strcspn(pw, "\r\n")] = '\0';
	return 0;
}

/* Failures that say the relay cannot be used at all (down, unreachable,
 * no TLS where it is required, credentials refused): trying the next
 * message would fail the same way, so the run stops there. */
static int relay_failure(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_USE_SSL_FAILED:
	case CURLE_LOGIN_DENIED:
	case CURLE_GOT_NOTHING:
		return 1;
	default:
		return 0;
	}
}

/* The wait before try number attempts + 1: mail_retry_seconds doubled
 * for each earlier failure, at most mail_retry_max_seconds. */
static long backoff(const struct config *cfg, long long attempts)
{
	long delay = cfg->mail_retry_seconds;
	long long i;

	for (i = 1; i < attempts && delay < cfg->mail_retry_max_seconds; i++)
		delay *= 2;
	return delay < cfg->mail_retry_max_seconds ? delay :
	       cfg->mail_retry_max_seconds;
}

struct counts {
	unsigned long long sent, retry, given_up;
};

/* Sends one message; records the outcome. Returns 1 when the relay
 * could not be used (stop the run), 0 otherwise, -1 on a database
 * error. */
static int send_one(struct db *db, const struct config *cfg, CURL *curl,
		    const struct mail_row *m, struct counts *n)
{
	struct mail_msg msg;
	struct upload up;
	struct curl_slist *rcpt = NULL;
	unsigned char rnd[8];
	char id[160], hexid[17], to[MAIL_ADDR_MAX + 3], err[CURL_ERROR_SIZE],
	     why[300], logto[MAIL_ADDR_MAX * 4 + 1];
	const char *domain = strchr(cfg->smtp_from, '@') + 1;
	long code = 0, delay;
	size_t len = 0;
	char *text;
	CURLcode rc;
	int db_rc, stop = 0;

	log_escape(logto, sizeof(logto), m->to);
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return -1;
	hex_encode(rnd, sizeof(rnd), hexid);
	snprintf(id, sizeof(id), "vrs.%lld.%s@%s", m->id, hexid, domain);
	msg = (struct mail_msg){ .from = cfg->smtp_from,
				 .from_name = cfg->smtp_from_name,
				 .to = m->to, .subject = m->subject,
				 .body = m->body, .message_id = id,
				 .date = (time_t)m->created };
	text = mail_compose(&msg, &len);
	if (text == NULL) {
		/* An address that slipped past the checks (changed in SQL):
		 * no try can ever succeed. */
		snprintf(why, sizeof(why), "not a deliverable address or "
			 "message");
		db_rc = db_mail_give_up(db, m->id, why);
		log_msg(NULL, "mail %lld to %s: given up (%s)", m->id, logto,
			why);
		n->given_up++;
		return db_rc == DB_OK ? 0 : -1;
	}
	snprintf(to, sizeof(to), "<%s>", m->to);
	rcpt = curl_slist_append(NULL, to);
	up = (struct upload){ text, len, 0 };
	err[0] = '\0';
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_READDATA, &up);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
	rc = rcpt == NULL ? CURLE_OUT_OF_MEMORY : curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, NULL);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(rcpt);
	free(text);
	/* After a failure the relay may be mid-transaction: the next message
	 * starts on a new connection. */
	curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, rc == CURLE_OK ? 0L : 1L);
	if (rc == CURLE_OK) {
		db_rc = db_mail_sent(db, m->id);
		log_msg(NULL, "mail %lld to %s: sent", m->id, logto);
		n->sent++;
		return db_rc == DB_OK ? 0 : -1;
	}
	/* curl's message names the failing step, never the credentials. */
	snprintf(why, sizeof(why), "%s%s%.200s (SMTP %ld)",
		 curl_easy_strerror(rc), err[0] ? ": " : "", err, code);
	stop = relay_failure(rc);
	if (m->attempts + 1 >= cfg->mail_max_attempts) {
		db_rc = db_mail_give_up(db, m->id, why);
		log_msg(NULL, "mail %lld to %s: given up after %lld attempts "
			"(%s)", m->id, logto, m->attempts + 1, why);
		n->given_up++;
	} else {
		delay = backoff(cfg, m->attempts + 1);
		db_rc = db_mail_retry(db, m->id, why, delay);
		log_msg(NULL, "mail %lld to %s: attempt %lld failed (%s); next "
			"in %ld s", m->id, logto, m->attempts + 1, why, delay);
		n->retry++;
	}
	if (db_rc != DB_OK)
		return -1;
	return stop;
}

/* Checks the settings mail-send needs; 0, or -1 after saying why. */
static int check_settings(const struct config *cfg)
{
	if (!mail_address_valid(cfg->smtp_from)) {
		fprintf(stderr, "vrsadm: set smtp_from to the sender's address "
			"in the configuration (now \"%s\")\n", cfg->smtp_from);
		return -1;
	}
	if (strncmp(cfg->smtp_url, "smtp://", 7) != 0 &&
	    strncmp(cfg->smtp_url, "smtps://", 8) != 0) {
		fprintf(stderr, "vrsadm: smtp_url must start with smtp:// or "
			"smtps://\n");
		return -1;
	}
	if (strchr(cfg->smtp_url, '@') != NULL) {
		fprintf(stderr, "vrsadm: smtp_url must not hold a user or "
			"password: use smtp_user and smtp_password_file\n");
		return -1;
	}
	if (*cfg->smtp_user && *cfg->smtp_password_file == '\0') {
		fprintf(stderr, "vrsadm: smtp_user needs smtp_password_file\n");
		return -1;
	}
	return 0;
}

int vrsadm_mail_send(struct db *db, const struct config *cfg, int argc,
		     char **argv)
{
	struct counts n = { 0, 0, 0 };
	struct mail_row *rows = NULL;
	unsigned long long reminders = 0;
	size_t nrows = 0, i;
	long long waiting = 0;
	char password[512] = "", from[sizeof(cfg->smtp_from) + 2];
	int now = 0, remind = 1, rc, status = 0, locked = 0, a;
	CURL *curl = NULL;

	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--now") == 0)
			now = 1;
		else if (strcmp(argv[a], "--no-reminders") == 0)
			remind = 0;
		else {
			fprintf(stderr, "vrsadm: mail-send: unknown option "
				"%s\n", argv[a]);
			return 2;
		}
	}
	if (check_settings(cfg) != 0)
		return 1;
	if (*cfg->smtp_user &&
	    read_password(cfg->smtp_password_file, password,
			  sizeof(password)) != 0)
		return 1;
	rc = db_mail_lock(db);
	if (rc == DB_NONE) {
		printf("mail-send: another run is sending; nothing done\n");
		goto out;
	}
	if (rc != DB_OK)
		goto db_failed;
	locked = 1;
	if (remind) {
		rc = notify_reminders(db, cfg->mail_reminder_days, &reminders);
		if (rc != DB_OK)
			goto db_failed;
	}
	rc = db_mail_waiting(db, now, cfg->mail_batch, &rows, &nrows);
	if (rc != DB_OK)
		goto db_failed;
	if (nrows > 0) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
		    (curl = curl_easy_init()) == NULL) {
			fprintf(stderr, "vrsadm: libcurl failed to start\n");
			status = 1;
			goto out;
		}
		snprintf(from, sizeof(from), "<%s>", cfg->smtp_from);
		curl_easy_setopt(curl, CURLOPT_URL, cfg->smtp_url);
		curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
		curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
		curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
		curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
				 cfg->smtp_timeout_seconds);
		curl_easy_setopt(curl, CURLOPT_TIMEOUT,
				 cfg->smtp_timeout_seconds);
		curl_easy_setopt(curl, CURLOPT_USE_SSL,
				 cfg->smtp_tls == SMTP_TLS_REQUIRED ?
				 (long)CURLUSESSL_ALL :
				 cfg->smtp_tls == SMTP_TLS_TRY ?
				 (long)CURLUSESSL_TRY : (long)CURLUSESSL_NONE);
		if (*cfg->smtp_user) {
			curl_easy_setopt(curl, CURLOPT_USERNAME,
					 cfg->smtp_user);
			curl_easy_setopt(curl, CURLOPT_PASSWORD, password);
		}
	}
	for (i = 0; i < nrows; i++) {
		int r = send_one(db, cfg, curl, &rows[i], &n);

		if (r < 0)
			goto db_failed;
		if (r > 0) {
			fprintf(stderr, "vrsadm: the relay %s cannot be used "
				"now; the mail waits for the next run\n",
				cfg->smtp_url);
			status = 1;
			break;
		}
	}
	if (db_mail_waiting_count(db, &waiting) != DB_OK)
		goto db_failed;
	printf("mail-send: %llu reminders queued, %llu sent, %llu to retry, "
	       "%llu given up, %lld waiting\n", reminders, n.sent, n.retry,
	       n.given_up, waiting);
	goto out;
db_failed:
	fprintf(stderr, "vrsadm: database error: %s\n", db_last_error(db));
	status = 1;
out:
	memset(password, 0, sizeof(password));
	if (curl != NULL) {
		curl_easy_cleanup(curl);
		curl_global_cleanup();
	}
	db_mail_free(rows, nrows);
	if (locked)
		db_mail_unlock(db);
	return status;
}
