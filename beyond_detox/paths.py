"""Where things live in the repository."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
INCLUDES = ROOT / "includes"  # shared blocks placed with [[include:NAME]]
DATA = ROOT / "data"
RESOURCES = DATA / "resources"
BIBLIOGRAPHY = DATA / "references.json"
GLOSSARY = DATA / "glossary.yml"
REVIEWERS = DATA / "reviewers.yml"
STIGMA_WORDS = DATA / "stigma-words.yml"
SCHEMAS = DATA / "schemas"
