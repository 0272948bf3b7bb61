/*
 * companies.h - the company page, shared with departments.c.
 */
#ifndef FM_COMPANIES_H
#define FM_COMPANIES_H

#include "http.h"

/*
 * Renders the company's page (edit form, contacts, departments) with
 * status r->status.  When fill_form is true the form shows the stored
 * values; otherwise it keeps what the request's Form.* already holds.
 * FM_ERR_NOTFOUND when the company does not exist.
 */
NEOERR *companies_page(struct req *r, long long id, bool fill_form);

#endif
