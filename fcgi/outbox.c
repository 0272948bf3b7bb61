/*
 * outbox.c - /outbox: the mail focusd queued (access codes) and what
 * became of it, for staff: sent, waiting for another attempt (with the
 * last error), failed for good; send again now, or cancel.  fm-mail does
 * the sending (docs/videos.md).
 */
#include "db/db_outbox.h"
#include "errors.h"
#include "handlers.h"
#include "log.h"

#include <string.h>

#define LIST_MAX 200

NEOERR *
outbox_list(struct req *r)
{
	const char *status = http_param(r, "status");
	PGresult *res;
	NEOERR *err;

	if (status == NULL ||
	    (strcmp(status, "pending") && strcmp(status, "failed") &&
	        strcmp(status, "sent") && strcmp(status, "cancelled")))
		status = "";
	err = db_outbox_list(status, LIST_MAX, &res);
	if (err == STATUS_OK) {
		err = db_rows_to_hdf(r->hdf, "Mail", res);
		PQclear(res);
	}
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Outbox.status", status);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "outbox/list.cs");
}

static NEOERR *
change(struct req *r, NEOERR *(*fn)(long long, bool *), const char *what)
{
	const char *back = http_param(r, "back");
	bool found = false;
	NEOERR *err;

	err = fn(r->id[0], &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return not_found(r);
	log_info("mail %lld %s by %s", r->id[0], what, r->sess.login);
	http_flash(r,
	    !strcmp(what, "cancelled") ? "mail_cancelled" : "mail_retry");
	if (back != NULL && http_local_path(back) && strlen(back) < 400)
		return http_redirect(r, "%s", back);
	return http_redirect(r, "/outbox");
}

NEOERR *
outbox_retry(struct req *r)
{
	return change(r, db_outbox_retry, "queued again");
}

NEOERR *
outbox_cancel(struct req *r)
{
	return change(r, db_outbox_cancel, "cancelled");
}
