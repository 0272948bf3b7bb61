/*
 * fm_media_clips.c - `fm-media clips [--once]`: the job runner of clips
 * and reels (docs/videos.md, "Clips and reels"), outside focusd's
 * workers (systemd: focusmanager-clips.service).
 *
 * It takes one due job at a time (clip_claim(): a queued job, or a
 * running one whose lease passed because its runner died), cuts it with
 * ffmpeg without re-encoding, and records the file as a media file of
 * the recording (clip_finish()); a failure is retried (clip_fail()).
 *
 *   clip: ffmpeg -ss START -i <recording.mp4> -t LENGTH -map 0 -c copy
 *         (every stream: the picture and the stereo sound, room left and
 *         translation right); the cut starts on the keyframe at or before
 *         START, within a second with fm-box's 1 s GOP
 *   reel: ffprobe compares the clips' codec parameters (a clear message
 *         when they differ), then the concat demuxer, -c copy
 *
 * The file goes to a temporary name beside its place, then is renamed:
 * a runner killed in the middle leaves no half file under the real name.
 */
#include "fm.h"
#include "conf.h"
#include "db/db.h"
#include "digest.h"
#include "errors.h"
#include "media.h"
#include "fm_media_clips.h"
#include "tool.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Runs argv; its standard output and error in out (the end of them when
 * longer).  Returns the exit status, -1 when it could not run. */
static int
run(char *const argv[], char *out, size_t len)
{
	int fds[2], status;
	size_t got = 0;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		char buf[4096];
		ssize_t n = read(fds[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (got + (size_t)n >= len) { /* keep the end */
			size_t keep = len / 2;

			memmove(out, out + got - (got < keep ? got : keep),
			    got < keep ? got : keep);
			got = got < keep ? got : keep;
		}
		if ((size_t)n >= len - got)
			n = (ssize_t)(len - got - 1);
		memcpy(out + got, buf, (size_t)n);
		got += (size_t)n;
	}
	out[got] = '\0';
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char *
tool(const char *key, const char *def)
{
	return config_str(key, def);
}

/* The codec parameters of a file's streams, as one line each. */
static bool
params(const char *path, char *out, size_t len)
{
	char *argv[] = { (char *)tool("Clips.FFprobe", "ffprobe"), "-v",
		"error", "-show_entries",
		"stream=codec_type,codec_name,profile,width,height,pix_fmt,"
		"sample_rate,channels,channel_layout",
		"-of", "csv=p=0", (char *)path, NULL };

	return run(argv, out, len) == 0;
}

static long long
duration_ms(const char *path)
{
	char out[256];
	char *argv[] = { (char *)tool("Clips.FFprobe", "ffprobe"), "-v",
		"error", "-show_entries", "format=duration", "-of", "csv=p=0",
		(char *)path, NULL };

	if (run(argv, out, sizeof(out)) != 0)
		return -1;
	return (long long)(atof(out) * 1000);
}

static void
fail(long long id, const char *why, bool final)
{
	static struct db_stmt st = DB_STMT(
	    "SELECT clip_fail($1::bigint, $2, $3::boolean)");
	char a[24];
	PGresult *res;
	NEOERR *err;

	fprintf(stderr, "fm-media clips: job %lld: %s\n", id, why);
	err = DBQ(&st, &res, db_int(a, id), why, final ? "true" : "false");
	if (err != STATUS_OK)
		nerr_ignore(&err);
	else
		PQclear(res);
}

/* One job of the claimed row. */
static void
job(PGresult *row)
{
	static struct db_stmt done = DB_STMT(
	    "SELECT clip_finish($1::bigint, $2, $3::bigint, $4, $5::bigint)");
	long long id = atoll(db_get(row, 0, "id"));
	const char *kind = db_get(row, 0, "kind");
	const char *sources = db_get(row, 0, "sources");
	char rel[512], abs[4096], part[4200], msg[2048], src[4096];
	char list[4200], sha[DIGEST_HEX_LEN + 1], a[24], b[24], c[24];
	long long bytes, dur;
	PGresult *res;
	NEOERR *err;
	int rc;

	if (sources == NULL || !*sources) {
		fail(id, "the source files are not on the server", false);
		return;
	}
	snprintf(rel, sizeof(rel), "%s/c%lld-%s.mp4", db_get(row, 0, "day"), id,
	    kind);
	if (!media_path(abs, sizeof(abs), rel) || !media_mkdirs(rel)) {
		fail(id, "cannot make its folder in the media store", false);
		return;
	}
	snprintf(part, sizeof(part), "%s.part.mp4", abs);
	if (!strcmp(kind, "clip")) {
		char ss[32], t[32];
		long long s = atoll(db_get(row, 0, "start_ms"));
		long long e = atoll(db_get(row, 0, "end_ms"));

		if (!media_path(src, sizeof(src), sources)) {
			fail(id, "bad source path", true);
			return;
		}
		snprintf(ss, sizeof(ss), "%lld.%03lld", s / 1000, s % 1000);
		snprintf(t, sizeof(t), "%lld.%03lld", (e - s) / 1000,
		    (e - s) % 1000);
		char *argv[] = { (char *)tool("Clips.FFmpeg", "ffmpeg"),
			"-hide_banner", "-nostdin", "-v", "error", "-ss", ss,
			"-i", src, "-t", t, "-map", "0", "-c", "copy",
			"-avoid_negative_ts", "make_zero", "-movflags",
			"+faststart", "-f", "mp4", "-y", part, NULL };

		rc = run(argv, msg, sizeof(msg));
	} else {
		/* a reel: the same codec parameters, then the concat list */
		char first[1024] = "", p[1024], *save = NULL, *line;
		char *copy = strdup(sources);
		FILE *f;
		int fd;

		snprintf(list, sizeof(list), "%s.list", abs);
		fd = open(list, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
		f = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (f == NULL || copy == NULL) {
			free(copy);
			if (fd >= 0)
				close(fd);
			fail(id, "cannot write the concat list", false);
			return;
		}
		for (line = strtok_r(copy, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			if (!media_path(src, sizeof(src), line) ||
			    strchr(src, '\'') != NULL) {
				fclose(f);
				free(copy);
				unlink(list);
				fail(id, "bad clip path", true);
				return;
			}
			if (!params(src, p, sizeof(p))) {
				fclose(f);
				free(copy);
				unlink(list);
				fail(id, "a clip of the reel cannot be read",
				    false);
				return;
			}
			if (!*first)
				snprintf(first, sizeof(first), "%s", p);
			else if (strcmp(first, p) != 0) {
				char why[1200];

				fclose(f);
				free(copy);
				unlink(list);
				snprintf(why, sizeof(why),
				    "the clips were not encoded alike, a reel "
				    "joins them without re-encoding only when "
				    "their codec parameters are the same "
				    "(first: %.200s; then: %.200s)",
				    first, p);
				for (char *q = why; *q; q++)
					if (*q == '\n')
						*q = ' ';
				fail(id, why, true);
				return;
			}
			fprintf(f, "file '%s'\n", src);
		}
		free(copy);
		fclose(f);
		char *argv[] = { (char *)tool("Clips.FFmpeg", "ffmpeg"),
			"-hide_banner", "-nostdin", "-v", "error", "-f",
			"concat", "-safe", "0", "-i", list, "-map", "0", "-c",
			"copy", "-movflags", "+faststart", "-f", "mp4", "-y",
			part, NULL };

		rc = run(argv, msg, sizeof(msg));
		unlink(list);
	}
	if (rc != 0) {
		unlink(part);
		fail(id, *msg ? msg : "ffmpeg failed", false);
		return;
	}
	dur = duration_ms(part);
	if (dur <= 0 || sha256_file(part, sha, &bytes) != 0 ||
	    rename(part, abs) != 0) {
		unlink(part);
		fail(id, "the cut file cannot be read back", false);
		return;
	}
	err = DBQ(&done, &res, db_int(a, id), rel, db_int(b, bytes), sha,
	    db_int(c, dur));
	if (err != STATUS_OK || db_get(res, 0, "clip_finish") == NULL) {
		/* the job is no longer ours (deleted with its recording) */
		if (err != STATUS_OK)
			nerr_ignore(&err);
		else
			PQclear(res);
		unlink(abs);
		return;
	}
	PQclear(res);
	printf("job %lld: %s %s, %lld bytes, %lld ms\n", id, kind, rel, bytes,
	    dur);
	fflush(stdout);
}

int
clips_run(bool once)
{
	static struct db_stmt claim = DB_STMT(
	    "SELECT * FROM clip_claim($1::integer)");
	int lease = config_int("Clips.LeaseSeconds", 300);
	char a[24];

	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	while (!stopping) {
		PGresult *res;
		NEOERR *err = DBQ(&claim, &res, db_int(a, lease));

		if (err != STATUS_OK) {
			tool_fail(err, "cannot take a job");
			if (once)
				return 1;
			sleep(5);
			continue;
		}
		if (PQntuples(res) == 0) {
			PQclear(res);
			if (once)
				return 0;
			sleep(1);
			continue;
		}
		job(res);
		PQclear(res);
	}
	return 0;
}
