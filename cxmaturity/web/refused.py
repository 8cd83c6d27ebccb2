"""A request the workshop turns down, with a message in the reader's language."""

from __future__ import annotations

from cxmaturity.core.errors import CxMaturityError
from cxmaturity.words.language import Language, language


class Refused(CxMaturityError):
    """A request the workshop turns down, with a message for the person.

    ``message`` is a marked catalogue message with ``{field}`` places; it is shown in the
    reader's language, the fields filled in after translation.
    """

    def __init__(self, status: int, message: str, **fields: object) -> None:
        self.status = status
        self.template = message
        self.fields = fields
        self.message = self.text(language())
        super().__init__(self.message)

    def text(self, lang: Language) -> str:
        # Whole numbers in the reader's style: 5,000 in English, 5.000 in German.
        shown = {
            key: lang.decimal(value, 0) if isinstance(value, int) else value
            for key, value in self.fields.items()
        }
        return lang.gettext(self.template).format(**shown)
