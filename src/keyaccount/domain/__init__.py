"""The domain: one package per subdomain, each with its values, events, ports and services.

``calendar`` (business time), ``grading`` (tiers, figures, gradings, history, migration,
reviews), ``customers`` (the file, its lifecycle, coverage, access), ``tickets`` (tickets and
their escalation), ``visits`` (plans, records, compliance) and ``indicators`` (values,
records, adapters, the indicator families, appraisal); ``events`` holds the base every domain
event shares. Each subdomain owns the :class:`typing.Protocol` its services accept, and
nothing here imports :mod:`keyaccount.policies`: a policy reads domain objects, a domain
object never knows which policy produced it.
"""
