-- The Audit Log's filters (docs/product.md, "Audit Log"): by action, and by
-- an account as the actor or the target, each newest first within the
-- domain, so a filtered page or export reads only what it shows.
CREATE INDEX audit_events_domain_action_at ON audit_events (domain_id, action, at);
CREATE INDEX audit_events_domain_actor_at ON audit_events (domain_id, actor, at);
CREATE INDEX audit_events_domain_target_at ON audit_events (domain_id, target, at);
