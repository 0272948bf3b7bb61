/*
 * handlers.h - every page handler, grouped by the file that defines it.
 * Names are <resource>_<action>; the route table is in routes.c.
 */
#ifndef FM_HANDLERS_H
#define FM_HANDLERS_H

#include "http.h"

/* health.c */
NEOERR *health_check(struct req *r);

/* auth.c */
NEOERR *auth_home(struct req *r);
NEOERR *auth_login_form(struct req *r);
NEOERR *auth_login(struct req *r);
NEOERR *auth_logout(struct req *r);
NEOERR *auth_lang(struct req *r);

/* companies.c */
NEOERR *companies_list(struct req *r);
NEOERR *companies_new(struct req *r);
NEOERR *companies_create(struct req *r);
NEOERR *companies_show(struct req *r);
NEOERR *companies_update(struct req *r);
NEOERR *companies_confirm_delete(struct req *r);
NEOERR *companies_delete(struct req *r);

/* departments.c */
NEOERR *departments_create(struct req *r);
NEOERR *departments_update(struct req *r);
NEOERR *departments_delete(struct req *r);

/* contacts.c */
NEOERR *contacts_list(struct req *r);
NEOERR *contacts_new(struct req *r);
NEOERR *contacts_create(struct req *r);
NEOERR *contacts_show(struct req *r);
NEOERR *contacts_update(struct req *r);
NEOERR *contacts_delete(struct req *r);

/* orders.c */
NEOERR *orders_list(struct req *r);
NEOERR *orders_new(struct req *r);
NEOERR *orders_create(struct req *r);
NEOERR *orders_show(struct req *r);
NEOERR *orders_update(struct req *r);

/* reservations.c */
NEOERR *reservations_create(struct req *r);
NEOERR *reservations_update(struct req *r);
NEOERR *reservations_delete(struct req *r);
NEOERR *reservations_move_form(struct req *r);
NEOERR *reservations_move(struct req *r);

/* order_options.c */
NEOERR *order_options_save(struct req *r);

/* disbursements.c */
NEOERR *disbursements_create(struct req *r);
NEOERR *disbursements_update(struct req *r);
NEOERR *disbursements_delete(struct req *r);

/* services.c */
NEOERR *services_create(struct req *r);
NEOERR *services_update(struct req *r);
NEOERR *services_delete(struct req *r);

/* planning.c */
NEOERR *planning_show(struct req *r);

/* videos.c */
NEOERR *videos_list(struct req *r);
NEOERR *videos_order(struct req *r);
NEOERR *recordings_edit_form(struct req *r);
NEOERR *recordings_update(struct req *r);
NEOERR *recordings_move_form(struct req *r);
NEOERR *recordings_move(struct req *r);
NEOERR *recordings_delete(struct req *r);

/* accounts.c */
NEOERR *accounts_show(struct req *r);
NEOERR *accounts_update(struct req *r);
NEOERR *accounts_password(struct req *r);
NEOERR *accounts_disable(struct req *r);
NEOERR *accounts_send_form(struct req *r);
NEOERR *accounts_send(struct req *r);

/* outbox.c */
NEOERR *outbox_list(struct req *r);
NEOERR *outbox_retry(struct req *r);
NEOERR *outbox_cancel(struct req *r);

/* portal.c */
NEOERR *portal_home(struct req *r);
NEOERR *portal_watch(struct req *r);
NEOERR *portal_live(struct req *r);
NEOERR *portal_test(struct req *r);
NEOERR *portal_speed(struct req *r);

/* files.c */
NEOERR *files_list(struct req *r);
NEOERR *files_upload(struct req *r);
NEOERR *files_download(struct req *r);
NEOERR *files_delete(struct req *r);
NEOERR *files_too_big(struct req *r);

/* downloads.c */
NEOERR *downloads_media(struct req *r);

/* config.c */
NEOERR *config_index(struct req *r);
NEOERR *config_list(struct req *r);
NEOERR *config_create(struct req *r);
NEOERR *config_update(struct req *r);
NEOERR *config_delete(struct req *r);
NEOERR *config_seller(struct req *r);
NEOERR *config_seller_update(struct req *r);

#endif
