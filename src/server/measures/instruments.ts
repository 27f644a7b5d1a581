import type { Instrument } from '../../shared/measures/measures.contract';
import type { ScoringRule } from '../../shared/measures/scoring';
import { instrumentItems, instruments, scaleLabels } from './measures.queries';

type Q = Parameters<typeof instruments>[0];

/** The municipality's active instruments, assembled from three statements. */
export async function loadInstruments(db: Q, municipalityId: string): Promise<Instrument[]> {
  const heads = await instruments(db, municipalityId);
  const items = await instrumentItems(db, municipalityId);
  const labels = await scaleLabels(db, municipalityId);
  return heads.map((h) => {
    const byValue = new Map<number, { da: string; en: string }>();
    for (const l of labels.filter((x) => x.instrument_id === h.id)) {
      const text = byValue.get(l.value) ?? { da: '', en: '' };
      text[l.language] = l.label;
      byValue.set(l.value, text);
    }
    return {
      id: h.id,
      code: h.code,
      respondent: h.respondent,
      scaleMin: h.scale_min,
      scaleMax: h.scale_max,
      scoring: h.scoring,
      name: { da: h.name_da ?? h.code, en: h.name_en ?? h.name_da ?? h.code },
      instructions: { da: h.instructions_da ?? '', en: h.instructions_en ?? h.instructions_da ?? '' },
      items: items
        .filter((i) => i.instrument_id === h.id)
        .map((i) => ({
          id: i.id,
          position: i.position,
          text: { da: i.text_da ?? '', en: i.text_en ?? i.text_da ?? '' },
        })),
      labels: [...byValue.entries()]
        .sort(([a], [b]) => a - b)
        .map(([value, text]) => ({ value, text: { da: text.da, en: text.en || text.da } })),
    };
  });
}

export const scoringRuleOf = (i: Instrument): ScoringRule => ({
  scoring: i.scoring,
  scaleMin: i.scaleMin,
  scaleMax: i.scaleMax,
  items: i.items.length,
});
