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
NEOERR *companies_choices(struct req *r);
NEOERR *documents_log_json(struct req *r);
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

/* documents.c */
NEOERR *documents_list(struct req *r);
NEOERR *documents_open(struct req *r);
NEOERR *documents_create(struct req *r);
NEOERR *documents_show(struct req *r);
NEOERR *documents_update(struct req *r);
NEOERR *documents_delete(struct req *r);
NEOERR *documents_issue(struct req *r);
NEOERR *documents_sent(struct req *r);
NEOERR *documents_mail(struct req *r);
NEOERR *documents_invoice(struct req *r);
NEOERR *documents_credit(struct req *r);

/* document_lines.c */
NEOERR *document_lines_save(struct req *r);
NEOERR *document_lines_up(struct req *r);
NEOERR *document_lines_down(struct req *r);
NEOERR *document_lines_delete(struct req *r);
NEOERR *document_disbursements_delete(struct req *r);

/* payments.c */
NEOERR *payments_create(struct req *r);

/* document_pdf.c */
NEOERR *documents_pdf(struct req *r);
NEOERR *documents_xml(struct req *r);

/* exports.c */
NEOERR *exports_index(struct req *r);
NEOERR *exports_xlsx(struct req *r);
NEOERR *exports_fec(struct req *r);

/* config_billing.c */
NEOERR *config_billing(struct req *r);
NEOERR *config_billing_update(struct req *r);
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
NEOERR *portal_test(struct req *r);
NEOERR *portal_speed(struct req *r);

/* live.c (the /_rtmp/ and /_auth/ routes come from nginx: A_NGINX) */
NEOERR *live_rtmp_publish(struct req *r);
NEOERR *live_rtmp_done(struct req *r);
NEOERR *live_rtmp_update(struct req *r);
NEOERR *live_hls_auth(struct req *r);
NEOERR *live_show(struct req *r);

/* notes.c */
NEOERR *notes_poll_json(struct req *r, long long resv, json_t *doc, bool clock);
NEOERR *notes_add(struct req *r);
NEOERR *notes_watch_add(struct req *r);
NEOERR *notes_watch_poll(struct req *r);
NEOERR *notes_change(struct req *r);
NEOERR *notes_list(struct req *r);
NEOERR *notes_csv(struct req *r);
NEOERR *notes_xlsx(struct req *r);
NEOERR *notes_tags_save(struct req *r);

/* clips.c */
NEOERR *clips_create(struct req *r);
NEOERR *clips_list(struct req *r);
NEOERR *reels_create(struct req *r);

/* chat.c */
NEOERR *chat_poll(struct req *r);
NEOERR *chat_post(struct req *r);
NEOERR *chat_hide(struct req *r);
NEOERR *chat_mute(struct req *r);
NEOERR *chat_export(struct req *r);

/* files.c */
NEOERR *files_list(struct req *r);
NEOERR *files_upload(struct req *r);
NEOERR *files_download(struct req *r);
NEOERR *files_delete(struct req *r);
NEOERR *files_too_big(struct req *r);
/* nginx's auth_request before a file's body (R_PRECHECK: dispatch.c has
 * checked the session and the upload route's access) */
NEOERR *files_upload_check(struct req *r);

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
/* boxes.c (staff) */
NEOERR *boxes_list(struct req *r);
NEOERR *boxes_create(struct req *r);
NEOERR *boxes_token(struct req *r);
NEOERR *boxes_deactivate(struct req *r);
NEOERR *boxes_onsite_link(struct req *r);
NEOERR *monitoring_metrics(struct req *r);
NEOERR *bandwidth_report(struct req *r);
NEOERR *bandwidth_csv(struct req *r);
NEOERR *bandwidth_settings(struct req *r);
NEOERR *guarantee_report(struct req *r);
NEOERR *guarantee_report_xlsx(struct req *r);
NEOERR *guarantee_settings(struct req *r);
NEOERR *guarantee_box(struct req *r);
NEOERR *outages_create(struct req *r);
NEOERR *outages_show(struct req *r);
NEOERR *outages_update(struct req *r);
NEOERR *outages_dismiss(struct req *r);

/*
 * A signed link to download a media file straight from its box on the
 * site's network (docs/box-api.md), valid ttl_secs: for the order's
 * videos page.  FM_ERR_NOTFOUND when the file is not on an active box
 * that reported its local address.
 */
NEOERR *boxes_onsite_url(long long media_file, int ttl_secs, char *out,
    size_t len);

/* box_api.c (boxes, token in Authorization) */
NEOERR *box_api_schedule(struct req *r);
NEOERR *box_api_heartbeat(struct req *r);
NEOERR *box_api_events(struct req *r);

/* box_uploads.c */
NEOERR *box_uploads_open(struct req *r);
NEOERR *box_uploads_chunk(struct req *r);
NEOERR *box_uploads_finish(struct req *r);
NEOERR *box_uploads_removed(struct req *r);
/* nginx's auth_request before a chunk's body (A_NGINX) */
NEOERR *box_uploads_check(struct req *r);

#endif
