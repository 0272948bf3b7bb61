/*
 * pdfa3.c - PDF/A-3B and Factur-X at libharu's object level.
 *
 * Why here and this way: libharu 2.3.0 (Debian 12) has no call for
 * PDF/A-3 or associated files.  Its HPDF_PDFA_SetPDFAConformance writes
 * a PDF/A-1 XMP packet without the extension schema a Factur-X needs,
 * and HPDF_AttachFile reads a file from disk and sets neither
 * /AFRelationship nor /Params.  Its object API (hpdf_objects.h,
 * hpdf_catalog.h, hpdf_namedict.h) can build every object PDF/A-3 and
 * Factur-X ask for, so this file does, and nothing else touches the
 * document's internals:
 *
 *   catalog /Metadata      the XMP packet (uncompressed): pdfaid part 3
 *                          conformance B; dc:title, dc:creator,
 *                          xmp:CreateDate/ModifyDate/CreatorTool and
 *                          pdf:Producer equal to the Info dictionary; the
 *                          fx: properties and their pdfaExtension schema,
 *                          described once
 *   catalog /OutputIntents one /GTS_PDFA1 intent, the sRGB ICC profile of
 *                          Debian's icc-profiles-free (/N 3)
 *   catalog /AF, /Names /EmbeddedFiles
 *                          one file specification, factur-x.xml,
 *                          /AFRelationship /Alternative, its stream
 *                          /Subtype /text#2Fxml with /Params /ModDate
 *   trailer /ID            two equal 16-byte strings from the document's
 *                          number and issue time (the bytes are made once)
 *
 * The fonts are embedded already (pdf_doc.c); no encryption is set.
 */
#include "render/pdfa3.h"
#include "digest.h"

#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_namedict.h>
#include <hpdf_objects.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ICC_MAX (1024 * 1024)

/* The ICC profile, read once per process. */
static unsigned char *icc;
static size_t icc_len;

static NEOERR *
load_icc(const char *path)
{
	struct stat st;
	int fd;
	ssize_t n;

	if (icc != NULL)
		return STATUS_OK;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "ICC profile %s", path);
	if (fstat(fd, &st) < 0 || st.st_size <= 0 || st.st_size > ICC_MAX) {
		close(fd);
		return nerr_raise(NERR_IO, "ICC profile %s: bad size", path);
	}
	icc = malloc((size_t)st.st_size);
	if (icc == NULL) {
		close(fd);
		return nerr_raise(NERR_NOMEM, "ICC profile");
	}
	n = read(fd, icc, (size_t)st.st_size);
	close(fd);
	if (n != st.st_size) {
		free(icc);
		icc = NULL;
		return nerr_raise(NERR_IO, "ICC profile %s: short read", path);
	}
	icc_len = (size_t)n;
	return STATUS_OK;
}

/* XML text escaping for the XMP packet. */
static void
xmp_escape(STRING *s, const char *t)
{
	for (; t != NULL && *t; t++)
		switch (*t) {
		case '&':
			string_append(s, "&amp;");
			break;
		case '<':
			string_append(s, "&lt;");
			break;
		case '>':
			string_append(s, "&gt;");
			break;
		case '"':
			string_append(s, "&quot;");
			break;
		default:
			string_append_char(s, *t);
		}
}

#define PRODUCER "libHaru 2.3.0 (FocusManager)"
#define CREATOR  "FocusManager"

static const char XMP_HEAD[] =
    "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
    "<rdf:Description rdf:about=\"\" "
    "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
    "<pdfaid:part>3</pdfaid:part>\n"
    "<pdfaid:conformance>B</pdfaid:conformance>\n"
    "</rdf:Description>\n";

/* The Factur-X extension schema (akretion/factur-x, xmp/), once. */
static const char XMP_FX[] =
    "<rdf:Description rdf:about=\"\" "
    "xmlns:fx=\"urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#\">\n"
    "<fx:DocumentType>INVOICE</fx:DocumentType>\n"
    "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>\n"
    "<fx:Version>1.0</fx:Version>\n"
    "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>\n"
    "</rdf:Description>\n"
    "<rdf:Description rdf:about=\"\" "
    "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
    "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
    "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\n"
    "<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:"
    "invoice:1p0#</pdfaSchema:namespaceURI>\n"
    "<pdfaSchema:prefix>fx</pdfaSchema:prefix>\n"
    "<pdfaSchema:property><rdf:Seq>\n"
    "<rdf:li rdf:parseType=\"Resource\">"
    "<pdfaProperty:name>DocumentFileName</pdfaProperty:name>"
    "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
    "<pdfaProperty:category>external</pdfaProperty:category>"
    "<pdfaProperty:description>name of the embedded XML invoice "
    "file</pdfaProperty:description></rdf:li>\n"
    "<rdf:li rdf:parseType=\"Resource\">"
    "<pdfaProperty:name>DocumentType</pdfaProperty:name>"
    "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
    "<pdfaProperty:category>external</pdfaProperty:category>"
    "<pdfaProperty:description>INVOICE</pdfaProperty:description>"
    "</rdf:li>\n"
    "<rdf:li rdf:parseType=\"Resource\">"
    "<pdfaProperty:name>Version</pdfaProperty:name>"
    "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
    "<pdfaProperty:category>external</pdfaProperty:category>"
    "<pdfaProperty:description>The actual version of the Factur-X XML "
    "schema</pdfaProperty:description></rdf:li>\n"
    "<rdf:li rdf:parseType=\"Resource\">"
    "<pdfaProperty:name>ConformanceLevel</pdfaProperty:name>"
    "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
    "<pdfaProperty:category>external</pdfaProperty:category>"
    "<pdfaProperty:description>The conformance level of the embedded "
    "Factur-X data</pdfaProperty:description></rdf:li>\n"
    "</rdf:Seq></pdfaSchema:property>\n"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "</rdf:Description>\n";

static NEOERR *
xmp(STRING *s, const struct pdfa3 *m)
{
	string_append(s, XMP_HEAD);
	string_append(s,
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<dc:format>application/pdf</dc:format>\n"
	    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xmp_escape(s, m->title);
	string_append(s,
	    "</rdf:li></rdf:Alt></dc:title>\n"
	    "<dc:creator><rdf:Seq><rdf:li>");
	xmp_escape(s, m->author);
	string_append(s,
	    "</rdf:li></rdf:Seq></dc:creator>\n"
	    "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	    "<pdf:Producer>" PRODUCER "</pdf:Producer>\n"
	    "</rdf:Description>\n"
	    "<rdf:Description rdf:about=\"\" "
	    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
	    "<xmp:CreatorTool>" CREATOR "</xmp:CreatorTool>\n"
	    "<xmp:CreateDate>");
	xmp_escape(s, m->stamp);
	string_append(s, "</xmp:CreateDate>\n<xmp:ModifyDate>");
	xmp_escape(s, m->stamp);
	string_append(s, "</xmp:ModifyDate>\n</rdf:Description>\n");
	string_append(s, XMP_FX);
	return nerr_pass(string_append(s,
	    "</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>"));
}

/* "YYYY-MM-DDTHH:MM:SSZ" into a libharu date (UTC). */
static HPDF_Date
date_of(const char *stamp)
{
	HPDF_Date d = { 2000, 1, 1, 0, 0, 0, 'Z', 0, 0 };

	if (stamp != NULL)
		sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d", &d.year, &d.month,
		    &d.day, &d.hour, &d.minutes, &d.seconds);
	return d;
}

/* "D:YYYYMMDDHHMMSSZ" (PDF date, for /Params /ModDate). */
static void
pdf_date(char out[24], HPDF_Date d)
{
	snprintf(out, 24, "D:%04d%02d%02d%02d%02d%02dZ", d.year % 10000,
	    d.month % 100, d.day % 100, d.hour % 100, d.minutes % 100,
	    d.seconds % 100);
}

#define OK(x) ((x) == HPDF_OK)

NEOERR *
pdfa3_apply(HPDF_Doc doc, const struct pdfa3 *m)
{
	HPDF_MMgr mm = doc->mmgr;
	HPDF_Xref xref = doc->xref;
	HPDF_Dict cat = doc->catalog;
	HPDF_Dict meta, prof, intent, ef, params, spec, efd;
	HPDF_Array intents, af, id;
	HPDF_NameDict names;
	HPDF_NameTree files;
	HPDF_Date when = date_of(m->stamp);
	unsigned char h[16];
	char hex[DIGEST_HEX_LEN + 1];
	char moddate[24], size[24];
	STRING x;
	NEOERR *err;
	bool ok = true;

	err = load_icc(m->icc_path);
	if (err != STATUS_OK)
		return nerr_pass(err);
	doc->pdf_version = HPDF_VER_17;

	/* Info: the same values as the XMP's. */
	ok = ok && OK(HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, CREATOR));
	ok = ok && OK(HPDF_SetInfoAttr(doc, HPDF_INFO_PRODUCER, PRODUCER));
	ok = ok && OK(HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, when));
	ok = ok && OK(HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, when));

	/* XMP metadata, uncompressed. */
	string_init(&x);
	err = xmp(&x, m);
	meta = ok && err == STATUS_OK ? HPDF_DictStream_New(mm, xref) : NULL;
	ok = meta != NULL;
	ok = ok && OK(HPDF_Dict_AddName(meta, "Type", "Metadata"));
	ok = ok && OK(HPDF_Dict_AddName(meta, "Subtype", "XML"));
	ok = ok &&
	    OK(HPDF_Stream_Write(meta->stream, (HPDF_BYTE *)x.buf,
	        (HPDF_UINT)x.len));
	ok = ok && OK(HPDF_Dict_Add(cat, "Metadata", meta));
	string_clear(&x);
	if (err != STATUS_OK)
		return nerr_pass(err);

	/* Output intent: sRGB. */
	prof = ok ? HPDF_DictStream_New(mm, xref) : NULL;
	ok = prof != NULL;
	if (ok)
		prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	ok = ok && OK(HPDF_Dict_AddNumber(prof, "N", 3));
	ok = ok && OK(HPDF_Stream_Write(prof->stream, icc, (HPDF_UINT)icc_len));
	intent = ok ? HPDF_Dict_New(mm) : NULL;
	ok = intent != NULL;
	ok = ok && OK(HPDF_Dict_AddName(intent, "Type", "OutputIntent"));
	ok = ok && OK(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"));
	ok = ok &&
	    OK(HPDF_Dict_Add(intent, "OutputConditionIdentifier",
	        HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL)));
	ok = ok &&
	    OK(HPDF_Dict_Add(intent, "Info",
	        HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL)));
	ok = ok &&
	    OK(HPDF_Dict_Add(intent, "RegistryName",
	        HPDF_String_New(mm, "http://www.color.org", NULL)));
	ok = ok && OK(HPDF_Dict_Add(intent, "DestOutputProfile", prof));
	intents = ok ? HPDF_Array_New(mm) : NULL;
	ok = intents != NULL;
	ok = ok && OK(HPDF_Array_Add(intents, intent));
	ok = ok && OK(HPDF_Dict_Add(cat, "OutputIntents", intents));

	/* factur-x.xml, the associated file. */
	pdf_date(moddate, when);
	snprintf(size, sizeof(size), "%zu", m->xml_len);
	ef = ok ? HPDF_DictStream_New(mm, xref) : NULL;
	ok = ef != NULL;
	if (ok)
		ef->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	ok = ok && OK(HPDF_Dict_AddName(ef, "Type", "EmbeddedFile"));
	ok = ok && OK(HPDF_Dict_AddName(ef, "Subtype", "text/xml"));
	params = ok ? HPDF_Dict_New(mm) : NULL;
	ok = params != NULL;
	ok = ok &&
	    OK(HPDF_Dict_Add(params, "ModDate",
	        HPDF_String_New(mm, moddate, NULL)));
	ok = ok &&
	    OK(HPDF_Dict_AddNumber(params, "Size", (HPDF_INT)m->xml_len));
	ok = ok && OK(HPDF_Dict_Add(ef, "Params", params));
	ok = ok &&
	    OK(HPDF_Stream_Write(ef->stream, (const HPDF_BYTE *)m->xml,
	        (HPDF_UINT)m->xml_len));
	spec = ok ? HPDF_Dict_New(mm) : NULL;
	ok = spec != NULL;
	ok = ok && OK(HPDF_Xref_Add(xref, spec));
	ok = ok && OK(HPDF_Dict_AddName(spec, "Type", "Filespec"));
	ok = ok &&
	    OK(HPDF_Dict_Add(spec, "F",
	        HPDF_String_New(mm, "factur-x.xml", NULL)));
	ok = ok &&
	    OK(HPDF_Dict_Add(spec, "UF",
	        HPDF_String_New(mm, "factur-x.xml", NULL)));
	ok = ok &&
	    OK(HPDF_Dict_Add(spec, "Desc",
	        HPDF_String_New(mm, "Factur-X invoice (EN 16931)", NULL)));
	ok = ok && OK(HPDF_Dict_AddName(spec, "AFRelationship", "Alternative"));
	efd = ok ? HPDF_Dict_New(mm) : NULL;
	ok = efd != NULL;
	ok = ok && OK(HPDF_Dict_Add(efd, "F", ef));
	ok = ok && OK(HPDF_Dict_Add(efd, "UF", ef));
	ok = ok && OK(HPDF_Dict_Add(spec, "EF", efd));
	af = ok ? HPDF_Array_New(mm) : NULL;
	ok = af != NULL;
	ok = ok && OK(HPDF_Array_Add(af, spec));
	ok = ok && OK(HPDF_Dict_Add(cat, "AF", af));
	names = ok ? HPDF_NameDict_New(mm, xref) : NULL;
	files = names != NULL ? HPDF_NameTree_New(mm, xref) : NULL;
	ok = files != NULL;
	ok = ok &&
	    OK(HPDF_NameTree_Add(files,
	        HPDF_String_New(mm, "factur-x.xml", NULL), spec));
	ok = ok &&
	    OK(HPDF_NameDict_SetNameTree(names, HPDF_NAME_EMBEDDED_FILES,
	        files));
	ok = ok && OK(HPDF_Catalog_SetNames(cat, names));

	/* Trailer /ID: the first 16 bytes of SHA-256(seed), twice. */
	ok = ok && sha256_hex(m->id_seed, strlen(m->id_seed), hex);
	for (int i = 0; ok && i < 16; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		h[i] = (unsigned char)v;
	}
	id = ok ? HPDF_Array_New(mm) : NULL;
	ok = id != NULL;
	ok = ok && OK(HPDF_Array_Add(id, HPDF_Binary_New(mm, h, 16)));
	ok = ok && OK(HPDF_Array_Add(id, HPDF_Binary_New(mm, h, 16)));
	ok = ok && OK(HPDF_Dict_Add(doc->trailer, "ID", id));
	if (!ok)
		return nerr_raise(NERR_ASSERT,
		    "PDF/A-3: libharu error %#lx (%lu)",
		    (unsigned long)HPDF_GetError(doc),
		    (unsigned long)HPDF_GetErrorDetail(doc));
	return STATUS_OK;
}
