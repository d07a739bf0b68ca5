"""Teaching: following and marking the learners of the courses a trainer runs."""
