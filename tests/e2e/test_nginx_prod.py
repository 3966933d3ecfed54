"""The shipped production nginx site passes `nginx -t` with the installed paths
(a throwaway certificate and a wrapper http{} block stand in for the host)."""
import os
import shutil
import subprocess
import tempfile

import pytest


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl missing")
def test_production_site_config_passes_nginx_t(root_dir):
    tmp = tempfile.mkdtemp(prefix="sa-nginx-")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-days", "2", "-subj", "/CN=audit.example.com",
                    "-keyout", f"{tmp}/privkey.pem", "-out", f"{tmp}/fullchain.pem"],
                   check=True, capture_output=True, timeout=60)
    site = open(os.path.join(root_dir, "nginx", "siteaudit.conf")).read()
    site = site.replace("/etc/letsencrypt/live/audit.example.com", tmp)
    site = site.replace("/usr/local/share/siteaudit/nginx/fastcgi_params.conf",
                        os.path.join(root_dir, "nginx", "fastcgi_params.conf"))
    with open(f"{tmp}/site.conf", "w") as f:
        f.write(site)
    with open(f"{tmp}/nginx.conf", "w") as f:
        f.write(f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
                "events {}\nhttp {\n"
                f"  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;\n"
                f"  fastcgi_temp_path {tmp}/fcgi; uwsgi_temp_path {tmp}/uwsgi;\n"
                f"  scgi_temp_path {tmp}/scgi;\n  include {tmp}/site.conf;\n}}\n")
    res = subprocess.run(["nginx", "-t", "-e", f"{tmp}/error.log", "-c", f"{tmp}/nginx.conf"],
                         capture_output=True, text=True, timeout=30)
    assert res.returncode == 0, res.stderr
    assert "syntax is ok" in res.stderr
