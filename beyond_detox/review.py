"""The review record at the foot of every page: honest about what kind of review it had, and when."""
from __future__ import annotations

import datetime as dt

from beyond_detox.content_model import PageMeta, ReviewStatus

STATUS_TEXT = {
    ReviewStatus.draft: "Draft. This page has not been reviewed yet and may change.",
    ReviewStatus.editorial: (
        "Editorial review. Our editors checked this page against the sources listed. "
        "A clinician has not reviewed it yet."
    ),
}


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def review_footer(meta: PageMeta, reviewers: dict, policy_link: str) -> str:
    review = meta.review
    if review.status == ReviewStatus.clinical:
        person = reviewers[review.reviewer]
        status = f"Clinically reviewed by {person['name']}, {person['qualifications']}."
    else:
        status = STATUS_TEXT[review.status]
    return (
        '\n\n<div class="bd-review" markdown>\n\n'
        f"**Page last reviewed:** {long_date(review.reviewed_on)}<br>\n"
        f"**Next review due:** {long_date(review.next_review)}<br>\n"
        f"**Review status:** {status} [What this means]({policy_link}#how-pages-are-reviewed)\n\n"
        "</div>\n"
    )
