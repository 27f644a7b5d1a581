import { Alert, BodyShort, Button, HStack, Table, VStack } from '@navikt/ds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyDetail, Member } from '../../shared/families/families.contract';
import type { Instrument, Measurement, ScoredAnswers } from '../../shared/measures/measures.contract';
import { FormProblem } from '../app/ErrorAlert';
import { formatDate, today } from '../app/format';
import { ScrollTable } from '../app/ScrollTable';
import { focusSection, Section } from '../app/Section';
import { TableHeadings } from '../app/TableHeadings';
import { MeasurementForm } from './MeasurementForm';
import { useFamilyMeasurements, useInstruments } from './measures.api';

const SECTION = 'measures';

/**
 * The family's measurements (issue 15 §5): the next one due, a form to record one (baseline,
 * follow-up, exit), the scores over time per person and instrument, and the baseline facts.
 */
export function MeasuresSection({ family }: { family: FamilyDetail }) {
  const { t, i18n } = useTranslation();
  const measurements = useFamilyMeasurements(family.id);
  const instruments = useInstruments();
  const [recording, setRecording] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const data = measurements.data;
  const items = data?.items ?? [];
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const done = () => {
    setRecording(false);
    setCorrecting(false);
    focusSection(SECTION);
  };
  const latest = items.at(-1);
  const open = recording || correcting;
  return (
    <Section
      id={SECTION}
      title={t('measures.title')}
      actions={
        data?.abilities.record && !open ? (
          <HStack gap="space-8">
            {latest?.abilities.update && (
              <Button type="button" size="small" variant="tertiary" onClick={() => setCorrecting(true)}>
                {t('measures.editLatest')}
              </Button>
            )}
            <Button type="button" size="small" variant="secondary" onClick={() => setRecording(true)}>
              {t('measures.record')}
            </Button>
          </HStack>
        ) : undefined
      }
    >
      <FormProblem error={measurements.error ?? instruments.error} />
      {data?.next && (
        <Alert variant={data.next.dueOn <= today() ? 'warning' : 'info'} size="small" inline>
          {t(`measures.next.${data.next.occasion}`, { date: formatDate(data.next.dueOn) })}
        </Alert>
      )}
      {recording && instruments.data && (
        <MeasurementForm
          familyId={family.id}
          members={family.members}
          instruments={instruments.data.items}
          occasion={data?.next?.occasion ?? 'follow_up'}
          today={today()}
          language={lang}
          onDone={done}
        />
      )}
      {correcting && latest && instruments.data && (
        <MeasurementForm
          familyId={family.id}
          members={family.members}
          instruments={instruments.data.items}
          occasion={latest.occasion}
          today={today()}
          language={lang}
          existing={latest}
          onDone={done}
        />
      )}
      {data && items.length === 0 && <BodyShort>{t('measures.none')}</BodyShort>}
      {items.length > 0 && (
        <ScoresTable items={items} members={family.members} instruments={instruments.data?.items ?? []} />
      )}
      {items.some((m) => m.adults.length > 0) && <FactsTable items={items} members={family.members} />}
      {items.some((m) => m.children.length > 0) && <SchoolTable items={items} members={family.members} />}
    </Section>
  );
}

const nameOf = (members: Member[], id: string) => {
  const m = members.find((x) => x.id === id);
  return m ? `${m.firstName} ${m.lastName}` : '';
};

/** Every score, one row per measurement, person and instrument, oldest first. */
function ScoresTable({
  items,
  members,
  instruments,
}: {
  items: Measurement[];
  members: Member[];
  instruments: Instrument[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const instrumentName = (a: ScoredAnswers) =>
    instruments.find((i) => i.id === a.instrumentId)?.name[lang] ?? a.instrumentCode;
  const rows = items.flatMap((m) => [
    ...m.adults.flatMap((p) => p.answers.map((a) => ({ m, who: nameOf(members, p.personId), a }))),
    ...m.children.flatMap((p) => p.answers.map((a) => ({ m, who: nameOf(members, p.personId), a }))),
    ...m.household.map((a) => ({ m, who: t('measures.household'), a })),
  ]);
  return (
    <VStack gap="space-8">
      <ScrollTable label={t('measures.scoresTitle')}>
        <Table size="small">
          <caption className="navds-sr-only">{t('measures.scoresTitle')}</caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('measures.takenOn')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('measures.occasion')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('measures.person')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('measures.instrument')}</Table.HeaderCell>
              <Table.HeaderCell scope="col" align="right">
                {t('measures.score')}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map(({ m, who, a }) => (
              <Table.Row key={`${m.id}-${who}-${a.instrumentId}`}>
                <Table.DataCell>{formatDate(m.takenOn)}</Table.DataCell>
                <Table.DataCell>{t(`measures.occasionOption.${m.occasion}`)}</Table.DataCell>
                <Table.DataCell>{who}</Table.DataCell>
                <Table.DataCell>{instrumentName(a)}</Table.DataCell>
                <Table.DataCell align="right">{a.score ?? '–'}</Table.DataCell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </ScrollTable>
    </VStack>
  );
}

/** The adults' years without work and status, per measurement. */
function FactsTable({ items, members }: { items: Measurement[]; members: Member[] }) {
  const { t } = useTranslation();
  const rows = items.flatMap((m) => m.adults.map((a) => ({ m, a })));
  return (
    <ScrollTable label={t('measures.factsTitle')}>
      <Table size="small">
        <caption className="navds-sr-only">{t('measures.factsTitle')}</caption>
        <TableHeadings
          labels={['measures.takenOn', 'measures.person', 'measures.years', 'measures.currentStatus']}
        />
        <Table.Body>
          {rows.map(({ m, a }) => (
            <Table.Row key={`${m.id}-${a.personId}`}>
              <Table.DataCell>{formatDate(m.takenOn)}</Table.DataCell>
              <Table.DataCell>{nameOf(members, a.personId)}</Table.DataCell>
              <Table.DataCell>{a.unemploymentYears ?? '–'}</Table.DataCell>
              <Table.DataCell>
                {a.currentStatus ? t(`measures.status.${a.currentStatus}`) : '–'}
              </Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </ScrollTable>
  );
}

/** The children's school, class, absence and leisure activities, per measurement. */
function SchoolTable({ items, members }: { items: Measurement[]; members: Member[] }) {
  const { t } = useTranslation();
  const rows = items.flatMap((m) => m.children.map((c) => ({ m, c })));
  return (
    <ScrollTable label={t('measures.schoolTitle')}>
      <Table size="small">
        <caption className="navds-sr-only">{t('measures.schoolTitle')}</caption>
        <TableHeadings
          labels={[
            'measures.takenOn',
            'measures.person',
            'measures.school',
            'measures.schoolClass',
            'measures.absencePercent',
            'measures.leisureActivities',
          ]}
        />
        <Table.Body>
          {rows.map(({ m, c }) => (
            <Table.Row key={`${m.id}-${c.personId}`}>
              <Table.DataCell>{formatDate(m.takenOn)}</Table.DataCell>
              <Table.DataCell>{nameOf(members, c.personId)}</Table.DataCell>
              <Table.DataCell>{c.school ?? '–'}</Table.DataCell>
              <Table.DataCell>{c.schoolClass ?? '–'}</Table.DataCell>
              <Table.DataCell>{c.absencePercent ?? '–'}</Table.DataCell>
              <Table.DataCell>{c.leisureActivities.join(', ') || '–'}</Table.DataCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </ScrollTable>
  );
}
