"""End-to-end tests for `siteaudit audit` against the fixture server.

The test nginx serves tests/fixtures/ at $SITEAUDIT_FIXTURES_URL (a loopback
address, so every audit needs --allow-private); the binaries are in
$SITEAUDIT_BIN_DIR. The CLI runs without $SITEAUDIT_CONF so the built-in
defaults apply (a test config might allow private targets).
"""
import json
import os
import subprocess

import pytest

EXIT_USAGE = 2
EXIT_BADURL = 4
EXIT_REFUSED = 5
EXIT_HTTP = 8
# the bad / good pages are accessibility + SEO fixtures (best practices and
# security have their own in test_bp_sec_cli.py)
A11Y_SEO = ("--only", "accessibility,seo")

BAD_FAILS = {
    # id: (dimension, a selector or snippet fragment of an offending element)
    "image-alt": ("accessibility", "img#hero"),
    "html-has-lang": ("accessibility", "html"),
    "document-title": ("seo", "head"),
    "meta-description": ("seo", "head"),
    "label": ("accessibility", "input#q"),
    "link-text": ("seo", "a:nth-of-type(1)"),
    "color-contrast": ("accessibility", "p#faint"),
}


def audit(bin_dir, *args, timeout=60):
    env = {k: v for k, v in os.environ.items() if k != "SITEAUDIT_CONF"}
    env["NO_COLOR"] = "1"
    return subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit", *args],
                          env=env, capture_output=True, text=True,
                          timeout=timeout)


def audit_json(bin_dir, url, *extra):
    p = audit(bin_dir, "--allow-private", "--json", *extra, url)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def issue(doc, check_id, dimension=None):
    for it in doc["issues"]:
        if it["id"] == check_id and dimension in (None, it["dimension"]):
            return it
    return None


@pytest.fixture(scope="module")
def bad(bin_dir, fixtures_url):
    return audit_json(bin_dir, fixtures_url.rstrip("/") + "/seo/bad.html",
                      *A11Y_SEO)


@pytest.fixture(scope="module")
def good(bin_dir, fixtures_url):
    return audit_json(bin_dir, fixtures_url.rstrip("/") + "/seo/good.html",
                      *A11Y_SEO)


@pytest.mark.parametrize("check_id", sorted(BAD_FAILS))
def test_bad_page_reports_failing_check(bad, check_id):
    dimension, where = BAD_FAILS[check_id]
    it = issue(bad, check_id, dimension)
    assert it is not None, f"{check_id} not reported: {[i['id'] for i in bad['issues']]}"
    assert it["count"] >= 1
    assert it["severity"] in ("critical", "serious", "moderate", "minor")
    places = [(e.get("selector") or "") + " " + (e.get("snippet") or "")
              for e in it["examples"]]
    assert any(where in p for p in places), places
    for e in it["examples"]:
        assert e["page"].endswith("/seo/bad.html")
        assert e["snippet"] is None or len(e["snippet"].encode()) <= 200


def test_bad_page_link_text_names_both_links(bad):
    it = issue(bad, "link-text")
    assert it["count"] == 2
    assert [e["snippet"] for e in it["examples"]] == [
        '<a href="/seo/good.html">', '<a href="/seo/good.html">']


def test_bad_page_scores_low(bad):
    assert bad["scores"]["seo"] < 70
    assert bad["scores"]["accessibility"] < 90
    assert set(bad["scores"]) == {"accessibility", "seo"}
    for absent in ("performance", "bestPractices", "security"):
        assert absent not in bad["scores"]
    row = bad["pages"][0]
    assert row["pagePath"] == "/seo/bad.html"
    assert row["strategy"] == "mobile"
    assert row["scores"]["performance"] is None
    assert row["crux"]["hasCruxData"] is False
    assert isinstance(row["coreWebVitals"]["ttfb"], int)
    assert {"image-alt", "label"} <= {a["id"] for a in row["a11yIssues"]}


def test_good_page_scores_high(good):
    assert good["scores"]["accessibility"] >= 95, good["issues"]
    assert good["scores"]["seo"] >= 95, good["issues"]
    assert good["overall"] >= 95
    assert not [i for i in good["issues"] if i["severity"] != "info"]


def test_same_input_same_json(bin_dir, fixtures_url, bad):
    again = audit_json(bin_dir, fixtures_url.rstrip("/") + "/seo/bad.html",
                       *A11Y_SEO)
    for doc in (again, bad):
        doc.pop("generatedAt")
        for row in doc["pages"]:
            row["coreWebVitals"]["ttfb"] = None
    assert again == bad


def test_only_seo(bin_dir, fixtures_url):
    doc = audit_json(bin_dir, fixtures_url.rstrip("/") + "/seo/bad.html",
                     "--only", "seo", "--strategy", "desktop")
    assert list(doc["scores"]) == ["seo"]
    assert doc["strategy"] == "desktop"
    assert all(i["dimension"] == "seo" for i in doc["issues"])


@pytest.mark.parametrize("name", [
    "document-title", "meta-description", "is-crawlable", "link-text",
    "crawlable-anchors", "hreflang", "image-alt", "structured-data",
    "viewport"])
def test_fixture_pairs(bin_dir, fixtures_url, name):
    base = fixtures_url.rstrip("/") + "/seo/"
    failing = audit_json(bin_dir, base + name + "-fail.html", "--only", "seo")
    passing = audit_json(bin_dir, base + name + "-pass.html", "--only", "seo")
    assert issue(failing, name, "seo") is not None
    assert issue(passing, name, "seo") is None
    assert passing["scores"]["seo"] == 100


def test_text_output(bin_dir, fixtures_url):
    p = audit(bin_dir, "--allow-private",
              fixtures_url.rstrip("/") + "/seo/bad.html")
    assert p.returncode == 0, p.stderr
    assert "\033[" not in p.stdout          # not a tty: no colour
    assert "link-text" in p.stdout
    assert "SEO" in p.stdout


def test_private_address_refused(bin_dir, fixtures_url):
    p = audit(bin_dir, "--json", fixtures_url.rstrip("/") + "/seo/bad.html")
    assert p.returncode == EXIT_REFUSED
    assert p.stdout == ""
    assert p.stderr.startswith("siteaudit audit: refused")
    assert len(p.stderr.strip().splitlines()) == 1


def test_http_error_exit_code(bin_dir, fixtures_url):
    p = audit(bin_dir, "--allow-private", "--json",
              fixtures_url.rstrip("/") + "/seo/no-such-page.html")
    assert p.returncode == EXIT_HTTP
    assert "404" in p.stderr
    doc = json.loads(p.stdout)
    assert issue(doc, "http-status-code", "seo") is not None


def test_malformed_url(bin_dir):
    p = audit(bin_dir, "--allow-private", "ftp://example.com/")
    assert p.returncode == EXIT_BADURL
    p = audit(bin_dir, "--allow-private", "http://")
    assert p.returncode == EXIT_BADURL


@pytest.mark.parametrize("args", [
    [], ["--strategy", "tablet", "http://example.com/"],
    ["--only", "speed", "http://example.com/"], ["--bogus", "http://x/"],
    ["http://a/", "http://b/"]])
def test_usage_errors(bin_dir, args):
    p = audit(bin_dir, *args)
    assert p.returncode == EXIT_USAGE
    assert p.stderr.startswith("siteaudit audit: ")


def test_x_robots_tag_header_blocks_indexing(bin_dir, fixtures_url):
    """The fixture nginx sends X-Robots-Tag: noindex for this (otherwise clean)
    page, so is-crawlable fails on the header alone."""
    doc = audit_json(bin_dir, fixtures_url.rstrip("/") + "/seo/x-robots-tag-fail.html")
    it = issue(doc, "is-crawlable", "seo")
    assert it is not None, [i["id"] for i in doc["issues"]]
    clean = audit_json(bin_dir, fixtures_url.rstrip("/") + "/seo/good.html")
    assert issue(clean, "is-crawlable") is None
