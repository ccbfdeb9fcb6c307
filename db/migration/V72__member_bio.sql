-- A member's optional short bio, shown on their profile: plain text (never Markdown or HTML), cleaned by the one
-- text-hygiene rule and limited in code (crux.accounts.Bio.MAX); the column leaves room for any character's width.
ALTER TABLE member ADD COLUMN bio VARCHAR(2000);
