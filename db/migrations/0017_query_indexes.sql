CREATE INDEX "call_eligible_municipalities_municipality_idx" ON "call_eligible_municipalities" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "applications_assigned_to_idx" ON "applications" USING btree ("assigned_to");--> statement-breakpoint
CREATE INDEX "decision_letters_grant_idx" ON "decision_letters" USING btree ("grant_id");