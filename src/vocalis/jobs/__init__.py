"""Durable jobs: long syntheses that survive crashes and restarts.

A job is a database row. A worker claims it (a token in the row), renders its text chunk by chunk,
saves each segment's raw audio to a part file and records the segment in the database in one step
with a check that it still holds the claim, and heartbeats while it works. A worker that dies leaves
a stale heartbeat; another (or the restarted server) takes the job over and carries on after the last
recorded segment. Only when every chunk is done is the final file encoded from the parts and moved
into place, and the history row written, in one transaction with the job's success.

Workers run as threads inside the server (embedded, the default) or as `vocalis worker` processes fed
by Celery over Redis; either way the database row is the truth and messages only say "look at job X".
"""
