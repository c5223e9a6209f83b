-- Issue 16 §1: agency_dispersion summed after joining its cells to the three formats: the
-- planner, misled by the filter on derived ratios (it expected 75 cells of 45,000), sorted
-- every cell by format for a merge join, on disk at the default work_mem. The cells are now
-- summed per format first (three rows, hashed), then joined to the formats. Same sums, same
-- columns, same access check.
create or replace function private.agency_dispersion(organisation_id uuid)
returns table (format text, numerator double precision, denominator double precision, df bigint, cells bigint)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if organisation_id is null or not coalesce(private.is_org_admin(organisation_id), false) then
    raise exception 'Only the agency''s admins can see its dispersion estimate.' using errcode = '42501';
  end if;
  return query
  select formats.format, coalesce(c.numerator, 0), coalesce(c.denominator, 0), coalesce(c.df, 0), coalesce(c.cells, 0)
  from (values ('choice'), ('check'), ('observation')) as formats (format)
  left join (
    select x.format, sum(x.num) as numerator, sum(x.den) as denominator, sum(x.runs - 1)::bigint as df, count(*) as cells
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
    group by x.format
  ) c on c.format = formats.format
  order by formats.format;
end
$$;
revoke all on function private.agency_dispersion(uuid) from public, anon;
grant execute on function private.agency_dispersion(uuid) to authenticated, service_role;
