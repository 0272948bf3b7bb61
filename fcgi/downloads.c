/*
 * downloads.c - GET /download/{media_file}?mode=download|watch: the bytes
 * of a recording, never through focusd.
 *
 * focusd checks the session and the rights (staff: any file; the order's
 * user and client accounts: their order's, which the database checks;
 * live accounts are refused by the route table), writes or reuses the
 * download log row, and answers with X-Accel-Redirect to nginx's internal
 * /_media/ location and the row's id in X-Download-Id.  nginx sends the
 * file (ranges included: seeking, resumed downloads) and logs what it
 * really sent under that id; fm-downloads imports it (docs/videos.md).
 */
#include "db/db_downloads.h"
#include "errors.h"
#include "handlers.h"
#include "log.h"
#include "media.h"

#include <stdlib.h>
#include <string.h>

NEOERR *
downloads_media(struct req *r)
{
	const char *m = http_param(r, "mode");
	const char *mode = m && !strcmp(m, "watch") ? "watch" : "download";
	char uri[4200];
	PGresult *res;
	NEOERR *err;

	err = db_download_begin(r->id[0], r->order_scope, mode, r->sess.id,
	    r->sess.account_id, r->sess.staff_id, r->sess.login,
	    http_env(r, "REMOTE_ADDR"), http_env(r, "HTTP_USER_AGENT"), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	if (!media_uri(uri, sizeof(uri), "/_media/", db_get(res, 0, "path"))) {
		log_error("media file %lld: unusable path %s", r->id[0],
		    db_get(res, 0, "path"));
		PQclear(res);
		return not_found(r);
	}
	http_header(r, "X-Accel-Redirect: %s", uri);
	http_header(r, "X-Download-Id: %s", db_get(res, 0, "download_id"));
	http_header(r, "Content-Disposition: %s; filename=\"%s\"",
	    !strcmp(mode, "watch") ? "inline" : "attachment",
	    db_get(res, 0, "file_name"));
	http_header(r, "Cache-Control: private, no-transform");
	PQclear(res);
	return nerr_pass(http_send(r, 200, NULL, "", 0));
}
