/*
 * fm-media - registers recordings and their media files from the command
 * line: until the boxes send them (and to import recordings made by
 * another system).
 *
 *   fm-media [-c CONFIG] add -r RESERVATION [-s START] [-e END] [-b BOX]
 *            [-i INFO] [--recording ID] [--move] [KIND=]FILE...
 *   fm-media [-c CONFIG] list [-o ORDER]
 *   fm-media [-c CONFIG] verify [-o ORDER]
 *   fm-media [-c CONFIG] probe [--all]
 *   fm-media [-c CONFIG] propose
 *   fm-media [-c CONFIG] clips [--once]
 *
 * `add` copies (or, with --move, moves) each FILE into the media store
 * (Paths.Media) as YYYY/MM/DD/r<recording>-<kind>.<ext> (the day of the
 * recording's start), computing its SHA-256 on the way, and records a
 * recording of the reservation (times: START and END, "YYYY-MM-DD HH:MM"
 * in Europe/Paris, by default the reservation's) and one media file per
 * FILE, in one transaction: on any failure nothing is recorded and the
 * copies are removed.  KIND is mp4, mp3, mp3_room, mp3_trad or other;
 * without it .mp4 files are mp4, .mp3 files mp3, others other.  With
 * --recording the files are added to that recording instead.
 *
 * `clips` runs the queue of clips and reels (fm_media_clips.c).
 *
 * `list` prints the recordings (of an order) and their files; `verify`
 * recomputes the SHA-256 of every stored file and reports those missing
 * or changed (exit 1 when any is).
 *
 * `probe` measures with ffprobe the real duration of each file of the
 * central store not measured yet (--all: every file again) and stores it
 * (media_files.probed_ms; probe_error when ffprobe cannot read it): the
 * recordings' covered time and the recording report rest on it, never on
 * what a box said.  `add` measures its files the same way once they are
 * recorded; the timer (focusmanager-media.timer) runs `probe` and
 * `propose` every minute for the files the boxes upload.  `propose`
 * proposes an outage for each box silent or in error during a
 * reservation with recording (box_outages_propose()), for staff to
 * confirm on /boxes.
 *
 * Run it as the user that owns the media store (focusmanager in the
 * Debian package); run as root, it gives what it creates to that owner.
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "digest.h"
#include "errors.h"
#include "tool.h"
#include "media.h"
#include "fm_media_clips.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 32

static const char *const kinds[] = { "mp4", "mp3", "mp3_room", "mp3_trad",
	"other" };

struct file {
	const char *src;
	char kind[16];
	char rel[512]; /* its path in the store, once copied */
	char sha[65];
	long long bytes;
	bool linked; /* moved by a hard link (source to unlink) */
	bool made;   /* exists in the store (to remove on failure) */
};

/* The owner of the media store, for what root creates in it. */
static struct stat store_owner;

static void
give(const char *path)
{
	if (geteuid() == 0 &&
	    chown(path, store_owner.st_uid, store_owner.st_gid) != 0)
		fprintf(stderr, "fm-media: cannot give %s to uid %u: %s\n",
		    path, (unsigned)store_owner.st_uid, strerror(errno));
}

/* mkdir -p of the folders of rel below the store. */
static bool
make_dirs(const char *rel)
{
	char path[4096];
	size_t base = strlen(g_cfg->media_dir) + 1;
	char *p;

	if (!media_path(path, sizeof(path), rel))
		return false;
	for (p = path + base; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(path, 0750) == 0)
			give(path);
		else if (errno != EEXIST) {
			fprintf(stderr, "fm-media: cannot make %s: %s\n", path,
			    strerror(errno));
			return false;
		}
		*p = '/';
	}
	return true;
}

static const char *
guess_kind(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && (!strcasecmp(dot, ".mp4") || !strcasecmp(dot, ".m4v")))
		return "mp4";
	if (dot && !strcasecmp(dot, ".mp3"))
		return "mp3";
	return "other";
}

/* The extension to keep: letters and digits only, else none. */
static void
extension(const char *src, char *out, size_t len)
{
	const char *dot = strrchr(src, '.');
	const char *slash = strrchr(src, '/');
	size_t n;

	*out = '\0';
	if (dot == NULL || (slash && dot < slash) || strlen(dot) > 9)
		return;
	for (n = 1; dot[n]; n++)
		if (!((dot[n] >= 'a' && dot[n] <= 'z') ||
		        (dot[n] >= 'A' && dot[n] <= 'Z') ||
		        (dot[n] >= '0' && dot[n] <= '9')))
			return;
	snprintf(out, len, "%s", dot);
	for (n = 1; out[n]; n++)
		if (out[n] >= 'A' && out[n] <= 'Z')
			out[n] = (char)(out[n] - 'A' + 'a');
}

/*
 * Puts f->src into the store under dir/r<rec>-<kind>[-n].<ext>: a hard
 * link when moving within one file system, else a copy through a
 * temporary file; never over an existing file.
 */
static bool
place(struct file *f, const char *dir, long long rec, bool move)
{
	char path[4096], tmp[4200], ext[16];
	int in, out, n;
	bool ok;

	extension(f->src, ext, sizeof(ext));
	in = open(f->src, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "fm-media: %s: %s\n", f->src, strerror(errno));
		return false;
	}
	for (n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(f->rel, sizeof(f->rel), "%s/r%lld-%s%s", dir,
			    rec, f->kind, ext);
		else
			snprintf(f->rel, sizeof(f->rel), "%s/r%lld-%s-%d%s",
			    dir, rec, f->kind, n, ext);
		if (!media_path(path, sizeof(path), f->rel))
			break;
		if (access(path, F_OK) == 0)
			continue;
		if (move) {
			if (link(f->src, path) == 0) {
				f->linked = f->made = true;
				if (chmod(path, 0640) != 0)
					fprintf(stderr,
					    "fm-media: chmod %s: %s\n", path,
					    strerror(errno));
				give(path);
				ok = digest_copy(in, -1, f->sha, &f->bytes);
				close(in);
				if (!ok)
					fprintf(stderr,
					    "fm-media: reading %s: %s\n",
					    f->src, strerror(errno));
				return ok;
			}
			if (errno == EEXIST)
				continue;
			if (errno != EXDEV && errno != EPERM) {
				fprintf(stderr, "fm-media: %s: %s\n", path,
				    strerror(errno));
				break;
			}
			/* Another file system: copy, remove after commit. */
			f->linked = true;
		}
		snprintf(tmp, sizeof(tmp), "%s.partXXXXXX", path);
		out = mkstemp(tmp);
		if (out < 0) {
			fprintf(stderr, "fm-media: %s: %s\n", tmp,
			    strerror(errno));
			break;
		}
		ok = fchmod(out, 0640) == 0 &&
		    digest_copy(in, out, f->sha, &f->bytes) && fsync(out) == 0;
		if (close(out) != 0)
			ok = false;
		if (!ok) {
			fprintf(stderr, "fm-media: copying %s: %s\n", f->src,
			    strerror(errno));
			unlink(tmp);
			break;
		}
		give(tmp);
		if (link(tmp, path) != 0) {
			int e = errno;

			unlink(tmp);
			if (e == EEXIST) {
				lseek(in, 0, SEEK_SET);
				continue;
			}
			fprintf(stderr, "fm-media: %s: %s\n", path,
			    strerror(e));
			break;
		}
		unlink(tmp);
		f->made = true;
		close(in);
		return true;
	}
	if (n == 100)
		fprintf(stderr, "fm-media: no free name for %s in %s\n", f->src,
		    dir);
	close(in);
	return false;
}

static int probe_files(const long long *, int, bool, bool);

static void
undo(struct file *files, int n)
{
	char path[4096];
	int i;

	for (i = 0; i < n; i++)
		if (files[i].made &&
		    media_path(path, sizeof(path), files[i].rel))
			unlink(path);
}

static int
add(long long reservation, const char *start, const char *end, const char *box,
    const char *info, long long recording, bool move, struct file *files,
    int nfiles)
{
	static struct db_stmt res_st = DB_STMT(
	    "SELECT r.order_id, coalesce($2::timestamptz, r.starts_at),"
	    " coalesce($3::timestamptz, r.ends_at) FROM reservations r"
	    " WHERE r.id = $1::bigint");
	static struct db_stmt rec_st = DB_STMT(
	    "INSERT INTO recordings (reservation_id, box_id, starts_at, "
	    "ends_at,"
	    " info) VALUES ($1::bigint, (SELECT id FROM boxes WHERE name = $4"
	    "  OR id::text = $4), $2::timestamptz, $3::timestamptz, $5)"
	    " RETURNING id, to_char(starts_at, 'YYYY/MM/DD')");
	static struct db_stmt old_st = DB_STMT(
	    "SELECT rec.id, to_char(rec.starts_at, 'YYYY/MM/DD'), r.order_id,"
	    " rec.reservation_id FROM recordings rec"
	    " JOIN reservations r ON r.id = rec.reservation_id"
	    " WHERE rec.id = $1::bigint FOR UPDATE OF rec");
	static struct db_stmt file_st = DB_STMT(
	    "INSERT INTO media_files (recording_id, kind, path, bytes, sha256,"
	    " on_central) VALUES ($1::bigint, $2, $3, $4::bigint, $5, true)"
	    " RETURNING id");
	static struct db_stmt event_st = DB_STMT(
	    "INSERT INTO recording_events (recording_id, order_id, who, action,"
	    " summary) VALUES ($1::bigint, $2::bigint, $3, 'add',"
	    " recording_label($1::bigint) || ' (' || $4 || ')')");
	char a[24], b[24], c[24], dir[16], who[200], count[16], probe[32];
	long long order_id = 0, rec = recording, ids[MAX_FILES];
	struct passwd *pw = getpwuid(getuid());
	PGresult *res;
	NEOERR *err;
	int i;

	snprintf(who, sizeof(who), "fm-media (%s)", pw ? pw->pw_name : "?");
	err = db_begin();
	if (err == STATUS_OK && recording > 0) {
		err = DBQ(&old_st, &res, db_int(a, recording));
		if (err == STATUS_OK && PQntuples(res) == 0) {
			PQclear(res);
			db_rollback();
			fprintf(stderr, "fm-media: no recording %lld\n",
			    recording);
			return 1;
		}
		if (err == STATUS_OK) {
			snprintf(dir, sizeof(dir), "%s", PQgetvalue(res, 0, 1));
			order_id = atoll(PQgetvalue(res, 0, 2));
			reservation = atoll(PQgetvalue(res, 0, 3));
			PQclear(res);
		}
	} else if (err == STATUS_OK) {
		err = DBQ(&res_st, &res, db_int(a, reservation), start, end);
		if (err == STATUS_OK && PQntuples(res) == 0) {
			PQclear(res);
			db_rollback();
			fprintf(stderr, "fm-media: no reservation %lld\n",
			    reservation);
			return 1;
		}
		if (err == STATUS_OK) {
			char s_at[64], e_at[64];

			order_id = atoll(PQgetvalue(res, 0, 0));
			snprintf(s_at, sizeof(s_at), "%s",
			    PQgetvalue(res, 0, 1));
			snprintf(e_at, sizeof(e_at), "%s",
			    PQgetvalue(res, 0, 2));
			PQclear(res);
			err = DBQ(&rec_st, &res, db_int(b, reservation), s_at,
			    e_at, box ? box : "", info);
		}
		if (err == STATUS_OK) {
			rec = atoll(PQgetvalue(res, 0, 0));
			snprintf(dir, sizeof(dir), "%s", PQgetvalue(res, 0, 1));
			PQclear(res);
		}
	}
	if (err != STATUS_OK)
		return tool_fail(err, "cannot record the recording");
	snprintf(probe, sizeof(probe), "%s/x", dir);
	for (i = 0; i < nfiles && make_dirs(probe); i++) {
		if (!place(&files[i], dir, rec, move))
			break;
		err = DBQ(&file_st, &res, db_int(a, rec), files[i].kind,
		    files[i].rel, db_int(b, files[i].bytes), files[i].sha);
		if (err != STATUS_OK)
			break;
		ids[i] = atoll(PQgetvalue(res, 0, 0));
		PQclear(res);
	}
	if (err == STATUS_OK && i == nfiles) {
		snprintf(count, sizeof(count), "%d", nfiles);
		err = DBQ(&event_st, NULL, db_int(c, rec), db_int(a, order_id),
		    who, count);
		if (err == STATUS_OK)
			err = db_commit();
	}
	if (err != STATUS_OK || i < nfiles) {
		db_rollback();
		undo(files, nfiles);
		if (err != STATUS_OK)
			return tool_fail(err, "nothing recorded");
		fprintf(stderr, "fm-media: nothing recorded\n");
		return 1;
	}
	printf("recording %lld (reservation %lld, order %lld)\n", rec,
	    reservation, order_id);
	/* Measured at once; a failure here leaves them to `probe`. */
	(void)probe_files(ids, nfiles, false, true);
	for (i = 0; i < nfiles; i++) {
		printf("  media %lld %-8s %s %lld bytes sha256 %s\n", ids[i],
		    files[i].kind, files[i].rel, files[i].bytes, files[i].sha);
		if (move && unlink(files[i].src) != 0)
			fprintf(stderr,
			    "fm-media: %s copied but not removed: "
			    "%s\n",
			    files[i].src, strerror(errno));
	}
	return 0;
}

static int
list(long long order_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT rec.id, r.order_id, rec.reservation_id,"
	    " to_char(rec.starts_at, 'YYYY-MM-DD HH24:MI') || '-' ||"
	    "  to_char(rec.ends_at, 'HH24:MI'), coalesce(m.id::text, '-'),"
	    " coalesce(m.kind, ''), coalesce(m.path, ''),"
	    " coalesce(m.bytes::text, ''), m.on_central::text, m.on_box::text"
	    " FROM recordings rec JOIN reservations r ON r.id = "
	    "rec.reservation_id"
	    " LEFT JOIN media_files m ON m.recording_id = rec.id"
	    " WHERE $1::bigint = 0 OR r.order_id = $1::bigint"
	    " ORDER BY rec.starts_at, rec.id, m.id");
	char a[24];
	PGresult *res;
	NEOERR *err;
	int i;

	err = DBQ(&st, &res, db_int(a, order_id));
	if (err != STATUS_OK)
		return tool_fail(err, "cannot list");
	printf(
	    "recording\torder\treservation\ttimes\tmedia\tkind\tpath\tbytes\t"
	    "central\tbox\n");
	for (i = 0; i < PQntuples(res); i++) {
		int k;

		for (k = 0; k < PQnfields(res); k++)
			printf("%s%s", PQgetvalue(res, i, k),
			    k + 1 < PQnfields(res) ? "\t" : "\n");
	}
	PQclear(res);
	return 0;
}

static int
verify(long long order_id)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT m.id, m.path, coalesce(m.sha256, ''), coalesce(m.bytes, -1)"
	    " FROM media_files m JOIN recordings rec ON rec.id = m.recording_id"
	    " JOIN reservations r ON r.id = rec.reservation_id"
	    " WHERE m.on_central AND ($1::bigint = 0 OR r.order_id = "
	    "$1::bigint)"
	    " ORDER BY m.id");
	char a[24], path[4096], sha[65];
	int i, bad = 0, n;
	PGresult *res;
	NEOERR *err;

	err = DBQ(&st, &res, db_int(a, order_id));
	if (err != STATUS_OK)
		return tool_fail(err, "cannot read the media files");
	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		const char *rel = PQgetvalue(res, i, 1);
		long long bytes = 0;
		int fd;

		if (!media_path(path, sizeof(path), rel) ||
		    (fd = open(path, O_RDONLY)) < 0) {
			printf("MISSING media %s %s\n", PQgetvalue(res, i, 0),
			    rel);
			bad++;
			continue;
		}
		if (!digest_copy(fd, -1, sha, &bytes)) {
			printf("UNREADABLE media %s %s\n",
			    PQgetvalue(res, i, 0), rel);
			bad++;
		} else if ((*PQgetvalue(res, i, 2) &&
		               strcmp(sha, PQgetvalue(res, i, 2))) ||
		    (atoll(PQgetvalue(res, i, 3)) >= 0 &&
		        bytes != atoll(PQgetvalue(res, i, 3)))) {
			printf("CHANGED media %s %s\n", PQgetvalue(res, i, 0),
			    rel);
			bad++;
		}
		close(fd);
	}
	PQclear(res);
	printf("%d media files checked, %d missing or changed\n", n, bad);
	return bad ? 1 : 0;
}

/*
 * The duration of a media file in milliseconds, read by ffprobe (the
 * container's duration): -1 with the reason in why when it cannot tell.
 * ffprobe runs without a shell, its output read through a pipe, and is
 * killed after 60 seconds.
 */
static long long
ffprobe_ms(const char *path, char *why, size_t len)
{
	const char *prog = getenv("FM_FFPROBE") ? getenv("FM_FFPROBE")
	                                        : "ffprobe";
	char out[256], *end;
	int fds[2], status;
	size_t got = 0;
	time_t until = time(NULL) + 60;
	double secs;
	pid_t pid;
	ssize_t n;

	*why = '\0';
	if (pipe(fds) != 0) {
		snprintf(why, len, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(fds[1], 1);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 2);
		}
		close(fds[0]);
		close(fds[1]);
		alarm(60);
		execlp(prog, prog, "-v", "error", "-show_entries",
		    "format=duration", "-of", "default=nw=1:nk=1", "--", path,
		    (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (got + 1 < sizeof(out) &&
	    (n = read(fds[0], out + got, sizeof(out) - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		if (time(NULL) > until)
			kill(pid, SIGKILL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(why, len, "%s failed (%s %d)", prog,
		    WIFEXITED(status) ? "exit" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return -1;
	}
	errno = 0;
	secs = strtod(out, &end);
	if (errno != 0 || end == out || secs < 0 || secs > 86400.0 * 7) {
		snprintf(why, len, "no duration in the file");
		return -1;
	}
	return (long long)(secs * 1000.0 + 0.5);
}

/* Measures the files of ids (or, ids NULL, every file waiting: all
 * again with again). */
static int
probe_files(const long long *ids, int nids, bool again, bool quiet)
{
	static struct db_stmt todo_st = DB_STMT(
	    "SELECT id, path FROM media_files WHERE on_central"
	    " AND ($1::bool OR probed_at IS NULL) ORDER BY id");
	static struct db_stmt one_st = DB_STMT(
	    "SELECT id, path FROM media_files WHERE on_central"
	    " AND id = $1::bigint");
	static struct db_stmt set_st = DB_STMT(
	    "UPDATE media_files SET probed_ms = $2::bigint, probed_at = now(),"
	    " probe_error = nullif($3, '') WHERE id = $1::bigint"
	    " AND path = $4");
	char a[24], b[24], path[4096], why[300];
	int i, k, bad = 0, done = 0;
	PGresult *res;
	NEOERR *err;

	for (k = 0; ids == NULL ? k < 1 : k < nids; k++) {
		if (ids == NULL)
			err = DBQ(&todo_st, &res, again ? "true" : "false");
		else
			err = DBQ(&one_st, &res, db_int(a, ids[k]));
		if (err != STATUS_OK)
			return tool_fail(err, "cannot read the media files");
		for (i = 0; i < PQntuples(res); i++) {
			const char *rel = PQgetvalue(res, i, 1);
			long long ms = -1;

			if (!media_path(path, sizeof(path), rel))
				snprintf(why, sizeof(why), "bad path");
			else if (access(path, R_OK) != 0)
				snprintf(why, sizeof(why), "%s",
				    strerror(errno));
			else
				ms = ffprobe_ms(path, why, sizeof(why));
			err = DBQ(&set_st, NULL, PQgetvalue(res, i, 0),
			    ms >= 0 ? db_int(b, ms) : NULL, why, rel);
			if (err != STATUS_OK) {
				PQclear(res);
				return tool_fail(err,
				    "cannot store a duration");
			}
			if (quiet)
				;
			else if (ms < 0) {
				bad++;
				printf("media %s %s: %s\n",
				    PQgetvalue(res, i, 0), rel, why);
			} else
				printf("media %s %s: %lld ms\n",
				    PQgetvalue(res, i, 0), rel, ms);
			done++;
		}
		PQclear(res);
	}
	if (ids == NULL)
		printf("%d media files measured, %d unreadable\n", done, bad);
	return 0;
}

static int
propose(void)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT p.outage_id, b.name, p.reservation_id, p.reason"
	    " FROM box_outages_propose() p JOIN boxes b ON b.id = p.box_id");
	PGresult *res;
	NEOERR *err;
	int i;

	err = DBQ0(&st, &res);
	if (err != STATUS_OK)
		return tool_fail(err, "cannot propose outages");
	for (i = 0; i < PQntuples(res); i++)
		printf("outage %s proposed: box %s %s during reservation %s\n",
		    PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 3), PQgetvalue(res, i, 2));
	PQclear(res);
	return 0;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: fm-media [-c CONFIG] add -r RESERVATION [-s START] [-e "
	    "END]\n"
	    "                [-b BOX] [-i INFO] [--recording ID] [--move] "
	    "[KIND=]FILE...\n"
	    "       fm-media [-c CONFIG] list [-o ORDER]\n"
	    "       fm-media [-c CONFIG] verify [-o ORDER]\n"
	    "       fm-media [-c CONFIG] probe [--all]\n"
	    "       fm-media [-c CONFIG] propose\n"
	    "       fm-media [-c CONFIG] clips [--once]\n"
	    "KIND: mp4, mp3, mp3_room, mp3_trad, other (default from the "
	    "extension).\nSTART, END: \"YYYY-MM-DD HH:MM\" (Europe/Paris), by "
	    "default the reservation's.\n");
}

static bool
known_kind(const char *k, size_t n)
{
	size_t i;

	for (i = 0; i < FM_ARRAY_LEN(kinds); i++)
		if (strlen(kinds[i]) == n && !strncmp(kinds[i], k, n))
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reservation", required_argument, NULL, 'r' },
		{ "start", required_argument, NULL, 's' },
		{ "end", required_argument, NULL, 'e' },
		{ "box", required_argument, NULL, 'b' },
		{ "info", required_argument, NULL, 'i' },
		{ "order", required_argument, NULL, 'o' },
		{ "recording", required_argument, NULL, 'R' },
		{ "move", no_argument, NULL, 'm' },
		{ "all", no_argument, NULL, 'A' },
		{ "once", no_argument, NULL, '1' },
		{ NULL, 0, NULL, 0 },
	};
	const char *start = NULL, *end = NULL;
	const char *box = NULL, *info = NULL, *verb;
	long long reservation = 0, order_id = 0, recording = 0;
	struct file files[MAX_FILES];
	bool move = false, all = false, once = false;
	int ch, rc, nfiles = 0, i;

	tool_init("fm-media", usage);
	if ((rc = tool_start(argc, argv)) >= 0)
		return rc;
	/* The verb's options may follow its files: scan again from the verb
	 * with GNU getopt reset (optind 0) so that it permutes. */
	verb = argv[optind];
	argc -= optind;
	argv += optind;
	optind = 0;
	while (
	    (ch = getopt_long(argc, argv, "r:s:e:b:i:o:", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			reservation = atoll(optarg);
			break;
		case 's':
			start = optarg;
			break;
		case 'e':
			end = optarg;
			break;
		case 'b':
			box = optarg;
			break;
		case 'i':
			info = optarg;
			break;
		case 'o':
			order_id = atoll(optarg);
			break;
		case 'R':
			recording = atoll(optarg);
			break;
		case 'm':
			move = true;
			break;
		case 'A':
			all = true;
			break;
		case '1':
			once = true;
			break;
		default:
			return tool_usage_error();
		}
	}
	memset(files, 0, sizeof(files));
	for (i = optind; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		struct stat st;
		struct file *f;

		if (nfiles == MAX_FILES) {
			fprintf(stderr, "fm-media: at most %d files\n",
			    MAX_FILES);
			return 2;
		}
		f = &files[nfiles++];
		if (eq && known_kind(argv[i], (size_t)(eq - argv[i]))) {
			f->src = eq + 1;
			snprintf(f->kind, sizeof(f->kind), "%.*s",
			    (int)(eq - argv[i]), argv[i]);
		} else {
			f->src = argv[i];
			snprintf(f->kind, sizeof(f->kind), "%s",
			    guess_kind(argv[i]));
		}
		if (stat(f->src, &st) != 0 || !S_ISREG(st.st_mode)) {
			fprintf(stderr, "fm-media: %s: not a readable file\n",
			    f->src);
			return 2;
		}
	}
	if (strcmp(verb, "add") && strcmp(verb, "list") &&
	    strcmp(verb, "verify") && strcmp(verb, "probe") &&
	    strcmp(verb, "propose") && strcmp(verb, "clips"))
		return tool_usage_error();
	if (!strcmp(verb, "add") &&
	    ((reservation <= 0 && recording <= 0) || nfiles == 0)) {
		fprintf(stderr,
		    "fm-media: add needs --reservation (or "
		    "--recording) and at least one file\n");
		return 2;
	}
	if (strcmp(verb, "add") && nfiles > 0)
		return tool_usage_error();
	if (tool_config() != 0)
		return 1;
	if (stat(g_cfg->media_dir, &store_owner) != 0) {
		fprintf(stderr, "fm-media: %s: %s\n", g_cfg->media_dir,
		    strerror(errno));
		tool_end();
		return 1;
	}
	umask(027);
	if (tool_connect() != 0) {
		tool_end();
		return 1;
	}
	if (!strcmp(verb, "add"))
		rc = add(reservation, start, end, box, info, recording, move,
		    files, nfiles);
	else if (!strcmp(verb, "list"))
		rc = list(order_id);
	else if (!strcmp(verb, "probe"))
		rc = probe_files(NULL, 0, all, false);
	else if (!strcmp(verb, "propose"))
		rc = propose();
	else if (!strcmp(verb, "clips"))
		rc = clips_run(once);
	else
		rc = verify(order_id);
	tool_end();
	return rc;
}
