"""The browser editor of `make edit`: Decap CMS configured from vinhdanh's schema, behind a local server.

Nothing here is part of a built site: the editor exists only while `vinhdanh edit` runs.
"""
