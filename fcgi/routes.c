/*
 * routes.c - every URL focusd answers, and who may call it.
 * Keep this table readable in one screen per part of the application.
 */
#include "routes.h"
#include "errors.h"
#include "handlers.h"

#include <string.h>

/* clang-format off */
static const struct route routes[] = {
	/* health and sign-in */
	{ "GET",  "/healthz",                 health_check,      A_ANON,  0 },
	{ "GET",  "/metrics",                 monitoring_metrics, A_ANON, 0 },
	{ "GET",  "/",                        auth_home,         A_ANON,  0 },
	{ "GET",  "/login",                   auth_login_form,   A_ANON,  0 },
	{ "POST", "/login",                   auth_login,        A_ANON,  0 },
	{ "POST", "/logout",                  auth_logout,       A_LOGGED, 0 },
	{ "GET",  "/lang/fr",                 auth_lang,         A_ANON,  0 },
	{ "GET",  "/lang/en",                 auth_lang,         A_ANON,  0 },

	/* companies, departments, contacts */
	{ "GET",  "/companies",               companies_list,    A_STAFF, 0 },
	{ "POST", "/companies",               companies_create,  A_STAFF, 0 },
	{ "GET",  "/companies/new",           companies_new,     A_STAFF, 0 },
	{ "GET",  "/companies/{id}",          companies_show,    A_STAFF, 0 },
	{ "POST", "/companies/{id}",          companies_update,  A_STAFF, 0 },
	{ "GET",  "/companies/{id}/delete",   companies_confirm_delete, A_STAFF, 0 },
	{ "POST", "/companies/{id}/delete",   companies_delete,  A_STAFF, 0 },
	{ "GET",  "/companies/{id}/choices",  companies_choices, A_STAFF, 0 },
	{ "POST", "/companies/{id}/departments", departments_create, A_STAFF, 0 },
	{ "POST", "/departments/{id}",        departments_update, A_STAFF, 0 },
	{ "POST", "/departments/{id}/delete", departments_delete, A_STAFF, 0 },
	{ "GET",  "/contacts",                contacts_list,     A_STAFF, 0 },
	{ "POST", "/contacts",                contacts_create,   A_STAFF, 0 },
	{ "GET",  "/contacts/new",            contacts_new,      A_STAFF, 0 },
	{ "GET",  "/contacts/{id}",           contacts_show,     A_STAFF, 0 },
	{ "POST", "/contacts/{id}",           contacts_update,   A_STAFF, 0 },
	{ "POST", "/contacts/{id}/delete",    contacts_delete,   A_STAFF, 0 },

	/* orders and their tabs */
	{ "GET",  "/orders",                  orders_list,       A_STAFF, 0 },
	{ "POST", "/orders",                  orders_create,     A_STAFF, 0 },
	{ "GET",  "/orders/new",              orders_new,        A_STAFF, 0 },
	{ "GET",  "/orders/{id}",             orders_show,       A_STAFF, 0 },
	{ "POST", "/orders/{id}",             orders_update,     A_STAFF, 0 },
	{ "POST", "/orders/{id}/reservations", reservations_create, A_STAFF, 0 },
	{ "POST", "/reservations/{id}",       reservations_update, A_STAFF, 0 },
	{ "POST", "/reservations/{id}/delete", reservations_delete, A_STAFF, 0 },
	{ "GET",  "/reservations/{id}/move",  reservations_move_form, A_STAFF, 0 },
	{ "POST", "/reservations/{id}/move",  reservations_move, A_STAFF, 0 },
	{ "POST", "/orders/{id}/options/{id}", order_options_save, A_STAFF, 0 },
	{ "POST", "/orders/{id}/disbursements", disbursements_create, A_STAFF, 0 },
	{ "POST", "/disbursements/{id}",      disbursements_update, A_STAFF, 0 },
	{ "POST", "/disbursements/{id}/delete", disbursements_delete, A_STAFF, 0 },
	{ "POST", "/orders/{id}/services",    services_create,   A_STAFF, 0 },
	{ "POST", "/services/{id}",           services_update,   A_STAFF, 0 },
	{ "POST", "/services/{id}/delete",    services_delete,   A_STAFF, 0 },

	/* quotes, invoices, credit notes, disbursement notes */
	{ "POST", "/orders/{id}/documents",   documents_create,  A_STAFF | A_ACCOUNTANT, 0 },
	{ "GET",  "/documents",               documents_list,    A_STAFF | A_ACCOUNTANT, 0 },
	{ "GET",  "/documents/open",          documents_open,    A_STAFF | A_ACCOUNTANT, 0 },
	{ "GET",  "/documents/{id}",          documents_show,    A_STAFF | A_ACCOUNTANT, 0 },
	{ "GET",  "/documents/{id}.pdf",      documents_pdf,     A_STAFF | A_ACCOUNTANT, 0 },
	{ "GET",  "/documents/{id}.xml",      documents_xml,     A_STAFF | A_ACCOUNTANT, 0 },
	{ "GET",  "/documents/{id}/log.json", documents_log_json, A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}",          documents_update,  A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/delete",   documents_delete,  A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/issue",    documents_issue,   A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/sent",     documents_sent,    A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/mail",     documents_mail,    A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/invoice",  documents_invoice, A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/credit",   documents_credit,  A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/payments", payments_create,   A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/lines",    document_lines_save, A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/lines/{id}/up",     document_lines_up, A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/lines/{id}/down",   document_lines_down, A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/lines/{id}/delete", document_lines_delete, A_STAFF | A_ACCOUNTANT, 0 },
	{ "POST", "/documents/{id}/disbursements/{id}/delete",
	    document_disbursements_delete, A_STAFF | A_ACCOUNTANT, 0 },

	/* exports for accountants */
	{ "GET",  "/exports",                 exports_index,     A_ACCOUNTANT, 0 },
	{ "GET",  "/exports/invoices.xlsx",   exports_xlsx,      A_ACCOUNTANT, R_SLOW },
	{ "GET",  "/exports/fec.txt",         exports_fec,       A_ACCOUNTANT, R_SLOW },
	/* videos (staff), an order's accounts and files, the outbox */
	{ "GET",  "/videos",                  videos_list,       A_STAFF, 0 },
	{ "GET",  "/orders/{id}/videos",      videos_order,      A_STAFF, 0 },
	{ "GET",  "/recordings/{id}/edit",    recordings_edit_form, A_STAFF, 0 },
	{ "POST", "/recordings/{id}",         recordings_update, A_STAFF, 0 },
	{ "GET",  "/recordings/{id}/move",    recordings_move_form, A_STAFF, 0 },
	{ "POST", "/recordings/{id}/move",    recordings_move,   A_STAFF, 0 },
	{ "POST", "/recordings/{id}/delete",  recordings_delete, A_STAFF | A_USER, R_ORDER },
	{ "GET",  "/orders/{id}/files",       files_list,        A_STAFF, R_ORDER },
	{ "POST", "/orders/{id}/files",       files_upload,      A_STAFF, R_ORDER | R_UPLOAD },
	{ "GET",  "/orders/{id}/access",      accounts_show,     A_STAFF, 0 },
	{ "POST", "/orders/{id}/access",      accounts_update,   A_STAFF, 0 },
	{ "GET",  "/orders/{id}/access/fr",   accounts_send_form, A_STAFF, 0 },
	{ "GET",  "/orders/{id}/access/en",   accounts_send_form, A_STAFF, 0 },
	{ "POST", "/orders/{id}/access/fr",   accounts_send,     A_STAFF, 0 },
	{ "POST", "/orders/{id}/access/en",   accounts_send,     A_STAFF, 0 },
	{ "POST", "/orders/{id}/accounts/{id}/password", accounts_password, A_STAFF, 0 },
	{ "POST", "/orders/{id}/accounts/{id}/disable", accounts_disable, A_STAFF, 0 },
	{ "GET",  "/outbox",                  outbox_list,       A_STAFF, 0 },
	{ "POST", "/outbox/{id}/retry",       outbox_retry,      A_STAFF, 0 },
	{ "POST", "/outbox/{id}/cancel",      outbox_cancel,     A_STAFF, 0 },

	/* the portal (order accounts; staff are sent to /videos), media and
	 * files: the order is the session's, checked again in SQL */
	{ "GET",  "/portal",                  portal_home,       A_STAFF | A_ACCOUNT, R_ORDER },
	{ "GET",  "/portal/files",            files_list,        A_USER | A_CLIENT, R_ORDER },
	{ "POST", "/portal/files",            files_upload,      A_USER | A_CLIENT, R_ORDER | R_UPLOAD },
	{ "GET",  "/portal/test",             portal_test,       A_LOGGED, 0 },
	{ "GET",  "/portal/test/speed",       portal_speed,      A_LOGGED, 0 },
	{ "GET",  "/portal/live/{id}",        live_show,         A_STAFF | A_ACCOUNT, R_ORDER },
	{ "GET",  "/portal/live/{id}/poll",   chat_poll,         A_STAFF | A_ACCOUNT, R_ORDER },
	{ "POST", "/portal/live/{id}/chat",   chat_post,         A_STAFF | A_ACCOUNT, R_ORDER },
	{ "GET",  "/portal/watch/{id}",       portal_watch,      A_STAFF | A_USER | A_CLIENT, R_ORDER },
	/* observers' notes (notes.c): the order's accounts and staff */
	{ "POST", "/portal/live/{id}/notes",  notes_add,         A_STAFF | A_ACCOUNT, R_ORDER },
	{ "GET",  "/portal/watch/{id}/notes", notes_watch_poll,  A_STAFF | A_USER | A_CLIENT, R_ORDER },
	{ "POST", "/portal/watch/{id}/notes", notes_watch_add,   A_STAFF | A_USER | A_CLIENT, R_ORDER },
	/* clips and reels (clips.c): the accounts that may download */
	{ "POST", "/portal/watch/{id}/clips", clips_create,      A_STAFF | A_USER | A_CLIENT, R_ORDER },
	{ "GET",  "/portal/watch/{id}/clips", clips_list,        A_STAFF | A_USER | A_CLIENT, R_ORDER },
	{ "POST", "/portal/reels",            reels_create,      A_STAFF | A_USER | A_CLIENT, R_ORDER },
	{ "POST", "/notes/{id}",              notes_change,      A_STAFF | A_ACCOUNT, R_ORDER },
	{ "POST", "/notes/{id}/delete",       notes_change,      A_STAFF | A_ACCOUNT, R_ORDER },
	{ "GET",  "/portal/notes",            notes_list,        A_ACCOUNT, R_ORDER },
	{ "GET",  "/portal/notes.csv",        notes_csv,         A_ACCOUNT, R_ORDER },
	{ "GET",  "/portal/notes.xlsx",       notes_xlsx,        A_ACCOUNT, R_ORDER },
	{ "GET",  "/orders/{id}/notes",       notes_list,        A_STAFF, 0 },
	{ "GET",  "/orders/{id}/notes.csv",   notes_csv,         A_STAFF, 0 },
	{ "GET",  "/orders/{id}/notes.xlsx",  notes_xlsx,        A_STAFF, 0 },
	{ "POST", "/orders/{id}/note-tags",   notes_tags_save,   A_STAFF, 0 },
	{ "GET",  "/download/{id}",           downloads_media,   A_STAFF | A_USER | A_CLIENT, R_ORDER },
	{ "GET",  "/files/{id}",              files_download,    A_STAFF | A_USER | A_CLIENT, R_ORDER },
	{ "POST", "/files/{id}/delete",       files_delete,      A_STAFF | A_USER | A_CLIENT, R_ORDER },
	{ "GET",  "/errors/413",              files_too_big,     A_ANON,  0 },

	/* planning */
	{ "GET",  "/planning",                planning_show,     A_STAFF, 0 },

	/* configuration */
	{ "GET",  "/config",                  config_index,      A_ADMIN, 0 },
	{ "GET",  "/config/sites",            config_list,       A_ADMIN, 0 },
	{ "POST", "/config/sites",            config_create,     A_ADMIN, 0 },
	{ "POST", "/config/sites/{id}",       config_update,     A_ADMIN, 0 },
	{ "POST", "/config/sites/{id}/delete",    config_delete, A_ADMIN, 0 },
	{ "GET",  "/config/rooms",            config_list,       A_ADMIN, 0 },
	{ "POST", "/config/rooms",            config_create,     A_ADMIN, 0 },
	{ "POST", "/config/rooms/{id}",       config_update,     A_ADMIN, 0 },
	{ "POST", "/config/rooms/{id}/delete",    config_delete, A_ADMIN, 0 },
	{ "GET",  "/config/tariffs",          config_list,       A_ADMIN, 0 },
	{ "POST", "/config/tariffs",          config_create,     A_ADMIN, 0 },
	{ "POST", "/config/tariffs/{id}",     config_update,     A_ADMIN, 0 },
	{ "POST", "/config/tariffs/{id}/delete",  config_delete, A_ADMIN, 0 },
	{ "GET",  "/config/categories",       config_list,       A_ADMIN, 0 },
	{ "POST", "/config/categories",       config_create,     A_ADMIN, 0 },
	{ "POST", "/config/categories/{id}",  config_update,     A_ADMIN, 0 },
	{ "POST", "/config/categories/{id}/delete", config_delete, A_ADMIN, 0 },
	{ "GET",  "/config/options",          config_list,       A_ADMIN, 0 },
	{ "POST", "/config/options",          config_create,     A_ADMIN, 0 },
	{ "POST", "/config/options/{id}",     config_update,     A_ADMIN, 0 },
	{ "POST", "/config/options/{id}/delete",  config_delete, A_ADMIN, 0 },
	{ "GET",  "/config/vat",              config_list,       A_ADMIN, 0 },
	{ "POST", "/config/vat",              config_create,     A_ADMIN, 0 },
	{ "POST", "/config/vat/{id}",         config_update,     A_ADMIN, 0 },
	{ "POST", "/config/vat/{id}/delete",      config_delete, A_ADMIN, 0 },
	{ "GET",  "/config/seller",           config_seller,     A_ADMIN, 0 },
	{ "POST", "/config/seller",           config_seller_update, A_ADMIN, 0 },

	/* recording boxes: staff pages, and the API the boxes call */
	{ "GET",  "/boxes",                   boxes_list,        A_STAFF, 0 },
	{ "POST", "/boxes",                   boxes_create,      A_ADMIN, 0 },
	{ "GET",  "/boxes/report",            guarantee_report,  A_STAFF, 0 },
	{ "GET",  "/boxes/report.xlsx",       guarantee_report_xlsx, A_STAFF, 0 },
	{ "POST", "/boxes/report/settings",   guarantee_settings, A_ADMIN, 0 },
	{ "GET",  "/boxes/{id}",              guarantee_box,     A_STAFF, 0 },
	{ "GET",  "/bandwidth",               bandwidth_report,  A_ADMIN, 0 },
	{ "GET",  "/bandwidth.csv",           bandwidth_csv,     A_ADMIN, 0 },
	{ "POST", "/bandwidth/settings",      bandwidth_settings, A_ADMIN, 0 },
	{ "POST", "/boxes/{id}/outages",      outages_create,    A_STAFF, 0 },
	{ "GET",  "/outages/{id}",            outages_show,      A_STAFF, 0 },
	{ "POST", "/outages/{id}",            outages_update,    A_STAFF, 0 },
	{ "POST", "/outages/{id}/dismiss",    outages_dismiss,   A_STAFF, 0 },
	{ "POST", "/boxes/{id}/token",        boxes_token,       A_ADMIN, 0 },
	{ "POST", "/boxes/{id}/deactivate",   boxes_deactivate,  A_ADMIN, 0 },
	{ "GET",  "/media/{id}/onsite",       boxes_onsite_link, A_STAFF, 0 },
	{ "GET",  "/box/api/schedule",        box_api_schedule,  A_BOX, R_NOCSRF },
	{ "POST", "/box/api/heartbeat",       box_api_heartbeat, A_BOX, R_NOCSRF | R_RAWBODY },
	{ "POST", "/box/api/events",          box_api_events,    A_BOX, R_NOCSRF | R_RAWBODY },

	/* live: the chat's moderation and export (staff), and what nginx
	 * itself asks (internal location, loopback callback server) */
	{ "POST", "/chat/{id}/hide",          chat_hide,         A_STAFF, 0 },
	{ "POST", "/chat/{id}/mute",          chat_mute,         A_STAFF, 0 },
	{ "POST", "/chat/{id}/unmute",        chat_mute,         A_STAFF, 0 },
	{ "GET",  "/reservations/{id}/chat.txt", chat_export,    A_STAFF, 0 },
	{ "POST", "/_rtmp/publish",           live_rtmp_publish, A_NGINX, R_NOCSRF },
	{ "POST", "/_rtmp/publish_done",      live_rtmp_done,    A_NGINX, R_NOCSRF },
	{ "POST", "/_rtmp/update",            live_rtmp_update,  A_NGINX, R_NOCSRF },
	{ "GET",  "/_auth/live",              live_hls_auth,     A_NGINX, R_NOCSRF },
	/* nginx asks before it takes a body: a file (session, access, quota,
	 * free space) or a box's chunk (token, its file, free space) */
	{ "GET",  "/_auth/upload",            files_upload_check, A_NGINX, R_NOCSRF | R_PRECHECK },
	{ "GET",  "/_auth/box-upload",        box_uploads_check, A_NGINX, R_NOCSRF },
	/* uploads of the boxes' finished files (box_uploads.c) */
	{ "POST", "/box/api/uploads",         box_uploads_open,  A_BOX, R_NOCSRF | R_RAWBODY },
	{ "PUT",  "/box/api/uploads/{id}",    box_uploads_chunk, A_BOX, R_NOCSRF | R_RAWBODY | R_BODYFILE },
	{ "POST", "/box/api/uploads/{id}/finish", box_uploads_finish, A_BOX, R_NOCSRF | R_RAWBODY | R_SLOW },
	{ "POST", "/box/api/uploads/{id}/removed", box_uploads_removed, A_BOX, R_NOCSRF | R_RAWBODY },
	{ "GET",  "/config/billing",          config_billing,    A_ADMIN, 0 },
	{ "POST", "/config/billing",          config_billing_update, A_ADMIN, 0 },
};
/* clang-format on */

bool
route_allows(unsigned access, const char *kind, const char *role)
{
	if (access & A_ANON)
		return true;
	if (kind == NULL)
		return false;
	if (!strcmp(kind, "staff")) {
		/* admin may do what any staff role may, and its own part */
		if (role != NULL && !strcmp(role, "admin"))
			return access & A_OFFICE;
		if (role != NULL && !strcmp(role, "staff"))
			return access & A_STAFF;
		if (role != NULL && !strcmp(role, "accountant"))
			return access & A_ACCOUNTANT;
		return false;
	}
	if (!strcmp(kind, "user"))
		return access & A_USER;
	if (!strcmp(kind, "client"))
		return access & A_CLIENT;
	if (!strcmp(kind, "live"))
		return access & A_LIVE;
	return false;
}

const struct route *
routes_table(size_t *n)
{
	*n = FM_ARRAY_LEN(routes);
	return routes;
}

NEOERR *
routes_match(struct req *r)
{
	char allow[64] = "";
	size_t i;
	int n;

	const struct route *other = NULL;

	for (i = 0; i < FM_ARRAY_LEN(routes); i++) {
		n = route_pattern_match(routes[i].pattern, r->path, r->id,
		    (int)FM_ARRAY_LEN(r->id));
		if (n < 0)
			continue;
		if (!strcmp(routes[i].method, r->method)) {
			r->route = &routes[i];
			return STATUS_OK;
		}
		if (other == NULL)
			other = &routes[i];
		if (strstr(allow, routes[i].method) == NULL &&
		    strlen(allow) + strlen(routes[i].method) + 3 <
		        sizeof(allow)) {
			if (*allow)
				strcat(allow, ", ");
			strcat(allow, routes[i].method);
		}
	}
	if (*allow) {
		r->route = other;
		http_header(r, "Allow: %s", allow);
		return nerr_raise(FM_ERR_METHOD, "%s",
		    http_str(r, "error.method"));
	}
	return nerr_raise(FM_ERR_NOTFOUND, "%s", http_str(r, "error.no_page"));
}
