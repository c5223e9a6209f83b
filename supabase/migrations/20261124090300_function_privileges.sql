-- Functions are executable by PUBLIC by default, and a schema-level default cannot take that
-- away. Normalise explicitly: nothing for anon; policy helpers and join_organisation for
-- signed-in users; trigger and bookkeeping functions for nobody but their owner.
revoke execute on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;
revoke execute on function private.add_evidence(uuid, text, text, double precision, double precision, double precision, timestamptz) from authenticated;
revoke execute on function private.validate_activity() from authenticated;
revoke execute on function private.derive_evidence() from authenticated;
revoke execute on function private.record_evidence(public.activity_events, text, text, double precision, double precision, double precision) from authenticated;
revoke execute on function private.add_creator_as_admin() from authenticated;
revoke execute on function private.on_membership_removed() from authenticated;
revoke execute on function public.join_organisation(text, text) from public, anon;
revoke execute on function public.record_activity(jsonb) from public, anon;
alter default privileges revoke execute on functions from public;
