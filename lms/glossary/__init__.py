"""The glossary area: the curriculum's terms in English and Chinese, on one public page."""
