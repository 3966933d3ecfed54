"""Web sessions: login, cookie flags, unknown emails, lockout, expiry, logout,
login CSRF, and the __Host- cookie over https (straight to the FastCGI pool)."""
import os
import re
import socket
import struct

import fcgi_client
import requests

from conftest import mariadb
from test_ui_support import csrf, login, login_token, new_org_user


def post_login(s, base_url, email, password):
    return s.post(base_url + "/login", data={"_login": login_token(s, base_url),
                  "email": email, "password": password}, allow_redirects=False)


def test_pages_redirect_to_login_without_a_session(base_url, http):
    for path in ("/sites", "/keys", "/sites/00000000-0000-7000-8000-000000000000"):
        r = http.get(base_url + path, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"] == "/login"


def test_login_sets_a_hardened_cookie(base_url, bin_dir, conf_path):
    a = new_org_user(bin_dir, conf_path)
    s = requests.Session()
    r = post_login(s, base_url, a["email"], a["password"])
    assert r.status_code == 303 and r.headers["Location"] == "/sites"
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("sa_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie            # plain http here; see the https test
    token = re.match(r"sa_session=([^;]+)", cookie).group(1)
    assert len(token) == 43
    assert s.get(base_url + "/sites").status_code == 200


def test_session_id_is_stored_hashed(base_url, bin_dir, conf_path, state_dir):
    a = new_org_user(bin_dir, conf_path)
    s = login(base_url, a["email"], a["password"])
    token = s.cookies["sa_session"]
    rows = mariadb(state_dir, f"SELECT HEX(id_hash), csrf_token FROM sessions "
                              f"WHERE user_id = '{a['user']}'")
    assert rows and all(token not in cell for row in rows for cell in row)
    import hashlib
    assert hashlib.sha256(token.encode()).hexdigest().upper() in [r[0] for r in rows]


def test_wrong_password_and_unknown_email_get_the_same_answer(base_url, bin_dir, conf_path):
    a = new_org_user(bin_dir, conf_path)
    s = requests.Session()
    bad = post_login(s, base_url, a["email"], "wrong-password")
    unknown = post_login(s, base_url, "nobody-" + a["email"], "wrong-password")
    assert bad.status_code == unknown.status_code == 401
    msg = lambda r: re.search(r'data-test="login-error">([^<]*)<', r.text).group(1)
    assert msg(bad) == msg(unknown)
    assert "Set-Cookie" not in bad.headers or "sa_session" not in bad.headers["Set-Cookie"]


def test_login_without_the_form_token_is_refused(base_url, http):
    r = http.post(base_url + "/login", data={"email": os.environ["SITEAUDIT_EMAIL"],
                  "password": os.environ["SITEAUDIT_PASSWORD"]}, allow_redirects=False)
    assert r.status_code == 403


def test_lockout_after_repeated_failures(base_url, bin_dir, conf_path, state_dir):
    a = new_org_user(bin_dir, conf_path)
    s = requests.Session()
    for _ in range(5):
        assert post_login(s, base_url, a["email"], "nope-nope").status_code == 401
    # locked now: even the right password is refused, with the same answer
    r = post_login(s, base_url, a["email"], a["password"])
    assert r.status_code == 401
    rows = mariadb(state_dir, f"SELECT failed_logins, locked_until > NOW(3) FROM users "
                              f"WHERE id = '{a['user']}'")
    assert rows[0] == ["5", "1"]
    # once the lock has passed, the right password works and resets the count
    mariadb(state_dir, f"UPDATE users SET locked_until = NOW(3) - INTERVAL 1 SECOND "
                       f"WHERE id = '{a['user']}'")
    assert post_login(s, base_url, a["email"], a["password"]).status_code == 303
    assert mariadb(state_dir, f"SELECT failed_logins FROM users WHERE id = '{a['user']}'") == [["0"]]


def test_expired_session_is_refused(base_url, bin_dir, conf_path, state_dir):
    a = new_org_user(bin_dir, conf_path)
    s = login(base_url, a["email"], a["password"])
    assert s.get(base_url + "/sites").status_code == 200
    mariadb(state_dir, f"UPDATE sessions SET expires_at = NOW(3) - INTERVAL 1 SECOND "
                       f"WHERE user_id = '{a['user']}'")
    r = s.get(base_url + "/sites", allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"] == "/login"
    r = s.get(f"{base_url}/api/sites/{a['site']}/export", allow_redirects=False)
    assert r.status_code == 401


def test_logout_ends_the_session(base_url, bin_dir, conf_path, state_dir):
    a = new_org_user(bin_dir, conf_path)
    s = login(base_url, a["email"], a["password"])
    token = s.cookies["sa_session"]
    r = s.post(base_url + "/logout", data={"_csrf": csrf(s, base_url + "/sites")},
               allow_redirects=False)
    assert r.status_code == 303 and r.headers["Location"].startswith("/login")
    assert "Max-Age=0" in r.headers["Set-Cookie"]
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM sessions WHERE user_id = '{a['user']}'") == [["0"]]
    replay = requests.get(base_url + "/sites", cookies={"sa_session": token},
                          allow_redirects=False)
    assert replay.status_code == 303


def fcgi(state, method, uri, params, body=b""):
    """One FastCGI request with extra params (HTTPS, cookies …)."""
    path, _, query = uri.partition("?")
    p = {"REQUEST_METHOD": method, "REQUEST_URI": uri, "QUERY_STRING": query,
         "CONTENT_LENGTH": str(len(body)), "SERVER_PROTOCOL": "HTTP/1.1",
         "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "audit.example", **params}
    data = b"".join(fcgi_client._pair(k, v) for k, v in p.items())
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(10)
        s.connect(os.path.join(state, "run", "fcgi.sock"))
        s.sendall(fcgi_client._record(fcgi_client.BEGIN, struct.pack("!HB5x", 1, 0))
                  + fcgi_client._record(fcgi_client.PARAMS, data)
                  + fcgi_client._record(fcgi_client.PARAMS, b"")
                  + (fcgi_client._record(fcgi_client.STDIN, body) if body else b"")
                  + fcgi_client._record(fcgi_client.STDIN, b""))
        out = fcgi_client._read_stdout(s)
    head, _, payload = out.partition(b"\r\n\r\n")
    return head.decode(), payload.decode(errors="replace")


def test_https_cookie_is_host_prefixed_and_secure(state_dir, bin_dir, conf_path):
    a = new_org_user(bin_dir, conf_path)
    head, page = fcgi(state_dir, "GET", "/login", {"HTTPS": "on"})
    tok = re.search(r'name="_login" value="([^"]+)"', page).group(1)
    assert "sa_login=" in head and "; Secure" in head
    body = f"_login={tok}&email={a['email']}&password={a['password']}".encode()
    head, _ = fcgi(state_dir, "POST", "/login", {
        "HTTPS": "on", "HTTP_COOKIE": f"sa_login={tok}",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "HTTP_ORIGIN": "https://audit.example"}, body)
    assert "Status: 303" in head
    cookie = re.search(r"Set-Cookie: (__Host-sa_session=[^\r\n]+)", head).group(1)
    assert "; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain=" not in cookie and "Path=/" in cookie
    token = re.match(r"__Host-sa_session=([^;]+)", cookie).group(1)
    head, _ = fcgi(state_dir, "GET", "/sites", {"HTTPS": "on",
                   "HTTP_COOKIE": f"__Host-sa_session={token}"})
    assert "Status: 200" in head
    # the plain-http cookie name is not accepted over https
    head, _ = fcgi(state_dir, "GET", "/sites", {"HTTPS": "on",
                   "HTTP_COOKIE": f"sa_session={token}"})
    assert "Status: 303" in head
