/*
 * pdfa3.h - makes a libharu document a Factur-X: PDF/A-3B with its CII
 * XML embedded (pdfa3.c says why this is done at libharu's object level).
 */
#ifndef FM_PDFA3_H
#define FM_PDFA3_H

#include "fm.h"

#include <hpdf.h>

struct pdfa3 {
	const char *title;   /* UTF-8: the Info dictionary and the XMP agree */
	const char *author;  /* UTF-8 */
	const char *stamp;   /* the issue time, UTC: "YYYY-MM-DDTHH:MM:SSZ" */
	const char *id_seed; /* what the trailer /ID is derived from */
	const char *xml;     /* factur-x.xml */
	size_t xml_len;
	const char *icc_path; /* an sRGB ICC profile (icc-profiles-free) */
};

/*
 * Adds to doc, before it is saved: the XMP metadata (PDF/A-3B and the
 * Factur-X extension schema), the sRGB output intent, factur-x.xml as an
 * associated file (/AF, /Names /EmbeddedFiles, /AFRelationship
 * /Alternative), the Info dates and the trailer /ID.
 */
NEOERR *pdfa3_apply(HPDF_Doc doc, const struct pdfa3 *m);

#endif
