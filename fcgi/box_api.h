/*
 * box_api.h - the box API (/box/api/, docs/box-api.md): boxes
 * authenticate with their token; answers are JSON.
 */
#ifndef FM_BOX_API_H
#define FM_BOX_API_H

#include "http.h"

#include <jansson.h>

/*
 * Authenticates the caller of a box route from its Authorization header
 * ("Bearer <token>"): sets r->sess.kind = "box" and r->sess.box_id, or
 * returns FM_ERR_UNAUTHORIZED.  Cookies are not looked at.
 */
NEOERR *box_auth(struct req *r);

/* Reads the JSON object of a box POST (at most 64 KB); FM_ERR_INVALID
 * when it is missing or malformed. */
NEOERR *box_api_read_json(struct req *r, json_t **out);

/* The answer to a failed box API call: {"error": "..."} with the status
 * of error type `type` (dispatch.c's error answer for box routes). */
void box_api_error(struct req *r, NERR_TYPE type, const char *message);

#endif
