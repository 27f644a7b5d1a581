import type { OutreachStatus } from '../../shared/outreach/outreach.contract';

/**
 * How each outreach status is drawn: a colour and a symbol, so the picture does not rely on colour
 * alone (WCAG 1.4.1); every colour is light under dark text (contrast over 7:1) with a dark border.
 */
export const STATUS_LOOK: Record<OutreachStatus | 'none', { symbol: string; className: string }> = {
  none: { symbol: '·', className: 'sc-cell-none' },
  not_eligible: { symbol: '–', className: 'sc-cell-not-eligible' },
  eligible: { symbol: '○', className: 'sc-cell-eligible' },
  not_home: { symbol: '⌂', className: 'sc-cell-not-home' },
  talked: { symbol: '●', className: 'sc-cell-talked' },
  call_back: { symbol: '↻', className: 'sc-cell-call-back' },
  not_interested: { symbol: '✕', className: 'sc-cell-not-interested' },
  interested: { symbol: '★', className: 'sc-cell-interested' },
  enrolled: { symbol: '✓', className: 'sc-cell-enrolled' },
  comparison: { symbol: '◇', className: 'sc-cell-comparison' },
};

export const STATUS_ORDER: (OutreachStatus | 'none')[] = [
  'none',
  'not_eligible',
  'eligible',
  'not_home',
  'talked',
  'call_back',
  'not_interested',
  'interested',
  'enrolled',
  // The comparison group is never shown to the team (decision 0049): not in the legend either.
];
