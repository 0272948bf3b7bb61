/*
 * portal.c - the sponsors' portal (Annexe I, 4b), for the order accounts
 * (DESIGN.md section 5), which log in at /login and land here:
 *
 *   /portal                  "Videos and Lives": the order's live
 *                            sessions and (not for live accounts) its
 *                            recordings, with a welcome text
 *   /portal/watch/{rec}      one recording in HTML5 players
 *   (/portal/live/{res}, a live session, is live.c's)
 *   /portal/test             "Video test": screen, two-channel sound,
 *                            download speed, minimum requirements
 *   /portal/test/speed       the bytes the speed test downloads
 *
 * The order is always the session's (never an id from the URL); a
 * recording or reservation of another order is "not found".  Files are
 * in files.c, downloads in downloads.c.
 */
#include "db/db_portal.h"
#include "db/db_videos.h"
#include "errors.h"
#include "fragcache.h"
#include "handlers.h"
#include "order_heading.h"
#include "tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

/* The speed test's payload: random (incompressible), 2 MiB. */
#define SPEED_BYTES (2 * 1024 * 1024)

/*
 * The page's content (portal/body.cs) is the same for every account of
 * one kind of one order: each worker keeps it (fragcache.c) while
 * portal_version() (read with the session) has not moved, so that showing
 * it again costs one query.  The forms it holds carry no token:
 * their buttons submit a form of portal/home.cs (form="recdel").
 */
NEOERR *
portal_home(struct req *r)
{
	const char *parts[FRAG_PARTS] = { NULL, NULL }, *const * hit;
	char key[96], version[256];
	PGresult *res;
	NEOERR *err;
	STRING body;

	if (r->order_scope == 0)
		return http_redirect(r, "/videos");
	snprintf(key, sizeof(key), "portal|%lld|%s|%s", r->order_scope,
	    r->sess.kind, lang_code(r->lang));
	/* The version was read with the session (one query less). */
	snprintf(version, sizeof(version), "%s", r->sess.portal_version);
	hit = *version ? frag_get(key, version) : NULL;
	if (hit != NULL) {
		err = hdf_set_value(r->hdf, "Portal.body_html", hit[0]);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return http_page(r, "portal/home.cs");
	}
	/* What the part shows depends on the account's kind, which is in
	 * its key; the template reads it there, not from the session. */
	err = hdf_set_value(r->hdf, "Portal.kind", r->sess.kind);
	if (err == STATUS_OK)
		err = order_heading(r, r->order_scope);
	if (err == STATUS_OK)
		err = db_portal_lives(r->order_scope, &res);
	if (err == STATUS_OK) {
		err = db_rows_to_hdf(r->hdf, "Lives", res);
		PQclear(res);
	}
	if (err == STATUS_OK && strcmp(r->sess.kind, "live")) {
		err = db_order_recordings(r->order_scope, "",
		    lang_code(r->lang), &res);
		if (err == STATUS_OK) {
			err = db_rows_to_hdf(r->hdf, "Recordings", res);
			PQclear(res);
		}
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	string_init(&body);
	err = tmpl_render(r->hdf, r->lang, "portal/body.cs", &body);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Portal.body_html",
		    body.buf ? body.buf : "");
	if (err == STATUS_OK && *version) {
		parts[0] = body.buf ? body.buf : "";
		frag_put(key, version, parts);
	}
	string_clear(&body);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "portal/home.cs");
}

NEOERR *
portal_watch(struct req *r)
{
	PGresult *res;
	NEOERR *err;

	err = db_portal_recording(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	err = db_row_to_hdf(r->hdf, "Recording", res, 0);
	PQclear(res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "portal/watch.cs");
}

NEOERR *
portal_test(struct req *r)
{
	return http_page(r, "portal/test.cs");
}

NEOERR *
portal_speed(struct req *r)
{
	static char *payload;

	if (payload == NULL) {
		size_t got = 0;

		payload = malloc(SPEED_BYTES);
		if (payload == NULL)
			return nerr_raise(NERR_NOMEM, "out of memory");
		while (got < SPEED_BYTES) {
			ssize_t n = getrandom(payload + got, SPEED_BYTES - got,
			    0);

			if (n <= 0) {
				free(payload);
				payload = NULL;
				return nerr_raise(NERR_SYSTEM, "no randomness");
			}
			got += (size_t)n;
		}
	}
	return nerr_pass(http_send(r, 200, "application/octet-stream", payload,
	    SPEED_BYTES));
}
