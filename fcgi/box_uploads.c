/*
 * box_uploads.c - /box/api/uploads: a box sends its finished files in
 * chunks, resumable, verified by SHA-256 (docs/box-api.md, "Uploads").
 *
 *   POST /box/api/uploads              which file, how much is here
 *   PUT  /box/api/uploads/{id}         a chunk (Upload-Offset: n)
 *   POST /box/api/uploads/{id}/finish  verify, move into the store
 *   POST /box/api/uploads/{id}/removed the box deleted its copy
 *
 * nginx writes each chunk to a file (bodyfile.h) before focusd sees the
 * request; the files are in upload_store.c, the SQL in db_uploads.c.
 * Every step is done under the media file's row lock, so two requests
 * for one file (a box retrying while its first try still runs) take
 * turns.  Answers are JSON, with the offset the box must go on from
 * whenever it is not where the box thought.
 */
#include "bodyfile.h"
#include "box_api.h"
#include "db/db_uploads.h"
#include "errors.h"
#include "handlers.h"
#include "log.h"
#include "media.h"
#include "upload_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool
good_sha(const char *s)
{
	return s != NULL && strlen(s) == 64 &&
	    strspn(s, "0123456789abcdef") == 64;
}

static bool
good_key(const char *k)
{
	size_t n = k ? strlen(k) : 0;

	return n > 0 && n <= 64 &&
	    strspn(k,
	        "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	        "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* A decimal number of at most 18 digits from a header, -1 otherwise. */
static long long
header_number(const char *v)
{
	size_t n = v ? strlen(v) : 0;

	if (n == 0 || n > 18 || strspn(v, "0123456789") != n)
		return -1;
	return atoll(v);
}

/* {"error": message, "offset": offset} with the status of type. */
static NEOERR *
answer_offset(struct req *r, NERR_TYPE type, const char *message,
    long long offset)
{
	return http_json_refuse(r, type,
	    json_pack("{s:s, s:I}", "error", message, "offset",
	        (json_int_t)offset));
}

/* A chunk that does not fit at the partial's end (cur): logged with the
 * upload's row, and the box told where to go on from. */
static NEOERR *
refuse_chunk(struct req *r, long long media, long long cur, long long len,
    NERR_TYPE type, const char *message)
{
	NEOERR *err;

	err = db_upload_chunk(media, r->sess.box_id, cur, len, false);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	return answer_offset(r, type, message, cur);
}

/* Records a full disk (shown on /boxes); the box's answer in *answer. */
static NEOERR *
note_disk_full(struct req *r, long long media, long long len, json_t **answer)
{
	char msg[300];
	NEOERR *err;

	snprintf(msg, sizeof(msg),
	    "disk full on the central server: %lld MB "
	    "free for uploads (Uploads.MinFreeMB = %lld); the box keeps its "
	    "files and sends them again later",
	    upload_free_mb(), upload_min_free_mb());
	log_error("box %lld, media %lld: %s", r->sess.box_id, media, msg);
	*answer = json_pack("{s:s, s:I}", "error", msg, "free_mb",
	    (json_int_t)upload_free_mb());
	if (!db_in_transaction() && (err = db_begin()) != STATUS_OK)
		return nerr_pass(err);
	err = db_upload_error(media, r->sess.box_id, len, msg);
	if (err == STATUS_OK)
		err = db_commit();
	return nerr_pass(err);
}

/* 507 Insufficient Storage: said to the box, and shown on /boxes. */
static NEOERR *
disk_full(struct req *r, long long media, long long len)
{
	json_t *answer = NULL;
	NEOERR *err;

	err = note_disk_full(r, media, len, &answer);
	if (err != STATUS_OK) {
		json_decref(answer);
		return nerr_pass(err);
	}
	return http_json_refuse(r, FM_ERR_NOSPACE, answer);
}

NEOERR *
box_uploads_open(struct req *r)
{
	const char *key, *path, *sum;
	long long bytes;
	json_t *doc, *v;
	PGresult *res;
	NEOERR *err;
	long long id, have, offset;
	bool verified;

	err = box_api_read_json(r, &doc);
	if (err != STATUS_OK)
		return nerr_pass(err);
	key = json_string_value(json_object_get(doc, "recording"));
	path = json_string_value(json_object_get(doc, "path"));
	sum = json_string_value(json_object_get(doc, "sha256"));
	v = json_object_get(doc, "bytes");
	bytes = json_is_integer(v) ? (long long)json_integer_value(v) : -1;
	if (!good_key(key) || path == NULL || *path == '\0' ||
	    strlen(path) > 500 || !good_sha(sum) || bytes < 0) {
		json_decref(doc);
		return nerr_raise(FM_ERR_INVALID,
		    "an upload needs recording, "
		    "path, bytes and sha256");
	}
	err = db_upload_find(r->sess.box_id, key, path, &res);
	if (err != STATUS_OK) {
		json_decref(doc);
		return nerr_pass(err);
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		json_decref(doc);
		return http_json_refuse(r, FM_ERR_NOTFOUND,
		    json_pack("{s:s}", "error",
		        "unknown file: its \"file\" event has not reached the "
		        "central server, or its recording was deleted there"));
	}
	id = atoll(db_get(res, 0, "id"));
	have = atoll(db_get(res, 0, "bytes") ? db_get(res, 0, "bytes") : "-1");
	verified = atoi(db_get(res, 0, "on_central")) == 1;
	if (have != bytes ||
	    strcmp(db_get(res, 0, "sha256") ? db_get(res, 0, "sha256") : "",
	        sum)) {
		PQclear(res);
		json_decref(doc);
		return http_json_refuse(r, FM_ERR_CONFLICT,
		    json_pack("{s:s, s:I, s:b}", "error",
		        "the central server knows this file with another "
		        "size or SHA-256",
		        "id", (json_int_t)id, "verified", verified));
	}
	PQclear(res);
	json_decref(doc);
	offset = verified ? bytes : upload_partial_size(id);
	if (offset < 0 || offset > bytes)
		offset = 0;
	return http_json(r,
	    json_pack("{s:I, s:I, s:I, s:b, s:I}", "id", (json_int_t)id,
	        "bytes", (json_int_t)bytes, "offset", (json_int_t)offset,
	        "verified", verified, "chunk_max",
	        (json_int_t)upload_max_chunk()));
}

/* The chunk would leave less than the floor on the store's disk. */
static bool
no_room_for(long long len)
{
	return upload_free_mb() >= 0 &&
	    upload_free_mb() - len / (1024 * 1024) < upload_min_free_mb();
}

/*
 * nginx's auth_request before it takes a chunk: the box's token, a file
 * of its own not verified yet, a chunk under the limit and above the disk
 * floor.  204 lets nginx read the body.  Otherwise 401 (token) or 403
 * (nginx knows no other refusal), with the status and JSON answer the box
 * must get in X-FM-Refused and X-FM-Answer: nginx sends them itself,
 * without reading the body (the upload location's @fm_upload_refused_*).
 */
NEOERR *
box_uploads_check(struct req *r)
{
	const char *v = http_env(r, "FM_NGINX_INTERNAL");
	long long media = header_number(http_env(r, "FM_UPLOAD_MEDIA"));
	long long len = header_number(http_env(r, "FM_BODY_LENGTH"));
	json_t *answer = NULL;
	PGresult *res;
	NEOERR *err;
	char *text;
	int status = 0, n, verified = 0;
	long long bytes = 0;

	if (v == NULL || strcmp(v, "box-upload") || media <= 0)
		return http_refuse_empty(r, FM_ERR_FORBIDDEN);
	if (len < 0)
		len = 0;
	err = box_auth(r);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		status = 401;
		answer = json_pack("{s:s}", "error", "unknown box token");
	}
	if (status == 0) {
		err = db_upload_lock(media, r->sess.box_id, &res);
		if (err != STATUS_OK)
			return nerr_pass(err);
		n = PQntuples(res);
		if (n == 1) {
			verified = atoi(db_get(res, 0, "on_central"));
			bytes = atoll(db_get(res, 0, "bytes")
			        ? db_get(res, 0, "bytes")
			        : "0");
		}
		PQclear(res);
		if (n != 1) {
			status = 404;
			answer = json_pack("{s:s}", "error",
			    "no such media file of this box");
		} else if (verified) {
			status = 409;
			answer = json_pack("{s:s, s:I, s:b}", "error",
			    "already verified", "offset", (json_int_t)bytes,
			    "verified", 1);
		} else if (len > upload_max_chunk()) {
			status = 413;
			answer = json_pack("{s:s, s:I}", "error",
			    "a chunk is too big", "chunk_max",
			    (json_int_t)upload_max_chunk());
		} else if (no_room_for(len)) {
			status = 507;
			err = note_disk_full(r, media, len, &answer);
			if (err != STATUS_OK) {
				json_decref(answer);
				return nerr_pass(err);
			}
		}
	}
	if (status == 0)
		return nerr_pass(http_send(r, 204, "text/plain", "", 0));
	text = answer ? json_dumps(answer, JSON_COMPACT) : NULL;
	json_decref(answer);
	http_header(r, "X-FM-Refused: %d", status);
	http_header(r, "X-FM-Answer: %s", text ? text : "{}");
	free(text);
	return http_refuse_empty(r,
	    status == 401 ? FM_ERR_UNAUTHORIZED : FM_ERR_FORBIDDEN);
}

/* nginx could not take the chunk (error_page in the upload location). */
static NEOERR *
body_error(struct req *r, const char *status, long long len)
{
	if (!strcmp(status, "413")) {
		char msg[120];

		snprintf(msg, sizeof(msg), "a chunk is %lld bytes at most",
		    upload_max_chunk());
		return http_json_refuse(r, FM_ERR_TOOBIG,
		    json_pack("{s:s, s:I}", "error", msg, "chunk_max",
		        (json_int_t)upload_max_chunk()));
	}
	/* Writing the body is what nginx does before us: on a full disk
	 * it fails first. */
	if (upload_free_mb() >= 0 &&
	    upload_free_mb() <= upload_min_free_mb() + len / (1024 * 1024) + 1)
		return disk_full(r, r->id[0], len);
	log_error("box %lld: nginx could not store a chunk of media %lld "
	          "(status %s): see nginx's error log",
	    r->sess.box_id, r->id[0], status);
	return nerr_raise(NERR_IO,
	    "the central server could not store the "
	    "chunk");
}

/* The chunk in body_fd at offset, under the row lock (transaction open). */
static NEOERR *
append_chunk(struct req *r, int body_fd, long long offset, long long len,
    long long bytes)
{
	long long media = r->id[0], cur;
	int part;
	NEOERR *err;

	part = upload_partial_open(media);
	if (part < 0)
		return nerr_raise_errno(NERR_IO, "partial upload of media %lld",
		    media);
	cur = lseek(part, 0, SEEK_END);
	if (cur > bytes) {
		/* Longer than the file (its size changed): start again. */
		log_warn("media %lld: partial upload of %lld bytes for a file "
		         "of %lld: started again",
		    media, cur, bytes);
		if (ftruncate(part, 0) != 0)
			log_error("media %lld: cannot cut the partial upload",
			    media);
		cur = 0;
	}
	if (offset != cur) {
		close(part);
		return refuse_chunk(r, media, cur, len, FM_ERR_CONFLICT,
		    "the chunk does "
		    "not start where the file is: go on from offset");
	}
	if (cur + len > bytes) {
		close(part);
		return refuse_chunk(r, media, cur, len, FM_ERR_INVALID,
		    "the chunk goes "
		    "past the end of the file");
	}
	if (no_room_for(len)) {
		close(part);
		return disk_full(r, media, len);
	}
	if (!upload_append(part, body_fd, cur, len)) {
		int e = errno;

		close(part);
		if (e == ENOSPC || e == EDQUOT)
			return disk_full(r, media, len);
		db_rollback();
		return nerr_raise(NERR_IO,
		    "appending to the partial upload of "
		    "media %lld: %s",
		    media, strerror(e));
	}
	close(part);
	err = db_upload_chunk(media, r->sess.box_id, cur + len, len, true);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_json(r,
	    json_pack("{s:I, s:I}", "offset", (json_int_t)(cur + len), "bytes",
	        (json_int_t)bytes));
}

NEOERR *
box_uploads_chunk(struct req *r)
{
	const char *status = http_env(r, "FM_BODY_ERROR");
	const char *file = http_env(r, "FM_BODY_FILE");
	long long offset = header_number(http_env(r, "HTTP_UPLOAD_OFFSET"));
	long long len = header_number(http_env(r, "CONTENT_LENGTH"));
	PGresult *res;
	NEOERR *err;
	int body;

	if (status != NULL)
		return body_error(r, status, len > 0 ? len : 0);
	if (offset < 0 || len <= 0)
		return nerr_raise(FM_ERR_INVALID,
		    "a chunk needs an "
		    "Upload-Offset header and a body");
	if (len > upload_max_chunk())
		return body_error(r, "413", len);
	if (file == NULL || *file == '\0')
		return nerr_raise(NERR_ASSERT,
		    "no FM_BODY_FILE from nginx: "
		    "the upload location of the nginx site is missing");
	body = bodyfile_open(file, upload_body_dir(), len);
	if (body < 0) {
		if (errno == EACCES)
			return nerr_raise(NERR_IO,
			    "cannot read nginx's body "
			    "file %s: focusd needs CAP_DAC_READ_SEARCH when "
			    "nginx runs as another user (docs/upload.md)",
			    file);
		return nerr_raise_errno(NERR_IO,
		    "nginx's body file %s "
		    "(Uploads.BodyDir = %s, %lld bytes expected)",
		    file, upload_body_dir(), len);
	}
	/* The partial's size is the offset, not the row: a commit lost in a
	 * crash loses only counters, so it need not wait for the disk (which
	 * is busy writing the chunks). */
	err = db_begin();
	if (err == STATUS_OK)
		err = db_exec_script("SET LOCAL synchronous_commit TO off");
	if (err == STATUS_OK)
		err = db_upload_lock(r->id[0], r->sess.box_id, &res);
	if (err != STATUS_OK) {
		close(body);
		return nerr_pass(err);
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		close(body);
		db_rollback();
		return nerr_raise(FM_ERR_NOTFOUND,
		    "no media file %lld of this "
		    "box",
		    r->id[0]);
	}
	if (atoi(db_get(res, 0, "on_central")) == 1) {
		long long bytes = atoll(db_get(res, 0, "bytes"));

		PQclear(res);
		close(body);
		db_rollback();
		return http_json_refuse(r, FM_ERR_CONFLICT,
		    json_pack("{s:s, s:I, s:b}", "error", "already verified",
		        "offset", (json_int_t)bytes, "verified", 1));
	}
	err = append_chunk(r, body, offset, len,
	    atoll(db_get(res, 0, "bytes") ? db_get(res, 0, "bytes") : "0"));
	PQclear(res);
	close(body);
	if (db_in_transaction())
		db_rollback();
	return err;
}

/* The verified partial into the store, recorded; transaction open. */
static NEOERR *
publish(struct req *r, int part, PGresult *row, const char *sum,
    long long bytes)
{
	char base[96], rel[600], path[4096];
	long long media = r->id[0];
	NEOERR *err;

	snprintf(base, sizeof(base), "r%s-%s", db_get(row, 0, "recording_id"),
	    db_get(row, 0, "kind"));
	if (!upload_publish(part, media, db_get(row, 0, "day"), base,
	        db_get(row, 0, "ext"), rel, sizeof(rel))) {
		int e = errno;

		if (e == ENOSPC || e == EDQUOT)
			return disk_full(r, media, 0);
		db_rollback();
		return nerr_raise(NERR_IO, "media %lld into the store: %s",
		    media, strerror(e));
	}
	err = db_upload_done(media, r->sess.box_id, rel);
	if (err == STATUS_OK)
		err = db_commit();
	if (err != STATUS_OK) {
		/* Not recorded: not in the store either; the partial stays
		 * for the next try. */
		if (media_path(path, sizeof(path), rel))
			unlink(path);
		return nerr_pass(err);
	}
	upload_partial_discard(media);
	log_info("box %lld: media %lld verified (%lld bytes, sha256 %s), "
	         "stored as %s",
	    r->sess.box_id, media, bytes, sum, rel);
	return http_json(r,
	    json_pack("{s:b, s:s, s:I, s:s}", "verified", 1, "path", rel,
	        "bytes", (json_int_t)bytes, "sha256", sum));
}

NEOERR *
box_uploads_finish(struct req *r)
{
	char want[65], got[65], msg[300];
	const char *sum;
	long long bytes, size;
	PGresult *res;
	json_t *doc;
	NEOERR *err;
	int part;

	err = box_api_read_json(r, &doc);
	if (err != STATUS_OK)
		return nerr_pass(err);
	sum = json_string_value(json_object_get(doc, "sha256"));
	if (!good_sha(sum)) {
		json_decref(doc);
		return nerr_raise(FM_ERR_INVALID,
		    "finish needs the file's "
		    "sha256");
	}
	snprintf(want, sizeof(want), "%s", sum);
	json_decref(doc);
	err = db_begin();
	if (err == STATUS_OK)
		err = db_upload_lock(r->id[0], r->sess.box_id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) != 1) {
		PQclear(res);
		db_rollback();
		return nerr_raise(FM_ERR_NOTFOUND,
		    "no media file %lld of this "
		    "box",
		    r->id[0]);
	}
	bytes = atoll(db_get(res, 0, "bytes") ? db_get(res, 0, "bytes") : "-1");
	if (atoi(db_get(res, 0, "on_central")) == 1 ||
	    strcmp(db_get(res, 0, "sha256") ? db_get(res, 0, "sha256") : "",
	        want)) {
		bool done = atoi(db_get(res, 0, "on_central")) == 1 &&
		    !strcmp(db_get(res, 0, "sha256"), want);

		PQclear(res);
		db_rollback();
		if (done) /* finished already: the answer was lost */
			return http_json(r,
			    json_pack("{s:b, s:I, s:s}", "verified", 1, "bytes",
			        (json_int_t)bytes, "sha256", want));
		return http_json_refuse(r, FM_ERR_CONFLICT,
		    json_pack("{s:s}", "error",
		        "the central server knows this file with another "
		        "SHA-256"));
	}
	part = upload_partial_open(r->id[0]);
	size = part < 0 ? -1 : lseek(part, 0, SEEK_END);
	if (size != bytes) {
		if (part >= 0)
			close(part);
		PQclear(res);
		db_rollback();
		snprintf(msg, sizeof(msg), "incomplete: %lld of %lld bytes",
		    size < 0 ? 0 : size, bytes);
		return answer_offset(r, FM_ERR_CONFLICT, msg,
		    size < 0 ? 0 : size);
	}
	if (!upload_hash(part, got, &size) || size != bytes) {
		int e = errno;

		close(part);
		PQclear(res);
		db_rollback();
		return nerr_raise(NERR_IO,
		    "reading the partial upload of "
		    "media %lld: %s",
		    r->id[0], strerror(e));
	}
	if (strcmp(got, want)) {
		close(part);
		PQclear(res);
		upload_partial_discard(r->id[0]);
		snprintf(msg, sizeof(msg),
		    "SHA-256 mismatch: the central "
		    "server received %s; the partial file was discarded, send "
		    "the file again",
		    got);
		log_warn("box %lld, media %lld: %s", r->sess.box_id, r->id[0],
		    msg);
		err = db_upload_restart(r->id[0], r->sess.box_id, msg);
		if (err == STATUS_OK)
			err = db_commit();
		if (err != STATUS_OK)
			return nerr_pass(err);
		return answer_offset(r, FM_ERR_FORM, msg, 0);
	}
	err = publish(r, part, res, got, bytes);
	close(part);
	PQclear(res);
	if (db_in_transaction())
		db_rollback();
	return err;
}

NEOERR *
box_uploads_removed(struct req *r)
{
	PGresult *res;
	NEOERR *err;
	int n;

	err = db_upload_removed(r->id[0], r->sess.box_id, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	n = PQntuples(res);
	PQclear(res);
	if (n != 1)
		return http_json_refuse(r, FM_ERR_CONFLICT,
		    json_pack("{s:s}", "error",
		        "not verified on the central server: keep the file"));
	return http_json(r, json_pack("{s:b}", "ok", 1));
}
