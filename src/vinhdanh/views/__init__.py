"""What the records show: derived relations, statistics and the pages rendered from templates (no MkDocs here)."""
