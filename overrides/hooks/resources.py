"""MkDocs hook for the resource directory (get-help pages, directory.json). Filled in by issue 4."""
