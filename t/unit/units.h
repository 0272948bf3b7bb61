/*
 * units.h - the C unit test suites (Check), one per pure module.
 */
#ifndef FM_UNITS_H
#define FM_UNITS_H

#include <check.h>

Suite *suite_box(void);
Suite *suite_db_named(void);
Suite *suite_form(void);
Suite *suite_guard(void);
Suite *suite_pdf(void);
Suite *suite_routes(void);
Suite *suite_route_table(void);
Suite *suite_secret(void);
Suite *suite_templates(void);
Suite *suite_upload(void);

#endif
