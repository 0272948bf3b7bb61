/*
 * cii.c - the CII XML of an invoice or credit note (cii.h), element by
 * element in the order of the Factur-X EN 16931 schema.  Empty values
 * leave their element out; libxml2 escapes & < > and quotes.
 */
#include "render/cii.h"

#include <libxml/xmlwriter.h>
#include <string.h>

#define NS_RSM "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
#define NS_RAM                                 \
	"urn:un:unece:uncefact:data:standard:" \
	"ReusableAggregateBusinessInformationEntity:100"
#define NS_QDT "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
#define NS_UDT "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"

struct cw {
	xmlTextWriterPtr w;
	bool failed;
};

static bool
set(const char *v)
{
	return v != NULL && *v != '\0';
}

static void
open_el(struct cw *c, const char *name)
{
	if (xmlTextWriterStartElement(c->w, BAD_CAST name) < 0)
		c->failed = true;
}

static void
close_el(struct cw *c)
{
	if (xmlTextWriterEndElement(c->w) < 0)
		c->failed = true;
}

static void
attr(struct cw *c, const char *name, const char *value)
{
	if (xmlTextWriterWriteAttribute(c->w, BAD_CAST name, BAD_CAST value) <
	    0)
		c->failed = true;
}

/* <name attr="aval">text</name>, or nothing when text is empty. */
static void
el_attr(struct cw *c, const char *name, const char *aname, const char *aval,
    const char *text)
{
	if (!set(text))
		return;
	open_el(c, name);
	if (aname != NULL && set(aval))
		attr(c, aname, aval);
	if (xmlTextWriterWriteString(c->w, BAD_CAST text) < 0)
		c->failed = true;
	close_el(c);
}

static void
el(struct cw *c, const char *name, const char *text)
{
	el_attr(c, name, NULL, NULL, text);
}

/* <name><prefix:DateTimeString format="102">YYYYMMDD</...></name> */
static void
date102(struct cw *c, const char *name, const char *inner, const char *ymd)
{
	if (!set(ymd))
		return;
	open_el(c, name);
	el_attr(c, inner, "format", "102", ymd);
	close_el(c);
}

static void
note(struct cw *c, const char *text, const char *subject)
{
	if (!set(text))
		return;
	open_el(c, "ram:IncludedNote");
	el(c, "ram:Content", text);
	el(c, "ram:SubjectCode", subject);
	close_el(c);
}

static void
address(struct cw *c, HDF *h, const char *who)
{
	char k[64];

	open_el(c, "ram:PostalTradeAddress");
	snprintf(k, sizeof(k), "%s_postcode", who);
	el(c, "ram:PostcodeCode", hdf_get_value(h, k, NULL));
	snprintf(k, sizeof(k), "%s_address", who);
	el(c, "ram:LineOne", hdf_get_value(h, k, NULL));
	snprintf(k, sizeof(k), "%s_city", who);
	el(c, "ram:CityName", hdf_get_value(h, k, NULL));
	snprintf(k, sizeof(k), "%s_country", who);
	el(c, "ram:CountryID", hdf_get_value(h, k, NULL));
	close_el(c);
}

static void
party(struct cw *c, HDF *h, const char *who, bool vat_ids)
{
	char k[64];
	const char *v;

	open_el(c,
	    !strcmp(who, "seller") ? "ram:SellerTradeParty"
	                           : "ram:BuyerTradeParty");
	snprintf(k, sizeof(k), "%s_name", who);
	el(c, "ram:Name", hdf_get_value(h, k, NULL));
	snprintf(k, sizeof(k), "%s_legal", who);
	el(c, "ram:Description", hdf_get_value(h, k, NULL));
	snprintf(k, sizeof(k), "%s_siren", who);
	if (set(v = hdf_get_value(h, k, NULL))) {
		open_el(c, "ram:SpecifiedLegalOrganization");
		el_attr(c, "ram:ID", "schemeID", "0002", v);
		close_el(c);
	}
	snprintf(k, sizeof(k), "%s_contact", who);
	v = hdf_get_value(h, k, NULL);
	snprintf(k, sizeof(k), "%s_email", who);
	if (set(v) || set(hdf_get_value(h, k, NULL))) {
		open_el(c, "ram:DefinedTradeContact");
		el(c, "ram:PersonName", v);
		if (set(v = hdf_get_value(h, k, NULL))) {
			open_el(c, "ram:EmailURIUniversalCommunication");
			el(c, "ram:URIID", v);
			close_el(c);
		}
		close_el(c);
	}
	address(c, h, who);
	snprintf(k, sizeof(k), "%s_e_address", who);
	if (set(v = hdf_get_value(h, k, NULL))) {
		snprintf(k, sizeof(k), "%s_e_scheme", who);
		open_el(c, "ram:URIUniversalCommunication");
		el_attr(c, "ram:URIID", "schemeID", hdf_get_value(h, k, "0225"),
		    v);
		close_el(c);
	}
	snprintf(k, sizeof(k), "%s_vat", who);
	if (vat_ids && set(v = hdf_get_value(h, k, NULL))) {
		open_el(c, "ram:SpecifiedTaxRegistration");
		el_attr(c, "ram:ID", "schemeID", "VA", v);
		close_el(c);
	}
	close_el(c);
}

static void
tax(struct cw *c, const char *category, const char *rate)
{
	open_el(c, "ram:ApplicableTradeTax");
	el(c, "ram:TypeCode", "VAT");
	el(c, "ram:CategoryCode", category);
	/* "Not subject to VAT" has no rate (EN 16931 BR-O-05). */
	if (strcmp(category, "O"))
		el(c, "ram:RateApplicablePercent", rate);
	close_el(c);
}

static void
line(struct cw *c, HDF *l)
{
	const char *unit = hdf_get_value(l, "unit_code", "C62");

	open_el(c, "ram:IncludedSupplyChainTradeLineItem");
	open_el(c, "ram:AssociatedDocumentLineDocument");
	el(c, "ram:LineID", hdf_get_value(l, "line_id", ""));
	close_el(c);
	open_el(c, "ram:SpecifiedTradeProduct");
	el(c, "ram:Name", hdf_get_value(l, "name", ""));
	close_el(c);
	open_el(c, "ram:SpecifiedLineTradeAgreement");
	open_el(c, "ram:NetPriceProductTradePrice");
	el(c, "ram:ChargeAmount", hdf_get_value(l, "net_price", ""));
	close_el(c);
	close_el(c);
	open_el(c, "ram:SpecifiedLineTradeDelivery");
	el_attr(c, "ram:BilledQuantity", "unitCode", unit,
	    hdf_get_value(l, "quantity", ""));
	close_el(c);
	open_el(c, "ram:SpecifiedLineTradeSettlement");
	tax(c, hdf_get_value(l, "category", "S"), hdf_get_value(l, "rate", ""));
	if (set(hdf_get_value(l, "discount_amount", NULL))) {
		/* The line's discount, as an allowance (BG-27). */
		open_el(c, "ram:SpecifiedTradeAllowanceCharge");
		open_el(c, "ram:ChargeIndicator");
		el(c, "udt:Indicator", "false");
		close_el(c);
		el(c, "ram:CalculationPercent",
		    hdf_get_value(l, "discount_pct", NULL));
		el(c, "ram:BasisAmount",
		    hdf_get_value(l, "gross_amount", NULL));
		el(c, "ram:ActualAmount",
		    hdf_get_value(l, "discount_amount", NULL));
		el(c, "ram:ReasonCode", "95");
		el(c, "ram:Reason", "Remise");
		close_el(c);
	}
	open_el(c, "ram:SpecifiedTradeSettlementLineMonetarySummation");
	el(c, "ram:LineTotalAmount", hdf_get_value(l, "line_total", ""));
	close_el(c);
	close_el(c);
	close_el(c);
}

static void
breakdown(struct cw *c, HDF *v, const char *vat_point)
{
	const char *cat = hdf_get_value(v, "category", "S");

	open_el(c, "ram:ApplicableTradeTax");
	el(c, "ram:CalculatedAmount", hdf_get_value(v, "vat", "0.00"));
	el(c, "ram:TypeCode", "VAT");
	el(c, "ram:ExemptionReason", hdf_get_value(v, "reason", NULL));
	el(c, "ram:BasisAmount", hdf_get_value(v, "base", "0.00"));
	el(c, "ram:CategoryCode", cat);
	el(c, "ram:ExemptionReasonCode", hdf_get_value(v, "reason_code", NULL));
	el(c, "ram:DueDateTypeCode", vat_point);
	if (strcmp(cat, "O"))
		el(c, "ram:RateApplicablePercent",
		    hdf_get_value(v, "rate", ""));
	close_el(c);
}

static void
document(struct cw *c, HDF *data)
{
	HDF *h = hdf_get_obj(data, "Cii"), *n;
	bool vat_ids = !hdf_get_int_value(h, "omit_vat_ids", 0);
	bool ship_to = false;

	xmlTextWriterStartDocument(c->w, NULL, "UTF-8", NULL);
	open_el(c, "rsm:CrossIndustryInvoice");
	attr(c, "xmlns:rsm", NS_RSM);
	attr(c, "xmlns:qdt", NS_QDT);
	attr(c, "xmlns:ram", NS_RAM);
	attr(c, "xmlns:udt", NS_UDT);

	open_el(c, "rsm:ExchangedDocumentContext");
	open_el(c, "ram:BusinessProcessSpecifiedDocumentContextParameter");
	el(c, "ram:ID", hdf_get_value(h, "billing_mode", "S1"));
	close_el(c);
	open_el(c, "ram:GuidelineSpecifiedDocumentContextParameter");
	el(c, "ram:ID", "urn:cen.eu:en16931:2017");
	close_el(c);
	close_el(c);

	open_el(c, "rsm:ExchangedDocument");
	el(c, "ram:ID", hdf_get_value(h, "number", ""));
	el(c, "ram:TypeCode", hdf_get_value(h, "type_code", "380"));
	date102(c, "ram:IssueDateTime", "udt:DateTimeString",
	    hdf_get_value(h, "issue_date", ""));
	note(c, hdf_get_value(h, "vat_mention", NULL), "AAI");
	note(c, hdf_get_value(h, "note_pmt", NULL), "PMT");
	note(c, hdf_get_value(h, "note_pmd", NULL), "PMD");
	note(c, hdf_get_value(h, "note_aab", NULL), "AAB");
	close_el(c);

	open_el(c, "rsm:SupplyChainTradeTransaction");
	for (n = hdf_obj_child(hdf_get_obj(data, "CiiLines")); n != NULL;
	     n = hdf_obj_next(n))
		line(c, n);

	open_el(c, "ram:ApplicableHeaderTradeAgreement");
	el(c, "ram:BuyerReference", hdf_get_value(h, "buyer_ref", NULL));
	party(c, h, "seller", vat_ids);
	party(c, h, "buyer", vat_ids);
	if (set(hdf_get_value(h, "po_number", NULL))) {
		open_el(c, "ram:BuyerOrderReferencedDocument");
		el(c, "ram:IssuerAssignedID",
		    hdf_get_value(h, "po_number", ""));
		close_el(c);
	}
	close_el(c);

	open_el(c, "ram:ApplicableHeaderTradeDelivery");
	for (n = hdf_obj_child(hdf_get_obj(data, "CiiVat")); n != NULL;
	     n = hdf_obj_next(n))
		if (!strcmp(hdf_get_value(n, "category", ""), "K"))
			ship_to = true;
	if (ship_to) {
		/* An intra-EU supply names where the goods went (BR-IC-12). */
		open_el(c, "ram:ShipToTradeParty");
		address(c, h, "buyer");
		close_el(c);
	}
	close_el(c);

	open_el(c, "ram:ApplicableHeaderTradeSettlement");
	el(c, "ram:InvoiceCurrencyCode", "EUR");
	if (set(hdf_get_value(h, "iban", NULL))) {
		open_el(c, "ram:SpecifiedTradeSettlementPaymentMeans");
		el(c, "ram:TypeCode", "58"); /* SEPA credit transfer */
		open_el(c, "ram:PayeePartyCreditorFinancialAccount");
		el(c, "ram:IBANID", hdf_get_value(h, "iban", ""));
		close_el(c);
		if (set(hdf_get_value(h, "bic", NULL))) {
			open_el(c,
			    "ram:PayeeSpecifiedCreditorFinancialInstitution");
			el(c, "ram:BICID", hdf_get_value(h, "bic", ""));
			close_el(c);
		}
		close_el(c);
	}
	for (n = hdf_obj_child(hdf_get_obj(data, "CiiVat")); n != NULL;
	     n = hdf_obj_next(n))
		breakdown(c, n, hdf_get_value(h, "vat_point_code", NULL));
	if (set(hdf_get_value(h, "period_from", NULL))) {
		open_el(c, "ram:BillingSpecifiedPeriod");
		date102(c, "ram:StartDateTime", "udt:DateTimeString",
		    hdf_get_value(h, "period_from", ""));
		date102(c, "ram:EndDateTime", "udt:DateTimeString",
		    hdf_get_value(h, "period_to", ""));
		close_el(c);
	}
	if (set(hdf_get_value(h, "terms", NULL)) ||
	    set(hdf_get_value(h, "due_date", NULL))) {
		open_el(c, "ram:SpecifiedTradePaymentTerms");
		el(c, "ram:Description", hdf_get_value(h, "terms", NULL));
		date102(c, "ram:DueDateDateTime", "udt:DateTimeString",
		    hdf_get_value(h, "due_date", NULL));
		close_el(c);
	}
	open_el(c, "ram:SpecifiedTradeSettlementHeaderMonetarySummation");
	el(c, "ram:LineTotalAmount", hdf_get_value(h, "line_total", ""));
	el(c, "ram:TaxBasisTotalAmount",
	    hdf_get_value(h, "tax_basis_total", ""));
	el_attr(c, "ram:TaxTotalAmount", "currencyID", "EUR",
	    hdf_get_value(h, "tax_total", ""));
	el(c, "ram:GrandTotalAmount", hdf_get_value(h, "grand_total", ""));
	el(c, "ram:DuePayableAmount", hdf_get_value(h, "due_payable", ""));
	close_el(c);
	if (set(hdf_get_value(h, "source_number", NULL))) {
		/* The invoice a credit note corrects (BT-25, BT-26). */
		open_el(c, "ram:InvoiceReferencedDocument");
		el(c, "ram:IssuerAssignedID",
		    hdf_get_value(h, "source_number", ""));
		date102(c, "ram:FormattedIssueDateTime", "qdt:DateTimeString",
		    hdf_get_value(h, "source_date", NULL));
		close_el(c);
	}
	close_el(c); /* settlement */
	close_el(c); /* transaction */
	close_el(c); /* invoice */
	if (xmlTextWriterEndDocument(c->w) < 0)
		c->failed = true;
}

NEOERR *
cii_write(HDF *data, STRING *out)
{
	struct cw c = { NULL, false };
	xmlBufferPtr buf = xmlBufferCreate();
	NEOERR *err = STATUS_OK;

	if (buf == NULL)
		return nerr_raise(NERR_NOMEM, "xmlBufferCreate");
	c.w = xmlNewTextWriterMemory(buf, 0);
	if (c.w == NULL) {
		xmlBufferFree(buf);
		return nerr_raise(NERR_NOMEM, "xmlNewTextWriterMemory");
	}
	xmlTextWriterSetIndent(c.w, 1);
	xmlTextWriterSetIndentString(c.w, BAD_CAST "  ");
	document(&c, data);
	xmlFreeTextWriter(c.w); /* flushes into buf */
	if (c.failed)
		err = nerr_raise(NERR_ASSERT,
		    "the CII XML could not be written");
	else
		err = string_appendn(out, (const char *)xmlBufferContent(buf),
		    xmlBufferLength(buf));
	xmlBufferFree(buf);
	return nerr_pass(err);
}
