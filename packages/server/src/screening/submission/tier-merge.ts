import { sql } from 'kysely';

/**
 * Core's `mergeTierSuggestion`, as the submission statement computes it: it runs in the statement that
 * stores the responses, so a student's two forms arriving together still end in one assessment. The
 * statement names the stored row `existing` (`insert into tier_assessment as existing`);
 * `tier-merge.int.test.ts` holds this clause to core's definition.
 */
export const MERGE_TIER_SUGGESTION = sql`on conflict (student_id, campaign_id) do update
           set suggested_tier = greatest(existing.suggested_tier, excluded.suggested_tier),
               suggested_reasons = existing.suggested_reasons || excluded.suggested_reasons,
               status = case when excluded.suggested_tier > coalesce(existing.confirmed_tier, existing.suggested_tier)
                             then 'suggested' else existing.status end`;
