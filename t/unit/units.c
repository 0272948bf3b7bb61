/*
 * units.c - runs every unit suite and prints TAP for automake.
 */
#include "fm.h"
#include "errors.h"
#include "units.h"

#include <stdlib.h>

int
main(void)
{
	SRunner *sr;
	int failed;

	if (fm_errors_init() != STATUS_OK)
		return 1;
	sr = srunner_create(suite_form());
	srunner_add_suite(sr, suite_pdf());
	srunner_add_suite(sr, suite_guard());
	srunner_add_suite(sr, suite_routes());
	srunner_add_suite(sr, suite_route_table());
	srunner_add_suite(sr, suite_db_named());
	srunner_add_suite(sr, suite_box());
	srunner_add_suite(sr, suite_secret());
	srunner_add_suite(sr, suite_templates());
	srunner_add_suite(sr, suite_upload());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
