"""Beyond Detox: the logic behind the site, as plain, tested Python.

MkDocs hooks in overrides/hooks/ and command-line tools in scripts/ are thin layers over these
modules, so that the same code can serve another site generator (Zensical) later.
"""
