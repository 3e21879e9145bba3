"""Browser-test helpers live in tests/conftest.py (shared with the search, offline and security tests)."""
