"""Learning: the catalogue, enrolment, reading modules and the learner's dashboard."""
