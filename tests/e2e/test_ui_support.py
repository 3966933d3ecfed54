"""Helpers for the web UI end-to-end tests (test_ui_*.py): signing in,
form tokens, users in fresh orgs, and completed scans inserted with SQL
(the runner is not needed to have something to show or export).

This module holds no tests; the test_ui_* files import it.
"""
import json
import os
import re
import subprocess
import uuid

import requests

from conftest import mariadb

SCORE_COLS = ("performance", "seo", "accessibility", "best_practices")


def admin(bin_dir, conf, *args):
    """Runs `siteaudit admin …`; returns its last output line."""
    out = subprocess.run([os.path.join(bin_dir, "siteaudit"), "admin", *args],
                         env=dict(os.environ, SITEAUDIT_CONF=conf),
                         capture_output=True, text=True, timeout=60, check=True)
    return out.stdout.strip().splitlines()[-1]


def new_org_user(bin_dir, conf, role="owner", plan="pro"):
    """A fresh org with one user and one site: returns a dict with org,
    user, email, password and site."""
    tag = uuid.uuid4().hex[:10]
    org = admin(bin_dir, conf, "org", "create", "--name", f"UI test {tag}", "--plan", plan)
    email, password = f"ui-{tag}@example.test", f"pw-{tag}-Secret!"
    user = admin(bin_dir, conf, "user", "create", "--org", org, "--email", email,
                 "--role", role, "--password", password)
    site = admin(bin_dir, conf, "site", "create", "--org", org, "--name",
                 f"Site {tag}", "--url", "http://127.0.0.1:9/")
    return {"org": org, "user": user, "email": email, "password": password, "site": site}


def add_user(bin_dir, conf, org, role):
    """Another user of org with role; returns (email, password)."""
    tag = uuid.uuid4().hex[:10]
    email, password = f"ui-{role}-{tag}@example.test", f"pw-{tag}-Secret!"
    admin(bin_dir, conf, "user", "create", "--org", org, "--email", email,
          "--role", role, "--password", password)
    return email, password


def login_token(http, base_url):
    page = http.get(base_url + "/login")
    assert page.status_code == 200
    return re.search(r'name="_login" value="([^"]+)"', page.text).group(1)


def login(base_url, email, password):
    """A requests.Session signed in as email (asserts success)."""
    s = requests.Session()
    r = s.post(base_url + "/login", data={"_login": login_token(s, base_url),
               "email": email, "password": password}, allow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    return s


def csrf(http, url):
    """The _csrf token of the page at url."""
    page = http.get(url)
    assert page.status_code == 200, page.status_code
    return re.search(r'name="_csrf" value="([0-9a-f]{64})"', page.text).group(1)


def report_doc(site_name="Site"):
    """A small report document with issues that carry hostile snippets."""
    return {
        "url": "http://127.0.0.1:9/", "overall": 80,
        "summaries": {"performance": "Fast enough.", "seo": "Titles <b>missing</b>."},
        "issues": [
            {"id": "image-alt", "dimension": "accessibility", "severity": "critical",
             "title": "Images lack alt text", "description": "Add alt=\"…\".", "count": 3,
             "examples": [{"page": "/", "selector": "img.hero",
                           "snippet": "<img src=x onerror=alert(1)>"}]},
            {"id": "document-title", "dimension": "seo", "severity": "serious",
             "title": "Page has no <title>", "description": "d", "count": 1, "examples": []},
            {"id": "advice", "dimension": "seo", "severity": "info",
             "title": "Just advice", "description": "d", "count": 1, "examples": []},
        ],
        "pages": [],
    }


def seed_scan(state, org, site, pages=3, health=80, days_ago=0, opp=None):
    """Inserts a completed scan of site with `pages` page rows (page i:
    /p/i, alternating mobile / desktop). Returns (run_id, report_id)."""
    run, rep = str(uuid.uuid4()), str(uuid.uuid4())
    doc = json.dumps(report_doc()).replace("\\", "\\\\").replace("'", "\\'")
    opp = opp if opp is not None else 'Eliminate render-blocking resources (520ms); Say "hi", twice'
    opp_sql = opp.replace("\\", "\\\\").replace("'", "\\'")
    when = f"NOW(3) - INTERVAL {int(days_ago)} DAY"
    sql = f"""
INSERT INTO runs (id, org_id, site_id, url, kind, trigger_source, strategy, page_limit,
  status, created_at, finished_at)
  VALUES ('{run}', '{org}', '{site}', 'http://127.0.0.1:9/', 'scan', 'schedule', 'both', 25,
  'completed', {when}, {when});
INSERT INTO reports (id, run_id, org_id, site_id, health, performance, accessibility, seo,
  best_practices, security, lcp_ms, cls, inp_ms, fcp_ms, ttfb_ms, tbt_ms, report_json, created_at)
  VALUES ('{rep}', '{run}', '{org}', '{site}', {health}, {health - 10}, 91, 95, 100, 77,
  2300, 0.08, 180, 1200, 420, 150, '{doc}', {when});
INSERT INTO report_pages (report_id, org_id, page_url, page_path, strategy, performance, seo,
  accessibility, best_practices, lcp_ms, cls, inp_ms, fcp_ms, ttfb_ms, crux_lcp_ms, crux_cls,
  crux_inp_ms, has_crux, top_opportunities, page_json)
  SELECT '{rep}', '{org}', CONCAT('http://127.0.0.1:9/p/', seq), CONCAT('/p/', seq),
    IF(seq % 2 = 1, 'mobile', 'desktop'), 82, 95, 91, 100, 2300, 0.08, 180, 1200, 420,
    IF(seq % 2 = 1, 2100, NULL), IF(seq % 2 = 1, 0.05, NULL), IF(seq % 2 = 1, 150, NULL),
    seq % 2 = 1, '{opp_sql}',
    JSON_OBJECT('pageUrl', CONCAT('http://127.0.0.1:9/p/', seq), 'pagePath', CONCAT('/p/', seq),
      'strategy', IF(seq % 2 = 1, 'mobile', 'desktop'),
      'scores', JSON_OBJECT('performance', 82, 'seo', 95, 'accessibility', 91, 'bestPractices', 100),
      'coreWebVitals', JSON_OBJECT('lcp', 2300, 'cls', 0.08, 'inp', 180, 'fcp', 1200, 'ttfb', 420),
      'crux', JSON_OBJECT('lcp', 2100, 'cls', 0.05, 'inp', 150, 'hasCruxData',
        JSON_EXTRACT(IF(seq % 2 = 1, 'true', 'false'), '$')),
      'opportunities', JSON_ARRAY(JSON_OBJECT('title', 'Eliminate render-blocking resources', 'savingsMs', 520)),
      'thirdPartyScripts', JSON_ARRAY(), 'a11yIssues', JSON_ARRAY())
  FROM seq_1_to_{int(pages)};
"""
    mariadb(state, sql)
    return run, rep
