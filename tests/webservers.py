"""Debian's nginx and Apache httpd, run in the foreground on a loopback port with everything under one folder.

Each server gets a main configuration of its own (the part Debian's /etc/nginx/nginx.conf
or apache2.conf would give) that includes, unchanged, the file `vinhdanh deploy` wrote.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NGINX = Path("/usr/sbin/nginx")
APACHE = Path("/usr/sbin/apache2")
APACHE_MODULES = Path("/etc/apache2/mods-available")
# Debian's own .load and .conf files for the modules the generated virtual host needs.
APACHE_NEEDS = ("mpm_event", "authz_core", "mime", "dir", "filter", "deflate", "headers", "alias")


def require(server: Path, package: str) -> None:
    """Skip the calling test, with one clear line, where the server is not installed."""
    if not server.exists():
        pytest.skip(f"web server tests need Debian's {package} at {server} (apt-get install {package})")


def vinhdanh_output(*args: str) -> str:
    """Run `vinhdanh args…` in this process; return what it printed, asserting that it succeeded."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        from vinhdanh.cli import main

        assert main(list(args)) == 0
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nginx_main(folder: Path, site_conf: Path) -> Path:
    """Write an nginx.conf like Debian's (mime.types, gzip on) that includes site_conf; return it."""
    conf = folder / "nginx.conf"
    temp_paths = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in
                           ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would become nobody, who cannot read pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(f"""{user}daemon off;
worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    gzip on;
    access_log off;
{temp_paths}
    include {site_conf};
}}
""", encoding="utf-8")
    return conf


def nginx_test(conf: Path) -> subprocess.CompletedProcess[str]:
    """Run `nginx -t` on conf: does the configuration load?"""
    return subprocess.run([str(NGINX), "-t", "-p", str(conf.parent), "-c", str(conf)],
                          capture_output=True, text=True, check=False)


def apache_main(folder: Path, site_conf: Path, port: int) -> Path:
    """Write an apache2.conf with Debian's module files and a Listen line that includes site_conf; return it."""
    conf = folder / "apache2.conf"
    modules = "\n".join(f"Include {APACHE_MODULES / f'{name}.{kind}'}" for name in APACHE_NEEDS
                        for kind in ("load", "conf") if (APACHE_MODULES / f"{name}.{kind}").exists())
    conf.write_text(f"""ServerRoot {folder}
DefaultRuntimeDir {folder}
PidFile {folder / 'apache2.pid'}
ErrorLog {folder / 'error.log'}
LogLevel warn
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
{modules}
Include {site_conf}
""", encoding="utf-8")
    return conf


@contextmanager
def running(command: list[str], port: int, log: Path) -> Iterator[str]:
    """Run a server in the foreground until the block ends; yield its base URL once it accepts connections."""
    with open(log.with_suffix(".out"), "w", encoding="utf-8") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"{command[0]} did not start:\n{_tail(log.with_suffix('.out'))}{_tail(log)}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=15)


def _tail(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-3000:] if path.exists() else ""
