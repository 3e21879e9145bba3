"""What the theme templates show that comes from data: the interface words, the crisis strip's
numbers and the search's crisis words, as plain text, lists and mappings.

They go under `config.extra.bd` (site-wide) and `page.meta.bd_*` (per page), the two places every
builder that reads mkdocs.yml hands to the templates: MkDocs gets them from the content hook,
Zensical from the pre-build step's config and front matter (beyond_detox/prebuild.py). Templates
fill in `{name}` slots with Jinja's `replace` filter, which both template engines have.
"""
from __future__ import annotations

from beyond_detox import i18n
from beyond_detox.resources import crisis_lines
from beyond_detox.resources.translate import spanish_option
from beyond_detox.search_words import SearchWords


def _phone(service, kind: str) -> dict:
    phone = service.phone(kind)
    return {"display": phone.display, "tel_uri": phone.tel_uri, "sms_uri": phone.sms_uri}


def site_values(lang: str, search_words: SearchWords) -> dict:
    """`config.extra.bd`: the same for every page of one language's build (i18n's language set)."""
    lifeline, emergency = crisis_lines()[:2]
    return {
        "ui": i18n.strings(lang),
        "lifeline": {"name": lifeline.name, "voice": _phone(lifeline, "voice"), "text": _phone(lifeline, "text")},
        "emergency": {"name": emergency.name, "voice": _phone(emergency, "voice")},
        "lifeline_spanish": spanish_option(),  # {spanish} in the interface words
        "search_crisis_words": list(search_words.crisis_words_for(lang)),
    }


def page_values(src_uri: str, url: str, lang: str, base_url: str, links, alternates: dict[str, str]) -> dict:
    """`page.meta.bd_*` for one page: the printed page's address and QR code (the short /go/ address
    where the English page has one; `links` None in a translation), its handout PDF, and the
    header's link to the same page in the other language when there is one."""
    from beyond_detox import translations
    from beyond_detox.handouts.pdf import handout_link
    from beyond_detox.handouts.qr import print_footer

    # The handout PDF sits beside the page in its own language's folder (es/handouts/...), so the
    # link is the same relative path in every language.
    values = {"bd_handout_pdf": handout_link(src_uri, url)}
    if lang == "en":
        values["bd_print"] = print_footer(links, src_uri, url, base_url)
    else:
        values["bd_print"] = print_footer(None, src_uri, url, base_url + f"{lang}/", i18n.t("qr_title"))
    other = alternates.get(src_uri)
    if other is not None:
        values["bd_alternate"] = translations.switch_link(src_uri, other, lang, i18n.strings(lang))
    return values
