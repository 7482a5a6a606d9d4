"""The MkDocs adapter: the vinhdanh plugin feeds the generated pages, the theme and search to MkDocs and Material."""
