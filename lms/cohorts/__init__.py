"""Cohorts: training events that gather learners of many SPOs around some courses."""
