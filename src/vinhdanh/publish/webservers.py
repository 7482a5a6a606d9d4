"""Configuration for nginx and Apache httpd (IIS: iis.py), and the script that switches releases.

All four are written from one SitePolicy and the constants of deploy.py, so the three
servers send the same headers; tests load the nginx and Apache outputs into the real
servers and browse through them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..records.problems import Problem
from .deploy import (
    COMPRESSED_TYPES,
    FINGERPRINTED,
    HIDDEN,
    LONG_CACHE,
    NOT_FOUND_PAGE,
    PAGEFIND_EXTENSIONS,
    RECORDS,
    REVALIDATE,
    DeployError,
    SitePolicy,
    site_policy,
)
from .iis import iis

SERVERS = ("nginx", "apache", "iis", "script")


@dataclass(frozen=True)
class ServerOptions:
    """Where and how the site is served."""

    www_dir: str = "/var/www/vinhdanh"
    """Holds `releases/` and the `current` link to the live one; the server's root is `current`."""
    server_name: str = "vinhdanh.intranet"
    listen: str = "80"
    """A port, or an address and port such as 127.0.0.1:8080."""
    keep: int = 5
    """Releases kept on the server (the live one included), for going back."""

    @property
    def root(self) -> str:
        return f"{self.www_dir}/current"


_LISTEN = re.compile(r"^((\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|\*):)?(\d{1,5})$")
_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")
_PATH = re.compile(r"^/[A-Za-z0-9._/-]*[A-Za-z0-9._-]$")


def option_problems(options: ServerOptions) -> list[Problem]:
    """Return a problem for each option that cannot go into a configuration file."""
    problems = []
    match = _LISTEN.match(options.listen)
    if not match or not 0 < int(match[4]) < 65536:
        problems.append(Problem("--listen", 0, "", f"expected a port like 80 or an address and port like "
                                                   f"127.0.0.1:8080, got {options.listen!r}"))
    if not _NAME.match(options.server_name):
        problems.append(Problem("--server-name", 0, "", f"expected a host name like vinhdanh.intranet, "
                                                        f"got {options.server_name!r}"))
    if not _PATH.match(options.www_dir) or "/../" in f"{options.www_dir}/":
        problems.append(Problem("--www-dir", 0, "", "expected an absolute path of letters, digits and . _ - / "
                                                    f"like /var/www/vinhdanh, got {options.www_dir!r}"))
    if options.keep < 2:
        problems.append(Problem("--keep", 0, "", f"keep at least 2 releases (the live one and one to go back "
                                                 f"to), got {options.keep}"))
    return problems


def configuration(server: str, site: Path, options: ServerOptions, shown_as: str | None = None) -> str:
    """Return the configuration for server ('nginx', 'apache', 'iis') or the release script ('script').

    Raises DeployError for options that cannot be written, or a site that the policy would break.
    """
    problems = option_problems(options)
    policy = None
    if server != "script":
        try:
            policy = site_policy(site, shown_as)
        except DeployError as err:
            problems += err.problems
    if problems:
        raise DeployError(problems)
    if policy is None:
        return release_script(options)
    if server == "iis":
        return iis(policy)
    return nginx(policy, options) if server == "nginx" else apache(policy, options)


def nginx(policy: SitePolicy, options: ServerOptions) -> str:
    """Return an nginx server block (for /etc/nginx/sites-available/)."""
    headers = "\n".join(f'    add_header {name} "{value}" always;' for name, value in policy.headers.items())
    return f"""\
# nginx configuration for the site, written by `vinhdanh deploy nginx`.
# Debian: save as /etc/nginx/sites-available/vinhdanh, link it into sites-enabled/,
# then `nginx -t && systemctl reload nginx`. Write it again after upgrading vinhdanh or Material.
server {{
    listen {options.listen};
    server_name {options.server_name};
    root {options.root};  # a link to the live release: see publish-site.sh
    index index.html;
    charset utf-8;
    charset_types {" ".join(COMPRESSED_TYPES)};
    error_page 404 {NOT_FOUND_PAGE};
    server_tokens off;
    absolute_redirect off;

    gzip on;
    gzip_vary on;
    gzip_comp_level 5;
    gzip_min_length 256;
    gzip_types {" ".join(COMPRESSED_TYPES)};

    # On every response, errors included. An add_header inside a location would drop
    # all of these there: set $vinhdanh_cache instead.
    set $vinhdanh_cache "{REVALIDATE}";
    add_header Cache-Control $vinhdanh_cache always;
{headers}

    location / {{
        try_files $uri $uri/ =404;
    }}
    # Hidden files (.git/, .env) and YAML files are never served, whatever the folder holds.
    location ~ "{HIDDEN}" {{
        return 404;
    }}
    location ~* "{RECORDS}" {{
        return 404;
    }}
    # Names that carry a hash of their content never change.
    location ~ "{FINGERPRINTED}" {{
        set $vinhdanh_cache "{LONG_CACHE}";
    }}
}}
"""


def apache(policy: SitePolicy, options: ServerOptions) -> str:
    """Return an Apache httpd virtual host (for /etc/apache2/sites-available/)."""
    headers = "\n".join(f'    Header always set {name} "{value}"' for name, value in policy.headers.items())
    address = options.listen if ":" in options.listen else f"*:{options.listen}"
    return f"""\
# Apache httpd configuration for the site, written by `vinhdanh deploy apache`.
# Debian: save as /etc/apache2/sites-available/vinhdanh.conf, then `a2enmod headers`,
# `a2ensite vinhdanh`, `apachectl configtest && systemctl reload apache2`.
# Needs mod_headers, mod_deflate, mod_filter, mod_mime, mod_dir and mod_alias. Write it again
# after upgrading vinhdanh or Material.
<VirtualHost {address}>
    ServerName {options.server_name}
    DocumentRoot {options.root}
    <Directory {options.root}>
        Options FollowSymLinks
        AllowOverride None
        Require all granted
    </Directory>
    DirectoryIndex index.html
    ErrorDocument 404 {NOT_FOUND_PAGE}
    AddDefaultCharset utf-8
    AddCharset utf-8 .css .js .json .xml .svg
    # Pagefind's index files are compressed already.
    AddType application/octet-stream {" ".join("." + ext for ext in PAGEFIND_EXTENSIONS)}
    AddOutputFilterByType DEFLATE text/html {" ".join(COMPRESSED_TYPES)}
    # The 404 page too, which the rule by type misses.
    AddOutputFilter DEFLATE .html

    # Hidden files (.git/, .env) and YAML files are never served, whatever the folder holds.
    RedirectMatch 404 "{HIDDEN}"
    RedirectMatch 404 "(?i){RECORDS}"

    # On every response, errors included.
    Header always set Cache-Control "{REVALIDATE}"
{headers}
    # Names that carry a hash of their content never change.
    <LocationMatch "{FINGERPRINTED}">
        Header always set Cache-Control "{LONG_CACHE}"
    </LocationMatch>
</VirtualHost>
"""


def release_script(options: ServerOptions) -> str:
    """Return a POSIX shell script that publishes a site folder as a new release, switched in one rename."""
    return f"""\
#!/bin/sh
# publish-site.sh, written by `vinhdanh deploy script`: run it on the web server,
#   sh publish-site.sh FOLDER      (FOLDER: the built site, copied or rsync'ed to the server)
# It copies FOLDER into {options.www_dir}/releases/, then points {options.root}
# (the server's root) at it in one rename: a visitor gets the old site or the new one,
# never a half-copied one. Run it as the owner of {options.www_dir}, one at a time.
set -eu
www={options.www_dir}
keep={options.keep}
site=${{1:?usage: sh publish-site.sh FOLDER}}
if [ ! -f "$site/index.html" ] || [ ! -f "$site/404.html" ]; then
    echo "$site: not a built site (index.html or 404.html is missing)" >&2
    exit 1
fi
mkdir -p "$www/releases"
rm -rf "$www"/releases/*.partial  # left by an interrupted copy
name=$(date +%Y%m%d-%H%M%S-%N)
cp -R -p "$site/." "$www/releases/$name.partial"
# Pages opened before the switch still ask for the previous release's scripts and styles,
# whose names carry a hash: keep them (code only; no page or index is carried over).
if [ -d "$www/current/assets" ]; then
    (cd "$www/current" && find assets -type f \\( -name '*.????????.min.js' -o -name '*.????????.min.css' \\)) |
    while IFS= read -r file; do
        if [ ! -e "$www/releases/$name.partial/$file" ]; then
            mkdir -p "$(dirname "$www/releases/$name.partial/$file")"
            cp -p "$www/current/$file" "$www/releases/$name.partial/$file"
        fi
    done
fi
mv "$www/releases/$name.partial" "$www/releases/$name"
ln -sfn "releases/$name" "$www/current.next"
mv -T "$www/current.next" "$www/current"  # rename(2): the switch is atomic
echo "Published $www/releases/$name"
# Keep the newest $keep releases. To go back to one:
#   cd $www && ln -sfn releases/NAME current.next && mv -T current.next current
ls -1d "$www"/releases/*/ | sort | head -n "-$keep" | while IFS= read -r old; do rm -rf "$old"; done
"""
