"""Our own web UI, served the production way (the shipped nginx/siteaudit.conf
over https with its redirect and headers, in front of the stack's pool) and
audited by our own engine, scores 100 in security and best practices.

The production site listens on ports 80 and 443; here it is bound to a
random 127.x.y.z address so nothing else on the machine is disturbed, with a
throwaway CA whose certificate the audit trusts through `audit.ca_file`.
"""
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

from conftest import wait_until

PAGES = ["/login", "/"]


def make_ca_and_cert(tmp, ip):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "120",
        "-subj", "/CN=siteaudit test CA", "-keyout", f"{tmp}/ca.key",
        "-out", f"{tmp}/ca.pem",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={ip}",
        "-keyout", f"{tmp}/privkey.pem", "-out", f"{tmp}/server.csr")
    with open(f"{tmp}/ext.cnf", "w") as f:
        f.write(f"subjectAltName=IP:{ip}\nextendedKeyUsage=serverAuth\n")
    run("x509", "-req", "-in", f"{tmp}/server.csr", "-CA", f"{tmp}/ca.pem",
        "-CAkey", f"{tmp}/ca.key", "-CAcreateserial", "-days", "90",
        "-extfile", f"{tmp}/ext.cnf", "-out", f"{tmp}/fullchain.pem")


def render_site(root_dir, state_dir, tmp, ip):
    """The shipped site with only host paths and listen addresses replaced."""
    site = open(os.path.join(root_dir, "nginx", "siteaudit.conf")).read()
    swaps = {
        "listen [::]:80;": "",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen {ip}:80;",
        "listen 443 ssl http2;": f"listen {ip}:443 ssl http2;",
        "/etc/letsencrypt/live/audit.example.com": tmp,
        "/usr/local/share/siteaudit/nginx/fastcgi_params.conf":
            os.path.join(root_dir, "nginx", "fastcgi_params.conf"),
        "/usr/local/share/siteaudit/templates/": os.path.join(root_dir, "templates") + "/",
        "/var/lib/siteaudit/files/": os.path.join(state_dir, "files") + "/",
        "unix:/run/siteaudit/fcgi.sock": f"unix:{state_dir}/run/fcgi.sock",
        "/var/www/letsencrypt": tmp,
    }
    for old, new in swaps.items():
        assert old in site, f"nginx/siteaudit.conf no longer has {old!r}"
        site = site.replace(old, new)
    with open(f"{tmp}/site.conf", "w") as f:
        f.write(site)
    with open(f"{tmp}/nginx.conf", "w") as f:
        # workers as root like the stack's own nginx: the stack's state
        # folder (mktemp -d, mode 0700) holds the pool's socket
        f.write(f"user root;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
                "events {}\nhttp {\n  include /etc/nginx/mime.types;\n"
                f"  access_log {tmp}/access.log;\n"
                f"  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;\n"
                f"  fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi;\n"
                f"  scgi_temp_path {tmp}/scgi;\n  include {tmp}/site.conf;\n}}\n")


@pytest.fixture(scope="module")
def prod_site(root_dir, state_dir):
    if os.geteuid() != 0 or shutil.which("openssl") is None:
        pytest.fail("needs root (ports 80/443 on a private loopback address) and openssl")
    ip = f"127.{random.randint(64, 250)}.{random.randint(1, 250)}.{random.randint(2, 250)}"
    tmp = tempfile.mkdtemp(prefix="sa-prod-")
    make_ca_and_cert(tmp, ip)
    render_site(root_dir, state_dir, tmp, ip)
    proc = subprocess.Popen(["nginx", "-e", f"{tmp}/error.log", "-c", f"{tmp}/nginx.conf",
                             "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        wait_until(lambda: os.path.exists(f"{tmp}/nginx.pid"), timeout=10)
        yield ip, tmp
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def audit(bin_dir, tmp, url):
    conf = f"{tmp}/audit.conf"
    with open(conf, "w") as f:
        f.write(f"[audit]\nca_file = {tmp}/ca.pem\n")
    res = subprocess.run([os.path.join(bin_dir, "siteaudit"), "audit", url, "--json",
                          "--allow-private", "--only", "security,best-practices"],
                         env=dict(os.environ, SITEAUDIT_CONF=conf),
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    return json.loads(res.stdout)


def failing(report):
    out = []
    for issue in report.get("issues", []):
        out.append(f"{issue.get('id')}: {issue.get('title')}")
    return out


@pytest.mark.parametrize("path", PAGES)
def test_our_ui_scores_100_in_security_and_best_practices(prod_site, bin_dir, path):
    ip, tmp = prod_site
    # http:// so redirects-http is judged too (it must end on https://)
    report = audit(bin_dir, tmp, f"http://{ip}{path}")
    assert report["finalUrl"].startswith(f"https://{ip}/"), report["finalUrl"]
    scores = report["scores"]
    assert scores["security"] == 100, failing(report)
    assert scores["bestPractices"] == 100, failing(report)


def test_the_audit_would_notice_a_missing_header(prod_site, bin_dir, state_dir):
    """The same setup without the production site's HSTS header fails
    has-hsts: the 100 above is earned, not an artefact of the test."""
    ip, tmp = prod_site
    site = open(f"{tmp}/site.conf").read()
    stripped = site.replace('add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;', "")
    assert stripped != site
    with open(f"{tmp}/site.conf", "w") as f:
        f.write(stripped)
    pid = int(open(f"{tmp}/nginx.pid").read())
    os.kill(pid, signal.SIGHUP)
    try:
        wait_until(lambda: not has_hsts(ip, tmp), timeout=10)
        report = audit(bin_dir, tmp, f"http://{ip}/login")
        assert report["scores"]["security"] < 100
        assert any("has-hsts" in line for line in failing(report))
    finally:
        with open(f"{tmp}/site.conf", "w") as f:
            f.write(site)
        os.kill(pid, signal.SIGHUP)
        time.sleep(1.0)


def has_hsts(ip, tmp):
    """Whether https://ip/login answers with HSTS (curl trusting the test CA)."""
    res = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-D", "-", "--cacert",
                          f"{tmp}/ca.pem", f"https://{ip}/login"],
                         capture_output=True, text=True, timeout=10)
    return "strict-transport-security" in res.stdout.lower()
