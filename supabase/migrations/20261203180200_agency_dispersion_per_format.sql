-- Issue 16 §1: agency_dispersion summed after joining its cells to the three formats: the
-- planner, misled by the filter on derived ratios (it expected 75 cells of 45,000), sorted
-- every cell by format for a merge join, on disk at the default work_mem. The cells are now
-- summed per format in one pass with no grouping (a sum per format, `filter`), whatever the
-- planner expects, and the three sums turned into the three rows. Same sums, same columns,
-- same order, same access check.
create or replace function private.agency_dispersion(organisation_id uuid)
returns table (format text, numerator double precision, denominator double precision, df bigint, cells bigint)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if organisation_id is null or not coalesce(private.is_org_admin(organisation_id), false) then
    raise exception 'Only the agency''s admins can see its dispersion estimate.' using errcode = '42501';
  end if;
  return query
  select v.format, v.numerator, v.denominator, v.df, v.cells
  from (
    select
      coalesce(sum(x.num) filter (where x.format = 'check'), 0) as check_num,
      coalesce(sum(x.den) filter (where x.format = 'check'), 0) as check_den,
      coalesce(sum(x.runs - 1) filter (where x.format = 'check'), 0)::bigint as check_df,
      count(*) filter (where x.format = 'check') as check_cells,
      coalesce(sum(x.num) filter (where x.format = 'choice'), 0) as choice_num,
      coalesce(sum(x.den) filter (where x.format = 'choice'), 0) as choice_den,
      coalesce(sum(x.runs - 1) filter (where x.format = 'choice'), 0)::bigint as choice_df,
      count(*) filter (where x.format = 'choice') as choice_cells,
      coalesce(sum(x.num) filter (where x.format = 'observation'), 0) as observation_num,
      coalesce(sum(x.den) filter (where x.format = 'observation'), 0) as observation_den,
      coalesce(sum(x.runs - 1) filter (where x.format = 'observation'), 0)::bigint as observation_df,
      count(*) filter (where x.format = 'observation') as observation_cells
    from (
      select y.format, y.sw, y.num, y.sw * y.p * (1 - y.p) + y.num / y.sw as den, y.runs
      from (
        select z.format, z.sw, z.runs, z.p,
               greatest(0, z.saa - 2 * z.p * z.sna + z.p * z.p * z.snn) * z.runs / (z.runs - 1) as num
        from (
          select f.format, f.sw, f.runs, f.saa, f.sna, f.snn, f.swy / f.sw as p
          from (select distinct m.user_id from public.memberships m where m.organisation_id = agency_dispersion.organisation_id) members
          join public.skill_format_stats f on f.user_id = members.user_id
          where f.runs >= 2 and f.sw > 0
        ) z
        where z.p > 0 and z.p < 1
      ) y
    ) x
    where x.den > 1e-12 * x.sw
  ) t
  cross join lateral (values
    ('check', t.check_num, t.check_den, t.check_df, t.check_cells),
    ('choice', t.choice_num, t.choice_den, t.choice_df, t.choice_cells),
    ('observation', t.observation_num, t.observation_den, t.observation_df, t.observation_cells)
  ) as v (format, numerator, denominator, df, cells)
  order by v.format;
end
$$;
revoke all on function private.agency_dispersion(uuid) from public, anon;
grant execute on function private.agency_dispersion(uuid) to authenticated, service_role;
