"""What curators learn from a running Docket: feedback on answers, the questions it refused,
and the report that turns both into work on the pack.

Nothing here is on the answering path: the router tells the ``Recorder`` of each answer, which
queues it, and a service writes the queue to the database off the event loop.
"""
