"""Write courses as a trainer: quiz settings, GIFT questions, answer keys, who runs them."""
