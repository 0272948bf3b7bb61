/*
 * files.c - files shared on an order (DESIGN.md section 5: staff, and
 * the order's user and client accounts, may list, add, download and
 * delete them; live accounts may not):
 *
 *   /portal/files            the portal's "Fichiers" tab (its order)
 *   /orders/{id}/files       the same for staff
 *   GET /files/{id}          download (X-Accel-Redirect to /_files/)
 *   POST /files/{id}/delete  delete (the file leaves the disk too)
 *   GET /errors/413          nginx's page for a body over its limit
 *
 * An upload (multipart, field "file") is checked before anything is
 * written: size (Files.MaxUploadMB; a body over Limits.MaxBodyMB is
 * refused before it is read), name (the last part of what the browser
 * sent, for display only: the bytes are stored under the order and the
 * file's id, so no name reaches the file system), and content (libmagic
 * reads the bytes; the type must be one of the accepted kinds and match
 * the name's extension), the order's quota (Files.OrderQuotaMB, checked
 * and recorded in one SQL step) and the media store's free space (the
 * floor the box uploads keep, Uploads.MinFreeMB).  A refused upload
 * leaves nothing: ClearSilver's spool file is already unlinked, no row,
 * no file.  nginx asks first (files_upload_check, its auth_request):
 * a body that cannot be taken is never read, and the browser is sent
 * back to the form, which says why (?refused=quota, disk, size, denied).
 */
#include "conf.h"
#include "db/db_files.h"
#include "digest.h"
#include "errors.h"
#include "form.h"
#include "handlers.h"
#include "log.h"
#include "media.h"
#include "order_heading.h"
#include "upload_store.h"

#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define NAME_MAX_CHARS 200
#define MIB            (1024LL * 1024)

/* What may be shared: by extension, the types libmagic may find. */
static const struct {
	const char *ext;
	const char *types; /* space separated */
} accepted[] = {
	{ "pdf", "application/pdf" },
	{ "png", "image/png" },
	{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },
	{ "gif", "image/gif" },
	{ "webp", "image/webp" },
	{ "txt", "text/plain" },
	{ "csv", "text/plain text/csv application/csv" },
	{ "rtf", "text/rtf" },
	{ "doc",
	    "application/msword application/CDFV2 application/x-ole-storage" },
	{ "xls",
	    "application/vnd.ms-excel application/CDFV2 "
	    "application/x-ole-storage" },
	{ "ppt",
	    "application/vnd.ms-powerpoint application/CDFV2 "
	    "application/x-ole-storage" },
	{ "docx",
	    "application/"
	    "vnd.openxmlformats-officedocument.wordprocessingml.document "
	    "application/zip" },
	{ "xlsx",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet "
	    "application/zip" },
	{ "pptx",
	    "application/"
	    "vnd.openxmlformats-officedocument.presentationml.presentation "
	    "application/zip" },
	{ "odt", "application/vnd.oasis.opendocument.text application/zip" },
	{ "ods",
	    "application/vnd.oasis.opendocument.spreadsheet application/zip" },
	{ "odp",
	    "application/vnd.oasis.opendocument.presentation application/zip" },
	{ "zip", "application/zip" },
	{ "mp3", "audio/mpeg" },
	{ "mp4", "video/mp4" },
	{ "m4a", "audio/x-m4a audio/mp4 video/mp4" },
	{ "wav", "audio/x-wav audio/wav" },
};

/* The order whose files the request is about: the account's, or the one
 * in the URL for staff (r->order_scope 0: any order). */
static long long
order_of(struct req *r)
{
	return r->order_scope > 0 ? r->order_scope : r->id[0];
}

static NEOERR *refuse_as(struct req *r, NERR_TYPE type, long long order_id,
    const char *key, long n);

/* Files.OrderQuotaMB in bytes (0: no quota). */
static long long
quota(void)
{
	return (long long)config_int("Files.OrderQuotaMB", 2048) * MIB;
}

/* True when len more bytes would leave the media store under the floor
 * (Uploads.MinFreeMB, the same as for the boxes' uploads). */
static bool
disk_low(long long len)
{
	long long free_mb = media_free_mb();

	return free_mb >= 0 && free_mb - len / MIB < upload_min_free_mb();
}

static NEOERR *
show(struct req *r, long long order_id)
{
	PGresult *res;
	NEOERR *err;

	err = order_heading(r, order_id);
	if (err == STATUS_OK)
		err = db_files_of(order_id, lang_code(r->lang), &res);
	if (err == STATUS_OK) {
		err = db_rows_to_hdf(r->hdf, "Files", res);
		PQclear(res);
	}
	if (err == STATUS_OK)
		err = db_file_usage(order_id, quota(), lang_code(r->lang),
		    &res);
	if (err == STATUS_OK) {
		err = db_row_to_hdf(r->hdf, "Usage", res, 0);
		PQclear(res);
	}
	if (err == STATUS_OK && disk_low(0))
		err = hdf_set_value(r->hdf, "Usage.disk_low", "1");
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Upload.max_mb", "%ld",
		    g_cfg->max_upload / (1024 * 1024));
	if (err == STATUS_OK)
		err = hdf_setf(r->hdf, "Upload.max_bytes", "%ld",
		    g_cfg->max_upload);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Upload.action",
		    strcmp(r->sess.kind, "staff") ? "/portal/files" : "");
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r,
	    strcmp(r->sess.kind, "staff") ? "portal/files.cs"
	                                  : "files/order.cs");
}

/* Where nginx sends a browser whose upload it refused before reading it
 * (files_upload_check, dispatch.c's precheck): the form, saying why. */
static NEOERR *
refused(struct req *r, long long order_id, const char *why)
{
	if (!strcmp(why, "quota"))
		return refuse_as(r, FM_ERR_TOOBIG, order_id, "files.err_quota",
		    (long)(quota() / MIB));
	if (!strcmp(why, "disk"))
		return refuse_as(r, FM_ERR_NOSPACE, order_id, "files.err_disk",
		    0);
	if (!strcmp(why, "size"))
		return refuse_as(r, FM_ERR_TOOBIG, order_id,
		    "files.err_too_big", g_cfg->max_upload / (1024 * 1024));
	return refuse_as(r, FM_ERR_FORBIDDEN, order_id, "files.err_refused", 0);
}

NEOERR *
files_list(struct req *r)
{
	long long order_id = order_of(r);
	const char *why = http_param(r, "refused");

	if (why != NULL)
		return refused(r, order_id, why);
	return show(r, order_id);
}

/* --- upload ------------------------------------------------------------ */

/* The name to show: what follows the last / or \, without control
 * characters, trimmed, at most NAME_MAX_CHARS characters of valid UTF-8.
 * false when nothing usable is left. */
static bool
clean_name(const char *sent, char *out, size_t len)
{
	const char *p = sent, *s;
	size_t o = 0;

	for (s = sent; *s; s++)
		if (*s == '/' || *s == '\\')
			p = s + 1;
	while (*p == ' ')
		p++;
	for (; *p && o + 1 < len; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			out[o++] = *p;
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
		o--;
	out[o] = '\0';
	if (o == 0 || !strcmp(out, ".") || !strcmp(out, ".."))
		return false;
	return utf8_length(out) > 0 && utf8_length(out) <= NAME_MAX_CHARS;
}

/* The content type libmagic finds in the first bytes of fd; NULL when it
 * cannot tell.  One magic database per worker, loaded on first use. */
static const char *
sniff(int fd)
{
	static magic_t magic;
	static char buf[65536];
	ssize_t n;

	if (magic == NULL) {
		magic = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
		if (magic == NULL || magic_load(magic, NULL) != 0) {
			log_error("libmagic: %s",
			    magic ? magic_error(magic) : "cannot start");
			if (magic)
				magic_close(magic);
			magic = NULL;
			return NULL;
		}
	}
	n = pread(fd, buf, sizeof(buf), 0);
	if (n <= 0)
		return NULL;
	return magic_buffer(magic, buf, (size_t)n);
}

/* True when the detected type is accepted for the name's extension. */
static bool
type_fits(const char *name, const char *type)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (dot == NULL || type == NULL)
		return false;
	for (i = 0; i < FM_ARRAY_LEN(accepted); i++) {
		const char *t = accepted[i].types;
		size_t n = strlen(type);

		if (strcasecmp(dot + 1, accepted[i].ext))
			continue;
		while (*t) {
			size_t w = strcspn(t, " ");

			if (w == n && !strncmp(t, type, n))
				return true;
			t += w;
			t += strspn(t, " ");
		}
		return false;
	}
	return false;
}

static NEOERR *
refuse_as(struct req *r, NERR_TYPE type, long long order_id, const char *key,
    long n)
{
	char msg[300];

	format_n(msg, sizeof(msg), http_str(r, key), n);
	hdf_set_value(r->hdf, "Errors.file", msg);
	hdf_set_value(r->hdf, "Errors.form", http_str(r, "err.form"));
	http_refuse(r, type);
	return show(r, order_id);
}

static NEOERR *
refuse(struct req *r, long long order_id, const char *key, long n)
{
	return refuse_as(r, FM_ERR_FORM, order_id, key, n);
}

/* The order's files and len more bytes would pass its quota. */
static NEOERR *
over_quota(struct req *r, long long order_id, long long len, bool *over)
{
	PGresult *res;
	NEOERR *err;

	*over = false;
	if (quota() <= 0)
		return STATUS_OK;
	err = db_file_usage(order_id, quota(), lang_code(r->lang), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	*over = atoll(db_get(res, 0, "bytes")) + len > quota();
	PQclear(res);
	return STATUS_OK;
}

/*
 * nginx's auth_request before a file's body: dispatch.c checked the
 * session and the route (401, 403); here the order's quota and the free
 * space, against the body's length.  nginx knows only 2xx, 401 and 403:
 * every refusal is 403, and the form says why (refused_body).
 */
NEOERR *
files_upload_check(struct req *r)
{
	long long order_id = order_of(r);
	const char *cl = http_env(r, "FM_BODY_LENGTH");
	const char *why = NULL;
	long long len = cl ? atoll(cl) : 0;
	bool over;
	NEOERR *err;

	if (order_id == 0)
		return http_refuse_empty(r, FM_ERR_FORBIDDEN);
	if (disk_low(len)) {
		log_warn("order %lld: upload of %lld bytes by %s refused: %lld "
		         "MB "
		         "free on the media store (Uploads.MinFreeMB = %lld)",
		    order_id, len, r->sess.login, media_free_mb(),
		    upload_min_free_mb());
		why = "disk";
	}
	if (why == NULL) {
		err = over_quota(r, order_id, len, &over);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (over) {
			log_warn("order %lld: upload of %lld bytes by %s "
			         "refused: over the order's quota",
			    order_id, len, r->sess.login);
			why = "quota";
		}
	}
	if (why == NULL)
		return nerr_pass(http_send(r, 204, "text/plain", "", 0));
	if (strcmp(r->sess.kind, "staff"))
		http_header(r, "X-FM-Location: /portal/files?refused=%s", why);
	else
		http_header(r, "X-FM-Location: /orders/%lld/files?refused=%s",
		    order_id, why);
	return http_refuse_empty(r, FM_ERR_FORBIDDEN);
}

/* Writes the spooled upload to the media store at rel, through a
 * temporary name in the same folder; false (and nothing left) on error. */
static bool
store(int in_fd, const char *rel)
{
	char path[4096], tmp[4200], sha[65];
	long long bytes;
	int out;
	bool ok;

	if (!media_path(path, sizeof(path), rel) || !media_mkdirs(rel))
		return false;
	snprintf(tmp, sizeof(tmp), "%s.partXXXXXX", path);
	out = mkstemp(tmp);
	if (out < 0) {
		log_error("cannot write in %s: %s", path, strerror(errno));
		return false;
	}
	ok = fchmod(out, 0640) == 0 && lseek(in_fd, 0, SEEK_SET) == 0 &&
	    digest_copy(in_fd, out, sha, &bytes) && fsync(out) == 0;
	if (close(out) != 0)
		ok = false;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		log_error("cannot store %s: %s", path, strerror(errno));
		unlink(tmp);
	}
	return ok;
}

NEOERR *
files_upload(struct req *r)
{
	long long order_id = order_of(r), id = 0, bytes = 0;
	const char *sent = http_param(r, "file");
	const char *type;
	char name[1024], rel[256], sha[65];
	struct stat st;
	FILE *fp;
	NEOERR *err;
	int fd;

	fp = cgi_filehandle(r->cgi, "file");
	if (fp == NULL || sent == NULL || *sent == '\0')
		return refuse(r, order_id, "files.err_none", 0);
	fflush(fp);
	fd = fileno(fp);
	if (fstat(fd, &st) != 0)
		return nerr_raise(NERR_IO, "upload spool: %s", strerror(errno));
	if (st.st_size > g_cfg->max_upload)
		return refuse(r, order_id, "files.err_too_big",
		    g_cfg->max_upload / (1024 * 1024));
	if (st.st_size == 0)
		return refuse(r, order_id, "files.err_empty", 0);
	if (!clean_name(sent, name, sizeof(name)))
		return refuse(r, order_id, "files.err_name", NAME_MAX_CHARS);
	type = sniff(fd);
	if (!type_fits(name, type)) {
		log_warn("upload of %s (%s) refused for order %lld", name,
		    type ? type : "unknown type", order_id);
		return refuse(r, order_id, "files.err_type", 0);
	}
	if (disk_low(st.st_size)) {
		log_warn("order %lld: %s (%lld bytes) refused: %lld MB free on "
		         "the media store (Uploads.MinFreeMB = %lld)",
		    order_id, name, (long long)st.st_size, media_free_mb(),
		    upload_min_free_mb());
		return refuse_as(r, FM_ERR_NOSPACE, order_id, "files.err_disk",
		    0);
	}
	if (lseek(fd, 0, SEEK_SET) != 0 || !digest_copy(fd, -1, sha, &bytes))
		return nerr_raise(NERR_IO, "upload spool: %s", strerror(errno));
	err = db_begin();
	if (err == STATUS_OK)
		err = db_file_insert(order_id, name, bytes, type, sha,
		    r->sess.login, r->sess.staff_id, r->sess.account_id,
		    quota(), &id, rel, sizeof(rel));
	if (err == STATUS_OK && id == 0) {
		db_rollback();
		log_warn("order %lld: %s (%lld bytes) refused: over the "
		         "order's "
		         "quota",
		    order_id, name, bytes);
		return refuse_as(r, FM_ERR_TOOBIG, order_id, "files.err_quota",
		    (long)(quota() / MIB));
	}
	if (err != STATUS_OK && nerr_match(err, FM_ERR_INVALID)) {
		/* The order is gone, or a name the database refuses. */
		nerr_ignore(&err);
		return refuse(r, order_id, "files.err_name", NAME_MAX_CHARS);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!store(fd, rel)) {
		db_rollback();
		return nerr_raise(NERR_IO, "cannot store an upload");
	}
	err = db_commit();
	if (err != STATUS_OK) {
		media_unlink(rel, "upload not recorded");
		return nerr_pass(err);
	}
	log_info("order %lld: file %lld \"%s\" (%lld bytes, %s, sha256 %s) "
	         "added by %s",
	    order_id, id, name, bytes, type, sha, r->sess.login);
	http_flash(r, "file_added");
	if (strcmp(r->sess.kind, "staff"))
		return http_redirect(r, "/portal/files");
	return http_redirect(r, "/orders/%lld/files", order_id);
}

/* --- download, delete -------------------------------------------------- */

/* Content-Disposition's filename*: RFC 5987 percent-encoding of UTF-8. */
static void
ext_value(char *out, size_t len, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t o = 0;

	for (p = (const unsigned char *)name; *p && o + 4 < len; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			out[o++] = (char)*p;
		else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
}

/* The ASCII fallback name: anything but letters, digits, - . _ → _. */
static void
ascii_name(char *out, size_t len, const char *name)
{
	size_t o = 0;

	for (; *name && o + 1 < len; name++) {
		unsigned char c = (unsigned char)*name;

		if ((c & 0xc0) == 0x80)
			continue; /* UTF-8 continuation: one _ per character */
		out[o++] = (c < 0x80 &&
		               (c == '-' || c == '.' || c == '_' ||
		                   (c >= '0' && c <= '9') ||
		                   (c >= 'a' && c <= 'z') ||
		                   (c >= 'A' && c <= 'Z')))
		    ? (char)c
		    : '_';
	}
	out[o] = '\0';
}

NEOERR *
files_download(struct req *r)
{
	char uri[600], ext[800], ascii[260];
	PGresult *res;
	NEOERR *err;

	err = db_file_get(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	/* path is files/<order>/<id>: /_files/ serves the files folder. */
	if (!media_uri(uri, sizeof(uri), "/_files/",
	        db_get(res, 0, "path") + 6)) {
		PQclear(res);
		return not_found(r);
	}
	ext_value(ext, sizeof(ext), db_get(res, 0, "name"));
	ascii_name(ascii, sizeof(ascii), db_get(res, 0, "name"));
	http_header(r, "X-Accel-Redirect: %s", uri);
	http_header(r,
	    "Content-Disposition: attachment; filename=\"%s\"; "
	    "filename*=UTF-8''%s",
	    ascii, ext);
	http_header(r, "Cache-Control: private, no-store");
	PQclear(res);
	return nerr_pass(http_send(r, 200, NULL, "", 0));
}

NEOERR *
files_delete(struct req *r)
{
	char why[300];
	long long order_id;
	PGresult *res;
	NEOERR *err;

	err = db_begin();
	if (err == STATUS_OK)
		err = db_file_delete(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		db_rollback();
		return not_found(r);
	}
	err = db_commit();
	if (err != STATUS_OK) {
		PQclear(res);
		return nerr_pass(err);
	}
	order_id = atoll(db_get(res, 0, "order_id"));
	snprintf(why, sizeof(why),
	    "file %lld \"%s\" of order %lld deleted by %s", r->id[0],
	    db_get(res, 0, "name"), order_id, r->sess.login);
	media_unlink(db_get(res, 0, "path"), why);
	PQclear(res);
	http_flash(r, "file_deleted");
	if (strcmp(r->sess.kind, "staff"))
		return http_redirect(r, "/portal/files");
	return http_redirect(r, "/orders/%lld/files", order_id);
}

/* nginx's page for a body over its client_max_body_size: a form's, or
 * a file's (upload=1, from the locations that take files). */
NEOERR *
files_too_big(struct req *r)
{
	return http_too_big(r, http_param(r, "upload") != NULL);
}
