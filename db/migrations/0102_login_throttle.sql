-- 0102_login_throttle: login failures are counted per (login, client
-- address) and per client address (issue 13), no longer per login alone:
-- a stranger's wrong passwords for "admin" no longer lock the real admin
-- out from another address.  The indexes serve the two counts of
-- db_login_throttle (fcgi/db/db_sessions.c).
CREATE INDEX login_attempts_login_ip_idx ON login_attempts (lower(login), ip, at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at) WHERE outcome = 'failure';
