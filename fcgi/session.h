/*
 * session.h - server-side sessions behind an opaque cookie, and the
 * CSRF tokens that every POST must carry.
 *
 * The cookie fm_session holds 256 random bits in hex; the database keeps
 * only their SHA-256, with idle and absolute expiry.  Logged-in forms
 * carry the session's CSRF token; anonymous forms (the login page) use
 * a double-submit cookie, fm_csrf.
 */
#ifndef FM_SESSION_H
#define FM_SESSION_H

#include "http.h"
#include "secret.h"

/* Fills r->sess from the cookie; an unknown or expired cookie is anonymous. */
NEOERR *session_load(struct req *r);

/* Opens a staff session (after a successful login) and sets the cookie. */
NEOERR *session_start_staff(struct req *r, long long staff_id);

/* Opens an order account's session (user, client or live). */
NEOERR *session_start_account(struct req *r, long long account_id);

/* Ends the current session and clears the cookie. */
NEOERR *session_end(struct req *r);

/* The token forms must carry, creating the anonymous one when needed. */
const char *session_form_token(struct req *r);

/* True when the POST carries the right token and comes from our origin. */
bool session_csrf_ok(struct req *r);

#endif
