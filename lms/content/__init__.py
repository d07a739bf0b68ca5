"""Load, validate, render and export course content without touching Flask.

The content layer turns the shipped curriculum folders into plain data
(:mod:`lms.content.course_format`), writes them back
(:mod:`lms.content.course_export`) and renders author Markdown to sanitized
HTML (:mod:`lms.content.markdown`).
"""
