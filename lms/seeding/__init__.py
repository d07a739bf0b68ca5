"""Fill an empty academy with a synthetic NAPP network, for demonstrations and benchmarks.

``network.seed_network`` is the one way in: ``flask lms seed-demo`` and the HTTP
benchmark both call it. The other modules are its parts: where SPOs are and what they
grow (``places``), who their people are (``people``), the courses and the answers a
learner can give (``catalogue``, ``answers``), one learner's history (``history``) and
the bulk writer (``writer``).
"""
