/*
 * dispatch.h - one FastCGI request from accept to the access log line.
 */
#ifndef FM_DISPATCH_H
#define FM_DISPATCH_H

#include "fm.h"

#include <fcgiapp.h>

/* Serves the request just accepted on fr (parse, route, check, handle, answer). */
void dispatch(FCGX_Request *fr);

#endif
