/*
 * fm-mail - sends the mail focusd queued in the outbox table.
 *
 *   fm-mail [-c CONFIG] send [--max N]
 *   fm-mail [-c CONFIG] list
 *
 * `send` (every minute, from focusmanager-mail.timer or cron) takes each
 * message that is due, hands it to Mail.Command (a sendmail-compatible
 * command reading the message on its standard input, default
 * "/usr/sbin/sendmail -t -oi"), and marks it sent when the command exits
 * 0.  Otherwise the message stays in the outbox with the command's
 * message, for another attempt after 1, 2, 4... minutes (at most 6
 * hours), and is marked failed after Mail.MaxAttempts (default 8)
 * attempts; staff see it on /outbox and may send it again.  A command
 * that runs more than Mail.TimeoutSeconds (60) is killed and counts as a
 * failure.  Several senders at once never send one message twice (the
 * database hands each message to one of them).  Exit 0 when every
 * attempt succeeded, 1 when one failed.
 *
 * The message is text/plain UTF-8, quoted-printable, with the subject
 * encoded per RFC 2047; From is Mail.From.  A message with attachments
 * (outbox_attachments: an issued document's PDF) is multipart/mixed: the
 * text, then each file in base64.
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "errors.h"
#include "tool.h"

#include <errno.h>
#include <getopt.h>
#include <openssl/evp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_COMMAND "/usr/sbin/sendmail -t -oi"

/* A header value without line breaks (header injection). */
static NEOERR *
append_clean(STRING *out, const char *s)
{
	NEOERR *err = STATUS_OK;

	for (; err == STATUS_OK && *s; s++)
		err = string_append_char(out,
		    (*s == '\r' || *s == '\n') ? ' ' : *s);
	return err;
}

static bool
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x20)
			return false;
	return true;
}

/* RFC 2047: =?UTF-8?B?...?= words of at most 40 bytes of text each,
 * cut between UTF-8 characters, separated by folding. */
static NEOERR *
append_encoded(STRING *out, const char *s)
{
	unsigned char enc[80];
	NEOERR *err = STATUS_OK;
	size_t len = strlen(s), i = 0;

	if (ascii(s))
		return append_clean(out, s);
	while (err == STATUS_OK && i < len) {
		size_t n = len - i > 40 ? 40 : len - i;

		while (n > 0 && i + n < len &&
		    ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		EVP_EncodeBlock(enc, (const unsigned char *)s + i, (int)n);
		err = string_appendf(out, "%s=?UTF-8?B?%s?=", i ? "\n " : "",
		    (char *)enc);
		i += n;
	}
	return err;
}

/* Quoted-printable (RFC 2045) of the body, CR LF and CR made LF. */
static NEOERR *
append_qp(STRING *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	NEOERR *err = STATUS_OK;
	int col = 0;

	for (; err == STATUS_OK && *s; s++) {
		unsigned char c = (unsigned char)*s;
		char buf[4];
		int w;

		if (c == '\r') {
			if (s[1] == '\n')
				continue;
			c = '\n';
		}
		if (c == '\n') {
			err = string_append_char(out, '\n');
			col = 0;
			continue;
		}
		if ((c == ' ' || c == '\t') &&
		    (s[1] == '\n' || s[1] == '\r' || s[1] == '\0'))
			w = snprintf(buf, sizeof(buf), "=%c%c", hex[c >> 4],
			    hex[c & 15]);
		else if ((c >= 33 && c <= 126 && c != '=') || c == ' ' ||
		    c == '\t')
			w = snprintf(buf, sizeof(buf), "%c", c);
		else
			w = snprintf(buf, sizeof(buf), "=%c%c", hex[c >> 4],
			    hex[c & 15]);
		if (col + w > 75) {
			err = string_append(out, "=\n");
			col = 0;
		}
		if (err == STATUS_OK)
			err = string_append(out, buf);
		col += w;
	}
	if (err == STATUS_OK && col > 0)
		err = string_append_char(out, '\n');
	return err;
}

/* Base64 (RFC 2045) of bytes, in lines of 76 characters. */
static NEOERR *
append_base64(STRING *out, const unsigned char *b, size_t len)
{
	unsigned char enc[80];
	NEOERR *err = STATUS_OK;
	size_t i;

	for (i = 0; err == STATUS_OK && i < len; i += 57) {
		EVP_EncodeBlock(enc, b + i, (int)(len - i > 57 ? 57 : len - i));
		err = string_appendf(out, "%s\n", (char *)enc);
	}
	return err;
}

/* The files of the message: filename, content_type, bytes in the rows of
 * atts.  The names and types were checked by the database. */
static NEOERR *
append_attachments(STRING *m, const char *boundary, PGresult *atts)
{
	NEOERR *err = STATUS_OK;
	int i;

	for (i = 0; err == STATUS_OK && i < PQntuples(atts); i++) {
		unsigned char *bytes;
		size_t len = 0;

		bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(atts,
		                            i, 2),
		    &len);
		if (bytes == NULL)
			return nerr_raise(NERR_NOMEM, "attachment");
		err = string_append(m, "\n--");
		if (err == STATUS_OK)
			err = append_clean(m, boundary);
		if (err == STATUS_OK)
			err = string_append(m, "\nContent-Type: ");
		if (err == STATUS_OK)
			err = append_clean(m, PQgetvalue(atts, i, 1));
		if (err == STATUS_OK)
			err = string_append(m, "; name=\"");
		if (err == STATUS_OK)
			err = append_clean(m, PQgetvalue(atts, i, 0));
		if (err == STATUS_OK)
			err = string_append(m,
			    "\"\nContent-Transfer-Encoding: base64"
			    "\nContent-Disposition: attachment; filename=\"");
		if (err == STATUS_OK)
			err = append_clean(m, PQgetvalue(atts, i, 0));
		if (err == STATUS_OK)
			err = string_append(m, "\"\n\n");
		if (err == STATUS_OK)
			err = append_base64(m, bytes, len);
		PQfreemem(bytes);
	}
	return err;
}

static NEOERR *
build(STRING *m, const char *id, const char *to, const char *subject,
    const char *body, PGresult *atts)
{
	char date[64], host[128] = "localhost", boundary[80];
	time_t now = time(NULL);
	struct tm tm;
	NEOERR *err;
	bool multi = atts != NULL && PQntuples(atts) > 0;

	gethostname(host, sizeof(host) - 1);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000",
	    gmtime_r(&now, &tm));
	/* "=_" never appears in quoted-printable or base64 text. */
	snprintf(boundary, sizeof(boundary), "=_fm_%s_%ld", id, (long)now);
	err = string_append(m, "From: ");
	if (err == STATUS_OK)
		err = append_clean(m,
		    config_str("Mail.From",
		        "FocusManager <focusmanager@localhost>"));
	if (err == STATUS_OK)
		err = string_append(m, "\nTo: ");
	if (err == STATUS_OK)
		err = append_clean(m, to);
	if (err == STATUS_OK)
		err = string_append(m, "\nSubject: ");
	if (err == STATUS_OK)
		err = append_encoded(m, subject);
	if (err == STATUS_OK)
		err = string_appendf(m,
		    "\nDate: %s\nMessage-ID: <outbox-%s.%ld@%s>"
		    "\nMIME-Version: 1.0",
		    date, id, (long)now, host);
	if (err == STATUS_OK && multi)
		err = string_appendf(m,
		    "\nContent-Type: multipart/mixed; boundary=\"%s\""
		    "\nAuto-Submitted: auto-generated\n\n"
		    "This is a message in MIME format.\n\n--%s",
		    boundary, boundary);
	if (err == STATUS_OK)
		err = string_appendf(m,
		    "\nContent-Type: text/plain; charset=UTF-8"
		    "\nContent-Transfer-Encoding: quoted-printable%s\n\n",
		    multi ? "" : "\nAuto-Submitted: auto-generated");
	if (err == STATUS_OK)
		err = append_qp(m, body);
	if (err == STATUS_OK && multi)
		err = append_attachments(m, boundary, atts);
	if (err == STATUS_OK && multi)
		err = string_appendf(m, "\n--%s--\n", boundary);
	return err;
}

/*
 * Runs the command with the message on its standard input; 0 when it
 * exited 0, else 1 with what it said (or why it failed) in why.
 */
static int
pipe_to(const char *cmd, const char *msg, size_t len, int timeout, char *why,
    size_t whylen)
{
	FILE *errs = tmpfile();
	int fds[2], status = 0, waited = 0;
	size_t off = 0;
	pid_t pid;

	*why = '\0';
	if (errs == NULL || pipe(fds) != 0) {
		snprintf(why, whylen, "cannot run the mail command: %s",
		    strerror(errno));
		if (errs)
			fclose(errs);
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "cannot fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		fclose(errs);
		return 1;
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		dup2(fileno(errs), 1);
		dup2(fileno(errs), 2);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	while (off < len) {
		ssize_t w = write(fds[1], msg + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break; /* the command stopped reading: its status says */
		off += (size_t)w;
	}
	close(fds[1]);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (waited++ >= timeout * 10) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(why, whylen,
			    "the mail command ran more than %d "
			    "seconds and was stopped",
			    timeout);
			fclose(errs);
			return 1;
		}
		usleep(100000);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == len) {
		fclose(errs);
		return 0;
	}
	{
		char said[600] = "";
		size_t n;
		char *p;

		rewind(errs);
		n = fread(said, 1, sizeof(said) - 1, errs);
		said[n] = '\0';
		for (p = said; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		if (WIFEXITED(status))
			snprintf(why, whylen, "exit %d%s%s",
			    WEXITSTATUS(status), *said ? ": " : "", said);
		else
			snprintf(why, whylen, "killed by signal %d%s%s",
			    WIFSIGNALED(status) ? WTERMSIG(status) : 0,
			    *said ? ": " : "", said);
	}
	fclose(errs);
	return 1;
}

static int
send_due(int max)
{
	static struct db_stmt claim = DB_STMT(
	    "SELECT id, \"to\", subject, body, attempts FROM outbox_claim()");
	static struct db_stmt sent = DB_STMT("SELECT outbox_sent($1::bigint)");
	static struct db_stmt failed = DB_STMT(
	    "SELECT outbox_failed($1::bigint, $2, $3::int)");
	static struct db_stmt files = DB_STMT(
	    "SELECT filename, content_type, bytes FROM outbox_attachments"
	    " WHERE outbox_id = $1::bigint ORDER BY id");
	const char *cmd = config_str("Mail.Command", DEFAULT_COMMAND);
	int maxattempts = config_int("Mail.MaxAttempts", 8);
	int timeout = config_int("Mail.TimeoutSeconds", 60);
	int n = 0, nsent = 0, nfailed = 0;
	char num[24];

	if (maxattempts < 1)
		maxattempts = 1;
	if (timeout < 1)
		timeout = 60;
	while (max <= 0 || n < max) {
		PGresult *res, *st, *atts = NULL;
		NEOERR *err;
		STRING m;
		char why[800];
		const char *id;

		err = DBQ0(&claim, &res);
		if (err != STATUS_OK)
			return tool_fail(err, "cannot read the outbox");
		if (PQntuples(res) == 0) {
			PQclear(res);
			break;
		}
		n++;
		id = PQgetvalue(res, 0, 0);
		string_init(&m);
		err = DBQ(&files, &atts, id);
		if (err == STATUS_OK)
			err = build(&m, id, PQgetvalue(res, 0, 1),
			    PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3), atts);
		if (atts != NULL)
			PQclear(atts);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			snprintf(why, sizeof(why), "cannot build the message");
		} else if (pipe_to(cmd, m.buf, (size_t)m.len, timeout, why,
		               sizeof(why)) == 0) {
			string_clear(&m);
			err = DBQ(&sent, NULL, id);
			if (err != STATUS_OK) {
				PQclear(res);
				return tool_fail(err,
				    "sent, but cannot record it");
			}
			printf("mail %s to %s: sent\n", id,
			    PQgetvalue(res, 0, 1));
			nsent++;
			PQclear(res);
			continue;
		}
		string_clear(&m);
		err = DBQ(&failed, &st, id, why, db_int(num, maxattempts));
		if (err != STATUS_OK) {
			PQclear(res);
			return tool_fail(err, "cannot record a failure");
		}
		fprintf(stderr,
		    "fm-mail: mail %s to %s: attempt %s failed (%s)%s\n", id,
		    PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 4), why,
		    !strcmp(PQgetvalue(st, 0, 0), "failed")
		        ? "; giving up"
		        : "; will try again");
		nfailed++;
		PQclear(st);
		PQclear(res);
	}
	if (n > 0)
		printf("%d sent, %d failed\n", nsent, nfailed);
	return nfailed ? 1 : 0;
}

static int
list(void)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT id, status, attempts, to_char(created_at, 'YYYY-MM-DD "
	    "HH24:MI'),"
	    " \"to\", subject, coalesce(last_error, '') FROM outbox"
	    " WHERE status IN ('pending', 'sending', 'failed') ORDER BY id");
	PGresult *res;
	NEOERR *err;
	int i;

	err = DBQ0(&st, &res);
	if (err != STATUS_OK)
		return tool_fail(err, "cannot read the outbox");
	for (i = 0; i < PQntuples(res); i++)
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
		    PQgetvalue(res, i, 3), PQgetvalue(res, i, 4),
		    PQgetvalue(res, i, 5), PQgetvalue(res, i, 6));
	PQclear(res);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-mail [-c CONFIG] send [--max N]\n"
	    "       fm-mail [-c CONFIG] list\n");
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "max", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *verb;
	int ch, rc, max = 0;

	tool_init("fm-mail", usage);
	if ((rc = tool_start(argc, argv)) >= 0)
		return rc;
	verb = argv[optind++];
	while ((ch = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			max = atoi(optarg);
			break;
		default:
			return tool_usage_error();
		}
	}
	if (optind < argc || (strcmp(verb, "send") && strcmp(verb, "list")))
		return tool_usage_error();
	signal(SIGPIPE, SIG_IGN);
	if (tool_connect() != 0)
		rc = 1;
	else
		rc = !strcmp(verb, "send") ? send_due(max) : list();
	tool_end();
	return rc;
}
