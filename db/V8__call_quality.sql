-- Call quality (issue 18), per side as each page reports it in its stats message: set-up time (join
-- click to the first "connected", ms), round-trip time (median over the call, ms), ICE restarts,
-- and whether the connection was lost and came back. NULL for a side that did not report it (an
-- older page sends only its path). No index: the admin API's path= and minSetupMs= filters run
-- with the time range and paging of every history query. One column per statement: H2,
-- PostgreSQL and HSQLDB each add several in one ALTER TABLE their own way.
ALTER TABLE call_record ADD COLUMN first_setup_ms INTEGER;
ALTER TABLE call_record ADD COLUMN second_setup_ms INTEGER;
ALTER TABLE call_record ADD COLUMN first_rtt_ms INTEGER;
ALTER TABLE call_record ADD COLUMN second_rtt_ms INTEGER;
ALTER TABLE call_record ADD COLUMN first_ice_restarts INTEGER;
ALTER TABLE call_record ADD COLUMN second_ice_restarts INTEGER;
ALTER TABLE call_record ADD COLUMN first_reconnected BOOLEAN;
ALTER TABLE call_record ADD COLUMN second_reconnected BOOLEAN;
