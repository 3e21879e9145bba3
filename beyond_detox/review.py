"""The review record at the foot of every page: honest about what kind of review it had, and when.
Words in the page's language (data/ui/<lang>.yml); a translation also says it has not been
reviewed by a clinician who speaks that language until one is recorded."""
from __future__ import annotations

import datetime as dt

from beyond_detox.content_model import PageMeta, ReviewStatus
from beyond_detox.i18n import long_date as _long_date, t


def long_date(day: dt.date) -> str:
    return _long_date(day)


def review_footer(meta: PageMeta, reviewers: dict, policy_link: str, translation_note: str = "") -> str:
    review = meta.review
    if review.status == ReviewStatus.clinical:
        person = reviewers[review.reviewer]
        status = t("review_clinical", name=person["name"], qualifications=person["qualifications"])
    else:
        status = t(f"review_{review.status.value}")
    note = f"<br>\n{translation_note}" if translation_note else ""
    return (
        '\n\n<div class="bd-review" markdown>\n\n'
        f"**{t('review_last')}** {long_date(review.reviewed_on)}<br>\n"
        f"**{t('review_next')}** {long_date(review.next_review)}<br>\n"
        f"**{t('review_status')}** {status} [{t('review_what')}]({policy_link}#how-pages-are-reviewed){note}\n\n"
        "</div>\n"
    )
