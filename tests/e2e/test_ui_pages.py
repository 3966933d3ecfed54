"""Web UI pages: escaping of hostile names, the site and report pages, Scan
now (dedupe + rate limit), budgets / alerts / schedule, API keys, roles."""
import http.server
import re
import threading
import time

import pytest
import requests

from conftest import mariadb
from test_ui_support import add_user, csrf, login, new_org_user, seed_scan

HOSTILE = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture(scope="module")
def acct(bin_dir, conf_path, state_dir):
    a = new_org_user(bin_dir, conf_path)
    for days in (6, 4, 2):
        seed_scan(state_dir, a["org"], a["site"], pages=3, health=60 + days, days_ago=days)
    a["run"], a["report"] = seed_scan(state_dir, a["org"], a["site"], pages=5, health=88)
    return a


@pytest.fixture()
def sess(base_url, acct):
    return login(base_url, acct["email"], acct["password"])


def add_site(sess, base_url, name, url="https://example.com/"):
    r = sess.post(base_url + "/sites", data={"_csrf": csrf(sess, base_url + "/sites/new"),
                  "name": name, "url": url}, allow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    return re.search(r"/sites/([0-9a-f-]{36})", r.headers["Location"]).group(1)


def test_hostile_site_name_renders_as_text_everywhere(base_url, state_dir, acct, sess):
    site = add_site(sess, base_url, HOSTILE, "https://example.com/?q=a&b=c")
    seed_scan(state_dir, acct["org"], site, pages=2)
    run = mariadb(state_dir, f"SELECT run_id FROM reports WHERE site_id = '{site}'")[0][0]
    for path in ("/sites", f"/sites/{site}", f"/sites/{site}/settings",
                 f"/sites/{site}/scans/{run}"):
        page = sess.get(base_url + path)
        assert page.status_code == 200, path
        assert HOSTILE not in page.text, path
        assert "<script>" not in page.text, path
        assert ESCAPED in page.text, path
        assert "/scans/" in path or "?q=a&amp;b=c" in page.text, path
    # the report's stored snippet "<img …>" is shown escaped too
    assert ESCAPED in sess.get(f"{base_url}/sites/{site}/scans/{run}").text
    # the export's file name keeps only safe characters
    r = sess.get(f"{base_url}/api/sites/{site}/export")
    assert r.headers["Content-Disposition"].startswith(
        'attachment; filename="_img_src_x_onerror_alert_1__-scan-')


def test_pages_send_a_strict_csp(base_url, sess):
    r = sess.get(base_url + "/sites")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["X-Frame-Options"] == "DENY"
    assert " on" + "click=" not in r.text and "<script" not in r.text


def test_site_page_shows_scores_chart_pages_and_issues(base_url, acct, sess):
    page = sess.get(f"{base_url}/sites/{acct['site']}").text
    for key in ("health", "performance", "accessibility", "seo", "bestPractices", "security"):
        assert f'data-test="score-{key}"' in page
    assert '<svg class="chart"' in page and page.count("<circle") == 4
    assert page.count("<polyline") == 5
    assert page.count('class="path"') == 5
    assert "Images lack alt text" in page and "Page has no &lt;title&gt;" in page
    assert "Just advice" not in page           # info-level advice is not an issue
    assert 'data-test="scan-now"' in page
    assert f"/sites/{acct['site']}/scans/{acct['run']}" in page


def test_report_page_lists_every_issue_with_examples(base_url, acct, sess):
    page = sess.get(f"{base_url}/sites/{acct['site']}/scans/{acct['run']}").text
    assert "Images lack alt text" in page and "img.hero" in page
    assert "Titles &lt;b&gt;missing&lt;/b&gt;." in page
    assert "<details" in page


def test_unknown_report_and_site_are_404(base_url, acct, sess):
    assert sess.get(f"{base_url}/sites/{acct['site']}/scans/"
                    "00000000-0000-7000-8000-000000000000").status_code == 404
    assert sess.get(f"{base_url}/sites/not-a-uuid").status_code == 404


def test_other_orgs_site_is_404(base_url, bin_dir, conf_path, acct):
    other = new_org_user(bin_dir, conf_path)
    s = login(base_url, other["email"], other["password"])
    assert s.get(f"{base_url}/sites/{acct['site']}").status_code == 404
    token = csrf(s, base_url + "/sites")
    r = s.post(f"{base_url}/sites/{acct['site']}/scan", data={"_csrf": token},
               allow_redirects=False)
    assert r.status_code == 404


class SlowHandler(http.server.BaseHTTPRequestHandler):
    """Answers after 10 s, so the runner's scan of it stays running."""
    def do_GET(self):
        time.sleep(10)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture()
def slow_url():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()


def test_scan_now_twice_says_already_running(base_url, state_dir, acct, sess, slow_url):
    site = add_site(sess, base_url, "Scan twice", slow_url)
    token = csrf(sess, f"{base_url}/sites/{site}")
    first = sess.post(f"{base_url}/sites/{site}/scan", data={"_csrf": token})
    assert "Scan queued" in first.text
    second = sess.post(f"{base_url}/sites/{site}/scan", data={"_csrf": token})
    assert second.status_code == 200
    assert "already running" in second.text
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM runs WHERE site_id = '{site}' "
                              "AND trigger_source = 'ui'") == [["1"]]


def test_scan_now_is_rate_limited_per_user(base_url, bin_dir, conf_path, state_dir):
    a = new_org_user(bin_dir, conf_path)
    mariadb(state_dir, "INSERT INTO runs (id, org_id, site_id, user_id, url, kind, "
            "trigger_source, status) SELECT UUID(), '{o}', '{s}', '{u}', 'x', 'scan', 'ui', "
            "'completed' FROM seq_1_to_5".format(o=a["org"], s=a["site"], u=a["user"]))
    s = login(base_url, a["email"], a["password"])
    r = s.post(f"{base_url}/sites/{a['site']}/scan",
               data={"_csrf": csrf(s, f"{base_url}/sites/{a['site']}")})
    assert "5 scans in the last hour" in r.text
    assert mariadb(state_dir, f"SELECT COUNT(*) FROM runs WHERE site_id = '{a['site']}' "
                              "AND status = 'queued'") == [["0"]]


def test_budgets_alerts_and_schedule(base_url, state_dir, acct, sess):
    url = f"{base_url}/sites/{acct['site']}/settings"
    token = csrf(sess, url)
    r = sess.post(f"{base_url}/sites/{acct['site']}/budgets", data={"_csrf": token,
                  "metric": "lcp", "operator": "max", "threshold": "2500"})
    assert "Budget saved" in r.text and ">2500<" in r.text
    r = sess.post(f"{base_url}/sites/{acct['site']}/budgets", data={"_csrf": token,
                  "metric": "bogus", "operator": "max", "threshold": "1"})
    assert r.status_code == 422
    r = sess.post(f"{base_url}/sites/{acct['site']}/alerts", data={"_csrf": token,
                  "kind": "score_drop", "metric": "performance", "threshold": "5"})
    assert "Alert rule saved" in r.text
    r = sess.post(f"{base_url}/sites/{acct['site']}/schedule", data={"_csrf": token,
                  "schedule": "weekly", "hour": "4", "weekday": "2", "monthday": "1"})
    assert "Schedule saved" in r.text
    row = mariadb(state_dir, f"SELECT schedule, schedule_hour, schedule_weekday, "
                             f"next_run_at IS NOT NULL FROM sites WHERE id = '{acct['site']}'")
    assert row == [["weekly", "4", "2", "1"]]
    bid = mariadb(state_dir, f"SELECT id FROM budgets WHERE site_id = '{acct['site']}'")[0][0]
    r = sess.post(f"{base_url}/sites/{acct['site']}/budgets/{bid}/delete", data={"_csrf": token})
    assert "Budget removed" in r.text


def test_api_key_create_use_and_revoke(base_url, state_dir, acct, sess):
    r = sess.post(base_url + "/keys", data={"_csrf": csrf(sess, base_url + "/keys"),
                  "name": "CI <pipeline>"})
    key = re.search(r'data-test="new-key">(sk_pageref_[A-Za-z0-9]+)<', r.text).group(1)
    assert "CI &lt;pipeline&gt;" in r.text
    again = sess.get(base_url + "/keys").text
    assert key not in again and key[:19] in again      # listed by prefix only
    api = requests.get(base_url + "/api/mcp/sites", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 200
    kid = mariadb(state_dir, f"SELECT id FROM api_keys WHERE prefix = '{key[:19]}'")[0][0]
    r = sess.post(f"{base_url}/keys/{kid}/revoke", data={"_csrf": csrf(sess, base_url + "/keys")})
    assert "API key revoked" in r.text
    api = requests.get(base_url + "/api/mcp/sites", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 401


def test_roles(base_url, bin_dir, conf_path, acct):
    cust = login(base_url, *add_user(bin_dir, conf_path, acct["org"], "customer"))
    page = cust.get(f"{base_url}/sites/{acct['site']}").text
    assert 'data-test="scan-now"' not in page and 'data-test="export-csv"' in page
    assert cust.get(f"{base_url}/api/sites/{acct['site']}/export").status_code == 200
    token = csrf(cust, base_url + "/sites")
    assert cust.post(f"{base_url}/sites/{acct['site']}/scan", data={"_csrf": token},
                     allow_redirects=False).status_code == 403
    assert cust.get(base_url + "/keys").status_code == 403
    member = login(base_url, *add_user(bin_dir, conf_path, acct["org"], "member"))
    assert 'data-test="scan-now"' in member.get(f"{base_url}/sites/{acct['site']}").text
    assert member.get(base_url + "/keys").status_code == 403
    assert member.get(base_url + "/sites/new").status_code == 403
    token = csrf(member, base_url + "/sites")
    r = member.post(f"{base_url}/sites/{acct['site']}/budgets", data={"_csrf": token,
                    "metric": "lcp", "operator": "max", "threshold": "1"}, allow_redirects=False)
    assert r.status_code == 403
