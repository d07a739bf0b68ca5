"""Quizzes: questions from GIFT, attempts kept on the server, grading and results."""
