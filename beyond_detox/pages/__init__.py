"""Page rendering: one page's Markdown, from its source to what a builder converts.

- render: the content checks and the steps in order (the entry point the hooks and the pre-build call)
- shortcodes, includes, urgent, glossary, citations, bibliography, program_questions: one step each
- template_data: what the theme's templates show that comes from data (config.extra.bd, page.meta.bd_*)
"""
