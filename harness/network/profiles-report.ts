/**
 * `meetbench doctor`'s row on network profiles: for each profile of the catalogue, whether this machine
 * applies it in full or which parts it cannot apply (and why), from the probed kernel features.
 */
import { shapingFeatures } from './shaping-features.ts';
import { planShaping } from './shaping-plan.ts';
import { CATALOGUE_FILE, loadCatalogue } from './catalogue.ts';
import { isUnshaped } from './profile-schema.ts';

export async function profilesReport(file = CATALOGUE_FILE): Promise<{ status: 'ok' | 'unavailable'; detail: string; hint?: string }> {
  const features = await shapingFeatures();
  const catalogue = loadCatalogue(file);
  const partial: string[] = [];
  const full: string[] = [];
  for (const [name, profile] of Object.entries(catalogue.profiles)) {
    if (isUnshaped(profile)) {
      full.push(name);
      continue;
    }
    const plan = planShaping(profile, features);
    if (plan.notApplied.length === 0) full.push(name);
    else partial.push(`${name} (no ${[...new Set(plan.parts.filter((p) => !p.mechanism).map((p) => p.kind))].join(', ')})`);
  }
  if (partial.length === 0) return { status: 'ok', detail: `all applied in full: ${full.join(', ')}` };
  return {
    status: 'unavailable',
    detail: `in full: ${full.join(', ') || 'none'}; partial: ${partial.join('; ')}`,
    hint: `${Object.values(features.why).join('; ')}; scenarios using a partial profile need acceptPartialShaping: true`,
  };
}
