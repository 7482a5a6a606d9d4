"""A web.config for IIS: the same headers, caching and refusals as the nginx and Apache configurations."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from .deploy import LONG_CACHE, NOT_FOUND_PAGE, PAGEFIND_EXTENSIONS, REVALIDATE, SitePolicy

# Types that an IIS server may not know (it refuses to serve a file of unknown type, with a 404).
_IIS_TYPES = {"json": "application/json", "map": "application/json", "svg": "image/svg+xml", "webp": "image/webp",
              "avif": "image/avif", "woff": "font/woff", "woff2": "font/woff2", "wasm": "application/wasm",
              "webmanifest": "application/manifest+json",
              **{ext: "application/octet-stream" for ext in PAGEFIND_EXTENSIONS}}


def iis(policy: SitePolicy) -> str:
    """Return a web.config for IIS, to save in the site's folder."""
    types = "\n".join(f'      <remove fileExtension=".{ext}" />\n'
                      f'      <mimeMap fileExtension=".{ext}" mimeType="{_IIS_TYPES[ext]}" />'
                      for ext in sorted(set(policy.extensions) & set(_IIS_TYPES) | set(PAGEFIND_EXTENSIONS)))
    headers = "\n".join(f"        <add name={quoteattr(name)} value={quoteattr(value)} />"
                        for name, value in {"Cache-Control": REVALIDATE, **policy.headers}.items())
    long_cache = "\n".join(f"""\
  <location path="{folder}">
    <system.webServer>
      <httpProtocol>
        <customHeaders>
          <remove name="Cache-Control" />
          <add name="Cache-Control" value="{LONG_CACHE}" />
        </customHeaders>
      </httpProtocol>
    </system.webServer>
  </location>""" for folder in IIS_FINGERPRINTED_FOLDERS)
    return f"""\
<?xml version="1.0" encoding="utf-8"?>
<!-- IIS configuration for the site, written by `vinhdanh deploy iis`. Save it as web.config
     in the site's folder, beside index.html, after every build. Needs the Static Content and
     Static Compression features. Custom error pages are locked by default; unlock them once:
     %windir%\\system32\\inetsrv\\appcmd.exe unlock config -section:system.webServer/httpErrors -->
<configuration>
  <system.webServer>
    <defaultDocument enabled="true">
      <files>
        <clear />
        <add value="index.html" />
      </files>
    </defaultDocument>
    <staticContent>
{types}
    </staticContent>
    <urlCompression doStaticCompression="true" doDynamicCompression="false" />
    <!-- Hidden files (.git/, .env; /.well-known/ too: IIS has no exception) and YAML files are never served. -->
    <security>
      <requestFiltering>
        <denyUrlSequences>
          <add sequence="/." />
        </denyUrlSequences>
        <fileExtensions>
          <add fileExtension=".yml" allowed="false" />
          <add fileExtension=".yaml" allowed="false" />
        </fileExtensions>
      </requestFiltering>
    </security>
    <httpErrors errorMode="Custom" existingResponse="Replace">
      <remove statusCode="404" />
      <error statusCode="404" path="{NOT_FOUND_PAGE}" responseMode="ExecuteURL" />
    </httpErrors>
    <httpProtocol>
      <customHeaders>
        <remove name="X-Powered-By" />
{headers}
      </customHeaders>
    </httpProtocol>
  </system.webServer>
  <!-- Files in these folders carry a hash of their content in their names: they never change. -->
{long_cache}
</configuration>
"""


IIS_FINGERPRINTED_FOLDERS = ("assets/javascripts", "assets/stylesheets", "pagefind/fragment", "pagefind/index",
                             "pagefind/filter")
"""IIS matches no regular expression without URL Rewrite: these folders hold only hashed names
(and Material's unused lunr/ scripts)."""
