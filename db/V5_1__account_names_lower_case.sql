-- Account names match whatever their case (issue 13): they are stored in lower case and looked up
-- lower-cased, the same on H2, PostgreSQL and HSQLDB. A mixed-case name whose lower-case form is
-- already an account is removed (the lower-case one is the one that logs in from now on); two
-- mixed-case names that differ only in case stop this migration on the primary key: rename one by hand.
DELETE FROM duet_account
 WHERE name <> LOWER(name)
   AND LOWER(name) IN (SELECT name FROM duet_account);
UPDATE duet_account SET name = LOWER(name) WHERE name <> LOWER(name);
