"""Putting a built site live: a whole build swapped in, web server configurations, the release script."""
