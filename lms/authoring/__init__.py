"""Run courses as a trainer: quiz settings, questions from GIFT, attempts and essay marking."""
