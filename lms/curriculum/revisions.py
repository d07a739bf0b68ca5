"""Make a module's new texts the published ones, keeping each change as a revision.

One path for both ways a module changes: a course folder imported (``source="import"``)
and a draft published in the browser (``source="browser"``). Never commits.
"""

from ..content.markdown import render_markdown
from ..database import assign_changed
from ..extensions import db
from ..models import Module, ModuleRevision, ModuleText


def changed_languages(module: Module, texts: dict[str, tuple[str, str]]) -> list[str]:
    """Return the languages of ``texts`` whose (title, Markdown) differ from the published."""
    published = {text.language: (text.title, text.body_markdown) for text in module.texts}
    return [language for language, text in texts.items() if published.get(language) != text]


def revise_module(
    module: Module,
    texts: dict[str, tuple[str, str]],
    minutes: int,
    author=None,
    source: str = "import",
    note: str = "",
) -> bool:
    """Publish ``texts`` (language → title, Markdown) and ``minutes`` as ``module``'s next revision.

    Only the languages that changed get a revision row, all of them when only the
    minutes changed. Return False, changing nothing, when nothing did.
    """
    minutes_changed = assign_changed(module, minutes=minutes)
    revised = changed_languages(module, texts)
    if not revised and not minutes_changed:
        return False
    module.revision += 1
    rows = {text.language: text for text in module.texts}
    for language in revised or list(texts):
        title, body = texts[language]
        _save_text(module, rows.get(language), language, title, body)
        db.session.add(
            ModuleRevision(
                module=module,
                revision=module.revision,
                language=language,
                title=title,
                body_markdown=body,
                minutes=minutes,
                source=source,
                note=note,
                author_id=getattr(author, "id", None),
            )
        )
    return True


def _save_text(module: Module, row: ModuleText | None, language: str, title: str, body: str):
    """Store one language's published title and Markdown, rendered by the one sanitizer."""
    html = render_markdown(body)
    if row is None:
        module.texts.append(
            ModuleText(language=language, title=title, body_markdown=body, body_html=html)
        )
    else:
        assign_changed(row, title=title, body_markdown=body, body_html=html)
