"""End-to-end tests for the best-practices and security checks.

`siteaudit audit --allow-private --json URL` runs against the fixture nginx
($SITEAUDIT_FIXTURES_URL, binaries in $SITEAUDIT_BIN_DIR). The security
checks are driven by the response headers tests/fixtures/nginx-locations.conf
sets per location (/sec/*.html); the best-practices checks by the pages in
tests/fixtures/bp/. The fixture server speaks plain http, so the HTTPS-only
checks (has-hsts, tls-certificate, tls-version, mixed-content) are not
applicable here and is-on-https / redirects-http always fail; the unit tests
(tests/unit/test_bp.c, test_sec.c) cover their other verdicts.
"""
import json
import os
import subprocess

import pytest

BP_FAILS = {
    # id: a selector / snippet / note fragment of an offending item
    "doctype": "no <!DOCTYPE html>",
    "charset": "No charset",
    "deprecations": "center",
    "no-vulnerable-libraries": "jQuery 1.8.3",
    "is-on-https": "/bp/bad.html",
    "redirects-http": "/bp/bad.html",
}
# judged on fetched sub-resources: reported once the engine fetches them
BP_RESOURCE_FAILS = {
    "errors-in-subresources": "HTTP 404",
    "image-aspect-ratio": "img#squashed",
}
SEC_FAILS = {
    "csp-xss": "'unsafe-inline'",
    "x-content-type-options": "nosniff",
    "clickjacking-mitigation": "ALLOW-FROM",
    "referrer-policy": "unsafe-url",
    "permissions-policy": "Permissions-Policy",
    "cookie-flags": "no HttpOnly; no SameSite",
    "external-links-noopener": "a#out",
    "subresource-integrity": "link#cdn-css",
    "version-disclosure": "X-Powered-By: PHP/8.2.7",
}
SEC_MISSING = ("csp-xss", "x-content-type-options", "clickjacking-mitigation",
               "referrer-policy", "permissions-policy", "version-disclosure")


def audit_json(bin_dir, url, *extra):
    env = {k: v for k, v in os.environ.items() if k != "SITEAUDIT_CONF"}
    env["NO_COLOR"] = "1"
    p = subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit",
                        "--allow-private", "--json", *extra, url],
                       env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def issue(doc, check_id, dimension):
    for it in doc["issues"]:
        if it["id"] == check_id and it["dimension"] == dimension:
            return it
    return None


def places(it):
    return [" ".join(filter(None, (e.get("selector"), e.get("snippet"),
                                   e.get("note"))))
            for e in it["examples"]]


def page(bin_dir, fixtures_url, path):
    return audit_json(bin_dir, fixtures_url.rstrip("/") + path)


@pytest.fixture(scope="module")
def bp_bad(bin_dir, fixtures_url):
    return page(bin_dir, fixtures_url, "/bp/bad.html")


@pytest.fixture(scope="module")
def bp_good(bin_dir, fixtures_url):
    return page(bin_dir, fixtures_url, "/bp/good.html")


@pytest.fixture(scope="module")
def sec_bad(bin_dir, fixtures_url):
    return page(bin_dir, fixtures_url, "/sec/bad.html")


@pytest.fixture(scope="module")
def sec_good(bin_dir, fixtures_url):
    return page(bin_dir, fixtures_url, "/sec/good.html")


@pytest.mark.parametrize("check_id", sorted(BP_FAILS))
def test_bp_bad_fails(bp_bad, bp_good, check_id):
    it = issue(bp_bad, check_id, "bestPractices")
    assert it is not None, [i["id"] for i in bp_bad["issues"]]
    assert any(BP_FAILS[check_id] in p for p in places(it)), places(it)
    if check_id not in ("is-on-https", "redirects-http"):
        assert issue(bp_good, check_id, "bestPractices") is None


@pytest.mark.parametrize("check_id", sorted(BP_RESOURCE_FAILS))
def test_bp_resource_checks(bp_bad, bp_good, check_id):
    it = issue(bp_bad, check_id, "bestPractices")
    if it is None:
        pytest.skip("this engine build does not fetch sub-resources yet")
    assert any(BP_RESOURCE_FAILS[check_id] in p for p in places(it))
    assert issue(bp_good, check_id, "bestPractices") is None


def test_bp_vulnerable_library_names_advisories(bp_bad):
    it = issue(bp_bad, "no-vulnerable-libraries", "bestPractices")
    notes = " ".join(e.get("note") or "" for e in it["examples"])
    assert "CVE-2020-11022" in notes and "CVE-2012-6708" in notes


def test_bp_late_charset(bin_dir, fixtures_url):
    doc = page(bin_dir, fixtures_url, "/bp/late-charset.html")
    it = issue(doc, "charset", "bestPractices")
    assert it is not None
    assert any("after the first 1024 bytes" in p for p in places(it))


def test_bp_scores(bp_bad, bp_good):
    assert bp_bad["scores"]["bestPractices"] < bp_good["scores"]["bestPractices"]
    assert bp_bad["scores"]["bestPractices"] <= 30
    # http only: is-on-https (5) and redirects-http (1) fail, the rest pass
    assert bp_good["scores"]["bestPractices"] >= 50


@pytest.mark.parametrize("check_id", sorted(SEC_FAILS))
def test_sec_bad_fails_good_passes(sec_bad, sec_good, check_id):
    it = issue(sec_bad, check_id, "security")
    assert it is not None, [i["id"] for i in sec_bad["issues"]]
    assert any(SEC_FAILS[check_id] in p for p in places(it)), places(it)
    assert issue(sec_good, check_id, "security") is None, sec_good["issues"]


def test_sec_version_disclosure_names_server(sec_bad):
    it = issue(sec_bad, "version-disclosure", "security")
    assert it["count"] == 2
    assert any(p.startswith("Server: nginx/") for p in places(it))


@pytest.mark.parametrize("check_id", SEC_MISSING)
def test_sec_missing_headers_fail(bin_dir, fixtures_url, check_id):
    doc = page(bin_dir, fixtures_url, "/sec/missing.html")
    assert issue(doc, check_id, "security") is not None


def test_sec_meta_policies_pass(bin_dir, fixtures_url):
    doc = page(bin_dir, fixtures_url, "/sec/csp-meta.html")
    ids = {i["id"] for i in doc["issues"] if i["dimension"] == "security"}
    assert "csp-xss" not in ids and "referrer-policy" not in ids
    assert "version-disclosure" not in ids
    assert "clickjacking-mitigation" in ids   # frame-ancestors needs a header


def test_sec_https_only_checks_not_applicable_on_http(sec_good):
    ids = {i["id"] for i in sec_good["issues"]}
    assert not ids & {"has-hsts", "tls-certificate", "tls-version",
                      "mixed-content"}


def test_sec_scores(sec_bad, sec_good):
    assert sec_good["scores"]["security"] == 100, sec_good["issues"]
    assert sec_bad["scores"]["security"] == 0
    for doc in (sec_good, sec_bad):
        assert {"bestPractices", "security"} <= set(doc["scores"])
        row = doc["pages"][0]
        assert isinstance(row["scores"]["bestPractices"], int)


def test_only_security(bin_dir, fixtures_url):
    doc = audit_json(bin_dir, fixtures_url.rstrip("/") + "/sec/bad.html",
                     "--only", "security")
    assert list(doc["scores"]) == ["security"]
    assert all(i["dimension"] == "security" for i in doc["issues"])
