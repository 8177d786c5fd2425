-- Security answers: one answer set judged at a time per flow. A submission
-- holds the flow until this time (unix ms) while its answers are hashed; a
-- crashed instance's hold simply runs out.
ALTER TABLE recovery_flows ADD COLUMN answer_hold_until BIGINT;
