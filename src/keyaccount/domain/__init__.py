"""Domain values and entities: customers, tiers, calendars, tickets, visits, indicators.

Nothing here imports :mod:`keyaccount.policies`: a policy reads domain objects, a domain
object never knows which policy produced it.
"""
