/*
 * live.c - live viewing (issue 8, docs/live.md):
 *
 *   POST /_rtmp/publish        nginx-rtmp's on_publish: a box's push
 *   POST /_rtmp/publish_done   on_publish_done: the push ended
 *   POST /_rtmp/update         on_update (every 10 s): it goes on
 *   GET  /_auth/live           nginx's auth_request for /hls/r<id>/...
 *   GET  /portal/live/{res}    the live page (player, language buttons,
 *                              chat: chat.c)
 *
 * The first four come from nginx itself (route access A_NGINX: only
 * with the FastCGI parameter FM_NGINX_INTERNAL, which only nginx's
 * internal location and loopback callback server set; no session, no
 * CSRF token).  They authenticate what they carry: the callbacks the
 * box's signature and the stream key, the authorisation the viewer's
 * session cookie, in one query and without a template: it runs for
 * every playlist and fragment every viewer fetches.
 */
#include "db/db_live.h"
#include "errors.h"
#include "conf.h"
#include "handlers.h"
#include "linksign.h"
#include "log.h"
#include "secret.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool
all_of(const char *s, const char *set, size_t min, size_t max)
{
	size_t n;

	if (s == NULL)
		return false;
	n = strlen(s);
	return n >= min && n <= max && strspn(s, set) == n;
}

#define KEY_CHARS \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
#define HEX_CHARS "0123456789abcdef"
#define DIGITS    "0123456789"

/* An empty answer with a status: all nginx reads of these.  A refusal
 * is an error of type `type`, which dispatch answers alike (empty). */
static NEOERR *
status_only(struct req *r, int status)
{
	return nerr_pass(
	    http_send(r, status, "text/plain; charset=utf-8", "", 0));
}

static NEOERR *
refused(NERR_TYPE type)
{
	return nerr_raise(type, "refused");
}

static bool
from_rtmp(struct req *r)
{
	const char *v = http_env(r, "FM_NGINX_INTERNAL");

	return v != NULL && !strcmp(v, "rtmp");
}

/*
 * nginx-rtmp appends the publisher's query string to the callback's own
 * fields (call, addr, clientid, name...), and ClearSilver keeps the last
 * of a repeated name: a publisher could pass "&addr=...&call=..." as its
 * own.  Every field is therefore read only when it came once; a request
 * that repeats one of the callback's fields is refused.
 */
static const char *
once(struct req *r, const char *name)
{
	char key[64];
	HDF *o;

	snprintf(key, sizeof(key), "Query.%s", name);
	o = hdf_get_obj(r->hdf, key);
	if (o == NULL || hdf_obj_child(o) != NULL)
		return NULL;
	return hdf_obj_value(o);
}

static bool
repeated_field(struct req *r)
{
	static const char *const fields[] = { "call", "addr", "clientid", "app",
		"name", "type", "tcurl", "flashver", "swfurl", "pageurl", "r",
		"e", "sig" };
	char key[64];
	size_t i;
	HDF *o;

	for (i = 0; i < FM_ARRAY_LEN(fields); i++) {
		snprintf(key, sizeof(key), "Query.%s", fields[i]);
		o = hdf_get_obj(r->hdf, key);
		if (o != NULL && hdf_obj_child(o) != NULL) {
			log_warn("live: callback refused: field %s repeated "
			         "(from the publisher's query string)",
			    fields[i]);
			return true;
		}
	}
	return false;
}

/*
 * on_publish: name is the stream key, r the reservation, e the expiry
 * and sig the box's signature of them (linksign.h: live_signature), app
 * the RTMP application.  Accepted:
 * 302 with Location rtmp://127.0.0.1:PORT/show/r<reservation> (nginx
 * then pushes the stream to the show application under that public name,
 * which writes the HLS files); anything else refuses the push.
 */
NEOERR *
live_rtmp_publish(struct req *r)
{
	const char *key = once(r, "name");
	const char *sig = once(r, "sig");
	const char *app = once(r, "app");
	const char *client = once(r, "clientid");
	const char *addr = once(r, "addr");
	const char *rv = once(r, "r");
	const char *expires = once(r, "e");
	const char *show = http_env(r, "FM_RTMP_SHOW");
	char name[32];
	long long resv = 0, box = 0, want_resv;
	time_t now = time(NULL);
	PGresult *res;
	NEOERR *err;
	int i;

	if (!from_rtmp(r) || show == NULL || repeated_field(r))
		return refused(FM_ERR_FORBIDDEN);
	if (app == NULL || strcmp(app, "live") ||
	    !all_of(key, KEY_CHARS, 16, 64) || !all_of(client, DIGITS, 1, 20)) {
		log_warn("live: push refused from %s: not a stream key of the "
		         "live application",
		    addr ? addr : "?");
		return refused(FM_ERR_FORBIDDEN);
	}
	if (!all_of(sig, HEX_CHARS, LINK_HEX_LEN, LINK_HEX_LEN) ||
	    !all_of(rv, DIGITS, 1, 18) || !all_of(expires, DIGITS, 1, 12)) {
		log_warn("live: push refused from %s: no box signature with "
		         "its reservation and expiry",
		    addr ? addr : "?");
		return refused(FM_ERR_FORBIDDEN);
	}
	want_resv = atoll(rv);
	err = db_live_candidates(key, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (i = 0; i < PQntuples(res) && box == 0; i++) {
		/* The signature binds the reservation and an expiry that is
		 * not past, nor later than an hour after its window. */
		if (atoll(db_get(res, i, "reservation_id")) != want_resv ||
		    atoll(expires) > atoll(db_get(res, i, "window_end")) + 3600)
			continue;
		if (live_check(db_get(res, i, "link_key"), want_resv, key,
		        expires, sig, now)) {
			resv = want_resv;
			box = atoll(db_get(res, i, "box_id"));
		}
	}
	if (box == 0) {
		log_warn("live: push refused from %s: %s", addr ? addr : "?",
		    PQntuples(res) == 0
		        ? "unknown stream key, no Live option "
		          "or outside its time slot"
		        : "bad box signature, or expired, or not for this "
		          "reservation");
		PQclear(res);
		return refused(FM_ERR_FORBIDDEN);
	}
	PQclear(res);
	snprintf(name, sizeof(name), "r%lld", resv);
	err = db_live_start(resv, box, name, client, addr, atoll(expires),
	    &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	PQclear(res);
	log_info("live: box %lld publishes reservation %lld as %s (from %s)",
	    box, resv, name, addr ? addr : "?");
	http_header(r, "Location: %s/%s", show, name);
	return status_only(r, 302);
}

NEOERR *
live_rtmp_done(struct req *r)
{
	const char *key = once(r, "name");
	const char *client = once(r, "clientid");
	NEOERR *err;

	if (!from_rtmp(r) || repeated_field(r))
		return refused(FM_ERR_FORBIDDEN);
	if (all_of(key, KEY_CHARS, 16, 64) && all_of(client, DIGITS, 1, 20)) {
		err = db_live_done(key, client);
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return status_only(r, 200);
}

/*
 * on_update: keeps the push on air; a push is cut (403) when its
 * reservation lost its Live option or ended (with its overtime and 5
 * minutes), its box was deactivated or moved to another room, or the
 * signature it was accepted with expired.  Other calls (the loopback
 * push's own updates) are let through.
 */
NEOERR *
live_rtmp_update(struct req *r)
{
	const char *key = once(r, "name");
	const char *client = once(r, "clientid");
	const char *call = once(r, "call");
	PGresult *res;
	NEOERR *err;
	int n;

	if (!from_rtmp(r) || repeated_field(r))
		return refused(FM_ERR_FORBIDDEN);
	if (call == NULL || strcmp(call, "update_publish"))
		return status_only(r, 200);
	if (!all_of(key, KEY_CHARS, 16, 64) || !all_of(client, DIGITS, 1, 20))
		return refused(FM_ERR_FORBIDDEN);
	err = db_live_update(key, client, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	n = PQntuples(res);
	PQclear(res);
	if (n == 0)
		log_info("live: push of client %s cut (no Live option, its "
		         "time slot is over, its box is no longer the room's, "
		         "or its signature expired)",
		    client);
	return n > 0 ? status_only(r, 200) : refused(FM_ERR_FORBIDDEN);
}

/*
 * auth_request for /hls/r<reservation>/...: 200 when the session may
 * watch that reservation live, 401 without a session, 403 otherwise.
 * One statement; nothing rendered, nothing written.
 */
NEOERR *
live_hls_auth(struct req *r)
{
	const char *v = http_env(r, "FM_NGINX_INTERNAL");
	const char *resv = http_env(r, "FM_LIVE_RESERVATION");
	const char *token = http_cookie_get(r, "fm_session");
	PGresult *res;
	NEOERR *err;
	int n;

	if (v == NULL || strcmp(v, "hls") || !all_of(resv, DIGITS, 1, 18))
		return refused(FM_ERR_FORBIDDEN);
	if (!all_of(token, HEX_CHARS "ABCDEF", 64, 64))
		return refused(FM_ERR_UNAUTHORIZED);
	err = db_live_may_watch(token, g_cfg->session_idle, atoll(resv), &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	n = PQntuples(res);
	PQclear(res);
	return n > 0 ? status_only(r, 200) : refused(FM_ERR_FORBIDDEN);
}

/*
 * The live page: the reservation (of the session's order; any for
 * staff), the player that the page's script starts when the poll says a
 * push is on air, the language buttons and the chat.
 */
NEOERR *
live_show(struct req *r)
{
	PGresult *res;
	NEOERR *err;

	err = db_live_get(r->id[0], r->order_scope, &res);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(r);
	}
	err = db_row_to_hdf(r->hdf, "Live", res, 0);
	PQclear(res);
	if (err == STATUS_OK)
		err = hdf_set_value(r->hdf, "Chat.name",
		    r->order_scope == 0 ? r->sess.name : r->sess.login);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return http_page(r, "portal/live.cs");
}
