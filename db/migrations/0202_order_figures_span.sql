-- 0202_order_figures_span: the longest period of an order, read by the
-- orders list's period filter (an order that ends on or after the day
-- "from" starts at most that many days before it): the index gives it
-- at once, so the list reads from the filter's days only.
CREATE INDEX order_figures_span_idx ON order_figures ((last_day - first_day));
