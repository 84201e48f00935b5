-- The open splits of a region's period (ProjectCredits.open, read by every summary): the split versions by signing
-- day with every column the count reads, so that a province's year is an index-only scan of its splits rather than
-- a visit to each of their heap pages.
create index project_approved_split_cover_idx on project_approved (signed_on)
    include (valid_from, valid_to, region_id, attracting_region_id, attracting_share, contract_amount,
             total_investment, project_id)
    where attracting_region_id is not null and attracting_region_id <> region_id and attracting_share > 0;
