"""GET /api/sites/{siteId}/export: session cookie only, status codes, the
document's exact CSV header and JSON row shape, streaming row counts."""
import csv
import io
import json

import pytest

from test_ui_support import csrf, login, new_org_user, seed_scan

HEADER = ("Page URL,Page Path,Strategy,Performance,SEO,Accessibility,Best Practices,"
          "LCP (ms),CLS,INP (ms),FCP (ms),TTFB (ms),CrUX LCP,CrUX CLS,CrUX INP,"
          "Has CrUX Data,Top Opportunities")


@pytest.fixture(scope="module")
def acct(bin_dir, conf_path):
    return new_org_user(bin_dir, conf_path)


@pytest.fixture(scope="module")
def scans(state_dir, acct):
    old = seed_scan(state_dir, acct["org"], acct["site"], pages=4, health=60, days_ago=3)
    new = seed_scan(state_dir, acct["org"], acct["site"], pages=7, health=85)
    return old, new


@pytest.fixture(scope="module")
def sess(base_url, acct, scans):
    return login(base_url, acct["email"], acct["password"])


def export_url(base_url, site, query=""):
    return f"{base_url}/api/sites/{site}/export{query}"


def test_no_cookie_is_401_json(base_url, acct, scans, http):
    r = http.get(export_url(base_url, acct["site"]))
    assert r.status_code == 401
    assert r.json()["error"] == "unauthorized"


def test_bearer_key_is_refused_with_401(base_url, api_key, http):
    import os
    site = os.environ["SITEAUDIT_SITE_ID"]
    r = http.get(export_url(base_url, site), headers={"Authorization": f"Bearer {api_key}"})
    assert r.status_code == 401


def test_csv_default_exact_header_and_rows(base_url, acct, scans, sess):
    r = sess.get(export_url(base_url, acct["site"]))
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    run_new = scans[1][0]
    name = f"Site_{acct['site'] and acct['email'].split('-')[1].split('@')[0]}"
    assert r.headers["Content-Disposition"] == \
        f'attachment; filename="{name}-scan-{run_new.replace("-", "")[:8]}.csv"'
    lines = r.content.decode("utf-8").split("\r\n")
    assert lines[0] == HEADER
    assert lines[-1] == ""
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
    assert len(rows) == 1 + 7
    first = dict(zip(rows[0], rows[1]))
    assert first["Page URL"] == "http://127.0.0.1:9/p/1"
    assert first["Strategy"] == "mobile"
    assert first["CLS"] == "0.08"
    assert first["CrUX LCP"] == "2100" and first["Has CrUX Data"] == "yes"
    assert first["Top Opportunities"] == \
        'Eliminate render-blocking resources (520ms); Say "hi", twice'
    second = dict(zip(rows[0], rows[2]))
    assert second["CrUX LCP"] == "" and second["Has CrUX Data"] == "no"
    # RFC 4180: the field with a comma and quotes is quoted, quotes doubled
    assert lines[1].endswith(',"Eliminate render-blocking resources (520ms); Say ""hi"", twice"')


def test_json_rows_have_the_documented_shape(base_url, acct, scans, sess):
    r = sess.get(export_url(base_url, acct["site"], "?format=json"))
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.headers["Content-Disposition"].endswith('.json"')
    rows = r.json()
    assert isinstance(rows, list) and len(rows) == 7
    row = rows[0]
    for key in ("pageUrl", "pagePath", "strategy", "scores", "coreWebVitals", "crux",
                "opportunities", "thirdPartyScripts", "a11yIssues"):
        assert key in row
    assert set(row["scores"]) == {"performance", "seo", "accessibility", "bestPractices"}
    assert row["crux"]["hasCruxData"] is True


def test_scan_id_selects_an_older_scan(base_url, acct, scans, sess):
    old_run = scans[0][0]
    r = sess.get(export_url(base_url, acct["site"], f"?format=csv&scanId={old_run}"))
    assert r.status_code == 200
    assert old_run.replace("-", "")[:8] in r.headers["Content-Disposition"]
    assert len(r.content.decode().strip("\r\n").split("\r\n")) == 1 + 4


def test_unknown_or_malformed_scan_is_404(base_url, acct, scans, sess):
    for q in ("?scanId=00000000-0000-7000-8000-000000000000", "?scanId=nope"):
        assert sess.get(export_url(base_url, acct["site"], q)).status_code == 404


def test_bad_format_is_400(base_url, acct, scans, sess):
    assert sess.get(export_url(base_url, acct["site"], "?format=xml")).status_code == 400


def test_other_orgs_site_is_404(base_url, bin_dir, conf_path, state_dir, acct, scans):
    other = new_org_user(bin_dir, conf_path)
    seed_scan(state_dir, other["org"], other["site"], pages=2)
    s = login(base_url, acct["email"], acct["password"])
    r = s.get(export_url(base_url, other["site"]))
    assert r.status_code == 404
    assert r.json()["error"] == "not_found"


def test_site_without_completed_scan_is_404(base_url, bin_dir, conf_path):
    fresh = new_org_user(bin_dir, conf_path)
    s = login(base_url, fresh["email"], fresh["password"])
    r = s.get(export_url(base_url, fresh["site"]))
    assert r.status_code == 404


def test_site_page_links_to_both_exports(base_url, acct, scans, sess):
    page = sess.get(f"{base_url}/sites/{acct['site']}").text
    assert f'/api/sites/{acct["site"]}/export?format=csv' in page
    assert f'/api/sites/{acct["site"]}/export?format=json' in page
    assert csrf(sess, f"{base_url}/sites/{acct['site']}")
