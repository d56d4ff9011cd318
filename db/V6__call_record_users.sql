-- Who took part in a call (issue 14): the "sub" of each side's join token, first_user for the peer
-- that was in the room first; NULL for a side that joined without a token or whose token named no
-- user. Indexed for the admin API's user= filter, which looks at both sides. One column per
-- statement: H2, PostgreSQL and HSQLDB each add several in one ALTER TABLE their own way.
ALTER TABLE call_record ADD COLUMN first_user VARCHAR(255);
ALTER TABLE call_record ADD COLUMN second_user VARCHAR(255);
CREATE INDEX call_record_first_user ON call_record (first_user);
CREATE INDEX call_record_second_user ON call_record (second_user);
