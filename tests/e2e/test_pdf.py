"""PDF reports: GET /api/mcp/reports/{id}?format=pdf_url and the signed
/files/reports/{id}.pdf links nginx streams (issue 7, docs/pdf.md)."""
# SPDX-License-Identifier: MIT
import hashlib
import hmac
import os
import re
import subprocess
import time
import urllib.parse

import pytest

from conftest import mariadb, wait_until
from test_api_util import (assert_error, blackhole, call, insert_report,  # noqa: F401
                           other, sql_str, tenant)

DIMS = {"performance": 68, "accessibility": 91, "seo": 95,
        "bestPractices": 100, "security": 42}
LABELS = {"performance": "Performance", "accessibility": "Accessibility",
          "seo": "SEO", "bestPractices": "Best practices", "security": "Security"}
SITE_NAME = "Café Zoë · Пекарня · 東京ベーカリー"


def page_row(i, url):
    return {"pageUrl": f"{url}page-{i:03d}.html", "pagePath": f"/page-{i:03d}.html",
            "strategy": "mobile",
            "scores": {"performance": 60 + i % 40, "seo": 95, "accessibility": 91,
                       "bestPractices": 100},
            "coreWebVitals": {"lcp": 2000 + i, "cls": 0.02, "inp": None,
                              "fcp": 900, "ttfb": 120},
            "crux": {"lcp": 2600, "cls": 0.05, "inp": 210, "hasCruxData": i < 3},
            "opportunities": [{"id": "render-blocking-resources",
                               "title": "Eliminate render-blocking resources",
                               "savingsMs": 150, "savingsBytes": 0}],
            "metrics": {"fcp": 900, "lcp": 2000 + i, "tbt": 120, "ttfb": 120,
                        "cls": 0.02, "inp": None}}


def report_doc(url, npages=100):
    issues = [{"id": f"check-{d}", "dimension": d, "severity": "serious",
               "title": f"A {LABELS[d]} check", "description": "Why it matters.",
               "count": 3, "examples": [{"page": url, "selector": "main > img",
                                         "snippet": "<img src=x.png>"}]}
              for d in DIMS]
    return {"url": url, "strategy": "mobile", "overall": 74, "scores": dict(DIMS),
            "summaries": {d: f"{LABELS[d]} scored {v}/100." for d, v in DIMS.items()},
            "issues": issues, "pages": [page_row(i, url) for i in range(npages)],
            "generatedAt": "2026-11-23T10:00:00.000Z"}


def pdf_url(base_url, key, rep):
    return call(base_url, "GET", f"/api/mcp/reports/{rep}", key=key,
                params={"format": "pdf_url"})


def secret(conf_path):
    text = open(conf_path, encoding="utf-8").read()
    return re.search(r"^signing_secret = (\S+)$", text, re.M).group(1)


def signed(base_url, conf_path, rep, expires):
    path = f"/files/reports/{rep}.pdf"
    mac = hmac.new(secret(conf_path).encode(), f"GET\n{path}\n{expires}".encode(),
                   hashlib.sha256).hexdigest()
    return f"{base_url}{path}?expires={expires}&sig={mac}"


def pdftotext(data, tmp_path, layout=True):
    f = tmp_path / "r.pdf"
    f.write_bytes(data)
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(f), "-"]
    out = subprocess.run(args, capture_output=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.decode()


@pytest.fixture()
def report(state_dir, tenant):
    mariadb(state_dir, f"UPDATE sites SET name = {sql_str(SITE_NAME)} "
            f"WHERE id = {sql_str(tenant.site)}")
    _, rep = insert_report(state_dir, tenant, doc=report_doc(tenant.site_url))
    return rep


def test_pdf_url_downloads_the_report_through_nginx(base_url, http, tenant,
                                                     report, tmp_path):
    r = pdf_url(base_url, tenant.key, report)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"url", "expiresAt"}
    u = urllib.parse.urlsplit(body["url"])
    assert body["url"].startswith(base_url + f"/files/reports/{report}.pdf?")
    q = urllib.parse.parse_qs(u.query)
    assert re.fullmatch(r"[0-9a-f]{64}", q["sig"][0])
    assert abs(int(q["expires"][0]) - (time.time() + 300)) < 30
    assert body["expiresAt"] == time.strftime(
        "%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(int(q["expires"][0])))
    d = http.get(body["url"], timeout=30)
    assert d.status_code == 200
    assert d.headers["Content-Type"] == "application/pdf"
    assert d.content.startswith(b"%PDF-")
    text = pdftotext(d.content, tmp_path)
    assert SITE_NAME in text
    assert re.search(r"\b74\b", text) and "Overall health" in text
    for k, v in DIMS.items():
        assert re.search(rf"{LABELS[k]}\s+{v}\b", text), (k, text[:3000])


def test_pdf_has_every_section_and_page_row(base_url, http, tenant, report,
                                            tmp_path):
    d = http.get(pdf_url(base_url, tenant.key, report).json()["url"], timeout=30)
    text = pdftotext(d.content, tmp_path)
    for h in ("Metrics", "Opportunities", "Issues by dimension", "Pages",
              "Largest Contentful Paint", "Eliminate render-blocking resources"):
        assert h in text
    for i in range(100):
        assert f"/page-{i:03d}.html" in text
    pages = re.findall(r"Page (\d+) of (\d+)", text)
    assert pages and all(b == pages[0][1] for _, b in pages)
    assert [int(a) for a, _ in pages] == list(range(1, int(pages[0][1]) + 1))


def test_pdftoppm_renders_every_page(base_url, http, tenant, report, tmp_path):
    d = http.get(pdf_url(base_url, tenant.key, report).json()["url"], timeout=30)
    f = tmp_path / "r.pdf"
    f.write_bytes(d.content)
    out = subprocess.run(["pdftoppm", "-r", "40", "-png", str(f),
                          str(tmp_path / "p")], capture_output=True, timeout=120)
    assert out.returncode == 0, out.stderr
    info = subprocess.run(["pdfinfo", str(f)], capture_output=True, text=True)
    n = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    assert n >= 3 and len(list(tmp_path.glob("p-*.png"))) == n


def test_changed_signature_or_id_is_403(base_url, http, state_dir, tenant,
                                        report):
    url = pdf_url(base_url, tenant.key, report).json()["url"]
    sig = url[-64:]
    bad = url[:-64] + ("0" if sig[0] != "0" else "1") + sig[1:]
    assert_error(http.get(bad, timeout=30), 403, "bad_signature")
    assert_error(http.get(url.split("&sig=")[0], timeout=30), 403)
    assert_error(http.get(url.split("?")[0], timeout=30), 403)
    _, rep2 = insert_report(state_dir, tenant)
    assert pdf_url(base_url, tenant.key, rep2).status_code == 200
    assert_error(http.get(url.replace(report, rep2), timeout=30), 403)
    exp = re.search(r"expires=(\d+)", url).group(1)
    later = url.replace(f"expires={exp}", f"expires={int(exp) + 3600}")
    assert_error(http.get(later, timeout=30), 403)


def test_expired_link_is_410(base_url, http, conf_path, tenant, report):
    assert pdf_url(base_url, tenant.key, report).status_code == 200
    good = signed(base_url, conf_path, report, int(time.time()) + 60)
    assert http.get(good, timeout=30).status_code == 200   # the test signs right
    old = signed(base_url, conf_path, report, int(time.time()) - 5)
    assert_error(http.get(old, timeout=30), 410, "link_expired")


def test_files_location_is_internal(base_url, http, tenant, report):
    assert pdf_url(base_url, tenant.key, report).status_code == 200
    r = http.get(f"{base_url}/_files/reports/{report}.pdf", timeout=30)
    assert r.status_code != 200 and not r.content.startswith(b"%PDF")


def test_other_orgs_report_is_404(base_url, tenant, other, report):
    assert_error(pdf_url(base_url, other.key, report), 404)
    assert_error(pdf_url(base_url, tenant.key, "0" * 8 + report[8:]), 404)


def test_runner_renders_the_pdf_on_completion(base_url, state_dir, api_key,
                                              fixtures_url):
    r = call(base_url, "POST", "/api/mcp/start-audit", key=api_key,
             body={"url": f"{fixtures_url}/sample-site/index.html"})
    assert r.status_code in (200, 201, 202), r.text
    run = r.json()["runId"]

    def done():
        b = call(base_url, "GET", f"/api/mcp/runs/{run}", key=api_key).json()
        return b if b["status"] in ("completed", "failed") else None
    b = wait_until(done, 60, 0.5)
    assert b and b["status"] == "completed", b
    path = os.path.join(state_dir, "files", "reports", f"{b['reportId']}.pdf")
    # rendered right after the report's transaction commits, so shortly after
    # the run reads "completed"
    assert wait_until(lambda: os.path.exists(path), 15), "the runner wrote no PDF"
    with open(path, "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert not [n for n in os.listdir(os.path.dirname(path)) if ".tmp." in n]


def test_cli_audit_writes_the_pdf(bin_dir, fixtures_url, tmp_path):
    out = tmp_path / "cli.pdf"
    url = f"{fixtures_url}/sample-site/index.html"
    r = subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit", url,
                        "--allow-private", "--json", "--pdf", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert not [p for p in tmp_path.iterdir() if ".tmp." in p.name]
    text = pdftotext(out.read_bytes(), tmp_path)
    assert url in text and "Overall health" in text
    bad = subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit", url,
                          "--allow-private", "--pdf", str(tmp_path / "no" / "x.pdf")],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "PDF" in bad.stderr
