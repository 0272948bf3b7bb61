/*
 * errors.h - the project's error types, carried as ClearSilver NEOERR
 * values from the place that notices a problem up to the one place
 * (dispatch.c) that turns them into an HTTP status and an error page.
 */
#ifndef FM_ERRORS_H
#define FM_ERRORS_H

#include "fm.h"

extern NERR_TYPE FM_ERR_NOTFOUND;     /* 404: no such row or page */
extern NERR_TYPE FM_ERR_FORBIDDEN;    /* 403: not allowed, bad CSRF token */
extern NERR_TYPE FM_ERR_UNAUTHORIZED; /* 401: no or bad box token */
extern NERR_TYPE FM_ERR_METHOD;       /* 405: route exists, other method */
extern NERR_TYPE FM_ERR_CONFLICT;     /* 409: unique/exclusion violation */
extern NERR_TYPE FM_ERR_INVALID; /* 400: bad input the form did not catch */
extern NERR_TYPE FM_ERR_TOOBIG;  /* 413: request body over the limit */
extern NERR_TYPE FM_ERR_TOOMANY; /* 429: too many attempts, try later */
extern NERR_TYPE FM_ERR_DBDOWN;  /* 503: PostgreSQL unreachable */
extern NERR_TYPE FM_ERR_BUSY;    /* 503: serialization failure, deadlock */

/* Registers the types above; call once per process before using them. */
NEOERR *fm_errors_init(void);

/* HTTP status for an error chain: the first project type found, else 500. */
int fm_err_status(NEOERR *err);

/* The message of the innermost error (the one nerr_raise created). */
const char *fm_err_message(NEOERR *err);

#endif
