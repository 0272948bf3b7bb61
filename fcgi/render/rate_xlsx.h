/*
 * rate_xlsx.h - the recording report as a workbook (libxlsxwriter): one
 * sheet per box and month, one for the site's months, one for the
 * sessions not recorded, from the HDF the report page is made of
 * (guarantee.c: Report, Months, Missed, Settings, Year).
 */
#ifndef FM_RATE_XLSX_H
#define FM_RATE_XLSX_H

#include "fm.h"
#include "tmpl.h"

NEOERR *rate_xlsx(const char *path, HDF *hdf, enum lang lang);

#endif
