-- 0203_document_figures_open: the invoices left to pay in the documents
-- list's order (the "unpaid" list reads them alone, not every document).
CREATE INDEX document_figures_open_list_idx ON document_figures (list_day DESC, document_id DESC)
	WHERE balance > 0;
